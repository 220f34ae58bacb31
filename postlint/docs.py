"""Rule documentation, generated from each rule's metadata (``postlint rule CODE``)."""

from __future__ import annotations

from postlint.checks.base import CATEGORIES


def _fence(text: str) -> str:
    return "```markdown\n" + text.rstrip("\n") + "\n```\n"


def rule_markdown(rule) -> str:
    d = rule.docs
    state = "on by default" if rule.default_enabled else "off by default (opt in with `extend-select`)"
    fix = "safe fix" if rule.fixable else "no fix"
    out = [
        f"# {rule.code} {rule.name}\n",
        f"{rule.summary}.\n" if not rule.summary.endswith((".", ")", '"')) else f"{rule.summary}\n",
        f"Category: {CATEGORIES.get(rule.category, rule.category)} · default severity: {rule.severity} · "
        f"{state} · {fix if rule.fixable else 'not fixable'}\n",
        "## What it does\n",
        d.what.strip() + "\n",
        "## Why is this bad?\n",
        d.why.strip() + "\n",
    ]
    if d.example:
        out += ["## Example\n"]
        options = getattr(rule, "example_options", None)
        if options:
            import json

            settings = "\n".join(f"{k} = {json.dumps(v)}" for k, v in options.items())
            out += [f"With these options:\n\n```toml\n[tool.postlint.rule-options.{rule.code}]\n{settings}\n```\n"]
        out += [_fence(d.example)]
    if d.use_instead:
        out += ["## Use instead\n", _fence(d.use_instead)]
    if d.fix_safety:
        out += ["## Fix safety\n", d.fix_safety.strip() + "\n"]
    if d.options:
        out += ["## Options\n", d.options.strip() + "\n"]
    if rule.source != "builtin":
        out += [f"Defined in: {rule.source}\n"]
    return "\n".join(out)


def rule_json(rule) -> dict:
    d = rule.docs
    return {
        "code": rule.code,
        "name": rule.name,
        "category": rule.category,
        "severity": str(rule.severity),
        "default_enabled": rule.default_enabled,
        "fixable": rule.fixable,
        "summary": rule.summary,
        "what": d.what,
        "why": d.why,
        "example": d.example,
        "use_instead": d.use_instead,
        "fix_safety": d.fix_safety,
        "options": d.options,
    }
