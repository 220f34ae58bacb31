"""A cheap look for ``postlint.rules`` plugins, without importing importlib.metadata.

Used by the registry (before the full entry-point scan) and by the result cache
(whose key names the installed plugins): standard library only, so a run answered
from the cache does not load the rules to learn that there are no plugins.
"""

from __future__ import annotations

import os
import sys

ENTRY_POINT_GROUP = "postlint.rules"


def may_have_plugins() -> bool:
    """Whether any distribution on ``sys.path`` might declare a ``postlint.rules`` entry point.

    ``importlib.metadata`` costs ~25 ms to import (email, zipfile, csv...) and most runs
    have no plugin at all. This looks only at ``*.dist-info`` / ``*.egg-info`` folders'
    ``entry_points.txt``; anything it cannot read that cheaply (a zip or egg on the path,
    an unreadable folder, a meta-path finder that finds distributions elsewhere) counts
    as "maybe", so the full scan runs and nothing is missed.
    """
    from importlib.machinery import PathFinder

    for finder in sys.meta_path:
        if finder is not PathFinder and hasattr(finder, "find_distributions"):
            return True
    for entry in sys.path:
        folder = entry or "."
        if not os.path.isdir(folder):
            if os.path.exists(folder):
                return True  # a zip file or the like
            continue
        try:
            names = os.listdir(folder)
        except OSError:
            return True
        for name in names:
            low = name.lower()
            if low.endswith(".egg"):
                return True
            if low.endswith((".dist-info", ".egg-info")):
                path = os.path.join(folder, name, "entry_points.txt")
                try:
                    with open(path, "rb") as fh:
                        if ENTRY_POINT_GROUP.encode() in fh.read():
                            return True
                except (FileNotFoundError, NotADirectoryError):
                    continue  # no entry points, or an egg-info that is a file
                except OSError:
                    return True
    return False
