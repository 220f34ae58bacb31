"""A markdown-it block rule for runs of one-line list items, same tokens as markdown-it's own.

markdown-it-py's ``list`` rule runs a nested block tokenize for every item, and
that tokenize tries every block rule and every paragraph terminator on the item
line: about 55 us an item, 5.5 s for a posting of 100,000 items. Most list
items in postings are a marker, one space and one line of text. For such an
item the outcome of the nested parse is known without running it: one tight
paragraph holding the text. :func:`fast_list` is registered before ``list``; it
pushes those tokens itself for every item of the run that is followed by
another such item, then lets markdown-it's own ``list_block`` parse the last
item of the run and everything after it, and joins the two into one list.

An item line is *simple* when, and only when, all of these hold (else the
normal rule parses the whole list, as before):

- the list is at the top level of the document (not nested, not in a
  blockquote): level 0, ``blkIndent == 0``, no enclosing list;
- the line starts with at most three spaces, the marker (``-``, ``+``, ``*``,
  or 1-9 digits and ``.`` or ``)``), then one to four spaces or one tab (a tab
  moves the text 1 to 4 columns on: no indented code), then text whose first
  character cannot open a block inside the item (no white space, ``#``, ``>``,
  ``+``, ``-``, ``~``, ``<``, ``|``, no ordered-list marker, no ``*``/``_``
  that could be a marker or a thematic break, no fence, no ``[label]:``);
- the text ends with a character that is not white space, then at most spaces
  and tabs (so the trimmed text is known, whichever trim markdown-it applies);
- the *next* line is also simple with the same marker character, and its
  marker is left of the item's text (else it opens a nested list; counted in
  characters, which after a tab are fewer than columns: a run may stop early, never
  late). That line is
  then a list item of the same list: it ends the paragraph (the list rule
  terminates a paragraph, an item's text cannot be a setext underline or a
  table because the next line is left of the item's content), it is no
  ``fence``/``blockquote``/``hr`` terminator, and the item is one line.

Whether the list is tight is only known at its end, so it is read from the
paragraphs markdown-it produced for the tail; when the tail holds no paragraph
at item level (its first item became a setext heading), the tokens are taken
back and markdown-it parses the whole list itself.

:func:`fast_paragraph`, registered first, does the same for a paragraph of one
line followed by an empty line or the end (most paragraphs of a posting): it
pushes its three tokens instead of trying the ten block rules before it.

tests/test_fastlist.py compares every token attribute with and without these
rules on the corpus, the seeds and hostile inputs.
"""

from __future__ import annotations

import dataclasses
import re

from markdown_it.common.utils import mdTrim
from markdown_it.rules_block import list_block
from markdown_it.rules_block.list import skipBulletListMarker, skipOrderedListMarker
from markdown_it.token import Token

# One item line, from its first character to its end (no line break; the
# source is already normalised to \n by markdown-it). Groups: 1 bullet marker,
# or 2 number and 3 delimiter; 4 the spaces after the marker; 5 the text.
_SAFE_START = (
    r"(?:[^\s#>*+\-_`~<\[|0-9]"  # no block starts with it
    r"|[0-9](?![0-9]{0,8}[.)](?:[ \t]|$))"  # digits, but not an ordered-list marker
    r"|[*_](?!\s)(?=.*[^\s*_])"  # emphasis, not a list marker nor a thematic break
    r"|`(?!``)"  # a code span, not a fence
    r"|\[(?!.*\]:))"  # a link, not a link reference definition
)
SIMPLE_ITEM = re.compile(
    r"( {0,3})(?:([-+*])|([0-9]{1,9})([.)]))( {1,4}|\t)(" + _SAFE_START + r"(?:.*\S)?)[ \t]*")


def fast_list(state, startLine: int, endLine: int, silent: bool) -> bool:
    # level 0: not inside a list item or a blockquote (both push an opening token).
    # parentType is no test: markdown-it's lheading leaves it at "paragraph".
    if silent or state.level != 0 or state.blkIndent != 0 or state.listIndent != -1:
        return False
    src, bMarks, eMarks = state.src, state.bMarks, state.eMarks
    match = SIMPLE_ITEM.fullmatch
    first = match(src, bMarks[startLine], eMarks[startLine])
    if first is None:
        return False
    ordered = first.group(2) is None
    g = 4 if ordered else 2  # the group of the marker character
    marker = first.group(g)
    # the run of simple items with the same marker: their texts (and numbers), not their
    # match objects (100,000 of them held ~20 MB while the tokens were made)
    texts = [first.group(6)]
    numbers = [first.group(3)] if ordered else None
    last_item = first
    column = first.start(6) - first.start()  # where the item's text starts
    line = startLine + 1
    while line < endLine:
        m = match(src, bMarks[line], eMarks[line])
        if m is None or m.group(g) != marker:
            break
        # left of the previous item's text, else it is a list nested in that item
        start = m.start()
        if m.end(1) - start >= column:
            break
        column = m.start(6) - start
        texts.append(m.group(6))
        if ordered:
            numbers.append(m.group(3))
        last_item = m
        line += 1
    last = startLine + len(texts) - 1
    end = _list_end(state, last_item, last, endLine)
    if end is not None:
        # The last item ends the list too: every token is known, the list is tight.
        new = _list_tokens(texts, numbers, len(texts), startLine, end, marker, True)
        last_open = new[-5]  # the last item's opening: up to the next block, empty lines in
        last_open.map = [last_open.map[0], end]  # a map of its own (the item's tokens share one)
        new.append(_token("ordered_list_close" if ordered else "bullet_list_close", "ol" if ordered else "ul", -1,
                          None, 0, None, "", marker, "", False))
        state.tokens.extend(new)
        state.line = end
        return True
    if len(texts) < 2:
        return False

    # markdown-it's own rule parses the last item of the run and the rest of the
    # list first: whether the list is tight is known only at its end.
    tokens = state.tokens
    mark = len(tokens)
    if not list_block(state, last, endLine, False):  # cannot happen: the line is an item
        return _undo(state, mark, startLine)
    tail_open = tokens[mark]
    # tight or loose: markdown-it marked (or not) the tail's item paragraphs hidden
    hidden = None
    for i in range(mark + 1, len(tokens)):
        tok = tokens[i]
        if tok.type == "paragraph_open" and tok.level == 2:
            hidden = tok.hidden
            break
    if hidden is None:
        return _undo(state, mark, startLine)
    tokens[mark:mark + 1] = _list_tokens(texts, numbers, len(texts) - 1, startLine, tail_open.map[1], marker, hidden)
    return True


def _list_end(state, item, line: int, endLine: int):
    """The line at which the list ends if its last simple item ``item`` (on ``line``) ends it, else None.

    As markdown-it's list rule goes on after an item: the item is its one line
    when the next line is the end or empty (no lazy continuation, no setext
    underline); its nested parse then skips the empty lines and stops at the next
    line left of the item's text, which is where the item and the list end unless
    that line is a list item itself (any marker: it may continue the list, loose;
    left to markdown-it). A tab after the marker (text columns not counted here)
    and a parse of part of the document are left to markdown-it as well. The list
    is then tight: no empty line between its items, none inside the last.
    """
    if item.group(5) == "\t" or endLine != state.lineMax:
        return None
    nxt = line + 1
    if nxt >= endLine:
        return endLine
    if not state.isEmpty(nxt):
        return None
    end = state.skipEmptyLines(nxt)
    if end >= endLine:
        return endLine
    if state.sCount[end] >= item.start(6) - item.start():
        return None  # more of the item after the empty line
    if skipBulletListMarker(state, end) >= 0 or skipOrderedListMarker(state, end) >= 0:
        return None
    return end


def _list_tokens(texts, numbers, count: int, startLine: int, end: int, marker: str, hidden: bool) -> list:
    """The list opening (its map up to ``end``) and the tokens of the first ``count`` items, one a line
    from ``startLine``: their ``texts``, and ``numbers`` (as written) for an ordered list, else None.

    The tokens of one item share their map (one list, ``[line, line + 1]``), and all the
    items of the list share one ``paragraph_close`` and one ``list_item_close`` token (they
    are equal field for field), and every token here but the list opening shares one empty
    ``attrs`` and one empty ``meta`` dict: 100,000 items made 500,000 tokens with two dicts
    each, ~170 MB, nearly all of it the same empty things. Nothing writes to them after the
    parse: markdown-it's list rule, the only one that goes back over pushed tokens (it marks
    tight paragraphs hidden), works on the tokens of the list it parses, which never hold
    these (this list is at the top level); the inline parse and text_join are off; postlint's
    rules only read tokens. tests/test_fastlist.py lints the corpus and the adversarial
    inputs with every rule and checks that the shared objects are unchanged. (fast_list
    gives the last item's opening a map of its own when it moves its end.)
    """
    # Tokens as state.push makes them (block=True, levels 0..3), built directly:
    # push and the keyword defaults are most of the cost of a long list.
    ordered = numbers is not None
    if ordered:
        value = int(numbers[0])
        list_open = _token("ordered_list_open", "ol", 1, [startLine, end], 0, None, "", marker, "", False)
        if value != 1:
            list_open.attrs["start"] = value
    else:
        list_open = _token("bullet_list_open", "ul", 1, [startLine, end], 0, None, "", marker, "", False)
    new = [list_open]
    add = new.append
    attrs, meta = {}, {}
    para_close = _shared("paragraph_close", "p", -1, None, 2, None, "", "", "", hidden, attrs, meta)
    item_close = _shared("list_item_close", "li", -1, None, 1, None, "", marker, "", False, attrs, meta)
    ln = startLine
    for i in range(count):
        nxt = ln + 1
        where = [ln, nxt]
        add(_shared("list_item_open", "li", 1, where, 1, None, "", marker, numbers[i] if ordered else "", False,
                    attrs, meta))
        add(_shared("paragraph_open", "p", 1, where, 2, None, "", "", "", hidden, attrs, meta))
        add(_shared("inline", "", 0, where, 3, [], texts[i], "", "", False, attrs, meta))
        add(para_close)
        add(item_close)
        ln = nxt
    return new


_new = object.__new__


def _token(type, tag, nesting, map, level, children, content, markup, info, hidden):
    """``Token(type, tag, nesting, {}, map, level, children, content, markup, info, {}, True, hidden)``.

    The same object, its fields set one by one: the dataclass ``__init__`` with its
    ``__post_init__`` (which only turns a falsy ``attrs`` into a new ``{}``) costs about
    twice as much, and a long list is five tokens a line. :func:`install` checks that
    the two agree on this markdown-it-py before using the fast rules.
    """
    tok = _new(Token)
    tok.type = type
    tok.tag = tag
    tok.nesting = nesting
    tok.attrs = {}
    tok.map = map
    tok.level = level
    tok.children = children
    tok.content = content
    tok.markup = markup
    tok.info = info
    tok.meta = {}
    tok.block = True
    tok.hidden = hidden
    return tok


def _shared(type, tag, nesting, map, level, children, content, markup, info, hidden, attrs, meta):
    """:func:`_token` with the ``attrs`` and ``meta`` dicts given (shared, see :func:`_list_tokens`)."""
    tok = _new(Token)
    tok.type = type
    tok.tag = tag
    tok.nesting = nesting
    tok.attrs = attrs
    tok.map = map
    tok.level = level
    tok.children = children
    tok.content = content
    tok.markup = markup
    tok.info = info
    tok.meta = meta
    tok.block = True
    tok.hidden = hidden
    return tok


def _token_is_plain() -> bool:
    """Whether :func:`_token` makes what markdown-it-py's own ``Token(...)`` makes."""
    if tuple(f.name for f in dataclasses.fields(Token)) != _FIELDS:
        return False
    try:
        made = _token("inline", "", 0, [1, 2], 3, [], "x", "-", "1", True)
        plain = Token("inline", "", 0, {}, [1, 2], 3, [], "x", "-", "1", {}, True, True)
    except Exception:  # noqa: BLE001 - a Token we cannot build field by field: use the normal rules
        return False
    shared = _shared("inline", "", 0, [1, 2], 3, [], "x", "-", "1", True, {}, {})
    return made == plain == shared and type(made) is type(plain) is type(shared) and made.attrs is not plain.attrs


def _undo(state, mark: int, startLine: int) -> bool:
    """Take back what the tail pushed; the normal list rule parses the list."""
    del state.tokens[mark:]
    state.level = 0
    state.line = startLine
    return False


# Token is built field by field (_token); only when its fields are the ones expected.
_FIELDS = ("type", "tag", "nesting", "attrs", "map", "level", "children", "content", "markup", "info", "meta",
           "block", "hidden")


# A paragraph line's text from its first non-blank character: the same safe start
# as an item's text, then up to a last non-white character and trailing blanks.
ONE_LINE_PARAGRAPH = re.compile(r"(" + _SAFE_START + r"(?:.*\S)?)[ \t]*")


def fast_paragraph(state, startLine: int, endLine: int, silent: bool) -> bool:
    """A paragraph without trying every block rule: one line (then an empty line, the end or a list item) or more (:func:`_fast_lines`).

    Registered first. With a safe first character (see SIMPLE_ITEM) and an empty
    next line, every rule before ``paragraph`` fails: table and setext heading
    need a second line, the others a block-opening character; markdown-it's
    paragraph then takes exactly this line. A next line that is a list item
    ends the paragraph when :func:`_item_ends_paragraph` says so. The tokens are those it pushes, and
    ``parentType`` is left at "paragraph" as the failed lheading leaves it.
    """
    if silent:
        return False
    if state.sCount[startLine] - state.blkIndent >= 4:
        return False  # an indented code block
    nxt = startLine + 1
    if nxt < state.lineMax and state.bMarks[nxt] + state.tShift[nxt] < state.eMarks[nxt] \
            and not _item_ends_paragraph(state, nxt):
        return _fast_lines(state, startLine)  # the paragraph goes on
    m = ONE_LINE_PARAGRAPH.fullmatch(state.src, state.bMarks[startLine] + state.tShift[startLine],
                                     state.eMarks[startLine])
    if m is None:
        return False
    level = state.level
    where = [startLine, nxt]
    tokens = state.tokens
    tokens.append(_token("paragraph_open", "p", 1, where, level, None, "", "", "", False))
    tokens.append(_token("inline", "", 0, [startLine, nxt], level + 1, [], m.group(1), "", "", False))
    tokens.append(_token("paragraph_close", "p", -1, None, level, None, "", "", "", False))
    state.line = nxt
    state.parentType = "paragraph"
    return True


# A paragraph's line, from its first non-blank character, that no rule of markdown-it can
# take nor end a paragraph with (with no "|" in the line, checked apart: no table) and
# that is no setext underline ("=", and "-" which _SAFE_START already refuses).
_CONTINUATION = re.compile(r"(?!=)" + _SAFE_START)


def _fast_lines(state, startLine: int) -> bool:
    """A paragraph of several lines, as markdown-it's lheading (failing) then paragraph make it.

    Every line has a safe start (see SIMPLE_ITEM) and no ``|``, and no line after the
    first starts with ``=``: no rule before ``paragraph`` takes the first line (table
    needs a ``|`` in it; reference a ``[``, refused here since a label may span lines),
    lheading finds no underline, and none of the paragraph's terminators (table,
    fence, blockquote, hr, list, html_block, heading) fires on a later line. A line
    indented 4 or more past the block is a lazy continuation whatever it holds (both
    rules skip it). The paragraph ends at an empty line, the end, or a list item that
    :func:`_item_ends_paragraph` says ends it; any other line: the normal rules run.
    The content is taken as paragraph takes it (getLines, mdTrim).
    """
    src, bMarks, eMarks, tShift, sCount = state.src, state.bMarks, state.eMarks, state.tShift, state.sCount
    begin, end = bMarks[startLine] + tShift[startLine], eMarks[startLine]
    if src[begin] == "[" or src.find("|", begin, end) >= 0 or _CONTINUATION.match(src, begin, end) is None:
        return False
    blk = state.blkIndent
    line = startLine + 1
    line_max = state.lineMax
    match = _CONTINUATION.match
    while line < line_max:
        begin, end = bMarks[line] + tShift[line], eMarks[line]
        if begin >= end:
            break  # an empty line
        indent = sCount[line]
        if indent - blk > 3:
            line += 1
            continue
        if indent < 0:
            return False  # markdown-it's blockquote quirk: leave it to its rules
        if src.find("|", begin, end) >= 0 or match(src, begin, end) is None:
            if _item_ends_paragraph(state, line):
                break
            return False
        line += 1
    content = mdTrim(state.getLines(startLine, line, blk, False))
    level = state.level
    tokens = state.tokens
    tokens.append(_token("paragraph_open", "p", 1, [startLine, line], level, None, "", "", "", False))
    tokens.append(_token("inline", "", 0, [startLine, line], level + 1, [], content, "", "", False))
    tokens.append(_token("paragraph_close", "p", -1, None, level, None, "", "", "", False))
    state.line = line
    state.parentType = "paragraph"
    return True


def fast_heading(state, startLine: int, endLine: int, silent: bool) -> bool:
    """An ATX heading line as markdown-it's own ``heading`` rule makes it, without trying the rules before it.

    Registered first, next to :func:`fast_paragraph`. Of the rules markdown-it tries
    before ``heading`` (table, code, fence, blockquote, hr, list, reference, html_block),
    only ``table`` can take a line that starts with ``#``: as a header row, which must
    hold a ``|``. ``code`` is ruled out by ``heading`` itself (it declines an indented
    line, and the normal rules then run). So for a ``#`` line without ``|`` the
    outcome is ``heading``'s, and when it declines ("#tag") the normal rules run.
    tests/test_fastlist.py compares the tokens on hostile headings and the corpus.
    """
    if silent:
        return False
    pos = state.bMarks[startLine] + state.tShift[startLine]
    end = state.eMarks[startLine]
    if pos >= end or state.src[pos] != "#" or state.src.find("|", pos, end) >= 0:
        return False
    # What ``heading`` does, with str methods for its loops over characters and the tokens
    # built directly (its own cost was ~5 us a heading: a debug log call, three pushes, the
    # character-by-character scans): the level is the run of '#' (at most 6, then a space,
    # a tab or the end); the content is what follows, blanks (spaces, tabs) cut at the end,
    # then a closing run of '#' cut when a blank precedes it, then mdTrim.
    if state.is_code_block(startLine):
        return False
    text = state.src[pos:end]
    rest = text.lstrip("#")
    level = len(text) - len(rest)
    if level > 6 or (rest and rest[0] not in " \t"):
        return False
    rest = rest.rstrip(" \t")
    closed = rest.rstrip("#")
    if closed and closed[-1] in " \t":
        rest = closed
    nxt = startLine + 1
    state.line = nxt
    tag, markup, depth = _HEADING_TAGS[level], "#" * level, state.level
    tokens = state.tokens
    tokens.append(_token("heading_open", tag, 1, [startLine, nxt], depth, None, "", markup, "", False))
    tokens.append(_token("inline", "", 0, [startLine, nxt], depth + 1, [], mdTrim(rest), "", "", False))
    tokens.append(_token("heading_close", tag, -1, None, depth, None, "", markup, "", False))
    return True


_HEADING_TAGS = ("", "h1", "h2", "h3", "h4", "h5", "h6")


# A list item line after its indentation, with some text (an empty item cannot
# interrupt a paragraph) and a character no table delimiter row has.
NEXT_ITEM = re.compile(r"(?:[-+*]|([0-9]{1,9})[.)])[ \t]+(?=.*[^-:|\s])\S")


def _item_ends_paragraph(state, line: int) -> bool:
    """Whether list item ``line`` ends the paragraph above it, as markdown-it's paragraph decides.

    The paragraph's own tests in order: a line indented 4 or more past the block is a
    lazy continuation; then the terminators, of which ``list`` (silent, parentType
    "paragraph") says yes to a marker with text, unless it is indented 4 or more past
    the enclosing list and left of this block, or an ordered marker other than 1 would
    start a list in this block. (A table needs a delimiter row: NEXT_ITEM has text no
    delimiter row has; a setext underline has no text after its marker.)
    """
    indent = state.sCount[line]
    if indent < 0 or indent - state.blkIndent > 3:
        return False
    if state.listIndent >= 0 and indent - state.listIndent >= 4 and indent < state.blkIndent:
        return False
    m = NEXT_ITEM.match(state.src, state.bMarks[line] + state.tShift[line], state.eMarks[line])
    if m is None:
        return False
    return m.group(1) is None or indent < state.blkIndent or int(m.group(1)) == 1


def install(md) -> None:
    """Register :func:`fast_list` just before markdown-it's ``list`` rule, the others first."""
    if not _token_is_plain():
        return  # another markdown-it-py: its own list rule alone, slower but right
    md.block.ruler.before("list", "postlint_fast_list", fast_list)
    md.block.ruler.before("table", "postlint_fast_paragraph", fast_paragraph)
    md.block.ruler.before("table", "postlint_fast_heading", fast_heading)
