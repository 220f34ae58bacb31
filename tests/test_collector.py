"""The cyclic collector is off while a posting is linted, from every entry point, and is left
as the caller had it (postlint/collector.py)."""

import gc

import pytest

import postlint
from postlint import api
from postlint.collector import paused

POSTING = """---
layout: job
title: Engineer
location: Remote
post-date: 2026-01-05
---
##ABOUT

We need a rockstar with 5 years of Expirience.

- Python
-
"""


@pytest.fixture
def seen(monkeypatch):
    """gc.isenabled() as every rule saw it, for linters built by api and by configure."""
    states = []

    def watch(linter):
        for rule in linter.registry.rules:
            def run(doc, ctx, _run=rule.run):
                states.append(gc.isenabled())
                return _run(doc, ctx)
            monkeypatch.setattr(rule, "run", run)
        linter._plans.clear()  # the engine resolves each rule's run once per selection

    watch(api.linter_for(api.make_settings({})))
    return states, watch


ENTRY_POINTS = {
    "lint_text": lambda c: api.lint_text(POSTING, "a.md", config={}),
    "lint_bytes": lambda c: api.lint_bytes(POSTING.encode(), "a.md", config={}),
    "fix_text": lambda c: api.fix_text(POSTING, "a.md", config={})[1],
    "configured.lint_text": lambda c: c.lint_text(POSTING, "a.md"),
    "configured.lint_bytes": lambda c: c.lint_bytes(POSTING.encode(), "a.md"),
    "configured.fix_text": lambda c: c.fix_text(POSTING, "a.md")[1],
    "configured.lint_records": lambda c: list(c.lint_records([{"id": 1, "description": POSTING}])),
}


@pytest.mark.parametrize("caller_collects", [True, False], ids=["caller-on", "caller-off"])
@pytest.mark.parametrize("name", sorted(ENTRY_POINTS))
def test_collector_is_off_during_the_lint_and_restored(name, caller_collects, seen):
    states, watch = seen
    configured = postlint.configure({})
    watch(configured._linter)
    was = gc.isenabled()
    try:
        gc.enable() if caller_collects else gc.disable()
        diags = ENTRY_POINTS[name](configured)
        after = gc.isenabled()
    finally:
        gc.enable() if was else gc.disable()
    assert "PL505" in {d.code for d in diags}  # it really linted ("rockstar": no fix, so fix_text keeps it)
    assert states and not any(states)  # every rule ran with the collector off
    assert after is caller_collects


def test_paused_restores_the_collector_when_the_body_raises():
    was = gc.isenabled()
    try:
        gc.enable()
        with pytest.raises(ZeroDivisionError):
            with paused():
                assert not gc.isenabled()
                with paused():  # nested: still off inside, and the outer one restores
                    assert not gc.isenabled()
                assert not gc.isenabled()
                1 / 0
        assert gc.isenabled()
    finally:
        gc.enable() if was else gc.disable()
