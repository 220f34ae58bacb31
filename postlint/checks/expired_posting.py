from postlint.checks.base import Rule, RuleDocs
from postlint.dates import days as _days, first_date, today
from postlint.diagnostics import Severity, Violation


class ExpiredPosting(Rule):
    code = "PL106"
    name = "expired-posting"
    category = "front-matter"
    severity = Severity.WARNING
    default_enabled = False
    summary = "The posting's closing date has passed"
    default_options = {"fields": ["valid-through", "validThrough", "closes", "closing-date", "expires", "deadline"],
                       "today": None}
    docs = RuleDocs(
        what="Reports a closing date (the first of `fields` that holds a date: valid-through, "
             "closes, ...) earlier than today, at the date.",
        why="An expired posting still on the site wastes applicants' time, and search engines drop "
            "job postings whose validThrough has passed.",
        example="---\nlayout: job\ntitle: Backend Developer\nlocation: Minnesota\npost-date: 2013-03-18\n"
                "valid-through: 2013-04-30\n---\n",
        use_instead="---\nlayout: job\ntitle: Backend Developer\nlocation: Minnesota\npost-date: 2013-03-18\n"
                    "valid-through: 2999-04-30\n---\n",
        fix_safety="Not fixable: close the posting or extend the date.",
        options="`fields` (default valid-through, validThrough, closes, closing-date, expires, deadline): "
                "the keys read, first one with a date wins; 'TBD' or an ambiguous date is skipped. "
                "`today` (YYYY-MM-DD, default the real date): the date to compare with.",
    )

    def check(self, doc, ctx):
        found = first_date(doc, ctx.option("fields", self.default_options["fields"]))
        if found is None:
            return
        name, date, (start, end) = found
        now = today(ctx.option("today"))
        if date < now:
            yield Violation(start, end, f"Field '{name}' is {date.isoformat()}: the posting closed "
                                        f"{_days(now - date)} before today ({now.isoformat()})")
