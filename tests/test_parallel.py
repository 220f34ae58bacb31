"""--jobs: a process pool gives the same output, byte for byte, as one process."""

import os
import signal
from pathlib import Path

import pytest

from postlint import cli, parallel
from tests.conftest import CORPUS, SEEDS

ROOT = Path(__file__).resolve().parents[1]


def lint(capsys, *args):
    code = cli.main(["--color", "never", "--no-cache", *map(str, args)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def pooled(monkeypatch):
    """Counts how many runs really started a pool (a handful of files stays in one process)."""
    calls = []
    real = parallel._pooled

    def spy(*a, **k):
        calls.append(a[1])  # jobs
        yield from real(*a, **k)

    monkeypatch.setattr(parallel, "_pooled", spy)
    return calls


def postings_tree(root: Path, copies: int = 4) -> Path:
    """The seeds and examples, several times over, plus CRLF, BOM and undecodable variants."""
    sources = sorted(SEEDS.glob("*")) + sorted((ROOT / "examples").rglob("*.md"))
    for i in range(copies):
        folder = root / f"batch{i}"
        folder.mkdir(parents=True)
        for src in sources:
            data = src.read_bytes()
            if i == 1:
                data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
            elif i == 2:
                data = b"\xef\xbb\xbf" + data
            elif i == 3:
                data = data.replace(b"e", b"\xe9", 1)
            (folder / src.name).write_bytes(data)
    return root


def test_jobs_output_is_identical_to_one_process(tmp_path, capsys, pooled, pool_kind):
    tree = postings_tree(tmp_path / "t")
    n = len(list(tree.rglob("*.md")))
    assert n >= parallel.MIN_FILES_PER_WORKER * 2
    for fmt in ("text", "json", "sarif"):
        one = lint(capsys, "--jobs", "1", "--format", fmt, tree)
        two = lint(capsys, "--jobs", "2", "--format", fmt, tree)
        assert one == two
    assert pooled == [2, 2, 2]
    assert "Found " in one[1] or fmt != "text"


def test_a_handful_of_files_runs_without_a_pool(tmp_path, capsys, pooled):
    tree = postings_tree(tmp_path / "t", copies=1)
    lint(capsys, "--jobs", "8", tree)
    assert pooled == []


def test_fix_with_jobs_writes_the_same_files(tmp_path, capsys, pooled, pool_kind):
    a = postings_tree(tmp_path / "a")
    b = postings_tree(tmp_path / "b")
    out_a = lint(capsys, "--jobs", "1", "--fix", "--show-fixes", a)
    out_b = lint(capsys, "--jobs", "2", "--fix", "--show-fixes", b)
    assert out_a[0] == out_b[0]
    assert out_a[1].replace(str(a), "X") == out_b[1].replace(str(b), "X")
    for fa in sorted(a.rglob("*.md")):
        assert fa.read_bytes() == (b / fa.relative_to(a)).read_bytes()
    assert "Fixed " in out_b[1] and pooled == [2]
    diff_a = lint(capsys, "--jobs", "1", "--diff", a)
    diff_b = lint(capsys, "--jobs", "2", "--diff", b)
    assert diff_a[1].replace(str(a), "X") == diff_b[1].replace(str(b), "X")


def _rule_that(monkeypatch, trigger, action):
    from postlint.checks.heading_without_space import HeadingWithoutSpace

    real = HeadingWithoutSpace.check

    def check(self, doc, ctx):
        if trigger in doc.text:
            action()
        return real(self, doc, ctx)

    monkeypatch.setattr(HeadingWithoutSpace, "check", check)


def test_time_budget_works_inside_workers(tmp_path, capsys, monkeypatch, pooled, pool_kind):
    import time

    def spin():
        while True:
            time.sleep(0.01)

    _rule_that(monkeypatch, "SLOW", spin)
    for i in range(12):
        (tmp_path / f"f{i:02d}.md").write_text(("SLOW\n" if i == 5 else "") + "##ABOUT\n", encoding="utf-8")
    code, out, _ = lint(capsys, "--jobs", "2", "--schema", "none", "--timeout", "0.3", tmp_path)
    lines = [line.split(": ", 1)[0].rsplit("/", 1)[-1] + " " + line.split()[1] for line in out.splitlines() if ": PL" in line]
    assert lines == [f"f{i:02d}.md:{2 if i == 5 else 1}:1 PL301" if i != 5 else "f05.md:1:1 PL005" for i in range(12)]
    assert pooled == [2] and code == 1


@pytest.fixture(params=["forked", "executor"])
def pool_kind(request, monkeypatch):
    """Both ways of sharing files: forked children beside this process (--no-cache, --fix on
    Linux) and the ProcessPoolExecutor (with the cache, and where only spawn is available)."""
    monkeypatch.setattr(parallel, "PARENT_LINTS", request.param == "forked")
    return request.param


def test_a_killed_worker_is_a_clear_error_not_a_hang(tmp_path, capsys, monkeypatch, pooled, pool_kind):
    import time

    main_pid = os.getpid()
    marker = tmp_path / "a-child-started"
    waited = []

    def die():
        if os.getpid() != main_pid:  # never the test process itself
            marker.touch()
            os.kill(os.getpid(), signal.SIGKILL)
        elif not waited:
            # This process lints files too (forked): wait, once, until a child has claimed some
            # (it dies on its first), so that the test does not depend on who claims what.
            waited.append(1)
            deadline = time.monotonic() + 20
            while pool_kind == "forked" and not marker.exists() and time.monotonic() < deadline:
                time.sleep(0.01)

    _rule_that(monkeypatch, "DIE", die)
    (tmp_path / "f00.md").write_text("##ABOUT\n", encoding="utf-8")  # the first, linted before the fork
    for i in range(1, 30):
        (tmp_path / f"f{i:02d}.md").write_text(("DIE\n" if pool_kind == "forked" or i == 7 else "") + "##ABOUT\n",
                                             encoding="utf-8")
    code, out, err = lint(capsys, "--jobs", "2", "--schema", "none", tmp_path)
    assert code == 2 and pooled == [2]
    assert "a worker process died while linting" in err and "--jobs 1" in err


def test_jobs_must_be_positive(capsys):
    code, _, err = lint(capsys, "--jobs", "0", ".")
    assert code == 2 and "--jobs must be 1 or more" in err


@pytest.mark.corpus
def test_corpus_output_identical_with_jobs(capsys):
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    one = lint(capsys, "--jobs", "1", "--select", "ALL", CORPUS)
    two = lint(capsys, "--jobs", "2", "--select", "ALL", CORPUS)
    assert one == two and one[1].count("\n") > 1000


@pytest.mark.parametrize("chunk, ahead, lookahead", [(8, 32, 64), (1, 1, 64), (5, 2, 0), (3, 32, 1000)])
def test_three_processes_give_the_same_output(tmp_path, capsys, monkeypatch, pooled, chunk, ahead, lookahead):
    # Two forked children and this process claim chunks from one counter; merged in order.
    # (1, 1): a chunk a file, and this process waits for the oldest child chunk at once.
    # lookahead 0: the end is seen only when reached; 1000: from the first claim (all short chunks).
    monkeypatch.setattr(parallel, "FORK_CHUNK", chunk)
    monkeypatch.setattr(parallel, "AHEAD", ahead)
    monkeypatch.setattr(parallel, "LOOKAHEAD", lookahead)
    tree = postings_tree(tmp_path / "t", copies=6)
    one = lint(capsys, "--jobs", "1", tree)
    three = lint(capsys, "--jobs", "3", tree)
    assert one == three and pooled == [3]


def alter_child_walks(monkeypatch, change: str) -> None:
    """Forked children walk a tree that lost its sixth file ("a file gone"), or whose walk
    fails there ("the walk fails"); this process walks it whole."""
    real = parallel._run_child

    def run_child(worker, entries, *a):
        def altered():
            for i, entry in enumerate(entries):
                if i == 5:
                    if change == "the walk fails":
                        raise OSError("gone")
                    continue
                yield entry

        return real(worker, altered(), *a)

    monkeypatch.setattr(parallel, "_run_child", run_child)


@pytest.mark.parametrize("change", ["a file gone", "the walk fails"])
def test_a_child_whose_walk_differs_is_made_up_for(tmp_path, capsys, monkeypatch, pooled, change):
    """A child walks the tree again: if it sees other files (the tree changed meanwhile) or its
    walk stops, the main process lints the chunks it claimed itself; output as --jobs 1."""
    alter_child_walks(monkeypatch, change)
    tree = postings_tree(tmp_path / "t", copies=2)
    one = lint(capsys, "--jobs", "1", tree)
    two = lint(capsys, "--jobs", "2", tree)
    assert one == two and pooled == [2]


def _env():
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    env.pop("POSTLINT_FORMAT", None)
    env.pop("GITHUB_ACTIONS", None)
    return env


def _processes_naming(folder: Path) -> list:
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if str(folder).encode() in (proc / "cmdline").read_bytes():
                found.append(proc.name)
        except OSError:
            pass
    return found


@pytest.mark.skipif(not Path("/proc").is_dir() or "fork" not in __import__("multiprocessing").get_all_start_methods(),
                    reason="forked children, seen in /proc")
@pytest.mark.parametrize("cache", ["--no-cache", "cold cache"])
@pytest.mark.parametrize("stop", ["ctrl-c", "broken pipe"])
def test_stopping_early_leaves_no_child(tmp_path, stop, cache):
    import subprocess
    import sys
    import time

    many = tmp_path / "many-for-a-stop-test"
    postings_tree(many, copies=16)
    # A long posting linted last (~0.5 s): the run cannot end between the second file's findings
    # and the signal, even when a loaded machine holds this test back (it did: exit 1, the run
    # had finished with findings before the SIGINT came).
    (many / "zz").mkdir()
    (many / "zz" / "zz-long.md").write_bytes(sorted(SEEDS.glob("*.md"))[0].read_bytes() * 200)
    env = dict(_env(), POSTLINT_CACHE_DIR=str(tmp_path / "cache"))  # with the cache: forked children too
    args = ["--no-cache"] if cache == "--no-cache" else []
    p = subprocess.Popen([sys.executable, "-m", "postlint", *args, "--jobs", "2", str(many)], cwd=tmp_path,
                         env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seen = set()
    while len(seen) < 2:  # findings of a second file: the children have been forked
        line = p.stdout.readline()
        assert line
        seen.add(line.split(b":", 1)[0])
    if stop == "ctrl-c":
        # Read on to the end: closing stdout at once as well made the two a race, and a broken
        # pipe seen before the interrupt exits 0, as it should (seen once in CI under load).
        p.send_signal(signal.SIGINT)
        err = p.communicate(timeout=60)[1].decode()
    else:
        p.stdout.close()  # `postlint ... | head -1`
        err = p.stderr.read().decode()
        p.wait(timeout=60)
    assert p.returncode == (130 if stop == "ctrl-c" else 0) and "Traceback" not in err
    deadline = time.monotonic() + 10
    while _processes_naming(many) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _processes_naming(many) == []
    if stop == "ctrl-c":  # stopped: nothing half-done is written
        assert not (tmp_path / "cache" / "v2" / "index").exists()


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(), reason="fork")
def test_the_last_chunks_are_short_and_cover_every_file(monkeypatch):
    # Once a walk has seen the end, claims shrink to about remaining / (2 * jobs): the last
    # process to finish does not leave the others idle for a whole chunk.
    counter = parallel._Counter(2)
    walk = parallel._Walk(iter(range(100)), counter)
    claims = []
    try:
        while True:
            start, n = counter(len(claims) % 2)
            skipped, chunk = walk.take(start, n)
            assert skipped == [] and chunk == list(range(start, start + n))[:len(chunk)]
            if not chunk:
                break
            claims.append((start, n))
    finally:
        counter.close()
    assert [s for s, _ in claims] == list(__import__("itertools").accumulate([0] + [n for _, n in claims][:-1]))
    assert sum(n for _, n in claims) >= 100 and claims[-1][0] + claims[-1][1] == 100
    sizes = [n for _, n in claims]
    assert sizes[:5] == [8] * 5 and sizes[-4:] == [1, 1, 1, 1] and sizes == sorted(sizes, reverse=True)


def test_an_error_of_the_walk_comes_after_the_files_before_it(tmp_path):
    # As in one process: the findings of the files before the error, then the error.
    tree = postings_tree(tmp_path / "t", copies=4)
    from postlint.config import ConfigResolver

    files = sorted(tree.rglob("*.md"))
    settings = ConfigResolver().for_path(files[0])

    def items():
        for i, f in enumerate(files):
            if i == 21:
                raise OSError("the walk failed")
            yield f, str(f), settings

    outputs = []
    for jobs in (1, 2, 3):
        got = []
        with pytest.raises(OSError, match="the walk failed"):
            for result in parallel.lint_files(items(), jobs):
                got.append((result.path, [d.code for d in result.diagnostics]))
        outputs.append(got)
    assert len(outputs[0]) == 21 and outputs[0] == outputs[1] == outputs[2]
