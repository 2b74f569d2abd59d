"""Spec lists that name a device and its parts: whose feature each amount is (issue 12).

A device's own features (RAM, storage, battery, screen) go to the device even when the sentence
names its chip; a chip's own (clock, cores, video memory) to the chip named beside the amount.
Every sentence is our own, written in the style of technology news.
"""

import pytest

from newsfacts import Extractor
from newsfacts.doc import Entity, Quantity, Subject
from newsfacts.facts.context import Context
from newsfacts.facts.untreed import name_before, restatement


@pytest.fixture(scope="module")
def ex():
    return Extractor()


def facts(ex, text):
    """amount text -> (subject normal, predicate)."""
    return {q.text: (q.subject.normal if q.subject else None, q.predicate) for q in ex.extract(text).quantities}


def test_memory_found_on_a_soc_is_the_devices(ex):
    # an SoC has no gigabytes of its own: the tablet has them
    text = "Honor представила планшет Honor Pad 9. Новинка получила процессор Snapdragon 6 Gen 1 с 8 ГБ памяти."
    assert facts(ex, text)["8 ГБ"] == ("Honor Pad 9", "память")


def test_memory_found_on_the_device_stays_there_and_a_list_shares_its_feature_word(ex):
    # storage is no chip feature: the chip named before it in the list does not take it; and in
    # "128 ГБ или 256 ГБ встроенной памяти" the word after the last alternative names both
    text = (
        "Xiaomi выпустила смартфон Redmi Note 13. Смартфон оснащен процессором MediaTek Helio G99, "
        "а также 6 ГБ оперативной памяти, 128 ГБ или 256 ГБ встроенной памяти."
    )
    got = facts(ex, text)
    assert got["6 ГБ"] == ("Xiaomi Redmi Note 13", "оперативная память")
    assert got["256 ГБ"] == ("Xiaomi Redmi Note 13", "встроенная память")
    assert got["128 ГБ"] == ("Xiaomi Redmi Note 13", "встроенная память")


def test_a_feature_word_before_na(ex):
    text = (
        "Acer обновила ноутбук Acer Swift Go 14. Он построен на чипе Intel Core Ultra 7 155H, "
        "дополнен SSD-накопителем на 1 ТБ и 16 ГБ памяти."
    )
    got = facts(ex, text)
    assert got["1 ТБ"] == ("Acer Swift Go 14", "накопитель")
    assert got["16 ГБ"] == ("Acer Swift Go 14", "память")


def test_an_abbreviation_is_its_own_predicate(ex):
    # "ОЗУ" is a device feature: "Модель" is the laptop, not the graphics card named before
    text = (
        "Lenovo показала ноутбук Lenovo Legion 5 с видеокартой NVIDIA GeForce RTX 4060. "
        "Модель получила 32 ГБ ОЗУ и быстрый экран."
    )
    assert facts(ex, text)["32 ГБ"] == ("Lenovo Legion 5", "ОЗУ")


def test_a_latin_label_is_no_part_of_the_predicate(ex):
    text = "Смартфон Redmi Note 13 получил 6,67-дюймовый AMOLED-экран."
    assert facts(ex, text)["6,67-дюймовый"] == ("Xiaomi Redmi Note 13", "экран")


def test_a_spec_right_after_a_model_and_s_is_that_models(ex):
    # a long spec list: the parse hangs the video memory on the drive, the words do not lie
    text = (
        "Компания Lenovo представила ноутбук Lenovo IdeaPad Slim 3. В базовой версии ноутбук оснащён "
        "процессором Intel Core i5-12450H с частотой 2 ГГц, 8 ГБ оперативной памяти, накопителем на 512 ГБ "
        "и видеокартой NVIDIA GeForce RTX 3050 с 4 ГБ видеопамяти."
    )
    got = facts(ex, text)
    assert got["4 ГБ"] == ("NVIDIA GeForce RTX 3050", "видеопамять")
    assert got["512 ГБ"] == ("Lenovo IdeaPad Slim 3", "накопитель")
    assert got["2 ГГц"] == ("Intel Core i5-12450H", "частота")


def _amount(text, piece, unit, subject=None):
    start = text.index(piece)
    return Quantity(piece, 1.0, unit, "measure", start, start + len(piece), subject=subject)


@pytest.mark.parametrize(
    "text, first, second, same",
    [
        # the amount's own "до" is in its text
        ("прибыль выросла на 12%, до $9 млрд", "на 12%", "до $9 млрд", True),
        ("прибыль выросла на 12%, $9 млрд", "на 12%", "$9 млрд", False),
        ("добыча снизилась на 1,1% - до 71 млн тонн", "на 1,1%", "до 71 млн тонн", True),
        ("добыча снизилась на 1,1%-до 71 млн тонн", "на 1,1%", "до 71 млн тонн", False),
        # an aside in brackets on the same measure
        ("частотой 2,3 ГГц (в режиме Turbo Boost — до 4,7 ГГц)", "2,3 ГГц", "до 4,7 ГГц", True),
        ("частотой 2,3 ГГц (в режиме Turbo Boost — до 45 Вт)", "2,3 ГГц", "до 45 Вт", False),
    ],
)
def test_restatements(text, first, second, same):
    holder = Subject("HARDWARE", "X", "X", 0, 1)
    prev = _amount(text, first, first.split()[-1], holder)
    q = _amount(text, second, second.split()[-1])
    assert (restatement(text, prev, q) is prev) is same


def test_plain_memory_on_the_device_is_no_chip_feature(ex):
    # "памяти" says neither RAM nor video memory: the device keeps it, the SoC before it does not take it
    text = (
        "Xiaomi выпустила смартфон Redmi Note 13. Смартфон оснащен процессором MediaTek Helio G99, "
        "а также 6 ГБ или 8 ГБ памяти."
    )
    got = facts(ex, text)
    assert got["6 ГБ"] == ("Xiaomi Redmi Note 13", "память")
    assert got["8 ГБ"] == ("Xiaomi Redmi Note 13", "память")


def test_a_device_feature_after_a_chip_goes_to_the_maker(ex):
    # cars are no hardware: the sensors of the car go to its maker, not to the chip just linked
    text = (
        "BYD показала новый электрокар. Автопилот BYD построен на платформе NVIDIA Drive Orin мощностью "
        "254 TOPS. По всему корпусу машины установлено 11 камер."
    )
    got = facts(ex, text)
    assert got["254 TOPS"][0] == "NVIDIA Drive Orin"
    assert got["11 камер"] == ("BYD", "камера")


def _named(text, *names):
    out = []
    for type_, name in names:
        start = text.index(name)
        out.append(Entity(type_, name, name, start, start + len(name)))
    return out


@pytest.mark.parametrize(
    "text, names, amount, expected",
    [
        # the domain and the legal form belong to the name before the dash
        ("затем Amazon.com Inc. – 196 тысяч", [("ORG", "Amazon")], "196 тысяч", "Amazon"),
        ("затем Amazon.com вместе с партнёрами – 196 тысяч", [("ORG", "Amazon")], "196 тысяч", None),
        # a person in the genitive after a company is its owner: the company is named
        ("Tesla и xAI Илона Маска – 200 тысяч", [("ORG", "Tesla"), ("ORG", "xAI"), ("PER", "Илона Маска")],
         "200 тысяч", "xAI"),
        ("по словам Илона Маска – 200 тысяч", [("PER", "Илона Маска")], "200 тысяч", None),
    ],
)
def test_a_name_before_a_dash(text, names, amount, expected):
    entities = _named(text, *names)
    ctx = Context(entities, frozenset())
    q = _amount(text, amount, "ускоритель")
    got = name_before(text, entities, ctx, q)
    assert (got.normal if got else None) == expected


@pytest.mark.parametrize(
    "text, amount, expected",
    [
        # a model's money with no word of its own is its price
        ("В Европе смартфон Galaxy S24 (€899) поступит в продажу в феврале.", "€899", ("Samsung Galaxy S24", "цена")),
        # a unit symbol is no predicate: the measure's feature is its unit's
        ("Xiaomi представила смартфон Redmi Note 13 Pro. Версия 12/512 ГБ — $399.", "12",
         ("Xiaomi Redmi Note 13 Pro", "память")),
        ("Xiaomi представила смартфон Redmi Note 13 Pro. Версия 12/512 ГБ — $399.", "$399",
         ("Xiaomi Redmi Note 13 Pro", "цена")),
    ],
)
def test_a_word_for_an_amount_with_none(ex, text, amount, expected):
    assert next(v for k, v in facts(ex, text).items() if k.startswith(amount)) == expected


@pytest.mark.parametrize(
    "second, amount, expected",
    [
        ("Доступно 3 комплектации.", "3 комплектации", ("Meizu 21", "комплектация")),
        ("В линейку вошли три модели с разными экранами.", "три модели", ("Meizu 21", "войти")),
    ],
)
def test_a_count_of_versions_is_the_models(ex, second, amount, expected):
    text = "Meizu представила смартфон Meizu 21. Meizu 21 получил яркий экран. " + second
    assert facts(ex, text)[amount] == expected


def test_a_price_in_a_place_is_the_models(ex):
    # no verb, and the parse hangs the price on the place: "Цена" and its model own it, the
    # place right before the dash only says where
    text = (
        "Samsung представила смартфон Galaxy S24 Ultra. Он построен на процессоре Snapdragon 8 Gen 3. "
        "Цена Galaxy S24 Ultra в России — от 129 990 рублей."
    )
    assert facts(ex, text)["от 129 990 рублей"] == ("Samsung Galaxy S24 Ultra", "цена")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("В рейтинге Китай – 196 тысяч", "Китай"),  # a bare place in a ranking holds its figure
        ("Цена смартфона в Китае – 196 тысяч", None),  # a place after "в" says where
    ],
)
def test_a_place_before_a_dash(text, expected):
    entities = _named(text, ("LOC", "Китай" if "Китай " in text else "Китае"))
    q = _amount(text, "196 тысяч", "юань")
    got = name_before(text, entities, Context(entities, frozenset()), q)
    assert (got.normal if got else None) == expected


def test_a_counted_part_is_its_own_word_before_a_list(ex):
    # "частотой" after the cores is the next item of the list, not the word that governs them
    text = (
        "Samsung представила смартфон Galaxy S24 Ultra. Он построен на процессоре Snapdragon 8 Gen 3 "
        "с восемью ядрами и частотой до 3,39 ГГц."
    )
    got = facts(ex, text)
    assert got["восемью ядрами"] == ("Qualcomm Snapdragon 8 Gen 3", "ядро")
    assert got["до 3,39 ГГц"] == ("Qualcomm Snapdragon 8 Gen 3", "частота")
