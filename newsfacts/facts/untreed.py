"""Holders found without a tree: the sentences the parser skips, amounts that restate the one
before them, and a name right before an amount ("MediaTek (13,1%)", "Google – 169 тысяч")."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from .. import recache
from ..const import COUNT, HARDWARE, LOC, ORG, PER
from ..data import load_lines
from ..doc import Entity, Quantity, Subject
from .context import Context, Link, as_subject
from .factwords import DEVICE_CATEGORIES, FEATURES, OWNED_NOUNS, RECENT_SENTENCES, TOPIC_MENTIONS
from .predicates import price_word
from .specs import DEVICE_SIDE, feature_side, is_spec, spec_device
from .wordlist import WordSet, alternation


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
        subject = as_subject(Link(device, (device.text, device.start, device.stop)))
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
    spec = is_spec(q)
    if holder is not None and spec and holder.type == HARDWARE and holder.category not in DEVICE_CATEGORIES \
            and feature_side(q, None) == DEVICE_SIDE:
        # "в машине установлено 12 датчиков" after a chip of the car: no device of the text is
        # named, the maker is
        topic = ctx.topic(q.start, (ORG,))
        holder = topic if topic is not None and ctx.mentions[(topic.type, topic.normal)] >= TOPIC_MENTIONS else None
    if holder is None:
        return None, None
    noun = _OWNED_LEMMA.get(owned[-1].group().lower().replace("ё", "е"))
    if spec and q.kind == COUNT:
        noun = q.unit.split()[-1]
    return as_subject(Link(holder, (holder.text, holder.start, holder.stop))), noun


DEMONSTRATIVES = frozenset({"этот", "тот", "данный", "такой", "наш", "их", "его", "её", "ее"})
_WORDS_AFTER = recache.compile(r"[^\S\n]+([а-яё-]+)(?:[^\S\n]+([а-яё-]+))?(?:[^\S\n]+([а-яё-]+))?", re.IGNORECASE)


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


_RESTATE_GAP = recache.compile(
    r"[\s\u00a0]*(?:\([\s\u00a0]*(?:~|≈|около|примерно|или)?|[,—–][\s\u00a0]*(?:до|или))[\s\u00a0]*"
)
_RESULT_GAP = recache.compile(r"[\s\u00a0]*(?:[,—–]|[\s\u00a0]-)[\s\u00a0]*")
_ASIDE_GAP = recache.compile(r"[\s\u00a0]*\([^()\d\n]{1,40}?[—–:][\s\u00a0]*")
_NAME_TAIL = recache.compile(r"(?:\.(?:com|ru|net|io))?(?:,?[\s\u00a0]+(?:" + alternation(
    w.rstrip(".") for w in load_lines("legal_forms.txt") if w.isascii()) + r")\b\.?)?")
_PLACE_PREPOSITION = recache.compile(r"(?<![\w-])(?:в|во|на)[^\S\n]+$", re.IGNORECASE)
_NAME_GAP = recache.compile(r"[\s\u00a0]*(?:\(|[—–][\s\u00a0]*(?:около|порядка|примерно)?)[\s\u00a0]*")


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
