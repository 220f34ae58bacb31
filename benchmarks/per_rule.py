"""Where a posting's time goes: CPU milliseconds a posting for each rule and each Document view.

    python benchmarks/per_rule.py            # first 300 corpus postings, default rules
    python benchmarks/per_rule.py -n 1000 --select ALL

Each Document view (front matter, markdown tokens, prose...) is built before the rules run,
so a rule's figure is its own work, not the first use of a shared view. CPU time
(time.process_time), so other work on a shared machine moves the figures less than wall time.
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from run import corpus_files  # noqa: E402

VIEWS = ("line_starts", "line_ends", "front_matter", "tokens", "code_lines", "html_block_lines",
         "heading_lines", "prose")


def time_rules(linter) -> collections.Counter:
    """Wrap every rule of ``linter`` so that its CPU time adds up, by code, in the returned Counter."""
    spent: collections.Counter = collections.Counter()
    for rule in linter.registry.rules:
        def timed(doc, ctx, _run=rule.run, _code=rule.code):
            t = time.process_time()
            out = list(_run(doc, ctx))
            spent[_code] += time.process_time() - t
            return out
        rule.run = timed
    linter._plans.clear()  # the engine resolves each rule's run once per selection: let it see the wrappers
    return spent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=300, help="corpus postings (default 300)")
    ap.add_argument("--select", default=None, help="as postlint's --select (default: the default rules)")
    args = ap.parse_args(argv)

    from postlint import api
    from postlint.document import Document

    config = {"select": args.select.split(",")} if args.select else None
    files, _ = corpus_files(args.n)
    raw = [(f.read_bytes(), str(f)) for f in files]
    settings = api.make_settings(config)
    linter = api.linter_for(settings)
    linter.lint_document(Document.from_bytes(raw[0][0], raw[0][1]), settings, Path(raw[0][1]))  # warm up

    spent = time_rules(linter)
    clock = time.process_time
    total0 = clock()
    for data, name in raw:
        t = clock()
        doc = Document.from_bytes(data, name)
        spent["(decode)"] += clock() - t
        for view in VIEWS:
            t = clock()
            getattr(doc, view)
            spent[f"(doc.{view})"] += clock() - t
        linter.lint_document(doc, settings, Path(name))
    total = clock() - total0
    n = len(raw)
    print(f"{n} postings, {total / n * 1000:.2f} ms CPU a posting in all")
    for key, secs in spent.most_common():
        if secs / n >= 0.005e-3:
            print(f"  {key:24} {secs / n * 1000:7.3f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
