"""PL508 missing-eeo-statement: no equal-opportunity or inclusion statement (opt-in)."""

from __future__ import annotations

import re

from postlint.checks.base import Rule, RuleDocs
from postlint.diagnostics import Severity, Violation

# Signals of an equal-opportunity or inclusion statement, anywhere in the file
# (front matter included: some boards keep it in a `description` field).
_SIGNALS = re.compile(
    r"equal[\s-]+(?:employment[\s-]+)?opportunit|\bE\.?E\.?O\.?E?\b|affirmative[\s-]+action"
    r"|without\s+regard\s+to|regardless\s+of\s+(?:\w+\s+){0,3}(?:race|colou?r|gender|sex|age|religion|origin|disabilit|orientation|background|identity)"
    r"|(?:do|does|will)\s+not\s+discriminate|non-?discriminat|discriminat\w*\s+(?:on\s+the\s+basis|based\s+on|against)"
    r"|under-?represented\s+(?:groups?|communities|backgrounds|minorities|people|in)|diversity\s+(?:and|&)\s+inclusion"
    r"|inclusion\s+(?:and|&)\s+diversity|\bD\s?&\s?I\b|\bDEI\b|committed\s+to\s+(?:\w+\s+){0,3}(?:diversity|diverse|inclusi|equal)"
    r"|all\s+qualified\s+applicants|encourage\s+(?:\w+\s+){0,6}(?:women|minorities|people\s+of\s+colou?r|everyone|all)\s+(?:\w+\s+){0,4}to\s+apply"
    r"|inclusive\s+(?:workplace|environment|employer|culture|team)|reasonable\s+accommodation|disability\s+confident",
    re.IGNORECASE,
)


class MissingEeoStatement(Rule):
    code = "PL508"
    name = "missing-eeo-statement"
    category = "inclusive-language"
    severity = Severity.INFO
    default_enabled = False
    summary = "No equal-opportunity or inclusion statement"
    docs = RuleDocs(
        what="Reports a posting with no equal-opportunity or inclusion statement: none of 'equal "
             "opportunity employer', 'EEO', 'without regard to', 'regardless of ... gender', "
             "'all qualified applicants', 'under-represented groups ... encourage to apply', "
             "'reasonable accommodation', 'committed to diversity'. Off by default: many boards put "
             "the statement in a shared footer, not in each file. Turn it on with "
             "`extend-select = [\"PL508\"]`.",
        why="A short statement that everyone is welcome measurably widens who applies; people "
            "from under-represented groups look for it before they apply.",
        example="# Backend Engineer\n\nWe build payment APIs in Go.\n",
        use_instead="# Backend Engineer\n\nWe build payment APIs in Go.\n\nWe are an equal "
                    "opportunity employer and welcome applicants of every background.\n",
        fix_safety="No fix: the statement is the employer's to write.",
    )

    def check(self, doc, ctx):
        text = doc.text
        if not text.strip() or _SIGNALS.search(text):
            return
        start = doc.body_start
        index = doc.line_index(start)
        while index < doc.line_count - 1 and not doc.line(index).strip():
            index += 1
        at = doc.line_starts[index]
        yield Violation(at, at, "No equal-opportunity or inclusion statement found in the posting")
