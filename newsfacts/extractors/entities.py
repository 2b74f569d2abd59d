"""PER / ORG / LOC of one document: natasha's NER spans in, resolved entities out.

natasha's own pipeline needs its morphology tagger (a second neural model) to
normalise spans; we normalise with pymorphy instead (see names.py) and resolve
mentions against each other across the document (coref.py), which also fixes what a
tagger cannot: "Маска" (a surname, not the noun "маска") -> "Илон Маск".

`assemble` is the whole entity stage: each span is cleaned (quotes, brackets,
glued role words), filtered (products, generic words), retyped (regions, bodies),
and the lexicon adds the names NER misses at a sentence start.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import lru_cache

from .. import recache
from ..const import LOC, ORG, PER
from ..data import load_lines, load_rows
from ..doc import Entity, Sentence
from ..morph import known, parse
from .coref import Mention, resolve
from .lexicon import (
    GENERIC,
    LATIN_ORGS,
    PLACES,
    ROLES,
    TYPE_HEADS,
    canonical_org,
    first_name_gender,
    fold,
    is_legal_form,
    is_technology,
    may_be_known,
)
from .names import CYRILLIC, WORD, cases_before, normalize, strip_quotes
from .titles import is_title, quoted_titles, title_keys

__all__ = [
    "Mention",
    "assemble",
    "extend_latin",
    "is_common_phrase",
    "is_not_entity",
    "quoted_core",
    "resolve",
    "source_mentions",
    "trim",
]

SPAN_JUNK = " \t\n\u00a0«»\"„“”'`‘’()[]*/!?"
OPENERS = {")": "(", "]": "[", "»": "«", "“": "„", "”": "“"}
SYMMETRIC = "\"'`"
# A capitalised Latin word right after a Latin name belongs to it: "App" + " Store";
# an abbreviation keeps its dot ("N.V.").
LATIN_NEXT = recache.compile(r"[ \u00a0]([A-Z][A-Za-z&.-]*[A-Za-z](?:(?<=[A-Z])\.(?=\s|$))?)(?![\w+])")
LATIN_SPAN = recache.compile(r"[A-Za-z0-9&+.\- ]+")
# "Источник: VideoCardz", "Фото: Reuters" close a news item and name an organisation.
SOURCE_LINE = recache.compile(
    r"^[ \t]*(?:Источник(?:и)?(?: новости| фото)?|Фото|По материалам|Via|Source)[ \t]*:[ \t]*"
    r"((?:[A-Z][\w&.-]*|[a-z][\w-]*(?:\.[\w-]+)*\.[a-z]{2,})(?:[ \t][A-Z][\w&.-]*){0,3})[ \t]*$",
    re.M,
)
# Particles inside foreign names that are written in lower case ("Людвиг ван Бетховен").
NAME_PARTICLES = frozenset({"ван", "фон", "де", "да", "ди", "дер", "ле", "ла", "аль", "бен", "ибн", "эль"})
ORG_WORDS = frozenset(fold(w) for w in load_lines("org_words.txt"))
NOT_PERSON_ENDINGS = tuple(load_lines("not_person_endings.txt"))
# "Минфин", "Минцифры": a ministry's short name, which NER sometimes reads as a surname.
NAMES = ("Name", "Surn")
MINISTRY = recache.compile(r"Мин[бвгджзклмнпрстфхцчшщ][а-яё]{2,}")


class Intervals:
    """Sorted spans answering "does anything overlap [a, b)?" in O(log n)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self._starts = [a for a, _ in spans]
        self._reach: list[int] = []  # the furthest stop among the spans up to each one
        far = -1
        for _, b in spans:
            far = max(far, b)
            self._reach.append(far)

    def overlaps(self, a: int, b: int) -> bool:
        k = bisect_left(self._starts, b)  # spans that start before b
        return k > 0 and self._reach[k - 1] > a


def trim(text: str, start: int, stop: int) -> tuple[int, int]:
    """Shrink a span so that it carries no outer quotes, brackets, footnote stars or spaces.

    A closing quote or bracket stays when its opener is inside the span ('ООО «Ким»').
    """
    while start < stop and text[start] in SPAN_JUNK:
        start += 1
    while stop > start and text[stop - 1] in SPAN_JUNK:
        ch = text[stop - 1]
        inner = text[start : stop - 1]
        if ch in OPENERS and inner.count(OPENERS[ch]) > inner.count(ch):
            break
        if ch in SYMMETRIC and inner.count(ch) % 2 == 1:
            break
        stop -= 1
    return start, stop


def quoted_core(text: str, start: int, stop: int) -> int:
    """Start of the quoted name inside a span like 'Компания «Байкал Электроникс»'."""
    span = text[start:stop]
    for quote in ("«", "„", "“"):
        at = span.find(quote)
        if at > 0 and span[:at].strip() and len(span) > at + 1:
            return start + at + 1
    return start


def extend_latin(text: str, start: int, stop: int) -> int:
    """Grow a Latin name over the capitalised Latin words that follow it (at most three)."""
    if not LATIN_SPAN.fullmatch(text[start:stop]):
        return stop
    for _ in range(3):
        m = LATIN_NEXT.match(text, stop)
        if not m:
            break
        stop = m.end()
    # a legal form keeps its dot: "Microsoft Corp.", "TON Issuer Inc."
    if text[stop : stop + 1] == "." and is_legal_form(text[start:stop].rsplit(" ", 1)[-1]):
        stop += 1
    return stop


def source_mentions(text: str) -> list[Mention]:
    """Organisations named on a closing "Источник: …" line."""
    out = []
    for m in SOURCE_LINE.finditer(text):
        stop = _drop_full_stop(text, m.start(1), m.end(1))  # "Фото: Pexels."
        out.append(Mention(ORG, m.start(1), stop, text[m.start(1) : stop]))
    return out


NOT_ENTITIES = {(row[0], fold(row[1])) for row in load_rows("not_entities.tsv")}
PROPER_TAGS = ("Name", "Surn", "Patr", "Geox", "Orgn", "Trad")


def is_not_entity(type_: str, text: str) -> bool:
    """Listed false friends (PCI-E, Android), generic words (СМИ, регулятор), and, for ORG,
    technologies, standards, benchmarks and product families (LTE, Cinebench, Hopper, Zen 5)."""
    key = fold(strip_quotes(text))
    if (type_, key) in NOT_ENTITIES or key in GENERIC:
        return True
    if type_ != ORG or not is_technology(key):
        return False
    # "Ampere" the architecture, not Ampere Computing; "Tesla" the company
    known = canonical_org(text)
    return known is None or fold(known) != key


# Heads of real institutions named with ordinary words ("Министерство финансов").
INSTITUTION_HEADS = frozenset(load_lines("institution_heads.txt"))


def is_common_phrase(text: str) -> bool:
    """"Центр обработки данных" tagged only because it opens a sentence: all ordinary words."""
    words = WORD.findall(text)
    if not words or words[0].lower() in INSTITUTION_HEADS:
        return False
    if any(w[1:] != w[1:].lower() for w in words) or any(w[:1].isupper() for w in words[1:]):
        return False
    for w in words:
        if not CYRILLIC.search(w):
            return False
        parses = parse(w.lower())
        if not parses or not known(parses[0].word) or any(t in p.tag for p in parses for t in PROPER_TAGS):
            return False
    return True


def split_brackets(text: str, start: int, stop: int, limit: int) -> tuple[tuple[int, int], tuple[int, int] | None]:
    """'Хоссейн Яссаи (Hossein Yassaie)' -> the name and the bracketed original, as spans.

    The bracket may close after the span (NER often stops before it); `limit` is the sentence end.
    """
    at = text.find("(", start, stop)
    if at < 0:
        # "Имя Фамилия" followed by " (Latin Name)" or " (ABC)": the original or the abbreviation
        m = _BRACKET_AFTER.match(text, stop, limit)
        return (start, stop), ((m.start(1), m.end(1)) if m else None)
    close = text.find(")", at, limit)
    head = trim(text, start, at)
    if close < 0:
        return head, None
    inner = trim(text, at + 1, close)
    return head, (inner if inner[0] < inner[1] else None)


_BRACKET_AFTER = recache.compile(r"[ \u00a0]?\(([A-Z][A-Za-z.&-]*(?: [A-Z][A-Za-z.&-]*){0,3})\)")


_GLUED = recache.compile(r"(?:\.[A-ZА-ЯЁ][\w-]*)+")
def _opens_sentence(word: str) -> bool:
    """A function word or verb: what follows a dot without a space starts a new sentence."""
    top = parse(word.lower())[:1]
    return bool(top) and top[0].tag.POS in _SENTENCE_POS


_SENTENCE_POS = frozenset({"PREP", "CONJ", "PRCL", "ADVB", "NPRO", "VERB", "INFN", "PRED", "INTJ", "ADJS"})
_GLUED_BACK = recache.compile(r"(?<![\w.])[A-Z][\w-]*(?:\.[A-Z][\w-]*)*\.$")


def _strip_lead(text: str, start: int, stop: int, type_: str, sent_start: int = -1) -> int:
    """Drop words glued before a name: a role ("аналитик Иван Петров", "CEO Тим Кук"),
    a common noun ("акции Сбербанка") or a technology ("HBM решения SK hynix")."""
    while True:
        m = WORD.search(text, start, stop)
        if not m or m.end() >= stop:
            return start
        word = m.group()
        rest = WORD.search(text, m.end(), stop)
        if rest is None or not (rest.group()[:1].isupper() or rest.group()[:1].isdigit()):
            return start
        low = fold(word)
        if _common_compound(word) or (m.start() == sent_start and is_common_phrase(word)):
            start = rest.start()
            continue
        if type_ == PER:
            drop = (
                low in ROLES
                or (word.islower() and low not in NAME_PARTICLES)
                or _place_before_name(word, text, rest.start(), stop)
            )
        elif type_ == ORG:
            drop = (word.islower() and CYRILLIC.search(word) is not None and word not in INSTITUTION_HEADS) or (
                is_technology(word)
                and canonical_org(word) is None
                and canonical_org(text[rest.start() : stop]) is not None
            )
        else:
            drop = word.islower() and CYRILLIC.search(word) is not None and low not in TYPE_HEADS
        if not drop:
            return start
        start = rest.start()


def _place_before_name(word: str, text: str, rest: int, stop: int) -> bool:
    """'Ливерпуля Мохамеда Салаха': a place (or a club named by it) glued before a full name;
    two words of the name must remain."""
    if not word[:1].isupper() or not CYRILLIC.search(word) or len(WORD.findall(text, rest, stop)) < 2:
        return False
    parses = parse(word.lower())
    return (
        bool(parses)
        and all(known(p.word) for p in parses)
        and any("Geox" in p.tag for p in parses)
        and not any(t in p.tag for p in parses for t in ("Name", "Surn", "Patr"))
    )


def _common_compound(word: str) -> bool:
    """'HBM-решения', '5G-смартфонов', 'ИИ-чипы': a common noun with a tag glued in front."""
    head, _, tail = word.rpartition("-")
    return bool(head) and bool(re.fullmatch(r"[а-яё]{3,}", tail)) and not re.fullmatch(r"[А-ЯЁ][а-яё]+", head)


def _vendor_prefix(text: str, start: int, stop: int) -> int:
    """'AMD Instinct', 'Tesla Model', 'Lenovo IdeaPad Duet': the company, not its product line."""
    words = list(WORD.finditer(text, start, stop))
    if len(words) < 2 or canonical_org(text[start:stop]):
        return stop
    for n in (2, 1):
        if n >= len(words):
            continue
        head = text[start : words[n - 1].end()]
        tail = words[n].group()
        glued = not text[words[n - 1].end() : words[n].start()].isspace()  # "Xiaomi.EU" is one name
        if canonical_org(head) and not glued and fold(tail) not in ORG_WORDS and not CYRILLIC.search(tail):
            return words[n - 1].end()
    return stop


def _retype(text: str, start: int, stop: int, type_: str) -> str:
    """Fix a type from the words: a region or body named by its head noun, a known company, a ministry."""
    span = text[start:stop]
    if canonical_org(span):
        return ORG
    if type_ == ORG and fold(span) in PLACES:
        return LOC  # "Санкт-Петербург" tagged as an organisation
    if type_ == PER and MINISTRY.fullmatch(span) and not any(t in p.tag for p in parse(span.lower()) for t in NAMES):
        return ORG
    # the noun before a name: 'регион «Сибирь»', 'космодром Восточный' (unquoted: only a
    # name in the nominative, as an apposition is; "университет Виргинии" is a genitive)
    before = re.search(r"(\w+)[ \u00a0]+([«\"„“]?)$", text[max(0, start - 40) : start])
    if before and before.group(1).islower() and before.group(1)[:3] in _HEAD_STARTS:
        head = TYPE_HEADS.get(_lemma(before.group(1)))
        quoted = bool(before.group(2))
        # one word that is no first name, after a place noun: "суперконтинент Гондвана" is a
        # place; "области Владимир Петров" stays a person, and no person becomes a body
        if type_ == PER and (head != LOC or " " in span or first_name_gender(span)):
            head = None
        if head and (quoted or (head == LOC and CYRILLIC.search(span) and _same_case(before.group(1), span))):
            return head
    # the mention's own head noun: "Звездный городок" is a place, "Ок-Риджская лаборатория" a body
    words = WORD.findall(span)
    if type_ in (ORG, LOC) and len(words) > 1:
        for n, w in enumerate(words):
            if n and w[:1].isupper():
                break  # a name inside the phrase ("Нижний Новгород", "банк России")
            top = parse(w.lower())[:1]
            if top and top[0].tag.POS == "NOUN":
                return TYPE_HEADS.get(fold(top[0].normal_form), type_)
    return type_


# First letters of the head nouns: most words before a name are not one, and need no parse.
_HEAD_STARTS = frozenset(w[:3] for w in [*TYPE_HEADS, *INSTITUTION_HEADS])
_ROLE_STARTS = frozenset(w[:3] for w in ROLES)
_BARE_HEADS = frozenset(TYPE_HEADS) | INSTITUTION_HEADS


def _same_case(head: str, name: str) -> bool:
    """An apposition agrees with its head noun ("космодрома Восточный/Восточного")."""
    if normalize(LOC, name) == name:
        return True
    words = WORD.findall(name)
    cases = {p.tag.case for p in parse(head.lower()) if p.tag.POS == "NOUN"}
    return bool(words) and bool(cases & {p.tag.case for p in parse(words[-1].lower())})


@lru_cache(maxsize=50_000)
def _lemma(word: str) -> str:
    p = parse(word.lower())
    return fold(p[0].normal_form) if p else fold(word)


def _initial_capitals(text: str, sentences: Sequence[Sentence]) -> set[str]:
    """Capitalised words that stand inside a sentence somewhere (names, not sentence starts)."""
    starts = {s.start for s in sentences}
    out = set()
    for m in _CAPITAL.finditer(text):
        at = m.start()
        if at not in starts and not _opens_line(text, at):
            out.add(fold(m.group()))
    return out


_CAPITAL = recache.compile(r"(?<![\w.])[A-ZА-ЯЁ][\w-]+")


def _opens_line(text: str, at: int) -> bool:
    k = at - 1
    while k >= 0 and text[k] in " \t«\"„“(":
        k -= 1
    return k < 0 or text[k] in "\n.!?:—–-"


_START = recache.compile(r"[/«\"„“]?([A-ZА-ЯЁ][\w.&-]*(?: [A-ZА-ЯЁ][\w&-]*){0,2})")


def _lexicon_start(text: str, sent: Sentence) -> Mention | None:
    """A known organisation that opens a sentence, which NER tends to miss ("OpenAI заявила ...",
    "/РИА Новости/ ..."); a Russian common noun ("Ядра", "Магнит") is left to NER."""
    m = _START.match(text, sent.start, sent.stop)
    if not m:
        return None
    words = m.group(1).rstrip(".").split(" ")
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n])
        # as spelled in the lexicon; an oblique form only if it is no common noun ("Ядра")
        known = canonical_org(name) or (
            CYRILLIC.search(name)
            and may_be_known(name)
            and not _common_noun(words[n - 1])
            and canonical_org(normalize(ORG, name))
        )
        if known:
            start = m.start(1)
            return Mention(ORG, start, start + len(name), name)
    return None


def _common_noun(word: str) -> bool:
    parses = parse(word.lower())
    return bool(parses) and known(parses[0].word) and not any(t in p.tag for p in parses for t in PROPER_TAGS)


def _latin_orgs(text: str) -> list[Mention]:
    """Known companies with Latin names, written exactly so ("ByteDance", "TSMC"): NER misses
    many of them, and a Latin word spelled like a company's name hardly means anything else."""
    return [Mention(ORG, m.start(), m.end(), m.group()) for m in _LATIN_WORD.finditer(text) if m.group() in LATIN_ORGS]


_LATIN_WORD = recache.compile(r"(?<![\w.@/-])[A-Za-z0-9][A-Za-z0-9&]*(?:[.-][A-Za-z0-9]+)*(?![\w@/-]|\.\w)")


# "аудиочипом от AKM", "модуль производства Quectel": a Latin name after these words is
# the maker, which NER misses when the name is unknown to it
_MAKER_AFTER = recache.compile(
    r"(?<![\w-])(?:от|производства|разработки)[ \u00a0]+([A-Z][A-Za-z]*[A-Za-z](?: [A-Z][A-Za-z]+)?)(?![\w-])"
)


def _makers_after_from(text: str) -> list[Mention]:
    out = []
    for m in _MAKER_AFTER.finditer(text):
        name = m.group(1)
        if not is_not_entity(ORG, name) and not is_technology(name):
            out.append(Mention(ORG, m.start(1), m.end(1), name))
    return out


def _institution_of_place(text: str, sent: Sentence, mentions: list[Mention]) -> list[Mention]:
    """'парламент Великобритании', 'Политехнический университет' + 'Виргинии': a body of a place is one ORG."""
    out = []
    for k, m in enumerate(mentions):
        if m.type != LOC:
            continue
        prev = mentions[k - 1] if k else None
        if prev is not None and prev.type == ORG and text[prev.stop : m.start] == " " and _ends_with_head(prev.text):
            out.append((k - 1, Mention(ORG, prev.start, m.stop, text[prev.start : m.stop])))
            continue
        before = re.search(r"(?<![\w-])([а-яё]+) $", text[max(sent.start, m.start - 30) : m.start])
        if before and _lemma(before.group(1)) in INSTITUTION_HEADS and normalize(LOC, m.text) != m.text:
            a = m.start - len(before.group(0))
            out.append((None, Mention(ORG, a, m.stop, text[a : m.stop])))
    replaced = {k for k, _ in out if k is not None}
    return [m for k, m in enumerate(mentions) if k not in replaced] + [m for _, m in out]


def _ends_with_head(name: str) -> bool:
    words = WORD.findall(name)
    return bool(words) and _lemma(words[-1]) in INSTITUTION_HEADS


def _span_mentions(
    text: str, sent: Sentence, start: int, stop: int, type_: str, capitals: set[str], titles: set[str]
) -> list[Mention]:
    """The mentions one NER span stands for (none, the name, the name and its bracketed alias)."""
    start, stop = trim(text, start, stop)
    start, stop = trim(text, quoted_core(text, start, stop), stop)
    stop = min(extend_latin(text, start, min(stop, sent.stop)), sent.stop)
    if type_ == ORG:
        # "Сбер" + ".Маркета", "Xiaomi." + "EU": one name; not "РИА Новости.Отмечается", where a
        # missing space glues the next sentence on
        glued = _GLUED.match(text, stop, sent.stop)
        if glued and not _opens_sentence(glued.group().rsplit(".", 1)[-1]):
            stop = glued.end()
        before = _GLUED_BACK.search(text, max(sent.start, start - 40), start)
        if before and text[start : start + 1].isalpha():
            start = before.start()
    # "Тэги: Коронавирус": a label before a colon is no part of a name
    colon = text.rfind(": ", start, stop)
    if colon >= 0:
        start = colon + 2
    (start, stop), alias = split_brackets(text, start, stop, sent.stop)
    start = _strip_lead(text, start, stop, type_, sent.start)
    if type_ == ORG:
        stop = _vendor_prefix(text, start, stop)
    start, stop = trim(text, start, stop)
    stop = _caps_headline_end(text, start, _drop_full_stop(text, start, stop))
    stop = _glued_word_end(text, start, stop)
    span = text[start:stop]
    if start >= stop or not any(ch.isalpha() for ch in span):
        return []
    if is_title(text, start, stop, type_):
        titles |= title_keys(type_, span)  # "фильм «Соседи»": a work, here and further on
        return []
    type_ = _retype(text, start, stop, type_)
    if is_not_entity(type_, span) or _not_a_name(type_, span):
        return []
    if type_ == ORG and is_legal_form(span.rstrip(".")):
        return []  # "Microsoft Technology Licensing, LLC": the legal form alone names nobody
    # an all-lower-case Cyrillic span is a common noun phrase ("ии-чипы"), never a name
    if type_ != LOC and CYRILLIC.search(span) and span == span.lower():
        return []
    if start == sent.start and is_common_phrase(span) and not _name_at_start(text, span, stop, type_, capitals):
        return []
    quoted = text[start - 1 : start] in "«\"„“" and text[stop : stop + 1] in "»\"“”" and start > 0
    out = [Mention(type_, start, stop, span, quoted=quoted, cases=cases_before(text, start))]
    if alias and type_ in (PER, ORG):
        a, b = alias
        word = text[a:b]
        # an original spelling or abbreviation of the name, never a second thing ("США (SEC)")
        if any(ch.isalpha() for ch in word) and not is_not_entity(type_, word) and _alias_fits(type_, span, word):
            out.append(Mention(type_, a, b, word, head=(start, stop)))
    return out


# Parts of speech a name never runs on into: a verb, an adverb, a function word
_NEVER_IN_NAMES = frozenset({"VERB", "INFN", "PRTS", "GRND", "ADVB", "PREP", "CONJ", "PRCL"})


def _ends_a_name(word: str) -> bool:
    """Is `word` (lower case) a known word of a kind that no name holds? ("НЕ" is a particle;
    a one-letter "Б" of "Б.Б" is an initial more often than the particle "б")"""
    top = parse(word)[:1]
    if not top or not known(top[0].word) or top[0].tag.POS not in _NEVER_IN_NAMES:
        return False
    return top[0].tag.POS != "PRCL" or len(word) > 1


# "ООНзаявил", "NASAопубликовало": a missing space glues a word onto a name in capitals
_GLUED_WORD = recache.compile(r"(?<!\w)[А-ЯЁA-Z]{2,}([а-яё]{3,})$")


def _glued_word_end(text: str, start: int, stop: int) -> int:
    """The end of a name whose last word in capitals has a verb or a function word glued on
    ("Генсек ООНзаявил"): the capitals end it. A noun may be part of the name ("МТСбанк")."""
    m = _GLUED_WORD.search(text, start, stop)
    return m.start(1) if m and _ends_a_name(m.group(1)) else stop


def _caps_headline_end(text: str, start: int, stop: int) -> int:
    """'БЕЛШИНА ПРОИГРАЛА', 'ГАЗПРОМ НЕФТЬ ОТКРЫЛА ЗАВОД': in a headline written in capitals,
    NER runs the name on into the verb; the name ends before it."""
    words = list(WORD.finditer(text, start, stop))
    if len(words) < 2 or not all(w.group().isupper() and CYRILLIC.search(w.group()) for w in words):
        return stop
    for k, w in enumerate(words[1:], 1):
        if _ends_a_name(w.group().lower()):
            return words[k - 1].end()
    return stop


def _drop_full_stop(text: str, start: int, stop: int) -> int:
    """"пишет Обозреватель.", "издание MedikForum.": the sentence's full stop is no part of the
    name; an abbreviation or legal form keeps its dot ("N.V.", "Corp.", "Дж.")."""
    if stop - start < 3 or text[stop - 1] != "." or text[stop - 2 : stop - 1] == ".":
        return stop
    words = WORD.findall(text, start, stop)
    last = words[-1] if words else ""
    if len(last) <= 2 or "." in text[start : stop - 1].rsplit(" ", 1)[-1] or is_legal_form(last):
        return stop
    return stop if fold(last) in _abbreviations() else stop - 1


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(fold(w) for w in load_lines("name_abbreviations.txt"))


def _not_a_name(type_: str, span: str) -> bool:
    """Words that are no name of anyone or anything, whatever NER says: a role or profession
    ("Эпидемиолог", "Врач-отоларинголог высшей категории"), a bare head noun ("Управление",
    "Долина"), a drug ("Ремдесивир"), a page word in capitals ("ЧИТАЙТЕ"), a plural adjective
    ("Сингапурские"), a tag glued to a common noun ("Telegram-канал")."""
    words = WORD.findall(span)
    if not words:
        return True
    parts = [p for p in re.split(r"[-‐‑]", words[0]) if p]
    rest = span[len(words[0]) :]
    is_role = all(fold(p)[:3] in _ROLE_STARTS and _lemma(p) in ROLES for p in parts)
    if is_role and (not rest or rest[:1].isspace() and words[1][:1].islower()):
        return True
    if len(words) > 1:
        return False
    word = words[0]
    low = word.lower()
    if low.endswith(NOT_PERSON_ENDINGS) and CYRILLIC.search(word):
        return True
    top = parse(low)[:1]
    plural = bool(top) and top[0].tag.number == "plur"  # "Штаты" are the USA
    if not plural and fold(word)[:3] in _HEAD_STARTS and _lemma(word) in _BARE_HEADS:
        return True
    if word.isupper() and len(word) >= 6 and CYRILLIC.search(word):
        top = parse(low)[:1]
        if top and known(top[0].word) and "Abbr" not in top[0].tag and not any(t in top[0].tag for t in PROPER_TAGS):
            return True
    if "-" in word and _common_compound(word):
        return True
    top = parse(low)[:1]
    if top and known(top[0].word) and top[0].tag.POS in ("ADJF", "PRTF") and not any(t in top[0].tag for t in NAMES):
        # no person is plural; a body is not named by an adjective alone ("Дюкского"); a place
        # may be ("космодром Восточный")
        return type_ == ORG or top[0].tag.number == "plur"
    return False


def _name_at_start(text: str, span: str, stop: int, type_: str, capitals: set[str]) -> bool:
    """A sentence-initial span of ordinary words that still is a name: a known company
    ("Сбербанк снизил ..."), a word written capitalised elsewhere, or a surname that is also a
    noun but stands as the subject of a verb ("Лебедь заявил ...")."""
    if canonical_org(span) or canonical_org(normalize(ORG, span)) or _attested(span, capitals):
        return True
    if type_ != PER or len(WORD.findall(span)) != 1:
        return False
    nxt = WORD.search(text, stop, stop + 40)
    if nxt is None or text[stop : nxt.start()].strip():
        return False
    top = parse(nxt.group().lower())[:1]
    # a verb a person does in the news ("Лебедь заявил"); "Моллюск обитал" is the noun
    return (
        bool(top)
        and top[0].tag.POS == "VERB"
        and "past" in top[0].tag
        and "sing" in top[0].tag
        and top[0].normal_form.replace("ё", "е") in _speech_verbs()
    )


@lru_cache(maxsize=1)
def _speech_verbs() -> frozenset[str]:
    return frozenset(w.replace("ё", "е") for w in load_lines("person_verbs.txt"))


def _attested(span: str, capitals: set[str]) -> bool:
    """A word that also stands capitalised inside a sentence, or a known first name, is a name."""
    words = WORD.findall(span)
    return bool(words) and all(fold(w) in capitals or first_name_gender(w) for w in words)


def _alias_fits(type_: str, name: str, alias: str) -> bool:
    if type_ == PER:
        # a person's original spelling has as many words as the name
        return not CYRILLIC.search(alias) and len(WORD.findall(alias)) == len(WORD.findall(name))
    return len(WORD.findall(alias)) <= len(WORD.findall(name))


_MAY_QUOTE = recache.compile("[«\"„“]")


def _drop_titles(mentions: list[Mention], titles: set[str]) -> list[Mention]:
    """Other mentions of a work's title: quoted ones of any type, bare ones tagged ORG unless a
    person of the document bears the name ("фильм «Шугалей»" and "Максим Шугалей"); a bare
    place stays one ("сериал «Голливуд»" and "покорить Голливуд")."""
    surnames = {fold(WORD.findall(m.text)[-1]) for m in mentions if m.type == PER and WORD.findall(m.text)}

    def title(m: Mention) -> bool:
        bare = m.type == ORG and m.head is None and fold(strip_quotes(m.text)) not in surnames
        return (m.quoted or bare) and bool(title_keys(m.type, m.text) & titles)

    return [m for m in mentions if not title(m)]


def _last_overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.stop and b.start < a.stop


def assemble(
    text: str,
    sentences: Sequence[Sentence],
    spans: Sequence[Sequence[tuple[int, int, str]]],
    hardware: Sequence[Entity] = (),
) -> list[Entity]:
    """PER/ORG/LOC entities of a document, plus its hardware entities, in no particular order.

    `spans` holds NER's (start, stop, type) per sentence, relative to the sentence; a
    model name wins over natasha's ORG/LOC reading of it ("NVIDIA H100"), and the
    hardware extractor's vendor words are ORG mentions.
    """
    hw = Intervals((e.start, e.stop) for e in hardware if e.type != ORG)
    capitals = _initial_capitals(text, sentences)
    mentions: list[Mention] = []
    titles = quoted_titles(text) if _MAY_QUOTE.search(text) else set()
    for sent, sent_spans in zip(sentences, spans, strict=True):
        found: list[Mention] = []
        for start, stop, type_ in sent_spans:
            for m in _span_mentions(text, sent, sent.start + start, sent.start + stop, type_, capitals, titles):
                if not hw.overlaps(m.start, m.stop):
                    found.append(m)
        mentions += _institution_of_place(text, sent, found)
    if titles:
        mentions = _drop_titles(mentions, titles)
    mentions += [Mention(ORG, e.start, e.stop, e.text) for e in hardware if e.type == ORG]
    taken = Intervals([(m.start, m.stop) for m in mentions] + [(e.start, e.stop) for e in hardware])
    extra = (
        source_mentions(text)
        + [m for s in sentences if (m := _lexicon_start(text, s))]
        + _latin_orgs(text)
        + _makers_after_from(text)
    )
    for m in sorted(extra, key=lambda m: (m.start, m.stop)):
        if not taken.overlaps(m.start, m.stop) and not (mentions and _last_overlaps(mentions[-1], m)):
            mentions.append(m)
    # two NER spans grown into one name ("Xiaomi" + ".EU") are one mention
    mentions = list({(m.start, m.stop, m.type): m for m in sorted(mentions, key=lambda m: (m.start, m.stop))}.values())
    return resolve(mentions, text) + [e for e in hardware if e.type != ORG]
