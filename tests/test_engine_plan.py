"""The engine's per-linter plan (issue 6) gives the diagnostics of the per-file loop it replaced.

``Linter._plan`` resolves lazy rules, merges rule options and picks ``check`` over ``run`` once
per selection; :class:`PlainLinter` below is the loop as it was (all of it per file, through
the registry's LazyRule proxies). Both are run on the corpus, when it is there, and on hostile
edge cases, with default rules, with every rule, and with rule options set by code and by slug.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from postlint.api import make_settings
from postlint.checks.base import Context, Rule
from postlint.config import ConfigError
from postlint.diagnostics import Diagnostic, Violation
from postlint.document import Document
from postlint.engine import FileContext, Linter
from postlint.registry import Registry, load_registry

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"


class PlainLinter(Linter):
    """The engine loop before the plan: selection, options and the rule proxies per file."""

    def lint_document(self, doc, settings, path=None):
        rules = self.enabled(settings, path)
        codes = {r.code for r in rules}
        from postlint.schema import schema_for_document

        file_ctx = FileContext(settings, schema_for_document(settings, doc, path), settings.words)
        found = []
        if doc.is_binary:
            rules = [r for r in rules if r.code == "PL001"]
        for rule in rules:
            options = dict(rule.default_options)
            options.update(settings.rule_options.get(rule.code, {}))
            options.update(settings.rule_options.get(rule.name, {}))
            ctx = Context(options=options, settings=file_ctx)
            try:
                for v in rule.run(doc, ctx):
                    found.append((rule, v))
            except ConfigError:
                raise
            except Exception as exc:  # noqa: BLE001
                if "PL000" in codes:
                    found.append((self.registry.get("PL000"),
                                  Violation(0, 0, f"rule {rule.code} ({rule.name}) failed: {type(exc).__name__}: {exc}")))
                else:
                    raise
        if doc.is_binary:
            return [self._stamp(doc, rule, v, settings) for rule, v in found]
        from postlint.suppress import Suppressions, parse_directives

        directives = parse_directives(doc, self.registry)
        result = []
        if directives:
            sup = Suppressions(directives)
            for rule, v in found:
                if rule.code != "PL000" and sup.suppressed(rule.code, doc.line_index(v.start)):
                    continue
                result.append(self._stamp(doc, rule, v, settings))
            result.extend(self._directive_findings(doc, directives, codes, settings))
        else:
            result = [self._stamp(doc, rule, v, settings) for rule, v in found]
        result.sort(key=Diagnostic.sort_key)
        return result


HOSTILE = [
    b"",
    b"---\n---\n",
    b"\xef\xbb\xbf---\r\ntitle: Engineer\r\nlocation: Remote\r\n---\r\n# Role\r\n\r\nWe build things.\r\n",
    "---\ntitle: Ingénieur\tlogiciel\n---\n## À propos\n\nNous cherchons un·e développeur·se. Salary: €50k–€60k.\n".encode(),
    b"---\ntitle: {{ page.title }}\n---\n# {% if x %}Role{% endif %}\n\n<%= erb %> `code span` <b>html</b>\n",
    b"# Role\n\n<!-- postlint-disable PL401 -->\nWe are a rockstar ninja teem.\n<!-- postlint-enable -->\n"
    b"<!-- postlint-disable-next-line NOPE999 -->\nAnd a guru.\n",
    b"---\ntitle: x  # postlint-disable-line PL102\npost-date: 3-18-2013\n---\nBody\n",
    b"\x89PNG\r\n\x1a\n\x00\x00\x00binary",
    b"caf\xe9 bad bytes\n",
    "\ufeff".encode("utf-16") + "# UTF-16 posting\n\nHello.\n".encode("utf-16-le"),
]

CONFIGS = [
    None,
    {"select": ["ALL"]},
    {"select": ["ALL"], "rule-options": {"PL602": {"min-words": 400}, "posting-length": {"max-words": 50}}},
    {"ignore": ["PL4"], "severity": {"PL1": "error"}},
]


def _inputs():
    items = [(data, f"hostile-{i}.md") for i, data in enumerate(HOSTILE)]
    if CORPUS.is_dir():
        files = sorted(p for p in CORPUS.rglob("*.md") if p.is_file())
        items += [(f.read_bytes(), str(f)) for f in files[::3]]
    return items


@pytest.mark.parametrize("config", CONFIGS, ids=["default", "all", "options", "ignore-severity"])
def test_plan_gives_the_plain_loops_diagnostics(config):
    settings = make_settings(config)
    registry = load_registry(settings.rule_files)
    fast, plain = Linter(registry, None), PlainLinter(registry, None)
    for data, name in _inputs():
        got = fast.lint_bytes(data, name, settings, Path(name)).diagnostics
        want = plain.lint_bytes(data, name, settings, Path(name)).diagnostics
        assert got == want, name


def test_plan_follows_changed_rule_options():
    registry = load_registry()
    linter = Linter(registry, None)
    code = registry.get("posting-length").code
    text = b"---\ntitle: x\n---\n# Role\n\nShort.\n"
    settings = make_settings({"select": [code], "schema": "none"})
    before = linter.lint_bytes(text, "a.md", settings).diagnostics
    settings.rule_options = {code: {"min-words": 50}}  # the same Settings object, changed in place
    after = linter.lint_bytes(text, "a.md", settings).diagnostics
    assert before == [] and [d.code for d in after] == [code]
    assert after == PlainLinter(registry, None).lint_bytes(text, "a.md", settings).diagnostics


class _Counting(Rule):
    code, name, category, summary = "ZZ901", "counting-rule", "content", "counts"
    runs = 0

    def check(self, doc, ctx):
        yield Violation(0, 0, "checked")

    def run(self, doc, ctx):  # a rule that wraps its own check: the plan must keep it
        type(self).runs += 1
        yield from self.check(doc, ctx)


class _Mutating(Rule):
    code, name, category, summary = "ZZ902", "mutating-rule", "content", "mutates its options"
    default_options = {"seen": 0}

    def check(self, doc, ctx):
        ctx.options["seen"] += 1  # each file must get fresh options, as before
        yield Violation(0, 0, f"seen {ctx.options['seen']}")


def test_plan_keeps_an_overridden_run_and_fresh_options():
    _Counting.docs = _Mutating.docs = type(Rule.docs)(what="w", why="y")
    linter = Linter(Registry([_Counting(), _Mutating()]), None)
    settings = make_settings({"select": ["ALL"], "schema": "none"})
    for _ in range(3):
        diags = linter.lint_document(Document.from_text("x\n"), settings)
        assert sorted(d.message for d in diags) == ["checked", "seen 1"]
    assert _Counting.runs == 3


def test_plan_keeps_a_run_wrapped_on_the_registry_entry():
    # benchmarks/per_rule.py times rules by wrapping ``run`` on the registry's (lazy) entries.
    from postlint.registry import LazyRule
    from postlint.checks import RULE_CLASSES

    entry = next(LazyRule(*e) for e in RULE_CLASSES if e[2] == "PL301")
    registry = Registry([entry])
    seen = []

    def wrapped(doc, ctx, _run=entry.run):
        seen.append(doc.path)
        return list(_run(doc, ctx))

    entry.run = wrapped
    settings = make_settings({"select": ["ALL"], "schema": "none"})
    diags = Linter(registry, None).lint_document(Document.from_text("##ABOUT\n", "a.md"), settings)
    assert seen == ["a.md"] and [d.code for d in diags] == ["PL301"]


@pytest.mark.parametrize("was_on", [True, False])
def test_lint_bytes_leaves_the_cyclic_collector_as_it_found_it(was_on, monkeypatch):
    # lint_bytes turns the collector off while it lints one file (a 100,000-item list made it
    # walk the tokens again and again); whatever happens inside, the caller's setting comes back.
    import gc

    from postlint.timebudget import FileTimeout

    linter = Linter(load_registry(()), None)
    settings = make_settings(None)
    inside = []
    real = Linter._lint_bytes

    def spy(self, *a, **k):
        inside.append(gc.isenabled())
        return real(self, *a, **k)

    (gc.enable if was_on else gc.disable)()
    try:
        monkeypatch.setattr(Linter, "_lint_bytes", spy)
        result = linter.lint_bytes(b"---\ntitle: x\n---\n##ABOUT\n", "a.md", settings, Path("a.md"))
        assert result.diagnostics and inside == [False] and gc.isenabled() is was_on

        def times_out(self, *a, **k):
            raise FileTimeout(30.0)

        monkeypatch.setattr(Linter, "_lint_bytes", times_out)
        assert linter.lint_bytes(b"x", "b.md", settings, Path("b.md")).diagnostics[0].code == "PL005"
        assert gc.isenabled() is was_on
    finally:
        gc.enable()


def test_per_file_ignores_share_one_plan_per_selection_not_one_per_file(tmp_path):
    # The selection is looked up per path when per-file-ignores are set; the plans (each rule's
    # merged options) are per selection, so 300 files make 2 plans, not 300.
    settings = make_settings({"per-file-ignores": {"old/*.md": ["PL301"]}}, tmp_path)
    linter = Linter(load_registry(()), None)
    data = b"---\ntitle: x\n---\n##ABOUT\n"
    for i in range(150):
        for folder in ("old", "new"):
            path = tmp_path / folder / f"p{i}.md"
            codes = {d.code for d in linter.lint_bytes(data, str(path), settings, path).diagnostics}
            assert ("PL301" in codes) is (folder == "new")
    assert len(linter._plans) == 2 and len(linter._rules_by_codes) == 2
