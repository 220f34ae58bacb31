"""The Document: a posting decoded once, parsed once, with every derived view cached.

The Document is the *only* place where a character offset becomes ``line:col``.
Rules work in character offsets into ``Document.text`` (the decoded file, BOM
removed, line endings untouched), so CRLF, CR and LF files all report the same
columns a person sees in an editor.
"""

from __future__ import annotations

import bisect
import codecs
import itertools
import operator
import re

from postlint._record import FrozenRecord


class cached_property:  # noqa: N801 - a drop-in for functools.cached_property
    """``functools.cached_property`` without its lock: the view is computed on first access
    and stored in the instance ``__dict__``, which later accesses read without this descriptor.

    Python 3.11's cached_property takes one RLock per property for every first access, in
    every instance (~1 us each, 8 views a posting); a Document is used by one thread at a
    time and its views are pure functions of its text, so at worst two threads compute the
    same value. tests/test_document.py::test_views_are_computed_once_and_stored checks it.
    """

    def __init__(self, func):
        self.func = func
        self.attrname = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner, name):
        self.attrname = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.attrname] = self.func(instance)
        return value


_NEWLINE = re.compile(r"\r\n|\r|\n")

# Document.token_kinds: a letter for each block token type markdown-it-py makes with
# postlint's parser (CommonMark, tables, strikethrough, no inline parse); none is "?",
# the letter of any other type, and none is a regex metacharacter.
TOKEN_KIND = {
    "paragraph_open": "P", "paragraph_close": "p", "inline": "i",
    "heading_open": "H", "heading_close": "h",
    "bullet_list_open": "B", "bullet_list_close": "b", "ordered_list_open": "N", "ordered_list_close": "n",
    "list_item_open": "L", "list_item_close": "l",
    "blockquote_open": "Q", "blockquote_close": "q",
    "fence": "F", "code_block": "C", "html_block": "X", "hr": "R",
    "table_open": "T", "table_close": "t", "thead_open": "D", "thead_close": "d",
    "tbody_open": "Y", "tbody_close": "y", "tr_open": "W", "tr_close": "w",
    "th_open": "E", "th_close": "e", "td_open": "U", "td_close": "u",
}
_TYPE = operator.attrgetter("type")

# Magic numbers of common binary formats that end up renamed to .md by accident.
_BINARY_MAGIC = (
    b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF",
)


class DecodeProblem(FrozenRecord):
    """A hand-written frozen record (postlint._record), not a dataclass: same fields and behaviour."""

    __slots__ = ("offset", "byte", "count", "binary")
    _fields = __slots__

    def __init__(self, offset: int, byte: int, count: int, binary: bool = False):
        set_ = object.__setattr__
        set_(self, "offset", offset)  # character offset in Document.text of the first undecodable byte
        set_(self, "byte", byte)  # its value
        set_(self, "count", count)  # how many undecodable bytes in all
        set_(self, "binary", binary)


def decode(data: bytes) -> tuple[str, str, bool, DecodeProblem | None]:
    """Decode bytes losslessly: (text, encoding, had_bom, problem).

    UTF-8 (with or without BOM) and UTF-16 with BOM are decoded. Bytes that are
    not valid UTF-8 are kept as lone surrogates (``surrogateescape``) so that the
    rest of the file can still be linted and written back byte for byte.
    """
    if data.startswith(codecs.BOM_UTF8):
        body, bom, encoding = data[3:], True, "utf-8"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16", True, None
        except UnicodeDecodeError:
            body, bom, encoding = data, False, "utf-8"
    else:
        body, bom, encoding = data, False, "utf-8"

    if data.startswith(_BINARY_MAGIC) or b"\x00" in body[:8000] and _looks_binary(body):
        return "", encoding, bom, DecodeProblem(0, body[0] if body else 0, 0, binary=True)
    try:
        return body.decode("utf-8"), encoding, bom, None
    except UnicodeDecodeError as exc:
        text = body.decode("utf-8", "surrogateescape")
        offset = len(body[: exc.start].decode("utf-8", "surrogateescape"))
        count = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
        return text, encoding, bom, DecodeProblem(offset, body[exc.start], count)


_SURROGATES = re.compile("[\udc80-\udcff]")


def text_problem(text: str) -> DecodeProblem | None:
    """The undecodable bytes still in ``text`` (kept as lone surrogates), where they are now.

    A fix moves text around: the problem found at decoding must be found again in
    the fixed text, or PL001 would point at an offset that no longer holds the byte.
    """
    first = _SURROGATES.search(text)
    if first is None:
        return None
    return DecodeProblem(first.start(), ord(first.group()) - 0xDC00, len(_SURROGATES.findall(text)))


def _looks_binary(data: bytes) -> bool:
    """A few NUL bytes in a text file do not make it binary; many do."""
    head = data[:8000]
    if head.count(0) > max(2, len(head) // 100):
        return True
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.reason != "unexpected end of data"
    return False


def encode(text: str, encoding: str, bom: bool) -> bytes:
    """The inverse of :func:`decode`: gives back the original bytes for unchanged text."""
    if encoding == "utf-16":
        return text.encode("utf-16")  # writes its own BOM
    data = text.encode("utf-8", "surrogateescape")
    return codecs.BOM_UTF8 + data if bom else data


class Document:
    """One posting. Construct with :meth:`from_bytes` or :meth:`from_text`."""

    def __init__(self, text: str, path: str = "<text>", *, encoding: str = "utf-8",
                 bom: bool = False, problem: DecodeProblem | None = None):
        self.path = path
        self.text = text
        self.encoding = encoding
        self.bom = bom
        self.decode_problem = problem

    @classmethod
    def from_bytes(cls, data: bytes, path: str = "<bytes>") -> "Document":
        text, encoding, bom, problem = decode(data)
        return cls(text, path, encoding=encoding, bom=bom, problem=problem)

    @classmethod
    def from_text(cls, text: str, path: str = "<text>") -> "Document":
        return cls(text, path)

    @property
    def is_binary(self) -> bool:
        return self.decode_problem is not None and self.decode_problem.binary

    # ------------------------------------------------------------------ lines
    @cached_property
    def line_starts(self) -> list[int]:
        if "\r" not in self.text:
            # Only "\n" breaks: each line starts one past the end of the one before.
            # Split and sum lengths in C; twice as fast as a match object a line.
            starts = list(itertools.accumulate(map((1).__add__, map(len, self.text.split("\n"))), initial=0))
            starts.pop()
            return starts
        starts = [0]
        starts.extend(m.end() for m in _NEWLINE.finditer(self.text))
        return starts

    @cached_property
    def line_ends(self) -> list[int]:
        """End offset of each line's content, line break excluded."""
        text, starts = self.text, self.line_starts
        if "\r" not in text:  # every break is one "\n" just before the next line's start
            ends = [start - 1 for start in starts[1:]]
            ends.append(len(text))
            return ends
        ends = []
        for i in range(len(starts)):
            end = starts[i + 1] if i + 1 < len(starts) else len(text)
            if end > starts[i] and text[end - 1] == "\n":
                end -= 1
            if end > starts[i] and text[end - 1] == "\r":
                end -= 1
            ends.append(end)
        return ends

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line(self, index: int) -> str:
        """Content of 0-based line ``index``, without its line break."""
        return self.text[self.line_starts[index]: self.line_ends[index]]

    def line_index(self, offset: int) -> int:
        """0-based line containing character ``offset``."""
        return bisect.bisect_right(self.line_starts, offset) - 1

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count characters."""
        offset = max(0, min(offset, len(self.text)))
        index = self.line_index(offset)
        return index + 1, offset - self.line_starts[index] + 1

    def offset(self, line: int, column: int) -> int:
        """Character offset of a 1-based (line, column)."""
        return self.line_starts[line - 1] + column - 1

    # ------------------------------------------------------------ front matter
    @cached_property
    def front_matter(self):
        from postlint.frontmatter import split_front_matter

        return split_front_matter(self)

    @property
    def body_start(self) -> int:
        fm = self.front_matter
        return fm.body_start if fm is not None else 0

    @property
    def body_line(self) -> int:
        """0-based index of the first line of the Markdown body."""
        return self.line_index(self.body_start)

    # ---------------------------------------------------------------- markdown
    @cached_property
    def tokens(self):
        """markdown-it-py block tokens of the body, ``map`` rebased to 0-based file lines."""
        from postlint.markdown import parse_body

        return parse_body(self)

    @cached_property
    def token_kinds(self) -> str:
        """One character a token of :attr:`tokens`, its type's (:data:`TOKEN_KIND`; ``?`` for a type not there).

        The views and rules that look for a few token types among all of them search
        this string in C (``str.find``, a regex) instead of reading every token's type
        in Python: 100,000 list items are 500,000 tokens, and five walks over them
        (code, HTML and heading lines, PL302, PL603) cost 12-28 ms each.
        tests/test_token_kinds.py compares every user with a walk over the tokens.
        """
        return "".join(map(TOKEN_KIND.get, map(_TYPE, self.tokens), itertools.repeat("?")))

    def _lines_of(self, kinds: str) -> frozenset[int]:
        """The lines of every token whose kind (one character of :attr:`token_kinds`) is in ``kinds``."""
        found = self.token_kinds
        if not any(k in found for k in kinds):
            return frozenset()
        tokens = self.tokens
        lines: set[int] = set()
        for m in re.finditer("[" + kinds + "]", found):
            tok = tokens[m.start()]
            if tok.map:
                lines.update(range(tok.map[0], tok.map[1]))
        return frozenset(lines)

    @cached_property
    def code_lines(self) -> frozenset[int]:
        """0-based lines inside fenced or indented code blocks (fences included)."""
        return self._lines_of(TOKEN_KIND["fence"] + TOKEN_KIND["code_block"])

    @cached_property
    def html_block_lines(self) -> frozenset[int]:
        return self._lines_of(TOKEN_KIND["html_block"])

    @cached_property
    def heading_lines(self) -> frozenset[int]:
        return self._lines_of(TOKEN_KIND["heading_open"])

    # ------------------------------------------------------------------- prose
    @cached_property
    def prose(self) -> str:
        """``text`` with everything that is not prose blanked out (same length).

        Left out (replaced by spaces, line breaks kept): front matter, code blocks
        and code spans, HTML tags and comments, Liquid and ERB templating, URLs,
        link destinations and e-mail addresses. Offsets into ``prose`` are offsets
        into ``text``, so language rules need no position arithmetic.
        """
        from postlint.prose import mask_prose

        return mask_prose(self)
