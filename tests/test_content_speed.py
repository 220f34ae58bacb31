"""The content rules' cheap paths (issue 6) give the answers of the plain scans they stand in for.

Each fast path is compared with the slow one it replaces, on generated text built from the
pieces the patterns care about (place names, ', ST', line breaks, case tricks) and on real
postings from the corpus when it is there.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from postlint import pay

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"


def _corpus_texts(limit=150):
    if not CORPUS.is_dir():
        return []
    files = sorted(p for p in CORPUS.rglob("*.md") if p.is_file())[:limit]
    return [f.read_text(encoding="utf-8", errors="replace") for f in files]


PLACE_PIECES = ["Denver", "Boulder", "Colorado Springs", "Fort Collins", ",", ", ", ",\n", "\n", " ", "\t", "CO",
                "NY", "NYC", "New York", "New York City", "CA", "San Francisco", "Seattle", "WA", "DC",
                "Washington", "D.C.", "-", ".", "x", "Co", "Big Town", "Brooklyn", "Springfield", "MA", "é"]


def _generated(pieces, n=3000, seed=6):
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) for _ in range(n)]


def _span(m):
    return None if m is None else (m.start(), m.end(), m.group(0))


@pytest.mark.parametrize("source", ["generated", "corpus"])
def test_windowed_search_finds_what_a_full_search_finds(source):
    texts = _generated(PLACE_PIECES) if source == "generated" else _corpus_texts()
    if not texts:
        pytest.skip("corpus not available")
    laws = pay.load_laws()
    hits = 0
    for text in texts:
        for law in laws:
            expected = _span(law.anywhere.search(text))
            assert _span(pay._first(law, text)) == expected, (law.id, text)
            hits += expected is not None
        any_match = any(law.anywhere.search(text) for law in laws)
        if any_match:
            assert pay._any_hint(laws).search(text), text
    assert hits > 20  # the inputs do reach the patterns


CUE_PIECES = ["Location", "location:", "LOCATION", "based in", "BASED", "baſed in", "located in", "locatİon",
              "offices are in", "office", "Offıce", "OFFICE", "in", " ", "\n", "x", ":", "the", "é", "Based  out of"]


@pytest.mark.parametrize("source", ["generated", "corpus"])
def test_cue_precheck_never_skips_a_cue(source):
    texts = _generated(CUE_PIECES, seed=7) if source == "generated" else _corpus_texts()
    if not texts:
        pytest.skip("corpus not available")
    skipped = 0
    for text in texts:
        if pay._CUE.search(text):
            assert pay._may_cue(text), text
        skipped += not pay._may_cue(text)
    if source == "generated":
        assert skipped > 0  # the pre-check does skip some inputs
