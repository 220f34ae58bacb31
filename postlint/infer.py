"""``postlint schema infer PATHS``: a starting JSON Schema from a repo's own postings.

A team adopting postlint runs it once, reads it, and commits it. What it infers:

- ``required``: keys present in (nearly) every posting (``--required-share``,
  default 0.98 of the postings that have front matter);
- ``type``: the JSON types observed; a type seen only once or twice among many
  values (``title: 42`` in one posting of 200) is left out, so that posting is
  flagged, and the description says so;
- dates: ``format: date`` only when every value is an ISO date; one consistent
  other style (``3-18-2013``, ISO with a time, epoch milliseconds) becomes a
  ``pattern`` (or ``type: integer``) described in words; mixed styles are left
  as text, with the styles and counts in ``description``;
- ``enum`` for small closed sets of text values (``layout``, ``type``);
- rare keys one or two edits from a common key (``ttitle`` beside ``title``) are
  *not* properties: they are listed in ``x-postlint-probable-typos``, and PL103
  reports them with a did-you-mean.

The output is deterministic (sorted, no timestamps), so it diffs cleanly.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

DATE_STYLES = [
    # (name, regex, words, example)
    ("iso-date", re.compile(r"^\d{4}-\d{2}-\d{2}$"), "an ISO date (YYYY-MM-DD)", "2013-03-18"),
    ("iso-datetime", re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?( ?(Z|[+-]\d{2}:?\d{2}))?$"),
     "an ISO date with a time (YYYY-MM-DD HH:MM)", "2013-03-18 09:30:00 +0100"),
    ("m-d-yyyy", re.compile(r"^\d{1,2}[-/]\d{1,2}[-/]\d{4}$"), "month-day-year (M-D-YYYY)", "3-18-2013"),
    ("d.m.yyyy", re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}$"), "day.month.year (D.M.YYYY)", "18.03.2013"),
    ("month-d-yyyy", re.compile(r"^([A-Z][a-z]+, )?[A-Z][a-z]{2,8}\.? \d{1,2}(st|nd|rd|th)?,? \d{4}\b.*$"),
     "a written date (Month D, YYYY)", "March 18, 2013"),
]
EPOCH_MS = (946684800000, 4102444800000)  # 2000-01-01 .. 2100-01-01 in milliseconds

ENUM_MAX_VALUES = 8  # at most this many distinct values...
ENUM_MIN_POSTINGS = 10  # ...seen in at least this many postings...
ENUM_MAX_SHARE = 0.25  # ...and distinct values at most this share of the values


def _json_type(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "string"


def _date_style(value) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and EPOCH_MS[0] <= value <= EPOCH_MS[1]:
        return "epoch-ms"
    if not isinstance(value, str):
        return None
    for name, rx, _, _ in DATE_STYLES:
        if rx.match(value.strip()):
            return name
    return None


class _KeyStats:
    def __init__(self):
        self.files: list[str] = []
        self.types: Counter = Counter()
        self.values: Counter = Counter()  # hashable scalar values
        self.date_styles: Counter = Counter()
        self.item_types: Counter = Counter()

    def add(self, value, path: str) -> None:
        self.files.append(path)
        kind = _json_type(value)
        self.types[kind] += 1
        if kind in ("string", "integer", "number", "boolean"):
            self.values[value] += 1
        style = _date_style(value)
        if style:
            self.date_styles[style] += 1
        if kind == "array":
            for item in value:
                self.item_types[_json_type(item)] += 1


def collect(paths, include=None):
    """(stats per key, postings with front matter, files read, files skipped with why)."""
    from postlint.config import ConfigResolver
    from postlint.document import Document
    from postlint.files import discover

    overrides = {"include": tuple(include)} if include else {}
    resolver = ConfigResolver(overrides)
    errors: list = []
    stats: dict[str, _KeyStats] = {}
    postings = 0
    skipped: list[tuple[str, str]] = []
    for path, _explicit in discover(paths, resolver, errors):
        if path.name in ("MANIFEST.tsv", "SOURCES.md"):
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            skipped.append((str(path), exc.strerror or str(exc)))
            continue
        doc = Document.from_bytes(data, str(path))
        fm = doc.front_matter
        if fm is None:
            skipped.append((str(path), "no front matter"))
            continue
        if fm.problem is not None or not fm.is_mapping:
            skipped.append((str(path), "front matter is not valid YAML"))
            continue
        postings += 1
        for key, value in fm.data.items():
            stats.setdefault(str(key), _KeyStats()).add(value, str(path))
    for raw, exc in errors:
        skipped.append((str(raw), getattr(exc, "strerror", None) or str(exc)))
    return stats, postings, skipped


def _probable_typos(stats: dict, postings: int) -> dict:
    """Rare keys that are one or two edits (or a case/separator change) from a common key."""
    from postlint.schema import did_you_mean

    counts = {k: len(s.files) for k, s in stats.items()}
    typos = {}
    for key, n in counts.items():
        rare_limit = max(2, postings * 0.05)
        if n > rare_limit:
            continue
        common = [k for k, c in counts.items() if k != key and c >= max(3 * n, 3)]
        guess = did_you_mean(key, common)
        if guess is not None:
            typos[key] = (guess, n)
    return typos


def infer_schema(stats: dict, postings: int, source: str = "", required_share: float = 0.98) -> dict:
    typos = _probable_typos(stats, postings)
    properties: dict = {}
    required: list[str] = []
    order = sorted(stats, key=lambda k: (-len(stats[k].files), k))
    for key in order:
        if key in typos:
            continue
        s = stats[key]
        seen = len(s.files)
        prop, notes = _property(s)
        notes.insert(0, f"in {seen} of {postings} postings")
        prop = {"description": "; ".join(notes), **prop}
        properties[key] = prop
        if postings and seen >= required_share * postings:
            required.append(key)
    schema: dict = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"Front matter inferred by postlint from {postings} postings" + (f" in {source}" if source else ""),
        "description": ("A starting point: review it, then commit it and set schema = \"<this file>\". "
                        f"Keys present in at least {required_share:.0%} of the postings are required; "
                        "other keys are allowed, and a key one or two edits from a known one is "
                        "reported as a probable typo."),
        "type": "object",
        "required": required,
        "properties": properties,
        "additionalProperties": True,
    }
    if typos:
        schema["x-postlint-probable-typos"] = {
            key: {"did-you-mean": guess, "postings": n, "files": sorted(stats[key].files)[:5]}
            for key, (guess, n) in sorted(typos.items())
        }
    return schema


def _property(s: _KeyStats) -> tuple[dict, list[str]]:
    notes: list[str] = []
    total = sum(s.types.values())
    # Types seen once or twice among many values are outliers, left out so they are flagged.
    # A number among text is kept (an ID written 12345 renders the same); an empty value, a
    # list or a mapping among text is not.
    types = sorted(t for t, c in s.types.items() if not (
        total >= 20 and c <= 2 and c / total <= 0.05
        and not (t in ("integer", "number") and "string" in s.types)))
    dropped = sorted(t for t in s.types if t not in types)
    for t in dropped:
        notes.append(f"seen {s.types[t]} time(s) as {t}, left out as a probable mistake")
    prop: dict = {}
    if "integer" in types and "number" in types:
        types.remove("integer")
    dated = sum(s.date_styles.values())
    strings = s.types.get("string", 0)
    if dated and dated >= 0.5 * total:
        styles = s.date_styles
        if set(styles) == {"iso-date"} and types == ["string"]:
            prop["format"] = "date"
            notes.append("ISO dates (YYYY-MM-DD)")
        elif set(styles) == {"epoch-ms"} and types == ["integer"]:
            notes.append("dates as epoch milliseconds (e.g. 1363564800000)")
        elif len(styles) == 1 and types == ["string"]:
            name = next(iter(styles))
            _, rx, words, example = next(d for d in DATE_STYLES if d[0] == name)
            prop["pattern"] = rx.pattern
            notes.append(f"dates written as {words}, e.g. {example}; not ISO 8601, so date filters "
                         "and sorting may not read them: consider converting to YYYY-MM-DD")
        else:
            mixed = ", ".join(f"{n} {name}" for name, n in sorted(styles.items(), key=lambda x: (-x[1], x[0])))
            others = Counter(v for v, c in s.values.items() for _ in range(c)
                             if isinstance(v, str) and _date_style(v) is None)
            other = ""
            if total > dated:
                shown = ", ".join(repr(v) for v, _ in others.most_common(3))
                other = f", {total - dated} not a date" + (f" such as {shown}" if shown else "")
            notes.append(f"dates in mixed styles ({mixed}{other}); no format is checked: "
                         "pick one style, ideally YYYY-MM-DD")
    elif types == ["string"] and strings and _is_enum(s):
        prop["enum"] = sorted(v for v in s.values if isinstance(v, str))
    if types == ["array"] and s.item_types:
        item_types = sorted(s.item_types)
        prop["items"] = {"type": item_types[0] if len(item_types) == 1 else item_types}
    if types:
        prop = {"type": types[0] if len(types) == 1 else types, **prop}
    return prop, notes


_ENUM_VALUE = re.compile(r"^[\w&+.-]+(?: [\w&+.-]+){0,2}$")  # a short label, not an email, URL or sentence


def _is_enum(s: _KeyStats) -> bool:
    distinct = [v for v in s.values if isinstance(v, str)]
    if not all(_ENUM_VALUE.match(v) and "@" not in v and "://" not in v for v in distinct):
        return False
    n = sum(s.values.values())
    return (len(s.files) >= ENUM_MIN_POSTINGS and 0 < len(distinct) <= ENUM_MAX_VALUES
            and len(distinct) <= ENUM_MAX_SHARE * n)


# ------------------------------------------------------------------- CLI
def schema_command(argv: list[str]) -> int:
    from postlint.cli import EXIT_ERROR, EXIT_OK, _csv, _Parser

    p = _Parser(prog="postlint schema", description="Work with front-matter schemas.")
    sub = p.add_subparsers(dest="action", metavar="infer")
    q = sub.add_parser("infer", help="print a starting JSON Schema inferred from existing postings",
                       description="Print (as JSON, to standard output) a starting schema inferred from the "
                                   "front matter of existing postings: review it, then commit it.")
    q.add_argument("paths", nargs="+", metavar="PATHS", help="files or folders of postings")
    q.add_argument("--include", type=_csv, metavar="GLOBS",
                   help="file patterns to read when walking folders (default: *.md, *.markdown, ...)")
    q.add_argument("--required-share", type=float, default=0.98, metavar="SHARE",
                   help="a key present in at least this share of postings is required (default 0.98)")
    args = p.parse_args(argv)
    if args.action != "infer":
        p.print_usage(sys.stderr)
        print("postlint schema: error: expected 'infer'", file=sys.stderr)
        return EXIT_ERROR
    if not 0 < args.required_share <= 1:
        print("postlint schema: error: --required-share must be more than 0 and at most 1", file=sys.stderr)
        return EXIT_ERROR
    from postlint.config import ConfigError

    try:
        stats, postings, skipped = collect(args.paths, args.include)
    except ConfigError as exc:
        print(f"postlint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    missing = [s for s in skipped if s[1] == "No such file or directory"]
    for path, why in missing:
        print(f"postlint: error: {path}: {why}", file=sys.stderr)
    if postings == 0 and missing:
        return EXIT_ERROR
    if postings == 0:
        print("postlint: error: no postings with front matter found in " + ", ".join(args.paths), file=sys.stderr)
        return EXIT_ERROR
    bad = [s for s in skipped if s[1] == "front matter is not valid YAML"]
    if bad:
        print(f"postlint: warning: {len(bad)} file(s) with invalid front matter were left out "
              f"(run postlint on them): {', '.join(p for p, _ in bad[:3])}{' ...' if len(bad) > 3 else ''}",
              file=sys.stderr)
    source = ", ".join(Path(p).as_posix() for p in args.paths)
    schema = infer_schema(stats, postings, source, args.required_share)
    json.dump(schema, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return EXIT_ERROR if missing else EXIT_OK
