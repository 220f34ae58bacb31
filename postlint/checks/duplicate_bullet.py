"""PL404 duplicate-bullet: the same item twice in one list."""

from __future__ import annotations

import re

from postlint.checks.base import Rule, RuleDocs
from postlint.diagnostics import Fix, Severity, Violation

_MARKER = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+")
# An item's words, case, punctuation and '_' aside: "Experience with PostgreSQL." and
# "experience with postgresql" are one item. findall is one pass (was sub, split, join, split).
_WORD = re.compile(r"[^\W_]+")


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
        tokens = doc.tokens
        # For each list, its direct items: (first line, last line, has children).
        stack: list[dict] = []
        for i, tok in enumerate(tokens):
            if tok.type in ("bullet_list_open", "ordered_list_open"):
                stack.append({})
            elif tok.type in ("bullet_list_close", "ordered_list_close"):
                stack.pop()
            elif tok.type == "list_item_open" and tok.map and stack:
                first, last = tok.map[0], tok.map[1]
                content = self._item_text(doc, tokens, i)
                if content is None:
                    continue
                words = _WORD.findall(content[0].lower())
                if len(words) < 3:
                    continue
                key = " ".join(words)
                seen = stack[-1]
                if key not in seen:
                    seen[key] = (first, content[0])
                    continue
                orig_line, orig_text = seen[key]
                start = doc.line_starts[first]
                line_text = doc.line(first)
                m = _MARKER.match(line_text)
                at = start + (m.end() if m else 0)
                end = doc.line_ends[first]
                fix = None
                one_line = last - first == 1 or all(not doc.line(j).strip() for j in range(first + 1, last))
                if one_line and not content[1]:
                    if first + 1 < doc.line_count:
                        span = (start, doc.line_starts[first + 1])
                    else:
                        span = (doc.line_ends[first - 1], end)
                    fix = Fix.replace(span[0], span[1], "", safe=content[0].strip() == orig_text.strip(),
                                      message="Remove the duplicate item")
                yield Violation(at, end, f"Duplicate list item; same as line {orig_line + 1}", fix=fix)

    @staticmethod
    def _item_text(doc, tokens, i):
        """(text of the item's first paragraph, has nested blocks) or None."""
        depth = 0
        text = None
        nested = False
        # Index, don't slice: tokens[i + 1:] copied the rest of the list for every item,
        # quadratic on a long list (100,000 items took > 30 s).
        for j in range(i + 1, len(tokens)):
            tok = tokens[j]
            if tok.type == "list_item_open":
                depth += 1
            elif tok.type == "list_item_close":
                if depth == 0:
                    break
                depth -= 1
            elif tok.type in ("bullet_list_open", "ordered_list_open", "fence", "code_block", "table_open") and depth == 0:
                nested = True
            elif tok.type == "inline" and depth == 0 and text is None:
                text = tok.content
        if text is None or not text.strip():
            return None
        return text, nested
