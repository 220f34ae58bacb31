from postlint.checks.base import Rule, RuleDocs
from postlint.diagnostics import Severity


class InternalError(Rule):
    """Emitted by the engine, not by a check: a rule crashed on this file."""

    code = "PL000"
    name = "internal-error"
    category = "file"
    severity = Severity.ERROR
    summary = "postlint failed while checking this file"
    docs = RuleDocs(
        what="Reports that a rule raised an unexpected error on this file. The other rules and "
             "files are still checked, and postlint exits with code 2.",
        why="A linter must never hide a file behind a traceback; this names the file and the rule "
            "so the problem can be reported and the file checked by hand.",
        fix_safety="Not fixable: please report the file and the message as a bug.",
    )

    def check(self, doc, ctx):
        return ()
