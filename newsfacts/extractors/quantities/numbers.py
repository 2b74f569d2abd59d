"""Number reader: digits ("10 000", "2,5 млрд", "5-ти") and number words
("двадцать пять", "трёх тысяч", "десятки миллионов", "полтора", "вдвое")."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ... import recache
from ...const import MEASURE
from .lexicon import MULT_CLASSES, Lexicon
from .text import has_cyrillic, has_latin
from .tokens import NUM, WORD, Ctx
from .units import is_abbreviation

if TYPE_CHECKING:
    from .units import UnitReader

_GROUP_SEPS = frozenset(" \u00a0\u2009\u202f")
_SIGNS = {"-": -1.0, "−": -1.0, "–": -1.0, "+": 1.0}
_GROUP_RE = recache.compile(r"\d{3}(?:,\d+)?")
# Bounds that keep every value finite: no amount in news needs more digits than
# this, nor a larger product of multipliers ("трлн" is 1e12; "тыс. трлн" is rare).
MAX_DIGITS = 18
MAX_VALUE = 1e18
_MAX_WORDS = 16  # "две тысячи триста сорок пять миллионов ..." never runs longer


@dataclass(slots=True)
class Num:
    """A number expression over tokens [i, j)."""

    value: float
    i: int
    j: int
    mode: str  # counted-noun agreement: one / few / many / frac
    raw: float = 0.0  # value before the multiplier
    mult: float = 1.0
    vague: bool = False
    digits: bool = True
    alt: float | None = None  # thousands reading of "10,000"/"1.500" (see read_digits)
    dotted: bool = False  # "1.2.3": a version or a date, never an amount
    ordinal: bool = False  # "5-й"
    glued_code: bool = False  # "765G", "5G", "4E8": part of a model designation
    one: bool = False  # the word "один" alone
    ratio: bool = False  # "вдвое"
    words: tuple[str, ...] = ()
    overlong: bool = False  # "9" × 400, 100 digit groups, "млрд млрд ...": no amount
    sign: float = 1.0  # "−20", "+60": the written sign (applied for signed units only)
    signed: bool = False  # a sign token stands just before the digits (token i - 1)
    frac: bool = False  # "треть", "три четверти": a share


def read_digits(s: str) -> tuple[float, float | None, bool]:
    """Value of a digit string, the thousands reading if ambiguous, and whether
    it looks like a version/date ("1.2.3")."""
    s = s.replace(" ", "").replace("\u00a0", "").replace("\u2009", "").replace("\u202f", "")
    seps = [ch for ch in s if ch in ".,"]
    if not seps:
        return float(s), None, False
    parts = re.split(r"[.,]", s)
    if len(seps) == 1:
        whole, frac = parts
        value = float(f"{whole}.{frac}")
        # "10,000" / "1.500": decimals or thousands; decided by the unit later
        if len(frac) == 3 and 1 <= len(whole) <= 3 and whole != "0":
            return value, float(whole + frac), False
        return value, None, False
    if len(set(seps)) == 1 and all(len(p) == 3 for p in parts[1:]) and len(parts[0]) <= 3:
        return float("".join(parts)), None, False  # 1.000.000
    if len(set(seps)) == 2 and seps[-1] != seps[0] and seps.count(seps[-1]) == 1:
        # "1 000,5" never reaches here; "1.000,5" / "1,000.5"
        whole = re.sub(r"[.,]", "", s[: s.rfind(seps[-1])])
        return float(f"{whole}.{parts[-1]}"), None, False
    return 0.0, None, True


def mode_for(v: float) -> str:
    """The agreement a number asks of its noun: "1 час", "2 часа", "5 часов", "1,5 часа"."""
    if not math.isfinite(v) or v > MAX_VALUE:
        return "many"
    if v != int(v):
        return "frac"
    n = int(v) % 100
    if 11 <= n <= 14:
        return "many"
    if n % 10 == 1:
        return "one"
    if 2 <= n % 10 <= 4:
        return "few"
    return "many"


def combinable(last: float, v: float) -> bool:
    """Number words add up ("сто двадцать пять") when each part fits in the zeros of the previous one."""
    if last != int(last) or v != int(v) or last == 0:
        return False
    last_i, v_i = int(last), int(v)
    if v_i >= last_i:
        return False
    return last_i % (10 ** len(str(v_i))) == 0


class NumberReader:
    def __init__(self, lex: Lexicon, units: UnitReader) -> None:
        self.lex = lex
        self.units = units

    def multipliers(self, ctx: Ctx, j: int) -> tuple[float, int]:
        """The product of the multipliers from token j on ("1,5 тыс. млн" is rare, "2 десятка" is not)."""
        mult = 1.0
        while j < ctx.n and ctx.spaced(j - 1, j):
            got = self.mult_at(ctx, j)
            if got is None or mult * got[0] > MAX_VALUE:
                break  # "5 млрд млрд млрд ...": the chain stops where values stop being amounts
            mult *= got[0]
            j = got[2]
        return mult, j

    def mult_at(self, ctx: Ctx, j: int) -> tuple[float, bool, int] | None:
        """A multiplier word at token j: (factor, plural form, next index)."""
        t = ctx.toks[j]
        if t.kind != WORD:
            return None
        e = self.lex.numerals.get(t.low)
        if e is None or e[1] not in MULT_CLASSES:
            return None
        return e[0], e[2], self.after_abbr(ctx, j)

    def after_abbr(self, ctx: Ctx, j: int) -> int:
        """Index after token j, with the dot of "тыс." / "млрд." when it belongs to it."""
        nxt = j + 1
        if ctx.toks[j].low in self.lex.mult_abbr and ctx.glued(j, nxt) and ctx.toks[nxt].text == ".":
            # the dot ends the sentence too when a capital follows, except before
            # a unit or an abbreviation: "25 тыс. GPU", "3 тыс. ЦОД"
            after = ctx.toks[nxt + 1] if nxt + 1 < ctx.n else None
            if (
                not ctx.sentence_ends(ctx.toks[nxt].stop)
                or self.units.symbol(ctx, nxt + 1, False)
                or (after is not None and after.sp and is_abbreviation(after.text))
            ):
                nxt += 1
        return nxt

    def latin_before(self, ctx: Ctx, k: int) -> bool:
        """A Latin word just before token k: "RTX 4090" (then k is a model number)."""
        if k == 0 or not ctx.spaced(k - 1, k):
            return False
        p = ctx.toks[k - 1]
        return p.kind == WORD and has_latin(p.text) and not has_cyrillic(p.text) and p.text not in self.lex.pre

    def number(self, ctx: Ctx, k: int, cur: bool = False) -> Num | None:
        """The number starting at token k (`cur`: a currency sign stands before it)."""
        t = ctx.toks[k]
        if t.kind == NUM:
            return self.digits(ctx, k, cur)
        if t.kind == WORD and t.low in self.lex.numerals:
            return self.words(ctx, k)
        if t.kind == WORD and "-" in t.low:
            return self.word_range(ctx, k)
        return None

    def digits(self, ctx: Ctx, k: int, cur: bool) -> Num:
        toks, text = ctx.toks, ctx.text
        s = toks[k].text
        j = k + 1
        # "10 000", "10\u00a0000": merge 3-digit groups
        if s.isdigit() and len(s) <= 3:
            while (
                j < ctx.n
                and toks[j].kind == NUM
                and text[toks[j - 1].stop : toks[j].start] in _GROUP_SEPS
                and _GROUP_RE.fullmatch(toks[j].text)
                and "," not in toks[j - 1].text
            ):
                j += 1
            if j > k + 1 and self.latin_before(ctx, k):
                # but "iPhone 15 128 ГБ" is a model and a memory size
                got = self.units.symbol(ctx, j, False) if j < ctx.n else None
                if got and got[0].kind == MEASURE:
                    j = k + 1
        raw_s = text[toks[k].start : toks[j - 1].stop]
        if len(raw_s) > MAX_DIGITS and sum(ch.isdigit() for ch in raw_s) > MAX_DIGITS:
            return Num(0.0, k, j, "many", overlong=True)  # a digit run, not an amount
        value, alt, dotted = read_digits(raw_s)
        num = Num(value, k, j, mode_for(value), raw=value, alt=alt, dotted=dotted)
        # "−20 °C", "+60": a sign glued to the digits and not to what stands before it
        if k > 0 and toks[k - 1].text in _SIGNS and ctx.glued(k - 1, k) and not ctx.glued(k - 2, k - 1):
            if k < 2 or toks[k - 2].kind != NUM:
                num.sign, num.signed = _SIGNS[toks[k - 1].text], True
        # glued suffix: "5-ти", "2-х" (case endings) or "5-й" (ordinal)
        if j + 1 < ctx.n and toks[j].text == "-" and ctx.glued(j - 1, j) and ctx.glued(j, j + 1):
            suf = toks[j + 1].low
            decade = suf == "х" and value >= 10 and value % 10 == 0  # "в 90-х"
            if suf in self.lex.cardinal_suffixes and not decade:
                num.j = j = j + 2
            elif suf in self.lex.ordinal_suffixes or decade:
                num.ordinal, num.j = True, j + 2
                return num
        # glued letters: a unit ("18W") is read later; "10K" is a multiplier after
        # a currency; anything else ("765G", "5G") is part of a code
        if j < ctx.n and ctx.glued(j - 1, j) and toks[j].kind == WORD:
            low = toks[j].low
            if cur and low in ("k", "к"):
                num.value, num.mult, num.mode, num.alt = value * 1e3, 1e3, "many", None
                num.j = j + 1
                return num
            if cur and low in ("m", "mln", "bn", "b"):
                f = 1e6 if low in ("m", "mln") else 1e9
                num.value, num.mult, num.mode, num.alt = value * f, f, "many", None
                num.j = j + 1
                return num
            m = self.lex.unit_re.match(text, toks[j].start)
            if not m or not any(t.stop == m.end() for t in toks[j : j + 4]):
                num.glued_code = True
            return num
        # multipliers: "10 тыс.", "2,5 млрд", "5 миллионов", "2 десятка"
        mult, j = self.multipliers(ctx, j)
        if mult != 1.0:
            num.value, num.mult, num.mode, num.j, num.alt = value * mult, mult, "many", j, None
            # "1 млн 200 тыс." adds up when a smaller multiplier follows
            while j + 1 < ctx.n and ctx.spaced(j - 1, j) and toks[j].kind == NUM and toks[j].text.isdigit():
                if not ctx.spaced(j, j + 1):
                    break
                got = self.mult_at(ctx, j + 1)
                if got is None or got[0] >= mult or len(toks[j].text) > MAX_DIGITS:
                    break
                mult = got[0]
                num.value += float(toks[j].text) * mult
                num.j = j = got[2]
        return num

    def words(self, ctx: Ctx, k: int) -> Num | None:
        """Number words: "двадцать пять", "трёх тысяч", "десятки миллионов",
        "полтора миллиона", "несколько сотен", "вдвое", "пара"."""
        toks = ctx.toks
        numerals = self.lex.numerals
        first = numerals[toks[k].low]
        if first[1] == "ratio":
            return Num(first[0], k, k + 1, "many", raw=first[0], digits=False, ratio=True)
        if toks[k].low in self.lex.mult_abbr:
            return None  # an abbreviation needs digits before it
        total = group = 0.0
        group_mult = 0.0
        last_card: float | None = None
        vague = few = False
        words: list[str] = []
        mode = "many"
        j = k
        total_mult = math.inf  # the smallest multiplier inside `total`: the next must be smaller
        group_at = (k, 0)  # token and word count where the current group began
        while j < ctx.n and (j == k or ctx.spaced(j - 1, j)) and j - k < _MAX_WORDS:
            e = numerals.get(toks[j].low)
            if e is None:
                break
            v, cls, plural = e
            if cls in ("card", "one"):
                if group_mult:
                    total, group, total_mult = total + group, 0.0, min(total_mult, group_mult)
                    group_mult, last_card, group_at = 0.0, None, (j, len(words))
                if last_card is not None and not combinable(last_card, v):
                    break
                if cls == "one" and group:
                    if not combinable(last_card or 0, 1):
                        break
                group += v
                last_card = v
                mode = "one" if cls == "one" else mode_for(group)
            elif cls in MULT_CLASSES:
                if group == 0 and total == 0:
                    # standalone: "тысячи", "десятки", "сотня", "дюжина"
                    group = v
                    vague = vague or few or plural or cls == "vague"
                elif group_mult and (v == group_mult or (v > group_mult and not vague)):
                    break  # "тысяча миллионов", "миллиардов миллиардов" are not written; stop
                elif total and v >= total_mult:
                    # "двадцать пять тысяч двадцать пять тысяч": a second number starts at the group
                    j, n_words = group_at
                    group, words = 0.0, words[:n_words]
                    break
                elif group * v > MAX_VALUE:
                    break
                else:
                    group *= v
                group_mult = v
                mode = "many"
                j = self.after_abbr(ctx, j) - 1
            elif cls == "frac":
                # "треть", "две трети", "три четверти": the share ends the number
                group = (group or 1.0) * v
                words.append(toks[j].low)
                j += 1
                num = Num(total + group, k, j, "many", raw=total + group, digits=False, words=tuple(words))
                num.frac = True
                return num
            elif cls == "few":
                if j != k:
                    break
                few = True
            elif cls == "pair":
                if j != k:
                    break
                group, mode, group_mult = v, "many", 0.0
                last_card = 0.0  # "пара" does not combine with cards
                words.append(toks[j].low)
                j += 1
                # "пара тысяч" multiplies; otherwise stop
                if j < ctx.n and ctx.spaced(j - 1, j):
                    m = self.mult_at(ctx, j)
                    if m:
                        group *= m[0]
                        j = m[2]
                break
            else:
                break
            words.append(toks[j].low)
            j += 1
        value = total + group
        if value == 0 or (few and not group_mult):
            return None
        # "два миллиарда 300 миллионов": digits with a smaller multiplier add up
        while group_mult and j + 1 < ctx.n and ctx.spaced(j - 1, j) and toks[j].kind == NUM:
            if not toks[j].text.isdigit() or len(toks[j].text) > 3 or not ctx.spaced(j, j + 1):
                break
            got = self.mult_at(ctx, j + 1)
            if got is None or got[0] >= group_mult:
                break
            group_mult = got[0]
            value += float(toks[j].text) * group_mult
            words.append(toks[j].text)
            j = got[2]
        num = Num(value, k, j, mode, raw=value, digits=False, vague=vague, words=tuple(words))
        num.one = words == ["один"] or (len(words) == 1 and numerals[words[0]][1] == "one")
        return num

    def word_range(self, ctx: Ctx, k: int) -> Num | None:
        """A range in one word: "пять-шесть лет", "двух-трёх тысяч"."""
        parts = ctx.toks[k].low.split("-")
        if len(parts) != 2:
            return None
        a, b = (self.lex.numerals.get(p) for p in parts)
        if not a or not b or a[1] != "card" or b[1] != "card":
            return None
        num = Num(a[0], k, k + 1, mode_for(b[0]), raw=a[0], digits=False, words=tuple(parts))
        num.alt = b[0]  # upper end, see Grammar.parse_at
        j = k + 1
        mult, j = self.multipliers(ctx, j)
        num.mult, num.j = mult, j
        if mult != 1.0:
            num.mode = "many"
        return num
