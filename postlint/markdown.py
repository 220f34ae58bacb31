"""Markdown tokens from markdown-it-py, with line maps rebased to the whole file."""

from __future__ import annotations

import gc

_PARSER = None


def build_parser(fast_lists: bool = True):
    """The block-only parser postlint uses; ``fast_lists=False`` is markdown-it's own list rule alone."""
    from markdown_it import MarkdownIt

    # CommonMark plus GitHub tables and strikethrough; no linkify (it would
    # need another dependency and adds nothing for block positions).
    # Block tokens only: no rule needs the inline parse, which is half the cost.
    md = MarkdownIt("commonmark", {"maxNesting": 100}).enable(["table", "strikethrough"]).disable("inline")
    if fast_lists:
        # Runs of one-line list items without a nested parse an item (fastlist.py):
        # the same tokens, tests/test_fastlist.py compares them.
        from postlint.fastlist import install

        install(md)
    return md


def parser():
    global _PARSER
    if _PARSER is None:
        _PARSER = build_parser()
    return _PARSER


def parse_body(doc) -> list:
    """Block-level tokens of the body. ``token.map`` is [first, last) 0-based file lines."""
    if doc.is_binary:
        return []
    body = doc.text[doc.body_start:]
    if not body.strip():
        return []
    # The parse makes five tokens a list item and no reference cycles; the
    # cyclic collector would walk every token again and again as they pile up
    # (half the parse time of a 100,000-item list). Reference counting frees them.
    collecting = gc.isenabled()
    gc.disable()
    try:
        tokens = parser().parse(body)
    finally:
        if collecting:
            gc.enable()
    shift = doc.body_line
    if shift:
        for tok in tokens:
            if tok.map:
                tok.map = [tok.map[0] + shift, tok.map[1] + shift]
    return tokens
