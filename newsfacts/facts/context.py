"""What the subject rules see: a sentence with its tree, the document's state, a link to a holder,
and the small readings of a tree that every rule shares."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..const import DATE
from ..doc import Entity, Subject
from . import anaphora
from .factwords import COMPARE_RE, NOUN_POS, SOURCE_RE, SUBJECT_RELS
from .running import RunningBest
from .syntax import Token, Tree


@dataclass
class Sentence:
    """What the rules see of one sentence: its tree and which token belongs to which entity."""

    tree: Tree
    entity_at: dict[int, Entity]
    amount: frozenset[int] = frozenset()
    spec: bool = False  # the amount is a device feature (memory, cores, a measure)
    share: bool = False  # the amount is a percentage ("10% компании" is a stake in the company)


@dataclass
class Context:
    """Document-level state: entities in text order, source mentions, the last linked holder."""

    entities: Sequence[Entity]
    sources: frozenset[int]
    recent: Entity | None = None
    recent_sentence: int = -1
    mentions: Counter = field(default_factory=Counter)  # (type, normal) -> mentions in the document
    compared: frozenset[int] = frozenset()  # starts of mentions that are only compared with
    text: str = ""  # the document's text, for names given later ("оператор ... оператор «Атлас»")

    def __post_init__(self) -> None:
        self.starts = [e.start for e in self.entities]
        self.referents = anaphora.Referents(self.entities, self.sources)
        self.mentions = Counter((e.type, e.normal) for e in self.entities
                                if e.start not in self.sources and e.start not in self.compared)
        self._best_before: dict[tuple, RunningBest] = {}

    def _fits(self, e: Entity, types: Sequence[str], categories: frozenset[str]) -> bool:
        if e.type not in types or e.start in self.sources or e.start in self.compared:
            return False
        return not categories or e.category in categories

    def topic(self, before: int, types: Sequence[str], categories: frozenset[str] = frozenset()) -> Entity | None:
        """The most mentioned entity of these types named before `before` (nearest on a tie)."""
        sig = (tuple(types), categories)
        best = self._best_before.get(sig)
        if best is None:
            best = self._best_before[sig] = RunningBest(
                self.entities, self.starts, lambda e: self._fits(e, types, categories),
                lambda n, e: (self.mentions[(e.type, e.normal)], n))
        return best.before(before)


@dataclass(frozen=True, slots=True)
class Link:
    entity: Entity
    mention: tuple[str, int, int]  # text, start, stop of the words that name it (maybe an anaphor)
    noun: str | None = None  # the common noun that carries the holder ("выручка"), a predicate


class Unnamed(Exception):
    """The amount's holder is a common noun with no named referent: nobody is to be guessed."""


def source_starts(text: str, entities: Sequence[Entity]) -> frozenset[int]:
    """Starts of entity mentions that name a source ("по данным издания Business Insider")."""
    out = set()
    for e in entities:
        left = text[max(0, e.start - 60) : e.start]
        left = left[max(left.rfind("."), left.rfind("\n")) + 1 :]
        if SOURCE_RE.search(left):
            out.add(e.start)
    # a source stays a source in the whole text ("по данным Counterpoint ... Counterpoint отмечает")
    normals = {(e.type, e.normal) for e in entities if e.start in out}
    return frozenset(e.start for e in entities if (e.type, e.normal) in normals)


def compared_starts(text: str, entities: Sequence[Entity]) -> frozenset[int]:
    """Starts of entity mentions that are a yardstick ("все, как и у Galaxy S20"): no topic."""
    out = set()
    for e in entities:
        left = text[max(0, e.start - 30) : e.start]
        if COMPARE_RE.search(left):
            out.add(e.start)
    return frozenset(out)


def preposition_of(tree: Tree, i: int) -> str | None:
    """The preposition of a nominal ("у" in "у Samsung"), or None."""
    for c in tree.children[i]:
        t = tree.tokens[c]
        if t.rel == "case":
            return t.low
    return None


def entity_link(s: Sentence, ctx: Context, i: int) -> Link | None:
    e = s.entity_at.get(i)
    if e is None or i in s.amount or e.start in ctx.sources or e.type == DATE:
        return None
    return Link(e, (e.text, e.start, e.stop))


def mention_span(tree: Tree, i: int) -> tuple[int, int]:
    """The anaphor with its adjectives ("социальная сеть")."""
    start, stop = tree.tokens[i].start, tree.tokens[i].stop
    for c in tree.children[i]:
        t = tree.tokens[c]
        if t.rel == "amod" and c == i - 1:
            start = min(start, t.start)
    return start, stop


def text_of(tree: Tree, start: int, stop: int) -> str:
    parts = [t for t in tree.tokens if start <= t.start and t.stop <= stop]
    out = parts[0].text
    for a, b in zip(parts, parts[1:], strict=False):
        out += " " * (b.start - a.stop) + b.text
    return out


def subjects_of(tree: Tree, i: int) -> list[int]:
    subs = [c for c in tree.children[i] if tree.tokens[c].rel in SUBJECT_RELS]
    # "Tesla и xAI купили": the first conjunct stands for the pair
    return subs


def plain_noun(s: Sentence, i: int) -> bool:
    """A common noun that is neither a name, nor an anaphor, nor a person ("канцлер")."""
    tok = s.tree.tokens[i]
    return (tok.pos in NOUN_POS and i not in s.entity_at and not anaphora.anaphor_kinds(s.tree, i)
            and not person_noun(tok))


def person_noun(tok: Token) -> bool:
    """A noun for people ("житель", "эпидемиолог", "пациент"): every reading of it is animate."""
    from ..morph import parse as morph_parse

    parses = [p for p in morph_parse(tok.low) if p.tag.POS == "NOUN"]
    return bool(parses) and all("anim" in p.tag for p in parses)


def describes_name(s: Sentence, i: int) -> bool:
    """ "Фонд Baring Vostok", "ИТ-гигант Alphabet": the noun only describes the name beside it."""
    tree = s.tree
    return any(tree.tokens[k].rel == "appos" and k in s.entity_at for k in tree.children[i])


def as_subject(link: Link) -> Subject:
    e = link.entity
    text, start, stop = link.mention
    return Subject(e.type, e.normal or e.text, text, start, stop)
