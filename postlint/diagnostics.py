"""Values that flow from rules to reporters: edits, fixes, violations, diagnostics."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from postlint._record import FrozenRecord


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


@dataclass
class Violation:
    """What a rule reports: a span of Document.text and a message, optionally a fix."""

    start: int
    end: int
    message: str
    fix: Fix | None = None
    # Optional extra data for machine-readable formats (e.g. suggestions).
    suggestions: tuple[str, ...] = ()


@dataclass
class Diagnostic:
    """A finished finding, positioned (1-based line and column) and stamped by the engine."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: Severity
    message: str
    fix: Fix | None = None
    start: int = 0  # character offsets into the decoded text, for fixing
    end: int = 0
    suggestions: tuple[str, ...] = ()
    # (line, column, end_line, end_column, content) for each edit of the fix, 1-based.
    fix_locations: tuple[tuple[int, int, int, int, str], ...] = ()
    source_line: str = field(default="", compare=False, repr=False)

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
