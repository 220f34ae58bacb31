"""The rule contract, the registry and the docs: every rule, every time."""

import importlib
import pkgutil

import pytest

import postlint.checks as checks_pkg
from postlint.api import lint_text
from postlint.checks import BUILTIN_RULES
from postlint.checks.base import Rule, validate_rule
from postlint.docs import rule_markdown
from postlint.registry import load_registry

REGISTRY = load_registry()
# Rules the engine emits itself (no check of their own to run on an example).
ENGINE_RULES = {"PL000", "PL004", "PL005", "PL006", "PL901", "PL902"}


def test_every_rule_module_is_registered():
    listed = {cls.__module__ for cls in BUILTIN_RULES}
    for info in pkgutil.iter_modules(checks_pkg.__path__):
        if info.name.startswith("_") or info.name == "base":
            continue
        module = importlib.import_module(f"postlint.checks.{info.name}")
        rules = [v for v in vars(module).values() if isinstance(v, type) and issubclass(v, Rule)
                 and v.__module__ == module.__name__ and v.code]
        assert rules, f"{info.name} defines no rule"
        assert module.__name__ in listed, f"{info.name} is not in BUILTIN_RULES"
        for rule in rules:
            assert info.name == rule.name.replace("-", "_"), f"module {info.name} should be named after {rule.name}"


def test_rule_classes_table_states_each_rules_own_selection_facts():
    """The registry selects built-in rules from RULE_CLASSES without importing them:
    its code, slug, category and default must be the class's own."""
    from postlint.checks import RULE_CLASSES

    assert [(m, c) for m, c, *_ in RULE_CLASSES] == [(cls.__module__.rsplit(".", 1)[1], cls.__name__) for cls in BUILTIN_RULES]
    for (module, _cls, code, category, default), cls in zip(RULE_CLASSES, BUILTIN_RULES):
        assert (code, module.replace("_", "-"), category, default) == (cls.code, cls.name, cls.category, cls.default_enabled)


def test_a_run_imports_only_the_rule_modules_it_runs():
    """Rules that are off (PL508, PL105 by default) or not selected are never imported;
    a selected rule is, and runs; `postlint rules` still lists them all."""
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from postlint import lint_text\n"
        "text = '---\\ntitle: Dev\\n---\\nWe hire  ninjas ninjas.\\n'\n"
        "found = sorted({d.code for d in lint_text(text, 'x.md', CONFIG)})\n"
        "mods = sorted(m.rsplit('.', 1)[1] for m in sys.modules if m.startswith('postlint.checks.') and m != 'postlint.checks.base')\n"
        "print(found, mods)\n"
    )

    def run(config):
        out = subprocess.run([sys.executable, "-c", probe.replace("CONFIG", config)], capture_output=True, text=True, check=True)
        return out.stdout.strip()

    default = run("None")
    assert "PL403" in default and "repeated_word" in default  # a default rule ran, so it was imported
    for off in ("missing_eeo_statement", "future_post_date", "expired_posting", "gender_coded_balance"):
        assert off not in default
    selected = run("{'select': ['PL403', 'PL508']}")
    assert selected == "['PL403', 'PL508'] ['missing_eeo_statement', 'repeated_word']"


def test_codes_and_slugs_are_unique_and_well_formed():
    codes = [r.code for r in REGISTRY.rules]
    names = [r.name for r in REGISTRY.rules]
    assert len(codes) == len(set(codes)) and len(names) == len(set(names))
    for rule in REGISTRY.rules:
        assert validate_rule(rule) == [], rule


@pytest.mark.parametrize("rule", REGISTRY.rules, ids=lambda r: r.code)
def test_docs_render_and_examples_run(rule):
    page = rule_markdown(rule)
    assert page.startswith(f"# {rule.code} {rule.name}")
    assert "## What it does" in page and "## Why is this bad?" in page
    if rule.code in ENGINE_RULES or rule.code == "PL001":
        return
    assert rule.docs.example, f"{rule.code} has no example"
    config = {"select": [rule.code], "schema": "job-posting"}
    if getattr(rule, "example_options", None):
        config["rule-options"] = {rule.code: rule.example_options}
    path = getattr(rule, "example_path", "example.md")  # e.g. a Jekyll _posts/YYYY-MM-DD-slug.md name
    found = [d for d in lint_text(rule.docs.example, path, config) if d.code == rule.code]
    assert found, f"{rule.code}: the docs example does not trigger the rule"
    if rule.docs.use_instead:
        quiet = [d for d in lint_text(rule.docs.use_instead, path, config) if d.code == rule.code]
        assert quiet == [], f"{rule.code}: 'use instead' still triggers: {quiet}"


def test_selectors_resolve_codes_prefixes_slugs_and_categories():
    assert REGISTRY.resolve("PL301") == {"PL301"}
    assert REGISTRY.resolve("heading-without-space") == {"PL301"}
    assert {"PL301", "PL302"} <= REGISTRY.resolve("PL3")
    assert "PL101" in REGISTRY.resolve("front-matter")
    with pytest.raises(Exception, match="did you mean 'PL401'"):
        REGISTRY.resolve("PL4O1")
