"""The markdown-it block parse alone, then with each of postlint's fast block rules added (postlint/fastlist.py).

    python benchmarks/parse.py            # first 400 corpus postings, 9 rounds
    python benchmarks/parse.py -n 1000 -r 5

Each posting is parsed by each parser in turn, and the least time of each posting over the
rounds is summed: on a loaded machine the minimum is the figure least moved by other work.
The cyclic collector is off, as in postlint.markdown.parse_body.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from run import corpus_files  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=400, help="corpus postings (default 400)")
    ap.add_argument("-r", type=int, default=9, help="rounds (default 9)")
    args = ap.parse_args(argv)

    from postlint.markdown import build_parser

    files, source = corpus_files(args.n)
    texts = [f.read_text(encoding="utf-8", errors="surrogateescape") for f in files]
    def without(*rules):
        md = build_parser(True)
        md.block.ruler.disable(list(rules))
        return md

    parsers = [("markdown-it alone", build_parser(False)),
               ("+ fast lists", without("postlint_fast_paragraph", "postlint_fast_heading")),
               ("+ fast paragraphs", without("postlint_fast_heading")),
               ("+ fast headings (postlint)", build_parser(True))]
    best = {name: [float("inf")] * len(texts) for name, _ in parsers}
    clock = time.perf_counter
    gc.disable()
    try:
        for _ in range(args.r):
            for i, text in enumerate(texts):
                for name, md in parsers:
                    t = clock()
                    md.parse(text)
                    best[name][i] = min(best[name][i], clock() - t)
    finally:
        gc.enable()
    print(f"{len(texts)} postings from {source}; least of {args.r} rounds a posting")
    for name, _ in parsers:
        print(f"{name:30s} {sum(best[name]) * 1000 / len(texts):.3f} ms a posting")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
