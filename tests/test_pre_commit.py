"""The pre-commit hooks, run for real: `pre-commit try-repo <this repo> HOOK --all-files`
against a throw-away git repository of postings. pre-commit clones the hook repository
at a commit and installs it with pip (from PyPI), exactly as a user's pre-commit would.

The hook repository handed to pre-commit is a clone of this one at HEAD plus the
working tree's uncommitted changes to tracked files (what try-repo itself would take),
committed. try-repo installs the hook into a new temporary store on every call (about
14 s here), so the test makes three calls.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())

FM = "---\nlayout: job\ntitle: Backend Engineer\nlocation: Remote\npost-date: 2024-05-01\n---\n"
GOOD = FM + "## About\n\nWe build booking software for independent cinemas, a team of twelve in Leeds and at home who ship small changes every day. You will design and build the services behind our booking widgets, review code, pair with other developers and talk to the cinema owners who use what you make.\n"
BAD = FM + "##About\n\nWe build booking software for independent cinemas, a team of twelve in Leeds and at home who ship small changes every day. You will design and build the services behind our booking widgets, review code, pair with other developers and talk to the cinema owners who use what you make.\n\n-\n"
FIXABLE = FM + "##About\n\nWe build booking software for independent cinemas, a team of twelve in Leeds and at home who ship small changes every day. You will design and build the services behind our booking widgets, review code, pair with other developers and talk to the cinema owners who use what you make.\n"
BAD_UNFIXABLE = "---\ntitle: [unclosed\n---\n## About\n\nWe build booking software for independent cinemas, a team of twelve in Leeds and at home who ship small changes every day. You will design and build the services behind our booking widgets, review code, pair with other developers and talk to the cinema owners who use what you make.\n"


def _hook(hook_id):
    return next(h for h in HOOKS if h["id"] == hook_id)


def _selected(hook_id, name):
    h = _hook(hook_id)
    return bool(re.search(h["files"], name)) and not re.search(h.get("exclude", "^$"), name)


def test_hooks_match_the_names_real_posting_repos_use():
    for hook_id in ("postlint", "postlint-fix"):
        for name in ("positions/data-engineer.md", "pages/positions/x.md", "_positions/devops.md",
                     "_posts/2013-4-4-senior-art-director.markdown", "source/positions/dev.html.md",
                     "source/positions/dev.html.markdown.erb", "jobs/dev.markdown.erb", "jobs/a.mdown",
                     "jobs/a.mkd", "jobs/a.mkdn", "acme/backend-engineer.md"):
            assert _selected(hook_id, name), (hook_id, name)
        # The repo's own docs are not postings; pythonjobs' *.html and extensionless
        # postings need `files:` set by the user (see docs/pre-commit.md).
        for name in ("README.md", "acme/README.md", "CONTRIBUTING.md", ".github/PULL_REQUEST_TEMPLATE.md",
                     "jobs/acme.html", "jobs/acme", "index.html", "style.css", "notes.txt"):
            assert not _selected(hook_id, name), (hook_id, name)
    assert _hook("postlint")["entry"] == "postlint" and _hook("postlint-fix")["entry"] == "postlint --fix"


@pytest.mark.corpus
def test_hooks_match_the_corpus_repo_paths():
    """Each corpus posting by its path in its own repository (MANIFEST.tsv): the default
    matches all but pythonjobs', which `files: ^jobs/` (docs/pre-commit.md) matches."""
    from conftest import CORPUS

    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    missed = {}
    for manifest in sorted(CORPUS.glob("*/MANIFEST.tsv")):
        rows = [line.split("\t") for line in manifest.read_text(encoding="utf-8").splitlines()[1:] if line]
        paths = [row[1] for row in rows]
        missed[manifest.parent.name] = [p for p in paths if not _selected("postlint", p)]
        if manifest.parent.name == "pythonjobs":
            assert all(re.search("^jobs/", p) for p in paths)
    assert len(missed) == 7
    assert {k: len(v) for k, v in missed.items() if v} == {"pythonjobs": 217}, missed


def _git(*args, cwd):
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.invalid")
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def _hook_repo(tmp: Path) -> Path:
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: pre-commit needs a git repository to install the hooks from")
    repo = tmp / "hook-repo"
    _git("clone", "--quiet", "--no-hardlinks", str(ROOT), str(repo), cwd=tmp)
    diff = subprocess.run(["git", "diff", "HEAD", "--binary"], cwd=ROOT, capture_output=True, check=True).stdout
    if diff:
        subprocess.run(["git", "apply", "--whitespace=nowarn"], cwd=repo, input=diff, check=True)
        _git("commit", "--quiet", "-am", "working tree", cwd=repo)
    return repo


def _postings_repo(tmp: Path, files: dict) -> Path:
    repo = tmp / "postings"
    if repo.exists():
        shutil.rmtree(repo)
    repo.mkdir()
    _git("init", "--quiet", cwd=repo)
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text)
    _git("add", "-A", cwd=repo)
    _git("commit", "--quiet", "-m", "postings", cwd=repo)
    return repo


@pytest.mark.slow
def test_pre_commit_try_repo_runs_both_hooks(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    hook_repo = _hook_repo(tmp_path)
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"), NO_COLOR="1",
               GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.invalid")
    env.pop("PRE_COMMIT", None)

    def try_repo(hook_id, repo):
        return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), hook_id,
                               "--all-files", "--color", "never"],
                              cwd=repo, env=env, capture_output=True, text=True, timeout=600)

    # A good posting passes.
    repo = _postings_repo(tmp_path, {"positions/good.md": GOOD, "_posts/2013-4-4-dev.markdown": GOOD,
                                     "README.md": "# Our jobs\n"})
    r = try_repo("postlint", repo)
    assert r.returncode == 0, r.stdout + r.stderr
    assert re.search(r"postlint\.+Passed", r.stdout), r.stdout

    # A bad posting fails, and the finding names file, line and rule.
    repo = _postings_repo(tmp_path, {"positions/bad.md": BAD, "positions/good.md": GOOD})
    r = try_repo("postlint", repo)
    assert r.returncode == 1, r.stdout + r.stderr
    report = r.stdout.split("Failed")[-1]
    assert "positions/bad.md:7:1: PL301" in report and "positions/bad.md:11:1: PL302" in report
    assert "good.md" not in report

    # postlint-fix repairs a fixable posting (pre-commit fails the run because files changed)
    # and leaves alone, but reports, one it cannot fix.
    repo = _postings_repo(tmp_path, {"positions/fixme.html.md": FIXABLE, "positions/broken.md": BAD_UNFIXABLE})
    r = try_repo("postlint-fix", repo)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "files were modified by this hook" in r.stdout
    assert (repo / "positions/fixme.html.md").read_text() == FIXABLE.replace("##About", "## About")
    assert (repo / "positions/broken.md").read_text() == BAD_UNFIXABLE
    report = r.stdout.split("Failed")[-1]
    assert "positions/broken.md:" in report and "fixme.html.md" not in report, r.stdout
