"""Candidate grammar: one amount read from the token where it may start.

    [approx word [preposition]] [currency sign] number [multiplier]
        [range | dimensions] [unit | counted noun phrase]

Named parts: `approx_before` (около, более чем, от), `suffix_approx` (с лишним,
100+), `range` (5–10, от 5 до 10), `dims` (172 × 75 × 9 мм), the unit read by
units.UnitReader, and `bare` for a number that shares its neighbour's unit
("5 стеков ... из 6"). The candidates go to the RULES in rules.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from ... import recache
from ...const import COUNT, MEASURE, MONEY, PERCENT, RATIO
from .lexicon import Lexicon, Unit
from .numbers import MAX_VALUE, Num, NumberReader
from .phrases import parses
from .tokens import GAP, NUM, SYM, WORD, Ctx
from .units import UnitMatch, UnitReader

_DASHES = frozenset("-–—‒−")
_DIM_SEPS = frozenset({"x", "х", "×", "*"})
_OPEN_QUOTES = frozenset("«“\"'")
_SENT_END = frozenset(".!?;")
# a sentence ends between two amounts ("Inc. – 196 тысяч" does not end one)
_SENTENCE_BREAK = recache.compile(r"[.!?…]\s+[A-ZА-ЯЁ«\"]|[!?;\n]")
_COMPARATIVES = frozenset({"больше", "меньше", "выше", "ниже", "дороже", "дешевле"})


@dataclass(slots=True)
class Cand:
    """A candidate amount: tokens [i0, j) of which [k, nj) are the number."""

    i0: int
    k: int
    nj: int
    j: int
    num: Num
    value: float
    max: float | None
    approx: bool
    unit: str | None
    kind: str | None
    unit_tok: int = -1  # token of the unit word, for the year and date rules
    prev: str = ""  # lower-cased token just before the number (or its approx word)
    prefix_cur: bool = False
    inner: int = -1  # a number token inside the unit phrase, scanned again
    dims: bool = False  # one of "172.1 х 75 х 9.5 мм"
    mult: float = 1.0  # the multiplier as written: of the upper end in "от 5 до 10 тысяч"


class Grammar:
    def __init__(self, lex: Lexicon, numbers: NumberReader, units: UnitReader) -> None:
        self.lex = lex
        self.numbers = numbers
        self.units = units

    def _word_amount(self, low: str) -> tuple[float, Unit | None] | None:
        """An amount inside one word: "двухпроцентным" (2, %), "топ-10" (10, no unit yet)."""
        if "-" in low:
            head, _, tail = low.partition("-")
            if head in self.lex.top_words and tail.isdigit() and len(tail) <= 4:
                return float(tail), None
            return None
        if len(low) < 7:
            return None
        return self.lex.prefixed_unit(low)

    def _one_word(self, ctx: Ctx, i: int, floor: int, got: tuple[float, Unit | None]) -> tuple[list[Cand], int]:
        """ "двухпроцентным падением" = 2 %; "топ-10 производителей" = 10 производитель
        (a top with no noun after it counts places: "вошла в топ-10" = 10 место)."""
        value, u = got
        num = Num(value, i, i + 1, "many", raw=value, digits=u is None)
        i0, approx, _frm, prev = self.approx_before(ctx, i, floor)
        cand = Cand(i0, i, i + 1, i + 1, num, value, None, approx, None, None, unit_tok=i, prev=prev)
        if u is None:
            r = self.units.after(ctx, i + 1, num) if i + 1 < ctx.n and ctx.spaced(i, i + 1) else None
            if r is not None and r.u.kind == COUNT:
                u, cand.j, cand.unit_tok = r.u, r.j, r.tok
            else:
                u = Unit(self.lex.top_unit, COUNT)
        cand.unit, cand.kind = u.unit, u.kind
        cand.value = value * u.factor
        return [cand], cand.j

    def approx_before(self, ctx: Ctx, i: int, floor: int) -> tuple[int, bool, bool, str]:
        """Approximation words before token i: (first token, approx, "от", prev word)."""
        toks, lex = ctx.toks, self.lex
        prev = toks[i - 1].low if i > floor and ctx.spaced(i - 1, i) else ""
        if i - 1 >= floor and toks[i - 1].text in ("~", "≈") and ctx.spaced(i - 1, i):
            return i - 1, True, False, prev

        def phrase_ending(e: int) -> tuple[int, str] | None:
            if toks[e].low not in lex.approx_last:
                return None
            for size in range(min(lex.approx_max, e - floor + 1), 0, -1):
                s = e - size + 1
                if s < floor or not all(ctx.spaced(x, x + 1) for x in range(s, e + 1)):
                    continue
                typ = lex.approx.get(tuple(t.low for t in toks[s : e + 1]))
                if typ:
                    return s, typ
            return None

        if i - 1 < floor or not ctx.spaced(i - 1, i):
            return i, False, False, prev
        got = phrase_ending(i - 1)
        if got:
            return got[0], got[1] == "approx", got[1] == "from", prev
        if toks[i - 1].low in lex.preps and i - 2 >= floor and ctx.spaced(i - 2, i - 1):
            got = phrase_ending(i - 2)
            if got and got[1] == "approx":
                return got[0], True, False, prev
        return i, False, False, prev

    def suffix_approx(self, ctx: Ctx, j: int) -> int:
        """Approximation after the number ("100 с лишним", "100+"): index after the suffix, or j."""
        toks = ctx.toks
        if j < ctx.n and toks[j].text == "+" and ctx.glued(j - 1, j):
            if ctx.glued(j, j + 1) and toks[j + 1].kind == NUM:
                return j  # "4+64 ГБ" is two sizes, not "4 or more"
            return j + 1
        if j >= ctx.n or toks[j].low not in self.lex.suffix_first:
            return j
        for size in (2, 1):
            if j + size <= ctx.n and all(ctx.spaced(x - 1, x) for x in range(j, j + size)):
                if tuple(t.low for t in toks[j : j + size]) in self.lex.suffixes:
                    return j + size
        return j

    def number_at(self, ctx: Ctx, k: int) -> tuple[Num, Unit | None] | None:
        """A number (with an optional currency sign) at token k, for range ends."""
        cur = self.units.currency_prefix(ctx, k)
        if cur:
            num = self.numbers.number(ctx, cur[1], True)
            return (num, cur[0]) if num else None
        t = ctx.toks[k]
        if t.kind == SYM and ctx.glued(k, k + 1) and ctx.toks[k + 1].kind == NUM:
            k += 1  # a signed range end: "до +60 °C"
        num = self.numbers.number(ctx, k)
        return (num, None) if num else None

    def parse_at(self, ctx: Ctx, i: int, floor: int, last: Cand | None) -> tuple[list[Cand], int] | None:
        """Candidates starting at token i (not before `floor`) and the index to resume from."""
        toks = ctx.toks
        t = toks[i]
        cur_u: Unit | None = None
        k = i
        if t.kind != NUM:
            got = self.units.currency_prefix(ctx, i)
            if got:
                cur_u, k = got
            elif t.kind != WORD:
                return None
            elif t.low not in self.lex.numerals:
                got1 = self._word_amount(t.low)
                if got1 is not None:
                    return self._one_word(ctx, i, floor, got1)
                if "-" not in t.low:
                    return None
        num = self.numbers.number(ctx, k, cur_u is not None)
        if num is None:
            return None
        # "от −20": the approximation words stand before the sign
        i0, approx, frm, prev = self.approx_before(ctx, i - 1 if num.signed and i == k else i, floor)
        approx = approx or num.vague
        model_ctx = num.digits and cur_u is None and self.numbers.latin_before(ctx, k)
        cand = Cand(i0, k, num.j, num.j, num, num.value, None, approx, None, None, prev=prev, mult=num.mult)
        cand.prefix_cur = cur_u is not None
        if num.ordinal or num.dotted or num.glued_code or num.overlong:
            # no amount ("5-й", "1.2.3", "765G", "9" × 400), but its unit is read all the
            # same, so that the RULES (not this shortcut) say why it is dropped
            r = self.units.after(ctx, num.j, num) if not num.overlong else None
            if r is not None:
                cand.unit, cand.kind, cand.unit_tok = r.u.unit, r.u.kind, r.tok
            return [cand], num.j
        j = num.j
        if num.ratio:
            return self._ratio(ctx, cand, j), cand.j
        if num.frac:
            return self._share(ctx, cand, j)
        # ranges and suffixes
        j2 = self.suffix_approx(ctx, j)
        if j2 != j:
            cand.approx, j = True, j2
            # "100 с лишним миллионов": the multiplier comes after the suffix
            while j < ctx.n and ctx.spaced(j - 1, j):
                got = self.numbers.mult_at(ctx, j)
                if got is None or num.value * got[0] > MAX_VALUE:
                    break
                num.value, num.mult, num.mode, num.alt = num.value * got[0], num.mult * got[0], "many", None
                cand.value, cand.mult, j = num.value, num.mult, got[2]
        second: Num | None = None
        if num.alt is not None and not num.digits:
            cand.max = num.alt * num.mult
            cand.value = num.raw * num.mult
        elif not model_ctx and j < ctx.n:
            second, j = self.range(ctx, cand, j, frm)
        if frm and second is None and cand.max is None:
            cand.approx = True  # "от четырёх зарплат": a lower bound
        mode = second.mode if second else num.mode
        # dimensions "172.1 х 75 х 9.5 мм", "4/64 ГБ", "320 на 160 пикселей"
        if second is None and not model_ctx and num.digits and cur_u is None:
            dims = self.dims(ctx, cand, j)
            if dims:
                return dims
        r: UnitMatch | None = None
        if cur_u is not None:
            u: Unit | None = cur_u
        else:
            probe = Num(
                num.value,
                num.i,
                j,
                mode,
                digits=num.digits and (second is None or second.digits),
                mult=(second or num).mult,
                vague=num.vague,
            )
            r = self.units.after(ctx, j, probe)
            u = r.u if r else None
        if r:
            cand.j = r.j
            cand.unit_tok = r.tok
            cand.inner = r.inner
            if r.quoted and i0 > 0 and toks[i0 - 1].text in _OPEN_QUOTES and ctx.glued(i0 - 1, i0):
                cand.i0 = i0 - 1
        else:
            cand.j = j
        if u is None:
            return self.bare(ctx, cand, floor, last)
        self._set_unit(ctx, cand, u, second)
        # "от 5% до 10%": a range whose ends both carry the unit
        if frm and second is None and cand.max is None and cand.j < ctx.n and toks[cand.j].low == "до":
            self._range_after_unit(ctx, cand)
        return [cand], cand.j

    def _share(self, ctx: Ctx, cand: Cand, j: int) -> tuple[list[Cand], int]:
        """ "треть рынка" = 33.3 %, "три четверти пользователей" = 75 %; "в первой четверти",
        "четверть века" are no shares (dropped as unitless)."""
        toks = ctx.toks
        k = cand.k
        ordinal_before = (
            k > 0
            and ctx.spaced(k - 1, k)
            and any(p.tag.POS == "ADJF" and "Anum" in p.tag for p in parses(toks[k - 1].text))
        )
        time_after = (
            j < ctx.n
            and ctx.spaced(j - 1, j)
            and any(p.normal_form in self.lex.frac_nouns for p in parses(toks[j].text) if p.tag.POS == "NOUN")
        )
        if not ordinal_before and not time_after and not _ordinal_form(toks, j):
            # a share of thirds is not exact in binary: six decimals, not 33.333333333333336
            cand.value = round(cand.num.value * 100, 6)
            cand.unit, cand.kind = "%", PERCENT
        return [cand], j

    def _set_unit(self, ctx: Ctx, cand: Cand, u: Unit, second: Num | None) -> None:
        num = cand.num
        cand.unit, cand.kind = u.unit, u.kind
        # "от −20 до +60 °C": a written sign counts for signed units
        if u.unit in self.lex.signed:
            cand.value *= num.sign
            if cand.max is not None and second is not None:
                cand.max *= second.sign
        elif num.signed and cand.i0 == cand.k - 1:
            cand.i0 = cand.k  # "-20%": the dash is no part of an unsigned amount
        # "10,000 GPU" / "1.500 рублей": thousands for counts and money, decimals for measures
        if num.alt is not None and num.digits and u.kind in (COUNT, MONEY):
            cand.value = num.alt
        if u.factor != 1.0:
            cand.value *= u.factor
            if cand.max is not None:
                cand.max *= u.factor
        if u.kind == RATIO and u.unit == "раз" and cand.unit_tok >= 0:
            word = ctx.toks[cand.unit_tok].low
            if word.startswith("раз"):
                # "в 2,5 раза (больше)" is a ratio; "три раза в неделю" counts times
                after = self._comparative_after(ctx, cand.j)
                if cand.prev == "в" and cand.i0 == cand.k:
                    cand.i0 -= 1
                elif after is None and cand.prev != "в":
                    cand.kind = COUNT
                if after is not None:
                    cand.j = after
        elif u.kind == RATIO:
            after = self._comparative_after(ctx, cand.j)
            if after is not None:
                cand.j = after

    @staticmethod
    def _comparative_after(ctx: Ctx, j: int) -> int | None:
        if j < ctx.n and ctx.spaced(j - 1, j) and ctx.toks[j].kind == WORD:
            t = ctx.toks[j]
            if t.low in _COMPARATIVES or any(p.tag.POS == "COMP" for p in parses(t.text)):
                return j + 1
        return None

    def _ratio(self, ctx: Ctx, cand: Cand, j: int) -> list[Cand]:
        """Ratio adverbs: "вдвое больше", "минимум вдвое дороже"."""
        cand.unit, cand.kind = "раз", RATIO
        after = self._comparative_after(ctx, j)
        cand.j = after if after is not None else j
        return [cand]

    def range(self, ctx: Ctx, cand: Cand, j: int, frm: bool) -> tuple[Num | None, int]:
        """Ranges "5–10 млрд", "$5-7 млн", "от 5 до 10 тысяч": fills cand.value/max."""
        toks = ctx.toks
        num = cand.num
        t = toks[j]
        if t.text in _DASHES:
            # an em dash with spaces is punctuation ("на 5% — до 210 долларов")
            if t.text == "—" and not (ctx.glued(j - 1, j) and ctx.glued(j, j + 1)):
                return None, j
            if not (ctx.glued(j - 1, j) or ctx.spaced(j - 1, j)):
                return None, j
        elif not (frm and t.low == "до" and ctx.spaced(j - 1, j)):
            return None, j
        if not (ctx.glued(j, j + 1) or ctx.spaced(j, j + 1)):
            return None, j
        got = self.number_at(ctx, j + 1)
        if got is None:
            return None, j
        second, _cur2 = got
        if second.digits != num.digits or second.ordinal or second.dotted or second.glued_code or second.overlong:
            return None, j
        if num.mult != 1 and second.mult == 1:
            return None, j
        lo, hi = num.value, second.value
        if num.mult == 1 and second.mult != 1 and _closer_scaled(num.raw, second.mult, hi):
            lo = num.raw * second.mult
            if lo > hi:
                lo, hi = hi, lo  # "72,1–66 миллионов лет назад": a range counted down
        if lo * num.sign > hi * second.sign:
            return None, j
        cand.value, cand.max = lo, hi
        cand.nj, cand.mult = second.j, second.mult
        return second, second.j

    def _range_after_unit(self, ctx: Ctx, cand: Cand) -> None:
        j = cand.j
        if not ctx.spaced(j, j + 1):
            return
        got = self.number_at(ctx, j + 1)
        if got is None:
            return
        second, cur2 = got
        r = None if cur2 else self.units.after(ctx, second.j, second)
        u = cur2 or (r.u if r else None)
        if u is None or u.unit != cand.unit or second.value < cand.value:
            return
        cand.max = second.value * u.factor
        cand.approx = False
        cand.j = r.j if r else second.j

    def dims(self, ctx: Ctx, cand: Cand, j: int) -> tuple[list[Cand], int] | None:
        """Dimensions "172.1 х 75 х 9.5 мм", "4/64 Gb", "320 на 160 пикселей": each number gets the
        measure unit; without a measure unit these are not dimensions."""
        toks = ctx.toks
        nums = [cand.num]
        while j + 1 < ctx.n:
            t = toks[j]
            sep_ok = (t.low in _DIM_SEPS or t.text in "/+" or t.low == "на") and (
                ctx.glued(j - 1, j) or ctx.spaced(j - 1, j)
            )
            if not sep_ok or toks[j + 1].kind != NUM:
                break
            if not (ctx.glued(j, j + 1) or ctx.spaced(j, j + 1)):
                break
            if t.low == "на" and len(nums) > 1:
                break
            nxt = self.numbers.digits(ctx, j + 1, False)
            if nxt.dotted or nxt.ordinal or nxt.glued_code or nxt.overlong or nxt.mult != 1:
                break
            nums.append(nxt)
            j = nxt.j
        if len(nums) < 2 or (nums[0].value == 1 and toks[nums[0].j].text == "/"):
            return None  # "1/2,3 дюйма" is a sensor format, not two sizes
        r = self.units.after(ctx, j, nums[-1])
        if r is None or r.u.kind != MEASURE:
            return None
        # one measure written as several numbers: each number is its own record with the
        # shared unit, and the spans do not overlap ("172,1", "75", "9,5 мм")
        out = []
        for n in nums:
            c = Cand(
                cand.i0 if n is cand.num else n.i,
                n.i,
                n.j,
                r.j if n is nums[-1] else n.j,
                n,
                n.value,
                None,
                cand.approx,
                r.u.unit,
                MEASURE,
                unit_tok=r.tok,
                prev=cand.prev if n is cand.num else "",
            )
            c.dims = True
            out.append(c)
        return out, r.j

    def bare(self, ctx: Ctx, cand: Cand, floor: int, last: Cand | None) -> tuple[list[Cand], int]:
        """A number without a unit may share one with a neighbour:
        "5 стеков ... из 6", "с 5 до 10%", "2 или 3 раза", "3 из 10 пользователей"."""
        toks = ctx.toks
        j = cand.j
        # backwards: "... 5 стеков памяти HBM3 из 6"
        near = last is not None and cand.k - 1 - last.j <= 4  # tested first: `last` may lie far back
        if near and cand.prev == "из" and last.kind == COUNT and cand.i0 == cand.k:
            gap = toks[last.j : cand.k - 1]
            if not any(t.text in _SENT_END or t.kind == GAP for t in gap):
                if "\n" not in ctx.text[toks[last.j - 1].stop : toks[cand.k].start]:
                    cand.unit, cand.kind = last.unit, last.kind
                    return [cand], j
        # forwards: the connector, then a full quantity
        if j + 1 < ctx.n and ctx.spaced(j - 1, j) and toks[j].low in ("из", "или", "и", "до"):
            if toks[j].low == "до" and cand.prev not in ("с", "со"):
                return [cand], j
            res = self.parse_at(ctx, j + 1, j + 1, None)
            if res and res[0] and res[0][0].unit is not None and res[0][0].i0 == j + 1:
                other = res[0][0]
                cand.unit, cand.kind = other.unit, other.kind
                if toks[j].low != "из" and cand.num.mult == 1 and other.num.mult != 1:
                    cand.value = cand.num.raw * other.num.mult
                if cand.num.alt is not None and other.kind in (COUNT, MONEY):
                    cand.value = cand.num.alt
                return [cand, *res[0]], res[1]
        if last is not None and (self._same_shape(ctx, cand, last) or self._compared(ctx, cand, last)):
            cand.unit, cand.kind = last.unit, last.kind
            return [cand], j
        noun = self._noun_before(ctx, cand, last)
        if noun is not None:
            cand.i0, cand.unit_tok = cand.k - 1, cand.k - 1
            cand.unit, cand.kind = noun.unit, noun.kind
            return [cand], j
        noun = self._counted_earlier(ctx, cand, last)
        if noun is not None:
            cand.unit, cand.kind = noun.unit, noun.kind
        return [cand], j

    def _compared(self, ctx: Ctx, cand: Cand, last: Cand) -> bool:
        """A number compared with the amount just before it takes its unit: "до 192 ядер против
        текущих 128", "16 ГБ вместо 8" (a comparison word, at most one adjective between)."""
        if last.unit is None or last.kind == PERCENT or not cand.num.digits or cand.i0 != cand.k:
            return False
        between = ctx.toks[last.j : cand.k]
        if not 1 <= len(between) <= 2 or between[0].low not in self.lex.compare_words:
            return False
        if not all(ctx.spaced(x - 1, x) for x in range(last.j, cand.k + 1)):
            return False
        return len(between) == 1 or bool(self.units.phrases.word_roles(between[1].text, "many")[0])

    def _counted_earlier(self, ctx: Ctx, cand: Cand, last: Cand | None) -> Unit | None:
        """A multiplied number whose counted noun stands earlier in the clause: "численность
        сотрудников уменьшилась на 2 тыс.", "рост числа пользователей до 400 млн"."""
        if cand.mult == 1 or cand.max is not None or not cand.num.digits:
            return None
        toks = ctx.toks
        start = max(0, cand.i0 - 4, last.j if last is not None else 0)
        for x in range(cand.i0 - 1, start - 1, -1):
            t = toks[x]
            if t.kind != WORD or not ctx.spaced(x, x + 1):
                return None  # punctuation or a line break ends the clause
            _adj, nouns = self.units.phrases.word_roles(t.text, "many")
            nouns = [p for p in nouns if "gent" in p.tag and "plur" in p.tag and "anim" in p.tag]
            if nouns and parses(t.text)[0].tag.POS == "NOUN":  # "готов" is no noun ("гот")
                lemma = max(nouns, key=lambda p: p.score).normal_form
                return self.units.noun_unit(lemma, lemma)
        return None

    @staticmethod
    def _same_shape(ctx: Ctx, cand: Cand, last: Cand) -> bool:
        """The unit named once for several numbers: "224 тысячи ускорителей …, Amazon – 196 тысяч,
        Google – 169 тысяч", "от 32,5 до 49,5 тысячи долларов, тогда как … от 43 тысяч", "2–4 недель
        против 13–17". A bare number takes the unit of the amount before it in the same sentence
        when both are written alike: the same multiplier, or both ranges."""
        if last.unit is None or last.kind not in (COUNT, MONEY, MEASURE) or last.j > cand.i0:
            return False
        if cand.mult == 1 and (cand.max is None or last.max is None or last.kind == COUNT):
            return False  # plain ranges share measures and prices, not counts ("30-40 раз … 50-60")
        limit = 150 if cand.mult != 1 else 40  # two plain ranges must stand close: "2–4 недель против 13–17"
        if cand.mult != last.mult or (cand.mult == 1 and not cand.num.digits):
            return False
        toks = ctx.toks
        a, b = toks[last.j - 1].stop, toks[cand.i0].start
        if b - a > limit:
            return False  # checked before slicing: `last` may lie far back
        between = ctx.text[a:b]
        return len(between) <= limit and not _SENTENCE_BREAK.search(between)

    def _noun_before(self, ctx: Ctx, cand: Cand, last: Cand | None) -> Unit | None:
        """Number words after their noun: "ядер восемь", "потоков шестнадцать"."""
        num, k = cand.num, cand.k
        if num.digits or num.one or num.vague or cand.i0 != k or k == 0 or not ctx.spaced(k - 1, k):
            return None
        if last is not None and last.j >= k:
            return None
        if any(self.lex.numerals[w][1] != "card" for w in num.words):
            return None
        t = ctx.toks[k - 1]
        if t.kind != WORD or (cand.j < ctx.n and ctx.spaced(cand.j - 1, cand.j) and ctx.toks[cand.j].kind == WORD):
            return None  # "дней три ее отделения": the number words belong to what follows
        _adj, nouns = self.units.phrases.word_roles(t.text, "many")
        nouns = [p for p in nouns if "gent" in p.tag and "plur" in p.tag]
        if not nouns:
            return None
        lemma = max(nouns, key=lambda p: p.score).normal_form
        return self.units.noun_unit(lemma, lemma)


def _closer_scaled(first: float, mult: float, second: float) -> bool:
    """Does the multiplier of a range's second end apply to the first too? It does when the
    ends come out closer so: "5–10 тысяч", "1,5–2 млрд", "72,1–66 млн", not "от 100 до 2 тысяч"."""
    if first <= 0 or second <= 0:
        return first * mult <= second
    scaled = first * mult
    return max(scaled, second) / min(scaled, second) <= max(first, second) / min(first, second)


def _ordinal_form(toks, j: int) -> bool:
    """"в третью группу": the share word (ending at token j) is an ordinal agreeing with the
    noun after it, not the fraction "треть" ("третью рынка" is not written)."""
    if j >= len(toks) or j < 1:
        return False
    nouns = [p.tag for p in parses(toks[j].text) if p.tag.POS == "NOUN"]
    for p in parses(toks[j - 1].text):
        if p.tag.POS == "ADJF" and "Anum" in p.tag:
            if any((t.case, t.number, t.gender) == (p.tag.case, p.tag.number, p.tag.gender) for t in nouns):
                return True
    return False
