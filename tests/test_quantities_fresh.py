"""QUANTITY on text written the way fresh articles write it (issue 10, "Amounts"), and
numbers that must never overflow (issue 15). Our own sentences; compact strings as in
test_quantities.py: "<value>[-<max>] <kind> <unit>[ ~]".
"""

from __future__ import annotations

import json
import math

import pytest

from newsfacts.extractors.quantities import QuantityExtractor

from .test_quantities import run


@pytest.fixture(scope="module")
def ex() -> QuantityExtractor:
    return QuantityExtractor()


# -- numbers inside compound adjectives, digits or words
ADJECTIVES = [
    ("Квартал закончился двухпроцентным падением выручки.", ["2 percent %"]),
    ("Аналитики ждут пятипроцентного роста продаж.", ["5 percent %"]),
    ("Компания показала десятипроцентный рост прибыли.", ["10 percent %"]),
    ("Смартфон получил 50-мегапиксельную камеру.", ["50 measure Мп"]),
    ("Модуль с 50-мегапиксельной матрицей стоит дорого.", ["50 measure Мп"]),
    ("Для 15-дюймового ноутбука нужен другой блок питания.", ["15 measure дюйм"]),
    ("Чип выпускают по 7-нм-технологии TSMC.", ["7 measure нм"]),
    ("Серверы используют 3-нм техпроцесс.", ["3 measure нм"]),
    ("Новый 8-ядерный процессор вышел весной.", ["8 count ядро"]),
    ("Камера поддерживает 5-кратный оптический зум.", ["5 ratio раз"]),
    ("В линейке есть восьмиядерный чип для ноутбуков.", ["8 count ядро"]),
    ("Оператор подписал трёхлетний контракт с вендором.", ["3 measure год"]),
    ("Экран обновлён до 120-герцового.", ["120 measure Гц ~"]),
    ("Двухкамерный модуль заменили на трехкамерный.", ["2 count камера", "3 count камера"]),
]

# -- units fresh text writes: areas, compute, pence, signed temperatures, speeds, ranges with U+2212
UNITS = [
    ("Площадь кристалла составляет 826 кв. мм.", ["826 measure мм²"]),
    ("Завод займёт 12 кв. км у реки.", ["12 measure км²"]),
    ("Ускоритель выдаёт 10,28 терафлопс в FP32.", ["10.28 measure TFLOPS"]),
    ("Нужно по меньшей мере 10 терафлопс для такой графики.", ["10 measure TFLOPS ~"]),
    ("Новый NPU даёт 45 TOPS.", ["45 measure TOPS"]),
    ("Суперкомпьютер достиг 1,1 экзафлопс.", ["1.1 measure EFLOPS"]),
    ("Акции продавались по одному пенсу.", ["0.01 money GBP"]),
    ("Билет подорожал на 50 пенсов.", ["0.5 money GBP"]),
    ("Датчик работает от −20 до +60 °C.", ["-20-60 measure °C"]),
    ("Зимой температура опускается до -40 °C.", ["-40 measure °C ~"]),
    ("Летом бывает +35 °C.", ["35 measure °C"]),
    ("Процессор греется до 95 °C под нагрузкой.", ["95 measure °C ~"]),
    ("Электромобиль разгоняется до 250 км/ч.", ["250 measure км/ч ~"]),
    ("Смартфон снимает на 200 Мп.", ["200 measure Мп"]),
    ("Экран с частотой 144 Гц.", ["144 measure Гц"]),
    ("Аккумулятор ёмкостью 5000 мАч.", ["5000 measure мАч"]),
    ("Выход годных составил 74−85% пластин.", ["74-85 percent %"]),
]

# -- a unit or counted noun named once for several numbers; a price list's currency given once
ONE_UNIT_MANY_NUMBERS = [
    (
        "Meta купила 350 тысяч ускорителей, Microsoft – 150 тысяч, Google – 120 тысяч.",
        ["350000 count ускоритель", "150000 count ускоритель", "120000 count ускоритель"],
    ),
    (
        "BYD продала 3,2 млн электромобилей, тогда как Tesla — 1,8 млн.",
        ["3200000 count электромобиль", "1800000 count электромобиль"],
    ),
    ("Core i7 стоит от 400 до 450 долларов, Core i5 — от 250 до 300.", ["400-450 money USD", "250-300 money USD"]),
    (
        "Запасы памяти сократились до 3–5 недель против 10–12 год назад.",
        ["3-5 measure неделя ~", "10-12 measure неделя"],
    ),
    ("Старшая версия стоит 79,9 тысячи рублей, младшая — 59,9 тысячи.", ["79900 money RUB", "59900 money RUB"]),
]

# -- abbreviated counted nouns, top-N, compound number words, number words after their noun
COUNTED_WORDS = [
    ("Оператор построил 150 БС в Сибири.", ["150 count БС"]),
    ("В стране работает 3 тыс. ЦОД.", ["3000 count ЦОД"]),
    ("Компания запустила 12 АЭС за десять лет.", ["12 count АЭС", "10 measure год"]),
    ("Компания вошла в топ-10 производителей смартфонов.", ["10 count производитель"]),
    ("Стартап попал в топ-5.", ["5 count место"]),
    ("Сделка стоила два миллиарда 300 миллионов долларов.", ["2300000000 money USD"]),
    ("Фонд привлёк три миллиарда 500 миллионов рублей.", ["3500000000 money RUB"]),
    ("Ядер восемь, потоков шестнадцать.", ["8 count ядро", "16 count поток"]),
]

# -- fractions as shares, ¥ by context, dimensions (one record per number, spans disjoint)
SHARES_CURRENCY_DIMENSIONS = [
    ("Треть рынка принадлежит Samsung.", ["33.3333 percent %"]),
    ("Почти четверть пользователей отказались от подписки.", ["25 percent % ~"]),
    ("Три четверти опрошенных довольны.", ["75 percent %"]),
    ("Около двух третей выручки дают серверы.", ["66.6667 percent % ~"]),
    ("Полтора года ушло на разработку.", ["1.5 measure год"]),
    ("Продано полторы тысячи устройств.", ["1500 count устройство"]),
    ("Новинка стоит ¥2999 в Японии, сообщает токийское издание.", ["2999 money JPY"]),
    ("В Китае новинка стоит ¥2999.", ["2999 money CNY"]),
    ("Габариты смартфона составляют 172,1 × 75 × 9,5 мм.", ["172.1 measure мм", "75 measure мм", "9.5 measure мм"]),
    ("Размеры ноутбука — 364 x 265 x 20 мм.", ["364 measure мм", "265 measure мм", "20 measure мм"]),
    ("Память 12/256 ГБ.", ["12 measure ГБ", "256 measure ГБ"]),
    ("Экран диагональю 6,7 дюйма.", ["6.7 measure дюйм"]),
]

# -- the common amounts around them keep working
EVERYDAY = [
    ("Компания закупила около 20 тысяч GPU.", ["20000 count GPU ~"]),
    ("Выручка выросла на 12 % больше прогноза.", ["12 percent %"]),
    ("Капитализация превысила четыре триллиона долларов.", ["4000000000000 money USD"]),
    ("Чип содержит 208 млрд транзисторов.", ["208000000000 count транзистор"]),
    ("Зарядка мощностью 120 Вт заряжает батарею за 19 минут.", ["120 measure Вт", "19 measure минута"]),
    ("Кластер потребляет 150 МВт.", ["150 measure МВт"]),
    ("Пропускная способность достигает 8 ТБ/с.", ["8 measure ТБ/с"]),
    ("Компания уволила 2 тыс. сотрудников.", ["2000 count сотрудник"]),
    ("Тариф стоит 499 ₽ в месяц.", ["499 money RUB"]),
    ("Штраф составил 1,5 млн евро.", ["1500000 money EUR"]),
    ("Модем поддерживает скорость до 10 Гбит/с.", ["10 measure Гбит/с ~"]),
    ("Рост составил 4,5−5,5%.", ["4.5-5.5 percent %"]),
    ("Процессоры получат до 192 ядер против текущих 128.", ["192 count ядро ~", "128 count ядро"]),
    ("Модуль получил 16 ГБ вместо 8.", ["16 measure ГБ", "8 measure ГБ"]),
    ("Этому городу 1900 лет.", ["1900 measure год"]),
    ("Поездка заняла 3 дня.", ["3 measure день"]),
    ("Планшет имеет Full-HD дисплей, один порт USB-C и стилус.", ["1 count порт"]),
    ("Сервер получил всего один процессор.", ["1 count процессор"]),
    ("Скорость упала ниже 50 мегабит в секунду.", ["50 measure Мбит/с"]),
    ("Мотор выдаёт 2,0 кВт/кг.", ["2 measure кВт/кг"]),
    ("Численность сотрудников сократилась на 2 тыс., пишет газета.", ["2000 count сотрудник"]),
    ("Число пользователей сервиса выросло до 400 млн в месяц.", ["400000000 count пользователь ~"]),
    ("Ночью 7-12 ° тепла, днём 19-24 °.", ["7-12 measure градус", "19-24 measure градус"]),
    ("Ветер 5-10 м/с, ночью 7-12 ° тепла.", ["5-10 measure м/с", "7-12 measure градус"]),
    ("В 2023 году вышел 5-тонный грузовик.", ["5 measure т"]),
    ("Камера весит 1,2 кг.", ["1.2 measure кг"]),
    ("Батарея держит 30 часов.", ["30 measure час"]),
]

# -- what must stay no amount next to the new readings
NEGATIVES = [
    "В первой четверти века рынок рос быстро.",
    "В третьей четверти матча счёт сравнялся.",
    "Семинар прошёл в Москве.",
    "Стандарт принят единогласно.",
    "Спустя несколько дней три её отделения закрылись.",
    "В 2024 ЦБ поднял ставку.",
    "Процессор Ryzen 7 7800X3D быстрее.",
    "Вышла iOS 17.2 с исправлениями.",
    "Звоните +7 (495) 123-45-67 в будни.",
    "Встреча 12.05.2024 в 14:30.",
    "Он родился 2 мая.",
    "Продажи выросли в 2021 году.",
    "Вышла версия 17 программы.",
    "В 90-х годах всё было иначе.",
    "Одна компания отказалась от сделки.",
    "Параметр size=5 ГБ задан по умолчанию.",
    "Топ-менеджер компании ушёл в отставку.",
    "Двухфакторная аутентификация включена.",
    "Трёхмерная графика стала лучше.",
    "Жильцы пятиэтажки получили новые квартиры.",
    "Миллиардов миллиардов не бывает.",
    "Ядерный реактор запущен.",
    "Объектив F/1.8 мм.",
    "Телефон стоит как четверть часа такси.",
    "Смартфон Redmi 12 вышел в продажу.",
    "Команда заняла 1 место в рейтинге.",
    "Офис на улице Мира, 36 этажей.",
    "Половина дела сделана.",
    "Однотонные корпуса снова в моде.",
    "В 2013 и 2018 годы клуб выигрывал кубок.",
    "Продажи росли в 2021 и 2022 годах.",
    "Снимки сделаны 20 и 23 апреля.",
    "Трансляция начнётся в 11 вечера.",
    "Одна компания Apple отказалась.",
    "Клуб готов заплатить нападающему 50 миллионов.",
    "Выручка компаний выросла на 2 млн.",
    "В 19.00 МХТ покажет спектакль.",
    "Модель GH200 и чип B200 уже здесь.",
    "Стоимость 999999999999999999 трлн долларов невозможна.",
]

AMOUNTS = ADJECTIVES + UNITS + ONE_UNIT_MANY_NUMBERS + COUNTED_WORDS + SHARES_CURRENCY_DIMENSIONS + EVERYDAY


@pytest.mark.parametrize(("text", "expected"), AMOUNTS)
def test_fresh_amounts(ex: QuantityExtractor, text: str, expected: list[str]) -> None:
    assert run(ex, text) == expected


@pytest.mark.parametrize("text", NEGATIVES)
def test_fresh_negatives(ex: QuantityExtractor, text: str) -> None:
    assert run(ex, text) == []


def test_enough_cases() -> None:
    assert len(AMOUNTS) >= 60 and len(NEGATIVES) >= 20


def test_dimensions_are_one_measure_with_disjoint_spans(ex: QuantityExtractor) -> None:
    text = "Габариты: 172,1 × 75 × 9,5 мм."
    found = ex.find(text)
    assert [(q.text, q.value, q.unit) for q in found] == [
        ("172,1", 172.1, "мм"),
        ("75", 75.0, "мм"),
        ("9,5 мм", 9.5, "мм"),
    ]
    assert all(a.stop <= b.start for a, b in zip(found, found[1:], strict=False))


def test_yen_follows_the_text(ex: QuantityExtractor) -> None:
    assert [q.unit for q in ex.find("В Токио модель стоит ¥15 000, в Японии её ждут.")] == ["JPY"]
    assert [q.unit for q in ex.find("В Шанхае модель стоит ¥1999.")] == ["CNY"]
    assert [q.unit for q in ex.find("Цена: ¥1999.")] == ["CNY"]  # no cue: Chinese prices are the common case


# -- issue 15: no arithmetic overflows, every value is finite ------------------------
HOSTILE = [
    "9" * 400,
    "9" * 400 + " рублей",
    " ".join(["123"] * 110) + " рублей",
    "5 " + "млрд " * 40 + "долларов",
    "тысячи " + "миллиардов " * 40 + "долларов",
    "1" * 309 + "," + "5" * 20 + " ГБ",
    "от 1 до " + "9" * 320 + " долларов",
    "два миллиарда " + "999 " * 50 + "миллионов долларов",
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_numbers_stay_finite(ex: QuantityExtractor, text: str) -> None:
    found = ex.find(text)
    for q in found:
        assert math.isfinite(q.value) and (q.max is None or math.isfinite(q.max))
        assert abs(q.value) <= 1e18
    json.dumps([q.as_json() for q in found], allow_nan=False)


def test_hostile_numbers_give_no_amount(ex: QuantityExtractor) -> None:
    assert ex.find("9" * 400) == []
    assert ex.find(" ".join(["123"] * 110) + " рублей") == []
    assert ex.find("5 " + "млрд " * 40 + "долларов") == []


def test_long_but_real_amounts_still_read(ex: QuantityExtractor) -> None:
    assert run(ex, "Госдолг составил 36 000 000 000 000 долларов.") == ["36000000000000 money USD"]
    assert run(ex, "Это 1 млн 200 тыс. рублей.") == ["1200000 money RUB"]


def test_unit_spellings_for_other_extractors() -> None:
    from newsfacts.extractors.quantities.lexicon import unit_spellings

    got = unit_spellings({"ГБ", "ТБ"})
    assert ("ГБ", True) in got and ("GB", True) in got and ("TB", True) in got
    assert all(s not in {"МБ", "GB/s"} for s, _ in got)


@pytest.mark.parametrize("text", HOSTILE[:4], ids=range(4))
def test_extract_gives_valid_json_on_hostile_numbers(extractor, text: str) -> None:
    doc = extractor.extract(text)
    json.dumps(doc.as_json(), allow_nan=False)
    assert all(math.isfinite(q.value) for q in doc.quantities)


def test_windows_never_rescan_text_without_spaces(ex: QuantityExtractor) -> None:
    """Issue 8, item 6: in a run with no whitespace each window widens by a bounded amount
    and never back over the previous one, so no character is tokenized twice."""
    from newsfacts.extractors.quantities.tokens import SNAP, WINDOW_BACK, WINDOW_FWD

    for text in [("ы" * 150 + "1") * 200, ("ы" * 400 + "1") * 100]:
        wins = ex.tokenize.windows(text)
        assert all(a1 < b1 <= a2 for (a1, b1), (a2, _) in zip(wins, wins[1:], strict=False))
        assert sum(b - a for a, b in wins) <= len(text)
    # far apart, each trigger's window stays within its bounds
    wins = ex.tokenize.windows(("ы" * 400 + "1") * 100)
    assert len(wins) == 100
    assert max(b - a for a, b in wins) <= WINDOW_BACK + WINDOW_FWD + 1 + 2 * SNAP


def test_letters_pymorphy_cannot_name_cost_nothing(ex: QuantityExtractor) -> None:
    """Issue 15: a Tangut letter makes pymorphy raise; the amounts around it stay."""
    assert run(ex, "три 𗱣щ") == []
    assert run(ex, "Чип стоит 5 долларов, а 𗱣щ — 2 𗱣щ.") == ["5 money USD"]
    assert run(ex, "Смартфон за 5 \ud800 рублей и 3 ГБ.") == ["3 measure ГБ"]
