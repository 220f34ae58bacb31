"""--jobs with the result cache on (the default run): the same output as one process, and
the same cache. Forked children look up and lint the files of the chunks they claim; only
the main process writes the index (tests/test_parallel.py has the --no-cache runs)."""

import marshal
import os
import signal
from pathlib import Path

import pytest

from postlint import cache as cache_module
from postlint import cli
from postlint.engine import Linter
from tests.conftest import CORPUS
from tests.test_parallel import _rule_that, alter_child_walks, pool_kind, pooled, postings_tree  # noqa: F401 - fixtures


def lint(capsys, *args):
    code = cli.main(["--color", "never", *map(str, args)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def index(folder: Path):
    """The index a run wrote, decoded: stat records, and each file's (key, findings) entries."""
    magic, code, stats, entries = marshal.loads((folder / "v2" / "index").read_bytes())
    return stats, {path: [(key, marshal.loads(blob)) for key, blob in kept] for path, kept in entries.items()}


@pytest.fixture
def linted(monkeypatch):
    """The files linted in this process (forked children append to their own copy)."""
    seen = []
    real = Linter.lint_bytes

    def spy(self, data, display, *a, **k):
        seen.append(display)
        return real(self, data, display, *a, **k)

    monkeypatch.setattr(Linter, "lint_bytes", spy)
    return seen


@pytest.fixture
def forked(monkeypatch):
    """Whether each run that shared its files used forked children with the cache."""
    from postlint import parallel

    calls = []
    real = parallel._forked

    def spy(*a, **k):
        calls.append(a[-1] is not None)  # the cache
        return real(*a, **k)

    monkeypatch.setattr(parallel, "_forked", spy)
    return calls


@pytest.fixture
def settled(monkeypatch):
    # Files written by the test are seconds old at most: record their stats anyway, so that
    # the children's stat records (sent to this process) are compared too.
    monkeypatch.setattr(cache_module, "SETTLED_NS", 0)


@pytest.mark.parametrize("jobs", [2, 3])
def test_cold_and_warm_runs_match_one_process(tmp_path, capsys, monkeypatch, pooled, pool_kind, linted, settled, forked,
                                              jobs):
    tree = postings_tree(tmp_path / "t")
    fresh = {fmt: lint(capsys, "--no-cache", "--jobs", "1", "--format", fmt, tree) for fmt in ("text", "json")}
    monkeypatch.setenv("POSTLINT_CACHE_DIR", str(tmp_path / "one"))
    one = lint(capsys, "--jobs", "1", tree)
    monkeypatch.setenv("POSTLINT_CACHE_DIR", str(tmp_path / "many"))
    cold = lint(capsys, "--jobs", jobs, tree)
    assert one == cold == fresh["text"] and pooled == [jobs]
    assert forked == ([True] if pool_kind == "forked" else [])
    stats, entries = index(tmp_path / "many")
    assert (stats, entries) == index(tmp_path / "one")
    assert len(entries) == len(list(tree.rglob("*.md"))) and len(stats) == len(entries)
    del linted[:]
    for fmt in ("text", "json"):  # answered from the cache: nothing linted, no pool started
        assert lint(capsys, "--jobs", jobs, "--format", fmt, tree) == fresh[fmt]
    assert linted == [] and pooled == [jobs]


def test_a_partly_warm_cache_lints_only_what_changed(tmp_path, capsys, monkeypatch, pooled, pool_kind, linted, settled,
                                                     forked):
    tree = postings_tree(tmp_path / "t", copies=6)
    lint(capsys, "--jobs", "2", tree)
    files = sorted(tree.rglob("*.md"))
    for f in files[::3]:
        f.write_bytes(f.read_bytes().replace(b"##", b"## ", 1) + b"\nMore text here.\n")
    fresh = lint(capsys, "--no-cache", "--jobs", "1", tree)
    del linted[:], pooled[:]
    assert lint(capsys, "--jobs", "2", tree) == fresh
    assert pooled == [2] and set(linted) <= {str(f) for f in files[::3]}
    assert forked == ([True, True] if pool_kind == "forked" else [])
    stats, entries = index(Path(os.environ["POSTLINT_CACHE_DIR"]))
    monkeypatch.setenv("POSTLINT_CACHE_DIR", str(tmp_path / "one"))
    lint(capsys, "--jobs", "1", tree)
    _, expected = index(tmp_path / "one")
    # The edited files' newest entry is the one for their new bytes, as one process stores it.
    assert {p: kept[0] for p, kept in entries.items()} == {p: kept[0] for p, kept in expected.items()}
    del linted[:], pooled[:]
    assert lint(capsys, "--jobs", "2", tree) == fresh and linted == [] and pooled == []


def test_a_killed_child_writes_no_cache(tmp_path, capsys, monkeypatch, pooled, pool_kind):
    import time

    main_pid = os.getpid()
    marker = tmp_path / "a-child-started"
    armed = [True]

    def die():
        if not armed[0]:
            return
        if os.getpid() != main_pid:
            marker.touch()
            os.kill(os.getpid(), signal.SIGKILL)
        elif not marker.exists():
            deadline = time.monotonic() + 20  # this process lints too: let a child claim some first
            while pool_kind == "forked" and not marker.exists() and time.monotonic() < deadline:
                time.sleep(0.01)

    _rule_that(monkeypatch, "DIE", die)
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "f00.md").write_text("##ABOUT\n", encoding="utf-8")
    for i in range(1, 30):
        (tmp_path / "t" / f"f{i:02d}.md").write_text("DIE\n##ABOUT\n", encoding="utf-8")
    code, out, err = lint(capsys, "--jobs", "2", "--schema", "none", tmp_path / "t")
    assert code == 2 and pooled == [2]
    assert "a worker process died while linting" in err and "--jobs 1" in err
    assert not (Path(os.environ["POSTLINT_CACHE_DIR"]) / "v2" / "index").exists()
    armed[0] = False
    fresh = lint(capsys, "--no-cache", "--jobs", "1", "--schema", "none", tmp_path / "t")
    assert lint(capsys, "--jobs", "2", "--schema", "none", tmp_path / "t") == fresh


@pytest.mark.parametrize("change", ["a file gone", "the walk fails"])
def test_a_child_whose_walk_differs_stores_nothing_of_it(tmp_path, capsys, monkeypatch, pooled, settled, change):
    alter_child_walks(monkeypatch, change)
    tree = postings_tree(tmp_path / "t", copies=2)
    fresh = lint(capsys, "--no-cache", "--jobs", "1", tree)
    assert lint(capsys, "--jobs", "2", tree) == fresh and pooled == [2]
    many = Path(os.environ["POSTLINT_CACHE_DIR"])
    monkeypatch.setenv("POSTLINT_CACHE_DIR", str(tmp_path / "one"))
    lint(capsys, "--jobs", "1", tree)
    assert index(many) == index(tmp_path / "one")


@pytest.mark.corpus
def test_corpus_cold_cache_identical_with_jobs(tmp_path, capsys, monkeypatch):
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    fresh = lint(capsys, "--no-cache", "--jobs", "1", "--select", "ALL", CORPUS)
    monkeypatch.setenv("POSTLINT_CACHE_DIR", str(tmp_path / "one"))
    assert lint(capsys, "--jobs", "1", "--select", "ALL", CORPUS) == fresh
    monkeypatch.setenv("POSTLINT_CACHE_DIR", str(tmp_path / "two"))
    assert lint(capsys, "--jobs", "2", "--select", "ALL", CORPUS) == fresh
    assert index(tmp_path / "one")[1] == index(tmp_path / "two")[1]
    assert lint(capsys, "--jobs", "2", "--select", "ALL", CORPUS) == fresh  # warm
