"""The general HARDWARE rule: a known maker followed by a model-like designation.

"Garmin Fenix 8", "vivo Y28", "MSI MAG B650 Tomahawk", "Kingston Fury Beast":
no family row lists them, but a hardware maker (hardware_vendors.tsv) right
before a designation is a model, once the sentence (or the document) is about
the kind of hardware the maker makes; the matcher checks that evidence. This
module only reads the designation, on the text as written (Latin letters and
digits: a Russian word after a maker is never its model).

A designation is up to four name words then a code with a digit, then model
suffixes ("Legion 5 Pro", "TV S Pro 85"), or, with no code, two or three name
words ("Swift Go", "IdeaPad Duet"). A code alone is the only shape for makers
marked `shape=code` (Intel Z790): their words are too often software.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import recache
from .hwlexicon import Lexicon, Maker

__all__ = ["Designation", "read_designation", "read_continuation"]

_TOKEN = recache.compile(r"[^\S\n]+([A-Za-z0-9][A-Za-z0-9+]*(?:-[A-Za-z0-9]+)*\+?)")
_FIRST = recache.compile(r"([A-Za-z0-9][A-Za-z0-9+]*(?:-[A-Za-z0-9]+)*\+?)")
_WORD = recache.compile(r"[A-Z][a-z]+(?:[A-Z][a-z]*)*|[A-Z]{1,5}|[a-z]+[A-Z][A-Za-z]*")
_CODE = recache.compile(
    r"(?=[A-Za-z]{0,5}-?\d)[A-Za-z]{0,5}-?\d{1,5}(?:[A-Za-z]{1,3}\d{0,5})?(?:-[A-Za-z0-9]{1,4})?\+?"
)
# A code of letters and digits ("B650", "SN850X") may be followed by name words ("Tomahawk").
_MIXED = recache.compile(r"[A-Za-z].*\d|\d.*[A-Za-z]")
_MAX_TAIL_WORDS = 2
_GLUED_CODE = recache.compile(r"[A-Z]{1,3}\d{2,4}[A-Z]{0,2}")
# The code is not a model when it is a year, a parameter count (7B) or a series (RTX 3000).
_NOT_CODE = recache.compile(r"(?:19|20)\d\d|\d+[BM]|\d0{3,}|\d{6,}")
# Right after the code: a size ("10″"), a share, an ordinal ("3-го"), a decimal ("10,1").
_BAD_AFTER = recache.compile(r"[\"″'%]|-[^\W\d_]|[.,]\d")
_MAX_WORDS = 4
_MAX_TOKENS = 7


@dataclass(frozen=True, slots=True)
class Designation:
    start: int
    stop: int
    tokens: tuple[str, ...]
    has_code: bool
    code: str  # the code token, "" when none


def _tokens(text: str, pos: int, first_glued: bool) -> list[re.Match[str]]:
    out: list[re.Match[str]] = []
    m = _FIRST.match(text, pos) if first_glued else _TOKEN.match(text, pos)
    while m is not None and len(out) < _MAX_TOKENS:
        out.append(m)
        m = _TOKEN.match(text, m.end())
    return out


def _is_suffix(lex: Lexicon, tok: str) -> bool:
    return tok.lower() in lex.suffix_set


def _code_ok(text: str, m: re.Match[str], tok: str) -> bool:
    if _NOT_CODE.fullmatch(tok):
        return False
    return _BAD_AFTER.match(text, m.end()) is None


def read_designation(lex: Lexicon, text: str, pos: int, maker: Maker) -> Designation | None:
    """The designation starting at `pos` (right after the maker word and its space)."""
    first = _FIRST.match(text, pos)
    if first is None or lex.maker_word(first.group(1)):
        return None  # "Lenovo Asus ...": the next maker starts its own mention
    toks = _tokens(text, pos, first_glued=True)
    words = [t.group(1) for t in toks]
    if maker.shape == "code":
        tok = words[0]
        if _GLUED_CODE.fullmatch(tok) and _code_ok(text, toks[0], tok):
            return _finish(lex, text, toks, 0, pos)
        return None
    i = 0
    while i < len(words) and i < _MAX_WORDS and not _CODE.fullmatch(words[i]):
        if not _WORD.fullmatch(words[i]) or lex.notword.match(words[i]) or lex.maker_word(words[i]):
            break
        i += 1
    if i < len(words) and _CODE.fullmatch(words[i]) and not lex.notword.match(words[i]):
        if _code_ok(text, toks[i], words[i]):
            return _finish(lex, text, toks, i, pos)
        if i == 0:
            return None
        # the number is no code ("Gaming Laptop 3-го поколения"): the words alone may be the model
        return _words_only(lex, text, toks, words, i, pos, stop_at_code=True)
    return _words_only(lex, text, toks, words, i, pos)


def _words_only(
    lex: Lexicon, text: str, toks: list[re.Match[str]], words: list[str], i: int, pos: int, stop_at_code: bool = False
) -> Designation | None:
    # no code: two or three name words ("Fury Beast"); one word is a line ("IdeaPad")
    n = min(i, 3)
    while n > 0 and _is_suffix(lex, words[n - 1]) and n > 2:
        n -= 1
    if n < 2 or (not stop_at_code and _BAD_AFTER.match(text, toks[n - 1].end())):
        return None
    if not stop_at_code and i < len(words) and i == n and _WORD.fullmatch(words[i]):
        return None  # a longer run of capitalised words: a title or a company name, not a model
    return Designation(pos, toks[n - 1].end(), tuple(words[:n]), False, "")


def _finish(lex: Lexicon, text: str, toks: list[re.Match[str]], i: int, pos: int) -> Designation:
    """Code at token `i`, then model suffixes."""
    words = [t.group(1) for t in toks]
    j = i + 1
    extra = 0  # a second code of letters and digits: a generation or variant ("840 G11", "x360 14")
    while j < len(words):
        if _is_suffix(lex, words[j]):
            j += 1
        elif extra < 2 and _CODE.fullmatch(words[j]) and _MIXED.search(words[j]) and _code_ok(text, toks[j], words[j]):
            j, extra = j + 1, extra + 1
        else:
            break
    if _MIXED.search(words[i]):  # "MAG B650 Tomahawk", "B760M Pro RS"
        k = 0
        while j < len(words) and k < _MAX_TAIL_WORDS and _tail_word(lex, words[j]):
            j, k = j + 1, k + 1
    return Designation(pos, toks[j - 1].end(), tuple(words[:j]), True, words[i])


def _tail_word(lex: Lexicon, word: str) -> bool:
    if _is_suffix(lex, word):
        return True
    return bool(_WORD.fullmatch(word)) and not lex.notword.match(word) and not lex.maker_word(word)


def read_continuation(lex: Lexicon, text: str, pos: int, prev: Designation) -> Designation | None:
    """The next model of a list after `prev`: "vivo Y28 и Y38", "Legion 5 и Legion 7"."""
    toks = _tokens(text, pos, first_glued=True)
    if not toks:
        return None
    words = [t.group(1) for t in toks]
    if _CODE.fullmatch(words[0]):
        if not prev.has_code or not _same_shape(words[0], prev.code) or not _code_ok(text, toks[0], words[0]):
            return None
        return _finish(lex, text, toks, 0, pos)
    if words[0] not in prev.tokens or lex.notword.match(words[0]):
        return None
    for i in range(1, min(len(words), _MAX_WORDS + 1)):
        if _CODE.fullmatch(words[i]):
            return _finish(lex, text, toks, i, pos) if _code_ok(text, toks[i], words[i]) else None
        if not _WORD.fullmatch(words[i]):
            break
    return None


def _same_shape(code: str, prev: str) -> bool:
    """ "14" after "13", "Y38" after "Y28", "4080" after "4070"; not "2" after "15"."""
    if code.isdigit() or prev.isdigit():
        return code.isdigit() and prev.isdigit() and len(code) == len(prev)
    return True
