"""The hostile-input table: what postlint prints for each named case, its exit code
and the wall time of the whole command (startup included).

    python benchmarks/hostile.py          # Markdown table on standard output

The inputs come from tests/hostile_inputs.py (the same makers test_hostile.py uses).
Times are not asserted anywhere; on a shared machine read them as rough.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import hostile_inputs as H  # noqa: E402


def run(args, cwd):
    env = dict(os.environ, NO_COLOR="1")
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "postlint", *args], cwd=cwd, capture_output=True,
                          text=True, env=env, timeout=600)
    return proc, time.perf_counter() - start


def main():
    print("| case | postlint printed | exit | time (s) |")
    print("|---|---|---|---|")
    for name, make in H.CASES.items():
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            path = make(folder)
            proc, seconds = run([os.path.relpath(path, folder)], folder)
            lines = [line for line in (proc.stdout + proc.stderr).splitlines() if line.strip()]
            shown = "<br>".join(line.replace("|", "\\|") for line in lines[:3])
            print(f"| {name} | `{shown}` | {proc.returncode} | {seconds:.2f} |")


if __name__ == "__main__":
    main()
