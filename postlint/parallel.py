"""Linting many files: one function per file, run in this process or in a pool.

``lint_files`` takes the ``(path, display, settings)`` items of a run in their
stable order and yields one FileResult per item, **in the same order**, whether
it runs them here (``jobs == 1`` or a handful of files) or in a process pool.
Both paths call the same ``lint_path``, so ``--jobs N`` output is byte-identical
to ``--jobs 1``.

- The pool starts only for at least ``MIN_FILES_PER_WORKER * jobs`` files:
  starting two forked workers costs ~15 ms here and a posting ~10 ms, so a
  handful of files is faster in one process.
- Workers are forked where the platform allows it (they inherit the rule
  registry the main process already built, so nothing is loaded twice); each
  worker keeps one Linter per rule-file set, built once.
- Files go out in chunks, at most ``WINDOW`` chunks per worker in flight, and
  results come back in order: memory does not grow with the number of files
  beyond the results the caller keeps.
- Each worker runs the files in its own main thread, so the per-file SIGALRM
  time budget (timebudget.py) works there as in one process.
- A worker that dies (killed, out of memory) raises :class:`WorkerDied` naming
  the files of its chunk, instead of a hang; Ctrl-C stops the workers and
  raises KeyboardInterrupt in the main process (the CLI exits 130).
"""

from __future__ import annotations

import os
import signal
import sys
from collections import deque
from pathlib import Path

MIN_FILES_PER_WORKER = 4
CHUNK = 16
WINDOW = 4


class WorkerDied(Exception):
    """A worker process ended abnormally; the message names the files it had."""


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


class Linters:
    """One Linter per set of rule files (the registry is cached by load_registry)."""

    def __init__(self):
        self._by_rules: dict = {}

    def get(self, rule_files: tuple):
        linter = self._by_rules.get(rule_files)
        if linter is None:
            from postlint.config import ConfigError
            from postlint.engine import Linter
            from postlint.registry import RegistryError, load_registry

            try:
                registry = load_registry(tuple(rule_files))
            except RegistryError as exc:  # a broken rule file or plugin: one line, exit 2
                raise ConfigError(str(exc)) from None
            linter = self._by_rules[rule_files] = Linter(registry, None)
        return linter


def lint_path(linters: Linters, path: Path, display: str, settings, fix: bool, unsafe: bool, write: bool,
              data: bytes | None = None):
    """Read (unless ``data`` is given), lint and (with ``write``) fix one file; problems become findings."""
    from postlint.engine import write_atomic
    from postlint.results import FileResult

    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            return FileResult(display, [linters.get(settings.rule_files).io_error(display, exc)])
    linter = linters.get(settings.rule_files)
    result = linter.lint_bytes(data, display, settings, path, fix=fix, unsafe=unsafe)
    if write and result.changed:
        try:
            write_atomic(path, result.text, *result.encoding)
        except OSError as exc:
            # Not written: report the file as it still is, findings unfixed, plus why.
            result = linter.lint_bytes(data, display, settings, path)
            result.diagnostics.append(linter.io_error(display, exc, action="write fixes to"))
    return result


def _lookup(items, cache):
    """(path, display, settings, data, key, cached FileResult or None) for each item.

    A miss carries the bytes that were hashed for its key: the file is linted
    from them (here or in a worker), so the entry stored under the key is the
    one of those bytes even if the file changes meanwhile.
    """
    from postlint.results import FileResult

    for path, display, settings in items:
        found = None if cache is None else cache.lookup(path, display, settings)
        if found is None:  # no cache, or unreadable: lint_path reads it and reports why
            yield path, display, settings, None, None, None
            continue
        data, key, diagnostics = found
        if diagnostics is not None:  # a hit keeps no bytes: entries may wait in a buffer
            yield path, display, settings, None, key, FileResult(display, diagnostics)
        else:
            yield path, display, settings, data, key, None


def _store(cache, path, key, result) -> None:
    if cache is not None and key is not None:
        cache.put(key, os.path.abspath(path), result.diagnostics)


# ------------------------------------------------------------------ workers
_WORKER: dict = {}


def _init_worker(fix: bool, unsafe: bool, write: bool) -> None:
    # Ctrl-C is the main process's to handle: it stops the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER.update(linters=Linters(), fix=fix, unsafe=unsafe, write=write)


def _run_chunk(chunk):
    # The cache is the main process's: it sends a miss's bytes with it and stores the result.
    w = _WORKER
    results = [_slim(lint_path(w["linters"], Path(p), display, settings, w["fix"], w["unsafe"], w["write"], data))
               for p, display, settings, data in chunk]
    if w["fix"]:
        return results  # texts, applied fixes: the whole FileResult
    # Findings as plain tuples: pickled and unpickled (in the main process, which competes
    # with the workers for the cores) several times faster than dataclass objects.
    from postlint.cache import _row

    return [(r.path, tuple(_row(d) for d in r.diagnostics), r.internal_error) for r in results]


def _expand(result):
    if type(result) is not tuple:
        return result
    from postlint.cache import _diagnostic
    from postlint.results import FileResult

    path, rows, internal_error = result
    return FileResult(path, [_diagnostic(row) for row in rows], internal_error=internal_error)


def _slim(result):
    # Keep a file's text only when it changed (--diff prints it, --fix reports it):
    # results are kept for the whole run, texts must not be.
    if result.text is not None and not result.changed:
        result.original = result.text = None
    return result


def _context():
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods and sys.platform != "darwin" else "spawn")


def lint_files(items, jobs: int, *, fix: bool = False, unsafe: bool = False, write: bool = False, linters=None,
               cache=None):
    """Yield a FileResult for each ``(path, display, settings)`` item, in order.

    ``cache`` is a :class:`postlint.cache.Cache` or None; it is not used when fixing.
    Cache hits are answered here; only misses count towards starting a pool and
    go to it.
    """
    linters = linters or Linters()
    if fix:
        cache = None
    entries = _lookup(iter(items), cache)
    head = []
    misses = 0
    threshold = MIN_FILES_PER_WORKER * jobs
    for entry in entries if jobs > 1 else ():
        head.append(entry)
        misses += entry[5] is None
        if misses >= threshold:
            break
    if jobs <= 1 or misses < threshold:
        for path, display, settings, data, key, hit in _chain(head, entries):  # the rest is empty unless jobs == 1
            if hit is None:
                hit = _slim(lint_path(linters, path, display, settings, fix, unsafe, write, data))
                _store(cache, path, key, hit)
            yield hit
        if cache is not None:
            cache.save()
        return
    # Lint the first miss here before forking: it loads the spelling table and compiles the
    # patterns the rules build on first use, and forked workers inherit all of it instead of
    # each paying it again (measured below in benchmarks/scale.py's jobs row).
    rest = _chain(head, entries)
    for path, display, settings, data, key, hit in rest:
        if hit is not None:
            yield hit
            continue
        result = _slim(lint_path(linters, path, display, settings, fix, unsafe, write, data))
        _store(cache, path, key, result)
        yield result
        break
    yield from _pooled(rest, jobs, fix, unsafe, write, cache)
    if cache is not None:
        cache.save()


def _chain(head, rest):
    yield from head
    yield from rest


class _Chunk:
    def __init__(self):
        self.items: list = []
        self.keys: list = []  # (path, cache key or None) of each item
        self.future = None
        self.results = None


def _pooled(entries, jobs, fix, unsafe, write, cache):
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    import gc

    # The workers are forked from this process: freezing its objects keeps their garbage
    # collector from walking (and so copying, page by page) everything they inherit.
    gc.freeze()
    pool = ProcessPoolExecutor(jobs, mp_context=_context(), initializer=_init_worker, initargs=(fix, unsafe, write))
    order: deque = deque()  # a FileResult (a cache hit) or (chunk, index) for a file sent to a worker
    inflight: deque = deque()
    chunk = _Chunk()
    clean = False

    def submit():
        nonlocal chunk
        chunk.future = pool.submit(_run_chunk, chunk.items)
        inflight.append(chunk)
        chunk = _Chunk()

    def drain(oldest):
        # Everything up to the last file of the oldest chunk in flight, in order.
        while order:
            head = order[0]
            if not isinstance(head, tuple):
                yield order.popleft()
                continue
            owner, index = head
            if owner is not oldest:
                return
            if owner.results is None:
                owner.results = _collect(owner, BrokenProcessPool)
            order.popleft()
            result = _expand(owner.results[index])
            owner.results[index] = None
            _store(cache, *owner.keys[index], result)
            yield result
            if index == len(owner.items) - 1:
                return

    try:
        for path, display, settings, data, key, hit in entries:
            if hit is not None:
                if order:
                    order.append(hit)
                else:
                    yield hit
                continue
            order.append((chunk, len(chunk.items)))
            chunk.items.append((str(path), display, settings, data))
            chunk.keys.append((path, key))
            if len(chunk.items) >= CHUNK:
                submit()
                if len(inflight) >= WINDOW * jobs:
                    yield from drain(inflight.popleft())
        if chunk.items:
            submit()
        while inflight:
            yield from drain(inflight.popleft())
        yield from order  # hits after the last chunk
        clean = True
    finally:
        gc.unfreeze()
        if clean:
            pool.shutdown(wait=True)
        else:  # Ctrl-C, a dead worker, or the caller stopped reading: stop now, do not wait
            _terminate(pool)


def _collect(chunk, broken) -> list:
    try:
        return chunk.future.result()
    except broken:
        names = ", ".join(item[1] for item in chunk.items[:3]) + (", ..." if len(chunk.items) > 3 else "")
        raise WorkerDied(f"a worker process died while linting {names} (killed or out of memory?); "
                         "findings are incomplete; run again with --jobs 1 to lint in one process") from None


def _terminate(pool) -> None:
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        try:
            process.terminate()
        except Exception:  # noqa: BLE001 - already gone
            pass
    for process in processes:
        process.join(timeout=2)
