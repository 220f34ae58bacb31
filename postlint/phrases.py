"""The phrase matcher behind the ``existence`` and ``substitution`` engines.

A rule file lists its words either at the top level (``tokens`` for existence,
``swap`` for substitution) or as ``entries``, each with its own context::

    entries:
      - swap: {insure: ensure, insures: ensures}
        after: '\\s+(?:that|we|a\\s+high|quality)\\b'   # must follow the hit
      - match: [young]
        not_after: '[\\s,]+(?:and\\s+)?(?:company|startup|children)\\b'
        exceptions: [young children]
      - pattern: 'up\\s+to\\s+\\d+\\s+years?\\s+of\\s+experience'
        suggest: ['at least N years of experience']

Per entry: ``match`` (phrases), ``swap`` (phrase -> replacement or list) or
``pattern`` (a Python regex, case-insensitive when the rule is); ``before`` /
``after`` regexes that must match the prose just before / after the hit (80
characters of window), ``not_before`` / ``not_after`` that must not;
``exceptions`` (phrases inside which the hit is not reported); ``message`` and
``suggest`` to override the rule's; ``unsafe: true`` to make the fix unsafe.

``skip_names: true`` at the top level makes a hit that is capitalised in the
middle of a sentence count as a name ("Rockstar" the energy drink, "Neil Young",
"Recent Graduates" the programme) and be skipped.

All phrases of a rule go into one alternation regex, which stays cheap because
these lists are short (tens of phrases); lookups of the hit go through a dict.
"""

from __future__ import annotations

import bisect
import functools
import re

from postlint.diagnostics import Fix, Violation
from postlint.words import phrase_words, words

WINDOW = 80
_LAZY = ("pattern", "holds", "before", "after", "not_before", "not_after", "exceptions")


def match_case(source: str, replacement: str) -> str:
    """Give ``replacement`` the case of ``source``: UPPER, Title Case word by word, Capitalised, lower."""
    letters = [c for c in source if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    src_words, rep_words = source.split(), replacement.split()
    if len(src_words) > 1 and len(src_words) == len(rep_words) and all(w[:1].isupper() for w in src_words):
        return " ".join(r[:1].upper() + r[1:] for r in rep_words)
    if letters and letters[0].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _phrase_pattern(phrase: str) -> str:
    return r"\s+".join(re.escape(p) for p in phrase.split())


def compile_phrases(phrases, ignore_case: bool = True) -> re.Pattern | None:
    # Longest first (an alternation takes the first branch that matches), then alphabetical: the
    # same source at every run whatever the string hash seed, so the start-up cache's entry for
    # it is found again (two phrases of one length never match the same text: same matches).
    phrases = sorted({p for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
    if not phrases:
        return None
    body = "|".join(_phrase_pattern(p) for p in phrases)
    return re.compile(rf"(?<![\w/])(?:{body})(?![\w/])", re.IGNORECASE if ignore_case else 0)


def normalise(found: str, ignore_case: bool) -> str:
    key = " ".join(found.split())
    return key.lower() if ignore_case else key


class Entry:
    """One entry of a rule file. Its regexes (``pattern``, the context patterns and
    ``exceptions``) compile on first use: most entries never see a hit in a run, and
    compiling them all cost ~40 ms at every start. ``compile_patterns()`` compiles
    them all at once (tests/test_redos.py uses it to time every one)."""

    def __init__(self, raw: dict, rule_message: str, ignore_case: bool, unsafe_keys: set):
        self.flags = re.IGNORECASE if ignore_case else 0
        self.replacements: dict = {}
        for k, v in (raw.get("swap") or {}).items():
            self.replacements[normalise(k, ignore_case)] = v if isinstance(v, list) else [v]
        self.phrases = [normalise(p, ignore_case) for p in raw.get("match") or []] + list(self.replacements)
        self.raw = raw
        self.has_pattern = bool(raw.get("pattern"))
        # Words a pattern's match starts with, so it runs only where one occurs.
        self.starts_with = [w.lower() for w in raw.get("starts_with") or []]
        self.simple_starts = all(_simple(w) for w in self.starts_with)
        self.anchored = bool(raw.get("anchored")) and bool(self.starts_with)
        # holds: {word, pattern}: every match holds a match of `pattern` that begins at the whole
        # word `word`, so the entry runs only in a posting where `pattern` matches at one of the
        # word's offsets (a few anchored tries instead of a scan of the posting).
        holds = raw.get("holds") or {}
        self.holds_word = str(holds.get("word", "")).lower() if holds else ""
        self.holds_source = holds.get("pattern") if holds else None
        self.message = raw.get("message") or rule_message
        self.suggest = list(raw.get("suggest") or [])
        self.unsafe = bool(raw.get("unsafe", False))
        self.unsafe_keys = unsafe_keys
        self.has_context = any(raw.get(k) for k in ("before", "after", "not_before", "not_after"))

    def _context(self, key: str, template: str):
        source = self.raw.get(key)
        return re.compile(template.format(source), self.flags) if source else None

    @functools.cached_property
    def pattern(self):
        return re.compile(self.raw["pattern"], self.flags) if self.has_pattern else None

    @functools.cached_property
    def holds(self):
        return re.compile(self.holds_source, self.flags) if self.holds_source else None

    def absent(self, prose: str, view) -> bool:
        """No match of the entry's pattern can be in ``prose``: its ``holds`` pattern matches at
        no offset of its word (``view`` exact, the word simple)."""
        match = self.holds.match
        return not any(match(prose, pos) for pos in view.offsets(self.holds_word))

    @functools.cached_property
    def before(self):
        return self._context("before", "(?:{})$")

    @functools.cached_property
    def after(self):
        return self._context("after", "(?:{})")

    @functools.cached_property
    def not_before(self):
        return self._context("not_before", "(?:{})$")

    @functools.cached_property
    def not_after(self):
        return self._context("not_after", "(?:{})")

    @functools.cached_property
    def exceptions(self):
        return compile_phrases(self.raw.get("exceptions") or [], True)

    def compile_patterns(self) -> None:
        """Compile every lazy regex now (they stay in the instance's ``__dict__``)."""
        for name in _LAZY:
            getattr(self, name)

    def context_ok(self, prose: str, start: int, end: int) -> bool:
        if not self.has_context:
            return True
        if self.before or self.not_before:
            left = prose[max(0, start - WINDOW):start]
            if self.before and not self.before.search(left):
                return False
            if self.not_before and self.not_before.search(left):
                return False
        if self.after or self.not_after:
            right = prose[end:end + WINDOW]
            if self.after and not self.after.match(right):
                return False
            if self.not_after and self.not_after.match(right):
                return False
        return True


class PhraseMatcher:
    """All entries of one rule file, compiled once."""

    def __init__(self, spec: dict):
        self.ignore_case = spec.get("ignore_case", True)
        message = spec.get("message", "")
        unsafe_keys = {normalise(u, self.ignore_case) for u in spec.get("unsafe", [])}
        raw_entries = list(spec.get("entries") or [])
        if spec.get("tokens"):
            raw_entries.append({"match": spec["tokens"]})
        if spec.get("swap"):
            raw_entries.append({"swap": spec["swap"]})
        self.entries = [Entry(r, message, self.ignore_case, unsafe_keys) for r in raw_entries]
        self.by_phrase: dict = {}
        for entry in self.entries:
            for p in entry.phrases:
                self.by_phrase.setdefault(p, entry)
        self.has_phrases = any(p.strip() for p in self.by_phrase)
        # First-word index: the alternation runs anchored at the offsets where a
        # phrase's first word occurs, not at every character of the posting.
        self.first_words: dict = {}
        # Each phrase's words and first word, for the shared word view (postlint/words.py):
        # a phrase is tried only in a posting that holds all of its words.
        self._needs: list | None = []
        for phrase in self.by_phrase:
            m = _WORD.search(phrase)
            if m is None:
                self.first_words = None  # a phrase with no word in it: scan everything
                break
            first = m.group().lower()
            self.first_words.setdefault(first, set()).add(m.start())
            needs = phrase_words(phrase)
            if self._needs is not None and needs is not None and _simple(first) and first in needs:
                self._needs.append((needs, first, m.start()))
            else:
                self._needs = None  # a word the view cannot see exactly: the word index
        # The same needs by first word: a posting holds few of a rule's first words, so _starts
        # reads only the phrases of those (a C set intersection) instead of every phrase's needs.
        self._by_first: dict = {}
        for needs, first, off in self._needs or ():
            self._by_first.setdefault(first, []).append((needs, off))
        self._first_set = frozenset(self._by_first)
        self.patterns = [e for e in self.entries if e.has_pattern]
        self.exceptions = compile_phrases(spec.get("exceptions", []), True)
        self.skip_names = bool(spec.get("skip_names", False))

    def _starts(self, doc) -> list[int]:
        """Offsets where a phrase may start: where the first word of a phrase stands whose
        words all occur in the posting. A phrase with a word the posting lacks cannot
        match anywhere, so leaving out its first word's offsets changes no hit."""
        view = words(doc)
        if view.exact and self._needs is not None:
            vocab = view.vocab
            by_first = self._by_first
            firsts = {(first, off) for first in self._first_set.intersection(vocab)
                      for needs, off in by_first[first] if needs <= vocab}
            return sorted({pos - off for first, off in firsts for pos in view.offsets(first) if pos >= off})
        index = word_index(doc)
        return sorted({pos - off for word, offs in self.first_words.items()
                       for pos in index.get(word, ()) for off in offs if pos >= off})

    @functools.cached_property
    def phrases(self):
        """The alternation of every phrase, compiled when a posting first has a candidate
        (~1 ms a rule at start-up; many postings hold no first word of a rule's phrases)."""
        return compile_phrases(self.by_phrase, self.ignore_case)

    def compile_patterns(self) -> None:
        """Compile the lazy alternation now (tests/test_redos.py times it)."""
        self.phrases

    def hits(self, doc):
        """(start, end, entry) for every candidate hit, before context checks."""
        prose = doc.prose
        if self.has_phrases:
            if self.first_words is None:
                matches = self.phrases.finditer(prose)
            else:
                starts = self._starts(doc)
                alternation = self.phrases if starts else None
                matches = filter(None, (alternation.match(prose, pos) for pos in starts))
            for m in matches:
                entry = self.by_phrase.get(normalise(m.group(), self.ignore_case))
                if entry is not None:
                    yield m.start(), m.end(), entry
        for entry in self.patterns:
            matches = None
            if entry.starts_with:
                view = words(doc)
                if view.exact and entry.simple_starts:
                    if view.vocab.isdisjoint(entry.starts_with):
                        continue
                    if entry.holds_source and _simple(entry.holds_word) and entry.absent(prose, view):
                        continue
                    if entry.anchored:
                        matches = _anchored(entry.pattern, prose, view, entry.starts_with)
                elif not any(w in word_index(doc) for w in entry.starts_with):
                    continue
            for m in matches if matches is not None else entry.pattern.finditer(prose):
                if m.end() > m.start():
                    yield m.start(), m.end(), entry


_WORD = re.compile(r"[^\W_]+")


def _anchored(pattern, prose: str, view, starts) -> list:
    """What ``pattern.finditer(prose)`` gives, for a pattern whose every match begins at one
    of the words ``starts``: tried at those words' offsets only, left to right, a match
    not overlapping the one before (as finditer goes on from the end of a match)."""
    found, end = [], 0
    for pos in sorted({pos for w in starts for pos in view.offsets(w)}):
        if pos < end:
            continue
        m = pattern.match(prose, pos)
        if m is not None and m.end() > m.start():
            found.append(m)
            end = m.end()
    return found


def _simple(word: str) -> bool:
    """A lower-case ASCII word of letters and digits: the word view sees it exactly."""
    return word.isascii() and word.isalnum() and word == word.lower()

_INDEXES: "weakref.WeakKeyDictionary" = None


def word_index(doc) -> dict:
    """Lower-cased word -> offsets in ``doc.prose``, built once per document for all rules."""
    global _INDEXES
    if _INDEXES is None:
        import weakref

        _INDEXES = weakref.WeakKeyDictionary()
    index = _INDEXES.get(doc)
    if index is None:
        index = {}
        for m in _WORD.finditer(doc.prose):
            index.setdefault(m.group().lower(), []).append(m.start())
        _INDEXES[doc] = index
    return index


_SENTENCE_END = set(".!?:;\"“”()[]*#>|+-•–—")


def sentence_start(prose: str, start: int, line_start: int) -> bool:
    i = start - 1
    while i >= line_start and prose[i] in " \t_*‘'\"“":
        i -= 1
    if i < line_start:
        return True
    return prose[i] in _SENTENCE_END or prose[i].isdigit()


def looks_like_name(doc, prose: str, start: int, found: str) -> bool:
    """A hit capitalised in the middle of a sentence is taken for a name."""
    if not found[:1].isupper() or found.isupper():
        return False
    starts = doc.line_starts
    line_start = starts[bisect.bisect_right(starts, start) - 1]
    return not sentence_start(prose, start, line_start)


def _inside(spans, start, end) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def check_phrases(rule, doc, ctx):
    matcher = rule.matcher()
    prose = doc.prose
    excluded = None
    entry_excluded: dict = {}
    seen = set()
    for start, end, entry in sorted(matcher.hits(doc), key=lambda h: (h[0], -h[1])):
        if any(s <= start < e for s, e in seen):
            continue  # overlapping hit from another entry (longest first wins)
        found = doc.text[start:end]
        if matcher.skip_names and looks_like_name(doc, prose, start, found):
            continue
        if not entry.context_ok(prose, start, end):
            continue
        if matcher.exceptions is not None:
            if excluded is None:
                excluded = [m.span() for m in matcher.exceptions.finditer(prose)]
            if _inside(excluded, start, end):
                continue
        if entry.exceptions is not None:
            spans = entry_excluded.get(id(entry))
            if spans is None:
                spans = entry_excluded[id(entry)] = [m.span() for m in entry.exceptions.finditer(prose)]
            if _inside(spans, start, end):
                continue
        key = " ".join(found.split())
        if entry.replacements and _already(doc.text, start, found, entry.replacements.get(normalise(key, matcher.ignore_case))):
            continue
        seen.add((start, end))
        yield _violation(rule, entry, start, end, key, matcher.ignore_case)


def _already(text: str, start: int, found: str, options) -> bool:
    """The hit is already part of its replacement ("WidgetPro" for widgetpro, "Acme Cloud"
    for cloud): reporting it again would loop --fix."""
    for option in options or ():
        for candidate in {option, match_case(found, option)}:
            i = candidate.lower().find(found.lower())
            if i >= 0 and text[start - i:start - i + len(candidate)] == candidate and start - i >= 0:
                return True
    return False


def _violation(rule, entry, start, end, key, ignore_case):
    options = entry.replacements.get(normalise(key, ignore_case)) if entry.replacements else None
    if options is None:
        shown = "' or '".join(entry.suggest)
        return Violation(start, end, entry.message.format(match=key, replacement=shown),
                         suggestions=tuple(entry.suggest))
    options = [match_case(key, o) for o in options]
    fix = None
    if len(options) == 1:
        safe = not entry.unsafe and normalise(key, ignore_case) not in entry.unsafe_keys
        fix = Fix.replace(start, end, options[0], safe=safe, message=f"Replace with '{options[0]}'")
    shown = "' or '".join(options)
    return Violation(start, end, entry.message.format(match=key, replacement=shown),
                     fix=fix, suggestions=tuple(options))


_REGEX_KEYS = ("pattern", "before", "after", "not_before", "not_after")


def regex_problems(spec) -> list[str]:
    """Regexes in a rule file that do not compile, and phrases listed twice."""
    problems = []
    if not isinstance(spec, dict):
        return problems
    seen: dict = {}
    ignore_case = spec.get("ignore_case", True)
    for i, entry in enumerate(spec.get("entries") or []):
        if not isinstance(entry, dict):
            continue
        for key in _REGEX_KEYS:
            if isinstance(entry.get(key), str):
                try:
                    re.compile(entry[key])
                except re.error as exc:
                    problems.append(f"entries/{i}/{key}: invalid regular expression: {exc}")
        holds = entry.get("holds")
        if isinstance(holds, dict) and isinstance(holds.get("pattern"), str):
            try:
                re.compile(holds["pattern"])
            except re.error as exc:
                problems.append(f"entries/{i}/holds/pattern: invalid regular expression: {exc}")
        phrases = list(entry.get("match") or []) + list((entry.get("swap") or {}).keys())
        for p in phrases:
            k = normalise(str(p), ignore_case)
            if k in seen:
                problems.append(f"entries/{i}: phrase {p!r} is already listed in entries/{seen[k]}")
            seen[k] = i
    return problems
