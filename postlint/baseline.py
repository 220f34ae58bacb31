"""Baselines: adopt postlint on a repository full of old postings today, and hold new
and changed text to the rules.

``postlint --write-baseline FILE`` records the current findings; ``postlint --baseline
FILE`` reports only findings that are not recorded. A finding is matched by what it
flags, not where: the file (relative to the baseline's folder), the rule code, the
flagged line's content (whitespace-trimmed), the message (with "line N" references
blanked) and its occurrence among identical findings in the file. So a line added or
removed above a recorded finding keeps it suppressed; a new defect, a second copy of an
old one, or an edit to a flagged line is reported.

The file is JSON, files sorted by path, findings by code, line, message and occurrence,
one finding a line, so that a fixed finding is one deleted line in a diff::

    {
      "postlint-baseline": 1,
      "files": {
        "jobs/backend.md": [
          {"code": "PL301", "line": "##ABOUT", "message": "Heading marker ...", "occurrence": 0}
        ]
      }
    }

Internal errors (PL000) and unreadable files (PL004) are never recorded or hidden.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path

FORMAT_VERSION = 1
NEVER = frozenset({"PL000", "PL004"})
_LINE_REF = re.compile(r"\b(lines?) \d+(?:\s*-\s*\d+)?")


class BaselineError(Exception):
    """A baseline that cannot be read or written; names the file and the problem."""


def _path_key(display: str, base: Path) -> str:
    if display in ("-", "") or display.startswith("<"):
        return display
    try:
        rel = os.path.relpath(os.path.abspath(display), base)
    except ValueError:  # another drive on Windows
        rel = os.path.abspath(display)
    return Path(rel).as_posix()


def _message_key(message: str) -> str:
    return _LINE_REF.sub(r"\1 N", message)


def _keys(diagnostics, base: Path):
    """(path, code, line, message) for each diagnostic that a baseline may hold, with
    its occurrence index among identical keys (in file order)."""
    seen: Counter = Counter()
    out = []
    for d in sorted(diagnostics, key=lambda d: (d.line, d.column, d.code, d.message)):
        if d.code in NEVER:
            continue
        key = (_path_key(d.path, base), d.code, " ".join(d.source_line.split()), _message_key(d.message))
        out.append((d, key, seen[key]))
        seen[key] += 1
    return out


def write(path: Path, results) -> tuple[int, int]:
    """Record every finding of ``results`` in ``path``; return (findings, files)."""
    base = Path(os.path.abspath(path)).parent
    files: dict = {}
    for r in results:
        for _, (file, code, line, message), occurrence in _keys(r.diagnostics, base):
            files.setdefault(file, []).append({"code": code, "line": line, "message": message,
                                               "occurrence": occurrence})
    for entries in files.values():
        entries.sort(key=lambda e: (e["code"], e["line"], e["message"], e["occurrence"]))
    text = dumps(files)
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write baseline: {exc.strerror or exc}") from None
    return sum(len(v) for v in files.values()), len(files)


def dumps(files: dict) -> str:
    """Sorted JSON with one finding a line: a fixed finding is one deleted line in a diff."""
    def one(value):
        return json.dumps(value, ensure_ascii=False)

    out = ["{", f'  "postlint-baseline": {FORMAT_VERSION},']
    if not files:
        out.append('  "files": {}')
    else:
        out.append('  "files": {')
        names = sorted(files)
        for i, name in enumerate(names):
            out.append(f"    {one(name)}: [")
            entries = files[name]
            for j, e in enumerate(entries):
                out.append(f"      {one(e)}{',' if j + 1 < len(entries) else ''}")
            out.append(f"    ]{',' if i + 1 < len(names) else ''}")
        out.append("  }")
    out.append("}")
    return "\n".join(out) + "\n"


class Baseline:
    def __init__(self, path: Path, entries: set):
        self.path = path
        self.base = Path(os.path.abspath(path)).parent
        self.entries = entries  # {(file, code, line, message, occurrence)}
        self.matched: set = set()

    @classmethod
    def load(cls, path: Path) -> "Baseline":
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise BaselineError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
        except (ValueError, UnicodeDecodeError) as exc:
            raise BaselineError(f"{path}: not a postlint baseline (invalid JSON: {exc})") from None
        if not isinstance(data, dict) or data.get("postlint-baseline") != FORMAT_VERSION \
                or not isinstance(data.get("files"), dict):
            raise BaselineError(f"{path}: not a postlint baseline (expected {{\"postlint-baseline\": "
                                f"{FORMAT_VERSION}, \"files\": {{...}}}}); write one with --write-baseline")
        entries = set()
        for file, items in data["files"].items():
            if not isinstance(items, list):
                raise BaselineError(f"{path}: files.{file} must be a list of findings")
            for i, e in enumerate(items):
                try:
                    entries.add((file, str(e["code"]), str(e["line"]), str(e["message"]), int(e["occurrence"])))
                except (KeyError, TypeError, ValueError):
                    raise BaselineError(f"{path}: files.{file}[{i}] needs code, line, message and occurrence") from None
        return cls(Path(path), entries)

    def filter(self, results) -> int:
        """Drop recorded findings from each result's diagnostics; return how many."""
        hidden = 0
        for r in results:
            keep_out = set()
            for d, key, occurrence in _keys(r.diagnostics, self.base):
                entry = key + (occurrence,)
                if entry in self.entries:
                    keep_out.add(id(d))
                    self.matched.add(entry)
            if keep_out:
                hidden += len(keep_out)
                r.diagnostics = [d for d in r.diagnostics if id(d) not in keep_out]
        return hidden

    @property
    def unmatched(self) -> int:
        """Recorded findings not seen in this run (fixed, or in files not linted)."""
        return len(self.entries - self.matched)


def apply(args, results, stream) -> None:
    """The CLI's one call: filter ``results`` by ``--baseline`` and say what was hidden."""
    baseline = Baseline.load(Path(args.baseline))
    hidden = baseline.filter(results)
    if hidden and not args.quiet:
        stream.write(f"postlint: {hidden} finding{'' if hidden == 1 else 's'} hidden by the baseline {args.baseline}\n")


def write_command(args, results, stream) -> int:
    """``--write-baseline FILE``: record, say so, exit 0 (2 when postlint itself failed)."""
    count, files = write(Path(args.write_baseline), results)
    stream.write(f"postlint: recorded {count} finding{'' if count == 1 else 's'} in "
                 f"{files} file{'' if files == 1 else 's'} in the baseline {args.write_baseline}\n")
    return 2 if any(r.internal_error for r in results) else 0
