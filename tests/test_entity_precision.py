"""Issue 8 item 5 for the entity stage: each precision mechanism has a case that only it decides.

NER spans are given by hand, so no model decides anything here: each test feeds
`assemble` one span that exactly one mechanism must reject (or rescue).
"""

import pytest

from newsfacts.doc import Entity
from newsfacts.extractors.entities import assemble
from newsfacts.segment import split_sentences


def entities(text: str, *spans: tuple[str, str], hardware: tuple[Entity, ...] = ()) -> list[tuple[str, str, str]]:
    """(type, text, normal) of the entities of `text`, NER having tagged `spans` (substring, type)."""
    sentences = split_sentences(text)
    tags: list[list[tuple[int, int, str]]] = [[] for _ in sentences]
    for sub, type_ in spans:
        at = text.index(sub)
        k = max(i for i, s in enumerate(sentences) if s.start <= at)
        tags[k].append((at - sentences[k].start, at - sentences[k].start + len(sub), type_))
    found = assemble(text, sentences, tags, hardware)
    return sorted((e.type, e.text, e.normal) for e in found if e.type != "HARDWARE")


@pytest.mark.parametrize(
    "text, span, type_",
    [
        # the listed false friends (not_entities.tsv)
        ("Платы работают в режиме PCI-E и стоят дорого.", "PCI-E", "ORG"),
        # generic words (generic_words.txt)
        ("Как пишут СМИ, сделка закрыта.", "СМИ", "ORG"),
        # technologies and benchmarks (technologies.txt)
        ("Новинка набрала в Cinebench много баллов.", "Cinebench", "ORG"),
        # hardware families read from hardware.tsv
        ("Чипы Threadripper подешевели.", "Threadripper", "ORG"),
        # a company's name that is also an architecture word: the architecture wins
        ("Архитектура Ampere устарела.", "Ampere", "ORG"),
        # an all-lower-case Russian span is a common noun phrase
        ("Поставки облачных сервисов выросли.", "облачных сервисов", "ORG"),
        # a tag glued to a common noun
        ("Поставки ии-чипов выросли.", "ии-чипов", "ORG"),
        # ordinary words tagged only because they open a sentence
        ("Центр обработки данных построят в срок.", "Центр обработки данных", "ORG"),
    ],
)
def test_rejected_by_exactly_one_mechanism(text, span, type_):
    assert entities(text, (span, type_)) == []


def test_a_company_that_is_also_a_family_word_stays_a_company():
    assert entities("Компания Tesla выпустила обновление.", ("Tesla", "ORG")) == [("ORG", "Tesla", "Tesla")]


def test_a_known_company_that_opens_a_sentence_is_not_a_common_phrase():
    # an oblique form, which the sentence-start lexicon lookup leaves alone (it could be a noun)
    assert entities("Сбербанку удалось снизить ставки.", ("Сбербанку", "ORG")) == [("ORG", "Сбербанку", "Сбербанк")]


def test_a_surname_that_is_a_noun_survives_as_the_subject_of_a_verb():
    assert entities("Лебедь заявил о сделке.", ("Лебедь", "PER")) == [("PER", "Лебедь", "Лебедь")]
    assert entities("Лебедь на озере.", ("Лебедь", "PER")) == []


def test_a_bracketed_name_of_something_else_is_no_alias():
    # a person's original spelling has as many words as the name: this is the employer
    text = "Рон Блэк (Imagination Technologies Group) ушёл."
    assert entities(text, ("Рон Блэк (Imagination Technologies Group", "PER")) == [("PER", "Рон Блэк", "Рон Блэк")]
    text = "Рон Блэк (Ron Black) ушёл."
    assert entities(text, ("Рон Блэк (Ron Black", "PER")) == [
        ("PER", "Ron Black", "Рон Блэк"),
        ("PER", "Рон Блэк", "Рон Блэк"),
    ]


def test_a_model_name_wins_over_an_org_reading():
    text = "Компания купила NVIDIA H100 для кластера."
    at = text.index("NVIDIA H100")
    h100 = Entity("HARDWARE", "NVIDIA H100", "NVIDIA H100", at, at + 11)
    assert entities(text, ("NVIDIA H100", "ORG"), hardware=(h100,)) == []


def test_role_words_and_common_nouns_come_off_a_name():
    assert entities("Аналитик Иван Петров ждёт роста.", ("Аналитик Иван Петров", "PER")) == [
        ("PER", "Иван Петров", "Иван Петров")
    ]
    assert entities("Выросли акции Сбербанка.", ("акции Сбербанка", "ORG")) == [("ORG", "Сбербанка", "Сбербанк")]


def test_a_vendor_before_its_product_line_is_the_company():
    assert entities("Ускорители AMD Instinct вышли.", ("AMD Instinct", "ORG")) == [("ORG", "AMD", "AMD")]
