"""The library API: lint text with no file I/O.

    >>> import postlint
    >>> [d.code for d in postlint.lint_text("##ABOUT\\n", config={"schema": "none"})]
    ['PL301']

``config`` is a mapping with the keys of ``[tool.postlint]`` (``select``,
``ignore``, ``schema``, ``rule-options``...) or a :class:`postlint.config.Settings`.
The Linter built for a configuration is cached, so calling this in a loop
costs only the linting.
"""

from __future__ import annotations

import os
from pathlib import Path

from postlint.collector import paused
from postlint.config import WORDS_FILE, Settings, settings_from_table
from postlint.engine import Linter, apply_fixes
from postlint.registry import load_registry

_LINTERS: dict = {}


def make_settings(config=None, root: Path | None = None) -> Settings:
    if isinstance(config, Settings):
        return config
    return settings_from_table(dict(config or {}), "config", root or Path.cwd(), None)


_DEFAULT: list = [None, None]  # [folder, its Settings] of the last call without a config


def _settings(config) -> Settings:
    """``make_settings(config)``; for no config, the Settings of the last call when the current
    folder is the same and holds no ``.postlint-words.txt`` (then nothing else decides them).

    A loop of ``lint_bytes(data, path)`` built them again for every posting: ``Path.cwd()``
    twice, a ``stat`` through pathlib and the Settings record (~10 us a posting). Now one
    ``getcwd`` and one ``stat``; with a words file there they are read again each call, as
    before, so an edited word list is seen at once. tests/test_api.py checks both.
    """
    if config is not None:
        return make_settings(config)
    folder = os.getcwd()
    if os.path.lexists(os.path.join(folder, WORDS_FILE)):
        return make_settings(None)
    if _DEFAULT[0] != folder:
        _DEFAULT[1] = make_settings(None, Path(folder))
        _DEFAULT[0] = folder
    return _DEFAULT[1]


def linter_for(settings: Settings) -> Linter:
    key = settings.rule_files
    if key not in _LINTERS:
        _LINTERS[key] = Linter(load_registry(settings.rule_files), None)
    return _LINTERS[key]


def lint_text(text: str, path: str = "<text>", config=None) -> list:
    settings = _settings(config)
    from postlint.document import Document

    with paused():  # the cyclic collector, as lint_bytes does (postlint/collector.py)
        doc = Document.from_text(text, path)
        return linter_for(settings).lint_document(doc, settings, Path(path))


def lint_bytes(data: bytes, path: str = "<bytes>", config=None) -> list:
    settings = _settings(config)
    return linter_for(settings).lint_bytes(data, path, settings, Path(path)).diagnostics


def fix_text(text: str, path: str = "<text>", config=None, unsafe: bool = False) -> tuple[str, list]:
    """Apply fixes to a fixed point; return (fixed text, remaining diagnostics)."""
    settings = _settings(config)
    result = linter_for(settings).lint_bytes(text.encode("utf-8", "surrogateescape"), path, settings, Path(path),
                                             fix=True, unsafe=unsafe)
    return (result.text if result.text is not None else text), result.diagnostics


class ConfiguredLinter:
    """A linter built once for one configuration: the unit to ship to workers.

    Build it with :func:`postlint.configure`. It is picklable: the pickle holds
    only the configuration (the mapping, or the :class:`~postlint.config.Settings`)
    and the folder relative paths are resolved against, never the compiled rules,
    so it is small; unpickling rebuilds the rule registry once in the receiving
    process (and the registry is cached per process, so several linters with the
    same rule files share it). No method reads or writes files, except that a
    schema or rule file named in the configuration is read the first time it is
    needed.
    """

    def __init__(self, config=None, root=None):
        if isinstance(config, Settings):
            root = config.root
        self._config = config if isinstance(config, Settings) else dict(config or {})
        self._root = str(Path(root or Path.cwd()).resolve())
        self._build()

    def _build(self) -> None:
        self.settings = make_settings(self._config, Path(self._root))
        self._linter = Linter(load_registry(self.settings.rule_files), None)
        # Fail now, in the driver, on a selector that matches no rule: not in every worker.
        self.settings.enabled_codes(self._linter.registry)

    def __getstate__(self):
        return {"config": self._config, "root": self._root}

    def __setstate__(self, state):
        self._config = state["config"]
        self._root = state["root"]
        self._build()

    def __repr__(self) -> str:
        return f"ConfiguredLinter({self._config!r}, root={self._root!r})"

    @property
    def registry(self):
        return self._linter.registry

    def lint_text(self, text: str, path: str = "<text>") -> list:
        """Diagnostics for one posting given as text; ``path`` is what they display and
        what ``per-file-ignores`` and ``schemas`` globs are matched against."""
        from postlint.document import Document

        with paused():  # the cyclic collector, as lint_bytes does (postlint/collector.py)
            doc = Document.from_text(text, path)
            return self._linter.lint_document(doc, self.settings, Path(path))

    def lint_bytes(self, data: bytes, path: str = "<bytes>") -> list:
        """As :meth:`lint_text` for undecoded bytes (BOM, UTF-16, bad bytes as PL001),
        within the per-file time budget when called from a main thread."""
        return self._linter.lint_bytes(data, path, self.settings, Path(path)).diagnostics

    def lint_records(self, records, text_field: str = "description", id_field: str | None = "id",
                     source: str = "<records>"):
        """Lint an iterable of records (mappings), one at a time: yields diagnostics as
        ``--jsonl`` reports them (``source#ID``, or ``source#L<n>`` for the n-th record
        without an id; a record with no string at ``text_field`` is ``PL006`` on
        ``source:n:1``). Fields are dotted paths; nothing is read ahead."""
        from postlint.diagnostics import Diagnostic, Severity
        from postlint.records import check_record

        invalid = self.registry.get("PL006")
        for number, record in enumerate(records, 1):
            number, rid, text, problem = check_record(number, record, text_field, id_field,
                                                      "Record is a {}, not an object (a record)")
            if problem is not None:
                column, message = problem
                yield Diagnostic(source, number, column, number, column, invalid.code, invalid.name,
                                 Severity.ERROR, message)
                continue
            where = f"{source}#{rid if rid is not None else f'L{number}'}"
            yield from self.lint_bytes(text.encode("utf-8", "surrogatepass"), where)

    def fix_text(self, text: str, path: str = "<text>", unsafe: bool = False) -> tuple[str, list]:
        """Apply fixes to a fixed point; return (fixed text, remaining diagnostics)."""
        result = self._linter.lint_bytes(text.encode("utf-8", "surrogateescape"), path, self.settings,
                                         Path(path), fix=True, unsafe=unsafe)
        return (result.text if result.text is not None else text), result.diagnostics


def configure(config=None, root=None) -> ConfiguredLinter:
    """Build a :class:`ConfiguredLinter` for ``config`` (a ``[tool.postlint]``-style
    mapping or Settings); ``root`` (default: the current folder) is where relative
    schema and rule-file paths and ``.postlint-words.txt`` are looked up."""
    return ConfiguredLinter(config, root)


__all__ = ["lint_text", "lint_bytes", "fix_text", "apply_fixes", "make_settings", "configure", "ConfiguredLinter"]
