"""postlint/fastlist.py must give exactly the tokens markdown-it's own list rule gives.

Every token attribute is compared, with and without the fast rule, on every corpus
posting, on the seeds, and on hostile lists built to sit on each edge of what the
fast rule takes (and what it must leave to markdown-it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import corpus_files
from postlint import fastlist
from postlint.markdown import build_parser, parser

SEEDS = Path(__file__).parent / "fixtures" / "seeds"

FAST = build_parser(fast_lists=True)
PLAIN = build_parser(fast_lists=False)


def dump(tokens) -> list[tuple]:
    return [(t.type, t.tag, t.nesting, t.attrs, t.map, t.level, t.children, t.content, t.markup, t.info,
             t.meta, t.block, t.hidden) for t in tokens]


def same(text: str) -> None:
    fast, plain = dump(FAST.parse(text)), dump(PLAIN.parse(text))
    for i, (a, b) in enumerate(zip(fast, plain)):
        assert a == b, f"token {i} differs:\nfast  {a}\nplain {b}"
    assert len(fast) == len(plain)


def fired(text: str, rule: str = "fast_list") -> int:
    """How many times a fast rule (``fast_list``, ``fast_paragraph``, ``fast_heading``) took a block in ``text``."""
    hits = []
    fn = getattr(fastlist, rule)

    def counting(state, start, end, silent):
        ok = fn(state, start, end, silent)
        hits.append(ok)
        return ok

    md = build_parser()
    md.block.ruler.at("postlint_" + rule, counting)
    md.parse(text)
    return sum(hits)


def items(n: int, marker: str = "-", text: str = "item number {i}") -> str:
    return "".join(f"{marker} {text.format(i=i)}\n" for i in range(n))


HOSTILE = {
    "simple": items(5),
    "simple no final newline": items(5).rstrip("\n"),
    "star": items(5, "*"),
    "plus": items(5, "+"),
    "ordered dot": "".join(f"{i}. step {i}\n" for i in range(1, 6)),
    "ordered paren from 3": "".join(f"{i}) step\n" for i in range(3, 9)),
    "ordered from 0 with zeros": "".join(f"0{i}. step\n" for i in range(0, 5)),
    "ordered 9 digits": "123456789. a\n123456789. b\n123456789. c\n",
    "ordered 10 digits is text": "1234567890. a\n1234567890. b\n",
    "ordered after paragraph, not 1": "Text\n2. a\n3. b\n4. c\n",
    "bullet after paragraph": "Text\n- a\n- b\n- c\n",
    "loose: blank between": "- a\n- b\n\n- c\n- d\n",
    "loose at the end": "- a\n- b\n- c\n\n- d\n",
    "blank then paragraph": "- a\n- b\n- c\n\nText after.\n",
    "blank then indented paragraph": "- a\n- b\n- c\n\n  more of c\n",
    "nested list in last": "- a\n- b\n- c\n  - c1\n  - c2\n- d\n",
    "nested list in middle": "- a\n  - a1\n- b\n- c\n",
    "nested ordered": "1. a\n2. b\n   1. b1\n   2. b2\n3. c\n",
    "lazy continuation": "- a\n- b\ncontinued lazily\n- c\n",
    "lazy continuation indented": "- a\n- b\n    still b\n- c\n",
    "marker switch - to *": "- a\n- b\n* c\n* d\n",
    "marker switch . to )": "1. a\n2. b\n3) c\n4) d\n",
    "ordered then bullet": "1. a\n2. b\n- c\n- d\n",
    "then a heading": "- a\n- b\n# Heading\n",
    "heading as item text": "- a\n- # b\n- c\n",
    "then a thematic break": "- a\n- b\n***\n- c\n",
    "item is a thematic break": "- a\n- * * *\n- c\n",
    "dash thematic break": "- a\n- b\n- - -\n",
    "setext underline in last": "- a\n- b\n- c\n  ---\n",
    "setext underline ===": "- a\n- b\n  ===\n- c\n",
    "setext after run": "- a\n- b\n---\n",
    "fence after": "- a\n- b\n```\ncode\n```\n",
    "fence as item text": "- a\n- ```\n- c\n",
    "code span item": "- `a` code\n- ``b`` code\n- c\n",
    "blockquote after": "- a\n- b\n> quote\n",
    "in a blockquote": "> - a\n> - b\n> - c\n",
    "blockquote item": "- a\n- > q\n- c\n",
    "html item": "- a\n- <div>\n- c\n",
    "html after": "- a\n- b\n<div>\nx\n</div>\n",
    "reference definition item": "- a\n- [x]: /url\n- c\n\n[x]\n",
    "link items": "- [one](http://a.example)\n- [two][r]\n- [three]\n\n[r]: /r\n",
    "task list boxes": "- [ ] a\n- [x] b\n- [X] c\n",
    "tab after marker": "-\ta\n-\tb\n-\tc\n",
    "tab in text and at end": "- a\tb\t\n- c\t\n- d\n",
    "two spaces": "-  a\n-  b\n-  c\n",
    "tab after ordered marker": "1.\ta\n2.\tb\n10.\tc\n11.\td\n",
    "tab after indented marker": "   -\ta\n   -\tb\n  +\tc\n  +\td\n",
    "tab then nested by spaces": "-\ta\n    - b\n-\tc\n-\td\n",
    "tab then 2-space item": "-\ta\n  - b\n  - c\n",
    "tab then 3-space item": "+\ta\n   + b\n+\tc\n",
    "two tabs": "-\t\ta\n-\t\tb\n",
    "tab and space": "- \ta\n-\t b\n-\tc\n",
    "tab items, loose": "+\ta\n+\tb\n\n+\tc\n",
    "tab items, wrapped": "+\ta\n+\tb\n\tmore b\n+\tc\n",
    "tab items, sub-list": "+\ta\n+\tb\n\t+\tb1\n+\tc\n",
    "four spaces": "-    a\n-    b\n-    c\n",
    "five spaces (code)": "-     a\n-     b\n-     c\n",
    "mixed widths": "- a\n-   b\n-  c\n- d\n",
    "indented markers": " - a\n - b\n  - c\n   - d\n",
    "indent 3 then 0": "   - a\n- b\n   - c\n- d\n",
    "indent 2 under 2-wide item nests": "- a\n  - b\n  - c\n- d\n",
    "indent 3 under ordered nests": "1. a\n   2. b\n   3. c\n",
    "indent 3 under wide ordered stays": "10. a\n   11. b\n   12. c\n",
    "indent 2 under 3-wide item stays": "-  a\n  - b\n  - c\n",
    "indent 3 under 5-wide item stays": "-    a\n   - b\n   - c\n",
    "indented wide items": "   -    a\n   -    b\n  -   c\n",
    "indent 4 is code": "- a\n- b\n    - c\n- d\n",
    "indented with tab": " \t- a\n - b\n - c\n",
    "code block indent": "    - a\n    - b\n",
    "empty items": "- a\n-\n- c\n- \n- e\n",
    "empty first item then text": "-\n  a\n- b\n- c\n",
    "trailing spaces (hard break)": "- a  \n- b   \n- c \n",
    "trailing nbsp": "- a\u00a0\n- b\u00a0\n- c\n",
    "leading nbsp": "- \u00a0a\n- \u00a0b\n",
    "emphasis items": "- *a* b\n- **c** d\n- _e_ f\n- __g__\n- ***\n",
    "star then space": "- * a\n- b\n",
    "underscore break": "- a\n- ___\n- _ _ _\n",
    "digits": "- 5+ years\n- 3.5 years\n- 2024\n- 1. nested\n- 1) nested\n- 10\n",
    "pipe table after": "- a\n- b\n| x | y |\n|---|---|\n| 1 | 2 |\n",
    "pipe in item": "- a | b\n- |c|\n- d\n",
    "table under last item": "- a\n- b\n  | x | y |\n  |---|---|\n",
    "hash not a heading": "- #tag\n- #2\n- c\n",
    "backslash": "- \\- a\n- \\# b\n- c\n",
    "image": "- ![x](y.png)\n- b\n",
    "liquid and erb": "- {{ page.title }}\n- {% if x %}y{% endif %}\n- <%= z %>\n",
    "unicode": "- 日本語\n- Ünïcödé\n- emoji 🎉\n",
    "nul byte": "- a\x00b\n- c\n- d\n",
    "crlf": "- a\r\n- b\r\n- c\r\n\r\nText\r\n",
    "cr": "- a\r- b\r- c\r",
    "after front matter": "---\ntitle: x\n---\n- a\n- b\n",
    "list then list": "- a\n- b\n\n\n- c\n- d\n",
    "two lists by marker, loose": "- a\n- b\n\n* c\n* d\n",
    "item followed by indented code": "- a\n- b\n\n        code\n",
    "deep nest": "".join("  " * i + "- x\n" for i in range(30)) + "- a\n- b\n",
    "max nesting": "> " * 99 + "- a\n" + "> " * 99 + "- b\n",
    "para: one line": "a line\n",
    "para: no newline": "a line",
    "para: two one-liners": "a\n\nb\n\nc\n",
    "para: two lines": "a\nb\n\nc\n",
    "para: hard break spaces": "a  \n\nb\t\n",
    "para: setext after blank": "a\n\n===\n",
    "para: setext": "a\n===\n\nb\n---\n",
    "para: indented 3": "   a\n\n  b\n\n c\n",
    "para: indented 4 is code": "    a\n\n\tb\n",
    "para: in a blockquote": "> a\n>\n> b\n\nc\n",
    "para: blockquote lazy": "> a\nb\n\n> c\n",
    "para: blockquote ends": "> a\n\nb\n",
    "para: nested blockquote": "> > a\n> b\n>\n> c\n",
    "para: in an item, loose": "- a\n\n  b\n\n- c\n\n  d\n",
    "para: item then text": "- a\n\nb\n",
    "para: ordered loose": "1. a\n\n   b\n2. c\n",
    "para: table line": "| a |\n\n| b | c |\n|---|---|\n",
    "para: backticks": "``a``\n\n```\nx\n```\n\n`b`\n",
    "para: emphasis and breaks": "***a***\n\n_ _ _\n\n__b__\n\n*\n",
    "para: reference": "[a]: /u\n\n[a]\n\n[b] c\n",
    "para: html": "<div>\n\n</div>\n\n<b>x</b> y\n",
    "para: heading-like": "# a\n\n#b\n\n####### c\n",
    "para: unicode spaces": "\u00a0a\n\na\u00a0\n\n\u3000b\u3000\n",
    "para: in list in quote": "> - a\n>\n>   b\n> - c\n",
    "para+item: bullet": "Text\n- a\n- b\n",
    "para+item: ordered 1": "Text\n1. a\n2. b\n",
    "para+item: ordered 01": "Text\n01) a\n",
    "para+item: ordered 2 is lazy": "Text\n2. a\n3. b\n",
    "para+item: empty item is lazy": "Text\n-\n- \n",
    "para+item: tab": "Text\n-\ta\n+\tb\n",
    "para+item: nbsp only": "Text\n- \u00a0\n",
    "para+item: indented 2": "Text\n  - a\n",
    "para+item: indented 4 is lazy": "Text\n    - a\n",
    "para+item: table delimiter": "a | b\n- | -\n\nc | d\n- | :\n",
    "para+item: setext-like": "Text\n- -\n\nText\n-\n",
    "para+item: in item, nested": "- a\n  - b\n    - c\n  - d\n- e\n",
    "para+item: nested 10 deep": "".join("  " * i + "- x\n" for i in range(10)),
    "para+item: nested ordered": "1. a\n   2. b\n   1. c\n",
    "para+item: far nested is lazy": "- a\n      - b\n",
    "para+item: special case": " - a\n  - b\n   - c\n    - d\n     - e\n",
    "para+item: item text then item": "- a\n  text\n  - b\n",
    "para+item: in blockquote": "> a\n> - b\n> - c\n- d\n",
    "para+item: quote then item lazy": "> a\n- b\n",
    "para+item: sub-items": "".join("- item %d\n  - detail %d\n" % (i, i) for i in range(30)),
    "heading: levels and closing marks": "# a\n## b ##\n### c #\n#### d\\#\n##### \n###### e\n####### f\n",
    "heading: table header row": "# a | b\n|---|---|\n| 1 | 2 |\n",
    "heading: pipe, no table": "# a | b\n\ntext\n",
    "heading: hashtags": "#tag\n#\n#\tx\n#LI-REMOTE\n",
    "heading: indented": "   # a\n    # code\n\t# code\n",
    "heading: in quote and items": "> # a\n- # b\n  # c\n1. ## d\n",
    "heading: after paragraph": "text\n# a\ntext\n",
    "heading: before setext-like": "# a\n===\n# b\n---\n",
    "heading: crlf": "# a\r\n## b ##\r\n\r\ntext\r\n",
    "heading: non-ascii, liquid, html": "# \u00dcn\u00ef {{ x }} <b>y</b> `z`\n",
    "heading: empty": "#\n##\n# #\n#   \n",
    "heading: last line, no newline": "text\n\n## end",
    "heading: nul and tabs": "#\ta\x00b\t#\t\n",
    "lines: two": "a\nb\n\nc\n",
    "lines: many, no final newline": "one two\nthree four\nfive six",
    "lines: then a list item": "a\nb\n- c\n- d\n",
    "lines: then ordered 1": "a\nb\n1. c\n",
    "lines: then ordered 2 is lazy": "a\nb\n2. c\n3. d\n",
    "lines: then an empty item": "a\nb\n-\nc\n",
    "lines: setext =": "a\nb\n===\n",
    "lines: setext -": "a\nb\n---\n",
    "lines: setext = with text": "a\n= b\n",
    "lines: table header": "a\nb | c\n--- | ---\n",
    "lines: table first": "a | b\n--- | ---\nc | d\n",
    "lines: pipe in text": "a | b\nc\n\nd\ne | f\n",
    "lines: reference over lines": "[foo\nbar]: /url\n\n[foo bar]\n",
    "lines: link over lines": "see [a\nb](/u) here\nmore\n",
    "lines: indented continuation": "a\n    b\n        c\nd\n",
    "lines: indented 1-3": "a\n b\n  c\n   d\n",
    "lines: tab continuation": "a\n\tb\n\t\tc\n",
    "lines: then heading": "a\nb\n# c\n",
    "lines: then fence": "a\nb\n```\nx\n```\n",
    "lines: then blockquote": "a\nb\n> c\n",
    "lines: then hr": "a\nb\n***\n",
    "lines: then html": "a\nb\n<div>\n</div>\n",
    "lines: then html inline": "a\nb\n<b>c</b>\n",
    "lines: emphasis lines": "*a* b\n_c_ d\n**e**\n",
    "lines: digits": "a\n2024 was\n3.5 years\n10) x\n",
    "lines: code span lines": "a\n`b`\n``c``\n",
    "lines: trailing spaces": "a  \nb\t\nc \n",
    "lines: nbsp": "a\n\u00a0b\nc\u00a0\n",
    "lines: non-ascii, liquid, erb": "\u00dcn\u00ef\n{{ x }}\n<%= y %>\n{% if %}\n",
    "lines: in a list item": "- a\n  b\n  c\n- d\n  e\n",
    "lines: lazy in a list item": "- a\nb\n- c\nd\n",
    "lines: in an ordered item": "1. a\n   b\n2. c\n   d\n",
    "lines: in a blockquote": "> a\n> b\n> c\n",
    "lines: blockquote lazy": "> a\nb\nc\n",
    "lines: nested quote lazy": "> > a\n> b\nc\n",
    "lines: in a quoted list": "> - a\n>   b\n> c\n",
    "lines: crlf": "a\r\nb\r\n\r\nc\r\nd\r\n",
    "lines: nul": "a\x00\nb\x00c\n",
    "lines: long": "".join(f"word {i} of the long paragraph\n" for i in range(200)),
    "end: one item": "- a\n",
    "end: one item, blank, text": "- a\n\ntext\n",
    "end: blank, indented text continues": "- a\n- b\n\n  more\n",
    "end: blank, 1-space text ends": "- a\n- b\n\n text\n",
    "end: blank, other marker": "- a\n- b\n\n* c\n",
    "end: blank, ordered": "- a\n- b\n\n1. c\n",
    "end: blank, star break": "- a\n- b\n\n* * *\n",
    "end: blank, dash break": "- a\n- b\n\n---\n",
    "end: blank, code": "- a\n- b\n\n    code\n",
    "end: wide ordered, blank, indent 3": "10. a\n11. b\n\n   text\n",
    "end: wide ordered, blank, indent 4": "10. a\n11. b\n\n    text\n",
    "end: blanks to the end": "- a\n- b\n\n\n\n",
    "end: blank lines of spaces": "- a\n- b\n   \n\t\ntext\n",
    "end: blank, heading": "- a\n\n# h\n",
    "end: blank, fence": "- a\n\n```\nx\n```\n",
    "end: blank, quote": "- a\n\n> q\n",
    "end: blank, html": "- a\n\n<div>\n",
    "end: crlf": "- a\r\n- b\r\n\r\ntext\r\n",
    "end: tab item last": "-\ta\n\ntext\n",
    "end: 4-space item, blank, 4-space text": "-    a\n\n    b\n",
    "end: 4-space item, blank, 5-space text": "-    a\n\n     b\n",
    "end: ordered from 5": "5. a\n\nx\n",
    "end: ordered paren from 0": "0) a\n1) b\n",
    "end: one item, then a table": "- a\n\n| x | y |\n|---|---|\n",
    "end: setext after one item": "- a\n---\n",
    "end: item, blank, lazy-looking": "- a\n\nb\n- c\n",
    "long list": items(500),
    "long list, one odd item": items(50) + "- # h\n" + items(50),
    "long loose list": items(50) + "\n" + items(50),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_same_tokens_on_hostile_lists(name):
    same(HOSTILE[name])


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_same_tokens_on_hostile_lists_in_a_posting(name):
    same("# Role\n\nWe hire.\n\n" + HOSTILE[name] + "\n## Apply\n\nMail us.\n")


def test_same_tokens_on_the_seeds():
    seeds = sorted(SEEDS.glob("*.md"))
    assert seeds
    for path in seeds:
        same(path.read_text(encoding="utf-8"))


@pytest.mark.corpus
def test_same_tokens_on_every_corpus_posting():
    taken = 0
    for path in corpus_files():
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        same(text)
        taken += fired(text)
    assert taken > 100  # the corpus has many plain lists: the fast rule is really exercised


def test_the_fast_paragraph_rule_takes_plain_paragraphs():
    assert fired("a\n\nb\n\n> c\n\n- d\n\n  e\n", "fast_paragraph") == 5  # d: the first line of its item
    assert fired("a\nb\n\nc\nd\ne\n- f\n\n> g\n> h\n", "fast_paragraph") == 3  # several lines: _fast_lines (f: fast_list)
    assert fired("a\n===\n\n[a\nb]: /u\n\nc | d\n--- | ---\n\ne\n# f\n\ng\n    h\n|\n", "fast_paragraph") == 0


def test_the_fast_heading_rule_takes_headings_without_a_pipe():
    assert fired("# a\n\n## b ##\n- item\n\n> # c\n", "fast_heading") == 3
    assert fired("# a | b\n|---|---|\n\n#tag\n\n    # code\n", "fast_heading") == 0


def test_the_fast_rule_takes_plain_lists():
    assert fired(items(100)) == 1
    assert fired("1. a\n2. b\n3. c\n") == 1
    assert fired("- a\n- b\n\nText\n\n* c\n* d\n") == 2
    assert fired("  - a\n  - b\n") == 1
    assert fired("- a\n") == 1  # one item that ends the list
    assert fired("- a\n* b\n") == 1  # a run of one, then b's list
    assert fired("- a\n- b\n\ntext\n") == 1


@pytest.mark.parametrize("text", [
    "- a\n\n- b\n",  # an item after an empty line: the list may go on, loose
    "- a\n\n  b\n",  # more of the item after the empty line
    "- a\nlazy\n",  # a lazy continuation line
    "- a\n* b\nlazy\n",
    "> - a\n> - b\n",  # in a blockquote
    "- a\n  - b\n  - c\n",  # nested: the inner list is below the top level
    "- a\n  - b\n",  # b is nested in a: a run of one
    "-  \n- b\n",
    "- # a\n- b\n",
])
def test_the_fast_rule_leaves_other_lists_to_markdown_it(text):
    assert fired(text) == 0
    same(text)


def test_the_postlint_parser_uses_the_fast_rules():
    names = [r.name for r in parser().block.ruler.__rules__]
    assert "postlint_fast_list" in names and names[0] == "postlint_fast_paragraph"
    assert names[1] == "postlint_fast_heading"


def test_the_fast_rules_stand_aside_on_another_token_class(monkeypatch):
    # markdown-it-py's Token with other fields, or one that _token cannot build as Token(...) does
    monkeypatch.setattr(fastlist, "_FIELDS", fastlist._FIELDS + ("extra",))
    names = [r.name for r in build_parser().block.ruler.__rules__]
    assert not any(name.startswith("postlint_") for name in names)
    monkeypatch.undo()
    monkeypatch.setattr(fastlist, "_token", lambda *args: object())
    assert not fastlist._token_is_plain()
    names = [r.name for r in build_parser().block.ruler.__rules__]
    assert not any(name.startswith("postlint_") for name in names)


def _lint_then_compare(text: str) -> None:
    """Lint ``text`` with every rule, then compare its tokens with a fresh parse: the tokens
    the fast rules share (empty attrs and meta, the closing tokens of an item, an item's
    map) are read by the rules and never changed."""
    from postlint import api
    from postlint.document import Document
    from postlint.markdown import parse_body

    settings = api.make_settings({"select": ["ALL"]})
    doc = Document.from_text(text, "posting.md")
    api.linter_for(settings).lint_document(doc, settings, Path("posting.md"))
    after = dump(doc.tokens)
    fresh = dump(parse_body(Document.from_text(text, "posting.md")))
    assert after == fresh


def test_shared_token_parts_are_shared():
    tokens = FAST.parse(items(3) + "\nText\n\n2. a\n3. b\n4. c\n")
    assert [t.type for t in tokens[15:21]] == ["list_item_close", "bullet_list_close", "paragraph_open", "inline",
                                               "paragraph_close", "ordered_list_open"]
    assert all(t.attrs is tokens[1].attrs and t.meta is tokens[1].meta for t in tokens[1:16])
    assert tokens[4] is tokens[9] is tokens[14] and tokens[5] is tokens[10] is tokens[15]  # the closings
    assert tokens[1].map is tokens[2].map is tokens[3].map
    assert tokens[20].attrs == {"start": 2} and tokens[20].attrs is not tokens[21].attrs  # the list's own
    assert tokens[11].map is not tokens[12].map  # the last item's opening: its own, up to the list's end
    assert tokens[11].map == [2, 4] and tokens[12].map == [2, 3]


def test_the_rules_leave_the_shared_token_parts_alone_on_the_seeds_and_hostile_lists():
    for path in sorted(SEEDS.glob("*.md")):
        _lint_then_compare(path.read_text(encoding="utf-8"))
    for name in sorted(HOSTILE):
        _lint_then_compare("---\ntitle: Engineer\n---\n# Requirements\n\n" + HOSTILE[name] + "\n## Apply\n\nMail us.\n")
    _lint_then_compare("# Requirements\n\n" + items(50, "-", "Experience with tool {i} and more") * 2
                       + "\n" + "".join(f"{i + 1}. Step {i} of the process\n" for i in range(30)))


@pytest.mark.corpus
def test_the_rules_leave_the_shared_token_parts_alone_on_the_corpus():
    for path in corpus_files()[::3]:
        _lint_then_compare(path.read_text(encoding="utf-8", errors="surrogateescape"))


# ------------------------------------------------------------ headings (fastlist.fast_heading)
HEADINGS = {
    "plain": "# Role\n", "every level": "".join("#" * i + " H\n" for i in range(1, 8)),
    "seven is text": "####### seven\n", "eight": "######## x\n", "no space is text": "#tag\n##x\n",
    "only hashes": "#\n##\n######\n#######\n", "hash and blanks": "# \n#\t\n##   \n",
    "closing run": "# Role #\n## Role ##   \n### Role#\n# Role \\#\n# Role # #\n",
    "closing run only": "# #\n## ###\n#\t#\n# ##  \n", "tab after": "#\tRole\n##\t\tRole\t#\t\n",
    "indented 1-3": " # a\n  ## b\n   ### c\n", "indented 4 is code": "    # code\n",
    "inner hashes": "# C# and F# #\n# a #b\n", "trailing blanks": "# a   \n# b\t \t\n",
    "no final newline": "## End", "unicode spaces": "#\u00a0nbsp\n# a\u00a0#\n# a\u2003\n# \u2003a\u2003 #\n",
    "form feed": "# a\x0c\n#\x0ca\n# \x0c#\n", "NUL": "# a\x00\n# \x00 #\n", "surrogate": "# a\udc80 #\n",
    "in a list": "- # a\n- ## b #\n", "in a quote": "> # a\n> ## b ##\n", "after paragraph": "Text\n# a\n",
    "setext below": "# a\n===\n", "Liquid and HTML": "# {{ page.title }} #\n# <b>a</b>\n",
    "CRLF": "# a #\r\n## b\r\n", "pipe": "# a | b\n",
}


@pytest.mark.parametrize("name", sorted(HEADINGS))
def test_same_tokens_on_hostile_headings(name):
    same(HEADINGS[name])
    same("---\ntitle: x\n---\n\n" + HEADINGS[name] + "\nBody.\n")
