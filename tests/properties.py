"""Hostile texts and the properties every Document must have, shared by the tests and benchmarks.

tests/test_properties.py draws a bounded number of examples from these strategies;
benchmarks/properties.py draws 20,000+ and counts violations per family.
"""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import strategies as st

# Letters Unicode gives no name (Tangut and its supplement): unicodedata.name() raises on them.
UNNAMED_LETTERS = [(0x17000, 0x187F7), (0x18D00, 0x18D08)]

FRAGMENTS = [
    "Илон Маск", "Nvidia", "NVIDIA H100", "«Яндекс»", "Москве", "сказал", ".", ",", " ", "\n\n", "%",
    "млрд", "млн", "тысячи", "рублей", "долларов", "около", "от 1 до 2", "1 000", "2,5", "1.5", "$",
    "Snapdragon 8 Gen 3", "в 2024 году", "15 марта", "генеральный директор", "глава", "компании",
    "\x00", "\x07", "\x1b[2J", "\x1b]0;title\x07", "\r", "\t", "\x7f", "\u200b", "\ufeff",
    "\u202e", "\u200f", "\u05e9\u05dc\u05d5\u05dd", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629",
    "😀", "👩‍💻", "🇷🇺", "а\u0301", "\u0301\u0301\u0301", "e\u0308\u0323", "ﬁ", "Ⅻ", "²", "½", "٣", "𝟗",
    "a@b.", "+7 (495) ", "дата-", "https://example.com/a?b=1", "H100" * 3, "-", "—", "…", "\"", "«", "»",
]
LONG_TOKENS = ["а" * 10_000, "Я" * 10_000, "x" * 10_000, "\u0301" * 10_000, "😀" * 10_000]

_named = st.characters(blacklist_categories=("Cs",)).filter(
    lambda c: not any(a <= ord(c) <= b for a, b in UNNAMED_LETTERS)
)
_piece = st.one_of(
    st.text(_named, max_size=12),
    st.sampled_from(FRAGMENTS),
    st.integers(min_value=0, max_value=10**40).map(str),
    st.text("0123456789 ,.", max_size=30),
)
# arbitrary Unicode (no lone surrogates, no unnamed letters): news-like fragments mixed with anything
texts = st.lists(_piece, max_size=10).map("".join)
long_tokens = st.tuples(texts, st.sampled_from(LONG_TOKENS), texts).map("".join)

# numbers whose arithmetic overflowed a float: 300-400 digits, 103+ groups, multiplier chains
overflow_numbers = st.one_of(
    st.integers(300, 400).map(lambda n: "9" * n),
    st.just("1" * 10_000),
    st.integers(300, 400).map(lambda n: f"Компания потратила {'1' * n} долларов."),
    st.integers(103, 140).map(lambda n: "1 " + "000 " * n + "рублей"),
    st.integers(30, 45).map(lambda n: "5 " + "млрд " * n + "долларов"),
    st.integers(30, 45).map(lambda n: "около 2 " + "трлн " * n + "рублей"),
)
unnamed_letters = st.tuples(
    texts, st.lists(st.integers(0x17000, 0x187F7).map(chr), min_size=1, max_size=3).map("".join), texts
).map(lambda t: f"{t[0]} три {t[1]}щ {t[2]}")
lone_surrogates = st.tuples(texts, st.integers(0xD800, 0xDFFF).map(chr), texts).map("".join)

FAMILIES = {
    "unicode": texts,
    "long tokens": long_tokens,
    "overflow numbers": overflow_numbers,
    "unnamed letters": unnamed_letters,
    "lone surrogates": lone_surrogates,
}


def violations(text: str, doc: Any) -> list[str]:
    """What is wrong with the Document `doc` extracted from `text` (empty: nothing)."""
    found: list[str] = []
    if len(doc.text) != len(text):
        found.append(f"document text has {len(doc.text)} chars, input {len(text)}")
    t = doc.text

    def spans(kind: str, items) -> None:
        for item in items:
            if not 0 <= item.start <= item.stop <= len(t):
                found.append(f"{kind} offsets {item.start}:{item.stop} outside the text")
            elif t[item.start : item.stop] != item.text:
                found.append(f"{kind} {item.text!r} != text[{item.start}:{item.stop}] {t[item.start:item.stop]!r}")

    spans("sentence", doc.sentences)
    for i, s in enumerate(doc.sentences):
        if s.index != i:
            found.append(f"sentence {i} has index {s.index}")
    spans("entity", doc.entities)
    spans("quantity", doc.quantities)
    spans("subject", [q.subject for q in doc.quantities if q.subject is not None])
    spans("role", doc.roles)
    for item in (*doc.entities, *doc.quantities, *doc.roles):
        if doc.sentences and not 0 <= item.sentence < len(doc.sentences):
            found.append(f"{item.text!r} in sentence {item.sentence} of {len(doc.sentences)}")
    for q in doc.quantities:
        for value in (q.value, q.max):
            if value is not None and not math.isfinite(value):
                found.append(f"quantity {q.text[:40]!r} has value {value}")
    data = doc.as_json()
    try:
        encoded = json.dumps(data, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except (ValueError, UnicodeEncodeError) as e:
        found.append(f"JSON not writable: {type(e).__name__}: {e}"[:200])
    else:
        if json.loads(encoded.decode("utf-8")) != data:
            found.append("JSON does not round-trip")
    return found
