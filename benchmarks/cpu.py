"""Start-up and per-posting ratios to the parse floor by CPU time, for comparing two versions.

    python benchmarks/cpu.py            # 15 start-ups, 300 postings
    python benchmarks/cpu.py --runs 30 --postings 0 --against /tmp/main-copy   # start-up, two versions

On a shared machine wall time swings with the load (benchmarks/run.py --quick gave 1.9x to 3.2x
for the same start-up within minutes); CPU time, with postlint and the floor interleaved, moves
far less. Start-up: median CPU (user + sys) of N subprocess runs on examples/good-posting.md,
alternating the floor, ``postlint --no-cache`` (the posting is linted: the start-up target) and
``postlint`` answered from its cache. Per posting: the best of 3 passes over the first corpus
postings in this process, postlint through its Python API (default rules) and the floor on the
same bytes. Note: with PYTHONDONTWRITEBYTECODE set and no __pycache__, every start-up compiles
postlint's sources (~100 ms); ``python -m compileall -q postlint`` first, as an installed wheel has.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from run import FLOOR_ONE, corpus_files, floor_parse  # noqa: E402


def startup(runs: int, against: str | None = None) -> tuple[float, ...]:
    """Median CPU ms of the floor, postlint --no-cache (the posting is linted) and a cache hit,
    then (with ``against``, another checkout's folder) that checkout's --no-cache start-up,
    run from its folder with it first on PYTHONPATH, interleaved with the others."""
    post = str(ROOT / "examples" / "good-posting.md")
    cmds = {
        "floor": ([sys.executable, "-c", FLOOR_ONE, post], None),
        "postlint": ([sys.executable, "-m", "postlint", "--no-cache", post], None),
        "cached": ([sys.executable, "-m", "postlint", post], None),
    }
    if against:
        cmds["against"] = ([sys.executable, "-m", "postlint", "--no-cache", post], against)
    cpu: dict = {k: [] for k in cmds}
    for _ in range(runs):
        for name, (cmd, tree) in cmds.items():
            env = None if tree is None else {**os.environ, "PYTHONPATH": tree}
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run(cmd, capture_output=True, cwd=tree or ROOT, env=env)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[name].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return tuple(statistics.median(cpu[k]) * 1000 for k in cmds)


def per_posting(limit: int) -> tuple[float, float, int]:
    from postlint import api

    files, _ = corpus_files(limit)
    raw = [(f.read_bytes(), str(f)) for f in files]

    def floor(data: bytes) -> None:
        floor_parse([data.decode("utf-8", "surrogateescape")])

    api.lint_bytes(raw[0][0], raw[0][1])  # build the linter once, as the CLI does
    floor(raw[0][0])
    best_floor = best_postlint = float("inf")
    for _ in range(3):
        start = time.process_time()
        for data, _name in raw:
            floor(data)
        best_floor = min(best_floor, time.process_time() - start)
        start = time.process_time()
        for data, name in raw:
            api.lint_bytes(data, name)
        best_postlint = min(best_postlint, time.process_time() - start)
    return best_floor / len(raw) * 1000, best_postlint / len(raw) * 1000, len(raw)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="start-ups of each")
    parser.add_argument("--postings", type=int, default=300, help="0: start-up only")
    parser.add_argument("--against", metavar="DIR",
                        help="another checkout (e.g. a `git archive` of main, compileall'd): its --no-cache "
                             "start-up too, interleaved")
    args = parser.parse_args()
    f_start, p_start, c_start, *other = startup(args.runs, args.against)
    print(f"start-up (median CPU of {args.runs}): floor {f_start:.0f} ms, postlint --no-cache {p_start:.0f} ms, "
          f"ratio {p_start / f_start:.2f}x")
    print(f"start-up, cache hit (median CPU of {args.runs}): postlint {c_start:.0f} ms, "
          f"ratio {c_start / f_start:.2f}x")
    if other:
        print(f"start-up of {args.against} (median CPU of {args.runs}): postlint --no-cache {other[0]:.0f} ms, "
              f"ratio {other[0] / f_start:.2f}x")
    if args.postings <= 0:
        return
    f_post, p_post, n = per_posting(args.postings)
    print(f"per posting (best of 3 over {n} postings, CPU): floor {f_post:.2f} ms, postlint {p_post:.2f} ms, "
          f"ratio {p_post / f_post:.2f}x")


if __name__ == "__main__":
    main()
