"""Where newsfacts keeps what it can rebuild but need not (`recache`'s compiled patterns,
the models' unpacked vocabularies, `refirst`'s analyses of the lexicon patterns), as Python
keeps bytecode in __pycache__.

``$NEWSFACTS_CACHE_DIR``, else ``$XDG_CACHE_HOME/newsfacts``, else ``~/.cache/newsfacts``;
``NEWSFACTS_CACHE_DIR=`` (set and empty) turns caching off. Nothing in it is needed: a file
that is missing, damaged or cannot be written costs only the time it would have saved.
"""

from __future__ import annotations

import atexit
import functools
import marshal
import os
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["Store", "cache_dir", "memo", "save_all", "write_atomic"]


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


_STORES: list[Store] = []


class Store:
    """A dict of marshal-able keys and values in one file: read on first use, written back (merged
    with what the file holds then) at exit or by `save`. `path` None: a dict, nothing on disk."""

    def __init__(self, path: Path | None, max_items: int = 20_000) -> None:
        self.path = path
        self.max_items = max_items  # a file grown past it (old versions' keys) keeps this run's
        self._items: dict | None = None
        self._used: set = set()
        self._new = False
        _STORES.append(self)

    def get(self, key: Any, default: Any = None) -> Any:
        items = self._load()
        if key in items:
            self._used.add(key)
            return items[key]
        return default

    def put(self, key: Any, value: Any) -> None:
        self._load()[key] = value
        self._used.add(key)
        if not self._new and self.path is not None:
            self._new = True
            atexit.register(self.save)

    def discard(self, key: Any) -> None:
        self._load().pop(key, None)

    def save(self) -> None:
        if not self._new or self.path is None or self._items is None:
            return
        self._new = False
        merged = {**_read(self.path), **self._items}
        if len(merged) > self.max_items:
            merged = {k: v for k, v in self._items.items() if k in self._used}
        try:
            data = marshal.dumps(list(merged.items()))
        except ValueError:  # a value marshal cannot write: keep the cache in memory only
            return
        write_atomic(self.path, data)  # if it fails, the next run computes again

    def _load(self) -> dict:
        if self._items is None:
            self._items = _read(self.path) if self.path is not None else {}
        return self._items


def _read(path: Path) -> dict:
    try:
        return dict(marshal.loads(path.read_bytes()))  # marshal.load(file) reads by the piece: 10x slower
    except (OSError, EOFError, ValueError, TypeError):
        return {}


def save_all() -> None:
    """Write every store's new items now (forked workers end without running atexit handlers)."""
    for store in _STORES:
        store.save()


_MISSING = object()


def memo(name: str, source: str) -> Callable[[Callable], Callable]:
    """Keep a pure function's results across runs (its arguments and result marshal-able).

    The file is named after `name` and the CRC-32 of the `source` file that defines the function,
    so a changed function never reads results of its old self."""
    try:
        version = zlib.crc32(Path(source).read_bytes())
        base = cache_dir()
    except OSError:
        base = None
    store = Store(None if base is None else base / f"{name}-{version:08x}.marshal")

    def wrap(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def cached(*args):
            value = store.get(args, _MISSING)
            if value is _MISSING:
                value = fn(*args)
                store.put(args, value)
            return value

        cached.store = store  # type: ignore[attr-defined]
        return cached

    return wrap
