"""Reporters turn finished diagnostics into output; they never see rules or files.

A reporter is a function ``report(results, stream, options) -> None`` where
``results`` is the list of :class:`postlint.engine.FileResult` of the run.
"""

from __future__ import annotations

FORMATS = ("text", "json")


def get_reporter(name: str):
    if name == "text":
        from postlint.reporters.text import report
    elif name == "json":
        from postlint.reporters.json import report
    else:
        raise ValueError(f"unknown format {name!r} (expected one of: {', '.join(FORMATS)})")
    return report
