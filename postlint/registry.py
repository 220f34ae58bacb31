"""The rule registry: built-in logic rules, word-list rules from rules/*.yaml,
the user's own rule files, and plugins from the ``postlint.rules`` entry-point group.

A plugin's entry point names a Rule subclass, a Rule instance, or a list of
either, e.g. in the plugin's pyproject.toml::

    [project.entry-points."postlint.rules"]
    acme = "acme_postlint:RULES"
"""

from __future__ import annotations

import re
from pathlib import Path

# postlint.checks.base is imported where rules are built: the result cache asks this
# module about plugins (plugin_entry_points) on runs that never build a rule.

from postlint.pluginscan import ENTRY_POINT_GROUP, may_have_plugins as _may_have_plugins  # noqa: F401 - ENTRY_POINT_GROUP is part of this module's API


class RegistryError(Exception):
    """A rule that breaks the contract, a duplicate code, a selector that matches nothing."""


class LazyRule:
    """A built-in logic rule whose module is imported on first use beyond selection.

    Selecting rules needs only the code, slug, category and default that
    ``postlint.checks.RULE_CLASSES`` lists; anything else (``run``, ``docs``,
    ``severity``...) imports the module and is answered by the real rule. So a run
    never imports, nor compiles the regexes of, a rule it does not run (PL508's
    module alone is ~3 ms), while ``postlint rules`` and the docs see every rule.
    """

    source = "builtin"

    def __init__(self, module: str, cls: str, code: str, category: str, default_enabled: bool):
        self.module, self.cls = module, cls
        self.code, self.name, self.category = code, module.replace("_", "-"), category
        self.default_enabled = default_enabled
        self._rule = None

    def load(self) -> Rule:
        rule = self.__dict__.get("_rule")
        if rule is None:
            cls = getattr(__import__(f"postlint.checks.{self.module}", fromlist=[self.cls]), self.cls)
            rule = cls()
            if (rule.code, rule.name, rule.category, rule.default_enabled) != (
                    self.code, self.name, self.category, self.default_enabled):
                raise RegistryError(f"rule {rule.code} ({self.module}.{self.cls}) does not match its "
                                    f"entry in postlint.checks.RULE_CLASSES")
            self._rule = rule
        return rule

    def __getattr__(self, attr):  # only for what the instance itself does not hold
        if attr.startswith("__") or attr == "_rule":  # copy/pickle probing a bare instance
            raise AttributeError(attr)
        return getattr(self.load(), attr)

    def __repr__(self) -> str:
        return f"<Rule {self.code} {self.name}>"


class Registry:
    def __init__(self, rules):
        from postlint.checks.base import validate_rule

        self.by_code: dict[str, Rule] = {}
        self.by_name: dict[str, Rule] = {}
        for rule in rules:
            # A built-in rule is checked against the contract by the tests, and against its
            # RULE_CLASSES entry when it loads; validating here would import every module.
            problems = [] if isinstance(rule, LazyRule) else validate_rule(rule)
            if problems:
                raise RegistryError(f"rule {getattr(rule, 'code', '?')} from {rule.source}: {problems[0]}")
            for table, key in ((self.by_code, rule.code), (self.by_name, rule.name)):
                other = table.get(key)
                if other is not None:
                    raise RegistryError(f"rule {key} from {rule.source} clashes with the one from {other.source}")
                table[key] = rule
        self.rules = sorted(self.by_code.values(), key=lambda r: r.code)

    def get(self, key: str) -> Rule | None:
        return self.by_code.get(key.upper()) or self.by_name.get(key.lower())

    def resolve(self, selector: str) -> set[str]:
        """Codes matched by a selector: ALL, a code, a slug, a code prefix (PL4, PL40) or a category."""
        sel = selector.strip()
        if sel.upper() == "ALL":
            return set(self.by_code)
        rule = self.get(sel)
        if rule is not None:
            return {rule.code}
        if re.fullmatch(r"[A-Za-z]{1,5}[0-9]{0,3}", sel):
            codes = {c for c in self.by_code if c.startswith(sel.upper())}
            if codes:
                return codes
        codes = {r.code for r in self.rules if r.category == sel.lower()}
        if codes:
            return codes
        raise RegistryError(f"unknown rule selector {selector!r}" + _suggest(sel, self))

    def defaults(self) -> set[str]:
        return {r.code for r in self.rules if r.default_enabled}


def _suggest(selector: str, registry: Registry) -> str:
    import difflib

    names = list(registry.by_code) + list(registry.by_name)
    close = difflib.get_close_matches(selector, names, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def plugin_entry_points() -> list:
    """The ``postlint.rules`` entry points, without importing ``importlib.metadata``
    (~20 ms) when no distribution on the path can declare one (see ``_may_have_plugins``)."""
    if not _may_have_plugins():
        return []
    from importlib.metadata import entry_points

    return list(entry_points(group=ENTRY_POINT_GROUP))


def _plugin_rules():
    from postlint.checks.base import Rule

    rules = []
    for ep in plugin_entry_points():
        try:
            obj = ep.load()
        except Exception as exc:  # a broken plugin must not crash postlint
            raise RegistryError(f"plugin {ep.name!r} ({ep.value}) failed to load: {type(exc).__name__}: {exc}") from None
        items = obj if isinstance(obj, (list, tuple)) else [obj]
        for item in items:
            rule = item() if isinstance(item, type) else item
            if not isinstance(rule, Rule):
                raise RegistryError(f"plugin {ep.name!r} ({ep.value}) gave {item!r}, not a postlint Rule")
            rule.source = f"plugin {ep.name}"
            rules.append(rule)
    return rules


_CACHE: dict = {}


def load_registry(rule_files: tuple = (), plugins: bool = True) -> Registry:
    """All rules: built-in, rules/*.yaml, the user's rule files, and plugins (cached)."""
    key = (tuple(str(p) for p in rule_files), plugins)
    if key in _CACHE:
        return _CACHE[key]
    from postlint.checks import RULE_CLASSES
    from postlint.wordlist import RuleFileError, builtin_rule_files, load_rule_file

    rules: list = [LazyRule(*entry) for entry in RULE_CLASSES]
    for path in builtin_rule_files():
        rules.append(load_rule_file(path))
    for path in rule_files:
        try:
            rules.append(load_rule_file(Path(path), validate=True))
        except RuleFileError as exc:
            raise RegistryError(str(exc)) from None
    if plugins:
        rules.extend(_plugin_rules())
    registry = Registry(rules)
    _CACHE[key] = registry
    return registry
