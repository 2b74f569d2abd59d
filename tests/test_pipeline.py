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


def test_pymorphy2_is_aliased_to_pymorphy3():
    import sys

    from newsfacts._compat import install_pymorphy_alias

    install_pymorphy_alias()
    assert sys.modules["pymorphy2"] is sys.modules["pymorphy3"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Компания «Яндекс» открыла офис. Инвестиции Яндекса выросли. Яндексом гордятся.", {"Яндекс"}),
    ],
)
def test_organisation_one_normal_across_cases(extractor, text, expected):
    assert by_type(extractor.extract(text), "ORG") == expected


# Our own sentences in the style of the news: names, quotes, hyphens, numbers,
# Latin brands, abbreviations, lists, odd punctuation and one-token sentences.
NER_SENTENCES = [
    "Глава Nvidia Дженсен Хуанг прилетел в Тайбэй, где встретился с руководством TSMC.",
    "Сбербанк и «Яндекс» открыли лабораторию в Новосибирске.",
    "Генеральный директор OpenAI Сэм Альтман выступил в Сан-Франциско.",
    "По словам Анны Петровой-Водкиной, «Ростех» вложит 2,5 млрд руб. в завод под Тулой.",
    "Microsoft, Google и Amazon (AWS) закупили около 10 000 ускорителей H100.",
    "Министр цифрового развития РФ Максут Шадаев заявил: «Это только начало».",
    "В Санкт-Петербурге прошёл форум ПМЭФ-2024; на нём выступил Герман Греф.",
    "Компания Samsung Electronics из Южной Кореи показала Galaxy S24 Ultra.",
    "Илон Маск, Tesla и SpaceX — снова в центре внимания.",
    "ООО «Газпром нефть» и ПАО «МТС» подписали соглашение в г. Москве.",
    "Yahoo! и AT&T договорились о партнёрстве в Нью-Йорке.",
    "Президент США Джо Байден посетил завод Intel в штате Огайо...",
    "Т. е. Роскомнадзор (РКН) снова замедлил YouTube?!",
    "Жан-Поль Готье и Мария Шарапова посетили Париж :)",
    "Курс доллара вырос на 1,5% — до 92,3 руб.; евро подешевел.",
    "Акции «Аэрофлота» упали на 3/4 после заявления Минфина.",
    "Алексей Навальный",
    "Apple",
    "Москва.",
    "«Яндекс.Маркет» и Ozon — крупнейшие маркетплейсы России.",
    "Вице-премьер Дмитрий Чернышенко встретился с главой Huawei Жэнь Чжэнфэем в Шэньчжэне.",
    "АО «НПО им. С. А. Лавочкина» получило заказ от Роскосмоса на 2025–2027 гг.",
    "В Калифорнии, Техасе и Аризоне строят дата-центры Meta, xAI и Oracle.",
    "Основатель Telegram Павел Дуров был задержан во Франции 24 августа.",
]


def _slovnet_tags(sentences, batch_size):
    """The reference: natasha's own slovnet NER model, `batch_size` sentences padded together."""
    from razdel import tokenize

    from newsfacts._compat import install_pymorphy_alias
    from newsfacts.extractors.ner import _bio_spans

    install_pymorphy_alias()
    from natasha import NewsEmbedding, NewsNERTagger

    infer = NewsNERTagger(NewsEmbedding()).infer
    infer.encoder.batch_size = batch_size
    tokens = [[(t.start, t.stop, t.text) for t in tokenize(s)] for s in sentences]
    keep = [n for n, t in enumerate(tokens) if t]
    preds = infer.decoder(infer.process(infer.encoder([[t[2] for t in tokens[n]] for n in keep])))
    result = [[] for _ in sentences]
    for n, tags in zip(keep, preds, strict=True):
        result[n] = _bio_spans(tokens[n], tags)
    return result


def test_ner_tags_like_slovnet(sample_text):
    from newsfacts.extractors.ner import NerTagger
    from newsfacts.segment import split_sentences

    # with an empty text among them; slovnet pads its batches to their longest sentence,
    # and a sentence's tags do not depend on the batch (natasha's default is 8)
    sentences = [s.text for s in split_sentences(sample_text)] + NER_SENTENCES * 3 + [""]
    ours = NerTagger().tag(sentences)
    assert ours == _slovnet_tags(sentences, batch_size=8)
    assert ours == _slovnet_tags(sentences, batch_size=64)
    assert ours[-1] == []
    assert sum(map(len, ours)) > 100  # the comparison is over real spans


def test_ner_loads_without_natasha():
    import subprocess
    import sys

    code = (
        "import sys; from newsfacts.extractors.ner import NerTagger; NerTagger().tag(['Илон Маск купил Twitter.']);"
        "print(sorted(m for m in ('natasha', 'slovnet', 'navec') if m in sys.modules));"
        "from newsfacts.facts.syntax import SyntaxParser; SyntaxParser().parse(['Илон Маск купил Twitter.']);"
        "print(sorted(m for m in ('natasha', 'slovnet', 'navec') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    # NER and the syntax parser run natasha's models on their own forward passes: no natasha, slovnet or navec
    assert out.split("\n")[:2] == ["[]", "[]"]


def test_ner_tags_do_not_depend_on_how_rows_are_packed(sample_text, monkeypatch):
    from newsfacts.extractors import ner
    from newsfacts.segment import split_sentences

    sentences = [s.text for s in split_sentences(sample_text)] + NER_SENTENCES
    tagger = ner.NerTagger()
    whole = tagger.tag(sentences)
    monkeypatch.setattr(ner, "PACK_ROWS", 40)  # many packs, long sentences alone in one
    assert tagger.tag(sentences) == whole


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Глава Nvidia Дженсен Хуанг прилетел в Тайбэй, где встретился с руководством TSMC.",
            [("Nvidia", "ORG"), ("Дженсен Хуанг", "PER"), ("Тайбэй", "LOC"), ("TSMC", "ORG")],
        ),
        (
            "По словам Анны Петровой-Водкиной, «Ростех» вложит 2,5 млрд руб. в завод под Тулой.",
            [("Анны Петровой-Водкиной", "PER"), ("Ростех", "ORG"), ("Тулой", "LOC")],
        ),
        (
            "Yahoo! и AT&T договорились о партнёрстве в Нью-Йорке.",
            [("Yahoo!", "ORG"), ("AT&T", "ORG"), ("Нью-Йорке", "LOC")],
        ),
    ],
)
def test_ner_spans_exactly(sentence, expected):
    from newsfacts.extractors.ner import NerTagger

    (spans,) = NerTagger().tag([sentence])
    assert [(sentence[a:b], kind) for a, b, kind in spans] == expected


def test_ner_refuses_a_model_whose_pad_embedding_is_not_zero(monkeypatch):
    import dataclasses

    from newsfacts.extractors import models, ner

    real = models.load_slovnet()
    node = real.config["emb"]["shape"]["weight"]
    arrays = dict(real.arrays)
    weight = arrays[node["array"]].copy()
    weight[real.vocabs["shape"].pad_id] = 1.0
    arrays[node["array"]] = weight
    monkeypatch.setattr(ner, "load_slovnet", lambda: dataclasses.replace(real, arrays=arrays))
    with pytest.raises(ValueError, match="<pad> embeddings are not zero"):
        ner.NerTagger()


def _reference_viterbi(emissions, mask, transitions):
    """slovnet.exec.model.CRF.decode as slovnet writes it (argmax, then the element there)."""
    import numpy as np

    batch, length, tags = emissions.shape
    em, m = emissions.swapaxes(1, 0), mask.swapaxes(1, 0)
    score, history = em[0], []
    for i in range(1, length):
        step = score.reshape(batch, tags, 1) + transitions + em[i].reshape(batch, 1, tags)
        idx = step.argmax(-2)
        step = np.take_along_axis(step, idx[:, None, :], axis=-2)[:, 0, :]
        score = np.where(m[i].reshape(batch, 1), step, score)
        history.append(idx)
    paths = []
    for n in range(batch):
        best = int(score[n].argmax())
        path = [best]
        for idx in reversed(history[: int(mask[n].sum()) - 1]):
            best = int(idx[n][best])
            path.append(best)
        paths.append(path[::-1])
    return paths


def test_crf_decoding_is_slovnets_on_ties_and_ragged_batches():
    import numpy as np

    from newsfacts.extractors.ner import _crf_decode

    rng = np.random.default_rng(7)
    transitions = rng.integers(-2, 3, (7, 7)).astype(np.float32)  # small integers: many ties
    for _ in range(40):
        batch, length = int(rng.integers(1, 40)), int(rng.integers(1, 30))
        emissions = rng.integers(-3, 4, (batch, length, 7)).astype(np.float32)
        sizes = rng.integers(1, length + 1, batch)
        if rng.random() < 0.5:
            sizes.sort()  # as the tagger sorts them, and unsorted too
        mask = np.arange(length)[None, :] < sizes[:, None]
        assert _crf_decode(emissions, mask, transitions) == _reference_viterbi(emissions, mask, transitions)


def test_the_first_layer_over_distinct_rows_gives_the_same_floats():
    # each distinct (word, shape) goes through the first convolution once, its products
    # gathered into the sums: bit for bit what every row through it gives
    import numpy as np

    from newsfacts.extractors.ner import NerTagger

    encoder = NerTagger()._encoder
    rng = np.random.default_rng(7)
    distinct = rng.standard_normal((50, encoder.in_dim)).astype(np.float32)
    distinct[0] = 0  # the blank row
    inverse = rng.integers(1, 50, 400)
    blank = np.array([0, 37, 38, 150, 399])  # a zero row first, after each sentence, and last
    inverse[blank] = 0
    packed = encoder(distinct, blank, inverse)
    assert packed.shape == (400, 64) and not packed[blank].any()
    assert np.array_equal(packed, encoder(distinct[inverse], blank))


def test_ner_tags_do_not_depend_on_how_sentences_are_decoded_together(sample_text, monkeypatch):
    # Viterbi runs over batches gathered across packs: one sentence each, or all at once
    from newsfacts.extractors import ner
    from newsfacts.segment import split_sentences

    sentences = [s.text for s in split_sentences(sample_text)] + NER_SENTENCES
    tagger = ner.NerTagger()
    whole = tagger.tag(sentences)
    monkeypatch.setattr(ner, "PACK_ROWS", 60)
    for size in (1, 3, 10_000):
        monkeypatch.setattr(ner, "CRF_BATCH", size)
        assert tagger.tag(sentences) == whole, size
    assert sum(map(len, whole)) > 50
