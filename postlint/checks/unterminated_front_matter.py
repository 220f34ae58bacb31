from postlint.checks.base import Rule, RuleDocs
from postlint.diagnostics import Severity, Violation


class UnterminatedFrontMatter(Rule):
    code = "PL003"
    name = "unterminated-front-matter"
    category = "file"
    severity = Severity.ERROR
    summary = "Front matter is opened with '---' but never closed"
    docs = RuleDocs(
        what="Reports a posting whose first line is '---' followed by 'key: value' lines, with no "
             "closing '---' line.",
        why="Without the closing line the generator reads the whole posting as front matter, or "
            "none of it, and the page is broken.",
        example="---\ntitle: Backend Developer\nlocation: Remote\n\nWe are hiring.\n",
        use_instead="---\ntitle: Backend Developer\nlocation: Remote\n---\n\nWe are hiring.\n",
        fix_safety="Not fixable automatically: where the front matter ends is a guess.",
    )

    def check(self, doc, ctx):
        fm = doc.front_matter
        if fm is not None and not fm.closed:
            yield Violation(0, 3, "Front matter is opened with '---' on line 1 but never closed; add a '---' line after the last key")
