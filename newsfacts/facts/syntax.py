"""Dependency trees for the sentences that need them (natasha's news syntax model).

The parser loads lazily, offline, from natasha's installed files, sharing the
NER tagger's lean navec embedding (extractors/models.py). Sentences
are parsed in batches of similar length, like NER, and the CNN encoder runs
through the same fast forward pass as NER's. Lemmas, parts of speech and cases
come from the shared cached pymorphy analyzer: the syntax model needs only the
words, and natasha's morphology tagger would cost more than the whole parse
while the rules below only ask for a lemma and a case.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from ..morph import parse as morph_parse

_MODIFIER_RELS = frozenset({"nummod", "nummod:gov", "case", "amod", "punct", "det", "advmod", "cc"})
# Sentences per model call: amortises numpy overhead, bounds memory.
SYNTAX_BATCH = 64


class Token(NamedTuple):
    """One word of a parsed sentence; offsets are into the document text (a named tuple:
    a parse builds one per word, and a frozen dataclass costs three times as much)."""

    index: int
    text: str
    start: int
    stop: int
    head: int  # index of the governing token, -1 for the root
    rel: str  # Universal Dependencies relation to the head ("nsubj", "nmod", ...)

    @property
    def low(self) -> str:
        return self.text.lower().replace("ё", "е")

    @property
    def lemma(self) -> str:
        p = morph_parse(self.low)
        return p[0].normal_form.replace("ё", "е") if p else self.low

    @property
    def pos(self) -> str | None:
        p = morph_parse(self.low)
        return p[0].tag.POS if p else None

    def can_be(self, grammeme: str) -> bool:
        """True when some pymorphy reading of the word carries the grammeme ("gent", "VERB")."""
        return any(grammeme in p.tag for p in morph_parse(self.low))


@dataclass(frozen=True, slots=True)
class Tree:
    """A parsed sentence: tokens with heads, and each token's children."""

    tokens: tuple[Token, ...]
    children: tuple[tuple[int, ...], ...]

    @classmethod
    def build(cls, tokens: Sequence[Token]) -> Tree:
        kids: list[list[int]] = [[] for _ in tokens]
        for t in tokens:
            if 0 <= t.head < len(tokens) and t.head != t.index:
                kids[t.head].append(t.index)
        return cls(tuple(tokens), tuple(tuple(k) for k in kids))

    def head_of(self, start: int, stop: int) -> int | None:
        """The token of the span [start, stop) whose head lies outside the span."""
        inside = [t.index for t in self.tokens if t.start < stop and start < t.stop]
        if not inside:
            return None
        span = set(inside)
        leaving = [i for i in inside if self.tokens[i].head not in span]
        # the counted noun heads "около 10 000 процессоров", not a number or preposition in it
        for i in leaving:
            if self.tokens[i].rel not in _MODIFIER_RELS:
                return i
        return leaving[0] if leaving else inside[-1]

    def parent(self, i: int) -> Token | None:
        h = self.tokens[i].head
        return self.tokens[h] if 0 <= h < len(self.tokens) else None


class SyntaxParser:
    """natasha's NewsSyntaxParser, loaded on first use."""

    def __init__(self) -> None:
        self._infer = None

    def _load(self):
        from ..extractors.fastcnn import PaddedCNNEncoder
        from ..extractors.models import load_syntax_parser

        # natasha's NewsSyntaxParser(NewsEmbedding()), without importing natasha, sharing
        # NER's memory-mapped embedding (navec's tables would cost ~0.3 s and ~100 MB)
        parser = load_syntax_parser()
        infer = parser.infer
        infer.encoder.batch_size = 32  # sentences padded together
        infer.model.encoder = PaddedCNNEncoder(infer.model.encoder)
        infer.model.rel = FastRel(infer.model.rel)
        infer.model = DistinctRows(infer.model)
        # news repeats words: encode each (vocabulary id, shape) once
        encode = infer.encoder.item
        cache: dict[str, tuple[int, int]] = {}

        def item(words):
            pairs = []
            for w in words:
                pair = cache.get(w)
                if pair is None:
                    ids, shapes = encode([w])
                    pair = cache[w] = (ids[0], shapes[0])
                    if len(cache) > 60_000:  # ~150 bytes a word: flat memory on long runs
                        cache.clear()
                pairs.append(pair)
            return [p[0] for p in pairs], [p[1] for p in pairs]

        infer.encoder.item = item
        return infer

    def parse(self, texts: Sequence[str], offsets: Sequence[int] | None = None) -> list[Tree]:
        """A tree for each text; `offsets` shift token offsets into the document."""
        if self._infer is None:
            self._infer = self._load()
        infer = self._infer
        offsets = offsets or [0] * len(texts)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        trees: list[Tree] = [Tree((), ()) for _ in texts]
        for k in range(0, len(order), SYNTAX_BATCH):
            batch = order[k : k + SYNTAX_BATCH]
            words = [_merge_groups(_tokenize(texts[i])) for i in batch]
            keep = [n for n, w in enumerate(words) if w]
            if not keep:
                continue
            preds = infer.decoder(infer.process(infer.encoder([[w.text for w in words[n]] for n in keep])))
            for n, (_ids, heads, rels) in zip(keep, preds, strict=True):
                base = offsets[batch[n]]
                tokens = [
                    Token(j, w.text, base + w.start, base + w.stop, int(h) - 1, rel)
                    for j, (w, h, rel) in enumerate(zip(words[n], heads, rels, strict=True))
                ]
                trees[batch[n]] = Tree.build(tokens)
        return trees


class _Word(NamedTuple):
    text: str
    start: int
    stop: int


# razdel's tokens in one regex (numbers and ranges, hyphenated words, "...", any other sign):
# the same split on ~97% of news sentences (the rest differ in URLs and codes) at a tenth of the cost.
_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*(?:[-–—/]\d+(?:[.,]\d+)*)*(?![\w]|[-–—]\w)|\w+(?:[-–—']\w+)*|\.\.\.|[^\w\s]")


def _tokenize(text: str) -> list[_Word]:
    return [_Word(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def _merge_groups(words: list) -> list:
    """ "10 000" is one number to the parser, not two (razdel splits digit groups)."""
    out: list = []
    for w in words:
        prev = out[-1] if out else None
        if (prev is not None and w.text.isdigit() and len(w.text) == 3 and prev.text.replace(",", "").isdigit()
                and w.start - prev.stop == 1):
            out[-1] = _Word(prev.text + w.text, prev.start, w.stop)
        else:
            out.append(w)
    return out


class FastRel:
    """slovnet's relation scorer with the bilinear product as one matmul and one reduction.

    slovnet multiplies (seq x relations x hidden) by (hidden x 1) as a stack of tiny matrix
    products, which takes most of the parse time; here the same sums run elementwise.
    """

    def __init__(self, rel) -> None:
        self._rel = rel
        self.decode = rel.decode

    def __call__(self, input, head_id):
        import numpy as np
        from slovnet.exec.model import gather_head

        rel = self._rel
        head = rel.head(gather_head(input, rel.root.array, head_id))
        tail = rel.tail(input)
        batch, seq, _ = input.shape
        hidden, dim = rel.kernel.shape
        x = (head @ rel.kernel.array).reshape(batch, seq, dim // hidden, hidden)
        return np.einsum("bsrh,bsh->bsr", x, tail)


class DistinctRows:
    """slovnet's ``Syntax`` forward pass with each distinct (word, shape) embedded and put
    through the first convolution once per batch (a batch repeats about half its tokens);
    the rest is slovnet's, so heads and relations are the same."""

    def __init__(self, model) -> None:
        self._model = model
        self.head = model.head  # SyntaxInfer decodes with these
        self.rel = model.rel

    def __call__(self, word_id, shape_id, pad_mask):
        import numpy as np
        from slovnet.exec.model import SyntaxPred

        m = self._model
        shapes = int(shape_id.max()) + 1
        ids, inverse = np.unique(word_id.astype(np.int64) * shapes + shape_id, return_inverse=True)
        x = m.emb(ids // shapes, ids % shapes)
        x = m.encoder(x, pad_mask, inverse.reshape(word_id.shape))
        head_id = m.head(x)
        rel_id = m.rel(x, m.head.decode(head_id, ~pad_mask))
        return SyntaxPred(head_id, rel_id)
