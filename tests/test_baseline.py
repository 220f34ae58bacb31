"""--write-baseline / --baseline: a repo with old postings adopts postlint, and only new
findings are reported, however lines move."""

import json

from postlint.baseline import _message_key

HEAD = "---\nlayout: job\ntitle: Dev\nlocation: Remote\npost-date: 2013-03-18\n---\n"
OLD_A = HEAD + "##ABOUT\n\nWe build booking software for independent cinemas, a team of twelve in Leeds and at home who ship small changes every day. You will design and build the services behind our booking widgets, review code, pair with other developers and talk to the cinema owners who use what you make.\n\n## Perks\n\n- Company pension scheme\n- Remote work\n- Company pension scheme\n"
OLD_B = "---\nlayout: job\ntitle: Designer\nlocation: Remote\npost-date: 3-18-2013\n---\n## Role\n\nWe build booking software for independent cinemas, a team of twelve in Leeds and at home who ship small changes every day. You will design and build the services behind our booking widgets, review code, pair with other developers and talk to the cinema owners who use what you make.\n"
GOOD = HEAD + "## About\n\nWe build booking software for independent cinemas, a team of twelve in Leeds and at home who ship small changes every day. You will design and build the services behind our booking widgets, review code, pair with other developers and talk to the cinema owners who use what you make.\n"


def _repo(tmp_path):
    jobs = tmp_path / "jobs"
    jobs.mkdir()
    (jobs / "a.md").write_text(OLD_A)
    (jobs / "b.md").write_text(OLD_B)
    (jobs / "c.md").write_text(GOOD)
    return jobs


def test_adopt_then_only_new_findings_are_reported(tmp_path, run_cli):
    jobs = _repo(tmp_path)
    r = run_cli("jobs", cwd=tmp_path)
    assert r.returncode == 1 and "Found 3 problems" in r.stdout, r.stdout  # PL301, PL404, PL102
    r = run_cli("--write-baseline", "postlint-baseline.json", "jobs", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "recorded 3 findings in 2 files in the baseline postlint-baseline.json" in r.stderr
    r = run_cli("--baseline", "postlint-baseline.json", "jobs", cwd=tmp_path)
    assert r.returncode == 0 and "No problems found in 3 files." in r.stdout, r.stdout
    assert "3 findings hidden by the baseline" in r.stderr

    # Lines added above the recorded findings (and above the first of the duplicate
    # bullets, whose message names its line) keep them suppressed.
    (jobs / "a.md").write_text(OLD_A.replace("##ABOUT\n", "Intro paragraph.\n\nMore intro.\n\n##ABOUT\n")
                               .replace("## Perks\n\n", "## Perks\n\nWhat you get:\n\n"))
    (jobs / "b.md").write_text(OLD_B.replace("title: Designer\n", "title: Designer\ncompany: Acme\n"))
    r = run_cli("--baseline", "postlint-baseline.json", "jobs", cwd=tmp_path)
    assert r.returncode == 0, r.stdout

    # New defects are reported: in a new posting, in an old one, and a second copy of an
    # old defect in the same file. The old ones stay hidden.
    (jobs / "d.md").write_text(HEAD + "###Requirements\n\n" + GOOD[len(HEAD) + len("## About\n\n"):])
    (jobs / "a.md").write_text((jobs / "a.md").read_text() + "\n##ABOUT\n\n- \n")
    r = run_cli("--baseline", "postlint-baseline.json", "jobs", cwd=tmp_path)
    assert r.returncode == 1
    found = [line for line in r.stdout.splitlines() if ": PL" in line]
    assert found == ["jobs/a.md:23:1: PL301 Heading marker '##' needs a space before 'ABOUT'",
                     "jobs/a.md:25:1: PL302 Empty list item",
                     "jobs/d.md:7:1: PL301 Heading marker '###' needs a space before 'Requirements'"], r.stdout


def test_editing_a_flagged_line_reports_it_again(tmp_path, run_cli):
    jobs = _repo(tmp_path)
    run_cli("--write-baseline", "bl.json", "jobs", cwd=tmp_path)
    (jobs / "b.md").write_text(OLD_B.replace("3-18-2013", "4-1-2014"))
    r = run_cli("--baseline", "bl.json", "jobs", cwd=tmp_path)
    assert r.returncode == 1 and "jobs/b.md:5:12: PL102" in r.stdout


def test_paths_are_relative_to_the_baseline_and_the_file_is_sorted_and_stable(tmp_path, run_cli):
    jobs = _repo(tmp_path)
    r = run_cli("--write-baseline", "bl.json", "jobs/b.md", "jobs/a.md", cwd=tmp_path)
    first = (tmp_path / "bl.json").read_bytes()
    run_cli("--write-baseline", "bl.json", "jobs", cwd=tmp_path)
    assert (tmp_path / "bl.json").read_bytes() == first, "same findings, same bytes"
    data = json.loads(first)
    assert list(data["files"]) == ["jobs/a.md", "jobs/b.md"] and data["postlint-baseline"] == 1
    assert data["files"]["jobs/a.md"][0] == {"code": "PL301", "line": "##ABOUT",
                                             "message": "Heading marker '##' needs a space before 'ABOUT'",
                                             "occurrence": 0}
    # One finding a line: the diff of a fixed finding is one deleted line.
    lines = first.decode().splitlines()
    assert sum('"code": ' in line for line in lines) == 3
    # Run from another folder, naming the files differently: still matched.
    r = run_cli("--baseline", str(tmp_path / "bl.json"), str(jobs), cwd=tmp_path.parent)
    assert r.returncode == 0, r.stdout
    r = run_cli("--baseline", "../bl.json", ".", cwd=jobs)
    assert r.returncode == 0, r.stdout
    # A finding fixed is simply no longer there; rewriting the baseline drops its line.
    (jobs / "a.md").write_text(OLD_A.replace("##ABOUT", "## ABOUT"))
    run_cli("--write-baseline", "bl.json", "jobs", cwd=tmp_path)
    after = (tmp_path / "bl.json").read_text().splitlines()
    assert [line for line in lines if line not in after] == [line for line in lines if "PL301" in line]


def test_bad_or_missing_baseline_is_a_clear_error(tmp_path, run_cli):
    _repo(tmp_path)
    r = run_cli("--baseline", "nope.json", "jobs", cwd=tmp_path)
    assert r.returncode == 2 and "nope.json: cannot read baseline: No such file or directory" in r.stderr
    (tmp_path / "x.json").write_text("[1, 2]")
    r = run_cli("--baseline", "x.json", "jobs", cwd=tmp_path)
    assert r.returncode == 2 and "x.json: not a postlint baseline" in r.stderr and "Traceback" not in r.stderr
    (tmp_path / "y.json").write_text('{"postlint-baseline": 1, "files": {"a.md": [{"code": "PL301"}]}}')
    r = run_cli("--baseline", "y.json", "jobs", cwd=tmp_path)
    assert r.returncode == 2 and "y.json: files.a.md[0] needs code, line, message and occurrence" in r.stderr
    r = run_cli("--write-baseline", str(tmp_path / "missing" / "bl.json"), "jobs", cwd=tmp_path)
    assert r.returncode == 2 and "cannot write baseline" in r.stderr


def test_line_references_in_messages_do_not_pin_a_finding():
    assert _message_key("Duplicate list item; same as line 12") == "Duplicate list item; same as line N"
    assert _message_key("Field 'x' is repeated (first on line 3); only the last value is used") == \
        "Field 'x' is repeated (first on line N); only the last value is used"
    assert _message_key("Use 'online' instead of 'on line'") == "Use 'online' instead of 'on line'"
