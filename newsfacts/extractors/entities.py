"""PER / ORG / LOC: natasha's NER per sentence, then document-level canonical names.

natasha's own pipeline needs its morphology tagger (a second neural model) to
normalise spans; we normalise with pymorphy instead (see names.py) and resolve
mentions against each other across the document, which also fixes what a
tagger cannot: "Маска" (a surname, not the noun "маска") -> "Илон Маск".
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..const import LOC, ORG, PER
from ..data import load_lines, load_rows
from ..doc import Entity
from ..morph import parse
from .names import CYRILLIC, WORD, is_inflectable, normalize, strip_quotes, surname_keys


@dataclass(frozen=True, slots=True)
class Mention:
    type: str
    start: int
    stop: int
    text: str


SPAN_JUNK = " \t\n\u00a0«»\"„“”'`‘’()[]*"
# A capitalised Latin word right after a Latin name belongs to it: "App" + " Store".
LATIN_NEXT = re.compile(r"[ \u00a0]([A-Z][A-Za-z&.-]*[A-Za-z])(?![\w+])")
LATIN_SPAN = re.compile(r"[A-Za-z0-9&+.\- ]+")
# "Источник: VideoCardz", "Фото: Reuters" close a news item and name an organisation.
SOURCE_LINE = re.compile(
    r"^[ \t]*(?:Источник(?:и)?(?: новости| фото)?|Фото|По материалам|Via|Source)[ \t]*:[ \t]*"
    r"((?:[A-Z][\w&.-]*|[a-z][\w-]*(?:\.[\w-]+)*\.[a-z]{2,})(?:[ \t][A-Z][\w&.-]*){0,3})[ \t]*$",
    re.M,
)


def trim(text: str, start: int, stop: int) -> tuple[int, int]:
    """Shrink a span so that it carries no outer quotes, brackets, footnote stars or spaces."""
    while start < stop and text[start] in SPAN_JUNK:
        start += 1
    while stop > start and text[stop - 1] in SPAN_JUNK:
        stop -= 1
    return start, stop


def quoted_core(text: str, start: int, stop: int) -> int:
    """Start of the quoted name inside a span like 'Компания «Байкал Электроникс»'."""
    span = text[start:stop]
    for quote in ("«", "„", "“"):
        at = span.find(quote)
        if at > 0 and span[:at].strip() and len(span) > at + 1:
            return start + at + 1
    return start


def extend_latin(text: str, start: int, stop: int) -> int:
    """Grow a Latin name over the capitalised Latin words that follow it (at most three)."""
    if not LATIN_SPAN.fullmatch(text[start:stop]):
        return stop
    for _ in range(3):
        m = LATIN_NEXT.match(text, stop)
        if not m:
            break
        stop = m.end()
    return stop


def source_mentions(text: str) -> list[Mention]:
    """Organisations named on a closing "Источник: …" line."""
    return [Mention(ORG, m.start(1), m.end(1), m.group(1)) for m in SOURCE_LINE.finditer(text)]


def _fold(name: str) -> str:
    return " ".join(name.lower().replace("ё", "е").replace("-", " ").split())


NOT_ENTITIES = {(row[0], _fold(row[1])) for row in load_rows("not_entities.tsv")}
PROPER_TAGS = ("Name", "Surn", "Patr", "Geox", "Orgn", "Trad")


def is_not_entity(type_: str, text: str) -> bool:
    """Listed false friends (PCI-E, Android) and sentence-initial common phrases."""
    return (type_, _fold(strip_quotes(text))) in NOT_ENTITIES


# Heads of real institutions named with ordinary words ("Министерство финансов").
INSTITUTION_HEADS = frozenset(load_lines("institution_heads.txt"))


def is_common_phrase(text: str) -> bool:
    """ "Центр обработки данных" tagged only because it opens a sentence: all ordinary words."""
    words = _words(text)
    if not words or words[0].lower() in INSTITUTION_HEADS:
        return False
    if any(w[1:] != w[1:].lower() for w in words) or any(w[:1].isupper() for w in words[1:]):
        return False
    for w in words:
        if not CYRILLIC.search(w):
            return False
        parses = parse(w.lower())
        if not parses or not parses[0].is_known or any(t in p.tag for p in parses for t in PROPER_TAGS):
            return False
    return True


def resolve(mentions: Iterable[Mention]) -> list[Entity]:
    """Entities with one canonical nominative `normal` per real-world thing."""
    mentions = list(mentions)
    normals = [normalize(m.type, m.text) for m in mentions]
    canon: dict[int, str] = {}
    for type_ in (PER, ORG, LOC):
        idx = [i for i, m in enumerate(mentions) if m.type == type_]
        if type_ == PER:
            canon.update(_resolve_people(mentions, normals, idx))
        else:
            canon.update(_resolve_names(mentions, normals, idx))
    return [Entity(m.type, m.text, canon.get(i, normals[i]), m.start, m.stop) for i, m in enumerate(mentions)]


def _words(text: str) -> list[str]:
    return WORD.findall(text)


def _keys(word: str, normal_word: str | None = None) -> set[str]:
    keys = set(surname_keys(word))
    if normal_word:
        keys.add(normal_word.lower().replace("ё", "е"))
    return keys


def _resolve_people(mentions: list[Mention], normals: list[str], idx: list[int]) -> dict[int, str]:
    """Every mention of a person carries the fullest name the document gives.

    Full names are the same person when both their first and last words can be
    forms of one another ("Илона Маска" ~ "Илон Маск"); a surname alone joins
    the person whose surname it can be a form of ("Маском").
    """
    surfaces = {" ".join(_words(mentions[i].text)).lower().replace("ё", "е") for i in idx}
    people: list[dict] = []  # {"first", "last", "members"}
    singles = []
    for i in idx:
        words, nwords = _words(mentions[i].text), _words(normals[i])
        if len(words) < 2 or len(nwords) < 2:
            singles.append(i)
            continue
        first, last = _keys(words[0], nwords[0]), _keys(words[-1], nwords[-1])
        for person in people:
            if person["first"] & first and person["last"] & last:
                person["first"] |= first
                person["last"] |= last
                person["members"].append(i)
                break
        else:
            people.append({"first": first, "last": last, "members": [i]})
    out: dict[int, str] = {}
    for person in people:
        forms = Counter(normals[i] for i in person["members"])
        # a form written so in the text beats a generated one (Илон Маск, not Илона Маска)
        best = sorted(forms, key=lambda f: (-(f.lower().replace("ё", "е") in surfaces), -len(_words(f)), -forms[f], f))
        person["normal"] = best[0]
        for i in person["members"]:
            out[i] = best[0]
    groups: list[tuple[set[str], list[int]]] = []
    for i in singles:
        words = _words(mentions[i].text) or [mentions[i].text]
        keys = _keys(words[-1], (_words(normals[i]) or [None])[-1])
        matches = [p for p in people if p["last"] & keys]
        if matches:
            out[i] = max(matches, key=lambda p: len(p["members"]))["normal"]
            continue
        for gkeys, members in groups:
            if gkeys & keys:
                gkeys |= keys
                members.append(i)
                break
        else:
            groups.append((keys, [i]))
    # A surname seen alone: prefer a form that stands in the text as written (Маск)
    for _, members in groups:
        forms = Counter(normals[i] for i in members)
        attested = [f for f in forms if f.lower().replace("ё", "е") in surfaces]
        best = sorted(attested or forms, key=lambda f: (-forms[f], len(f), f))[0]
        for i in members:
            out[i] = best
    return out


def _lemma_key(text: str) -> tuple[str, ...]:
    out = []
    for w in _words(text):
        low = w.lower().replace("ё", "е")
        if is_inflectable(w):
            p = parse(low)
            low = p[0].normal_form.replace("ё", "е") if p else low
        out.append(low)
    return tuple(out)


def _resolve_names(mentions: list[Mention], normals: list[str], idx: list[int]) -> dict[int, str]:
    """Organisations and places: one form for "Яндекса", "Яндексом", "Яндекс"."""
    groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in idx:
        groups[_lemma_key(normals[i]) or (normals[i].lower(),)].append(i)
    out: dict[int, str] = {}
    surfaces = Counter(strip_quotes(mentions[i].text) for i in idx)
    for members in groups.values():
        forms = Counter(normals[i] for i in members)
        # a form written in the text as is beats a generated one; then frequency
        best = sorted(forms, key=lambda f: (-(f in surfaces), -forms[f], f))[0]
        for i in members:
            out[i] = best
    return out
