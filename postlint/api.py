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

from pathlib import Path

from postlint.config import Settings, settings_from_table
from postlint.engine import Linter, apply_fixes
from postlint.registry import load_registry

_LINTERS: dict = {}


def make_settings(config=None, root: Path | None = None) -> Settings:
    if isinstance(config, Settings):
        return config
    return settings_from_table(dict(config or {}), "config", root or Path.cwd(), None)


def linter_for(settings: Settings) -> Linter:
    key = settings.rule_files
    if key not in _LINTERS:
        _LINTERS[key] = Linter(load_registry(settings.rule_files), None)
    return _LINTERS[key]


def lint_text(text: str, path: str = "<text>", config=None) -> list:
    settings = make_settings(config)
    from postlint.document import Document

    doc = Document.from_text(text, path)
    return linter_for(settings).lint_document(doc, settings, Path(path))


def lint_bytes(data: bytes, path: str = "<bytes>", config=None) -> list:
    settings = make_settings(config)
    return linter_for(settings).lint_bytes(data, path, settings, Path(path)).diagnostics


def fix_text(text: str, path: str = "<text>", config=None, unsafe: bool = False) -> tuple[str, list]:
    """Apply fixes to a fixed point; return (fixed text, remaining diagnostics)."""
    settings = make_settings(config)
    result = linter_for(settings).lint_bytes(text.encode("utf-8", "surrogateescape"), path, settings, Path(path),
                                             fix=True, unsafe=unsafe)
    return (result.text if result.text is not None else text), result.diagnostics


__all__ = ["lint_text", "lint_bytes", "fix_text", "apply_fixes", "make_settings"]
