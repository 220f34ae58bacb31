from postlint.checks.base import Rule, RuleDocs
from postlint.diagnostics import Severity


class UnusedSuppression(Rule):
    """Emitted by the engine after suppressions are applied."""

    code = "PL901"
    name = "unused-suppression"
    category = "postlint"
    severity = Severity.WARNING
    fixable = True
    summary = "A postlint-disable comment suppresses nothing"
    docs = RuleDocs(
        what="Reports a `<!-- postlint-disable ... -->` comment (or its `# postlint-disable` "
             "form in front matter) that did not suppress any finding in this run.",
        why="Stale suppressions hide future problems: once the text they excused is gone they "
            "only make the next real finding invisible.",
        example="<!-- postlint-disable-next-line PL401 -->\nExperience with Ruby\n",
        use_instead="Experience with Ruby\n",
        fix_safety="Safe: removes the comment when it stands alone on its line.",
    )

    def check(self, doc, ctx):
        return ()
