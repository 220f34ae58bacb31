"""The five postings the product was described with: every defect at its line."""

from pathlib import Path

from postlint.api import lint_bytes

SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def lint(name):
    path = next(SEEDS.glob(f"{name}_*.md"))
    return [(d.line, d.code, d.message) for d in lint_bytes(path.read_bytes(), path.name, {})]


def lines(found, code):
    return [line for line, c, _ in found if c == code]


def test_seed_000():
    found = lint("000")
    assert 10 in lines(found, "PL102")
    assert lines(found, "PL301") == [13, 18, 22, 29, 34, 41, 46, 51]


def test_seed_001_and_004_missing_fields():
    for name in ("001", "004"):
        missing = sorted(m for _, c, m in lint(name) if c == "PL101")
        assert missing == ["Missing required field 'location'", "Missing required field 'post-date'"]


def test_seed_002():
    found = lint("002")
    assert lines(found, "PL100") == [1]
    assert (1, "PL401", "Misspelling 'Expirience': write 'Experience'") in found
    assert lines(found, "PL302") == [36]
    # Line 39 lists tools: Sidekiq, Axlsx, RSpec, PostgreSQL, Globolize... The misspelling list knows
    # none of them; PL405 knows the Globalize gem's spelling and reads line 39 as a list of tools.
    assert [m for line, c, m in found if c == "PL401" and line >= 38] == []
    assert [(line, m) for line, c, m in found if c == "PL405"] == [
        (39, "'Globolize' looks like a misspelling of 'Globalize'")]


def test_seed_003_and_004():
    assert lines(lint("003"), "PL100") == [1]
    found = lint("004")
    assert lines(found, "PL201") == [56]
    text = next(SEEDS.glob("004_*.md")).read_text(encoding="utf-8").splitlines()
    her_his = [i + 1 for i, line in enumerate(text) if "her/his" in line]
    assert lines(found, "PL501") == her_his


def test_seed_003_pay_range_and_000_quiet():
    """003 says 'San Francisco, CA' (line 2), undated, 'competitive compensation': no range.
    000 is in Minnesota, dated 2013: Minnesota's law (2025) was not in force (even with the option
    that applies laws whose text is not yet checked). PL606 is on by default."""
    config = {"rule-options": {"PL606": {"today": "2026-01-01", "unverified-laws": True}}}

    def pay(name):
        path = next(SEEDS.glob(f"{name}_*.md"))
        return [(d.line, d.column, d.message) for d in lint_bytes(path.read_bytes(), path.name, config)
                if d.code == "PL606"]

    assert pay("003") == [(2, 6, "No pay range: postings for San Francisco, CA need a minimum and "
                                 "maximum since 2023-01-01 (Cal. Lab. Code 432.3)")]
    assert pay("000") == []


def test_seed_000_five_years_stated_twice():
    """000 asks for '5+ years' of professional software work at line 24 and again at line 44: a
    restatement, reported with PL604's `restatements` option (conflicts are reported by default)."""
    path = next(SEEDS.glob("000_*.md"))
    assert [d for d in lint_bytes(path.read_bytes(), path.name, {}) if d.code == "PL604"] == []
    config = {"rule-options": {"PL604": {"restatements": True}}}
    found = [(d.line, d.column, d.message) for d in lint_bytes(path.read_bytes(), path.name, config)
             if d.code == "PL604"]
    assert found == [(44, 4, "The same experience requirement (5 years) is stated again; it was already "
                             "asked for on line 24")]


def test_content_rules_on_the_seeds():
    """PL601-PL603 are on by default and quiet on all five seeds: grades 10-13.4 (under 16), 307-899
    words (inside 50-2,000), and seed 001's 11-item '**Beneficial Skills and Experience**' list is a
    nice-to-have section, not requirements. Lowering the limits shows each rule does read the seeds."""
    for path in sorted(SEEDS.glob("*.md")):
        found = lint_bytes(path.read_bytes(), path.name, {})
        assert [d for d in found if d.code in ("PL601", "PL602", "PL603")] == [], path.name
    strict = {"rule-options": {"PL601": {"max-grade": 12}, "PL602": {"max-words": 800},
                               "PL603": {"max-items": 5}}}

    def content(name):
        path = next(SEEDS.glob(f"{name}_*.md"))
        return [(d.line, d.code) for d in lint_bytes(path.read_bytes(), path.name, strict)
                if d.code in ("PL601", "PL602", "PL603")]

    assert content("000") == [(16, "PL601")]  # grade 13.4; '##ABOUT YOUR BACKGROUND' has 2 items
    assert content("001") == [(38, "PL603")]  # 10 items under '**Required Skills and Experience**'
    assert content("004") == [(32, "PL603"), (102, "PL602")]  # 9 requirements; 918 words
