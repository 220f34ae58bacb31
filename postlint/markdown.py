"""Markdown tokens from markdown-it-py, with line maps rebased to the whole file."""

from __future__ import annotations

from postlint.collector import paused

_PARSER = None


def build_parser(fast_lists: bool = True):
    """The block-only parser postlint uses; ``fast_lists=False``: markdown-it's own rules alone (the reference)."""
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
        # text_join only joins the children of inline tokens, and with the inline parse off
        # every inline token has no children (each block rule sets []): a walk over every
        # token that changes nothing. tests/test_fastlist.py compares with it enabled.
        md.core.ruler.disable("text_join")
        md.core.ruler.at("normalize", normalize)
    return md


def normalize(state) -> None:
    r"""markdown-it-py's ``normalize`` core rule (line breaks to ``\n``, NUL to U+FFFD) by ``str.replace``.

    Its ``re.sub(r"\r\n?|\n", "\n", ...)`` replaces every ``\n`` of the posting by
    itself, then a second ``re.sub`` looks for NUL: ~15% of a posting's parse (0.26 -> 0.22 ms). A
    posting with no ``\r`` and no NUL (nearly all) is left as it is after two ``in``
    tests; the others get the same string. tests/test_markdown_tokens.py compares the two
    rules, and tests/test_fastlist.py the tokens with markdown-it's own rules (CRLF postings too).
    """
    src = state.src
    if "\r" in src:
        src = src.replace("\r\n", "\n").replace("\r", "\n")
    if "\0" in src:
        src = src.replace("\0", "\ufffd")
    state.src = src


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
    # The body is parsed behind one empty line for each line of front matter: the
    # block parser skips empty lines before a block (they belong to no block, so
    # they change no token), and every ``map`` comes out on file lines, with no
    # second walk over the tokens to shift them (100,000 list items: 500,000
    # tokens). tests/test_markdown_tokens.py compares it with parse-then-shift.
    shift = doc.body_line
    if shift:
        body = "\n" * shift + body
    # The parse makes five tokens a list item and no reference cycles; the
    # cyclic collector would walk every token again and again as they pile up
    # (half the parse time of a 100,000-item list): postlint/collector.py.
    with paused():
        return parser().parse(body)
