"""Instruction counts (valgrind's callgrind) of postlint beside the parse floor: figures a noisy machine cannot move.

    python benchmarks/instructions.py            # 1,000 corpus postings (all 906 here); ~5 min on 2 idle cores
    python benchmarks/instructions.py -n 200     # a faster look

Wall and CPU time on a shared VM swing by 20-30% between identical runs (see README Performance),
so a ratio of two timings taken seconds apart can move by more than the change being judged.
The number of instructions the CPU retires for the same work does not depend on what else runs
on the machine: this script counts them with callgrind (``valgrind --tool=callgrind``; Debian
package ``valgrind``), for the same steps benchmarks/run.py times:

- start-up: ``postlint --no-cache`` on one posting, and the floor's one-posting script, each a
  whole process;
- per posting: in one process, after the same set-up (the corpus read, yaml, markdown-it and
  postlint imported, the linter built on the first posting), the floor's pass over all
  postings, postlint's first (cold) pass, and a second (warm) pass. Each is a separate process
  run under callgrind, and a pass is its process's count minus the set-up process's count.

Instructions are not time: a retired instruction that misses the cache costs more than one
that hits, and postlint's rules touch more memory (word tables, memo dictionaries, compiled
regexes) than the floor's parse, so its time ratio is somewhat above its instruction ratio.
The count is for judging a change (same input, same interpreter, PYTHONHASHSEED fixed), not a
replacement for run.py's times. Standard library only; skips with a message when valgrind is absent.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from run import FLOOR_ONE, corpus_files  # noqa: E402

PASSES = (
    "import sys\n"
    "sys.path.insert(0, {bench!r})\n"
    "from run import corpus_files, floor_parse\n"
    "files, _ = corpus_files({n})\n"
    "raw = [f.read_bytes() for f in files]\n"
    "texts = [b.decode('utf-8', 'surrogateescape') for b in raw]\n"
    "floor_parse(texts[:1])\n"
    "from postlint import api\n"
    "api.lint_bytes(raw[0], str(files[0]))\n"
    "mode = {mode!r}\n"
    "if mode == 'floor':\n"
    "    floor_parse(texts)\n"
    "if mode in ('cold', 'warm'):\n"
    "    for f, b in zip(files, raw):\n"
    "        api.lint_bytes(b, str(f))\n"
    "if mode == 'warm':\n"
    "    for f, b in zip(files, raw):\n"
    "        api.lint_bytes(b, str(f))\n"
)


def count(cmd: list[str], out_dir: str, name: str) -> int:
    out = os.path.join(out_dir, name + ".callgrind")
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=str(ROOT), NO_COLOR="1",
               POSTLINT_STARTUP_CACHE=os.path.join(out_dir, "startup-cache"))
    subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *cmd],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env, check=False)
    with open(out) as fh:
        for line in fh:
            m = re.match(r"(?:summary|totals):\s+(\d+)", line)
            if m:
                return int(m.group(1))
    raise RuntimeError(f"no instruction count in {out}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=1000, help="number of corpus postings (default 1000)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="callgrind processes at once")
    args = ap.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind not found (Debian: apt-get install valgrind): no instruction counts", file=sys.stderr)
        return 0
    files, source = corpus_files(args.n)
    py = sys.executable
    one = str(files[0])
    with tempfile.TemporaryDirectory() as tmp:
        # The start-up cache filled once, as on any machine after the first run.
        subprocess.run([py, "-m", "postlint", "--no-cache", one], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, cwd=ROOT,
                       env=dict(os.environ, POSTLINT_STARTUP_CACHE=os.path.join(tmp, "startup-cache")))
        jobs = {
            "pass": [py, "-c", "pass"],
            "floor one": [py, "-c", FLOOR_ONE, one],
            "postlint one": [py, "-m", "postlint", "--no-cache", one],
        }
        for mode in ("base", "floor", "cold", "warm"):
            jobs[mode] = [py, "-c", PASSES.format(bench=str(ROOT / "benchmarks"), n=args.n, mode=mode)]
        with ThreadPoolExecutor(max(1, args.jobs)) as pool:
            futures = {name: pool.submit(count, cmd, tmp, name.replace(" ", "-")) for name, cmd in jobs.items()}
            ir = {name: f.result() for name, f in futures.items()}
    n = len(files)
    floor = ir["floor"] - ir["base"]
    cold = ir["cold"] - ir["base"]
    warm = ir["warm"] - ir["cold"]
    print(f"postings: {n} from {source}; python {sys.version.split()[0]}; instructions (callgrind Ir), PYTHONHASHSEED=0")
    print()
    print("| step | floor (M instructions) | postlint (M instructions) | ratio |")
    print("|---|---:|---:|---:|")
    print(f"| start-up on one posting (`python -c pass`: {ir['pass'] / 1e6:,.0f}) | {ir['floor one'] / 1e6:,.0f} "
          f"| {ir['postlint one'] / 1e6:,.0f} | {ir['postlint one'] / ir['floor one']:.2f}x |")
    print(f"| per posting, cold pass | {floor / n / 1e6:,.2f} | {cold / n / 1e6:,.2f} | {cold / floor:.2f}x |")
    print(f"| per posting, warm pass | {floor / n / 1e6:,.2f} | {warm / n / 1e6:,.2f} | {warm / floor:.2f}x |")
    print(f"| first-use work in the cold pass (cold - warm), in all | | {(cold - warm) / 1e6:,.0f} | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
