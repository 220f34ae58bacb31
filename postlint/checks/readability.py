"""PL601 readability: the posting's prose scores as hard to read (Flesch-Kincaid, Flesch)."""

from __future__ import annotations

from postlint.checks.base import Rule, RuleDocs
from postlint.diagnostics import Severity, Violation


class Readability(Rule):
    code = "PL601"
    name = "readability"
    category = "content"
    severity = Severity.INFO
    summary = "Posting is hard to read (Flesch-Kincaid grade, Flesch reading ease)"
    default_options = {"max-grade": 16, "min-ease": 0, "min-words": 100}
    docs = RuleDocs(
        what="Scores the posting's paragraphs and list items (not headings, code, tables, URLs or "
             "templating) with the Flesch-Kincaid grade level and the Flesch reading ease, and "
             "reports once when the grade is above `max-grade` or the ease below `min-ease`. The "
             "report points at the hardest sentence, with its length and grade. Postings under "
             "`min-words` words and postings not in English are not scored: the formulas are for "
             "English and say little about a few lines. Syllables are counted offline by "
             "postlint's own counter (within about 1% of the CMU Pronouncing Dictionary on real "
             "postings).",
        why="A posting is read in a minute by people deciding whether to apply, many of them not "
            "native speakers. Long sentences stacked with nouns ('responsible for the "
            "implementation of the coordination of...') lose them; plain language reaches more "
            "candidates. Grade 16 means a university graduate's reading level.",
        example="As the incumbent, the successful candidate will be responsible for the "
                "conceptualization, development, implementation, and continuous institutionalization "
                "of comprehensive organizational transformation methodologies, facilitating "
                "cross-functional interdepartmental collaboration and accountability. Additionally, "
                "the individual will be accountable for the identification, prioritization, and "
                "remediation of operational inefficiencies across multidisciplinary organizational "
                "units, in alignment with institutional strategic priorities and regulatory "
                "requirements. The incumbent will furthermore provide authoritative consultation "
                "regarding organizational effectiveness, communicating recommendations to executive "
                "leadership and representing the organization in interagency deliberations. Candidates "
                "must demonstrate considerable experience facilitating organizational "
                "transformation, stakeholder engagement and institutional capacity development "
                "within complex regulatory environments and across geographically distributed "
                "organizational units.\n",
        use_instead="You will help our teams change how they work. You will plan the changes with "
                    "them, try them out, and make the ones that work part of every day. You will "
                    "find the places where work gets stuck and fix them with the people who do "
                    "that work. You will keep our leaders up to date and tell them what you think "
                    "we should do next. You will also speak for us when we meet other teams in "
                    "government. We want you to ask questions, to listen, and to write in plain "
                    "words that anyone can read. If you like to make things simple for others, "
                    "we would like to hear from you.\n",
        fix_safety="No fix: rewriting is for a person. Split long sentences, turn lists of duties into "
                   "bullets, prefer short everyday words.",
        options="`max-grade` (default 16): the highest Flesch-Kincaid grade accepted. `min-ease` "
                "(default 0): the lowest Flesch reading ease accepted (100 is very easy; below 0 is very hard). "
                "`min-words` (default 100): shorter postings are not scored.",
    )

    def check(self, doc, ctx):
        from postlint.readability import analyse, cannot_report, totals

        # Words, syllables and a lower bound of the sentences first: most postings are within
        # the limits at the bound, and the blocks are not cut into sentences (cannot_report).
        stats = totals(doc, exact=False)
        if stats.words < ctx.option("min-words", 100) or stats.english < 0.05:
            return
        max_grade, min_ease = ctx.option("max-grade", 16), ctx.option("min-ease", 0)
        if cannot_report(stats, max_grade, min_ease):
            return
        stats = totals(doc)
        grade, ease = stats.grade, stats.ease
        if grade <= max_grade and ease >= min_ease:
            return
        sentences = analyse(doc).sentences
        long_enough = [s for s in sentences if s.words >= 8] or sentences
        hardest = max(long_enough, key=lambda s: (s.grade, s.words))
        end = min(hardest.end, doc.line_ends[doc.line_index(hardest.start)])
        yield Violation(hardest.start, end,
                        f"Hard to read: Flesch-Kincaid grade {grade:.1f} (max {max_grade:g}), reading ease "
                        f"{ease:.0f} (min {min_ease:g}); hardest sentence here ({hardest.words} words, "
                        f"grade {hardest.grade:.0f})")
