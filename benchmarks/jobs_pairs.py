"""--jobs 2 against --jobs 1 on the corpus, in N interleaved pairs (issue 6: >= 1.8x wall).

    python benchmarks/jobs_pairs.py [N]                 # this checkout, N pairs (default 10), both modes
    python benchmarks/jobs_pairs.py N --mode no-cache   # only --no-cache (or: --mode cold-cache)
    python benchmarks/jobs_pairs.py N --against DIR     # also DIR's checkout (e.g. /work/main), interleaved

Two modes, interleaved pair by pair:

- ``no-cache``: ``python -m postlint --no-cache -q --jobs J ../shared/corpus``;
- ``cold-cache``: the default run (result cache on) with an empty cache: each run gets a
  fresh ``$POSTLINT_CACHE_DIR`` in a temporary folder, so it hashes, lints every file and
  writes the index, as a CI job with no cache restored does.

Each figure is a fresh process (benchmarks/scale.py's run(): wall, and CPU of the process
and its workers). Wall ratios only mean something on a quiet machine; the CPU ratio (pool
CPU / one process's CPU) is the figure that holds under load. Outputs are checked
identical (across --jobs and across the two modes).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale  # noqa: E402

MODES = ("no-cache", "cold-cache")


def one_run(mode: str, jobs: int, tree: str, src: str):
    env = {"PYTHONPATH": tree}
    if mode == "no-cache":
        return scale.run(["--no-cache", "-q", "--jobs", str(jobs), src], env=env)
    with tempfile.TemporaryDirectory(prefix="postlint-cold-cache-") as folder:
        env["POSTLINT_CACHE_DIR"] = folder
        figure = scale.run(["-q", "--jobs", str(jobs), src], env=env)
        assert os.path.exists(os.path.join(folder, "v2", "index")), "the cold run wrote no cache index"
        return figure


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int, nargs="?", default=10)
    ap.add_argument("--against", help="another checkout to measure the same way, interleaved")
    ap.add_argument("--mode", choices=MODES + ("both",), default="both")
    args = ap.parse_args()
    here = str(scale.ROOT)
    trees = [here] + ([os.path.abspath(args.against)] if args.against else [])
    modes = MODES if args.mode == "both" else (args.mode,)
    src = str(scale.CORPUS)
    figures = {(t, m): ([], [], [], [], []) for t in trees for m in modes}  # wall 1, wall 2, cpu 1, cpu 2, pair ratio
    outputs: dict = {}
    for _ in range(args.n):
        for tree in trees:
            for mode in modes:
                one = one_run(mode, 1, tree, src)
                two = one_run(mode, 2, tree, src)
                assert one[3] == two[3], f"--jobs 2 output differs from --jobs 1 ({mode})"
                assert outputs.setdefault(tree, one[3]) == one[3], "the output differs between the modes"
                w1, w2, c1, c2, rs = figures[tree, mode]
                w1.append(one[0]); w2.append(two[0]); c1.append(one[1]); c2.append(two[1]); rs.append(one[0] / two[0])
    for tree in trees:
        for mode in modes:
            w1, w2, c1, c2, rs = figures[tree, mode]
            m = statistics.median
            print(f"{tree} ({mode}):")
            print("  per-pair wall speed-ups:", " ".join(f"{r:.2f}" for r in rs))
            print(f"  median wall --jobs 1 {m(w1):.2f} s, --jobs 2 {m(w2):.2f} s: {m(w1) / m(w2):.2f}x; "
                  f"median of pair ratios {m(rs):.2f}x; best walls {min(w1):.2f} / {min(w2):.2f} = {min(w1) / min(w2):.2f}x")
            print(f"  CPU --jobs 1 median {m(c1):.2f} s best {min(c1):.2f} s, --jobs 2 median {m(c2):.2f} s best {min(c2):.2f} s: "
                  f"{m(c2) / m(c1):.3f}x median, {min(c2) / min(c1):.3f}x best")


if __name__ == "__main__":
    main()
