"""A small on-disk cache for values that are slow to derive from the bundled data.

Files live in ``$NEWSFACTS_CACHE_DIR``, else ``$XDG_CACHE_HOME/newsfacts``, else
``~/.cache/newsfacts``; ``NEWSFACTS_CACHE_DIR=`` (empty) turns caching off. A
file is named after a digest of everything its values depend on, so a changed
module or Python never reads an old file; any problem reading or writing one
just means the values are computed again.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off."""
    explicit = os.environ.get("NEWSFACTS_CACHE_DIR")
    if explicit is not None:
        return Path(explicit) if explicit else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newsfacts"


def cache_name(kind: str, *sources: bytes) -> str:
    """A file name for `kind` that changes with the `sources` and the Python version."""
    digest = hashlib.blake2b(digest_size=8)
    digest.update(f"{sys.version_info[0]}.{sys.version_info[1]}".encode())
    for source in sources:
        digest.update(len(source).to_bytes(8, "little"))
        digest.update(source)
    return f"{kind}-{digest.hexdigest()}.json"


def load(name: str) -> dict[str, Any]:
    folder = cache_dir()
    if folder is None:
        return {}
    try:
        data = json.loads((folder / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save(name: str, data: dict[str, Any]) -> None:
    """Write atomically (concurrent workers may race; the last complete file wins)."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, folder / name)
    except OSError:
        try:
            os.unlink(tmp)
        except (OSError, UnboundLocalError):
            pass
