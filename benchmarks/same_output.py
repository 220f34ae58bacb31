"""Check that an optimisation left postlint's output on the corpus byte-identical.

    python benchmarks/same_output.py save    # before the change: writes /tmp/postlint-before-<checkout>-*.json
    python benchmarks/same_output.py check   # after: compares, exits 1 on any difference
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = "../shared/corpus"  # relative to the repo, so paths in the output do not depend on where this runs
RUNS = {"default": [], "all": ["--select", "ALL"]}


def run(extra):
    cmd = [sys.executable, "-m", "postlint", "--no-cache", "--format", "json", *extra, str(CORPUS)]
    return subprocess.run(cmd, capture_output=True, cwd=ROOT).stdout


def main(mode: str) -> int:
    bad = 0
    for name, extra in RUNS.items():
        out = run(extra)
        # Named after the checkout, so two worktrees measuring at once keep their own baselines.
        saved = Path(f"/tmp/postlint-before-{ROOT.name}-{name}.json")
        if mode == "save":
            saved.write_bytes(out)
            print(f"{name}: saved {len(out):,} bytes")
        else:
            same = saved.read_bytes() == out
            bad += not same
            print(f"{name}: {'identical' if same else 'DIFFERENT'} ({len(out):,} bytes)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "check"))
