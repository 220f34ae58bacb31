"""GitLab Code Quality JSON (``artifacts: reports: codequality``).

Each finding has GitLab's required fields: ``description``, ``check_name``,
``fingerprint``, ``severity`` (GitLab's scale: error -> major, warning -> minor,
info -> info) and ``location.path`` + ``location.lines.begin``.

GitLab shows only the first issue of each fingerprint and compares
fingerprints between the branch and its target to tell new findings from old
ones, so a fingerprint must be unique within a report and stable across runs.
It hashes the path, rule, message and the text of the finding's line, not its
line number (a finding keeps its fingerprint when lines are added above it);
identical findings get their occurrence number mixed in.
"""

from __future__ import annotations

import hashlib
import json

from postlint.diagnostics import Severity
from postlint.reporters._common import relative_path

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def fingerprints(diagnostics) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for d in diagnostics:
        key = "\0".join((relative_path(d.path), d.code, d.message, d.source_line.strip()))
        n = seen.get(key, 0)
        seen[key] = n + 1
        out.append(hashlib.sha256(f"{key}\0{n}".encode("utf-8", "surrogatepass")).hexdigest())
    return out


def build(results) -> list[dict]:
    diagnostics = [d for r in results for d in r.diagnostics]
    issues = []
    for d, fingerprint in zip(diagnostics, fingerprints(diagnostics)):
        lines = {"begin": d.line}
        if d.end_line > d.line:
            lines["end"] = d.end_line
        issues.append({
            "type": "issue",
            "description": f"{d.code} {d.message}",
            "check_name": f"{d.code} {d.name}",
            "fingerprint": fingerprint,
            "severity": SEVERITIES[d.severity],
            "categories": ["Style"],
            "location": {"path": relative_path(d.path), "lines": lines},
        })
    return issues


def report(results, stream, options) -> None:
    json.dump(build(results), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
