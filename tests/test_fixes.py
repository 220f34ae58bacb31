"""--fix as users meet it: --show-fixes, --exit-non-zero-on-fix, overlap, bounded passes,
and files that cannot be written (a PL004 diagnostic; the other files still get fixed)."""

import os
import re
import shutil
import subprocess
import sys

import pytest

from postlint import cli
from postlint.api import make_settings
from postlint.checks.base import Rule, RuleDocs
from postlint.diagnostics import Diagnostic, Edit, Fix, Severity, Violation
from postlint.engine import MAX_FIX_PASSES, Linter, apply_fixes
from postlint.registry import Registry

# Two safe fixes (PL301 twice) and one finding without a fix (PL102 is a suggestion).
FIXABLE = "---\ntitle: Dev\n---\n##ABOUT\n\nWe build booking software for independent cinemas, a team of twelve in Leeds and at home who ship small changes every day. You will design and build the services behind our booking widgets, review code, pair with other developers and talk to the cinema owners who use what you make.\n\n###Requirements\n\n- Python\n"
FIXED = "---\ntitle: Dev\n---\n## ABOUT\n\nWe build booking software for independent cinemas, a team of twelve in Leeds and at home who ship small changes every day. You will design and build the services behind our booking widgets, review code, pair with other developers and talk to the cinema owners who use what you make.\n\n### Requirements\n\n- Python\n"
EMPTY_BULLET = "---\ntitle: Dev\n---\n## Perks\n\n- Remote\n- \n- Pension\n"


def test_show_fixes_lists_fixes_per_file_and_rule(tmp_path, run_cli):
    (tmp_path / "a.md").write_text(FIXABLE)
    (tmp_path / "b.md").write_text(EMPTY_BULLET)
    (tmp_path / "c.md").write_text(FIXED)
    r = run_cli("--fix", "--show-fixes", "--select", "PL3", "a.md", "b.md", "c.md", cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert (tmp_path / "a.md").read_text() == FIXED
    assert (tmp_path / "b.md").read_text() == EMPTY_BULLET.replace("- \n", "")
    tail = r.stdout[r.stdout.index("Fixed 3 problems:"):]
    assert tail == ("Fixed 3 problems:\n"
                    "- a.md:\n    2 \u00d7 PL301 (heading-without-space)\n"
                    "- b.md:\n    1 \u00d7 PL302 (empty-bullet)\n")
    r = run_cli("--fix", "--show-fixes", "--select", "PL3", "a.md", "b.md", "c.md", cwd=tmp_path)
    assert r.stdout.endswith("No fixes applied.\n") and r.returncode == 0


def test_show_fixes_with_json_goes_to_stderr_and_diff_says_would(tmp_path, run_cli):
    (tmp_path / "a.md").write_text(FIXABLE)
    r = run_cli("--diff", "--show-fixes", "--select", "PL301", "a.md", cwd=tmp_path)
    assert r.returncode == 1 and "+## ABOUT" in r.stdout
    assert "Would fix 2 problems:" in r.stderr and (tmp_path / "a.md").read_text() == FIXABLE
    r = run_cli("--fix", "--show-fixes", "--format", "json", "--select", "PL301", "a.md", cwd=tmp_path)
    assert r.stdout.strip() == "[]" and "Fixed 2 problems:" in r.stderr


def test_exit_non_zero_on_fix(tmp_path, run_cli):
    (tmp_path / "a.md").write_text(FIXABLE)
    r = run_cli("--fix", "--exit-non-zero-on-fix", "--select", "PL301", "a.md", cwd=tmp_path)
    assert r.returncode == 1 and (tmp_path / "a.md").read_text() == FIXED, r.stdout
    r = run_cli("--fix", "--exit-non-zero-on-fix", "--select", "PL301", "a.md", cwd=tmp_path)
    assert r.returncode == 0, "nothing changed the second time"
    (tmp_path / "a.md").write_text(FIXABLE)
    r = run_cli("--fix", "--select", "PL301", "a.md", cwd=tmp_path)
    assert r.returncode == 0, "without the flag a clean result exits 0"
    (tmp_path / "a.md").write_text(FIXABLE)
    r = run_cli("--fix", "--exit-non-zero-on-fix", "--exit-zero", "--select", "PL301", "a.md", cwd=tmp_path)
    assert r.returncode == 0 and (tmp_path / "a.md").read_text() == FIXED


# ------------------------------------------------------------------ apply_fixes
def _diag(start, end, fix, code="T001"):
    return Diagnostic("x", 1, 1, 1, 1, code, "t", Severity.ERROR, "m", fix=fix, start=start, end=end)


def test_overlapping_fixes_are_never_applied_together():
    text = "0123456789"
    a = _diag(2, 5, Fix.replace(2, 5, "abc"))
    b = _diag(4, 7, Fix.replace(4, 7, "XYZ"))  # overlaps a
    c = _diag(7, 8, Fix.replace(7, 8, "!"))  # touches b's end but not a's
    chosen = []
    new, n = apply_fixes(text, [b, c, a], chosen=chosen)
    assert (new, n) == ("01abc56!89", 2) and chosen == [a, c]
    # Two insertions at one place would be applied in an arbitrary order: one waits.
    i1, i2 = _diag(3, 3, Fix.replace(3, 3, "<")), _diag(3, 3, Fix.replace(3, 3, ">"))
    assert apply_fixes(text, [i1, i2]) == ("012<3456789", 1)
    # A fix whose own edits overlap is refused rather than applied half-way.
    bad = _diag(0, 4, Fix((Edit(0, 3, "a"), Edit(2, 4, "b"))))
    assert apply_fixes(text, [bad]) == (text, 0)
    # Unsafe fixes only with unsafe=True.
    u = _diag(0, 1, Fix.replace(0, 1, "U", safe=False))
    assert apply_fixes(text, [u]) == (text, 0) and apply_fixes(text, [u], unsafe=True) == ("U123456789", 1)


class _Overlapping(Rule):
    """Two fixes on one span: only one can apply per pass; the second gets its turn next pass."""

    code, name, category, severity, fixable = "ACME001", "overlapping", "spelling", Severity.ERROR, True
    summary = "test rule"
    docs = RuleDocs(what="w", why="y", example="a\n", use_instead="b\n")

    def check(self, doc, ctx):
        for m in re.finditer("teh", doc.text):
            i = m.start()
            yield Violation(i, i + 3, "typo", fix=Fix.replace(i, i + 3, "the"))
            yield Violation(i, i + 4, "typo and space", fix=Fix.replace(i, i + 4, "the "))


class _NeverSettles(Rule):
    code, name, category, severity, fixable = "ACME002", "never-settles", "content", Severity.ERROR, True
    summary = "test rule"
    docs = RuleDocs(what="w", why="y", example="a\n", use_instead="b\n")

    def check(self, doc, ctx):
        yield Violation(0, 0, "always wants one more", fix=Fix.replace(0, 0, "x"))


def _linter(*rules):
    return Linter(Registry(list(rules)), None), make_settings({"select": [r.code for r in rules], "schema": False})


def test_overlapping_fixes_converge_over_passes():
    linter, settings = _linter(_Overlapping())
    r = linter.lint_bytes(b"Fix teh bug teh\n", "x.md", settings, fix=True)
    # Pass 1 applies one of the two fixes of each 'teh' (the other overlaps it); pass 2 finds none.
    assert r.text == "Fix the bug the\n" and r.converged and r.diagnostics == []
    assert [number for number, _ in r.applied] == [0, 0]


def test_fix_passes_are_bounded():
    linter, settings = _linter(_NeverSettles())
    r = linter.lint_bytes(b"text\n", "x.md", settings, fix=True)
    assert r.text == "x" * MAX_FIX_PASSES + "text\n"
    assert r.fixed == MAX_FIX_PASSES and not r.converged


# ------------------------------------------------------------ files not written
def _immutable(path, on):
    return subprocess.run(["chattr", "+i" if on else "-i", str(path)], capture_output=True).returncode == 0


def test_file_in_an_immutable_folder_is_a_diagnostic_and_others_are_fixed(tmp_path, run_cli):
    """A real write failure, even for root: an immutable folder (chattr +i) refuses the
    temporary file and the rename. Skipped where chattr is missing or not supported."""
    if not shutil.which("chattr"):
        pytest.skip("chattr is not installed")
    locked, free = tmp_path / "locked", tmp_path / "free"
    locked.mkdir(), free.mkdir()
    (locked / "a.md").write_text(FIXABLE)
    (free / "b.md").write_text(FIXABLE)
    if not _immutable(locked, True):
        pytest.skip("this file system does not support the immutable attribute")
    try:
        r = run_cli("--fix", "--show-fixes", "--select", "PL301", "locked", "free", cwd=tmp_path)
        listing = sorted(os.listdir(locked))
    finally:
        _immutable(locked, False)
    assert (locked / "a.md").read_text() == FIXABLE and listing == ["a.md"]
    assert (free / "b.md").read_text() == FIXED
    assert "locked/a.md:1:1: PL004 Cannot write fixes to file: Operation not permitted" in r.stdout
    # The unwritten file's findings are reported as they still are, not as if fixed.
    assert "locked/a.md:4:1: PL301" in r.stdout and "locked/a.md:8:1: PL301" in r.stdout
    assert "- free/b.md:" in r.stdout and "- locked/a.md:" not in r.stdout
    assert r.returncode == 1 and "Traceback" not in r.stderr


def test_failed_rename_leaves_file_and_no_temp_file(tmp_path, monkeypatch, capsys):
    """In-process: os.replace fails for one file (as on a read-only or full disk); the
    posting keeps its bytes, its temporary file is removed, the next file is fixed."""
    (tmp_path / "a.md").write_text(FIXABLE)
    (tmp_path / "b.md").write_text(FIXABLE)
    real_replace = os.replace

    def replace(src, dst):
        if os.path.basename(dst) == "a.md":
            raise OSError(30, "Read-only file system")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    code = cli.main(["--fix", "--select", "PL301", "a.md", "b.md"])
    out = capsys.readouterr().out
    assert code == 1
    assert "a.md:1:1: PL004 Cannot write fixes to file: Read-only file system" in out
    assert (tmp_path / "a.md").read_text() == FIXABLE and (tmp_path / "b.md").read_text() == FIXED
    assert sorted(os.listdir(tmp_path)) == ["a.md", "b.md"]


def test_fix_a_posting_whose_name_is_at_the_length_limit(tmp_path, run_cli):
    name = "j" * 250 + ".md"  # 253 bytes: the temporary file's name must not grow past 255
    (tmp_path / name).write_text(FIXABLE)
    os.chmod(tmp_path / name, 0o640)
    r = run_cli("--fix", "--select", "PL301", name, cwd=tmp_path)
    assert r.returncode == 0, r.stdout
    assert (tmp_path / name).read_text() == FIXED and oct(os.stat(tmp_path / name).st_mode & 0o777) == "0o640"
