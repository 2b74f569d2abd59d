"""Nominative normal forms of PER/ORG/LOC and their document-level resolution."""

import pytest

from newsfacts.extractors.entities import Mention, resolve, trim
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
    assert _resolve(("ORG", "Nvidia"), ("ORG", "NVIDIA"), ("ORG", "Nvidia")) == ["Nvidia"] * 3


def test_trim_drops_quotes_and_brackets():
    text = "компания «Яндекс» (МТС)"
    assert trim(text, 9, 17) == (10, 16)
    assert trim(text, 18, 23) == (19, 22)
