"""PL606 missing-pay-range: a posting for a pay-transparency jurisdiction gives no range.

Laws, dates and citations: rules/data/pay-transparency.yaml; detection: postlint/pay.py.
"""

from __future__ import annotations

from postlint.checks.base import Rule, RuleDocs
from postlint.dates import today
from postlint.diagnostics import Severity, Violation
from postlint.pay import (DATE_KEYS, LAW_PATTERNS, LOCATION_KEYS, RX, find_location, has_range, has_single_figure,
                          is_federal, load_laws, posting_date)


class MissingPayRange(Rule):
    code = "PL606"
    name = "missing-pay-range"
    category = "content"
    severity = Severity.WARNING
    # On by default: 223 of its 224 corpus hits are right by the issue's own terms (222 undated
    # postings judged as of today); a law whose text was not read (`checked: unverified` in the
    # data) is only applied with the `unverified-laws` option.
    patterns = RX  # postlint.pay's lazily compiled regexes, here so tests/test_redos.py times them
    law_patterns = LAW_PATTERNS  # and the laws' (rules/data/pay-transparency.yaml), likewise
    summary = "A posting in a pay-transparency jurisdiction gives no minimum-maximum pay range"
    default_options = {"today": None, "location-fields": list(LOCATION_KEYS), "date-fields": list(DATE_KEYS),
                       "unverified-laws": False}
    docs = RuleDocs(
        what="Reports a posting whose location (front-matter `location`, `city`, `state`, ... or, "
             "in the body, 'City, ST' or a place after 'Location:', 'based in', 'our office is in') "
             "falls under a law requiring a pay range in job postings that was in force on the "
             "posting's date (front-matter `post-date`/`date`, else the Jekyll file-name date, else "
             "today), when no minimum-maximum range is given. 'Competitive salary', 'DOE' or a single "
             "figure ('up to $150k') is not a range. Reported at the place. The laws (Colorado, New "
             "York City and State, California, Washington, Hawaii, DC, Maryland, Illinois, Minnesota, "
             "New Jersey, Vermont, Massachusetts) with dates and citations are in "
             "rules/data/pay-transparency.yaml and docs/pay-transparency.md. 'Remote' is not judged. "
             "A US federal job (a GS grade or OPM series in front matter, or USAJOBS or a GS grade "
             "with 'federal' in the body) is skipped: these laws do not bind federal agencies. "
             "Not legal advice.",
        why="In these places a posting without a pay range breaks the law, and applicants skip "
            "postings that hide pay.",
        example="---\ntitle: Backend Engineer\nlocation: San Francisco, CA\npost-date: 2024-03-01\n---\n\n"
                "We offer competitive compensation.\n",
        use_instead="---\ntitle: Backend Engineer\nlocation: San Francisco, CA\npost-date: 2024-03-01\n---\n\n"
                    "The base salary is $150,000 - $180,000 a year.\n",
        fix_safety="Not fixable: the range is the employer's to state.",
        options="`today` (YYYY-MM-DD, default the real date): the date an undated posting is judged "
                "as of (an archive of old undated postings is judged by today's laws: set `today`, or "
                "ignore PL606 for the archive folder in `per-file-ignores`). `location-fields`, "
                "`date-fields`: the front-matter keys read, first first. `unverified-laws` (default "
                "false): also apply the laws whose statute text postlint's data has not been checked "
                "against (`checked: unverified` in rules/data/pay-transparency.yaml; Minnesota and "
                "Massachusetts at the time of writing).",
    )

    def check(self, doc, ctx):
        laws = load_laws()
        place = find_location(doc, laws, tuple(ctx.option("location-fields", LOCATION_KEYS)))
        if place is None or is_federal(doc):
            return
        law = place.jurisdiction
        if law.checked == "unverified" and not ctx.option("unverified-laws", False):
            return
        when = posting_date(doc, tuple(ctx.option("date-fields", DATE_KEYS))) or today(ctx.option("today"))
        if when < law.effective or has_range(doc):
            return
        single = "; one figure is not a range" if has_single_figure(doc) else ""
        yield Violation(place.start, place.end,
                        f"No pay range: postings for {place.text} need a minimum and maximum since "
                        f"{law.effective.isoformat()} ({law.citation}){single}")
