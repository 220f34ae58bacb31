"""The result cache: same output as a fresh run, never stale, never a crash."""

import marshal
import os
import time
from pathlib import Path

import pytest

import postlint
from postlint import cli
from postlint.engine import Linter
from tests.conftest import SEEDS

POSTING = "---\ntitle: Dev\nlocation: Remote\nvalid-through: 2024-06-01\n---\n##ABOUT\n\nWe build things.\n"


def lint(capsys, *args):
    code = cli.main(["--color", "never", "--jobs", "1", *map(str, args)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def linted(monkeypatch):
    """The displayed paths of the files really linted (not answered from the cache)."""
    seen = []
    real = Linter.lint_bytes

    def spy(self, data, display, *a, **k):
        seen.append(Path(display).name)
        return real(self, data, display, *a, **k)

    monkeypatch.setattr(Linter, "lint_bytes", spy)
    return seen


@pytest.fixture
def project(tmp_path, monkeypatch):
    root = tmp_path / "project"
    (root / "jobs").mkdir(parents=True)
    for src in sorted(SEEDS.glob("*")):
        (root / "jobs" / src.name).write_bytes(src.read_bytes())
    (root / "jobs" / "dev.md").write_text(POSTING, encoding="utf-8")
    (root / ".postlint.toml").write_text("extend-select = ['PL106']\n[rule-options.PL106]\ntoday = '2024-05-01'\n", encoding="utf-8")
    monkeypatch.delenv("POSTLINT_CACHE_DIR")  # the project's own .postlint_cache/
    monkeypatch.chdir(root)
    return root


def codes(out, name="dev.md"):
    return sorted(line.split()[1] for line in out.splitlines() if f"{name}:" in line)


def test_a_warm_run_lints_nothing_and_prints_the_same(project, capsys, linted):
    cold = lint(capsys, "jobs")
    n = len(linted)
    assert n == 6
    for fmt in ("text", "json", "sarif", "rdjsonl"):
        fresh = lint(capsys, "--no-cache", "--format", fmt, "--show-source", "jobs")
        warm = lint(capsys, "--format", fmt, "--show-source", "jobs")
        assert warm == fresh
    assert lint(capsys, "jobs") == cold
    assert len(linted) == n + 4 * n  # only the --no-cache runs linted


def test_cache_folder_is_git_ignored_and_no_cache_writes_nothing(project, capsys):
    lint(capsys, "--no-cache", "jobs")
    assert not (project / ".postlint_cache").exists()
    lint(capsys, "jobs")
    assert (project / ".postlint_cache" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


def test_changed_file_is_linted_again(project, capsys, linted):
    lint(capsys, "jobs")
    (project / "jobs" / "dev.md").write_text(POSTING.replace("##ABOUT", "## About"), encoding="utf-8")
    linted.clear()
    _, out, _ = lint(capsys, "jobs")
    assert linted == ["dev.md"] and "PL301" not in codes(out)


def test_changed_config_is_linted_again(project, capsys, linted):
    _, out, _ = lint(capsys, "jobs")
    assert "PL301" in codes(out)
    (project / ".postlint.toml").write_text("ignore = ['PL301']\nextend-select = ['PL106']\n[rule-options.PL106]\ntoday = '2024-05-01'\n",
                                            encoding="utf-8")
    linted.clear()
    _, out, _ = lint(capsys, "jobs")
    assert len(linted) == 6 and "PL301" not in codes(out)
    # Command-line options are part of the settings too.
    linted.clear()
    _, out, _ = lint(capsys, "jobs")
    assert linted == [] and "PL101" in codes(out)
    _, out, _ = lint(capsys, "--ignore", "PL101", "jobs")
    assert len(linted) == 6 and "PL101" not in codes(out)


def test_changed_rule_option_is_linted_again(project, capsys, linted):
    _, out, _ = lint(capsys, "jobs")
    assert "PL106" not in codes(out)
    (project / ".postlint.toml").write_text("extend-select = ['PL106']\n[rule-options.PL106]\ntoday = '2024-07-01'\n", encoding="utf-8")
    linted.clear()
    _, out, _ = lint(capsys, "jobs")
    assert "dev.md" in linted and "PL106" in codes(out)


def test_changed_version_is_linted_again(project, capsys, linted, monkeypatch):
    lint(capsys, "jobs")
    linted.clear()
    lint(capsys, "jobs")
    assert linted == []
    monkeypatch.setattr(postlint, "__version__", "99.0.0")
    lint(capsys, "jobs")
    assert len(linted) == 6


def test_changed_schema_file_is_linted_again(project, capsys, linted, monkeypatch):
    from postlint import schema as schema_module

    schema = project / "posting.schema.json"
    schema.write_text('{"type": "object"}', encoding="utf-8")
    (project / ".postlint.toml").write_text("schema = 'posting.schema.json'\n", encoding="utf-8")
    _, out, _ = lint(capsys, "jobs")
    assert "PL101" not in codes(out)
    schema.write_text('{"type": "object", "required": ["salary"]}', encoding="utf-8")
    monkeypatch.setattr(schema_module, "_VALIDATORS", {})  # as in a new process: the schema is read again
    linted.clear()
    _, out, _ = lint(capsys, "jobs")
    assert len(linted) == 6 and "PL101" in codes(out)


def index_of(project):
    return project / ".postlint_cache" / "v2" / "index"


def test_a_damaged_index_is_a_miss_not_a_crash(project, capsys, linted):
    first = lint(capsys, "jobs")
    index = index_of(project)
    good = index.read_bytes()
    magic, code, stats, entries = marshal.loads(good)
    assert len(entries) == 6
    damaged = [b"", b"{not marshal", good[: len(good) // 2], marshal.dumps(None), marshal.dumps([1, 2]),
               marshal.dumps((("another", "format"), code, stats, entries)),  # another interpreter or format
               marshal.dumps((magic, code, [], entries))]
    for data in damaged:
        index.write_bytes(data)
        linted.clear()
        assert lint(capsys, "jobs") == first
        assert len(linted) == 6
    linted.clear()
    assert lint(capsys, "jobs") == first and linted == []  # rewritten


def test_a_damaged_entry_is_a_miss_for_that_file_only(project, capsys, linted):
    first = lint(capsys, "jobs")
    index = index_of(project)
    magic, code, stats, entries = marshal.loads(index.read_bytes())
    dev = os.path.abspath("jobs/dev.md")
    other = next(p for p in sorted(entries) if p != dev)
    entries[dev] = ((entries[dev][0][0], marshal.dumps((("too", "short"),))),)  # a row of the wrong shape
    entries[other] = ((entries[other][0][0], b"\x00garbage"),)
    index.write_bytes(marshal.dumps((magic, code, stats, entries)))
    linted.clear()
    assert lint(capsys, "jobs") == first
    assert sorted(linted) == sorted(["dev.md", Path(other).name])
    linted.clear()
    assert lint(capsys, "jobs") == first and linted == []


def test_entries_of_another_day_or_version_are_dropped(project, capsys, linted, monkeypatch):
    lint(capsys, "jobs")
    before = marshal.loads(index_of(project).read_bytes())
    monkeypatch.setattr(postlint, "__version__", "99.0.0")
    lint(capsys, "jobs")
    after = marshal.loads(index_of(project).read_bytes())
    assert before[1] != after[1] and len(after[3]) == 6
    assert all(len(kept) == 1 for kept in after[3].values())  # the old ones could never hit again


def test_a_file_keeps_its_last_entries_only(project, capsys, linted):
    from postlint import cache as cache_module

    ignores = ["PL101", "PL102", "PL103", "PL104", "PL107", "PL201", "PL301", "PL302"][: cache_module.KEEP + 2]
    for code in ignores:  # each --ignore is another configuration, another key
        assert lint(capsys, "--ignore", code, "jobs")[0] in (0, 1)
    entries = marshal.loads(index_of(project).read_bytes())[3]
    assert {len(kept) for kept in entries.values()} == {cache_module.KEEP}
    linted.clear()
    lint(capsys, "--ignore", ignores[-1], "jobs")  # the newest: a hit
    assert linted == []
    lint(capsys, "--ignore", ignores[0], "jobs")  # fell out: linted again
    assert len(linted) == 6


def test_an_installed_plugin_changes_every_key(tmp_path, monkeypatch):
    from postlint import cache as cache_module

    before = cache_module._code_fingerprint()
    info = tmp_path / "site" / "acme_postlint-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-postlint\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[postlint.rules]\nacme = acme_postlint:RULES\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    with_plugin = cache_module._code_fingerprint()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-postlint\nVersion: 1.1\n", encoding="utf-8")
    assert len({before, with_plugin, cache_module._code_fingerprint()}) == 3


# ------------------------------------------------ the stat fast path
@pytest.fixture
def reads(monkeypatch):
    """Names of the files the cache read (to hash them), with every file's stat trusted."""
    from postlint import cache as cache_module

    seen = []
    real = cache_module._read

    def spy(path):
        seen.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(cache_module, "_read", spy)
    monkeypatch.setattr(cache_module, "SETTLED_NS", -10**15)  # as if every file were days old
    return seen


def rewrite(path: Path, data: bytes, mtime_ns: int | None = None) -> None:
    """Write ``data`` (and set back the mtime) so that the filesystem shows a new ctime:
    within one timestamp tick it may not, which is what SETTLED_NS guards against."""
    before = os.stat(path).st_ctime_ns
    while True:
        path.write_bytes(data)
        if mtime_ns is not None:
            os.utime(path, ns=(mtime_ns, mtime_ns))
        if os.stat(path).st_ctime_ns != before:
            return
        time.sleep(0.005)


def postings(out):
    return [line for line in out.splitlines() if line.startswith("jobs")]


def test_unchanged_files_are_not_read_again(project, capsys, linted, reads):
    cold = lint(capsys, "jobs")
    assert len(reads) == 6 and len(linted) == 6
    reads.clear()
    linted.clear()
    assert lint(capsys, "jobs") == cold
    assert reads == [] and linted == []


def test_stat_records_of_deleted_files_go_with_their_entries(project, capsys, linted, reads, monkeypatch):
    lint(capsys, "jobs")
    stats = marshal.loads(index_of(project).read_bytes())[2]
    gone = project / "jobs" / "dev.md"
    assert str(gone) in stats and len(stats) == 6
    gone.unlink()
    lint(capsys, "jobs")  # the same day and version: its entry (and so its stat) may stay
    monkeypatch.setattr(postlint, "__version__", "99.0.0")  # another fingerprint: entries start afresh
    lint(capsys, "jobs")
    _, _, stats, entries = marshal.loads(index_of(project).read_bytes())
    assert str(gone) not in stats and str(gone) not in entries
    assert sorted(stats) == sorted(entries) and len(stats) == 5
    reads.clear()
    linted.clear()
    lint(capsys, "jobs")  # the five others still hit through their stat: nothing read
    assert reads == [] and linted == []


def test_touched_with_the_same_content_is_hashed_not_linted(project, capsys, linted, reads):
    cold = lint(capsys, "jobs")
    dev = project / "jobs" / "dev.md"
    rewrite(dev, dev.read_bytes())
    reads.clear()
    linted.clear()
    assert lint(capsys, "jobs") == cold
    assert reads == ["dev.md"] and linted == []
    reads.clear()
    assert lint(capsys, "jobs") == cold and reads == []  # its new stat was recorded


def test_same_size_new_content_with_mtime_restored_is_linted(project, capsys, linted, reads):
    _, out, _ = lint(capsys, "jobs")
    assert "PL301" in codes(out)
    dev = project / "jobs" / "dev.md"
    old = dev.read_bytes()
    new = old.replace(b"##ABOUT", b"## ABOU")
    assert len(new) == len(old) and new != old
    rewrite(dev, new, mtime_ns=os.stat(dev).st_mtime_ns)
    linted.clear()
    _, out, _ = lint(capsys, "jobs")
    assert linted == ["dev.md"] and "PL301" not in codes(out)


def test_a_file_replaced_by_another_is_linted(project, capsys, linted, reads):
    lint(capsys, "jobs")
    dev = project / "jobs" / "dev.md"
    st = os.stat(dev)
    other = project / "other.tmp"
    other.write_bytes(dev.read_bytes().replace(b"##ABOUT", b"## ABOU"))
    os.utime(other, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(other, dev)
    linted.clear()
    _, out, _ = lint(capsys, "jobs")
    assert linted == ["dev.md"] and "PL301" not in codes(out)


def test_a_file_changed_just_after_it_was_read_is_hashed_again(project, capsys, linted):
    # The real SETTLED_NS: these files were just written, so their stats are not
    # trusted, and a same-size rewrite within the same timestamp tick is still seen.
    lint(capsys, "jobs")
    dev = project / "jobs" / "dev.md"
    st = os.stat(dev)
    dev.write_bytes(dev.read_bytes().replace(b"##ABOUT", b"## ABOU"))
    os.utime(dev, ns=(st.st_atime_ns, st.st_mtime_ns))
    linted.clear()
    _, out, _ = lint(capsys, "jobs")
    assert linted == ["dev.md"] and "PL301" not in codes(out)


def test_fix_bypasses_the_cache(project, capsys):
    lint(capsys, "jobs")
    lint(capsys, "--fix", "jobs/dev.md")
    assert "## ABOUT" in (project / "jobs" / "dev.md").read_text(encoding="utf-8")
    _, out, _ = lint(capsys, "jobs/dev.md")
    assert "PL301" not in codes(out)


def test_timeouts_are_not_cached(project, capsys, linted, monkeypatch):
    from postlint.checks.heading_without_space import HeadingWithoutSpace

    real = HeadingWithoutSpace.check

    def slow(self, doc, ctx):
        import time

        while "ABOUT" in doc.text:
            time.sleep(0.01)
        return real(self, doc, ctx)

    monkeypatch.setattr(HeadingWithoutSpace, "check", slow)
    _, out, _ = lint(capsys, "--timeout", "0.2", "jobs/dev.md")
    assert codes(out) == ["PL005"]
    monkeypatch.setattr(HeadingWithoutSpace, "check", real)
    linted.clear()
    _, out, _ = lint(capsys, "--timeout", "0.2", "jobs/dev.md")
    assert linted == ["dev.md"] and "PL301" in codes(out)


def test_cache_dir_from_environment(project, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("POSTLINT_CACHE_DIR", str(tmp_path / "elsewhere"))
    lint(capsys, "jobs")
    assert (tmp_path / "elsewhere" / ".gitignore").is_file()
    assert not (project / ".postlint_cache").exists()


def test_cache_with_jobs_gives_the_same_output(project, capsys, linted):
    for i in range(4):
        for src in sorted((project / "jobs").glob("*")):
            (project / f"copy{i}").mkdir(exist_ok=True)
            (project / f"copy{i}" / src.name).write_bytes(src.read_bytes())
    fresh = cli.main(["--no-cache", "--jobs", "1", "."]), capsys.readouterr()
    cold = cli.main(["--jobs", "2", "."]), capsys.readouterr()

    index = index_of(project)
    before = marshal.loads(index.read_bytes())[3]
    warm = cli.main(["--jobs", "2", "."]), capsys.readouterr()
    assert fresh == cold == warm
    # No entry rewritten. (The index itself may be: the files' stats, once settled, are added.)
    assert marshal.loads(index.read_bytes())[3] == before and len(before) == 30


def test_hits_and_misses_mixed_keep_the_order_with_jobs(project, capsys, monkeypatch):
    from postlint import parallel

    started = []
    real = parallel._pooled
    monkeypatch.setattr(parallel, "_pooled", lambda *a, **k: started.append(1) or real(*a, **k))
    sources = sorted((project / "jobs").glob("*"))
    for i in range(8):
        for src in sources:
            (project / f"copy{i}").mkdir(exist_ok=True)
            (project / f"copy{i}" / src.name).write_bytes(src.read_bytes())
    cli.main(["--jobs", "2", "."]), capsys.readouterr()
    for n, path in enumerate(sorted(project.rglob("*.md"))):
        if n % 3 == 0:  # every third file changes: a miss between hits
            path.write_bytes(path.read_bytes() + b"\n##MORE\n")
    fresh = cli.main(["--no-cache", "--jobs", "1", "."]), capsys.readouterr()
    mixed = cli.main(["--jobs", "2", "."]), capsys.readouterr()
    assert mixed == fresh and "MORE" in fresh[1][0] and len(started) == 2  # the first run and the mixed one


def _hold_lock(project):
    import fcntl

    fd = os.open(index_of(project).parent / "lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def _other_run_writes(project, abspath):
    """What another run's save leaves: the index as it is, plus an entry of its own."""
    index = index_of(project)
    magic, code, stats, entries = marshal.loads(index.read_bytes())
    entries[abspath] = (("k" * 64, marshal.dumps(())),)
    index.write_bytes(marshal.dumps((magic, code, stats, entries)))


@pytest.mark.skipif(os.name != "posix", reason="flock is POSIX")
def test_a_run_saving_waits_for_another_runs_write_and_keeps_both(project, capsys):
    import threading

    from postlint import cache as cache_module
    from postlint.config import ConfigResolver

    lint(capsys, "jobs")  # an index exists
    cache = cache_module.Cache(project / ".postlint_cache")
    settings = ConfigResolver({}, None).for_dir(project)
    data, key, found = cache.lookup(project / "jobs" / "dev.md", "jobs/dev.md", settings)
    cache.put(key + "-this-run", str(project / "new-of-this-run.md"), [])
    fd = _hold_lock(project)
    saver = threading.Thread(target=cache.save)
    saver.start()
    saver.join(0.3)
    assert saver.is_alive()  # waiting for the lock, not writing over the other run
    _other_run_writes(project, str(project / "new-of-the-other-run.md"))
    os.close(fd)  # the other run is done
    saver.join(5)
    entries = marshal.loads(index_of(project).read_bytes())[3]
    assert str(project / "new-of-this-run.md") in entries and str(project / "new-of-the-other-run.md") in entries
    assert len(entries) == 8


@pytest.mark.skipif(os.name != "posix", reason="flock is POSIX")
def test_a_lock_held_too_long_skips_the_save_without_an_error(project, capsys, monkeypatch):
    from postlint import cache as cache_module

    monkeypatch.setattr(cache_module, "LOCK_WAIT", 0.05)
    cold = lint(capsys, "jobs")
    before = index_of(project).read_bytes()
    (project / "jobs" / "extra.md").write_text(POSTING, encoding="utf-8")
    fd = _hold_lock(project)
    try:
        code, out, err = lint(capsys, "jobs")
    finally:
        os.close(fd)
    assert code == cold[0] and err == "" and "extra.md" in out
    assert index_of(project).read_bytes() == before  # not written over: the new entry is a later miss
