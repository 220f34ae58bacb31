"""PL405 misspelt-tool-name: a tool in a list of tools, one letter off a known name ("Globolize").

A general dictionary cannot do this: it flags 20-30 correct tech words per posting (Sidekiq,
Axlsx). Nor can the misspelling list: nobody has listed "Globolize". What can be known is the
right spelling of the tools postings name, so the rule keeps a list of them
(rules/data/tool-names.yaml) and reports a word only when all of these hold: it stands in a
line that names at least two listed tools (a list of tools, where a misspelt name is a name);
it is capitalised and has 6 letters or more; it is not itself listed, not the plural or
singular of a listed name, not one of the user's words; and exactly one listed name is one
edit (a letter changed, added, dropped, or two swapped) away from it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from postlint.checks.base import Rule, RuleDocs
from postlint.diagnostics import Fix, Severity, Violation
from postlint.phrases import word_index
from postlint.resources import data_dir
from postlint.startup_cache import load_yaml
from postlint.words import words

_TOKEN = re.compile(r"(?<![\w.@/-])[A-Za-z][A-Za-z0-9]*(?:[.+#-][A-Za-z0-9]+)*(?![\w@/])")
MIN_LENGTH = 6


@lru_cache(maxsize=1)
def names() -> dict[str, str]:
    """lower-case name -> the name as its project spells it."""
    text = (data_dir("rules") / "data" / "tool-names.yaml").read_text(encoding="utf-8")
    data = load_yaml(text)  # the C loader (4.6 ms -> 0.5 ms), kept between runs (postlint/startup_cache.py)
    return {n.lower(): n for n in data["names"]}


@lru_cache(maxsize=1)
def _all_simple() -> bool:
    """Every name is ASCII letters and digits, so the shared word view finds it exactly."""
    return all(low.isascii() and low.isalnum() for low in names())


@lru_cache(maxsize=1)
def _deletes() -> dict[str, set[str]]:
    """Each name and each string one deletion from it -> the names (symmetric-delete index)."""
    index: dict[str, set[str]] = {}
    for low in names():
        for variant in {low, *(low[:i] + low[i + 1:] for i in range(len(low)))}:
            index.setdefault(variant, set()).add(low)
    return index


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one substitution, insertion, deletion or adjacent swap."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def near_names(word: str) -> set[str]:
    low = word.lower()
    index = _deletes()
    found = set(index.get(low, ()))
    for i in range(len(low)):
        found |= index.get(low[:i] + low[i + 1:], set())
    return {n for n in found if _one_edit(low, n)}


class MisspeltToolName(Rule):
    code = "PL405"
    name = "misspelt-tool-name"
    category = "spelling"
    severity = Severity.WARNING
    fixable = True
    summary = "Tool name one letter off a known name, in a list of tools (\"Globolize\")"
    docs = RuleDocs(
        what="In a line that names at least two tools from postlint's list of languages, libraries "
             "and frameworks (rules/data/tool-names.yaml), reports a capitalised word of 6 letters "
             "or more that is not on the list but is one edit (a letter changed, added, dropped or "
             "two swapped) away from exactly one listed name. Unknown words that are not near a "
             "listed name are left alone: postlint does not guess at tech words.",
        why="A misspelt tool in the list of what the job uses tells an engineer that nobody on "
            "the team read the posting, and it hides the posting from searches for the tool.",
        example="Tools: Ruby on Rails, PostgreSQL, Sidekiq, Globolize, Capybara\n",
        use_instead="Tools: Ruby on Rails, PostgreSQL, Sidekiq, Globalize, Capybara\n",
        fix_safety="Unsafe: the word may be a product the list does not know that happens to be "
                   "one letter from a known one; the fix is offered, not applied by `--fix`.",
        options="`words` in the configuration (or `.postlint-words.txt`) lists names never to flag.",
    )

    def check(self, doc, ctx):
        known = names()
        allowed = {w.lower() for w in getattr(ctx.settings, "words", ())} if ctx.settings is not None else set()
        prose = doc.prose
        # Lines naming two listed tools, from the word index the phrase rules share (names are
        # single words, so each is one lookup).
        view = words(doc)
        if view.exact and _all_simple():
            present = view.vocab.intersection(known)  # most postings: a few names, one set operation
            offsets = view.offsets
        else:
            index = word_index(doc)
            present, offsets = known, lambda low: index.get(low, ())
        lines: dict[int, int] = {}
        for low in present:
            for offset in offsets(low):
                if offset >= doc.body_start:
                    line = doc.line_index(offset)
                    lines[line] = lines.get(line, 0) + 1
        for i in sorted(line for line, n in lines.items() if n >= 2):
            tokens = list(_TOKEN.finditer(prose, doc.line_starts[i], doc.line_ends[i]))
            for m in tokens:
                word = m.group()
                low = word.lower()
                if (len(word) < MIN_LENGTH or not word[0].isupper() or low in known or low in allowed
                        or low.rstrip("s") in known or low + "s" in known or not word.isalpha()):
                    continue
                near = near_names(word)
                if len(near) != 1:
                    continue
                right = known[near.pop()]
                yield Violation(m.start(), m.end(), f"'{word}' looks like a misspelling of '{right}'",
                                fix=Fix.replace(m.start(), m.end(), right, safe=False,
                                                message=f"Replace with '{right}'"))
