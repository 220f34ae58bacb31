"""Values that flow from rules to reporters: edits, fixes, violations, diagnostics."""

from __future__ import annotations

import enum

from postlint._record import FrozenRecord, Record


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls[str(value).upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {value!r} (expected one of: error, warning, info)"
            ) from None

    def __str__(self) -> str:  # "error", "warning", "info"
        return self.name.lower()


# Edit and Fix are hand-written frozen records (postlint._record), not dataclasses: the
# same fields, eq, hash, repr and immutability, without the class build at every start.
class Edit(FrozenRecord):
    """Replace ``text[start:end]`` (character offsets in Document.text) with ``content``."""

    __slots__ = ("start", "end", "content")
    _fields = __slots__

    def __init__(self, start: int, end: int, content: str):
        set_ = object.__setattr__
        set_(self, "start", start)
        set_(self, "end", end)
        set_(self, "content", content)


class Fix(FrozenRecord):
    __slots__ = ("edits", "safe", "message")
    _fields = __slots__

    def __init__(self, edits: tuple[Edit, ...], safe: bool = True, message: str | None = None):
        set_ = object.__setattr__
        set_(self, "edits", edits)
        set_(self, "safe", safe)
        set_(self, "message", message)

    @classmethod
    def replace(cls, start: int, end: int, content: str, *, safe: bool = True, message: str | None = None) -> "Fix":
        return cls((Edit(start, end, content),), safe=safe, message=message)

    @property
    def start(self) -> int:
        return min(e.start for e in self.edits)

    @property
    def end(self) -> int:
        return max(e.end for e in self.edits)


# Violation and Diagnostic are hand-written records too (no __slots__: they had a __dict__).
class Violation(Record):
    """What a rule reports: a span of Document.text and a message, optionally a fix."""

    _fields = ("start", "end", "message", "fix", "suggestions")

    def __init__(self, start: int, end: int, message: str, fix: Fix | None = None,
                 suggestions: tuple[str, ...] = ()):
        self.start = start
        self.end = end
        self.message = message
        self.fix = fix
        # Optional extra data for machine-readable formats (e.g. suggestions).
        self.suggestions = suggestions


class Diagnostic(Record):
    """A finished finding, positioned (1-based line and column) and stamped by the engine."""

    # source_line is left out of eq and repr (it was field(compare=False, repr=False)).
    _fields = ("path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message", "fix",
               "start", "end", "suggestions", "fix_locations")
    _init_fields = _fields + ("source_line",)

    def __init__(self, path: str, line: int, column: int, end_line: int, end_column: int, code: str, name: str,
                 severity: Severity, message: str, fix: Fix | None = None, start: int = 0, end: int = 0,
                 suggestions: tuple[str, ...] = (), fix_locations: tuple[tuple[int, int, int, int, str], ...] = (),
                 source_line: str = ""):
        self.path = path
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        self.code = code
        self.name = name
        self.severity = severity
        self.message = message
        self.fix = fix
        self.start = start  # character offsets into the decoded text, for fixing
        self.end = end
        self.suggestions = suggestions
        # (line, column, end_line, end_column, content) for each edit of the fix, 1-based.
        self.fix_locations = fix_locations
        self.source_line = source_line

    @property
    def fixable(self) -> bool:
        return self.fix is not None

    def sort_key(self):
        return (self.path, self.line, self.column, self.code, self.message)

    def to_dict(self) -> dict:
        fix = None
        if self.fix is not None:
            fix = {
                "safe": self.fix.safe,
                "message": self.fix.message,
                "edits": [
                    {"line": l, "column": c, "end_line": el, "end_column": ec, "content": content}
                    for (l, c, el, ec, content) in self.fix_locations
                ],
            }
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "severity": str(self.severity),
            "message": self.message,
            "fix": fix,
            "suggestions": list(self.suggestions),
        }
