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

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from .. import recache
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
    """natasha's news syntax parser (`extractors.syntaxnet`), loaded on first use."""

    def __init__(self) -> None:
        self._net = None

    def parse(self, texts: Sequence[str], offsets: Sequence[int] | None = None) -> list[Tree]:
        """A tree for each text; `offsets` shift token offsets into the document."""
        if self._net is None:
            from ..extractors.syntaxnet import SyntaxNet

            self._net = SyntaxNet()
        offsets = offsets or [0] * len(texts)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        trees: list[Tree] = [Tree((), ()) for _ in texts]
        for k in range(0, len(order), SYNTAX_BATCH):
            batch = order[k : k + SYNTAX_BATCH]
            words = [_merge_groups(_tokenize(texts[i])) for i in batch]
            keep = [n for n, w in enumerate(words) if w]
            if not keep:
                continue
            preds = self._net.parse([[w.text for w in words[n]] for n in keep])
            for n, (heads, rels) in zip(keep, preds, strict=True):
                base = offsets[batch[n]]
                tokens = [
                    Token(j, w.text, base + w.start, base + w.stop, h, rel)
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
_TOKEN_RE = recache.compile(
    r"\d+(?:[.,]\d+)*(?:[-–—/]\d+(?:[.,]\d+)*)*(?![\w]|[-–—]\w)|\w+(?:[-–—']\w+)*|\.\.\.|[^\w\s]"
)


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
