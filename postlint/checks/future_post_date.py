from postlint.checks.base import Rule, RuleDocs
from postlint.dates import days as _days, first_date, today
from postlint.diagnostics import Severity, Violation


class FuturePostDate(Rule):
    code = "PL105"
    name = "future-post-date"
    category = "front-matter"
    severity = Severity.WARNING
    default_enabled = False
    summary = "The posting date is in the future"
    default_options = {"fields": ["post-date", "date", "posted", "opens", "created", "datePosted"],
                       "today": None, "grace-days": 1}
    docs = RuleDocs(
        what="Reports a posting date (the first of `fields` that holds a date) later than today, "
             "at the date.",
        why="Jekyll skips posts dated in the future unless built with --future, so the posting "
            "silently does not appear; elsewhere it sorts above every current posting. It is "
            "usually a typo in the year or a day/month swap.",
        example="---\nlayout: job\ntitle: Backend Developer\nlocation: Minnesota\npost-date: 2999-03-18\n---\n",
        use_instead="---\nlayout: job\ntitle: Backend Developer\nlocation: Minnesota\npost-date: 2013-03-18\n---\n",
        fix_safety="Not fixable: only the author knows the right date.",
        options="`fields` (default post-date, date, posted, opens, created, datePosted): the keys read, "
                "first one with a date wins. `today` (YYYY-MM-DD, default the real date): the date to "
                "compare with, for reproducible runs. `grace-days` (default 1): days ahead still "
                "accepted (time zones).",
    )

    def check(self, doc, ctx):
        found = first_date(doc, ctx.option("fields", self.default_options["fields"]))
        if found is None:
            return
        import datetime as _dt

        name, date, (start, end) = found
        now = today(ctx.option("today"))
        grace = int(ctx.option("grace-days", 1) or 0)
        if date > now + _dt.timedelta(days=grace):
                        yield Violation(start, end, f"Field '{name}' is {date.isoformat()}, {_days(date - now)} after today "
                                        f"({now.isoformat()}): a posting dated in the future is not published by Jekyll")
