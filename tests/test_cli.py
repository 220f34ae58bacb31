"""The command line as users and CI meet it: exit codes, formats, config, discovery."""

import json
import textwrap

# A body long enough to say what the job is (PL602 reports postings under 50 words).
ABOUT = ("We build booking software for independent cinemas, a team of twelve in Leeds and at home who ship small "
         "changes every day. You will design and build the services behind our booking widgets, review code, pair "
         "with other developers and talk to the cinema owners who use what you make.\n")
BAD = "---\nlayout: job\ntitle: Dev\nlocation: Remote\npost-date: 3-18-2013\n---\n##ABOUT\n\n" + ABOUT
GOOD = "---\nlayout: job\ntitle: Dev\nlocation: Remote\npost-date: 2013-03-18\n---\n## About\n\nWe build booking software for independent cinemas, a team of twelve in Leeds and at home who ship small changes every day. You will design and build the services behind our booking widgets, review code, pair with other developers and talk to the cinema owners who use what you make.\n"


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_exit_0_on_a_clean_posting(tmp_path, run_cli):
    write(tmp_path / "jobs" / "good.md", GOOD)
    r = run_cli("jobs", cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "No problems found in 1 file." in r.stdout


def test_exit_1_with_findings_and_ruff_style_lines(tmp_path, run_cli):
    write(tmp_path / "jobs" / "backend.md", BAD)
    write(tmp_path / "jobs" / "good.md", GOOD)
    r = run_cli("jobs/", cwd=tmp_path)
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    assert "jobs/backend.md:5:12: PL102 Field 'post-date' is not an ISO date: '3-18-2013' (did you mean '2013-03-18'?)" in lines
    assert "jobs/backend.md:7:1: PL301 Heading marker '##' needs a space before 'ABOUT'" in lines
    assert lines[-1] == "Found 2 problems (2 fixable with --fix) in 1 file."


def test_exit_2_on_unknown_rule_and_bad_config(tmp_path, run_cli):
    write(tmp_path / "a.md", GOOD)
    r = run_cli("--select", "PL999", "a.md", cwd=tmp_path)
    assert r.returncode == 2 and "unknown rule selector 'PL999'" in r.stderr and "Traceback" not in r.stderr
    write(tmp_path / "pyproject.toml", "[tool.postlint]\nselectt = ['PL1']\n")
    r = run_cli("a.md", cwd=tmp_path)
    assert r.returncode == 2 and "unknown setting 'selectt' (did you mean 'select'?)" in r.stderr
    write(tmp_path / "pyproject.toml", "[tool.postlint\nselect = 1\n")
    r = run_cli("a.md", cwd=tmp_path)
    assert r.returncode == 2 and "invalid TOML" in r.stderr and "pyproject.toml" in r.stderr
    write(tmp_path / "pyproject.toml", "[tool.postlint]\nfail-on = 'sometimes'\n")
    r = run_cli("a.md", cwd=tmp_path)
    assert r.returncode == 2 and "'fail-on' must be" in r.stderr


def test_nearest_config_wins(tmp_path, run_cli):
    write(tmp_path / "pyproject.toml", "[tool.postlint]\nignore = ['PL301']\n")
    write(tmp_path / "jobs" / ".postlint.toml", "select = ['PL301']\nschema = false\n")
    write(tmp_path / "jobs" / "a.md", BAD)
    write(tmp_path / "other" / "b.md", BAD)
    r = run_cli(".", cwd=tmp_path)
    codes = {(line.split(":")[0], line.split()[1]) for line in r.stdout.splitlines() if ": PL" in line}
    assert codes == {("jobs/a.md", "PL301"), ("other/b.md", "PL102")}


def test_per_file_ignores_severity_and_fail_on(tmp_path, run_cli):
    write(tmp_path / "pyproject.toml", """
        [tool.postlint]
        fail-on = "error"
        [tool.postlint.per-file-ignores]
        "drafts/**" = ["PL102"]
        [tool.postlint.severity]
        PL301 = "info"
    """)
    write(tmp_path / "drafts" / "x.md", BAD)
    r = run_cli("--format", "json", "drafts", cwd=tmp_path)
    found = json.loads(r.stdout)
    assert [(d["code"], d["severity"]) for d in found] == [("PL301", "info")]
    assert r.returncode == 0  # info is below fail-on = error


def test_json_format_fields(tmp_path, run_cli):
    write(tmp_path / "a.md", BAD)
    r = run_cli("--format", "json", "a.md", cwd=tmp_path)
    found = json.loads(r.stdout)
    d = next(x for x in found if x["code"] == "PL102")
    assert {k: d[k] for k in ("path", "line", "column", "end_line", "end_column", "code", "name", "severity")} == {
        "path": "a.md", "line": 5, "column": 12, "end_line": 5, "end_column": 21, "code": "PL102",
        "name": "invalid-field-value", "severity": "error"}
    assert d["fix"]["safe"] is True
    assert d["fix"]["edits"] == [{"line": 5, "column": 12, "end_line": 5, "end_column": 21, "content": "2013-03-18"}]


def test_stdin_with_filename_and_fix_to_stdout(tmp_path, run_cli):
    r = run_cli("-", "--stdin-filename", "jobs/x.md", "--select", "PL301", input="##ABOUT\n", cwd=tmp_path)
    assert r.returncode == 1 and "jobs/x.md:1:1: PL301" in r.stdout
    r = run_cli("-", "--select", "PL301", "--fix", input="##ABOUT\n", cwd=tmp_path)
    assert r.stdout == "## ABOUT\n" and r.returncode == 0


def test_fix_writes_and_second_run_changes_nothing(tmp_path, run_cli):
    path = tmp_path / "a.md"
    path.write_bytes(BAD.replace("\n", "\r\n").encode())
    r = run_cli("--fix", "a.md", cwd=tmp_path)
    assert r.returncode == 0, r.stdout
    fixed = path.read_bytes()
    assert b"post-date: 2013-03-18\r\n" in fixed and b"## ABOUT\r\n" in fixed and b"\n" not in fixed.replace(b"\r\n", b"")
    r = run_cli("--fix", "a.md", cwd=tmp_path)
    assert path.read_bytes() == fixed and "Fixed" not in r.stdout


def test_diff_does_not_write(tmp_path, run_cli):
    path = write(tmp_path / "a.md", BAD)
    r = run_cli("--diff", "a.md", cwd=tmp_path)
    assert r.returncode == 1 and "-##ABOUT" in r.stdout and "+## ABOUT" in r.stdout
    assert path.read_text() == BAD


def test_gitignore_and_default_excludes(tmp_path, run_cli):
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".gitignore", "drafts/\n*.tmp.md\n")
    write(tmp_path / "drafts" / "x.md", BAD)
    write(tmp_path / "jobs" / "y.tmp.md", BAD)
    write(tmp_path / "node_modules" / "z.md", BAD)
    write(tmp_path / "jobs" / "ok.md", BAD)
    write(tmp_path / "jobs" / "notes.txt", BAD)
    r = run_cli("--select", "PL301", ".", cwd=tmp_path)
    paths = {line.split(":")[0] for line in r.stdout.splitlines() if ": PL" in line}
    assert paths == {"jobs/ok.md"}
    # A file named on the command line is linted whatever its extension.
    r = run_cli("--select", "PL301", "jobs/notes.txt", cwd=tmp_path)
    assert "jobs/notes.txt:7:1: PL301" in r.stdout


def test_missing_path_and_unreadable_file_are_diagnostics(tmp_path, run_cli):
    write(tmp_path / "a.md", GOOD)
    r = run_cli("a.md", "nope.md", cwd=tmp_path)
    assert r.returncode == 1 and "nope.md:1:1: PL004 Cannot read file: No such file or directory" in r.stdout


def test_rule_and_rules_commands(run_cli):
    r = run_cli("rule", "PL301")
    assert r.returncode == 0
    assert r.stdout.startswith("# PL301 heading-without-space")
    for part in ("## What it does", "## Why is this bad?", "## Example", "## Use instead", "## Fix safety"):
        assert part in r.stdout
    assert run_cli("rule", "empty-bullet").stdout.startswith("# PL302 empty-bullet")
    r = run_cli("rule", "PL3O1")
    assert r.returncode == 2 and "did you mean" in r.stderr
    r = run_cli("rules")
    assert r.returncode == 0 and any(line.startswith("PL401  misspelling") for line in r.stdout.splitlines())


def test_statistics_quiet_and_color(tmp_path, run_cli):
    write(tmp_path / "a.md", BAD + "##AGAIN\n")
    r = run_cli("--statistics", "a.md", cwd=tmp_path)
    assert "     2  PL301  [*] heading-without-space" in r.stdout.splitlines()
    r = run_cli("--quiet", "a.md", cwd=tmp_path)
    assert "Found" not in r.stdout
    r = run_cli("--color", "always", "a.md", cwd=tmp_path)
    assert "\033[" in r.stdout
    r = run_cli("a.md", cwd=tmp_path, env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert "\033[" in r.stdout
    r = run_cli("a.md", cwd=tmp_path)
    assert "\033[" not in r.stdout
