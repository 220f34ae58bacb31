"""A per-file time budget: a runaway file becomes a PL005 finding, not a hang.

``signal.setitimer`` delivers SIGALRM to the main thread only, so the budget is
armed only there (each worker process of a pool has its own main thread); in any
other thread, or where SIGALRM does not exist (Windows), files run unbounded.
The alarm interrupts Python code between bytecodes: a single C call (one regex
match, one libyaml parse) finishes before it fires; those are bounded by their own
limits (tests/test_redos.py, frontmatter.MAX_DEPTH / MAX_NODES).
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager

try:
    # signal.signal without its enum wrapping: for a Python handler both the argument and the
    # returned handler fail an enum conversion (an exception caught each time), ~5 us a call,
    # two calls a file. The C function is what signal.signal calls; the handlers it takes and
    # returns are the same objects (SIG_DFL/SIG_IGN as plain ints, which signal.signal accepts).
    from _signal import signal as _set_handler
except ImportError:  # another interpreter: the public function
    _set_handler = signal.signal

DEFAULT_TIMEOUT = 30.0  # seconds; the 10 MB hostile posting takes about 14 s here


class FileTimeout(BaseException):
    """Raised inside the linting of one file when its budget runs out.

    A BaseException, so the engine's per-rule ``except Exception`` (which turns a
    crashing rule into PL000) does not swallow it: the whole file stops.
    """

    def __init__(self, seconds: float):
        super().__init__(f"took longer than {seconds:g} s")
        self.seconds = seconds


def _usable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float | None):
    """Raise FileTimeout in the block if it runs longer than ``seconds`` (None/0: no limit)."""
    if not seconds or seconds <= 0 or not _usable():
        yield
        return

    def on_alarm(signum, frame):
        raise FileTimeout(seconds)

    previous = _set_handler(signal.SIGALRM, on_alarm)
    old_delay, old_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _set_handler(signal.SIGALRM, previous)
        if old_delay:  # an outer timer was running: give it back what is left of it
            signal.setitimer(signal.ITIMER_REAL, old_delay, old_interval)
