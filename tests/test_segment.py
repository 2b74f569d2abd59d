import pytest

from newsfacts.segment import split_sentences


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", []),
        ("   \n\n ", []),
        ("Одно предложение.", ["Одно предложение."]),
        ("Первое. Второе! Третье?", ["Первое.", "Второе!", "Третье?"]),
        # a headline has no final period but is its own sentence
        ("Заголовок новости\n\nТекст новости. Ещё текст.", ["Заголовок новости", "Текст новости.", "Ещё текст."]),
        ("Заголовок\nПодзаголовок\nТекст.", ["Заголовок", "Подзаголовок", "Текст."]),
        # a hard-wrapped line goes on with a lower-case word
        ("Компания заявила, что\nпродажи выросли.", ["Компания заявила, что\nпродажи выросли."]),
        # abbreviations do not end a sentence
        (
            "Выручка составила 5 млрд руб. в год. Прибыль выросла.",
            ["Выручка составила 5 млрд руб. в год.", "Прибыль выросла."],
        ),
        ("В т. ч. на 10% больше.", ["В т. ч. на 10% больше."]),
    ],
)
def test_split(text, expected):
    assert [s.text for s in split_sentences(text)] == expected


def test_offsets_slice_text(sample_text):
    sentences = split_sentences(sample_text)
    assert len(sentences) == 14
    for i, s in enumerate(sentences):
        assert s.index == i
        assert sample_text[s.start : s.stop] == s.text


# Our own tricky sentences: every razdel join rule (dash, underscore, float,
# fraction, punctuation runs, smileys, other symbols, Yahoo!) and their edges.
TOKENIZE_CASES = [
    "Илон Маск купил Twitter.",
    "Кто-то сказал что-то о Санкт-Петербурге, а -то и нет.",
    "Курс вырос на 2,5% (до 92.30 руб.), а 3/4 акций и 1\\2 долей — в обороте.",
    "snake_case и _под_ и __init__ — имена.",
    "Что?! Да... Ну!!! :) ;-( =((( :-))",
    "Ой -- да ** и ***, а ---.",
    "ΔP и mβж, Δσ, ©2024, ™Apple, ½.",
    "Yahoo! и yahoo!! и Yahoo ! и YAHOO!",
    "«Яндекс» — “Сбер” „ВТБ“ 'Ozon' (МТС) [ВК] {Тинькофф}",
    "x86-64, Wi-Fi 6E, 5G-модем, H100-SXM5, -5°C и +7 (495) 123-45-67.",
    "e-mail: ivan@example.ru, сайт https://example.ru/a_b?c=1&d=2 #тег",
    "1.2.3 и 1,2,3 и 1/2/3 и 10:30 и 2024–2025 гг.",
    "Т. е. и т.д., и т. п.; А.С. Пушкин",
    "   ",
    "",
    "-",
    "--",
    "a-",
    "-b",
    "5.",
    ".5",
]


@pytest.mark.parametrize("text", TOKENIZE_CASES)
def test_tokenize_agrees_with_razdel(text):
    from razdel import tokenize as razdel_tokenize

    from newsfacts.segment import tokenize

    assert tokenize(text) == [(t.start, t.stop, t.text) for t in razdel_tokenize(text)]


def test_tokenize_exact_tokens():
    from newsfacts.segment import tokenize

    assert [t[2] for t in tokenize("Кто-то купил 2,5 млн акций Yahoo! за $3/4 :)")] == [
        "Кто-то", "купил", "2,5", "млн", "акций", "Yahoo!", "за", "$", "3/4", ":)",
    ]


def test_a_line_longer_than_the_block_bound_is_cut_at_a_space():
    from newsfacts.segment import MAX_BLOCK

    word = "слово "
    text = word * (MAX_BLOCK // len(word) * 3)
    sentences = split_sentences(text)
    assert all(s.stop - s.start <= MAX_BLOCK for s in sentences)
    assert all(text[s.start : s.stop] == s.text and not s.text.startswith(" ") for s in sentences)
    assert "".join(s.text for s in sentences).replace(" ", "") == text.replace(" ", "")


def test_a_sentence_longer_than_the_sentence_bound_becomes_pieces():
    from newsfacts.segment import MAX_SENTENCE

    text = "a@b. " * 2000  # razdel keeps this as one sentence
    sentences = split_sentences(text)
    assert len(sentences) > 1
    assert max(s.stop - s.start for s in sentences) <= MAX_SENTENCE
    assert [s.index for s in sentences] == list(range(len(sentences)))
    assert all(text[s.start : s.stop] == s.text for s in sentences)


def test_a_word_longer_than_the_bound_is_cut_hard():
    from newsfacts.segment import MAX_SENTENCE

    text = "я" * (MAX_SENTENCE * 2 + 5)
    assert [(s.start, s.stop) for s in split_sentences(text)] == [
        (0, MAX_SENTENCE), (MAX_SENTENCE, 2 * MAX_SENTENCE), (2 * MAX_SENTENCE, 2 * MAX_SENTENCE + 5)]
