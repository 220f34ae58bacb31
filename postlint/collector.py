"""The cyclic garbage collector, paused while one posting is linted.

Linting a big posting makes hundreds of thousands of tokens and view objects, none of them in
a reference cycle; with the collector on they were walked again and again as they piled up (a
third of the time of the 100,000-item list: 2.0 -> 1.0 s CPU, benchmarks/adversarial.py).
Reference counting frees them when the posting is done; cyclic garbage of one posting waits
until then. Every entry point (``Linter.lint_bytes``, ``api.lint_text``,
``ConfiguredLinter.lint_text``, and the Markdown parse, which Document views run on their
own) lints inside ``paused()``; nested pauses are free, and the collector is left as the
caller had it (off stays off). tests/test_collector.py checks both for every entry point.
"""

from __future__ import annotations

import gc


class paused:
    """``with paused(): ...``: the collector is off inside, and restored after."""

    __slots__ = ("collecting",)

    def __enter__(self):
        self.collecting = gc.isenabled()
        if self.collecting:
            gc.disable()
        return self

    def __exit__(self, *exc):
        if self.collecting:
            gc.enable()
        return False
