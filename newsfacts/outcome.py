"""The outcome of one input, the single record that flows to every sink (renderer, store, ...).

``extract_items`` is the step between reading and writing: it turns read items into outcomes
with one Extractor, so that any executor (the local process pool, Dask) maps the same items to
the same outcomes, in order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .pipeline import Extractor
    from .readers import Item


@dataclass(frozen=True, slots=True)
class Outcome:
    """One input's result: ``doc`` (``Document.as_json()``) or ``error``.

    ``stored`` marks a document that ``--db`` already held: not extracted again, its ``doc``
    is read back from the store before it reaches the sinks.
    """

    source: str
    key: str
    content_hash: str | None = None
    doc: dict[str, Any] | None = None
    error: str | None = None
    stored: bool = False

    @classmethod
    def of(cls, item: Item, doc: dict[str, Any] | None = None, error: str | None = None) -> Outcome:
        return cls(item.source, item.key, item.content_hash, doc, error or item.error, item.stored)

    @property
    def facts(self) -> int:
        d = self.doc or {}
        return sum(len(d.get(k) or ()) for k in ("entities", "quantities", "roles"))


def extract_items(extractor: Extractor, items: Sequence[Item]) -> list[Outcome]:
    """Outcomes of ``items`` (all with text), NER batched across them; a document that raises fails alone."""
    try:
        docs = list(extractor.map([(i.source, i.text or "", i.published) for i in items]))
        return [Outcome.of(i, d.as_json()) for i, d in zip(items, docs, strict=True)]
    except Exception:  # noqa: BLE001 - one document broke the batch: redo one by one, the others survive
        pass
    out = []
    for item in items:
        try:
            out.append(Outcome.of(item, extractor.extract(item.text or "", item.source, item.published).as_json()))
        except Exception as e:  # noqa: BLE001 - reported as this document's error line
            out.append(Outcome.of(item, error=f"internal error: {type(e).__name__}: {e}"))
    return out
