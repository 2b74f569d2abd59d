"""Round 3: kinds of entity error found on bench items nobody tuned on, one table per kind.

Each row: text, type, the set of `normal`s of that type in the document. Every table has rows
only its rule decides (deleting the rule turns them red) and negative rows.
"""

import pytest

from newsfacts.extractors.titles import is_title


def normals(extractor, text: str, type_: str) -> tuple[str, ...]:
    return tuple(sorted({e.normal for e in extractor.extract(text).entities if e.type == type_}))


# 1. Titles of works and craft (work_heads.tsv) are no organisation, place or person; the same
# title elsewhere in the document neither. The studio after a plural work stays an ORG.
TITLES = [
    ("Актриса снялась в сериале «Соседи», а «Соседи» продлили на сезон.", "ORG", ()),
    ("Студия закончила съёмки фильма «Тихий берег».", "ORG", ()),
    ("Премьера шоу «Голос улиц» прошла на СТС.", "ORG", ("СТС",)),
    ("Марсоход Opportunity проработал 15 лет.", "ORG", ()),
    ("Данные собрали аппараты Juno и Voyager.", "ORG", ()),
    ("Снимки передал зонд Hayabusa, сообщило агентство JAXA.", "ORG", ("JAXA",)),
    ("Игра Dark Harbor выйдет осенью на ПК.", "ORG", ()),
    ("Песня «Вечный город» заняла первое место.", "ORG", ()),
    ("Вышел трейлер фильма «Сокол», и фанаты «Сокола» довольны.", "ORG", ()),
    ("Продюсер проекта «Сокол» рассказал о бюджете.", "ORG", ()),
    # negatives: a studio, a person, a company word, a known company, an unquoted name after a
    # head that needs quotes
    ("Сериал Netflix вышел в марте.", "ORG", ("Netflix",)),
    ("Поклонники фильмов Marvel ждут продолжения.", "ORG", ("Marvel",)),
    ("Новую часть игры готовит студия Rockstar Games.", "ORG", ("Rockstar Games",)),
    ("Релиз игры Nordic Games Studios перенесли.", "ORG", ("Nordic Games Studios",)),
    ("Фильм Михалкова показали на НТВ.", "PER", ("Михалков",)),
    ("Программа NASA продлена до 2030 года.", "ORG", ("NASA",)),
    ("Канал «Звезда» показал репортаж.", "ORG", ("Звезда",)),
    ("В фильме «Чужие» снялась Анна Смит.", "PER", ("Анна Смит",)),
    ("Вышел альбом «Иван Смирнов. Лучшее», его выпустил Иван Смирнов.", "PER", ("Иван Смирнов",)),
]


@pytest.mark.parametrize("text, type_, expected", TITLES)
def test_titles(extractor, text, type_, expected):
    assert normals(extractor, text, type_) == expected


@pytest.mark.parametrize(
    "text, name, type_, expected",
    [
        ("сериал «Соседи»", "Соседи", "ORG", True),
        ("марсоход Curiosity", "Curiosity", "ORG", True),
        ("аппаратами MAVEN", "MAVEN", "ORG", True),
        ("фильмов Marvel", "Marvel", "ORG", False),  # plural work: the studio
        ("программа NASA", "NASA", "ORG", False),  # needs quotes
        ("программа «Время»", "Время", "ORG", True),
        ("фильм Михалкова", "Михалкова", "PER", False),
        ("альбом «Иван Смирнов 1990»", "Иван Смирнов", "PER", False),  # a name inside the title
        ("студия «Север»", "Север", "ORG", False),  # no work noun
    ],
)
def test_is_title(text, name, type_, expected):
    at = text.index(name)
    assert is_title(text, at, at + len(name), type_) is expected


def test_a_bare_place_named_like_a_title_stays_a_place(extractor):
    text = "Сериал «Голливуд» снят о людях, которые пытались покорить Голливуд."
    assert normals(extractor, text, "LOC") == ("Голливуд",)
