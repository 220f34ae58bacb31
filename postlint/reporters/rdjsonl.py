"""reviewdog's rdjsonl: one ``Diagnostic`` message (reviewdog.proto) a line.

    {"message": ..., "location": {"path": ..., "range": {"start": {"line", "column"},
     "end": {...}}}, "severity": "WARNING", "source": {"name": "postlint", ...},
     "code": {"value": "PL301"}, "suggestions": [{"range": ..., "text": ...}]}

reviewdog counts columns in UTF-8 bytes and its end positions are exclusive.
postlint's columns count characters, so each column is converted with the text
of its line; the reporter has the text of the finding's own line only, so a
position on another line converts only when it is column 1 (the start of a
line, as when a fix deletes whole lines). A fix with an edit it cannot place
exactly gives no suggestion rather than a wrong one, and an end it cannot
place is left out (reviewdog then reads the range as the start position).
"""

from __future__ import annotations

import json

from postlint.diagnostics import Severity
from postlint.reporters._common import INFORMATION_URI, relative_path

SEVERITIES = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def byte_column(d, line: int, column: int) -> int | None:
    """The UTF-8 byte column of a 1-based character column, or None if unknown."""
    if column == 1:
        return 1
    if line != d.line:
        return None
    return len(d.source_line[: column - 1].encode("utf-8", "surrogatepass")) + 1


def _position(d, line: int, column: int):
    col = byte_column(d, line, column)
    return None if col is None else {"line": line, "column": col}


def diagnostic(d) -> dict:
    start = _position(d, d.line, d.column)
    end = _position(d, d.end_line, d.end_column)
    rng = {"start": start}
    if end is not None:
        rng["end"] = end
    out = {
        "message": d.message,
        "location": {"path": relative_path(d.path), "range": rng},
        "severity": SEVERITIES[d.severity],
        "source": {"name": "postlint", "url": INFORMATION_URI},
        "code": {"value": d.code},
    }
    if d.fix is not None and d.fix_locations:
        suggestions = []
        for (l, c, el, ec, content) in d.fix_locations:
            s, e = _position(d, l, c), _position(d, el, ec)
            if s is None or e is None:
                suggestions = []
                break
            suggestions.append({"range": {"start": s, "end": e}, "text": content})
        if suggestions:
            out["suggestions"] = suggestions
    out["original_output"] = f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}"
    return out


def report(results, stream, options) -> None:
    for r in results:
        for d in r.diagnostics:
            stream.write(json.dumps(diagnostic(d), ensure_ascii=False) + "\n")
