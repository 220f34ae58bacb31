"""PL404 duplicate-bullet: the same item twice in one list."""

from __future__ import annotations

import itertools
import re

from postlint.checks.base import Rule, RuleDocs
from postlint.diagnostics import Fix, Severity, Violation
from postlint.document import TOKEN_KIND

_MARKER = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+")
# An item's words, case, punctuation and '_' aside: "Experience with PostgreSQL." and
# "experience with postgresql" are one item. findall is one pass (was sub, split, join, split).
_WORD = re.compile(r"[^\W_]+")
# Blocks that make an item more than its line: its duplicate is not removed by the fix.
_NESTING = frozenset(("bullet_list_open", "ordered_list_open", "fence", "code_block", "table_open"))
# the tokens _items looks at: any kind but paragraph_open and paragraph_close
_TAKEN = frozenset("?" + "".join(TOKEN_KIND.values())) - {TOKEN_KIND["paragraph_open"], TOKEN_KIND["paragraph_close"]}
# Runs of what is not a word character of _WORD (\W, "_" made a space before), NUL aside: _keys' separator.
_NOT_WORD = re.compile(r"[^\w\x00]+")
# The same on ASCII text, a byte at a time: letters, digits and NUL kept, anything else a space.
_ASCII_NOT_WORD = bytes(b if chr(b).isalnum() or b == 0 else 32 for b in range(256))


# _keys joins the texts of this many items or more; on fewer (a posting's lists: 20-60) the
# joins and copies cost more than they save (corpus: 62 vs 56 us a posting), item by item it is.
_JOINED_FROM = 200


def _keys(items, least: int = _JOINED_FROM) -> list[str]:
    """Each item's key: the words of its text (_WORD, lower case) joined by one space ("" for no text).

    ``" ".join(_WORD.findall(text.lower()))`` an item was ~60 ms on 100,000 items (three
    calls and a list each); here the texts of all items are one string, joined on NUL,
    lowered once, its separators made single spaces in C (ASCII text: ``bytes.translate``
    and a replace of double spaces, ~5x faster than a regex ``sub`` that replaces every
    space by itself; else that ``sub``), then split again on NUL. The same keys: lower()
    maps each character by itself but for a final sigma, whose context ends at a NUL as at
    the end of a string (NUL is neither cased nor case-ignorable); a text holding a NUL
    itself takes the per-item path, as do fewer than ``least`` items. tests/test_list_rules_speed.py compares the keys and
    the rule with the per-item path on hostile lists (Σ, İ, ß, NUL, ASCII punctuation),
    the seeds and the corpus.
    """
    texts = [item[3] or "" for item in items]
    if len(texts) < least:
        return [_key(text) for text in texts]
    joined = "\x00".join(texts)
    if joined.count("\x00") != len(texts) - 1:  # a NUL in a text
        return [_key(text) for text in texts]
    low = joined.lower()
    if low.isascii():
        spaced = low.encode("ascii").translate(_ASCII_NOT_WORD).decode("ascii")
        while "  " in spaced:
            spaced = spaced.replace("  ", " ")
    else:
        spaced = _NOT_WORD.sub(" ", low.replace("_", " "))
    return [key.strip(" ") for key in spaced.split("\x00")]


# _ASCII_NOT_WORD for one item: NUL is a space too (_WORD's \W takes it); only ASCII bytes are translated.
_ASCII_SPACE = b" " + _ASCII_NOT_WORD[1:]


def _key(text: str) -> str:
    """``" ".join(_WORD.findall(text.lower()))``: for ASCII text (92% of corpus items) in C
    (lower, translate every non-word byte to a space, split, join: 0.066 -> 0.030 ms a posting)
    instead of a findall and its list. On ASCII, _WORD's words are the runs of letters and digits."""
    if text.isascii():
        return b" ".join(text.encode("ascii").lower().translate(_ASCII_SPACE).split()).decode("ascii")
    return " ".join(_WORD.findall(text.lower()))


class DuplicateBullet(Rule):
    code = "PL404"
    name = "duplicate-bullet"
    category = "spelling"
    severity = Severity.WARNING
    fixable = True
    summary = "Same item twice in one list"
    docs = RuleDocs(
        what="Reports a list item whose text repeats an earlier item of the same list, ignoring "
             "case, punctuation and spacing. Items of different lists (Requirements and Nice to "
             "have) may repeat each other; items of two words or fewer are ignored.",
        why="A repeated requirement is a copy-paste slip; it makes the list look longer and the "
            "posting look unedited.",
        example="- Experience with PostgreSQL\n- Strong written English\n- Experience with PostgreSQL\n",
        use_instead="- Experience with PostgreSQL\n- Strong written English\n",
        fix_safety="Safe when the item is one line with no nested list and its text is identical to "
                   "the first one: the line is removed. When they differ in case or punctuation the "
                   "removal is an unsafe fix.",
    )

    def check(self, doc, ctx):
        items = self._items(doc.tokens, doc.token_kinds)
        for (first, last, seen, text, nested), key in zip(items, _keys(items)):
            if key.count(" ") < 2:  # fewer than three words (or none: no text, or only blanks)
                continue
            if key not in seen:
                seen[key] = (first, text)
                continue
            orig_line, orig_text = seen[key]
            start = doc.line_starts[first]
            line_text = doc.line(first)
            m = _MARKER.match(line_text)
            at = start + (m.end() if m else 0)
            end = doc.line_ends[first]
            fix = None
            one_line = last - first == 1 or all(not doc.line(j).strip() for j in range(first + 1, last))
            if one_line and not nested:
                if first + 1 < doc.line_count:
                    span = (start, doc.line_starts[first + 1])
                else:
                    span = (doc.line_ends[first - 1], end)
                fix = Fix.replace(span[0], span[1], "", safe=text.strip() == orig_text.strip(),
                                  message="Remove the duplicate item")
            yield Violation(at, end, f"Duplicate list item; same as line {orig_line + 1}", fix=fix)

    @staticmethod
    def _items(tokens, kinds: str):
        """Each list item of a list, in document order: (first line, last line, the list's seen
        dict, text of its first inline token or None, has a nested list/fence/code/table).

        One pass with a stack of open items. A token belongs to the innermost open item,
        which is what the former forward scan per item counted as "depth 0" (it walked the
        item's tokens, nested items included, per item: 769 ms on 100,000 items).
        tests/test_duplicate_bullet_speed.py compares it with that scan (_items_plain).
        """
        out = []
        lists: list[dict] = []
        open_items: list = [None]  # None: no item open (a token outside any item)
        # paragraph_open and paragraph_close tokens (2 of the 5 of a list item) skipped in C:
        # nothing below takes them (Document.token_kinds)
        for tok in itertools.compress(tokens, map(_TAKEN.__contains__, kinds)):
            kind = tok.type
            if kind == "inline":
                item = open_items[-1]
                if item is not None and item[3] is None:
                    item[3] = tok.content
            elif kind == "list_item_open":
                # items without a map or outside a list are not reported, but still nest
                if tok.map and lists:
                    item = [tok.map[0], tok.map[1], lists[-1], None, False]
                    out.append(item)
                else:
                    item = [0, 0, None, None, False]
                open_items.append(item)
            elif kind == "list_item_close":
                if len(open_items) > 1:
                    open_items.pop()
            elif kind in _NESTING:
                item = open_items[-1]
                if item is not None:
                    item[4] = True
                if kind == "bullet_list_open" or kind == "ordered_list_open":
                    lists.append({})
            elif kind == "bullet_list_close" or kind == "ordered_list_close":
                lists.pop()
        return out
