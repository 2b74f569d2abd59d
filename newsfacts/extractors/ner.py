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

from .. import recache
from ..segment import tokenize
from .fastcnn import FastCNNEncoder
from .models import WordShapeEmbedding, load_slovnet

# Sentences decoded together, across the packs of one call, similar lengths together
# (Viterbi's loop runs over the longest one's tokens, a few numpy calls a token whatever the batch).
CRF_BATCH = 128
# Rows (tokens plus one after each sentence) encoded at once: big matmuls, bounded memory
# (4,096 rows: no faster, 10 MB more).
PACK_ROWS = 1024
# Distinct tokens remembered (word id, shape id); cleared when full (~150 bytes a token:
# bounded so that memory stays flat over a long archive).
CACHE_TOKENS = 60_000

Token = tuple[int, int, str]


class NerTagger:
    """natasha's news NER model, loaded once."""

    def __init__(self) -> None:
        model = load_slovnet()
        config = model.config
        self._emb = WordShapeEmbedding(model, "NER")
        self._encoder = FastCNNEncoder.from_model(model, config["encoder"])
        head = config["head"]
        self._proj_weight = model.weight(head["proj"]["weight"])
        self._proj_bias = model.weight(head["proj"]["bias"])
        self._transitions = model.weight(head["crf"]["transitions"])
        self._words = model.vocabs["word"]
        self._shapes = model.vocabs["shape"]
        self._tags = model.vocabs["tag"].items
        self._cache: dict[str, int] = {}
        # tags that open or continue no span
        self._plain = frozenset(i for i, t in enumerate(self._tags) if not t.startswith(("B-", "I-")))
        if len(self._shapes.items) > 256:
            raise ValueError("NER model: more than 256 word shapes")
        if self._emb(np.array([self._words.pad_id]), np.array([self._shapes.pad_id])).any():
            raise ValueError("NER model: <pad> embeddings are not zero; packed sentences need them zero")

    def tag(self, texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
        """Spans (start, stop, type) for each text."""
        tokens = [tokenize(text) for text in texts]
        result: list[list[tuple[int, int, str]]] = [[] for _ in texts]
        emitted: list[tuple[int, np.ndarray]] = []  # (text, its tokens' emission scores)
        pack: list[int] = []
        rows = 1
        # similar lengths together: Viterbi runs over the longest sentence of its batch
        for i in sorted(range(len(texts)), key=lambda i: len(tokens[i])):
            if not tokens[i]:
                continue
            if pack and rows + len(tokens[i]) + 1 > PACK_ROWS:
                emitted += self._emit(pack, tokens)
                pack, rows = [], 1
            pack.append(i)
            rows += len(tokens[i]) + 1
        if pack:
            emitted += self._emit(pack, tokens)
        self._decode(emitted, tokens, result)
        return result

    def _emit(self, pack: list[int], tokens: list[list[Token]]) -> list[tuple[int, np.ndarray]]:
        """Emission scores of sentences packed as rows: a zero row, then each sentence followed by a zero row.

        In slovnet's padded batches a sentence is followed by <pad> tokens or by the
        convolution's zero padding; <pad>'s embeddings are zero (checked on loading),
        so both are a zero row, and a sentence's tags do not depend on its batch.
        """
        pad = self._words.pad_id << 8 | self._shapes.pad_id
        codes: list[int] = [pad]
        starts: list[int] = []
        blank: list[int] = [0]
        for i in pack:
            starts.append(len(codes))
            codes.extend(self._codes(tokens[i]))
            blank.append(len(codes))
            codes.append(pad)
        # each distinct (word, shape) is embedded and put through the first layer once
        ids, inverse = np.unique(np.array(codes), return_inverse=True)
        x = self._encoder(self._emb(ids >> 8, ids & 0xFF), np.array(blank), inverse)
        emissions = np.matmul(x, self._proj_weight) + self._proj_bias
        return [(i, emissions[start : start + len(tokens[i])]) for i, start in zip(pack, starts, strict=True)]

    def _decode(self, emitted: list[tuple[int, np.ndarray]], tokens: list[list[Token]], result: list) -> None:
        """Tags of each sentence by Viterbi, batch by batch (a sentence's path does not depend on
        its batch); `emitted` is in order of size, as the packs took the sentences."""
        plain, tags = self._plain, self._tags
        for k in range(0, len(emitted), CRF_BATCH):
            group = emitted[k : k + CRF_BATCH]
            width = len(group[-1][1])
            batch = np.zeros((len(group), width, group[0][1].shape[1]), group[0][1].dtype)
            mask = np.zeros(batch.shape[:2], bool)
            for n, (_, scores) in enumerate(group):
                batch[n, : len(scores)] = scores
                mask[n, : len(scores)] = True
            for (i, _), path in zip(group, _crf_decode(batch, mask, self._transitions), strict=True):
                # most sentences name nobody: no B-/I- tag, no spans
                result[i] = [] if plain.issuperset(path) else _bio_spans(tokens[i], [tags[t] for t in path])

    def _codes(self, tokens: list[Token]) -> list[int]:
        """word id << 8 | shape id of each token (each distinct token looked up once)."""
        cache = self._cache
        get = cache.get
        codes = [get(text) for _, _, text in tokens]
        if None in codes:
            if len(cache) >= CACHE_TOKENS:
                cache.clear()
            for n, (_, _, text) in enumerate(tokens):
                if codes[n] is None:
                    code = cache.get(text)
                    if code is None:
                        word, shape = self._words.encode(text.lower()), self._shapes.encode(word_shape(text))
                        code = cache[text] = word << 8 | shape
                    codes[n] = code
        return codes  # type: ignore[return-value]


def _crf_decode(emissions: np.ndarray, mask: np.ndarray, transitions: np.ndarray) -> list[list[int]]:
    """slovnet's Viterbi decoding (``slovnet.exec.model.CRF.decode``), the same float operations."""
    batch_size, seq_len, tags_num = emissions.shape
    emissions = emissions.swapaxes(1, 0)
    mask = mask.swapaxes(1, 0)
    history = []
    score = emissions[0]  # batch x tags
    # steps where every sentence of the batch still has a token (the batch is sorted by length)
    full = mask.all(axis=1).tolist()
    for index in range(1, seq_len):
        step = score.reshape(batch_size, tags_num, 1) + transitions + emissions[index].reshape(batch_size, 1, tags_num)
        indexes = step.argmax(-2)
        # the maximum is the element at the argmax (slovnet takes it by fancy indexing): the same float
        step = step.max(-2)
        score = step if full[index] else np.where(mask[index].reshape(batch_size, 1), step, score)
        history.append(indexes)
    sizes = mask.sum(0) - 1  # each sentence's last position
    # the backtrace for the whole batch at once, from each sentence's own last position
    cur = score.argmax(-1)
    out = np.empty((batch_size, seq_len), np.intp)
    out[:, seq_len - 1] = cur
    rows = np.arange(batch_size)
    for index in range(seq_len - 2, -1, -1):
        cur = np.where(index < sizes, history[index][rows, cur], cur)
        out[:, index] = cur  # past a sentence's end: its last tag, never read
    return [path[: size + 1] for path, size in zip(out.tolist(), sizes.tolist(), strict=True)]


# ----------------------------------------------------------------------------- word shapes
# slovnet.shape.word_shape (MIT), here so that slovnet need not be imported.

_SHAPE_PUNCTS = "!#$%&()[]\\/*+,.:;<=>?@^_{|}~" "-‐−‒⁃–—―" "`\"'«»„“ʼʻ”" "№…"
_SHAPE_TYPE = recache.compile(
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
