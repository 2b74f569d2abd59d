"""One shared pymorphy analyzer per process (loading it costs ~0.1 s and 15 MB)."""

from __future__ import annotations

from functools import lru_cache

from ._compat import install_pymorphy_alias


@lru_cache(maxsize=1)
def get_morph():
    """Return the process-wide pymorphy3 MorphAnalyzer for Russian."""
    install_pymorphy_alias()
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=200_000)
def parse(word: str):
    """Cached pymorphy parses of one word (news text repeats words a lot)."""
    return tuple(get_morph().parse(word))
