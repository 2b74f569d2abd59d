"""Character-level helpers shared by every part of the quantity extractor."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ... import recache


def unyo(s: str) -> str:
    """ "ё" written as "е" (case kept): the one place that folds ё."""
    return s.replace("ё", "е").replace("Ё", "Е") if "ё" in s or "Ё" in s else s


def fold(s: str) -> str:
    """Lower case with "ё" read as "е": the one key every lexicon lookup uses."""
    return unyo(s.lower())


_LATIN = recache.compile(r"[A-Za-z]")
_CYRILLIC = recache.compile(r"[а-яА-ЯёЁ]")


def has_latin(s: str) -> bool:
    return _LATIN.search(s) is not None


def has_cyrillic(s: str) -> bool:
    return _CYRILLIC.search(s) is not None


def trie_regex(words: Sequence[str]) -> str:
    """One regex alternation shaped as a trie (fast to scan); "е" also matches "ё"."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = []
        for ch, sub in sorted(node.items()):
            if ch == "":
                continue
            c = "[её]" if ch == "е" else re.escape(ch)
            alts.append(c + emit(sub))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


def alternation(words: Sequence[str], flags: str = "") -> str:
    """Longest-first alternation of literal words."""
    body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return f"(?{flags}:{body})" if flags else f"(?:{body})"
