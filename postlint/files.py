"""Finding the files to lint: paths given, folders walked, .gitignore respected."""

from __future__ import annotations

import os
from pathlib import Path

from postlint.config import DEFAULT_EXCLUDE, is_excluded, is_included


class _GitIgnores:
    """The .gitignore files that apply inside a walk, with pathspec's git semantics."""

    def __init__(self):
        self._specs: dict[Path, object] = {}

    def spec(self, directory: Path):
        if directory not in self._specs:
            spec = None
            ignore = directory / ".gitignore"
            if ignore.is_file():
                import pathspec

                try:
                    lines = ignore.read_text(encoding="utf-8", errors="replace").splitlines()
                    spec = pathspec.GitIgnoreSpec.from_lines(lines)
                except Exception:  # noqa: BLE001 - a broken .gitignore ignores nothing
                    spec = None
            self._specs[directory] = spec
        return self._specs[directory]

    def ignored(self, path: Path, is_dir: bool, chain: list[Path]) -> bool:
        for base in chain:
            spec = self.spec(base)
            if spec is None:
                continue
            rel = Path(path).relative_to(base).as_posix() + ("/" if is_dir else "")
            if spec.match_file(rel):
                return True
        return False


def _repo_root(start: Path) -> Path | None:
    for directory in (start, *start.parents):
        if (directory / ".git").exists():
            return directory
    return None


def discover(paths, resolver, errors: list):
    """Yield (path, explicit) for every file to lint, in a stable order.

    A path given by name is always linted (any extension); files found by
    walking a folder must match ``include`` and not ``exclude`` nor .gitignore.
    Problems (a missing path) are appended to ``errors`` as (path, OSError).
    """
    seen: set = set()
    ignores = _GitIgnores()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, resolver, ignores, seen)
        elif path.exists() or path.is_symlink():
            key = os.path.abspath(path)
            if key not in seen:
                seen.add(key)
                yield path, True
        else:
            errors.append((raw, FileNotFoundError(2, "No such file or directory")))


def _walk(top: Path, resolver, ignores: _GitIgnores, seen: set):
    top_abs = Path(os.path.abspath(top))
    repo = _repo_root(top_abs)
    # .gitignore files from the repository root down to the top of the walk.
    base_chain = [top_abs]
    if repo is not None:
        base_chain = []
        directory = top_abs
        while True:
            base_chain.insert(0, directory)
            if directory == repo:
                break
            directory = directory.parent
    for dirpath, dirnames, filenames in os.walk(top, followlinks=False):
        dir_abs = os.path.abspath(dirpath)
        directory = Path(dir_abs)
        chain = base_chain + _chain_below(top_abs, directory)
        settings = resolver.for_dir(directory)
        # Each name's path relative to the project root is the folder's plus the name:
        # computed once a folder, not twice a file (settings.relative stats nothing but
        # costs an abspath and a Path a call; the warm cache run is mostly this loop).
        rel_dir = settings.relative(dir_abs)
        prefix = "" if rel_dir == "." else rel_dir + "/"
        keep = []
        for name in sorted(dirnames):
            sub = os.path.join(dir_abs, name)
            if name in DEFAULT_EXCLUDE or is_excluded(settings, sub, prefix + name) or ignores.ignored(sub, True, chain):
                continue
            keep.append(name)
        dirnames[:] = keep
        parent = Path(dirpath)
        for name in sorted(filenames):
            file = os.path.join(dir_abs, name)
            rel = prefix + name
            if (not is_included(settings, file, rel) or is_excluded(settings, file, rel)
                    or ignores.ignored(file, False, chain)):
                continue
            if file in seen:
                continue
            seen.add(file)
            yield parent / name, False


def _chain_below(top: Path, directory: Path) -> list[Path]:
    rel = directory.relative_to(top)
    chain, current = [], top
    for part in rel.parts:
        current = current / part
        chain.append(current)
    return chain
