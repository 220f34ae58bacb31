"""Access to the data that ships with postlint: rules/ and schemas/.

In the wheel they live at ``postlint/_data/{rules,schemas}``; in a source
checkout (editable install, tests) they are the top-level folders of the repo.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=None)
def data_dir(name: str) -> Path:
    """Folder of shipped data: ``data_dir("rules")`` or ``data_dir("schemas")``."""
    # The package folder itself, as importlib.resources.files("postlint") gives for any
    # installed package on disk, without its import (zipfile, threading: ~3 ms at start-up).
    package = Path(__file__).parent
    installed = package / "_data" / name
    if installed.is_dir():
        return installed
    source = package.parent / name
    if source.is_dir():
        return source
    raise FileNotFoundError(f"postlint's {name}/ folder is missing from the installation")
