from postlint.checks.base import Rule, RuleDocs
from postlint.diagnostics import Severity, Violation


class DuplicateField(Rule):
    code = "PL104"
    name = "duplicate-field"
    category = "front-matter"
    severity = Severity.ERROR
    summary = "Front-matter key appears twice"
    docs = RuleDocs(
        what="Reports a key that appears more than once in the same mapping, at the second one.",
        why="YAML readers keep only the last value without a warning, so an edit to the first one "
            "has no effect on the page.",
        example="---\ntitle: Backend Engineer\nlocation: Remote\ntitle: Senior Backend Engineer\n---\n",
        use_instead="---\ntitle: Senior Backend Engineer\nlocation: Remote\n---\n",
        fix_safety="Not fixable automatically: which value is right is yours to decide.",
    )

    def check(self, doc, ctx):
        fm = doc.front_matter
        if fm is None:
            return
        for dup in fm.duplicates:
            line, _ = doc.position(dup.first_start)
            where = ".".join(str(p) for p in dup.path)
            yield Violation(dup.start, dup.end, f"Field '{where}' is repeated (first on line {line}); only the last value is used")
