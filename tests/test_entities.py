"""Nominative normal forms of PER/ORG/LOC and their document-level resolution."""

import pytest

from newsfacts.extractors.entities import (
    Mention,
    extend_latin,
    is_common_phrase,
    is_not_entity,
    resolve,
    source_mentions,
    trim,
)
from newsfacts.extractors.names import normalize

NORMALIZE = [
    # people: first name and surname agree, so the case is read off both
    ("PER", "Игоря Бабушкина", "Игорь Бабушкин"),
    ("PER", "Мануэля Кройса", "Мануэль Кройс"),
    ("PER", "Дональда Трампа", "Дональд Трамп"),
    ("PER", "Анны Ивановой", "Анна Иванова"),
    ("PER", "Ольгой Кузнецовой", "Ольга Кузнецова"),
    ("PER", "Павлом Дуровым", "Павел Дуров"),
    ("PER", "Льва Толстого", "Лев Толстой"),
    ("PER", "Джеффа Безоса", "Джефф Безос"),
    ("PER", "Сэма Альтмана", "Сэм Альтман"),
    ("PER", "Дженсена Хуанга", "Дженсен Хуанг"),
    ("PER", "Лизы Су", "Лиза Су"),
    ("PER", "Германа Грефа", "Герман Греф"),
    ("PER", "Илоном Маском", "Илон Маск"),
    ("PER", "Си Цзиньпином", "Си Цзиньпин"),
    ("PER", "Лэй Цзюнем", "Лэй Цзюнь"),
    ("PER", "Артемом Гафаровым", "Артем Гафаров"),
    ("PER", "Сатьи Наделлы", "Сатья Наделла"),
    ("PER", "Сундара Пичаи", "Сундар Пичаи"),
    ("PER", "Ричарда Юя", "Ричард Юй"),
    # already nominative, or indeclinable: as written
    ("PER", "Илон Маск", "Илон Маск"),
    ("PER", "Сундар Пичаи", "Сундар Пичаи"),
    ("PER", "Марисы Майер", "Мариса Майер"),
    ("PER", "Крис Хон", "Крис Хон"),
    ("PER", "Маском", "Маск"),
    # places
    ("LOC", "Московской области", "Московская область"),
    ("LOC", "Можайске", "Можайск"),
    ("LOC", "Франции", "Франция"),
    ("LOC", "России", "Россия"),
    ("LOC", "Китае", "Китай"),
    ("LOC", "Тайване", "Тайвань"),
    ("LOC", "Южной Корее", "Южная Корея"),
    ("LOC", "Нижнем Новгороде", "Нижний Новгород"),
    ("LOC", "Санкт-Петербурге", "Санкт-Петербург"),
    ("LOC", "Соединенных Штатов", "Соединенные Штаты"),
    ("LOC", "Объединенных Арабских Эмиратов", "Объединенные Арабские Эмираты"),
    ("LOC", "США", "США"),
    ("LOC", "Сакраменто", "Сакраменто"),
    ("LOC", "Сан-Франциско", "Сан-Франциско"),
    # organisations: head noun and the adjectives before it; genitive tail as written
    ("ORG", "Яндексом", "Яндекс"),
    ("ORG", "«Яндекса»", "Яндекс"),
    ("ORG", "Сбербанка", "Сбербанк"),
    ("ORG", "Ростелекома", "Ростелеком"),
    ("ORG", "Московской бирже", "Московская биржа"),
    ("ORG", "Министерства цифрового развития", "Министерство цифрового развития"),
    ("ORG", "Высшей школы экономики", "Высшая школа экономики"),
    ("ORG", "Госдумы", "Госдума"),
    ("ORG", "МТС", "МТС"),
    ("ORG", "ВКонтакте", "ВКонтакте"),
    ("ORG", "Минцифры", "Минцифры"),
    ("ORG", "Минпромторга", "Минпромторг"),
    ("LOC", "Иннополисе", "Иннополис"),
    ("ORG", "Business Insider", "Business Insider"),
]


@pytest.mark.parametrize("type_, text, expected", NORMALIZE)
def test_normalize(type_, text, expected):
    assert normalize(type_, text) == expected


def _resolve(*mentions):
    pos, out = 0, []
    for type_, text in mentions:
        out.append(Mention(type_, pos, pos + len(text), text))
        pos += len(text) + 1
    return [e.normal for e in resolve(out)]


def test_every_mention_of_a_person_carries_the_fullest_name():
    assert (
        _resolve(("PER", "Маска"), ("PER", "Илона Маска"), ("PER", "Маском"), ("PER", "Маск"), ("PER", "Илон Маск"))
        == ["Илон Маск"] * 5
    )


def test_surname_alone_resolves_to_the_full_name_in_oblique_case():
    assert _resolve(("PER", "Игоря Бабушкина"), ("PER", "Бабушкину")) == ["Игорь Бабушкин", "Игорь Бабушкин"]


def test_surname_without_full_name_prefers_the_form_written_in_the_text():
    assert _resolve(("PER", "Маска"), ("PER", "Маском"), ("PER", "Маск")) == ["Маск"] * 3


def test_different_first_names_stay_different_people():
    assert _resolve(("PER", "Илон Маск"), ("PER", "Кимбал Маск")) == ["Илон Маск", "Кимбал Маск"]


def test_organisation_in_different_cases():
    assert _resolve(("ORG", "Яндексом"), ("ORG", "Яндекс"), ("ORG", "Яндекса")) == ["Яндекс"] * 3


def test_latin_organisation_spelling_variants_share_one_form():
    # one spelling per company in every document: the lexicon's
    assert _resolve(("ORG", "Nvidia"), ("ORG", "NVIDIA"), ("ORG", "Нвидиа")) == ["NVIDIA"] * 3


def test_trim_drops_quotes_and_brackets():
    text = "компания «Яндекс» (МТС)"
    assert trim(text, 9, 17) == (10, 16)
    assert trim(text, 18, 23) == (19, 22)


def test_quoted_core_drops_a_generic_word_before_the_quotes():
    from newsfacts.extractors.entities import quoted_core

    text = "Компания «Байкал Электроникс» показала сервер"
    start = quoted_core(text, 0, 28)
    assert trim(text, start, 28) == (10, 28)
    assert text[10:28] == "Байкал Электроникс"
    assert quoted_core("«Яндекс»", 0, 8) == 0


def test_trim_drops_footnote_star():
    text = "*Meta признана экстремистской"
    assert trim(text, 0, 5) == (1, 5)


@pytest.mark.parametrize(
    "text, span, expected",
    [
        ("магазины Google Play или App Store соответственно", (25, 28), "App Store"),
        ("пишет Financial Times.", (6, 15), "Financial Times"),
        # a model code is not part of the company name
        ("модуль Sony IMX363+ на 12 Мп", (7, 11), "Sony"),
        # Cyrillic names are NER's to delimit
        ("компания Яндекс Маркет", (9, 15), "Яндекс"),
    ],
)
def test_extend_latin(text, span, expected):
    start, _ = span
    assert text[start : extend_latin(text, *span)] == expected


def test_source_line_names_an_organisation():
    text = "Текст новости.\n\nИсточник: VideoCardz\nИсточник новости: www.example.ru\nИсточник: по словам коллег"
    assert [m.text for m in source_mentions(text)] == ["VideoCardz", "www.example.ru"]


@pytest.mark.parametrize(
    "type_, text, expected",
    [("ORG", "PCI-E", True), ("ORG", "pci e", True), ("ORG", "«Android»", True), ("ORG", "Google", False)],
)
def test_not_entities_list(type_, text, expected):
    assert is_not_entity(type_, text) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Центр обработки данных", True),
        ("Министерство финансов", False),
        ("Дата-центр компании", True),
        ("Партия серверов", True),
        ("Яндекс", False),
        ("Центр обработки данных Яндекса", False),
        ("Apple", False),
        ("Госдума", False),
    ],
)
def test_sentence_initial_common_phrase(text, expected):
    assert is_common_phrase(text) is expected
