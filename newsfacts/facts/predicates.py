"""The word that ties a holder and its amount: "выручка", "память", "приобрести", or null."""

from __future__ import annotations

from .. import recache
from ..const import COUNT, HARDWARE, MEASURE, MONEY
from ..doc import Quantity, Subject
from .context import Link, Sentence, describes_name, plain_noun, preposition_of, subjects_of
from .factwords import (
    FEATURE_NOUNS,
    FEATURES,
    GOAL_PREPOSITIONS,
    LIST_RELS,
    NOT_PREDICATES,
    NOUN_POS,
    PRICE,
    TERMS,
    UNIT_WORDS,
    VERB_POS,
)
from .specs import counts_versions
from .syntax import Token, Tree


def predicate(s: Sentence, q: Quantity, head: int, verb: int | None, link: Link | None) -> str | None:
    """The word that ties holder and amount: the noun that governs the amount ("по цене $435",
    "ёмкостью 4000 мАч"), a feature noun under a measure ("12 ГБ памяти"), the holder's noun
    ("выручка TSMC составила"), the counted part of a device ("128 ядер"), else the verb."""
    tree = s.tree
    if link is not None and link.noun and link.noun not in NOT_PREDICATES:
        return link.noun
    if s.spec and q.kind == MEASURE:
        # "8 ГБ оперативной памяти": the noun after a measure names the feature
        inner = _inner_noun(s, head)
        if inner is not None:
            return _term(tree, inner)
        near = _feature_beside(s)
        if near is not None:
            return near
    governing = _governing_noun(s, head)
    if s.spec and q.kind == COUNT and governing is not None and governing > max(s.amount):
        return q.unit.split()[-1]  # "с восемью ядрами и частотой до 3,39 ГГц": a list, not a governor
    if governing is not None:
        return _term(tree, governing)
    if s.spec:
        if q.kind == COUNT:
            return q.unit.split()[-1]
        if q.unit in FEATURES:
            return FEATURES[q.unit]
    if verb is not None:
        for c in subjects_of(tree, verb):
            if plain_noun(s, c) and tree.tokens[c].lemma not in NOT_PREDICATES and c not in s.amount \
                    and not describes_name(s, c):
                return _term(tree, c)
        return tree.tokens[verb].lemma
    inner = _inner_noun(s, head)
    if inner is None and q.kind == COUNT and counts_versions(q):
        return q.unit.split()[-1]  # "Доступно 2 комплектации"
    return _term(tree, inner) if inner is not None else None


_CHAIN_WORDS = frozenset({"или", "и", "/", ",", "либо"})


def _feature_beside(s: Sentence) -> str | None:
    """A feature noun right after the amount, past a list of alternatives ("64 ГБ или 128 ГБ
    постоянной памяти"), or right before it with "на" ("накопителем на 512 ГБ"): the parse often
    hangs such lists on the wrong word. Only listed feature nouns count."""
    tree = s.tree
    tokens = tree.tokens
    last = max(s.amount)
    k = last + 1
    while k < len(tokens) and (tokens[k].low in _CHAIN_WORDS or tokens[k].text[0].isdigit()
                               or tokens[k].text == tokens[last].text):
        k += 1
    for i in (k, k + 1):
        if i < len(tokens) and tokens[i].pos in NOUN_POS:
            word = _term(tree, i)
            if word.lower() in FEATURE_NOUNS:
                return word
            break
        if i >= len(tokens) or tokens[i].pos not in ("ADJF", "PRTF"):
            break
    first = min(s.amount)
    if first >= 2 and tokens[first - 1].low == "на" and tokens[first - 2].pos in NOUN_POS:
        word = _term(tree, first - 2)
        if word.lower() in FEATURE_NOUNS:
            return word
    return None


def _governing_noun(s: Sentence, head: int) -> int | None:
    """The nearest noun above the amount, before any verb, that names something ("ёмкостью")."""
    tree = s.tree
    # "версия прошивки для 28 смартфонов" is about the phones, not a feature of the firmware
    if preposition_of(tree, head) in GOAL_PREPOSITIONS:
        return None
    if tree.tokens[head].rel in LIST_RELS:
        return None  # "процессором с частотой 2,4 ГГц, 8 ГБ памяти": a list item, governed by nothing
    node = tree.parent(head)
    for _ in range(3):
        if node is None or node.pos in VERB_POS:
            return None
        if node.index not in s.amount and plain_noun(s, node.index) and node.lemma not in NOT_PREDICATES:
            return node.index
        if node.rel in LIST_RELS:
            return None
        node = tree.parent(node.index)
    return None


def _term(tree: Tree, i: int) -> str:
    """The noun's lemma, with its adjective when the two make a listed term ("пропускная способность")."""
    tok = tree.tokens[i]
    if _abbreviation(tok):
        return tok.text  # "ОЗУ": the dictionary would read it as a word ("оз")
    for c in tree.children[i]:
        t = tree.tokens[c]
        if t.rel == "amod":
            phrase = f"{_agree(t, tok)} {tok.lemma}"
            if phrase in TERMS:
                return phrase
    return _cased_lemma(tok)


_LATIN_PREFIX = recache.compile(r"^[a-z][a-z0-9.]*-(?=[а-я])")


def _cased_lemma(tok: Token) -> str:
    """The lemma, without a Latin label before a hyphen: "OLED-экран", "SSD-накопитель" name a
    screen and a drive."""
    return _LATIN_PREFIX.sub("", tok.lemma, count=1)


def _abbreviation(tok: Token) -> bool:
    return 2 <= len(tok.text) <= 5 and tok.text.isupper() and tok.text.isalpha()


def _agree(adj: Token, noun: Token) -> str:
    """The adjective in the nominative singular of the noun's gender."""
    from ..morph import parse as morph_parse

    gender = next((p.tag.gender for p in morph_parse(noun.low) if p.tag.gender), "masc")
    for p in morph_parse(adj.low):
        form = p.inflect({"nomn", "sing", gender}) if p.tag.POS in ("ADJF", "PRTF") else None
        if form is not None:
            return form.word
    return adj.lemma


def _inner_noun(s: Sentence, head: int) -> int | None:
    tree = s.tree
    for c in tree.children[head]:
        t = tree.tokens[c]
        if t.rel == "nmod" and plain_noun(s, c) and preposition_of(tree, c) is None and t.lemma not in NOT_PREDICATES:
            return c
    return None


def price_word(q: Quantity, subject: Subject | None, pred: str | None) -> str | None:
    """A unit symbol the parse offers ("гб" of "6/128 ГБ — $508") names no feature: a measure's
    feature is then its unit's. A model's money with no word is its price ("Exodus 1S (€219)")."""
    if pred is not None and pred.lower() in UNIT_WORDS:
        pred = FEATURES.get(q.unit) if q.kind == MEASURE else None
    if pred is None and subject is not None and q.kind == MONEY and subject.type == HARDWARE:
        return PRICE
    return pred
