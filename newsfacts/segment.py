"""Sentences and tokens with exact character offsets.

razdel alone joins a headline with the next line (headlines have no final
period), so lines are split first; a hard-wrapped line (no closing
punctuation, next line starting in lower case) is kept with the next one.

`tokenize` gives razdel's tokens (the ones natasha's NER was trained on)
without razdel's per-atom objects: the same atoms, the same join rules in the
same order, applied only where two atoms touch (a space always splits).
"""

from __future__ import annotations

from collections.abc import Iterator

from razdel import sentenize
from razdel.segmenters.punct import DASHES, ENDINGS
from razdel.segmenters.tokenize import ATOM, SMILE

from . import recache
from .doc import Sentence

_LINE = recache.compile(r"[^\n]+")
_SENTENCE_END = tuple(".!?…:;»\"')”")


def blocks(text: str) -> Iterator[tuple[int, int]]:
    """(start, stop) of line blocks: lines, with hard-wrapped lines joined."""
    start = stop = None
    for m in _LINE.finditer(text):
        line = m.group()
        if not line.strip():
            continue
        if start is not None:
            prev = text[start:stop].rstrip()
            nxt = line.lstrip()
            joined = nxt[:1].islower() and not prev.endswith(_SENTENCE_END) and m.start() - stop == 1
            if not joined:
                yield start, stop
                start = None
        if start is None:
            start = m.start()
        stop = m.end()
    if start is not None:
        yield start, stop


# Bounds that keep cost linear on pathological text. razdel is superlinear on one huge line, so
# a line longer than MAX_BLOCK is cut at a space before razdel sees it; NER, the parser and the
# rules work a sentence at a time, so a sentence longer than MAX_SENTENCE is cut into pieces
# (one 1 MB "sentence" of "a@b." took 7 GB). Real news is far below both: the longest line of
# the 4,051-item bench corpus has 4,794 characters, its longest sentence 1,353.
MAX_BLOCK = 20_000
MAX_SENTENCE = 2_000


def pieces(text: str, start: int, stop: int, limit: int) -> Iterator[tuple[int, int]]:
    """(start, stop) of consecutive pieces of text[start:stop], each at most `limit` long,
    cut at the last space of a piece where there is one; white space between pieces is dropped."""
    while stop - start > limit:
        cut = text.rfind(" ", start + limit // 2, start + limit)
        if cut <= start:
            cut = start + limit
        yield start, cut
        start = cut
        while start < stop and text[start].isspace():
            start += 1
    if start < stop:
        yield start, stop


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    for lstart, lstop in blocks(text):
        for bstart, bstop in pieces(text, lstart, lstop, MAX_BLOCK):
            for s in sentenize(text[bstart:bstop]):
                for start, stop in pieces(text, bstart + s.start, bstart + s.stop, MAX_SENTENCE):
                    # razdel keeps surrounding space out already; guard empty pieces
                    if text[start:stop].strip():
                        sentences.append(Sentence(len(sentences), start, stop, text[start:stop]))
    return sentences


# razdel's atom types (razdel.segmenters.tokenize)
_PUNCT, _INT, _WORDY = "PUNCT", "INT", ("OTHER", "RU", "LAT")


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """(start, stop, text) of razdel's tokens of `text`, identical to ``razdel.tokenize``.

    razdel decides each boundary between touching atoms by its first rule that
    answers (dash, underscore, float, fraction, punct, other, yahoo); the
    rules below are those, in that order, on plain tuples.
    """
    atoms = [(m.start(), m.end(), m.lastgroup, m.group()) for m in ATOM.finditer(text)]
    tokens: list[tuple[int, int, str]] = []
    if not atoms:
        return tokens
    start, stop, _, buffer = atoms[0]
    last = len(atoms) - 1
    for i in range(1, last + 1):
        a_start, a_stop, right_type, right = atoms[i]
        if a_start == stop and _joins(atoms, i, last, buffer):
            buffer += right
        else:
            tokens.append((start, stop, buffer))
            start, buffer = a_start, right
        stop = a_stop
    tokens.append((start, stop, buffer))
    return tokens


def _joins(atoms: list[tuple[int, int, str, str]], i: int, last: int, buffer: str) -> bool:
    """razdel's verdict on the boundary before atom `i` (the atoms touch)."""
    _, _, left_type, left = atoms[i - 1]
    _, _, right_type, right = atoms[i]
    # the four 2112 rules: a delimiter atom between two others; `in` is a
    # substring test on atom texts, as in razdel
    for delimiters, kind in ((DASHES, "word"), ("_", "word"), (".,", "int"), ("/\\", "int")):
        if left in delimiters:
            outer_left = atoms[i - 2] if i >= 2 else None
            outer_right = atoms[i]
        elif right in delimiters:
            outer_left = atoms[i - 1]
            outer_right = atoms[i + 1] if i < last else None
        else:
            continue
        if outer_left is None or outer_right is None:
            continue
        if kind == "word":
            if outer_left[2] != _PUNCT and outer_right[2] != _PUNCT:
                return True
        elif outer_left[2] == _INT and outer_right[2] == _INT:
            return True
    if left_type == _PUNCT and right_type == _PUNCT:
        if SMILE.match(buffer + right):
            return True
        if left in ENDINGS and right in ENDINGS:
            return True
        if left + right in ("--", "**"):
            return True
    elif left_type == "OTHER" and right_type in _WORDY:
        return True
    elif left_type in _WORDY and right_type == "OTHER":
        return True
    return left.lower() == "yahoo" and right == "!"
