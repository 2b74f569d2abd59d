"""natasha's news syntax model: words in, (head, relation) per word out, batched.

slovnet's ``Syntax`` forward pass and decoding (word and shape embedding, CNN encoder,
biaffine head and relation scorers, masked argmax), run on the lean-loaded model file
without importing slovnet or natasha (their imports cost ~40 ms of a one-article run).
The arithmetic is slovnet's, with three shortcuts that keep every float the same: each
distinct (word, shape) of a batch goes through the first convolution once, the encoder
is `fastcnn.PaddedCNNEncoder`, and the relation scores are one matmul and one reduction
instead of a stack of tiny matrix products. Tests compare the trees with natasha's parser.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .fastcnn import PaddedCNNEncoder
from .models import SYNTAX_FILE, WordShapeEmbedding, load_slovnet
from .ner import word_shape

# Sentences padded together (natasha's parser pads 8; more amortise numpy's overhead).
BATCH = 32
# Distinct words remembered (word id, shape id); cleared when full (~150 bytes a word).
CACHE_WORDS = 60_000


class _FF:
    """slovnet's ``FF``: a linear layer, then ReLU."""

    def __init__(self, model, node: dict) -> None:
        self.weight = model.weight(node["proj"]["weight"])
        self.bias = model.weight(node["proj"]["bias"])

    def __call__(self, x: np.ndarray) -> np.ndarray:
        shape = x.shape
        out = np.matmul(x.reshape(-1, self.weight.shape[0]), self.weight) + self.bias
        return out.reshape(*shape[:-1], self.weight.shape[1]).clip(0)


class SyntaxNet:
    """natasha's news syntax model, loaded once."""

    def __init__(self) -> None:
        model = load_slovnet(SYNTAX_FILE, vocabs=("word", "shape", "rel"))
        config = model.config
        self._emb = WordShapeEmbedding(model, "syntax")
        self._encoder = PaddedCNNEncoder.from_model(model, config["encoder"])
        head, rel = config["head"], config["rel"]
        self._head = (_FF(model, head["head"]), _FF(model, head["tail"]), model.weight(head["root"]),
                      model.weight(head["kernel"]))
        self._rel = (_FF(model, rel["head"]), _FF(model, rel["tail"]), model.weight(rel["root"]),
                     model.weight(rel["kernel"]))
        self._words, self._shapes = model.vocabs["word"], model.vocabs["shape"]
        self._rels = model.vocabs["rel"]
        self._cache: dict[str, tuple[int, int]] = {}

    def parse(self, sentences: Sequence[Sequence[str]]) -> list[tuple[list[int], list[str]]]:
        """For each sentence (its words), each word's head (0-based, -1 for the root) and relation."""
        out: list[tuple[list[int], list[str]]] = []
        for k in range(0, len(sentences), BATCH):
            out.extend(self._batch(sentences[k : k + BATCH]))
        return out

    def _ids(self, word: str) -> tuple[int, int]:
        pair = self._cache.get(word)
        if pair is None:
            if len(self._cache) >= CACHE_WORDS:
                self._cache.clear()
            pair = self._cache[word] = (self._words.encode(word.lower()), self._shapes.encode(word_shape(word)))
        return pair

    def _batch(self, sentences: Sequence[Sequence[str]]) -> list[tuple[list[int], list[str]]]:
        size = max(len(s) for s in sentences)
        word_id = np.full((len(sentences), size), self._words.pad_id)
        shape_id = np.full((len(sentences), size), self._shapes.pad_id)
        for n, words in enumerate(sentences):
            if words:
                ids = [self._ids(w) for w in words]
                word_id[n, : len(ids)] = [i for i, _ in ids]
                shape_id[n, : len(ids)] = [s for _, s in ids]
        pad = word_id == self._words.pad_id
        heads, rels = self._forward(word_id, shape_id, pad)
        out = []
        for n in range(len(sentences)):
            count = int((~pad[n]).sum())
            out.append(([int(h) - 1 for h in heads[n, :count].tolist()],
                        [self._rels.decode(int(r)) for r in rels[n, :count]]))
        return out

    def _forward(self, word_id: np.ndarray, shape_id: np.ndarray, pad: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        # each distinct (word, shape) is embedded and put through the first layer once
        shapes = len(self._emb.shapes)
        ids, inverse = np.unique(word_id.astype(np.int64) * shapes + shape_id, return_inverse=True)
        x = self._encoder(self._emb(ids // shapes, ids % shapes), pad, inverse.reshape(word_id.shape))
        mask = ~pad
        head_id = _decode_heads(self._score_heads(x), mask)
        rel_id = _decode_rels(self._score_rels(x, head_id), mask)
        return head_id, rel_id

    def _score_heads(self, x: np.ndarray) -> np.ndarray:
        """slovnet's ``SyntaxHead``: (batch, seq, 1 + seq) scores of each word's head, root first."""
        head_ff, tail_ff, root, kernel = self._head
        x = _append_root(x, root)
        scores = np.matmul(np.matmul(head_ff(x), kernel), tail_ff(x).swapaxes(-2, -1))
        return scores[:, 1:, :]

    def _score_rels(self, x: np.ndarray, head_id: np.ndarray) -> np.ndarray:
        """slovnet's ``SyntaxRel``, the bilinear product as one matmul and one reduction
        (slovnet multiplies (seq x rels x hidden) by (hidden x 1) as many tiny products)."""
        head_ff, tail_ff, root, kernel = self._rel
        head = head_ff(_gather_head(x, root, head_id))
        tail = tail_ff(x)
        batch, seq, _ = x.shape
        hidden, dim = kernel.shape
        scores = (head @ kernel).reshape(batch, seq, dim // hidden, hidden)
        return np.einsum("bsrh,bsh->bsr", scores, tail)


def _append_root(x: np.ndarray, root: np.ndarray) -> np.ndarray:
    batch, _, dim = x.shape
    return np.concatenate((np.tile(root, batch).reshape(batch, 1, dim), x), axis=1)


def _gather_head(x: np.ndarray, root: np.ndarray, index: np.ndarray) -> np.ndarray:
    """Each word's head's vector (the root's for index 0), as slovnet's ``gather_head``."""
    batch, seq, dim = x.shape
    x = _append_root(x, root)
    index = np.concatenate((np.zeros((batch, 1), dtype=np.int_), index), axis=-1)
    index = (np.arange(batch) * (seq + 1))[np.newaxis].T + index
    return x.reshape(-1, dim)[index][:, 1:, :]


def _fill_masked(x: np.ndarray, mask: np.ndarray, fill) -> np.ndarray:
    return fill * mask + x * ~mask


def _decode_heads(scores: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """slovnet's ``SyntaxHead.decode``: the best head among the sentence's words and the root."""
    rooted = np.pad(mask, [(0, 0), (1, 0)], mode="constant", constant_values=True)
    rooted = np.expand_dims(rooted, axis=-2)
    pairs = np.matmul(rooted.swapaxes(-2, -1), rooted)[:, 1:, :]
    return _fill_masked(scores, ~pairs, scores.min()).argmax(-1)


def _decode_rels(scores: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """slovnet's ``SyntaxRel.decode``: the best relation of each word to its head."""
    mask = np.repeat(np.expand_dims(mask, axis=-1), scores.shape[-1], axis=-1)
    return _fill_masked(scores, ~mask, scores.min()).argmax(-1)
