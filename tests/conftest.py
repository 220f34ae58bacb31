import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def corpus_files():
    """Every posting of ../shared/corpus (skips the test when it is absent)."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.name not in ("MANIFEST.tsv", "SOURCES.md"))


@pytest.fixture
def run_cli():
    """Run `python -m postlint ...` in a folder; returns CompletedProcess (text)."""

    def run(*args, cwd=None, input=None, env=None):
        full_env = dict(os.environ)
        full_env.pop("GITHUB_ACTIONS", None)
        full_env.pop("POSTLINT_FORMAT", None)
        full_env["NO_COLOR"] = "1"
        full_env.update(env or {})
        return subprocess.run([sys.executable, "-m", "postlint", *args], cwd=cwd, input=input,
                              capture_output=True, text=True, env=full_env, timeout=300)

    return run


@pytest.fixture(autouse=True)
def _private_result_cache(tmp_path_factory, monkeypatch):
    """Each test gets its own result cache: none is written into the repository, and a
    test that patches a rule never reads results another test stored."""
    if "POSTLINT_TEST_KEEP_CACHE_ENV" not in os.environ:
        monkeypatch.setenv("POSTLINT_CACHE_DIR", str(tmp_path_factory.mktemp("postlint-cache")))


@pytest.fixture(scope="session")
def _startup_cache_dir(tmp_path_factory):
    return str(tmp_path_factory.mktemp("postlint-startup-cache"))


@pytest.fixture(autouse=True)
def _private_startup_cache(_startup_cache_dir, monkeypatch):
    """The CLI's start-up cache (postlint/startup_cache.py) of a test run lives in one temporary
    folder, shared by the session (the CLI's subprocesses start warm, as a user's would):
    nothing is written into ~/.cache."""
    monkeypatch.setenv("POSTLINT_STARTUP_CACHE", _startup_cache_dir)
