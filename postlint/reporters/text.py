"""``path:line:col: CODE message``, optionally with the source line and a caret."""

from __future__ import annotations

from collections import Counter

from postlint.diagnostics import Severity

_RESET = "\033[0m"
_BOLD = "\033[1m"
_DIM = "\033[2m"
_COLORS = {Severity.ERROR: "\033[1;31m", Severity.WARNING: "\033[1;33m", Severity.INFO: "\033[1;34m"}


class _Style:
    def __init__(self, color: bool):
        self.color = color

    def __call__(self, text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if self.color else text


def report(results, stream, options) -> None:
    """One pass over ``results`` (any iterable): each file's findings are written as it
    comes and only counts are kept, so the CLI can hand in results as files finish and
    a run's memory does not grow with its findings."""
    style = _Style(options.get("color", False))
    tally = Tally(statistics=options.get("statistics"))
    show_source = options.get("show_source")
    write = stream.write
    bold = _BOLD
    for r in results:
        tally.add(r)
        if tally.statistics:
            continue
        for d in r.diagnostics:
            write(f"{style(f'{d.path}:{d.line}:{d.column}:', bold)} {style(d.code, _COLORS[d.severity])} {d.message}\n")
            if show_source and d.source_line:
                _excerpt(d, stream, style)
    if tally.statistics:
        _statistics_counts(tally.counts, tally.fixable, stream, style)
    if not options.get("quiet"):
        _summary_of(tally, stream, options)


class Tally:
    """What the summary (and --statistics) needs of a run, counted file by file."""

    def __init__(self, statistics: bool = False):
        self.statistics = bool(statistics)
        self.files = self.fixed = self.problems = self.safe = self.unsafe = 0
        self.paths: set = set()  # the files with findings (by the path the findings name)
        self.counts: Counter = Counter()
        self.fixable: set = set()

    def add(self, r) -> None:
        self.files += 1
        self.fixed += r.fixed
        self.count(r.diagnostics)

    def count(self, diagnostics) -> None:
        if not diagnostics:
            return
        self.problems += len(diagnostics)
        paths = self.paths
        for d in diagnostics:
            paths.add(d.path)
            fix = d.fix
            if fix is not None:
                if fix.safe:
                    self.safe += 1
                else:
                    self.unsafe += 1
            if self.statistics:
                self.counts[(d.code, d.name)] += 1
                if fix is not None:
                    self.fixable.add(d.code)


def _cells(text: str) -> int:
    """Terminal cells of text: wide (CJK, emoji) characters take two, combining marks none."""
    if text.isascii():
        return len(text)
    import unicodedata

    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text)


def _excerpt(d, stream, style) -> None:
    number = str(d.line)
    pad = " " * len(number)
    line = d.source_line.replace("\t", " ")
    end = d.end_column - 1 if d.end_line == d.line else len(line)
    before, span = line[: d.column - 1], line[d.column - 1 : max(end, d.column - 1)]
    width = max(1, _cells(span))
    stream.write(f"{pad} {style('|', _DIM)}\n")
    stream.write(f"{number} {style('|', _DIM)} {line}\n")
    stream.write(f"{pad} {style('|', _DIM)} {' ' * _cells(before)}{style('^' * width, _COLORS[d.severity])}\n")
    if d.fix is not None and d.fix.message:
        unsafe = "" if d.fix.safe else " (unsafe fix: --unsafe-fixes)"
        stream.write(f"{pad} = help: {d.fix.message}{unsafe}\n")
    stream.write("\n")


def _statistics(diagnostics, stream, style) -> None:
    _statistics_counts(Counter((d.code, d.name) for d in diagnostics),
                       {d.code for d in diagnostics if d.fix is not None}, stream, style)


def _statistics_counts(counts, fixable, stream, style) -> None:
    for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        mark = "[*]" if code in fixable else "   "
        stream.write(f"{n:6d}  {style(code, _BOLD)}  {mark} {name}\n")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _summary(results, diagnostics, stream, options) -> None:
    tally = Tally()
    for r in results:
        tally.files += 1
        tally.fixed += r.fixed
    tally.count(diagnostics)
    _summary_of(tally, stream, options)


def _summary_of(tally: Tally, stream, options) -> None:
    files = tally.files
    fixed = tally.fixed
    if fixed:
        stream.write(f"Fixed {_plural(fixed, 'problem')}.\n")
    if not tally.problems:
        stream.write(f"No problems found in {_plural(files, 'file')}.\n" if not fixed
                     else f"No problems left in {_plural(files, 'file')}.\n")
        return
    with_problems = len(tally.paths)
    safe, unsafe = tally.safe, tally.unsafe
    parts = []
    if safe:
        parts.append(f"{safe} fixable with --fix")
    if unsafe:
        parts.append(f"{unsafe} more with --unsafe-fixes" if safe else f"{unsafe} fixable with --unsafe-fixes")
    fix_note = f" ({', '.join(parts)})" if parts and not options.get("records") else ""
    stream.write(f"Found {_plural(tally.problems, 'problem')}{fix_note} in {_plural(with_problems, 'file')}.\n")
