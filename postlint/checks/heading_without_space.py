import bisect
import re

from postlint.checks.base import Rule, RuleDocs
from postlint.diagnostics import Fix, Severity, Violation

# '##ABOUT', '###Benefits'. CommonMark reads these as paragraph text, so they
# are found on the raw lines (outside code, HTML blocks and front matter).
_HEADING = re.compile(r"( {0,3})(#{1,6})(?=[^\s#])(.*)")
_AFTER_BREAK = re.compile(r"\n" + _HEADING.pattern)


class HeadingWithoutSpace(Rule):
    code = "PL301"
    name = "heading-without-space"
    category = "markdown"
    severity = Severity.WARNING
    fixable = True
    summary = "Heading marker '#' is not followed by a space"
    docs = RuleDocs(
        what="Reports a line that starts with '#' marks directly followed by text, such as "
             "'##ABOUT', which Markdown shows as a paragraph with the '#' marks in it.",
        why="The section title renders as '##ABOUT THE JOB' in plain text: the posting loses its "
            "structure and looks broken to every candidate.",
        example="##ABOUT THE JOB\n",
        use_instead="## ABOUT THE JOB\n",
        fix_safety="Safe: inserts one space after the '#' marks.",
    )

    def check(self, doc, ctx):
        skip = doc.code_lines | doc.html_block_lines
        for index, m in self._candidates(doc):
            if index in skip:
                continue
            marks, rest = m.group(2), m.group(3)
            if len(marks) == 1 and not _single_hash_heading(rest):
                continue
            if rest.startswith(("{", "!", "[")) or rest[0].isdigit() and len(marks) == 1:
                continue
            at = m.start(2)
            title = rest.strip().rstrip("#").strip()
            yield Violation(at, m.end(2) + 1,
                            f"Heading marker '{marks}' needs a space before '{title}'",
                            fix=Fix.replace(m.end(2), m.end(2), " ", message="Insert a space after the heading marker"))


    @staticmethod
    def _candidates(doc):
        """(line index, _HEADING match) of each body line that starts like a heading, in order."""
        text = doc.text
        if "\r" in text:
            return HeadingWithoutSpace._candidates_plain(doc)
        # Only "\n" breaks lines: one search over the body finds the few candidate lines,
        # instead of a match at every line. After a "\n" (a line start; the body's first
        # line is matched apart) and up to the line's end ("." stops at "\n", where the
        # lookahead fails as at the end of the line), the same match as _HEADING at that
        # line; the leading "\n" is a literal the search skips to quickly.
        # tests/test_list_rules_speed.py compares it with the line-by-line scan.
        starts = doc.line_starts
        first = doc.body_line
        out = []
        m = _HEADING.match(text, starts[first], doc.line_ends[first])
        if m is not None:
            out.append((first, m))
        for m in _AFTER_BREAK.finditer(text, starts[first]):
            out.append((bisect.bisect_right(starts, m.start(1)) - 1, m))
        return out

    @staticmethod
    def _candidates_plain(doc):
        text = doc.text
        out = []
        for index in range(doc.body_line, doc.line_count):
            m = _HEADING.match(text, doc.line_starts[index], doc.line_ends[index])
            if m is not None:
                out.append((index, m))
        return out


# One token shaped like a hashtag rather than a title: LinkedIn's recruiter
# tags ('#LI-REMOTE', '#LI-DNI', '#LI-CP1', seen in the corpus), CamelCase tags
# ('#WeAreHiring'), tags with digits or hyphens. '#Requirements' stays a heading.
_HASHTAG = re.compile(r"LI-\w+|[A-Za-z]\w*(?:[a-z][A-Z]|\d|-)[\w-]*")


def _single_hash_heading(rest: str) -> bool:
    """'#About us' is a heading; '#hiring #remote', '#1' and '#LI-REMOTE' are not."""
    if _HASHTAG.fullmatch(rest.rstrip()):
        return False
    return rest[:1].isupper() and "#" not in rest
