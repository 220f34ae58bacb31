"""Choosing a schema (config, glob, layout), shipped profiles, and schema files that
cannot be used: a missing file, an invalid schema, a $ref that would need the network."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from postlint.api import lint_bytes, lint_text
from postlint.config import ConfigError

SCHEMA_RULES = ["PL100", "PL101", "PL102", "PL103", "PL104"]
FIXTURES = Path(__file__).parent / "fixtures" / "schemas"

STRICT_OK = """---
layout: job
title: Data Engineer
company: Acme
remote: true
post-date: 2024-05-01
valid-through: 2024-06-30
apply: https://acme.example/jobs/42
employment-type: full-time
salary:
  min: 90000
  max: 120000
  currency: EUR
  period: year
---
We are hiring.
"""


def codes(found):
    return [(d.line, d.column, d.code, d.message) for d in found]


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("postlint tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_strict_profile_accepts_a_complete_posting(no_network):
    assert codes(lint_text(STRICT_OK, "job.md", {"schema": "job-posting-strict", "select": SCHEMA_RULES})) == []


def test_strict_profile_explains_each_field(no_network):
    text = (STRICT_OK.replace("remote: true\n", "remote: false\n")
            .replace("apply: https://acme.example/jobs/42", "apply: acme.example/jobs")
            .replace("employment-type: full-time", "employment-type: Full-time")
            .replace("currency: EUR", "currency: eur")
            .replace("period: year", "period: yearly")
            .replace("valid-through: 2024-06-30", "valid-through: 6/30/2024"))
    found = codes(lint_text(text, "job.md", {"schema": "job-posting-strict", "select": SCHEMA_RULES}))
    assert found == [
        (1, 1, "PL101", "Missing required field 'location' (when 'remote' is false or absent)"),
        (7, 16, "PL102", "Field 'valid-through' is not an ISO date: '6/30/2024' (did you mean '2024-06-30'?)"),
        (8, 8, "PL102", "Field 'apply' should be an absolute URL or an email address, not 'acme.example/jobs'"),
        (9, 18, "PL102", "Field 'employment-type' is 'Full-time'; expected one of 'full-time', 'part-time', "
                         "'contract', 'temporary', 'internship', 'volunteer', 'freelance' (did you mean 'full-time'?)"),
        (13, 13, "PL102", "Field 'salary.currency' should be an ISO 4217 currency code in capitals, e.g. USD, "
                          "EUR, GBP, not 'eur'"),
        (14, 11, "PL102", "Field 'salary.period' is 'yearly'; expected one of 'hour', 'day', 'week', 'month', 'year'"),
    ]


def test_strict_profile_accepts_an_email_to_apply():
    text = STRICT_OK.replace("apply: https://acme.example/jobs/42", "apply: jobs@acme.example")
    assert codes(lint_text(text, "job.md", {"schema": "job-posting-strict", "select": SCHEMA_RULES})) == []


def test_layout_chooses_the_schema():
    config = {"select": ["PL101"], "layouts": {"strict-job": "job-posting-strict", "page": "none"}}
    page = "---\nlayout: page\ntitle: About us\n---\n"
    assert codes(lint_text(page, "about.md", config)) == []
    job = "---\nlayout: strict-job\ntitle: Engineer\nlocation: Oslo\npost-date: 2024-05-01\n---\n"
    missing = [m for *_, m in codes(lint_text(job, "job.md", config))]
    assert "Missing required field 'salary'" in missing and "Missing required field 'company'" in missing
    other = "---\nlayout: job\ntitle: Engineer\n---\n"  # not in the map: the default schema
    assert [m for *_, m in codes(lint_text(other, "x.md", config))] == [
        "Missing required field 'location'", "Missing required field 'post-date'"]


def test_unknown_layouts_setting_is_rejected_not_ignored():
    with pytest.raises(ConfigError, match="'layouts' must be a table"):
        lint_text("x\n", "x.md", {"layouts": ["job"]})


def test_a_remote_ref_is_a_config_error_and_nothing_is_fetched(no_network):
    with pytest.raises(ConfigError, match=r"\$ref 'https://schemas.example.com/defs.json#/\$defs/date' is not a local file"):
        lint_text("---\ntitle: x\n---\n", "x.md", {"schema": str(FIXTURES / "remote-ref.schema.json")})


def test_a_user_schema_refers_to_a_file_next_to_it(no_network):
    text = "---\nlayout: job\ntitle: X\ntype: contract\npost-date: 18.03.2013\nremote: true\n---\n"
    found = codes(lint_text(text, "x.md", {"schema": str(FIXTURES / "board.schema.json"), "select": ["PL102"]}))
    assert found == [(5, 12, "PL102", "Field 'post-date' is not an ISO date: '18.03.2013' (did you mean '2013-03-18'?)")]


@pytest.mark.parametrize("schema,problem", [
    ("missing.schema.json", "missing.schema.json: schema file not found"),
    ("not-a-schema.schema.json", "not-a-schema.schema.json: not a valid JSON Schema at required: 'title' is not of type 'array'"),
    ("remote-ref.schema.json", "is not a local file; postlint never fetches schemas"),
])
def test_cli_schema_problems_are_one_line_and_exit_2(run_cli, tmp_path, schema, problem):
    (tmp_path / "job.md").write_text("---\nlayout: job\ntitle: X\n---\nBody\n", encoding="utf-8")
    (tmp_path / "other.md").write_text("---\nlayout: job\ntitle: Y\n---\nBody\n", encoding="utf-8")
    for name in ("not-a-schema.schema.json", "remote-ref.schema.json"):
        (tmp_path / name).write_text((FIXTURES / name).read_text(encoding="utf-8"), encoding="utf-8")
    proc = run_cli("--schema", schema, ".", cwd=tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("postlint: error: ") and problem in lines[0], proc.stderr
    assert "PL000" not in proc.stdout and "Traceback" not in proc.stderr


def test_cli_schema_per_glob_and_broken_json(run_cli, tmp_path):
    (tmp_path / "jobs").mkdir()
    (tmp_path / "jobs" / "a.md").write_text("---\nlayout: job\ntitle: X\n---\nBody\n", encoding="utf-8")
    (tmp_path / "about.md").write_text("---\nlayout: page\ntitle: About\n---\nBody\n", encoding="utf-8")
    (tmp_path / ".postlint.toml").write_text(
        'select = ["PL101"]\nschema = "none"\n[schemas]\n"jobs/**" = "board.json"\n', encoding="utf-8")
    (tmp_path / "board.json").write_text('{"type": "object", "required": ["company"]}', encoding="utf-8")
    proc = run_cli(".", cwd=tmp_path)
    assert proc.returncode == 1
    assert "jobs/a.md:1:1: PL101 Missing required field 'company'" in proc.stdout
    assert "about.md" not in proc.stdout
    (tmp_path / "board.json").write_text('{"type": "object", "required": ["company"],}', encoding="utf-8")
    proc = run_cli(".", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.strip() == (f"postlint: error: {tmp_path / 'board.json'}:1:44: schema is not valid JSON: "
                                   "Expecting property name enclosed in double quotes")


def test_filename_date_mismatch_on_the_corpus():
    """work-creative-jekyll's 500 Jekyll posts: three copied postings kept an older post-date."""
    from conftest import CORPUS, corpus_files

    corpus_files()
    found = []
    for path in sorted((CORPUS / "work-creative-jekyll").glob("*.markdown")):
        for d in lint_bytes(path.read_bytes(), path.name, {"select": ["PL107"], "schema": "none"}):
            found.append(f"{path.name}:{d.line}:{d.column} {d.message}")
    assert found == [
        "2013-1-26-creative_director-ux-comcast-philadelpia-pa.markdown:13:12 Field 'post-date' is 2013-01-23 but the filename says 2013-01-26",
        "2013-1-26-visual-designer-aic-chicago-il.markdown:15:12 Field 'post-date' is 2013-01-23 but the filename says 2013-01-26",
        "2013-1-27-senoir-web-designer-columbia-university-new-york-ny.markdown:13:12 Field 'post-date' is 2013-01-23 but the filename says 2013-01-27",
    ]


def test_one_validator_per_schema_per_run(monkeypatch):
    import jsonschema

    from postlint import schema as S

    built = []
    original = jsonschema.Draft202012Validator.check_schema.__func__

    def counting(cls, schema, *args, **kwargs):
        built.append(schema.get("$id") or schema.get("title"))
        return original(cls, schema, *args, **kwargs)

    monkeypatch.setattr(jsonschema.Draft202012Validator, "check_schema", classmethod(counting))
    monkeypatch.setattr(S, "_VALIDATORS", {})
    for i in range(20):
        lint_text(STRICT_OK.replace("Data Engineer", f"Engineer {i}"), f"job-{i}.md",
                  {"schema": "job-posting-strict", "select": SCHEMA_RULES})
        lint_text(f"---\nlayout: job\ntitle: T{i}\n---\n", f"job-{i}.md", {"select": SCHEMA_RULES})
    # the strict profile and the defs file it refers to: once each; the default schema
    # not at all: its keywords are all ones the quick path mirrors
    assert sorted(built) == sorted(["https://postlint.invalid/schemas/job-posting-strict.schema.json",
                                    "https://postlint.invalid/schemas/defs.schema.json"])
    lint_text("---\nlayout: job\ntitle: 5\nlocation: ''\n---\n", "job.md", {"select": SCHEMA_RULES})
    assert built.count("https://postlint.invalid/schemas/job-posting.schema.json") == 0  # bad values: quick path too


QUICK_CASES = [
    "layout: job\ntitle: T\nlocation: Remote\npost-date: 2024-05-01\n",
    "layout: job\ntitle: T\nlocation: Remote\npost-date: '2024-05-01'\n",
    "layout: job\ntitle: T\n",
    "title: T\n",
    "{}\n",
    "layout: ''\ntitle: T\nlocation: Remote\npost-date: '2024-05-01'\n",
    "layout: job\ntitle: 5\nlocation: [Berlin, 3]\npost-date: '2024-02-30'\n",
    "layout: job\ntitle: T\nlocation: []\npost-date: 05/01/2024\n",
    "layout: job\ntitle: T\nlocation: [Berlin, Paris]\npost-date: '2024-05-01'\ntags: x\ncategories: 3\n",
    "layout: job\ntitle: T\nlocation: Remote\npost-date: '2024-05-01'\nsalary: {min: 1}\ncompnay: X\n",
    "Layout: job\ntitle: T\nlocation: Remote\npost_date: '2024-05-01'\n",
    "layout: job\ntitle: null\nlocation: ''\n",
    "layout: true\ntitle: [a]\nlocation: {a: 1}\npost-date: 2024-13-01\n",
    "1: x\nlayout: job\n",
    "layout: job\ntitle: T\nlocation: ''\npost-date: '2024-05-01'\n",
    "layout: job\ntitle: ''\nlocation: ''\npost-date: ''\n",
    "layout: job\ntitle: T\nlocation:\npost-date: 2024-05-01\n",
    "layout: job\ntitle: T\nlocation: [Berlin, '', 3, null]\npost-date: 1 May 2024\n",
    "layout: job\ntitle: T\nlocation: [[a]]\npost-date: '2024-5-1'\n",
    "layout: [job]\ntitle: {a: b}\nlocation: 3.5\npost-date: 20240501\ncompany: 3\ntags: {a: 1}\n",
    "title: T\nlocation: Remote\ncontract: 3\napply: ''\nurl: 5\ndescription: [x]\npermalink: null\n",
    "layout: job\ntitle: T\nlocation: Remote\npost-date: 2024-02-30\ntype: true\ncategories: [1, 2]\n",
]


@pytest.mark.parametrize("front", QUICK_CASES)
def test_quick_path_gives_jsonschemas_findings(front, monkeypatch):
    # The quick path (no jsonschema import for postlint's own schema) must give the
    # same diagnostics as jsonschema, or leave the case to jsonschema.
    text = f"---\n{front}---\nWe are hiring.\n"
    quick = lint_text(text, "job.md", {"select": SCHEMA_RULES})
    from postlint import schema as S

    monkeypatch.setattr(S, "_bundled_schema", lambda path: None)
    slow = lint_text(text, "job.md", {"select": SCHEMA_RULES})
    assert [str(d) for d in quick] == [str(d) for d in slow]


def _both_paths(texts, monkeypatch, rules=SCHEMA_RULES):
    from postlint import schema as S

    quick = [[str(d) for d in lint_text(t, "job.md", {"select": rules})] for t in texts]
    with monkeypatch.context() as m:
        m.setattr(S, "_bundled_schema", lambda path: None)
        slow = [[str(d) for d in lint_text(t, "job.md", {"select": rules})] for t in texts]
    return quick, slow


def test_quick_path_equals_jsonschema_on_generated_front_matter(monkeypatch):
    # Every field of the default schema given each of a set of values (empty, too short,
    # wrong type, bad date, nested lists...), a few fields at a time in varying orders.
    import itertools
    import random

    values = ["job", "''", "null", "3", "3.5", "true", "[]", "[a]", "['']", "[a, 3]", "[[a]]", "{}", "{a: 1}",
              "2024-05-01", "'2024-05-01'", "2024-02-30", "'05/01/2024'", "'2024-5-1'", "' '"]
    fields = ["layout", "title", "location", "post-date", "company", "type", "categories", "tags", "apply",
              "description", "salary", "permalink", "date", "contact", "url", "contract", "compnay", "Title"]
    rng = random.Random(16)
    texts = []
    for field, value in itertools.product(fields, values):
        texts.append(f"---\nlayout: job\ntitle: T\nlocation: Remote\n{field}: {value}\n---\nWe are hiring.\n")
    for _ in range(300):
        chosen = rng.sample(fields, rng.randint(0, 6))
        front = "".join(f"{f}: {rng.choice(values)}\n" for f in chosen)
        texts.append(f"---\n{front}---\nWe are hiring.\n")
    quick, slow = _both_paths(texts, monkeypatch)
    assert quick == slow
    assert sum(map(len, quick)) > 500  # the cases do produce findings


def test_quick_path_equals_jsonschema_on_the_corpus(monkeypatch):
    corpus = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
    if not corpus.is_dir():
        pytest.skip("../shared/corpus is not present")
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in sorted(corpus.rglob("*.md"))]
    quick, slow = _both_paths(texts, monkeypatch)
    assert quick == slow


def test_cli_layouts_table_in_pyproject(run_cli, tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.postlint]\nselect = ["PL101"]\n[tool.postlint.layouts]\n'
        'job = "schemas/job.json"\npage = "none"\n', encoding="utf-8")
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "job.json").write_text(
        '{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",'
        ' "required": ["apply"], "properties": {"post-date": {"$ref": "defs.json#/$defs/d"}}}', encoding="utf-8")
    (tmp_path / "schemas" / "defs.json").write_text('{"$defs": {"d": {"type": "string"}}}', encoding="utf-8")
    (tmp_path / "job.md").write_text("---\nlayout: job\ntitle: X\n---\nBody\n", encoding="utf-8")
    (tmp_path / "about.md").write_text("---\nlayout: page\n---\nBody\n", encoding="utf-8")
    (tmp_path / "post.md").write_text("---\nlayout: post\ntitle: News\n---\nBody\n", encoding="utf-8")
    proc = run_cli(".", "-q", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.splitlines() == [
        "job.md:1:1: PL101 Missing required field 'apply'",
        # no layout in the map: the default schema
        "post.md:1:1: PL101 Missing required field 'location'",
        "post.md:1:1: PL101 Missing required field 'post-date'",
    ]


def test_memoised_builtin_lookup_resolves_as_the_plain_one(tmp_path):
    # resolve_schema_path memoises the shipped-schema lookup; the plain lookup it replaces:
    from postlint.resources import data_dir
    from postlint.schema import resolve_schema_path

    def plain(spec, base=None):
        builtin = data_dir("schemas") / f"{spec}.schema.json"
        if "/" not in spec and "\\" not in spec and not spec.endswith(".json") and builtin.is_file():
            return builtin
        path = Path(spec)
        if not path.is_absolute() and base is not None:
            path = base / path
        return path

    shipped = [p.name[: -len(".schema.json")] for p in data_dir("schemas").glob("*.schema.json")]
    assert "job-posting" in shipped
    specs = shipped + ["no-such-schema", "job-posting.json", "schemas/job-posting", "a\\b", "x.schema.json",
                       str(tmp_path / "mine.json"), "Job-Posting", "", "jobé"]
    for _ in range(2):  # the second round answers from the memo
        for spec in specs:
            for base in (None, tmp_path):
                assert resolve_schema_path(spec, base) == plain(spec, base), (spec, base)
