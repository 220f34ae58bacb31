"""Regexes compiled on their first use, for the patterns most postings never reach.

``re.compile`` of postlint's own patterns cost ~13 ms of every start-up (issue 6), most of
it for patterns that only run once a cheap trigger test has passed (a degree word, a
location cue, ...). A module defines them here and reads ``RX.NAME``: the first read
compiles the pattern (the same source and flags as a plain ``re.compile``) and stores it
as a plain attribute, so later reads are ordinary attribute look-ups.

tests/test_redos.py reaches each holder through a rule's ``patterns`` class attribute
and compiles everything with ``compile_patterns()``, so every pattern is still timed.
Keep a pattern used only with .match/.fullmatch a module global instead: test_redos times
module globals that way, and a holder's patterns as scans.
"""

from __future__ import annotations

import re


class LazyPatterns:
    def __init__(self):
        self._sources: dict[str, tuple[str, int]] = {}

    def define(self, name: str, pattern: str, flags: int = 0) -> None:
        self._sources[name] = (pattern, flags)

    def __getattr__(self, name: str) -> re.Pattern:
        try:
            pattern, flags = self.__dict__["_sources"][name]
        except KeyError:
            raise AttributeError(name) from None
        compiled = re.compile(pattern, flags)
        setattr(self, name, compiled)  # found by plain attribute look-up from now on
        return compiled

    def compile_patterns(self) -> None:
        for name in self._sources:
            getattr(self, name)
