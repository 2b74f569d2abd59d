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
