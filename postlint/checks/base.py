"""The rule contract.

A rule is a small class with a stable ``code`` (PL301), a ``name`` slug that
names the problem (``heading-without-space``), a category, a default severity,
whether it is on by default, and docs in four parts (What it does / Why is this
bad? / Example / Use instead). ``check`` is a pure function of the Document:
it yields :class:`~postlint.diagnostics.Violation` objects as character offsets,
never prints, never reads files, and gets its options through the context.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from postlint._record import FRESH as _FRESH, FrozenRecord, Record
from postlint.diagnostics import Severity, Violation

CODE_RE = re.compile(r"^[A-Z]{1,5}[0-9]{3,4}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")

CATEGORIES = {
    "file": "File and parsing",
    "front-matter": "Front matter and schema",
    "characters": "Characters and encoding",
    "markdown": "Markdown structure",
    "spelling": "Spelling and usage",
    "inclusive-language": "Inclusive language",
    "content": "Content and compliance",
    "postlint": "postlint itself",
}


class RuleDocs(FrozenRecord):
    """A rule's documentation (`postlint rule`, the docs pages, SARIF). Was a frozen dataclass;
    a hand-written record (postlint._record) to spare the class build at every start."""

    _fields = ("what", "why", "example", "use_instead", "fix_safety", "options")

    def __init__(self, what: str, why: str, example: str = "", use_instead: str = "", fix_safety: str = "",
                 options: str = ""):
        set_ = object.__setattr__
        set_(self, "what", what)
        set_(self, "why", why)
        set_(self, "example", example)  # a posting fragment the rule flags
        set_(self, "use_instead", use_instead)  # the same fragment, fixed; the rule is quiet on it
        set_(self, "fix_safety", fix_safety)
        set_(self, "options", options)


class Context(Record):
    """What a rule may know besides the Document: its options and shared services.

    A hand-written record (postlint._record), not a dataclass: the same fields, defaults
    (a fresh dict for options) and eq/repr."""

    _fields = ("options", "settings")

    def __init__(self, options: dict = _FRESH, settings: object = None):
        self.options = {} if options is _FRESH else options
        self.settings = settings  # postlint.config.Settings

    def option(self, name, default=None):
        return self.options.get(name, default)


class Rule:
    code: str = ""
    name: str = ""
    category: str = ""
    severity: Severity = Severity.WARNING
    default_enabled: bool = True
    fixable: bool = False
    summary: str = ""  # one line, shown in `postlint rules`
    docs: RuleDocs = RuleDocs(what="", why="")
    default_options: dict = {}
    # Options the docs example is linted with, for a rule whose example needs a non-default
    # setting (PL602's short-posting half is off by default); shown on the rule's page.
    example_options: dict = {}
    source: str = "builtin"  # builtin, a rules/*.yaml path, or a plugin's name

    def check(self, doc, ctx: Context) -> Iterable[Violation]:  # pragma: no cover - abstract
        raise NotImplementedError

    def run(self, doc, ctx: Context) -> Iterator[Violation]:
        yield from self.check(doc, ctx)

    def __repr__(self) -> str:
        return f"<Rule {self.code} {self.name}>"


def validate_rule(rule) -> list[str]:
    """Contract problems of a rule (empty when it is well-formed)."""
    problems = []
    if not CODE_RE.match(getattr(rule, "code", "") or ""):
        problems.append(f"code {rule.code!r} is not like 'PL123'")
    if not NAME_RE.match(getattr(rule, "name", "") or ""):
        problems.append(f"name {rule.name!r} is not a lower-case-slug")
    if rule.category not in CATEGORIES:
        problems.append(f"category {rule.category!r} is not one of {sorted(CATEGORIES)}")
    if not isinstance(rule.severity, Severity):
        problems.append("severity is not a Severity")
    if not rule.summary:
        problems.append("summary is empty")
    if not (rule.docs.what and rule.docs.why):
        problems.append("docs need 'what' and 'why'")
    if not callable(getattr(rule, "check", None)):
        problems.append("check() is missing")
    return problems
