from postlint.checks.base import Rule, RuleDocs
from postlint.diagnostics import Severity


class InvalidRecord(Rule):
    """Emitted by ``--jsonl`` for a line of the dump that cannot be linted as a posting."""

    code = "PL006"
    name = "invalid-record"
    category = "file"
    severity = Severity.ERROR
    summary = "A line of a --jsonl dump is not a JSON object with the text field"
    docs = RuleDocs(
        what="With `--jsonl FILE`, reports a line that is not valid JSON, is not a JSON object, "
             "or has no string at the `--text-field` path. The finding is placed on the dump "
             "itself (`FILE:LINE:COLUMN`, the line of the dump; the column of a JSON syntax "
             "error), not on a record.",
        why="A record that is silently skipped is a posting that is never checked. The run goes "
            "on with the next line, so one truncated line does not hide a whole dump.",
        fix_safety="Not fixable: repair the dump, or choose the right `--text-field`.",
    )

    def check(self, doc, ctx):
        return ()
