from postlint.checks.base import Rule, RuleDocs
from postlint.diagnostics import Severity


class UnreadableFile(Rule):
    """Emitted by the engine when a file cannot be read or written."""

    code = "PL004"
    name = "unreadable-file"
    category = "file"
    severity = Severity.ERROR
    summary = "File could not be read (or, with --fix, written)"
    docs = RuleDocs(
        what="Reports a path that could not be read (permission denied, deleted during the run, a "
             "broken link) or, with --fix, a fixed file that could not be written back.",
        why="A file that is silently skipped is a file that is never checked. The run goes on with "
            "the other files.",
        fix_safety="Not fixable: check the file's permissions.",
    )

    def check(self, doc, ctx):
        return ()
