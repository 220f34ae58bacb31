"""PL602 posting-length: a posting too short to say what the job is, or too long to be read."""

from __future__ import annotations

import re

from postlint.checks.base import Rule, RuleDocs
from postlint.diagnostics import Severity, Violation
from postlint.words import words as word_view

_WORD = re.compile(r"[^\W_][\w'’-]*")
# Liquid/ERB control flow: words inside {% if %}...{% endif %} may never be shown together.
_BRANCH_OPEN = re.compile(r"\{%-?\s*(?:if|unless|case|for)\b|<%-?\s*(?:if|unless|case)\b")
_BRANCH_CLOSE = re.compile(r"\{%-?\s*end(?:if|unless|case|for)\b|<%-?\s*end\b")
_READING_WPM = 238  # average silent reading rate of English non-fiction (Brysbaert, 2019)


def _few_words(view, high: int) -> bool:
    """True when the prose cannot hold more than ``high`` _WORD matches, proved without counting:
    every match starts with a letter or digit ([^\\W_] is str.isalnum) and holds the whole maximal
    run of letters and digits it starts with ([\\w'’-] holds them all), and two matches never share
    one. ``view.tokens`` are exactly those runs over all of ``doc.prose`` (a non-ASCII letter or
    digit as '?', EXOTIC ones too: the view classes characters before lower-casing), so the body
    from any start has at most len(view.tokens) words. Only when ``view.exact``, which the view
    found in C (no NUL, which it reads as a letter, joining two words' runs into one token).
    tests/test_rule_pretests.py checks the bound and the findings."""
    return view.exact and len(view.tokens) <= high


def _marks(text: str, start: int) -> list[tuple[int, int]]:
    """Sorted (offset, +1) of each _BRANCH_OPEN and (offset, -1) of each _BRANCH_CLOSE match from
    ``start``: what their two finditer scans give. Every match of both starts with '{%' or '<%'
    and holds no other '{' or '<', so the matches are those at the places str.find gives for the
    two pairs, tried with .match; the two regex scans tried every character of the text (~0.3 ms
    each on a 17 kB posting with no '{%' but its ten includes). tests/test_rule_pretests.py
    compares them on the corpus and generated text."""
    found = []
    for pair in ("{%", "<%"):
        at = text.find(pair, start)
        while at >= 0:
            if _BRANCH_OPEN.match(text, at):
                found.append((at, 1))
            elif _BRANCH_CLOSE.match(text, at):
                found.append((at, -1))
            at = text.find(pair, at + 1)
    found.sort()
    return found


class PostingLength(Rule):
    code = "PL602"
    name = "posting-length"
    category = "content"
    severity = Severity.INFO
    summary = "Posting too short or too long"
    default_options = {"min-words": 0, "max-words": 2000}
    example_options = {"min-words": 50}
    docs = RuleDocs(
        what="Counts the words of the posting's body (headings, paragraphs and lists; not code, "
             "HTML tags, URLs or templating) and reports one over `max-words` at the word where it "
             "passes the limit, and, when `min-words` is set, one under it at its first word. Words inside "
             "Liquid or ERB conditionals (`{% if %}`...`{% endif %}`) are left out of the "
             "too-long count, since a reader sees only one branch. A body with no words at all is "
             "not reported: sites that render the posting from front matter fields keep it empty.",
        why="A few lines do not tell a candidate what the job is or whether to apply; pages that "
            "take ten minutes to read bury the role under boilerplate, and most readers stop "
            "long before the end.",
        example="---\ntitle: Python Developer\n---\n\nWe need a Python developer. Email us.\n",
        use_instead="---\ntitle: Python Developer\n---\n\nWe are a team of six building the "
                    "booking system used by 300 small clinics. You will work on our Python and "
                    "Django back end: new features, tests, and the occasional late bug hunt with "
                    "the rest of the team.\n\nYou have built and run a web application in Python. "
                    "You write clear code and clear notes. Salary $90,000 to $110,000, remote in "
                    "the US. Email jobs@example.com with a few lines about something you built.\n",
        fix_safety="No fix: what to add or cut is the author's call.",
        options="`max-words` (default 2000) and `min-words` (default 0, off; 50 is a good value): "
                "the accepted range of words in the body; 0 turns that half off. The short half is "
                "off by default because boards and dumps often hold short link-out postings ('Apply "
                "at ...') and drafts; on the corpus it found 2 postings, both real.",
    )

    def check(self, doc, ctx):
        prose, start = doc.prose, doc.body_start
        low, high = ctx.option("min-words", 0), ctx.option("max-words", 2000)
        view = word_view(doc)
        if not low and high and _few_words(view, high):
            return  # no short half, and too few words for the long one (~9 of 10 corpus postings)
        # Most postings are within the limits: the shared word view counts _WORD's matches in C
        # (equal to the regex's count, tests/test_words.py); the spans only for one to report.
        count = view.length_words(start)
        if count is not None:
            if not count or ((not low or count >= low) and (not high or count <= high)):
                return
            if high and count > high:
                # Too long: the view counts the shown words region by region and finds the span
                # of shown word high + 1 without the spans of all the others.
                regions = self._shown_regions(doc.text, start, len(prose))
                counts = [view.length_words(a, b) for a, b in regions]
                shown = sum(counts)
                if shown > high:
                    k = high
                    for (a, b), n in zip(regions, counts):
                        if k < n:
                            yield self._too_long(view.length_span(a, k, _WORD, b), shown, high)
                            break
                        k -= n
                return
        words = [m.span() for m in _WORD.finditer(prose, start)]
        if not words:
            return
        if low and len(words) < low:
            yield Violation(*words[0], f"Posting has only {len(words)} word{'s' if len(words) > 1 else ''} (min {low}): say what the "
                                       "job is, what the work involves and how to apply")
            return
        if not high or len(words) <= high:
            return
        shown = self._unconditional(doc.text, start, words)
        if len(shown) > high:
            yield self._too_long(shown[high], len(shown), high)

    @staticmethod
    def _too_long(span, count, high):
        minutes = max(1, round(count / _READING_WPM))
        return Violation(*span, f"Posting has {count:,} words (max {high:,}), about "
                                f"{minutes} minute{'s' if minutes > 1 else ''} to read; word {high + 1:,} is here")

    @staticmethod
    def _shown_regions(text, start, end):
        """The (start, end) ranges where _unconditional's depth is 0: a word starting in one is
        shown. No word crosses a bound: each is a mark's '{' or '<' (a space in the prose when
        blanked), never a word character. Tested against _unconditional (tests/test_words.py)."""
        marks = _marks(text, start)
        regions, depth, pos = [], 0, start
        for at, step in marks:
            new = max(0, depth + step)
            if depth == 0 and new:
                regions.append((pos, at))
            elif depth and not new:
                pos = at
            depth = new
        if depth == 0:
            regions.append((pos, end))
        return regions

    @staticmethod
    def _unconditional(text, start, words):
        """The word spans outside Liquid/ERB conditional blocks (nesting counted)."""
        marks = _marks(text, start)
        if not marks:
            return words
        shown, depth, i = [], 0, 0
        for span in words:
            while i < len(marks) and marks[i][0] < span[0]:
                depth = max(0, depth + marks[i][1])
                i += 1
            if depth == 0:
                shown.append(span)
        return shown
