"""The corpus view (``newsfacts top``): what a folder of articles, or a --db store, talks about.

Three answers, the same whether computed from documents (:class:`Corpus`) or
from a store by SQL (:func:`from_store`):

* the most mentioned entities of each kind, with mention and document counts;
* the hardware named with each company: pairs (company, hardware) with the
  documents that name both and the sentences that name both. A company is not
  paired with hardware of its own make (NVIDIA with NVIDIA H100 says nothing);
* the largest amounts of money, per currency (no conversion), each with its
  document; one amount repeated in a document counts once.

Ties are broken by name, so the output is stable.
"""

from __future__ import annotations

import heapq
import sqlite3
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


def _same_make(company: str, vendor: str | None) -> bool:
    return vendor is not None and company.casefold() == vendor.casefold()


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
            key = (q["value"], q.get("max"), q["unit"])
            if key in seen:
                continue
            seen.add(key)
            self.money_count[q["unit"]] += 1
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


# ------------------------------------------------------------------ from a store

_TOP_ENTITIES = """
SELECT normal, COUNT(*) AS mentions, COUNT(DISTINCT document_id) AS documents
FROM entities
WHERE type = :type AND normal IS NOT NULL
GROUP BY normal
ORDER BY mentions DESC, documents DESC, normal
LIMIT :rows
"""

# Hardware mentions are few, so the join starts from them (index entities_type_normal),
# and reaches the same documents' ORG mentions through entities_document.
_TOP_PAIRS = """
WITH hw AS (
    SELECT DISTINCT document_id, sentence, normal, vendor FROM entities WHERE type = 'HARDWARE'
), org AS (
    SELECT DISTINCT e.document_id, e.sentence, e.normal
    FROM entities AS e
    WHERE e.type = 'ORG' AND e.document_id IN (SELECT document_id FROM hw)
), pair AS (
    SELECT org.normal AS company, hw.normal AS hardware, org.document_id AS doc,
           CASE WHEN org.sentence = hw.sentence THEN org.sentence END AS same
    FROM hw JOIN org ON org.document_id = hw.document_id
    WHERE hw.vendor IS NULL OR fold(org.normal) <> fold(hw.vendor)
)
SELECT company, hardware, COUNT(DISTINCT doc) AS documents,
       COUNT(DISTINCT CASE WHEN same IS NOT NULL THEN doc || ':' || same END) AS sentences
FROM pair
GROUP BY company, hardware
ORDER BY documents DESC, sentences DESC, company, hardware
LIMIT :rows
"""

_MONEY_UNITS = """
SELECT unit, COUNT(*) FROM (SELECT DISTINCT document_id, value, max, unit FROM quantities WHERE kind = 'money')
GROUP BY unit ORDER BY COUNT(*) DESC, unit
"""

_LARGEST_MONEY = """
SELECT q.value, q.max, q.approx, q.text, d.path, q.document_id
FROM quantities AS q JOIN documents AS d ON d.id = q.document_id
WHERE q.kind = 'money' AND q.unit = :unit
ORDER BY q.value DESC, d.path, q.start
LIMIT :limit
"""


def open_store(path: str) -> sqlite3.Connection:
    """A read-only connection; a missing file is an error, never a new empty store."""
    from pathlib import Path

    uri = Path(path).resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    conn.create_function("fold", 1, lambda s: None if s is None else s.casefold(), deterministic=True)
    return conn


def from_store(conn: sqlite3.Connection, rows: int = 10) -> TopView:
    """The same view as :func:`from_documents`, answered by SQL over a ``--db`` store."""
    count = conn.execute("SELECT COUNT(*) FROM documents WHERE error IS NULL").fetchone()[0]
    view = TopView(documents=count, rows=rows)
    for kind in ENTITY_TYPES:
        found = [EntityCount(kind, *row) for row in conn.execute(_TOP_ENTITIES, {"type": kind, "rows": rows})]
        if found:
            view.entities[kind] = found
    view.hardware_companies = [Pairing(*row) for row in conn.execute(_TOP_PAIRS, {"rows": rows})]
    for unit, _ in conn.execute(_MONEY_UNITS).fetchall():
        view.money[unit] = _largest(conn, unit, rows)
    return view


def _largest(conn: sqlite3.Connection, unit: str, rows: int) -> list[Amount]:
    """The ``rows`` largest distinct amounts of a currency: read from the index, repeats dropped."""
    limit = rows * 4
    while True:
        found = conn.execute(_LARGEST_MONEY, {"unit": unit, "limit": limit}).fetchall()
        out, seen = [], set()
        for value, max_, approx, text, path, doc_id in found:
            if (doc_id, value, max_) in seen:
                continue
            seen.add((doc_id, value, max_))
            out.append(Amount(value, max_, bool(approx), unit, text, path))
        if len(out) >= rows or len(found) < limit:
            return out[:rows]
        limit *= 4
