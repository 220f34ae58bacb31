"""Run language rules over ../shared/corpus: hits per rule, a sample to judge, and time per posting.

    python benchmarks/language_rules_corpus.py PL4 PL5 [--show CODE] [--limit N]

Prints, per rule, the number of hits and the mean/max time its ``check`` takes
per posting (the Document's shared views are built once beforehand and not
counted), then every hit of ``--show`` rules with the words around it, for
judging false alarms by hand.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

from postlint.api import linter_for, make_settings
from postlint.checks.base import Context
from postlint.document import Document
from postlint.engine import FileContext

import os

# ../shared beside the repo; POSTLINT_SHARED points elsewhere (e.g. from a git worktree).
CORPUS = Path(os.environ.get("POSTLINT_SHARED") or Path(__file__).resolve().parents[2] / "shared") / "corpus"


def postings():
    for path in sorted(CORPUS.rglob("*")):
        if path.is_file() and path.name not in ("MANIFEST.tsv", "SOURCES.md"):
            yield path


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("selectors", nargs="+")
    ap.add_argument("--show", action="append", default=[])
    ap.add_argument("--limit", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    if not CORPUS.is_dir():
        sys.exit(f"no corpus at {CORPUS}")
    settings = make_settings({"select": args.selectors, "schema": "none"})
    linter = linter_for(settings)
    rules = linter.enabled(settings, None)
    hits = defaultdict(list)
    times = defaultdict(list)
    n = 0
    for path in postings():
        doc = Document.from_bytes(path.read_bytes(), str(path.relative_to(CORPUS)))
        if doc.is_binary:
            continue
        n += 1
        doc.prose, doc.tokens, doc.heading_lines  # shared views, built once for all rules
        ctx = Context(settings=FileContext(settings, None, settings.words))
        for rule in rules:
            ctx.options = dict(rule.default_options)
            t = time.perf_counter()
            found = list(rule.run(doc, ctx))
            times[rule.code].append(time.perf_counter() - t)
            for v in found:
                line, col = doc.position(v.start)
                hits[rule.code].append((doc.path, line, col, doc.text[v.start:v.end], doc.line(line - 1).strip(), v.message))
    print(f"{n} postings")
    for rule in rules:
        ts = times[rule.code]
        print(f"{rule.code} {rule.name:24} hits={len(hits[rule.code]):4}  "
              f"mean={1000 * sum(ts) / len(ts):.3f} ms  max={1000 * max(ts):.2f} ms per posting")
    rng = random.Random(args.seed)
    for code in args.show:
        found = hits[code.upper()]
        sample = found if len(found) <= args.limit else rng.sample(found, args.limit)
        print(f"\n== {code}: {len(sample)} of {len(found)}")
        for path, line, col, what, text, msg in sample:
            print(f"{path}:{line}:{col} [{what}] {msg}\n    {text[:220]}")


if __name__ == "__main__":
    main()
