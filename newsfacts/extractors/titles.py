"""Titles of works and craft: "фильм «Соседи»", "игра Last Oasis", "марсоход Curiosity".

NER tags such titles as organisations (or people, or places); the noun right before the
name says what it is. A title found once is a title in the whole document: "снялась в
«Соседях»" names the same series.
"""

from __future__ import annotations

from functools import lru_cache

from .. import recache
from ..const import ORG, PER
from ..data import load_rows
from ..morph import parse
from .lexicon import canonical_org, fold
from .names import WORD, normalize, strip_quotes

# the word before a name, and the opening quote between them, if any
_BEFORE = recache.compile(r"(?<![\w-])(\w+)[ \u00a0]+([«\"„“]?)$")


@lru_cache(maxsize=1)
def _heads() -> dict[str, str]:
    """Head noun -> when a name after it is a title: any, quoted, craft (work_heads.tsv)."""
    return {fold(row[0]): row[1] for row in load_rows("work_heads.tsv")}


@lru_cache(maxsize=1)
def _company_words() -> frozenset[str]:
    from ..data import load_lines

    return frozenset(fold(w) for w in load_lines("org_words.txt"))


_CLOSING = frozenset("»\"“”")


@lru_cache(maxsize=1)
def _starts() -> frozenset[str]:
    return frozenset(w[:3] for w in _heads())


@lru_cache(maxsize=20_000)
def _head_of(word: str) -> tuple[str, bool] | None:
    """(when a name after it is a title, the head is plural), or None for no head noun."""
    heads = _heads()
    if fold(word)[:3] not in _starts():
        return None  # most words before a name start unlike any head noun: no parse
    for p in parse(fold(word))[:3]:
        if p.tag.POS == "NOUN" and fold(p.normal_form) in heads:
            return heads[fold(p.normal_form)], p.tag.number == "plur"
    return None


def is_title(text: str, start: int, stop: int, type_: str) -> bool:
    """Is text[start:stop] the title of the work or craft that the noun before it names?"""
    m = _BEFORE.search(text, max(0, start - 40), start)
    if not m or not m.group(1)[1:].islower():
        return False
    head = _head_of(m.group(1))
    if head is None:
        return False
    kind, plural = head
    if m.group(2):
        # the whole quoted title, not a name inside one ("альбом «Иван Петров 1980–1985»")
        return text[stop : stop + 1] in _CLOSING
    if kind == "quoted" or (plural and kind != "craft") or type_ == PER:
        return False  # "фильм Михалкова": the director; "фильмов Marvel": the studio
    span = text[start:stop]
    # "сериал Netflix", "игры Rockstar Games": the studio, not the title
    return canonical_org(span) is None and not any(fold(w) in _company_words() for w in WORD.findall(span))


# a quoted name and the word before it: 'сериале «Соседи»', 'фильма "Сокол"'
_QUOTED = recache.compile(
    r"(?<![\w-])(\w+)[ \u00a0]+(?:«([^«»\n]{1,80})»|\"([^\"\n]{1,80})\"|[„“]([^„“”\n]{1,80})[“”])"
)


def quoted_titles(text: str) -> set[str]:
    """Keys of the quoted titles a work noun names anywhere in the text, found or not by NER."""
    out: set[str] = set()
    for m in _QUOTED.finditer(text):
        if m.group(1)[1:].islower() and _head_of(m.group(1)) is not None:
            name = m.group(2) or m.group(3) or m.group(4)
            out |= title_keys(ORG, name)
    return out


def title_keys(type_: str, text: str) -> set[str]:
    """The keys under which other mentions of a title are found: as written and nominative."""
    bare = strip_quotes(text)
    return {fold(bare), fold(normalize(type_, bare))}
