"""The extraction pipeline: sentences, NER, hardware, quantities, one Document.

`Extractor` loads its models once, on first use, and `map` batches the neural
work across the sentences of several documents.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from . import recache
from .const import ORG
from .doc import Document, Entity, Quantity, Sentence
from .extractors.entities import assemble
from .extractors.ner import NerTagger
from .segment import split_sentences
from .settings import CHUNK_SENTENCES  # sentences per NER call: documented with the other batch sizes

# Lone surrogates (from surrogateescape or unicode_escape decoding) cannot be
# encoded as UTF-8, so the JSON of their document could not be written.
_SURROGATE = recache.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """`text` with every lone surrogate replaced by U+FFFD (one for one: offsets stay valid)."""
    return _SURROGATE.sub("\ufffd", text)


class Extractor:
    """Reusable extractor: ``Extractor().extract(text)`` or ``.map(texts)``."""

    def __init__(self, *, hardware: bool = True, quantities: bool = True, facts: bool = True) -> None:
        self.use_hardware = hardware
        self.use_quantities = quantities
        self.use_facts = facts  # dates, subjects of amounts, roles (newsfacts.facts)
        self._facts = None
        self._ner: NerTagger | None = None
        self._hardware = None
        self._quantities = None

    # Models load lazily so that building an Extractor is free until it is used.
    @property
    def ner(self) -> NerTagger:
        if self._ner is None:
            self._ner = NerTagger()
        return self._ner

    @property
    def hardware(self):
        if self._hardware is None:
            from .extractors.hardware import HardwareExtractor

            self._hardware = HardwareExtractor()
        return self._hardware

    @property
    def quantities(self):
        if self._quantities is None:
            from .extractors.quantities import QuantityExtractor

            self._quantities = QuantityExtractor()
        return self._quantities

    def extract(self, text: str, source: str = "<text>", published: str | None = None) -> Document:
        """Facts of one text; `published` (ISO date) anchors relative dates."""
        return next(iter(self.map([(source, text, published)])))

    def map(self, items: Iterable[str | tuple[str, str] | tuple[str, str, str | None]]) -> Iterator[Document]:
        """Facts of many texts, in order, NER batched across them.

        An item is a text, a (source, text) pair or a (source, text, published) triple.
        Lone surrogates in them are replaced by U+FFFD, so every Document encodes as UTF-8.
        """
        pending: list[_Pending] = []
        size = 0
        for n, item in enumerate(items):
            if isinstance(item, str):
                item = (f"<text {n}>", item)
            source, text, published = (*item, None)[:3]
            source, text = clean_text(source), clean_text(text)
            published = None if published is None else clean_text(published)
            sentences = split_sentences(text)
            if len(sentences) > CHUNK_SENTENCES:
                yield from self._flush(pending)
                pending, size = [], 0
                yield self._one_large(_Pending(source, text, sentences, published))
                continue
            pending.append(_Pending(source, text, sentences, published))
            size += len(sentences)
            if size >= CHUNK_SENTENCES:
                yield from self._flush(pending)
                pending, size = [], 0
        yield from self._flush(pending)

    def _flush(self, pending: list[_Pending]) -> Iterator[Document]:
        if not pending:
            return
        flat = [s.text for p in pending for s in p.sentences]
        tags = self.ner.tag(flat)
        pos = 0
        docs = []
        for p in pending:
            spans = tags[pos : pos + len(p.sentences)]
            pos += len(p.sentences)
            docs.append(self._build(p, spans))
        yield from self._link(docs)

    def _one_large(self, p: _Pending) -> Document:
        # NER over sentence chunks: memory stays bounded however long the input is.
        spans: list[list[tuple[int, int, str]]] = []
        for k in range(0, len(p.sentences), CHUNK_SENTENCES):
            spans.extend(self.ner.tag([s.text for s in p.sentences[k : k + CHUNK_SENTENCES]]))
        return self._link([self._build(p, spans)])[0]

    def _link(self, docs: list[Document]) -> list[Document]:
        """Facts stage: DATE entities, subjects of amounts, roles (one parse batch for all docs)."""
        if not self.use_facts:
            return docs
        if self._facts is None:
            from .facts import FactLinker

            self._facts = FactLinker()
        return self._facts.link(docs)

    def _build(self, p: _Pending, spans: Sequence[list[tuple[int, int, str]]]) -> Document:
        source, text, sentences = p.source, p.text, p.sentences
        hardware: list[Entity] = self.hardware.find(text) if self.use_hardware else []
        hw_spans = [(e.start, e.stop) for e in hardware if e.type != ORG]
        entities = assemble(text, sentences, spans, hardware)
        quantities: list[Quantity] = []
        if self.use_quantities:
            quantities = self.quantities.find(text, skip=hw_spans)
        starts = [s.start for s in sentences]
        return Document(
            source=source,
            text=text,
            published=p.published,
            sentences=tuple(sentences),
            entities=tuple(sorted((_place(e, starts) for e in entities), key=lambda e: (e.start, e.stop))),
            quantities=tuple(sorted((_place(q, starts) for q in quantities), key=lambda q: (q.start, q.stop))),
        )


@dataclass(frozen=True, slots=True)
class _Pending:
    """A document waiting for its NER batch."""

    source: str
    text: str
    sentences: list[Sentence]
    published: str | None = None


def _place(item, starts: list[int]):
    """Set the index of the sentence that holds the item."""
    return replace(item, sentence=max(bisect_right(starts, item.start) - 1, 0))


_default: Extractor | None = None


def extract(text: str, source: str = "<text>", published: str | None = None) -> Document:
    """Facts of one text with a process-wide default Extractor (models load once)."""
    global _default
    if _default is None:
        _default = Extractor()
    return _default.extract(text, source, published)
