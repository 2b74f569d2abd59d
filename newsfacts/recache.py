"""Compiled regular expressions kept on disk between runs, as Python keeps its bytecode.

``re`` parses and compiles a pattern in Python: newsfacts' big ones (hardware families,
dates, unit words) cost ~70 ms of a one-article run and more than any other start-up step
but the imports. ``compile`` keeps what ``re``'s compiler produces for a pattern (the
engine's code list, flags and group names) in one file per Python build and hands it
straight to the engine next time, which validates the code before use: a pattern from
this cache is equal (``==``) to ``re.compile``'s. The file lies in `cachedir`'s folder.
"""

from __future__ import annotations

import re
import sys
from array import array
from pathlib import Path

from .cachedir import Store, cache_dir

try:  # the engine's own entry point; `re` builds every pattern through it
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - another interpreter's re
    _sre = None

__all__ = ["compile", "PatternCache", "cache_path"]

# More patterns than newsfacts compiles: a file grown past it (old versions' patterns) starts over.
MAX_PATTERNS = 4096
# The engine's code words as bytes (marshal reads a list of 100,000 ints several times slower).
_WORD = "I" if array("I").itemsize == 4 else "L"

# (flags, code as bytes, groups, groupindex, indexgroup): _sre.compile's arguments, code packed
_Entry = tuple


def cache_path() -> Path | None:
    """The cache file of this Python build, or None when the cache is off."""
    base = cache_dir()
    if base is None or _sre is None or _sre.CODESIZE != array(_WORD).itemsize:
        return None
    # the code format may change with any release: one file per exact version
    major, minor, micro, level, serial = sys.version_info
    version = f"{sys.implementation.name}-{major}.{minor}.{micro}{level}{serial}-{_sre.MAGIC}"
    return base / f"re-{version}.marshal"


class PatternCache:
    """Compiled patterns by (pattern, flags); read from `path` on first use, written back by `save`."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._store = Store(path, MAX_PATTERNS)

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern[str]:
        if self.path is None or not isinstance(pattern, str):
            return re.compile(pattern, flags)
        key = (pattern, int(flags))
        entry = self._store.get(key)
        if entry is not None:
            try:
                return _engine(pattern, entry)
            except Exception:  # a damaged file: the engine validates the code and refuses it
                self._store.discard(key)
        try:
            entry = _build(pattern, int(flags))
            compiled = _engine(pattern, entry)
        except Exception:  # a bad pattern: re.compile raises its own error for it
            return re.compile(pattern, flags)
        self._store.put(key, entry)
        return compiled

    def save(self) -> None:
        """Write the patterns compiled here to the file (merged with what it holds now)."""
        self._store.save()

    def patterns(self) -> list[tuple[str, int]]:
        """The (pattern, flags) of every compiled pattern the file holds."""
        return [key for key, _ in self._store.items()]


def _build(pattern: str, flags: int) -> _Entry:
    """What re._compiler.compile passes to the engine for `pattern` (the same steps, Python 3.11-3.13)."""
    p = _parser.parse(pattern, flags)
    code = array(_WORD, _compiler._code(p, flags)).tobytes()
    groupindex = dict(p.state.groupdict)
    indexgroup = [None] * p.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (flags | p.state.flags, code, p.state.groups - 1, groupindex, tuple(indexgroup))


def _engine(pattern: str, entry: _Entry) -> re.Pattern[str]:
    final_flags, code, groups, groupindex, indexgroup = entry
    words = array(_WORD)
    words.frombytes(code)
    return _sre.compile(pattern, final_flags, words.tolist(), groups, groupindex, indexgroup)


_CACHE = PatternCache(cache_path())


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - re's name, re's meaning
    """``re.compile(pattern, flags)``, from the on-disk cache when it holds the pattern."""
    return _CACHE.compile(pattern, flags)
