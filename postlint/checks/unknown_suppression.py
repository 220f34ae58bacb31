from postlint.checks.base import Rule, RuleDocs
from postlint.diagnostics import Severity


class UnknownSuppression(Rule):
    """Emitted by the engine while reading suppression comments."""

    code = "PL902"
    name = "unknown-suppression"
    category = "postlint"
    severity = Severity.WARNING
    summary = "A postlint-disable comment names a rule that does not exist"
    docs = RuleDocs(
        what="Reports a code or slug in a suppression comment that is not a known rule.",
        why="A typo in a suppression ('PL4O1') suppresses nothing, and the finding it was meant "
            "to silence keeps coming back with no hint why.",
        example="<!-- postlint-disable-next-line PL4O1 -->\nExpirience with Ruby\n",
        use_instead="<!-- postlint-disable-next-line PL401 -->\nExpirience with Ruby\n",
        fix_safety="Not fixable.",
    )

    def check(self, doc, ctx):
        return ()
