"""ReDoS: every regex postlint uses, fed adversarial strings of growing size.

The patterns are collected, not listed: module globals and class attributes of
every postlint module, and everything reachable from the rule objects of the
registry (which holds the compiled patterns of rules/*.yaml). Each is run the way
the rules run it (``finditer`` over a whole text) on pump strings of size n and
4n; the time must grow about linearly (a ratio near 4; quadratic is 16, and
catastrophic backtracking far more). A ratio, not a time limit, so a slow or
busy machine does not fail it; a suspicious ratio is measured again, and then one size
up, before failing.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import time
from pathlib import Path

import pytest

import postlint
from postlint.api import linter_for, make_settings

N = 2_000
GENERIC = ["a", " ", "\t", "\n", "\r\n", "-", "- ", "#", "<", "<a ", "{", "{{", "{%", "<%", "*", "_", "`", "[", "](",
           "(", ">", "!", ":", ": ", ".", "a.", "a@", "@", "/", "http://", "www.", "\\", "'", '"', "&", "&#",
           "1", "1 ", "1-", "|", "~", "=", "a ", "aa-", "é", "’", "\u200b", "<!--", "-->", "---\n", "    "]


def _anchored(module, name: str) -> bool:
    """A module-level pattern only ever used with .match / .fullmatch runs once per call,
    at one position: time it that way. Anything else is timed as a scan."""
    import inspect

    source = inspect.getsource(module)
    uses = re.findall(rf"\b{re.escape(name)}\.(\w+)\(", source)
    return bool(uses) and set(uses) <= {"match", "fullmatch"}


def _collect_patterns():
    found: dict = {}

    def add(obj, where, anchored=False):
        if isinstance(obj, re.Pattern) and (obj.pattern, obj.flags) not in found:
            found[(obj.pattern, obj.flags)] = (obj, where, anchored)

    def walk(obj, where, depth, seen):
        if id(obj) in seen or depth > 4:
            return
        seen.add(id(obj))
        if isinstance(obj, re.Pattern):
            # A phrase entry's context patterns run once, anchored, on a window of
            # phrases.WINDOW characters next to a hit (context_ok): time them that way.
            add(obj, where, where.rsplit(".", 1)[-1] in ("before", "after", "not_before", "not_after"))
        elif isinstance(obj, dict):
            for k, v in list(obj.items())[:5000]:
                walk(v, f"{where}[{k!r}]", depth + 1, seen)
        elif isinstance(obj, (list, tuple, set, frozenset)):
            for i, v in enumerate(list(obj)[:5000]):
                walk(v, f"{where}[{i}]", depth + 1, seen)
        elif hasattr(obj, "__dict__") and type(obj).__module__.startswith("postlint"):
            # Holders that compile on first use (phrases.Entry) compile everything now,
            # so every pattern is timed, not only the ones the sample happened to need.
            if callable(getattr(obj, "compile_patterns", None)):
                obj.compile_patterns()
            for k, v in list(vars(obj).items()):
                walk(v, f"{where}.{k}", depth + 1, seen)

    for info in pkgutil.walk_packages(postlint.__path__, "postlint."):
        if info.name == "postlint.__main__":
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                add(value, f"{info.name}.{name}", _anchored(module, name))
            elif isinstance(value, type) and value.__module__ == info.name:
                for attr, v in vars(value).items():
                    walk(v, f"{info.name}.{name}.{attr}", 1, set())
    # Rules compile their patterns on first use: run every rule once, then walk them.
    settings = make_settings({"select": ["ALL"]})
    linter = linter_for(settings)
    from postlint.document import Document

    sample = (Path(__file__).resolve().parents[1] / "examples" / "backend-developer.md").read_bytes()
    linter.lint_document(Document.from_bytes(sample, "sample.md"), settings)
    for rule in linter.registry.rules:
        walk(rule, f"rule {rule.code}", 0, set())
    return [found[k] for k in sorted(found, key=lambda k: found[k][1])]


PATTERNS = _collect_patterns()


def pumps(pattern: re.Pattern) -> list[str]:
    """Generic pumps plus ones built from the pattern's own words and punctuation."""
    src = pattern.pattern
    words = re.findall(r"(?<!\\)[a-z]{2,}", src)[:8]
    own = [" ".join(words[:k]) + " " for k in (1, 2, len(words)) if words]
    punct = sorted(set(re.findall(r"[^\w\s\\()\[\]?*+|^$.{}]", src)))
    return GENERIC + own + [p + " " for p in punct] + [p * 2 for p in punct]


def cost(pattern, text, anchored, repeat=3):
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        if anchored:
            pattern.match(text)
        else:
            for _m in pattern.finditer(text):
                pass
        best = min(best, time.perf_counter() - start)
    return best


def test_patterns_were_collected():
    sources = " ".join(p.pattern for p, _, _ in PATTERNS)
    assert len(PATTERNS) > 30
    assert "experience" in sources  # from rules/age-coded.yaml
    assert any(where.startswith("postlint.prose") for _, where, _ in PATTERNS)


def growth(pattern, pump, anchored, repeat=3):
    small = (pump * (N // len(pump) + 1))[:N]
    large = (pump * (4 * N // len(pump) + 1))[:4 * N]
    return cost(pattern, small, anchored, repeat), cost(pattern, large, anchored, repeat)


@pytest.mark.parametrize("pattern,where,anchored", PATTERNS, ids=[w for _, w, _ in PATTERNS])
def test_regex_time_grows_linearly(pattern, where, anchored):
    worst = []
    for pump in pumps(pattern):
        t_small, t_large = growth(pattern, pump, anchored)
        if t_large < 0.002:  # too quick to matter or to measure
            continue
        ratio = t_large / max(t_small, 1e-7)
        if 8 < ratio and t_large < 0.2:  # suspicious: measure again, more carefully, before judging
            t_small, t_large = growth(pattern, pump, anchored, 7)
            ratio = t_large / max(t_small, 1e-7)
            if ratio > 8:
                # Confirm one size up: super-linear growth repeats (4x the text, 16x the time),
                # a busy machine's hiccup does not.
                huge = (pump * (16 * N // len(pump) + 1))[:16 * N]
                ratio = min(ratio, cost(pattern, huge, anchored, 3) / max(t_large, 1e-7))
        if ratio > 8:
            worst.append((pump, round(ratio, 1), round(t_large * 1000, 1)))
    assert not worst, f"{where}: {pattern.pattern[:120]!r} grows super-linearly on {worst}"
