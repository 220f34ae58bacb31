"""The program's entry point (``cli.entry``) against the in-process ``cli.main`` it wraps.

``entry`` freezes the collector before the interpreter exits (a start-up saving, see its
docstring); these tests check that the process still says, writes and exits exactly what
``main`` does, on every output path: findings, no findings, --output-file, a configuration
error, standard input, a broken pipe, and a caller's atexit handler.
"""

from __future__ import annotations

import gc
import io
import os
import subprocess
import sys
import tomllib
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from postlint import cli

ROOT = Path(__file__).resolve().parent.parent
BAD = "---\ntitle: Rockstar ninja\n---\n\n# Role\n\nHe will be a rockstar ninja, a young and energetic guy.\n"


def _env():
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    env.pop("POSTLINT_FORMAT", None)
    env.pop("GITHUB_ACTIONS", None)
    return env


def _in_process(argv, cwd):
    out, err = io.StringIO(), io.StringIO()
    old = os.getcwd()
    os.chdir(cwd)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = cli.main(argv)
    finally:
        os.chdir(old)
    return code, out.getvalue(), err.getvalue()


def _program(argv, cwd, stdin=b""):
    p = subprocess.run([sys.executable, "-m", "postlint", *argv], cwd=cwd, env=_env(), input=stdin,
                       capture_output=True)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


@pytest.fixture()
def folder(tmp_path):
    (tmp_path / "bad.md").write_text(BAD, encoding="utf-8")
    (tmp_path / "good.md").write_bytes((ROOT / "examples" / "good-posting.md").read_bytes())
    return tmp_path


@pytest.mark.parametrize("argv", [
    ["--no-cache", "bad.md"],
    ["--no-cache", "good.md"],
    ["--no-cache", "bad.md", "good.md", "--format", "json"],
    ["--no-cache", "--select", "NOPE999", "bad.md"],  # configuration error, exit 2
    ["--no-cache", "--bogus-flag"],  # usage error
    ["bad.md"],  # with the cache: a miss, then (second run) a hit
    ["--version"],
])
def test_program_says_what_main_says(folder, argv):
    expected = _in_process(argv, folder)
    assert _program(argv, folder) == expected
    assert _program(argv, folder) == expected


def test_output_file_is_complete(folder):
    code, out, _ = _program(["--no-cache", "bad.md", "good.md", "-o", "report.txt"], folder)
    _, expected, _ = _in_process(["--no-cache", "bad.md", "good.md"], folder)
    assert code == 1 and out == ""
    assert (folder / "report.txt").read_text(encoding="utf-8") == expected


def test_standard_input_and_fix(folder):
    code, out, err = _program(["--no-cache", "--fix", "-", "--stdin-filename", "bad.md"], folder, BAD.encode())
    assert out  # the fixed text, flushed at exit
    assert code in (0, 1)


def test_broken_pipe_exits_cleanly(folder):
    many = folder / "many"
    many.mkdir()
    for i in range(40):
        (many / f"p{i}.md").write_text(BAD, encoding="utf-8")
    p = subprocess.Popen([sys.executable, "-m", "postlint", "--no-cache", "--jobs", "1", "many"], cwd=folder,
                         env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdout.readline()
    p.stdout.close()  # `postlint ... | head -1`
    err = p.stderr.read().decode()
    p.wait(timeout=60)
    assert p.returncode == 0 and "Traceback" not in err


def test_atexit_handlers_still_run(folder):
    code = ("import atexit, sys; atexit.register(lambda: print('atexit ran', flush=True)); "
            "sys.argv = ['postlint', '--no-cache', 'bad.md']; from postlint.cli import entry; raise SystemExit(entry())")
    p = subprocess.run([sys.executable, "-c", code], cwd=folder, env=_env(), capture_output=True, text=True)
    assert p.returncode == 1
    assert p.stdout.endswith("atexit ran\n") and "bad.md:" in p.stdout


def test_entry_returns_mains_code_and_freezes(folder, monkeypatch):
    monkeypatch.chdir(folder)
    monkeypatch.setattr(sys, "argv", ["postlint", "--no-cache", "-q", "bad.md"])
    try:
        with redirect_stdout(io.StringIO()):
            assert cli.entry() == 1
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()  # this test process goes on


def test_console_script_is_the_entry():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["postlint"] == "postlint.cli:entry"
    assert "entry()" in (ROOT / "postlint" / "__main__.py").read_text(encoding="utf-8")


# ------------------------------------------------------------ the parser's formatter
def test_parser_checks_metavars_as_argparse_does():
    import argparse

    for parser in (cli._Parser(prog="x"), argparse.ArgumentParser(prog="x")):
        with pytest.raises(ValueError, match="length of metavar tuple"):
            parser.add_argument("--pair", nargs=2, metavar=("A", "B", "C"))
        parser.add_argument("--ok", nargs=2, metavar=("A", "B"))


def test_help_is_argparse_help(monkeypatch):
    """The fixed width is only for add_argument's check: help and usage get the terminal's."""
    import argparse

    monkeypatch.setenv("COLUMNS", "63")
    ours = cli._check_parser()
    monkeypatch.setattr(cli._Parser, "add_argument", argparse.ArgumentParser.add_argument)
    monkeypatch.setattr(cli._Parser, "_get_formatter", argparse.ArgumentParser._get_formatter)
    plain = cli._check_parser()
    narrow = ours.format_help()
    assert narrow == plain.format_help()
    assert ours.format_usage() == plain.format_usage()
    monkeypatch.setenv("COLUMNS", "200")
    assert ours.format_help() != narrow  # the width is the terminal's, read when help is formatted


def test_start_up_imports_no_shutil(tmp_path):
    (tmp_path / "p.md").write_text(BAD, encoding="utf-8")
    code = ("import sys; sys.argv = ['postlint', '--no-cache', '-q', 'p.md']; from postlint.cli import main; main(); "
            "print(sorted(m for m in ('shutil', 'difflib', 'bz2', 'lzma') if m in sys.modules))")
    p = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=_env(), capture_output=True, text=True)
    assert p.stdout.splitlines()[-1] == "[]", p.stderr


# ------------------------------------------------------------ argv without argparse
def _parse(argv):
    try:
        return vars(cli._check_parser().parse_args(argv))
    except cli.UsageError as exc:
        return f"usage error: {exc}"


def test_simple_args_tables_are_the_parsers():
    actions = [a for a in cli._check_parser()._actions if a.dest != "help"]
    assert {a.dest: a.default for a in actions if a.dest != "paths"} == cli._DEFAULTS
    flags = {o: a.dest for a in actions if a.nargs == 0 for o in a.option_strings}
    assert flags == cli._FLAGS
    assert all(a.const is True and a.default is False for a in actions if a.nargs == 0)


def _argvs():
    import itertools
    import random

    paths = ["a.md", "dir/b.md", "./c d.md", "é-posting.md", "x=y.md", "", "job.markdown", "rule", "@file"]
    flags = sorted(cli._FLAGS)
    others = ["-", "--", "-h", "--help", "-qq", "--no-c", "--fix=1", "-1", "--format", "github", "-j", "2",
              "--select=PL1", "--jobs=2", "---", "-o", "r.txt"]
    yield []
    for f in flags:
        yield [f]
        yield [f, "a.md"]
        yield ["a.md", f]
        yield ["a.md", f, "b.md"]  # argparse: unrecognized arguments: b.md
    for a, b in itertools.permutations(paths + flags[:4], 2):
        yield [a, b]
    rng = random.Random(13)
    pool = paths + flags + others
    for _ in range(3000):
        yield [rng.choice(pool) for _ in range(rng.randint(1, 6))]


def test_simple_args_is_parse_args():
    fast_count = 0
    for argv in _argvs():
        fast = cli._simple_args(list(argv))
        if fast is None:
            continue
        fast_count += 1
        assert vars(fast) == _parse(list(argv)), argv
    assert fast_count > 500


@pytest.mark.parametrize("argv", [["-"], ["--"], ["-h"], ["-qq"], ["--no-c", "a.md"], ["--format", "json"],
                                  ["a.md", "--fix", "b.md"], ["-j", "2", "a.md"], ["--fix=1"]])
def test_simple_args_leaves_the_rest_to_argparse(argv):
    assert cli._simple_args(argv) is None


def test_start_up_imports_no_argparse(tmp_path):
    (tmp_path / "p.md").write_text(BAD, encoding="utf-8")
    code = ("import sys; sys.argv = ['postlint', '--no-cache', '-q', 'p.md']; from postlint.cli import main; main(); "
            "print(sorted(m for m in ('argparse', 'gettext', 'locale') if m in sys.modules))")
    p = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=_env(), capture_output=True, text=True)
    assert p.stdout.splitlines()[-1] == "[]", p.stderr
