"""Shared base of the rules that report schema findings (PL101, PL102, PL103)."""

from postlint.checks.base import Rule
from postlint.diagnostics import Violation


class SchemaRule(Rule):
    category = "front-matter"

    def check(self, doc, ctx):
        schema = getattr(ctx.settings, "schema_path", None)
        if schema is None:
            return
        from postlint.schema import validate

        for finding in validate(doc, schema):
            if finding.code == self.code:
                yield Violation(finding.start, finding.end, finding.message, fix=finding.fix,
                                suggestions=finding.suggestions)
