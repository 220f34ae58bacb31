"""run.py's per-posting measurement by CPU time, in fresh processes, and per corpus source.

    python benchmarks/by_source.py              # 3 fresh processes; cold single pass and best of 3
    python benchmarks/by_source.py --procs 5

Each fresh process does what benchmarks/run.py does for its per-posting row, by CPU time
(time.process_time) instead of wall time: one pass of the parse floor over all corpus postings
(yaml C loader + MarkdownIt().parse, imports and MarkdownIt() included, as in run.py), one
warm-up call of postlint.api.lint_bytes on the first posting, then one cold pass over all
postings. Then two more passes of each (floor, postlint), interleaved, for best-of-3. Every
posting is timed on its own, so the figures are also split by corpus source (the first folder
under ../shared/corpus). Printed: per source and in all, the cold pass and the best of 3 (the
lowest sum over the three passes, per source), each with its ratio to the floor; best over the
fresh processes for the cold figures too (the machine is shared: the lowest is the least
disturbed).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from run import CORPUS, corpus_files, floor_parse  # noqa: E402


def source_of(path: Path) -> str:
    try:
        return path.relative_to(CORPUS).parts[0]
    except ValueError:
        return "(seeds)"


def child(limit: int) -> dict:
    files, _ = corpus_files(limit)
    raw = [f.read_bytes() for f in files]
    texts = [b.decode("utf-8", "surrogateescape") for b in raw]
    names = [str(f) for f in files]
    clock = time.process_time
    n = len(raw)

    def floor_pass(first: bool) -> list[float]:
        out = [0.0] * n
        if first:  # run.py times floor_parse over the list, its imports and MarkdownIt() included
            t = clock()
            floor_parse(texts[:1])
            out[0] = clock() - t
            rest = range(1, n)
        else:
            rest = range(n)
        for i in rest:
            t = clock()
            floor_parse(texts[i:i + 1])
            out[i] = clock() - t
        return out

    def postlint_pass() -> list[float]:
        out = [0.0] * n
        lint = api.lint_bytes
        for i in range(n):
            t = clock()
            lint(raw[i], names[i])
            out[i] = clock() - t
        return out

    floors = [floor_pass(True)]
    from postlint import api

    api.lint_bytes(raw[0], names[0])  # build the linter once, as run.py and the CLI do
    lints = [postlint_pass()]
    for _ in range(2):
        floors.append(floor_pass(False))
        lints.append(postlint_pass())
    return {"sources": [source_of(f) for f in files], "floor": floors, "postlint": lints}


def summarise(results: list[dict]) -> None:
    sources = results[0]["sources"]
    groups: dict[str, list[int]] = {}
    for i, s in enumerate(sources):
        groups.setdefault(s, []).append(i)
    groups["(all)"] = list(range(len(sources)))

    def best(key: str, idx: list[int], cold: bool) -> float:
        passes = [p for r in results for p in (r[key][:1] if cold else r[key])]
        return min(sum(p[i] for i in idx) for p in passes) / len(idx) * 1000

    print(f"{len(sources)} postings, {len(results)} fresh processes; CPU ms a posting")
    print(f"{'source':24} {'n':>4}  {'cold floor':>10} {'cold pl':>8} {'ratio':>6}  "
          f"{'best3 floor':>11} {'best3 pl':>8} {'ratio':>6}")
    for name, idx in groups.items():
        cf, cp = best("floor", idx, True), best("postlint", idx, True)
        bf, bp = best("floor", idx, False), best("postlint", idx, False)
        print(f"{name:24} {len(idx):4}  {cf:10.3f} {cp:8.3f} {cp / cf:5.2f}x  {bf:11.3f} {bp:8.3f} {bp / bf:5.2f}x")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=1000, help="corpus postings (default 1000: all)")
    ap.add_argument("--procs", type=int, default=3, help="fresh processes (default 3)")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--json", metavar="FILE", help="also write the raw per-posting times here")
    args = ap.parse_args(argv)
    if args.child:
        json.dump(child(args.n), sys.stdout)
        return 0
    results = []
    for _ in range(args.procs):
        out = subprocess.run([sys.executable, __file__, "--child", "-n", str(args.n)], capture_output=True,
                             check=True, cwd=ROOT).stdout
        results.append(json.loads(out))
    if args.json:
        Path(args.json).write_text(json.dumps(results))
    summarise(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
