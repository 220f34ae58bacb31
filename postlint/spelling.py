"""Misspellings from a wrong -> right dictionary, tuned for postings.

A misspelling list (not a general dictionary) flags only words known to be
wrong, so product names and jargon are never flagged. What is left to get
right is which words to look up at all; measured on the corpus, the false
alarms came from names, other languages and broken tokens. Hence:

- tokens are runs of Unicode letters (``café`` stays whole, ``42nd`` is skipped),
  apostrophes inside words kept; a token glued to ``.``, ``@``, ``/`` or a digit
  (domains, paths, versions) is skipped;
- a capitalised word inside a sentence is taken for a name (``Globolize``),
  CamelCase words for product names; a capitalised word found in the front
  matter (``companyName: Numbrs ...``) is a name everywhere in the body;
- ALL-CAPS words are acronyms (``REGON: 3638...``) unless the words around
  them are in capitals too (a shouted heading or notice: ``NON-COMPETITVE``);
- a word touching a zero-width character is a fragment (``s\u200bome``), and
  the part after a hyphen is not a sentence start (``Maier-Leibnitz``);
- a document whose prose is not English is not checked;
- the user's own words (config ``words``, ``.postlint-words.txt``) are never flagged.
"""

from __future__ import annotations

import re

from postlint.diagnostics import Fix, Violation
from postlint.wordlist import match_case

# Zero-width characters and soft hyphens inside a word split it into fragments
# ("s\u200bome" -> "ome"): a token touching one is skipped.
_TOKEN = re.compile(r"(?<![\w@/\\.'’\u200b-\u200d\u2060\u00ad])([^\W\d_]+(?:['’][^\W\d_]+)?)"
                    r"(?![\w@/\\\u200b-\u200d\u2060\u00ad]|[.'’-]?\d|\.[^\W\d_])")
_SENTENCE_END = set(".!?:;\"“”()[]*#>|+-•")
_FM_WORD = re.compile(r"[^\W\d_]+")

# The most frequent English function words: if too few of a document's words
# are among these, the document is not in English and is not spell-checked.
_ENGLISH = frozenset(
    "the and to of a in for with you we our is are be on as or will your this that at an by from "
    "have has who can work team experience all it us not more".split()
)


def is_english(words: list[str]) -> bool:
    if len(words) < 20:
        return True
    hits = sum(1 for w in words if w.lower() in _ENGLISH)
    return hits / len(words) >= 0.12


def _sentence_start(prose: str, start: int, line_start: int) -> bool:
    i = start - 1
    if i >= line_start and prose[i] == "-":
        return False  # second half of a compound: Maier-Leibnitz
    while i >= line_start and prose[i] in " \t":
        i -= 1
    if i < line_start:
        return True  # first word on its line (after blanked markup)
    return prose[i] in _SENTENCE_END or prose[i].isdigit()


def _shouting(doc, start: int, end: int) -> bool:
    """Most of the nearby words on the line are in capitals (a heading, a notice in caps)."""
    index = doc.line_index(start)
    line_start = doc.line_starts[index]
    before = _FM_WORD.findall(doc.text[line_start:start])[-4:]
    after = _FM_WORD.findall(doc.text[end:doc.line_ends[index]])[:4]
    words = [w for w in before + after if len(w) > 1]
    return bool(words) and sum(1 for w in words if w.isupper()) * 2 > len(words)


def check_spelling(rule, doc, ctx):
    _, exceptions, table = rule._compile()
    allowed = {w.lower() for w in rule.spec.get("allow", [])}
    settings = ctx.settings
    if settings is not None:
        allowed |= {w.lower() for w in getattr(settings, "words", ())}
    prose = doc.prose
    min_len = rule.spec.get("min_length", 3)
    # Most postings have no known misspelling: look up each distinct word once
    # (the word index is shared with the word-list rules) before tokenising for real.
    # Every token below is one of these words: a maximal run of letters.
    from postlint.phrases import word_index

    if not any(len(w) >= min_len and w.isalpha() and table.get(w) is not None for w in word_index(doc)):
        return
    matches = list(_TOKEN.finditer(prose))
    if not is_english([m.group(1) for m in matches]):
        return
    excluded = [m.span() for m in exceptions.finditer(prose)] if exceptions else []
    starts = doc.line_starts
    import bisect

    # Capitalised words of the front matter (company: Numbrs Personal Finance AG)
    # are names wherever they appear capitalised in the body.
    fm_names = {w for w in _FM_WORD.findall(doc.text[:doc.body_start]) if w[:1].isupper()}

    for m in matches:
        word = m.group(1)
        if len(word) < min_len:
            continue
        lower = word.lower()
        right = table.get(lower)
        if right is None and ("'" in lower or "’" in lower):
            continue
        if right is None or lower in allowed:
            continue
        if not word.islower():
            if word in fm_names:
                continue
            if word.isupper():
                if len(word) <= 4 or not _shouting(doc, m.start(), m.end()):
                    continue  # acronyms (ANS, TEH, REGON: 3638...) unless the whole line shouts
            elif any(c.isupper() for c in word[1:]):
                continue  # CamelCase: product names
            else:
                line_start = starts[bisect.bisect_right(starts, m.start()) - 1]
                if not _sentence_start(prose, m.start(), line_start):
                    continue  # a capitalised word mid-sentence is a name
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
