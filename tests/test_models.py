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


def test_natasha_morph_tagger_takes_the_lean_embedding(navec):
    from natasha import Doc, NewsMorphTagger, Segmenter

    from newsfacts.extractors.models import load_embedding

    def tags(emb):
        doc = Doc("Глава Nvidia Дженсен Хуанг прилетел в Тайбэй и встретился с руководством TSMC.")
        doc.segment(Segmenter())
        doc.tag_morph(NewsMorphTagger(emb))
        return [(t.text, t.pos, t.feats) for t in doc.tokens]

    assert tags(load_embedding()) == tags(navec)


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
