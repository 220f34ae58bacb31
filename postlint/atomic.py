"""Replace a file's bytes all at once: write a temporary file beside it, then rename.

Shared by ``--fix`` (postlint.engine.write_atomic: a posting, fsynced, its permissions kept)
and the result cache (postlint.cache: entries, where speed matters more than durability).
Standard library only, so the cache can use it without importing the rule engine.
"""

from __future__ import annotations

import os
from pathlib import Path


def replace_bytes(path: Path, data: bytes, *, prefix: str, suffix: str = "", durable: bool = True,
                  mode: int | None = None) -> None:
    import tempfile  # ~2 ms at start-up (random, hashlib): only runs that write files pay it

    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
