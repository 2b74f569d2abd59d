"""Whose amount it is: the holder of a quantity, found through the sentence's dependency tree.

From the amount's head word the linker climbs the tree (through the nouns and
verbs that govern it, never into a clause of saying) and at each word asks its
named rules in order:

- ``named_word``: the word is itself part of a named entity ("H100 с 80 ГБ памяти");
- ``genitive_holder``: a genitive name, a possessive pronoun or an anaphor under a noun
  ("выручка TSMC", "её выручка", "доля компании");
- ``named_subject``: the verb's subject is a name ("Microsoft приобрела ...");
- ``u_holder``: "у X" ("у Samsung она снизилась до 32,7%", "128 ядер у линейки Bergamo");
- ``anaphoric_subject``: the subject is an anaphor or a pronoun ("социальная сеть приобрела");
- ``noun_subject``: the subject is a common noun with its own holder ("доля SK Hynix достигла");
- ``controller``: an infinitive's doer named by the governing verb ("помешали компании потратить");
- ``device_place``: a device that holds parts ("В смартфоне установили экран ...").

When the tree names nobody, ``spec_device`` gives a device feature (memory, battery,
cores, a measure) to the device the text was last about. Sources ("по данным X")
are never holders. Word lists live in data/fact_words.tsv and data/anaphors.tsv.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..const import COUNT, DATE, HARDWARE, LOC, MEASURE
from ..data import load_rows
from ..doc import Entity, Quantity, Subject
from . import anaphora
from .syntax import Token, Tree

_WORDS: dict[str, set[str]] = {}
for _kind, _word in load_rows("fact_words.tsv"):
    _WORDS.setdefault(_kind, set()).add(_word.replace("ё", "е"))
SOURCE_RE = re.compile(
    r"(?:^|[^\w])(?:" + "|".join(re.escape(w) for w in sorted(_WORDS["source"], key=len, reverse=True)) + r")"
    r"(?:\s+[а-яёa-z-]+){0,3}\s*[«\"“„]?\s*$",
    re.IGNORECASE,
)
REPORT_VERBS = frozenset(_WORDS["report"])
SPEC_NOUNS = frozenset(_WORDS["spec"])

VERB_POS = frozenset({"VERB", "INFN", "PRTS", "PRTF", "GRND"})
NOUN_POS = frozenset({"NOUN"})
HOLDER_RELS = frozenset({"nmod", "nmod:poss", "appos", "flat", "flat:name", "flat:foreign", "det", "obl", "nsubj"})
# Relations that open a new clause: its holder is not the amount's.
CLAUSE_RELS = frozenset({"ccomp", "parataxis", "csubj", "advcl", "root"})
SUBJECT_RELS = frozenset({"nsubj", "nsubj:pass"})
MAX_CLIMB = 8


@dataclass
class Sentence:
    """What the rules see of one sentence: its tree and which token belongs to which entity."""

    tree: Tree
    entity_at: dict[int, Entity]
    amount: frozenset[int] = frozenset()


@dataclass
class Context:
    """Document-level state: entities in text order, source mentions, the last linked holder."""

    entities: Sequence[Entity]
    sources: frozenset[int]
    recent: Entity | None = None
    found: list[tuple[Entity, Token]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Link:
    entity: Entity
    mention: tuple[str, int, int]  # text, start, stop of the words that name it (maybe an anaphor)
    noun: str | None = None  # the common noun that carries the holder ("выручка"), a predicate


def source_starts(text: str, entities: Sequence[Entity]) -> frozenset[int]:
    """Starts of entity mentions that name a source ("по данным издания Business Insider")."""
    out = set()
    for e in entities:
        left = text[max(0, e.start - 60) : e.start]
        left = left[max(left.rfind("."), left.rfind("\n")) + 1 :]
        if SOURCE_RE.search(left):
            out.add(e.start)
    return frozenset(out)


def _prep(tree: Tree, i: int) -> str | None:
    """The preposition of a nominal ("у" in "у Samsung"), or None."""
    for c in tree.children[i]:
        t = tree.tokens[c]
        if t.rel == "case":
            return t.low
    return None


def _entity_link(s: Sentence, ctx: Context, i: int) -> Link | None:
    e = s.entity_at.get(i)
    if e is None or i in s.amount or e.start in ctx.sources or e.type == DATE:
        return None
    return Link(e, (e.text, e.start, e.stop))


def _named_or_anaphor(s: Sentence, ctx: Context, i: int) -> Link | None:
    """The entity word i names, directly, through a name in apposition, or as an anaphor."""
    link = _entity_link(s, ctx, i)
    if link or i in s.amount:
        return link
    tree = s.tree
    tok = tree.tokens[i]
    kinds = anaphora.anaphor_kinds(tree, i)
    if kinds:
        # "компания SK Hynix": the name beside the anaphor wins
        for c in tree.children[i]:
            if tree.tokens[c].rel in ("appos", "flat", "flat:name", "nmod", "flat:foreign") and _prep(tree, c) is None:
                link = _entity_link(s, ctx, c)
                if link:
                    return link
        referent = anaphora.resolve(kinds, tok.start, ctx.entities, ctx.recent, ctx.sources)
        if referent is not None:
            start, stop = _mention_span(tree, i)
            return Link(referent, (_text_of(tree, start, stop), start, stop))
    return None


def _mention_span(tree: Tree, i: int) -> tuple[int, int]:
    """The anaphor with its adjectives ("социальная сеть")."""
    start, stop = tree.tokens[i].start, tree.tokens[i].stop
    for c in tree.children[i]:
        t = tree.tokens[c]
        if t.rel == "amod" and c == i - 1:
            start = min(start, t.start)
    return start, stop


def _text_of(tree: Tree, start: int, stop: int) -> str:
    parts = [t for t in tree.tokens if start <= t.start and t.stop <= stop]
    out = parts[0].text
    for a, b in zip(parts, parts[1:], strict=False):
        out += " " * (b.start - a.stop) + b.text
    return out


# --- the named rules: each looks at word i on the climb and may return a Link ---------------


def named_word(s: Sentence, ctx: Context, i: int) -> Link | None:
    return _entity_link(s, ctx, i)


def genitive_holder(s: Sentence, ctx: Context, i: int) -> Link | None:
    tree = s.tree
    if tree.tokens[i].pos not in NOUN_POS and i not in s.amount:
        return None
    for c in tree.children[i]:
        t = tree.tokens[c]
        if c in s.amount or t.rel not in ("nmod", "nmod:poss", "det", "appos", "flat", "flat:foreign"):
            continue
        if _prep(tree, c) is not None:
            continue
        if t.rel == "det" and not anaphora.is_pronoun(t):
            continue
        link = _named_or_anaphor(s, ctx, c)
        if link:
            return link
    return None


def named_subject(s: Sentence, ctx: Context, i: int) -> Link | None:
    for c in _subjects(s.tree, i):
        link = _entity_link(s, ctx, c) or _apposed_name(s, ctx, c)
        if link:
            return link
    return None


def _apposed_name(s: Sentence, ctx: Context, i: int) -> Link | None:
    if not anaphora.anaphor_kinds(s.tree, i):
        return None
    for c in s.tree.children[i]:
        if s.tree.tokens[c].rel in ("appos", "flat", "flat:name", "nmod", "flat:foreign") and _prep(s.tree, c) is None:
            link = _entity_link(s, ctx, c)
            if link:
                return link
    return None


def u_holder(s: Sentence, ctx: Context, i: int) -> Link | None:
    tree = s.tree
    for c in tree.children[i]:
        if c in s.amount or tree.tokens[c].rel not in ("obl", "nmod") or _prep(tree, c) != "у":
            continue
        link = _named_or_anaphor(s, ctx, c)
        if link:
            return link
    return None


def anaphoric_subject(s: Sentence, ctx: Context, i: int) -> Link | None:
    for c in _subjects(s.tree, i):
        if s.tree.tokens[c].rel == "nsubj:pass":
            continue
        link = _named_or_anaphor(s, ctx, c)
        if link:
            return link
    return None


def noun_subject(s: Sentence, ctx: Context, i: int) -> Link | None:
    tree = s.tree
    for c in _subjects(tree, i):
        if tree.tokens[c].pos not in NOUN_POS:
            continue
        link = genitive_holder(s, ctx, c) or u_holder(s, ctx, c) or _place(s, ctx, c)
        if link:
            return Link(link.entity, link.mention, tree.tokens[c].lemma)
    return None


def controller(s: Sentence, ctx: Context, i: int) -> Link | None:
    tree = s.tree
    if tree.tokens[i].rel != "xcomp" or tree.tokens[i].head < 0:
        return None
    parent = tree.tokens[i].head
    for c in tree.children[parent]:
        if tree.tokens[c].rel in ("obj", "iobj", "nsubj") and c != i:
            link = _named_or_anaphor(s, ctx, c)
            if link:
                return link
    return None


def device_place(s: Sentence, ctx: Context, i: int) -> Link | None:
    tree = s.tree
    if tree.tokens[i].pos not in VERB_POS:
        return None
    for c in tree.children[i]:
        if tree.tokens[c].rel != "obl" or _prep(tree, c) not in ("в", "во", "на"):
            continue
        link = _named_or_anaphor(s, ctx, c)
        if link and link.entity.type == HARDWARE:
            return link
    return None


def _place(s: Sentence, ctx: Context, i: int) -> Link | None:
    """ "Спрос в Китае": the place an amount concerns, under a noun."""
    tree = s.tree
    for c in tree.children[i]:
        if tree.tokens[c].rel == "nmod" and _prep(tree, c) in ("в", "во"):
            link = _entity_link(s, ctx, c)
            if link and link.entity.type == LOC:
                return link
    return None


def _subjects(tree: Tree, i: int) -> list[int]:
    subs = [c for c in tree.children[i] if tree.tokens[c].rel in SUBJECT_RELS]
    # "Tesla и xAI купили": the first conjunct stands for the pair
    return subs


RULES: tuple[Callable[[Sentence, Context, int], Link | None], ...] = (
    named_word,
    genitive_holder,
    named_subject,
    u_holder,
    anaphoric_subject,
    noun_subject,
    controller,
    device_place,
)


def _is_spec(q: Quantity) -> bool:
    unit = q.unit.split()[-1] if q.unit else ""
    return q.kind == MEASURE or (q.kind == COUNT and unit in SPEC_NOUNS)


def spec_device(ctx: Context, q: Quantity) -> Entity | None:
    """A device feature with no holder in the tree belongs to the device last named."""
    if not _is_spec(q):
        return None
    for e in reversed(ctx.entities):
        if e.type == HARDWARE and e.stop <= q.start:
            return e
    return None


def link_quantity(s: Sentence, ctx: Context, q: Quantity) -> tuple[Subject | None, str | None]:
    """The subject and predicate of one quantity in a parsed sentence."""
    tree = s.tree
    head = tree.head_of(q.start, q.stop)
    if head is None:
        return None, None
    s.amount = frozenset(t.index for t in tree.tokens if t.start < q.stop and q.start < t.stop)
    node = head
    verb = noun = None
    for _ in range(MAX_CLIMB):
        tok = tree.tokens[node]
        if node not in s.amount:
            if tok.pos in VERB_POS and verb is None:
                verb = tok.lemma
            elif tok.pos in NOUN_POS and verb is None and noun is None and node not in s.entity_at:
                noun = tok.lemma
        for rule in RULES:
            link = rule(s, ctx, node)
            if link is not None:
                return _subject(link), _predicate(q, link, verb, noun, s, head)
        if tok.rel in CLAUSE_RELS or tok.head < 0:
            break
        if tok.rel.startswith("acl"):
            # "компания, чья выручка выросла": the noun the clause describes
            link = _named_or_anaphor(s, ctx, tok.head)
            if link:
                return _subject(link), _predicate(q, link, verb, noun, s, head)
        parent = tree.tokens[tok.head]
        if parent.pos in VERB_POS and parent.lemma in REPORT_VERBS and tok.rel not in ("obj", "obl", "xcomp"):
            break
        node = tok.head
    device = spec_device(ctx, q)
    if device is not None:
        return _subject(Link(device, (device.text, device.start, device.stop))), _spec_predicate(q, s, head, noun)
    return None, None


def _subject(link: Link) -> Subject:
    e = link.entity
    text, start, stop = link.mention
    return Subject(e.type, e.normal or e.text, text, start, stop)


def _predicate(q: Quantity, link: Link, verb: str | None, noun: str | None, s: Sentence, head: int) -> str | None:
    if link.noun:
        return link.noun
    if _is_spec(q):
        return _spec_predicate(q, s, head, noun) or verb
    return verb or noun or _inner_noun(q, s, head)


def _spec_predicate(q: Quantity, s: Sentence, head: int, noun: str | None) -> str | None:
    """A feature's name: the noun that governs the amount ("ёмкостью"), the counted part, or the noun after it."""
    if q.kind == COUNT:
        return q.unit.split()[-1]
    return _inner_noun(q, s, head) or noun


def _inner_noun(q: Quantity, s: Sentence, head: int) -> str | None:
    tree = s.tree
    for c in tree.children[head]:
        t = tree.tokens[c]
        if t.rel == "nmod" and t.pos in NOUN_POS and _prep(tree, c) is None and c not in s.entity_at:
            return t.lemma
    return None
