"""natasha's model files, read lean: only the arrays and vocabularies a tagger uses.

natasha's ``NewsEmbedding()`` loads navec's 250K-word vocabulary (the taggers
bring their own) and precomputes product-quantisation tables that only word
similarity needs; importing natasha imports every one of its models. Here the
same files (shipped inside the installed natasha package, nothing downloaded)
are opened as plain tar archives: navec's quantised vectors are memory-mapped
(pages load as words are met, and worker processes share them), and a slovnet
model is its JSON description, its arrays and its vocabularies.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import struct
import sys
import zlib
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import numpy as np

from ..cachedir import cache_dir, write_atomic

EMBEDDING_FILE = "emb/navec_news_v1_1B_250K_300d_100q.tar"
NER_FILE = "model/slovnet_ner_news_v1.tar"
MORPH_FILE = "model/slovnet_morph_news_v1.tar"
SYNTAX_FILE = "model/slovnet_syntax_news_v1.tar"

PAD = "<pad>"
UNK = "<unk>"


def natasha_data() -> Path:
    """natasha's data folder, found without importing natasha."""
    spec = importlib.util.find_spec("natasha")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("natasha is not installed (its model files ship with it)")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _members(path: Path) -> dict[str, tuple[int, int]]:
    """name -> (offset of the data in the file, size) for an uncompressed tar.

    Reads the 512-byte ustar headers itself (``tarfile`` imports shutil, bz2 and lzma:
    ~10 ms of start-up); anything but plain files and folders goes to ``tarfile``.
    """
    members: dict[str, tuple[int, int]] = {}
    with open(path, "rb") as f:
        pos = 0
        while True:
            header = f.read(512)
            if len(header) < 512 or header == bytes(512):
                return members
            kind = header[156:157]
            checksum = sum(header[:148]) + 8 * 32 + sum(header[156:])  # the checksum field counts as spaces
            if kind not in (b"0", b"\0", b"5") or checksum != _octal(header[148:156]):
                return _tar_members(path)
            size = _octal(header[124:136])
            name = header[:100].split(b"\0", 1)[0].decode("utf-8")
            prefix = header[345:500].split(b"\0", 1)[0].decode("utf-8") if header[257:262] == b"ustar" else ""
            if kind != b"5":
                members[f"{prefix}/{name}" if prefix else name] = (pos + 512, size)
            pos += 512 + (size + 511) // 512 * 512
            f.seek(pos)


def _octal(field: bytes) -> int:
    digits = field.split(b"\0", 1)[0].strip()
    return int(digits, 8) if digits else 0


def _tar_members(path: Path) -> dict[str, tuple[int, int]]:
    import tarfile

    with tarfile.open(path, "r:") as tar:
        return {m.name: (m.offset_data, m.size) for m in tar.getmembers() if m.isfile()}


def _read(path: Path, member: tuple[int, int]) -> bytes:
    offset, size = member
    with open(path, "rb") as f:
        f.seek(offset)
        return f.read(size)


# ----------------------------------------------------------------------------- navec


@dataclass(frozen=True)
class EmbeddingMeta:
    id: str


@dataclass(frozen=True)
class QuantizedVectors:
    """navec's product-quantised vectors: per word `qdim` centroid indexes into `codes`."""

    indexes: np.ndarray  # words x qdim, uint8 (memory-mapped)
    codes: np.ndarray  # qdim x centroids x chunk, float32


class Embedding:
    """navec's news embedding without its vocabulary and similarity tables.

    Has the two attributes slovnet reads when a tagger is given an embedding
    (``meta.id``, ``pq.indexes``/``pq.codes``), so natasha's own taggers take
    it in place of ``NewsEmbedding()``: ``NewsMorphTagger(load_embedding())``.
    """

    def __init__(self, meta: EmbeddingMeta, pq: QuantizedVectors) -> None:
        self.meta, self.pq = meta, pq
        qdim, centroids, chunk = pq.codes.shape
        self.dim = qdim * chunk
        # one flat table: the vector of word w is rows indexes[w] + (0, 1, ..., qdim-1) * centroids
        self._rows = np.ascontiguousarray(pq.codes.reshape(qdim * centroids, chunk))
        self._offsets = np.arange(qdim, dtype=np.intp) * centroids

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        """Vectors of word ids, shape ids.shape + (dim,); the values slovnet's gather gives."""
        flat = np.take(self.pq.indexes, ids.ravel(), axis=0).astype(np.intp)
        flat += self._offsets
        return np.take(self._rows, flat, axis=0).reshape(*ids.shape, self.dim)


@lru_cache(maxsize=1)
def load_embedding(path: str | None = None) -> Embedding:
    """The navec news embedding, loaded once per process (NER, morphology and syntax share it)."""
    file = Path(path) if path else natasha_data() / EMBEDDING_FILE
    members = _members(file)
    meta = json.loads(_read(file, members["meta.json"]))
    offset, size = members["pq.bin"]
    with open(file, "rb") as f:
        f.seek(offset)
        vectors, _dim, qdim, centroids = (int(x) for x in np.frombuffer(f.read(16), np.uint32))
        f.seek(offset + 16 + vectors * qdim)
        codes = np.frombuffer(f.read(size - 16 - vectors * qdim), np.float32).reshape(qdim, centroids, -1)
    indexes = np.memmap(file, np.uint8, mode="r", offset=offset + 16, shape=(vectors, qdim))
    return Embedding(EmbeddingMeta(meta["id"]), QuantizedVectors(indexes, codes))


# ----------------------------------------------------------------------------- slovnet


class Vocab:
    """slovnet's vocabulary: items by id, ids by item (the last of duplicates wins, as in slovnet)."""

    def __init__(self, items: list[str]) -> None:
        self.items = items
        self.ids = dict(zip(items, range(len(items)), strict=True))
        self.pad_id = self.ids.get(PAD)
        self.unk_id = self.ids.get(UNK)

    def encode(self, item: str) -> int | None:
        return self.ids.get(item, self.unk_id)

    def decode(self, id: int) -> str:
        return self.items[id]


# Characters str.splitlines splits on besides "\n" (slovnet reads vocabularies with it).
_OTHER_LINE_BREAKS = (b"\r", b"\x0b", b"\x0c", b"\x1c", b"\x1d", b"\x1e", b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9")
# CRC-32 of vocabulary files known to be strictly sorted, one item a line and no other line
# breaks (natasha 1.6's NER, morph and syntax word lists; tests/test_models.py checks it);
# any other file is checked line by line.
KNOWN_SORTED = frozenset({0xD6E395FA})


class SortedVocab:
    """A large vocabulary whose items are strictly sorted (navec's 250K words), then specials.

    Words are found by binary search over the file's own bytes (UTF-8 keeps code-point
    order): no 250K-entry dict or list of 250K objects (15 MB) to build, the same ids.
    One object serves every model that ships the same file (NER and syntax do: `_vocab_file`).
    """

    def __init__(self, raw: bytes, sorted_count: int) -> None:
        self._raw = raw
        breaks = np.flatnonzero(np.frombuffer(raw, np.uint8) == 10)
        # line i is raw[starts[i] : starts[i + 1] - 1]: a sentinel past the end closes the last
        starts = np.concatenate(([0], breaks + 1, [len(raw) + 1])).astype("<i8")
        self._starts = array("q")
        self._starts.frombytes(starts.tobytes())
        self._count = len(starts) - 1
        self._sorted = sorted_count
        self._index()

    def _index(self) -> None:
        self._tail = {self._line(i).decode("utf-8"): i for i in range(self._sorted, self._count)}
        # every 16th word as bytes (1 MB): a C bisect over them leaves a 16-line block to search
        self._sample = [self._line(i) for i in range(0, self._sorted, _STEP)]
        self.pad_id = self._tail.get(PAD)
        self.unk_id = self._tail.get(UNK)
        # words found, for every model that shares the file: the syntax parser asks again for
        # the words NER asked for, and NER for each capitalisation of a word
        self._found: dict[str, int | None] = {}

    def _line(self, i: int) -> bytes:
        return self._raw[self._starts[i] : self._starts[i + 1] - 1]

    # a dump: this header (magic, sorted lines, lines, bytes of text, CRC-32 of the text), the
    # text, then the line starts as little-endian int64
    _HEADER = struct.Struct("<8sqqqI")
    _MAGIC = b"NFSVOC1\0"

    def dump(self) -> bytes:
        """The vocabulary with its line index, to be read back by `load` with no work to redo."""
        header = self._HEADER.pack(self._MAGIC, self._sorted, self._count, len(self._raw), zlib.crc32(self._raw))
        return header + self._raw + self._starts.tobytes()

    @classmethod
    def load(cls, path: Path) -> SortedVocab | None:
        """A vocabulary `dump` wrote to `path`; None if the file is missing or not whole."""
        try:
            with open(path, "rb") as f:
                magic, sorted_count, count, size, crc = cls._HEADER.unpack(f.read(cls._HEADER.size))
                raw = f.read(size)
                starts = array("q")
                starts.frombytes(f.read((count + 1) * 8))
                trailing = f.read(1)
        except (OSError, struct.error, ValueError):
            return None
        if magic != cls._MAGIC or len(raw) != size or len(starts) != count + 1 or trailing:
            return None
        if sys.byteorder != "little" or zlib.crc32(raw) != crc:
            return None  # the starts are written as this machine holds them; or the file changed
        self = cls.__new__(cls)
        self._raw, self._starts, self._count, self._sorted = raw, starts, count, sorted_count
        self._index()
        return self

    def __len__(self) -> int:
        return self._count

    @property
    def items(self) -> list[str]:
        return [self._line(i).decode("utf-8") for i in range(self._count)]

    def decode(self, id: int) -> str:
        return self._line(id).decode("utf-8")

    def encode(self, item: str) -> int | None:
        found = self._found.get(item, -1)
        if found != -1:
            return found
        if len(self._found) >= FOUND_WORDS:
            self._found.clear()
        found = self._found[item] = self._search(item)
        return found

    def _search(self, item: str) -> int | None:
        tail = self._tail.get(item)  # the specials come last: they win, as in a dict
        if tail is not None:
            return tail
        key = item.encode("utf-8", "surrogatepass")  # a lone surrogate matches nothing, as in a dict
        raw, starts = self._raw, self._starts
        j = bisect_left(self._sample, key)  # sample[j - 1] < key <= sample[j]
        lo, hi = max(j - 1, 0) * _STEP, min(j * _STEP, self._sorted)
        while lo < hi:  # bisect_left over the block's lines
            mid = (lo + hi) // 2
            if raw[starts[mid] : starts[mid + 1] - 1] < key:
                lo = mid + 1
            else:
                hi = mid
        return lo if lo < self._sorted and self._line(lo) == key else self.unk_id


_STEP = 16
# Words `SortedVocab.encode` remembers; cleared when full (~120 bytes a word: memory stays flat).
FOUND_WORDS = 30_000


def load_vocab(raw: bytes, crc: int | None = None) -> Vocab | SortedVocab:
    """A vocabulary file's items (one per line), as slovnet reads them (`crc`: its CRC-32, if known)."""
    crc = zlib.crc32(raw) if crc is None else crc
    known = len(raw) >= 1 << 16 and crc in KNOWN_SORTED
    if not known and (len(raw) < 1 << 16 or raw.endswith(b"\n") or any(c in raw for c in _OTHER_LINE_BREAKS)):
        return Vocab(raw.decode("utf-8").splitlines())
    # specials (<unk>, <pad>) close the file, out of order: count the lines before them
    count, end = raw.count(b"\n") + 1, len(raw)
    while count > 0:
        start = raw.rfind(b"\n", 0, end) + 1
        if not raw.startswith(b"<", start):
            break
        count, end = count - 1, start - 1
    if known or all(a < b for a, b in pairwise(raw.split(b"\n")[:count])):
        return SortedVocab(raw, count)
    return Vocab(raw.decode("utf-8").splitlines())


class WordShapeEmbedding:
    """A slovnet tagger's input: the shared navec vector of each word beside its shape's
    vector (slovnet's ``WordShapeEmbedding``), for NER and the syntax model alike."""

    def __init__(self, model: SlovnetModel, what: str) -> None:
        config = model.config["emb"]
        words = load_embedding()
        if config["word"]["id"] != words.meta.id:
            raise ValueError(f"{what} model wants embedding {config['word']['id']}, got {words.meta.id}")
        self.words = words
        self.shapes = model.weight(config["shape"]["weight"])
        self.dim = words.dim + self.shapes.shape[1]

    def __call__(self, word_ids: np.ndarray, shape_ids: np.ndarray) -> np.ndarray:
        """(n, dim) float32 rows for n (word id, shape id) pairs."""
        x = np.empty((len(word_ids), self.dim), np.float32)
        x[:, : self.words.dim] = self.words.vectors(word_ids)
        x[:, self.words.dim :] = np.take(self.shapes, shape_ids, axis=0)
        return x


@dataclass(frozen=True)
class SlovnetModel:
    """One slovnet model file: its description (model.json), arrays by id, vocabularies."""

    id: str
    config: dict
    arrays: dict[int, np.ndarray]
    vocabs: dict[str, Vocab | SortedVocab]

    def weight(self, node: dict) -> np.ndarray:
        """The array a {"shape", "dtype", "array": id} node of the description points at."""
        return self.arrays[node["array"]]


def load_slovnet(name: str = NER_FILE, vocabs: tuple[str, ...] = ("word", "shape", "tag")) -> SlovnetModel:
    """A slovnet model (by file name under natasha's data folder, or a path), arrays and named vocabs."""
    file = Path(name) if Path(name).is_absolute() else natasha_data() / name
    members = _members(file)
    with open(file, "rb") as f:

        def read(member: str) -> bytes:
            offset, size = members[member]
            f.seek(offset)
            return f.read(size)

        meta = json.loads(read("meta.json"))
        if meta.get("protocol") != 1:
            raise ValueError(f"{file}: slovnet protocol {meta.get('protocol')!r}, expected 1")
        config = json.loads(read("model.json"))
        arrays: dict[int, np.ndarray] = {}
        for node in _weights(config):
            data = read(f"arrays/{node['array']}.bin")
            arrays[node["array"]] = np.frombuffer(data, node["dtype"]).reshape(node["shape"])
        # splitlines, as slovnet reads them (it also splits on rarer line breaks)
        vocab = {v: _vocab_file(read(f"vocabs/{v}.gz")) for v in vocabs}
    return SlovnetModel(meta["id"], config, arrays, vocab)


# vocabulary files already read, by the CRC-32 and size of their content, which a gzip file's
# last 8 bytes state: the syntax parser ships NER's 250K words (compressed differently), and
# decompressing and indexing them again would cost ~25 ms and 3 MB
_VOCAB_FILES: dict[bytes, Vocab | SortedVocab] = {}


def _vocab_file(packed: bytes) -> Vocab | SortedVocab:
    key = packed[-8:]
    vocab = _VOCAB_FILES.get(key)
    if vocab is None:
        # a big sorted one unpacked and indexed by an earlier run (~25 ms of every start-up)
        cached = cache_dir()
        path = cached / f"vocab-{key.hex()}.bin" if cached is not None and len(packed) >= 1 << 16 else None
        vocab = SortedVocab.load(path) if path is not None else None
        if vocab is None:
            vocab = load_vocab(*_gunzip(packed))
            if path is not None and isinstance(vocab, SortedVocab):
                write_atomic(path, vocab.dump())
        _VOCAB_FILES[key] = vocab
    return vocab


def _gunzip(packed: bytes) -> tuple[bytes, int | None]:
    """The data of a gzip file and, for one member, its CRC-32 from the trailer (zlib has
    checked it against the data: no second pass over 4.6 MB to compute it)."""
    d = zlib.decompressobj(wbits=31)
    data = d.decompress(packed)
    if d.eof and not d.unused_data:
        return data, int.from_bytes(packed[-8:-4], "little")
    return gzip.decompress(packed), None


def _weights(node) -> list[dict]:
    """Every weight node of a model description that stores its array in the file."""
    if isinstance(node, dict):
        if type(node.get("array")) is int and "shape" in node:
            return [node]
        return [w for value in node.values() for w in _weights(value)]
    if isinstance(node, list):
        return [w for value in node for w in _weights(value)]
    return []

