"""postlint at scale: --jobs speed-up, the result cache, peak memory.

    python benchmarks/scale.py            # corpus x1 for jobs, 10,000 for the cache, 100,000 for memory
    python benchmarks/scale.py --quick    # corpus x1, 2,000, 10,000 (a few minutes less)
    python benchmarks/scale.py --only jobs,cache,memory
    python benchmarks/scale.py --only cache --cache-files 500

Prints one table. Every figure is a fresh ``python -m postlint`` subprocess,
timed with a wall clock and with its CPU time (user+sys of the process and its
workers): on a shared machine the wall-clock speed-up is only as good as the
cores left free, so the table shows the CPU time beside it.

- jobs: the corpus (../shared/corpus) with ``--no-cache -q``, ``--jobs 1`` vs
  ``--jobs 2``; the two outputs must be byte-identical (checked).
- cache: the corpus copied until there are N postings (10,000) into a temporary
  folder; a cold run (empty cache dir), then warm runs (best of 3); outputs checked
  identical to a ``--no-cache`` run.
- memory: N (100,000) small generated postings (about 600 bytes, most with one
  or two findings), ``--jobs 1 --no-cache -q``, peak RSS from getrusage
  (RUSAGE_CHILDREN: the largest process); also 1/10 of N to show the growth.

Uses only the standard library and postlint.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SEEDS = ROOT / "tests" / "fixtures" / "seeds"


def postings(top: Path) -> list[Path]:
    return sorted(p for p in top.rglob("*") if p.is_file() and p.suffix in (".md", ".markdown"))


def run(args, env=None, cwd=None):
    """(wall s, cpu s, peak RSS MB of the largest process, stdout bytes, exit code)."""
    full_env = dict(os.environ, NO_COLOR="1", **(env or {}))
    full_env.pop("GITHUB_ACTIONS", None)
    full_env.pop("POSTLINT_FORMAT", None)
    code = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE)\n"
        "wall = time.perf_counter() - t\n"
        "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "sys.stderr.write(f'@@ {wall} {u.ru_utime + u.ru_stime} {u.ru_maxrss} {p.returncode}\\n')\n"
        "sys.stdout.buffer.write(p.stdout)\n"
    )
    # A fresh parent per measurement, so RUSAGE_CHILDREN holds this run only.
    p = subprocess.run([sys.executable, "-c", code, sys.executable, "-m", "postlint", *map(str, args)],
                       capture_output=True, env=full_env, cwd=cwd)
    line = [x for x in p.stderr.decode().splitlines() if x.startswith("@@ ")][-1].split()
    return float(line[1]), float(line[2]), int(line[3]) / 1024, p.stdout, int(line[4])


def copy_tree(files: list[Path], dest: Path, n: int) -> Path:
    i = 0
    while i < n:
        folder = dest / f"copy{i // len(files):02d}"
        folder.mkdir(parents=True, exist_ok=True)
        for src in files:
            if i >= n:
                break
            shutil.copyfile(src, folder / f"{i:06d}-{src.name}")
            i += 1
    return dest


TEMPLATE = """---
layout: job
title: {title}
company: {company}
location: {location}
post-date: {date}
---
{heading}About the role

We are hiring a {title} to join our {team} team in {location}.

## What you will do

- Build and run {thing} for our customers
- Work with the {team} team every day
- Write clear documentation

## How to apply

Send your CV to jobs@example.com.
"""


def generate(dest: Path, n: int) -> Path:
    titles = ["Backend Developer", "Data Engineer", "Product Designer", "Support Lead", "QA Analyst"]
    places = ["Berlin", "Remote", "Austin, TX", "Lisbon", "Toronto"]
    per_folder = 1000
    for i in range(n):
        folder = dest / f"batch{i // per_folder:03d}"
        if i % per_folder == 0:
            folder.mkdir(parents=True, exist_ok=True)
        text = TEMPLATE.format(title=titles[i % 5], company=f"Company {i}", location=places[(i // 5) % 5],
                               date=f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}" if i % 3 else f"{1 + i % 12}-{1 + i % 28}-2024",
                               heading="##" if i % 2 else "## ", team=["platform", "growth", "core"][i % 3],
                               thing=["services", "pipelines", "tools"][i % 3])
        (folder / f"{i:06d}-posting.md").write_text(text, encoding="utf-8")
    return dest


def bench_jobs(rows, quick):
    source = CORPUS if CORPUS.is_dir() else SEEDS
    n = len(postings(source))
    one = run(["--no-cache", "-q", "--jobs", "1", source])
    two = run(["--no-cache", "-q", "--jobs", "2", source])
    same = "identical" if one[3] == two[3] else "DIFFERENT"
    rows.append((f"--jobs 1, {n} corpus postings", f"{one[0]:.2f} s", f"{one[1]:.2f} s", f"{one[2]:.0f} MB", ""))
    rows.append((f"--jobs 2, {n} corpus postings", f"{two[0]:.2f} s", f"{two[1]:.2f} s", f"{two[2]:.0f} MB",
                 f"speed-up {one[0] / two[0]:.2f}x wall; output {same}"))


def bench_cache(rows, quick, tmp: Path, n: int | None = None):
    n = n or (2000 if quick else 10000)
    files = postings(CORPUS) if CORPUS.is_dir() else postings(SEEDS)
    tree = copy_tree(files, tmp / "cache-tree", n)
    env = {"POSTLINT_CACHE_DIR": str(tmp / "cache")}
    fresh = run(["--no-cache", "-q", tree], env=env)
    cold = run(["-q", tree], env=env)
    warm = min((run(["-q", tree], env=env) for _ in range(3)), key=lambda r: r[0])
    warm1 = min((run(["-q", "--jobs", "1", tree], env=env) for _ in range(3)), key=lambda r: r[0])
    same = "identical" if fresh[3] == cold[3] == warm[3] == warm1[3] else "DIFFERENT"
    rows.append((f"--no-cache, {n} postings", f"{fresh[0]:.2f} s", f"{fresh[1]:.2f} s", f"{fresh[2]:.0f} MB", ""))
    rows.append((f"cache cold, {n} postings", f"{cold[0]:.2f} s", f"{cold[1]:.2f} s", f"{cold[2]:.0f} MB", "fills the cache"))
    rows.append((f"cache warm, {n} postings", f"{warm[0]:.2f} s", f"{warm[1]:.2f} s", f"{warm[2]:.0f} MB",
                 f"best of 3; output {same}"))
    rows.append((f"cache warm --jobs 1, {n}", f"{warm1[0]:.2f} s", f"{warm1[1]:.2f} s", f"{warm1[2]:.0f} MB", "best of 3"))
    shutil.rmtree(tree, ignore_errors=True)


def bench_memory(rows, quick, tmp: Path):
    n = 10000 if quick else 100000
    for count in (n // 10, n):
        tree = generate(tmp / f"mem-{count}", count)
        r = run(["--no-cache", "-q", "--jobs", "1", tree])
        findings = r[3].count(b"\n")
        rows.append((f"peak RSS, {count} small postings", f"{r[0]:.1f} s", f"{r[1]:.1f} s", f"{r[2]:.0f} MB",
                     f"--jobs 1, {findings} findings printed"))
        shutil.rmtree(tree, ignore_errors=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--only", default="jobs,cache,memory")
    ap.add_argument("--cache-files", type=int, metavar="N", help="postings for the cache rows (default 10,000; 2,000 with --quick)")
    args = ap.parse_args(argv)
    parts = set(args.only.split(","))
    rows = []
    with tempfile.TemporaryDirectory(prefix="postlint-scale-") as tmp:
        if "jobs" in parts:
            bench_jobs(rows, args.quick)
        if "cache" in parts:
            bench_cache(rows, args.quick, Path(tmp), args.cache_files)
        if "memory" in parts:
            bench_memory(rows, args.quick, Path(tmp))
    print(f"postlint scale benchmark ({'quick' if args.quick else 'full'}); {os.cpu_count()} CPUs; "
          f"load average {os.getloadavg()[0]:.2f} at the end")
    header = ("what", "wall", "cpu", "peak RSS", "note")
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(5)]
    for r in [header, tuple("-" * w for w in widths)] + rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
