"""Each --format's output for the seeds, checked against what its consumer accepts:
the official SARIF 2.1.0 schema, GitHub's workflow-command syntax and escaping,
GitLab Code Quality's required fields and fingerprints, reviewdog's rdjsonl
fields and columns, JUnit XML counts."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from postlint.diagnostics import Diagnostic, Fix, Severity
from postlint.engine import FileResult
from postlint.reporters import FORMATS, choose_format, get_reporter

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
SEEDS_REL = "tests/fixtures/seeds"  # run from ROOT so paths are relative, as in CI


def cli(*args, cwd=ROOT, env=None):
    full_env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "POSTLINT_FORMAT")}
    full_env["NO_COLOR"] = "1"
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "postlint", *args], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", env=full_env, timeout=300)


_OUTPUT: dict = {}


def seeds(fmt: str) -> str:
    """The seeds' report in one format (run once per test session)."""
    if fmt not in _OUTPUT:
        r = cli("--format", fmt, SEEDS_REL)
        assert r.returncode == 1, r.stderr  # the seeds have findings
        assert r.stderr == ""
        _OUTPUT[fmt] = r.stdout
    return _OUTPUT[fmt]


def seed_findings() -> list[dict]:
    return json.loads(seeds("json"))


def test_every_format_is_registered_and_offered():
    for name in FORMATS:
        assert callable(get_reporter(name))
    help_text = cli("--help").stdout
    for name in FORMATS:
        assert name in help_text
    r = cli(SEEDS_REL, env={"POSTLINT_FORMAT": "sarif2"})
    assert r.returncode == 2 and "unknown format 'sarif2'" in r.stderr and "Traceback" not in r.stderr


def test_format_choice_order():
    assert choose_format(None, {}) == "text"
    assert choose_format(None, {"GITHUB_ACTIONS": "true"}) == "github"
    assert choose_format(None, {"GITHUB_ACTIONS": "false"}) == "text"
    assert choose_format(None, {"GITHUB_ACTIONS": "true", "POSTLINT_FORMAT": "sarif"}) == "sarif"
    assert choose_format("json", {"GITHUB_ACTIONS": "true", "POSTLINT_FORMAT": "sarif"}) == "json"


def test_github_actions_env_selects_github_format():
    r = cli(SEEDS_REL, env={"GITHUB_ACTIONS": "true"})
    assert r.stdout == seeds("github")
    r = cli("--format", "text", SEEDS_REL, env={"GITHUB_ACTIONS": "true"})
    assert not r.stdout.startswith("::")


def test_output_file_for_every_format(tmp_path):
    for fmt in FORMATS:
        out = tmp_path / f"report.{fmt}"
        r = cli("--format", fmt, "--output-file", str(out), SEEDS_REL)
        assert r.returncode == 1 and r.stdout == "", (fmt, r.stderr)
        assert out.read_text(encoding="utf-8") == seeds(fmt), fmt


# ------------------------------------------------------------------ text-like
def test_concise_and_grouped_list_every_finding():
    found = seed_findings()
    concise = seeds("concise").splitlines()
    assert concise[-1] == seeds("text").splitlines()[-1]  # the same summary
    assert len(concise) == len(found) + 1
    for d, line in zip(found, concise):
        mark = "[*] " if d["fix"] and d["fix"]["safe"] else ""
        assert line == f"{d['path']}:{d['line']}:{d['column']}: {d['code']} {mark}{d['message']}"
    grouped = seeds("grouped")
    assert grouped.count(f"{SEEDS_REL}/") == len({d["path"] for d in found})
    body = [line for line in grouped.splitlines() if line.startswith("  ")]
    assert len(body) == len(found)
    assert "  10:13 PL102 [*] Field 'post-date' is not an ISO date" in grouped


def test_json_lines_match_json():
    lines = seeds("json-lines").splitlines()
    assert [json.loads(line) for line in lines] == seed_findings()


def test_show_source_caret_under_the_span_with_wide_characters(tmp_path):
    (tmp_path / "jp.md").write_text("---\nlayout: job\ntitle: Dev\nlocation: Tokyo\npost-date: 2024-01-02\n---\n"
                                    "\n日本語 teh team\n", encoding="utf-8")
    r = cli("--show-source", "jp.md", cwd=tmp_path)
    lines = r.stdout.splitlines()
    i = lines.index("8 | 日本語 teh team")
    # 日本語 takes six terminal cells, the space one: the caret starts at cell 8.
    assert lines[i + 1] == "  |        ^^^"
    assert lines[i + 2] == "  = help: Replace with 'the'"


# --------------------------------------------------------------------- github
_COMMAND = re.compile(r"^::(error|warning|notice) ((?:[A-Za-z]+=[^,:]*)(?:,[A-Za-z]+=[^,:]*)*)::(.*)$")


def _unescape(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def parse_github(output: str):
    """Parse workflow commands as the runner does: properties split on ',' and the
    first '=', the message after the second '::'; then unescape."""
    commands, other = [], []
    for line in output.splitlines():
        m = _COMMAND.match(line)
        if not m:
            other.append(line)
            continue
        props = dict(p.split("=", 1) for p in m.group(2).split(","))
        commands.append((m.group(1), {k: _unescape(v) for k, v in props.items()}, _unescape(m.group(3))))
    return commands, other


def test_github_commands_for_the_seeds():
    commands, other = parse_github(seeds("github"))
    found = seed_findings()
    assert len(commands) == len(found)
    level = {"error": "error", "warning": "warning", "info": "notice"}
    for (cmd, props, message), d in zip(commands, found):
        assert cmd == level[d["severity"]]
        assert list(props) == ["file", "line", "col", "endLine", "endColumn", "title"]
        assert props["file"] == d["path"] and (ROOT / props["file"]).is_file()
        assert (int(props["line"]), int(props["col"]), int(props["endLine"]), int(props["endColumn"])) == (
            d["line"], d["column"], d["end_line"], d["end_column"])
        assert props["title"] == f"{d['code']} {d['name']}"
        assert message == f"{d['code']} {d['message']}"
    # One plain summary line, and the warning about GitHub's 10-per-level limit.
    warnings = sum(1 for d in found if d["severity"] == "warning")
    assert warnings > 10
    assert len(other) == 1 and other[0].startswith(f"postlint: found {len(found)} problems (")
    assert f"{warnings} warnings" in other[0] and "only 10 annotations" in other[0]


def test_github_escaping_of_message_and_properties():
    from postlint.reporters.github import command

    d = Diagnostic("jobs/a:b,c%d.md", 3, 5, 4, 1, "PL999", "test-rule", Severity.INFO,
                   "100% sure: a, b\nnext line\r")
    line = command(d)
    assert "\n" not in line and "\r" not in line
    assert line == ("::notice file=jobs/a%3Ab%2Cc%25d.md,line=3,col=5,endLine=4,endColumn=1,"
                    "title=PL999 test-rule::PL999 100%25 sure: a, b%0Anext line%0D")
    (cmd, props, message), = parse_github(line)[0]
    assert props["file"] == "jobs/a:b,c%d.md" and message == "PL999 100% sure: a, b\nnext line\r"


def test_github_escapes_a_real_path_with_colon_and_comma(tmp_path):
    (tmp_path / "jobs").mkdir()
    (tmp_path / "jobs" / "dev: remote, 100%.md").write_text("##ABOUT\n", encoding="utf-8")
    r = cli("--format", "github", "--schema", "none", "jobs", cwd=tmp_path)
    first = r.stdout.splitlines()[0]
    assert first.startswith("::warning file=jobs/dev%3A remote%2C 100%25.md,line=1,col=1,")
    (_, props, _), = parse_github(first)[0]
    assert (tmp_path / props["file"]).is_file()


def test_github_clean_run_prints_only_the_summary(tmp_path):
    (tmp_path / "ok.md").write_text("## About\n\nWe build booking software for independent cinemas, a team of twelve in Leeds and at home who ship small changes every day. You will design and build the services behind our booking widgets, review code, pair with other developers and talk to the cinema owners who use what you make.\n", encoding="utf-8")
    r = cli("--format", "github", "--schema", "none", "ok.md", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout == "postlint: no problems found in 1 file.\n"


# ---------------------------------------------------------------------- sarif
def sarif_validator():
    import jsonschema

    schema = json.loads((FIXTURES / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_sarif_is_valid_against_the_official_schema():
    log = json.loads(seeds("sarif"))
    errors = sorted(sarif_validator().iter_errors(log), key=str)
    assert errors == [], errors[0].message if errors else ""
    # The validator does catch a broken log (so the check above can fail).
    broken = json.loads(seeds("sarif"))
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    del broken["runs"][0]["tool"]["driver"]["name"]
    assert len(list(sarif_validator().iter_errors(broken))) >= 2


def test_sarif_content_for_the_seeds():
    from postlint import __version__
    from postlint.registry import load_registry

    log = json.loads(seeds("sarif"))
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("postlint", __version__)
    assert driver["informationUri"].startswith("https://")
    registry = load_registry()
    assert [r["id"] for r in driver["rules"]] == [r.code for r in registry.rules]
    for descriptor in driver["rules"]:
        assert descriptor["shortDescription"]["text"] and descriptor["fullDescription"]["text"]
        assert descriptor["help"]["text"] and descriptor["help"]["markdown"].startswith(f"# {descriptor['id']} ")
        assert "helpUri" not in descriptor
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/")
    found = seed_findings()
    assert len(run["results"]) == len(found)
    level = {"error": "error", "warning": "warning", "info": "note"}
    for res, d in zip(run["results"], found):
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"] == d["code"]
        assert res["level"] == level[d["severity"]] and res["message"]["text"] == d["message"]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"] == {"uri": d["path"], "uriBaseId": "%SRCROOT%"}
        assert not loc["artifactLocation"]["uri"].startswith(("/", "file:"))
        assert loc["region"] == {"startLine": d["line"], "startColumn": d["column"],
                                 "endLine": d["end_line"], "endColumn": d["end_column"]}
        assert ("fixes" in res) == (d["fix"] is not None)


def test_sarif_fixes_rebuild_the_fixed_text(tmp_path):
    """Applying the SARIF replacements (code-point columns) gives what --fix writes."""
    text = "---\nlayout: job\ntitle: Dev\nlocation: Zürich\npost-date: 3-18-2013\n---\n##ABOUT\n\nCafé teh team\n"
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    log = json.loads(cli("--format", "sarif", "a.md", cwd=tmp_path).stdout)
    lines = text.splitlines(keepends=True)
    starts = [sum(len(x) for x in lines[:i]) for i in range(len(lines) + 1)]
    edits = []
    for res in log["runs"][0]["results"]:
        for change in res.get("fixes", [{}])[0].get("artifactChanges", []):
            for rep in change["replacements"]:
                reg = rep["deletedRegion"]
                edits.append((starts[reg["startLine"] - 1] + reg["startColumn"] - 1,
                              starts[reg["endLine"] - 1] + reg["endColumn"] - 1, rep["insertedContent"]["text"]))
    assert len(edits) == 3
    for start, end, content in sorted(edits, reverse=True):
        text = text[:start] + content + text[end:]
    cli("--fix", "a.md", cwd=tmp_path)
    assert text == (tmp_path / "a.md").read_text(encoding="utf-8")
    assert "Café the team" in text and "post-date: 2013-03-18" in text


# --------------------------------------------------------------------- gitlab
def test_gitlab_required_fields_and_unique_fingerprints():
    issues = json.loads(seeds("gitlab"))
    found = seed_findings()
    assert len(issues) == len(found)
    for issue, d in zip(issues, found):
        assert isinstance(issue["description"], str) and d["message"] in issue["description"]
        assert issue["check_name"].startswith(d["code"])
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["path"] == d["path"] and (ROOT / issue["location"]["path"]).is_file()
        assert issue["location"]["lines"]["begin"] == d["line"]
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert {i["severity"] for i in issues} == {"major", "minor"}


def test_gitlab_fingerprints_identical_findings_and_stability(tmp_path):
    posting = tmp_path / "a.md"
    posting.write_text("##ABOUT\n\ntext\n\n##ABOUT\n", encoding="utf-8")
    args = ("--format", "gitlab", "--schema", "none", "a.md")
    first = json.loads(cli(*args, cwd=tmp_path).stdout)
    assert [i["location"]["lines"]["begin"] for i in first] == [1, 5]
    assert first[0]["description"] == first[1]["description"]  # the same finding twice
    assert first[0]["fingerprint"] != first[1]["fingerprint"]
    again = json.loads(cli(*args, cwd=tmp_path).stdout)
    assert [i["fingerprint"] for i in again] == [i["fingerprint"] for i in first]
    # Lines added above move the findings but keep their fingerprints.
    posting.write_text("Intro.\n\n##ABOUT\n\ntext\n\n##ABOUT\n", encoding="utf-8")
    moved = json.loads(cli(*args, cwd=tmp_path).stdout)
    assert [i["location"]["lines"]["begin"] for i in moved] == [3, 7]
    assert [i["fingerprint"] for i in moved] == [i["fingerprint"] for i in first]


# ---------------------------------------------------------------------- junit
def test_junit_parses_and_counts_match(tmp_path):
    root = ET.fromstring(seeds("junit"))
    found = seed_findings()
    assert root.tag == "testsuites" and int(root.get("failures")) == len(found)
    suites = root.findall("testsuite")
    assert sorted(s.get("name") for s in suites) == sorted(f"{SEEDS_REL}/{p.name}" for p in (FIXTURES / "seeds").glob("*.md"))
    for suite in suites:
        cases = suite.findall("testcase")
        mine = [d for d in found if d["path"] == suite.get("name")]
        assert int(suite.get("tests")) == len(cases) and int(suite.get("failures")) == len(mine)
        assert [c.find("failure").get("type") for c in cases] == [d["code"] for d in mine]
        assert [c.find("failure").get("message") for c in cases] == [d["message"] for d in mine]
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites)
    # A clean file is one passing testcase; control characters stay legal XML.
    (tmp_path / "ok.md").write_text("## About\n\nWe build booking software for independent cinemas, a team of twelve in Leeds and at home who ship small changes every day. You will design and build the services behind our booking widgets, review code, pair with other developers and talk to the cinema owners who use what you make.\n", encoding="utf-8")
    (tmp_path / "bad.md").write_text("##AB\x01OUT\n", encoding="utf-8")
    r = cli("--format", "junit", "--schema", "none", "ok.md", "bad.md", cwd=tmp_path)
    root = ET.fromstring(r.stdout)
    ok = next(s for s in root.iter("testsuite") if s.get("name") == "ok.md")
    assert ok.get("tests") == "1" and ok.get("failures") == "0" and ok.find("testcase/failure") is None
    bad = next(s for s in root.iter("testsuite") if s.get("name") == "bad.md")
    assert int(bad.get("failures")) >= 1


# -------------------------------------------------------------------- rdjsonl
SEVERITIES = {"ERROR", "WARNING", "INFO", "UNKNOWN_SEVERITY"}


def _check_position(pos):
    assert set(pos) <= {"line", "column"} and pos["line"] >= 1 and pos.get("column", 1) >= 1


def test_rdjsonl_fields_per_reviewdog_proto():
    lines = seeds("rdjsonl").splitlines()
    found = seed_findings()
    assert len(lines) == len(found)
    allowed = {"message", "location", "severity", "source", "code", "suggestions", "original_output"}
    for line, d in zip(lines, found):
        diag = json.loads(line)
        assert set(diag) <= allowed and diag["message"] == d["message"]
        assert diag["severity"] in SEVERITIES and diag["severity"] == d["severity"].upper()
        assert diag["location"]["path"] == d["path"] and (ROOT / d["path"]).is_file()
        rng = diag["location"]["range"]
        _check_position(rng["start"])
        assert rng["start"]["line"] == d["line"]
        _check_position(rng["end"])
        assert diag["code"] == {"value": d["code"]} and diag["source"]["name"] == "postlint"
        for s in diag.get("suggestions", []):
            assert set(s) == {"range", "text"} and isinstance(s["text"], str)
            _check_position(s["range"]["start"])
            _check_position(s["range"]["end"])
    with_fix = [d for d in found if d["fix"]]
    assert sum(1 for line in lines if "suggestions" in json.loads(line)) == len(with_fix)


def test_rdjsonl_suggestions_apply_on_utf8_bytes(tmp_path):
    """reviewdog columns count UTF-8 bytes: applying the suggestions to the file's
    bytes must give exactly what --fix writes."""
    text = ("---\nlayout: job\ntitle: Dev\nlocation: Zürich\npost-date: 3-18-2013\n---\n##ÜBER UNS\n\n"
            "Café und teh team\n- one\n-\n- two\n- one\n")
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    out = cli("--format", "rdjsonl", "a.md", cwd=tmp_path).stdout
    data = text.encode("utf-8")
    lines = data.splitlines(keepends=True)
    starts = [sum(len(x) for x in lines[:i]) for i in range(len(lines) + 1)]
    edits = []
    for line in out.splitlines():
        for s in json.loads(line).get("suggestions", []):
            a, b = s["range"]["start"], s["range"]["end"]
            edits.append((starts[a["line"] - 1] + a["column"] - 1, starts[b["line"] - 1] + b["column"] - 1,
                          s["text"].encode("utf-8")))
    assert len(edits) >= 4
    typo = next(json.loads(x) for x in out.splitlines() if '"PL401"' in x)
    assert typo["location"]["range"]["start"] == {"line": 9, "column": 11}  # "Café und " is 10 bytes
    for start, end, content in sorted(edits, reverse=True):
        data = data[:start] + content + data[end:]
    cli("--fix", "a.md", cwd=tmp_path)
    assert data == (tmp_path / "a.md").read_bytes()


def test_rdjsonl_leaves_out_a_suggestion_it_cannot_place():
    from postlint.reporters.rdjsonl import diagnostic

    fix = Fix.replace(0, 1, "x")
    d = Diagnostic("a.md", 2, 3, 2, 4, "PL999", "t", Severity.WARNING, "m", fix=fix,
                   fix_locations=((5, 3, 5, 4, "x"),), source_line="ab€d")
    out = diagnostic(d)
    assert "suggestions" not in out  # line 5's text is unknown: no guessed byte column
    assert out["location"]["range"] == {"start": {"line": 2, "column": 3}, "end": {"line": 2, "column": 6}}


def test_reporters_take_only_results():
    """A reporter needs nothing but FileResults (and the registry, for sarif)."""
    d = Diagnostic("x.md", 1, 1, 1, 2, "PL301", "heading-without-space", Severity.WARNING, "m", source_line="#x")
    import io

    for fmt in FORMATS:
        stream = io.StringIO()
        get_reporter(fmt)([FileResult("x.md", [d]), FileResult("y.md", [])], stream, {})
        assert stream.getvalue(), fmt


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes in a name")
def test_sarif_uri_of_a_file_name_that_is_not_utf8(tmp_path):
    (tmp_path / os.fsdecode(b"caf\xe9.md")).write_bytes(b"##ABOUT\n")
    r = cli("--format", "sarif", "--schema", "none", ".", cwd=tmp_path)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    log = json.loads(r.stdout)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "caf%E9.md"  # the name's real byte, percent-encoded
    assert not list(sarif_validator().iter_errors(log))


def test_colour_only_in_formats_for_people():
    for fmt in ("text", "concise", "grouped"):
        assert "\033[" in cli("--color", "always", "--format", fmt, SEEDS_REL).stdout, fmt
        assert "\033[" not in cli("--format", fmt, SEEDS_REL).stdout, fmt
    for fmt in ("json", "github", "sarif", "junit"):
        assert "\033[" not in cli("--color", "always", "--format", fmt, SEEDS_REL).stdout, fmt
