"""QUANTITY extractor: every amount in a text with its unit or counted object.

A hand-written scanner over one compiled token regex, chosen over yargy for
speed (the whole pass must stay within a few milliseconds per 3 000-character
article). Only the text around digits and number words is tokenized. For each
token that can start an amount (digits, a currency sign, a number word) the
scanner reads

    [approx word [preposition]] [currency sign] number [multiplier]
        [range | dimensions] [unit | counted noun phrase]

and then asks the ordered RULES list whether the candidate is not a quantity
at all (a year, a date, a model number, ...). Unit, currency, numeral and
approximation knowledge lives in the data files (units.tsv, currencies.tsv,
numerals.tsv, approx.tsv, quantity_filters.tsv); pymorphy (shared, cached)
gives lemmas and case agreement for counted nouns.

Conventions (also in the tests):
- vague amounts take their lower bound and approx=True: "тысячи" = 1000,
  "десятки миллионов" = 1e7, "несколько миллионов" = 1e6 (несколько X = X);
- "от 5 до 10 тысяч" is value 5000, max 10000; a multiplier after the upper
  end applies to the lower one when that keeps the range ascending;
- "до", "около", "более" etc. set approx=True; a bare range is exact;
- "один" counts only units, measures and money ("один час"), never "одна из
  компаний" / "в одном из двух" (there it is an indefinite pronoun);
- numbers without any unit or counted noun are dropped, except when they share
  the unit of a neighbour ("5 стеков ... из 6", "с 5 до 10%", "4/64 ГБ").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..const import COUNT, MEASURE, MONEY, PERCENT, RATIO
from ..data import load_rows
from ..doc import Quantity
from ..morph import get_morph, parse

__all__ = ["QuantityExtractor"]

# token kinds
NUM, WORD, SYM, GAP = 0, 1, 2, 3

_TOKEN_RE = re.compile(
    r"(\d+(?:[.,]\d+)*)"  # digits with inner separators; grouping by spaces is merged later
    r"|((?<=\d)[xх×](?=\d))"  # "3840x2160": the x between numbers is a separator
    r"|([^\W\d_][^\W_]*(?:[-'’][^\W_]+)*)"  # a word, may hold digits and hyphens: H100, дата-центров
    r"|(\S)"  # any other single character
)
# Spans never read as numbers: phone numbers, numeric dates, clock times. The
# leading lookahead keeps the scan cheap (most positions fail on one class test).
_MASK_RE = re.compile(
    r"(?=[\d(+])(?<![\w.,])(?:"
    r"\+\d{1,3}[\s\u00a0-]?\(?\d{2,5}\)?(?:[\s\u00a0-]?\d{2,4}){2,4}"
    r"|(?:\(\d{3,5}\)[\s\u00a0-]?)?\d{3}-\d{2}-\d{2}(?![\d-])"
    r"|8[\s\u00a0-]?\(\d{3,5}\)[\s\u00a0-]?\d{1,3}[\s\u00a0-]?\d{2}[\s\u00a0-]?\d{2}"
    r"|\d{4}-\d{2}-\d{2}(?!\d)"
    r"|(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?:\d{4}|\d{2})(?![.,]?\d)"
    r"|(?:[01]?\d|2[0-3]):[0-5]\d(?!:?\d)"
    r")"
)
_URL_RE = re.compile(r"(?:https?://|www\.)\S+")
_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_GROUP_SEPS = frozenset(" \u00a0\u2009\u202f")
_GROUP_RE = re.compile(r"\d{3}(?:,\d+)?")
_DASHES = frozenset("-–—‒")
_DIM_SEPS = frozenset({"x", "х", "×", "*"})
_CLOSE_QUOTES = frozenset("»”\"'")
_OPEN_QUOTES = frozenset("«“\"'")
_SENT_END = frozenset(".!?;")
_ADJ_ENDINGS = frozenset("ый ий ой ого его ому ему ым им ом ем ая яя ую юю ое ее ые ие ых их ыми ими".split())
_COMPARATIVES = frozenset({"больше", "меньше", "выше", "ниже", "дороже", "дешевле"})
_NAME_TAGS = ("Name", "Surn", "Patr", "Abbr")  # proper names and abbreviations count nothing
_MULT_CLASSES = frozenset({"mult", "vague", "group"})
_FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL", "NPRO", "INTJ", "PRED"})


def _trie_regex(words: Sequence[str]) -> str:
    """One regex alternation shaped as a trie (fast to scan); "е" also matches "ё"."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = []
        for ch, sub in sorted(node.items()):
            if ch == "":
                continue
            c = "[её]" if ch == "е" else re.escape(ch)
            alts.append(c + emit(sub))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


# How far around a number the scanner may look: approximation words before it,
# a multiplier, a range and a counted noun phrase after it.
_WINDOW_BACK, _WINDOW_FWD = 40, 90


def _norm(s: str) -> str:
    return s.lower().replace("ё", "е")


def _has_latin(s: str) -> bool:
    return any("a" <= ch <= "z" or "A" <= ch <= "Z" for ch in s)


def _has_cyrillic(s: str) -> bool:
    return any("а" <= ch <= "я" or "А" <= ch <= "Я" or ch in "ёЁ" for ch in s)


@dataclass(slots=True)
class _Tok:
    kind: int
    text: str
    low: str
    start: int
    stop: int
    sp: bool = False  # follows the previous token on the same line (spaces or nothing between)
    gl: bool = False  # glued to the previous token


@dataclass(slots=True)
class _Unit:
    unit: str
    kind: str
    factor: float = 1.0
    trailer: str = ""


@dataclass(slots=True)
class _Num:
    """A number expression over tokens [i, j)."""

    value: float
    i: int
    j: int
    mode: str  # counted-noun agreement: one / few / many / frac
    raw: float = 0.0  # value before the multiplier
    mult: float = 1.0
    vague: bool = False
    digits: bool = True
    alt: float | None = None  # thousands reading of "10,000"/"1.500" (see _read_digits)
    dotted: bool = False  # "1.2.3": a version or a date, never an amount
    ordinal: bool = False  # "5-й"
    glued_code: bool = False  # "765G", "5G", "4E8": part of a model designation
    one: bool = False  # the word "один" alone
    ratio: bool = False  # "вдвое"
    words: tuple[str, ...] = ()


@dataclass(slots=True)
class _Cand:
    """A candidate amount: tokens [i0, j) of which [k, nj) are the number."""

    i0: int
    k: int
    nj: int
    j: int
    num: _Num
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


class _Ctx:
    """Per-call state shared by the parser and the rules."""

    __slots__ = ("text", "toks", "n")

    def __init__(self, text: str, toks: list[_Tok]) -> None:
        self.text = text
        self.toks = toks
        self.n = len(toks)


# ---------------------------------------------------------------------------
# RULES: each tests one condition under which a candidate is NOT a quantity.
# They run in this order; the first that fires drops the candidate.


def is_glued_code(ex: QuantityExtractor, ctx: _Ctx, c: _Cand) -> bool:
    """Digits glued to letters or signs: "765G", "4E8", "%20", "_5" belong to codes."""
    if c.num.glued_code:
        return True
    toks, k = ctx.toks, c.k
    if c.prefix_cur or k == 0:
        return False
    p = toks[k - 1]
    return p.stop == toks[k].start and p.kind == SYM and p.text in "%_=&@\\#^"


def is_version(ex: QuantityExtractor, ctx: _Ctx, c: _Cand) -> bool:
    """Versions and dotted codes: "1.2.3", "iOS 17.2", "версии 2.0", "PCI Express 5.0"."""
    if c.num.dotted:
        return True
    return c.kind in (COUNT, None) and c.prev in ex.version_words


def is_ordinal(ex: QuantityExtractor, ctx: _Ctx, c: _Cand) -> bool:
    """Ordinals written with digits: "5-й", "3-го", "в 90-х"."""
    return c.num.ordinal


def is_date(ex: QuantityExtractor, ctx: _Ctx, c: _Cand) -> bool:
    """A day before a month name: "29 октября", "1-2 мая"."""
    if c.unit_tok < 0 or c.kind != COUNT:
        return False
    t = ctx.toks[c.unit_tok]
    return any(p.normal_form in ex.months for p in parse(t.low) if p.tag.POS == "NOUN") or (t.low in ex.months)


def is_time_of_day(ex: QuantityExtractor, ctx: _Ctx, c: _Cand) -> bool:
    """Times of day: "в 5 часов утра"; "14:30" and "18:9" (a number next to a colon)."""
    toks, k, nj = ctx.toks, c.k, c.nj
    if k > 0 and toks[k - 1].text == ":" and toks[k - 1].stop == toks[k].start:
        return True
    if nj < ctx.n and toks[nj].text == ":" and toks[nj - 1].stop == toks[nj].start:
        return nj + 1 < ctx.n and toks[nj + 1].kind == NUM
    if c.unit == "час" and c.j < ctx.n and toks[c.j].sp:
        return toks[c.j].low in ex.day_parts
    return False


def is_year(ex: QuantityExtractor, ctx: _Ctx, c: _Cand) -> bool:
    """Years: "в 2023 году", "с 2017 года", "2020–2022 гг.", a bare "rdd.media 2023"."""
    num = c.num
    if not num.digits or num.mult != 1 or c.prefix_cur or c.kind in (MONEY, PERCENT, RATIO):
        return False
    if not (1800 <= c.value <= 2100 and c.value == int(c.value)):
        return False
    raw = ctx.toks[c.k].text
    if not raw.isdigit() or len(raw) != 4:
        return False
    if c.unit is None:
        return True
    if c.unit_tok >= 0 and ctx.toks[c.unit_tok].low in ex.year_abbr:
        return True
    # "2000 лет" is a duration, "2023 году"/"2020–2022 годах" are years
    if c.unit != "год":
        return False
    return c.max is not None or "sing" in parse(ctx.toks[c.unit_tok].text)[0].tag


def is_model_number(ex: QuantityExtractor, ctx: _Ctx, c: _Cand) -> bool:
    """A number after a Latin product name ("RTX 4090", "iPhone 15", "Zen 4") or
    before a model suffix ("Mi 10 Pro"), unless it carries a real unit ("DDR5 6400 МГц")."""
    if c.kind in (MONEY, PERCENT, MEASURE, RATIO) or c.prefix_cur:
        return False
    if c.num.j - c.num.i > 1:
        return False  # "11 622", "10 тыс." are written amounts, not designations
    toks, k = ctx.toks, c.k
    if k > 0 and c.i0 == k:
        p = toks[k - 1]
        if p.kind == WORD and _has_latin(p.text) and not _has_cyrillic(p.text):
            return True
    if c.nj < ctx.n:
        t = toks[c.nj]
        if t.kind == WORD and t.low in ex.model_suffixes and not _has_cyrillic(t.text):
            return True
    return False


def is_fraction_or_path(ex: QuantityExtractor, ctx: _Ctx, c: _Cand) -> bool:
    """Fractions and f-numbers: "1/3 рынка", "F/1.8", "1/1,3 дюйма" (an optical format): a number glued after
    a slash is not an amount, unless it is one of the dimensions "4/64 ГБ"."""
    toks, k = ctx.toks, c.k
    if c.dims or k < 2:
        return False
    p = toks[k - 1]
    return p.text in "/\\" and p.stop == toks[k].start and toks[k - 2].stop == p.start


def is_rank(ex: QuantityExtractor, ctx: _Ctx, c: _Cand) -> bool:
    """Places in a ranking written with digits: "занял 1 место", "на 1 месте"."""
    if c.kind != COUNT or c.unit not in ex.rank_nouns or c.unit_tok < 0:
        return False
    tag = parse(ctx.toks[c.unit_tok].text)[0].tag
    return "sing" in tag and "gent" not in tag


def is_address(ex: QuantityExtractor, ctx: _Ctx, c: _Cand) -> bool:
    """House numbers: "на Московской улице, 36", "ул. Ленина, д. 5"."""
    if c.kind not in (COUNT, None):
        return False
    toks = ctx.toks
    for t in toks[max(0, c.i0 - 4) : c.i0]:
        if t.low in ex.address_words:
            return True
    return False


def is_negated(ex: QuantityExtractor, ctx: _Ctx, c: _Cand) -> bool:
    """Negation: "ни одной копейки" means none."""
    return c.prev == "ни"


def is_indefinite_one(ex: QuantityExtractor, ctx: _Ctx, c: _Cand) -> bool:
    """Pronoun "один": "одна из компаний", "в одном из двух", "одного и того же": "один" as a pronoun."""
    return c.num.one and c.kind == COUNT


def is_unitless(ex: QuantityExtractor, ctx: _Ctx, c: _Cand) -> bool:
    """A bare number says nothing a user can act on ("Mi Band 5", list numbers)."""
    return c.unit is None


Rule = Callable[["QuantityExtractor", _Ctx, _Cand], bool]
RULES: list[Rule] = [
    is_glued_code,
    is_version,
    is_ordinal,
    is_date,
    is_time_of_day,
    is_year,
    is_model_number,
    is_fraction_or_path,
    is_rank,
    is_address,
    is_negated,
    is_indefinite_one,
    is_unitless,
]


class QuantityExtractor:
    """Find amounts in plain text; see the module docstring for conventions."""

    def __init__(self) -> None:
        self._load_numerals()
        self._load_units()
        self._load_approx()
        filters: dict[str, set[str]] = {}
        for row in load_rows("quantity_filters.tsv"):
            filters.setdefault(row[0], set()).add(row[1])
        self.months = frozenset(filters.get("month", ()))
        self.year_abbr = frozenset(filters.get("year_abbr", ()))
        self.day_parts = frozenset(filters.get("day_part", ()))
        self.ordinal_suffixes = frozenset(filters.get("ordinal_suffix", ()))
        self.cardinal_suffixes = frozenset(filters.get("cardinal_suffix", ()))
        self.model_suffixes = frozenset(filters.get("model_suffix", ()))
        self.version_words = frozenset(filters.get("version_word", ()))
        self.address_words = frozenset(filters.get("address_word", ()))
        self.rank_nouns = frozenset(filters.get("rank_noun", ()))
        self.drop_adjectives = frozenset(_norm(w) for w in filters.get("drop_adjective", ()))
        # where amounts can start: digits and number words; only text near them is tokenized
        words = [w for w in self.numerals if w.isalpha()]
        firsts = "".join(sorted({w[0] for w in words} | {w[0].upper() for w in words}))
        # the first-letter lookahead rejects most positions before the trie is tried
        self._trigger_re = re.compile(r"\d|\b(?=[" + firsts + r"])(?i:" + _trie_regex(words) + r")\b")
        self._phrase_cache: dict[tuple, tuple[str, str, bool]] = {}
        self._roles_cache: dict[tuple[str, str], tuple[list, list]] = {}

    # -- data --------------------------------------------------------------

    def _load_numerals(self) -> None:
        morph = get_morph()
        # form -> (value, class, can be plural)
        self.numerals: dict[str, tuple[float, str, bool]] = {}
        self._mult_abbr: set[str] = set()
        for word, value, cls, match in load_rows("numerals.tsv"):
            v = float(value)
            if match == "form":
                self.numerals[_norm(word)] = (v, cls, True)
                if cls == "mult":
                    self._mult_abbr.add(_norm(word))
                continue
            want = ("NOUN",) if cls in _MULT_CLASSES or cls == "pair" else ("NUMR", "ADJF")
            cands = [p for p in morph.parse(word) if p.normal_form == word and p.tag.POS in want]
            cands.sort(key=lambda p: want.index(p.tag.POS))
            if not cands:
                self.numerals[_norm(word)] = (v, cls, False)
                continue
            forms: dict[str, bool] = {}
            for f in cands[0].lexeme:
                if cls == "one" and "plur" in f.tag:
                    continue  # "одни" is a pronoun ("одни из"), never 1
                w = _norm(f.word)
                forms[w] = forms.get(w, False) or "plur" in f.tag
            for w, plural in forms.items():
                self.numerals.setdefault(w, (v, cls, plural))

    def _load_units(self) -> None:
        sym: dict[str, _Unit] = {}  # exact spelling
        isym: dict[str, _Unit] = {}  # lower-cased spelling
        att: set[str] = set()
        self.lemma_units: dict[str, _Unit] = {}
        self.adj_units: dict[str, _Unit] = {}
        for spelling, unit, kind, match in load_rows("units.tsv"):
            u = _Unit(unit, kind)
            if match == "lemma":
                self.lemma_units[_norm(spelling)] = u
            elif match == "adj":
                self.adj_units[_norm(spelling)] = u
            elif match == "isym":
                isym[spelling.lower()] = u
            else:
                sym[spelling] = u
                if match == "att":
                    att.add(spelling)
        self.currency_lemmas: dict[str, _Unit] = {}
        pre: dict[str, _Unit] = {}
        for row in load_rows("currencies.tsv"):
            spelling, code, match = row[:3]
            factor = float(row[3]) if len(row) > 3 and row[3] else 1.0
            trailer = _norm(row[4]) if len(row) > 4 else ""
            u = _Unit(code, MONEY, factor, trailer)
            if match == "lemma":
                self.currency_lemmas[_norm(spelling)] = u
                continue
            if "pre" in match:
                pre[spelling] = u
            if "post" in match:
                sym[spelling] = u
        self._sym, self._isym, self._att = sym, isym, att

        def alternation(words: Sequence[str], flags: str = "") -> str:
            body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
            return f"(?{flags}:{body})" if flags else f"(?:{body})"

        # a unit must not run on into a word: "м" is not the start of "млн"
        self._unit_re = re.compile(f"(?:{alternation(list(sym))}|{alternation(list(isym), 'i')})(?![^\\W_])")
        self._pre = pre
        self._pre_re = re.compile(f"{alternation(list(pre))}(?=[\\s\u00a0\u2009\u202f]?\\d)")
        self._pre_first = frozenset(w[0] for w in pre)

    def _load_approx(self) -> None:
        self.approx: dict[tuple[str, ...], str] = {}
        self.preps: set[str] = set()
        self.suffixes: dict[tuple[str, ...], str] = {}
        for phrase, typ in load_rows("approx.tsv"):
            key = tuple(phrase.split())
            if typ == "prep":
                self.preps.add(phrase)
            elif typ == "suffix":
                self.suffixes[key] = typ
            else:
                self.approx[key] = typ
        self._approx_max = max(len(k) for k in self.approx)
        self._approx_last = frozenset(k[-1] for k in self.approx)
        self._suffix_first = frozenset(k[0] for k in self.suffixes)

    # -- tokens ------------------------------------------------------------

    def _tokenize(self, text: str, skip: Sequence[tuple[int, int]]) -> list[_Tok]:
        masked = [m.span() for m in _MASK_RE.finditer(text)]
        if "http" in text or "www." in text:
            masked += [m.span() for m in _URL_RE.finditer(text)]
        if "@" in text:
            masked += [m.span() for m in _EMAIL_RE.finditer(text)]
        end = len(text) + 1
        masked = sorted(masked + [(int(x[0]), int(x[1])) for x in skip]) + [(end, end)]
        mi = 0
        ms, me = masked[0]
        toks: list[_Tok] = []
        append = toks.append
        find_nl = text.find
        for a, b in self._windows(text):
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
                            append(_Tok(GAP, "", "", min(s, ms), max(e, me)))
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
                    append(_Tok(WORD, g, low.replace("ё", "е") if "ё" in low else low, s, e, sp, gl))
                else:
                    append(_Tok(NUM if kind == 1 else SYM, g, g, s, e, sp, gl))
                prev_stop = e
        return toks

    def _windows(self, text: str) -> list[tuple[int, int]]:
        """Merged character windows around the places where an amount may start."""
        out: list[tuple[int, int]] = []
        n = len(text)
        for m in self._trigger_re.finditer(text):
            p = m.start()
            if out and p - _WINDOW_BACK <= out[-1][1]:
                out[-1] = (out[-1][0], min(n, m.end() + _WINDOW_FWD))
                continue
            out.append((max(0, p - _WINDOW_BACK), min(n, m.end() + _WINDOW_FWD)))
        snapped = []
        for a, b in out:
            # widen to whitespace so no token is cut
            while a > 0 and not text[a - 1].isspace():
                a -= 1
            while b < n and not text[b].isspace():
                b += 1
            if snapped and a <= snapped[-1][1]:
                snapped[-1] = (snapped[-1][0], b)
            else:
                snapped.append((a, b))
        return snapped

    @staticmethod
    def _spaced(ctx: _Ctx, a: int, b: int) -> bool:
        """Tokens a and b = a + 1 are neighbours on one line, only spaces between."""
        return b < ctx.n and ctx.toks[b].sp

    @staticmethod
    def _glued(ctx: _Ctx, a: int, b: int) -> bool:
        return b < ctx.n and ctx.toks[b].gl

    # -- numbers -------------------------------------------------------------

    @staticmethod
    def _read_digits(s: str) -> tuple[float, float | None, bool]:
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

    @staticmethod
    def _mode_for(v: float) -> str:
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

    def _multipliers(self, ctx, j: int) -> tuple[float, int]:
        """The product of the multipliers from token j on ("1,5 тыс. млн" is rare, "2 десятка" is not)."""
        mult = 1.0
        while j < ctx.n and self._spaced(ctx, j - 1, j):
            got = self._mult_at(ctx, j)
            if got is None:
                break
            mult *= got[0]
            j = got[2]
        return mult, j

    def _mult_at(self, ctx: _Ctx, j: int) -> tuple[float, bool, int] | None:
        """A multiplier word at token j: (factor, plural form, next index)."""
        t = ctx.toks[j]
        if t.kind != WORD:
            return None
        e = self.numerals.get(t.low)
        if e is None or e[1] not in _MULT_CLASSES:
            return None
        return e[0], e[2], self._after_abbr(ctx, j)

    def _after_abbr(self, ctx: _Ctx, j: int) -> int:
        """Index after token j, with the dot of "тыс." / "млрд." when it belongs to it."""
        nxt = j + 1
        if ctx.toks[j].low in self._mult_abbr and self._glued(ctx, j, nxt) and ctx.toks[nxt].text == ".":
            # the dot ends the sentence too when a capital follows, except before
            # a unit: "25 тыс. GPU"
            if not self._sentence_ends(ctx.text, ctx.toks[nxt].stop) or self._sym_unit(ctx, nxt + 1, False):
                nxt += 1
        return nxt

    def _latin_before(self, ctx: _Ctx, k: int) -> bool:
        if k == 0 or not self._spaced(ctx, k - 1, k):
            return False
        p = ctx.toks[k - 1]
        return p.kind == WORD and _has_latin(p.text) and not _has_cyrillic(p.text) and p.text not in self._pre

    def _number(self, ctx: _Ctx, k: int, cur: bool = False) -> _Num | None:
        t = ctx.toks[k]
        if t.kind == NUM:
            return self._digits(ctx, k, cur)
        if t.kind == WORD and t.low in self.numerals:
            return self._words(ctx, k)
        if t.kind == WORD and "-" in t.low:
            return self._word_range(ctx, k)
        return None

    def _digits(self, ctx: _Ctx, k: int, cur: bool) -> _Num:
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
            if j > k + 1 and self._latin_before(ctx, k):
                # but "iPhone 15 128 ГБ" is a model and a memory size
                got = self._sym_unit(ctx, j, False) if j < ctx.n else None
                if got and got[0].kind == MEASURE:
                    j = k + 1
        raw_s = text[toks[k].start : toks[j - 1].stop]
        value, alt, dotted = self._read_digits(raw_s)
        num = _Num(value, k, j, self._mode_for(value), raw=value, alt=alt, dotted=dotted)
        # glued suffix: "5-ти", "2-х" (case endings) or "5-й" (ordinal)
        if j + 1 < ctx.n and toks[j].text == "-" and self._glued(ctx, j - 1, j) and self._glued(ctx, j, j + 1):
            suf = toks[j + 1].low
            decade = suf == "х" and value >= 10 and value % 10 == 0  # "в 90-х"
            if suf in self.cardinal_suffixes and not decade:
                num.j = j = j + 2
            elif suf in self.ordinal_suffixes or decade:
                num.ordinal = True
                return num
        # glued letters: a unit ("18W") is read later; "10K" is a multiplier after
        # a currency; anything else ("765G", "5G") is part of a code
        if j < ctx.n and self._glued(ctx, j - 1, j) and toks[j].kind == WORD:
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
            m = self._unit_re.match(text, toks[j].start)
            if not m or not any(t.stop == m.end() for t in toks[j : j + 4]):
                num.glued_code = True
            return num
        # multipliers: "10 тыс.", "2,5 млрд", "5 миллионов", "2 десятка"
        mult, j = self._multipliers(ctx, j)
        if mult != 1.0:
            num.value, num.mult, num.mode, num.j, num.alt = value * mult, mult, "many", j, None
            # "1 млн 200 тыс." adds up when a smaller multiplier follows
            while j + 1 < ctx.n and self._spaced(ctx, j - 1, j) and toks[j].kind == NUM and toks[j].text.isdigit():
                if not self._spaced(ctx, j, j + 1):
                    break
                got = self._mult_at(ctx, j + 1)
                if got is None or got[0] >= mult:
                    break
                mult = got[0]
                num.value += float(toks[j].text) * mult
                num.j = j = got[2]
        return num

    def _words(self, ctx: _Ctx, k: int) -> _Num | None:
        """Number words: "двадцать пять", "трёх тысяч", "десятки миллионов",
        "полтора миллиона", "несколько сотен", "вдвое", "пара"."""
        toks = ctx.toks
        first = self.numerals[toks[k].low]
        if first[1] == "ratio":
            return _Num(first[0], k, k + 1, "many", raw=first[0], digits=False, ratio=True)
        if toks[k].low in self._mult_abbr:
            return None  # an abbreviation needs digits before it
        total = group = 0.0
        group_mult = 0.0
        last_card: float | None = None
        vague = few = False
        words: list[str] = []
        mode = "many"
        j = k
        while j < ctx.n and (j == k or self._spaced(ctx, j - 1, j)):
            e = self.numerals.get(toks[j].low)
            if e is None:
                break
            v, cls, plural = e
            if cls in ("card", "one"):
                if group_mult:
                    total, group, group_mult, last_card = total + group, 0.0, 0.0, None
                if last_card is not None and not self._combinable(last_card, v):
                    break
                if cls == "one" and group:
                    if not self._combinable(last_card or 0, 1):
                        break
                group += v
                last_card = v
                mode = "one" if cls == "one" else self._mode_for(group)
            elif cls in _MULT_CLASSES:
                if group == 0 and total == 0:
                    # standalone: "тысячи", "десятки", "сотня", "дюжина"
                    group = v
                    vague = vague or few or plural or cls == "vague"
                elif group_mult and v >= group_mult and not vague:
                    break  # "тысяча миллионов" is not written; stop
                else:
                    group *= v
                group_mult = v
                mode = "many"
                j = self._after_abbr(ctx, j) - 1
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
                if j < ctx.n and self._spaced(ctx, j - 1, j):
                    m = self._mult_at(ctx, j)
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
        num = _Num(value, k, j, mode, raw=value, digits=False, vague=vague, words=tuple(words))
        num.one = words == ["один"] or (len(words) == 1 and self.numerals[words[0]][1] == "one")
        return num

    def _word_range(self, ctx: _Ctx, k: int) -> _Num | None:
        """A range in one word: "пять-шесть лет", "двух-трёх тысяч"."""
        parts = ctx.toks[k].low.split("-")
        if len(parts) != 2:
            return None
        a, b = (self.numerals.get(p) for p in parts)
        if not a or not b or a[1] != "card" or b[1] != "card":
            return None
        num = _Num(a[0], k, k + 1, self._mode_for(b[0]), raw=a[0], digits=False, words=tuple(parts))
        num.alt = b[0]  # upper end, see _parse_at
        j = k + 1
        mult, j = self._multipliers(ctx, j)
        num.mult, num.j = mult, j
        if mult != 1.0:
            num.mode = "many"
        return num

    @staticmethod
    def _combinable(last: float, v: float) -> bool:
        """Number words add up ("сто двадцать пять") when each part fits in the zeros of the previous one."""
        if last != int(last) or v != int(v) or last == 0:
            return False
        last_i, v_i = int(last), int(v)
        if v_i >= last_i:
            return False
        return last_i % (10 ** len(str(v_i))) == 0

    # -- units -------------------------------------------------------------

    def _currency_prefix(self, ctx: _Ctx, i: int) -> tuple[_Unit, int] | None:
        """A currency before the number: "$10", "T$989,92", "€ 5". Returns the number index."""
        t = ctx.toks[i]
        if not t.text or t.text[0] not in self._pre_first or t.kind in (NUM, GAP):
            return None
        if i > 0 and t.kind == WORD and ctx.toks[i - 1].stop == t.start and ctx.toks[i - 1].kind == WORD:
            return None
        m = self._pre_re.match(ctx.text, t.start)
        if not m:
            return None
        for k in range(i + 1, min(i + 4, ctx.n)):
            if ctx.toks[k].start >= m.end():
                if ctx.toks[k].kind == NUM and ctx.toks[k - 1].stop == m.end():
                    return self._pre[m.group()], k
                return None
        return None

    def _sym_unit(self, ctx: _Ctx, j: int, glued: bool) -> tuple[_Unit, int, str] | None:
        """A written unit symbol starting at token j: ("%", "ГБ/с", "руб.", "18W")."""
        if j >= ctx.n:
            return None
        t = ctx.toks[j]
        if t.kind in (GAP, NUM):
            return None
        m = self._unit_re.match(ctx.text, t.start)
        if not m:
            return None
        s = m.group()
        u = self._sym.get(s) or self._isym.get(s.lower())
        if u is None or (s in self._att and not glued):
            return None
        end = m.end()
        if (
            s.endswith(".")
            and self._sentence_ends(ctx.text, end)
            and (s[:-1] in self._sym or s[:-1].lower() in self._isym)
        ):
            s, end = s[:-1], end - 1  # "323 руб." at the end of a sentence: the dot is the period
        jj = j
        while jj < ctx.n and ctx.toks[jj].stop <= end:
            jj += 1
        if ctx.toks[jj - 1].stop != end:
            return None  # the match ends inside a token
        return u, jj, s

    @staticmethod
    def _sentence_ends(text: str, pos: int) -> bool:
        rest = text[pos : pos + 3].lstrip(" \u00a0")
        return not rest or rest[0] == "\n" or rest[0].isupper()

    def _adj_unit(self, low: str) -> _Unit | None:
        """Unit of a compound adjective: "нанометровых" -> нм, "ваттной" -> Вт, "канальный" -> канал."""
        for n in range(min(len(low) - 2, 14), 2, -1):
            u = self.adj_units.get(low[:n])
            if u is not None and low[n:] in _ADJ_ENDINGS:
                return u
        return None

    @staticmethod
    def _agrees(tag, mode: str) -> bool:
        if "Fixd" in tag or "Pltm" in tag:
            return True
        if mode == "one":
            return "sing" in tag
        if mode in ("few", "frac"):
            return "plur" in tag or ("sing" in tag and "gent" in tag)
        return "plur" in tag

    def _noun_phrase(self, ctx: _Ctx, j: int, mode: str) -> tuple[list, int, int] | None:
        """Adjectives + a noun agreeing with the number. Returns (parts, head index,
        end index) where parts are (token index, parse, is_adjective)."""
        toks = ctx.toks
        words: list[tuple[int, list, list]] = []
        jj = j
        while jj < ctx.n and len(words) < 5 and (jj == j or self._spaced(ctx, jj - 1, jj)):
            t = toks[jj]
            if t.kind == NUM and jj + 2 < ctx.n and toks[jj + 1].text == "-" and self._glued(ctx, jj, jj + 1):
                # a compound adjective with its own number: "дюжина 5-нанометровых чиплетов"
                w = toks[jj + 2]
                if self._glued(ctx, jj + 1, jj + 2) and w.kind == WORD and self._adj_unit(w.low):
                    words.append((jj, ["numadj"], []))
                    jj += 3
                    continue
                break
            if t.kind != WORD:
                break
            adj, noun = self._word_roles(t.text, mode)
            if not adj and not noun:
                break
            words.append((jj, adj, noun))
            jj += 1
        head = None
        for idx, (_, adj, noun) in enumerate(words):
            nxt = words[idx + 1] if idx + 1 < len(words) else None
            if noun and not (adj and nxt and (nxt[1] or nxt[2])):
                head = idx
                break
            if not adj:
                break
        if head is None:
            for idx in range(len(words) - 1, -1, -1):
                if words[idx][2] and all(w[1] for w in words[:idx]):
                    head = idx
                    break
        if head is None:
            return None
        parts = [(w[0], w[1], True) for w in words[:head]]
        parts.append((words[head][0], words[head][2], False))
        return parts, head, words[head][0] + 1

    def _word_roles(self, word: str, mode: str) -> tuple[list, list]:
        """Parses of a word as an adjective and as a noun agreeing with `mode` (cached)."""
        key = (word, mode)
        got = self._roles_cache.get(key)
        if got is not None:
            return got
        adj: list = []
        noun: list = []
        if _has_cyrillic(word):
            ps = parse(word)
            # "в паре со смартфонами": "со" is a preposition, not a noun
            if ps[0].tag.POS not in _FUNCTION_POS:
                adj = [p for p in ps if p.tag.POS in ("ADJF", "PRTF") and "Apro" not in p.tag]
                noun = [
                    p
                    for p in ps
                    if p.tag.POS == "NOUN" and not any(n in p.tag for n in _NAME_TAGS) and self._agrees(p.tag, mode)
                ]
        if len(self._roles_cache) > 100_000:
            self._roles_cache.clear()
        self._roles_cache[key] = (adj, noun)
        return adj, noun

    def _lemma_phrase(self, ctx: _Ctx, parts: list, mode: str) -> tuple[str, str, bool]:
        # inflecting adjectives is the slowest step; news repeats phrases, so cache them
        key = (mode, *(ctx.toks[p[0]].text for p in parts))
        got = self._phrase_cache.get(key)
        if got is None:
            got = self._make_lemma_phrase(ctx, parts)
            if len(self._phrase_cache) > 50_000:
                self._phrase_cache.clear()
            self._phrase_cache[key] = got
        return got

    def _make_lemma_phrase(self, ctx: _Ctx, parts: list) -> tuple[str, str, bool]:
        """Nominative singular of the phrase, its head lemma, and whether the head
        was singular in the text."""
        toks = ctx.toks
        hidx, hparses, _ = parts[-1]
        word = toks[hidx].text
        noun = max(hparses, key=lambda p: p.score)
        head = self._restore(word, noun.normal_form)
        gender = next((g for g in ("masc", "femn", "neut") if g in noun.tag), "masc")
        pltm = "Pltm" in noun.tag
        adjs: list[str] = []
        for idx, aps, _ in parts[:-1]:
            if aps == ["numadj"]:
                continue  # "5-нанометровых" is its own quantity
            a = self._pick_adj(aps, noun)
            # evaluative words do not name the counted thing: superlatives ("крупнейших"),
            # ordinals, participles ("проданных") and the drop list ("новых")
            if a is None or _norm(a.normal_form) in self.drop_adjectives or a.tag.POS == "PRTF":
                continue
            if "Supr" in a.tag or "Anum" in a.tag:
                continue
            form = a.inflect({"plur", "nomn"} if pltm else {"sing", "nomn", gender})
            adjs.append(self._restore(toks[idx].text, (form.word if form else a.normal_form)))
        return " ".join([*adjs, head]), head, "sing" in noun.tag

    @staticmethod
    def _pick_adj(aps: list, noun):
        for want in (("case", "number"), ("number",), ()):
            for a in aps:
                if all(getattr(a.tag, w) == getattr(noun.tag, w) for w in want):
                    return a
        return None

    @staticmethod
    def _restore(word: str, lemma: str) -> str:
        """Keep ё-less spelling and acronym case: "чиплетов" -> чиплет, "LED-..." -> LED-..."""
        if "ё" not in word.lower():
            lemma = lemma.replace("ё", "е")
        if sum(ch.isupper() for ch in word) >= 2:
            n = 0
            for a, b in zip(word, lemma, strict=False):
                if a.lower() != b:
                    break
                n += 1
            lemma = word[:n] + lemma[n:]
        return lemma

    def _unit(self, ctx: _Ctx, j: int, num: _Num) -> dict | None:
        """Read the unit or counted noun after the number ending before token j."""
        toks = ctx.toks
        if j >= ctx.n or toks[j].kind == GAP:
            return None
        glued = self._glued(ctx, j - 1, j)
        if not glued and not self._spaced(ctx, j - 1, j):
            return None
        t = toks[j]
        # "5-нанометровых", "20-ваттной", "12-канальный", "7-нм"
        if t.text == "-" and glued and self._glued(ctx, j, j + 1):
            w = toks[j + 1]
            if w.kind == WORD:
                u = self._adj_unit(w.low)
                if u:
                    return {"u": u, "j": j + 2, "tok": j + 1, "sing": False}
                got = self._sym_unit(ctx, j + 1, True)
                if got:
                    return {"u": got[0], "j": got[1], "tok": j + 1, "sing": False}
            return None
        # «миллионы» процессоров: step over a closing quote
        if t.text in _CLOSE_QUOTES and glued and not num.digits and self._spaced(ctx, j, j + 1):
            r = self._unit(ctx, j + 1, num)
            if r:
                r["quoted"] = True
            return r
        got = self._sym_unit(ctx, j, glued)
        if got:
            u, jj, s = got
            r = {"u": u, "j": jj, "tok": j, "sing": False}
            self._trailer(ctx, r)
            return r
        if t.kind not in (WORD, NUM) or glued:
            return None
        np = self._noun_phrase(ctx, j, num.mode)
        if np is None:
            # "8 ядерный Qualcomm": an adjective unit without a noun after it
            u = self._adj_unit(t.low)
            if u:
                return {"u": u, "j": j + 1, "tok": j, "sing": False}
            # "50 млн iPhone": after a multiplier a Latin word is what is counted
            # (after plain digits it is too often a model name: "Mi 10 Pro")
            if (num.mult != 1 or num.vague) and t.kind == WORD and t.text.isalpha() and _has_latin(t.text):
                return {"u": _Unit(t.text, COUNT), "j": j + 1, "tok": j, "sing": False}
            return None
        parts, _, end = np
        phrase, head, sing = self._lemma_phrase(ctx, parts, num.mode)
        key, hkey = _norm(phrase), _norm(head)
        u = (
            self.currency_lemmas.get(key)
            or self.lemma_units.get(key)
            or self.currency_lemmas.get(hkey)
            or self.lemma_units.get(hkey)
        )
        if u is None:
            u = _Unit(phrase, COUNT)
        r = {"u": u, "j": end, "tok": parts[-1][0], "sing": sing}
        r["inner"] = next((p[0] for p in parts if p[1] == ["numadj"]), -1)
        self._trailer(ctx, r)
        return r

    def _trailer(self, ctx: _Ctx, r: dict) -> None:
        u: _Unit = r["u"]
        j = r["j"]
        if u.trailer and j < ctx.n and self._spaced(ctx, j - 1, j) and ctx.toks[j].low == u.trailer:
            r["j"] = j + 1

    # -- candidates ----------------------------------------------------------

    def _approx_before(self, ctx: _Ctx, i: int, floor: int) -> tuple[int, bool, bool, str]:
        """Approximation words before token i: (first token, approx, "от", prev word)."""
        toks = ctx.toks
        prev = toks[i - 1].low if i > floor and self._spaced(ctx, i - 1, i) else ""
        if i - 1 >= floor and toks[i - 1].text in ("~", "≈") and self._spaced(ctx, i - 1, i):
            return i - 1, True, False, prev

        def phrase_ending(e: int) -> tuple[int, str] | None:
            if toks[e].low not in self._approx_last:
                return None
            for size in range(min(self._approx_max, e - floor + 1), 0, -1):
                s = e - size + 1
                if s < floor or not all(self._spaced(ctx, x, x + 1) for x in range(s, e + 1)):
                    continue
                typ = self.approx.get(tuple(t.low for t in toks[s : e + 1]))
                if typ:
                    return s, typ
            return None

        if i - 1 < floor or not self._spaced(ctx, i - 1, i):
            return i, False, False, prev
        got = phrase_ending(i - 1)
        if got:
            return got[0], got[1] == "approx", got[1] == "from", prev
        if toks[i - 1].low in self.preps and i - 2 >= floor and self._spaced(ctx, i - 2, i - 1):
            got = phrase_ending(i - 2)
            if got and got[1] == "approx":
                return got[0], True, False, prev
        return i, False, False, prev

    def _suffix_approx(self, ctx: _Ctx, j: int) -> int:
        """Approximation after the number ("100 с лишним", "100+"): index after the suffix, or j."""
        toks = ctx.toks
        if j < ctx.n and toks[j].text == "+" and self._glued(ctx, j - 1, j):
            if self._glued(ctx, j, j + 1) and toks[j + 1].kind == NUM:
                return j  # "4+64 ГБ" is two sizes, not "4 or more"
            return j + 1
        if j >= ctx.n or toks[j].low not in self._suffix_first:
            return j
        for size in (2, 1):
            if j + size <= ctx.n and all(self._spaced(ctx, x - 1, x) for x in range(j, j + size)):
                if tuple(t.low for t in toks[j : j + size]) in self.suffixes:
                    return j + size
        return j

    def _number_at(self, ctx: _Ctx, k: int) -> tuple[_Num, _Unit | None] | None:
        """A number (with an optional currency sign) at token k, for range ends."""
        cur = self._currency_prefix(ctx, k)
        if cur:
            num = self._number(ctx, cur[1], True)
            return (num, cur[0]) if num else None
        num = self._number(ctx, k)
        return (num, None) if num else None

    def _parse_at(self, ctx: _Ctx, i: int, floor: int, last: _Cand | None) -> tuple[list[_Cand], int] | None:
        toks = ctx.toks
        t = toks[i]
        cur_u: _Unit | None = None
        k = i
        if t.kind != NUM:
            got = self._currency_prefix(ctx, i)
            if got:
                cur_u, k = got
            elif t.kind != WORD or (t.low not in self.numerals and "-" not in t.low):
                return None
        num = self._number(ctx, k, cur_u is not None)
        if num is None:
            return None
        i0, approx, frm, prev = self._approx_before(ctx, i, floor)
        approx = approx or num.vague
        model_ctx = num.digits and cur_u is None and self._latin_before(ctx, k)
        cand = _Cand(i0, k, num.j, num.j, num, num.value, None, approx, None, None, prev=prev)
        cand.prefix_cur = cur_u is not None
        if num.ordinal or num.dotted or num.glued_code:
            return [cand], num.j
        j = num.j
        if num.ratio:
            return self._ratio(ctx, cand, j), cand.j
        # ranges and suffixes
        j2 = self._suffix_approx(ctx, j)
        if j2 != j:
            cand.approx, j = True, j2
            # "100 с лишним миллионов": the multiplier comes after the suffix
            while j < ctx.n and self._spaced(ctx, j - 1, j):
                got = self._mult_at(ctx, j)
                if got is None:
                    break
                num.value, num.mult, num.mode, num.alt = num.value * got[0], num.mult * got[0], "many", None
                cand.value, j = num.value, got[2]
        second: _Num | None = None
        if num.alt is not None and not num.digits:
            cand.max = num.alt * num.mult
            cand.value = num.raw * num.mult
        elif not model_ctx and j < ctx.n:
            second, j = self._range(ctx, cand, j, frm)
        if frm and second is None and cand.max is None:
            cand.approx = True  # "от четырёх зарплат": a lower bound
        mode = second.mode if second else num.mode
        # dimensions "172.1 х 75 х 9.5 мм", "4/64 ГБ", "320 на 160 пикселей"
        if second is None and not model_ctx and num.digits and cur_u is None:
            dims = self._dims(ctx, cand, j)
            if dims:
                return dims
        if cur_u is not None:
            u: _Unit | None = cur_u
            r = None
        else:
            probe = _Num(
                num.value,
                num.i,
                j,
                mode,
                digits=num.digits and (second is None or second.digits),
                mult=(second or num).mult,
                vague=num.vague,
            )
            r = self._unit(ctx, j, probe)
            u = r["u"] if r else None
        if r:
            cand.j = r["j"]
            cand.unit_tok = r["tok"]
            cand.inner = r.get("inner", -1)
            if r.get("quoted") and i0 > 0 and toks[i0 - 1].text in _OPEN_QUOTES and self._glued(ctx, i0 - 1, i0):
                cand.i0 = i0 - 1
        else:
            cand.j = j
        if u is None:
            return self._bare(ctx, cand, floor, last)
        self._set_unit(ctx, cand, u, second)
        # "от 5% до 10%": a range whose ends both carry the unit
        if frm and second is None and cand.max is None and cand.j < ctx.n and toks[cand.j].low == "до":
            self._range_after_unit(ctx, cand)
        return [cand], cand.j

    def _set_unit(self, ctx: _Ctx, cand: _Cand, u: _Unit, second: _Num | None) -> None:
        num = cand.num
        cand.unit, cand.kind = u.unit, u.kind
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

    def _comparative_after(self, ctx: _Ctx, j: int) -> int | None:
        if j < ctx.n and self._spaced(ctx, j - 1, j) and ctx.toks[j].kind == WORD:
            t = ctx.toks[j]
            if t.low in _COMPARATIVES or any(p.tag.POS == "COMP" for p in parse(t.text)):
                return j + 1
        return None

    def _ratio(self, ctx: _Ctx, cand: _Cand, j: int) -> list[_Cand]:
        """Ratio adverbs: "вдвое больше", "минимум вдвое дороже"."""
        cand.unit, cand.kind = "раз", RATIO
        after = self._comparative_after(ctx, j)
        cand.j = after if after is not None else j
        return [cand]

    def _range(self, ctx: _Ctx, cand: _Cand, j: int, frm: bool) -> tuple[_Num | None, int]:
        """Ranges "5–10 млрд", "$5-7 млн", "от 5 до 10 тысяч": fills cand.value/max."""
        toks = ctx.toks
        num = cand.num
        t = toks[j]
        if t.text in _DASHES:
            # an em dash with spaces is punctuation ("на 5% — до 210 долларов")
            if t.text == "—" and not (self._glued(ctx, j - 1, j) and self._glued(ctx, j, j + 1)):
                return None, j
            if not (self._glued(ctx, j - 1, j) or self._spaced(ctx, j - 1, j)):
                return None, j
        elif not (frm and t.low == "до" and self._spaced(ctx, j - 1, j)):
            return None, j
        if not (self._glued(ctx, j, j + 1) or self._spaced(ctx, j, j + 1)):
            return None, j
        got = self._number_at(ctx, j + 1)
        if got is None:
            return None, j
        second, cur2 = got
        if second.digits != num.digits or second.ordinal or second.dotted or second.glued_code:
            return None, j
        if num.mult != 1 and second.mult == 1:
            return None, j
        lo = num.value
        if num.mult == 1 and second.mult != 1 and num.raw * second.mult <= second.value:
            lo = num.raw * second.mult
        if lo > second.value:
            return None, j
        cand.value, cand.max = lo, second.value
        cand.nj = second.j
        return second, second.j

    def _range_after_unit(self, ctx: _Ctx, cand: _Cand) -> None:
        j = cand.j
        if not self._spaced(ctx, j, j + 1):
            return
        got = self._number_at(ctx, j + 1)
        if got is None:
            return
        second, cur2 = got
        probe = second
        r = None if cur2 else self._unit(ctx, second.j, probe)
        u = cur2 or (r["u"] if r else None)
        if u is None or u.unit != cand.unit or second.value < cand.value:
            return
        cand.max = second.value * u.factor
        cand.approx = False
        cand.j = r["j"] if r else second.j

    def _dims(self, ctx: _Ctx, cand: _Cand, j: int) -> tuple[list[_Cand], int] | None:
        """Dimensions "172.1 х 75 х 9.5 мм", "4/64 Gb", "320 на 160 пикселей": each number gets the
        measure unit; without a measure unit these are not dimensions."""
        toks = ctx.toks
        nums = [cand.num]
        while j + 1 < ctx.n:
            t = toks[j]
            sep_ok = (t.low in _DIM_SEPS or t.text in "/+" or t.low == "на") and (
                self._glued(ctx, j - 1, j) or self._spaced(ctx, j - 1, j)
            )
            if not sep_ok or toks[j + 1].kind != NUM:
                break
            if not (self._glued(ctx, j, j + 1) or self._spaced(ctx, j, j + 1)):
                break
            if t.low == "на" and len(nums) > 1:
                break
            nxt = self._digits(ctx, j + 1, False)
            if nxt.dotted or nxt.ordinal or nxt.glued_code or nxt.mult != 1:
                break
            nums.append(nxt)
            j = nxt.j
        if len(nums) < 2 or (nums[0].value == 1 and toks[nums[0].j].text == "/"):
            return None  # "1/2,3 дюйма" is a sensor format, not two sizes
        r = self._unit(ctx, j, nums[-1])
        if r is None or r["u"].kind != MEASURE:
            return None
        out = []
        for n in nums:
            c = _Cand(
                cand.i0 if n is cand.num else n.i,
                n.i,
                n.j,
                r["j"],
                n,
                n.value,
                None,
                cand.approx,
                r["u"].unit,
                MEASURE,
                unit_tok=r["tok"],
                prev=cand.prev if n is cand.num else "",
            )
            c.dims = True
            out.append(c)
        return out, r["j"]

    def _bare(self, ctx: _Ctx, cand: _Cand, floor: int, last: _Cand | None) -> tuple[list[_Cand], int]:
        """A number without a unit may share one with a neighbour:
        "5 стеков ... из 6", "с 5 до 10%", "2 или 3 раза", "3 из 10 пользователей"."""
        toks = ctx.toks
        j = cand.j
        # backwards: "... 5 стеков памяти HBM3 из 6"
        if cand.prev == "из" and last is not None and last.kind == COUNT and cand.i0 == cand.k:
            gap = toks[last.j : cand.k - 1]
            if len(gap) <= 4 and not any(t.text in _SENT_END or t.kind == GAP for t in gap):
                if "\n" not in ctx.text[toks[last.j - 1].stop : toks[cand.k].start]:
                    cand.unit, cand.kind = last.unit, last.kind
                    return [cand], j
        # forwards: the connector, then a full quantity
        if j + 1 < ctx.n and self._spaced(ctx, j - 1, j) and toks[j].low in ("из", "или", "и", "до"):
            if toks[j].low == "до" and cand.prev not in ("с", "со"):
                return [cand], j
            res = self._parse_at(ctx, j + 1, j + 1, None)
            if res and res[0] and res[0][0].unit is not None and res[0][0].i0 == j + 1:
                other = res[0][0]
                cand.unit, cand.kind = other.unit, other.kind
                if toks[j].low != "из" and cand.num.mult == 1 and other.num.mult != 1:
                    cand.value = cand.num.raw * other.num.mult
                if cand.num.alt is not None and other.kind in (COUNT, MONEY):
                    cand.value = cand.num.alt
                return [cand, *res[0]], res[1]
        return [cand], j

    # -- public ----------------------------------------------------------------

    def find(self, text: str, skip: Sequence[tuple[int, int]] = ()) -> list[Quantity]:
        """Quantities in `text`, in text order; `skip` spans (e.g. hardware names) are left alone."""
        ctx = _Ctx(text, self._tokenize(text, skip))
        out: list[Quantity] = []
        i = floor = 0
        last: _Cand | None = None
        toks = ctx.toks
        while i < ctx.n:
            t = toks[i]
            if not (
                t.kind == NUM
                or t.text[:1] in self._pre_first
                or (
                    t.kind == WORD
                    and (t.low in self.numerals or ("-" in t.low and t.low.split("-", 1)[0] in self.numerals))
                )
            ):
                i += 1
                continue
            res = self._parse_at(ctx, i, floor, last)
            if res is None:
                i += 1
                continue
            cands, resume = res
            kept = False
            for c in cands:
                if any(rule(self, ctx, c) for rule in RULES):
                    continue
                kept = True
                last = c
                s, e = toks[c.i0].start, toks[c.j - 1].stop
                out.append(
                    Quantity(
                        text=text[s:e],
                        value=float(c.value),
                        unit=c.unit or "",
                        kind=c.kind or COUNT,
                        start=s,
                        stop=e,
                        max=c.max,
                        approx=c.approx,
                    )
                )
            first = cands[0]
            if not kept:
                nxt = first.nj  # the unit words may still start an amount
            elif first.inner >= 0:
                nxt = first.inner  # "дюжина 5-нанометровых чиплетов": read the "5-..." too
            else:
                nxt = resume
            i = max(nxt, i + 1)
            if kept:
                floor = i
        out.sort(key=lambda q: (q.start, q.stop))
        return out
