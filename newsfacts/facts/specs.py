"""Spec amounts (memory, cores, a measure): which part of a device has the feature, and the device
the text is about when the tree names no holder."""

from __future__ import annotations

from ..const import COUNT, HARDWARE, MEASURE, ORG
from ..doc import Entity, Quantity
from . import anaphora
from .context import Context, Link, Sentence
from .factwords import (
    CHIP_FEATURE_NOUNS,
    CHIP_PARTS,
    CHIP_UNITS,
    DEVICE_CATEGORIES,
    DEVICE_FEATURES,
    MEMORY_UNITS,
    MEMORYLESS,
    SPEC_NOUNS,
)


def is_spec(q: Quantity) -> bool:
    unit = q.unit.split()[-1] if q.unit else ""
    return q.kind == MEASURE or (q.kind == COUNT and unit in SPEC_NOUNS)


def counts_versions(q: Quantity) -> bool:
    """The amount counts a word for a device model ("модель", "версия", "комплектация")."""
    kinds = anaphora.ANAPHORS.get(q.unit.split()[-1] if q.unit else "", [])
    return any(k.type == HARDWARE and k.categories & DEVICE_CATEGORIES and k.modifier is None for k in kinds)


def spec_device(ctx: Context, q: Quantity) -> Entity | None:
    """A device feature with no holder in the tree belongs to the device the text is about; so do
    its versions ("Доступно 2 комплектации", "вошли три модели")."""
    if q.kind == COUNT and counts_versions(q):
        return ctx.topic(q.start, (HARDWARE,), DEVICE_CATEGORIES)
    if not is_spec(q):
        return None
    device = ctx.topic(q.start, (HARDWARE,), DEVICE_CATEGORIES)
    chip = q.unit in CHIP_UNITS if q.kind == MEASURE else q.unit.split()[-1] in CHIP_PARTS
    if device is None and chip:
        device = ctx.topic(q.start, (HARDWARE,))
    return device


DEVICE_SIDE, CHIP_SIDE, MEMORY_SIDE = "device", "chip", "memory"


def feature_side(q: Quantity, pred: str | None) -> str:
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


def feature_holder(s: Sentence, ctx: Context, q: Quantity, link: Link, pred: str | None) -> Link | None:
    """Features go to what has them. A device's own (battery, screen, RAM) found on a chip or a
    company ("Xiaomi оснастила смартфон батареей 5000 мАч") is the device's: the device the text is
    about; so is memory found on a company or on a CPU or SoC, which has none of its own. A chip's
    own (clock, cores) found on a device is the chip's named in the sentence ("ноутбук с процессором
    Core i7-9750H частотой 2,6 ГГц")."""
    e = link.entity
    if not s.spec:
        return link
    side = feature_side(q, pred)
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
