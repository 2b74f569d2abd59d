"""Properties of every Document, on arbitrary and hostile Unicode (hypothesis, bounded examples).

`extract` never raises; every offset slices its text exactly; every value is
finite; the JSON is valid, UTF-8 encodable and round-trips. The strategies are in
tests/properties.py; benchmarks/properties.py runs them over 20,000+ inputs.
"""

import json

import pytest
from hypothesis import HealthCheck, given, settings

from newsfacts import extract

from . import properties as p

FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
# issue 15's hostile families: fewer examples, each costs more
HOSTILE = settings(FAST, max_examples=20)


def check(extractor, text):
    doc = extractor.extract(text, "<fuzz>")
    assert p.violations(text, doc) == []
    return doc


@FAST
@given(p.texts)
def test_arbitrary_unicode(extractor, text):
    check(extractor, text)


@settings(FAST, max_examples=4)
@given(p.long_tokens)
def test_ten_thousand_char_tokens(extractor, text):
    check(extractor, text)


@FAST
@given(p.lone_surrogates)
def test_lone_surrogates_are_replaced(extractor, text):
    doc = check(extractor, text)
    assert doc.text == "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)


def test_lone_surrogates_in_source_too():
    doc = extract("Маск \udcff купил", source="bad-\udc80.txt")
    assert (doc.text, doc.source) == ("Маск \ufffd купил", "bad-\ufffd.txt")
    json.dumps(doc.as_json(), ensure_ascii=False).encode("utf-8")


@HOSTILE
@given(p.overflow_numbers)
def test_overflowing_numbers(extractor, text):
    check(extractor, text)


@HOSTILE
@given(p.unnamed_letters)
def test_unnamed_letters(extractor, text):
    check(extractor, text)


@pytest.mark.parametrize(
    "text", ["9" * 400, "5 " + "млрд " * 40 + "долларов", "три \U00017c63щ"], ids=["400 digits", "chain", "tangut"]
)
def test_issue_15_examples(extractor, text):
    check(extractor, text)


def test_the_checker_sees_a_bad_offset(extractor):
    from dataclasses import replace

    doc = extractor.extract("Илон Маск купил 10 000 ускорителей.")
    bad = replace(doc, entities=(replace(doc.entities[0], start=1),))
    assert p.violations(doc.text, bad) == ["entity 'Илон Маск' != text[1:9] 'лон Маск'"]


def test_the_checker_sees_infinity(extractor):
    from dataclasses import replace

    doc = extractor.extract("Илон Маск купил 10 000 ускорителей.")
    bad = replace(doc, quantities=(replace(doc.quantities[0], value=float("inf")),))
    found = p.violations(doc.text, bad)
    assert found[0] == "quantity '10 000 ускорителей' has value inf"
    assert found[1].startswith("JSON not writable: ValueError: Out of range float")
    assert len(found) == 2
