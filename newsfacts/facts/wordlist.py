"""Word lists as regexes: Python's re tries plain alternatives one by one, a trie shares prefixes."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .. import recache


def alternation(words: Iterable[str]) -> str:
    """A regex (no outer group) matching exactly any of the words."""
    trie: dict = {}
    for w in set(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(trie)


def _emit(node: dict) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _emit(sub) for ch, sub in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


class WordSet:
    """What ``re.compile(rf"(?<![\\w-])(?:{alternation(words)})(?![\\w-])", re.IGNORECASE)`` finds,
    for words of letters, without compiling that regex (~10 ms for 500 word forms).

    A match of that regex is a whole run of ``[\\w-]`` equal to a word (nothing but a non-word
    character or the end may stand on either side of it), so the runs that start as a word does
    are found by a small regex and looked up in a set. A run with a letter outside cp1251, where
    lower() and re.IGNORECASE may differ, is decided by the regex itself, compiled then.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self._words = sorted(set(words))
        if not all(w.isalpha() for w in self._words):
            raise ValueError("WordSet holds words of letters only")
        self._lower = frozenset(w.lower() for w in self._words)
        heads = {w[:3] for w in self._words}
        self._runs = recache.compile(rf"(?<![\w-])(?:{alternation(heads) or '(?!)'})[\w-]*", re.IGNORECASE)
        self._exact: re.Pattern[str] | None = None

    def _is_word(self, run: str) -> bool:
        if run.lower() in self._lower:
            return True
        try:
            run.encode("cp1251")
            return False
        except UnicodeEncodeError:
            if self._exact is None:
                self._exact = recache.compile(rf"(?:{alternation(self._words)})", re.IGNORECASE)
            return self._exact.fullmatch(run) is not None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        runs = self._runs.finditer(text, pos) if endpos is None else self._runs.finditer(text, pos, endpos)
        return (m for m in runs if self._is_word(m.group()))

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return next(self.finditer(text, pos, endpos), None)
