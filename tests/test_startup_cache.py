"""postlint/startup_cache.py: the CLI's compiled regexes and parsed data files kept between runs.

Every entry a real run stores is compared with a fresh compile / parse; a damaged, truncated or
foreign file is ignored; a folder that cannot be written is no error; the output is the same
with the cache off, cold and warm."""

from __future__ import annotations

import datetime
import marshal
import os
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
import yaml

from postlint import startup_cache
from tests.conftest import ROOT, corpus_files

EXAMPLES = sorted(str(p) for p in (ROOT / "examples").glob("*.md"))
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@pytest.fixture(autouse=True)
def _fresh_state():
    startup_cache.reset()
    yield
    startup_cache.reset()


def _cli(folder, *args):
    env = {**os.environ, "POSTLINT_STARTUP_CACHE": str(folder), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    env.pop("POSTLINT_FORMAT", None)
    return subprocess.run([sys.executable, "-m", "postlint", "--no-cache", *args], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=300)


def _file(folder) -> Path:
    (path,) = Path(folder).glob("startup-*.marshal")
    return path


def _read(folder):
    identity, crc, payload = marshal.loads(_file(folder).read_bytes())
    regexes, data = marshal.loads(payload)
    return identity, regexes, data


def _same(a, b) -> bool:
    """Equal and of the same types all the way down (1 == True == 1.0 is not enough)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(k, j) and _same(a[k], b[j]) for k, j in zip(a, b))
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and a != a:
        return b != b
    return a == b


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    """A cache folder two real runs filled: default rules, then every rule, on the examples
    and (when ../shared is there) a sample of the corpus."""
    folder = tmp_path_factory.mktemp("startup-filled")
    files = list(EXAMPLES)
    try:
        files += [str(p) for p in corpus_files()[::60]]
    except pytest.skip.Exception:
        pass
    first = _cli(folder, *files)
    second = _cli(folder, "--select", "ALL", *files)
    assert first.returncode in (0, 1) and second.returncode in (0, 1), first.stderr + second.stderr
    return folder


def test_every_cached_pattern_is_what_re_compiles(filled):
    import _sre

    identity, regexes, _ = _read(filled)
    assert identity == startup_cache._identity()
    assert len(regexes) > 100  # postlint's, markdown-it's and PyYAML's patterns
    for (pattern, flags), entry in regexes.items():
        fresh = re._compiler.compile(pattern, flags)  # not hooked here: the plain compiler
        cached = _sre.compile(pattern, *entry)
        assert cached == fresh, pattern  # == compares pattern, flags and the whole program
        assert cached.groups == fresh.groups and cached.groupindex == fresh.groupindex, pattern
        assert cached.flags == fresh.flags


def test_every_cached_data_file_is_what_yaml_parses(filled):
    _, _, data = _read(filled)
    names = {p.read_text(encoding="utf-8"): p.name for p in (ROOT / "rules").rglob("*.yaml")}
    assert len(data) >= 5
    assert any(text in names for text in data)  # the rule files themselves
    startup_cache.install()  # reads the file `filled` wrote, through the environment below
    for text, entry in data.items():
        assert entry[0] == startup_cache._yaml_tag(yaml)
        fresh = yaml.load(text, Loader=LOADER)
        value = marshal.loads(entry[2])
        value = startup_cache._undate(value) if entry[1] else value
        assert _same(value, fresh), names.get(text, text[:80])


def test_dates_and_types_survive(tmp_path, monkeypatch):
    monkeypatch.setenv("POSTLINT_STARTUP_CACHE", str(tmp_path))
    monkeypatch.setattr(startup_cache, "WORTH_WRITING", 0.0)  # a tiny text is worth no write otherwise
    # (a dated text with a NaN is not stored: the check of the dated copy uses ==)
    text = "a: 2024-01-31\nb: [1, 1.0, true, null, '2024-01-31', -.inf]\nc: {x: 2023-12-01}\n"
    startup_cache.install()
    first = startup_cache.load_yaml(text)
    startup_cache.save()
    startup_cache.reset()
    startup_cache.install()
    assert text in startup_cache._state.data
    again = startup_cache.load_yaml(text)
    assert _same(again, yaml.load(text, Loader=LOADER)) and _same(first, again)
    assert type(again["a"]) is datetime.date
    again["b"].append("changed")  # callers get a fresh object each time
    assert "changed" not in startup_cache.load_yaml(text)["b"]
    nan = "n: [.nan, 1]\n"  # no date: stored as it is
    startup_cache.load_yaml(nan)
    assert nan in startup_cache._state.data and _same(startup_cache.load_yaml(nan), yaml.load(nan, Loader=LOADER))
    # a datetime (not a date) is not held exactly by the cache: parsed every time
    stamp = "t: 2024-01-31 10:00:00\n"
    assert startup_cache.load_yaml(stamp) == yaml.load(stamp, Loader=LOADER)
    assert stamp not in startup_cache._state.data


def test_output_is_the_same_off_cold_and_warm(tmp_path):
    files = list(EXAMPLES)
    try:
        files += [str(p) for p in corpus_files()[::45]]
    except pytest.skip.Exception:
        pass
    for args in ([], ["--select", "ALL"]):
        off = _cli("", *args, *files)
        cold = _cli(tmp_path / "c", *args, *files)
        assert _file(tmp_path / "c").stat().st_size > 0
        warm = _cli(tmp_path / "c", *args, *files)
        assert (off.returncode, off.stdout, off.stderr) == (cold.returncode, cold.stdout, cold.stderr)
        assert (off.returncode, off.stdout, off.stderr) == (warm.returncode, warm.stdout, warm.stderr)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "foreign", "bad-crc", "empty", "wrong-shape"])
def test_a_bad_file_is_ignored(filled, tmp_path, monkeypatch, damage):
    good = _file(filled).read_bytes()
    identity, crc, payload = marshal.loads(good)
    bad = {
        "garbage": b"\x00\xffnot marshal at all" * 100,
        "truncated": good[: len(good) // 2],
        "foreign": marshal.dumps((identity[:1] + ("2.7.18 (other)",) + identity[2:], crc, payload)),
        "bad-crc": marshal.dumps((identity, crc ^ 1, payload)),
        "empty": b"",
        "wrong-shape": marshal.dumps((identity, binascii_crc(b"x"), marshal.dumps(([1, 2], "x")))),
    }[damage]
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / _file(filled).name).write_bytes(bad)
    monkeypatch.setenv("POSTLINT_STARTUP_CACHE", str(folder))
    startup_cache.install()
    assert startup_cache._state.regexes == {} and startup_cache._state.data == {}
    startup_cache.reset()
    plain = _cli("", *EXAMPLES)
    run = _cli(folder, *EXAMPLES)
    assert (run.returncode, run.stdout, run.stderr) == (plain.returncode, plain.stdout, plain.stderr)
    _read(folder)  # the run replaced it with a whole file


def binascii_crc(blob):
    import binascii

    return binascii.crc32(blob)


def test_a_damaged_entry_compiles_as_before(tmp_path, monkeypatch):
    monkeypatch.setenv("POSTLINT_STARTUP_CACHE", str(tmp_path))
    startup_cache.install()
    pattern = r"(?P<word>postlint-\w+)\s*$"
    startup_cache._state.regexes[(pattern, 0)] = (0, [999999, 1, 2], 0, {}, (None,))  # not a program
    compiled = re.compile(pattern)
    startup_cache.uninstall()
    assert compiled == re._compiler.compile(pattern, 0)
    import _sre  # the damaged entry was dropped; the fresh compile stored a right one

    assert _sre.compile(pattern, *startup_cache._state.regexes[(pattern, 0)]) == compiled


def test_an_unwritable_folder_is_no_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    plain = _cli("", *EXAMPLES)
    run = _cli(blocker / "cache", *EXAMPLES)  # makedirs fails: NotADirectoryError
    assert (run.returncode, run.stdout, run.stderr) == (plain.returncode, plain.stdout, plain.stderr)
    if hasattr(os, "geteuid") and os.geteuid() != 0:  # root writes into a read-only folder anyway
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o500)
        try:
            run = _cli(ro, *EXAMPLES)
            assert (run.returncode, run.stdout, run.stderr) == (plain.returncode, plain.stdout, plain.stderr)
            assert list(ro.iterdir()) == []
        finally:
            ro.chmod(0o700)


def test_concurrent_runs_leave_a_whole_file(tmp_path):
    env = {**os.environ, "POSTLINT_STARTUP_CACHE": str(tmp_path), "NO_COLOR": "1"}
    procs = [subprocess.Popen([sys.executable, "-m", "postlint", "--no-cache", *EXAMPLES], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert len({o for o in outs}) == 1
    _read(tmp_path)  # loads: one of the writers' whole files
    assert [p.name for p in tmp_path.iterdir()] == [_file(tmp_path).name]  # no temporary left


def test_a_pattern_that_warns_is_not_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("POSTLINT_STARTUP_CACHE", str(tmp_path))
    startup_cache.install()
    pattern = "[[:alpha:]]postlint-test-only"
    with warnings.catch_warnings(record=True) as warned:
        warnings.simplefilter("always")
        re.compile(pattern)
    assert any(issubclass(w.category, FutureWarning) for w in warned)
    assert (pattern, 0) not in startup_cache._state.regexes
    plain = r"postlint-test-only-\d+"
    re.compile(plain)
    assert (plain, 0) in startup_cache._state.regexes


def test_a_bad_pattern_fails_as_before(tmp_path, monkeypatch):
    monkeypatch.setenv("POSTLINT_STARTUP_CACHE", str(tmp_path))
    startup_cache.install()
    with pytest.raises(re.error) as hooked:
        re.compile("postlint-unbalanced(")
    startup_cache.reset()
    with pytest.raises(re.error) as plain:
        re._compiler.compile("postlint-unbalanced(", 0)
    assert str(hooked.value) == str(plain.value)


def test_only_the_command_uses_it(tmp_path, monkeypatch):
    monkeypatch.setenv("POSTLINT_STARTUP_CACHE", str(tmp_path))
    original = re._compiler.compile
    assert startup_cache._state is None
    assert startup_cache.load_yaml("a: 1\n") == {"a": 1}  # the library API: a plain parse
    assert startup_cache._state is None and not list(tmp_path.iterdir())
    startup_cache.install()
    assert re._compiler.compile is not original
    startup_cache.reset()
    assert re._compiler.compile is original
    from postlint import cli

    monkeypatch.setattr(sys, "argv", ["postlint", "--no-cache", EXAMPLES[0]])
    cli.entry()
    assert re._compiler.compile is original and startup_cache._state is None  # entry resets
    # (whether it wrote depends on what this process compiled before: the subprocess tests check that)


def test_off_when_empty_and_where_it_lives(monkeypatch):
    monkeypatch.setenv("POSTLINT_STARTUP_CACHE", "")
    assert startup_cache.cache_file() is None
    startup_cache.install()
    assert startup_cache._state is None
    monkeypatch.delenv("POSTLINT_STARTUP_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", "/x/cache")
    monkeypatch.setattr(sys, "platform", "linux")
    build = binascii_crc(sys.version.encode())
    tag = f"{sys.implementation.cache_tag}-{build:08x}"
    assert startup_cache.cache_file() == os.path.join("/x/cache", "postlint", f"startup-{tag}.marshal")
    monkeypatch.setenv("HOME", "/home/someone")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")  # not absolute: ignored (the XDG spec)
    assert startup_cache.cache_file() == os.path.join("/home/someone", ".cache", "postlint", f"startup-{tag}.marshal")
    monkeypatch.setenv("HOME", "relative-home")  # no usable home: off
    assert startup_cache.cache_file() is None
    monkeypatch.setenv("HOME", "/home/someone")
    monkeypatch.setattr(sys, "platform", "darwin")
    assert startup_cache.cache_file() == os.path.join("/home/someone", "Library", "Caches", "postlint",
                                                       f"startup-{tag}.marshal")
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", "/appdata")
    assert startup_cache.cache_file() == os.path.join("/appdata", "postlint", f"startup-{tag}.marshal")
