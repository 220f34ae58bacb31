import re

from postlint.checks.base import Rule, RuleDocs
from postlint.diagnostics import Fix, Severity, Violation
from postlint.document import TOKEN_KIND

# A line that holds list markers and nothing else ("- ", "1. ", "> - ").
_ONLY_MARKERS = re.compile(r"(?:[ \t]*(?:[-*+]|\d{1,9}[.)]|>))+[ \t]*")


class EmptyBullet(Rule):
    code = "PL302"
    name = "empty-bullet"
    category = "markdown"
    severity = Severity.WARNING
    fixable = True
    summary = "List item has no text"
    docs = RuleDocs(
        what="Reports a list item with nothing after its marker ('- ', '* ', '1. '). A lone '-' "
             "under a line of text is a heading underline, not a list item, and is not reported.",
        why="An empty bullet renders as a dangling dot in the middle of the requirements, a sign "
            "of an unfinished edit.",
        example="- Participate in code reviews\n- \n",
        use_instead="- Participate in code reviews\n",
        fix_safety="Safe: removes the line of the empty item.",
    )

    def check(self, doc, ctx):
        tokens = doc.tokens
        # an item opened and closed at once: the pair "Ll" in the token kinds, found in C
        # (the walk over every token was 25-40 ms on 100,000 items)
        kinds = doc.token_kinds
        pair = TOKEN_KIND["list_item_open"] + TOKEN_KIND["list_item_close"]
        i = kinds.find(pair)
        while i >= 0:
            tok = tokens[i]
            i = kinds.find(pair, i + 1)
            found = empty_item(doc, tok)
            if found is not None:
                yield found


def empty_item(doc, tok):
    """The finding for ``tok``, a list_item_open followed at once by its close, or None."""
    if not tok.map:
        return None
    index = tok.map[0]
    start, end = doc.line_starts[index], doc.line_ends[index]
    content = doc.text[start:end]
    at = start + len(content) - len(content.lstrip())
    if not _ONLY_MARKERS.fullmatch(content):
        # The parser gave up below its nesting limit ("- - - ... item" 10,000
        # deep): the item has text, and deleting its line would lose it.
        return None
    if index + 1 < doc.line_count:
        delete = (start, doc.line_starts[index + 1])
    else:  # last line: take the line break before it instead
        delete = (doc.line_ends[index - 1] if index else start, end)
    return Violation(at, end, "Empty list item",
                     fix=Fix.replace(delete[0], delete[1], "", message="Remove the empty list item"))
