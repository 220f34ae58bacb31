"""The prose view: the text language rules see, at the same offsets as the file.

Everything that is not running text is blanked out with spaces (line breaks are
kept), so a match in ``Document.prose`` is a match at the same offset in
``Document.text``. Scanners for paired delimiters are written by hand with
``str.find`` so that every one of them is linear in the size of the file: a
regex like ``<!--.*?-->`` rescans to the end of the file for every unclosed
opener, which is quadratic on hostile input.
"""

from __future__ import annotations

import bisect
import re

_NOT_NEWLINE = re.compile(r"[^\r\n]")

_URL = re.compile(r"""(?:\b(?:https?|ftp|file)://|\bwww\.|\bmailto:)[^\s<>"'`\])]*(?:\([^\s()]*\)[^\s<>"'`\])]*)*""", re.I)
# The lookbehind starts a match only at the start of a run of address characters:
# without it a long run with no '@' (a base64 blob) is rescanned from every
# character, quadratic time (test_redos.py).
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_DOMAIN = re.compile(
    r"(?<![\w@.-])[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|co|gov|edu|dev|ai|app|uk|de|fr|nl|eu|jobs|us|me|ly|sh|info|biz|tech)\b(?:/[^\s<>\"')\]]*)?",
    re.I,
)
_LINK_DEST = re.compile(r"\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'))?\)")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S.*$", re.M)
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s]+)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")
_BACKTICKS = re.compile(r"`+")
_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")

# Paired delimiters scanned by hand: (opener, closer). Liquid comment and raw
# blocks come first so their contents are blanked whole.
_PAIRS = (
    ("<!--", "-->"),
    ("{% comment %}", "{% endcomment %}"),
    ("{%- comment -%}", "{%- endcomment -%}"),
    ("{% raw %}", "{% endraw %}"),
    ("<script", "</script>"),
    ("<style", "</style>"),
    ("{%", "%}"),
    ("{{", "}}"),
    ("<%", "%>"),
)


def _paired(text: str, opener: str, closer: str, out: list) -> None:
    pos = text.find(opener)
    while pos != -1:
        end = text.find(closer, pos + len(opener))
        if end == -1:
            return  # no closer after this opener, so none after any later one
        end += len(closer)
        out.append((pos, end))
        pos = text.find(opener, end)


def _pair_ranges(text: str, skip_absent: bool = True) -> list:
    """The ranges of every pair of _PAIRS in ``text``. An opener is searched for only if its
    first character, then its first two, occur (``skip_absent``): each absent opener cost a
    scan of the whole text (~1 ns a character), nine in all. tests/test_words.py compares
    both ways."""
    ranges: list = []
    present: dict = {}
    for opener, closer in _PAIRS:
        if skip_absent:
            for key in (opener[0], opener[:2]):
                if key not in present:
                    present[key] = key in text
                if not present[key]:
                    break
            else:
                _paired(text, opener, closer, ranges)
        else:
            _paired(text, opener, closer, ranges)
    return ranges


def code_spans(text: str) -> list[tuple[int, int]]:
    """CommonMark code spans: a backtick run closed by the next run of equal length
    in the same paragraph. Linear: each run looks up its partner in a table."""
    if text.count("`") < 2:
        return []
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    if len(runs) < 2:
        return []
    blanks = [m.start() for m in _BLANK_LINE.finditer(text)]
    next_same: list[int] = [-1] * len(runs)
    last_by_len: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):
        length = runs[i][1] - runs[i][0]
        next_same[i] = last_by_len.get(length, -1)
        last_by_len[length] = i
    spans = []
    i = 0
    while i < len(runs):
        j = next_same[i]
        if j != -1:
            start, end = runs[i][0], runs[j][1]
            k = bisect.bisect_left(blanks, start)
            if k == len(blanks) or blanks[k] >= runs[j][0]:
                spans.append((start, end))
                i = j + 1
                continue
        i += 1
    return spans


def _blank(part: str) -> str:
    """``part`` with every character but line breaks turned into a space. Built from
    ``" " * n`` a line (a regex substitution a character cost ~0.4 ms a posting)."""
    if "\n" not in part and "\r" not in part:
        return " " * len(part)
    crs = part.count("\r")
    if crs == 0:
        return "\n".join([" " * len(line) for line in part.split("\n")])
    if crs == part.count("\r\n"):
        return "\r\n".join([_blank(line) for line in part.split("\r\n")])
    return _NOT_NEWLINE.sub(" ", part)  # lone CRs (old Mac line ends): rare


def _apply(text: str, ranges: list) -> str:
    if not ranges:
        return text
    ranges.sort()
    pieces = []
    pos = 0
    for start, end in ranges:
        if end <= pos:
            continue
        start = max(start, pos)
        pieces.append(text[pos:start])
        pieces.append(_blank(text[start:end]))
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def _line_ranges(doc, lines) -> list:
    starts, ends = doc.line_starts, doc.line_ends
    return [(starts[i], ends[i]) for i in lines if i < len(starts)]


def mask_prose(doc) -> str:
    text = doc.text
    if doc.is_binary:
        return ""
    # 1. Front matter and code blocks: whole regions.
    ranges = [(0, doc.body_start)] if doc.body_start else []
    ranges += _line_ranges(doc, doc.code_lines)
    masked = _apply(text, ranges)

    # 2. Paired delimiters (comments, templating, scripts), then code spans.
    masked = _apply(masked, _pair_ranges(masked))
    masked = _apply(masked, code_spans(masked))

    # 3. Everything found by a pattern: link destinations, URLs, e-mail, tags.
    ranges = []
    for pattern in (_REF_DEF, _AUTOLINK, _LINK_DEST, _URL, _EMAIL, _DOMAIN, _HTML_TAG, _ENTITY):
        needed = _NEEDS.get(pattern)
        if needed is not None and needed not in masked:
            continue  # every match holds this text: none in the posting
        trigger = _LINE_TRIGGERS.get(pattern)
        if trigger is None:
            ranges.extend(m.span() for m in pattern.finditer(masked))
        elif pattern in _STARTS:
            ranges.extend(_matched_at(pattern, _STARTS[pattern](trigger, masked), masked))
        else:
            ranges.extend(_line_scoped(pattern, trigger, masked))
    return _apply(masked, ranges)


# _URL, _EMAIL and _DOMAIN were ~2/3 of the prose time (each tried at every word
# of the posting). None of their matches can contain a newline, their lookbehinds
# and \b treat a newline like the edge of the string, and every match contains a
# match of its trigger: so matching only the lines where the trigger matches,
# line by line, finds exactly the same spans (corpus output byte-identical,
# benchmarks/same_output.py) at a fraction of the cost.
# Literal text every match of a pattern contains: a posting without it is not scanned.
_NEEDS = {_REF_DEF: "]:", _AUTOLINK: ">", _LINK_DEST: "](", _EMAIL: "@", _HTML_TAG: "<", _ENTITY: "&"}

# A pattern's triggers: every match of the pattern holds a match of one of them, on its line.
# The URL triggers spell out what IGNORECASE matched (i also matches U+0130 and U+0131,
# tests/test_words.py checks the classes). "://|www\\.|mailto:" as one regex is tried at every
# position (0.12 ms a posting); as three patterns that each start with a literal character
# ('.' and ':' then look behind for the rest), the engine jumps from one '.' or ':' to the
# next. Only the lines they are on matter: the same lines as the alternation (tests/test_words.py).
_LINE_TRIGGERS = {
    _URL: (re.compile("://"), re.compile("\\.(?<=[wW][wW][wW]\\.)"), re.compile(":(?<=[mM][aA][iIİı][lL][tT][oO]:)")),
    _EMAIL: (re.compile("@"),),
    _DOMAIN: (re.compile(r"\.(?:com|org|net|io|co|gov|edu|dev|ai|app|uk|de|fr|nl|eu|jobs|us|me|ly|sh|info|biz|tech)\b",
                         re.I),),
}


def _trigger_offsets(triggers, text: str) -> list[int]:
    """Where the triggers match in ``text``, in order (a trigger never holds a line break, so
    its start is on the line of its match)."""
    if len(triggers) == 1:
        return [t.start() for t in triggers[0].finditer(text)]
    return sorted(t.start() for trigger in triggers for t in trigger.finditer(text))


def _line_scoped(pattern, triggers, text: str):
    done = -1
    for at in _trigger_offsets(triggers, text):
        start = text.rfind("\n", 0, at) + 1
        if start <= done:
            continue
        end = text.find("\n", at)
        if end < 0:
            end = len(text)
        done = start
        for m in pattern.finditer(text[start:end]):
            yield start + m.start(), start + m.end()


# _URL and _DOMAIN were still ~half the prose time (0.04 + 0.05 ms a posting; most of it on
# techcorridor's one-line HTML bodies): each tried at every character of a line that holds a
# trigger. But where a match can start is known from the trigger it holds, so the pattern is
# tried there only (pattern.match, a few calls a posting):
# - _URL starts with ``\b(?:https?|ftp|file)://``, ``\bwww\.`` or ``\bmailto:``: 5, 4 or 3
#   characters before a "://" (IGNORECASE letters are one character each: tests/test_words.py),
#   3 before the '.' of "www.", 6 before the ':' of "mailto:";
# - _DOMAIN's name and dots ``[\w-]+(?:\.[\w-]+)*\.tld`` are all [\w.-], and its lookbehind
#   (?<![\w@.-]) lets it start only where such a run starts: the start of the run holding the
#   trigger's '.' (its \.tld\b is the trigger).
# A start is valid only on the trigger's line (the old scan matched within a line); matching in
# the whole text with endpos at the line end sees what the line scan saw (a line break before
# and after, which \b, the lookbehinds and \s treat as the line's edges). Trying the possible
# starts in order and going on after each match finds what finditer finds: it would fail at
# every other position. tests/test_words.py compares this with _line_scoped.


def _url_starts(triggers, text: str) -> list:
    found = []
    for trigger, backs in zip(triggers, ((5, 4, 3), (3,), (6,))):
        for t in trigger.finditer(text):
            at = t.start()
            found.extend((at - back, at) for back in backs)
    return found


def _domain_starts(triggers, text: str) -> list:
    found = []
    known_start, known_to = -1, -1  # the run start found for the last trigger, and its '.'
    for t in triggers[0].finditer(text):
        i = at = t.start()
        while i > 0:
            if i - 1 == known_to:  # the run reaches the last trigger: same run (linear scan)
                i = known_start
                break
            ch = text[i - 1]
            if not (ch.isalnum() or ch in "_.-"):  # [\w.-]: \w is isalnum() or '_' (test_words.py)
                break
            i -= 1
        known_start, known_to = i, at
        found.append((i, at))
    return found


def _matched_at(pattern, starts, text: str):
    done, tried = 0, -1
    for start, at in sorted(starts):
        if start < done or start < 0 or start == tried:
            continue  # inside the last match, or tried (the triggers of one long run share its start)
        tried = start
        if text.find("\n", start, at) >= 0:
            continue  # before the trigger's line
        end = text.find("\n", at)
        m = pattern.match(text, start, len(text) if end < 0 else end)
        if m is not None:
            done = m.end()
            yield m.span()


_STARTS = {_URL: _url_starts, _DOMAIN: _domain_starts}
