"""Language rules (PL4xx spelling and usage, PL5xx inclusive language): rule files,
docs examples, the phrase engine, user word lists, and the seed postings.

Per-rule findings at exact positions live in tests/cases/*.yaml.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
import yaml

from postlint.api import lint_text
from postlint.cli import main
from postlint.registry import load_registry
from postlint.wordlist import RuleFileError, builtin_rule_files, load_rule_file, validate_rule_spec

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("POSTLINT_SHARED") or REPO.parent / "shared")

LANGUAGE = ("spelling", "inclusive-language")


def _codes(text, select, **config):
    config.setdefault("schema", "none")
    return [(d.line, d.column, d.code) for d in lint_text(text, "job.md", {"select": select, **config})]


# ------------------------------------------------------------------ rule files
@pytest.mark.parametrize("path", builtin_rule_files(), ids=lambda p: p.name)
def test_rule_file_matches_schema(path):
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert validate_rule_spec(spec) == []


@pytest.mark.parametrize("path", builtin_rule_files(), ids=lambda p: p.name)
def test_rule_file_names_its_source_and_licence(path):
    head = path.read_text(encoding="utf-8").split("\ncode:")[0]
    assert head.startswith("#"), "a rule file starts with its attribution comment"
    if "(MIT" in head or "BSD" in head or "Apache" in head:
        assert "postlint's own" in head or "Messages and docs are postlint's own" in head


def test_schema_rejects_unknown_keys_and_bad_regexes(tmp_path):
    spec = {
        "code": "ACME001", "name": "acme-words", "category": "content", "summary": "Acme words",
        "engine": "existence", "docs": {"what": "w", "why": "y", "example": "e", "use_instead": "u"},
        "entries": [{"match": ["synergy"], "after": "(unclosed"}, {"match": ["synergy"], "colour": "red"}],
    }
    problems = validate_rule_spec(spec)
    assert any("colour" in p for p in problems)
    assert any("entries/0/after: invalid regular expression" in p for p in problems)
    assert any("already listed" in p for p in problems)
    path = tmp_path / "acme.yaml"
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    with pytest.raises(RuleFileError):
        load_rule_file(path, validate=True)


# ------------------------------------------------------------------------ docs
def _language_rules():
    return [r for r in load_registry().rules if r.category in LANGUAGE]


@pytest.mark.parametrize("rule", _language_rules(), ids=lambda r: r.code)
def test_doc_example_triggers_and_use_instead_is_quiet(rule):
    assert rule.docs.example and rule.docs.use_instead
    assert rule.code in {c for _, _, c in _codes(rule.docs.example, [rule.code])}
    assert _codes(rule.docs.use_instead, [rule.code]) == []


def test_opt_in_rules_are_off_by_default():
    registry = load_registry()
    defaults = registry.defaults()
    assert "PL508" not in defaults and "PL507" not in defaults
    assert {"PL401", "PL402", "PL403", "PL404", "PL501", "PL502", "PL503", "PL504", "PL505", "PL506"} <= defaults


# -------------------------------------------------------------- phrase engine
def test_company_rule_file_with_context(tmp_path):
    """A user's own rule file uses the same engine: context regexes, exceptions, names."""
    (tmp_path / "acme.yaml").write_text(textwrap.dedent("""\
        # Acme's words.
        code: ACME101
        name: acme-product-name
        category: spelling
        summary: Acme product names spelt our way
        engine: substitution
        message: "Write '{replacement}', not '{match}'"
        skip_names: false
        entries:
          - swap: {widgetpro: WidgetPro}
            not_before: 'old\\s+$'
          - swap: {cloud: Acme Cloud}
            after: '\\s+console\\b'
        exceptions: [widgetpro classic]
        docs:
          what: Our product names.
          why: Brand.
          example: Use the widgetpro dashboard.
          use_instead: Use the WidgetPro dashboard.
        """), encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.postlint]\nrule-files = ["acme.yaml"]\nselect = ["ACME101"]\nschema = "none"\n',
                                             encoding="utf-8")
    post = tmp_path / "job.md"
    post.write_text("Use widgetpro, not old widgetpro or widgetpro classic, in the cloud console or the cloud.\n",
                    encoding="utf-8")
    assert main([str(post), "--fix", "--quiet"]) == 0
    assert post.read_text(encoding="utf-8") == (
        "Use WidgetPro, not old widgetpro or widgetpro classic, in the Acme Cloud console or the cloud.\n")


def test_title_case_is_kept_word_by_word():
    from postlint.phrases import match_case

    assert match_case("Bachelors Degree", "bachelor's degree") == "Bachelor's Degree"
    assert match_case("Bachelors degree", "bachelor's degree") == "Bachelor's degree"
    assert match_case("BACHELORS DEGREE", "bachelor's degree") == "BACHELOR'S DEGREE"
    assert match_case("insure", "ensure") == "ensure"


# ----------------------------------------------------------- user word lists
POSTING = "---\ntitle: Backend Developer\n---\n\nWe use the frobnicat pipeline and the acme wrld engine.\n"


def _with_typos_table(monkeypatch):
    """Make two invented misspellings known, so the test does not depend on the list's rows."""
    from postlint import wordlist

    rule = load_registry().get("PL401")
    _, exceptions, table = rule._compile()

    class Table:
        def get(self, word):
            return {"frobnicat": "frobnicate", "wrld": "world"}.get(word) or table.get(word)

    monkeypatch.setattr(rule, "_compiled", (None, exceptions, Table()))
    return wordlist


def test_words_from_config_and_words_file(tmp_path, monkeypatch, capsys):
    _with_typos_table(monkeypatch)
    post = tmp_path / "job.md"
    post.write_text(POSTING, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.postlint]\nselect = ["PL401"]\nschema = "none"\n', encoding="utf-8")
    assert main([str(post), "--quiet"]) == 1
    out = capsys.readouterr().out
    assert "5:12: PL401 Misspelling 'frobnicat'" in out and "5:44: PL401 Misspelling 'wrld'" in out

    (tmp_path / "pyproject.toml").write_text('[tool.postlint]\nselect = ["PL401"]\nschema = "none"\nwords = ["Frobnicat"]\n',
                                             encoding="utf-8")
    assert main([str(post), "--quiet"]) == 1
    out = capsys.readouterr().out
    assert "frobnicat" not in out and "'wrld'" in out

    (tmp_path / ".postlint-words.txt").write_text("# our product names\nwrld\n", encoding="utf-8")
    assert main([str(post), "--quiet"]) == 0
    assert capsys.readouterr().out == ""


# ---------------------------------------------------------------------- seeds
SEEDS = SHARED / "seeds"


def _seed(prefix):
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the repo")
    path = next(SEEDS.glob(prefix + "_*.md"))
    from postlint.api import lint_bytes

    return path.read_text(encoding="utf-8"), lint_bytes(path.read_bytes(), path.name, {"select": ["PL4", "PL5"], "schema": "none"})


@pytest.mark.parametrize("prefix,code,word", [
    ("002", "PL401", "Expirience"),
    ("002", "PL402", "insure"),
    ("004", "PL501", "her/his"),
    ("001", "PL505", "Hacker mentality"),
    ("003", "PL505", "hacker mindset"),
    ("000", "PL402", "Bachelors degree"),
])
def test_seed_defects_are_caught(prefix, code, word):
    text, found = _seed(prefix)
    lines = text.splitlines()
    hits = [d for d in found if d.code == code and lines[d.line - 1][d.column - 1:].startswith(word)]
    assert hits, f"{word!r} not reported by {code}: {[(d.line, d.column, d.code) for d in found]}"


def test_seed_000_competitive_compensation_and_eeo_sentence_stay_quiet():
    text, found = _seed("000")
    lines = text.splitlines()
    flagged = {lines[d.line - 1] for d in found}
    assert not any("competitive compensation" in line for line in flagged)
    assert not any("equal opportunity employer" in line for line in flagged)
    # The balance rule (opt-in) does not count the offer either.
    from postlint.checks.gender_coded_balance import coded_words
    from postlint.document import Document

    words = [w[2].lower() for w in coded_words(Document.from_text(text))]
    assert "competitive" not in words


def test_seed_002_globolize_only_by_the_tool_name_list():
    """The misspelling dictionary does not know 'Globolize' and no word rule guesses at it; PL405,
    which knows the Globalize gem's spelling, is the one rule that reports it."""
    text, found = _seed("002")
    at = [d.code for d in found if "Globolize" in text.splitlines()[d.line - 1][d.column - 1:d.column + 9]]
    assert at == ["PL405"]


def test_first_word_index_finds_what_a_full_scan_finds():
    """The index only chooses where to try the alternation; the hits must not change."""
    from postlint.checks.base import Context
    from postlint.document import Document

    texts = []
    for file in (REPO / "tests" / "cases").glob("*.yaml"):
        texts += [c["input"] for c in yaml.safe_load(file.read_text(encoding="utf-8"))["cases"]]
    rules = [r for r in load_registry().rules if hasattr(r, "matcher") and r.engine != "dictionary"]
    texts += [r.docs.example for r in rules]
    for rule in rules:
        matcher = rule.matcher()
        docs = [Document.from_text(t) for t in texts]
        indexed = [(v.start, v.end, v.message) for d in docs for v in rule.check(d, Context())]
        saved, matcher.first_words = matcher.first_words, None
        try:
            docs = [Document.from_text(t) for t in texts]
            scanned = [(v.start, v.end, v.message) for d in docs for v in rule.check(d, Context())]
        finally:
            matcher.first_words = saved
        assert indexed == scanned, rule.code
        assert indexed or rule.code.startswith("PL4"), f"{rule.code} finds nothing in the cases"
