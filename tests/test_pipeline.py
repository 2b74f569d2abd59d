"""The whole pipeline on the bundled sample and on long inputs."""

import pytest

from newsfacts import Document, extract
from newsfacts import pipeline as pipeline_module


def by_type(doc: Document, type_: str) -> set[str]:
    return {e.normal for e in doc.entities if e.type == type_}


def test_sample_people_exactly(sample_doc):
    assert by_type(sample_doc, "PER") == {"Илон Маск", "Игорь Бабушкин", "Мануэль Кройс"}


def test_sample_organisations_and_places(sample_doc):
    assert {"Twitter", "Business Insider", "DeepMind", "Alphabet", "OpenAI", "NVIDIA"} <= by_type(sample_doc, "ORG")
    assert "Сакраменто" in by_type(sample_doc, "LOC")


def test_every_mention_of_musk_carries_the_full_name(sample_doc):
    musk = [e for e in sample_doc.entities if e.type == "PER" and "Маск" in e.text]
    assert sorted(e.text for e in musk) == ["Илон Маск", "Илон Маск", "Илон Маск", "Маск", "Маска", "Маском"]
    assert {e.normal for e in musk} == {"Илон Маск"}


def test_offsets_slice_the_text(sample_doc, sample_text):
    for s in sample_doc.sentences:
        assert sample_text[s.start : s.stop] == s.text
    for item in (*sample_doc.entities, *sample_doc.quantities):
        assert sample_text[item.start : item.stop] == item.text
        sent = sample_doc.sentences[item.sentence]
        assert sent.start <= item.start and item.stop <= sent.stop


def test_mentions_in_text_order(sample_doc):
    starts = [e.start for e in sample_doc.entities]
    assert starts == sorted(starts)


def test_extract_function_and_map_agree(extractor):
    texts = ["Игорь Бабушкин ушёл из DeepMind.", "", "Сундар Пичаи возглавляет Google."]
    docs = list(extractor.map(texts))
    assert [d.source for d in docs] == ["<text 0>", "<text 1>", "<text 2>"]
    assert docs[1].entities == () and docs[1].sentences == ()
    assert extract(texts[2]).entities == docs[2].entities


def test_large_input_runs_ner_in_bounded_chunks(extractor, monkeypatch):
    monkeypatch.setattr(pipeline_module, "CHUNK_SENTENCES", 10)
    calls = []
    real = extractor.ner.tag

    def spy(texts):
        calls.append(len(texts))
        return real(texts)

    monkeypatch.setattr(extractor.ner, "tag", spy)
    text = "Илон Маск купил Twitter. " * 35
    doc = extractor.extract(text)
    assert len(doc.sentences) == 35
    assert calls == [10, 10, 10, 5]
    assert by_type(doc, "PER") == {"Илон Маск"}
    assert sum(e.type == "ORG" for e in doc.entities) == 35


def test_pymorphy2_is_aliased_to_pymorphy3(extractor):
    import sys

    extractor.ner  # noqa: B018 - loads natasha
    assert sys.modules["pymorphy2"] is sys.modules["pymorphy3"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Компания «Яндекс» открыла офис. Инвестиции Яндекса выросли. Яндексом гордятся.", {"Яндекс"}),
    ],
)
def test_organisation_one_normal_across_cases(extractor, text, expected):
    assert by_type(extractor.extract(text), "ORG") == expected


def test_fast_cnn_encoder_tags_like_slovnet(sample_text):
    from newsfacts.extractors.ner import NerTagger
    from newsfacts.segment import split_sentences

    sentences = [s.text for s in split_sentences(sample_text)] + [
        "Глава Nvidia Дженсен Хуанг прилетел в Тайбэй, где встретился с руководством TSMC.",
        "Сбербанк и «Яндекс» открыли лабораторию в Новосибирске.",
    ]
    assert NerTagger(fast=True).tag(sentences) == NerTagger(fast=False).tag(sentences)
