"""FileResult: what linting one file gives the reporters.

In its own module (standard library only) so that a run answered entirely from
the result cache builds its results without importing the rule engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FileResult:
    path: str  # as displayed
    diagnostics: list = field(default_factory=list)
    fixed: int = 0  # fixes applied (with --fix / --diff)
    original: str | None = None  # text before fixing, when fixes were computed
    text: str | None = None  # text after fixing
    internal_error: bool = False
    encoding: tuple = ("utf-8", False)  # (encoding, had BOM), to write fixes back byte-true
    # The findings whose fixes were applied, in order: (pass, Diagnostic) (--show-fixes, tests).
    applied: list = field(default_factory=list)
    converged: bool = True  # False when fixes still applied in the last allowed pass

    @property
    def changed(self) -> bool:
        return self.text is not None and self.original is not None and self.text != self.original
