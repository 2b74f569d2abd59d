"""WordSet finds what the regex of its words finds (issue 11: the regex cost ~10 ms to compile)."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacts.facts.anaphora import ANAPHOR_FORMS
from newsfacts.facts.untreed import OWNED_FORMS
from newsfacts.facts.wordlist import WordSet, alternation

WORDS = ["компания", "компании", "фирма", "он", "она", "её", "ее", "выручка", "ёж"]


def regex_of(words) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{alternation(words)})(?![\w-])", re.IGNORECASE)


def spans(matches) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in matches]


TEXTS = [
    "Компания и её выручка; компанией, ОН, она-то, он_, «фирма», фирмами, 2он, он2, -он, он-",
    "Ёж ЕЁ ее компаниИ\u00a0компании. \u1c82н и \u1c82на, İон, компания\u0301",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_matches_of_the_regex(text):
    ws, rx = WordSet(WORDS), regex_of(WORDS)
    assert spans(ws.finditer(text)) == spans(rx.finditer(text))
    assert spans(ws.finditer(text, 3, len(text) - 5)) == spans(rx.finditer(text, 3, len(text) - 5))
    found, want = ws.search(text, 5), rx.search(text, 5)
    assert (found and found.span()) == (want and want.span())


def test_a_word_with_a_hyphen_is_refused():
    with pytest.raises(ValueError):
        WordSet(["вице-президент"])


_PIECES = [*WORDS, "ком", "пания", " ", "-", "_", "1", ",", "«", "Ё", "О", "\u1c82", "\u0130", "\u00a0", "x"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12), st.integers(0, 5), st.integers(0, 5))
def test_the_matches_of_the_regex_on_any_mix(pieces, cut_left, cut_right):
    text = "".join(pieces)
    stop = max(0, len(text) - cut_right)
    pos = min(cut_left, stop)
    ws, rx = _SHARED
    assert spans(ws.finditer(text, pos, stop)) == spans(rx.finditer(text, pos, stop))


_SHARED = (WordSet(WORDS), regex_of(WORDS))


@pytest.mark.parametrize("found", [ANAPHOR_FORMS, OWNED_FORMS])
def test_the_fact_word_sets_match_as_their_regex(found):
    rx = regex_of(found._words)
    text = " ".join(w.upper() if n % 3 == 0 else w for n, w in enumerate(found._words)) + " компаниям, их доход"
    assert spans(found.finditer(text)) == spans(rx.finditer(text))
    assert spans(found.finditer(text.upper())) == spans(rx.finditer(text.upper()))
