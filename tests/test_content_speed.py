"""The content rules' cheap paths (issue 6) give the answers of the plain scans they stand in for.

Each fast path is compared with the slow one it replaces, on generated text built from the
pieces the patterns care about (place names, ', ST', line breaks, case tricks) and on real
postings from the corpus when it is there.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from postlint import pay
from postlint.content import lowered_body
from postlint.document import Document

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"


def _corpus_texts(limit=150):
    if not CORPUS.is_dir():
        return []
    files = sorted(p for p in CORPUS.rglob("*.md") if p.is_file())[:limit]
    return [f.read_text(encoding="utf-8", errors="replace") for f in files]


PLACE_PIECES = ["Denver", "Boulder", "Colorado Springs", "Fort Collins", ",", ", ", ",\n", "\n", " ", "\t", "CO",
                "NY", "NYC", "New York", "New York City", "CA", "San Francisco", "Seattle", "WA", "DC",
                "Washington", "D.C.", "-", ".", "x", "Co", "Big Town", "Brooklyn", "Springfield", "MA", "é"]


def _generated(pieces, n=3000, seed=6):
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) for _ in range(n)]


def _span(m):
    return None if m is None else (m.start(), m.end(), m.group(0))


@pytest.mark.parametrize("source", ["generated", "corpus"])
def test_windowed_search_finds_what_a_full_search_finds(source):
    texts = _generated(PLACE_PIECES) if source == "generated" else _corpus_texts()
    if not texts:
        pytest.skip("corpus not available")
    laws = pay.load_laws()
    hits = 0
    for text in texts:
        for law in laws:
            expected = _span(law.anywhere.search(text))
            assert _span(pay._first(law, text)) == expected, (law.id, text)
            assert _span(pay._first(law, text, pay._present_hints(text))) == expected, (law.id, text)
            hits += expected is not None
        any_match = any(law.anywhere.search(text) for law in laws)
        if any_match:
            assert pay._any_hint(laws).search(text), text
    assert hits > 20  # the inputs do reach the patterns


def test_comma_codes_are_what_each_hint_finds():
    """_present_hints holds a law's hint word wherever its hint matches: generated texts with every
    code point after the comma, before the code and in place of each capital."""
    laws = [law for law in pay.load_laws() if law.hint_codes]
    assert len(laws) >= 12
    texts = _generated(PLACE_PIECES + ["\u00a0", "\u2028", ",,", ", ,", "C", "O", "Y", "N"], seed=9)
    texts += [f"{a}{b}" for a in (",", ", ", ",\n", ",\t", ",  ", ",,") for b in ("CO", "NY", "NYC", "Co", "C O", "DC")]
    hits = 0
    for text in texts:
        present = pay._present_hints(text)
        for law in laws:
            if law.hint.search(text):
                hits += 1
                assert not present.isdisjoint(law.hint_words), (law.id, text)
    assert hits > 100
    co = next(law for law in laws if law.id == "CO")
    for cp in range(0x110000):  # every code point where `\s?` stands, and before the comma
        for text in (f",{chr(cp)}CO", f"{chr(cp)},CO"):
            if co.hint.search(text):
                assert "CO" in pay._present_hints(text), hex(cp)


def _plain_best(text, offset, laws, cued):
    """pay._best as it was before its gates: every law's patterns compiled from source and searched."""
    import re

    best = None
    for law in laws:
        sources = (law.anywhere_source, law.cued_source) if cued else (law.anywhere_source,)
        for source in sources:
            m = re.compile(source).search(text) if source is not None else None
            if m is None:
                continue
            cand = pay.Place(law, m.group(0), offset + m.start(), offset + m.end())
            if best is None or (cand.start, -(cand.end - cand.start)) < (best.start, -(best.end - best.start)):
                best = cand
    return best


CUED_PIECES = PLACE_PIECES + ["Colorado", "Washington, DC", "Washington D.C.", "District of Columbia",
                              "St. Paul", "Saint Paul", "St.", "Hawaiʻi", "Hawaii", "New Jersey", "Jersey City",
                              "Washington State", "washington", "COLORADO", "Remote", "Los\tAngeles", "Los Angeles",
                              "San  Jose", "Manhattan", "-Boston", "Bostonian", "{{ page.city }}", "\r\n", "\ufeff"]


@pytest.mark.parametrize("source", ["generated", "corpus"])
def test_gated_best_finds_what_every_pattern_finds(source):
    # _best skips `anywhere` when no hint matches and `cued` when no cued word is in the text,
    # and compiles the patterns on first use: the same places as searching every pattern.
    texts = _generated(CUED_PIECES, seed=8) if source == "generated" else _corpus_texts()
    if not texts:
        pytest.skip("corpus not available")
    laws = pay.load_laws()
    hits = 0
    for text in texts:
        for cued in (False, True):
            expected = _plain_best(text, 3, laws, cued)
            assert pay._best(text, 3, laws, cued) == expected, (cued, text)
            hits += expected is not None
    assert hits > 20


def test_lazy_law_patterns_are_the_sources_compiled():
    for law in pay.load_laws():
        law.compile_patterns()
        assert law.anywhere.pattern == law.anywhere_source and law.anywhere.flags == re_unicode()
        assert (law.cued.pattern if law.cued else None) == law.cued_source
        assert (law.hint.pattern if law.hint else None) == law.hint_source
        for word in law.cued_words:
            assert " " not in word and word


def re_unicode():
    import re

    return re.UNICODE


CUE_PIECES = ["Location", "location:", "LOCATION", "based in", "BASED", "baſed in", "located in", "locatİon",
              "offices are in", "office", "Offıce", "OFFICE", "in", " ", "\n", "x", ":", "the", "é", "Based  out of"]


@pytest.mark.parametrize("source", ["generated", "corpus"])
def test_cue_scan_finds_the_cues_finditer_finds(source):
    texts = _generated(CUE_PIECES, seed=7) if source == "generated" else _corpus_texts()
    if not texts:
        pytest.skip("corpus not available")
    found = 0
    for text in texts:
        doc = Document(text, "t.md")
        body = doc.prose[doc.body_start:]
        expected = [m.span() for m in pay.RX.CUE.finditer(body)]
        assert [m.span() for m in pay._cues(body, lowered_body(doc))] == expected, text
        found += len(expected)
    assert found > 0


DEGREE_PIECES = ["Bachelor's degree", "BS in", "bs/ms", "BA  in", "Degree in CS", "diploma", "Master’s degree",
                 "Ph.D. degree", "or equivalent experience", "or 3 years of experience", "preferred", "a plus",
                 ". ", "\n", "- ", " ", "required", "DEGREE", "deGRee", "baſ in", "İn", "no degree", "x", ";"]


def _pl605_plain(doc):
    """PL605 as it was before its pre-checks: route first, then every sentence."""
    from postlint.checks import degree_without_equivalent as d
    from postlint.content import sentences

    prose = doc.prose
    if not d.RX.MAYBE_DEGREE.search(prose, doc.body_start) or d.RX.ROUTE.search(prose, doc.body_start):
        return []
    for s_start, s_end in sentences(prose, doc.body_start):
        sentence = prose[s_start:s_end]
        m = d.RX.DEGREE.search(sentence)
        if m is None or d.RX.OPTIONAL.search(sentence):
            continue
        return [(s_start + m.start(), s_start + m.end())]
    return []


@pytest.mark.parametrize("source", ["generated", "corpus"])
def test_pl605_reports_what_the_plain_scan_reports(source):
    from postlint.checks.degree_without_equivalent import DegreeWithoutEquivalent

    texts = _generated(DEGREE_PIECES, seed=8) if source == "generated" else _corpus_texts(400)
    if not texts:
        pytest.skip("corpus not available")
    rule = DegreeWithoutEquivalent()
    hits = 0
    for text in texts:
        doc = Document(text, "t.md")
        got = [(v.start, v.end) for v in rule.check(doc, None)]
        assert got == _pl605_plain(Document(text, "t.md")), text
        hits += bool(got)
    assert hits > 0


SENTENCE_PIECES = ["5+ years", "yr", "YEARS", "Year", "x", " ", ".", ". ", "..", ".x", ";", "!", "?", "\n", "\r\n",
                   "\t", "experience", "a", "  ", "e.g. ", "3 yrs", "\u00a0", ".\u00a0", "y", "r"]


@pytest.mark.parametrize("source", ["generated", "corpus"])
def test_sentences_holding_is_the_sentences_with_a_hit(source):
    import re

    from postlint.content import sentences, sentences_holding

    texts = _generated(SENTENCE_PIECES, seed=9) if source == "generated" else _corpus_texts()
    if not texts:
        pytest.skip("corpus not available")
    word = re.compile(r"y(?:ea)?r")
    kept = 0
    for text in texts:
        doc = Document(text, "t.md")
        low = lowered_body(doc)
        if low is None:
            continue
        start = doc.body_start
        expected = [s for s in sentences(doc.prose, start) if word.search(doc.prose[s[0]:s[1]].lower())]
        assert list(sentences_holding(doc.prose, start, low, word)) == expected, text
        kept += len(expected)
    assert kept > 20


class _Ctx:
    """The options of a rule, as the engine's context gives them."""

    def __init__(self, **options):
        self.options = options

    def option(self, name, default=None):
        return self.options.get(name, default)


@pytest.mark.parametrize("source", ["generated", "corpus"])
def test_pl604_fast_path_matches_the_sentence_by_sentence_path(source):
    from postlint.checks.experience_inflation import ExperienceInflation

    pieces = SENTENCE_PIECES + ["# Junior Developer\n", "# Mid-level Engineer\n", "## Preferred\n",
                                "- 3+ years of Python development\n", "- 5+ years of Python development\n",
                                "at least three years of professional work", "Nice to have:\n"]
    texts = _generated(pieces, seed=10) if source == "generated" else _corpus_texts(400)
    if not texts:
        pytest.skip("corpus not available")
    rule = ExperienceInflation()
    ctx = _Ctx(restatements=True)
    hits = 0
    for text in texts:
        fast = Document(text, "t.md")
        slow = Document(text, "t.md")
        slow._content_lower = None  # as for a body with a case-odd letter: every sentence is read
        got = [(v.start, v.end, v.message) for v in rule.check(fast, ctx)]
        assert got == [(v.start, v.end, v.message) for v in rule.check(slow, ctx)], text
        hits += len(got)
    assert hits > 0


def test_mojibake_reads_every_line_that_holds_a_trigger_character():
    from postlint.checks.mojibake import _trigger_lines
    from postlint.mojibake_trigger import TRIGGER

    pieces = ["a", " ", "\n", "\r\n", "\r", "didnâ€™t", "’", "é", "Ã©", "\x85", "\u2028", "x\n\n", "—"]
    seen = 0
    for text in _generated(pieces, seed=11):
        doc = Document(text, "t.md")
        expected = [i for i in range(doc.line_count)
                    if TRIGGER.search(text, doc.line_starts[i], doc.line_ends[i])]
        got = list(_trigger_lines(doc))
        assert set(expected) <= set(got) and got == sorted(set(got)), text
        seen += len(expected)
    assert seen > 100


def test_mojibake_ascii_early_return_is_what_the_scan_finds():
    # PL201 returns at once for an ASCII text: no TRIGGER character is ASCII, so _trigger_lines
    # finds no line there, and the rule nothing.
    from postlint.checks.mojibake import Mojibake, _trigger_lines
    from postlint.checks.base import Context
    from postlint.mojibake_trigger import TRIGGER

    assert not any(TRIGGER.search(chr(i)) for i in range(128))
    texts = ["", "a\r\nb\tc", "{% if x %}<b>`code`</b>{% endif %}\n", "no\x7fdel\n"] + _corpus_texts(300)
    ascii_seen = 0
    for text in texts:
        doc = Document(text, "t.md")
        if text.isascii():
            ascii_seen += 1
            assert list(_trigger_lines(doc)) == [] and list(Mojibake().check(doc, Context())) == []
    assert ascii_seen >= 4
    assert list(Mojibake().check(Document("x didnâ€™t\n", "t.md"), Context()))  # non-ASCII still read


RANGE_PIECES = ["$", "US$", "Uſ$", "usd", "USD ", "EUR", "€", "£", "GBP", "CAD", "120", "120,000", "150.000", "1.5",
                "90", "k", "K", "K", " ", "  ", "\n", "\t", "-", "–", "—", "to", "TO", "and", " and ", "/hr", "/ year",
                " per hour", " an hour", "an", ",", ".", "x", "salary", "٣", "12345678901234", "1,2", "e", "\r\n"]


@pytest.mark.parametrize("source", ["generated", "corpus"])
def test_range_scan_finds_what_finditer_finds(source):
    # pay._ranges tries RX.RANGE only near number starts; it must give finditer's matches.
    texts = _generated(RANGE_PIECES, n=6000) if source == "generated" else _corpus_texts(2000)
    if not texts:
        pytest.skip("corpus not available")
    texts += ["", "1", "$1-2", "1-2", "x1-2", "1.1-2", ",5 to 6", "USD 90K to 110K", "$50/hr - $65/hr",
              "\ufeff$120k–$150k", "between $1 and $2 and $3 and $4", "12-13-14-15-16"]
    found = 0
    for text in texts:
        expected = [_span(m) for m in pay.RX.RANGE.finditer(text)]
        assert [_span(m) for m in pay._ranges(text)] == expected, text
        found += len(expected)
    assert found > 50


FEDERAL_PIECES = ["USAJOBS", "usajobs", "UsaJobs", "federal", "Federal", "FEDERAL", "fédéral", "GS-14", "gs 9", "GS",
                  "gs", "things", "GS Level 12", "grade 7", "Gſ-12", "İ", "ı", "K", "$", "£", "USD", "120", "90k",
                  "1,000", "EUR", " ", "\n", "`GS-13`", "<!-- federal -->", "{{ usajobs }}", "x", "-", ".", "\t"]


def _plain_is_federal(doc):
    from postlint.frontmatter import mapping_of

    fm = mapping_of(doc)
    if fm is not None:
        if any(fm.data.get(k) not in (None, "") for k in pay.FEDERAL_KEYS):
            return True
        series = fm.data.get("series")
        if series is not None and pay.RX.OPM_SERIES.fullmatch(str(series).strip()):
            return True
    prose = doc.prose
    usajobs = pay.RX.USAJOBS.search(prose) is not None
    if pay.RX.GS_GRADE.search(prose) and (usajobs or pay.RX.FEDERAL.search(prose)):
        return True
    return usajobs and pay.RX.FEDERAL.search(prose) is not None


@pytest.mark.parametrize("source", ["generated", "corpus"])
def test_federal_and_single_prechecks_answer_as_the_scans(source):
    if source == "generated":
        bodies = _generated(FEDERAL_PIECES, n=4000)
        texts = [("---\ntitle: GS-12 federal\n---\n" if i % 3 == 0 else "\ufeff" if i % 3 == 1 else "") + b
                 for i, b in enumerate(bodies)]
        texts += ["", "GS-1", "x GS-1", "xGS-1", "USAJOBS federal", "$1", "1$", "1 USD", "US$ 5k", "1.000,00 €"]
    else:
        texts = _corpus_texts(2000)
        if not texts:
            pytest.skip("corpus not available")
    counts = [0, 0, 0]
    for text in texts:
        doc = Document.from_text(text, "job.md")
        federal, gs = _plain_is_federal(doc), pay.RX.GS_GRADE.search(doc.prose) is not None
        single = pay.RX.SINGLE.search(doc.text) is not None
        assert pay.is_federal(doc) == federal, text
        assert pay._gs_grade_in_prose(doc) == gs, text
        assert pay.has_single_figure(doc) == single, text
        counts = [counts[0] + federal, counts[1] + gs, counts[2] + single]
    assert all(counts) or source == "corpus" and counts[2]


def test_currency_first_characters_cover_every_code_point():
    # pay._ranges and has_single_figure try a match before a number only where the character is
    # in _CUR_FIRST: it must hold every character that starts a currency of _CUR, in IGNORECASE
    # terms (RX.RANGE) and as written (RX.SINGLE).
    import re
    import sys

    firsts = "".join(re.escape(alt.replace("\\", "")[0]) for alt in pay._CUR[3:-1].split("|"))
    starts = re.compile(f"[{firsts}]", re.IGNORECASE)
    found = {chr(c) for c in range(sys.maxunicode + 1) if starts.fullmatch(chr(c))}
    assert found <= pay._CUR_FIRST and "$" in found and "€" in found
    assert not any(ch.isdigit() for ch in pay._CUR_FIRST)


def test_gs_start_is_the_word_boundary_scan():
    # _GS_START ("gs" not after a word character) must find what \bgs finds, after any character.
    import re
    import sys

    plain = re.compile(r"\bgs")
    for c in range(sys.maxunicode + 1):
        ch = chr(c)
        for text in (ch + "gs", "x " + ch + "gs 12", ch + "g" + ch + "s"):
            assert _span(pay._GS_START.search(text)) == _span(plain.search(text)), repr(text)
    for text in ["", "gs", "things gs", "thingsgs", "_gs", "9gs", "-gs", "ggs", "gsgs gs"] + _corpus_texts(500):
        low = text.lower()
        assert _span(pay._GS_START.search(low)) == _span(plain.search(low))


@pytest.mark.parametrize("source", ["generated", "corpus"])
def test_range_and_single_scans_near_currencies(source):
    # Currencies glued to letters, digits and punctuation right before a number: the positions
    # _ranges and has_single_figure now skip.
    pieces = ["$", "US$", "USD", "usd", "EUR", "eur", "€", "£", "GBP", "CAD", "cad", "U", "E", "G", "C", "S", "D",
              "1", "12", "120,000", "5", "k", " ", "-", " to ", "x", ".", ",", "(", "a", "/hr"]
    texts = _generated(pieces, n=6000, seed=15) if source == "generated" else _corpus_texts(2000)
    if not texts:
        pytest.skip("corpus not available")
    found = 0
    for text in texts:
        expected = [_span(m) for m in pay.RX.RANGE.finditer(text)]
        assert [_span(m) for m in pay._ranges(text)] == expected, text
        doc = Document.from_text(text, "job.md")
        assert pay.has_single_figure(doc) == (pay.RX.SINGLE.search(doc.text) is not None), text
        found += len(expected)
    assert found > 50


def test_number_start_is_the_lookbehind_first_scan():
    # _NUMBER_START puts its look-behind after the digit (a scan then skips to digits): it must
    # find what the look-behind-first form finds, after and before any character.
    import re
    import sys

    plain = re.compile(r"(?<![\d.,])\d")
    for c in range(sys.maxunicode + 1):
        ch = chr(c)
        for text in (ch + "1", "1" + ch + "2", ch + ch + "٣x", ch):
            assert [m.span() for m in pay._NUMBER_START.finditer(text)] == [m.span() for m in plain.finditer(text)], \
                repr(text)
    texts = _generated(RANGE_PIECES, n=3000, seed=16) + _corpus_texts(2000) + ["", "1", ".1", ",1", "1.1,1", "٣٣"]
    for text in texts:
        assert [m.span() for m in pay._NUMBER_START.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_route_on_lowered_body_reads_every_code_point_as_ignorecase_does():
    # PL605's RX.ROUTE_LOW runs case-sensitively on content.lowered_body where RX.ROUTE runs with
    # IGNORECASE on the prose. For every code point a lowered body can hold (not _CASE_ODD), each
    # literal and each class of the pattern must accept the character (IGNORECASE) exactly when it
    # accepts its lower-case form (case-sensitive); \b and the look-behind read \w the same way.
    import re
    import sys

    from postlint.checks.degree_without_equivalent import RX
    from postlint.content import _CASE_ODD

    source = RX.ROUTE.pattern
    literals = sorted(set(re.sub(r"\\[a-z]|\[[^]]*\]|\(\?[:<!=]*|[(){}|?+*,0-9]", "", source)) | {"'", "’", "-", "+"})
    assert "e" in literals and "’" in literals and all(ch == ch.lower() for ch in literals)
    classes = [r"\w", r"\s", r"[\w-]", r"[\w+-]", r"[\s-]", r"['’]"]
    assert all(c in source for c in classes)
    any_literal = re.compile("[" + re.escape("".join(literals)) + "]", re.IGNORECASE)
    folded = [(re.compile(c, re.IGNORECASE), re.compile(c)) for c in classes]
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        if ch in _CASE_ODD:
            continue
        low = ch.lower()
        assert len(low) == 1, repr(ch)
        if any_literal.fullmatch(ch):
            assert low in literals and re.fullmatch(re.escape(low), ch, re.IGNORECASE), repr(ch)
        else:
            assert low not in literals, repr(ch)
        for ic, cs in folded:
            assert (ic.fullmatch(ch) is None) == (cs.fullmatch(low) is None), (ic.pattern, repr(ch))


ROUTE_PIECES = ["or", "OR", "Or", " ", "  ", "\n", "\t", "equivalent", "EQUIVALENT", "experience", "Experience", "in",
                "lieu", "of", "equal", "commensurate", "self", "-", "taught", "bootcamp", "no", "degree", "is", "not",
                "required", "require", "a", "don", "'", "’", "t", "do", "care", "need", "regardless", "education",
                "background", "years", "year", "5", "+", "x", "_", "é", "K", "k", "(", ".", "color", "for"]


@pytest.mark.parametrize("source", ["generated", "corpus"])
def test_route_on_lowered_body_finds_what_route_finds(source):
    from postlint.checks.degree_without_equivalent import RX

    if source == "generated":
        bodies = _generated(ROUTE_PIECES, n=8000, seed=17)
        texts = [("---\ntitle: or experience\n---\n" if i % 3 == 0 else "\ufeff" if i % 3 == 1 else "") + b
                 for i, b in enumerate(bodies)]
        texts += ["", "or experience", "xor experience", "_or experience", "éor experience", "or\nequal", "Self-Taught"]
    else:
        texts = _corpus_texts(2000)
        if not texts:
            pytest.skip("corpus not available")
    found = checked = 0
    for text in texts:
        doc = Document.from_text(text, "job.md")
        low = lowered_body(doc)
        if low is None:
            continue
        expected = RX.ROUTE.search(doc.prose, doc.body_start) is not None
        assert (RX.ROUTE_LOW.search(low) is not None) == expected, text
        found += expected
        checked += 1
    assert found > 50 and checked > found


@pytest.mark.parametrize("source", ["generated", "corpus"])
def test_last_stop_is_the_last_stop_finditer_yields(source):
    # content.sentences_holding finds a hit's sentence start with _LAST_STOP.match instead of a
    # loop over _STOP.finditer of the gap: the same end, for any gap (and any code point after '.').
    import sys

    from postlint.content import _LAST_STOP, _STOP

    def plain(text, a, b):
        end = None
        for stop in _STOP.finditer(text, a, b):
            end = stop.end()
        return end

    texts = _generated(SENTENCE_PIECES, n=4000, seed=18) if source == "generated" else _corpus_texts(2000)
    if not texts:
        pytest.skip("corpus not available")
    if source == "generated":
        texts += ["a." + chr(c) + "b" for c in range(0, sys.maxunicode + 1, 7)] + ["", ".", "x.", ".x", "\r\n"]
    rng = random.Random(18)
    for text in texts:
        n = len(text)
        for a, b in [(0, n)] + [tuple(sorted((rng.randint(0, n), rng.randint(0, n)))) for _ in range(4)]:
            last = _LAST_STOP.match(text, a, b)
            assert (None if last is None else last.end()) == plain(text, a, b), (text, a, b)

