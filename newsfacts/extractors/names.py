"""Nominative forms of PER/ORG/LOC mentions with pymorphy, without a tagger.

A mention like "Игоря Бабушкина" or "Московской области" is a group of words
that agree in case, number and (in the singular) gender. We pick the reading
all of them share, then inflect the group to the nominative, keeping words
after the head noun as written ("Министерства цифрового развития" ->
"Министерство цифрового развития").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from .. import recache
from ..const import LOC, ORG, PER
from ..data import load_rows
from ..morph import known, parse
from .lexicon import PLACES, first_name_gender, fold

WORD = recache.compile(r"\w+(?:[-‐‑’']\w+)*")
CYRILLIC = recache.compile(r"[а-яё]", re.I)
UKRAINIAN = recache.compile(r"[іїєґ]", re.I)
QUOTES = "«»\"„“”'`‘’"
NAME_TAGS = ("Name", "Surn", "Patr")
TYPE_TAGS = {PER: NAME_TAGS, ORG: ("Orgn",), LOC: ("Geox",)}
GROUP_POS = {"NOUN", "ADJF", "PRTF"}
# Endings whose removal gives the nominative of a (foreign) surname: Маска, Маском, Маску.
SURNAME_ENDINGS = ("ами", "ого", "ому", "ом", "ем", "ым", "им", "ой", "ей", "ою", "а", "я", "у", "ю", "е", "ы", "и")


def is_inflectable(word: str) -> bool:
    """A Cyrillic word in ordinary case (not МТС, not ВКонтакте) that may be inflected."""
    if not CYRILLIC.search(word) or not word.isalpha() and "-" not in word:
        return False
    if UKRAINIAN.search(word):
        return False  # a Ukrainian name ("Новини") is not a Russian word to inflect
    letters = word.replace("-", "")
    if letters.isupper() and len(letters) > 1:
        return False
    return not any(ch.isupper() for ch in letters[1:]) or "-" in word


@dataclass(frozen=True, slots=True)
class Reading:
    case: str
    number: str
    gender: str | None
    score: float
    parses: tuple


def _word_parses(word: str, type_: str, head: bool):
    # vocative and other "informal" readings (Илон as a vocative of Илона) only mislead
    parses = [
        p
        for p in parse(word.lower())
        if p.tag.case and p.tag.case != "voct" and "Infr" not in p.tag
        # spelling variants (V-be: "сатье" for "сатие") are never the reading of a name
        and not any(g.startswith("V-") for g in p.tag.grammemes)
    ]
    if type_ == PER:
        # names are singular nouns; plural or adjective guesses mangle foreign names
        parses = [p for p in parses if p.tag.number != "plur" and (p.tag.POS == "NOUN" or _adjectival_surname(p))]
        if head:
            # pymorphy's guess of a woman's -я name after a consonant ("хуэйфаня") is no
            # surname's reading
            parses = [p for p in parses if known(p.word) or not _soft_ya(p)]
        if _FOREIGN_I.search(word):
            # "Лиззи", "Джоли", "Сигурни": a foreign name in -и does not decline; pymorphy's
            # guesses "лиззь", "джоля" are no names ("Лафии" -> Лафия is another ending)
            parses = [p for p in parses if known(p.word) or not p.normal_form.endswith(("ь", "я"))]
        # nor is a feminine noun in -ь ("Беллью" -> "белль"): a woman's surname in -ь stays
        parses = [p for p in parses if known(p.word) or not (p.tag.gender == "femn" and p.normal_form.endswith("ь"))]
    else:
        # an unknown word may be an indeclinable name (Минцифры): leave it as written,
        # unless it plainly is a masculine consonant stem plus an ending (Минпромторга)
        parses = [p for p in parses if known(p.word) or _consonant_stem_guess(p) or _adjective_guess(p)]
        # a company or place word is not a first name ("Маркета" is the genitive of "маркет")
        parses = [p for p in parses if not any(t in p.tag for t in NAME_TAGS)] or parses
        pos = [p for p in parses if (p.tag.POS == "NOUN") == head and p.tag.POS in GROUP_POS]
        if pos:
            parses = pos
    # a woman's surname read as an adjective stands beside pymorphy's name readings
    # ("Охлобыстиной"); a man's has its noun readings ("Цзиньпином" is no "о цзиньпином")
    tagged = [p for p in parses if any(t in p.tag for t in TYPE_TAGS[type_])
              or (type_ == PER and head and p.tag.gender == "femn" and _adjectival_surname(p))]
    return tagged or parses


def _adjectival_surname(p) -> bool:
    """"Коломойском" -> коломойский: a surname of the -ский/-цкий kind declines as an adjective;
    so does one of the -ин/-ов kind, which pymorphy reads as a possessive ("Охлобыстиной" of
    охлобыстин: the woman's genitive, not only the instrumental of a first name "Охлобыстина")."""
    if p.tag.POS != "ADJF":
        return False
    if p.normal_form.endswith(("ский", "цкий", "ской", "цкой")):
        return True
    return "Poss" in p.tag and p.normal_form.endswith(("ин", "ын", "ов", "ев", "ёв"))


_FOREIGN_I = recache.compile(r"[^аеёиоуыэюяйь]и$", re.I)
_SOFT_YA = recache.compile(r"[^аеёиоуыэюяйь]я$")


def _soft_ya(p) -> bool:
    # a feminine thing ("кьеза") stays: a man's surname in -а declines so (Кьезу, Кьезой)
    return bool(_SOFT_YA.search(p.normal_form))
GUESS_ENDINGS = ("а", "у", "ом", "е")
# Adjectives pymorphy guesses for names it does not know ("Ок-Риджской" -> ок-риджский).
ADJECTIVE_LEMMAS = ("ский", "цкий", "ный", "ной", "ний")


def _adjective_guess(p) -> bool:
    return p.tag.POS == "ADJF" and p.normal_form.endswith(ADJECTIVE_LEMMAS)


def _consonant_stem_guess(p) -> bool:
    lemma = p.normal_form
    return (
        p.tag.POS == "NOUN"
        and p.tag.gender == "masc"
        and p.tag.number == "sing"
        and lemma[-1:] not in VOWELS | {"ь"}
        and any(p.word == lemma + end for end in GUESS_ENDINGS)
    )


# Cost of leaving a person's name token as written because no reading of it agrees
# with the others (indeclinable foreign names: Пичаи, Майер).
FROZEN = None
FROZEN_PENALTY = 0.6


# The second genitive and locative agree with the first ones ("в Рыжем лесу").
CASE_ALIAS = {"loc2": "loct", "gen2": "gent", "acc2": "accs"}
# Readings tried for one group at most: a long capitalised run must not explode.
MAX_COMBOS = 4096


def _best_reading(
    words: list[str],
    type_: str,
    case: str | None = None,
    gender: str | None = None,
    allowed: frozenset[str] | None = None,
) -> Reading | None:
    """The case/number/gender reading that every word of the group can share (optionally
    in a given case and gender, when the first name has told them, and in the cases the
    word before the name allows)."""
    options = []
    combos = 1
    for i, word in enumerate(words):
        # for a person, "head" is the surname of a full name (a lone word may be a first name)
        opts = _dedupe(_word_parses(word, type_, head=(i == len(words) - 1) and (type_ != PER or i > 0)))
        if type_ == PER:
            opts.append(FROZEN)
        if not opts:
            return None
        combos *= len(opts)
        if combos > MAX_COMBOS:
            return None
        options.append(opts)
    best: Reading | None = None
    for combo in product(*options):
        real = [p for p in combo if p is not FROZEN]
        if not real:
            if case:  # the first name told the case: unknown surnames follow it (Маска)
                best = best or Reading(case, "sing", gender, -FROZEN_PENALTY * len(combo), combo)
            continue
        cases = {CASE_ALIAS.get(p.tag.case, p.tag.case) for p in real}
        numbers = {p.tag.number for p in real} - {None}
        if len(cases) != 1 or len(numbers) > 1 or (case and cases != {case}) or (allowed and not cases <= allowed):
            continue
        number = next(iter(numbers), "sing")
        # people are masculine or feminine; a body may be neuter ("Национальное управление")
        kinds = ("masc", "femn") if type_ == PER else ("masc", "femn", "neut")
        genders = {p.tag.gender for p in real if p.tag.gender in kinds} if number == "sing" else set()
        if len(genders) > 1 or (gender and genders - {gender}):
            continue
        # the head noun's reading counts double: adjectives are ambiguous in gender
        # ("Чёрном" masc or neut), the noun is not ("море", not the rare "мор")
        score = sum(_weight(p, type_) * (2 if type_ != PER and p is combo[-1] else 1) for p in real)
        score -= FROZEN_PENALTY * (len(combo) - len(real))
        reading = Reading(next(iter(cases)), number, next(iter(genders), None), score, combo)
        if best is None or _rank(reading) > _rank(best):
            best = reading
    return best


# Endings of the instrumental/dative/genitive that a nominative name hardly has:
# a guessed nominative "Маском" is far less likely than the instrumental of "Маск".
OBLIQUE_ENDINGS = ("ом", "ем", "ём", "ым", "им", "ому", "ему", "ого", "его")


def _weight(p, type_: str = PER) -> float:
    # dictionary readings (known first names, cities) outweigh suffix guesses
    w = p.score * (2.0 if known(p.word) else 1.0)
    if not known(p.word) and p.word == p.normal_form and p.word.endswith(OBLIQUE_ENDINGS):
        w *= 0.3
    if type_ != PER and p.tag.gender == "neut":
        w *= 0.8  # on a tie a place or body is masculine ("Нойского" -> Нойский)
    elif p.tag.gender == "neut" and "Fixd" not in p.tag:
        w *= 0.2  # people are not neuter: Илоном is not the instrumental of "илоно"
    return w


def _dedupe(parses) -> list:
    # Keep the best-scored parse per (case, number, gender): fewer combinations to try.
    seen = {}
    for p in parses:
        key = (p.tag.case, p.tag.number, p.tag.gender)
        if key not in seen:
            seen[key] = p
    return list(seen.values())[:8]


def _rank(r: Reading) -> tuple:
    # Singular before plural (Франции is a country, not "франции"); then pymorphy's
    # score; on a tie, keep the word as written (nominative).
    return (r.number == "sing", round(r.score, 3), r.case == "nomn")


def _inflect(p, original: str, number: str, gender: str | None) -> str | None:
    want = {"nomn", number}
    if number == "sing" and gender and (p.tag.POS in ("ADJF", "PRTF") or "Surn" in p.tag or "Patr" in p.tag):
        want.add(gender)
    # Among the lexeme's forms with the wanted grammemes take the one closest to the
    # written word: pymorphy's inflect() turns "высшей" into "высочайшая".
    forms = [f for f in p.lexeme if want <= f.tag.grammemes and f.tag.POS == p.tag.POS and "Infr" not in f.tag]
    if not forms:
        form = p.inflect({"nomn"})
        return form.word if form else None
    low = original.lower().replace("ё", "е")
    return max(forms, key=lambda f: (_common_prefix(f.word, low), -len(f.word))).word


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a.replace("ё", "е"), b, strict=False):
        if x != y:
            break
        n += 1
    return n


# Case endings of masculine surnames that pymorphy does not know (Безоса, Кройсу).
MASC_ENDINGS = {
    "gent": ("а", "я"),
    "accs": ("а", "я"),
    "datv": ("у", "ю"),
    "ablt": ("ом", "ем", "ём"),
    "loct": ("е",),
}
VOWELS = set("аеёиоуыэюяй")


# Case endings of unknown names of the -а/-я declension (Сатьи, Наделлу), restored to
# the nominative only after a consonant: indeclinable names end in vowels (Пичаи).
A_ENDINGS = {
    "gent": (("ии", "ия"), ("ьи", "ья"), ("ы", "а")),
    "datv": (("ии", "ия"),),
    "loct": (("ии", "ия"),),
    "accs": (("ию", "ия"), ("ью", "ья"), ("у", "а")),
    "ablt": (("ией", "ия"), ("ьей", "ья"), ("ой", "а")),
}


def _restore_a_declension(word: str, case: str) -> str | None:
    low = word.lower()
    for end, nomn in A_ENDINGS.get(case, ()):
        stem = low[: -len(end)]
        if low.endswith(end) and len(stem) >= 2 and (end.startswith("ь") or stem[-1] not in VOWELS):
            return word[: -len(end)] + nomn
    return None


def _strip_ending(word: str, case: str) -> str:
    for end in MASC_ENDINGS.get(case, ()):
        stem = word[: -len(end)]
        if not word.lower().endswith(end) or not stem:
            continue
        if len(stem) >= 2 and stem[-1].lower() not in VOWELS:
            return stem
        if end in ("я", "ю", "ем", "е") and stem[-1].lower() in VOWELS - {"й"}:
            return stem + "й"  # Юя -> Юй, Хуанхуея -> Хуанхуей
    return word


def restore_case(form: str, original: str) -> str:
    """Give the inflected form the capitalisation (and ё/е spelling) of the word it replaces."""
    if "ё" not in original.lower():
        form = form.replace("ё", "е")
    if original.isupper() and len(original) > 1:
        return form.upper()
    parts, orig_parts = form.split("-"), original.split("-")
    if len(parts) == len(orig_parts):
        return "-".join(p.capitalize() if o[:1].isupper() else p for p, o in zip(parts, orig_parts, strict=True))
    return form.capitalize() if original[:1].isupper() else form


PAIRS = {"«": "»", "„": "“", "“": "”", '"': '"', "'": "'"}


def strip_quotes(text: str) -> str:
    """The text without outer quotes; a pair closed inside stays ('Корпорация «ВНИИЭМ»')."""
    text = text.strip()
    while text and (text[0] in QUOTES or text[-1] in QUOTES):
        first, last = text[0], text[-1]
        if first in PAIRS and last == PAIRS[first] and len(text) > 1 and _balanced(text[1:-1]):
            text = text[1:-1].strip()
        elif last in QUOTES and not _balanced(text) and (last not in PAIRS.values() or _opener(last) not in text[:-1]):
            text = text[:-1].strip()
        elif first in QUOTES and not _balanced(text):
            text = text[1:].strip()
        else:
            break
    return text


def _opener(closer: str) -> str:
    return next((o for o, c in PAIRS.items() if c == closer), closer)


def _balanced(text: str) -> bool:
    return text.count("«") == text.count("»") and text.count('"') % 2 == 0 and text.count("„") <= text.count("“")


@lru_cache(maxsize=50_000)
def normalize(type_: str, text: str, cases: frozenset[str] | None = None) -> str:
    """The nominative form of one mention, as a string; `cases` are those the words before it
    allow (`cases_before`), None when they tell nothing."""
    text = " ".join(strip_quotes(text).split())
    words = [m for m in WORD.finditer(text)]
    if not words:
        return text
    if type_ != PER:
        special = (_dateline(type_, text) or _lexicon_place(type_, text) or _caps_declined(text)
                   or _dotted(type_, text))
        if special:
            return special
    first: tuple[str, str, str | None] | None = None
    indeclinable = False
    if type_ == PER and len(words) > 1:
        first = _first_name(words[0].group(), words[-1].group())
        locative = bool(cases) and "loct" in cases and all(w.group().endswith("е") for w in words)
        if first is None and not locative and _foreign_indeclinable(words[0].group(), words[-1].group()):
            return text  # "Мизухо Койке": neither word declines; "о Тареке Суэйдане" does
        if first is None and _woman_as_written(words[0].group(), words[-1].group()):
            return text  # "Дана Борисова", not the genitive of "Дан Борисов"
        if first and first[2] is None:
            return text  # a first name in the nominative: the whole name is
        if first and not first[2]:
            first = (first[0], first[1], None)  # indeclinable: read the case off the surname
            indeclinable = True
    group = _agreeing_group(type_, [m.group() for m in words])
    if first:
        group = [i for i in group if i > 0]
    if not group:
        return _put_first(text, words, first)
    case, gender = (first[2], first[1]) if first else (None, None)
    if indeclinable:
        first = None
    group_words = [words[i].group() for i in group]
    if case and cases and CASE_ALIAS.get(case, case) not in cases:
        # "о Марии Ивановой": the ending -и is a locative here, not the genitive the first
        # name's ending suggests; if no reading fits the context, the first name decides
        reading = _best_reading(group_words, type_, None, gender, cases) or _best_reading(
            group_words, type_, case, gender
        )
    else:
        reading = _best_reading(group_words, type_, case, gender, cases)
    if reading is None or reading.case == "nomn":
        return _put_first(text, words, first)
    if type_ != PER and _bare_genitive_plural(reading, group_words):
        return _put_first(text, words, first)  # "Атлетик Бильбао", not "Атлетики Бильбао"
    out, last = [], 0
    if first:
        out.append(text[: words[0].start()])
        out.append(first[0])
        last = words[0].end()
    for i, p in zip(group, reading.parses, strict=True):
        m = words[i]
        if p is FROZEN:
            form = _restore_a_declension(m.group(), reading.case)
            if form is None:
                form = _strip_ending(m.group(), reading.case) if reading.gender == "masc" else m.group()
        else:
            form = _inflect(p, m.group(), reading.number, reading.gender)
        if form is None:
            continue
        out.append(text[last:m.start()])
        out.append(restore_case(form, m.group()))
        last = m.end()
    out.append(text[last:])
    return "".join(out)


@lru_cache(maxsize=1)
def _prepositions() -> dict[str, frozenset[str]]:
    return {row[0]: frozenset(row[1].split(",")) for row in load_rows("prepositions.tsv")}


# no locative without a preposition: "Ариана Гранде выпустила", "Певица Бейонсе"
NO_PREPOSITION = frozenset({"nomn", "gent", "datv", "accs", "ablt"})
_WORD_BEFORE = recache.compile(r"(?<![\w-])([\w-]+)[ \u00a0]+[«\"„“]?$")
_SENTENCE_START = recache.compile(r"[.!?\n][\s«\"„“]*$")
CONJUNCTIONS = frozenset({"и", "или", "а", "но", "либо", "да", "ни"})


def cases_before(text: str, start: int) -> frozenset[str] | None:
    """The cases a name at `start` may stand in, by the word right before it: a preposition's
    cases, no locative after another word or at a sentence start; None when it tells nothing
    (after a comma, a conjunction, a word that is itself a locative: "о певице Гранде")."""
    a = max(0, start - 30)
    before = text[a:start]
    m = _WORD_BEFORE.search(before)
    if m is None or (m.start() == 0 and a > 0 and (text[a - 1].isalnum() or text[a - 1] == "-")):
        if not before.strip(" \u00a0«\"„“") and a == 0 or _SENTENCE_START.search(before):
            return NO_PREPOSITION
        return None
    word = m.group(1).lower()
    preps = _prepositions()
    if word in preps:
        return preps[word]
    if word in CONJUNCTIONS or not word.isalpha():
        return None
    if any(p.tag.case in ("loct", "loc2") for p in parse(word)):
        return None
    return NO_PREPOSITION


# Case endings of first names: ending -> (nominative endings to try, case).
FIRST_ENDINGS = (
    ("ом", ("",), "ablt"),
    ("ем", ("й", "ь"), "ablt"),
    ("ой", ("а",), "ablt"),
    ("ей", ("я", "а"), "ablt"),
    ("а", ("",), "gent"),
    ("я", ("й", "ь"), "gent"),
    ("у", ("", "а"), "datv"),
    ("ю", ("й", "ь", "я"), "datv"),
    ("е", ("", "а", "я", "ь"), "loct"),
    ("ы", ("а",), "gent"),
    ("и", ("я", "ь"), "gent"),
)
# Endings of first names that do not decline (Масаёси, Кайфу, Акио).
INDECLINABLE_END = set("иоуэюые")
# Surname endings that only a feminine name has in the nominative (Иванова, Лесная, Кудрина).
FEMININE_SURNAME = recache.compile(r"(?:ова|ева|ёва|ина|ына|ая|яя)$")


def _first_name(word: str, surname: str) -> tuple[str, str, str | None] | None:
    """What the first-name lexicon says about a person's first word: (nominative, gender, case).

    case None: the word is a nominative first name. Both readings open ("Илона" is a woman's
    name and the genitive of Илон): the surname decides, "Маска" is a man's genitive,
    "Кравец" (no case ending) or "Иванова" leave the woman's name.
    """
    as_written = first_name_gender(word)
    oblique = []
    low = word.lower()
    for end, nominatives, case in FIRST_ENDINGS:
        if not low.endswith(end) or len(low) - len(end) < 2:
            continue
        for nom in nominatives:
            cand = word[: len(word) - len(end)] + nom
            g = first_name_gender(cand)
            if g and fold(cand) != fold(word) and (g == "m" or case != "gent" or end in ("ы", "и")):
                oblique.append((cand, g, case))
    if not oblique and not as_written and _unknown_masculine_genitive(word, surname):
        return (word[:-1], "masc", "gent")  # "Тэда Бакленда": a man's name in the genitive
    if not oblique and not as_written and not is_known_name(word):
        for end, nom, case in _MASC_SOFT_ENDINGS:
            if low.endswith(end) and len(low) >= len(end) + 2:
                # "Лионеля", "Дионтэю": the -эль / -эй names of men in an oblique case
                return (word[: len(word) - len(end)] + nom, "masc", case)
    if not oblique:
        if not as_written:
            return None
        gender = "masc" if as_written == "m" else "femn"
        # "Масаёси Сона": an indeclinable first name says nothing of the case
        return (word, gender, None if low[-1] not in INDECLINABLE_END else "")
    cand, g, case = oblique[0]
    gender = "masc" if g == "m" else "femn"
    if as_written and not _surname_in_case(surname, case, gender):
        return (word, "masc" if as_written == "m" else "femn", None)
    return (cand, gender, case)


# Case endings of men's first names in -эль/-ель (Лионель, Даниэль) and -эй/-ей (Дионтэй)
# that the lexicon does not know: (ending, nominative ending, case); women's names seldom
# end so ("-эля", "-эю").
_MASC_SOFT_ENDINGS = (
    ("эля", "эль", "gent"),
    ("еля", "ель", "gent"),
    ("элю", "эль", "datv"),
    ("елю", "ель", "datv"),
    ("элем", "эль", "ablt"),
    ("елем", "ель", "ablt"),
    ("эя", "эй", "gent"),
    ("эю", "эй", "datv"),
    ("эем", "эй", "ablt"),
)


def is_known_name(word: str) -> bool:
    """A first name the dictionary knows (Мария, Марина)."""
    return any(known(p.word) and "Name" in p.tag for p in parse(word.lower()))


def _unknown_masculine_genitive(first: str, surname: str) -> bool:
    """An unknown first name and surname both ending in consonant + а: a man in the genitive,
    not a woman ("Тэда Бакленда"); a known woman's name (Линда) is left alone."""
    if not re.search(r"[^аеёиоуыэюяйь]а$", first.lower()) or len(first) < 4:
        return False
    if any(known(p.word) and "Name" in p.tag for p in parse(first.lower())):
        return False
    return _surname_in_case(surname, "gent", "masc")


def _woman_as_written(first: str, last: str) -> bool:
    """A woman's first name and a woman's surname, both as in the nominative."""
    if not FEMININE_SURNAME.search(last.lower()):
        return False
    return any(known(p.word) and {"Name", "femn", "nomn"} <= p.tag.grammemes for p in parse(first.lower()))


def _foreign_indeclinable(first: str, last: str) -> bool:
    """An unknown first name and a surname that both end in a vowel that does not decline."""
    if first[-1:].lower() not in INDECLINABLE_END or last[-1:].lower() not in "еиоуэю":
        return False
    return not any(known(p.word) and "Name" in p.tag for p in parse(first.lower()))


def _surname_in_case(surname: str, case: str, gender: str) -> bool:
    """Can the surname be in this oblique case, for a person of this gender?"""
    low = surname.lower()
    if gender == "masc" and case in ("gent", "accs"):
        if low.endswith(("ого", "его")):
            return True
        return bool(re.search(r"[^аеёиоуыэюяй][ая]$", low)) and not FEMININE_SURNAME.search(low)
    return any(
        p.tag.case == case and p.tag.gender in (gender, None)
        for p in parse(low)
        if "Surn" in p.tag or not known(p.word)
    )


def _put_first(text: str, words: list, first: tuple[str, str, str | None] | None) -> str:
    if not first or first[2] is None:
        return text
    return text[: words[0].start()] + first[0] + text[words[0].end() :]


# Case endings of place names pymorphy does not know, and the nominative endings to try.
PLACE_ENDINGS = ("ом", "ем", "ой", "ей", "е", "у", "а", "я", "и", "ы", "ю")
PLACE_NOMINATIVE = ("", "й", "ь", "а", "я", "ия")


def _lexicon_place(type_: str, text: str) -> str | None:
    """A place of the lexicon, as written ("Синьчжу") or restored ("Тайбэе" -> Тайбэй)."""
    if type_ != LOC:
        return None
    key = fold(text)
    if key in PLACES:
        return text
    for end in PLACE_ENDINGS:
        if key.endswith(end) and len(key) - len(end) >= 3:
            for nom in PLACE_NOMINATIVE:
                cand = text[: len(text) - len(end)] + nom
                if fold(cand) in PLACES:
                    return cand
    return None


def _dateline(type_: str, text: str) -> str | None:
    """'МОСКВА' (a dateline in capitals) -> 'Москва'; abbreviations (США, РФ) stay."""
    if type_ != LOC or not text.isupper() or len(text) < 4 or not CYRILLIC.search(text) or " " in text:
        return None
    top = parse(text.lower())[:1]
    if top and known(top[0].word) and "Geox" in top[0].tag and "Abbr" not in top[0].tag:
        return "-".join(part.capitalize() for part in text.lower().split("-"))
    return None


# "ЛУКОЙЛа", "КАМАЗом", "ЦЕРНе": a name written in capitals takes its case ending in lower case
_CAPS_DECLINED = recache.compile(r"([А-ЯЁ]{3,})(?:а|у|ом|е)")


def _caps_declined(text: str) -> str | None:
    """The capitals of a one-word name with a lower-case case ending: they are the name."""
    m = _CAPS_DECLINED.fullmatch(text)
    return m.group(1) if m else None


# Genitive plural endings that a name in the nominative singular never has
_PLURAL_GENITIVE_ENDS = ("в", "х", "й", "ь")


# Tags of a lexeme that is a name or lives in the plural ("Химки", "Карпаты", "Сумерки")
_PLURAL_NAMES = frozenset({"Geox", "Name", "Surn", "Patr", "Orgn", "Trad", "Pltm"})


def _bare_genitive_plural(reading, group_words: list[str]) -> bool:
    """A capitalised name read as the bare genitive plural of a common noun ("Атлетик" of
    "атлетика", "Стад" of "стадо"): with no ending, it is the name in the nominative singular.
    A place or a plural-only word keeps its plural ("Химок", "Карпат"), and so does a word with
    an ending ("Известий")."""
    if reading.case != "gent" or reading.number != "plur":
        return False
    for w, p in zip(group_words, reading.parses, strict=True):
        tag = getattr(p, "tag", None)
        if tag is None or tag.POS != "NOUN" or _PLURAL_NAMES & tag.grammemes:
            return False
        if not (w[:1].isupper() and w[-1].isalpha() and w[-1].lower() not in VOWELS
                and not w.lower().endswith(_PLURAL_GENITIVE_ENDS)):
            return False
    return True


def _dotted(type_: str, text: str) -> str | None:
    """'Сбер.Маркета' -> 'Сбер.Маркет': a name glued with dots inflects its last part only."""
    m = re.fullmatch(r"((?:\w+\.)+)(\w+)", text)
    if not m or not is_inflectable(m.group(2)):
        return None
    return m.group(1) + normalize(type_, m.group(2))


def _agreeing_group(type_: str, words: list[str]) -> list[int]:
    """Indexes of the words that inflect together."""
    if type_ == PER:
        return [i for i, w in enumerate(words) if is_inflectable(w)]
    group = []
    for i, w in enumerate(words):
        if not is_inflectable(w):
            break
        group.append(i)
        # the head noun closes the group; what follows is a genitive modifier
        # ("Хабаровском крае": an adjective first, though "Хабаровск" is a noun too)
        top = parse(w.lower())[:2]
        if top and top[0].tag.POS == "NOUN" or (len(top) > 1 and top[1].tag.POS == "NOUN" and top[0].tag.POS != "ADJF"):
            break
    return group


@lru_cache(maxsize=50_000)
def surname_keys(word: str) -> frozenset[str]:
    """Every nominative a (sur)name token could stand for: Маском -> {маском, маск, ...}."""
    low = word.lower().replace("ё", "е")
    keys = {low}
    if not is_inflectable(word):
        return frozenset(keys)
    for p in parse(low):
        keys.add(p.normal_form.replace("ё", "е"))
        if "Surn" in p.tag or "Name" in p.tag:
            form = p.inflect({"nomn", "sing"})
            if form:
                keys.add(form.word.replace("ё", "е"))
    for end in SURNAME_ENDINGS:
        if low.endswith(end) and len(low) - len(end) >= 2:
            keys.add(low[: -len(end)])
    return frozenset(keys)
