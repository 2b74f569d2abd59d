"""The corpus view (``newsfacts top``): what a folder of articles, or a --db store, talks about.

Three answers, the same whether computed from documents (:class:`Corpus`) or
from a store by SQL (:func:`newsfacts.topsql.from_store`):

* the most mentioned entities of each kind, with mention and document counts;
* the hardware named with each company: pairs (company, hardware) with the
  documents that name both and the sentences that name both. A company is not
  paired with hardware of its own make (NVIDIA with NVIDIA H100 says nothing);
* the largest amounts of money, per currency (no conversion; the currency
  with the most amounts first), each with its document; one amount repeated
  in a document is listed once.

Ties are broken by name, so the output is stable.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from .const import ENTITY_TYPES, HARDWARE, MONEY, ORG


@dataclass(frozen=True)
class EntityCount:
    type: str
    normal: str
    mentions: int
    documents: int


@dataclass(frozen=True)
class Pairing:
    company: str
    hardware: str
    documents: int
    sentences: int


@dataclass(frozen=True)
class Amount:
    value: float
    max: float | None
    approx: bool
    unit: str
    text: str
    source: str


@dataclass
class TopView:
    documents: int
    rows: int
    entities: dict[str, list[EntityCount]] = field(default_factory=dict)
    hardware_companies: list[Pairing] = field(default_factory=list)
    money: dict[str, list[Amount]] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "entities": {kind: [asdict(e) for e in rows] for kind, rows in self.entities.items()},
            "hardware_companies": [asdict(p) for p in self.hardware_companies],
            "money": {unit: [asdict(a) for a in rows] for unit, rows in self.money.items()},
        }


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _same_make(company: str, vendor: str | None) -> bool:
    # ASCII case only, as SQLite's lower() compares in newsfacts.topsql
    return vendor is not None and company.translate(_ASCII_LOWER) == vendor.translate(_ASCII_LOWER)


def _entity_order(e: EntityCount) -> tuple:
    return (-e.mentions, -e.documents, e.normal)


def _pair_order(p: Pairing) -> tuple:
    return (-p.documents, -p.sentences, p.company, p.hardware)


class Corpus:
    """Counts over documents (plain dicts, as ``Document.as_json()``), added one at a time."""

    def __init__(self, rows: int = 10) -> None:
        self.rows = rows
        self.documents = 0
        self.mentions: Counter[tuple[str, str]] = Counter()
        self.in_documents: Counter[tuple[str, str]] = Counter()
        self.pair_documents: Counter[tuple[str, str]] = Counter()
        self.pair_sentences: Counter[tuple[str, str]] = Counter()
        self.money_count: Counter[str] = Counter()
        # per currency, the largest amounts seen so far (a bounded heap: memory does not grow with the corpus)
        self.money: dict[str, list[tuple]] = defaultdict(list)
        self._serial = 0

    def add(self, doc: dict[str, Any]) -> None:
        self.documents += 1
        seen: set[tuple[str, str]] = set()
        for e in doc.get("entities", []):
            if e.get("normal") is None:
                continue
            key = (e["type"], e["normal"])
            self.mentions[key] += 1
            seen.add(key)
        for key in seen:
            self.in_documents[key] += 1
        self._pairs(doc)
        self._money(doc)

    def _pairs(self, doc: dict[str, Any]) -> None:
        hardware = {(e["normal"], e["sentence"], e.get("vendor")) for e in doc.get("entities", [])
                    if e["type"] == HARDWARE and e.get("normal")}
        if not hardware:
            return
        orgs = {(e["normal"], e["sentence"]) for e in doc.get("entities", []) if e["type"] == ORG and e.get("normal")}
        in_doc: set[tuple[str, str]] = set()
        in_sentence: set[tuple[str, str, int]] = set()
        for company, org_sentence in orgs:
            for model, hw_sentence, vendor in hardware:
                if _same_make(company, vendor):
                    continue
                in_doc.add((company, model))
                if org_sentence == hw_sentence:
                    in_sentence.add((company, model, org_sentence))
        for pair in in_doc:
            self.pair_documents[pair] += 1
        for company, model, _ in in_sentence:
            self.pair_sentences[(company, model)] += 1

    def _money(self, doc: dict[str, Any]) -> None:
        seen = set()
        for q in doc.get("quantities", []):
            if q["kind"] != MONEY:
                continue
            self.money_count[q["unit"]] += 1  # orders the currencies: most amounts first
            key = (q["value"], q.get("max"), q["unit"])
            if key in seen:
                continue
            seen.add(key)
            self._serial += 1
            # heap of the n largest: smallest value first; later (source, start) lose ties, as in the SQL
            item = (q["value"], _Reverse((doc["source"], q["start"])), self._serial,
                    Amount(q["value"], q.get("max"), bool(q.get("approx")), q["unit"], q["text"], doc["source"]))
            heap = self.money[q["unit"]]
            if len(heap) < self.rows:
                heapq.heappush(heap, item)
            elif item[:2] > heap[0][:2]:
                heapq.heapreplace(heap, item)

    def top(self) -> TopView:
        view = TopView(documents=self.documents, rows=self.rows)
        for kind in ENTITY_TYPES:
            rows = [EntityCount(t, n, c, self.in_documents[(t, n)]) for (t, n), c in self.mentions.items() if t == kind]
            if rows:
                view.entities[kind] = sorted(rows, key=_entity_order)[: self.rows]
        pairs = [Pairing(c, h, d, self.pair_sentences[(c, h)]) for (c, h), d in self.pair_documents.items()]
        view.hardware_companies = sorted(pairs, key=_pair_order)[: self.rows]
        for unit, _ in sorted(self.money_count.items(), key=lambda kv: (-kv[1], kv[0])):
            view.money[unit] = [a for *_, a in sorted(self.money[unit], reverse=True)]
        return view


class _Reverse:
    """Orders (source, start) backwards, so the heap keeps the first document among equal values."""

    __slots__ = ("key",)

    def __init__(self, key: tuple) -> None:
        self.key = key

    def __lt__(self, other: _Reverse) -> bool:
        return self.key > other.key

    def __gt__(self, other: _Reverse) -> bool:
        return self.key < other.key

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Reverse) and self.key == other.key


def from_documents(docs: Iterable[dict[str, Any]], rows: int = 10) -> TopView:
    corpus = Corpus(rows)
    for doc in docs:
        corpus.add(doc)
    return corpus.top()
