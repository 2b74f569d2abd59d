"""Entity lexicons as data: canonical organisations, first names, places, technologies, roles.

Every lookup folds its key the same way (`fold`): lower case, ё = е, hyphens and
spaces alike, quotes and legal forms dropped ("ПАО «МТС»" = "МТС").
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import recache
from ..data import load_lines, load_rows

QUOTES = "«»\"„“”'`‘’"


@lru_cache(maxsize=50_000)
def fold(name: str) -> str:
    """The lookup key of a name."""
    name = name.lower().replace("ё", "е")
    name = "".join(" " if ch in QUOTES or ch in "-‐‑–" else ch for ch in name)
    return " ".join(name.split())


_LEGAL = sorted({fold(w).rstrip(".") for w in load_lines("legal_forms.txt")}, key=len, reverse=True)
_LEGAL_ALT = "|".join(re.escape(w) for w in _LEGAL)
# "Microsoft Corp.", "Alphabet Inc", "X5 Retail Group N.V." / "ПАО «МТС»", "ООО Яндекс"
_LEGAL_TAIL = recache.compile(rf"(?:,?\s+(?:{_LEGAL_ALT})\.?)+\s*$", re.I)
_LEGAL_HEAD = recache.compile(rf"^\s*(?:(?:{_LEGAL_ALT})\s+)+(?=\S)", re.I)


def is_legal_form(word: str) -> bool:
    return fold(word).rstrip(".") in _LEGAL_SET


_LEGAL_SET = frozenset(_LEGAL)


def strip_legal_form(name: str) -> str:
    """The name without its legal form; the name itself when nothing else is left."""
    out = _LEGAL_TAIL.sub("", name)
    out = _LEGAL_HEAD.sub("", out)
    out = out.strip(" ,")
    if len(out) > 1 and out[0] in QUOTES and out[-1] in QUOTES:
        out = out[1:-1].strip()
    return out if any(ch.isalpha() for ch in out) else name


@lru_cache(maxsize=1)
def _vendor_spellings() -> tuple[tuple[str, str], ...]:
    """Hardware vendors and their spellings (regexes, uncompiled), from the hardware lexicon's files."""
    macros: dict[str, str] = {}
    for row in load_rows("hardware.tsv"):
        if row[0] == "@macro" and len(row) >= 3:
            macros[row[1]] = row[2]

    def expand(pattern: str) -> str:
        for _ in range(5):
            pattern = re.sub(r"\{(\w+)\}", lambda m: macros.get(m.group(1), m.group(0)), pattern)
        return pattern

    return tuple((row[0], expand(row[1])) for row in load_rows("hardware_vendors.tsv") if len(row) >= 2)


@lru_cache(maxsize=1)
def _org_table() -> dict[str, str]:
    """Folded spelling -> canonical name, of organizations.tsv and the hardware vendors."""
    table: dict[str, str] = {}
    for row in load_rows("organizations.tsv"):
        canon = row[0]
        for spelling in [canon, *(row[1].split("|") if len(row) > 1 and row[1] else [])]:
            table.setdefault(fold(spelling), canon)
    for canon, _ in _vendor_spellings():
        table.setdefault(fold(canon), canon)
    return table


@lru_cache(maxsize=1)
def _vendor_re() -> re.Pattern[str]:
    """All vendor spellings in one pattern: one match per name, not one per vendor."""
    return recache.compile("|".join(f"(?P<V{n}>{p})" for n, (_, p) in enumerate(_vendor_spellings())), re.I)


@lru_cache(maxsize=1)
def _vendor_dispatch():
    """The vendor spellings by their first two letters: a name compiles only the spellings that
    can start as it does (the whole pattern is ~6K characters of regex)."""
    from .hwlexicon import Dispatch
    from .refirst import first_chars

    alts: dict[str, list[tuple[str, object]]] = {}
    for n, (_, pattern) in enumerate(_vendor_spellings()):
        chars, nullable = first_chars(pattern)
        if chars is None or nullable:
            return None  # a spelling that may start anyhow: only the whole pattern will do
        for c in {x.lower() for ch in chars for x in (ch, ch.upper())}:
            alts.setdefault(c, []).append((f"(?P<V{n}>{pattern})", n))
    return Dispatch(alts, "")


def _vendor_match(name: str) -> re.Match[str] | None:
    """``_vendor_re().fullmatch(name)``, from the spellings that can start as `name` does."""
    dispatch = _vendor_dispatch()
    if not name or dispatch is None:
        return _vendor_re().fullmatch(name)
    try:
        name[:2].encode("cp1251")  # letters where lower() is how re.IGNORECASE compares
    except UnicodeEncodeError:
        return _vendor_re().fullmatch(name)
    pattern = dispatch.at(name, 0)
    return pattern.fullmatch(name) if pattern is not None else None


@lru_cache(maxsize=50_000)
def canonical_org(name: str) -> str | None:
    """The lexicon's one spelling of a known organisation ("Нвидиа" -> NVIDIA), else None."""
    table = _org_table()
    bare = strip_legal_form(name)
    for key in (fold(bare), fold(name)):
        if key in table:
            return table[key]
    m = _vendor_match(bare.strip())
    if m and m.lastgroup:
        canon = _vendor_spellings()[int(m.lastgroup[1:])][0]
        return table.get(fold(canon), canon)
    return None


@lru_cache(maxsize=1)
def _cyrillic_starts() -> frozenset[str]:
    table = _org_table()
    return frozenset(key[:3] for key in table if re.match(r"[а-я]", key))


def may_be_known(word: str) -> bool:
    """Cheap test before normalising a Russian word to look it up: does any spelling start so?"""
    return fold(word)[:3] in _cyrillic_starts()


def _latin_orgs() -> frozenset[str]:
    """One-word Latin names of known organisations as they are written ("ByteDance", "TSMC")."""
    out = set()
    for row in load_rows("organizations.tsv"):
        for spelling in [row[0], *(row[1].split("|") if len(row) > 1 and row[1] else [])]:
            if re.fullmatch(r"[A-Za-z0-9]*[A-Za-z][A-Za-z0-9&]*(?:[.-][A-Za-z0-9]+)*", spelling) and len(spelling) > 2:
                out.add(spelling)
    for canon, pattern in _vendor_spellings():
        # a case-sensitive spelling marks a vendor named by a common word (vivo, Nothing)
        if re.fullmatch(r"[A-Za-z][A-Za-z0-9&]*", canon) and len(canon) > 2 and "(?-i:" not in pattern:
            out.add(canon)
    return frozenset(w for w in out if not is_technology(w))




def _names() -> dict[str, str]:
    return {fold(row[0]): row[1] for row in load_rows("first_names.tsv")}


FIRST_NAMES = _names()
PLACES = frozenset(fold(w) for w in load_lines("places.txt"))
GENERIC = frozenset(fold(w) for w in load_lines("generic_words.txt"))
ROLES = frozenset(fold(w) for w in load_lines("roles.txt"))
TYPE_HEADS = {fold(row[0]): row[1] for row in load_rows("type_heads.tsv")}


def first_name_gender(word: str) -> str | None:
    """'m' or 'f' for a first name in the lexicon, as written (nominative), else None."""
    return FIRST_NAMES.get(fold(word))


def _hardware_families() -> set[str]:
    """Product families and architecture words of the hardware lexicon ("Xeon", "Hopper")."""
    out: set[str] = set()
    for row in load_rows("hardware.tsv"):
        if row[0] == "@macro" and len(row) >= 3 and row[1] in ("NVFOLD", "EPYCCN", "XEONCN"):
            out.update(fold(w) for w in re.findall(r"[A-Z][a-z]+(?:\{SP\}[A-Z][a-z]+)?", row[2]))
        elif not row[0].startswith("@") and len(row) >= 6 and row[3] != "-":
            out.add(fold(row[3].rstrip("-")))
    return {w.replace("{sp}", " ") for w in out}


@lru_cache(maxsize=1)
def _technologies() -> frozenset[str]:
    vendors = {fold(c) for c, _ in _vendor_spellings()}
    table = _org_table()
    # a family that is also a company's name (Tesla) stays a company
    families = {w for w in _hardware_families() if w not in vendors and w not in table}
    lines = list(load_lines("technologies.txt"))
    drop = {fold(w[1:]) for w in lines if w.startswith("-")}
    return frozenset(({fold(w) for w in lines if not w.startswith("-")} | families) - drop)


SUFFIXES = frozenset(fold(w) for w in load_lines("technology_suffixes.txt"))


def _suffix_like(word: str) -> bool:
    return word in SUFFIXES or any(ch.isdigit() for ch in word) or bool(re.fullmatch(r"[а-яе]+", word))


def is_technology(name: str) -> bool:
    """A technology, standard, benchmark, architecture or product: the name, or its leading
    words followed only by versions and modifiers ("Zen 5", "Raptor Lake Refresh")."""
    low = name.replace("ё", "е")
    words, cased = fold(name).split(), low.split()
    tech = _technologies()
    for n in range(len(words), 0, -1):
        if " ".join(words[:n]) in tech:
            # the modifiers must be ones, not a capitalised name ("Windows Central")
            rest = [w for w, c in zip(words[n:], cased[n:], strict=False) if c[:1].islower() or _suffix_like(w)]
            return all(_suffix_like(w) for w in words[n:]) and len(rest) == len(words) - n
    return False


LATIN_ORGS = _latin_orgs()
