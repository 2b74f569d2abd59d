"""Lean model loading: the same numbers natasha's own loaders give."""

import numpy as np
import pytest

from newsfacts._compat import install_pymorphy_alias


@pytest.fixture(scope="module")
def navec():
    install_pymorphy_alias()
    from natasha import NewsEmbedding

    return NewsEmbedding()


def test_embedding_vectors_equal_navecs(navec):
    from newsfacts.extractors.models import load_embedding

    emb = load_embedding()
    assert emb.meta.id == navec.meta.id
    assert isinstance(emb.pq.indexes, np.memmap)  # mapped, not read
    ids = np.array([[0, 1, 17], [250_000, 250_001, 123_456]])
    for word_id in ids.ravel():
        assert np.array_equal(emb.vectors(np.array([word_id]))[0], navec.pq[int(word_id)])
    assert emb.vectors(ids).shape == (2, 3, 300)
    assert load_embedding() is emb  # loaded once per process


def test_natasha_morph_and_syntax_take_the_lean_embedding(navec):
    from natasha import Doc, NewsMorphTagger, NewsSyntaxParser, Segmenter

    from newsfacts.extractors.models import load_embedding

    def analyse(emb):
        doc = Doc("Глава Nvidia Дженсен Хуанг прилетел в Тайбэй и встретился с руководством TSMC.")
        doc.segment(Segmenter())
        doc.tag_morph(NewsMorphTagger(emb))
        doc.parse_syntax(NewsSyntaxParser(emb))
        return [(t.text, t.pos, t.feats, t.head_id, t.rel) for t in doc.tokens]

    ours = analyse(load_embedding())
    assert ours == analyse(navec)
    assert ("Хуанг", "PROPN") == ours[3][:2]


@pytest.mark.parametrize(
    "word",
    ["Маск", "МАСК", "маск", "М", "м", "Nvidia", "NVIDIA", "H100", "Санкт-Петербург", "Жан-Поль", "iPhone",
     "Яндекс.Маркет", "2,5", "-5", "+7", "«", "»", "—", "...", "?!", "№", "©", "Δ", "ё", "Ёж", "x86-64", "Wi-Fi"],
)
def test_word_shape_is_slovnets(word):
    from slovnet.shape import word_shape as slovnet_word_shape

    from newsfacts.extractors.ner import word_shape

    assert word_shape(word) == slovnet_word_shape(word)


def test_vocabulary_ids_are_slovnets():
    install_pymorphy_alias()
    from natasha import NewsEmbedding, NewsNERTagger

    from newsfacts.extractors.models import load_slovnet

    theirs = NewsNERTagger(NewsEmbedding()).infer.encoder
    ours = load_slovnet().vocabs
    for word in ("маск", "nvidia", "москва", "<unk>", "<pad>", "нетакогослова"):
        assert ours["word"].encode(word) == theirs.words_vocab.encode(word)
    assert ours["word"].items == theirs.words_vocab.items
    assert ours["shape"].items == theirs.shapes_vocab.items


@pytest.mark.parametrize(
    "env, expected",
    [
        ({}, {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}),
        # the user's own choice wins, and we add nothing next to it
        ({"OMP_NUM_THREADS": "4"}, {"OPENBLAS_NUM_THREADS": None, "OMP_NUM_THREADS": "4", "MKL_NUM_THREADS": None}),
    ],
)
def test_one_blas_thread_unless_the_user_sets_one(env, expected):
    import json
    import os
    import subprocess
    import sys

    base = {k: v for k, v in os.environ.items() if k not in expected}
    code = "import json, os, newsfacts; print(json.dumps({k: os.environ.get(k) for k in newsfacts.BLAS_THREAD_VARS}))"
    out = subprocess.run([sys.executable, "-c", code], env={**base, **env}, capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == expected


def _word_file(name: str) -> bytes:
    import gzip

    from newsfacts.extractors.models import _members, _read, natasha_data

    path = natasha_data() / name
    return gzip.decompress(_read(path, _members(path)["vocabs/word.gz"]))


@pytest.mark.parametrize("name", ["model/slovnet_ner_news_v1.tar", "model/slovnet_morph_news_v1.tar"])
def test_known_sorted_vocabularies_are_sorted(name):
    import zlib

    from newsfacts.extractors.models import _OTHER_LINE_BREAKS, KNOWN_SORTED, SortedVocab, load_vocab

    raw = _word_file(name)
    lines = raw.split(b"\n")
    if zlib.crc32(raw) in KNOWN_SORTED:  # what load_vocab then takes on trust
        assert not any(c in raw for c in _OTHER_LINE_BREAKS)
        assert all(a < b for a, b in zip(lines[:-3], lines[1:-2], strict=True))
        assert lines[-2:] == [b"<unk>", b"<pad>"]
    assert isinstance(load_vocab(raw), SortedVocab)


def test_unsorted_or_duplicated_vocabularies_get_a_table():
    from newsfacts.extractors.models import SortedVocab, Vocab, load_vocab

    lines = _word_file("model/slovnet_ner_news_v1.tar").split(b"\n")[:-2]
    body = lines[: 20_000]
    cases = {
        "sorted": (body, SortedVocab),
        "reversed": (body[::-1], Vocab),
        "duplicate": (body[:100] + body[99:], Vocab),
        "line separator": ([*body[:50], "a\u2028b".encode(), *body[50:]], Vocab),
    }
    for name, (items, kind) in cases.items():
        raw = b"\n".join([*items, b"<unk>", b"<pad>"])
        vocab = load_vocab(raw)
        assert type(vocab) is kind, name
        # either way, the ids are the ones slovnet's dict gives (the last duplicate wins)
        table = {w: i for i, w in enumerate(raw.decode().splitlines())}
        for word in (items[0].decode(), items[-1].decode(), items[77].decode(), "нетакогослова", "<pad>", "b"):
            assert vocab.encode(word) == table.get(word, table["<unk>"]), (name, word)


def test_tar_members_read_like_tarfile(tmp_path):
    import io
    import tarfile

    from newsfacts.extractors.models import _members, _tar_members, natasha_data

    for path in sorted(natasha_data().glob("*/*.tar")):
        assert _members(path) == _tar_members(path)
    # a long name (a pax header) is left to tarfile
    archive = tmp_path / "long.tar"
    with tarfile.open(archive, "w", format=tarfile.PAX_FORMAT) as tar:
        for name in ("short.bin", "d/" + "x" * 120 + ".bin"):
            info = tarfile.TarInfo(name)
            info.size = 3
            tar.addfile(info, io.BytesIO(b"abc"))
    members = _members(archive)
    assert set(members) == {"short.bin", "d/" + "x" * 120 + ".bin"}
    assert members == _tar_members(archive)


def test_loading_ner_imports_no_tarfile():
    import subprocess
    import sys

    code = "import sys; from newsfacts.extractors.ner import NerTagger; NerTagger(); print('tarfile' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_fast_syntax_path_parses_like_natashas(navec):
    # syntaxnet (no slovnet: PaddedCNNEncoder, the one-matmul relation scores, the distinct-rows first
    # layer) against natasha's own parser: sentences that repeat tokens within one batch, one of a token
    from natasha import NewsSyntaxParser

    from newsfacts.facts.syntax import SyntaxParser, _merge_groups, _tokenize

    texts = [
        "Компания купила 500 серверов, а ещё компания купила 200 серверов и 10 000 ускорителей.",
        "В 2024 году выручка «Яндекса» выросла на 37 %, до 1,1 трлн рублей.",
        "Samsung выпустит 5 млн смартфонов Galaxy S25 с 12 ГБ памяти.",
        "Глава Nvidia Дженсен Хуанг сказал, что компания вложит $5 млрд в Китай, а Intel — $3 млрд.",
        "Сто.",
    ]
    ours = SyntaxParser().parse(texts)
    words = [[w.text for w in _merge_groups(_tokenize(t))] for t in texts]
    reference = [[(t.text, int(t.head_id) - 1, t.rel) for t in m.tokens] for m in NewsSyntaxParser(navec).map(words)]
    assert [[(t.text, t.head, t.rel) for t in tree.tokens] for tree in ours] == reference


def test_ner_and_syntax_share_one_word_vocabulary_read_from_its_bytes():
    # 250K words as one bytes object and offsets, loaded once for both models (was 2 x 15 MB)
    from newsfacts.extractors.models import NER_FILE, SYNTAX_FILE, SortedVocab, load_slovnet

    ner = load_slovnet(NER_FILE, vocabs=("word",)).vocabs["word"]
    syntax = load_slovnet(SYNTAX_FILE, vocabs=("word",)).vocabs["word"]
    assert ner is syntax and isinstance(ner, SortedVocab)
    items = ner.items
    table = {w: i for i, w in enumerate(items)}
    assert len(ner) == len(items) == 250_002
    for word in (items[0], items[1], items[124_999], items[249_999], "нетакогослова", "", "<pad>", "<unk>", "\ud800"):
        assert ner.encode(word) == table.get(word, table["<unk>"]), word
        assert ner.decode(ner.encode(word)) == (word if word in table else "<unk>")


def _small_sorted_vocab():
    from newsfacts.extractors.models import load_vocab

    lines = _word_file("model/slovnet_ner_news_v1.tar").split(b"\n")[:-2]
    return load_vocab(b"\n".join([*lines[:30_000], b"<unk>", b"<pad>"]))


def test_found_words_are_remembered_within_a_bound(monkeypatch):
    import newsfacts.extractors.models as models

    vocab = _small_sorted_vocab()
    monkeypatch.setattr(models, "FOUND_WORDS", 3)
    words = [vocab.decode(i) for i in (5, 6, 7, 8)] + ["нетакогослова", "<pad>"]
    first = [vocab.encode(w) for w in words]
    assert first == [5, 6, 7, 8, vocab.unk_id, vocab.pad_id]
    assert len(vocab._found) <= 3  # cleared when full: memory stays flat on a long archive
    assert [vocab.encode(w) for w in words] == first  # remembered or searched again: the same ids
    vocab._found["слово"] = 0
    assert vocab.encode("слово") == 0  # a remembered answer is taken without a search


def test_a_dumped_vocabulary_reads_back_with_the_same_ids(tmp_path):
    from newsfacts.extractors.models import SortedVocab

    vocab = _small_sorted_vocab()
    path = tmp_path / "vocab.bin"
    path.write_bytes(vocab.dump())
    back = SortedVocab.load(path)
    assert back is not None and len(back) == len(vocab)
    words = [vocab.decode(i) for i in (0, 1, 777, 29_999)] + ["нетакогослова", "<pad>", "<unk>", "\ud800"]
    assert [back.encode(w) for w in words] == [vocab.encode(w) for w in words]
    assert [back.encode(w) for w in words[:4]] == [0, 1, 777, 29_999]
    assert (back.pad_id, back.unk_id) == (vocab.pad_id, vocab.unk_id) == (30_001, 30_000)


def test_a_damaged_vocabulary_dump_is_not_used(tmp_path):
    from newsfacts.extractors.models import SortedVocab

    data = _small_sorted_vocab().dump()
    cases = {
        "truncated": data[:-9],
        "longer": data + b"\n",
        "changed text": data[:40] + bytes([data[40] ^ 1]) + data[41:],
        "other file": b"\x1f\x8b" + data[2:],
        "empty": b"",
    }
    for name, blob in cases.items():
        path = tmp_path / f"{name}.bin"
        path.write_bytes(blob)
        assert SortedVocab.load(path) is None, name
    assert SortedVocab.load(tmp_path / "missing.bin") is None


def test_the_big_vocabulary_is_unpacked_once_into_the_cache(tmp_path, monkeypatch):
    from newsfacts.extractors import models

    monkeypatch.setenv("NEWSFACTS_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(models, "_VOCAB_FILES", {})
    first = models.load_slovnet().vocabs["word"]
    assert len(list(tmp_path.glob("vocab-*.bin"))) == 1  # the 250K words; shapes and tags are small

    unpacked = []
    gunzip = models._gunzip
    monkeypatch.setattr(models, "_gunzip", lambda packed: unpacked.append(len(packed)) or gunzip(packed))
    monkeypatch.setattr(models, "_VOCAB_FILES", {})
    again = models.load_slovnet().vocabs["word"]
    assert unpacked and max(unpacked) < 1 << 16  # only the small files
    assert again is not first and len(again) == len(first) == 250_002
    words = ("компания", "nvidia", "ыыыы", "<pad>")
    assert [again.encode(w) for w in words] == [first.encode(w) for w in words]


def test_sorted_vocabulary_finds_every_word_and_nothing_else():
    from newsfacts.extractors.models import SortedVocab

    lines = sorted({w for w in _word_file("model/slovnet_ner_news_v1.tar").split(b"\n")[:-2]})[:5_000]
    for tail in ([b"<unk>", b"<pad>"], []):  # with the specials after the words, and with none
        raw = b"\n".join([*lines, *tail])
        vocab = SortedVocab(raw, len(lines))
        table = {w: i for i, w in enumerate(raw.decode().splitlines())}
        unk = table.get("<unk>")
        words = [w.decode() for w in lines]
        assert [vocab.encode(w) for w in words] == list(range(len(words)))  # first, last, block ends
        near = [w[:-1] for w in words[::7]] + [w + "я" for w in words[::11]] + ["", "\n", "a\nb", "яяяя", "\x00"]
        assert [vocab.encode(w) for w in near] == [table.get(w, unk) for w in near]
