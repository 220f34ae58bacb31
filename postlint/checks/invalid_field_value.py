from postlint.checks._schema_rule import SchemaRule
from postlint.checks.base import RuleDocs
from postlint.diagnostics import Severity


class InvalidFieldValue(SchemaRule):
    code = "PL102"
    name = "invalid-field-value"
    severity = Severity.ERROR
    fixable = True
    summary = "Front-matter value has the wrong type, format or value"
    docs = RuleDocs(
        what="Reports a front-matter value that the schema rejects (wrong type, a date that is not "
             "ISO 8601, a value outside an allowed list, a pattern not matched), at the value.",
        why="Templates and feeds parse these values: '3-18-2013' sorts wrongly and breaks date "
            "filters, and a list where a text is expected breaks the page.",
        example="---\nlayout: job\ntitle: Backend Developer\nlocation: Minnesota\npost-date: 3-18-2013\n---\n",
        use_instead="---\nlayout: job\ntitle: Backend Developer\nlocation: Minnesota\npost-date: 2013-03-18\n---\n",
        fix_safety="A date with only one possible reading (3-18-2013 can only be March 18) is "
                   "rewritten as YYYY-MM-DD; an ambiguous one (4-5-2013) is only reported with both readings.",
    )
