"""Whole-document golden files: any change to any extractor shows up as a diff here.

tests/golden/articles/NAME.txt is one of our own articles; NAME.json is its
Document.as_json(). After an intended change, `pytest tests/test_golden.py --regen`
rewrites the JSON files; review them with `git diff tests/golden/`.
"""

import json

import pytest

from .conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "articles"
ARTICLES = sorted(GOLDEN.glob("*.txt"))


def golden_json(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def test_there_are_enough_golden_articles():
    assert len(ARTICLES) >= 10


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_document_equals_golden_file(article, extractor, regen):
    text = article.read_text(encoding="utf-8")
    got = extractor.extract(text, article.name).as_json()
    expected_path = article.with_suffix(".json")
    if regen or not expected_path.exists():
        expected_path.write_text(golden_json(got), encoding="utf-8")
        if not regen:
            pytest.fail(f"{expected_path.name} was missing and has been written; review and commit it")
        return
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert got == expected
