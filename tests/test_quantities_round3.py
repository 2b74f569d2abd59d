"""Round 3: kinds of amount error found on bench items nobody tuned on. Our own sentences;
compact strings as in test_quantities.py: "<value>[-<max>] <kind> <unit>[ ~]"."""

from __future__ import annotations

import pytest

from newsfacts.extractors.quantities import QuantityExtractor

from .test_quantities import run


@pytest.fixture(scope="module")
def ex() -> QuantityExtractor:
    return QuantityExtractor()


# the multiplier of a range's second end applies to the first when the ends come out
# closer so, counted up or down; "от 100 до 2 тысяч" keeps its 100
RANGES = [
    ("Динозавр жил 72,1–66 миллионов лет назад.", ["66000000-72100000 measure год"]),
    ("Океан возник 4,2–3,9 миллиарда лет назад.", ["3900000000-4200000000 measure год"]),
    ("Выручка составит 1,5–2 млрд рублей.", ["1500000000-2000000000 money RUB"]),
    ("Зарплаты выросли от 5 до 10 тысяч рублей.", ["5000-10000 money RUB"]),
    ("Тираж составил от 100 до 2 тысяч экземпляров.", ["100-2000 count экземпляр"]),
    ("Ноутбук подешевел на 5,5-7 тысяч рублей.", ["5500-7000 money RUB"]),
    ("Контракт оценён в 300–500 млн долларов.", ["300000000-500000000 money USD"]),
]


@pytest.mark.parametrize("text, expected", RANGES)
def test_ranges(ex, text, expected):
    assert run(ex, text) == expected


# "треть" is exactly a third; "третью" before a noun it agrees with is an ordinal
SHARES = [
    ("Компания заняла треть рынка.", ["33.3333 percent %"]),
    ("Две трети покупателей выбрали Android.", ["66.6667 percent %"]),
    ("Три четверти серверов обновлены.", ["75 percent %"]),
    ("Во вторую группу вошли 40 человек, в третью группу — 30 человек.", ["40 count человек", "30 count человек"]),
    ("Чип перевели в третью ревизию.", []),
    ("Компания потеряла третью часть выручки.", []),
]


@pytest.mark.parametrize("text, expected", SHARES)
def test_shares(ex, text, expected):
    assert run(ex, text) == expected


# a count of an adjective whose noun is left out says nothing; people named by adjectives count
ADJECTIVE_COUNTS = [
    ("Жюри вручило пять наград, среди них две новые.", ["5 count награда"]),
    ("Из десяти моделей три старые.", ["10 count модель"]),
    ("В проекте участвуют двое учёных и пять рабочих.", ["2 count учёный", "5 count рабочий"]),
    ("Контроллер памяти 12-канальный.", ["12 count канал"]),
]


@pytest.mark.parametrize("text, expected", ADJECTIVE_COUNTS)
def test_adjective_counts(ex, text, expected):
    assert run(ex, text) == expected


def test_a_third_has_no_binary_noise(ex):
    assert [q.value for q in ex.find("Треть рынка и две трети выручки.")] == [33.333333, 66.666667]


# a "five"-kind number before a noun in the genitive singular names an ordinal ("15-й недели")
ORDINALS = [
    ("В течение 16 недели продажи выросли.", []),
    ("Собор построили в конце 15 века.", []),
    ("За 16 недель продажи выросли на 5%.", ["16 measure неделя", "5 percent %"]),
    ("Через 2 недели выйдет обновление.", ["2 measure неделя"]),
    ("Прошла 21 неделя с запуска.", ["21 measure неделя"]),
    ("Бак вмещает 5,5 литра.", ["5.5 measure л"]),
    ("GPU выдаёт 12 терафлопс.", ["12 measure TFLOPS"]),
]


@pytest.mark.parametrize("text, expected", ORDINALS)
def test_ordinals_by_agreement(ex, text, expected):
    assert run(ex, text) == expected


# "¥" with no country named: the maker's home market decides (quantity_filters.tsv cues)
YEN = [
    ("Nintendo оценила консоль в ¥32 978.", ["32978 money JPY"]),
    ("Смартфон Xiaomi стоит ¥2999.", ["2999 money CNY"]),
    ("Новинка Huawei стоит ¥5999, а у Sony — дороже.", ["5999 money CNY"]),
]


@pytest.mark.parametrize("text, expected", YEN)
def test_yen_by_maker(ex, text, expected):
    assert run(ex, text) == expected


# astronomical distances are measures with their units, not counts of "парсек"
ASTRONOMY = [
    ("Туманность лежит в 12 000 парсек от Земли.", ["12000 measure пк"]),
    ("Скопление меньше 8 килопарсек в поперечнике.", ["8 measure кпк ~"]),
    ("До звезды 4,2 светового года.", ["4.2 measure св. год"]),
    ("Зонд удалился на 5 астрономических единиц.", ["5 measure а. е."]),
]


@pytest.mark.parametrize("text, expected", ASTRONOMY)
def test_astronomy(ex, text, expected):
    assert run(ex, text) == expected
