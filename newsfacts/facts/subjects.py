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
model ("GeForce RTX 4050 с 6 ГБ видеопамяти"); after a link, ``feature_holder`` (specs.py) moves a device's
own feature (RAM, storage, battery) from a chip or a company to the device, and a chip's own
(clock, cores) from the device to the chip named before it.

When the tree names nobody, ``name_before_verb`` takes the name right before a verb the parse
left with no subject; ``spec_device`` gives a device feature (memory, battery, cores, a measure)
or a count of its versions to the device the text is about; ``implicit_holder`` gives an owned
amount to the holder just linked. Sources ("по данным X") are never holders; generic and plural
words ("средний ноутбук", "банки") and plural verbs with no subject ("выявили") name nobody.
Word lists live in data/fact_words.tsv and data/anaphors.tsv.

Beside this module, which holds the rules and the climb: what the rules see (context.py), spec
amounts and the device they belong to (specs.py), the predicate word (predicates.py), holders
found without a tree (untreed.py) and the word lists (factwords.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence

from .. import recache
from ..const import HARDWARE, LOC, ORG, PER, PERCENT
from ..doc import Entity, Quantity, Subject
from . import anaphora
from .context import (
    Context,
    Link,
    Sentence,
    Unnamed,
    as_subject,
    describes_name,
    entity_link,
    mention_span,
    person_noun,
    plain_noun,
    preposition_of,
    subjects_of,
    text_of,
)
from .factwords import (
    CLAUSE_RELS,
    COMPANY_OWNED,
    DEVICE_CATEGORIES,
    GENERIC_MODIFIERS,
    MAX_CLIMB,
    NAME_RELS,
    NOUN_POS,
    OWNED_NOUNS,
    RECENT_SENTENCES,
    REPORT_VERBS,
    SUBJECT_RELS,
    TOPIC_MENTIONS,
    VERB_POS,
)
from .predicates import predicate, price_word
from .specs import feature_holder, is_spec, spec_device
from .syntax import Token, Tree


def _named_or_anaphor(s: Sentence, ctx: Context, i: int) -> Link | None:
    """The entity word i names, directly, through a name in apposition, or as an anaphor."""
    link = entity_link(s, ctx, i)
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
            start, stop = mention_span(tree, i)
            return Link(referent, (text_of(tree, start, stop), start, stop))
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
_TWO_WORDS_BEFORE = recache.compile(r"([а-яё-]+)[\s\u00a0]+([а-яё-]+)[\s\u00a0]*[«\"“„]?[\s\u00a0]*$", re.IGNORECASE)


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


# --- the named rules: each looks at word i on the climb and may return a Link ---------------


def named_word(s: Sentence, ctx: Context, i: int) -> Link | None:
    return entity_link(s, ctx, i)


def genitive_holder(s: Sentence, ctx: Context, i: int) -> Link | None:
    tree = s.tree
    # a name under the amount itself is what is counted ("224 тысячи ускорителей Hopper"), not its
    # holder; an anaphor there is ("двух директоров компании")
    on_amount = i in s.amount
    if tree.tokens[i].pos not in NOUN_POS and not on_amount:
        return None
    if not on_amount and person_noun(tree.tokens[i]):
        return None  # "житель Волгограда", "эпидемиолог Минздрава": the genitive is the person's, not the amount's
    for c in tree.children[i]:
        t = tree.tokens[c]
        if c in s.amount or t.rel not in ("nmod", "nmod:poss", "det", "appos", "flat", "flat:foreign"):
            continue
        if preposition_of(tree, c) is not None:
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
    for c in subjects_of(s.tree, i):
        link = entity_link(s, ctx, c) or _apposed_name(s, ctx, c)
        if link:
            return link
    return None


def _apposed_name(s: Sentence, ctx: Context, i: int) -> Link | None:
    """ "видеоплатформа VK", "ИТ-гигант Alphabet": a noun that describes a name beside it."""
    tree = s.tree
    for c in tree.children[i]:
        if tree.tokens[c].rel in NAME_RELS[:4] and preposition_of(tree, c) is None:
            link = entity_link(s, ctx, c)
            if link:
                return link
    return None


def _name_below(s: Sentence, ctx: Context, i: int, depth: int = 2) -> Link | None:
    """A name in apposition or in the genitive under word i, at most `depth` words down."""
    tree = s.tree
    for c in tree.children[i]:
        if tree.tokens[c].rel not in NAME_RELS or preposition_of(tree, c) is not None or c in s.amount:
            continue
        link = entity_link(s, ctx, c) or (_name_below(s, ctx, c, depth - 1) if depth > 1 else None)
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
        if c in s.amount or tree.tokens[c].rel not in ("obl", "nmod") or preposition_of(tree, c) != "у":
            continue
        link = _named_or_anaphor(s, ctx, c)
        if link:
            return link
    return None


def anaphoric_subject(s: Sentence, ctx: Context, i: int) -> Link | None:
    for c in subjects_of(s.tree, i):
        link = _named_or_anaphor(s, ctx, c)
        if link:
            return link
    return None


def noun_subject(s: Sentence, ctx: Context, i: int) -> Link | None:
    tree = s.tree
    for c in subjects_of(tree, i):
        # an anaphor or a descriptor ("ИТ-гигант Alphabet") was the other rules' to read
        if not plain_noun(s, c) or describes_name(s, c):
            continue
        link = genitive_holder(s, ctx, c) or u_holder(s, ctx, c) or _place(s, ctx, c)
        if link:
            return Link(link.entity, link.mention, tree.tokens[c].lemma)
    return None


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
            link = entity_link(s, ctx, c)
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
        if preposition_of(tree, c) not in (None, "в", "во", "на"):
            continue
        link = entity_link(s, ctx, c) or _name_below(s, ctx, c)
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
    link = entity_link(s, ctx, k - 1)
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
        if tree.tokens[c].rel != "obl" or preposition_of(tree, c) not in ("в", "во", "на"):
            continue
        link = _named_or_anaphor(s, ctx, c)
        if link and link.entity.type == HARDWARE:
            return link
    return None


def _place(s: Sentence, ctx: Context, i: int) -> Link | None:
    """ "Спрос в Китае": the place an amount concerns, under a noun."""
    tree = s.tree
    for c in tree.children[i]:
        if tree.tokens[c].rel == "nmod" and preposition_of(tree, c) in ("в", "во"):
            link = entity_link(s, ctx, c)
            if link and link.entity.type == LOC:
                return link
    return None


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
    if verb is None or tree.tokens[verb].pos != "VERB" or subjects_of(tree, verb):
        return None
    found = None
    k = verb - 1
    while k >= 0 and tree.tokens[k].low not in CLAUSE_STARTS:
        if tree.tokens[k].pos == "PREP":
            found = None  # "при поддержке Минпромторга договорился": a name in a phrase, not a doer
        elif k in s.entity_at and s.entity_at[k].type in (ORG, PER, HARDWARE) and preposition_of(tree, k) is None:
            found = entity_link(s, ctx, k) or found  # scanning back: the first name of the group wins
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
        subjects = subjects_of(tree, verb)
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
        if t.rel == "nmod" and preposition_of(tree, c) is None and plain_noun(s, c) and t.can_be("plur") \
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
    s.spec = is_spec(q)
    s.share = q.kind == PERCENT
    try:
        subject, pred = _climb(s, ctx, q, head)
    except Unnamed:
        return None, None
    return subject, price_word(q, subject, pred)


def _climb(s: Sentence, ctx: Context, q: Quantity, head: int) -> tuple[Subject | None, str | None]:
    tree = s.tree
    beside = hardware_beside(s, ctx) if s.spec else None
    if beside is not None:
        pred = predicate(s, q, head, None, beside)
        link = feature_holder(s, ctx, q, beside, pred)
        return (as_subject(link), pred) if link else (None, None)
    found = amount_as_subject(s, ctx, head)
    if found is not None:
        return as_subject(found[0]), found[1]
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
                    link = feature_holder(s, ctx, q, link, pred)
                    return (as_subject(link), pred) if link else (None, None)
        # a gerund shares its doer with the verb it depends on ("..., уволив 12 тыс. человек")
        gerund = tok.rel == "advcl" and tok.pos == "GRND"
        if (tok.rel in CLAUSE_RELS and not gerund) or tok.head < 0:
            break
        if tok.rel.startswith("acl"):
            # "компания, чья выручка выросла": the noun the clause describes
            link = _named_or_anaphor(s, ctx, tok.head)
            if link:
                pred = predicate(s, q, head, verb, link)
                link = feature_holder(s, ctx, q, link, pred)
                return (as_subject(link), pred) if link else (None, None)
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
        link = feature_holder(s, ctx, q, link, pred)
        return (as_subject(link), pred) if link else (None, None)
    entity = spec_device(ctx, q) or (None if s.spec else implicit_holder(s, ctx, q, verb))
    if entity is None:
        return None, None
    return as_subject(Link(entity, (entity.text, entity.start, entity.stop))), predicate(s, q, head, verb, None)
