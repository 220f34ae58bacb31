"""GitHub Actions workflow commands: one annotation a finding, then a summary.

    ::warning file=jobs/a.md,line=7,col=1,endLine=7,endColumn=8,title=PL301 heading-without-space::PL301 Heading ...

Escaping follows the runner's parser (actions/toolkit ``command.ts``): in the
message ``%``, ``\\r`` and ``\\n`` become ``%25``, ``%0D``, ``%0A``; property values
also escape ``:`` and ``,`` (``%3A``, ``%2C``). Severity maps to the command:
error -> ``::error``, warning -> ``::warning``, info -> ``::notice``.

GitHub shows at most 10 annotations of each level per step (and 50 per job), so
a plain summary line follows: the log always has the full count.
"""

from __future__ import annotations

from collections import Counter

from postlint.diagnostics import Severity
from postlint.reporters._common import relative_path

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
ANNOTATIONS_PER_LEVEL = 10


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(d) -> str:
    props = (
        ("file", relative_path(d.path)), ("line", d.line), ("col", d.column),
        ("endLine", d.end_line), ("endColumn", d.end_column),
        ("title", f"{d.code} {d.name}"),
    )
    head = ",".join(f"{key}={escape_property(str(value))}" for key, value in props)
    return f"::{COMMANDS[d.severity]} {head}::{escape_data(f'{d.code} {d.message}')}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def report(results, stream, options) -> None:
    # One pass over any iterable of results: each annotation is written as its file comes.
    levels: Counter = Counter()
    paths: set = set()
    files = problems = 0
    write = stream.write
    for r in results:
        files += 1
        for d in r.diagnostics:
            write(command(d) + "\n")
            levels[COMMANDS[d.severity]] += 1
            paths.add(d.path)
            problems += 1
    if options.get("quiet"):
        return
    if not problems:
        stream.write(f"postlint: no problems found in {_plural(files, 'file')}.\n")
        return
    counts = ", ".join(_plural(levels[level], level) for level in ("error", "warning", "notice") if levels[level])
    line = f"postlint: found {_plural(problems, 'problem')} ({counts}) in {_plural(len(paths), 'file')}."
    if any(n > ANNOTATIONS_PER_LEVEL for n in levels.values()):
        line += (f" GitHub shows only {ANNOTATIONS_PER_LEVEL} annotations of each level per step;"
                 " every finding is listed above in this log.")
    stream.write(line + "\n")
