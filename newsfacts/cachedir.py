"""Where newsfacts keeps what it can rebuild but need not (`recache`'s compiled patterns,
the models' unpacked vocabularies), as Python keeps bytecode in __pycache__.

``$NEWSFACTS_CACHE_DIR``, else ``$XDG_CACHE_HOME/newsfacts``, else ``~/.cache/newsfacts``;
``NEWSFACTS_CACHE_DIR=`` (set and empty) turns caching off. Nothing in it is needed: a file
that is missing, damaged or cannot be written costs only the time it would have saved.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["cache_dir", "write_atomic"]


def cache_dir() -> Path | None:
    """The cache folder (perhaps not made yet), or None when caching is off."""
    base = os.environ.get("NEWSFACTS_CACHE_DIR")
    if base is None:
        xdg = os.environ.get("XDG_CACHE_HOME")
        return Path(xdg) / "newsfacts" if xdg else Path.home() / ".cache" / "newsfacts"
    return Path(base) if base else None


def write_atomic(path: Path, data: bytes) -> bool:
    """Write `data` to `path` whole or not at all (readers see the old file or the new one);
    False where it cannot be written (a read-only home, a full disk)."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
        return True
    except (OSError, ValueError):
        try:
            tmp.unlink()
        except OSError:
            pass
        return False
