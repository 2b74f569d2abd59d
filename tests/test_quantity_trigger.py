"""The amount trigger finds what its regex finds, without compiling the number-word trie.

The regex (~2.9K characters, ~5 ms to compile at start-up, issue 11) stays the definition:
these tests compile it and compare.
"""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacts.extractors.quantities.lexicon import Lexicon

TRIGGER = Lexicon().trigger_re
EXACT = re.compile(TRIGGER.pattern)


def spans(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


TEXTS = [
    "двадцать пять серверов, двадцатью, двухпроцентным, восьмиядерный, топ-10 и top-5, 3,5 млн",
    "дваждыдва два2 два_ трёх трех тремя треска тысяча тысячелетие пол-литра полтора полугода",
    "ёлка восемь восьмидесяти восьмиэтажный сто стоит стотысячный миллион миллиардер",
    "",
    "семь-восемь, семью семь, четвертьфинал четверть, одиннадцатиядерный",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_same_places_as_the_regex(text):
    assert spans(TRIGGER.finditer(text)) == spans(EXACT.finditer(text))


def test_a_word_that_only_starts_as_a_number_word_is_no_trigger():
    assert spans(TRIGGER.finditer("стоит трибуна")) == []
    assert spans(TRIGGER.finditer("стоит сто")) == [(6, 9)]


_PIECES = ["два", "двадцать", "пять", "сто", "ит", "восьми", "ядерный", "процентным", "топ", "top", "-", "10",
           " ", ",", "ё", "е", "тысяч", "а", "_", "2", "полу", "тора", "трех", "трёх", "миллион", "ов", "x"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_the_same_places_as_the_regex_on_any_mix(pieces):
    text = "".join(pieces)
    assert spans(TRIGGER.finditer(text)) == spans(EXACT.finditer(text))
