"""The result cache: a file whose bytes and effective settings have not changed is
not linted again.

One index file per cache folder, ``<cache dir>/v2/index``, read once at the start
of a run and written once at its end (to a temporary file, then renamed, merged
with what another run may have written meanwhile, under a ``flock`` so that two
runs ending at once both keep their entries). It holds

- per file (absolute path), the file's size, mtime, ctime, inode and device and
  the SHA-256 of its bytes: a file whose stat is unchanged is not even read (the
  stat fast path; ctime changes on every write and cannot be set back, so a file
  rewritten with the same size and its mtime restored is hashed again). A stat is
  recorded only when the file's ctime is ``SETTLED_NS`` older than the moment it
  was read: a file written again within the filesystem's timestamp tick would
  otherwise look unchanged (git's "racily clean" problem). A stat record is kept
  only while its file has an entry, so records of deleted files go with them;
- per file, the diagnostics of its last ``KEEP`` keys, where a key is the SHA-256 of
  - the file's content hash, its displayed path and absolute path (rules read the
    name: PL filename dates, per-file ignores, schema globs);
  - every field of the file's effective Settings (command-line options included),
    plus the bytes of the user's rule files, words and schema files it names
    (with the other JSON/YAML files beside each schema, which ``$ref`` may load);
  - postlint's version, the name/size/mtime of every file of the installed
    package and its rules/ and schemas/ data (so an edited checkout or an upgraded
    install never reads old results), the installed plugins and their versions;
  - today's date: the date rules (expired, future, pay by date) judge against it.

So a change of file, config, rule option, rule file, schema, version or day
gives another key: entries are never stale, only unused. Entries of another
code fingerprint (another day, version or checkout) can never hit and are
dropped when the index is written; a file keeps at most ``KEEP`` entries (two
configurations used in turn both stay warm). Results that depend on the machine
or the moment are never stored: PL000 (internal error), PL004 (I/O) and PL005
(timeout). An index that does not load, or an entry that does not decode, is a
miss, never an error. ``--no-cache`` turns it off; ``--fix``, ``--diff`` and
standard input never use it.

The index is ``marshal`` data (Python's own format for ``__pycache__``, which it
trusts in the same way: a folder the user owns; tagged with the marshal version
and the interpreter's cache tag, another interpreter starts afresh): loading
10,000 files' entries takes a few milliseconds, where one JSON file per posting
cost an open and a parse per file.

The folder is ``$POSTLINT_CACHE_DIR`` or ``.postlint_cache/`` at the project root
(the folder of the configuration file, else the current folder) and holds a
``.gitignore`` of ``*`` so that it is never committed.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import json
import marshal
import os
import sys
import time
from pathlib import Path

from postlint.atomic import replace_bytes
from postlint.diagnostics import Diagnostic, Edit, Fix, Severity

FORMAT = "v2"
NOT_CACHED = frozenset({"PL000", "PL004", "PL005"})
KEEP = 4  # entries kept per file
LOCK_WAIT = 2.0  # seconds a run waits for another run's index write before it skips its own
SETTLED_NS = 2_000_000_000  # a stat is trusted only for a file unchanged this long before it was read
_MAGIC = ("postlint-cache", FORMAT, marshal.version, sys.implementation.cache_tag)


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


def _read(path) -> bytes:
    with open(path, "rb") as handle:  # one place, so tests can count the reads
        return handle.read()


class Cache:
    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.index = self.directory / FORMAT / "index"
        self._code = None
        self._settings: dict = {}
        self._by_id: dict = {}
        self._loaded = False
        self._stats: dict = {}  # abspath -> (size, mtime_ns, ctime_ns, ino, dev, sha256 of the bytes)
        self._entries: dict = {}  # abspath -> ((key, marshalled rows), ...), newest first
        self._new_stats: dict = {}
        self._new_entries: dict = {}  # abspath -> (key, marshalled rows) written by this run
        self.hits = self.misses = 0

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

    def _code_digest(self) -> bytes:
        if self._code is None:
            self._code = _code_fingerprint()
        return self._code

    def key(self, data: bytes, display: str, path: Path, settings) -> str:
        return self._key(hashlib.sha256(data).digest(), display, os.path.abspath(path), settings)

    def _key(self, content: bytes, display: str, abspath: str, settings) -> str:
        h = hashlib.sha256(self._code_digest())
        h.update(self._settings_digest(settings))
        h.update(f"{display}\0{abspath}\0".encode("utf-8", "surrogateescape"))
        h.update(content)
        return h.hexdigest()

    # ----------------------------------------------------------- lookups
    def lookup(self, path: Path, display: str, settings):
        """``(data, key, diagnostics)`` for one file.

        A hit gives ``(None, key, diagnostics)``, a miss ``(bytes, key, None)``: the
        bytes to lint, whose key it is. ``None`` when the file cannot be read (the
        caller reads it again and reports why).
        """
        if not self._loaded:
            self._load()
        abspath = os.path.abspath(path)
        try:
            now = time.time_ns()
            st = os.stat(path)
            sig = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)
            known = self._stats.get(abspath)
            data = None
            if known is not None and known[:5] == sig:
                content = known[5]
            else:
                data = _read(path)
                content = hashlib.sha256(data).digest()
                if st.st_ctime_ns < now - SETTLED_NS and len(data) == st.st_size:
                    self._new_stats[abspath] = self._stats[abspath] = sig + (content,)
            key = self._key(content, display, abspath, settings)
            found = self.get(key, abspath)
            if found is not None:
                self.hits += 1
                return None, key, found
            if data is None:  # the stat said unchanged, but lint what is there now, under its own key
                data = _read(path)
                key = self._key(hashlib.sha256(data).digest(), display, abspath, settings)
        except OSError:
            return None
        self.misses += 1
        return data, key, None

    def forked(self) -> None:
        """In a forked child (postlint/parallel.py): start with no new stat records of its own,
        so that take_stat hands the parent only the records of this child's lookups."""
        self._new_stats = {}

    def take_stat(self, abspath: str):
        """The stat record this process's lookup of ``abspath`` made (None: none), taken out:
        a forked child sends it to the parent, which alone writes the index (add_stat)."""
        return self._new_stats.pop(abspath, None)

    def add_stat(self, abspath: str, record) -> None:
        self._new_stats[abspath] = self._stats[abspath] = tuple(record)

    def get(self, key: str, abspath: str):
        """The cached diagnostics, or None (missing or undecodable entry)."""
        for entry_key, blob in self._entries.get(abspath, ()):
            if entry_key == key:
                try:
                    return [_diagnostic(row) for row in marshal.loads(blob)]
                except Exception:  # noqa: BLE001 - any damage is a miss
                    return None
        return None

    def put(self, key: str, abspath: str, diagnostics) -> None:
        if any(d.code in NOT_CACHED for d in diagnostics):
            return
        try:
            blob = marshal.dumps(tuple(_row(d) for d in diagnostics))
        except (TypeError, ValueError):
            return
        entry = (key, blob)
        self._new_entries[abspath] = entry
        self._entries[abspath] = _newest(entry, self._entries.get(abspath, ()))

    # ------------------------------------------------------- the index file
    def _read_index(self):
        """(stats, entries) on disk; empty when missing, foreign or damaged."""
        try:
            magic, code, stats, entries = marshal.loads(self.index.read_bytes())
            if tuple(magic) != _MAGIC or not isinstance(stats, dict) or not isinstance(entries, dict):
                return {}, {}
            if code != self._code_digest():
                entries = {}  # another day, version or checkout: these can never hit
            return stats, entries
        except Exception:  # noqa: BLE001 - missing, truncated, garbage: start afresh
            return {}, {}

    def _load(self) -> None:
        self._stats, self._entries = self._read_index()
        self._loaded = True

    def save(self) -> None:
        """Write what this run added, merged with the index as it is on disk now."""
        if not (self._new_stats or self._new_entries):
            return
        try:
            self._prepare()
            with _Lock(self.index.parent / "lock") as lock:
                if not lock.held:
                    return  # another run kept the lock too long (stopped with Ctrl-Z?): skip, never clobber
                self._merge_and_write()
            self._new_stats, self._new_entries = {}, {}
        except (OSError, TypeError, ValueError):
            pass  # a cache that cannot be written costs speed, never a finding

    def _merge_and_write(self) -> None:
        # Under the lock: read, merge and replace are one step, so two runs ending at once
        # both keep their new entries (without it the later rename dropped the other's).
        stats, entries = self._read_index()
        stats.update(self._new_stats)
        for abspath, entry in self._new_entries.items():
            entries[abspath] = _newest(entry, entries.get(abspath, ()))
        # A stat record serves only to find a file's entries without reading it: one with no
        # entry left (a deleted or renamed file, or one whose entries were another day's) is
        # dropped, so the index does not grow with every path ever linted.
        stats = {p: s for p, s in stats.items() if p in entries}
        data = marshal.dumps((_MAGIC, self._code_digest(), stats, entries))
        replace_bytes(self.index, data, prefix=".tmp-", durable=False)

    def _prepare(self) -> None:
        self.index.parent.mkdir(parents=True, exist_ok=True)
        ignore = self.directory / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Automatically created by postlint.\n*\n", encoding="utf-8")


class _Lock:
    """An exclusive lock on ``path`` for the read-merge-write of the index: ``flock``, which
    the system releases when the holder dies (no stale lock to clean up). Where there is no
    ``fcntl`` (Windows) there is no lock: concurrent runs may then lose each other's new
    entries, a later miss, never a wrong finding."""

    def __init__(self, path: Path):
        self.path = path
        self.fd = None
        self.held = True  # False only when another process holds the lock past LOCK_WAIT seconds

    def __enter__(self):
        try:
            import fcntl
        except ImportError:
            return self
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + LOCK_WAIT
        while True:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return self
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    self.held = False
                    return self
                time.sleep(0.01)
            except OSError:  # a filesystem without locks: write unlocked, as before
                os.close(self.fd)
                self.fd = None
                return self

    def __exit__(self, *exc):
        if self.fd is not None:
            os.close(self.fd)  # closing the descriptor releases the lock
            self.fd = None
        return False


def _newest(entry, old) -> tuple:
    """``entry`` first, then the others of ``old`` with another key, at most KEEP."""
    kept = [entry]
    for other in old:
        if len(kept) >= KEEP:
            break
        if isinstance(other, tuple) and len(other) == 2 and other[0] != entry[0]:
            kept.append(other)
    return tuple(kept)


def _row(d) -> tuple:
    fix = None
    if d.fix is not None:
        fix = (tuple((e.start, e.end, e.content) for e in d.fix.edits), d.fix.safe, d.fix.message)
    return (d.path, d.line, d.column, d.end_line, d.end_column, d.code, d.name, int(d.severity), d.message,
            fix, d.start, d.end, tuple(d.suggestions), tuple(tuple(x) for x in d.fix_locations), d.source_line)


_SEVERITIES = {int(s): s for s in Severity}


def _diagnostic(row):
    # marshal gives back the tuples _row made: no conversions (this runs once a cached finding).
    (path, line, column, end_line, end_column, code, name, severity, message,
     fix, start, end, suggestions, fix_locations, source_line) = row
    if fix is not None:
        edits, safe, fix_message = fix
        fix = Fix(tuple(Edit(s, e, c) for s, e, c in edits), safe=safe, message=fix_message)
    if type(suggestions) is not tuple or type(fix_locations) is not tuple:
        raise TypeError("not an entry this version wrote")
    return Diagnostic(path, line, column, end_line, end_column, code, name, _SEVERITIES[severity], message,
                      fix, start, end, suggestions, fix_locations, source_line)
