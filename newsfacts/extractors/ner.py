"""natasha's news NER model: sentences in, (start, stop, type) spans out, batched.

slovnet's forward pass (embedding, CNN encoder, linear head, CRF), run on the
lean-loaded model files (`models`) without importing natasha or slovnet: each
distinct token is looked up once (word id and shape id, cached), the word
vectors are gathered with ``np.take``, and the encoder is `fastcnn`'s. The
arithmetic is slovnet's, so the tags are too (tests compare them with
slovnet's own model).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ..segment import tokenize
from .fastcnn import FastCNNEncoder
from .models import load_embedding, load_slovnet

# Sentences per NER batch: big enough to amortise numpy overhead, small enough
# that one giant input never becomes one giant model call.
NER_BATCH = 64
# Sentences padded together (slovnet's encoder batch): tags depend on the padding,
# so this stays what the tags were checked against.
PAD_BATCH = 32
# Distinct tokens remembered (word id, shape id); cleared when full.
CACHE_TOKENS = 300_000

Token = tuple[int, int, str]


class NerTagger:
    """natasha's news NER model, loaded once."""

    def __init__(self) -> None:
        model = load_slovnet()
        config = model.config
        emb = load_embedding()
        if config["emb"]["word"]["id"] != emb.meta.id:
            raise ValueError(f"NER model wants embedding {config['emb']['word']['id']}, got {emb.meta.id}")
        self._emb = emb
        self._shape_weight = model.weight(config["emb"]["shape"]["weight"])
        self._encoder = FastCNNEncoder.from_model(model, config["encoder"])
        head = config["head"]
        self._proj_weight = model.weight(head["proj"]["weight"])
        self._proj_bias = model.weight(head["proj"]["bias"])
        self._transitions = model.weight(head["crf"]["transitions"])
        self._words = model.vocabs["word"]
        self._shapes = model.vocabs["shape"]
        self._tags = model.vocabs["tag"].items
        self._cache: dict[str, tuple[int, int]] = {}

    def tag(self, texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
        """Spans (start, stop, type) for each text, batched by similar length to cut padding."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        result: list[list[tuple[int, int, str]]] = [[] for _ in texts]
        for k in range(0, len(order), NER_BATCH):
            batch = order[k : k + NER_BATCH]
            tokens = [tokenize(texts[i]) for i in batch]
            keep = [n for n, t in enumerate(tokens) if t]
            for j in range(0, len(keep), PAD_BATCH):
                part = keep[j : j + PAD_BATCH]
                for n, tags in zip(part, self._predict([tokens[n] for n in part]), strict=True):
                    result[batch[n]] = _bio_spans(tokens[n], tags)
        return result

    def _ids(self, tokens: list[Token]) -> list[tuple[int, int]]:
        cache = self._cache
        ids = []
        for _, _, text in tokens:
            pair = cache.get(text)
            if pair is None:
                if len(cache) >= CACHE_TOKENS:
                    cache.clear()
                pair = cache[text] = (self._words.encode(text.lower()), self._shapes.encode(word_shape(text)))
            ids.append(pair)
        return ids

    def _predict(self, sentences: list[list[Token]]) -> list[list[str]]:
        """Tags of a batch of tokenised sentences, padded together as slovnet pads them."""
        length = max(map(len, sentences))
        word_id = np.full((len(sentences), length), self._words.pad_id)
        shape_id = np.full((len(sentences), length), self._shapes.pad_id)
        for n, tokens in enumerate(sentences):
            ids = self._ids(tokens)
            word_id[n, : len(ids)] = [w for w, _ in ids]
            shape_id[n, : len(ids)] = [s for _, s in ids]
        pad_mask = word_id == self._words.pad_id
        x = np.concatenate((self._emb.vectors(word_id), np.take(self._shape_weight, shape_id, axis=0)), axis=-1)
        x = self._encoder(x, pad_mask)
        emissions = np.matmul(x.reshape(-1, x.shape[-1]), self._proj_weight) + self._proj_bias
        emissions = emissions.reshape(*x.shape[:-1], -1)
        return [[self._tags[t] for t in path] for path in _crf_decode(emissions, ~pad_mask, self._transitions)]


def _crf_decode(emissions: np.ndarray, mask: np.ndarray, transitions: np.ndarray) -> list[list[int]]:
    """slovnet's Viterbi decoding (``slovnet.exec.model.CRF.decode``), the same float operations."""
    batch_size, seq_len, tags_num = emissions.shape
    emissions = emissions.swapaxes(1, 0)
    mask = mask.swapaxes(1, 0)
    history = []
    score = emissions[0]  # batch x tags
    for index in range(1, seq_len):
        step = score.reshape(batch_size, tags_num, 1) + transitions + emissions[index].reshape(batch_size, 1, tags_num)
        indexes = step.argmax(-2)
        # the maximum is the element at the argmax, as slovnet's fancy indexing takes it
        step = np.take_along_axis(step, indexes[:, None, :], axis=-2)[:, 0, :]
        score = np.where(mask[index].reshape(batch_size, 1), step, score)
        history.append(indexes)
    sizes = mask.sum(0) - 1
    paths = []
    best_last = score.argmax(-1)
    for n in range(batch_size):
        best = int(best_last[n])
        path = [best]
        for indexes in reversed(history[: sizes[n]]):
            best = int(indexes[n, best])
            path.append(best)
        path.reverse()
        paths.append(path)
    return paths


# ----------------------------------------------------------------------------- word shapes
# slovnet.shape.word_shape (MIT), here so that slovnet need not be imported.

_SHAPE_PUNCTS = "!#$%&()[]\\/*+,.:;<=>?@^_{|}~" "-‐−‒⁃–—―" "`\"'«»„“ʼʻ”" "№…"
_SHAPE_TYPE = re.compile(
    rf"(?P<RU>[а-яё]+)|(?P<EN>[a-z]+)|(?P<NUM>[+-]?\d+)|(?P<PUNCT>[{re.escape(_SHAPE_PUNCTS)}]+)", re.I
)


def _is_title(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and word[1:].islower()


def _outline(word: str) -> str:
    if len(word) == 1:
        return "X" if word.isupper() else "x"
    if word.isupper():
        return "XX"
    if word.islower():
        return "xx"
    if _is_title(word):
        return "Xx"
    if "-" in word:
        left, right = word.split("-", 1)
        if _is_title(left) and _is_title(right):
            return "Xx-Xx"
    return "OTHER"


def word_shape(word: str) -> str:
    """slovnet's shape of a token: RU_Xx, EN_XX, PUNCT_«, NUM, OTHER, ..."""
    match = _SHAPE_TYPE.match(word)
    kind = match.lastgroup if match else "OTHER"
    if kind in ("RU", "EN"):
        return f"{kind}_{_outline(word)}"
    if kind == "PUNCT":
        return f"PUNCT_{word if len(word) == 1 and word in _SHAPE_PUNCTS else 'OTHER'}"
    return kind


def _bio_spans(tokens: list[Token], tags: list[str]) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    current = None
    for (start, stop, _), tag in zip(tokens, tags, strict=False):
        if tag.startswith("B-") or (tag.startswith("I-") and (current is None or current[2] != tag[2:])):
            if current:
                spans.append(current)
            current = (start, stop, tag[2:])
        elif tag.startswith("I-") and current is not None:
            current = (current[0], stop, current[2])
        else:
            if current:
                spans.append(current)
            current = None
    if current:
        spans.append(current)
    return spans
