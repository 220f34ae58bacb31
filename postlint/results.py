"""FileResult: what linting one file gives the reporters.

In its own module (standard library only) so that a run answered entirely from
the result cache builds its results without importing the rule engine.
"""

from __future__ import annotations

from postlint._record import FRESH as _FRESH, Record


# A hand-written record (postlint._record), not a dataclass: @dataclass exec's generated source
# at every start-up (~0.6 ms a class); tests/test_records_startup.py compares it with the dataclass.
class FileResult(Record):
    _fields = ("path", "diagnostics", "fixed", "original", "text", "internal_error", "encoding", "applied",
               "converged")

    def __init__(self, path: str, diagnostics: list = _FRESH, fixed: int = 0, original: str | None = None,
                 text: str | None = None, internal_error: bool = False, encoding: tuple = ("utf-8", False),
                 applied: list = _FRESH, converged: bool = True):
        self.path = path  # as displayed
        self.diagnostics = [] if diagnostics is _FRESH else diagnostics
        self.fixed = fixed  # fixes applied (with --fix / --diff)
        self.original = original  # text before fixing, when fixes were computed
        self.text = text  # text after fixing
        self.internal_error = internal_error
        self.encoding = encoding  # (encoding, had BOM), to write fixes back byte-true
        # The findings whose fixes were applied, in order: (pass, Diagnostic) (--show-fixes, tests).
        self.applied = [] if applied is _FRESH else applied
        self.converged = converged  # False when fixes still applied in the last allowed pass

    @property
    def changed(self) -> bool:
        return self.text is not None and self.original is not None and self.text != self.original
