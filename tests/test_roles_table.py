"""The post table of facts/roles.py: the same forms and the same matches as the regex it replaced.

The forms were built with ``Parse.inflect`` and matched by one regex of every form; both
cost start-up time (issue 11). The reference versions live here, and the table must agree.
"""

import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacts.data import load_lines
from newsfacts.facts import roles
from newsfacts.facts.wordlist import alternation
from newsfacts.morph import parse


def reference_inflections(entry: str) -> dict[str, str]:
    """The forms as roles.py built them before, one ``Parse.inflect`` per word and form."""
    words = entry.split()
    parses = [parse(w.lower()) for w in words]
    head = next((n for n, p in enumerate(parses) if p and p[0].tag.POS == "NOUN"), None)
    forms = {entry.lower(): entry}
    if head is None:
        return forms
    for number in ("sing", "plur"):
        for case in ("nomn", "gent", "datv", "accs", "ablt", "loct"):
            out = []
            for n, (w, p) in enumerate(zip(words, parses, strict=True)):
                if n > head or not p:
                    out.append(w.lower())
                    continue
                want = {case, number} | ({"masc"} if n < head and number == "sing" else set())
                form = p[0].inflect(want)
                if form is None:
                    break
                out.append(form.word)
            else:
                forms[" ".join(out)] = entry
    return {f.replace("ё", "е"): e for f, e in forms.items()} | forms


@pytest.mark.parametrize("entry", list(load_lines("posts.tsv")))
def test_forms_are_the_ones_inflect_gives(entry):
    assert roles._inflections(entry) == reference_inflections(entry)


def test_forms_of_a_post_with_adjectives():
    forms = roles._inflections("генеральный директор")
    assert forms["генеральному директору"] == "генеральный директор"
    assert forms["генеральных директоров"] == "генеральный директор"
    assert "генерального директора" in forms


@pytest.fixture(scope="module")
def reference_re() -> re.Pattern[str]:
    posts = roles._table().forms
    return re.compile(
        rf"(?<![\w-])(?:(?:{alternation(roles._DROP)})\s+)?(?P<post>{alternation(posts)})"
        rf"(?:\s*(?:[-–—]|и)\s*(?:{alternation(posts)}))?(?![\w-])",
        re.IGNORECASE,
    )


def found(text: str, pos: int = 0, stop: int | None = None) -> list[tuple[int, int, str]]:
    stop = len(text) if stop is None else stop
    return [(m.start(), m.end(), m.group("post")) for m in roles._table().finditer(text, roles._lower(text), pos, stop)]


def expected(pattern: re.Pattern[str], text: str, pos: int = 0, stop: int | None = None) -> list[tuple[int, int, str]]:
    stop = len(text) if stop is None else stop
    return [(m.start(), m.end(), m.group("post")) for m in pattern.finditer(text, pos, stop)]


SENTENCES = [
    "Бывший генеральный директор компании Иван Петров ушёл.",
    "Герман Греф, президент и председатель правления Сбербанка, заявил.",
    "ГЕНЕРАЛЬНЫЙ ДИРЕКТОР Ёлкин; вице-президента, экс  директора, гендиректоры, директора-президенты.",
    "Заместитель генерального директора — председатель совета директоров банка.",
    "Новый   CEO, ceo и Ceo-основатель; директорам и директора; режиссёр; поддиректор, директор-",
    "президент\u00a0и\u00a0вице-президент; \u1c80ице-президент; дирек\u1c84ор; İдиректор",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_the_same_matches_as_the_regex(reference_re, text):
    assert found(text) == expected(reference_re, text)
    assert found(text)  # each sentence holds posts
    for pos, stop in ((3, len(text) - 4), (10, 30), (0, 12)):
        assert found(text, pos, stop) == expected(reference_re, text, pos, stop)


def test_a_post_and_its_second_post():
    text = "Герман Греф, президент и председатель правления Сбербанка"
    assert found(text) == [(13, 47, "президент")]


_PIECES = [
    "директор", "генеральный", "генерального", "президент", "вице", "председатель", "правления",
    "бывший", "экс", "новый", "CEO", "и", "И", "-", "—", " ", "  ", "\u00a0", ",", ".", "«", "Ё", "ё",
    "а", "Д", "ДИРЕКТОР", "_", "1", "\u1c84", "\u0130", "основатель", "глава", "замглавы", "совета",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14), st.integers(0, 6), st.integers(0, 6))
def test_the_same_matches_as_the_regex_on_any_mix(reference_re, pieces, cut_left, cut_right):
    text = "".join(pieces)
    stop = max(0, len(text) - cut_right)
    pos = min(cut_left, stop)
    assert found(text, pos, stop) == expected(reference_re, text, pos, stop)


def _all_chars() -> str:
    return "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)


def test_lower_case_is_the_case_ignoring_of_re_for_every_letter_of_the_forms():
    table = roles._table()
    # the letters of the forms, and every Russian letter a posts.tsv entry may bring
    letters = {c for w in (*table.forms, *roles._DROP) for c in w} | set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
    chars = _all_chars()
    low = roles._lower(chars)
    assert len(low) == len(chars)
    by_lower: dict[str, set[str]] = {letter: set() for letter in letters}
    for c, lc in zip(chars, low, strict=True):
        if lc in by_lower:
            by_lower[lc].add(c)
    for letter in sorted(letters):
        by_re = set(re.compile(re.escape(letter), re.IGNORECASE).findall(chars))
        assert by_re == by_lower[letter], letter


def test_space_and_word_characters_are_the_ones_of_re():
    chars = _all_chars()
    assert re.findall(r"\s", chars) == [c for c in chars if c.isspace()]
    assert re.findall(r"[\w-]", chars) == [c for c in chars if not roles._word_end(c, 0, 1)]


def test_importing_and_making_an_extractor_build_no_post_table():
    code = (
        "import newsfacts, newsfacts.facts.roles as r\n"
        "newsfacts.Extractor()\n"
        "print(r._table.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["0"]
