"""Anaphors: "компания", "социальная сеть", "смартфон", "новинка", "она" -> the entity meant.

A noun anaphor refers to the nearest earlier entity of a fitting kind (a company
word to an ORG, a device word to a HARDWARE model of a fitting category); a
personal pronoun to the holder most recently linked, else to the nearest earlier
organisation, device or person. The words live in data/anaphors.tsv.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..const import HARDWARE, ORG, PER
from ..data import load_rows
from ..doc import Entity
from ..morph import parse as morph_parse
from .syntax import Token, Tree
from .wordlist import WordSet

ANY = "*"


@dataclass(frozen=True, slots=True)
class Kind:
    """What an anaphor can refer to: an entity type, and for HARDWARE the categories."""

    type: str
    categories: frozenset[str]
    modifier: str | None  # "социальный" in "социальный сеть"

    def fits(self, e: Entity) -> bool:
        if self.type == ANY:
            return e.type in (ORG, HARDWARE, PER)
        if e.type != self.type:
            return False
        return not self.categories or e.category in self.categories


def _load() -> dict[str, list[Kind]]:
    kinds: dict[str, list[Kind]] = defaultdict(list)
    for lemma, type_, cats in load_rows("anaphors.tsv"):
        words = lemma.split()
        modifier = words[0] if len(words) > 1 else None
        categories = frozenset() if cats == "-" else frozenset(cats.split(","))
        kinds[words[-1]].append(Kind(type_, categories, modifier))
    return dict(kinds)


ANAPHORS = _load()


def _forms_regex() -> WordSet:
    forms: set[str] = set()
    for lemma in ANAPHORS:
        for p in morph_parse(lemma)[:3]:
            if p.normal_form == lemma:
                # a plural noun never refers back (anaphor_kinds), so "стран" needs no parse
                forms |= {f.word for f in p.lexeme if p.tag.POS != "NOUN" or "plur" not in f.tag}
        forms.add(lemma)
    forms |= {f.replace("ё", "е") for f in forms}
    return WordSet(forms)  # the regex of these forms, found without compiling it


# Any form of any anaphor word: a sentence without one (and without a name) needs no parse.
ANAPHOR_FORMS = _forms_regex()


def anaphor_kinds(tree: Tree, i: int) -> list[Kind]:
    """The kinds the word at token i can refer to as an anaphor ([] when it is none)."""
    tok = tree.tokens[i]
    kinds = ANAPHORS.get(tok.lemma, [])
    if not kinds:
        return []
    # "десяти ведущих брендов": a plural noun means many, not the one entity named before
    if not is_pronoun(tok) and tok.can_be("plur") and not tok.can_be("sing"):
        return []
    mods = {tree.tokens[c].lemma for c in tree.children[i] if tree.tokens[c].rel == "amod"}
    fitting = [k for k in kinds if k.modifier is None or k.modifier in mods]
    # "социальный сеть" must not also read as a bare "сеть" row, and a pronoun needs no modifier
    return [k for k in fitting if k.modifier] or fitting


def is_pronoun(tok: Token) -> bool:
    return tok.pos == "NPRO"


class Referents:
    """A document's entities (in text order) indexed for the scan back from an anaphor.

    By type, and HARDWARE also by category, so a scan meets only entities of a kind asked
    for: from each anaphor back over all of them, a kind the text never names made a long
    document quadratic. `excluded` holds starts of mentions that may not be referents
    (sources: "по данным X").
    """

    def __init__(self, entities: Sequence[Entity], excluded: frozenset[int] = frozenset()) -> None:
        self.entities = entities
        self.excluded = excluded
        self._by: dict[object, tuple[list[int], list[int]]] = {}  # key -> (starts, indices), in text order
        for n, e in enumerate(entities):
            if e.start in excluded:
                continue
            keys: tuple[object, ...] = (e.type, (e.type, e.category)) if e.type == HARDWARE else (e.type,)
            for key in keys:
                starts, idx = self._by.setdefault(key, ([], []))
                starts.append(e.start)
                idx.append(n)

    def last(self, keys: Iterable[object], before: int) -> int | None:
        """The index of the last entity under any of `keys` that ends at or before `before`."""
        best = None
        for key in keys:
            starts, idx = self._by.get(key, ((), ()))
            # entities start in text order: one starting at or after `before` cannot end before it
            for k in range(bisect_left(starts, before) - 1, -1, -1):
                n = idx[k]
                if best is not None and n <= best:
                    break
                if self.entities[n].stop <= before:
                    best = n
                    break
        return best


def _keys(kind: Kind) -> tuple[object, ...]:
    if kind.type == ANY:
        return (ORG, HARDWARE, PER)
    if kind.type == HARDWARE and kind.categories:
        return tuple((HARDWARE, c) for c in sorted(kind.categories))
    return (kind.type,)


def resolve(kinds: Sequence[Kind], before: int, referents: Referents, recent: Entity | None) -> Entity | None:
    """The nearest entity mention ending before offset `before` that fits one of `kinds`.

    A pronoun (kind *) prefers `recent`, the holder most recently linked in the document.
    """
    if any(k.type == ANY for k in kinds) and recent is not None and recent.stop <= before:
        return recent
    n = referents.last({key for k in kinds for key in _keys(k)}, before)
    # a chip word with no model of its category names the nearest model of any category
    # ("процессор" for an SoC); a device word ("ноутбук") never names a chip
    if n is None and any(k.type == HARDWARE and k.categories - DEVICES for k in kinds):
        n = referents.last((HARDWARE,), before)
    return None if n is None else referents.entities[n]


DEVICES = frozenset({"device", "console"})
