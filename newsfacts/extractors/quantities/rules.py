"""RULES: each tests one condition under which a candidate is NOT a quantity.

A candidate that any rule fires on is dropped. Each rule has a test case that
only it decides (tests/test_quantity_rules.py).
"""

from __future__ import annotations

from collections.abc import Callable

from ...const import COUNT, MEASURE, MONEY, PERCENT, RATIO
from ...morph import known
from .grammar import Cand
from .lexicon import Lexicon
from .numbers import MAX_VALUE
from .phrases import parses
from .text import has_cyrillic, has_latin
from .tokens import NUM, SYM, WORD, Ctx


def is_out_of_range(lex: Lexicon, ctx: Ctx, c: Cand) -> bool:
    """Digit runs and chains no amount is written with ("9" × 400, a hundred 3-digit groups):
    a value that is not finite or beyond MAX_VALUE is not a quantity."""
    if c.num.overlong:
        return True
    # written as comparisons, which NaN fails too: the rule runs on every candidate
    if not -MAX_VALUE <= c.value <= MAX_VALUE:
        return True
    return c.max is not None and not -MAX_VALUE <= c.max <= MAX_VALUE


def is_glued_code(lex: Lexicon, ctx: Ctx, c: Cand) -> bool:
    """Digits glued to letters or signs: "765G", "4E8", "%20", "_5" belong to codes."""
    if c.num.glued_code:
        return True
    toks, k = ctx.toks, c.k
    if c.prefix_cur or k == 0:
        return False
    p = toks[k - 1]
    return p.stop == toks[k].start and p.kind == SYM and p.text in "%_=&@\\#^"


def is_version(lex: Lexicon, ctx: Ctx, c: Cand) -> bool:
    """Versions and dotted codes: "1.2.3", "iOS 17.2", "версии 2.0", "PCI Express 5.0"."""
    if c.num.dotted:
        return True
    return c.kind in (COUNT, None) and c.prev in lex.version_words


def is_ordinal(lex: Lexicon, ctx: Ctx, c: Cand) -> bool:
    """Ordinals written with digits: "5-й", "3-го", "в 90-х"."""
    return c.num.ordinal


def is_date(lex: Lexicon, ctx: Ctx, c: Cand) -> bool:
    """A day before a month name: "29 октября", "1-2 мая", "20 и 23 апреля" (the 20 borrows the month)."""
    if c.kind != COUNT:
        return False
    if c.unit_tok < 0:
        return c.unit in lex.months
    t = ctx.toks[c.unit_tok]
    return any(p.normal_form in lex.months for p in parses(t.low) if p.tag.POS == "NOUN") or (t.low in lex.months)


def is_time_of_day(lex: Lexicon, ctx: Ctx, c: Cand) -> bool:
    """Times of day: "в 5 часов утра", "в 11 вечера"; "14:30" and "18:9" (a number next to a colon)."""
    toks, k, nj = ctx.toks, c.k, c.nj
    if k > 0 and toks[k - 1].text == ":" and toks[k - 1].stop == toks[k].start:
        return True
    if nj < ctx.n and toks[nj].text == ":" and toks[nj - 1].stop == toks[nj].start:
        return nj + 1 < ctx.n and toks[nj + 1].kind == NUM
    if c.unit == "час" and c.j < ctx.n and toks[c.j].sp:
        return toks[c.j].low in lex.day_parts
    # "в 11 вечера": the day part itself read as what is counted ("3 дня" stays a duration)
    return c.kind == COUNT and c.unit_tok >= 0 and toks[c.unit_tok].low in lex.day_parts


def is_year(lex: Lexicon, ctx: Ctx, c: Cand) -> bool:
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
    if c.unit_tok >= 0 and ctx.toks[c.unit_tok].low in lex.year_abbr:
        return True
    # "2000 лет" is a duration; "2023 году", "2020–2022 годах", "в 2013 и 2018 годы" are years
    if c.unit != "год":
        return False
    return c.max is not None or c.unit_tok < 0 or ctx.toks[c.unit_tok].low != "лет"


def is_model_number(lex: Lexicon, ctx: Ctx, c: Cand) -> bool:
    """A number after a Latin product name ("RTX 4090", "iPhone 15", "Zen 4") or
    before a model suffix ("Mi 10 Pro"), unless it carries a real unit ("DDR5 6400 МГц")."""
    if c.kind in (MONEY, PERCENT, MEASURE, RATIO) or c.prefix_cur:
        return False
    if c.num.j - c.num.i > 1:
        return False  # "11 622", "10 тыс." are written amounts, not designations
    toks, k = ctx.toks, c.k
    if k > 0 and c.i0 == k:
        p = toks[k - 1]
        if p.kind == WORD and has_latin(p.text) and not has_cyrillic(p.text):
            return True
    if c.nj < ctx.n:
        t = toks[c.nj]
        if t.kind == WORD and t.low in lex.model_suffixes and not has_cyrillic(t.text):
            return True
    return False


def is_fraction_or_path(lex: Lexicon, ctx: Ctx, c: Cand) -> bool:
    """Fractions and f-numbers: "1/3 рынка", "F/1.8", "1/1,3 дюйма" (an optical format): a number glued after
    a slash is not an amount, unless it is one of the dimensions "4/64 ГБ"."""
    toks, k = ctx.toks, c.k
    if c.dims or k < 2:
        return False
    p = toks[k - 1]
    return p.text in "/\\" and p.stop == toks[k].start and toks[k - 2].stop == p.start


def is_rank(lex: Lexicon, ctx: Ctx, c: Cand) -> bool:
    """Places in a ranking written with digits: "занял 1 место", "на 1 месте"."""
    if c.kind != COUNT or c.unit not in lex.rank_nouns or c.unit_tok < 0:
        return False
    ps = parses(ctx.toks[c.unit_tok].text)
    if not ps:
        return False
    tag = ps[0].tag
    return "sing" in tag and "gent" not in tag


def is_ordinal_by_agreement(lex: Lexicon, ctx: Ctx, c: Cand) -> bool:
    """A whole number of the "five" kind before a noun in the genitive singular only: "в течение
    15 недели", "к 25 числу" name the fifteenth week, not fifteen weeks ("15 недель")."""
    if c.num.mode != "many" or not c.num.digits or c.num.mult != 1 or c.max is not None or c.unit_tok < 0:
        return False
    t = ctx.toks[c.unit_tok]
    if c.unit_tok != c.num.j or t.kind != WORD or not has_cyrillic(t.text) or t.text != t.low:
        return False  # the noun right after the digits, written as a word ("15 ГБ" is a unit)
    found = [p for p in parses(t.text) if p.tag.POS == "NOUN"]
    # a dictionary word only: "терафлопс" is a guess that would read as a singular
    if not found or not known(t.low) or any(p.tag.number == "plur" and p.tag.case == "gent" for p in found):
        return False
    oblique = [p for p in found if p.tag.case in ("gent", "datv", "loct", "ablt")]
    return bool(oblique) and all(p.tag.number == "sing" for p in oblique)


def is_address(lex: Lexicon, ctx: Ctx, c: Cand) -> bool:
    """House numbers: "на Московской улице, 36", "ул. Ленина, д. 5"."""
    if c.kind not in (COUNT, None):
        return False
    for t in ctx.toks[max(0, c.i0 - 4) : c.i0]:
        if t.low in lex.address_words:
            return True
    return False


def is_negated(lex: Lexicon, ctx: Ctx, c: Cand) -> bool:
    """Negation: "ни одной копейки" means none."""
    return c.prev == "ни"


def is_indefinite_one(lex: Lexicon, ctx: Ctx, c: Cand) -> bool:
    """Pronoun "один": "одна компания заявила", "одного и того же". It counts after a focus
    word ("всего один сервер") and before a Latin designation, as in specs ("один порт USB-C")."""
    if not (c.num.one and c.kind == COUNT):
        return False
    if c.prev in lex.one_focus:
        return False
    if c.j < ctx.n and ctx.toks[c.j].sp and _designation(ctx.toks[c.j].text):
        return False
    return True


def _designation(word: str) -> bool:
    """A Latin interface or part name, not a company: "USB-C", "HDMI", "M2", "SIM" (not "Apple")."""
    if not has_latin(word) or has_cyrillic(word):
        return False
    return "-" in word or any(ch.isdigit() for ch in word) or (word.isupper() and len(word) <= 4)


def is_adjective_count(lex: Lexicon, ctx: Ctx, c: Cand) -> bool:
    """A count of an adjective with its noun left out: "пять наград, среди них две новые"
    counts nothing a reader can name (the noun "новое" is pymorphy's second reading; a
    counted person, "двое учёных", is a masculine noun and stays)."""
    if c.kind != COUNT or c.unit_tok < 0 or c.unit_tok != c.j - 1:
        return False
    found = parses(ctx.toks[c.unit_tok].text)
    if not found or found[0].tag.POS != "ADJF":
        return False
    nouns = [p.normal_form for p in found if p.tag.POS == "NOUN"]
    # no noun reading at all: a compound adjective that carries its unit ("12-канальный")
    return bool(nouns) and all(n.endswith(("ое", "ее")) for n in nouns)


def is_unitless(lex: Lexicon, ctx: Ctx, c: Cand) -> bool:
    """A bare number says nothing a user can act on ("Mi Band 5", list numbers)."""
    return c.unit is None


Rule = Callable[[Lexicon, Ctx, Cand], bool]
# Any rule that fires drops the candidate, so the order changes no outcome; it puts
# the cheap and frequent tests first (most candidates are bare numbers).
RULES: list[Rule] = [
    is_unitless,
    is_out_of_range,
    is_glued_code,
    is_version,
    is_ordinal,
    is_date,
    is_time_of_day,
    is_year,
    is_model_number,
    is_fraction_or_path,
    is_rank,
    is_ordinal_by_agreement,
    is_address,
    is_negated,
    is_indefinite_one,
    is_adjective_count,
]
