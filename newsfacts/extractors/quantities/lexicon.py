"""Everything the quantity extractor knows about words, loaded once from the data files.

numerals.tsv (number words), units.tsv (units of measure, percent, ratio),
currencies.tsv (money), approx.tsv (approximation words) and quantity_filters.tsv
(word lists of the non-quantity rules). Nothing here reads text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from ... import recache
from ...const import MONEY
from ...data import data_path, load_lines, load_rows
from ...morph import get_morph
from .text import alternation, fold, trie_regex

MULT_CLASSES = frozenset({"mult", "vague", "group"})
ADJ_ENDINGS = frozenset("ый ий ой ого его ому ему ым им ом ем ая яя ую юю ое ее ые ие ых их ыми ими".split())


@dataclass(slots=True)
class Unit:
    """A unit as the output writes it: `unit` ("ГБ", "USD", "%"), `kind`, and
    `factor` (what one written unit is worth in `unit`: "копейка" = 0.01 RUB)."""

    unit: str
    kind: str
    factor: float = 1.0
    trailer: str = ""  # a word after the unit that belongs to it ("долларов США")


def unit_spellings(units: set[str]) -> list[tuple[str, bool]]:
    """Written symbols of the given canonical units in units.tsv, as (spelling, any case):
    unit_spellings({"ГБ", "ТБ"}) gives ("ГБ", True), ("GB", True), ("Гбайт", True), ...
    For other extractors (hardware memory sizes) that must agree with this table; reads
    the file only, no morphology."""
    out = []
    for row in load_rows("units.tsv"):
        spelling, unit, _kind, match = row[:4]
        if unit in units and match in ("sym", "isym"):
            out.append((spelling, match == "isym"))
    return out


class Trigger:
    """What the regex `pattern` finds in lower-cased text, without compiling its ~2.5K-character
    trie of number words (~5 ms at start-up).

    A number word there is a whole word (``\\b`` before and after, letters only), so the regex
    used reads any word that starts as one does and looks it up; when it is none, the rest
    of the pattern (`rest`: prefixed compounds, "топ-10") decides at that place, as the
    alternation would go on to it, and else the search moves one character on.
    """

    def __init__(self, pattern: str, firsts: str, words: frozenset[str], rest: str) -> None:
        if any("ё" in w for w in words):
            raise ValueError("number words are folded: ё reads as е")
        self.pattern = pattern
        self._words = words
        heads = trie_regex(sorted({w[:3] for w in words})) or "(?!)"  # "е" also matches "ё", as in the trie
        self._find = recache.compile(rf"\d|\b(?=[{firsts}])(?:(?P<word>(?={heads})\w+)\b|{rest})")
        self._rest = recache.compile(rest)

    def finditer(self, low: str) -> Iterator[re.Match[str]]:
        pos = 0
        while (m := self._find.search(low, pos)) is not None:
            start = m.start()
            if m.lastgroup == "word" and m.group().replace("ё", "е") not in self._words:
                m = self._rest.match(low, start)
                if m is None:
                    pos = start + 1
                    continue
            yield m
            pos = m.end()


class Lexicon:
    """The five data files as lookup tables and compiled regexes."""

    def __init__(self) -> None:
        self._load_numerals()
        self._load_units()
        self._load_approx()
        self._load_filters()
        self._compile_trigger()

    def _load_numerals(self) -> None:
        morph = get_morph()
        # form -> (value, class, can be plural)
        self.numerals: dict[str, tuple[float, str, bool]] = {}
        self.mult_abbr: set[str] = set()
        self.prefixes: dict[str, float] = {}  # "двух" -> 2, the number inside "двухпроцентный"
        for word, value, cls, match in load_rows("numerals.tsv"):
            v = float(Fraction(value))  # "1/3": a third, exactly
            if cls == "prefix":
                self.prefixes[fold(word)] = v
                continue
            if match == "form":
                self.numerals[fold(word)] = (v, cls, True)
                if cls == "mult":
                    self.mult_abbr.add(fold(word))
                continue
            want = ("NOUN",) if cls in MULT_CLASSES or cls in ("pair", "frac") else ("NUMR", "ADJF")
            cands = [p for p in morph.parse(word) if p.normal_form == word and p.tag.POS in want]
            cands.sort(key=lambda p: want.index(p.tag.POS))
            if not cands:
                self.numerals[fold(word)] = (v, cls, False)
                continue
            forms: dict[str, bool] = {}
            for f in cands[0].lexeme:
                if cls == "one" and "plur" in f.tag:
                    continue  # "одни" is a pronoun ("одни из"), never 1
                w = fold(f.word)
                forms[w] = forms.get(w, False) or "plur" in f.tag
            for w, plural in forms.items():
                self.numerals.setdefault(w, (v, cls, plural))
        # where amounts can start: digits and number words; only text near them is tokenized
        words = [w for w in self.numerals if w.isalpha()]
        self._trigger_words = ({w[0] for w in words}, trie_regex(words))
        self._number_words = frozenset(words)

    def _compile_trigger(self) -> None:
        firsts, words = self._trigger_words
        # compound adjectives with a number word inside: "двухпроцентным", "восьмиядерный"
        prefixed = trie_regex(list(self.prefixes)) + "ъ?" + trie_regex(list(self.adj_units))
        self._prefixed_re = recache.compile(prefixed)  # a cheap first test for prefixed_unit
        tops = "|".join(sorted(self.top_words))
        firsts = "".join(sorted(firsts | {w[0] for w in [*self.prefixes, *self.top_words]}))
        # one first-letter lookahead rejects most positions before any trie is tried; the
        # pattern is lower case, for text.lower() (faster than a case-insensitive match)
        body = r"\d|\b(?=[" + firsts + r"])(?:(?:" + words + r")\b|" + prefixed + "|(?:" + tops + ")-\\d)"
        # the tokenizer compiles `body` case-blind for "İ" (lower() is longer)
        self.trigger_re = Trigger(body, firsts, self._number_words, prefixed + "|(?:" + tops + ")-\\d")

    def _load_units(self) -> None:
        sym: dict[str, Unit] = {}  # exact spelling
        isym: dict[str, Unit] = {}  # lower-cased spelling
        att: set[str] = set()
        self.lemma_units: dict[str, Unit] = {}
        self.adj_units: dict[str, Unit] = {}
        self.signed: set[str] = set()  # units whose value keeps a written sign ("−20 °C")
        for row in load_rows("units.tsv"):
            spelling, unit, kind, match = row[:4]
            if "signed" in row[4:]:
                self.signed.add(unit)
            u = Unit(unit, kind)
            if match == "lemma":
                self.lemma_units[fold(spelling)] = u
            elif match == "adj":
                self.adj_units[fold(spelling)] = u
            elif match == "isym":
                isym[spelling.lower()] = u
            else:
                sym[spelling] = u
                if match == "att":
                    att.add(spelling)
        self.currency_lemmas: dict[str, Unit] = {}
        pre: dict[str, Unit] = {}
        for row in load_rows("currencies.tsv"):
            spelling, code, match = row[:3]
            factor = float(row[3]) if len(row) > 3 and row[3] else 1.0
            trailer = fold(row[4]) if len(row) > 4 else ""
            u = Unit(code, MONEY, factor, trailer)
            if match == "lemma":
                self.currency_lemmas[fold(spelling)] = u
                continue
            if "pre" in match:
                pre[spelling] = u
            if "post" in match:
                sym[spelling] = u
        self.sym, self.isym, self.att = sym, isym, att
        # a unit must not run on into a word: "м" is not the start of "млн"
        self.unit_re = recache.compile(f"(?:{alternation(list(sym))}|{alternation(list(isym), 'i')})(?![^\\W_])")
        self.pre = pre
        self.pre_re = recache.compile(f"{alternation(list(pre))}(?=[\\s\u00a0\u2009\u202f]?\\d)")
        self.pre_first = frozenset(w[0] for w in pre)

    def _load_approx(self) -> None:
        self.approx: dict[tuple[str, ...], str] = {}
        self.preps: set[str] = set()
        self.compare_words: set[str] = set()
        self.suffixes: dict[tuple[str, ...], str] = {}
        for phrase, typ in load_rows("approx.tsv"):
            key = tuple(phrase.split())
            if typ == "prep":
                self.preps.add(phrase)
            elif typ == "compare":
                self.compare_words.add(phrase)
            elif typ == "suffix":
                self.suffixes[key] = typ
            else:
                self.approx[key] = typ
        self.approx_max = max(len(k) for k in self.approx)
        self.approx_last = frozenset(k[-1] for k in self.approx)
        self.suffix_first = frozenset(k[0] for k in self.suffixes)

    def _load_filters(self) -> None:
        filters: dict[str, set[str]] = {}
        for row in load_rows("quantity_filters.tsv"):
            filters.setdefault(row[0], set()).add(row[1])

        def words(name: str) -> frozenset[str]:
            return frozenset(fold(w) for w in filters.get(name, ()))

        self.months = words("month")
        self.year_abbr = words("year_abbr")
        self.day_parts = words("day_part")
        self.ordinal_suffixes = words("ordinal_suffix")
        self.cardinal_suffixes = words("cardinal_suffix")
        # one list of model suffixes for hardware and quantities: model_suffixes.txt once the
        # hardware side ships it, the rows here until then
        if data_path("model_suffixes.txt").exists():
            # "SPELLING<TAB>CANONICAL" lines; a suffix of several words is known by its first
            self.model_suffixes = frozenset(
                fold(line.split("\t")[0].split()[0]) for line in load_lines("model_suffixes.txt")
            ) | words("model_suffix")
        else:
            self.model_suffixes = words("model_suffix")
        self.version_words = words("version_word")
        self.address_words = words("address_word")
        self.rank_nouns = words("rank_noun")
        self.drop_adjectives = words("drop_adjective")
        self.frac_nouns = words("frac_noun")
        self.yen_cues = tuple(words("yen_cue"))
        self.yuan_cues = tuple(words("yuan_cue"))
        self.top_words = words("top_word")
        self.top_unit = next(iter(words("top_unit")), "место")
        self.not_prefixed = tuple(words("not_prefixed"))
        self.one_focus = words("one_focus")

    def numeral_start(self, low: str) -> bool:
        """Whether a lower-cased word can start a number ("пять", "пяти-шести")."""
        return low in self.numerals or ("-" in low and low.split("-", 1)[0] in self.numerals)

    def adj_unit(self, low: str) -> Unit | None:
        """Unit of a compound adjective: "нанометровых" -> нм, "ваттной" -> Вт, "канальный" -> канал."""
        for n in range(min(len(low) - 2, 14), 2, -1):
            u = self.adj_units.get(low[:n])
            if u is not None and low[n:] in ADJ_ENDINGS:
                return u
        return None

    def prefixed_unit(self, low: str) -> tuple[float, Unit] | None:
        """A number word inside a compound adjective: "двухпроцентным" -> (2, %),
        "восьмиядерный" -> (8, ядро), "пятикратный" -> (5, раз)."""
        if not self._prefixed_re.match(low) or low.startswith(self.not_prefixed):
            return None
        for n in range(min(len(low) - 4, 20), 2, -1):
            v = self.prefixes.get(low[:n])
            if v is None:
                continue
            rest = low[n + 1 :] if low[n : n + 1] == "ъ" else low[n:]
            u = self.adj_unit(rest)
            if u is not None:
                return v, u
        return None
