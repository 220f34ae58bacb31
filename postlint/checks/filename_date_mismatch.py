from postlint.checks.base import Rule, RuleDocs
from postlint.dates import filename_date, first_date
from postlint.diagnostics import Severity, Violation



class FilenameDateMismatch(Rule):
    code = "PL107"
    name = "filename-date-mismatch"
    category = "front-matter"
    severity = Severity.WARNING
    default_enabled = False
    summary = "A Jekyll post's filename date differs from its front-matter date"
    default_options = {"fields": ["date", "post-date"]}
    example_path = "_posts/2013-03-18-backend-developer.md"  # the docs example is linted as this file
    docs = RuleDocs(
        what="For a file named like a Jekyll post (`YYYY-MM-DD-slug.md`), reports a front-matter "
             "date (the first of `fields` that holds a date) on another day than the filename's, at "
             "the date.",
        why="Jekyll takes the URL from the filename's date and the displayed date from the front "
            "matter: a mismatch shows one date and links another, and usually means a copied posting "
            "whose date was not updated.",
        example="---\nlayout: job\ntitle: Backend Developer\nlocation: Minnesota\ndate: 2013-03-25\n---\n",
        use_instead="---\nlayout: job\ntitle: Backend Developer\nlocation: Minnesota\ndate: 2013-03-18\n---\n",
        fix_safety="Not fixable: either the filename or the date may be the right one.",
        options="`fields` (default date, post-date): the keys compared with the filename.",
    )

    def check(self, doc, ctx):
        file_date = filename_date(doc.path)
        if file_date is None:
            return
        found = first_date(doc, ctx.option("fields", self.default_options["fields"]))
        if found is None:
            return
        field, date, (start, end) = found
        if date != file_date:
            yield Violation(start, end, f"Field '{field}' is {date.isoformat()} but the filename says "
                                        f"{file_date.isoformat()}")
