"""Over every real posting in ../shared/corpus: no crash, every finding on a real line."""

import subprocess
import sys
from collections import Counter

import pytest

from conftest import corpus_files


@pytest.mark.corpus
def test_whole_corpus_lints_without_crash(tmp_path):
    files = corpus_files()
    listing = tmp_path / "files.txt"
    listing.write_text("\n".join(str(p) for p in files))
    out = tmp_path / "out.json"
    r = subprocess.run([sys.executable, "-m", "postlint", "--format", "json", "--output-file", str(out),
                        *map(str, files)], capture_output=True, text=True, timeout=1200)
    assert r.returncode == 1, r.stderr[-2000:]
    assert "Traceback" not in r.stderr
    import json

    found = json.loads(out.read_text())
    assert not [d for d in found if d["code"] == "PL000"]
    line_counts = {}
    for d in found:
        path = d["path"]
        if path not in line_counts:
            data = open(path, "rb").read()
            line_counts[path] = data.count(b"\n") + (0 if data.endswith(b"\n") else 1) + data.replace(b"\r\n", b"").count(b"\r")
        assert 1 <= d["line"] <= max(1, line_counts[path]), d
        assert d["column"] >= 1
    counts = Counter(d["code"] for d in found)
    assert counts["PL301"] > 100 and counts["PL401"] > 10  # the corpus really has these defects
