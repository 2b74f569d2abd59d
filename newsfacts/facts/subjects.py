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
- ``owned_oblique``: "на долю HUAWEI приходится 43,9%";
- ``recipient``: a named dative ("«Бронза» досталась Apple с 14 %");
- ``controller``: an infinitive's doer named by the governing verb ("помешали компании потратить");
- ``device_place``: a device that holds parts ("В смартфоне установили экран ...").

Before the climb, ``hardware_beside`` gives a spec right after a model and "с"/"на" to that
model ("GeForce RTX 4050 с 6 ГБ видеопамяти"); after a link, ``_feature_holder`` moves a device's
own feature (RAM, storage, battery) from a chip or a company to the device, and a chip's own
(clock, cores) from the device to the chip named before it.

When the tree names nobody, ``name_before_verb`` takes the name right before a verb the parse
left with no subject; ``spec_device`` gives a device feature (memory, battery, cores, a measure)
or a count of its versions to the device the text is about; ``implicit_holder`` gives an owned
amount to the holder just linked. Sources ("по данным X") are never holders; generic and plural
words ("средний ноутбук", "банки") and plural verbs with no subject ("выявили") name nobody.
Word lists live in data/fact_words.tsv and data/anaphors.tsv.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..const import COUNT, DATE, HARDWARE, LOC, MEASURE, MONEY, ORG, PER, PERCENT
from ..data import load_lines, load_rows
from ..doc import Entity, Quantity, Subject
from . import anaphora
from .running import RunningBest
from .syntax import Token, Tree
from .wordlist import WordSet, alternation

_WORDS: dict[str, set[str]] = {}
for _kind, _word in load_rows("fact_words.tsv"):
    _WORDS.setdefault(_kind, set()).add(_word.replace("ё", "е"))
SOURCE_RE = re.compile(
    r"(?:^|[^\w])(?:" + alternation(_WORDS["source"]) + r")"
    r"(?:\s+[а-яёa-z-]+){0,3}\s*[«\"“„]?\s*$",
    re.IGNORECASE,
)
# "как и у X", "в отличие от X": X is the yardstick, not what the text is about
COMPARE_RE = re.compile(r"(?:^|[^\w])(?:" + alternation(_WORDS["compare"]) + r")\s*[«\"“„]?\s*$", re.IGNORECASE)
REPORT_VERBS = frozenset(_WORDS["report"])
SPEC_NOUNS = frozenset(_WORDS["spec"])
OWNED_NOUNS = frozenset(_WORDS["owned"])
TERMS = frozenset(_WORDS["term"])
NOT_PREDICATES = frozenset(_WORDS["not_predicate"])
CHIP_UNITS = frozenset(_WORDS["chip_unit"])
CHIP_PARTS = frozenset(_WORDS["chip_part"])
DEVICE_FEATURES = frozenset(w.lower() for w in _WORDS["device_feature"])
CHIP_FEATURE_NOUNS = frozenset(w.lower() for w in _WORDS["chip_feature"])
MEMORY_UNITS = frozenset(_WORDS["memory_unit"])
GENERIC_MODIFIERS = frozenset(_WORDS["generic"])
COMPANY_OWNED = frozenset(_WORDS["company_owned"])
MEMORYLESS = frozenset(_WORDS["memoryless"])
# Feature nouns a spec amount may name beside it when the parse loses them ("64 ГБ или 128 ГБ
# постоянной памяти", "накопителем на 512 ГБ").
FEATURE_NOUNS = DEVICE_FEATURES | CHIP_FEATURE_NOUNS | {"память"}
FEATURES = dict(load_rows("features.tsv"))
# Unit symbols the parse may offer as a predicate ("6/128 ГБ — $508" -> "гб"): they name no feature.
UNIT_WORDS = frozenset(u.lower() for u in FEATURES)
PRICE = "цена"
# A holder that the text only implies must be named at least this often to be "the text's".
TOPIC_MENTIONS = 2

VERB_POS = frozenset({"VERB", "INFN", "PRTS", "PRTF", "GRND"})
NOUN_POS = frozenset({"NOUN"})
HOLDER_RELS = frozenset({"nmod", "nmod:poss", "appos", "flat", "flat:name", "flat:foreign", "det", "obl", "nsubj"})
# Relations that open a new clause: its holder is not the amount's.
CLAUSE_RELS = frozenset({"ccomp", "parataxis", "csubj", "advcl", "root"})
SUBJECT_RELS = frozenset({"nsubj", "nsubj:pass"})
MAX_CLIMB = 8
LIST_RELS = frozenset({"conj", "appos", "parataxis"})
NAME_RELS = ("appos", "flat", "flat:name", "flat:foreign", "nmod")
GOAL_PREPOSITIONS = frozenset({"для", "против", "из", "среди", "от", "после", "без", "кроме"})


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
    if kinds and s.spec and all(k.type == anaphora.ANY for k in kinds):
        kinds = [anaphora.Kind(HARDWARE, frozenset(), None)]  # "он получил 54 млрд транзисторов"
    if kinds and any(tree.tokens[c].lemma in GENERIC_MODIFIERS for c in tree.children[i]):
        raise Unnamed  # "средний ноутбук может добывать $0,06": any laptop, none of the text's
    if kinds and anaphora.is_pronoun(tok) and tok.rel in ("det", "nmod:poss", "nmod") \
            and tree.tokens[tok.head].lemma in COMPANY_OWNED:
        kinds = [anaphora.Kind(ORG, frozenset(), None)]  # "её выручка": only a company has revenue
    if kinds:
        # "компания SK Hynix", "производитель ..., компания TSMC": the name beside the anaphor wins
        link = _name_below(s, ctx, i)
        if link:
            return link
        referent = _topic_model(ctx, kinds, tok) or anaphora.resolve(
            kinds, tok.start, ctx.referents, ctx.recent)
        if referent is None and not anaphora.is_pronoun(tok) and i not in s.entity_at:
            referent = _named_later(ctx, kinds, tree, i)
        if referent is not None:
            start, stop = _mention_span(tree, i)
            return Link(referent, (_text_of(tree, start, stop), start, stop))
        if not anaphora.is_pronoun(tok):
            raise Unnamed  # "ноутбук оснащён ...": the holder is a thing the text never names
    return None


def _topic_model(ctx: Context, kinds: Sequence[anaphora.Kind], tok: Token) -> Entity | None:
    """ "новинка", "модель", "версия" fit a device and its chip alike: they mean the model the text
    is about (the most mentioned so far), not the chip named last ("Смартфон построен на Snapdragon
    7s Gen 2 ... Цена младшей версии")."""
    for k in kinds:
        if k.type == HARDWARE and k.categories & DEVICE_CATEGORIES and k.categories - DEVICE_CATEGORIES:
            return ctx.topic(tok.start, (HARDWARE,), k.categories)
    return None


LATER_NAMES = 20  # fitting names after an unresolved noun that are checked: bounds the work per noun
_TWO_WORDS_BEFORE = re.compile(r"([а-яё-]+)[\s\u00a0]+([а-яё-]+)[\s\u00a0]*[«\"“„]?[\s\u00a0]*$", re.IGNORECASE)


def _named_later(ctx: Context, kinds: Sequence[anaphora.Kind], tree: Tree, i: int) -> Entity | None:
    """ "Новый сотовый оператор запустил тариф ...", and later "сотовый оператор «Атлас»": a noun
    with an adjective that refers to nothing named before is the first entity named later right
    after the same two words."""
    from ..morph import parse as morph_parse

    tok = tree.tokens[i]
    adjectives = {tree.tokens[c].lemma for c in tree.children[i] if tree.tokens[c].rel == "amod"}
    if not ctx.text or not adjectives:
        return None

    def lemmas(word: str) -> set[str]:
        return {p.normal_form.replace("ё", "е") for p in morph_parse(word.lower())}

    tried = 0
    for n in range(bisect_left(ctx.starts, tok.stop), len(ctx.entities)):  # no slice: a copy of the rest
        e = ctx.entities[n]
        if e.start in ctx.sources or not any(k.fits(e) for k in kinds):
            continue
        tried += 1
        if tried > LATER_NAMES:
            break
        m = _TWO_WORDS_BEFORE.search(ctx.text, max(0, e.start - 60), e.start)
        if m and tok.lemma in lemmas(m.group(2)) and adjectives & lemmas(m.group(1)):
            return e
    return None


class Unnamed(Exception):
    """The amount's holder is a common noun with no named referent: nobody is to be guessed."""


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
    # a name under the amount itself is what is counted ("224 тысячи ускорителей Hopper"), not its
    # holder; an anaphor there is ("двух директоров компании")
    on_amount = i in s.amount
    if tree.tokens[i].pos not in NOUN_POS and not on_amount:
        return None
    if not on_amount and _person_noun(tree.tokens[i]):
        return None  # "житель Волгограда", "эпидемиолог Минздрава": the genitive is the person's, not the amount's
    for c in tree.children[i]:
        t = tree.tokens[c]
        if c in s.amount or t.rel not in ("nmod", "nmod:poss", "det", "appos", "flat", "flat:foreign"):
            continue
        if _prep(tree, c) is not None:
            continue
        if t.rel == "det" and not anaphora.is_pronoun(t):
            continue
        # "её выручка" is the company's; "его слова" are nobody's amount
        if anaphora.is_pronoun(t) and tree.tokens[i].lemma not in OWNED_NOUNS:
            continue
        if on_amount and (c in s.entity_at or s.share or _name_below(s, ctx, c)):
            # "100% оператора Tele2", "получил 10% компании": a thing under the amount is what it
            # counts or a share of, not its holder
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
    """ "видеоплатформа VK", "ИТ-гигант Alphabet": a noun that describes a name beside it."""
    tree = s.tree
    for c in tree.children[i]:
        if tree.tokens[c].rel in NAME_RELS[:4] and _prep(tree, c) is None:
            link = _entity_link(s, ctx, c)
            if link:
                return link
    return None


def _name_below(s: Sentence, ctx: Context, i: int, depth: int = 2) -> Link | None:
    """A name in apposition or in the genitive under word i, at most `depth` words down."""
    tree = s.tree
    for c in tree.children[i]:
        if tree.tokens[c].rel not in NAME_RELS or _prep(tree, c) is not None or c in s.amount:
            continue
        link = _entity_link(s, ctx, c) or (_name_below(s, ctx, c, depth - 1) if depth > 1 else None)
        if link:
            return link
    return None


def u_holder(s: Sentence, ctx: Context, i: int) -> Link | None:
    tree = s.tree
    # "у X" right on an amount is its holder only for a feature ("128 ядер у Bergamo");
    # "купила 485 тысяч ускорителей у Nvidia" names the seller
    if i in s.amount and not s.spec:
        return None
    for c in tree.children[i]:
        if c in s.amount or tree.tokens[c].rel not in ("obl", "nmod") or _prep(tree, c) != "у":
            continue
        link = _named_or_anaphor(s, ctx, c)
        if link:
            return link
    return None


def anaphoric_subject(s: Sentence, ctx: Context, i: int) -> Link | None:
    for c in _subjects(s.tree, i):
        link = _named_or_anaphor(s, ctx, c)
        if link:
            return link
    return None


def noun_subject(s: Sentence, ctx: Context, i: int) -> Link | None:
    tree = s.tree
    for c in _subjects(tree, i):
        # an anaphor or a descriptor ("ИТ-гигант Alphabet") was the other rules' to read
        if not _plain_noun(s, c) or _describes_name(s, c):
            continue
        link = genitive_holder(s, ctx, c) or u_holder(s, ctx, c) or _place(s, ctx, c)
        if link:
            return Link(link.entity, link.mention, tree.tokens[c].lemma)
    return None


def _describes_name(s: Sentence, i: int) -> bool:
    """ "Фонд Baring Vostok", "ИТ-гигант Alphabet": the noun only describes the name beside it."""
    tree = s.tree
    return any(tree.tokens[k].rel == "appos" and k in s.entity_at for k in tree.children[i])


def owned_oblique(s: Sentence, ctx: Context, i: int) -> Link | None:
    """ "на долю HUAWEI приходится 43,9%": the holder of a noun of what is owned, beside the verb."""
    tree = s.tree
    if tree.tokens[i].pos not in VERB_POS:
        return None
    for c in tree.children[i]:
        t = tree.tokens[c]
        if t.rel == "obl" and c not in s.amount and t.lemma in OWNED_NOUNS:
            link = genitive_holder(s, ctx, c)
            if link:
                return Link(link.entity, link.mention, t.lemma)
    return None


def recipient(s: Sentence, ctx: Context, i: int) -> Link | None:
    """ "«Бронза» досталась Apple с 14 %": a named dative beside the verb."""
    tree = s.tree
    if tree.tokens[i].pos not in VERB_POS:
        return None
    for c in tree.children[i]:
        if tree.tokens[c].rel == "iobj":
            link = _entity_link(s, ctx, c)
            if link:
                return link
    return None


def amount_as_subject(s: Sentence, ctx: Context, head: int) -> tuple[Link, str] | None:
    """ "Сервисом Zoom пользуются 200 млн человек", "на долю Huawei приходится 17%": the amount
    is the verb's own subject, so the holder is the name among the verb's objects; the word is
    the owned noun that carries the name, else the verb."""
    tree = s.tree
    tok = tree.tokens[head]
    if tok.rel not in SUBJECT_RELS or tok.head < 0 or tree.tokens[tok.head].pos not in VERB_POS:
        return None
    verb = tok.head
    for c in tree.children[verb]:
        if c in s.amount or tree.tokens[c].rel not in ("obj", "obl", "iobj"):
            continue
        if _prep(tree, c) not in (None, "в", "во", "на"):
            continue
        link = _entity_link(s, ctx, c) or _name_below(s, ctx, c)
        if link:
            word = tree.tokens[c]
            return link, (word.lemma if word.lemma in OWNED_NOUNS and c not in s.entity_at else tree.tokens[verb].lemma)
    return None


BESIDE_PREPOSITIONS = frozenset({"с", "со", "на"})


def hardware_beside(s: Sentence, ctx: Context) -> Link | None:
    """ "GeForce GTX 1660 Ti с 6 ГБ видеопамяти", "Core i7-9750H с частотой 2,6 ГГц": a spec right
    after a model and "с"/"на" (with at most two words of the feature between) is that model's. In
    a spec list the parse hangs such amounts on any word of the list; the words do not lie."""
    tokens = s.tree.tokens
    k = min(s.amount) - 1
    words = 0
    while k >= 0 and words < 2 and tokens[k].pos in ("NOUN", "ADJF") and k not in s.entity_at:
        k, words = k - 1, words + 1
    if k < 1 or tokens[k].low not in BESIDE_PREPOSITIONS:
        return None
    link = _entity_link(s, ctx, k - 1)
    return link if link is not None and link.entity.type == HARDWARE else None


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
    owned_oblique,
    recipient,
    controller,
    device_place,
)


def _is_spec(q: Quantity) -> bool:
    unit = q.unit.split()[-1] if q.unit else ""
    return q.kind == MEASURE or (q.kind == COUNT and unit in SPEC_NOUNS)


DEVICE_CATEGORIES = frozenset({"device", "console"})
# How many sentences back a holder just linked still stands for an unnamed one.
RECENT_SENTENCES = 2


def spec_device(ctx: Context, q: Quantity) -> Entity | None:
    """A device feature with no holder in the tree belongs to the device the text is about; so do
    its versions ("Доступно 2 комплектации", "вошли три модели")."""
    if q.kind == COUNT and _counts_versions(q):
        return ctx.topic(q.start, (HARDWARE,), DEVICE_CATEGORIES)
    if not _is_spec(q):
        return None
    device = ctx.topic(q.start, (HARDWARE,), DEVICE_CATEGORIES)
    chip = q.unit in CHIP_UNITS if q.kind == MEASURE else q.unit.split()[-1] in CHIP_PARTS
    if device is None and chip:
        device = ctx.topic(q.start, (HARDWARE,))
    return device


def _counts_versions(q: Quantity) -> bool:
    """The amount counts a word for a device model ("модель", "версия", "комплектация")."""
    kinds = anaphora.ANAPHORS.get(q.unit.split()[-1] if q.unit else "", [])
    return any(k.type == HARDWARE and k.categories & DEVICE_CATEGORIES and k.modifier is None for k in kinds)


def _verbless_owner(s: Sentence, ctx: Context) -> Link | None:
    """ "Цена Galaxy S24 Ultra в России — от 129 990 рублей": a sentence with no verb whose head is an
    owned noun; the parse hangs the amount after the dash on any word, the noun's holder owns it."""
    tree = s.tree
    for t in tree.tokens:
        if t.head < 0 and t.pos in NOUN_POS and t.lemma in OWNED_NOUNS and t.index not in s.amount:
            link = genitive_holder(s, ctx, t.index)
            if link is not None:
                return Link(link.entity, link.mention, t.lemma)
    return None


CLAUSE_STARTS = frozenset({",", ":", ";", "—", "–", "(", "а", "но", "однако", "тогда", "что"})


def name_before_verb(s: Sentence, ctx: Context, verb: int | None) -> Link | None:
    """ "..., а китайские бренды Xiaomi и Realme предупреждают о росте цен на 20–30%": a finite verb
    the parse left with no subject has it in the words right before it, back to the clause's start;
    the first name there (not under a preposition) is the holder."""
    tree = s.tree
    if verb is None or tree.tokens[verb].pos != "VERB" or _subjects(tree, verb):
        return None
    found = None
    k = verb - 1
    while k >= 0 and tree.tokens[k].low not in CLAUSE_STARTS:
        if tree.tokens[k].pos == "PREP":
            found = None  # "при поддержке Минпромторга договорился": a name in a phrase, not a doer
        elif k in s.entity_at and s.entity_at[k].type in (ORG, PER, HARDWARE) and _prep(tree, k) is None:
            found = _entity_link(s, ctx, k) or found  # scanning back: the first name of the group wins
        k -= 1
    return found


def implicit_holder(s: Sentence, ctx: Context, q: Quantity, verb: int | None) -> Entity | None:
    """An amount whose holder goes unnamed: "Общая выручка увеличилась на 30%" (a noun of what a
    company has), "в 2024 году приобрела 485 тысяч" (no subject at all). It is the holder just
    linked, when near, else the organisation the text is about. A market figure ("Спрос
    рухнул на 13%") or a passive ("было реализовано") names no holder."""
    tree = s.tree
    if verb is None and not _owned_before(s, q):
        return None  # "летальность среди пожилых — 16%": no verb, nothing owned, nobody referred to
    if verb is not None:
        subjects = _subjects(tree, verb)
        if any(c in s.amount for c in subjects):
            return None  # "90% лежат с пневмонией": the amount is the subject, of nobody named
        if subjects:
            owned = [c for c in subjects if tree.tokens[c].lemma in OWNED_NOUNS]
            if not owned or any(_generic_owner(s, c) for c in owned):
                return None
        elif tree.tokens[verb].pos in ("PRTS", "PRTF", "GRND"):
            return None
        elif _indefinite_personal(tree.tokens[verb]):
            return None  # "в стране диагностировали у 134 687 человек": "they", nobody named
    if ctx.recent is not None and q.sentence - ctx.recent_sentence <= RECENT_SENTENCES:
        return ctx.recent
    topic = ctx.topic(q.start, (ORG,))
    if topic is not None and ctx.mentions[(topic.type, topic.normal)] >= TOPIC_MENTIONS:
        return topic
    return None


def _owned_before(s: Sentence, q: Quantity) -> bool:
    """A noun of what a company has ("выручка", "доля") or a word that refers back ("Версия 12/512
    ГБ — $399") before the amount in its sentence."""
    tree = s.tree
    for t in tree.tokens:
        if t.stop > q.start:
            return False
        lemma = t.lemma
        if (lemma in OWNED_NOUNS or lemma in anaphora.ANAPHORS) and t.pos in NOUN_POS \
                and (lemma in OWNED_NOUNS or anaphora.anaphor_kinds(tree, t.index)):
            return True
    return False


def _indefinite_personal(tok: Token) -> bool:
    """A plural verb with no subject ("диагностировали", "продают") says "people", not the company
    just named, which would take the singular ("приобрела")."""
    from ..morph import parse as morph_parse

    parses = [p for p in morph_parse(tok.low) if p.tag.POS == "VERB"]
    return bool(parses) and all("plur" in p.tag for p in parses)


def _generic_owner(s: Sentence, i: int) -> bool:
    """ "доля десяти ведущих брендов": the owner is a plural common noun, nobody named."""
    tree = s.tree
    for c in tree.children[i]:
        t = tree.tokens[c]
        if t.rel == "nmod" and _prep(tree, c) is None and _plain_noun(s, c) and t.can_be("plur") \
                and not t.can_be("sing"):
            return True
    return False


def link_quantity(s: Sentence, ctx: Context, q: Quantity) -> tuple[Subject | None, str | None]:
    """The subject and predicate of one quantity in a parsed sentence."""
    tree = s.tree
    head = tree.head_of(q.start, q.stop)
    if head is None:
        return None, None
    s.amount = frozenset(t.index for t in tree.tokens if t.start < q.stop and q.start < t.stop)
    s.spec = _is_spec(q)
    s.share = q.kind == PERCENT
    try:
        subject, pred = _climb(s, ctx, q, head)
    except Unnamed:
        return None, None
    return subject, price_word(q, subject, pred)


def price_word(q: Quantity, subject: Subject | None, pred: str | None) -> str | None:
    """A unit symbol the parse offers ("гб" of "6/128 ГБ — $508") names no feature: a measure's
    feature is then its unit's. A model's money with no word is its price ("Exodus 1S (€219)")."""
    if pred is not None and pred.lower() in UNIT_WORDS:
        pred = FEATURES.get(q.unit) if q.kind == MEASURE else None
    if pred is None and subject is not None and q.kind == MONEY and subject.type == HARDWARE:
        return PRICE
    return pred


def _climb(s: Sentence, ctx: Context, q: Quantity, head: int) -> tuple[Subject | None, str | None]:
    tree = s.tree
    beside = hardware_beside(s, ctx) if s.spec else None
    if beside is not None:
        pred = predicate(s, q, head, None, beside)
        link = _feature_holder(s, ctx, q, beside, pred)
        return (_subject(link), pred) if link else (None, None)
    found = amount_as_subject(s, ctx, head)
    if found is not None:
        return _subject(found[0]), found[1]
    node, edge = head, ""
    seen = {head}
    verb: int | None = None
    for _ in range(MAX_CLIMB):
        tok = tree.tokens[node]
        if node not in s.amount and tok.pos in VERB_POS and verb is None:
            verb = node
        # a part in a list beside the amount ("процессором X, а также 8 ГБ памяти") is a sibling,
        # not the holder
        if not (s.spec and edge == "conj" and tok.pos not in VERB_POS):
            for rule in RULES:
                link = rule(s, ctx, node)
                if link is not None:
                    pred = predicate(s, q, head, verb, link)
                    link = _feature_holder(s, ctx, q, link, pred)
                    return (_subject(link), pred) if link else (None, None)
        # a gerund shares its doer with the verb it depends on ("..., уволив 12 тыс. человек")
        gerund = tok.rel == "advcl" and tok.pos == "GRND"
        if (tok.rel in CLAUSE_RELS and not gerund) or tok.head < 0:
            break
        if tok.rel.startswith("acl"):
            # "компания, чья выручка выросла": the noun the clause describes
            link = _named_or_anaphor(s, ctx, tok.head)
            if link:
                pred = predicate(s, q, head, verb, link)
                link = _feature_holder(s, ctx, q, link, pred)
                return (_subject(link), pred) if link else (None, None)
        parent = tree.tokens[tok.head]
        if parent.pos in VERB_POS and parent.lemma in REPORT_VERBS and tok.rel not in ("obj", "obl", "xcomp"):
            break
        node, edge = tok.head, tok.rel
        if node in seen:
            # the model's heads may loop ("тысяч" <-> "ускорителей"): go on from the sentence's root
            node = next((t.index for t in tree.tokens if t.head < 0 and t.index not in seen), None)
            if node is None:
                break
            edge = ""
        seen.add(node)
    link = name_before_verb(s, ctx, verb) or (_verbless_owner(s, ctx) if verb is None else None)
    if link is not None:
        pred = predicate(s, q, head, verb, link)
        link = _feature_holder(s, ctx, q, link, pred)
        return (_subject(link), pred) if link else (None, None)
    entity = spec_device(ctx, q) or (None if s.spec else implicit_holder(s, ctx, q, verb))
    if entity is None:
        return None, None
    return _subject(Link(entity, (entity.text, entity.start, entity.stop))), predicate(s, q, head, verb, None)


DEVICE_SIDE, CHIP_SIDE, MEMORY_SIDE = "device", "chip", "memory"


def _side(q: Quantity, pred: str | None) -> str:
    """Whose feature a spec amount is, by its word, else its unit: a device's (battery, screen,
    RAM), a chip's (clock, cores, video memory), or memory that both may have ("8 ГБ памяти")."""
    word = (pred or "").lower()
    if word in DEVICE_FEATURES:
        return DEVICE_SIDE
    if word in CHIP_FEATURE_NOUNS:
        return CHIP_SIDE
    if q.kind != MEASURE:
        return CHIP_SIDE if q.unit.split()[-1] in CHIP_PARTS else DEVICE_SIDE
    if q.unit in MEMORY_UNITS:
        return MEMORY_SIDE
    return CHIP_SIDE if q.unit in CHIP_UNITS else DEVICE_SIDE


def _feature_holder(s: Sentence, ctx: Context, q: Quantity, link: Link, pred: str | None) -> Link | None:
    """Features go to what has them. A device's own (battery, screen, RAM) found on a chip or a
    company ("Xiaomi оснастила смартфон батареей 5000 мАч") is the device's: the device the text is
    about; so is memory found on a company or on a CPU or SoC, which has none of its own. A chip's
    own (clock, cores) found on a device is the chip's named in the sentence ("ноутбук с процессором
    Core i7-9750H частотой 2,6 ГГц")."""
    e = link.entity
    if not s.spec:
        return link
    side = _side(q, pred)
    is_device = e.type == HARDWARE and e.category in DEVICE_CATEGORIES
    to_device = side == DEVICE_SIDE and (e.type == ORG or e.type == HARDWARE and not is_device)
    if side == MEMORY_SIDE and (e.type == ORG or e.type == HARDWARE and e.category in MEMORYLESS):
        to_device = True
    if to_device:
        device = ctx.topic(q.start, (HARDWARE,), DEVICE_CATEGORIES)
        if device is None:
            return None if side == DEVICE_SIDE and e.type == HARDWARE else link
        return Link(device, (device.text, device.start, device.stop), link.noun)
    if side == CHIP_SIDE and is_device:
        chips = [x for x in s.entity_at.values() if x.type == HARDWARE and x.category not in DEVICE_CATEGORIES
                 and x.stop <= q.start and x.start not in ctx.sources]
        if chips:
            x = max(chips, key=lambda x: x.start)
            return Link(x, (x.text, x.start, x.stop), link.noun)
    return link


def _subject(link: Link) -> Subject:
    e = link.entity
    text, start, stop = link.mention
    return Subject(e.type, e.normal or e.text, text, start, stop)


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
        for c in _subjects(tree, verb):
            if _plain_noun(s, c) and tree.tokens[c].lemma not in NOT_PREDICATES and c not in s.amount \
                    and not _describes_name(s, c):
                return _term(tree, c)
        return tree.tokens[verb].lemma
    inner = _inner_noun(s, head)
    if inner is None and q.kind == COUNT and _counts_versions(q):
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
    if _prep(tree, head) in GOAL_PREPOSITIONS:
        return None
    if tree.tokens[head].rel in LIST_RELS:
        return None  # "процессором с частотой 2,4 ГГц, 8 ГБ памяти": a list item, governed by nothing
    node = tree.parent(head)
    for _ in range(3):
        if node is None or node.pos in VERB_POS:
            return None
        if node.index not in s.amount and _plain_noun(s, node.index) and node.lemma not in NOT_PREDICATES:
            return node.index
        if node.rel in LIST_RELS:
            return None
        node = tree.parent(node.index)
    return None


def _plain_noun(s: Sentence, i: int) -> bool:
    """A common noun that is neither a name, nor an anaphor, nor a person ("канцлер")."""
    tok = s.tree.tokens[i]
    return (tok.pos in NOUN_POS and i not in s.entity_at and not anaphora.anaphor_kinds(s.tree, i)
            and not _person_noun(tok))


def _person_noun(tok: Token) -> bool:
    """A noun for people ("житель", "эпидемиолог", "пациент"): every reading of it is animate."""
    from ..morph import parse as morph_parse

    parses = [p for p in morph_parse(tok.low) if p.tag.POS == "NOUN"]
    return bool(parses) and all("anim" in p.tag for p in parses)


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


_LATIN_PREFIX = re.compile(r"^[a-z][a-z0-9.]*-(?=[а-я])")


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
        if t.rel == "nmod" and _plain_noun(s, c) and _prep(tree, c) is None and t.lemma not in NOT_PREDICATES:
            return c
    return None


def _owned_forms() -> tuple[WordSet, dict[str, str]]:
    from ..morph import parse as morph_parse

    forms: dict[str, str] = {}
    for lemma in OWNED_NOUNS:
        for p in morph_parse(lemma)[:1]:
            forms.update({f.word.replace("ё", "е"): lemma for f in p.lexeme})
        forms[lemma] = lemma
    return WordSet(forms), forms  # the regex of these forms, found without compiling it


OWNED_FORMS, _OWNED_LEMMA = _owned_forms()


def link_untreed(ctx: Context, q: Quantity, sentence: str, offset: int) -> tuple[Subject | None, str | None]:
    """A sentence that names nobody and refers to nobody (so it is not parsed): a device feature
    belongs to the device the text is about; an amount of what a company has ("Общая выручка
    увеличилась на 30%") to the holder just linked, else to the organisation the text is about."""
    device = spec_device(ctx, q)
    if device is not None:
        unit = q.unit.split()[-1] if q.kind == COUNT else FEATURES.get(q.unit)
        subject = _subject(Link(device, (device.text, device.start, device.stop)))
        return subject, price_word(q, subject, unit)
    owned = [m for m in OWNED_FORMS.finditer(sentence, 0, max(0, q.start - offset))]
    if not owned or _many_owners(sentence, owned[-1].end()):
        return None, None
    holder = None
    if ctx.recent is not None and q.sentence - ctx.recent_sentence <= RECENT_SENTENCES:
        holder = ctx.recent
    else:
        topic = ctx.topic(q.start, (ORG,))
        if topic is not None and ctx.mentions[(topic.type, topic.normal)] >= TOPIC_MENTIONS:
            holder = topic
    spec = _is_spec(q)
    if holder is not None and spec and holder.type == HARDWARE and holder.category not in DEVICE_CATEGORIES \
            and _side(q, None) == DEVICE_SIDE:
        # "в машине установлено 12 датчиков" after a chip of the car: no device of the text is
        # named, the maker is
        topic = ctx.topic(q.start, (ORG,))
        holder = topic if topic is not None and ctx.mentions[(topic.type, topic.normal)] >= TOPIC_MENTIONS else None
    if holder is None:
        return None, None
    noun = _OWNED_LEMMA.get(owned[-1].group().lower().replace("ё", "е"))
    if spec and q.kind == COUNT:
        noun = q.unit.split()[-1]
    return _subject(Link(holder, (holder.text, holder.start, holder.stop))), noun


DEMONSTRATIVES = frozenset({"этот", "тот", "данный", "такой", "наш", "их", "его", "её", "ее"})
_WORDS_AFTER = re.compile(r"[^\S\n]+([а-яё-]+)(?:[^\S\n]+([а-яё-]+))?(?:[^\S\n]+([а-яё-]+))?", re.IGNORECASE)


def _many_owners(sentence: str, at: int) -> bool:
    """ "доля десяти ведущих брендов", "продажи смартфонов": a plural noun right after the owned
    noun is its owner, many things and none named (the parsed path's ``_generic_owner``)."""
    from ..morph import parse as morph_parse

    m = _WORDS_AFTER.match(sentence, at)
    for word in m.groups() if m else ():
        parses = morph_parse(word.lower()) if word else []
        if not parses or any(p.normal_form in DEMONSTRATIVES for p in parses):
            return False  # "стоимость этих тарифов": the ones just named
        nouns = [p for p in parses if p.tag.POS == "NOUN"]
        if nouns and not any(p.normal_form in OWNED_NOUNS for p in nouns):  # "стоимость акций" is owned
            return all("plur" in p.tag for p in nouns) and any("gent" in p.tag for p in nouns)
        if not any(p.tag.POS in ("ADJF", "NUMR", "PRTF") for p in parses):
            return False  # "цены для покупателей": a preposition or a verb ends the owner
    return False


_RESTATE_GAP = re.compile(
    r"[\s\u00a0]*(?:\([\s\u00a0]*(?:~|≈|около|примерно|или)?|[,—–][\s\u00a0]*(?:до|или))[\s\u00a0]*"
)
_RESULT_GAP = re.compile(r"[\s\u00a0]*(?:[,—–]|[\s\u00a0]-)[\s\u00a0]*")
_ASIDE_GAP = re.compile(r"[\s\u00a0]*\([^()\d\n]{1,40}?[—–:][\s\u00a0]*")
_NAME_TAIL = re.compile(r"(?:\.(?:com|ru|net|io))?(?:,?[\s\u00a0]+(?:" + alternation(
    w.rstrip(".") for w in load_lines("legal_forms.txt") if w.isascii()) + r")\b\.?)?")
_PLACE_PREPOSITION = re.compile(r"(?<![\w-])(?:в|во|на)[^\S\n]+$", re.IGNORECASE)
_NAME_GAP = re.compile(r"[\s\u00a0]*(?:\(|[—–][\s\u00a0]*(?:около|порядка|примерно)?)[\s\u00a0]*")


def restatement(text: str, prev: Quantity | None, q: Quantity) -> Quantity | None:
    """ "1499 юаней (~14 000 рублей)", "выросла на 39%, до $14,8 млрд": an amount right after
    another, in brackets or after ", до", restates it and has the same holder; returns that
    other quantity, or None."""
    if prev is None or prev.subject is None or prev.sentence != q.sentence:
        return None
    if _RESTATE_GAP.fullmatch(text, prev.stop, q.start):
        return prev
    # the amount's own "до" is in its text: "на 39%, до $14,8 млрд"
    if q.text.startswith("до ") and _RESULT_GAP.fullmatch(text, prev.stop, q.start):
        return prev
    # "2,6 ГГц (в режиме Turbo Boost — до 4,5 ГГц)": an aside on the same measure
    if q.unit == prev.unit and _ASIDE_GAP.fullmatch(text, prev.stop, q.start):
        return prev
    return None


def name_before(text: str, entities: Sequence[Entity], ctx: Context, q: Quantity) -> Subject | None:
    """ "MediaTek (13,1%)", "Google – 169 тысяч": a name right before an amount, in brackets or
    after a dash, as in a ranking or a table."""
    # entities start in text order, and one starting at or after the amount cannot end before it:
    # the scan back starts at the amount (from the end it made long documents quadratic)
    starts = ctx.starts if entities is ctx.entities else [e.start for e in entities]
    k = bisect_left(starts, q.start)
    for n in range(k - 1, -1, -1):
        e = entities[n]
        if e.stop > q.start:
            continue
        # "Amazon.com Inc. – 196 тысяч": the domain and the legal form are part of the name
        gap_start = _NAME_TAIL.match(text, e.stop).end()
        if e.type == PER and n > 0 and _NAME_GAP.fullmatch(text, gap_start, q.start):
            # "xAI Илона Маска – 200 тысяч": the company of the person, named right before him
            owner = entities[n - 1]
            if owner.type == ORG and owner.start not in ctx.sources and not text[owner.stop : e.start].strip():
                return Subject(owner.type, owner.normal or owner.text, owner.text, owner.start, owner.stop)
        if e.start in ctx.sources or e.type not in (ORG, HARDWARE, LOC):
            return None
        if e.type == LOC and _PLACE_PREPOSITION.search(text, max(0, e.start - 4), e.start):
            return None  # "Цена Galaxy S24 в России — от 129 990 рублей": where, not whose
        if _NAME_GAP.fullmatch(text, gap_start, q.start):
            return Subject(e.type, e.normal or e.text, e.text, e.start, e.stop)
        return None
    return None
