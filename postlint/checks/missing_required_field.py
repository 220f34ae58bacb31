from postlint.checks._schema_rule import SchemaRule
from postlint.checks.base import RuleDocs
from postlint.diagnostics import Severity


class MissingRequiredField(SchemaRule):
    code = "PL101"
    name = "missing-required-field"
    severity = Severity.ERROR
    summary = "Front matter lacks a field the schema requires"
    docs = RuleDocs(
        what="Reports each field that the schema marks as required and the front matter lacks, "
             "at the opening '---' line (or at the parent key, for nested fields).",
        why="A posting without a location or date cannot be filtered or sorted, and candidates "
            "cannot tell whether it is still open or where the job is.",
        example="---\nlayout: job\ntitle: Backend Engineer\n---\n",
        use_instead="---\nlayout: job\ntitle: Backend Engineer\nlocation: Remote (EU time zones)\npost-date: 2024-05-01\n---\n",
        fix_safety="Not fixable automatically.",
        options="The fields come from the schema in use: see `schema` in the configuration.",
    )
