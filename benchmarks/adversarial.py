"""Where the time of one adversarial input goes: CPU ms for each Document view and each rule.

    python benchmarks/adversarial.py            # every input of run.py's adversarial table
    python benchmarks/adversarial.py 2          # only the 100,000 list items
    python benchmarks/adversarial.py 2 --quick  # 1/10 of the size

The inputs are run.py's adversarial() ones (input 0, the 1 MB posting, is corpus text
repeated, as there). Views are built before the rules run, so a rule's figure is its
own work, plus any run of the cyclic collector that falls in it: the tokens of a long list are
hundreds of thousands of young objects, walked by the collections after the parse (the rule that
happens to run first pays most), so the collector's whole share is printed apart. CPU time
(time.process_time), one process, the default rules.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from per_rule import VIEWS, time_rules  # noqa: E402
from run import adversarial, corpus_files  # noqa: E402


def inputs(scale: int) -> list[tuple[str, bytes]]:
    cases = adversarial(scale)
    files, _ = corpus_files(1000)
    blob = b"\n".join(f.read_bytes() for f in files)
    size = (1 << 20) // scale
    cases[0] = (f"{size / (1 << 20):.1f} MB posting (corpus text repeated)",
                (blob * (size // max(len(blob), 1) + 1))[:size])
    return cases


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("which", nargs="*", type=int, help="input numbers (default: all)")
    ap.add_argument("--quick", action="store_true", help="1/10 of the sizes")
    ap.add_argument("--top", type=int, default=10, help="how many of the costliest parts to show")
    args = ap.parse_args(argv)

    from postlint import api
    from postlint.document import Document

    settings = api.make_settings(None)
    linter = api.linter_for(settings)
    linter.lint_document(Document.from_bytes(b"---\ntitle: x\n---\n# A\n\n- a\n- b\n", "w.md"), settings,
                         Path("w.md"))  # warm up
    spent = time_rules(linter)
    clock = time.process_time
    collector = [0.0, 0.0]  # time in collections, start of the current one

    def on_gc(phase, info):
        if phase == "start":
            collector[1] = clock()
        else:
            collector[0] += clock() - collector[1]

    cases = inputs(10 if args.quick else 1)
    for i in args.which or range(len(cases)):
        label, data = cases[i]
        spent.clear()
        doc = None  # the previous input's tokens, freed and collected outside the timing
        gc.collect()
        collector[0] = 0.0
        gc.callbacks.append(on_gc)
        t0 = clock()
        doc = Document.from_bytes(data, "adversarial.md")
        spent["(decode)"] += clock() - t0
        for view in VIEWS:
            t = clock()
            getattr(doc, view)
            spent[f"doc.{view}"] += clock() - t
        linter.lint_document(doc, settings, Path("adversarial.md"))
        total = clock() - t0
        gc.callbacks.remove(on_gc)
        parts = ", ".join(f"{k} {v * 1000:,.0f}" for k, v in spent.most_common(args.top))
        print(f"{i} {label}: {total * 1000:,.0f} ms CPU, cyclic collector {collector[0] * 1000:,.0f} of it; {parts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
