"""Single-process speed of postlint beside the parse floor and, where installed, peers.

    python benchmarks/run.py            # full run (1,000 postings, 15 start-ups)
    python benchmarks/run.py --quick    # a fast look (200 postings, 5 start-ups, 1/10 adversarial sizes)

Prints one table. Every ratio is taken from figures measured in this same run,
because shared machines are noisy and absolute milliseconds are not comparable
between runs.

- floor: ``import yaml, markdown_it``; parse the front matter with the yaml C
  loader and the body with ``MarkdownIt().parse``. Nothing can lint a posting
  faster than it can read one, so this is the yardstick.
- start-up: median wall time of N subprocess runs on one posting.
- per posting: mean ms over the same corpus postings, one process, postlint via
  its Python API (``postlint.lint_bytes``) with the default rules: one cold pass
  (the first time postlint sees these postings, as in a pre-commit run), then
  three warm passes alternating with three more passes of the floor (the steady
  cost, as in a long run), shown as the median of the pairs' ratios.
- adversarial: generated inputs, each timed once and shown with the ratio to a
  normal posting of the same size (corpus postings concatenated) and to the
  parse floor on the same input. One-line list items take postlint/fastlist.py's
  path; the last input (items with sub-items) is a list it leaves to markdown-it.
- peers (codespell, proselint, markdownlint): only when found on PATH.

Uses only the standard library, postlint and its own dependencies. The corpus
is ``../shared/corpus`` next to the repository; when it is absent the seeds in
tests/fixtures/seeds are used and the table says so.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SEEDS = ROOT / "tests" / "fixtures" / "seeds"

FLOOR_ONE = (
    "import sys, yaml, markdown_it\n"
    "t = open(sys.argv[1], encoding='utf-8', errors='surrogateescape').read()\n"
    "fm, body = '', t\n"
    "if t.startswith('---'):\n"
    "    parts = t.split('\\n---', 1)\n"
    "    if len(parts) == 2:\n"
    "        fm, body = parts[0][3:], parts[1]\n"
    "try:\n"
    "    yaml.load(fm, Loader=getattr(yaml, 'CSafeLoader', yaml.SafeLoader))\n"
    "except yaml.YAMLError:\n"
    "    pass\n"
    "markdown_it.MarkdownIt().parse(body)\n"
)


WARM_PASSES = 3


def corpus_files(limit: int) -> tuple[list[Path], str]:
    if CORPUS.is_dir():
        files = sorted(p for p in CORPUS.rglob("*.md") if p.is_file())
        source = f"{CORPUS} ({len(files)} postings found)"
    else:
        files = sorted(SEEDS.glob("*.md"))
        source = f"corpus absent ({CORPUS}); using the {len(files)} seeds"
    return files[:limit], source


def floor_parse(texts: list[str]) -> None:
    import markdown_it
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    md = markdown_it.MarkdownIt()
    for t in texts:
        fm, body = "", t
        if t.startswith("---"):
            parts = t.split("\n---", 1)
            if len(parts) == 2:
                fm, body = parts[0][3:], parts[1]
        try:
            yaml.load(fm, Loader=loader)
        except (yaml.YAMLError, RecursionError):  # the 5,000-level nest may exceed the stack
            pass
        md.parse(body)


def wall(cmd: list[str], runs: int) -> float | None:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        try:
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120, cwd=ROOT)
        except (OSError, subprocess.TimeoutExpired):
            return None
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def per_posting_cmd(cmd: list[str], files: list[Path], startup_ms: float) -> float | None:
    """A peer's per-posting ms: one run over all files, minus its start-up."""
    t0 = time.perf_counter()
    try:
        subprocess.run(cmd + [str(f) for f in files], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=600, cwd=ROOT)
    except (OSError, subprocess.TimeoutExpired):
        return None
    total = (time.perf_counter() - t0) * 1000
    return max(total - startup_ms, 0.0) / len(files)


def adversarial(scale: int) -> list[tuple[str, bytes]]:
    fm = b"---\ntitle: Engineer\n---\n"
    return [
        ("1 MB posting (corpus text repeated)", b""),  # filled in by the caller
        (f"{10_000 // scale:,} nested emphasis markers",
         fm + b"# Role\n\n" + b"*" * (10_000 // scale) + b"word" + b"*" * (10_000 // scale) + b"\n"),
        (f"{100_000 // scale:,} list items",
         fm + b"# Role\n\n" + b"".join(b"- item number %d\n" % i for i in range(100_000 // scale))),
        (f"{5_000 // scale:,}-level YAML nest",
         b"---\nx: " + b"[" * (5_000 // scale) + b"]" * (5_000 // scale) + b"\n---\n# Role\n\nText.\n"),
        (f"one {1 // 1 if scale == 1 else 0.1} MB line",
         fm + b"# Role\n\n" + b"word " * (200_000 // scale) + b"\n"),
        # Items with a nested list are left to markdown-it's own list rule (postlint/fastlist.py
        # takes only one-line items): the cost of a list the fast rule cannot take.
        (f"{20_000 // scale:,} list lines, each item with a sub-item",
         fm + b"# Role\n\n" + b"".join(b"- item %d\n  - detail %d\n" % (i, i) for i in range(10_000 // scale))),
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer postings and runs, smaller adversarial inputs")
    ap.add_argument("-n", type=int, default=None, help="number of corpus postings (default 1000, quick 200)")
    args = ap.parse_args(argv)
    n = args.n or (200 if args.quick else 1000)
    runs = 5 if args.quick else 15
    scale = 10 if args.quick else 1

    files, source = corpus_files(n)
    if not files:
        print("no postings found", file=sys.stderr)
        return 2
    raw = [f.read_bytes() for f in files]
    texts = [b.decode("utf-8", "surrogateescape") for b in raw]
    one = files[0]
    py = sys.executable
    rows: list[tuple[str, str, str, str]] = []

    # start-up, subprocess wall
    s_pass = wall([py, "-c", "pass"], runs)
    s_floor = wall([py, "-c", FLOOR_ONE, str(one)], runs)
    # --no-cache: the posting is linted every time (a pre-commit run on a changed posting); the
    # cached row is a re-run on an unchanged one, answered from .postlint_cache.
    s_pl = wall([py, "-m", "postlint", "--no-cache", str(one)], runs)
    s_cached = wall([py, "-m", "postlint", str(one)], runs)

    # throughput, one process
    t0 = time.perf_counter()
    floor_parse(texts)
    p_floor = (time.perf_counter() - t0) * 1000 / len(texts)

    from postlint import api as postlint

    postlint.lint_bytes(raw[0], str(files[0]))  # build the linter once, as the CLI does
    t0 = time.perf_counter()
    for f, b in zip(files, raw):
        postlint.lint_bytes(b, str(f))
    p_pl = (time.perf_counter() - t0) * 1000 / len(raw)
    # Warm: what every posting after the first few hundred costs (an aggregator's millionth posting).
    # The cold pass above also pays each pattern's compile, each new word's syllable count and
    # spelling look-up, and ftfy's import once. Floor and postlint passes alternate, so a slow
    # stretch of a shared machine hits both; the ratio is the median of the pairs' ratios.
    warm_floor, warm_pl = [], []
    for _ in range(WARM_PASSES):
        t0 = time.perf_counter()
        floor_parse(texts)
        warm_floor.append((time.perf_counter() - t0) * 1000 / len(texts))
        t0 = time.perf_counter()
        for f, b in zip(files, raw):
            postlint.lint_bytes(b, str(f))
        warm_pl.append((time.perf_counter() - t0) * 1000 / len(raw))
    warm_ratio = statistics.median(p / f for p, f in zip(warm_pl, warm_floor))

    def fmt(x: float | None) -> str:
        return "n/a" if x is None else f"{x:,.1f}"

    def ratio(x: float | None, base: float | None) -> str:
        return "" if x is None or not base else f"{x / base:.2f}x"

    rows.append(("`python -c pass`", fmt(s_pass), "", ""))
    rows.append(("parse floor (yaml C loader + markdown-it)", fmt(s_floor), fmt(p_floor), "1.00x / 1.00x"))
    rows.append(("**postlint** (default rules)", fmt(s_pl), fmt(p_pl),
                 f"{ratio(s_pl, s_floor)} / {ratio(p_pl, p_floor)}"))
    rows.append((f"postlint, warm passes (median of {WARM_PASSES}, alternating with the floor's)", "",
                 f"{statistics.median(warm_pl):,.1f} vs {statistics.median(warm_floor):,.1f}", f"/ {warm_ratio:.2f}x"))
    rows.append(("postlint, unchanged posting (result cache hit)", fmt(s_cached), "", f"{ratio(s_cached, s_floor)} /"))

    peers = []
    if shutil.which("codespell"):
        peers.append(("codespell", ["codespell"]))
    if shutil.which("proselint"):
        # proselint 0.14+ takes a subcommand (`proselint check FILE`); older ones take the file.
        new = subprocess.run(["proselint", "version"], capture_output=True).returncode == 0
        peers.append(("proselint", ["proselint", "check"] if new else ["proselint"]))
    for name in ("markdownlint", "markdownlint-cli"):
        if shutil.which(name):
            peers.append(("markdownlint-cli", [name]))
            break
    peer_files = files[: min(len(files), 100 if args.quick else 300)]
    for name, cmd in peers:
        s = wall(cmd + [str(one)], max(3, runs // 3))
        p = per_posting_cmd(cmd, peer_files, s or 0.0)
        rows.append((name, fmt(s), fmt(p), f"{ratio(s, s_floor)} / {ratio(p, p_floor)}"))

    print(f"postings: {len(files)} from {source}; start-up = median of {runs} runs on {one.name}")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpu(s); peers found: "
          f"{', '.join(n for n, _ in peers) or 'none'}")
    print()
    print("| tool | start-up on one posting (ms) | per posting (ms) | ratio to floor (start-up / per posting) |")
    print("|---|---:|---:|---:|")
    for r in rows:
        print("| " + " | ".join(r) + " |")

    # adversarial inputs: time and ratio to a normal posting of the same size
    corpus_blob = b"\n".join(raw)
    print()
    print("| adversarial input | size | postlint (ms) | normal posting of that size (ms) | ratio | parse floor on the input (ms) | ratio to floor |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    cases = adversarial(scale)
    mb = (1 << 20) // scale
    cases[0] = (cases[0][0] if scale == 1 else "0.1 MB posting (corpus text repeated)",
                (corpus_blob * (mb // max(len(corpus_blob), 1) + 1))[:mb])
    for label, data in cases:
        size = len(data)
        normal = (corpus_blob * (size // max(len(corpus_blob), 1) + 1))[:size]
        t0 = time.perf_counter()
        diags = postlint.lint_bytes(data, "adversarial.md")
        t_adv = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        postlint.lint_bytes(normal, "normal.md")
        t_norm = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        floor_parse([data.decode("utf-8", "surrogateescape")])
        t_floor = (time.perf_counter() - t0) * 1000
        budget = " (PL005 time budget hit)" if any(d.code == "PL005" for d in diags) else ""
        print(f"| {label}{budget} | {size / 1024:,.0f} KiB | {t_adv:,.0f} | {t_norm:,.0f} | {t_adv / t_norm:.2f}x "
              f"| {t_floor:,.0f} | {t_adv / max(t_floor, 0.001):.2f}x |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
