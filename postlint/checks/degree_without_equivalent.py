"""PL605 degree-without-equivalent: a degree asked for with no equivalent-experience route."""

from __future__ import annotations

import re

from postlint.checks.base import Rule, RuleDocs
from postlint.content import lowered_body, sentences, sentences_holding
from postlint.diagnostics import Severity, Violation
from postlint.lazyre import LazyPatterns

# Compiled on first use (postlint.lazyre): a posting with no degree word (most, and the
# start-up posting) needs none of these; test_redos times them through the rule's `patterns`.
RX = LazyPatterns()
RX.define(
    "DEGREE",
    r"\b(?:bachelor'?s?|bachelor’s|master'?s?|master’s|B\.?S\.?c?|B\.?A\.?|M\.?S\.?c?|MBA|Ph\.?\s?D\.?|"
    r"undergraduate|university|college|4-year|four-year)\s+(?:degree|diploma)\b"
    r"|\b(?:degree|diploma)\s+in\b|\bBS/MS\b|\bBS\s+in\b|\bBA\s+in\b",
    re.IGNORECASE,
)
# Anywhere in the posting: an equivalent-experience route, or the degree made optional.
RX.define(
    "ROUTE",
    r"equivalent|\bor\s+(?:[\w-]+\s+){0,3}experience\b"
    r"|\bor\s+(?:[\w+-]+\s+){0,2}years?\s+(?:of\s+)?(?:[\w-]+\s+){0,3}experience|experience\s+in\s+lieu|in\s+lieu\s+of"
    r"|\bor\s+equal|commensurate\s+experience|self[\s-]taught|bootcamp|no\s+degree|degree\s+(?:is\s+)?not\s+required"
    r"|not\s+require\s+a\s+degree|don['’]?t\s+(?:care|need|require)|do\s+not\s+(?:care|need|require)"
    r"|regardless\s+of\s+(?:\w+\s+){0,2}(?:degree|education|background)|\bor\s+experience",
    re.IGNORECASE,
)
# RX.ROUTE for content.lowered_body: case-sensitive, and its `\bor` written `or(?<!\wor)` (the same
# positions), so every alternative starts with a letter and a scan skips to those letters instead of
# trying ~20 IGNORECASE alternatives at every position: 0.54 -> 0.07 ms a posting (the31337). Same
# answer as RX.ROUTE on the prose: tests/test_content_speed.py::test_route_on_lowered_body_*.
RX.define("ROUTE_LOW", RX._sources["ROUTE"][0].replace(r"\bor", r"or(?<!\wor)"))
# What every RX.DEGREE match contains, without its word boundaries: a posting with none of
# these has no degree to report, and this scan is ~6x cheaper than RX.ROUTE's (most postings).
RX.define("MAYBE_DEGREE", r"degree|diploma|bs/ms|b[sa]\s+in", re.IGNORECASE)
# The same test on lower-cased text: `in` for the words, a case-sensitive scan for 'bs in'.
_MAYBE_WORDS = ("degree", "diploma", "bs/ms")
_BS_IN = re.compile(r"b[sa]\s+in")
_MAYBE_LOW = re.compile(r"degree|diploma|bs/ms|b[sa]\s+in")  # RX.MAYBE_DEGREE on lower-cased text


def _maybe_degree(low: str) -> bool:
    return any(w in low for w in _MAYBE_WORDS) or _BS_IN.search(low) is not None
RX.define("OPTIONAL", r"prefer|plus|bonus|nice|ideal|desir|advantage|a\s+big\s+plus|helpful|welcome|optional",
          re.IGNORECASE)


class DegreeWithoutEquivalent(Rule):
    code = "PL605"
    name = "degree-without-equivalent"
    category = "content"
    severity = Severity.WARNING
    patterns = RX  # so tests/test_redos.py times the lazily compiled ones
    summary = "Degree required with no 'or equivalent experience'"
    docs = RuleDocs(
        what="Reports a required degree ('Bachelor's degree in Computer Science', 'BS in a related "
             "field', 'Master's degree') when nothing in the posting offers another route: 'or "
             "equivalent experience', 'or related experience', 'in lieu of', 'no degree required'. "
             "A degree that is 'preferred', 'a plus' or 'nice to have' in the same sentence is not "
             "reported. Reported once, at the first required degree.",
        why="Degree requirements shut out capable people who learned on the job, in bootcamps or on "
            "their own, and fall hardest on candidates who could not afford university; many "
            "employers have dropped them for skills-based hiring.",
        example="- Bachelor's degree in Computer Science\n- 3+ years building web services\n",
        use_instead="- Bachelor's degree in Computer Science, or equivalent practical experience\n"
                    "- 3+ years building web services\n",
        fix_safety="No fix: whether another route is acceptable is the employer's call.",
    )

    def check(self, doc, ctx):
        # The first required degree, then the route: RX.ROUTE is the dearest scan (~20 IGNORECASE
        # alternatives at every position), and most postings that name a degree either make it
        # optional or have none required, so they never need it. Same answer as route-first.
        prose = doc.prose
        low = lowered_body(doc)
        if not (_maybe_degree(low) if low is not None else RX.MAYBE_DEGREE.search(prose, doc.body_start)):
            return
        # Only the sentences holding a degree word: RX.DEGREE cannot match in the others (the body
        # has no case-odd letter when low is not None). sentences_holding widens each hit of
        # _MAYBE_LOW in low to its sentence instead of cutting and lowering every sentence; a
        # 'bs\nin' hit names a sentence without the whole word, where RX.DEGREE finds nothing.
        spans = (sentences(prose, doc.body_start) if low is None
                 else sentences_holding(prose, doc.body_start, low, _MAYBE_LOW))
        for s_start, s_end in spans:
            sentence = prose[s_start:s_end]
            m = RX.DEGREE.search(sentence)
            if m is None or RX.OPTIONAL.search(sentence):
                continue
            if (RX.ROUTE.search(prose, doc.body_start) if low is None else RX.ROUTE_LOW.search(low)) is not None:
                return
            yield Violation(s_start + m.start(), s_start + m.end(),
                            f"'{m.group()}' is required with no other route: add 'or equivalent experience'")
            return
