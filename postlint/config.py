"""Configuration: ``[tool.postlint]`` in pyproject.toml or a ``.postlint.toml``.

The nearest configuration above a file wins (in one folder ``.postlint.toml``
wins over ``pyproject.toml``); settings are not merged across files, as in
Ruff. Command-line options apply on top of whichever file is found.
"""

from __future__ import annotations

import fnmatch
import os
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from postlint.diagnostics import Severity

CONFIG_FILES = (".postlint.toml", "pyproject.toml")
WORDS_FILE = ".postlint-words.txt"
DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.mdown", "*.mkd", "*.mkdn")
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", "node_modules", "_site", ".venv", "venv", ".tox", "vendor", ".jekyll-cache", ".sass-cache")


class ConfigError(Exception):
    """A configuration that cannot be used; always names the file and the problem."""


@dataclass
class Settings:
    config_path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    select: tuple | None = None
    extend_select: tuple = ()
    ignore: tuple = ()
    per_file_ignores: dict = field(default_factory=dict)
    severity: dict = field(default_factory=dict)
    fail_on: str = "warning"
    schema: str | None = "job-posting"
    schemas: dict = field(default_factory=dict)  # glob -> schema, first match wins
    layouts: dict = field(default_factory=dict)  # front-matter layout value -> schema
    include: tuple = DEFAULT_INCLUDE
    exclude: tuple = ()
    words: tuple = ()
    rule_files: tuple = ()
    rule_options: dict = field(default_factory=dict)
    timeout: float | None = None  # seconds per file; None: timebudget.DEFAULT_TIMEOUT, 0: no limit

    def where(self) -> str:
        return str(self.config_path) if self.config_path else "command line"

    # ----------------------------------------------------------- derived
    def relative(self, path: Path) -> str:
        root = self.__dict__.get("_resolved_root")
        if root is None or root[0] != self.root:  # resolve() stats every part: once per root, not per file
            root = self.__dict__["_resolved_root"] = (self.root, str(self.root.resolve()))
        absolute = os.path.abspath(path)
        if absolute == root[1]:
            return "."
        if absolute.startswith(root[1].rstrip("/") + "/"):
            return absolute[len(root[1].rstrip("/")) + 1:].replace(os.sep, "/")
        if os.name != "nt":  # not below the root (relative_to is the same prefix test)
            return Path(path).as_posix()
        try:
            return Path(absolute).relative_to(root[1]).as_posix()
        except ValueError:
            return Path(path).as_posix()

    def enabled_codes(self, registry, path: Path | None = None) -> set[str]:
        from postlint.registry import RegistryError

        try:
            codes = set().union(*(registry.resolve(s) for s in self.select)) if self.select is not None else registry.defaults()
            for sel in self.extend_select:
                codes |= registry.resolve(sel)
            for sel in self.ignore:
                codes -= registry.resolve(sel)
            if path is not None:
                rel = self.relative(path)
                for pattern, selectors in self.per_file_ignores.items():
                    if glob_match(pattern, rel):
                        for sel in selectors:
                            codes -= registry.resolve(sel)
        except RegistryError as exc:
            raise ConfigError(f"{self.where()}: {exc}") from None
        return codes

    def severity_of(self, rule, registry) -> Severity:
        for selector, level in self.severity.items():
            try:
                if rule.code in registry.resolve(selector):
                    return Severity.parse(level)
            except Exception as exc:
                raise ConfigError(f"{self.where()}: severity: {exc}") from None
        return rule.severity

    def schema_path(self, path: Path | None = None) -> Path | None:
        from postlint.schema import resolve_schema_path

        spec = self.schema
        if path is not None and self.schemas:
            rel = self.relative(path)
            for pattern, value in self.schemas.items():
                if glob_match(pattern, rel):
                    spec = value
                    break
        if spec in (None, "none", False):
            return None
        return resolve_schema_path(str(spec), self.root)


def glob_match(pattern: str, relpath: str) -> bool:
    """Glob with ``**`` across folders; a pattern without '/' matches the file name too."""
    rx = _glob_regex(pattern)
    if rx.match(relpath):
        return True
    return "/" not in pattern.rstrip("/") and bool(rx.match(relpath.rsplit("/", 1)[-1]))


_GLOB_CACHE: dict = {}


def _glob_regex(pattern: str) -> re.Pattern:
    if pattern not in _GLOB_CACHE:
        out, i = [], 0
        p = pattern.lstrip("./") if pattern.startswith("./") else pattern
        while i < len(p):
            if p.startswith("**/", i):
                out.append("(?:.*/)?")
                i += 3
            elif p.startswith("**", i):
                out.append(".*")
                i += 2
            elif p[i] == "*":
                out.append("[^/]*")
                i += 1
            elif p[i] == "?":
                out.append("[^/]")
                i += 1
            elif p[i] == "[":
                end = p.find("]", i + 1)
                if end == -1:
                    out.append(re.escape(p[i]))
                    i += 1
                else:
                    out.append("[" + p[i + 1:end].replace("\\", "\\\\") + "]")
                    i = end + 1
            else:
                out.append(re.escape(p[i]))
                i += 1
        try:
            _GLOB_CACHE[pattern] = re.compile("".join(out) + "(?:/.*)?$")
        except re.error as exc:
            raise ConfigError(f"invalid glob {pattern!r}: {exc}") from None
    return _GLOB_CACHE[pattern]


# ------------------------------------------------------------------ parsing
_LIST_KEYS = {"select": "select", "extend-select": "extend_select", "ignore": "ignore",
              "include": "include", "exclude": "exclude", "words": "words", "rule-files": "rule_files"}
_KNOWN = set(_LIST_KEYS) | {"per-file-ignores", "severity", "fail-on", "schema", "schemas", "rule-options",
                            "extend-exclude", "timeout", "layouts"}


def _strings(where: str, key: str, value) -> tuple:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of strings")
    return tuple(value)


def settings_from_table(table: dict, where: str, root: Path, config_path: Path | None) -> Settings:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: [tool.postlint] must be a table")
    settings = Settings(config_path=config_path, root=root)
    for key, value in table.items():
        if key not in _KNOWN:
            import difflib  # only for an unknown setting's hint

            close = difflib.get_close_matches(key, sorted(_KNOWN), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise ConfigError(f"{where}: unknown setting '{key}'{hint}")
        if key in _LIST_KEYS:
            setattr(settings, _LIST_KEYS[key], _strings(where, key, value))
        elif key == "extend-exclude":
            settings.exclude = settings.exclude + _strings(where, key, value)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: 'per-file-ignores' must be a table of glob = [codes]")
            settings.per_file_ignores = {g: _strings(where, f"per-file-ignores.{g}", v) for g, v in value.items()}
            for g in value:
                try:
                    _glob_regex(g)
                except ConfigError as exc:
                    raise ConfigError(f"{where}: per-file-ignores: {exc}") from None
        elif key == "severity":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: 'severity' must be a table of code = \"error|warning|info\"")
            for code, level in value.items():
                try:
                    Severity.parse(level)
                except ValueError as exc:
                    raise ConfigError(f"{where}: severity.{code}: {exc}") from None
            settings.severity = dict(value)
        elif key == "fail-on":
            if value not in ("error", "warning", "info"):
                raise ConfigError(f"{where}: 'fail-on' must be \"error\", \"warning\" or \"info\", not {value!r}")
            settings.fail_on = value
        elif key == "schema":
            if value is False:
                value = None
            elif not isinstance(value, str):
                raise ConfigError(f"{where}: 'schema' must be a file path, a built-in schema name, or false")
            settings.schema = value
        elif key == "schemas":
            if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                raise ConfigError(f"{where}: 'schemas' must be a table of glob = \"schema file\"")
            settings.schemas = dict(value)
        elif key == "layouts":
            if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                raise ConfigError(f"{where}: 'layouts' must be a table of layout = \"schema file\"")
            settings.layouts = dict(value)
        elif key == "rule-options":
            if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
                raise ConfigError(f"{where}: 'rule-options' must be a table of tables, e.g. [tool.postlint.rule-options.PL601]")
            settings.rule_options = dict(value)
        elif key == "timeout":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise ConfigError(f"{where}: 'timeout' must be a number of seconds (0 for no limit), not {value!r}")
            settings.timeout = float(value)
    words_file = root / WORDS_FILE
    if words_file.is_file():
        try:
            extra = [w.strip() for w in words_file.read_text(encoding="utf-8").splitlines()]
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{words_file}: cannot read word list ({exc})") from None
        settings.words = settings.words + tuple(w for w in extra if w and not w.startswith("#"))
    settings.rule_files = tuple(str(root / p) for p in settings.rule_files)
    return settings


# Every way TOML can spell a key under tool.postlint: the dotted key (a table header
# [tool.postlint...], [tool . "postlint"], or a key tool.postlint.x = ...), a [tool]
# table, or a tool = {...} inline table. Keys with \u escapes are read as "maybe".
_TOOL_POSTLINT = re.compile(r"""tool["']?[ \t]*\.[ \t]*["']?postlint|^[ \t]*\[[ \t]*["']?tool["']?[ \t]*\]"""
                            r"""|^[ \t]*["']?tool["']?[ \t]*=|\\[uU]""", re.M)


def may_have_tool_postlint(text: str) -> bool:
    """Whether a pyproject.toml may hold a [tool.postlint] table. Most pyproject.toml files
    (postlint's own included) have none: this skips tomllib (~5-10 ms CPU to import and
    parse). Such a file that is not valid TOML is then not postlint's to report."""
    return _TOOL_POSTLINT.search(text) is not None


def load_config_file(path: Path) -> Settings | None:
    """Settings from one file, or None for a pyproject.toml without [tool.postlint]."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not valid UTF-8") from None
    if path.name == "pyproject.toml" and not may_have_tool_postlint(text):
        return None
    # Imported here: tomllib costs ~10 ms and a run with no config file never needs it.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    root = path.parent.resolve()
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("postlint")
        if table is None:
            return None
        return settings_from_table(table, f"{path} [tool.postlint]", root, path)
    table = data.get("tool", {}).get("postlint", data) if "tool" in data else data
    return settings_from_table(table, str(path), root, path)


class ConfigResolver:
    """Finds the nearest configuration for each file, caching per folder."""

    def __init__(self, overrides: dict | None = None, explicit: Path | None = None):
        self.overrides = overrides or {}
        self._by_dir: dict[Path, Settings] = {}
        self._explicit = None
        if explicit is not None:
            loaded = load_config_file(explicit)
            if loaded is None:
                raise ConfigError(f"{explicit}: no [tool.postlint] table")
            self._explicit = self._apply(loaded)

    def _apply(self, settings: Settings) -> Settings:
        return replace(settings, **self.overrides) if self.overrides else settings

    def for_path(self, path: Path) -> Settings:
        if self._explicit is not None:
            return self._explicit
        directory = Path(os.path.abspath(path)).parent
        return self.for_dir(directory)

    def for_dir(self, directory: Path) -> Settings:
        if directory in self._by_dir:
            return self._by_dir[directory]
        found = None
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file():
                found = load_config_file(candidate)
                if found is not None:
                    found = self._apply(found)
                    break
        if found is None:
            parent = directory.parent
            if parent != directory:
                found = self.for_dir(parent)
            else:
                found = self._apply(Settings(root=Path.cwd()))
        self._by_dir[directory] = found
        return found


_EXCLUDE_SPLIT: dict = {}


def _split_excludes(patterns: tuple) -> tuple:
    """(literal names, glob patterns): a pattern without '/', '*', '?' or '[' matches
    exactly when it is the file name, the relative path or its first folders."""
    split = _EXCLUDE_SPLIT.get(patterns)
    if split is None:
        literal = frozenset(p for p in patterns if not any(c in p for c in "/*?["))
        split = _EXCLUDE_SPLIT[patterns] = (literal, tuple(p for p in patterns if p not in literal))
    return split


def is_excluded(settings: Settings, path, rel: str | None = None) -> bool:
    """``rel``: ``settings.relative(path)`` when the caller has it already (files.py)."""
    rel = settings.relative(path) if rel is None else rel
    name = os.path.basename(path)
    literal, globs = _split_excludes(DEFAULT_EXCLUDE + tuple(settings.exclude))
    if name in literal or rel in literal or rel.split("/", 1)[0] in literal and "/" in rel:
        return True
    for pattern in globs:
        if glob_match(pattern, rel) or fnmatch.fnmatch(name, pattern):
            return True
    return False


def is_included(settings: Settings, path, rel: str | None = None) -> bool:
    rel = settings.relative(path) if rel is None else rel
    return any(glob_match(p, rel) for p in settings.include)
