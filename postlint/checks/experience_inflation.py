"""PL604 experience-inflation: years of experience that contradict the title or each other."""

from __future__ import annotations

import re

from postlint.checks.base import Rule, RuleDocs
from postlint.content import content_words, lowered_body, sentences, sentences_holding, title
from postlint.diagnostics import Severity, Violation
from postlint.lazyre import LazyPatterns
from postlint.words import EXOTIC

_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen".split())}
_NUM = r"(?:\d{1,2}|" + "|".join(_NUMBERS) + r")"
# Compiled on first use (postlint.lazyre): they only run on sentences holding a year word
# (_YEAR_WORD), so a posting without one (the start-up example) compiles none of them;
# test_redos times them through the rule's `patterns`.
RX = LazyPatterns()
# "5+ years", "5 - 7 years", "five (5) years", "at least 3 years", "minimum of 2 yrs"
RX.define(
    "YEARS",
    r"(?<![\w.$])(?P<low>" + _NUM + r")(?:\s*\(\d{1,2}\))?\s*(?P<plus>\+)?\s*(?:(?:-|–|—|to)\s*(?P<high>" + _NUM
    + r")\s*\+?\s*)?(?:years?|yrs?)\b(?:\s*\+)?",
    re.IGNORECASE,
)
# What every RX.YEARS match holds, lower-cased: only the sentences with one are read.
_YEAR_WORD = re.compile(r"y(?:ea)?r")
RX.define("EXPERIENCE", r"\bexperience|\bexpertise|\bbackground\b|\bworking\b|\bprofessional", re.IGNORECASE)
RX.define("JUNIOR", r"\b(?:junior|jr\.?|entry[\s-]level|graduate|intern(?:ship)?|apprentice|trainee)\b", re.IGNORECASE)
RX.define("MID", r"\b(?:mid[\s-]?level|mid[\s-]senior|intermediate)\b", re.IGNORECASE)


def _year_words(lowered: str) -> int:
    """How many _YEAR_WORD matches ('year', 'yr') the lower-cased body holds: at least as many
    as RX.YEARS has matches in it. Each YEARS match holds 'year' or 'yr' once lower-cased
    (lowered_body is not None: lower() keeps every character one character and agrees with
    IGNORECASE), the matches do not overlap, and the two words cannot overlap each other. So a
    posting with none has nothing to report, and one with one only with a junior or mid-level
    title (_may_name_level): 555 of the 906 corpus postings skip the sentence walk.
    tests/test_rule_pretests.py compares the rule with and without it."""
    return lowered.count("year") + lowered.count("yr")


_LEVEL_WORDS = ("junior", "jr", "entry", "graduate", "intern", "apprentice", "trainee", "mid", "intermediate")


def _may_name_level(text: str) -> bool:
    """False when RX.JUNIOR and RX.MID cannot match ``text``, without compiling them (the start-up
    example): every match of them holds one of _LEVEL_WORDS, and lower() agrees with IGNORECASE
    on every character but postlint.words.EXOTIC (tests/test_words.py), so a title with none of
    them lower-cased and no EXOTIC character has no level. tests/test_rule_pretests.py checks it."""
    low = text.lower()
    return any(map(low.__contains__, _LEVEL_WORDS)) or any(map(text.__contains__, EXOTIC))


def _value(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word.lower()]


class ExperienceInflation(Rule):
    code = "PL604"
    name = "experience-inflation"
    category = "content"
    severity = Severity.WARNING
    # On the corpus: near-copy conflicts 0 after skipping required-vs-preferred pairs (all 8 before
    # were "Required: 3+ years" / "Preferred: 5+ years"); junior/mid titles 0 hits;
    # restatements about 11 of 21 false (18F repeats one sentence per GS grade; two bullets with
    # the same number for different skills at one company), so they are opt-in (`restatements`).
    patterns = RX  # so tests/test_redos.py times the lazily compiled ones
    summary = "Years of experience that contradict the title or each other"
    default_options = {"junior-max-years": 2, "mid-max-years": 7, "restatements": False}
    docs = RuleDocs(
        what="Reads every 'N years of experience' requirement ('5+ years', 'at least three years', "
             "'3-5 years') and reports a number above what the title's level allows ('Junior' or "
             "'Entry-level' with more than 2 years, 'Mid-level' or 'Intermediate' with more than "
             "7), and the same requirement stated twice with different numbers (not when one of "
             "them is under a 'Preferred' or 'Nice to have' heading: a minimum and a wish agree); "
             "with the `restatements` option also the same requirement stated twice. Two "
             "requirements are 'the same' when they share at least two words besides 'years', "
             "'experience' and small words ('5+ years of professional software development' and "
             "'5+ years as a professional back-end software engineer'); '5+ years of Python' and "
             "'2+ years of Go' are different requirements and stay quiet.",
        why="Inflated or contradictory experience asks make capable people rule themselves out: a "
            "junior title with a senior ask reads as a bait, and a posting that asks for 3 years "
            "in one bullet and 5 in another leaves the candidate guessing which is true.",
        example="# Junior Developer\n\n- 5+ years of experience building web applications\n",
        use_instead="# Junior Developer\n\n- Some experience building web applications, at work or on your own\n",
        fix_safety="No fix: which number is right is the employer's call.",
        options="`junior-max-years` (default 2) and `mid-max-years` (default 7): the most years a "
                "junior or mid-level title may ask for. `restatements` (default false): also report "
                "the same requirement stated twice with the same number (off by default: postings "
                "that repeat a requirement per grade or per team make it noisy).",
    )

    def check(self, doc, ctx):
        prose = doc.prose
        lowered = lowered_body(doc)
        if lowered is not None:
            count = _year_words(lowered)
            if not count:
                return  # no requirement at all
            if count == 1:
                posting_title = title(doc)
                if posting_title is None or not _may_name_level(posting_title[0]):
                    return  # one requirement at most, and no junior or mid-level title to contradict
        found = []  # (start, end, low, sentence start, sentence end)
        spans = (sentences(prose, doc.body_start) if lowered is None
                 else sentences_holding(prose, doc.body_start, lowered, _YEAR_WORD))
        for s_start, s_end in spans:
            sentence = prose[s_start:s_end]
            if not RX.EXPERIENCE.search(sentence):
                continue
            for m in RX.YEARS.finditer(sentence):
                low = _value(m.group("low"))
                if not 1 <= low <= 30:
                    continue
                found.append((s_start + m.start(), s_start + m.end(), low, s_start, s_end))
        if not found:
            return
        posting_title = title(doc)
        if posting_title is not None:
            text = posting_title[0]
            limit, level = None, None
            if RX.JUNIOR.search(text):
                limit, level = ctx.option("junior-max-years", 2), "junior"
            elif RX.MID.search(text):
                limit, level = ctx.option("mid-max-years", 7), "mid-level"
            if limit is not None:
                for start, end, low, *_ in found:
                    if low > limit:
                        yield Violation(start, end, f"{low} years of experience for a {level} title "
                                                    f"({text.strip()!r}); ask for {limit} at most or "
                                                    f"retitle the role")
        if len(found) < 2:
            return  # nothing to compare with
        restatements = ctx.option("restatements", False)
        if not restatements and len({f[2] for f in found}) < 2:
            return  # every pair states one number: only a restatement, which is off
        # The words and lines only now, for the ~1 in 10 postings with two requirements to compare.
        found = [(start, end, low, content_words(prose[s_start:start] + " " + prose[end:s_end]), doc.line_index(start))
                 for start, end, low, s_start, s_end in found]
        preferred = _preferred_lines(doc, max(f[4] for f in found) + 1)
        for i, (start, end, low, words, line) in enumerate(found):
            for p_start, _, p_low, p_words, p_line in found[:i]:
                if p_line == line or (p_low == low and not restatements):
                    continue
                if p_low != low and (line in preferred) != (p_line in preferred):
                    # "Required: 3+ years ... Preferred: 5+ years": a minimum and a wish, not a conflict.
                    continue
                shared = len(words & p_words)
                if p_low == low:
                    # Stated twice: most of the shorter one's words are in the other.
                    same = shared >= 2 and shared >= 0.5 * min(len(words), len(p_words))
                else:
                    # A conflict only when the two are near copies ("At least 2 years in mobile
                    # development" / "At least 3 years in mobile development"): a narrower skill
                    # asking for fewer years than the field ("4+ years SQL Server", "2+ years
                    # SQL Server Integration Services") is a consistent pair, not a conflict.
                    same = shared >= 2 and shared >= 0.75 * len(words | p_words)
                if not same:
                    continue
                if p_low == low:
                    message = (f"The same experience requirement ({low} year{'s' if low > 1 else ''}) is stated again; it "
                               f"was already asked for on line {p_line + 1}")
                else:
                    message = (f"{low} years of experience here, but {p_low} years for the same "
                               f"requirement on line {p_line + 1}")
                yield Violation(start, end, message)
                break


# A heading (also '##Preferred' without its space, or a bold or colon-ended line) that opens a
# section of wishes rather than requirements.
_HEADING_LINE = re.compile(r"[ \t]{0,3}(?:#{1,6}|\*\*|__)|[^\n]{2,60}:[ \t]*$")
RX.define("PREFERRED", r"prefer|nice|plus|bonus|desir|ideal|advantage|beneficial|extra", re.IGNORECASE)


def _preferred_lines(doc, until: int) -> set[int]:
    """0-based lines (up to ``until``) that lie in a 'Preferred' / 'Nice to have' section."""
    lines, inside = set(), False
    for i in range(doc.body_line, min(until, doc.line_count)):
        text = doc.line(i)
        if _HEADING_LINE.match(text) and not text.lstrip().startswith(("* ", "- ", "+ ")):
            inside = bool(RX.PREFERRED.search(text))
        elif inside:
            lines.add(i)
    return lines
