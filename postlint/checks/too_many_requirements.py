"""PL603 too-many-requirements: a requirements list longer than anyone meets in full."""

from __future__ import annotations

import itertools
import re

from postlint.checks.base import Rule, RuleDocs
from postlint.diagnostics import Severity, Violation
from postlint.document import TOKEN_KIND
from postlint.words import EXOTIC

# Section titles that hold what a candidate must have...
_REQUIRED = re.compile(
    r"\b(?:requirements?|required|qualifications?|must[\s-]haves?|skills|who you are|about you|you have|you are|"
    r"your (?:profile|background|experience|skills)|what you(?:'ll| will)? (?:need|bring|have)|you(?:'ll| will)? need|"
    r"what we(?:'re| are) looking for|we(?:'re| are) looking for|looking for|experience|ideal candidate|"
    r"competenc(?:y|ies))\b",
    re.IGNORECASE)
# ...and titles that do not, even when they share a word ("Preferred qualifications", "Nice to have").
_NOT_REQUIRED = re.compile(
    r"\b(?:nice|bonus|plus|preferred|desired|desirable|ideally|optional|extra|benefits?|beneficial|advantage|"
    r"helpful|would be great|great to have|perks|offer|"
    r"responsibilit|duties|what you(?:'ll| will) do|role|about (?:us|the)|company|team|apply|process|salary|"
    r"compensation|pay|information|objective|not all|some, but|still be considered|employment requirements)",
    re.IGNORECASE)
# An item that is itself optional ("Experience with Spark is preferred", "Go is a plus").
_OPTIONAL_ITEM = re.compile(r"\b(?:a plus|plus\b|bonus|preferred|preferable|nice[\s-]to[\s-]have|ideally|desirable|"
                            r"not required|optional|great if|love it if)", re.IGNORECASE)
# What every _OPTIONAL_ITEM match holds, lower-cased: a case-sensitive scan of the lowered item,
# without _OPTIONAL_ITEM's leading \b (tried at every character) and IGNORECASE, is ~2x cheaper,
# and most items hold none of them. lower() and IGNORECASE agree on every character but
# postlint.words.EXOTIC (tests/test_words.py checks every code point): an item with one takes the
# regex. tests/test_list_rules_speed.py compares _optional_item with the search.
_OPTIONAL_WORD = re.compile("plus|bonus|prefer|nice|ideally|desirable|not required|optional|great if|love it if")


def _optional_item(text: str) -> bool:
    """``_OPTIONAL_ITEM.search(text) is not None``, the regex run only where a keyword is."""
    if _OPTIONAL_WORD.search(text.lower()) is None and (text.isascii() or not any(map(text.__contains__, EXOTIC))):
        # ``any(ch in text for ch in EXOTIC)`` without its generator (27,000 steps a corpus pass):
        # every EXOTIC character is non-ASCII, so an ASCII item (O(1) isascii, most) has none
        return False
    return _OPTIONAL_ITEM.search(text) is not None


_MARKER = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+")
_BROKEN = re.compile(r"#{1,6}(?=[^#\s])")
# the tokens _sections looks at: any kind but paragraph_close, inline and list_item_close
_TAKEN = frozenset("?" + "".join(TOKEN_KIND.values())) - {TOKEN_KIND["paragraph_close"], TOKEN_KIND["inline"],
                                                               TOKEN_KIND["list_item_close"]}


def _pseudo_heading(content: str) -> tuple[str, int] | None:
    """'**Requirements:**', 'Qualifications:', '__Skills__' or '##Skills' alone in a paragraph: its title."""
    text = content.strip()
    # '##Requirements': a heading missing its space (PL301),
    broken = _BROKEN.match(text) if text[:1] == "#" else None
    if broken:                                     # even with the paragraph's text on the next line
        title = text[broken.end():].split("\n", 1)[0].strip().rstrip(":").strip()
        return (title, broken.end()) if title else None  # its level, as --fix will make it
    if "\n" in text or len(text) > 80:
        return None
    colon = text.endswith(":")
    text = text.rstrip(":").strip()  # '**Requirements**:' as well as '**Requirements:**'
    bold = len(text) > 4 and text[:2] in ("**", "__") and text.endswith(text[:2])
    if bold:
        text = text[2:-2].strip()
    elif not colon:
        return None
    title = text.rstrip(":").strip()
    return (title, 7) if 2 <= len(title) <= 60 and "*" not in title and "_" not in title else None


_ITEM_OPEN = TOKEN_KIND["list_item_open"]


def _may_report(doc, limit) -> bool:
    """Whether the posting has more list items than ``limit``: each line a section counts is an
    item's (a list_item_open token, counted once), so with no more items than the limit no
    section passes it and the walk over the tokens is not made (182 of the 906 corpus postings).
    tests/test_list_rules_speed.py compares the rule with and without this test."""
    return not isinstance(limit, int) or doc.token_kinds.count(_ITEM_OPEN) > limit


def _glued_headings(content: str):
    """'##Heading' lines after the first line of a block (a paragraph or a list item read them in)."""
    for line in content.split("\n")[1:]:
        heading = _pseudo_heading(line) if line.startswith("#") else None
        if heading:
            yield heading


class TooManyRequirements(Rule):
    code = "PL603"
    name = "too-many-requirements"
    category = "content"
    severity = Severity.INFO
    summary = "Requirements list too long"
    default_options = {"max-items": 10}
    docs = RuleDocs(
        what="Counts the items of the lists in a requirements section (a heading or a bold or "
             "colon-ended line such as 'Requirements', 'Qualifications', 'What you bring', 'About "
             "you', 'Must have') and reports the section once, at the first item past `max-items`. "
             "Sections for nice-to-haves, preferred qualifications, responsibilities and benefits "
             "are not counted; a neutral subheading inside a requirements section counts toward "
             "it. Only top-level items count: sub-bullets belong to their item.",
        why="A long list of must-haves reads as a wish list, and it turns away capable people "
            "who do not tick every box. Surveys of applicants find that many, women more than "
            "men, do not apply unless they meet all the listed requirements (Mohr, 'Why Women "
            "Don't Apply for Jobs Unless They're 100% Qualified', Harvard Business Review, 2014).",
        example="## Requirements\n\n- Python\n- Django\n- PostgreSQL\n- Redis\n- Celery\n- Docker\n"
                "- Kubernetes\n- Terraform\n- AWS\n- React\n- TypeScript\n- GraphQL\n",
        use_instead="## Requirements\n\n- You have built and run web services in Python\n"
                    "- You are comfortable with SQL databases\n- You write clear code and clear notes\n\n"
                    "## Nice to have\n\n- Docker, Kubernetes or Terraform\n- React or TypeScript\n",
        fix_safety="No fix: which requirements matter is the employer's call.",
        options="`max-items` (default 10): the most items a requirements section may list.",
    )

    def check(self, doc, ctx):
        limit = ctx.option("max-items", 10)
        if not _may_report(doc, limit):
            return
        for title, lines in self._sections(doc.tokens, doc.token_kinds):
            if len(lines) > limit:
                line = lines[limit]
                m = _MARKER.match(doc.line(line))
                yield Violation(doc.line_starts[line] + (m.end() if m else 0), doc.line_ends[line],
                                f"{len(lines)} requirements under '{title}' (max {limit}): keep the few a "
                                "new hire truly needs and move the rest to 'nice to have'")

    @staticmethod
    def _sections(tokens, kinds: str):
        """(title, first lines of its top-level list items) of each requirements section;
        ``kinds`` is the tokens' Document.token_kinds."""
        sections = []
        current = None  # [title, heading level, counting?, (item line, ordered?)]
        depth = 0
        ordered = False
        def enter(title, level):
            nonlocal current
            if len(title.split()) > 8 or _NOT_REQUIRED.search(title):  # a sentence, not a title
                current = [title, level, False, []]
            elif _REQUIRED.search(title):
                current = [title, level, True, []]
                sections.append(current)
            elif not (current and current[2] and level > current[1]):
                # A neutral subheading ("Technical") inside a requirements section counts toward it.
                current = [title, level, False, []]

        n = len(tokens)
        # paragraph_close, inline and list_item_close tokens (3 of the 5 tokens of a list item)
        # are skipped in C: none of the tests below takes them (Document.token_kinds)
        for i, tok in itertools.compress(enumerate(tokens), map(_TAKEN.__contains__, kinds)):
            # the token's type read once (it was read up to six times a token: 500,000
            # tokens on a 100,000-item list); same tests, same order
            kind = tok.type
            if kind == "heading_open" and i + 1 < n:
                enter(tokens[i + 1].content.strip(), int(tok.tag[1]))
            elif kind == "paragraph_open":
                if depth == 0 and i + 1 < n:
                    content = tokens[i + 1].content
                    heading = _pseudo_heading(content)
                    if heading:
                        enter(*heading)
                    if "\n#" in content:  # '##Qualifications\n##The designer:' is two
                        for heading in _glued_headings(content):
                            enter(*heading)
            elif kind == "bullet_list_open" or kind == "ordered_list_open":
                depth += 1
                if depth == 1:
                    ordered = kind == "ordered_list_open"
            elif kind == "bullet_list_close" or kind == "ordered_list_close":
                depth -= 1
            elif kind == "list_item_open" and depth == 1 and tok.map:
                text = tokens[i + 2].content if i + 2 < n and tokens[i + 1].type == "paragraph_open" else ""
                if current and current[2]:
                    if _optional_item(text):
                        if text.rstrip().endswith(":"):  # "It'd be great if you also:" opens the optional part
                            current[2] = False
                    else:
                        current[3].append((tok.map[0], ordered))
                # '##Heading' right under an item is read into it (a lazy continuation line); it is
                # still the next section's heading, as it is once PL301's fix adds the space.
                if "\n#" in text:
                    for heading in _glued_headings(text):
                        enter(*heading)
        for section in sections:
            # Numbered requirements, each followed by its own unindented bullet list of examples
            # (18F: "1. Experience leading... This experience must include THREE of the following"):
            # the numbers are the requirements.
            if any(o for _, o in section[3]) and not all(o for _, o in section[3]):
                section[3] = [(line, o) for line, o in section[3] if o]
            section[3] = [line for line, _ in section[3]]
        return [(title, lines) for title, _, _, lines in sections]
