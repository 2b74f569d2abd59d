"""Tokenizer: the text near digits and number words, as a list of tokens.

Only windows around the places where an amount can start are tokenized (most of
an article holds none). Phone numbers, numeric dates, clock times, URLs,
e-mails and the caller's skip spans become one GAP token that nothing reads
across.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ... import recache
from .text import fold

# token kinds
NUM, WORD, SYM, GAP = 0, 1, 2, 3

# How far around a trigger the tokenizer looks: approximation words before a
# number, a multiplier, a range and a counted noun phrase after it.
WINDOW_BACK, WINDOW_FWD = 40, 90

_TOKEN_RE = recache.compile(
    r"(\d+(?:[.,]\d+)*)"  # digits with inner separators; grouping by spaces is merged later
    r"|((?<=\d)[xх×](?=\d))"  # "3840x2160": the x between numbers is a separator
    r"|([^\W\d_][^\W_]*(?:[-'’][^\W_]+)*)"  # a word, may hold digits and hyphens: H100, дата-центров
    r"|(\S)"  # any other single character
)
# Spans never read as numbers: phone numbers, numeric dates, clock times. The
# leading lookahead keeps the scan cheap (most positions fail on one class test).
_MASK_RE = recache.compile(
    r"(?=[\d(+])(?<![\w.,])(?:"
    r"\+\d{1,3}[\s\u00a0-]?\(?\d{2,5}\)?(?:[\s\u00a0-]?\d{2,4}){2,4}"
    r"|(?:\(\d{3,5}\)[\s\u00a0-]?)?\d{3}-\d{2}-\d{2}(?![\d-])"
    r"|8[\s\u00a0-]?\(\d{3,5}\)[\s\u00a0-]?\d{1,3}[\s\u00a0-]?\d{2}[\s\u00a0-]?\d{2}"
    r"|\d{4}-\d{2}-\d{2}(?!\d)"
    r"|(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?:\d{4}|\d{2})(?![.,]?\d)"
    r"|(?:[01]?\d|2[0-3]):[0-5]\d(?!:?\d)"
    r")"
)
_SPACE = recache.compile(r"\s")
_SPACE_BEFORE = recache.compile(r"\s(?!.*\s)", re.S)  # the last whitespace in the searched range
SNAP = 64  # how far a window may widen to reach whitespace
_URL_RE = recache.compile(r"(?:https?://|www\.)\S+")
_EMAIL_RE = recache.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(slots=True)
class Tok:
    kind: int
    text: str
    low: str  # fold(text)
    start: int
    stop: int
    sp: bool = False  # follows the previous token on the same line (spaces or nothing between)
    gl: bool = False  # glued to the previous token


class Ctx:
    """One text and its tokens: the state every reader and rule shares for one call."""

    __slots__ = ("text", "toks", "n", "word_starts")

    def __init__(self, text: str, toks: list[Tok], word_starts: set[int] | None = None) -> None:
        self.text = text
        self.toks = toks
        self.n = len(toks)
        # offsets where the trigger regex found a number word, "двухпроцентный", "топ-10"
        self.word_starts = word_starts if word_starts is not None else set()

    def spaced(self, a: int, b: int) -> bool:
        """Tokens a and b = a + 1 are neighbours on one line, only spaces between."""
        return b < self.n and self.toks[b].sp

    def glued(self, a: int, b: int) -> bool:
        """Token b = a + 1 follows token a with nothing between."""
        return b < self.n and self.toks[b].gl

    def sentence_ends(self, pos: int) -> bool:
        """A line end or a capital follows position pos: a dot there ends a sentence."""
        rest = self.text[pos : pos + 3].lstrip(" \u00a0")
        return not rest or rest[0] == "\n" or rest[0].isupper()


class Tokenizer:
    def __init__(self, trigger_re) -> None:
        self._trigger_re = trigger_re  # a lower-case pattern (lexicon.Trigger), run over text.lower()
        self._any_case_re: re.Pattern | None = None  # compiled for the first text that needs it

    def __call__(self, text: str, skip: Sequence[tuple[int, int]] = ()) -> Ctx:
        starts: set[int] = set()
        return Ctx(text, self.tokens(text, skip, starts), starts)

    def tokens(self, text: str, skip: Sequence[tuple[int, int]], word_starts: set[int] | None = None) -> list[Tok]:
        masked = [m.span() for m in _MASK_RE.finditer(text)]
        if "http" in text or "www." in text:
            masked += [m.span() for m in _URL_RE.finditer(text)]
        if "@" in text:
            masked += [m.span() for m in _EMAIL_RE.finditer(text)]
        end = len(text) + 1
        masked = sorted(masked + [(int(x[0]), int(x[1])) for x in skip]) + [(end, end)]
        mi = 0
        ms, me = masked[0]
        toks: list[Tok] = []
        append = toks.append
        find_nl = text.find
        for a, b in self.windows(text, word_starts):
            prev_stop = -1  # nothing links across windows or masked spans
            in_gap = False
            for m in _TOKEN_RE.finditer(text, a, b):
                s, e = m.span()
                if e > ms:
                    while me <= s:
                        mi += 1
                        ms, me = masked[mi]
                    if ms < e:
                        # a masked span (phone, date, caller's skip) becomes one barrier token
                        if in_gap:
                            toks[-1].stop = max(toks[-1].stop, e)
                        else:
                            append(Tok(GAP, "", "", min(s, ms), max(e, me)))
                        prev_stop, in_gap = -1, True
                        continue
                in_gap = False
                g = m.group()
                kind = m.lastindex
                if prev_stop < 0:
                    gl = sp = False
                else:
                    gl = s == prev_stop
                    sp = gl or find_nl("\n", prev_stop, s) < 0
                if kind == 3:
                    low = g.lower()
                    append(Tok(WORD, g, fold(low) if "ё" in low else low, s, e, sp, gl))
                else:
                    append(Tok(NUM if kind == 1 else SYM, g, g, s, e, sp, gl))
                prev_stop = e
        return toks

    def windows(self, text: str, word_starts: set[int] | None = None) -> list[tuple[int, int]]:
        """Merged character windows around the places where an amount may start; the
        offsets of the word triggers go to `word_starts`."""
        out: list[tuple[int, int]] = []
        n = len(text)
        low = text.lower()
        # lower() keeps offsets unless a letter lower-cases to two ("İ"); then match any case
        if len(low) == n:
            triggers = self._trigger_re.finditer(low)
        else:
            if self._any_case_re is None:
                self._any_case_re = recache.compile(self._trigger_re.pattern, re.I)
            triggers = self._any_case_re.finditer(text)
        for m in triggers:
            p = m.start()
            if word_starts is not None and not low[p].isdigit():
                word_starts.add(p)
            if out and p - WINDOW_BACK <= out[-1][1]:
                out[-1] = (out[-1][0], min(n, m.end() + WINDOW_FWD))
                continue
            out.append((max(0, p - WINDOW_BACK), min(n, m.end() + WINDOW_FWD)))
        snapped: list[tuple[int, int]] = []
        for a, b in out:
            # widen to whitespace so no token is cut, but never by more than SNAP characters
            # and never back over the previous window: in text without spaces an unbounded
            # widening rescans the same run for every window (quadratic)
            floor = snapped[-1][1] if snapped else 0
            m = _SPACE_BEFORE.search(text, max(floor, a - SNAP), a)
            a = max(floor, m.end() if m else a - SNAP)
            m = _SPACE.search(text, b, min(n, b + SNAP))
            b = m.start() if m else min(n, b + SNAP)
            if snapped and a <= snapped[-1][1]:
                snapped[-1] = (snapped[-1][0], b)
            else:
                snapped.append((a, b))
        return snapped
