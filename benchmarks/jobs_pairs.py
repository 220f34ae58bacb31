"""--jobs 2 against --jobs 1 on the corpus, in N interleaved pairs (issue 6: >= 1.8x wall).

    python benchmarks/jobs_pairs.py [N]                 # this checkout, N pairs (default 10)
    python benchmarks/jobs_pairs.py N --against DIR     # also DIR's checkout (e.g. /work/main), interleaved

Each figure is a fresh ``python -m postlint --no-cache -q --jobs J ../shared/corpus``
(benchmarks/scale.py's run(): wall, and CPU of the process and its workers). Wall
ratios only mean something on a quiet machine; the CPU ratio (pool CPU / one
process's CPU) is the figure that holds under load. Outputs are checked identical.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int, nargs="?", default=10)
    ap.add_argument("--against", help="another checkout to measure the same way, interleaved")
    args = ap.parse_args()
    here = str(scale.ROOT)
    trees = [here] + ([os.path.abspath(args.against)] if args.against else [])
    src = str(scale.CORPUS)
    figures = {t: ([], [], [], [], []) for t in trees}  # wall 1, wall 2, cpu 1, cpu 2, pair ratio
    for _ in range(args.n):
        for tree in trees:
            env = {"PYTHONPATH": tree}
            one = scale.run(["--no-cache", "-q", "--jobs", "1", src], env=env)
            two = scale.run(["--no-cache", "-q", "--jobs", "2", src], env=env)
            assert one[3] == two[3], "--jobs 2 output differs from --jobs 1"
            w1, w2, c1, c2, rs = figures[tree]
            w1.append(one[0]); w2.append(two[0]); c1.append(one[1]); c2.append(two[1]); rs.append(one[0] / two[0])
    for tree in trees:
        w1, w2, c1, c2, rs = figures[tree]
        m = statistics.median
        print(f"{tree}:")
        print("  per-pair wall speed-ups:", " ".join(f"{r:.2f}" for r in rs))
        print(f"  median wall --jobs 1 {m(w1):.2f} s, --jobs 2 {m(w2):.2f} s: {m(w1) / m(w2):.2f}x; "
              f"median of pair ratios {m(rs):.2f}x; best walls {min(w1):.2f} / {min(w2):.2f} = {min(w1) / min(w2):.2f}x")
        print(f"  CPU --jobs 1 median {m(c1):.2f} s best {min(c1):.2f} s, --jobs 2 median {m(c2):.2f} s best {min(c2):.2f} s: "
              f"{m(c2) / m(c1):.3f}x median, {min(c2) / min(c1):.3f}x best")


if __name__ == "__main__":
    main()
