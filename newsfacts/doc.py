"""Typed results and the one place that knows the JSON shape (schema v2, see README and DESIGN.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .const import QUANTITY, SCHEMA_VERSION


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    stop: int
    text: str

    def as_json(self) -> dict[str, Any]:
        return {"index": self.index, "start": self.start, "stop": self.stop, "text": self.text}


@dataclass(frozen=True, slots=True)
class Entity:
    """One mention of a person, organisation, place or hardware model.

    `normal` is the document-level canonical form. HARDWARE mentions also carry
    `vendor`, `category` and `model` (the model designation without the vendor).
    """

    type: str
    text: str
    normal: str | None
    start: int
    stop: int
    sentence: int = 0
    vendor: str | None = None
    category: str | None = None
    model: str | None = None

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "type": self.type,
            "text": self.text,
            "normal": self.normal,
        }
        if self.vendor is not None or self.category is not None or self.model is not None:
            data["vendor"] = self.vendor
            data["category"] = self.category
            data["model"] = self.model
        data.update(start=self.start, stop=self.stop, sentence=self.sentence)
        return data


@dataclass(frozen=True, slots=True)
class Subject:
    """The entity an amount belongs to, with the mention that names it (maybe an anaphor)."""

    type: str
    normal: str
    text: str
    start: int
    stop: int

    def as_json(self) -> dict[str, Any]:
        return {"type": self.type, "normal": self.normal, "text": self.text, "start": self.start, "stop": self.stop}


@dataclass(frozen=True, slots=True)
class Quantity:
    """An amount: `value` (lower end for ranges and vague amounts), optional `max`.

    `kind` is one of count/money/percent/measure/ratio; `unit` an ISO 4217 code,
    "%", a unit symbol, "раз", or the nominative singular counted noun phrase.
    """

    text: str
    value: float
    unit: str
    kind: str
    start: int
    stop: int
    max: float | None = None
    approx: bool = False
    sentence: int = 0
    subject: Subject | None = None
    predicate: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "type": QUANTITY,
            "text": self.text,
            "value": float(self.value),
            "max": None if self.max is None else float(self.max),
            "approx": self.approx,
            "kind": self.kind,
            "unit": self.unit,
            "subject": None if self.subject is None else self.subject.as_json(),
            "predicate": self.predicate,
            "start": self.start,
            "stop": self.stop,
            "sentence": self.sentence,
        }


@dataclass(frozen=True, slots=True)
class Role:
    """A person stated to hold a post in an organisation (`org` None when none is named)."""

    person: str
    org: str | None
    role: str
    text: str
    start: int
    stop: int
    sentence: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "org": self.org,
            "role": self.role,
            "text": self.text,
            "start": self.start,
            "stop": self.stop,
            "sentence": self.sentence,
        }


@dataclass(frozen=True, slots=True)
class Document:
    source: str
    text: str
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    roles: tuple[Role, ...] = ()
    published: str | None = None  # ISO date of publication, when the input tells it
    error: str | None = field(default=None, compare=False)

    @property
    def chars(self) -> int:
        return len(self.text)

    def as_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "source": self.source,
            "published": self.published,
            "chars": self.chars,
            "sentences": [s.as_json() for s in self.sentences],
            "entities": [e.as_json() for e in self.entities],
            "quantities": [q.as_json() for q in self.quantities],
            "roles": [r.as_json() for r in self.roles],
        }
