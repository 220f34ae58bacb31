"""Document.token_kinds, and the views that search it, against walks over every token.

code_lines, html_block_lines and heading_lines look for their tokens in the one-letter
string of token kinds (a search in C) instead of reading every token's type; here each
is compared with the walk it replaced, on hostile lists, the seeds and the corpus.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import corpus_files
from postlint.document import TOKEN_KIND, Document
from test_fastlist import HOSTILE
from test_list_rules_speed import EXTRA

SEEDS = Path(__file__).parent / "fixtures" / "seeds"

MORE = {
    "code html headings": "# T\n\n```\nx\n```\n\n    code\n\n<div>\nhi\n</div>\n\nSetext\n---\n\n## H\n\n"
                          "> ```\n> q\n> ```\n\n- ~~~\n  y\n  ~~~\n\n| a |\n|---|\n| b |\n\n***\n",
    "crlf": "# T\r\n\r\n```\r\nx\r\n```\r\n<!-- c -->\r\n",
    "nothing": "",
    "front matter only": "---\ntitle: x\n---\n",
}


def plain_lines(doc, types) -> frozenset[int]:
    lines: set[int] = set()
    for tok in doc.tokens:
        if tok.type in types and tok.map:
            lines.update(range(tok.map[0], tok.map[1]))
    return frozenset(lines)


def same(text: str) -> None:
    doc = Document.from_bytes(text.encode("utf-8", "surrogateescape"), "t.md")
    kinds = doc.token_kinds
    assert len(kinds) == len(doc.tokens)
    assert [TOKEN_KIND.get(t.type, "?") for t in doc.tokens] == list(kinds)
    assert "?" not in kinds  # every type postlint's parser makes has a letter
    assert doc.code_lines == plain_lines(doc, ("fence", "code_block"))
    assert doc.html_block_lines == plain_lines(doc, ("html_block",))
    assert doc.heading_lines == plain_lines(doc, ("heading_open",))


def test_the_letters_are_one_each_and_plain():
    letters = list(TOKEN_KIND.values())
    assert len(set(letters)) == len(letters) and "?" not in letters
    assert all(len(c) == 1 and c.isalpha() for c in letters)


CASES = {**{f"hostile {k}": v for k, v in HOSTILE.items()}, **EXTRA, **MORE}


@pytest.mark.parametrize("name", sorted(CASES))
def test_same_lines_on_hostile_input(name):
    same(CASES[name])
    same("---\ntitle: x\n---\n# Role\n\n" + CASES[name] + "\n## Apply\n\n```\nmail\n```\n")


def test_same_lines_on_the_seeds():
    seeds = sorted(SEEDS.glob("*.md"))
    assert seeds
    for path in seeds:
        same(path.read_text(encoding="utf-8"))


@pytest.mark.corpus
def test_same_lines_on_every_corpus_posting():
    for path in corpus_files():
        same(path.read_text(encoding="utf-8", errors="surrogateescape"))


def test_an_unknown_token_type_is_a_question_mark():
    doc = Document.from_text("# T\n\n```\nx\n```\n")
    doc.tokens[0].type = "plugin_thing"
    assert doc.token_kinds[0] == "?"
    assert doc.code_lines == frozenset({2, 3, 4})
