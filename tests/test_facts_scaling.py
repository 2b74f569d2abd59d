"""The indexes that keep facts linear on one long document give what a scan of every entity gives."""

import random

from newsfacts.const import HARDWARE, LOC, ORG, PER
from newsfacts.doc import Entity
from newsfacts.facts import anaphora
from newsfacts.facts.anaphora import ANY, Kind, Referents
from newsfacts.facts.running import RunningBest

CATEGORIES = ("GPU", "CPU", "SoC", "device")
WEIGHT = {name: w for w, name in enumerate("CAEBD")}  # how often each name is mentioned, say


def _layout(seed: int, n: int = 300) -> list[Entity]:
    """Entities in text order, some nested or overlapping, of every type and hardware category."""
    rnd = random.Random(seed)
    out, pos = [], 0
    for _ in range(n):
        pos += rnd.randint(0, 12)
        type_ = rnd.choice((PER, ORG, LOC, HARDWARE))
        category = rnd.choice(CATEGORIES) if type_ == HARDWARE else None
        out.append(Entity(type_, "x", rnd.choice("ABCDE"), pos, pos + rnd.randint(1, 30), category=category))
    return sorted(out, key=lambda e: (e.start, e.stop))


def _scan_back(kinds, before, entities, recent, excluded):
    """The old resolve: every earlier entity, nearest first."""
    if any(k.type == ANY for k in kinds) and recent is not None and recent.stop <= before:
        return recent
    for e in reversed(entities):
        if e.stop <= before and e.start not in excluded and any(k.fits(e) for k in kinds):
            return e
    if any(k.type == HARDWARE and k.categories - anaphora.DEVICES for k in kinds):
        for e in reversed(entities):
            if e.stop <= before and e.start not in excluded and e.type == HARDWARE:
                return e
    return None


KINDS = [
    [Kind(ORG, frozenset(), None)],
    [Kind(PER, frozenset(), None)],
    [Kind(ANY, frozenset(), None)],
    [Kind(HARDWARE, frozenset(), None)],
    [Kind(HARDWARE, frozenset({"device"}), None)],
    [Kind(HARDWARE, frozenset({"GPU", "CPU"}), None)],
    [Kind(HARDWARE, frozenset({"NPU"}), None)],  # a category nobody has: the fallback to any model
    [Kind(ORG, frozenset(), None), Kind(HARDWARE, frozenset({"SoC"}), None)],
]


def test_anaphors_resolve_through_the_index_as_through_a_scan_of_every_earlier_entity():
    for seed in range(5):
        entities = _layout(seed)
        rnd = random.Random(100 + seed)
        excluded = frozenset(rnd.sample([e.start for e in entities], 20))
        referents = Referents(entities, excluded)
        recent = entities[len(entities) // 2]
        for before in range(0, entities[-1].stop + 5, 7):
            for kinds in KINDS:
                for r in (None, recent):
                    assert anaphora.resolve(kinds, before, referents, r) is \
                        _scan_back(kinds, before, entities, r, excluded), (seed, before, kinds)


def test_a_kind_the_text_never_names_resolves_to_nothing():
    entities = [Entity(PER, "Иван", "Иван", 0, 4), Entity(LOC, "Москва", "Москва", 10, 16)]
    assert anaphora.resolve([Kind(ORG, frozenset(), None)], 100, Referents(entities), None) is None


def test_the_running_best_is_the_best_of_every_entity_ended_before_the_offset():
    for seed in range(5):
        entities = _layout(seed)
        starts = [e.start for e in entities]
        def fits(e):
            return e.type in (ORG, HARDWARE)

        def key(n, e):
            return (WEIGHT[e.normal], n)

        best = RunningBest(entities, starts, fits, key)
        for before in range(0, entities[-1].stop + 5, 3):
            fitting = [(key(n, e), e) for n, e in enumerate(entities) if fits(e) and e.stop <= before]
            want = max(fitting, key=lambda p: p[0])[1] if fitting else None
            assert best.before(before) is want, (seed, before)


def test_on_a_tie_the_running_best_is_the_later_entity():
    a, b = Entity(ORG, "Intel", "Intel", 0, 5), Entity(ORG, "AMD", "AMD", 10, 13)
    best = RunningBest([a, b], [0, 10], lambda e: True, lambda n, e: (1, n))
    assert (best.before(4), best.before(5), best.before(13)) == (None, a, b)
