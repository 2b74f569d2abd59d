"""The date pattern with a cheap month slot finds what the exact one (every month form) finds.

The exact pattern took ~20 ms to compile at start-up (issue 11); it is compiled only when a
match's month word is no month form, and then it decides.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacts.const import DATE
from newsfacts.doc import Entity
from newsfacts.extractors.dates import DateExtractor, parse_published


def exact_find(ex: DateExtractor, text: str, published: str | None = None) -> list[Entity]:
    """DateExtractor.find as it was: the exact pattern tried at every position of every window."""
    anchor = parse_published(published)
    out, done = [], 0
    for lo, hi, _ in ex._windows(text):
        for m in ex._exact().finditer(text, max(lo, done), hi):
            done = m.end()
            out += [Entity(DATE, text[a:b], n, a, b) for a, b, n in ex._values(m, anchor)]
    return out


TEXTS = [
    "В марте 2024 года и 3 мая компания начала майнинг; с января по март — рост.",
    "Мартин Августин сказал в мае, что к маю 2025 года в майнинге будет 10% рынка.",
    "В декабре-январе 2023 года и в первом квартале 2024-го; декабристы в 1825 году.",
    "Майские праздники, апрельские тезисы, в сентябре прошлого года, маем 2020 года.",
    "Мартовский отчёт за март 2021 года, МАРТА 2022 ГОДА, мая2020 и Мая 2019 г.",
    "Во втором квартале 2023 года, в 3-м квартале, за III квартал, во второй половине 2022 года.",
    "В четвертичном квартале 2023 года и в третьесортном полугодии; в Iv квартале, в 5-м квартале.",
]


def test_the_same_dates_as_the_exact_pattern():
    ex = DateExtractor()
    for text in TEXTS:
        assert ex.find(text, "2024-06-01T10:00:00") == exact_find(ex, text, "2024-06-01T10:00:00")
    assert [e.normal for e in ex.find(TEXTS[1])] == ["--05", "2025-05"]


def test_the_exact_pattern_waits_for_a_word_that_only_looks_like_a_month():
    ex = DateExtractor()
    assert [e.normal for e in ex.find("В марте 2024 года и 3 мая 2023 года.")] == ["2024-03", "2023-05-03"]
    assert ex._exact_re is None
    assert [e.text for e in ex.find("Майнинг 2020 года вырос.")] == ["2020 года"]
    assert ex._exact_re is None  # "майни" starts no month form
    assert [e.text for e in ex.find("Августин 2020 года вырос.")] == ["2020 года"]
    assert ex._exact_re is not None  # "авгус" does
    fresh = DateExtractor()
    assert [e.normal for e in fresh.find("Во втором квартале 2023 года.")] == ["2023-Q2"]
    assert fresh._exact_re is None
    assert fresh.find("В четвертичном квартале 2023 года.")[0].text == "2023 года"
    assert fresh._exact_re is not None  # "четве" starts "четвертом" too


_WORDS = ["в", "марте", "мая", "май", "майнинг", "Мартин", "2024", "года", "3", "-", "—", " ", ", ", "первом",
          "квартале", "декабре", "декабрист", "по", "январь", "прошлого", "году", "в этом году", "г.", "Августин",
          "начале", "ё", "МАЯ", "апрельские", "2021-м",
          "втором", "четвертичном", "квартале", "половине", "III", "iv", "3-м", "четвертом", "полугодии"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=16), st.sampled_from([" ", ""]))
def test_the_same_dates_as_the_exact_pattern_on_any_mix(words, sep):
    ex = _SHARED
    text = sep.join(words) if sep else " ".join(words).replace(" - ", "-")
    assert ex.find(text, "2024-06-01") == exact_find(ex, text, "2024-06-01")


_SHARED = DateExtractor()


def test_a_date_starts_within_the_window_before_its_anchor():
    # the pattern is tried only at word starts an anchor follows within _WINDOW characters:
    # a preposition 40 spaces before its month is no part of the date (it was, when an
    # earlier year's window reached over it)
    ex = DateExtractor()
    text = "В 2020 году, а также в" + " " * 40 + "мае."
    assert [(e.text, e.normal) for e in ex.find(text)] == [("В 2020 году", "2020"), ("мае", "--05")]
    assert [(e.text, e.normal) for e in ex.find("В 2020 году, а также в мае.")][-1] == ("в мае", "--05")


def test_a_date_inside_an_anchor_the_scan_took_first_is_found():
    # "долларов.В прошлом году": the anchor scan reads "В пр" (after a dot, which no date
    # follows), so the date "прошлом году" starts inside that anchor
    ex = DateExtractor()
    assert [(e.text, e.normal) for e in ex.find("до 683 долларов.В прошлом году Маск", "2024-06-01")] == [
        ("прошлом году", "2023")
    ]
