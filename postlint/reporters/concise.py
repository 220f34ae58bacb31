"""``path:line:col: CODE [*] message``, one line a finding (Ruff's concise format).

``[*]`` marks a finding that ``--fix`` repairs (a safe fix). No source excerpt;
the summary line is the text format's.
"""

from __future__ import annotations

from postlint.reporters.text import _BOLD, _COLORS, Tally, _statistics_counts, _Style, _summary_of


def fix_mark(d) -> str:
    return "[*] " if d.fix is not None and d.fix.safe else ""


def report(results, stream, options) -> None:
    # One pass over any iterable of results, as the text format (see text.report).
    style = _Style(options.get("color", False))
    tally = Tally(statistics=options.get("statistics"))
    write = stream.write
    for r in results:
        tally.add(r)
        if tally.statistics:
            continue
        for d in r.diagnostics:
            location = style(f"{d.path}:{d.line}:{d.column}:", _BOLD)
            write(f"{location} {style(d.code, _COLORS[d.severity])} {fix_mark(d)}{d.message}\n")
    if tally.statistics:
        _statistics_counts(tally.counts, tally.fixable, stream, style)
    if not options.get("quiet"):
        _summary_of(tally, stream, options)
