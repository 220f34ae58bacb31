from postlint.checks.base import Rule, RuleDocs
from postlint.diagnostics import Severity, Violation


class MissingFrontMatter(Rule):
    code = "PL100"
    name = "missing-front-matter"
    category = "front-matter"
    severity = Severity.ERROR
    summary = "Posting has no YAML front matter"
    docs = RuleDocs(
        what="Reports a posting that does not start with a '---' front-matter block, when the "
             "schema in use requires fields.",
        why="Job boards list, sort and filter postings by their front matter (title, location, "
            "date). A posting without it is missing from listings or rendered with the wrong layout.",
        example="## Backend Engineer\nWe are hiring.\n",
        use_instead="---\nlayout: job\ntitle: Backend Engineer\nlocation: Remote\npost-date: 2024-05-01\n---\nWe are hiring.\n",
        fix_safety="Not fixable automatically: the values are yours to write.",
    )

    def check(self, doc, ctx):
        if doc.front_matter is not None or not doc.text.strip():
            return
        schema = getattr(ctx.settings, "schema_path", None)
        if schema is None:
            return
        from postlint.schema import _bundled_schema, validator_for

        # postlint's own schema is read without building a jsonschema validator
        schema_doc = _bundled_schema(schema)
        if schema_doc is None:
            schema_doc, _ = validator_for(schema)
        required = schema_doc.get("required", []) if isinstance(schema_doc, dict) else []
        if required:
            fields = ", ".join(required)
            yield Violation(0, 0, f"Posting has no front matter (expected a '---' block with: {fields})")
