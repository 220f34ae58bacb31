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
