"""Named hostile inputs: each gives a diagnostic naming the file and the place (or a
clean pass where that is right), never a traceback, and the run goes on.

The inputs are generated in tmp_path by ``tests/hostile_inputs.py`` (shared with
``benchmarks/hostile.py``, which prints the table of outputs and times).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import hostile_inputs as H
from postlint import cli


def lint(capsys, *args):
    code = cli.main(["--color", "never", *map(str, args)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def findings(out):
    """(path, line, col, code) of every finding line."""
    rows = []
    for line in out.splitlines():
        head, sep, _ = line.partition(": PL")
        if not sep:
            continue
        path, ln, col = head.rsplit(":", 2)
        rows.append((path, int(ln), int(col), "PL" + line[len(head) + 4:].split()[0]))
    return rows


# case -> (expected exit, expected (line, col, code) findings; None = clean pass)
EXPECTED = {
    "empty": (0, []),
    "only_dashes": (1, [(1, 1, "PL003")]),
    "unterminated": (1, [(1, 1, "PL003")]),
    "front_matter_only": (0, []),
    "png": (1, [(1, 1, "PL001")]),
    "cp1252": (1, [(9, 10, "PL001")]),
    "utf16": (0, []),
    "nul_bytes": (0, []),  # two NULs in text are not binary; no rule checks control characters yet
    "billion_laughs": (1, [(2, 16, "PL002")]),
    "nested_yaml": (1, [(2, 1, "PL002")]),
    "nested_lists": (1, [(1, 1, "PL100")]),  # no PL302: the deep item has text
    "nested_quotes": (1, [(1, 1, "PL100")]),
    "long_line": (0, [(13, 9706, "PL602")]),  # 200,000 words: too long to read (info, exit 0)
    "symlink_loop": (1, [(1, 1, "PL004")]),
    "dangling_symlink": (1, [(1, 1, "PL004")]),
    "odd_name": (0, []),
    "mixed_newlines": (0, []),
}


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_named_case(case, tmp_path, capsys):
    path = getattr(H, case)(tmp_path)
    code, out, err = lint(capsys, path)
    want_exit, want = EXPECTED[case]
    got = [(ln, col, c) for p, ln, col, c in findings(out)]
    assert got == want, out + err
    assert all(p == str(path) for p, *_ in findings(out))
    assert code == want_exit, out + err


def test_messages_name_the_problem(tmp_path, capsys):
    cases = {"symlink_loop": "Too many levels of symbolic links", "dangling_symlink": "No such file",
             "png": "looks binary", "cp1252": "Byte 0x97", "billion_laughs": "100,000",
             "nested_yaml": "nested more than 100 levels", "only_dashes": "never closed"}
    for case, words in cases.items():
        folder = tmp_path / case
        folder.mkdir()
        _, out, _ = lint(capsys, getattr(H, case)(folder))
        assert words in out, (case, out)


def test_every_case_in_one_walk(tmp_path, run_cli):
    """All cases side by side in one folder: each file gets its verdict, none stops the run."""
    made = {case: getattr(H, case)(tmp_path) for case in EXPECTED}
    H.directory_md(tmp_path)
    (tmp_path / "good.md").write_text("##ABOUT\n", encoding="utf-8")
    proc = run_cli("--schema", "none", ".", cwd=tmp_path)
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.returncode == 1, proc.stdout + proc.stderr
    paths = {p for p, *_ in findings(proc.stdout)}
    assert "good.md" in paths  # linted after every hostile file
    for case in ("png", "cp1252", "billion_laughs", "nested_yaml", "symlink_loop", "dangling_symlink",
                 "unterminated", "only_dashes"):
        assert os.path.relpath(made[case], tmp_path) in paths, case
    assert "x.md" not in paths  # a folder named x.md is walked like any folder


def test_directory_named_md_is_walked_not_read(tmp_path, capsys):
    folder = H.directory_md(tmp_path)
    (folder / "inner.md").write_text("##ABOUT\n", encoding="utf-8")
    code, out, _ = lint(capsys, "--schema", "none", folder)
    assert [c for *_, c in findings(out)] == ["PL301"] and code == 1


def test_mixed_newlines_positions(tmp_path, capsys):
    """CR, LF and CRLF each end a line: the finding is on the line an editor shows."""
    path = tmp_path / "mixed.md"
    path.write_bytes(b"one\rtwo\r\nthree\n\r##ABOUT\rend\n")
    code, out, _ = lint(capsys, "--schema", "none", path)
    assert findings(out) == [(str(path), 5, 1, "PL301")] and code == 1


def test_mixed_newlines_fix_keeps_each_line_ending(tmp_path, capsys):
    path = tmp_path / "mixed.md"
    path.write_bytes(b"one\r##ABOUT\r\nthree\n")
    lint(capsys, "--schema", "none", "--fix", path)
    assert path.read_bytes() == b"one\r## ABOUT\r\nthree\n"


def test_utf16_fix_writes_utf16_back(tmp_path, capsys):
    path = tmp_path / "utf16.md"
    path.write_bytes("caf\u00e9\n##ABOUT\n".encode("utf-16"))
    code, out, _ = lint(capsys, "--schema", "none", "--fix", path)
    assert path.read_bytes() == "caf\u00e9\n## ABOUT\n".encode("utf-16")


def test_cp1252_fix_keeps_undecodable_bytes(tmp_path, capsys):
    path = tmp_path / "cp.md"
    path.write_bytes(b"Fast \x97 friendly\n##ABOUT\n")
    lint(capsys, "--schema", "none", "--fix", path)
    assert path.read_bytes() == b"Fast \x97 friendly\n## ABOUT\n"


def test_nested_lists_fix_loses_nothing(tmp_path, capsys):
    path = H.nested_lists(tmp_path)
    before = path.read_bytes()
    lint(capsys, "--schema", "none", "--fix", path)
    assert path.read_bytes() == before


def test_path_with_spaces_and_non_ascii_is_printed_as_is(tmp_path, capsys):
    path = H.odd_name(tmp_path)
    path.write_text("##ABOUT\n", encoding="utf-8")
    code, out, _ = lint(capsys, "--schema", "none", path)
    assert findings(out) == [(str(path), 1, 1, "PL301")] and code == 1


def test_unreadable_file(tmp_path, capsys, monkeypatch):
    """Root ignores chmod 000, so the read itself is made to fail, as it would for a user."""
    locked, other = tmp_path / "locked.md", tmp_path / "other.md"
    locked.write_text("##ABOUT\n", encoding="utf-8")
    other.write_text("##ABOUT\n", encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.md":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    # With the result cache on, a posting is read once, by the cache (to hash the bytes it lints).
    from postlint import cache

    monkeypatch.setattr(cache, "_read", lambda path: read_bytes(Path(path)))
    code, out, _ = lint(capsys, "--schema", "none", tmp_path)
    assert sorted((os.path.basename(p), c) for p, _, _, c in findings(out)) == [("locked.md", "PL004"), ("other.md", "PL301")]
    assert "Cannot read file: Permission denied" in out and code == 1


def test_file_deleted_while_the_run_goes_on(tmp_path, capsys, monkeypatch):
    """Discovery finds three files; the second is removed after the first is linted."""
    from postlint import files

    for name in ("a.md", "b.md", "c.md"):
        (tmp_path / name).write_text("##ABOUT\n", encoding="utf-8")
    real = files.discover

    def discover(*args, **kwargs):
        for i, item in enumerate(real(*args, **kwargs)):
            yield item
            if i == 0:
                (tmp_path / "b.md").unlink()

    monkeypatch.setattr(files, "discover", discover)
    code, out, _ = lint(capsys, "--schema", "none", tmp_path)
    assert sorted((os.path.basename(p), c) for p, _, _, c in findings(out)) == [
        ("a.md", "PL301"), ("b.md", "PL004"), ("c.md", "PL301")]
    assert code == 1


@pytest.mark.slow
def test_ten_megabyte_posting(tmp_path, capsys):
    """About 14-20 s here: no time budget, so a busy machine cannot turn it into PL005."""
    path = H.ten_mb(tmp_path)
    code, out, _ = lint(capsys, "--timeout", "0", path)
    # One finding: PL602 at the 2,001st word (info, exit 0); nothing else in 10 MB of clean text.
    assert [c for *_, c in findings(out)] == ["PL602"] and code == 0


# ------------------------------------------------ regressions found by tests/test_fuzz.py
def test_undecodable_byte_in_front_matter(tmp_path, capsys):
    """Fuzz find: a cp1252 byte inside the YAML crashed every front-matter rule
    (libyaml cannot encode the lone surrogate that keeps the byte)."""
    path = tmp_path / "fm.md"
    path.write_bytes(b"---\nt: \x97 x: y\n---\n")
    code, out, _ = lint(capsys, "--schema", "none", path)
    assert [(ln, col, c) for _, ln, col, c in findings(out)] == [(2, 4, "PL001"), (2, 7, "PL002")]
    assert code == 1


def test_undecodable_byte_is_found_again_after_a_fix(tmp_path, capsys):
    """Fuzz find: after a fix moved text, PL001 kept the offset of the original file,
    so it pointed past the byte (here into a suppression, which then hid it)."""
    path = tmp_path / "moved.md"
    path.write_bytes(b"<!-- postlint-disable-next-line PL301 --> \x97\n    <!-- postlint-disable -->")
    code, out, _ = lint(capsys, "--schema", "none", "--fix", path)
    assert path.read_bytes() == b" \x97\n"
    assert [(ln, col, c) for _, ln, col, c in findings(out)] == [(1, 2, "PL001")]


# ------------------------------------------------------------ time budget (PL005)
def _slow_rule(monkeypatch, trigger="SLOW"):
    """Make PL301's check spin forever on a file that contains ``trigger``."""
    import time

    from postlint.checks.heading_without_space import HeadingWithoutSpace

    real = HeadingWithoutSpace.check

    def check(self, doc, ctx):
        while trigger in doc.text:
            time.sleep(0.01)
        return real(self, doc, ctx)

    monkeypatch.setattr(HeadingWithoutSpace, "check", check)


def test_runaway_file_becomes_a_timeout_finding(tmp_path, capsys, monkeypatch):
    _slow_rule(monkeypatch)
    (tmp_path / "a-slow.md").write_text("SLOW\n##ABOUT\n", encoding="utf-8")
    (tmp_path / "b-fine.md").write_text("##ABOUT\n", encoding="utf-8")
    code, out, _ = lint(capsys, "--schema", "none", "--timeout", "0.3", tmp_path)
    assert sorted((os.path.basename(p), ln, col, c) for p, ln, col, c in findings(out)) == [
        ("a-slow.md", 1, 1, "PL005"), ("b-fine.md", 1, 1, "PL301")]
    assert "took longer than 0.3 s" in out and code == 1


def test_timeout_with_fix_leaves_the_file_untouched(tmp_path, capsys, monkeypatch):
    _slow_rule(monkeypatch)
    path = tmp_path / "slow.md"
    path.write_bytes(b"SLOW\n##ABOUT\n")
    code, out, _ = lint(capsys, "--schema", "none", "--fix", "--timeout", "0.3", path)
    assert path.read_bytes() == b"SLOW\n##ABOUT\n"
    assert [c for *_, c in findings(out)] == ["PL005"]


def test_timeout_from_config_and_zero_disables(tmp_path, capsys, monkeypatch):
    import signal

    _slow_rule(monkeypatch)
    (tmp_path / ".postlint.toml").write_text("timeout = 0.3\nschema = false\n", encoding="utf-8")
    (tmp_path / "slow.md").write_text("SLOW\n", encoding="utf-8")
    code, out, _ = lint(capsys, tmp_path)
    assert [c for *_, c in findings(out)] == ["PL005"]
    # --timeout 0: no budget is armed at all (the rule is fast again here).
    monkeypatch.undo()
    armed = []
    real = signal.setitimer
    monkeypatch.setattr(signal, "setitimer", lambda *a: armed.append(a) or real(*a))
    code, out, _ = lint(capsys, "--timeout", "0", tmp_path)
    assert armed == [] and findings(out) == []


def test_time_budget_restores_an_outer_timer():
    import signal
    import time

    from postlint.timebudget import FileTimeout, time_budget

    fired = []
    old = signal.signal(signal.SIGALRM, lambda *a: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        with time_budget(5):
            pass
        with pytest.raises(FileTimeout):
            with time_budget(0.05):
                while True:
                    time.sleep(0.01)
        assert 0 < signal.getitimer(signal.ITIMER_REAL)[0] <= 0.5
        time.sleep(0.6)
        assert fired == [1]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
