"""The result cache: a file whose bytes and effective settings have not changed is
not linted again.

An entry is the JSON list of a file's diagnostics, stored under
``<cache dir>/v1/<key[:2]>/<key>`` where the key is the SHA-256 of

- the file's bytes, its displayed path and absolute path (rules read the name:
  PL filename dates, per-file ignores, schema globs);
- every field of the file's effective Settings (command-line options included),
  plus the bytes of the user's rule files, words and schema files it names
  (with the other JSON/YAML files beside each schema, which ``$ref`` may load);
- postlint's version, the name/size/mtime of every file of the installed
  package and its rules/ and schemas/ data (so an edited checkout or an upgraded
  install never reads old results), the installed plugins and their versions;
- today's date: the date rules (expired, future, pay by date) judge against it.

So a change of file, config, rule option, rule file, schema, version or day
gives another key: entries are never stale, only unused. Results that depend on
the machine or the moment are never stored: PL000 (internal error), PL004 (I/O)
and PL005 (timeout). Entries are written to a temporary file and renamed, so
parallel workers and killed runs leave whole entries; an entry that does not
parse is treated as a miss. ``--no-cache`` turns it off; ``--fix``, ``--diff``
and standard input never use it.

The folder is ``$POSTLINT_CACHE_DIR`` or ``.postlint_cache/`` at the project root
(the folder of the configuration file, else the current folder) and holds a
``.gitignore`` of ``*`` so that it is never committed.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import json
import os
from pathlib import Path

from postlint.atomic import replace_bytes

FORMAT = "v1"
NOT_CACHED = frozenset({"PL000", "PL004", "PL005"})


def cache_dir(root: Path) -> Path:
    env = os.environ.get("POSTLINT_CACHE_DIR")
    return Path(env) if env else Path(root) / ".postlint_cache"


def _stamp_tree(h, top: Path, suffixes: tuple) -> None:
    try:
        entries = sorted(os.walk(top))
    except OSError:
        return
    for dirpath, dirnames, filenames in entries:
        if "__pycache__" in dirpath:
            continue
        for name in sorted(filenames):
            if name.endswith(suffixes):
                try:
                    st = os.stat(os.path.join(dirpath, name))
                except OSError:
                    continue
                h.update(f"{os.path.relpath(os.path.join(dirpath, name), top)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())


def _code_fingerprint() -> bytes:
    """postlint's version, installed code and data, plugins, and today's date."""
    import postlint
    from postlint.resources import data_dir

    h = hashlib.sha256()
    h.update(f"{FORMAT}\0{postlint.__version__}\0{_dt.date.today().isoformat()}\n".encode())
    _stamp_tree(h, Path(postlint.__file__).parent, (".py", ".yaml", ".json", ".txt", ".tsv"))
    for name in ("rules", "schemas"):
        try:
            _stamp_tree(h, data_dir(name), ("",))
        except FileNotFoundError:
            pass
    try:
        from postlint.registry import plugin_entry_points  # no importlib.metadata when there are none

        for ep in sorted(plugin_entry_points(), key=lambda e: e.name):
            version = getattr(getattr(ep, "dist", None), "version", "?")
            h.update(f"plugin\0{ep.name}\0{ep.value}\0{version}\n".encode())
    except Exception:  # noqa: BLE001 - no metadata: plugins unknown, version still counts
        pass
    return h.digest()


def _file_bytes(h, path: Path) -> None:
    try:
        h.update(str(path).encode("utf-8", "surrogateescape") + b"\0" + Path(path).read_bytes() + b"\0")
    except OSError as exc:
        h.update(f"{path}\0unreadable {exc.errno}\0".encode())


def _schema_specs(settings):
    specs = [settings.schema, *settings.schemas.values(), *settings.layouts.values()]
    return [s for s in specs if s not in (None, False, "none")]


class Cache:
    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self._code = None
        self._settings: dict = {}
        self._by_id: dict = {}
        self._ready = False

    # ---------------------------------------------------------------- keys
    def _settings_digest(self, settings) -> bytes:
        known = self._by_id.get(id(settings))
        if known is not None and known[0] is settings:
            return known[1]
        if len(self._by_id) > 64:
            self._by_id.clear()
        fields = []
        for f in dataclasses.fields(settings):
            value = getattr(settings, f.name)
            fields.append(f"{f.name}={json.dumps(value, sort_keys=True, default=str)}")
        text = "\n".join(fields)
        digest = self._settings.get(text)
        if digest is None:
            from postlint.schema import resolve_schema_path

            h = hashlib.sha256(text.encode("utf-8", "surrogateescape"))
            for rule_file in settings.rule_files:
                _file_bytes(h, Path(rule_file))
            for spec in _schema_specs(settings):
                schema = resolve_schema_path(str(spec), settings.root)
                _file_bytes(h, schema)
                try:
                    siblings = sorted(p for p in schema.parent.iterdir()
                                      if p != schema and p.suffix in (".json", ".yaml", ".yml"))
                except OSError:
                    siblings = []
                for sibling in siblings:
                    _file_bytes(h, sibling)
            digest = self._settings[text] = h.digest()
        self._by_id[id(settings)] = (settings, digest)  # the object is kept: its id stays its own
        return digest

    def key(self, data: bytes, display: str, path: Path, settings) -> str:
        if self._code is None:
            self._code = _code_fingerprint()
        h = hashlib.sha256(self._code)
        h.update(self._settings_digest(settings))
        h.update(f"{display}\0{os.path.abspath(path)}\0".encode("utf-8", "surrogateescape"))
        h.update(data)
        return h.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.directory / FORMAT / key[:2] / key

    # ----------------------------------------------------------- entries
    def get(self, key: str):
        """The cached diagnostics, or None (missing, unreadable or corrupt entry)."""
        try:
            with open(self._entry(key), "rb") as handle:
                rows = json.loads(handle.read())
            return [_diagnostic(row) for row in rows]
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None

    def put(self, key: str, diagnostics) -> None:
        if any(d.code in NOT_CACHED for d in diagnostics):
            return
        try:
            # ASCII: lone surrogates (undecodable bytes, kept by surrogateescape) survive as \udcXX.
            data = json.dumps([_row(d) for d in diagnostics], separators=(",", ":")).encode("ascii")
            entry = self._entry(key)
            if not self._ready:
                self._prepare()
            entry.parent.mkdir(parents=True, exist_ok=True)
            replace_bytes(entry, data, prefix=".tmp-", durable=False)
        except (OSError, TypeError, ValueError):
            pass  # a cache that cannot be written costs speed, never a finding

    def _prepare(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        ignore = self.directory / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Automatically created by postlint.\n*\n", encoding="utf-8")
        self._ready = True


def _row(d) -> list:
    fix = None
    if d.fix is not None:
        fix = [[[e.start, e.end, e.content] for e in d.fix.edits], d.fix.safe, d.fix.message]
    return [d.path, d.line, d.column, d.end_line, d.end_column, d.code, d.name, int(d.severity), d.message,
            fix, d.start, d.end, list(d.suggestions), [list(x) for x in d.fix_locations], d.source_line]


def _diagnostic(row):
    from postlint.diagnostics import Diagnostic, Edit, Fix, Severity

    (path, line, column, end_line, end_column, code, name, severity, message,
     fix, start, end, suggestions, fix_locations, source_line) = row
    if fix is not None:
        edits, safe, fix_message = fix
        fix = Fix(tuple(Edit(s, e, c) for s, e, c in edits), safe=safe, message=fix_message)
    return Diagnostic(path, line, column, end_line, end_column, code, name, Severity(severity), message,
                      fix, start, end, tuple(suggestions), tuple(tuple(x) for x in fix_locations), source_line)
