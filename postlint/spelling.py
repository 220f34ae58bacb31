"""Misspellings from a wrong -> right dictionary, tuned for postings.

A misspelling list (not a general dictionary) flags only words known to be
wrong, so product names and jargon are never flagged. What is left to get
right is which words to look up at all; measured on the corpus, the false
alarms came from names, other languages and broken tokens. Hence:

- tokens are runs of Unicode letters (``café`` stays whole, ``42nd`` is skipped),
  apostrophes inside words kept; a token glued to ``.``, ``@``, ``/`` or a digit
  (domains, paths, versions) is skipped;
- a capitalised word inside a sentence is taken for a name (``Globolize``,
  ``Numbrs``), CamelCase and short ALL-CAPS words for product names and acronyms;
- a document whose prose is not English is not checked;
- the user's own words (config ``words``, ``.postlint-words.txt``) are never flagged.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

from postlint.diagnostics import Fix, Violation
from postlint.wordlist import match_case
from postlint.words import words

# A word: letters, not glued to what comes before (\w @ / \\ . ' ’) or after. Written to start
# with its first letter and to look behind it from the second (the same test on the same
# character: (?<![...]) before a letter is (?<![...].) after it): a pattern that starts with a
# character class lets the engine skip to the next letter instead of trying the lookbehind at
# every position. Same matches as the plain form (_PLAIN_TOKEN, tests/test_words.py), ~25% less.
_PLAIN_TOKEN = r"(?<![\w@/\\.'’])([^\W\d_]+(?:['’][^\W\d_]+)?)(?![\w@/\\]|[.'’-]?\d|\.[^\W\d_])"
_TOKEN = re.compile(r"([^\W\d_](?<![\w@/\\.'’].)[^\W\d_]*(?:['’][^\W\d_]+)?)(?![\w@/\\]|[.'’-]?\d|\.[^\W\d_])")
_SENTENCE_END = set(".!?:;\"“”")
_BULLETS = set("*#>|+-•")  # a list or heading marker starts a sentence when it stands alone
_ZERO_WIDTH = set("\u200b\u200c\u200d\u2060\ufeff\u00ad")

# The most frequent English function words: if too few of a document's words
# are among these, the document is not in English and is not spell-checked.
_ENGLISH = frozenset(
    "the and to of a in for with you we our is are be on as or will your this that at an by from "
    "have has who can work team experience all it us not more".split()
)


def is_english(words) -> bool:
    """``words``: the document's tokens, as a list or as a Counter of them."""
    counts = words if isinstance(words, Counter) else Counter(words)
    total = sum(counts.values())
    if total < 20:
        return True
    hits = sum(n for w, n in counts.items() if w.lower() in _ENGLISH)
    return hits / total >= 0.12


def _sentence_start(prose: str, start: int, line_start: int) -> bool:
    i = start - 1
    while i >= line_start and prose[i] in " \t":
        i -= 1
    if i < line_start:
        return True  # first word on its line (after blanked markup)
    ch = prose[i]
    if ch in _SENTENCE_END:
        return True
    if ch in _BULLETS or ch.isdigit():
        return i == line_start or prose[i - 1] in " \t"
    return False


def _shouting(prose: str, m, starts) -> bool:
    """Is the text around the word written in capitals (shouted), not mixed case?"""
    letters = [c for c in prose[max(0, m.start() - 40):m.end() + 40] if c.isalpha()]
    return sum(c.isupper() for c in letters) >= 0.8 * len(letters)


_MISSING = object()


def _lookup(memo: dict, table, lower: str):
    right = memo.get(lower, _MISSING)
    if right is _MISSING:
        right = table.get(lower)
        if len(memo) < 500_000:
            memo[lower] = right
    return right


def _may_hit(rule, doc, table, memo, min_len: int, allowed) -> bool:
    """Whether any word of the posting is in the table, from the shared word view
    (postlint/words.py), without tokenising the prose again. False only when the full
    check would find nothing: every token the check looks up that could be reported
    (letters, no apostrophe) is, lower-cased, a word of the view; a key with a
    non-ASCII letter could only match a posting holding that letter. Set operations
    in C: only words never seen in the run are looked up."""
    view = words(doc)
    non_ascii = getattr(table, "non_ascii", None)  # a table that cannot say: check fully
    if non_ascii is None or not view.exact or view.holds_lower(non_ascii):
        return True
    seen = rule.__dict__.setdefault("_seen", set())
    wrong = rule.__dict__.setdefault("_wrong", set())
    new = view.vocab - seen
    if new:
        for word in new:
            if _lookup(memo, table, word) is not None:
                wrong.add(word)
        if len(seen) < 500_000:
            seen |= new
    found = view.vocab & wrong
    candidates = [word for word in found if len(word) >= min_len and word not in allowed]
    return bool(candidates) and _may_report(doc, view, candidates)


def _may_report(doc, view, candidates) -> bool:
    """Whether some occurrence of a candidate word could be reported, by its case alone: most
    postings that hold a word of the table write it as a name or acronym (Numbrs, REGON, CMO),
    and the full check (~0.8 ms: tokenising the whole prose) then finds nothing. False only
    when every occurrence is one check_spelling skips whatever else holds: CamelCase, capitals
    of at most 5 letters, or capitalised and not at a sentence start. Every token the check
    could report (letters only, not glued to a word character) is a whole word of the view,
    so it is one of ``view.offsets(word)`` (exact: _may_hit has checked ``view.exact``).
    tests/test_words.py compares the rule with and without this on the corpus."""
    prose, starts = doc.prose, doc.line_starts
    for word in candidates:
        n = len(word)
        for i in view.offsets(word):
            written = prose[i:i + n]
            if written.islower():
                return True
            if written.isupper():
                if n > 5:
                    return True  # shouted text may be checked
                continue
            if any(c.isupper() for c in written[1:]):
                continue  # CamelCase
            if _sentence_start(prose, i, starts[bisect.bisect_right(starts, i) - 1]):
                return True
    return False


def check_spelling(rule, doc, ctx):
    _, exceptions, table = rule._compile()
    allowed = {w.lower() for w in rule.spec.get("allow", [])}
    settings = ctx.settings
    if settings is not None:
        allowed |= {w.lower() for w in getattr(settings, "words", ())}
    prose = doc.prose
    min_len = rule.spec.get("min_length", 3)
    # Lookups are memoised across documents.
    memo = rule.__dict__.setdefault("_memo", {})
    if not _may_hit(rule, doc, table, memo, min_len, allowed):
        return
    # One scan of the prose: _may_hit has let through only a posting with a word of the table,
    # so the matches are needed in nearly every case (a findall first, then a finditer, scanned
    # twice). Each distinct word is looked up once.
    matches = list(_TOKEN.finditer(prose))
    tokens = [m.group(1) for m in matches]
    counts = Counter(tokens)
    if not is_english(counts):
        return
    wrong: dict = {}
    for word in counts:
        if len(word) < min_len:
            continue
        lower = word.lower()
        right = _lookup(memo, table, lower)
        if right is not None and lower not in allowed:
            wrong[word] = (lower, right)
    if not wrong:
        return
    hits = [(m, word, *wrong[word]) for m, word in zip(matches, tokens) if word in wrong]

    starts = doc.line_starts
    import bisect

    def sentence_start(m) -> bool:
        line_start = starts[bisect.bisect_right(starts, m.start()) - 1]
        return _sentence_start(prose, m.start(), line_start)

    # Words the document itself uses as names: capitalised mid-sentence
    # somewhere, or written in the front matter (company: Numbrs) ...
    # Only the hits' words are ever asked about, so only their occurrences are looked at.
    asked = {lower for _, _, lower, _ in hits}
    mine = [(m, word) for m, word in zip(matches, tokens) if word.lower() in asked]
    names = {word.lower() for m, word in mine if word[:1].isupper() and not sentence_start(m)}
    # ... or capitalised every time it appears, more than once (Numbrs ... Numbrs).
    caps: dict = {}
    for _, word in mine:
        entry = caps.setdefault(word.lower(), [0, True])
        entry[0] += 1
        entry[1] = entry[1] and word[:1].isupper()
    names.update(w for w, (count, always) in caps.items() if always and count > 1)
    fm = doc.front_matter
    if fm is not None:
        names.update(w.lower() for w in _TOKEN.findall(doc.text, fm.content_start, fm.content_end))
    excluded = [m.span() for m in exceptions.finditer(prose)] if exceptions else []
    text = doc.text

    for m, word, lower, right in hits:
        if "'" in lower or "’" in lower:
            continue
        if (m.start() > 0 and text[m.start() - 1] in _ZERO_WIDTH) or (m.end() < len(text) and text[m.end()] in _ZERO_WIDTH):
            continue  # 's\u200bome': a word split by an invisible character, not a typo
        if not word.islower():
            if any(c.isupper() for c in word[1:]) and not word.isupper():
                continue  # CamelCase: product names
            if word.isupper() and (len(word) <= 5 or not _shouting(prose, m, starts)):
                continue  # acronyms (REGON) and names in capitals (NCLUSIVE) in mixed-case text
            if not word.isupper() and (not sentence_start(m) or lower in names):
                continue  # a capitalised word mid-sentence, or used as a name elsewhere
        if any(a <= m.start() and m.end() <= b for a, b in excluded):
            continue
        options = [match_case(word, r) for r in right.split(",") if r]
        if len(options) == 1:
            yield Violation(m.start(), m.end(), f"Misspelling '{word}': write '{options[0]}'",
                            fix=Fix.replace(m.start(), m.end(), options[0], message=f"Replace with '{options[0]}'"),
                            suggestions=tuple(options))
        else:
            shown = "', '".join(options)
            yield Violation(m.start(), m.end(), f"Possible misspelling '{word}': did you mean '{shown}'?",
                            suggestions=tuple(options))
