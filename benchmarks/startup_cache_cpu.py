"""Start-up CPU with the start-up cache (postlint/startup_cache.py) warm, cold and off.

    python benchmarks/startup_cache_cpu.py --runs 30 [--against /work/main]

Median CPU (user + sys) of N subprocess runs of ``postlint --no-cache examples/good-posting.md``,
interleaved with the parse floor (benchmarks/run.py's FLOOR_ONE):
- warm: POSTLINT_STARTUP_CACHE is a folder a first run filled (every later run reads it);
- cold: an empty folder at every run (the run compiles everything, checks it, writes the file);
- off: POSTLINT_STARTUP_CACHE set empty (what every run cost before the cache);
- with --against DIR, that checkout's --no-cache start-up (run from its folder, first on PYTHONPATH).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from run import FLOOR_ONE  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--against", metavar="DIR")
    args = parser.parse_args()
    post = str(ROOT / "examples" / "good-posting.md")
    work = Path(tempfile.mkdtemp(prefix="postlint-startup-bench-"))
    warm = work / "warm"
    lint = [sys.executable, "-m", "postlint", "--no-cache", post]
    base = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run(lint, capture_output=True, cwd=ROOT, env={**base, "POSTLINT_STARTUP_CACHE": str(warm)})
    cmds = {
        "floor": ([sys.executable, "-c", FLOOR_ONE, post], ROOT, lambda i: base),
        "warm": (lint, ROOT, lambda i: {**base, "POSTLINT_STARTUP_CACHE": str(warm)}),
        "cold": (lint, ROOT, lambda i: {**base, "POSTLINT_STARTUP_CACHE": str(work / f"cold{i}")}),
        "off": (lint, ROOT, lambda i: {**base, "POSTLINT_STARTUP_CACHE": ""}),
    }
    if args.against:
        cmds["against"] = (lint, Path(args.against), lambda i: {**os.environ, "PYTHONPATH": args.against})
    cpu: dict = {k: [] for k in cmds}
    try:
        for i in range(args.runs):
            for name, (cmd, cwd, env) in cmds.items():
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                subprocess.run(cmd, capture_output=True, cwd=cwd, env=env(i))
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu[name].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    floor = statistics.median(cpu["floor"]) * 1000
    print(f"start-up, median CPU of {args.runs} (postlint --no-cache on examples/good-posting.md):")
    print(f"  parse floor {floor:.1f} ms")
    for name in list(cmds)[1:]:
        ms = statistics.median(cpu[name]) * 1000
        label = {"warm": "startup cache warm", "cold": "startup cache cold (empty folder)",
                 "off": "startup cache off", "against": f"{args.against}"}[name]
        print(f"  {label}: {ms:.1f} ms, {ms / floor:.2f}x the floor")


if __name__ == "__main__":
    main()
