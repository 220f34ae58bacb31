from postlint.checks.base import Rule, RuleDocs
from postlint.diagnostics import Severity


class Timeout(Rule):
    """Emitted by the engine when a file runs over its time budget."""

    code = "PL005"
    name = "timeout"
    category = "file"
    severity = Severity.ERROR
    summary = "File took longer than the time budget and was not checked"
    docs = RuleDocs(
        what="Reports a file whose checking took longer than the per-file time budget "
             "(`timeout` in the configuration, `--timeout SECONDS` on the command line; 30 s "
             "by default, 0 for none). Its other findings are not reported.",
        why="One pathological file must not hang a CI job or a pre-commit hook: the run goes "
            "on with the other files, and the slow one is named.",
        fix_safety="Not fixable. With --fix the file is left untouched.",
    )

    def check(self, doc, ctx):
        return ()
