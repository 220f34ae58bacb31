"""The rules' pre-tests (issue 6) skip only postings the full check has nothing to report on.

Each pre-test proves in its docstring why it cannot miss; here every rule that has one runs with
it and with it forced off (the full check on every posting), on every corpus posting (when
../shared is there), the annotated cases, the seeds and generated hostile texts, at the default
options and at options that make the rule report on many postings. No timing: speed lives in
benchmarks/.
"""

from __future__ import annotations

import functools
import random
import re
from pathlib import Path

import pytest
import yaml

from postlint.checks.base import Context
from postlint.document import Document
from postlint.registry import load_registry
from postlint.words import words

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"

HOSTILE = [
    "", "---\n---\n", "word", "\0 \0\0 a\0b", "İ ı ſ \u212a " * 2100, "a_b c'd e’f g-h " * 700,
    "x² ½ ٣abc ①two Ⅻ " * 600, "\udc80x \udc80 " * 2100, "漢字 かな 한국어 " * 1000, "_ ' ’ - " * 3000,
    "{% if a %}" + "word " * 2100 + "{% endif %}", "<% if a %>" + "word " * 2100 + "<% end %>",
    "{%" + " w" * 2100, "<%" + " w" * 2100, "word " * 2001, "word " * 2000, "a-b " * 2001,
]


def _seeded(pieces, n, seed):
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 60))) for _ in range(n)]


@functools.lru_cache(maxsize=1)
def _texts() -> tuple[str, ...]:
    texts = list(HOSTILE)
    for file in sorted((ROOT / "tests" / "cases").glob("*.yaml")):
        texts += [c["input"] for c in yaml.safe_load(file.read_text(encoding="utf-8"))["cases"]]
    texts += [p.read_text(encoding="utf-8", errors="surrogateescape")
              for p in sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.md"))]
    if CORPUS.is_dir():
        texts += [p.read_text(encoding="utf-8", errors="surrogateescape")
                  for p in sorted(p for p in CORPUS.rglob("*.md") if p.is_file())]
    return tuple(texts)


@functools.lru_cache(maxsize=1)
def _docs():
    return [Document.from_text(t) for t in _texts()]


def _rule(code):
    return next(r for r in load_registry().rules if r.code == code)


def _findings(rule, options_list, docs):
    return [[(v.start, v.end, v.message, v.fix) for v in rule.check(d, Context(options=dict(o)))]
            for o in options_list for d in docs]


def _fast_equals_plain(monkeypatch, code, module, name, options_list, plain=lambda *a, **k: False, extra=()):
    """The rule's findings on every text (and ``extra`` documents) with ``module.name`` as it
    is and replaced by ``plain``, the same; returns how many document runs found something."""
    rule = _rule(code)
    docs = _docs() + list(extra)
    fast = _findings(rule, options_list, docs)
    monkeypatch.setattr(module, name, plain)
    slow = _findings(rule, options_list, docs)
    assert fast == slow
    return sum(map(bool, slow))


# ------------------------------------------------------------------ PL602 posting-length
_LENGTH_WORD = re.compile(r"[^\W_][\w'’-]*")


def test_posting_length_word_pattern_is_the_rules():
    from postlint.checks import posting_length

    assert posting_length._WORD.pattern == _LENGTH_WORD.pattern


def test_posting_length_words_never_outnumber_the_view_tokens():
    extra = _seeded(["a", "É", "_", "'", "’", "-", " ", "\n", "\0", "٣", "²", "İ", ".", "x_y", "\udc80"], 3000, 602)
    joined = 0
    for text in list(_texts()) + extra:
        doc = Document.from_text(text)
        for start in (0, doc.body_start):
            if len(_LENGTH_WORD.findall(doc.prose, start)) > len(words(doc).tokens):
                assert "\0" in doc.prose, text[:60]  # the view reads NUL as a letter: no pre-test then
                joined += 1
    assert joined  # the NUL exception is needed, and reached


def test_posting_length_pretest_skips_only_postings_within_the_limit(monkeypatch):
    from postlint.checks import posting_length

    hits = _fast_equals_plain(monkeypatch, "PL602", posting_length, "_few_words",
                              [{}, {"max-words": 300}, {"max-words": 50}, {"min-words": 300, "max-words": 400}])
    assert hits > 300


def test_posting_length_marks_are_the_two_scans():
    from postlint.checks import posting_length as pl

    extra = _seeded(["{%", "<%", "{% if a %}", "{%- endif -%}", "<% end %>", "<%if%>", "{%for", "{%endfor%}", "{{%",
                     "<<%", "%", "{", "<", " ", "\n", "end", "if", "unless", "case", "x", "-"], 4000, 603)
    reached = 0
    for text in list(_texts()) + extra:
        for start in (0, len(text) // 3):
            want = sorted([(m.start(), 1) for m in pl._BRANCH_OPEN.finditer(text, start)]
                          + [(m.start(), -1) for m in pl._BRANCH_CLOSE.finditer(text, start)])
            assert pl._marks(text, start) == want, text[:80]
            reached += bool(want)
    assert reached > 1000


# ------------------------------------------------------------------ PL604 experience-inflation
_PL604_OPTIONS = [{}, {"restatements": True}, {"junior-max-years": 0, "mid-max-years": 0, "restatements": True}]


def _pl604_texts():
    pieces = ["5+ years", "3 years", "five (5) years", "2-4 yrs", "10 years", "at least 3 years", "YEARS", "Yr",
              " of experience", " experience in Python", " professional", " working with Go", " and ", "\n- ",
              "\n## Preferred\n", "\n## Requirements\n", ". ", "; ", "year", "yr", "İ", "ſ", " mobile development"]
    titles = ["", "---\ntitle: Junior Developer\n---\n", "---\ntitle: Mid-level Engineer\n---\n", "# Intern\n\n",
              "# Senior Engineer\n\n"]
    body = _seeded(pieces, 1500, 604)
    return [titles[i % len(titles)] + b for i, b in enumerate(body)]


def test_year_words_count_every_years_match(monkeypatch):
    from postlint.checks import experience_inflation as ei
    from postlint.content import lowered_body

    for text in list(_texts()) + _pl604_texts():
        doc = Document.from_text(text)
        low = lowered_body(doc)
        if low is not None:
            assert len(list(ei.RX.YEARS.finditer(doc.prose, doc.body_start))) <= ei._year_words(low), text[:80]


def test_experience_inflation_pretests_skip_only_postings_without_a_finding(monkeypatch):
    from postlint.checks import experience_inflation as ei

    extra = [Document.from_text(t) for t in _pl604_texts()]
    assert _fast_equals_plain(monkeypatch, "PL604", ei, "_year_words", _PL604_OPTIONS, lambda low: 99, extra) > 300


# ------------------------------------------------------------------ PL201 mojibake
def test_common_non_ascii_characters_are_not_triggers():
    from postlint.checks import mojibake
    from postlint.mojibake_trigger import TRIGGER

    for common, ascii_char in mojibake._COMMON_NON_ASCII:
        assert not common.isascii() and TRIGGER.match(common) is None
        assert ascii_char.isascii() and len(common) == len(ascii_char) == 1
    for code in range(0x110000):  # and every TRIGGER character is non-ASCII
        assert code >= 0x80 or TRIGGER.match(chr(code)) is None


def test_only_common_non_ascii_is_a_text_without_other_non_ascii():
    from postlint.checks import mojibake

    extra = _seeded(["a", " ", "’", "\xa0", "—", "–", "é", "â€™", "“", "\n", "‘", "\udc80"], 3000, 201)
    said = 0
    for text in list(_texts()) + extra:
        want = all(ch.isascii() or ch in "\u2019\u00a0\u2014\u2013" for ch in text)
        assert mojibake._only_common_non_ascii(text) == want, text[:60]
        said += want and not text.isascii()
    assert said > 200


def test_mojibake_pretest_skips_only_postings_without_a_finding(monkeypatch):
    from postlint.checks import mojibake

    extra = _seeded(["didnâ€™t ", "Ã© ", "’", "\xa0", "—", "–", " word ", "\n", "`â€™` ", "```\nâ€™\n```\n",
                     "“quoted” ", "é"], 1500, 2011)
    docs = [Document.from_text(t) for t in extra]
    assert _fast_equals_plain(monkeypatch, "PL201", mojibake, "_only_common_non_ascii", [{}], extra=docs) > 300


# ------------------------------------------------------------------ PL606 missing-pay-range
def _pay_texts():
    from postlint import pay

    words = sorted({w for law in pay.load_laws() for w in law.cued_words})
    pieces = words + [w[:-1] for w in words[::3]] + [w.lower() for w in words[::4]] + [
        " ", ", ", ", CO", ", NY", "NYC", "Location: ", "based in ", "\n", "Remote", "$100k - $120k", "é"]
    return _seeded(pieces, 3000, 606)


def test_any_cued_word_finds_a_word_exactly_when_a_law_has_one():
    from postlint import pay

    laws = pay.load_laws()
    pattern = pay._any_cued_word(laws)
    held = 0
    for text in list(_texts())[:400] + _pay_texts():
        want = any(any(w in text for w in law.cued_words) for law in laws if law.cued_source is not None)
        assert (pattern.search(text) is not None) == want, text[:80]
        held += want
    assert held > 1000


def test_missing_pay_range_cued_word_pretest(monkeypatch):
    from postlint import pay

    fm = ["---\nlocation: {}\n---\n", "---\ncity: {}\npost-date: 2024-05-01\n---\n", "{}\n"]
    docs = [Document.from_text(fm[i % 3].format(t.replace("\n", " ")) + "We pay well.\n")
            for i, t in enumerate(_pay_texts())]
    options = [{"today": "2025-06-01"}, {"today": "2025-06-01", "unverified-laws": True}]
    assert _fast_equals_plain(monkeypatch, "PL606", pay, "_any_cued_word", options, lambda laws: re.compile(""),
                              docs) > 500


def _hint_texts():
    pieces = [",", ", ", ",\n", ",\t", ",  ", " ", "CO", "NY", "NYC", "New York City", "New York", "Ny", "co", "C",
              "O", "D.C.", "DC", "WA", "Denver", "x", "\n", "é", ",\u00a0", ",\u2003"]
    return _seeded(pieces, 4000, 6061)


def test_hint_codes_say_when_a_hint_matches():
    from postlint import pay

    laws = pay.load_laws()
    codes = pay._hint_codes(laws)
    assert codes is not None  # every shipped law's hint is a code the comma scan reads
    hinted = 0
    for text in list(_texts()) + _hint_texts() + _pay_texts():
        want = pay._any_hint(laws).search(text) is not None
        assert (not pay._present_hints(text).isdisjoint(codes)) == want, text[:80]
        hinted += want
    assert hinted > 1000


def test_missing_pay_range_hint_codes(monkeypatch):
    from postlint import pay

    docs = [Document.from_text(t) for t in _hint_texts()[:1500]]
    assert _fast_equals_plain(monkeypatch, "PL606", pay, "_hint_codes", [{"today": "2025-06-01"}],
                              lambda laws: None, docs) > 300


def test_cue_word_starts_are_the_cue_word_scan():
    from postlint import pay
    from postlint.content import lowered_body

    assert pay._CUE_WORD.pattern == "|".join(pay._CUE_WORDS) and all(len(w) == 5 for w in pay._CUE_WORDS)
    extra = _seeded(["locat", "loca", "based", "base", "offic", "offi", "o", "l", "b", "ed", "ion", " ", "\n",
                     "locatbased", "officoffic", "basedd"], 3000, 6062)
    seen = 0
    for text in list(_texts()) + extra:
        low = lowered_body(Document.from_text(text)) or text.lower()
        want = [m.start() for m in pay._CUE_WORD.finditer(low)]
        assert pay._cue_word_starts(low) == want, text[:80]
        seen += bool(want)
    assert seen > 1000


# ------------------------------------------------------------------ PL603 too-many-requirements
def test_optional_item_exotic_test_is_the_any_of_four():
    from postlint.checks import too_many_requirements as tmr
    from postlint.words import EXOTIC

    assert all(not ch.isascii() for ch in EXOTIC)
    extra = _seeded(["a", " ", "İ", "ı", "ſ", "\u212a", "é", "plus", "PLUS", "bonus", "\n"], 2000, 603)
    for text in list(_texts())[:300] + extra:
        assert (not text.isascii() and any(map(text.__contains__, EXOTIC))) == any(ch in text for ch in EXOTIC)
        assert tmr._optional_item(text) == (tmr._OPTIONAL_ITEM.search(text) is not None), text[:60]


def test_may_name_level_holds_every_junior_or_mid_title():
    from postlint.checks import experience_inflation as ei

    titles = _seeded(["Junior", "JR.", "Jr", "entry-level", "Entry Level", "Graduate", "Intern", "Internship",
                      "apprentice", "Trainee", "Mid-level", "mid senior", "Intermediate", "Senior", " ", "Dev",
                      "junıor", "\u212aelvin", "ſ", "İ", "-", "Engineer"], 3000, 6041)
    said = 0
    for text in titles + [t[:200] for t in _texts()]:
        if ei.RX.JUNIOR.search(text) or ei.RX.MID.search(text):
            assert ei._may_name_level(text), text[:60]
            said += 1
    assert said > 500
