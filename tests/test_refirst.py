"""First characters of data regexes, read without the private stdlib parser."""

from __future__ import annotations

import pytest

from newsfacts.extractors.refirst import first_chars


@pytest.mark.parametrize(
    ("pattern", "chars", "nullable"),
    [
        ("RTX", {"R"}, False),
        (r"(?:GeForce|Джифорс)?RTX", {"G", "Д", "R"}, False),
        (r"\d{3}(?-i:G)?", set("0123456789"), False),
        (r"(?-i:[A-Z]{1,2})\d", {chr(c) for c in range(ord("A"), ord("Z") + 1)}, False),
        (r"(?P<c>Pro\+?|Plus)", {"P"}, False),
        (r"(?![2-6]G(?!\w))(?:[XY]\d|\d)", set("XY0123456789"), False),
        (r"(?<![\w\-])K\d", {"K"}, False),
        (r"(?:Radeon{1,2}[^\S\n]+)*Instinct", {"R", "I"}, False),
        (r"[\-+]?1", {"-", "+", "1"}, False),
        (r"x*", set("x"), True),
        (r"a{0,3}b", {"a", "b"}, False),
        # after the set of an alternative is closed, its rest is skipped up to the next "|"
        (r"a[)|]b|c", {"a", "c"}, False),
        (r"a\)|b", {"a", "b"}, False),
        (r"a(?:x|(y))z|b", {"a", "b"}, False),
        (r"a[]|]|b", {"a", "b"}, False),
    ],
)
def test_first_chars(pattern: str, chars: set[str], nullable: bool) -> None:
    assert first_chars(pattern) == (frozenset(chars), nullable)


@pytest.mark.parametrize("pattern", [r"\w+", r"[^\S\n]x", r".abc", r"(?:a|\s)b", "[\u0001-\uffff]"])
def test_unbounded_start_is_none(pattern: str) -> None:
    assert first_chars(pattern)[0] is None


@pytest.mark.parametrize("pattern", ["(ab", "ab)"])
def test_unbalanced_groups_are_an_error(pattern: str) -> None:
    with pytest.raises(ValueError):
        first_chars(pattern)
