"""Findings grouped under each file name (Ruff's grouped format)::

    jobs/backend.md:
       5:12 PL102 [*] Field 'post-date' is not an ISO date: ...
      12:1  PL301 [*] Heading marker '##' needs a space before 'ABOUT'

Files without findings are not listed; the summary line is the text format's.
"""

from __future__ import annotations

from postlint.reporters.concise import fix_mark
from postlint.reporters.text import _BOLD, _COLORS, _statistics, _Style, _summary


def report(results, stream, options) -> None:
    style = _Style(options.get("color", False))
    diagnostics = [d for r in results for d in r.diagnostics]
    if options.get("statistics"):
        _statistics(diagnostics, stream, style)
    else:
        groups: dict[str, list] = {}
        for d in diagnostics:
            groups.setdefault(d.path, []).append(d)
        for path, found in groups.items():
            line_w = max(len(str(d.line)) for d in found)
            col_w = max(len(str(d.column)) for d in found)
            stream.write(style(f"{path}:", _BOLD) + "\n")
            for d in found:
                where = f"{str(d.line).rjust(line_w)}:{str(d.column).ljust(col_w)}"
                stream.write(f"  {where} {style(d.code, _COLORS[d.severity])} {fix_mark(d)}{d.message}\n")
            stream.write("\n")
    if not options.get("quiet"):
        _summary(results, diagnostics, stream, options)
