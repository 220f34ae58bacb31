"""``path:line:col: CODE [*] message``, one line a finding (Ruff's concise format).

``[*]`` marks a finding that ``--fix`` repairs (a safe fix). No source excerpt;
the summary line is the text format's.
"""

from __future__ import annotations

from postlint.reporters.text import _BOLD, _COLORS, _statistics, _Style, _summary


def fix_mark(d) -> str:
    return "[*] " if d.fix is not None and d.fix.safe else ""


def report(results, stream, options) -> None:
    style = _Style(options.get("color", False))
    diagnostics = [d for r in results for d in r.diagnostics]
    if options.get("statistics"):
        _statistics(diagnostics, stream, style)
    else:
        for d in diagnostics:
            location = style(f"{d.path}:{d.line}:{d.column}:", _BOLD)
            stream.write(f"{location} {style(d.code, _COLORS[d.severity])} {fix_mark(d)}{d.message}\n")
    if not options.get("quiet"):
        _summary(results, diagnostics, stream, options)
