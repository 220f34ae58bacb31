"""Shared helpers of the content rules (PL6xx): the posting's title and its sentences.

Rules that need the title take it from front matter (`title`, `position`, `job_title`) when
it is there, else from the body's first heading. Sentences are cut from ``doc.prose`` (code,
HTML, URLs and templating already blanked), so offsets are offsets into the file.
"""

from __future__ import annotations

import re

TITLE_KEYS = ("title", "job_title", "position", "role")

# A sentence or list item: up to a full stop followed by a space, a ';', or a line break.
_SENTENCE = re.compile(r"[^\r\n.;!?]+(?:\.(?=\S)[^\r\n.;!?]*)*")

STOPWORDS = frozenset("""a an the and or of in on at to for with as by from into our your you we
    is are be have has will would should must can may working work experience experienced years
    year yrs least minimum plus more than over""".split())


def title(doc) -> tuple[str, int] | None:
    """(title, offset) of the posting: front matter first, else the first heading."""
    fm = doc.front_matter
    if fm is not None and fm.is_mapping:
        for key in TITLE_KEYS:
            value = fm.data.get(key)
            if isinstance(value, str) and value.strip():
                loc = fm.location((key,))
                return value, (loc.value_start if loc else fm.content_start)
    for i, tok in enumerate(doc.tokens):
        if tok.type == "heading_open" and tok.map and i + 1 < len(doc.tokens):
            text = doc.tokens[i + 1].content.strip()
            if text:
                return text, doc.line_starts[tok.map[0]]
    return None


# re's IGNORECASE equates these with ASCII letters ('ſ' ~ 's', 'ı' and 'İ' ~ 'i') and str.lower()
# does not (and 'İ' lowers to two characters): a text holding one gets no lower-case pre-check.
_CASE_ODD = ("ſ", "ı", "İ")


def lowered_body(doc) -> str | None:
    """``doc.prose`` from the body start, lower-cased, for cheap pre-checks; None when unsafe.

    A pre-check asks "is this word in the text at all?" with ``in``, which is several times
    cheaper than an IGNORECASE regex scan. Where a pattern's match must hold a word, its
    absence from this text means the pattern cannot match ``doc.prose`` (None: the caller
    scans). Offsets into it are not offsets into the file. Memoised on the document.
    """
    try:
        return doc._content_lower
    except AttributeError:
        pass
    body = doc.prose[doc.body_start:]
    low = None if any(ch in body for ch in _CASE_ODD) else body.lower()
    doc._content_lower = low
    return low


def sentences(prose: str, start: int = 0):
    """(start, end) spans of the sentences and list items of ``prose`` from ``start``."""
    for m in _SENTENCE.finditer(prose, start):
        if m.group().strip():
            yield m.start(), m.end()


# Where a _SENTENCE match ends: it holds no character of [\r\n.;!?] except a '.' followed by a
# non-space, and it runs up to the next one of these (or the end of the text).
_STOP = re.compile(r"[\r\n;!?]|\.(?!\S)")
_SENTENCE_CHAR = re.compile(r"[^\r\n.;!?]")
# The last _STOP in a gap: the greedy (?s:.*) runs to the gap's end and backs off in C to the last
# stop, where a Python loop over every stop of the gap cost PL604 ~35 us a posting (vele616). Stops
# are one character each, so the last one finditer yields is the last position this matches at.
_LAST_STOP = re.compile(r"(?s:.*)(?:[\r\n;!?]|\.(?!\S))")


def sentences_holding(prose: str, start: int, low: str, word: re.Pattern):
    """The spans ``sentences(prose, start)`` yields that hold a match of ``word`` in ``low``.

    ``low`` is ``lowered_body`` (not None: same length as ``prose[start:]``, so its offsets
    plus ``start`` are offsets into ``prose``). Instead of cutting every sentence, each hit
    is widened to its sentence: back to the last stop before it, forward to the next one.
    Every gap is scanned once, so this is linear in the text.
    """
    done = start  # sentences before this offset have been yielded
    for hit in word.finditer(low):
        at = start + hit.start()
        if at < done:
            continue  # in the sentence just yielded
        last = _LAST_STOP.match(prose, done, at + 1)
        begin = done if last is None else last.end()
        first = _SENTENCE_CHAR.search(prose, begin, at + 1)
        if first is None:  # ``word`` matched a stop character: not inside a sentence
            continue
        stop = _STOP.search(prose, at)
        end = stop.start() if stop else len(prose)
        if end <= at:
            continue
        done = end
        if prose[first.start():end].strip():
            yield first.start(), end


def content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9][a-z0-9+#-]*", text.lower()) if w not in STOPWORDS and len(w) > 1}
