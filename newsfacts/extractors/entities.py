"""PER / ORG / LOC: natasha's NER per sentence, then document-level canonical names.

natasha's own pipeline needs its morphology tagger (a second neural model) to
normalise spans; we normalise with pymorphy instead (see names.py) and resolve
mentions against each other across the document, which also fixes what a
tagger cannot: "Маска" (a surname, not the noun "маска") -> "Илон Маск".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from .._compat import install_pymorphy_alias
from ..const import LOC, ORG, PER
from ..doc import Entity
from ..morph import parse
from .names import WORD, is_inflectable, normalize, strip_quotes, surname_keys

# Sentences per NER batch: big enough to amortise numpy overhead, small enough
# that one giant input never becomes one giant model call.
NER_BATCH = 64


class NerTagger:
    """natasha's news NER model, loaded once."""

    def __init__(self) -> None:
        install_pymorphy_alias()
        from natasha import NewsEmbedding, NewsNERTagger

        self._tagger = NewsNERTagger(NewsEmbedding())
        self._tagger.batch_size = NER_BATCH

    def tag(self, texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
        """Spans (start, stop, type) for each text, batched by similar length to cut padding."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        result: list[list[tuple[int, int, str]]] = [[] for _ in texts]
        markups = self._tagger.map([texts[i] for i in order])
        for i, markup in zip(order, markups, strict=True):
            result[i] = [(s.start, s.stop, s.type) for s in markup.spans]
        return result


@dataclass(frozen=True, slots=True)
class Mention:
    type: str
    start: int
    stop: int
    text: str


def trim(text: str, start: int, stop: int) -> tuple[int, int]:
    """Shrink a span so that it carries no outer quotes, brackets or spaces."""
    junk = " \t\n\u00a0«»\"„“”'`‘’()[]"
    while start < stop and text[start] in junk:
        start += 1
    while stop > start and text[stop - 1] in junk:
        stop -= 1
    return start, stop


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
    return [
        Entity(m.type, m.text, canon.get(i, normals[i]), m.start, m.stop)
        for i, m in enumerate(mentions)
    ]


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


def with_sentence(entity: Entity, sentence: int, offset: int = 0) -> Entity:
    return replace(entity, start=entity.start + offset, stop=entity.stop + offset, sentence=sentence)
