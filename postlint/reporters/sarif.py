"""SARIF 2.1.0, the format of GitHub code scanning and most SARIF viewers.

One run; ``tool.driver.rules`` lists every rule of the registry (passed in
``options["registry"]``) with its summary, its "What it does" text and the full
``postlint rule CODE`` page as markdown help. Each result names its rule by
``ruleId`` and ``ruleIndex``, carries the configured level, a region with start
and end (columns count Unicode code points: ``columnKind``), a URI relative to
the folder postlint ran in (``uriBaseId`` ``%SRCROOT%``), and its fix, if any,
as ``fixes[].artifactChanges[].replacements``.
"""

from __future__ import annotations

import json
import os

from postlint.diagnostics import Severity
from postlint.reporters._common import INFORMATION_URI, artifact_uri, dir_uri

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule_descriptor(rule) -> dict:
    from postlint.docs import rule_markdown

    docs = rule.docs
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": docs.what.strip() or rule.summary},
        "help": {
            "text": "\n\n".join(part.strip() for part in (docs.what, docs.why) if part.strip()),
            "markdown": rule_markdown(rule),
        },
        "defaultConfiguration": {"level": LEVELS[rule.severity], "enabled": bool(rule.default_enabled)},
        "properties": {"tags": [rule.category]},
    }


def _region(line: int, column: int, end_line: int, end_column: int) -> dict:
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _location(uri: str, base: str | None) -> dict:
    loc = {"uri": uri}
    if base:
        loc["uriBaseId"] = base
    return loc


def _fix(d, artifact: dict) -> dict:
    text = d.fix.message or "Apply postlint's fix"
    if not d.fix.safe:
        text += " (unsafe: applied only with --unsafe-fixes)"
    return {
        "description": {"text": text},
        "artifactChanges": [{
            "artifactLocation": artifact,
            "replacements": [
                {"deletedRegion": _region(l, c, el, ec), "insertedContent": {"text": content}}
                for (l, c, el, ec, content) in d.fix_locations
            ],
        }],
    }


def build(results, registry=None, root: str | None = None) -> dict:
    from postlint import __version__

    rules, index = [], {}
    for rule in (registry.rules if registry is not None else ()):
        index[rule.code] = len(rules)
        rules.append(_rule_descriptor(rule))
    sarif_results = []
    for r in results:
        for d in r.diagnostics:
            if d.code not in index:  # a rule this registry does not know (a per-folder rule file)
                index[d.code] = len(rules)
                rules.append({"id": d.code, "name": d.name, "shortDescription": {"text": d.name}})
            artifact = _location(*artifact_uri(d.path))
            result = {
                "ruleId": d.code,
                "ruleIndex": index[d.code],
                "level": LEVELS[d.severity],
                "message": {"text": d.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": artifact,
                    "region": _region(d.line, d.column, d.end_line, d.end_column),
                }}],
            }
            if d.fix is not None and d.fix_locations:
                result["fixes"] = [_fix(d, artifact)]
            sarif_results.append(result)
    root = os.getcwd() if root is None else str(root)
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "postlint",
                "version": __version__,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": dir_uri(root if root.startswith("/") else "/" + root)}},
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
        }],
    }


def report(results, stream, options) -> None:
    json.dump(build(results, options.get("registry")), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
