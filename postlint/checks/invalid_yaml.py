from postlint.checks.base import Rule, RuleDocs
from postlint.diagnostics import Severity, Violation


class InvalidYaml(Rule):
    code = "PL002"
    name = "invalid-yaml"
    category = "file"
    severity = Severity.ERROR
    summary = "Front matter is not valid YAML"
    docs = RuleDocs(
        what="Reports front matter that YAML cannot read, at the position the parser stopped, with a "
             "hint for the common causes: a tab used for indentation, an unquoted ': ' inside a "
             "value, text after a closing quote, nesting or aliases beyond sane limits.",
        why="Jekyll and similar generators fail the whole build, or silently drop the front matter, "
            "when it is not valid YAML.",
        example="---\ntitle: Engineer: Backend\nlocation: Remote\n---\n",
        use_instead="---\ntitle: \"Engineer: Backend\"\nlocation: Remote\n---\n",
        fix_safety="Not fixable automatically.",
    )

    def check(self, doc, ctx):
        fm = doc.front_matter
        if fm is None or fm.problem is None or not fm.closed:
            return
        yield Violation(fm.problem.offset, fm.problem.offset + 1, f"Front matter is not valid YAML: {fm.problem.message}")
