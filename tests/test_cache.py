"""The result cache: same output as a fresh run, never stale, never a crash."""

import os
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


def test_a_corrupt_entry_is_a_miss_not_a_crash(project, capsys, linted):
    first = lint(capsys, "jobs")
    entries = [p for p in (project / ".postlint_cache").rglob("*") if p.is_file() and p.name != ".gitignore"]
    assert len(entries) == 6
    for i, entry in enumerate(entries):
        entry.write_bytes([b"", b"{not json", b"[[1, 2]]", b"\xff\xfe", b'[["a"]]', b"null"][i])
    linted.clear()
    assert lint(capsys, "jobs") == first
    assert len(linted) == 6
    linted.clear()
    assert lint(capsys, "jobs") == first and linted == []  # rewritten


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

    def entries():  # a miss rewrites its entry (a new file renamed over it: a new inode)
        return {p: p.stat().st_ino for p in (project / ".postlint_cache").rglob("*") if p.is_file()}

    before = entries()
    warm = cli.main(["--jobs", "2", "."]), capsys.readouterr()
    assert fresh == cold == warm
    assert entries() == before and len(before) == 30 + 1


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
