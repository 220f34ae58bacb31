"""postlint.markdown.parse_body must give the tokens of the body parsed alone, maps shifted to file lines.

parse_body parses the body behind one empty line per line of front matter instead of
shifting every token's map afterwards; the reference here is the former way: the body
alone through markdown-it's own block rules, then each ``map`` moved down by the body's
first line. Every token attribute is compared on the corpus, the seeds, and hostile
bodies behind front matter of several shapes (CRLF, CR, BOM, tabs, no final newline).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import corpus_files
from postlint.document import Document
from postlint.markdown import build_parser, parse_body
from test_fastlist import HOSTILE, dump

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
PLAIN = build_parser(fast_lists=False)


def reference(doc) -> list:
    if doc.is_binary:
        return []
    body = doc.text[doc.body_start:]
    if not body.strip():
        return []
    tokens = PLAIN.parse(body)
    shift = doc.body_line
    for tok in tokens:
        if tok.map:
            tok.map = [tok.map[0] + shift, tok.map[1] + shift]
    return tokens


def same(data: bytes) -> None:
    doc = Document.from_bytes(data, "t.md")
    fast, plain = dump(parse_body(doc)), dump(reference(Document.from_bytes(data, "t.md")))
    for i, (a, b) in enumerate(zip(fast, plain)):
        assert a == b, f"token {i} differs:\nfast  {a}\nplain {b}"
    assert len(fast) == len(plain)


FRONT = {
    "none": "",
    "short": "---\ntitle: x\n---\n",
    "long": "---\n" + "".join(f"k{i}: v{i}\n" for i in range(40)) + "---\n",
    "crlf": "---\r\ntitle: x\r\nwhere: y\r\n---\r\n",
    "cr": "---\rtitle: x\r---\r",
    "bom": "\ufeff---\ntitle: x\n---\n",
    "tabs and non-ascii": "---\ntitle: \"Ingénieur\t日本\"\n---\n",
    "liquid": "---\ntitle: {{ x }}\n---\n",
    "empty": "---\n---\n",
    "dots end": "---\ntitle: x\n...\n",
    "blank lines after": "---\ntitle: x\n---\n\n\n",
}

BODIES = {
    **HOSTILE,
    "indented code first": "    code\n    more\n\ntext\n",
    "tab code first": "\tcode\n",
    "spaces-only line first": "   \n- a\n- b\n",
    "blank lines first": "\n\n\n# H\n",
    "setext first": "Title\n=====\n",
    "html first": "<div>\nx\n</div>\n",
    "html comment first": "<!-- c -->\ntext\n",
    "fence first": "```\ncode\n```\n",
    "fence unclosed": "```\ncode\n",
    "reference first": "[a]: /u\n\n[a]\n",
    "table first": "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "hr first": "***\ntext\n",
    "quote first": "> a\nlazy\n",
    "empty": "",
    "only blanks": "\n \n\t\n",
    "no final newline": "# H\n\ntext",
    "erb": "<% if x %>\n- a\n<% end %>\n",
    "nul": "a\x00b\n",
}


@pytest.mark.parametrize("front", sorted(FRONT))
@pytest.mark.parametrize("body", sorted(BODIES))
def test_same_tokens_behind_front_matter(front, body):
    text = FRONT[front] + BODIES[body]
    same(text.encode("utf-8"))
    if "\n" in text and "\r" not in text:
        same(text.replace("\n", "\r\n").encode("utf-8"))


def test_same_tokens_on_the_seeds():
    seeds = sorted(SEEDS.glob("*.md"))
    assert seeds
    for path in seeds:
        same(path.read_bytes())


@pytest.mark.corpus
def test_same_tokens_on_every_corpus_posting():
    for path in corpus_files():
        same(path.read_bytes())


def test_maps_are_file_lines():
    doc = Document.from_bytes(b"---\ntitle: x\nb: y\n---\n# H\n\n- a\n- b\n", "t.md")
    assert [(t.type, t.map) for t in parse_body(doc) if t.map][:3] == [
        ("heading_open", [4, 5]), ("inline", [4, 5]), ("bullet_list_open", [6, 8])]


# ----------------------------------------------- postlint.markdown.normalize
NORMALIZE_TEXTS = ["", "a", "a\nb\n", "a\r\nb\r\n", "a\rb\r", "a\r\r\nb\n\r", "\r", "\r\n", "\n\r",
                   "a\x00b\x00", "\x00\r\n\x00", "\ufeff---\r\ntitle: x\r\n---\r\n\tbody\udc80\r",
                   "{% raw %}\r\n<div>\x00</div>\n"]


def _normalized(rule, src: str) -> str:
    from markdown_it.rules_core.state_core import StateCore

    state = StateCore(src, PLAIN, {})
    rule(state)
    return state.src


@pytest.mark.parametrize("src", NORMALIZE_TEXTS)
def test_normalize_equals_markdown_its_own_on_hostile_texts(src):
    from markdown_it.rules_core.normalize import normalize as plain
    from postlint.markdown import normalize

    assert _normalized(normalize, src) == _normalized(plain, src)


@pytest.mark.corpus
def test_normalize_equals_markdown_its_own_on_every_corpus_posting():
    from markdown_it.rules_core.normalize import normalize as plain
    from postlint.markdown import normalize

    for path in corpus_files():
        text = path.read_bytes().decode("utf-8", "surrogateescape")
        assert _normalized(normalize, text) == _normalized(plain, text), path


def test_the_postlint_parser_normalizes_with_its_own_rule():
    from postlint.markdown import normalize, parser

    assert normalize in parser().core.ruler.getRules("")
    assert normalize not in PLAIN.core.ruler.getRules("")
