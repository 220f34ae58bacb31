from postlint.checks._schema_rule import SchemaRule
from postlint.checks.base import RuleDocs
from postlint.diagnostics import Severity


class UnknownField(SchemaRule):
    code = "PL103"
    name = "unknown-field"
    severity = Severity.WARNING
    summary = "Front-matter key is unknown or a probable typo of a known one"
    docs = RuleDocs(
        what="Reports a key that the schema does not know, with a did-you-mean. When the schema "
             "allows extra keys, only keys within one or two edits of a known key (or equal but for "
             "case and separators) are reported, since those are almost surely typos.",
        why="A misspelt key ('ttitle', 'Company') is silently ignored by the site: the posting "
            "shows no title or company, and nothing else tells you.",
        example="---\nlayout: job\nttitle: Backend Engineer\nlocation: Remote\npost-date: 2024-05-01\n---\n",
        use_instead="---\nlayout: job\ntitle: Backend Engineer\nlocation: Remote\npost-date: 2024-05-01\n---\n",
        fix_safety="Not fixable automatically: renaming a key can change what the site shows.",
    )
