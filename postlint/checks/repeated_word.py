"""PL403 repeated-word: the same word twice in a row ("the the")."""

from __future__ import annotations

import re
from itertools import chain, compress, islice
from operator import eq

from postlint.checks.base import Rule, RuleDocs
from postlint.diagnostics import Fix, Severity, Violation
from postlint.words import words

# A word, then whitespace within one paragraph (at most one line break), then the
# same word. Letters only: "1 1" and "2.0 2.0" are not words.
_PLAIN_REPEAT = r"(?<![\w'’\-/.@])([^\W\d_]+)([ \t]+(?:\r\n|\r|\n)?[ \t]*|(?:\r\n|\r|\n)[ \t]*)(\1)(?![\w'’\-/@])"
# The same, with the word possessive and the gap atomic: giving back a letter of the word, or a
# space of the gap, leaves a letter where a space must be, or a space where the word must
# start, so no match is lost; but the plain form tried every shorter word and gap before
# failing (on techcorridor's one-line bodies 0.85 -> 0.24 ms a posting for the scan).
# tests/test_words.py compares both on every code point, generated texts and the corpus.
_REPEAT = re.compile(r"(?<![\w'’\-/.@])([^\W\d_]++)((?>[ \t]+(?:\r\n|\r|\n)?[ \t]*|(?:\r\n|\r|\n)[ \t]*))(\1)(?![\w'’\-/@])",
                     re.IGNORECASE)

# Doubles that English allows: "that that", "had had", "is is" in quotes is rare
# but "bye bye", "so so", "very very" are style, not slips.
# "much much more", "make remote work work", "get it done done" are English
# (measured on the corpus: the last two were the only false alarms).
_ALLOWED = frozenset("""that had is bye so very much done work yada ha no go knock chop tut pom bora
    walla dum bang boo choo hip hush tom aye yum""".split())


def _may_repeat(view, prose: str) -> bool:
    """Whether a doubled word may be in the posting, from the shared word view
    (postlint/words.py). A double _REPEAT finds is a whole word of letters, then only
    spaces and tabs with at most one line break, then the same word in any case: two
    equal neighbours in the view's words (compared in C), at offsets with such a gap
    between them (looked at only for the few equal neighbours)."""
    tokens = view.tokens
    for word in set(compress(tokens, map(eq, tokens, islice(tokens, 1, None)))):
        if word in _ALLOWED or any(ch.isdigit() for ch in word):
            continue
        offsets, n = view.offsets(word), len(word)
        for a, b in zip(offsets, offsets[1:]):
            gap = prose[a + n:b]
            if gap and not gap.strip(" \t\r\n") and gap.count("\n") + gap.count("\r") - gap.count("\r\n") <= 1:
                return True
    return False


class RepeatedWord(Rule):
    code = "PL403"
    name = "repeated-word"
    category = "spelling"
    severity = Severity.WARNING
    fixable = True
    summary = 'Word repeated ("the the")'
    docs = RuleDocs(
        what="Reports a word written twice in a row in running text, also across a line break "
             "inside one paragraph ('the\\nthe'). Code, URLs, headings against the next block, "
             "doubles English allows ('that that', 'had had') and different cases of a name "
             "('Go go') are left alone.",
        why="A doubled word is the most common slip that survives proofreading, because the eye "
            "skips it; candidates notice it anyway.",
        example="You will work with the the product team.\n",
        use_instead="You will work with the product team.\n",
        fix_safety="Safe: removes the second word and the space before it.",
    )

    def check(self, doc, ctx):
        from postlint.spelling import is_english

        prose = doc.prose
        view = words(doc)
        if view.exact and not _may_repeat(view, prose):
            return  # most postings: no word follows itself, found without the regex scan
        # The language check tokenises the whole posting: only worth it when there is a double.
        # The first match says whether there is one; the scan then goes on from it for English
        # text only (a non-English posting full of doubles, "word word ..." 1 MB, listed
        # 100,000 matches before the language check): one scan, no list.
        found = _REPEAT.finditer(prose)
        first = next(found, None)
        if first is None or not is_english(re.findall(r"[^\W\d_]+", prose)):
            return  # "nous nous concentrons" is French, not a slip
        for m in chain((first,), found):
            first, second = m.group(1), m.group(3)
            if first.lower() in _ALLOWED:
                continue
            if first != second and not (first[:1].isupper() and first[1:].islower() and second == first.lower()):
                continue  # "Go go", "US us": different words or a name; "The the" is a slip
            if doc.text[m.end(1):m.start(3)].strip():
                continue  # markup or a link destination between them in the file
            if "\n" in m.group(2) or "\r" in m.group(2):
                line, nxt = doc.line_index(m.start(1)), doc.line_index(m.start(3))
                if line in doc.heading_lines or nxt in doc.heading_lines:
                    continue
            yield Violation(m.start(1), m.end(3), f"Repeated word '{first}'",
                            fix=Fix.replace(m.end(1), m.end(3), "", message=f"Remove the second '{second}'"),
                            suggestions=(first,))
