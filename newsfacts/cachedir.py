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
import mmap
import os
import struct
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

__all__ = ["Store", "cache_dir", "memo", "save_all", "write_atomic"]


def cache_dir() -> Path | None:
    """The cache folder (perhaps not made yet), or None when caching is off."""
    base = os.environ.get("NEWSFACTS_CACHE_DIR")
    if base is None:
        xdg = os.environ.get("XDG_CACHE_HOME")
        if xdg:
            return Path(xdg) / "newsfacts"
        try:
            return Path.home() / ".cache" / "newsfacts"
        except (RuntimeError, KeyError):  # no HOME and no passwd entry (some containers): no cache
            return None
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
_MAGIC = b"NFSTORE1"
_HEAD = struct.Struct("<8sQ")  # magic, length of the marshalled index that follows


class Store:
    """A dict of marshal-able keys and values in one file, written back (merged with what the file
    holds then) at exit or by `save`. `path` None: a dict, nothing on disk.

    The file is an index (CRC-32 of each marshalled key -> where its item lies) and the items,
    each marshalled on its own: a run reads the index and the items it asks for, not the rest
    (runs over big archives compile thousands of hardware patterns a one-article run never needs).
    """

    def __init__(self, path: Path | None, max_items: int = 20_000, stale: str | None = None) -> None:
        self.path = path
        self.max_items = max_items  # a file grown past it (old versions' keys) keeps this run's
        self.stale = stale  # a glob of files this one replaces: removed on saving once unwritten a while
        self._items: dict = {}  # read or made in this run
        self._file: _Indexed | None = None
        self._new = False
        _STORES.append(self)

    def get(self, key: Any, default: Any = None) -> Any:
        if key in self._items:
            return self._items[key]
        if self._file is None:
            self._file = _Indexed.open(self.path)
        found = self._file.get(key, _MISSING)
        if found is _MISSING:
            return default
        self._items[key] = found
        return found

    def put(self, key: Any, value: Any) -> None:
        self._items[key] = value
        if not self._new and self.path is not None:
            self._new = True
            atexit.register(self.save)

    def items(self) -> list[tuple[Any, Any]]:
        """Every item: the file's and this run's."""
        return list({**dict(_Indexed.open(self.path).items()), **self._items}.items())

    def discard(self, key: Any) -> None:
        self._items.pop(key, None)
        if self._file is not None:
            self._file.forget(key)

    def save(self) -> None:
        if not self._new or self.path is None:
            return
        self._new = False
        with _locked(self.path):  # two workers ending together would each drop the other's items
            merged = dict(_Indexed.open(self.path).items())  # what other runs wrote meanwhile too
            merged.update(self._items)
            if len(merged) > self.max_items:
                merged = dict(self._items)
            try:
                data = _Indexed.pack(merged)
            except ValueError:  # a value marshal cannot write: keep the cache in memory only
                return
            if write_atomic(self.path, data) and self.stale:  # if it fails, the next run computes again
                _prune(self.path, self.stale)


class _Indexed:
    """A store's file, mapped; its items read one by one as they are asked for."""

    def __init__(self, data, index: dict, base: int) -> None:
        self._data, self._index, self._base = data, index, base

    @classmethod
    def open(cls, path: Path | None) -> _Indexed:
        try:
            with open(path, "rb") as f:  # type: ignore[arg-type]
                data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
            magic, size = _HEAD.unpack_from(data)
            if magic != _MAGIC:
                raise ValueError("not a store")
            index = marshal.loads(data[_HEAD.size : _HEAD.size + size])
            if not isinstance(index, dict):
                raise ValueError("not a store")
            return cls(data, index, _HEAD.size + size)
        except (OSError, TypeError, ValueError, EOFError, struct.error):
            return cls(b"", {}, 0)

    @staticmethod
    def pack(items: dict) -> bytes:
        index: dict[int, list[tuple[int, int]]] = {}
        blobs, at = [], 0
        for key, value in items.items():
            blob = marshal.dumps((key, value))
            index.setdefault(_crc(key), []).append((at, len(blob)))
            blobs.append(blob)
            at += len(blob)
        head = marshal.dumps(index)
        return _HEAD.pack(_MAGIC, len(head)) + head + b"".join(blobs)

    def get(self, key: Any, default: Any) -> Any:
        for stored, value in self._at(self._index.get(_crc(key), ())):
            if stored == key:
                return value
        return default

    def forget(self, key: Any) -> None:
        """No longer read `key`'s item (other keys of the same CRC stay)."""
        crc = _crc(key)
        places = self._index.get(crc, ())
        self._index[crc] = [place for place in places if all(stored != key for stored, _ in self._at([place]))]

    def items(self):
        for places in self._index.values():
            yield from self._at(places)

    def _at(self, places):
        for at, size in places:
            try:
                item = marshal.loads(self._data[self._base + at : self._base + at + size])
            except (EOFError, ValueError, TypeError):
                continue  # a damaged item: as if it were not there
            if isinstance(item, tuple) and len(item) == 2:
                yield item


# A replaced file (an older version's memo) unwritten this long is removed when its successor is
# saved; a version still in use elsewhere just computes it again.
STALE_SECONDS = 30 * 24 * 3600


def _prune(path: Path, pattern: str) -> None:
    now = time.time()
    for old in path.parent.glob(pattern):
        if old == path:
            continue
        try:
            if now - old.stat().st_mtime > STALE_SECONDS:
                old.unlink()
                old.with_name(old.name + ".lock").unlink(missing_ok=True)
        except OSError:
            pass


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An advisory lock beside `path` for its read-merge-write (POSIX; elsewhere, none)."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield  # cannot lock there: write_atomic will fail the same way, or succeed unlocked
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _crc(key: Any) -> int:
    # marshal's version 2 writes no back-references: the same key gives the same bytes in any
    # process (later versions mark objects by their reference counts)
    return zlib.crc32(marshal.dumps(key, 2))


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
    store = Store(None if base is None else base / f"{name}-{version:08x}.marshal", stale=f"{name}-*.marshal")

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
