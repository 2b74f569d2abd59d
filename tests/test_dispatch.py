"""Hardware patterns dispatched on a text's first two characters match as the whole bucket does.

Compiling every row that can start with a letter cost ~30 ms per article (issue 11); the
dispatch compiles only the rows the next letter allows. It rests on `refirst.prefixes`
never giving too small a set, and on lower() being re.IGNORECASE for folded (cp1251) text.
"""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfacts.extractors.hwlexicon import fold_text, load_lexicon
from newsfacts.extractors.refirst import ANY, prefixes

LEX = load_lexicon()
ROW_PATTERNS = [LEX.row_body(r) for r in LEX.rows]
MAKER_PATTERNS = [m.spell for m in LEX.makers]
CP1251 = st.characters(codec="cp1251")


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("RTX", {"rt"}),
        (r"(?:GeForce|Джифорс)?RTX", {"ge", "дж", "rt"}),
        (r"x*", {"", "x", "xx"}),
        (r"a{0,3}b", {"aa", "ab", "b"}),
        (r"a{2,}|c?", {"aa", "", "c"}),
        (r"(?P<c>Pro\+?|Plus)", {"pr", "pl"}),
        (r"(?![2-6]G)(?:[XY]\d|Z)", {f"{c}{d}" for c in "xy" for d in "0123456789"} | {"z"}),
        (r"a|b(?=c)", {"a", "b"}),
        (r"A\w", {"a" + ANY}),
        (r"(?-i:Q)[^\S\n]+7", {"q" + ANY}),
        (r"(?<![\w\-])K\d", {f"k{d}" for d in "0123456789"}),
        (r"a[)|]b|c", {"a)", "a|", "c"}),
        (r"é1", {ANY + "1"}),
    ],
)
def test_prefixes(pattern, expected):
    assert prefixes(pattern) == frozenset(expected)


def starts_with_a_prefix(text: str, pre: frozenset[str]) -> bool:
    low = text.lower()
    return any(
        len(low) >= len(p) and all(a == ANY or a == b for a, b in zip(p, low, strict=False)) for p in pre
    )


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_every_match_of_a_data_pattern_starts_with_one_of_its_prefixes(data):
    pattern = data.draw(st.sampled_from(ROW_PATTERNS + MAKER_PATTERNS))
    text = data.draw(st.from_regex(re.compile(pattern, re.I), fullmatch=True, alphabet=CP1251))
    assert starts_with_a_prefix(text, prefixes(pattern)), (pattern, text)


def test_lower_is_case_ignoring_for_folded_text_and_the_letters_of_the_data():
    letters = {c for p in ROW_PATTERNS + MAKER_PATTERNS for c in p if c.isascii() or "\u0400" <= c <= "\u04ff"}
    text_chars = {bytes([b]).decode("cp1251", "replace") for b in range(256)} - {"\ufffd"}
    for r in letters:
        same = {t for t in text_chars if re.fullmatch(re.escape(r), t, re.IGNORECASE)}
        assert same == {t for t in text_chars if t.lower() == r.lower()}, r


def same_matches(dispatch_at, whole, folded: str) -> None:
    for at in range(len(folded)):
        c = folded[at].lower()
        full, part = whole(c), dispatch_at(folded, at)
        m1 = full.match(folded, at) if full is not None else None
        m2 = part.match(folded, at) if part is not None else None
        assert (m1 and (m1.span(), m1.lastgroup)) == (m2 and (m2.span(), m2.lastgroup)), (folded, at)


TEXTS = [
    "Сервер на NVIDIA H100 и H200, ускорители AMD Instinct MI300X, Radeon RX 7900 XTX и GeForce RTX 4090.",
    "Смартфоны Samsung Galaxy S24 Ultra, Xiaomi 14 Pro, iPhone 15 Pro Max; Snapdragon 8 Gen 3 и Dimensity 9300.",
    "Intel Core i9-14900K, Xeon Platinum 8480+, Apple M3 Max, Эльбрус-8СВ, Байкал-М, Jetson Orin Nano.",
    "PlayStation 5, Xbox Series X, Nintendo Switch, Raspberry Pi 5, Huawei Kirin 9000S, Ascend 910B и MX",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_dispatch_matches_as_the_whole_bucket(text):
    folded = fold_text(text)
    same_matches(LEX.bucket_at, LEX.bucket, folded)
    same_matches(LEX.maker_at, LEX._maker_dispatch.first, folded)
    for at in range(len(folded)):
        rows = LEX.bucket_rows.get(folded[at].lower(), [])
        chosen = LEX.rows_at(folded, at)
        assert chosen == [r for r in rows if r in chosen]  # in bucket order
        assert all(r in chosen for r in rows if LEX.row_re(r).match(folded, at))  # none that matches left out


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(ROW_PATTERNS + MAKER_PATTERNS), min_size=1, max_size=4), st.data())
def test_the_dispatch_matches_as_the_whole_bucket_on_generated_names(patterns, data):
    parts = [data.draw(st.from_regex(re.compile(p, re.I), fullmatch=True, alphabet=CP1251)) for p in patterns]
    folded = fold_text(" ".join(parts))
    same_matches(LEX.bucket_at, LEX.bucket, folded)
    same_matches(LEX.maker_at, LEX._maker_dispatch.first, folded)


VENDOR_PATTERNS = [p for _, p in __import__("newsfacts.extractors.lexicon", fromlist=["x"])._vendor_spellings()]


def same_vendor(name: str) -> None:
    from newsfacts.extractors.lexicon import _vendor_match, _vendor_re

    got, want = _vendor_match(name), _vendor_re().fullmatch(name)
    assert (got and got.lastgroup) == (want and want.lastgroup), name


NAMES = ["Нвидиа", "NVIDIA", "Теслой", "arm", "ARM", "Raspberry Pi Ltd", "", "x", "Ąmd", "ᲃони"]


@pytest.mark.parametrize("name", NAMES)
def test_a_vendor_spelling_is_found_as_the_whole_pattern_finds_it(name):
    same_vendor(name)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_a_vendor_spelling_is_found_as_the_whole_pattern_finds_it_for_generated_names(data):
    pattern = data.draw(st.sampled_from(VENDOR_PATTERNS))
    name = data.draw(st.from_regex(re.compile(pattern, re.I), fullmatch=True) | st.text(max_size=6))
    same_vendor(name)
    same_vendor(name[1:])
    same_vendor(name + "s")
