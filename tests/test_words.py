"""The shared word view (postlint/words.py) and the fast paths built on it.

Each fast path must give exactly what the slower path it skips gives: the view is
checked against the regex word index it replaces, and each rule against its old
path, on the rule cases, the seeds, hand-made edge cases and a slice of the corpus.
"""

from __future__ import annotations

import collections
import functools
import re
import sys
from pathlib import Path

import pytest
import yaml

from postlint import phrases, spelling
from postlint.checks.base import Context
from postlint.document import Document
from postlint.registry import load_registry
from postlint.wordlist import SortedTable
from postlint.words import EXOTIC, Words, phrase_words, words

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"

EDGE = [
    "",
    "word",
    "Naïve café—test_case 2.0 x² ok’d “quoted” why? (s)he his/her he or she",
    "Zürich Straße ΟΔΟΣ'Α résumé 10x engineer ½ ٣abc abc٣ ①two",
    "NUL\x00here then more then",
    "İstanbul in in KELVIN \u212aelvin ſhe he/ſhe ıdle",
    "surrogate \udc80word word\udc80 competetive competetive",
    "the the, The the; nous nous; café café; aéb aéb; Go go",
    "Insure that we insure a high quality. principle engineer. apart of the team",
    "\u200bsome s\u200bome collegue Collegue COLLEGUE",
    "Tools: Ruby on Rails, PostgreSQL, Sidekiq, Globolize, Capybara, Kubernetis and Dockerr\n",
]


def _texts(corpus: int = 120) -> list[str]:
    texts = list(EDGE)
    for file in sorted((ROOT / "tests" / "cases").glob("*.yaml")):
        texts += [c["input"] for c in yaml.safe_load(file.read_text(encoding="utf-8"))["cases"]]
    texts += [p.read_text(encoding="utf-8", errors="surrogateescape") for p in sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.md"))]
    if CORPUS.is_dir():
        files = sorted(p for p in CORPUS.rglob("*.md") if p.is_file())
        texts += [p.read_text(encoding="utf-8", errors="surrogateescape") for p in files[::max(1, len(files) // corpus)]]
    return texts


def _docs(texts):
    return [Document.from_text(t) for t in texts]


@functools.lru_cache(maxsize=1)
def _scan():
    """One pass over every code point: (characters lower() misreads, {ascii letter: the
    characters IGNORECASE matches it with})."""
    ascii_letter = re.compile("[a-z]", re.IGNORECASE)
    bad, matched = set(), {}
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        low = ch.lower()
        if code >= 128 and (len(low) != 1 or low.isalnum() != ch.isalnum()):
            bad.add(ch)
        if ascii_letter.fullmatch(ch):
            for letter in "abcdefghijklmnopqrstuvwxyz":
                if re.fullmatch(letter, ch, re.IGNORECASE):
                    matched.setdefault(letter, set()).add(ch)
                    if code >= 128 and low != letter:
                        bad.add(ch)
    return bad, matched


def test_exotic_lists_every_character_the_view_would_misread():
    """Outside EXOTIC, lower() keeps each character one character, of the same kind (letter or
    digit, or not), and a case-insensitive match reaches an ASCII letter only from a character
    whose lower case is that letter. Checked over every code point."""
    bad, _ = _scan()
    assert bad <= set(EXOTIC), [hex(ord(c)) for c in bad - set(EXOTIC)]


def test_view_holds_exactly_the_ascii_words_of_the_word_index():
    checked = 0
    for doc in _docs(_texts()):
        view = words(doc)
        index = phrases.word_index(doc)
        if not view.exact:
            continue
        checked += 1
        ascii_index = {w for w in index if w.isascii()}
        assert {w for w in view.vocab if "?" not in w} == ascii_index
        for word in ascii_index:
            assert view.offsets(word) == index[word], word
        assert view.offsets("notaword") == []
        assert len(view.spaced) == len(doc.prose) + 2
    assert checked > 100


def test_exotic_characters_and_nul_make_the_view_inexact():
    for text in ("İstanbul", "\u212a", "ſ", "ı", "a\x00b"):
        assert not Words(text).exact
    assert Words("café “ok” ½").exact


def test_phrase_words():
    assert phrase_words("(s)he") == {"s", "he"}
    assert phrase_words("Bachelors' Degree") == {"bachelors", "degree"}
    assert phrase_words("ſhe") is None
    assert phrase_words("--") is None


def _phrase_rules():
    return [r for r in load_registry().rules if hasattr(r, "matcher") and r.engine != "dictionary"]


def test_phrase_rules_find_what_the_word_index_finds():
    docs = _docs(_texts() + [r.docs.example for r in _phrase_rules()])  # views are per document: shared
    for rule in _phrase_rules():
        matcher = rule.matcher()
        assert matcher._needs is not None, rule.code  # every shipped rule takes the fast path
        fast = [[(v.start, v.end, v.message) for v in rule.check(d, Context())] for d in docs]
        saved = matcher._needs
        matcher._needs = None
        try:
            slow = [[(v.start, v.end, v.message) for v in rule.check(d, Context())] for d in docs]
        finally:
            matcher._needs = saved
        assert fast == slow, rule.code
        assert any(fast), rule.code


def test_pattern_gate_reads_the_view_like_the_index():
    for rule in _phrase_rules():
        for entry in rule.matcher().patterns:
            if entry.starts_with:
                assert entry.simple_starts, rule.code


def _by_code(code):
    return next(r for r in load_registry().rules if r.code == code)


def test_spelling_gate_skips_only_postings_without_a_hit(monkeypatch):
    rule = _by_code("PL401")
    texts = _texts()
    fast = [[(v.start, v.end, v.message) for v in rule.check(d, Context())] for d in _docs(texts)]
    monkeypatch.setattr(spelling, "_may_hit", lambda *a: True)
    slow = [[(v.start, v.end, v.message) for v in rule.check(d, Context())] for d in _docs(texts)]
    assert fast == slow
    assert sum(map(bool, fast)) >= 3


def test_spelling_case_gate_skips_only_postings_without_a_hit(monkeypatch):
    """_may_report (no full check when every occurrence of a table word is written as a name
    or acronym) changes no finding: every corpus posting and the table's words written every
    way the check tells apart (lower, Title at and off a sentence start, short and long
    capitals in mixed and shouted text, CamelCase, glued to a dot, a digit or a hyphen)."""
    rule = _by_code("PL401")
    words_ = ["teh", "recieve", "numbrs", "regon", "responsibilites", "continous", "develper", "cmo"]
    forms = ["{w}", "{t}", "{u}", "{c}"]
    texts = []
    for w in words_:
        t, u, c = w.title(), w.upper(), w[:2] + w[2:].title()
        for form in forms:
            x = form.format(w=w, t=t, u=u, c=c)
            texts += [f"We are hiring a team that will {x} things for you and our customers in the office.\n",
                      f"{x} is what we do. We are a team of people and you will work with us on the product.\n",
                      f"- {x} work with the team\n- and the rest of our people for you\n",
                      f"WE ARE HIRING A TEAM THAT WILL {x} THINGS FOR YOU AND OUR CUSTOMERS.\n",
                      f"Visit {x}.com or {x}2 or {x}-{x} or {x}'s team and you will see what we are to the world.\n",
                      f"The team: {x}! And {x}? Yes, {x}; we are a team for you.\n"]
    if CORPUS.is_dir():
        texts += [p.read_text(encoding="utf-8", errors="surrogateescape") for p in sorted(CORPUS.rglob("*.md"))]
    fast = [[(v.start, v.end, v.message) for v in rule.check(d, Context())] for d in _docs(texts)]
    monkeypatch.setattr(spelling, "_may_report", lambda *a: True)
    slow = [[(v.start, v.end, v.message) for v in rule.check(d, Context())] for d in _docs(texts)]
    assert fast == slow
    assert sum(map(bool, fast)) >= 40


def test_spelling_gate_sees_a_non_ascii_key():
    """'сontain' with a Cyrillic с is a key of the table: the posting holding it is checked."""
    rule = _by_code("PL401")
    found = [v.message for v in rule.check(Document.from_text("We сontain multitudes of sentences here.\n"), Context())]
    assert found == ["Misspelling 'сontain': write 'contain'"]


def test_tool_names_rule_finds_what_the_word_index_finds(monkeypatch):
    from postlint.checks import misspelt_tool_name

    rule = _by_code("PL405")
    texts = _texts()
    fast = [[(v.start, v.end, v.message) for v in rule.check(d, Context())] for d in _docs(texts)]
    monkeypatch.setattr(misspelt_tool_name, "_all_simple", lambda: False)
    slow = [[(v.start, v.end, v.message) for v in rule.check(d, Context())] for d in _docs(texts)]
    assert fast == slow
    assert any(fast)


# ------------------------------------------------------------------ the table
TABLE = ROOT / "rules" / "data" / "typos-words.csv"


def test_shipped_table_is_sorted_unique_with_comments_only_on_top():
    lines = TABLE.read_text(encoding="utf-8").split("\n")
    body = [line for line in lines if line]
    head = 0
    while body[head].startswith("#"):
        head += 1
    rows = body[head:]
    assert not any(r.startswith("#") for r in rows)
    assert rows == sorted(rows)
    keys = [r.split(",", 1)[0] for r in rows]
    assert len(keys) == len(set(keys))
    assert all("," in r and r.split(",", 1)[1] for r in rows)


def _split_get(lines, word):
    import bisect

    key = word + ","
    i = bisect.bisect_left(lines, key)
    return lines[i][len(key):] if i < len(lines) and lines[i].startswith(key) else None


@pytest.mark.parametrize("step", [SortedTable.STEP, 64, 1])
def test_table_lookup_answers_like_bisecting_the_split_lines(step, monkeypatch):
    monkeypatch.setattr(SortedTable, "STEP", step)
    table = SortedTable(TABLE.read_bytes())
    lines = table.lines
    keys = [line.split(",", 1)[0] for line in lines]
    assert keys == sorted(keys)  # keys sort as the lines do
    probes = keys[::97] + [k + "q" for k in keys[::211]] + [k[:-1] for k in keys[::199]]
    probes += [keys[0], keys[-1], "", "a", "zzzzzz", "é", "сontain", "0", "~", "ab,c", keys[0][:-1]]
    probes += [table._keys[i].decode() for i in range(0, len(table._keys), 7)]
    assert [table.get(w) for w in probes] == [_split_get(lines, w) for w in probes]
    assert sum(table.get(w) is not None for w in probes) > 900


def test_small_table():
    table = SortedTable(b"# head\nabc,x\nabd,y\n")
    assert [table.get(w) for w in ("abc", "abd", "abe", "ab", "abcd", "#", " head")] == ["x", "y", None, None, None, None, None]
    assert table.lines == ["abc,x", "abd,y"]
    assert len(table) == 2


def test_table_non_ascii_holds_every_non_ascii_character_of_the_keys():
    table = SortedTable(TABLE.read_bytes())
    chars = {ch for line in table.lines for ch in line.split(",", 1)[0] if not ch.isascii()}
    assert chars and chars <= table.non_ascii


@pytest.mark.parametrize("data", [b"", b"# only a comment", b"a,b", b"a,b\n\n", b"a,b\nzz", b"a"])
def test_table_edge_files(data):
    table = SortedTable(data)
    assert table.get("zz") is None
    assert table.get("a") == ("b" if data.startswith(b"a,b") else None)
    assert table.get("") is None


def test_repeated_word_gate_skips_only_postings_without_a_double(monkeypatch):
    from postlint.checks import repeated_word

    rule = _by_code("PL403")
    texts = _texts() + ["the\n\nthe", "the,\nthe", "the \r\nthe", "the\r\rthe", "café\tCafé", "nous nous"]
    fast = [[(v.start, v.end, v.message) for v in rule.check(d, Context())] for d in _docs(texts)]
    monkeypatch.setattr(repeated_word, "_may_repeat", lambda *a: True)
    slow = [[(v.start, v.end, v.message) for v in rule.check(d, Context())] for d in _docs(texts)]
    assert fast == slow
    assert sum(map(bool, fast)) >= 3


CEILINGS = [
    "up to 5 years of experience; Up To 3 years experience. setup to 5 years experience",
    "Maximum of 3 years experience, max. 2 years' experience, at most 4 years of relevant work experience",
    "3-5 years experience max, 10 – 12 years of experience at most, 2-4 years of experience or less",
    "a3-5 years experience max _3-5 years experience max x 3-5 years experience max 3-5 years experience max",
    "not more than 7 years experience no more than 7 years experience up to up to 2 years experience",
]


# PL506's and PL505's anchored patterns, at and off a word boundary, in every case.
ANCHORED = [
    "Native English speaker; native-level German speakers; Native  Spanish speaker. nonnative speaker",
    "English as a first language, german as your native language, French mother tongue, xenglish as a first language",
    "_native speaker, native-speaker, native level speakers, a native French speakers native speaker",
    "Work hard, play hard! WORK HARD AND PLAY HARDER; we work hard we play hard. homework hard, play hardware",
    "play hard; Play  Hard. work\nhard - play hard _play hard, replay hard, work hard play hard",
]


def test_anchored_patterns_find_what_a_scan_finds():
    texts = _texts() + CEILINGS + ANCHORED
    anchored = 0
    found = collections.Counter()
    for rule in _phrase_rules():
        for entry in rule.matcher().patterns:
            if not entry.anchored:
                continue
            anchored += 1
            for doc in _docs(texts):
                view = words(doc)
                if view.exact:
                    got = [m.span() for m in phrases._anchored(entry.pattern, doc.prose, view, entry.starts_with)]
                    assert got == [m.span() for m in entry.pattern.finditer(doc.prose) if m.end() > m.start()]
                    found[rule.code] += len(got)
    assert anchored
    assert all(found[code] >= 4 for code in ("PL503", "PL505", "PL506")), found


HOLDS = CEILINGS + [
    "3-5 years experience  MAXIMUM; 2 - 4 years of experience\nat most. 1-2 years experience or\tless, experiences max",
    "3-5 years experience maximal, 3-5 years experience max_ 3-5 years experience_max, 4-6 years experience Max.",
    "experience max without years; 2-3 years inexperience max; 2-3 years experience maxi; 7-9 years of x y z experience max",
]


def test_holds_pretest_skips_only_postings_without_a_match():
    texts = _texts() + HOLDS + [t.upper() for t in HOLDS] + [t.title() for t in HOLDS]
    docs = _docs(texts)
    checked = found = 0
    for rule in _phrase_rules():
        matcher = rule.matcher()
        for entry in matcher.patterns:
            if not entry.holds_source:
                continue
            checked += 1
            fast = [sorted((s, e) for s, e, _ in matcher.hits(d)) for d in docs]
            saved, entry.holds_source = entry.holds_source, None
            try:
                slow = [sorted((s, e) for s, e, _ in matcher.hits(d)) for d in docs]
            finally:
                entry.holds_source = saved
            assert fast == slow, rule.code
            found += sum(len(entry.pattern.findall(d.prose)) for d in docs)
    assert checked and found >= 10


def test_ceiling_pattern_with_a_digit_first_matches_like_the_word_boundary_one():
    """rules/age-coded.yaml writes \\b\\d+ as \\d(?<!\\w\\d)\\d* so the regex engine can skip to digits."""
    rule = _by_code("PL503")
    entry = next(e for e in rule.matcher().patterns if e.raw["pattern"].startswith("\\d(?<!\\w\\d)\\d*"))
    original = re.compile("\\b\\d+" + entry.raw["pattern"][len("\\d(?<!\\w\\d)\\d*"):], entry.flags)
    found = 0
    for text in _texts() + CEILINGS:
        got = [m.span() for m in entry.pattern.finditer(text)]
        assert got == [m.span() for m in original.finditer(text)]
        found += len(got)
    assert found >= 4


# ------------------------------------------------------------------ the prose view
@pytest.mark.parametrize("part", ["", "abc", "a\nb", "\n\n", "a\r\nb\r\n", "\r\n", "a\rb\nc", "\r", "é\u2028x\n\t ", "x\r\r\n"])
def test_blank_keeps_line_breaks_only(part):
    from postlint import prose

    assert prose._blank(part) == prose._NOT_NEWLINE.sub(" ", part)


def test_url_trigger_classes_are_what_ignorecase_matched():
    from postlint import prose

    old = re.compile(r"://|www\.|mailto:", re.I)
    new = prose._LINE_TRIGGERS[prose._URL]
    _, matched = _scan()
    for letter, chars in (("w", "wW"), ("m", "mM"), ("a", "aA"), ("i", "iI\u0130\u0131"), ("l", "lL"), ("t", "tT"), ("o", "oO")):
        assert matched[letter] == set(chars)
    # The three literal-first triggers (prose.py) mark the same lines as the plain alternation,
    # overlapping and repeated openers too.
    hostile = ["see WWW.x.org or wWw.y and MAİLTO:me maılto:x mailto: http://a https:// ftp:/",
               "wwww.x wwwww.. mmailto:: mailto://x :// ::/// w:// m:// ww.w. mailtomailto: www", ":", "w", "m", ".", "",
               "x\r\nwww.a\r\n://\n", "é://ü WWW.ÉÉ mAiLtO:é \udc80://", "a\nwww.\nb\nmailto:\n\n://"]

    def lines(text, offsets):
        return sorted({text.count("\n", 0, at) for at in offsets})

    for text in [*hostile, *_texts()]:
        assert lines(text, prose._trigger_offsets(new, text)) == lines(text, [m.start() for m in old.finditer(text)])
        for pattern, triggers in prose._LINE_TRIGGERS.items():
            assert prose._trigger_offsets(triggers, text) == sorted(prose._trigger_offsets(triggers, text))


def _prose_hostile_texts(n: int = 3000) -> list[str]:
    import random

    rng = random.Random(17)
    parts = ["http", "https", "HTTPS", "ftp", "file", "FİLE", "ſ", "://", ":/", "www", "WwW", ".", "..", "mailto", "MAİLTO",
             "maılto", ":", "@", "-", "_", "com", "co", "uk", "io", "x", "ab", "é", "ü1", "9", "/", "//", ")", "(", "[", "]",
             "<", ">", "'", '"', "`", " ", "  ", "\t", "\n", "\r\n", "\r", "\u2028", "\udc80", "\u00a0", "+", "?q=1", "#",
             "a.com", "x.co.uk", "https://", "www.", "mailto:", "b.io/", "A.COM"]
    return ["".join(rng.choice(parts) for _ in range(rng.randrange(1, 40))) for _ in range(n)]


def test_url_and_domain_tried_at_their_possible_starts_match_like_the_line_scan():
    """prose._matched_at (the pattern tried only where a match can start, from its trigger)
    against prose._line_scoped (the pattern run over every line holding a trigger)."""
    from postlint import prose

    texts = _prose_hostile_texts() + [prose.mask_prose(d) for d in _docs(_texts())] + _texts(40)
    texts += ["a.b.com.c.org x@y.com @z.io ..a.com -a.com a.com/x)b.org", "x" * 50 + ".com" + ".io" * 30,
              "https://a.com http://b https://c.com/(x) www.d.com mailto:e@f.io ftp://g FILE://h",
              "@" + "x.com-" * 2000, "a" + "-a" * 1000 + "..b.com" + "-b.com" * 1000, "www." * 1000 + "\nwww.x.com"]
    hits = 0
    for text in texts:
        for pattern in (prose._URL, prose._DOMAIN):
            triggers = prose._LINE_TRIGGERS[pattern]
            fast = list(prose._matched_at(pattern, prose._STARTS[pattern](triggers, text), text))
            assert fast == list(prose._line_scoped(pattern, triggers, text)), (pattern.pattern[:20], text)
            hits += len(fast)
    assert hits > 3000


def test_domain_run_characters_are_isalnum_or_underscore_dot_dash():
    """_domain_starts walks back over [\\w.-] with str.isalnum(): the same test on every code point."""
    run = re.compile(r"[\w.-]")
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        assert (run.match(ch) is not None) == (ch.isalnum() or ch in "_.-"), hex(cp)


def test_possessive_repeat_matches_like_the_plain_one():
    """PL403's _REPEAT (possessive word, atomic gap) against _PLAIN_REPEAT: every code point in
    doubles of several shapes, generated texts and the corpus; spans and groups alike."""
    import random

    from postlint.checks import repeated_word

    fast, plain = repeated_word._REPEAT, re.compile(repeated_word._PLAIN_REPEAT, re.IGNORECASE)

    def same(text):
        got = [m.span() + m.groups() for m in fast.finditer(text)]
        assert got == [m.span() + m.groups() for m in plain.finditer(text)], text[:200]
        return len(got)

    hits = 0
    chars = [chr(cp) for cp in range(sys.maxunicode + 1)]
    for i in range(0, len(chars), 2000):
        hits += same("".join(f"{c} {c}|{c}x {c}X.a{c} A{c}\n{c}{c}\t{c}{c}{c} x{c}\r\n\tx{c}-{c}a \r{c}a'"
                             for c in chars[i:i + 2000]))
    rng = random.Random(403)
    parts = ["the", "The", "THE", "a", "A", "is", "İ", "i", "ı", "I", "ſ", "s", "K", "\u212a", "k", "ß", "ss", "é", "É",
             " ", "  ", "\t", "\n", "\r\n", "\r", "\n\n", "'", "’", "-", "/", ".", "@", "1", "_", ",", "x"]
    for _ in range(20000):
        hits += same("".join(rng.choice(parts) for _ in range(rng.randrange(1, 16))))
    for text in _texts():
        same(text)
    assert hits > 10000


def test_patterns_skipped_by_their_needed_text_hold_it():
    from postlint import prose

    for pattern, needed in prose._NEEDS.items():
        for text in _texts(40):
            for m in pattern.finditer(text):
                assert needed in m.group()


# ------------------------------------------------------------------ PL602's word count
_LENGTH_WORD = re.compile(r"[^\W_][\w'’-]*")  # postlint/checks/posting_length.py: _WORD


def test_length_word_pattern_is_the_rules():
    from postlint.checks import posting_length

    assert posting_length._WORD.pattern == _LENGTH_WORD.pattern


def test_length_words_classes_every_code_point_as_the_regex_does():
    """Each character is, for Words.length_words, what it is for the regex: a letter or digit
    ([^\\W_]: 'a'), another word character ([\\w'’-]: '_') or a separator (' ')."""
    from postlint import words as words_module

    alnum, joiner = re.compile(r"[^\W_]"), re.compile(r"[\w'’-]")
    chars = [chr(c) for c in range(sys.maxunicode + 1) if chr(c) not in EXOTIC + "\0\x01"]
    for i in range(0, len(chars), 16384):
        text = "".join(chars[i:i + 16384])
        view = Words(text)
        assert view.exact
        got = view._classes.translate(words_module._LENGTH).decode("ascii")
        want = "".join(["a" if alnum.match(ch) else "_" if joiner.match(ch) else " " for ch in text])
        assert got == want, i


def test_length_words_counts_the_regex_matches():
    hostile = ["", " ", "_", "'", "’", "-", "_a", "a_", "__a__", "'a'", "’x’", "-x-", "a-b c_d e'f g’h", "1 22 3x",
               "x²", "½", "٣abc abc٣ ①two", "don’t won't rock-'n'-roll", "a\r\nb\rc\nd\te", "\udc80x\udc80 \udc80",
               "élan vital — naïve", "a\x01b", "İx", "a\x00b", "漢字 かな 한국어", "—–-", "a.b,c;d:e"]
    checked = 0
    for text in hostile + _texts():
        for start in sorted({0, 1, len(text) // 2, max(0, len(text) - 1), len(text)}):
            got = Words(text).length_words(start)
            if got is None:
                assert not Words(text).exact or "\x01" in text
                continue
            checked += 1
            assert got == len(_LENGTH_WORD.findall(text, start)), (text[:60], start)
    assert checked > 500
    assert Words("a\x01b").length_words() is None and Words("İx").length_words() is None


def test_posting_length_fast_count_reports_what_the_regex_count_does(monkeypatch):
    """PL602 skips the spans when the view's count is within the limits: the same findings as
    taking the spans every time, at the default limits and at ones that make most postings
    too short or too long."""
    rule = _by_code("PL602")
    texts = _texts() + ["word " * 2500, "word " * 30, "a\x01b " * 2100, "İ " * 2100, "a-b_c’d " * 3000,
                        "x" + " " * 9000 + "y " * 3000, "z" * 9000 + " _ ’ -" * 3000 + " w" * 2100,
                        "{% if a %}" + "word " * 2100 + "{% endif %}\n" + "more " * 2100,
                        "<% if a %>" + "word " * 2100 + "<% end %>\n" + "more " * 30,
                        "{% endif %} a b {% if x %}{%- unless y %} c {% endif %} d {%- endunless -%} e f" * 700,
                        "x{% if %}y{% endif %}z{%for%}w{%endfor%}" * 900 + "{% case %}" + " v" * 2100,
                        "{% if a %}" + "word " * 3000, "{% if a %" + "word " * 3000 + "%}"]
    settings = [{}, {"min-words": 300, "max-words": 400}, {"min-words": 0, "max-words": 0}, {"max-words": 50}]

    def run():
        return [[(v.start, v.end, v.message) for v in rule.check(d, Context(options=o))] for o in settings
                for d in _docs(texts)]

    fast = run()
    monkeypatch.setattr(Words, "length_words", lambda self, start=0: None)
    slow = run()
    assert fast == slow
    assert sum(map(bool, fast)) >= 50


def test_length_span_is_the_regex_match():
    texts = ["", "a", " a b ", "word " * 3000, "a-b_c’d " * 3000, "x" * 9000 + " y" * 3000,
             " " * 9000 + "é" * 5000 + " ü" * 10, *_texts(40)]
    checked = 0
    for text in texts:
        view = Words(text)
        if view.length_words() is None:
            continue
        spans = [m.span() for m in _LENGTH_WORD.finditer(text, 3)]
        for k in sorted({0, 1, len(spans) // 3, len(spans) - 1, len(spans), len(spans) + 5}):
            want = spans[k] if 0 <= k < len(spans) else None
            assert view.length_span(3, k, _LENGTH_WORD) == want, (text[:40], k)
            checked += 1
    assert checked > 100


def test_shown_regions_hold_the_words_unconditional_keeps():
    from postlint.checks.posting_length import PostingLength

    texts = _texts() + ["{% endif %} a b {% if x %}{%- unless y %} c {% endif %} d {%- endunless -%} e f",
                        "x{% if %}y{% endif %}z{%for%}w{%endfor%}<% if a %>q<% end %>r", "{% if a %} w", "w {% endif %}"]
    with_marks = 0
    for text in texts:
        doc = Document.from_text(text)
        start = doc.body_start
        spans = [m.span() for m in _LENGTH_WORD.finditer(doc.prose, start)]
        regions = PostingLength._shown_regions(doc.text, start, len(doc.prose))
        with_marks += len(regions) > 1 or regions[0] != (start, len(doc.prose))
        inside = [s for s in spans if any(a <= s[0] and s[1] <= b for a, b in regions)]
        assert inside == PostingLength._unconditional(doc.text, start, spans)
    assert with_marks >= 5


# ------------------------------------------------------------------ the view without str.lower()
def test_classes_of_the_prose_lowered_as_bytes_are_those_of_the_lowered_prose():
    """Words encodes the prose, then lower-cases the bytes: on every code point outside
    EXOTIC and NUL, the bytes of encoding prose.lower() (what the view was built from)."""
    from postlint import words as words_module

    chars = [chr(c) for c in range(sys.maxunicode + 1) if chr(c) not in EXOTIC + "\0"]
    for i in range(0, len(chars), 16384):
        text = "".join(chars[i:i + 16384])
        view = Words(text)
        assert view.exact
        assert view._classes == text.lower().encode("ascii", words_module._ERRORS), i
    for text in _texts():
        view = Words(text)
        if view.exact:
            assert view._classes == text.lower().encode("ascii", words_module._ERRORS)
            assert view.low == text.lower()


def test_lower_from_lists_every_other_character_that_lowers_to_one():
    from postlint import words as words_module

    for code in range(sys.maxunicode + 1):
        u = chr(code)
        low = u.lower()
        if low != u and len(low) == 1:
            assert u in (low.upper(), low.title()) or u in words_module._LOWER_FROM.get(low, ""), hex(code)


def test_holds_lower_answers_like_searching_the_lowered_prose():
    table = _by_code("PL401")._compile()[2]
    sets = [table.non_ascii, {"é"}, {"k", "å", "ß", "θ", "ω"}, {"ı"}, {"с"}, set(), {"ü", "ö"}]
    texts = _texts() + ["É", "Å \u212b", "\u1e9e", "\u03f4", "\u2126", "ÜBER", "Ǆ ǅ ǆ", "СОДЕРЖАНИЕ"]
    found = 0
    for text in texts:
        view = Words(text)
        if not view.exact:
            continue
        for chars in sets:
            want = any(ch in text.lower() for ch in chars)
            assert view.holds_lower(chars) == want, (text[:40], chars)
            found += want
    assert found >= 8


def test_holds_lower_answers_like_the_character_class_it_replaces():
    """holds_lower looks for each preimage character with ``in``; it replaced a search for the
    regex class of the same characters (never matching when there are none)."""
    from postlint import words as words_module

    table = _by_code("PL401")._compile()[2]
    sets = [table.non_ascii, {"é"}, {"k", "å", "ß", "θ", "ω"}, {"ı"}, {"с"}, set(), {"ü", "ö"}, {"]", "^", "\\"}]
    texts = _texts(corpus=400) + ["É", "Å \u212b", "\u1e9e", "\u03f4", "\u2126", "ÜBER", "Ǆ ǅ ǆ", "СОДЕРЖАНИЕ",
                                  "", "\r\n\t", "\ufeffé", "a]b^c\\d", "{{ é }} <%= É %> `è`"]
    for chars in sets:
        found = words_module._lower_preimages(frozenset(chars))
        plain = re.compile("[" + "".join(re.escape(u) for u in found) + "]") if found else re.compile("(?!)")
        for text in texts:
            assert any(u in text for u in found) == (plain.search(text) is not None), (text[:40], chars)
            view = Words(text)
            if view.exact and not (text.isascii() and all(not ch.isascii() for ch in chars)):
                assert view.holds_lower(chars) == (plain.search(text) is not None), (text[:40], chars)


def test_spelling_token_matches_like_its_plain_form():
    plain = re.compile(spelling._PLAIN_TOKEN)
    hostile = ["", "a", "ab", ".a a. a.b a@b /a\\b 'a ’a a'b a’b a'b'c", "x2 2x a-1 a.1 a'1 a’1 a.b.c", "é ü ß ΟΔΟΣ", "\na\n",
               "a_b _a a_ __", "\udc80a a\udc80", "don't can’t o'clock rock'n'roll", "ab" * 500 + "2", "a." * 300,
               "e-mail me@x.org see /usr/bin and C:\\dir", "\u200bsome s\u200bome"]
    checked = 0
    for text in hostile + _texts():
        for pos in sorted({0, 1, 2, len(text) // 2}):
            want = [(m.span(), m.group(1)) for m in plain.finditer(text, pos)]
            assert [(m.span(), m.group(1)) for m in spelling._TOKEN.finditer(text, pos)] == want, (text[:40], pos)
            checked += len(want)
    assert checked > 10_000


def test_pair_ranges_skipping_absent_openers_equal_the_plain_scan():
    from postlint import prose

    hostile = ["{", "<", "{%", "{% comment", "<!-- x", "<scr", "{{ x }}", "{%- comment -%}a{%- endcomment -%}",
               "<% x %> <script>a</script> <style>b</style> {% raw %}c{% endraw %} <!--d-->", "{ % } < ! - -"]
    for text in hostile + _texts():
        assert prose._pair_ranges(text) == prose._pair_ranges(text, skip_absent=False)


def test_gender_stems_pattern_matches_like_its_plain_form():
    """PL507's stems regex starts with the stems' first letters (gender_coded_balance.py): the
    same matches as the plain alternation, case-insensitively, Unicode and edge cases too."""
    from postlint.checks import gender_coded_balance as g

    words = g.load_stems()[0]
    stems = [s for s in re.findall(r"\(\?<=(.)\)\(\?:([^()]*)\)", words.pattern)]
    assert len(stems) > 10  # the pattern has one branch a first letter
    import yaml as _yaml
    from postlint.resources import data_dir

    data = _yaml.safe_load((data_dir("rules") / "data" / "gender-coded-stems.yaml").read_text(encoding="utf-8"))
    all_stems = sorted(set(data["masculine"]) | set(data["feminine"]), key=lambda s: (-len(s), s))  # as load_stems
    plain = re.compile(g.stems_pattern(all_stems, plain=True), re.IGNORECASE)
    assert words.pattern == g.stems_pattern(all_stems)
    hostile = ["Ambitious, ASSERTIVE, self-confident, head-strong co-operative xambitious 2ambitious _lead -lead",
               "ſupport \u212aind İnter-personal leadership@x.com /lead lead/ lead\\ LEADER leaders' compassion’s",
               "Décisive ćompetitive analytical-minded warm-hearted", ""]
    found = 0
    for text in hostile + _texts():
        want = [m.span() for m in plain.finditer(text)]
        assert [m.span() for m in words.finditer(text)] == want, text[:40]
        found += len(want)
    assert found > 500


def test_the_word_view_is_built_once_per_document_and_kept_with_it():
    import gc
    import weakref

    from postlint.document import Document

    doc = Document.from_text("---\ntitle: x\n---\nWe hire a Python developer.\n")
    view = words(doc)
    assert words(doc) is view and view.prose == doc.prose
    other = Document.from_text(doc.text)  # an equal text, another document: its own view
    assert words(other) is not view and words(other).vocab == view.vocab
    dead = weakref.ref(view)
    del doc, view
    gc.collect()
    assert dead() is None  # freed with its document
