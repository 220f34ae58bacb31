"""The wheel carries rules/ and schemas/: pre-commit installs postlint with `pip install .`."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_contains_the_data_files(tmp_path):
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    wheel = next(tmp_path.glob("postlint-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("rules", "schemas"):
        for source in (ROOT / folder).rglob("*"):
            if source.is_file():
                inside = f"postlint/_data/{folder}/{source.relative_to(ROOT / folder).as_posix()}"
                assert inside in names, f"{inside} missing from the wheel"
    assert "postlint/cli.py" in names
    assert any(n.endswith("entry_points.txt") for n in names)
