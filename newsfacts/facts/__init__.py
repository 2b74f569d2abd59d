"""Facts on top of mentions: whose amount it is, who holds which post, and when.

``FactLinker.link(docs)`` takes documents whose entities and quantities are built and
returns them with DATE entities added, every quantity's ``subject``/``predicate`` set
where the text tells it, and ``roles``. Only sentences with an amount are parsed, in
one batch across the documents given (like NER).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace

from .. import recache
from ..const import DATE
from ..doc import Document, Entity, Quantity
from .anaphora import ANAPHOR_FORMS
from .context import Context, Sentence, compared_starts, source_starts
from .predicates import price_word
from .roles import find_roles
from .subjects import link_quantity
from .syntax import SyntaxParser, Tree
from .untreed import link_untreed, name_before, restatement

__all__ = ["FactLinker"]


class FactLinker:
    """Adds dates, subjects and roles to built documents; the syntax model loads on first need."""

    def __init__(self) -> None:
        from ..extractors.dates import DateExtractor

        self.parser = SyntaxParser()
        self.dates = DateExtractor()

    def link(self, docs: Sequence[Document]) -> list[Document]:
        docs = [self._with_dates(d) for d in docs]
        wanted: list[tuple[int, int]] = []  # (document, sentence) pairs to parse
        for n, d in enumerate(docs):
            named = _Spans([e for e in d.entities if e.type != DATE])
            wanted += [(n, i) for i in sorted({q.sentence for q in d.quantities}) if _needs_tree(d, i, named)]
        trees: dict[tuple[int, int], Tree] = {}
        if wanted:
            sents = [docs[n].sentences[i] for n, i in wanted]
            ends = [_last_amounts(d) for d in docs]
            texts = [_parsed_part(docs[n].sentences[i], ends[n][i]) for n, i in wanted]
            parsed = self.parser.parse(texts, [s.start for s in sents])
            trees = dict(zip(wanted, parsed, strict=True))
        by_doc: dict[int, dict[int, Tree]] = {}
        for (n, i), t in trees.items():
            by_doc.setdefault(n, {})[i] = t
        return [self._link_one(d, by_doc.get(n, {})) for n, d in enumerate(docs)]

    def _with_dates(self, doc: Document) -> Document:
        """DATE entities join the others; one that overlaps a name ("CES 2020") is part of that name."""
        spans = _Spans(doc.entities)
        starts = [s.start for s in doc.sentences]
        dates = [
            replace(e, sentence=max(bisect_right(starts, e.start) - 1, 0))
            for e in self.dates.find(doc.text, doc.published)
            if not spans.overlapping(e.start, e.stop)
        ]
        if not dates:
            return doc
        entities = sorted((*doc.entities, *dates), key=lambda e: (e.start, e.stop))
        return replace(doc, entities=tuple(entities))

    def _link_one(self, doc: Document, trees: dict[int, Tree]) -> Document:
        named = [e for e in doc.entities if e.type != DATE]
        spans = _Spans(named)
        ctx = Context(named, source_starts(doc.text, named), compared=compared_starts(doc.text, named), text=doc.text)
        quantities: list[Quantity] = []
        views: dict[int, Sentence] = {}
        for q in doc.quantities:
            same = restatement(doc.text, quantities[-1] if quantities else None, q)
            if same is not None:
                quantities.append(replace(q, subject=same.subject, predicate=same.predicate))
                continue
            named_subject = name_before(doc.text, named, ctx, q)
            if named_subject is not None:
                # a ranking repeats the word of the amount before it ("купила 224 тысячи, Google – 169 тысяч")
                prev = quantities[-1] if quantities and quantities[-1].sentence == q.sentence else None
                word = price_word(q, named_subject, prev.predicate if prev else None)
                quantities.append(replace(q, subject=named_subject, predicate=word))
                continue
            tree = trees.get(q.sentence)
            if tree is None or not tree.tokens:
                sent = doc.sentences[q.sentence]
                subject, predicate = link_untreed(ctx, q, sent.text, sent.start)
                quantities.append(replace(q, subject=subject, predicate=predicate))
                continue
            if q.sentence not in views:
                views[q.sentence] = Sentence(tree, _entity_tokens(tree, spans))
            subject, predicate = link_quantity(views[q.sentence], ctx, q)
            if subject is not None:
                # a later pronoun ("она") most likely means the holder just named
                ctx.recent = Entity(subject.type, subject.text, subject.normal, subject.start, subject.stop)
                ctx.recent_sentence = q.sentence
            quantities.append(replace(q, subject=subject, predicate=predicate if subject else None))
        roles = find_roles(doc.text, doc.sentences, named)
        return replace(doc, quantities=tuple(quantities), roles=tuple(roles))


_TAIL_RE = recache.compile(r"(?:[^\S\n]*(?:[^\s,.;:!?]+|[,.;:!?]+)){0,4}")


def _last_amounts(doc: Document) -> dict[int, int]:
    """Sentence index -> where its last amount ends."""
    ends: dict[int, int] = {}
    for q in doc.quantities:
        ends[q.sentence] = max(ends.get(q.sentence, q.stop), q.stop)
    return ends


def _parsed_part(sent, last_amount_stop: int) -> str:
    """The sentence up to its last amount and four words or signs more: holders stand before or right
    after an amount, and the parse costs by the word."""
    stop = _TAIL_RE.match(sent.text, last_amount_stop - sent.start).end()
    return sent.text[:stop]


class _Spans:
    """Entities sorted by start, looked up by position: scans of every entity for every sentence or
    amount made long documents quadratic."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.entities = sorted(entities, key=lambda e: (e.start, e.stop))
        self.starts = [e.start for e in self.entities]
        self.longest = max((e.stop - e.start for e in self.entities), default=0)

    def starting_in(self, lo: int, hi: int) -> list[Entity]:
        return self.entities[bisect_left(self.starts, lo) : bisect_left(self.starts, hi)]

    def overlapping(self, lo: int, hi: int) -> list[Entity]:
        return [e for e in self.starting_in(lo - self.longest, hi) if e.stop > lo and e.start < hi]


def _needs_tree(doc: Document, index: int, named: _Spans) -> bool:
    """Only a sentence that names someone, or refers back to someone, can tie an amount to a holder."""
    sent = doc.sentences[index]
    if named.starting_in(sent.start, sent.stop):
        return True
    return ANAPHOR_FORMS.search(sent.text) is not None


def _entity_tokens(tree: Tree, spans: _Spans) -> dict[int, Entity]:
    out: dict[int, Entity] = {}
    if not tree.tokens:
        return out
    lo, hi = tree.tokens[0].start, tree.tokens[-1].stop
    for e in spans.overlapping(lo, hi):
        for t in tree.tokens:
            if t.start < e.stop and e.start < t.stop:
                out[t.index] = e
    return out
