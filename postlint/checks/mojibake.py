import re

from postlint.checks.base import Rule, RuleDocs
from postlint.diagnostics import Fix, Severity, Violation

_WORD_EDGE = re.compile(r"\s")
# The non-ASCII characters of most non-ASCII postings (corpus: 476 of the 812 have no other),
# none of them a TRIGGER character, each with an ASCII stand-in of one character.
_COMMON_NON_ASCII = (("\u2019", "'"), ("\u00a0", " "), ("\u2014", "-"), ("\u2013", "-"))


def _only_common_non_ascii(text: str) -> bool:
    """True when every non-ASCII character of ``text`` is one of _COMMON_NON_ASCII: then it holds
    no TRIGGER character (each is non-ASCII and none is one of these; tests/test_rule_pretests.py
    checks both), so no line is bad. Four str.replace calls with a character of the same width
    and an O(1) isascii (~4 us on a 6.6 kB posting) instead of the TRIGGER scan of every
    character (~20-26 us), which the others still take."""
    for common, ascii_char in _COMMON_NON_ASCII:
        text = text.replace(common, ascii_char)
    return text.isascii()


class Mojibake(Rule):
    code = "PL201"
    name = "mojibake"
    category = "characters"
    severity = Severity.WARNING
    fixable = True
    summary = "Text was decoded with the wrong encoding ('didnâ€™t')"
    docs = RuleDocs(
        what="Reports text garbled by a wrong encoding round-trip, such as 'didnâ€™t' for "
             "'didn’t' or 'Ã©' for 'é', and repairs it. Detection and repair come from ftfy "
             "(badness heuristics and fix_encoding), checked line by line. Code blocks and code spans "
             "are left alone: text quoted as code (`â€™` shown as an example) is written on purpose.",
        why="Mojibake is the first thing a reader notices and makes a posting look abandoned or "
            "scraped.",
        example="If you didnâ€™t apply before, apply now.\n",
        use_instead="If you didn’t apply before, apply now.\n",
        fix_safety="Safe: ftfy's fix_encoding only undoes encoding mix-ups; it does not touch "
                   "quotes or other characters that were written on purpose.",
    )

    def check(self, doc, ctx):
        if doc.text.isascii() or _only_common_non_ascii(doc.text):
            # Every TRIGGER character is non-ASCII (tests/test_content_speed.py checks it), so
            # an ASCII text has no trigger line: the loop below would find nothing. This skips
            # importing postlint.mojibake_trigger (compiling TRIGGER, ~0.45 ms of start-up).
            return
        # ftfy's own is_bad, without importing ftfy (~75-170 ms): ftfy is imported
        # only for a line that is bad, which is 1 line in the whole corpus.
        from postlint.mojibake_trigger import is_bad
        from postlint.prose import _apply as blank_ranges, code_spans  # the prose view's own blanking

        text = doc.text
        code = doc.code_lines
        for index in _trigger_lines(doc):
            if index in code:
                continue
            start, end = doc.line_starts[index], doc.line_ends[index]
            line = text[start:end]
            if line.isascii() or any("\udc80" <= ch <= "\udcff" for ch in line):
                continue
            # A code span quotes text as it is: mojibake there is written on purpose (the corpus's
            # SOURCES.md shows `â€™` as an example), as in a code block. The line is judged with
            # its code spans blanked, so one whose only bad text is quoted does not import ftfy.
            spans = code_spans(line) if "`" in line else ()
            if not is_bad(blank_ranges(line, spans) if spans else line):
                continue
            from ftfy import fix_encoding

            fixed = fix_encoding(line)
            if fixed == line:
                continue
            for a0, a1, b0, b1 in _changes(line, fixed):
                if any(s <= a0 and a1 <= e for s, e in spans):
                    continue
                w0, w1 = _word_span(line, a0, a1)
                shown_a, shown_b = line[w0:w1], _word(fixed, b0, b1)
                yield Violation(start + w0, start + w1,
                                f"Mojibake '{shown_a}' should read '{shown_b}'",
                                fix=Fix.replace(start + a0, start + a1, fixed[b0:b1],
                                                message=f"Replace with '{shown_b}'"))


def _trigger_lines(doc):
    """The lines that hold a TRIGGER character, in order: is_bad is False for every other line.

    One C scan per such line instead of a Python step per line (most lines are ASCII).
    """
    from postlint.mojibake_trigger import TRIGGER

    text, starts = doc.text, doc.line_starts
    pos = 0
    while True:
        m = TRIGGER.search(text, pos)
        if m is None:
            return
        index = doc.line_index(m.start())
        yield index
        pos = starts[index + 1] if index + 1 < len(starts) else len(text)


def _changes(old: str, new: str):
    """Changed spans between a line and its repair, merged within a word."""
    import difflib  # only when a line is repaired: not a cost of every start-up

    merged: list[list[int]] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if merged and not _WORD_EDGE.search(old, merged[-1][1], a0) and merged[-1][1] >= a0 - 20:
            merged[-1][1], merged[-1][3] = a1, b1
        else:
            merged.append([a0, a1, b0, b1])
    return merged


def _word_span(s: str, a: int, b: int) -> tuple[int, int]:
    """The changed span widened to whole words (trailing punctuation left out)."""
    while a > 0 and not s[a - 1].isspace():
        a -= 1
    while b < len(s) and not s[b].isspace():
        b += 1
    while b > a + 1 and s[b - 1] in ".,;:!?)]\"'":
        b -= 1
    return a, min(b, a + 60)


def _word(s: str, a: int, b: int) -> str:
    w0, w1 = _word_span(s, a, b)
    return s[w0:w1]
