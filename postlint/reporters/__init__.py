"""Reporters turn finished diagnostics into output; they never see rules or files.

A reporter is a function ``report(results, stream, options) -> None`` where
``results`` is the list of :class:`postlint.engine.FileResult` of the run and
``options`` a dict (``color``, ``show_source``, ``statistics``, ``quiet``, and
``registry`` for the formats that describe rules, such as ``sarif``).

Every format is one module of this package, listed once in ``REPORTERS``; the
CLI's ``--format`` choices and ``POSTLINT_FORMAT`` are checked against it.
"""

from __future__ import annotations

import importlib
import os

# name -> (module, one-line description). The order is the order of --help.
REPORTERS: dict[str, tuple[str, str]] = {
    "text": ("text", "path:line:col: CODE message, a summary; --show-source adds the line and a caret"),
    "concise": ("concise", "one line a finding with [*] on fixable ones, and the summary"),
    "grouped": ("grouped", "findings grouped under each file name"),
    "json": ("json", "a JSON array of findings"),
    "json-lines": ("json_lines", "one JSON object a line"),
    "github": ("github", "GitHub Actions workflow commands (annotations) and a summary line"),
    "sarif": ("sarif", "SARIF 2.1.0 (GitHub code scanning and other SARIF viewers)"),
    "gitlab": ("gitlab", "GitLab Code Quality JSON"),
    "junit": ("junit", "JUnit XML, one testsuite a file"),
    "rdjsonl": ("rdjsonl", "reviewdog diagnostics, one JSON object a line"),
}
FORMATS = tuple(REPORTERS)
# Formats meant for a person at a terminal: they may be coloured.
HUMAN_FORMATS = ("text", "concise", "grouped")
# Formats whose reporter needs the rule registry in options["registry"].
NEEDS_REGISTRY = ("sarif",)


def get_reporter(name: str):
    entry = REPORTERS.get(name)
    if entry is None:
        raise ValueError(f"unknown format {name!r} (expected one of: {', '.join(FORMATS)})")
    return importlib.import_module(f"postlint.reporters.{entry[0]}").report


def choose_format(requested: str | None, environ=None) -> str:
    """--format if given, else POSTLINT_FORMAT, else github inside GitHub Actions, else text."""
    env = os.environ if environ is None else environ
    if requested:
        return requested
    if env.get("POSTLINT_FORMAT"):
        return env["POSTLINT_FORMAT"]
    if env.get("GITHUB_ACTIONS") == "true":
        return "github"
    return "text"
