"""One shared pymorphy analyzer per process (loading it costs ~0.1 s and 15 MB)."""

from __future__ import annotations

import os
import unicodedata
from functools import lru_cache

from ._compat import install_pymorphy_alias


@lru_cache(maxsize=1)
def get_morph():
    """Return the process-wide pymorphy3 MorphAnalyzer for Russian."""
    install_pymorphy_alias()
    import pymorphy3

    path = None
    if pymorphy3.MorphAnalyzer.DICT_PATH_ENV_VARIABLE not in os.environ:
        # the dictionary package directly: finding it through entry points costs ~50 ms
        try:
            import pymorphy3_dicts_ru

            path = pymorphy3_dicts_ru.get_path()
        except ImportError:
            pass
    return _lazy_gramtab_analyzer(pymorphy3, path)


def _lazy_gramtab_analyzer(pymorphy3, path: str | None):
    """A MorphAnalyzer whose tags (its gramtab: tag by id) are made on first use. pymorphy
    builds all 5,500 Tag objects on loading, ~16 ms of every start, and an article uses a few
    hundred. A Tag is a pure function of its string, so what a parse returns is the same."""
    try:
        from pymorphy3.opencorpora_dict import storage

        read_gramtab = storage._load_gramtab
    except (ImportError, AttributeError):  # another pymorphy3 inside: load it as it loads
        return pymorphy3.MorphAnalyzer(path=path, lang="ru")
    strings: list[str] = []

    def strings_only(*args):
        strings[:] = read_gramtab(*args)
        return []  # nothing for load_dict to build

    with pymorphy3.MorphAnalyzer._lock:  # no other analyzer loads while the reader is swapped
        storage._load_gramtab = strings_only
        try:
            morph = pymorphy3.MorphAnalyzer(path=path, lang="ru")
        finally:
            storage._load_gramtab = read_gramtab
    morph.dictionary.gramtab = LazyTags(fast_tag_class(morph.dictionary.Tag), strings)
    return morph


# pymorphy's grammeme categories (``tag.case``, ``tag.POS``, ...)
_CATEGORIES = ("POS", "animacy", "aspect", "case", "gender", "involvement", "mood", "number", "person",
               "tense", "transitivity", "voice")


def fast_tag_class(base: type) -> type:
    """A subclass of pymorphy's Tag class whose categories are read once, when the tag is made.

    pymorphy works each ``tag.case`` out anew (a set intersection) and wraps it in a str
    subclass whose comparisons and hashing run in Python, to catch misspelt grammemes: reading
    names made ~190,000 such reads over 600 articles. Here they are plain strings, the same
    values; ``grammeme in tag`` answers the same, unknown grammemes still raise there."""
    descriptors = {name: next(vars(c)[name] for c in base.__mro__ if name in vars(c)) for name in _CATEGORIES}

    class FastTag(base):
        __slots__ = (*_CATEGORIES, "grammemes")
        typed_grammemes = False

        def __init__(self, tag: str) -> None:
            base.__init__(self, tag)
            self.grammemes = self._grammemes_cache = frozenset(self._grammemes_tuple)
            for name, descriptor in descriptors.items():
                setattr(self, name, descriptor.__get__(self, FastTag))

        def __contains__(self, grammeme) -> bool:
            if grammeme.__class__ is str:
                if grammeme in self.grammemes:
                    return True
                if grammeme in self.KNOWN_GRAMMEMES:
                    return False
            return base.__contains__(self, grammeme)

        def __reduce__(self):
            return base, (self._str,), None  # unpickles as pymorphy's own tag

    FastTag.__name__ = FastTag.__qualname__ = base.__name__
    return FastTag


class LazyTags:
    """A gramtab whose Tag objects are made when first asked for (one object per id, kept)."""

    __slots__ = ("_make", "_strings", "_tags")

    def __init__(self, make, strings: list[str]) -> None:
        self._make = make
        self._strings = strings
        self._tags: list = [None] * len(strings)

    def __getitem__(self, i: int):
        tag = self._tags[i]
        if tag is None:
            tag = self._tags[i] = self._make(self._strings[i])
        return tag

    def __len__(self) -> int:
        return len(self._strings)

    def __iter__(self):
        return (self[i] for i in range(len(self._strings)))


# ~1.5 KB a word (its Parse objects): the bound keeps memory flat on a long archive (news
# vocabularies are Zipfian: 10,000 words hold nearly every repeat)
@lru_cache(maxsize=10_000)
def parse(word: str) -> tuple:
    """Cached pymorphy parses of one word (news text repeats words a lot).

    Never raises: pymorphy's shape check calls ``unicodedata.name``, which fails on
    letters without a name (Tangut, new code points). Such a word is parsed with those
    letters replaced, so callers still get the "unknown word" parse they expect.
    """
    try:
        return tuple(get_morph().parse(word))
    except (ValueError, KeyError, IndexError):
        safe = "".join(ch if unicodedata.name(ch, "") else "x" for ch in word)
        try:
            return tuple(get_morph().parse(safe))
        except (ValueError, KeyError, IndexError):
            return ()


@lru_cache(maxsize=50_000)
def known(word: str) -> bool:
    """Is the word in pymorphy's dictionary? (``Parse.is_known`` looks it up on every call.)"""
    try:
        return bool(get_morph().word_is_known(word))
    except (ValueError, KeyError, IndexError):
        return False
