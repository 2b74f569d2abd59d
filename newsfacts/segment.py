"""Sentences with exact character offsets.

razdel alone joins a headline with the next line (headlines have no final
period), so lines are split first; a hard-wrapped line (no closing
punctuation, next line starting in lower case) is kept with the next one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from razdel import sentenize

from .doc import Sentence

_LINE = re.compile(r"[^\n]+")
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


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    for bstart, bstop in blocks(text):
        for s in sentenize(text[bstart:bstop]):
            start, stop = bstart + s.start, bstart + s.stop
            # razdel keeps surrounding space out already; guard empty pieces
            if text[start:stop].strip():
                sentences.append(Sentence(len(sentences), start, stop, text[start:stop]))
    return sentences
