"""Unit reader: what follows a number (a unit symbol, a currency, a unit noun, a
counted noun phrase, a compound adjective) and the currency sign before it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...const import COUNT, MEASURE
from .lexicon import MULT_CLASSES, Lexicon, Unit
from .phrases import NUMADJ, PhraseReader
from .text import fold, has_cyrillic, has_latin
from .tokens import GAP, NUM, WORD, Ctx

if TYPE_CHECKING:
    from .numbers import Num

_CLOSE_QUOTES = frozenset("»”\"'")


def is_abbreviation(word: str) -> bool:
    """Cyrillic capitals, 2 to 5 letters: "БС", "ЦОД", "АЭС"."""
    return 2 <= len(word) <= 5 and word.isalpha() and word.isupper() and has_cyrillic(word)


@dataclass(slots=True)
class UnitMatch:
    """A unit read after a number: tokens up to `j`, the unit word at `tok`."""

    u: Unit
    j: int
    tok: int
    inner: int = -1  # a number inside the phrase ("дюжина 5-нанометровых чиплетов"), read again
    quoted: bool = False  # «миллионы» процессоров


class UnitReader:
    def __init__(self, lex: Lexicon, phrases: PhraseReader) -> None:
        self.lex = lex
        self.phrases = phrases

    def currency_prefix(self, ctx: Ctx, i: int) -> tuple[Unit, int] | None:
        """A currency before the number: "$10", "T$989,92", "€ 5". Returns the number index."""
        t = ctx.toks[i]
        if not t.text or t.text[0] not in self.lex.pre_first or t.kind in (NUM, GAP):
            return None
        if i > 0 and t.kind == WORD and ctx.toks[i - 1].stop == t.start and ctx.toks[i - 1].kind == WORD:
            return None
        m = self.lex.pre_re.match(ctx.text, t.start)
        if not m:
            return None
        for k in range(i + 1, min(i + 4, ctx.n)):
            if ctx.toks[k].start >= m.end():
                if ctx.toks[k].kind == NUM and ctx.toks[k - 1].stop == m.end():
                    return self.lex.pre[m.group()], k
                return None
        return None

    def symbol(self, ctx: Ctx, j: int, glued: bool, in_word: bool = False) -> tuple[Unit, int, str] | None:
        """A written unit symbol starting at token j: ("%", "ГБ/с", "руб.", "18W");
        `in_word`: the symbol may open a hyphenated word ("7-нм-технологии")."""
        if j >= ctx.n:
            return None
        t = ctx.toks[j]
        if t.kind in (GAP, NUM):
            return None
        lex = self.lex
        m = lex.unit_re.match(ctx.text, t.start)
        if not m:
            return None
        s = m.group()
        u = lex.sym.get(s) or lex.isym.get(s.lower())
        if u is None or (s in lex.att and not glued):
            return None
        end = m.end()
        if s.endswith(".") and ctx.sentence_ends(end) and (s[:-1] in lex.sym or s[:-1].lower() in lex.isym):
            s, end = s[:-1], end - 1  # "323 руб." at the end of a sentence: the dot is the period
        jj = j
        while jj < ctx.n and ctx.toks[jj].stop <= end:
            jj += 1
        if ctx.toks[jj - 1].stop != end:
            if in_word and ctx.text[end : end + 1] == "-" and ctx.toks[jj].kind == WORD:
                return u, jj + 1, s
            return None  # the match ends inside a token
        return u, jj, s

    def after(self, ctx: Ctx, j: int, num: Num) -> UnitMatch | None:
        """Read the unit or counted noun after the number ending before token j."""
        toks = ctx.toks
        if j >= ctx.n or toks[j].kind == GAP:
            return None
        glued = ctx.glued(j - 1, j)
        if not glued and not ctx.spaced(j - 1, j):
            return None
        t = toks[j]
        # "5-нанометровых", "20-ваттной", "12-канальный", "7-нм"
        if t.text == "-" and glued and ctx.glued(j, j + 1):
            w = toks[j + 1]
            if w.kind == WORD:
                u = self.lex.adj_unit(w.low)
                if u:
                    return UnitMatch(u, j + 2, j + 1)
                got = self.symbol(ctx, j + 1, True, in_word=True)
                if got:
                    return UnitMatch(got[0], got[1], j + 1)
            return None
        # «миллионы» процессоров: step over a closing quote
        if t.text in _CLOSE_QUOTES and glued and not num.digits and ctx.spaced(j, j + 1):
            r = self.after(ctx, j + 1, num)
            if r:
                r.quoted = True
            return r
        got = self.symbol(ctx, j, glued)
        if got:
            r = UnitMatch(got[0], got[1], j)
            self._trailer(ctx, r)
            return r
        if t.kind not in (WORD, NUM) or glued:
            return None
        np = self.phrases.noun_phrase(ctx, j, num.mode)
        if np is None:
            # "8 ядерный Qualcomm": an adjective unit without a noun after it
            u = self.lex.adj_unit(t.low)
            if u:
                return UnitMatch(u, j + 1, j)
            # "50 млн iPhone": after a multiplier a Latin word is what is counted
            # (after plain digits it is too often a model name: "Mi 10 Pro")
            if (num.mult != 1 or num.vague) and t.kind == WORD and t.text.isalpha() and has_latin(t.text):
                return UnitMatch(Unit(t.text, COUNT), j + 1, j)
            # "150 БС", "3 тыс. ЦОД": a Cyrillic abbreviation names what is counted
            # (after a whole number; not after a year, "в 2024 ЦБ", nor a clock time, "в 19.00 МХТ")
            if is_abbreviation(t.text) and self._counts_abbreviation(ctx, num):
                return UnitMatch(Unit(t.text, COUNT), j + 1, j)
            return None
        parts, _, end = np
        phrase, head, _sing = self.phrases.lemma_phrase(ctx, parts, num.mode)
        if self.lex.numerals.get(fold(head), (0, ""))[1] in MULT_CLASSES:
            return None  # "миллиардов миллиардов": a number word counts nothing
        u = self.noun_unit(phrase, head)
        r = UnitMatch(u, end, parts[-1][0])
        r.inner = next((p[0] for p in parts if p[1] is NUMADJ), -1)
        self._trailer(ctx, r)
        return r

    @staticmethod
    def _counts_abbreviation(ctx: Ctx, num: Num) -> bool:
        if num.mult != 1:
            return True
        written = ctx.toks[num.i].text
        return num.digits and written.isdigit() and not (len(written) == 4 and 1800 <= num.value <= 2100)

    def noun_unit(self, phrase: str, head: str) -> Unit:
        """A lemma phrase as a currency, a unit noun, or else the counted thing itself."""
        lex = self.lex
        key, hkey = fold(phrase), fold(head)
        return (
            lex.currency_lemmas.get(key)
            or lex.lemma_units.get(key)
            or lex.currency_lemmas.get(hkey)
            or lex.lemma_units.get(hkey)
            or Unit(phrase, COUNT)
        )

    def _trailer(self, ctx: Ctx, r: UnitMatch) -> None:
        u, j = r.u, r.j
        if u.trailer and j < ctx.n and ctx.spaced(j - 1, j) and ctx.toks[j].low == u.trailer:
            r.j = j + 1
        # "50 мегабит в секунду" is "50 Мбит/с" when units.tsv has that rate
        if u.kind == MEASURE and j + 1 < ctx.n and ctx.toks[j].low == "в" and ctx.toks[j + 1].low == "секунду":
            rate = self.lex.isym.get((u.unit + "/с").lower()) or self.lex.sym.get(u.unit + "/с")
            if rate is not None and ctx.spaced(j - 1, j) and ctx.spaced(j, j + 1):
                r.u, r.j = rate, j + 2
