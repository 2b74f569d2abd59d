"""natasha's news NER model: sentences in, (start, stop, type) spans out, batched."""

from __future__ import annotations

from collections.abc import Sequence

from .._compat import install_pymorphy_alias

# Sentences per NER batch: big enough to amortise numpy overhead, small enough
# that one giant input never becomes one giant model call.
NER_BATCH = 64


class NerTagger:
    """natasha's news NER model, loaded once."""

    def __init__(self, fast: bool = True) -> None:
        install_pymorphy_alias()
        from natasha import NewsEmbedding, NewsNERTagger

        self._tagger = NewsNERTagger(NewsEmbedding())
        self._tagger.batch_size = NER_BATCH
        self._tagger.infer.encoder.batch_size = 32  # sentences padded together
        if fast:
            from .fastcnn import FastCNNEncoder

            model = self._tagger.infer.model
            model.encoder = FastCNNEncoder(model.encoder)

    def tag(self, texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
        """Spans (start, stop, type) for each text, batched by similar length to cut padding.

        Calls slovnet's encoder and model directly: its own ``map`` tokenises every
        text twice (once for the words, once to find their offsets again).
        """
        from razdel import tokenize

        infer = self._tagger.infer
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        result: list[list[tuple[int, int, str]]] = [[] for _ in texts]
        for k in range(0, len(order), NER_BATCH):
            batch = [i for i in order[k : k + NER_BATCH]]
            tokens = [list(tokenize(texts[i])) for i in batch]
            keep = [n for n, t in enumerate(tokens) if t]
            if not keep:
                continue
            preds = infer.decoder(infer.process(infer.encoder([[t.text for t in tokens[n]] for n in keep])))
            for n, tags in zip(keep, preds, strict=True):
                result[batch[n]] = _bio_spans(tokens[n], tags)
        return result


def _bio_spans(tokens, tags) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    current = None
    for token, tag in zip(tokens, tags, strict=False):
        if tag.startswith("B-") or (tag.startswith("I-") and (current is None or current[2] != tag[2:])):
            if current:
                spans.append(current)
            current = (token.start, token.stop, tag[2:])
        elif tag.startswith("I-") and current is not None:
            current = (current[0], token.stop, current[2])
        else:
            if current:
                spans.append(current)
            current = None
    if current:
        spans.append(current)
    return spans
