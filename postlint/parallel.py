"""Linting many files: one function per file, run in this process or in several.

``lint_files`` takes the ``(path, display, settings)`` items of a run in their
stable order and yields one FileResult per item, **in the same order**, whether
it runs them here (``jobs == 1`` or a handful of files), here and in ``jobs - 1``
forked children (where fork is available, with or without the cache: _forked), or
in a process pool (where only spawn exists: _executor). All paths
call the same ``lint_path``, so ``--jobs N`` output is byte-identical to ``--jobs 1``.

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
- Forked children (_forked) walk the same stream as this process and claim
  chunks of it from a shared counter; this process lints the chunks it claims
  and yields everything in order. A child that saw other files than this process
  (the tree changed meanwhile) or stopped early has its chunks linted here.
- The cache file is written by this process only, at the end of a run that was not
  stopped (a dead worker, Ctrl-C); forked children look up the files they claim in
  their copy of the index and send each miss's key (the hash of the bytes they
  linted) and stat record with its findings.
"""

from __future__ import annotations

import os
import signal
import struct
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
    return [_compact(r) for r in results]


def _compact(result):
    """A FileResult without text as plain tuples (_expand's inverse): pickled or marshalled and
    read back (in the main process, which competes with the workers for the cores) several
    times faster than dataclass objects."""
    from postlint.cache import _row

    return (result.path, tuple(_row(d) for d in result.diagnostics), result.internal_error)


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
    Only misses count towards starting more processes (a warm run stays in this one);
    after that, forked children look up the files they claim themselves, the pool
    gets only the misses this process found.
    """
    linters = linters or Linters()
    if fix:
        cache = None
    stream = iter(items)
    entries = _lookup(stream, cache)
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
    rest = iter(head)  # it holds the first miss: threshold >= 2
    for path, display, settings, data, key, hit in rest:
        if hit is not None:
            yield hit
            continue
        result = _slim(lint_path(linters, path, display, settings, fix, unsafe, write, data))
        _store(cache, path, key, result)
        yield result
        break
    if PARENT_LINTS and _context().get_start_method() == "fork":
        # The files after the head are looked up in the cache by whichever process claims
        # their chunk (reading and hashing them is shared too); this process stores the results.
        tail = entries if cache is None else ((p, d, s, None, _LATER, None) for p, d, s in stream)
        yield from _pooled(_chain(rest, tail), jobs, fix, unsafe, write, cache, linters, True)
    else:
        yield from _pooled(_chain(rest, entries), jobs, fix, unsafe, write, cache, linters, False)
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


def _pooled(entries, jobs, fix, unsafe, write, cache, linters, forked):
    """The files after the first, linted by ``jobs`` processes: this one and forked
    children sharing the stream (_forked) where it can, else a ProcessPoolExecutor."""
    if forked:
        return _forked(entries, jobs, fix, unsafe, write, linters, cache)
    return _executor(entries, jobs, fix, unsafe, write, cache)


def _executor(entries, jobs, fix, unsafe, write, cache):
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


# ------------------------------------------------------------------ forked children
# Where fork is available, the files are shared without a pool (with the result cache too:
# whoever claims a chunk looks its files up, see _lint_chunk; this process stores the results).
# This process forks jobs - 1 children after linting the first file, and every process, this
# one included, walks the same stream of items (each forked copy of the generator yields the
# same files in the same order; discovery costs ~15 ms of a 3 s corpus run) and claims the next
# chunk of it from a counter in shared memory whenever it is free (work stealing: no static
# split to go unbalanced). A child sends the findings of each chunk it claimed through its own
# pipe (marshal, as the cache stores them); this process yields its own chunks and the
# children's in stream order.
# Chunks are FORK_CHUNK files until the end of the stream is in sight: each walk reads
# LOOKAHEAD files ahead, the first to meet the end puts the number of files in shared memory,
# and from then on a claim takes about remaining / (2 * jobs) files, down to one, so that the
# last chunks are short and no process waits long, idle, for another's last chunk.
# Hand-written instead of ProcessPoolExecutor for speed: nothing is pickled on the way out
# (the children have the items already), no management thread and no futures compete with
# the linting for the cores, this process lints instead of only feeding and waiting, and only
# the children, not every worker, pay their own first-use work after the fork.
_LATER = "later"  # an entry's key until the process that claims its chunk looks it up in the cache
PARENT_LINTS = True  # False: always the executor (a test uses it to have a child lint every file)
FORK_CHUNK = 8
LOOKAHEAD = 64  # files each walk reads ahead of its claim, to see the end coming
AHEAD = 32  # spans this process may keep waiting for an older child's chunk before it waits for it

_HEADER = struct.Struct("<qqQ")  # first file, files claimed (first -1: a pickled exception follows), payload length
# Shared memory: the next file to claim, the number of files (-1: not known yet), then the last
# claim (first file, files) of each worker (0: this process).
_SLOT = struct.Struct("<q")


class _Counter:
    """The claims of all processes, in shared memory (anonymous MAP_SHARED: seen by the children)."""

    def __init__(self, jobs: int):
        import mmap
        import multiprocessing

        self.jobs = jobs
        self.shared = mmap.mmap(-1, _SLOT.size * (2 + 2 * jobs))
        _SLOT.pack_into(self.shared, _SLOT.size, -1)
        self.lock = multiprocessing.get_context("fork").Lock()

    def __call__(self, worker: int):
        """(first file, files) of the next chunk, claimed for ``worker``."""
        shared, size = self.shared, _SLOT.size
        with self.lock:
            start = _SLOT.unpack_from(shared, 0)[0]
            total = _SLOT.unpack_from(shared, size)[0]
            n = FORK_CHUNK
            if total >= 0 and total - start < 2 * self.jobs * FORK_CHUNK:
                n = max(1, min(FORK_CHUNK, -(-(total - start) // (2 * self.jobs))))
            _SLOT.pack_into(shared, 0, start + n)
            _SLOT.pack_into(shared, size * (2 + 2 * worker), start)
            _SLOT.pack_into(shared, size * (3 + 2 * worker), n)
        return start, n

    def ended(self, total: int) -> None:
        with self.lock:
            if _SLOT.unpack_from(self.shared, _SLOT.size)[0] < 0:
                _SLOT.pack_into(self.shared, _SLOT.size, total)

    def last(self, worker: int):
        return (_SLOT.unpack_from(self.shared, _SLOT.size * (2 + 2 * worker))[0],
                _SLOT.unpack_from(self.shared, _SLOT.size * (3 + 2 * worker))[0])

    def close(self) -> None:
        self.shared.close()


class _Walk:
    """One process's walk of the stream, LOOKAHEAD entries ahead (memory stays flat): the first
    walk to meet the end tells the counter the number of files. An error of the walk ends it
    where it happened (``error``: this process raises it after the entries before it)."""

    def __init__(self, entries, counter):
        self.entries = entries
        self.counter = counter
        self.buffer: deque = deque()
        self.position = 0  # index of buffer[0]
        self.ended = False
        self.error = None

    def take(self, start: int, n: int):
        """(the entries before ``start`` not taken yet, the entries [start, start + n)): fewer at the end."""
        want = start + n + LOOKAHEAD
        buffer = self.buffer
        while not self.ended and self.position + len(buffer) < want:
            try:
                buffer.append(next(self.entries))
            except StopIteration:
                self.ended = True
                self.counter.ended(self.position + len(buffer))
            except Exception as exc:  # noqa: BLE001 - raised once the entries before it are done
                self.ended = True
                self.error = exc
        skipped = [buffer.popleft() for _ in range(min(max(start - self.position, 0), len(buffer)))]
        self.position += len(skipped)
        chunk = [buffer.popleft() for _ in range(min(n, len(buffer)))] if self.position == start else []
        self.position += len(chunk)
        return skipped, chunk


def _lint_chunk(linters, chunk, fix, unsafe, write, cache=None, notes=None) -> list:
    """The FileResults of a chunk's entries: an entry whose key is _LATER is looked up in
    ``cache`` first (a hit is not linted). This process stores each miss's findings, unless
    ``notes`` is a list (a forked child): then it gets, for each entry, what the parent
    needs to store it: (key of a miss or None for a hit, the lookup's new stat record, whether
    it was looked up here)."""
    from postlint.results import FileResult

    results = []
    for path, display, settings, data, key, hit in chunk:
        looked = key is _LATER
        if looked:
            key = None
            found = cache.lookup(path, display, settings)
            if found is not None:  # None: unreadable, lint_path reads it and reports why
                data, key, diagnostics = found
                if diagnostics is not None:
                    hit = FileResult(display, diagnostics)
        if hit is None:
            hit = _slim(lint_path(linters, path, display, settings, fix, unsafe, write, data))
            if notes is None:
                _store(cache, path, key, hit)
        elif notes is not None:
            key = None  # a hit: nothing to store
        if notes is not None:
            notes.append((key, cache.take_stat(os.path.abspath(path)) if looked else None, looked))
        results.append(hit)
    return results


class _Child:
    def __init__(self, pid: int, worker: int, fd: int):
        self.pid = pid
        self.worker = worker
        self.fd = fd
        self.buffer = bytearray()
        self.status = None  # exit code once it has ended (negative: the signal that killed it)


def _send(fd: int, start: int, n: int, payload: bytes) -> None:
    view = memoryview(_HEADER.pack(start, n, len(payload)) + payload)
    while view:
        view = view[os.write(fd, view):]


def _run_child(worker, entries, fd, claim, fix, unsafe, write, linters, cache=None) -> int:
    import marshal
    import pickle

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    if cache is not None:
        cache.forked()
    walk = _Walk(entries, claim)
    while True:
        start, n = claim(worker)
        chunk = walk.take(start, n)[1]
        if not chunk:  # the end, or an error of the walk (the main process meets it in its own)
            return 0
        try:
            notes = None if cache is None else []
            results = _lint_chunk(linters, chunk, fix, unsafe, write, cache, notes)
            if fix:
                payload = pickle.dumps(results, pickle.HIGHEST_PROTOCOL)
            elif cache is None:
                payload = marshal.dumps([_compact(r) for r in results])
            else:
                payload = marshal.dumps(([_compact(r) for r in results], notes))
        except BaseException as exc:  # noqa: BLE001 - raised again in the main process
            _send(fd, -1, 0, _pickled(exc))
            return 1
        _send(fd, start, n, payload)


def _pickled(exc) -> bytes:
    import pickle
    import traceback

    try:
        data = pickle.dumps(exc)
        pickle.loads(data)
        return data
    except Exception:  # noqa: BLE001 - not picklable: its traceback as text
        return pickle.dumps(RuntimeError("in a worker process:\n" + "".join(traceback.format_exception(exc))))


class _Span:
    """Files of the stream in order, not yet yielded: a chunk this process linted, or files
    other processes claimed (one or more of their chunks), filled in as their findings come."""

    def __init__(self, start: int, entries: list, results=None):
        self.start = start
        self.entries = entries
        self.results = [] if results is None else results


def _forked(entries, jobs, fix, unsafe, write, linters, cache=None):
    import gc
    import marshal
    import pickle
    import select

    import postlint.cache  # noqa: F401 - imported once here, not in each child

    claim = _Counter(jobs)
    children: dict = {}  # read end of its pipe -> _Child
    received: dict = {}  # first file of a child's chunk -> (files claimed, payload)
    pending: deque = deque()  # _Span in stream order, not yet yielded

    def reap(child) -> None:
        os.close(child.fd)
        del children[child.fd]
        child.status = os.waitstatus_to_exitcode(os.waitpid(child.pid, 0)[1])
        gone.append(child)

    gone: list = []

    def read(block: bool) -> None:
        if not children:
            return
        ready = select.select(list(children), [], [], None if block else 0)[0]
        for fd in ready:
            child = children[fd]
            while True:
                try:
                    data = os.read(fd, 1 << 20)
                except BlockingIOError:
                    break
                if not data:
                    reap(child)
                    break
                child.buffer += data
            buffer = child.buffer
            while len(buffer) >= _HEADER.size:
                start, n, size = _HEADER.unpack_from(buffer)
                if len(buffer) < _HEADER.size + size:
                    break
                payload = bytes(buffer[_HEADER.size:_HEADER.size + size])
                del buffer[:_HEADER.size + size]
                if start < 0:
                    raise pickle.loads(payload)
                received[start] = (n, payload)

    def lost(start: int):
        """(the child that claimed the chunk from file ``start`` and ended without sending it, files)."""
        for child in gone:
            first, n = claim.last(child.worker)
            if first == start:
                return child, n
        return None, 0

    def store(chunk, results, notes) -> None:
        # Only this process writes the cache: the child linted the bytes it hashed for each
        # key, so an entry is stored under the key of what was linted.
        for entry, result, (key, stat, looked) in zip(chunk, results, notes):
            abspath = os.path.abspath(entry[0])
            if stat is not None:
                cache.add_stat(abspath, stat)
            if key is not None:
                cache.put(key, abspath, result.diagnostics)
            if looked:  # the child's lookup, counted here as this process's would be
                cache.hits += key is None
                cache.misses += key is not None

    def fill(span, wait: bool) -> bool:
        """Fill in the findings of ``span``'s files; False if that would mean waiting and not ``wait``."""
        while len(span.results) < len(span.entries):
            done = len(span.results)
            got = received.pop(span.start + done, None)
            if got is not None:
                n, payload = got
                chunk = span.entries[done:done + n]
                notes = None
                if fix:
                    results = pickle.loads(payload)
                elif cache is None:
                    results = [_expand(row) for row in marshal.loads(payload)]
                else:
                    rows, notes = marshal.loads(payload)
                    results = [_expand(row) for row in rows]
                if len(results) != len(chunk) or any(r.path != e[1] for r, e in zip(results, chunk)):
                    # The child's walk saw other files (the tree changed meanwhile): lint them here.
                    results = _lint_chunk(linters, chunk, fix, unsafe, write, cache)
                elif notes is not None:
                    store(chunk, results, notes)
                span.results += results
                continue
            child, n = lost(span.start + done)
            if child is not None or not children:
                chunk = span.entries[done:done + n] if child is not None else span.entries[done:]
                if child is not None and child.status != 0:
                    names = ", ".join(e[1] for e in chunk[:3]) + (", ..." if len(chunk) > 3 else "")
                    raise WorkerDied(f"a worker process died while linting {names} (killed or out of memory?); "
                                     "findings are incomplete; run again with --jobs 1 to lint in one process")
                # It stopped early (its walk failed where this one's has not yet): lint them here.
                span.results += _lint_chunk(linters, chunk, fix, unsafe, write, cache)
                continue
            if not wait:
                return False
            read(True)
        return True

    def flush(wait: bool):
        while pending:
            if not fill(pending[0], wait or len(pending) > AHEAD):
                return
            yield from pending.popleft().results

    # The children are forked from this process: freezing its objects keeps their garbage
    # collector from walking (and so copying, page by page) everything they inherit.
    gc.freeze()
    try:
        for worker in range(1, jobs):
            r, w = os.pipe()
            try:  # room for a few chunks' findings, so a child does not wait for this one to read
                import fcntl

                fcntl.fcntl(w, getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
            except (ImportError, OSError):
                pass
            pid = os.fork()
            if pid == 0:  # the child: never returns into the caller's code
                code = 1
                try:
                    os.close(r)
                    for fd in children:
                        os.close(fd)
                    code = _run_child(worker, entries, w, claim, fix, unsafe, write, linters, cache)
                except BaseException:  # noqa: BLE001 - a broken pipe: the main process has gone
                    pass
                finally:
                    os._exit(code)
            os.close(w)
            os.set_blocking(r, False)
            children[r] = _Child(pid, worker, r)
        walk = _Walk(entries, claim)
        while True:
            start, n = claim(0)
            skipped, chunk = walk.take(start, n)
            if skipped:  # other processes' chunks
                pending.append(_Span(walk.position - len(chunk) - len(skipped), skipped))
            if not chunk:
                break
            pending.append(_Span(start, chunk, _lint_chunk(linters, chunk, fix, unsafe, write, cache)))
            read(False)
            yield from flush(False)
        yield from flush(True)
        if walk.error is not None:  # as in one process: after the findings of the files before it
            raise walk.error
    finally:
        gc.unfreeze()
        for child in list(children.values()):  # Ctrl-C, an error, or the caller stopped reading
            try:
                os.kill(child.pid, signal.SIGTERM)
            except OSError:
                pass
            reap(child)
        claim.close()
