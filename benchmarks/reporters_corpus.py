"""Time each output format over the findings of ../shared/corpus.

    python benchmarks/reporters_corpus.py

Lints every posting once (the time is printed), then runs each reporter over
the same results into memory: the reporter's own cost, its output size, and
its share of the linting time. Run from the repository root.
"""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

from postlint.config import ConfigResolver
from postlint.engine import Linter
from postlint.registry import load_registry
from postlint.reporters import FORMATS, get_reporter

CORPUS = Path(os.environ.get("POSTLINT_SHARED") or Path(__file__).resolve().parents[2] / "shared") / "corpus"


def main() -> None:
    resolver = ConfigResolver({}, None)
    registry = load_registry()
    linter = Linter(registry, resolver)
    files = sorted(p for p in CORPUS.rglob("*.md") if p.is_file())
    start = time.perf_counter()
    results = [linter.lint_bytes(p.read_bytes(), str(p), resolver.for_path(p.resolve()), p) for p in files]
    lint_time = time.perf_counter() - start
    print(f"lint {len(files)} *.md postings: {lint_time:.2f} s, {sum(len(r.diagnostics) for r in results)} findings")
    for name in FORMATS:
        stream = io.StringIO()
        start = time.perf_counter()
        get_reporter(name)(results, stream, {"registry": registry})
        took = time.perf_counter() - start
        print(f"{name:<11} {took * 1000:8.1f} ms {len(stream.getvalue()) / 1e6:6.2f} MB  {took / lint_time:6.1%} of lint")


if __name__ == "__main__":
    main()
