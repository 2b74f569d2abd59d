"""DATE entities: calendar dates and periods with an ISO 8601 `normal` of the precision written.

    "3 мая 2020 года" -> 2020-05-03     "в конце декабря" -> --12
    "в третьем квартале 2025 года" -> 2025-Q3     "во второй половине 2022 года" -> 2022-H2
    "в 2021-2022 годах" -> 2021 and 2022 (a range gives one entity per end)
    "в прошлом году" -> published year - 1, or normal None when the publication date is unknown

A year needs a year word or suffix ("2023 году", "2020-го", "2013-м"): a bare four-digit
number is a model, a version or a count. Words live in data/dates.tsv; every inflected form
comes from pymorphy's lexeme of the listed lemma.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from .. import recache
from ..const import DATE
from ..data import load_rows
from ..doc import Entity
from ..facts.wordlist import alternation
from ..morph import parse

__all__ = ["DateExtractor", "parse_published"]

_YEAR = r"(?:19|20)\d{2}"
_YEAR_WORD = r"(?:\s*(?:год(?:а|у|ом|е|ов|ах|ы)?|гг?\.?)(?![\w]))"
_YEAR_SUFFIX = r"(?:\s*-\s*?(?:го|м|й|х)(?![\w]))"
_PREP = r"(?:(?:в|во|с|со|до|к|ко|на|за|по|от|из|после|перед)\s+)?"
_POSITION = r"(?:(?:начал|конц|середин|концом|началом)\w*\s+)?"
_DASH = r"\s*[-–—]\s*"
# Characters around an anchor that a date expression can span ("во второй половине 2022 года").
_WINDOW = 32
# Where a date can start: a word not glued to a word, a dot or a hyphen (the pattern's own lookbehind).
_WORD_START = recache.compile(r"(?<![\w.-])\w")


def _forms(lemma: str) -> set[str]:
    """Every form of a lemma as pymorphy knows it (lemma included, ё and е both)."""
    forms = {lemma.lower()}
    for p in parse(lemma.lower())[:1]:
        forms |= {f.word for f in p.lexeme}
    return forms | {f.replace("ё", "е") for f in forms}


@dataclass(frozen=True, slots=True)
class _Lexicon:
    months: dict[str, int]
    ordinals: dict[str, int]
    relative: dict[str, tuple[str, int]]
    rel_year: dict[str, int]


def _load() -> _Lexicon:
    months: dict[str, int] = {}
    ordinals: dict[str, int] = {}
    relative: dict[str, tuple[str, int]] = {}
    rel_year: dict[str, int] = {}
    for row in load_rows("dates.tsv"):
        kind = row[0]
        if kind in ("month", "month_adj"):
            for f in _forms(row[1]):
                months[f] = int(row[2])
        elif kind == "ordinal":
            forms = {row[1]} if row[1].isupper() else _forms(row[1])
            for f in forms:
                ordinals[f if row[1].isupper() else f.lower()] = int(row[2])
        elif kind == "relative":
            relative[row[1]] = (row[2], int(row[3]))
        elif kind == "rel_year":
            rel_year[row[1]] = int(row[2])
    return _Lexicon(months, ordinals, relative, rel_year)


def _word_like(words: dict[str, int]) -> str:
    """A word (``\\w+``) that may be one of `words`: a short one itself, a longer one's first
    five letters; the regex of every form costs ~6x as much to compile."""
    short = [w for w in words if len(w) <= 5]
    heads = {w[:5] for w in words if len(w) > 5}
    alts = [f"{alternation(short)}(?!\\w)"] * bool(short) + [alternation(heads)] * bool(heads)
    return rf"(?=(?:{'|'.join(alts) or '(?!)'}))\w+"


def parse_published(published: str | None) -> date | None:
    """The date part of an ISO timestamp ("2020-05-03T10:00:00+03:00" -> 2020-05-03), else None."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


class DateExtractor:
    """Finds DATE entities in a text; relative ones resolve against a publication date."""

    def __init__(self) -> None:
        lex = self.lex = _load()
        self._months = frozenset(lex.months)
        self._ordinals = frozenset(w.lower() for w in lex.ordinals)
        # The month slot holds one whole word (a non-word character is on both sides of it in
        # every pattern), and so does an ordinal's ("третьем"). The regex of all 277 month forms
        # (4 slots) and 91 ordinals (2) was 60 % of the date pattern's start-up cost; the
        # pattern used first reads any word that starts as a form does, and a match whose word
        # is no form is redone with the exact pattern.
        self._re = recache.compile(self._source(_word_like(lex.months), _word_like(lex.ordinals)), re.IGNORECASE)
        self._exact_re: re.Pattern[str] | None = None
        stems = {w[:4] for w in (*lex.months, *lex.relative)} | {"квар", "четв", "поло", "полу"}
        # every date form holds a year or one of these words ("3 мая", "в 2013-м", "за III квартал")
        self._anchor = recache.compile(rf"(?<!\d)(?:19|20)\d\d(?!\d)|(?<![\w])(?:{alternation(stems)})", re.IGNORECASE)

    def _source(self, month: str, ordinal: str) -> str:
        lex = self.lex
        month = f"(?:{month})"
        ordinal = rf"(?:{ordinal}|[1-4]\s*-?\s*(?:й|м|го|му|ом))"
        rel_year = f"(?:{alternation(lex.rel_year)})"
        year_tail = rf"(?:{_YEAR_WORD}|{_YEAR_SUFFIX})"
        patterns = [
            rf"(?P<nd>\d{{1,2}})\.(?P<nm>\d{{1,2}})\.(?P<ny>{_YEAR})(?![\d.])",
            rf"(?P<iy>{_YEAR})-(?P<im>\d{{2}})-(?P<id>\d{{2}})(?!\d)",
            rf"{_PREP}(?P<d>\d{{1,2}})\s+(?P<dm>{month})(?:\s+(?P<dy>{_YEAR}){year_tail}?)?",
            rf"{_PREP}{_POSITION}(?P<m1>{month}){_DASH}(?P<m2>{month})(?:\s+(?P<my2>{_YEAR}){year_tail}?)?",
            rf"{_PREP}{_POSITION}(?P<m>{month})(?:\s+(?P<my>{_YEAR}){year_tail}?|\s+(?P<mrel>{rel_year}))?",
            rf"{_PREP}{_POSITION}(?P<q>{ordinal})\s+(?:квартал|четверт)\w*"
            rf"(?:\s+(?P<qy>{_YEAR}){year_tail}?|\s+(?P<qrel>{rel_year}))?",
            rf"{_PREP}(?P<h>{ordinal})\s+(?:половин\w*|полугоди\w*)"
            rf"(?:\s+(?P<hy>{_YEAR}){year_tail}?|\s+(?P<hrel>{rel_year}))?",
            rf"{_PREP}{_POSITION}(?P<y1>{_YEAR})(?:{_DASH}|\s+(?:по|до|и)\s+)(?P<y2>{_YEAR}){year_tail}",
            rf"{_PREP}{_POSITION}(?P<y>{_YEAR}){year_tail}",
            rf"(?P<rel>{alternation(lex.relative)})",
        ]
        return rf"(?<![\w.-])(?:{'|'.join(patterns)})(?![\w])"

    def _exact(self) -> re.Pattern[str]:
        """The date pattern with the forms themselves in the month and ordinal slots."""
        if self._exact_re is None:
            source = self._source(alternation(self.lex.months), alternation(self.lex.ordinals))
            self._exact_re = recache.compile(source, re.IGNORECASE)
        return self._exact_re

    def _has_forms(self, m: re.Match) -> bool:
        """Are the month and ordinal words of a match forms? (lower() is re.IGNORECASE for
        Cyrillic letters but a few rare variants, for which the exact pattern decides.)"""
        if not all(w is None or w.lower() in self._months for w in m.group("dm", "m1", "m2", "m")):
            return False
        return all(w is None or w[0].isdigit() or w.lower() in self._ordinals for w in m.group("q", "h"))

    def find(self, text: str, published: str | None = None) -> list[Entity]:
        """DATE entities of `text`, in text order; `published` (ISO) anchors relative dates."""
        anchor = parse_published(published)
        out: list[Entity] = []
        done = 0
        for lo, hi, anchors in self._windows(text):
            # the matches of the exact pattern: the same as the cheap one's up to a match
            # whose month or ordinal word is no form (the exact pattern would not take it)
            pos = max(lo, done)
            for m in self._matches(text, pos, hi, anchors):
                if not self._has_forms(m):
                    for m in self._exact().finditer(text, pos, hi):
                        done = m.end()
                        for start, stop, normal in self._values(m, anchor):
                            out.append(Entity(DATE, text[start:stop], normal, start, stop))
                    break
                pos = done = m.end()
                for start, stop, normal in self._values(m, anchor):
                    out.append(Entity(DATE, text[start:stop], normal, start, stop))
        return out

    def _matches(self, text: str, pos: int, hi: int, anchors: list[tuple[int, int]]) -> Iterator[re.Match]:
        """The pattern's matches in text[pos:hi], tried only at word starts that an anchor
        overlaps or follows within _WINDOW characters: every date form holds an anchor near its
        start (or inside one the anchor scan took first: "В прошлом" is read as "в пр"), and
        trying each of the pattern's forms at every position was most of its cost."""
        match = self._re.match
        k, last = 0, len(anchors)
        for w in _WORD_START.finditer(text, pos, hi):
            p = w.start()
            if p < pos:
                continue  # inside the match before
            while anchors[k][1] <= p:
                k += 1
                if k == last:
                    return
            if anchors[k][0] - p <= _WINDOW:
                m = match(text, p, hi)
                if m is not None:
                    yield m
                    pos = m.end()

    def _windows(self, text: str) -> list[tuple[int, int, list[tuple[int, int]]]]:
        """Stretches of text around a year, a month, a period word or a relative word, with those
        anchors' spans: the full pattern runs only there (it is long, and most of a text holds
        no date)."""
        windows: list[tuple[int, int, list[tuple[int, int]]]] = []
        for m in self._anchor.finditer(text):
            lo, hi = max(0, m.start() - _WINDOW), min(len(text), m.end() + _WINDOW)
            if windows and lo <= windows[-1][1]:
                start, _, spans = windows[-1]
                spans.append(m.span())
                windows[-1] = (start, hi, spans)
            else:
                windows.append((lo, hi, [m.span()]))
        return windows

    def _values(self, m: re.Match, anchor: date | None) -> list[tuple[int, int, str | None]]:
        g = m.groupdict()
        whole = (m.start(), m.end())
        lex = self.lex
        if g["ny"] or g["iy"]:
            y, mo, d = (g["ny"], g["nm"], g["nd"]) if g["ny"] else (g["iy"], g["im"], g["id"])
            return [(*whole, _ymd(int(y), int(mo), int(d)))] if _valid(int(mo), int(d)) else []
        if g["d"]:
            mo, d = lex.months[g["dm"].lower()], int(g["d"])
            if not _valid(mo, d):
                return []
            return [(*whole, _ymd(int(g["dy"]), mo, d) if g["dy"] else f"--{mo:02d}-{d:02d}")]
        if g["m1"]:
            m1, m2 = lex.months[g["m1"].lower()], lex.months[g["m2"].lower()]
            year = g["my2"]
            split = m.start("m2")
            return [(m.start(), m.end("m1"), _ym(year, m1)), (split, m.end(), _ym(year, m2))]
        if g["m"]:
            mo = lex.months[g["m"].lower()]
            if g["mrel"]:
                # "в июне этого года": the year is relative, so nothing is known without an anchor
                year = _shift_year(anchor, lex.rel_year[g["mrel"].lower()])
                return [(*whole, _ym(year, mo) if year else None)]
            return [(*whole, _ym(g["my"], mo))]
        if g["q"]:
            q = self._ordinal(g["q"])
            year = g["qy"] or (_shift_year(anchor, lex.rel_year[g["qrel"].lower()]) if g["qrel"] else None)
            if year is None and not g["qrel"] and anchor is not None:
                # a quarter without a year is this year's, unless it has not begun yet
                year = str(anchor.year if (q - 1) * 3 < anchor.month else anchor.year - 1)
            return [(*whole, f"{year}-Q{q}" if year and 1 <= q <= 4 else None)]
        if g["h"]:
            h = self._ordinal(g["h"])
            year = g["hy"] or (_shift_year(anchor, lex.rel_year[g["hrel"].lower()]) if g["hrel"] else None)
            if h not in (1, 2):
                return []
            return [(*whole, f"{year}-H{h}" if year else None)]
        if g["y1"]:
            y1, y2 = int(g["y1"]), int(g["y2"])
            if not y1 < y2 <= y1 + 10:
                return []
            return [(m.start(), m.end("y1"), str(y1)), (m.start("y2"), m.end(), str(y2))]
        if g["y"]:
            return [(*whole, g["y"])]
        unit, offset = lex.relative[g["rel"].lower()]
        return [(*whole, _relative(anchor, unit, offset))]

    def _ordinal(self, word: str) -> int:
        low = re.sub(r"\s", "", word)
        if low[0].isdigit():
            return int(low[0])
        return self.lex.ordinals.get(low, self.lex.ordinals.get(low.lower(), 0))


def _valid(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= 31


def _ymd(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _ym(year: str | None, month: int) -> str:
    return f"{year}-{month:02d}" if year else f"--{month:02d}"


def _shift_year(anchor: date | None, offset: int) -> str | None:
    return None if anchor is None else str(anchor.year + offset)


def _relative(anchor: date | None, unit: str, offset: int) -> str | None:
    if anchor is None:
        return None
    if unit == "year":
        return str(anchor.year + offset)
    if unit == "day":
        return (anchor + timedelta(days=offset)).isoformat()
    if unit == "month":
        n = anchor.year * 12 + anchor.month - 1 + offset
        return f"{n // 12}-{n % 12 + 1:02d}"
    n = anchor.year * 4 + (anchor.month - 1) // 3 + offset  # quarter
    return f"{n // 4}-Q{n % 4 + 1}"
