"""Property tests: arbitrary bytes, grammar-built postings and mutated real postings.

Invariants, for every input:
- no exception escapes and no rule crashes (no PL000);
- every diagnostic's start and end lie inside the file (line and column);
- two runs give identical diagnostics;
- a fix pass changes only the ranges of the fixes it applied, and fixing is
  idempotent (fixing the fixed text changes nothing);
- unchanged text encodes back to the original bytes.

The budget is fixed for CI (profile "ci"). A long run:
    POSTLINT_FUZZ_EXAMPLES=20000 python -m pytest -q tests/test_fuzz.py
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postlint.api import linter_for, make_settings
from postlint.document import Document, encode
from postlint.engine import apply_fixes

from conftest import CORPUS, ROOT

_EXAMPLES = int(os.environ.get("POSTLINT_FUZZ_EXAMPLES", "0"))
settings.register_profile("ci", max_examples=150, deadline=None, derandomize=True,
                          suppress_health_check=list(HealthCheck))
settings.register_profile("long", max_examples=max(_EXAMPLES, 1), deadline=None,
                          suppress_health_check=list(HealthCheck))
FUZZ = settings.get_profile("long" if _EXAMPLES else "ci")

SETTINGS = make_settings({"select": ["ALL"]})
LINTER = linter_for(SETTINGS)


def _postings() -> list[bytes]:
    files = sorted((ROOT / "examples").glob("*.md"))
    if CORPUS.is_dir():
        files += sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.name not in ("MANIFEST.tsv", "SOURCES.md"))
    return [p.read_bytes() for p in files]


POSTINGS = _postings()


def key(d):
    return (d.line, d.column, d.end_line, d.end_column, d.code, d.message, d.severity,
            tuple((e.start, e.end, e.content) for e in d.fix.edits) if d.fix else None)


def check_invariants(data: bytes):
    result = LINTER.lint_bytes(data, "fuzz.md", SETTINGS, Path("fuzz.md"))
    crashed = [d.message for d in result.diagnostics if d.code == "PL000"]
    assert not crashed, crashed
    doc = Document.from_bytes(data, "fuzz.md")
    if not doc.is_binary:
        assert encode(doc.text, doc.encoding, doc.bom) == data  # decoding is lossless
    for d in result.diagnostics:
        for line, col in ((d.line, d.column), (d.end_line, d.end_column)):
            assert 1 <= line <= doc.line_count, (d, doc.line_count)
            length = (doc.line_starts[line] if line < doc.line_count else len(doc.text)) - doc.line_starts[line - 1]
            assert 1 <= col <= length + 1, (d, length)
        assert (d.line, d.column) <= (d.end_line, d.end_column), d
    again = LINTER.lint_bytes(data, "fuzz.md", SETTINGS, Path("fuzz.md"))
    assert [key(d) for d in again.diagnostics] == [key(d) for d in result.diagnostics]
    if doc.is_binary:
        return
    # One pass of fixes: every byte outside the chosen edits survives.
    text = doc.text
    new_text, applied = apply_fixes(text, result.diagnostics, unsafe=True)
    if applied:
        edits = sorted({(e.start, e.end, e.content) for d in result.diagnostics if d.fix for e in d.fix.edits})
        for start, end, _ in edits:
            assert 0 <= start <= end <= len(text)
        first, last = edits[0][0], max(e[1] for e in edits)
        assert new_text.startswith(text[:first]) and new_text.endswith(text[last:])
    fixed = LINTER.lint_bytes(data, "fuzz.md", SETTINGS, Path("fuzz.md"), fix=True, unsafe=True)
    assert not any(d.code == "PL000" for d in fixed.diagnostics)
    refixed = LINTER.lint_bytes(encode(fixed.text, *fixed.encoding), "fuzz.md", SETTINGS, Path("fuzz.md"),
                                fix=True, unsafe=True)
    assert refixed.text == fixed.text, "fixing the fixed text changed it again"


# ------------------------------------------------------------ grammar
WORDS = st.sampled_from([
    "We", "build", "tools", "the", "the", "her/his", "rockstar", "ninja", "guys", "Expirience",
    "donâ€™t", "café", "insure", "quality", "young", "energetic", "salary", "$120,000", "Zürich",
    "responsibilites", "he", "she", "Python", "API", "e.g.", "https://example.com/x", "a@b.co",
    "ch.tbe.taleo.net", "—", "’", "\u200b", "\t", "é", "\udc97", "日本語", "{{", "}}", "{%", "%}",
    "<%", "%>", "<!--", "-->", "`", "*", "_", "[", "](", ")", "<b>", "</b>", "&amp;", "\\", "#",
    "postlint-disable-next-line", "PL401", "<!-- postlint-disable-next-line PL301 -->",
    "<!-- postlint-disable -->", "<!-- postlint-enable misspelling -->", "<!-- postlint-disable-file PL100 -->",
])
TEXT = st.lists(WORDS, min_size=0, max_size=12).map(" ".join)


@st.composite
def inline(draw):
    t = draw(TEXT)
    wrap = draw(st.sampled_from(["{}", "*{}*", "**{}**", "_{}_", "`{}`", "[{}](http://x.y/{})", "<em>{}</em>",
                                 "{{{{ {} }}}}", "{{% {} %}}", "<% {} %>", "<!-- {} -->", "~~{}~~"]))
    return wrap.replace("{}", t)


@st.composite
def block(draw):
    kind = draw(st.integers(0, 11))
    line = " ".join(draw(st.lists(inline(), min_size=0, max_size=4)))
    if kind == 0:
        return "#" * draw(st.integers(1, 7)) + draw(st.sampled_from(["", " "])) + line
    if kind == 1:
        marker = draw(st.sampled_from(["-", "*", "+", "1.", "2)", "- [ ]"]))
        items = draw(st.lists(st.tuples(st.integers(0, 3), st.sampled_from(["", " "]), inline()), min_size=1, max_size=6))
        return "\n".join("  " * ind + marker + sp + txt for ind, sp, txt in items)
    if kind == 2:
        return "```" + draw(st.sampled_from(["", "python", "yaml"])) + "\n" + line + "\n" + draw(st.sampled_from(["```", ""]))
    if kind == 3:
        return "> " * draw(st.integers(1, 4)) + line
    if kind == 4:
        return draw(st.sampled_from(["<div>", "<table><tr><td>", "<!--", "<script>"])) + line + draw(st.sampled_from(["</div>", "", "-->", "</script>"]))
    if kind == 5:
        return line + "\n" + draw(st.sampled_from(["-", "---", "===", "- ", "* * *"]))
    if kind == 6:
        return "    " + line
    if kind == 7:
        return "| a | b |\n|---|---|\n| " + line + " | x |"
    if kind == 8:
        return "[ref]: " + draw(st.sampled_from(["http://x.y", "<x>", ""])) + " " + line
    if kind == 9:
        return draw(st.sampled_from(["---", "...", "***", "- ", "-", "1.", "#", ""]))
    return line


SCALARS = st.one_of(
    st.sampled_from(["Developer", "2013-03-18", "3-18-2013", "'quoted'", '"dq\\u00e9"', "", "~", "null", "yes",
                     "12", "1.5", "[a, b]", "{a: 1}", "&a x", "*a", "*missing", "!!timestamp 2013-03-18",
                     "|\n  block\n  text", ">\n  folded", "'unterminated", "[", "{", "- x", "? x", "%TAG",
                     "# comment", "x # postlint-disable-line PL102", "x  # postlint-disable-line PL999", "\t"]),
    TEXT,
)
KEYS = st.sampled_from(["layout", "title", "ttitle", "location", "post-date", "date", "company", "salary",
                        "tags", "apply", "x", "title", "- item", "? complex", "<<", "&anchor k", "'q'", ""])


@st.composite
def front_matter(draw):
    lines = []
    for _ in range(draw(st.integers(0, 8))):
        k, v = draw(KEYS), draw(SCALARS)
        sep = draw(st.sampled_from([": ", " : ", ":", ":\t", ":\n  - "]))
        lines.append("  " * draw(st.integers(0, 1)) + k + sep + v)
    close = draw(st.sampled_from(["---", "...", "--- ", ""]))
    return "---\n" + "\n".join(lines) + "\n" + close


@st.composite
def posting(draw):
    parts = []
    if draw(st.booleans()):
        parts.append(draw(front_matter()))
    parts += draw(st.lists(block(), max_size=10))
    text = draw(st.sampled_from(["\n", "\n\n"])).join(parts)
    newline = draw(st.sampled_from(["\n", "\r\n", "\r", "mixed"]))
    if newline == "mixed":
        pieces = text.split("\n")
        text = "".join(p + draw(st.sampled_from(["\n", "\r\n", "\r"])) for p in pieces)
    else:
        text = text.replace("\n", newline)
    data = text.encode("utf-8", "surrogateescape")
    bom = draw(st.sampled_from(["", "", "utf-8", "utf-16"]))
    if bom == "utf-8":
        data = codecs.BOM_UTF8 + data
    elif bom == "utf-16" and "\udc97" not in text:
        data = text.encode("utf-16")
    return data


# ------------------------------------------------------------ mutations
SNIPPETS = [b"\x00", b"\xff", b"\x97", b"\xe2\x80", b"\r", b"\n", b"---\n", b"- ", b"##", b"`", b"```\n", b"<!--",
            b"{{", b"&a ", b"*a", b"\t", b": ", b"\xef\xbb\xbf", b"[", b"](", b"<", b">", b"\\", b"|", b"\xe2\x80\x99"]


@st.composite
def mutated(draw):
    data = bytearray(draw(st.sampled_from(POSTINGS)))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.integers(0, 4))
        at = draw(st.integers(0, len(data)))
        if op == 0:
            data[at:at] = draw(st.sampled_from(SNIPPETS))
        elif op == 1:
            del data[at:at + draw(st.integers(1, 64))]
        elif op == 2 and data:
            data[min(at, len(data) - 1)] = draw(st.integers(0, 255))
        elif op == 3:
            end = min(len(data), at + draw(st.integers(1, 200)))
            data[at:at] = data[at:end]
        else:
            data = data[:at]
    return bytes(data)


@FUZZ
@given(st.binary(max_size=3000))
def test_arbitrary_bytes(data):
    check_invariants(data)


@FUZZ
@given(posting())
def test_grammar_postings(data):
    check_invariants(data)


@FUZZ
@given(mutated())
def test_mutated_postings(data):
    check_invariants(data)


def test_real_postings_keep_the_invariants():
    """The bundled examples and every 20th corpus posting unmutated (the whole
    corpus in a long run)."""
    for i, data in enumerate(POSTINGS):
        if _EXAMPLES or i < 3 or i % 20 == 0:
            check_invariants(data)
