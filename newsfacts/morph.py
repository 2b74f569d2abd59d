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
    return pymorphy3.MorphAnalyzer(path=path, lang="ru")


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
