"""The HARDWARE lexicon compiler: data files in, patterns the matcher asks for out.

Reads ``data/hardware.tsv`` (families, cues, vetoes, aliases),
``data/hardware_vendors.tsv`` (makers: spellings and the kinds of hardware each
makes), ``data/model_suffixes.txt`` (Pro, Max, Ultra ...) and the measure units
of ``data/units.tsv``. Nothing here looks at a document.

Compiling every pattern up front cost ~90 ms at start-up, so patterns are built
on first need: one regex per first two characters of the text ("what can start
with `Ra`", `Dispatch`), per row, per cue class. A lexicon is loaded once per process.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .. import recache
from ..data import load_lines, load_rows
from .refirst import ANY, first_chars, prefixes

DATA_FILE = "hardware.tsv"
VENDOR_FILE = "hardware_vendors.tsv"
SUFFIX_FILE = "model_suffixes.txt"
UNITS_FILE = "units.tsv"
FILTERS_FILE = "quantity_filters.tsv"

# Cyrillic letters that look like Latin ones. Text and patterns are both folded
# with this length-preserving table, so a model code typed with a Cyrillic "Н"
# or "С" still matches, and Russian words in patterns still match themselves.
_CYR = "АВЕКМНОРСТХУавекмнорстху"
_LAT = "ABEKMHOPCTXYabekmhopctxy"
_FOLD = str.maketrans(_CYR, _LAT)
LAT_TO_CYR_UPPER = dict(zip(_LAT[:12], _CYR[:12], strict=True))
# The same fold for whole texts, through a 256-byte table (str.translate with a dict
# costs ~0.4 ms an article). Characters cp1251 lacks become one "?" each, so offsets
# hold; they are never part of a model name.
_FOLD_BYTES = bytes.maketrans(_CYR.encode("cp1251"), _LAT.encode("cp1251"))

HSPACE = r"[^\S\n]"
_MACRO_RE = recache.compile(r"\{([A-Z][A-Z0-9_]*)\}")
# A capturing group in a data pattern (an unescaped "(" not followed by "?").
_CAPTURE_RE = recache.compile(r"(?<!\\)\((?!\?)")
_CONTEXTS = frozenset({"strong", "cue", "near", "vendor"})
_SHAPES = frozenset({"words", "code"})
# Between a hardware noun and the model, for the `near` context: at most one word
# ("ускорители NVIDIA L4", "чипом A15").
_NEAR_GAP = r"\W{1,3}(?:\w+\W{1,3})?$"
# The mention ends at a word boundary, not inside "H100-2", "A4.5" or "S24+x".
END = r"(?![\w+]|[.,]\d|-\d)"
# Which cue class is evidence for which category.
_CUE_CLASS = {
    "device": "device",
    "console": "device",
    "storage": "storage",
    "memory": "memory",
    "motherboard": "board",
    "chipset": "board",
}


def fold(s: str) -> str:
    return s.translate(_FOLD)


def fold_text(s: str) -> str:
    return s.encode("cp1251", "replace").translate(_FOLD_BYTES).decode("cp1251")


def is_cyrillic(c: str) -> bool:
    return "\u0400" <= c <= "\u04ff"


def cue_class(category: str) -> str:
    return _CUE_CLASS.get(category, "chip")


@dataclass(frozen=True, slots=True)
class Row:
    index: int
    vendor: str
    category: str
    context: str
    family: str  # canonical family written before the code ("GeForce RTX"), "" for none
    joiner: str  # " ", or "" for a family given as "Эльбрус-"
    family_re: str  # folded, "" for none
    code_re: str  # folded
    raw: str  # unfolded family+code pattern, for the first-character gate
    fold: re.Pattern[str] | None
    bare_re: str
    script: str


@dataclass(frozen=True, slots=True)
class Maker:
    """A hardware maker (or a maker's sub-brand) and the kinds of hardware it makes."""

    index: int
    name: str  # canonical spelling: the ORG normal
    vendor: str  # the HARDWARE vendor: `name`, or the owner of a sub-brand ("Black Shark" -> Xiaomi)
    spell: str  # folded regex
    kinds: tuple[str, ...]  # categories, most usual first; () = only the family rows count
    shape: str  # "words": Legion 5, Fury Beast; "code": only a glued code (Intel Z790)
    brand: bool  # a sub-brand: its word is part of the model ("Black Shark 2 Pro")


class Lexicon:
    """Every pattern of the HARDWARE extractor, compiled on first use."""

    def __init__(self) -> None:
        macros: dict[str, str] = {}
        cues: dict[str, list[str]] = {}
        vetoes: list[str] = []
        afters: list[str] = []
        notwords: list[str] = []
        self.canon: dict[str, str] = {}
        self.aliases: list[tuple[re.Pattern[str], str]] = []
        self.suffixes = _load_suffixes(self.canon)
        macros["PH"] = "(?:" + "|".join(_suffix_re(s) for s in self.suffixes) + ")"
        macros["UNIT"] = _unit_words()
        macros["ORDINAL"] = _ordinal_endings()
        raw_rows: list[list[str]] = []
        for cols in load_rows(DATA_FILE):
            head = cols[0]
            if head == "@macro":
                macros[cols[1]] = cols[2]
            elif head == "@cue":
                cues.setdefault(cols[1], []).append(cols[2])
            elif head == "@veto":
                vetoes.append(cols[1])
            elif head == "@after":
                afters.append(cols[1])
            elif head == "@notword":
                notwords.append(cols[1])
            elif head == "@canon":
                self.canon[cols[1].lower()] = cols[2]
            elif head == "@alias":
                repl = cols[2] if len(cols) > 2 else ""
                self.aliases.append((recache.compile(expand(cols[1], macros), re.I), repl))
            else:
                raw_rows.append(cols)
        self.macros = macros
        self._cues = cues
        self._vetoes = vetoes
        self._afters = afters
        self._notwords = notwords

        gate: set[str] = set()  # characters (of the text as written) a mention may start with
        self.makers: list[Maker] = []
        self.maker_by_name: dict[str, Maker] = {}
        maker_buckets: dict[str, list[tuple[str, Maker]]] = {}
        self._maker_raw: dict[str, str] = {}  # unfolded spellings, for the first-character gate
        for cols in load_rows(VENDOR_FILE):
            self._maker_raw.setdefault(cols[0], expand(cols[1], macros))
            maker = self._make_maker(len(self.makers), cols)
            self.makers.append(maker)
            self.maker_by_name.setdefault(maker.name, maker)
            for c in lower_set(_first_set(maker.spell), f"{VENDOR_FILE}: {maker.name}"):
                maker_buckets.setdefault(c, []).append((f"(?P<V{maker.index}>{maker.spell})", maker))
            _add_gate(gate, _first_set(expand(cols[1], macros), cased=True), f"{VENDOR_FILE}: {maker.name}")
        self._maker_alts = maker_buckets

        rows: list[Row] = []
        folds: list[str] = []
        for cols in raw_rows:
            rows.append(self._make_row(len(rows), cols, folds))
            _add_gate(gate, _first_set(rows[-1].raw, cased=True), f"{DATA_FILE}: {' | '.join(cols[:6])}")
        self.rows = rows
        self._fold_alts = "|".join(dict.fromkeys(folds)) or "(?!)"
        self.fold_first = lower_set(_first_set(self._fold_alts))
        for f in folds:
            _add_gate(gate, _first_set(f, cased=True), f"{DATA_FILE}: fold {f}")

        # Dispatch on the first character: a word start is only tried against the
        # rows that can begin with its (folded, lower-cased) character, and the gate
        # skips in C every word start no maker, architecture word or row can begin.
        self.bucket_rows: dict[str, list[Row]] = {}
        for row in rows:
            for c in lower_set(_first_set(self.row_body(row)), f"{DATA_FILE}: {row.code_re}"):
                self.bucket_rows.setdefault(c, []).append(row)
        self.gate = recache.compile(f"[{''.join(sorted(re.escape(c) for c in gate))}](?<![\\w\\-].)")
        self._family_res: dict[str, re.Pattern[str] | None] = {}
        self._row_res: dict[int, re.Pattern[str]] = {}
        self._bare_res: dict[int, re.Pattern[str]] = {}
        self._cont_res: dict[int, re.Pattern[str]] = {}
        self._spell_res: dict[str, re.Pattern[str]] = {}
        self._maker_words: dict[str, bool] = {}

    # ---- loading -------------------------------------------------------------------------

    def rx(self, pattern: str) -> str:
        return fold(expand(pattern, self.macros))

    def _make_maker(self, index: int, cols: list[str]) -> Maker:
        where = f"{VENDOR_FILE}: {' | '.join(cols)}"
        if len(cols) < 3:
            raise ValueError(f"{where}: need name, spellings, kinds")
        name, spell, kinds = cols[0], self.rx(cols[1]), cols[2]
        opts = dict(c.split("=", 1) for c in cols[3:] if "=" in c)
        shape = opts.get("shape", "words")
        if shape not in _SHAPES:
            raise ValueError(f"{where}: bad shape {shape!r}")
        owner = opts.get("owner", name)
        return Maker(index, name, owner, spell, () if kinds == "-" else tuple(kinds.split(",")), shape, "owner" in opts)

    def _make_row(self, index: int, cols: list[str], folds: list[str]) -> Row:
        where = f"{DATA_FILE}: {' | '.join(cols)}"
        if len(cols) < 6:
            raise ValueError(f"{where}: need 6 columns, got {cols!r}")
        vendor, category, context, family, family_re, code_re = cols[:6]
        if vendor not in self.maker_by_name:
            raise ValueError(f"{where}: unknown vendor {vendor!r}")
        if context not in _CONTEXTS:
            raise ValueError(f"{where}: bad context {context!r}")
        opts = dict(c.split("=", 1) for c in cols[6:] if "=" in c)
        fold_pat = None
        if "fold" in opts:
            folds.append(self.rx(opts["fold"]))
            fold_pat = recache.compile(folds[-1], re.I)
        family = "" if family == "-" else family
        fam_raw = "" if family_re == "-" else expand(family_re, self.macros)
        code_raw = expand(code_re, self.macros)
        if _CAPTURE_RE.search(fam_raw) or _CAPTURE_RE.search(code_raw):
            raise ValueError(f"{where}: use (?:...) groups only")
        raw = join(fam_raw, code_raw)
        if context == "vendor":
            raw = self._maker_raw[vendor]
        return Row(
            index,
            vendor,
            category,
            context,
            family,
            "" if family.endswith("-") else " ",
            fold(fam_raw),
            fold(code_raw),
            raw,
            fold_pat,
            self.rx(opts["bare"]) if "bare" in opts else "",
            opts.get("script", "lat"),
        )

    def row_body(self, row: Row, code_group: str | None = None) -> str:
        body = join(row.family_re, f"(?P<{code_group or f'c{row.index}'}>{row.code_re})")
        if row.context == "vendor":
            # the code means nothing alone ("14 Ultra"): the vendor word is part of the row,
            # so bare numbers are never even tried against it
            body = rf"(?:{self.maker_by_name[row.vendor].spell})(?:{HSPACE}+|-){body}"
        return body

    # ---- patterns, compiled on first need ------------------------------------------------

    _VARIANT = r"(?:(?<=\d)(?-i:[A-Z])(?![\w+]))?"

    @functools.cached_property
    def tail_ahead(self) -> str:
        """Where a row's code may end: a word end, or a glued variant letter ("4090D") and
        then one. Suffix words and memory sizes start with a space, so they need no check
        here: the rows are matched up to their code, and `tail_re` reads the rest."""
        return f"(?={self._VARIANT}{END})"

    @functools.cached_property
    def tail_re(self) -> re.Pattern[str]:
        """What may follow any row's code: a glued variant letter ("6000D", "P60T", "1S"),
        model suffixes ("855 Plus"), then memory size ("H100 80GB", not part of the model).
        Group `tail` ends the model."""
        suffix = self.macros["PH"]
        # a suffix word is not the first word of another name ("Turbo Boost")
        words = rf"(?:{HSPACE}+{suffix}(?!\w)(?!{HSPACE}+(?!{suffix}(?!\w))(?-i:[A-Z][a-z])))*"
        return recache.compile(rf"(?P<tail>{fold(self._VARIANT + words)}){self.memory}", re.I)

    @functools.cached_property
    def memory(self) -> str:
        """Memory size glued to a model ("H100 80GB"), from the GB/TB spellings of units.tsv."""
        spells = sorted(
            (re.escape(fold(c[0])) for c in load_rows(UNITS_FILE) if c[1] in ("ГБ", "ТБ") and c[3] in ("sym", "isym")),
            key=len,
            reverse=True,
        )
        return rf"(?:{HSPACE}\d{{1,4}}{HSPACE}?(?:{'|'.join(spells)}))?"

    @functools.cached_property
    def _row_dispatch(self) -> Dispatch:
        alts = {c: [(f"(?P<r{r.index}>{self.row_body(r)})", r) for r in rows] for c, rows in self.bucket_rows.items()}
        return Dispatch(alts, self.tail_ahead)

    def bucket(self, c: str) -> re.Pattern[str] | None:
        """All rows that can start with (folded, lower-cased) character `c`, as one regex."""
        return self._row_dispatch.first(c)

    def bucket_at(self, folded: str, at: int) -> re.Pattern[str] | None:
        """The rows that can start at `at` of the folded text, by its first two characters."""
        return self._row_dispatch.at(folded, at)

    def rows_at(self, folded: str, at: int) -> list[Row]:
        """The rows of `bucket_at`, in order."""
        return self._row_dispatch.keys_at(folded, at)

    def family_start(self, c: str) -> re.Pattern[str] | None:
        """Family words of the rows starting with `c`: where they stand, only the rows decide."""
        if c not in self._family_res:
            fams = [r.family_re for r in self.bucket_rows.get(c, ()) if r.family_re and r.context != "vendor"]
            self._family_res[c] = recache.compile(rf"(?:{'|'.join(fams)})(?!\w)", re.I) if fams else None
        return self._family_res[c]

    @functools.cached_property
    def _maker_dispatch(self) -> Dispatch:
        return Dispatch(self._maker_alts, r"(?!\w)")

    def maker_at(self, folded: str, pos: int) -> re.Pattern[str] | None:
        """Maker words that can start at `pos` of the folded text."""
        return self._maker_dispatch.at(folded, pos)

    def spelling(self, vendor: str) -> re.Pattern[str]:
        pat = self._spell_res.get(vendor)
        if pat is None:
            pat = self._spell_res[vendor] = recache.compile(self.maker_by_name[vendor].spell, re.I)
        return pat

    def row_re(self, row: Row) -> re.Pattern[str]:
        """One row alone, for a second opinion at one position."""
        pat = self._row_res.get(row.index)
        if pat is None:
            pat = self._row_res[row.index] = recache.compile(self.row_body(row, "c") + self.tail_ahead, re.I)
        return pat

    def bare_re(self, row: Row) -> re.Pattern[str]:
        pat = self._bare_res.get(row.index)
        if pat is None:
            source = rf"(?<![\w\-])(?P<c>{row.bare_re}){self.tail_ahead}"
            pat = self._bare_res[row.index] = recache.compile(source, re.I)
        return pat

    def cont_re(self, row: Row) -> re.Pattern[str]:
        """Codes sharing one family word: "Snapdragon 888 и 865", "RTX 4080 и 4090 Ti"."""
        pat = self._cont_res.get(row.index)
        if pat is None:
            pat = self._cont_res[row.index] = recache.compile(
                fold(rf"{HSPACE}*(?:(?:,{HSPACE}*)?(?:и|или|а|and)(?!\w)|[,/&]){HSPACE}*")
                + rf"(?P<c>{row.code_re}){self.tail_ahead}",
                re.I,
            )
        return pat

    @functools.cached_property
    def fold_re(self) -> re.Pattern[str]:
        return recache.compile(rf"(?:{self._fold_alts})(?=[^\S\n]+\w)", re.I)

    @functools.cached_property
    def cue_res(self) -> dict[str, re.Pattern[str]]:
        return {
            cls: recache.compile(rf"(?<!\w)(?:{'|'.join(self.rx(p) for p in pats)})(?!\w)", re.I)
            for cls, pats in self._cues.items()
        }

    @functools.cached_property
    def near_before(self) -> dict[str, re.Pattern[str]]:
        return {
            cls: recache.compile(rf"(?<!\w)(?:{'|'.join(self.rx(p) for p in pats)}){_NEAR_GAP}", re.I)
            for cls, pats in self._cues.items()
        }

    @functools.cached_property
    def veto(self) -> re.Pattern[str]:
        return recache.compile("|".join(self.rx(p) for p in self._vetoes), re.I)

    @functools.cached_property
    def after(self) -> re.Pattern[str]:
        return recache.compile("|".join(self.rx(p) for p in self._afters), re.I)

    @functools.cached_property
    def suffix_set(self) -> frozenset[str]:
        """Model suffixes in lower case, for the designation reader ("Pro", "про")."""
        return frozenset(s.lower() for s in self.suffixes)

    @functools.cached_property
    def _maker_full(self) -> re.Pattern[str]:
        return recache.compile("|".join(f"(?:{m.spell})" for m in self.makers if not m.brand), re.I)

    def maker_word(self, word: str) -> bool:
        """Is `word` a maker's name ("Samsung", "Asus")? Then it starts another mention.
        A sub-brand ("Aorus", "Legion") is not: it may be part of its owner's model name."""
        hit = self._maker_words.get(word)
        if hit is None:
            if len(self._maker_words) > 10_000:  # bounded: a long batch sees many words
                self._maker_words.clear()
            hit = self._maker_words[word] = self._maker_full.fullmatch(fold(word)) is not None
        return hit

    @functools.cached_property
    def notword(self) -> re.Pattern[str]:
        return recache.compile(rf"(?:{'|'.join(self._notwords)})(?![\w+])")


class Dispatch:
    """Alternatives of a regex grouped by the (folded, lower-cased) character they can start
    with, compiled on first need: per first character all of them, per pair of first
    characters only those the second one allows ("Ma" never compiles the "MX" rows).

    A regex alternation tries its alternatives in order and the first that matches wins;
    leaving out ones that cannot match at a position changes no match there. Folded text is
    cp1251, where re.IGNORECASE compares letters as lower() does (tests/test_dispatch.py).
    """

    def __init__(self, alts: dict[str, list[tuple[str, object]]], suffix: str) -> None:
        self._alts = alts  # char -> [(alternative's pattern, what it stands for)]
        self._suffix = suffix
        self._seconds: dict[str, list[frozenset[str] | None]] = {}
        self._pairs: dict[tuple[str, str], tuple[int, ...]] = {}
        self._res: dict[tuple[str, tuple[int, ...]], re.Pattern[str] | None] = {}

    def first(self, c: str) -> re.Pattern[str] | None:
        alts = self._alts.get(c)
        return self._compile(c, tuple(range(len(alts)))) if alts else None

    def at(self, text: str, pos: int) -> re.Pattern[str] | None:
        c = text[pos].lower()
        if c not in self._alts:
            return None
        return self._compile(c, self._chosen(text, pos, c))

    def keys_at(self, text: str, pos: int) -> list:
        c = text[pos].lower()
        alts = self._alts.get(c, ())
        return [alts[n][1] for n in self._chosen(text, pos, c)] if alts else []

    def _chosen(self, text: str, pos: int, c: str) -> tuple[int, ...]:
        alts = self._alts[c]
        if pos + 1 >= len(text):
            return tuple(range(len(alts)))
        key = (c, text[pos + 1].lower())
        chosen = self._pairs.get(key)
        if chosen is None:
            seconds = self._seconds.get(c)
            if seconds is None:
                seconds = self._seconds[c] = [_second_chars(prefixes(a), c) for a, _ in alts]
            chosen = self._pairs[key] = tuple(n for n, sec in enumerate(seconds) if sec is None or key[1] in sec)
        return chosen

    def _compile(self, c: str, chosen: tuple[int, ...]) -> re.Pattern[str] | None:
        key = (c, chosen)
        if key not in self._res:
            alts = self._alts[c]
            source = "(?:" + "|".join(alts[n][0] for n in chosen) + ")" + self._suffix
            self._res[key] = recache.compile(source, re.I) if chosen else None
        return self._res[key]


def _second_chars(pre: frozenset[str], c: str) -> frozenset[str] | None:
    """What may follow `c` at the start of a match with these first two characters; None: anything."""
    out: set[str] = set()
    for x in pre:
        if not x:
            return None
        if x[0] not in (c, ANY):
            continue
        if len(x) < 2 or x[1] == ANY:
            return None  # a match of one character: any character may come next
        out.add(x[1])
    return frozenset(out) if out else None  # none starts with c as lower() has it: keep it always


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The process-wide lexicon: every extractor shares one, and its compiled patterns."""
    return Lexicon()


# ---- helpers -----------------------------------------------------------------------------


def _load_suffixes(canon: dict[str, str]) -> list[str]:
    """Canonical suffixes in file order; other spellings ("про\tPro") go to `canon`."""
    out: list[str] = []
    for line in load_lines(SUFFIX_FILE):
        spelling, _, canonical = line.partition("\t")
        spelling, canonical = spelling.strip(), canonical.strip() or spelling.strip()
        canon[spelling.lower()] = canonical
        out.append(spelling)
    return out


def _suffix_re(s: str) -> str:
    return re.escape(s).replace(r"\ ", "{SP}").replace(" ", "{SP}").replace(r"\+", r"\+")


def _unit_words() -> str:
    """Measure and percent spellings of units.tsv, as written after a number ("15 мАч")."""
    spells = {
        c[0]
        for c in load_rows(UNITS_FILE)
        if c[3] in ("sym", "isym") and c[2] in ("measure", "percent") and (len(c[0]) > 1 or c[2] == "percent")
    }
    return "(?:" + "|".join(re.escape(s) for s in sorted(spells, key=len, reverse=True)) + ")"


def _ordinal_endings() -> str:
    """Endings of a number written as an ordinal ("3-го", "5-й"), from quantity_filters.tsv."""
    ends = {c[1] for c in load_rows(FILTERS_FILE) if c[0] == "ordinal_suffix" and len(c) > 1}
    return "(?:" + "|".join(sorted(ends, key=len, reverse=True)) + ")"


def expand(pattern: str, macros: dict[str, str]) -> str:
    for _ in range(10):  # macros may use macros
        new = _MACRO_RE.sub(lambda m: macros[m.group(1)], pattern)
        if new == pattern:
            return new
        pattern = new
    raise ValueError(f"macro recursion in {pattern!r}")


def join(family_re: str, code_re: str) -> str:
    if not family_re:
        return code_re
    # family and code may be glued, spaced or hyphenated: "RTX 4090", "Эльбрус-8С", "PS5"
    return rf"(?:{family_re}){HSPACE}*-?{HSPACE}*{code_re}"


def _first_set(pattern: str, cased: bool = False) -> set[str] | None:
    """The characters a match of `pattern` (case-insensitive) can start with; None: any.

    With `cased`, a Cyrillic letter keeps the case it is written in: news capitalise
    "Эльбрус", "Байкал", "Редми", so a lower-case Russian word is not worth trying
    unless the data spells the brand in lower case too ("айфон").
    """
    chars, nullable = first_chars(pattern)
    if chars is None or nullable:
        return None
    return {x for c in chars for x in ((c,) if cased and is_cyrillic(c) else (c.lower(), c.upper()))}


def lower_set(chars: set[str] | None, what: str = "") -> set[str]:
    if chars is None:
        raise ValueError(f"hardware pattern may start with any character, anchor it: {what}")
    return {c.lower() for c in chars}


def _add_gate(gate: set[str], chars: set[str] | None, what: str) -> None:
    """Gate characters for text as written: a Latin capital also admits its Cyrillic twin."""
    if chars is None:
        raise ValueError(f"hardware pattern may start with any character, anchor it: {what}")
    for c in chars:
        gate.add(c)
        if c in LAT_TO_CYR_UPPER:
            gate.add(LAT_TO_CYR_UPPER[c])
