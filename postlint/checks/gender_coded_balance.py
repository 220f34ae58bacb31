"""PL507 gender-coded-balance: masculine- vs feminine-coded words, once per document.

Word stems from gender-decoder (MIT), after Gaucher, Friesen & Kay (2011),
doi:10.1037/a0022530; data and attribution in rules/data/gender-coded-stems.yaml.
"""

from __future__ import annotations

import re
from functools import lru_cache

from postlint.checks.base import Rule, RuleDocs
from postlint.diagnostics import Severity, Violation

@lru_cache(maxsize=1)
def load_stems():
    """(word regex, masculine stems, not-coded words, not-coded phrase regex), built once."""
    from postlint.phrases import compile_phrases
    from postlint.resources import data_dir
    from postlint.startup_cache import load_yaml

    text = (data_dir("rules") / "data" / "gender-coded-stems.yaml").read_text(encoding="utf-8")
    data = load_yaml(text)  # the C loader (7 ms -> 0.6 ms), kept between runs (postlint/startup_cache.py)
    # Longest first, then alphabetical: one pattern source at every run whatever the hash seed
    # (the start-up cache finds it again); stems of one length never match the same word.
    stems = sorted(set(data["masculine"]) | set(data["feminine"]), key=lambda s: (-len(s), s))
    # A word that starts with a stem: not preceded by a letter or digit (a hyphen is
    # fine, so "self-confident" and "fast-driven" both count), running to the word's end.
    words = re.compile(stems_pattern(stems), re.IGNORECASE)
    skip = {w.lower() for w in (data.get("exceptions") or []) + (data.get("not_coded") or [])}
    return (words, tuple(data["masculine"]), frozenset(skip),
            compile_phrases(data.get("not_coded_phrases") or [], True))


def stems_pattern(stems, plain: bool = False) -> str:
    """The stems' regex. The plain form, (?<![^\\W_])(?:stem|...)..., tries the lookbehind and
    the 100-stem alternation at every character (~4.6 ms a posting). The form used starts with
    the class of the stems' first letters and, after it, looks behind it ((?<![^\\W_].)) and
    at it ((?<=c), one branch a first letter, the stems in their order): the engine skips to
    the next candidate letter. Same matches (tests/test_words.py)."""
    tail = r"[^\W\d_]*(?![\w@/\\])"
    if plain:
        return r"(?<![^\W_])(?:" + "|".join(re.escape(s) for s in stems) + r")" + tail
    groups: dict = {}
    for stem in stems:
        groups.setdefault(stem[0], []).append(stem[1:])
    branches = "|".join(f"(?<={re.escape(c)})(?:{'|'.join(re.escape(r) for r in rests)})" for c, rests in groups.items())
    return "[" + "".join(re.escape(c) for c in groups) + r"](?<![^\W_].)(?:" + branches + ")" + tail


def coded_words(doc):
    """[(start, end, word, 'masculine'|'feminine')] in the prose, headings and names left out."""
    from postlint.phrases import looks_like_name

    words, masculine, skip, phrases = load_stems()
    prose = doc.prose
    excluded = None
    headings = doc.heading_lines
    text = doc.text
    found = []
    for m in words.finditer(prose):
        start, end = m.span()
        word = m.group()
        lower = word.lower()
        if lower in skip:
            continue
        # The whole token, to see product names: ActiveAdmin, SharePoint, Lead.js.
        a = start
        while a > 0 and (prose[a - 1].isalnum() or prose[a - 1] in "-_"):
            a -= 1
        token = prose[a:end]
        if any(c.isupper() for c in token[1:]) and not token.isupper():
            continue
        if end < len(prose) and prose[end] == "." and end + 1 < len(prose) and prose[end + 1].isalpha():
            continue  # file or domain names: lead.js
        if doc.line_index(start) in headings:
            continue
        if looks_like_name(doc, prose, a, text[a:end]):
            continue
        if excluded is None:
            excluded = [p.span() for p in phrases.finditer(prose)] if phrases else []
        if any(x <= start and end <= y for x, y in excluded):
            continue
        kind = "masculine" if lower.startswith(masculine) else "feminine"
        found.append((start, end, text[start:end], kind))
    return found


class GenderCodedBalance(Rule):
    code = "PL507"
    name = "gender-coded-balance"
    category = "inclusive-language"
    severity = Severity.INFO
    fixable = False
    # Off by default: on ../shared/corpus it reports 10% of postings, and in a sample
    # about a third were driven by task senses (analysis, leading provider, as determined by).
    default_enabled = False
    summary = "Wording leans masculine-coded (Gaucher, Friesen & Kay 2011)"
    default_options = {"threshold": 4, "report_feminine": False}
    docs = RuleDocs(
        what="Counts the masculine-coded words (competitive, driven, lead, ambitious, "
             "independent...) and feminine-coded words (collaborative, supportive, understanding, "
             "committed...) of the posting, from the word lists of Gaucher, Friesen & Kay (2011) "
             "as published by gender-decoder. When masculine-coded words outnumber feminine-coded "
             "ones by `threshold` or more, it reports once, at the first coded word, with the counts "
             "and the line:col of every coded word. Headings, product names (CamelCase, or "
             "capitalised mid-sentence), and phrases about the offer ('competitive salary', "
             "'profit sharing') are not counted.",
        why="In the study, ads worded with more masculine-coded words were rated less appealing by "
            "women, who also anticipated less belonging, without any effect of feminine wording on "
            "men. A balance, not a ban: the words are fine on their own, a posting full of them "
            "is not.",
        example="We want a driven, competitive, ambitious and decisive leader who will dominate the "
                "market and lead fearlessly.\n",
        use_instead="We want a committed, collaborative lead who supports the team, shares "
                    "knowledge and understands our customers.\n",
        fix_safety="No fix: rewording is a choice. The message lists each coded word.",
        # Off by default (opt in with extend-select = ["PL507"]): a score of the whole
        # text, not a defect, and task senses ("analysis", "leading provider") count too.
        options="`threshold` (default 4): how many more masculine- than feminine-coded words to "
                "report. `report_feminine` (default false): also report the opposite lean.",
    )

    def check(self, doc, ctx):
        words = coded_words(doc)
        if not words:
            return
        masc = [w for w in words if w[3] == "masculine"]
        fem = [w for w in words if w[3] == "feminine"]
        threshold = int(ctx.option("threshold", 4))
        diff = len(masc) - len(fem)
        if diff >= threshold:
            lean, first = "masculine", masc[0]
        elif ctx.option("report_feminine", False) and -diff >= threshold:
            lean, first = "feminine", fem[0]
        else:
            return
        listing = [f"{w[2]} {':'.join(map(str, doc.position(w[0])))}" for w in words if w[3] == lean]
        other = "feminine" if lean == "masculine" else "masculine"
        message = (f"Wording leans {lean}-coded: {len(masc)} masculine-coded vs {len(fem)} feminine-coded "
                   f"words (score {len(fem) - len(masc):+d}); {lean}-coded: {', '.join(listing)}. "
                   f"Balance with {other}-coded wording where it is true of the job")
        yield Violation(first[0], first[1], message, suggestions=tuple(listing))
