"""Pay transparency: where a posting is, when it was posted, and whether it gives a pay range.

Used by PL606 missing-pay-range. The laws live in rules/data/pay-transparency.yaml (one
entry per jurisdiction, with effective date and citation); this module only reads text:

* location: the front-matter location keys first, else the body ("City, ST" anywhere;
  state names and bare city names only after a location cue such as "Location:",
  "based in", "our office is in"). The body is read from ``doc.prose``, so code,
  HTML, URLs and Liquid/ERB never match.
* date: the front-matter date keys, else the Jekyll file-name date, else None (the
  rule then judges the posting as of today).
* range: a minimum and a maximum ("$120,000 - $150,000", "$120k-$150k", "between $X
  and $Y", "USD 90K to 110K", "$50/hr - $65/hr", "salary: 100000-120000", or
  salary_min + salary_max in front matter). One figure or "competitive" is not a range.
* federal: a US federal job (GS grade or OPM series in front matter; USAJOBS or a GS grade
  with "federal" in the body) is not under state or District law; PL606 skips it.
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import cached_property, lru_cache

from postlint._record import FrozenRecord
from postlint.content import lowered_body
from postlint.dates import filename_date, parse_date
from postlint.frontmatter import mapping_of
from postlint.lazyre import LazyPatterns
from postlint.resources import data_dir
from postlint.startup_cache import load_yaml

LOCATION_KEYS = ("location", "locations", "job_location", "job-location", "joblocation", "city",
                 "state", "region", "office", "place")
DATE_KEYS = ("post-date", "post_date", "postdate", "date", "posted", "posted-date", "date-posted",
             "datePosted", "published", "created", "timestamp")
MIN_KEYS = ("salary_min", "salary-min", "min_salary", "salaryMin", "pay_min", "min-salary")
# A published pay scale the site renders from one key (US federal GS grade) counts as a range.
SCALE_KEYS = ("gs", "gs-grade", "gs_grade", "grade", "pay-grade", "pay_grade", "pay-plan", "salary-range",
              "salary_range")
MAX_KEYS = ("salary_max", "salary-max", "max_salary", "salaryMax", "pay_max", "max-salary")


# pay's regexes, each compiled on its first use (postlint.lazyre): compiling them at import
# cost ~4.5 ms of every start (_RANGE alone 2-10 ms), and most postings never reach most of
# them (no covered place: no range search). tests/test_redos.py reaches them through
# MissingPayRange.patterns.
RX = LazyPatterns()

RX.define("CUE", r"(?:\blocation\s*:\s*|\bbased\s+(?:in|out\s+of)\s+|\blocated\s+in\s+(?:the\s+)?"
                  r"|\boffices?\s+(?:is\s+|are\s+)?(?:located\s+)?in\s+)", re.IGNORECASE)
# Not "headquartered in": the company's seat is often not where the job is (corpus: pythonjobs).
# Every RX.CUE match holds one of these, lower-cased: a posting with none of them (most) skips the
# RX.CUE scan, which IGNORECASE makes ~6x dearer than lower() and `in` (content.lowered_body).
_CUE_WORD = re.compile(r"locat|based|offic")  # case-sensitive, on the lowered body: a cheap scan


_CUE_WORDS = ("locat", "based", "offic")  # _CUE_WORD's alternatives


def _cue_word_starts(low: str) -> list[int]:
    """``[m.start() for m in _CUE_WORD.finditer(low)]`` by str.find (C, memchr-fast) instead of
    the alternation tried at every character (~6 vs ~23 us a corpus body). No two of the words
    overlap (no suffix of one is a prefix of one), so finditer's matches are every occurrence
    of each, merged in order. tests/test_rule_pretests.py compares them."""
    found = []
    for word in _CUE_WORDS:
        at = low.find(word)
        while at >= 0:
            found.append(at)
            at = low.find(word, at + 5)
    found.sort()
    return found


def _cues(body: str, low: str | None):
    """``RX.CUE.finditer(body)``, trying the IGNORECASE pattern only where a cue word starts.

    ``low`` is content.lowered_body (same offsets as ``body``), or None: then the plain scan.
    A match starts at a cue word; one that starts inside the last match is skipped, as
    finditer's matches do not overlap.
    """
    if low is None:
        yield from RX.CUE.finditer(body)
        return
    end = 0
    for at in _cue_word_starts(low):
        if at < end:
            continue
        m = RX.CUE.match(body, at)
        if m is not None:
            end = m.end()
            yield m


class Jurisdiction(FrozenRecord):
    """One law. Its patterns are kept as sources and compiled on first use (cached_property
    writes the instance's __dict__, which a frozen record allows): compiling all 13 laws'
    patterns cost ~3 ms of every start, and a posting that names no 'City, ST' and no law's
    place word needs none of them (see _best; tests/test_content_speed.py compares them with
    the patterns compiled at once). A hand-written frozen record (postlint._record), not a
    dataclass, to spare the class build at every start.

    anywhere_source matches in any location text; cued_source only in front matter or after
    a location cue. hint_source is what every `anywhere` match ends with (', CO', or 'NYC'):
    a scan for it is ~40x cheaper than one for `anywhere`, which then only runs on the lines
    around a hint (see _first). cued_words are the first word of each name and city, as
    written: every `cued` match starts with one (the pattern is their literal alternation,
    case-sensitive), so a text holding none of them cannot match `cued`.
    """

    _fields = ("id", "name", "effective", "citation", "checked", "anywhere_source", "cued_source", "hint_source",
               "cued_words", "hint_words")

    def __init__(self, id: str, name: str, effective: _dt.date, citation: str, checked: str,  # noqa: A002
                 anywhere_source: str, cued_source: str | None, hint_source: str | None = None,
                 cued_words: tuple[str, ...] = (), hint_words: tuple[str, ...] = ()):
        set_ = object.__setattr__
        set_(self, "id", id)
        set_(self, "name", name)
        set_(self, "effective", effective)
        set_(self, "citation", citation)
        set_(self, "checked", checked)
        set_(self, "anywhere_source", anywhere_source)
        set_(self, "cued_source", cued_source)
        set_(self, "hint_source", hint_source)
        set_(self, "cued_words", cued_words)
        set_(self, "hint_words", hint_words)
        # every hint word a two-capital code or 'New York City': _present_hints reads them all
        set_(self, "hint_codes", all(w == "New York City" or (len(w) == 2 and w.isascii() and w.isupper())
                                     for w in hint_words))

    @cached_property
    def anywhere(self) -> re.Pattern:
        return re.compile(self.anywhere_source)

    @cached_property
    def cued(self) -> re.Pattern | None:
        return re.compile(self.cued_source) if self.cued_source is not None else None

    @cached_property
    def hint(self) -> re.Pattern | None:
        return re.compile(self.hint_source) if self.hint_source is not None else None

    def compile_patterns(self) -> None:
        """Compile every pattern now (tests/test_redos.py times them all)."""
        self.anywhere, self.cued, self.hint  # noqa: B018


class Place(FrozenRecord):
    """A covered place named in a posting (a hand-written frozen record, as Jurisdiction)."""

    __slots__ = ("jurisdiction", "text", "start", "end")
    _fields = __slots__

    def __init__(self, jurisdiction: Jurisdiction, text: str, start: int, end: int):
        set_ = object.__setattr__
        set_(self, "jurisdiction", jurisdiction)
        set_(self, "text", text)
        set_(self, "start", start)
        set_(self, "end", end)


def _words(items):
    return "|".join(re.escape(x).replace("\\ ", r"[ \t]+") for x in sorted(items, key=len, reverse=True))


@lru_cache(maxsize=None)
def load_laws(path=None) -> tuple[Jurisdiction, ...]:
    file = path or (data_dir("rules") / "data" / "pay-transparency.yaml")
    # The C loader: the same data as safe_load, 13 ms -> 1.4 ms at every start; kept between
    # runs by postlint/startup_cache.py (1.4 ms -> ~0.1 ms).
    data = load_yaml(open(file, encoding="utf-8").read())
    laws = []
    for entry in data["jurisdictions"]:
        any_parts = []
        hints = []  # the part of each any_parts entry every match contains
        hint_words = []  # and a literal every match of each hint holds (case-sensitive, as the hint)
        cities = entry.get("cities") or []
        abbrev = entry.get("abbrev") or ""
        if cities and abbrev:
            any_parts.append(rf"(?:{_words(cities)}),\s?{abbrev}")
        if abbrev:
            any_parts.append(rf"(?<![\w.])[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){{0,2}},[ \t]?{abbrev}")
            hints.append(rf",\s?{abbrev}")
            hint_words.append(abbrev if abbrev.isalpha() else None)
        names = entry.get("names") or []
        if entry["id"] == "NYC":  # unambiguous city forms may stand anywhere
            any_parts.insert(0, rf"(?:{_words(names)}),[ \t]?NY|New York City|NYC")
            hints.append(r",[ \t]?NY|New York City|NYC")
            hint_words += ["NY", "New York City"]  # NYC holds NY
        cued_parts = [p for p in (_words(names), _words(cities)) if p]
        lookahead = r"(?!,?\s?D\.?\s?C\b)" if entry["id"] == "WA" else ""
        anywhere = rf"(?<![\w-])(?:{'|'.join(any_parts)})(?![\w-])" if any_parts else r"(?!x)x"
        cued = rf"(?<![\w-])(?:{'|'.join(cued_parts)}){lookahead}(?![\w-])" if cued_parts else None
        cued_words = tuple(sorted({item.split(" ", 1)[0] for item in [*names, *cities]}))
        eff = entry["effective"]
        eff = eff if isinstance(eff, _dt.date) else _dt.date.fromisoformat(str(eff))
        laws.append(Jurisdiction(entry["id"], entry["name"], eff, entry["citation"], entry["checked"],
                                 anywhere, cued, "|".join(hints) if hints else None, cued_words,
                                 () if None in hint_words else tuple(hint_words)))
    return tuple(laws)


class _LawPatterns:
    """The shipped laws' patterns, for tests/test_redos.py only: it calls a holder's
    compile_patterns() and times the patterns it then finds among its attributes. Reached
    through MissingPayRange.law_patterns; nothing is loaded or compiled until then."""

    def compile_patterns(self) -> None:
        for law in load_laws():
            law.compile_patterns()
            for kind in ("anywhere", "cued", "hint"):
                setattr(self, f"{law.id}_{kind}", getattr(law, kind))


LAW_PATTERNS = _LawPatterns()


_ANY_HINT: dict[int, tuple] = {}  # id(laws) -> (laws, pattern); not lru_cache: hashing 13 laws a call


def _any_hint(laws) -> re.Pattern:
    """One scan for every law's hint: most postings name no 'City, ST' at all."""
    cached = _ANY_HINT.get(id(laws))
    if cached is None or cached[0] is not laws:
        parts = [law.hint_source for law in laws if law.hint_source is not None]
        cached = _ANY_HINT[id(laws)] = (laws, re.compile("|".join(parts)) if parts else re.compile(r"(?!x)x"))
    return cached[1]


# The two capital letters after each comma (and one optional space), as every `,\s?XX` hint needs:
# one scan (a literal comma first: the regex engine skips to commas) instead of a `str in` a law.
# At a comma a `,\s?XX` hint matches exactly when this scan reads XX there (a match of it holds no
# other comma, so no comma is skipped; with a space after the comma, XX must follow the space).
_COMMA_CODE = re.compile(r",\s?([A-Z]{2})")


def _present_hints(text: str) -> frozenset:
    """Hint words (Jurisdiction.hint_words) that may match in ``text``: the codes after commas, and
    NY for 'NYC', 'New York City' for itself (the NYC hint)."""
    found = set(_COMMA_CODE.findall(text))
    if "NYC" in text:
        found.add("NY")
    if "New York City" in text:
        found.add("New York City")
    return frozenset(found)


def _first(law: Jurisdiction, text: str, present: frozenset | None = None):
    """``law.anywhere.search(text)``, searched only on the lines around a hint.

    An `anywhere` match never holds a line break except in its hint (',\nCO'), and it ends
    with a hint, so it lies inside [start of the hint's first line, end of its last line].
    Windows are merged when they share a line, searched in order, and the first match is
    the leftmost one. The lookbehind sees the text before the window; at the window's end
    the lookahead sees the end where the text has a line break: both are not [\\w-].
    ``present``: _present_hints(text), when the caller has it (its codes are exact for the
    two-capital abbreviations, see _COMMA_CODE).
    """
    if law.hint_source is None:
        return None
    # Every hint match holds one of hint_words: a text with none (most, for most of the 13 laws)
    # skips the hint scan (str `in`, C, instead of a regex tried at every comma).
    if law.hint_words:
        if present is not None and law.hint_codes:
            if present.isdisjoint(law.hint_words):
                return None
        elif not any(w in text for w in law.hint_words):
            return None
    window = None
    for h in law.hint.finditer(text):
        a = text.rfind("\n", 0, h.start()) + 1
        b = text.find("\n", h.end())
        b = len(text) if b < 0 else b
        if window is not None and a <= window[1]:
            window = (window[0], max(window[1], b))
            continue
        if window is not None:
            m = law.anywhere.search(text, *window)
            if m is not None:
                return m
        window = (a, b)
    return law.anywhere.search(text, *window) if window is not None else None


_ANY_CUED_WORD: dict[int, tuple] = {}  # id(laws) -> (laws, pattern), as _ANY_HINT


def _any_cued_word(laws) -> re.Pattern:
    """The literal alternation of every law's cued_words: its search is None exactly when no
    law's ``any(w in text for w in law.cued_words)`` is true (a search finds an alternative
    wherever one stands as a substring; no flags, as `in`). One C scan of a location value or
    cue window instead of a Python `in` for each of the ~100 words of the 13 laws (53,000
    generator steps on the corpus). tests/test_rule_pretests.py compares them."""
    cached = _ANY_CUED_WORD.get(id(laws))
    if cached is None or cached[0] is not laws:
        words = sorted({w for law in laws if law.cued_source is not None for w in law.cued_words})
        pattern = re.compile("|".join(map(re.escape, words))) if words else re.compile(r"(?!x)x")
        cached = _ANY_CUED_WORD[id(laws)] = (laws, pattern)
    return cached[1]


_HINT_CODES: dict[int, tuple] = {}  # id(laws) -> (laws, words or None), as _ANY_HINT


def _hint_codes(laws) -> frozenset | None:
    """Every law's hint words, when each law with a hint has hint_codes (two-capital codes and
    'New York City', which _present_hints reads exactly; all 13 shipped laws): then some law's
    hint matches a text exactly when _present_hints(text) holds one of them (a `,\\s?XX` hint
    matches at a comma where _COMMA_CODE reads XX; NYC's 'NYC' and 'New York City' are looked
    for as they are). None when a law has a hint the codes do not describe."""
    cached = _HINT_CODES.get(id(laws))
    if cached is None or cached[0] is not laws:
        hinted = [law for law in laws if law.hint_source is not None]
        exact = all(law.hint_words and law.hint_codes for law in hinted)
        words = frozenset(w for law in hinted for w in law.hint_words) if exact else None
        cached = _HINT_CODES[id(laws)] = (laws, words)
    return cached[1]


_CUED_CALLS = [0]


def _cued_scan_pays() -> bool:
    """Whether to use _any_cued_word: its compile (~0.5 ms) costs more than the `in` loops of a
    one-posting run (the start-up example has one location value), so the first 32 cued texts
    of a process take the loops; either way the answer is the same."""
    if _CUED_CALLS[0] >= 32:
        return True
    _CUED_CALLS[0] += 1
    return False


def _best(text: str, offset: int, laws, cued: bool) -> Place | None:
    best = None
    codes = _hint_codes(laws)
    if codes is not None:
        # The comma scan (a literal first: the engine skips to commas) instead of the hint
        # alternation tried at every character: ~10 vs ~23 us a corpus body; _first needs it anyway.
        present = _present_hints(text)
        hinted = not present.isdisjoint(codes)
    else:
        hinted = _any_hint(laws).search(text) is not None  # else no law's `anywhere` can match
        present = _present_hints(text) if hinted else None
    if cued and _cued_scan_pays() and _any_cued_word(laws).search(text) is None:
        cued = False  # no law's cued_words in the text: no `cued` match (see below)
    if not cued and not hinted:
        return None
    for law in laws:
        for kind in ("anywhere", "cued") if cued else ("anywhere",):
            if kind == "anywhere":
                m = _first(law, text, present) if hinted else None
            elif law.cued_source is None or not any(w in text for w in law.cued_words):
                m = None  # Jurisdiction.cued_words: no cued match possible
            else:
                m = law.cued.search(text)
            if m is None:
                continue
            cand = Place(law, m.group(0), offset + m.start(), offset + m.end())
            if best is None or (cand.start, -(cand.end - cand.start)) < (best.start, -(best.end - best.start)):
                best = cand
    return best


def find_location(doc, laws, keys=LOCATION_KEYS) -> Place | None:
    """The first covered place named in the location keys, else in the body."""
    fm = mapping_of(doc)
    if fm is not None:
        known = False
        # Top-level keys, else one level down (techcorridor keeps them under `position:`).
        parents = [()] + [(k,) for k, v in fm.data.items() if isinstance(v, dict)]
        candidates = [(parent, key) for parent in parents for key in keys
                      if key in (fm.data[parent[0]] if parent else fm.data)]
        for parent, key in candidates:
            value = fm.data[parent[0]][key] if parent else fm.data[key]
            base = parent + (key,)
            paths = [base + (i,) for i in range(len(value))] if isinstance(value, list) else [base]
            for path in paths:
                loc = fm.location(path)
                if loc is None:
                    continue
                raw = doc.text[loc.value_start:loc.value_end]
                if "{{" in raw or "{%" in raw or "<%" in raw:
                    continue  # templating: the place is not known here
                known = True
                place = _best(raw, loc.value_start, laws, cued=True)
                if place is not None:
                    return place
            if known:
                return None  # a location is given and it is not covered: trust it over the body
    prose = doc.prose
    start = doc.body_start
    body = prose[start:]
    found = [p for p in (_best(body, start, laws, cued=False),) if p]
    for m in _cues(body, lowered_body(doc)):
        end = body.find("\n", m.end())
        window = body[m.end(): m.end() + 60 if end < 0 else min(end, m.end() + 60)]
        place = _best(window, start + m.end(), laws, cued=True)
        if place is not None:
            found.append(place)
            break
    return min(found, key=lambda p: p.start) if found else None


def _latest_reading(value) -> _dt.date | None:
    """The date, or for an ambiguous one ('5-2-2013': May 2 or Feb 5) its latest reading.

    The latest reading is the one a law is most likely to cover, so a posting is quiet
    only when every reading predates the law.
    """
    parsed = parse_date(value)
    if parsed is not None or not isinstance(value, str):
        return parsed
    from postlint.schema import date_candidates

    found = date_candidates(value.strip())
    return max(_dt.date.fromisoformat(x) for x in found) if found else None


def posting_date(doc, keys=DATE_KEYS) -> _dt.date | None:
    fm = mapping_of(doc)
    if fm is not None:
        for key in keys:
            if key in fm.data:
                parsed = _latest_reading(fm.data[key])
                if parsed is not None:
                    return parsed
    return filename_date(doc.path)


_NUM = r"\d{1,3}(?:[,.]\d{3})+(?:\.\d{2})?|\d+(?:\.\d+)?"
_CUR = r"(?:US\$|\$|USD|€|£|EUR|GBP|CAD)"
_UNIT = r"(?:\s?/\s?(?:hr|hour|h|yr|year|annum)\b|\s?per\s+(?:hour|year|annum)\b|\s?an\s+hour\b)"
_AMOUNT = rf"(?:{_CUR}\s?)?(?>{_NUM})\s?(?:[kK]\b)?(?:\s?{_CUR})?{_UNIT}?"
# A number never starts inside another number and is matched atomically: without both, a long
# run of digits is retried from every position (quadratic, found by tests/test_redos.py).
RX.define("RANGE", rf"(?<![\d.,])(?P<a>{_AMOUNT})\s*(?:-|–|—|to|and)\s*(?P<b>{_AMOUNT})", re.IGNORECASE)
RX.define("PAY_WORD", r"(?:salary|salaries|pay|compensation|wage|rate|base|range|between|ote)\W{0,3}(?:\w+\W{1,3}){0,4}$",
                       re.IGNORECASE)
# A template that renders the range ({% include job/salary_range.html min=... %}).
RX.define("SALARY_INCLUDE", r"\{%-?\s*include\s+[^%]*(?:salary|pay)[^%]*%\}", re.IGNORECASE)
# A US federal General Schedule grade ("GS-14") names a published minimum-maximum scale.
RX.define("GS_GRADE", r"\bGS(?:-|\s)?(?:Level\s+|grade\s+)?1?\d\b", re.IGNORECASE)
RX.define("SINGLE", rf"{_CUR}\s?(?>{_NUM})\s?[kK]?\b|(?<![\d.,])(?>{_NUM})\s?[kK]?\s?{_CUR}")


def _is_money(m, text) -> bool:
    a, b = m.group("a"), m.group("b")
    marked = re.search(_CUR, a + b) or (re.search(r"\d\s?[kK]\b", a) and re.search(r"\d\s?[kK]\b", b))
    marked = marked or re.search(_UNIT, a + b, re.IGNORECASE)
    if not marked and not RX.PAY_WORD.search(text[max(0, m.start() - 40): m.start()]):
        return False
    lo, hi = _value(a), _value(b)
    return lo is not None and hi is not None and 0 < lo < hi


def _value(amount: str):
    m = re.search(_NUM, amount)
    if not m:
        return None
    digits = m.group(0)
    if re.fullmatch(r"\d{1,3}(?:[,.]\d{3})+(?:\.\d{2})?", digits):
        digits = re.sub(r"[,.](?=\d{3})", "", digits)
    try:
        value = float(digits.replace(",", ""))
    except ValueError:
        return None
    return value * 1000 if re.search(r"\d\s?[kK]\b", amount) else value


# Where a number starts: RX.RANGE's first amount is (currency, at most 3 characters)(one optional
# space)(a number that no digit, '.' or ',' precedes), so every match starts 0-4 characters before
# one of these. A case-sensitive scan for them is ~4x cheaper than RX.RANGE's IGNORECASE scan.
# The digit first, the look-behind after it: a pattern that starts with a look-behind is tried at
# every position (~40 ns a character); one that starts with \d skips to digits (~11 ns): 92 -> 26 us a
# small posting, scanned twice by PL606 (has_range, has_single_figure). Same positions: tested.
_NUMBER_START = re.compile(r"\d(?<![\d.,]\d)")
# The characters an RX.RANGE or RX.SINGLE match can start with, other than a digit: the first
# character of each _CUR, in either case (IGNORECASE matches no other character to them;
# tests/test_content_speed.py checks every code point). A digit before a number start is
# either preceded by a digit, '.' or ',' (no match starts there) or a number start itself,
# already tried.
_CUR_FIRST = frozenset("$€£UuEeGgCc")


def _ranges(text: str):
    """``RX.RANGE.finditer(text)``, trying the pattern only 0-4 characters before a number start.

    finditer tries every position left to right and resumes at the end of each match; every
    position it could match at is tried here in the same order (the others cannot match), so
    the matches are the same (tests/test_content_speed.py::test_range_scan_finds_what_finditer_finds).
    """
    match = RX.RANGE.match
    resume = 0
    for number in _NUMBER_START.finditer(text):
        at = number.start()
        # Before the number a match can start only at a currency's first character (_CUR_FIRST):
        # the pattern is tried there and at the number, not at the 4 positions before it (most
        # numbers follow a space or a bracket): ~4x fewer match calls, the same first match.
        m = None
        for pos in range(max(at - 4, resume), at):
            if text[pos] in _CUR_FIRST:
                m = match(text, pos)
                if m is not None:
                    break
        if m is None and at >= resume:
            m = match(text, at)
        if m is not None:
            resume = m.end()  # never empty: it holds two numbers
            yield m
        else:
            resume = max(resume, at + 1)


def has_range(doc) -> bool:
    fm = mapping_of(doc)
    if fm is not None:
        if any(k in fm.data for k in MIN_KEYS) and any(k in fm.data for k in MAX_KEYS):
            return True
        if any(fm.data.get(k) not in (None, "") for k in SCALE_KEYS):
            return True
    text = doc.text
    if RX.SALARY_INCLUDE.search(text) or _gs_grade_in_prose(doc):
        return True
    return any(_is_money(m, text) for m in _ranges(text))


# A US federal job: state and District pay-transparency laws do not bind federal agencies (the
# District's says so: D.C. Code 32-1451(2) excludes the federal government). Front matter with a
# GS grade key or an OPM occupational series code ("series: '2210'", 18F), or a body that names
# USAJOBS or a GS grade together with "federal" / USAJOBS. Not "federal" alone: contractors
# write "work with federal agencies", and they are bound.
FEDERAL_KEYS = ("gs", "gs_level", "gs-level", "gs_grade", "gs-grade")
RX.define("OPM_SERIES", r"(?:[A-Z]{2}-)?\d{4}")
RX.define("USAJOBS", r"\bUSAJOBS\b", re.IGNORECASE)
RX.define("FEDERAL", r"\bfederal\b", re.IGNORECASE)


def is_federal(doc) -> bool:
    fm = mapping_of(doc)
    if fm is not None:
        if any(fm.data.get(k) not in (None, "") for k in FEDERAL_KEYS):
            return True
        series = fm.data.get("series")
        if series is not None and RX.OPM_SERIES.fullmatch(str(series).strip()):
            return True
    usajobs = _in_prose(doc, RX.USAJOBS, "usajobs")
    if _gs_grade_in_prose(doc) and (usajobs or _in_prose(doc, RX.FEDERAL, "federal")):
        return True
    return usajobs and _in_prose(doc, RX.FEDERAL, "federal")


# The IGNORECASE scans of doc.prose for USAJOBS, 'federal' and a GS grade were ~80 us a posting
# each. Every match of them holds its word lower-cased in content.lowered_body (the prose from the
# body start; before it the prose is blank), so where the word is absent the scan is skipped; where
# lowered_body is None (a character IGNORECASE and lower() disagree on) the scan always runs.
# tests/test_content_speed.py::test_federal_and_single_prechecks_answer_as_the_scans compares.
# Where a GS_GRADE match starts, in the lowered body: \bgs written as "gs" not after a word
# character, so the scan looks for the literal "gs" (a \b first is tried at every position:
# ~20x dearer).
_GS_START = re.compile(r"gs(?<!\wgs)")


def _in_prose(doc, pattern: re.Pattern, word: str) -> bool:
    """``pattern.search(doc.prose) is not None`` for a pattern whose matches hold ``word``."""
    low = lowered_body(doc)
    if low is not None and word not in low:
        return False
    return pattern.search(doc.prose) is not None


def _gs_grade_in_prose(doc) -> bool:
    """``RX.GS_GRADE.search(doc.prose) is not None`` ('gs' alone is in 'things': a \\b scan)."""
    low = lowered_body(doc)
    if low is not None and _GS_START.search(low) is None:
        return False
    return RX.GS_GRADE.search(doc.prose) is not None


def has_single_figure(doc) -> bool:
    """``RX.SINGLE.search(doc.text) is not None``, trying RX.SINGLE only 0-4 characters before a
    number start: a match is a currency (at most 3 characters) and a space before a number, or
    starts at the number (as RX.RANGE's, see _ranges)."""
    text = doc.text
    match = RX.SINGLE.match
    tried = 0
    for number in _NUMBER_START.finditer(text):
        at = number.start()
        for pos in range(max(at - 4, tried), at):
            # Before the number only a currency can start a match (see _ranges and _CUR_FIRST).
            if text[pos] in _CUR_FIRST and match(text, pos) is not None:
                return True
        if match(text, at) is not None:
            return True
        tried = at + 1
    return False
