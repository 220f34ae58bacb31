"""What every start-up would otherwise compute again: compiled regexes and parsed data files.

A ``postlint`` run on one posting compiles ~175 regular expressions (postlint's own, and those
markdown-it and PyYAML compile when they are imported) and parses ~11 YAML data files (the word
lists in rules/, the pay laws, the tool names). Python's ``re`` compiler and PyYAML's
constructor are written in Python: ~20 ms and ~7 ms CPU of a ~140 ms start-up, the same work at
every run. This module keeps their results in one ``marshal`` file in the user's cache folder,
like ``__pycache__`` keeps compiled modules:

- **regexes**: for each ``(pattern, flags)`` the program ``re``'s compiler makes of it (the
  list of opcodes ``_sre.compile`` takes). On a later run ``re.compile`` of the same pattern
  gets ``_sre.compile`` of the stored program: no parse, no compile. The stored program is a
  function of the pattern, the flags and the interpreter only, so the file is tied to the
  interpreter (version string, ``_sre.MAGIC``, word size, the ``re`` compiler's files): any
  difference and it is not read. An entry is stored only after ``_sre.compile`` of it gave a
  pattern equal (``==`` compares flags and program) to the one ``re`` compiled, with the same
  groups; a pattern ``re`` rejects is never stored, so it fails as before, and neither is one
  whose compile warns (a ``FutureWarning`` for ``[[``, say): a hit would not warn again.
- **the command only**: ``install`` (called by ``postlint.cli.entry``, which ``reset``s when
  the run ends) hooks ``re`` and reads the file; without it (the library API, tests calling
  ``main``) ``re`` is left alone and ``load_yaml`` is a plain parse.
- **YAML data**: ``load_yaml(text)`` is ``yaml.load(text, CSafeLoader)`` (what its callers
  did), keyed by the whole text and the PyYAML and libyaml versions: an edited file is another
  key, so an entry is never stale. Only data ``marshal`` holds is stored (dates are kept as tagged
  tuples and rebuilt); anything else, or a parse error, is parsed every time, as before.

Why by hand: no library caches ``re`` programs, and a pickle of a compiled pattern is only its
source (unpickling compiles it again). ``marshal`` is the format Python trusts for its own
``__pycache__`` (a folder the user owns; it loads data only, never code).

The file is read once, by ``install``; written once, at the end of a run that added
entries worth a write (to a temporary file, then renamed: a concurrent or killed run leaves a whole file or
the old one; a lost entry is a later miss, never a wrong result). A file that does not load,
whose checksum (CRC-32 of its contents: a damaged file) does not match, or of another
interpreter, counts as empty; a folder that cannot be created or written (read
only, no home) is no error: the run computes everything, as it always did. Entries used by the
run are kept first, then the others in their order (the most recently used first) up to
``MAX_REGEXES`` / ``MAX_DATA`` / ``MAX_DATA_TOTAL``, so entries of an old version or an old
edit of a rule file drop out instead of filling it.

Where (a file per interpreter build): ``$POSTLINT_STARTUP_CACHE`` (a folder; empty: off), else ``$XDG_CACHE_HOME/postlint``
(``~/.cache/postlint``; ``~/Library/Caches/postlint`` on macOS, ``%LOCALAPPDATA%\\postlint``
on Windows). ``--no-cache`` is about lint results and does not turn this off (as it would not
turn off ``__pycache__``). tests/test_startup_cache.py compares every cached pattern and data
file with a fresh compile / parse.
"""

from __future__ import annotations

import binascii  # imported at start-up anyway (crc32 of 190 KB: ~0.05 ms)
import marshal
import os
import sys

FORMAT = 1
MAX_REGEXES = 1024  # a default run compiles ~175; ~0.5 KB each in the file
MAX_DATA = 64
MAX_DATA_CHARS = 1 << 18  # a bigger YAML file is parsed every time
MAX_DATA_TOTAL = 1 << 21  # characters of YAML text kept in all (the file is read at every start)
# A run writes the file only when what it added saves a later run at least this much (s): a
# pattern that differs at every run (markdown-it builds one from a set, whose order depends
# on the string hash seed) must not cost a write per run.
WORTH_WRITING = 0.001

_DATE_TAG = "\0postlint-date"  # a cached date: (_DATE_TAG, y, m, d); no YAML tuple has 4 items

_state = None  # the _State of this process, once loaded


class _State:
    def __init__(self, path):
        self.path = path  # None: nothing is read or written
        self.regexes: dict = {}  # (pattern, flags) -> (flags, code, groups, groupindex, indexgroup)
        self.data: dict = {}  # text -> (yaml tag, dates?, marshal bytes)
        self.used_regexes: set = set()
        self.used_data: set = set()
        self.gain = 0.0  # seconds the entries this run added will save a later run


def cache_file():
    """The cache file of this interpreter, or None (turned off, no home)."""
    env = os.environ.get("POSTLINT_STARTUP_CACHE")
    if env is not None:
        folder = env
    else:
        try:
            if sys.platform == "win32":
                base = os.environ.get("LOCALAPPDATA") or os.path.join(os.path.expanduser("~"), "AppData", "Local")
            elif sys.platform == "darwin":
                base = os.path.join(os.path.expanduser("~"), "Library", "Caches")
            else:
                base = os.environ.get("XDG_CACHE_HOME", "")
                if not os.path.isabs(base):  # unset, empty or relative: the spec says ignore it
                    base = os.path.join(os.path.expanduser("~"), ".cache")
        except (KeyError, RuntimeError):
            return None
        if not os.path.isabs(base):
            return None  # no home folder ("~" left unexpanded)
        folder = os.path.join(base, "postlint")
    if not folder:
        return None
    tag = getattr(sys.implementation, "cache_tag", None) or "python"
    # Two builds of one version (a pyenv 3.11.7 and the system's 3.11.2) get two files, not one
    # that each would find foreign and rewrite at every run.
    build = binascii.crc32(sys.version.encode("utf-8", "replace"))
    return os.path.join(folder, f"startup-{tag}-{build:08x}.marshal")


def _identity() -> tuple:
    """What the stored regex programs depend on besides the pattern: the interpreter."""
    import _sre

    files = []
    for mod in ("_compiler", "_parser", "_constants", "_casefix"):
        try:
            st = os.stat(getattr(sys.modules["re"], mod).__file__)
            files.append((mod, st.st_size, st.st_mtime_ns))
        except (AttributeError, KeyError, OSError, TypeError):
            files.append((mod, None, None))
    return (FORMAT, sys.version, getattr(sys.implementation, "cache_tag", None), _sre.MAGIC,
            _sre.CODESIZE, sys.maxsize, sys.maxunicode, marshal.version, tuple(files))


def _load() -> _State:
    global _state
    if _state is None:
        state = _State(cache_file())
        if state.path is not None:
            try:
                with open(state.path, "rb") as f:
                    blob = f.read()
                identity, crc, payload = marshal.loads(blob)
                if identity == _identity() and crc == binascii.crc32(payload):
                    regexes, data = marshal.loads(payload)
                    if type(regexes) is dict and type(data) is dict:
                        state.regexes, state.data = regexes, data
            except Exception:  # noqa: BLE001 - missing, truncated, damaged, another format: empty
                pass
        _state = state
    return _state


# ------------------------------------------------------------------------------- regexes
_hooked = None  # (the re compiler module, its original compile), while installed


def install() -> None:
    """Let ``re`` take compiled programs from the cache (CPython 3.11+; elsewhere nothing)."""
    global _hooked, _state
    if _hooked is not None or sys.implementation.name != "cpython":
        return
    import re

    compiler = getattr(re, "_compiler", None)  # 3.11+; 3.10's sre_compile: not hooked
    if compiler is None or not callable(getattr(compiler, "compile", None)) or _load().path is None:
        _state = None  # no cache file: load_yaml parses as it did
        return
    original = compiler.compile
    _hooked = (compiler, original)
    debug = re.DEBUG.value
    import _sre

    from time import perf_counter

    sre_compile = _sre.compile
    state = _state

    def compile(p, flags=0):  # re._compile calls it for a pattern not in re's own cache
        kind = type(p)
        if (kind is str or kind is bytes) and type(flags) is int and not flags & debug:
            key = (p, flags)
            entry = state.regexes.get(key)
            if entry is not None:
                try:
                    compiled = sre_compile(p, *entry)
                except Exception:  # noqa: BLE001 - a damaged entry: compile it as before
                    del state.regexes[key]
                else:
                    state.used_regexes.add(key)
                    return compiled
            start = perf_counter()
            compiled = original(p, flags)
            _remember(state, key, compiled, perf_counter() - start)
            return compiled
        return original(p, flags)

    compiler.compile = compile


def uninstall() -> None:
    global _hooked
    if _hooked is not None:
        compiler, original = _hooked
        compiler.compile = original
        _hooked = None


def _program(p, flags: int, compiled):
    """The arguments of ``_sre.compile`` that give ``compiled`` again, or None."""
    import _sre
    import re
    import warnings

    with warnings.catch_warnings(record=True) as warned:  # only this second parse's warnings
        warnings.simplefilter("always")
        parsed = re._parser.parse(p, flags)
        code = [int(op) for op in re._compiler._code(parsed, flags)]  # opcodes are int subclasses
    if warned:
        return None  # re warned at the first compile: a cache hit must not silence it
    groupindex = dict(compiled.groupindex)
    indexgroup = [None] * (compiled.groups + 1)
    for name, i in groupindex.items():
        indexgroup[i] = name
    entry = (compiled.flags, code, compiled.groups, groupindex, tuple(indexgroup))
    again = _sre.compile(p, *entry)
    if again != compiled or again.groupindex != compiled.groupindex or again.groups != compiled.groups:
        return None
    return entry


def _remember(state: _State, key: tuple, compiled, cost: float) -> None:
    if len(state.regexes) >= 2 * MAX_REGEXES:
        return
    try:
        entry = _program(key[0], key[1], compiled)
    except Exception:  # noqa: BLE001 - re's internals differ: this pattern is simply not cached
        return
    if entry is not None:
        state.regexes[key] = entry
        state.used_regexes.add(key)
        state.gain += cost


# ---------------------------------------------------------------------------- YAML data
def _yaml_tag(yaml) -> tuple:
    libyaml = sys.modules.get("yaml._yaml")  # imported with the C loader
    version = getattr(libyaml, "get_version_string", None)
    return ("yaml", getattr(yaml, "__version__", None), hasattr(yaml, "CSafeLoader"),
            version() if callable(version) else None)


def load_yaml(text: str):
    """``yaml.load(text, Loader=CSafeLoader or SafeLoader)``, from the cache when it holds ``text``.

    A fresh object every call, as a parse gives (callers may change what they get)."""
    import yaml

    state = _state
    if state is None:  # not installed (the library API): a plain parse
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    tag = _yaml_tag(yaml)
    entry = state.data.get(text)
    if entry is not None and entry[0] == tag:
        try:
            value = marshal.loads(entry[2])
            value = _undate(value) if entry[1] else value
        except Exception:  # noqa: BLE001 - damaged: parse it
            del state.data[text]
        else:
            state.used_data.add(text)
            return value
    from time import perf_counter

    start = perf_counter()
    value = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    cost = perf_counter() - start
    if state.path is not None and len(text) <= MAX_DATA_CHARS and len(state.data) < 2 * MAX_DATA:
        stored = _store(value)
        if stored is not None:
            state.data[text] = (tag,) + stored
            state.used_data.add(text)
            state.gain += cost
    return value


def _store(value):
    """(dates?, marshal bytes) of ``value``, or None when marshal cannot hold it exactly."""
    try:
        return False, marshal.dumps(value)
    except ValueError:
        pass
    try:
        encoded = _date(value)
        blob = marshal.dumps(encoded)
        return (True, blob) if _undate(marshal.loads(blob)) == value else None
    except (ValueError, TypeError):
        return None


def _date(value):
    import datetime

    kind = type(value)
    if kind is dict:
        return {k: _date(v) for k, v in value.items()}
    if kind is list:
        return [_date(v) for v in value]
    if kind is datetime.date:
        return (_DATE_TAG, value.year, value.month, value.day)
    if kind in (str, int, float, bool, bytes) or value is None:
        return value
    raise TypeError(kind)  # datetimes, sets, tuples...: not cached


def _undate(value):
    kind = type(value)
    if kind is dict:
        return {k: _undate(v) for k, v in value.items()}
    if kind is list:
        return [_undate(v) for v in value]
    if kind is tuple and len(value) == 4 and value[0] == _DATE_TAG:
        import datetime

        return datetime.date(value[1], value[2], value[3])
    return value


# -------------------------------------------------------------------------------- saving
def _kept(table: dict, used: set, limit: int, size=None, budget=0) -> dict:
    """Used entries first, then the others in order, up to ``limit`` (and ``budget`` of ``size``)."""
    keep, total = {}, 0
    for k in [k for k in table if k in used] + [k for k in table if k not in used]:
        cost = size(k) if size else 0
        if len(keep) >= limit or (size and total + cost > budget):
            continue
        keep[k] = table[k]
        total += cost
    return keep


def save() -> None:
    """Write the cache file if this run added entries worth it; a failure leaves the old file."""
    state = _state
    if state is None or state.gain < WORTH_WRITING or state.path is None:
        return
    state.gain = 0.0
    tmp = f"{state.path}.{os.getpid()}.tmp"
    made = False
    try:
        payload = marshal.dumps((_kept(state.regexes, state.used_regexes, MAX_REGEXES),
                                 _kept(state.data, state.used_data, MAX_DATA, len, MAX_DATA_TOTAL)))
        blob = marshal.dumps((_identity(), binascii.crc32(payload), payload))
        os.makedirs(os.path.dirname(state.path), exist_ok=True)
        with open(tmp, "xb") as f:  # "x": never through a file or link already there
            made = True
            f.write(blob)
        os.replace(tmp, state.path)
    except (OSError, ValueError):
        if made:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def reset() -> None:
    """Forget this process's state (tests): the next use reads the file again."""
    global _state
    uninstall()
    _state = None
