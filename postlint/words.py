"""The words of a posting's prose, found once per document for every word rule.

The word rules (PL401 misspelling, PL402 and PL501-PL506 phrases, PL403 repeated-word,
PL405 misspelt-tool-name) all need to know which words a posting holds, and most
postings hold none of the words a rule looks for. Tokenising ``doc.prose`` with a
regex in each rule cost ~0.4-0.8 ms a rule a posting (the regex engine tries every
character); this view does it once with C-speed string methods:

- ``low`` is ``prose.lower()`` (built only when asked for); ``spaced`` is ``low`` with
  every character that is not a letter or digit turned into a space and every non-ASCII
  letter or digit into ``?``, padded with one space at each end. So ``spaced[i + 1]`` is character
  ``i`` of the prose, and the words (the maximal runs of letters and digits, as
  ``[^\\W_]+`` finds them, lower-cased) are ``spaced.split()``: exactly, for ASCII
  words; a word with other letters shows as a run with ``?`` in it.
- ``vocab`` is the set of those words; ``offsets(word)`` finds an ASCII word's
  offsets with ``str.find`` for ``" word "``, so a posting pays only for the words a
  rule asks about.

This is exact only when lower-casing keeps each character one character, of the same
kind, and case-insensitive matching agrees with ``lower()``: four characters break
that (``EXOTIC``: dotted and dotless i, long s, the Kelvin sign; tests/test_words.py
checks every code point). A posting with one of them (or a NUL, which the view uses
internally) has ``exact`` False, and the rules then take their old, slower path.
"""

from __future__ import annotations

import codecs
import functools
import itertools

# Characters whose lower case is not one character, or is ASCII, or whose case-insensitive
# match (re.IGNORECASE) reaches an ASCII letter: İ, ı, ſ and K (Kelvin).
EXOTIC = "\u0130\u0131\u017f\u212a"

_ERRORS = "postlint-words"


def _non_ascii(err: UnicodeEncodeError):
    """Encoding error handler: a non-ASCII letter or digit is NUL (then '?'), the apostrophe
    ’ is \x01 (a space in ``spaced``, a word character for ``length_words``), anything else a
    space."""
    run = err.object[err.start:err.end]
    return "".join(["\0" if ch.isalnum() else "\x01" if ch == "’" else " " for ch in run]), err.end


codecs.register_error(_ERRORS, _non_ascii)

# bytes.translate table: ASCII letters and digits stay, NUL (a non-ASCII letter or digit,
# from _non_ascii) is '?', every other byte is a space.
_KEEP = bytes(b if chr(b).isascii() and chr(b).isalnum() else 63 if b == 0 else 32 for b in range(256))
# For length_words: a letter or digit (ASCII, or NUL: non-ASCII) is 'a', the other characters
# of [\w'’-] ('_', "'", '-', and \x01: ’) are '_', every other byte a space.
_LENGTH = bytes(97 if (chr(b).isascii() and chr(b).isalnum()) or b == 0 else 95 if chr(b) in "_'-\x01" else 32
                for b in range(256))


class Words:
    __slots__ = ("prose", "_low", "exact", "spaced", "tokens", "vocab", "_offsets", "_classes", "_length",
                 "__weakref__")

    def __init__(self, prose: str):
        self.prose = prose
        self._low = None
        # A NUL in the prose would read as a non-ASCII letter: rare enough to take the slow path.
        # Outside EXOTIC, lower() keeps every character one character (tests/test_words.py), so
        # the lower-cased prose has the prose's length.
        self.exact = not any(ch in prose for ch in EXOTIC + "\0")
        # encode() keeps one byte a character: ASCII as is, the rest NUL, \x01 or ' ' (_non_ascii).
        # Lower-cased after encoding, as bytes (ASCII only, one C pass): str.lower() of a prose
        # with any non-ASCII character costs ~6 ns a character. The same bytes as encoding
        # prose.lower() when ``exact``: outside EXOTIC, lower() keeps a non-ASCII character
        # non-ASCII and of the same kind (tests/test_words.py checks every code point).
        self._classes = classes = prose.encode("ascii", _ERRORS).lower()
        self.spaced = " " + classes.translate(_KEEP).decode("ascii") + " "
        self.tokens = self.spaced.split()
        self.vocab = frozenset(self.tokens)
        self._offsets: dict = {}
        self._length = None

    @property
    def low(self) -> str:
        """``prose.lower()``, built on first use."""
        if self._low is None:
            self._low = self.prose.lower()
        return self._low

    def holds_lower(self, chars) -> bool:
        """Whether ``prose.lower()`` holds any of ``chars`` (lower-case non-ASCII characters),
        without lowering the prose: a search for each character whose lower case is one of them.
        Exact when ``exact`` (İ, whose lower case is two characters, is EXOTIC)."""
        chars = frozenset(chars)
        prose = self.prose
        if prose.isascii() and all(not ch.isascii() for ch in chars):
            return False  # an ASCII character lowers to an ASCII one: no search (O(1) test)
        # One str.find a character (C, memchr-like) instead of a regex character class, which
        # tries every position (for PL401's 14 characters, 0.016 -> 0.003 ms a posting).
        return any(u in prose for u in _lower_preimages(chars))

    def offsets(self, word: str) -> list[int]:
        """Offsets in the prose where ``word`` stands as a whole word: exactly, for a word of
        lower-case ASCII letters and digits; for a word of the view with ``?`` in it, the
        offsets of every word that reads so. Only valid when ``exact``."""
        found = self._offsets.get(word)
        if found is None:
            found = []
            if word in self.vocab:
                needle = " " + word + " "
                find, step = self.spaced.find, len(word) + 1
                i = find(needle)
                while i >= 0:
                    found.append(i)  # spaced[i] is the space before the word: prose offset i
                    i = find(needle, i + step)
            self._offsets[word] = found
        return found

    def length_words(self, start: int = 0, end: int | None = None) -> int | None:
        """How many matches ``[^\\W_][\\w'’-]*`` (PL602's word) has in the prose from ``start``,
        or None when the view cannot say (not ``exact``, or a \\x01, which the view uses for ’).
        A match is a maximal run of [\\w'’-] that holds a letter or digit (\\w is a letter,
        a digit or '_'), so with the run's other characters deleted, each match is one run of
        'a's. Three passes in C (0.02 ms a posting) instead of the regex and its match objects (0.16 ms).
        tests/test_words.py checks it against the regex on every code point and the corpus."""
        if not self.exact or "\x01" in self.prose:
            return None
        return _count_runs(self._length_classes()[start:end])

    def length_span(self, start: int, k: int, pattern, end: int | None = None) -> tuple[int, int] | None:
        """The span of match ``k`` (from 0) of ``pattern`` (PL602's word, the one length_words
        counts) in the prose from ``start``, or None when there are fewer (or length_words would
        say None); ``end`` bounds it like finditer's endpos. Counts in C chunk by chunk (chunks end at a separator, which no match
        crosses) and runs the regex only over the chunk that holds the match: a posting over
        PL602's limit pays for one chunk's match objects, not every word's."""
        if not self.exact or "\x01" in self.prose:
            return None
        classes = self._length_classes()
        pos, size = start, len(classes) if end is None else min(end, len(classes))
        while pos < size:
            cut = classes.find(b" ", pos + 4096, size)
            if cut < 0:
                cut = size
            n = _count_runs(classes[pos:cut])
            if k < n:
                return next(itertools.islice(pattern.finditer(self.prose, pos, cut), k, None)).span()
            k -= n
            pos = cut
        return None

    def _length_classes(self) -> bytes:
        if self._length is None:
            self._length = self._classes.translate(_LENGTH)
        return self._length


def _count_runs(classes: bytes) -> int:
    """Runs of [a_] holding an 'a' in ``classes`` (bytes of _LENGTH's 'a', '_' and ' ')."""
    return (b" " + classes.replace(b"_", b"")).count(b" a")


# The characters whose lower case is c that are neither c, c.upper() nor c.title()
# (tests/test_words.py checks every code point).
_LOWER_FROM = {"θ": "\u03f4", "ß": "\u1e9e", "ω": "\u2126", "k": "\u212a", "å": "\u212b"}


@functools.lru_cache(maxsize=64)
def _lower_preimages(chars: frozenset) -> str:
    """Every character whose lower case is one of ``chars``, sorted, as one string."""
    found = set()
    for ch in chars:
        for u in (ch, ch.upper(), ch.title(), *_LOWER_FROM.get(ch, "")):
            if len(u) == 1 and u.lower() == ch:
                found.add(u)
    return "".join(sorted(found))


def words(doc) -> Words:
    """The word view of ``doc.prose``, built once per document and kept beside its other views.

    In the document's ``__dict__`` (as Document's cached views are), not in a
    WeakKeyDictionary keyed by the document: its ``get`` made a weak reference for each
    of the ~17 calls a posting, and each dead document ran its removal callback.
    """
    found = doc.__dict__
    view = found.get("_words")
    if view is None:
        view = found["_words"] = Words(doc.prose)
    return view


def phrase_words(phrase: str) -> frozenset | None:
    """The words a phrase holds, as ``Words.vocab`` would hold them; None when the phrase
    itself has an EXOTIC character or no word (then it cannot be pre-checked)."""
    if any(ch in phrase for ch in EXOTIC):
        return None
    found = Words(phrase).vocab
    return found or None
