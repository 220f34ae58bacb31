"""Markdown tokens from markdown-it-py, with line maps rebased to the whole file."""

from __future__ import annotations

_PARSER = None


def parser():
    global _PARSER
    if _PARSER is None:
        from markdown_it import MarkdownIt

        # CommonMark plus GitHub tables and strikethrough; no linkify (it would
        # need another dependency and adds nothing for block positions).
        # Block tokens only: no rule needs the inline parse, which is half the cost.
        _PARSER = MarkdownIt("commonmark", {"maxNesting": 100}).enable(["table", "strikethrough"]).disable("inline")
    return _PARSER


def parse_body(doc) -> list:
    """Block-level tokens of the body. ``token.map`` is [first, last) 0-based file lines."""
    if doc.is_binary:
        return []
    body = doc.text[doc.body_start:]
    if not body.strip():
        return []
    tokens = parser().parse(body)
    shift = doc.body_line
    for tok in tokens:
        if tok.map:
            tok.map = [tok.map[0] + shift, tok.map[1] + shift]
    return tokens
