"""Who holds which post: ROLE facts from a post word next to a person and an organisation.

Patterns, each a named function over one sentence's entities and text:

- ``post_org_person``: "глава AMD Лиза Су", "основатель Telegram Павел Дуров",
  "генеральный директор компании Эрик Юань" (an anaphor for the organisation),
  "президент Владимир Путин" (no organisation named: org None);
- ``person_comma_post``: "Герман Греф, президент Сбербанка",
  "Игоря Бабушкина и Мануэля Кройса, инженеров из компании DeepMind";
- ``appointed``: "Иван Петров назначен генеральным директором МТС".

The role is the post as listed in data/posts.tsv (nominative singular); person and org
are the entities' normals. Between the parts only descriptive lower-case words may stand
("исследовательской организации CNA"), never a verb or a sentence break.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .. import recache
from ..const import LOC, ORG, PER
from ..data import load_lines, load_rows
from ..doc import Entity, Role, Sentence
from ..morph import parse
from . import anaphora
from .context import source_starts
from .running import RunningBest
from .wordlist import alternation

_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_DROP = sorted({w for k, w in load_rows("fact_words.tsv") if k == "role_drop"}, key=len, reverse=True)


def _inflect(p, want: set[str], lexemes: dict):
    """``Parse.inflect`` with the word's lexeme read once (pymorphy reads it again on every
    call: ~0.05 ms, 800 calls for the posts); the same choice of form as pymorphy's."""
    known = lexemes.get(id(p))  # parse() caches: one word's parse is one object
    if known is None:
        known = lexemes[id(p)] = (p, [(f, f.tag.grammemes) for f in p.lexeme])
    lexeme = known[1]
    possible = [(f, g) for f, g in lexeme if want <= g]
    if not possible:
        want = type(p.tag).fix_rare_cases(want)
        possible = [(f, g) for f, g in lexeme if want <= g]
    if not possible:
        return None
    grammemes = p.tag.updated_grammemes(want)
    # the first form of the highest similarity, as heapq.nlargest(1, ...) picks it
    return max(possible, key=lambda fg: len(grammemes & fg[1]) - 0.1 * len(grammemes ^ fg[1]))[0]


def _inflections(entry: str, lexemes: dict | None = None) -> dict[str, str]:
    """Every case and number form of a post phrase -> the phrase itself."""
    lexemes = {} if lexemes is None else lexemes
    words = entry.split()
    parses = [parse(w.lower()) for w in words]
    head = next((n for n, p in enumerate(parses) if p and p[0].tag.POS == "NOUN"), None)
    forms = {entry.lower(): entry}
    if head is None:
        return forms
    for number in ("sing", "plur"):
        for case in _CASES:
            out = []
            for n, (w, p) in enumerate(zip(words, parses, strict=True)):
                if n > head or not p:
                    out.append(w.lower())
                    continue
                want = {case, number} | ({"masc"} if n < head and number == "sing" else set())
                form = _inflect(p[0], want, lexemes)
                if form is None:
                    break
                out.append(form.word)
            else:
                forms[" ".join(out)] = entry
    return {f.replace("ё", "е"): e for f, e in forms.items()} | forms


# Letters that re.IGNORECASE matches to a letter of the forms though str.lower() leaves them
# be (Cyrillic variant forms), and the one letter whose lower() is two characters.
_CASE_EXTRA = str.maketrans({"\u0130": "i", "\u1c80": "в", "\u1c81": "д", "\u1c82": "о", "\u1c83": "с",
                             "\u1c84": "т", "\u1c85": "т", "\u1c86": "ъ", "\u1c87": "ѣ", "\u1c88": "ꙋ"})
_CASE_EXTRA_RE = recache.compile("[\u0130\u1c80-\u1c88]")


class _PostMatch:
    """One post found in a sentence: the part of ``re.Match`` the patterns read."""

    __slots__ = ("_span", "_post")

    def __init__(self, start: int, stop: int, post: tuple[int, int], text: str) -> None:
        self._span = (start, stop)
        self._post = text[post[0] : post[1]]

    def start(self) -> int:
        return self._span[0]

    def end(self) -> int:
        return self._span[1]

    def group(self, name: str) -> str:
        assert name == "post"
        return self._post


class _Words:
    """Words (may hold spaces) to find at a position: a set and their lengths."""

    def __init__(self, words) -> None:
        self.words = frozenset(words)
        self.lengths = sorted({len(w) for w in self.words}, reverse=True)

    def ends(self, low: str, pos: int, stop: int) -> list[int]:
        """Ends of the words that `low` holds at `pos`, longest first: all are prefixes of one
        another, and the regex trie of wordlist.alternation tries them in that order."""
        return [pos + n for n in self.lengths if pos + n <= stop and low[pos : pos + n] in self.words]


class _PostTable:
    """The posts, every form of them, and a matcher over words.

    It finds what the regex ``(?<![\\w-])(?:(?:DROP)\\s+)?(?P<post>POST)(?:\\s*(?:[-–—]|и)\\s*(?:POST))?(?![\\w-])``
    (re.IGNORECASE) finds, trying alternatives in the order that regex does; compiling that
    regex of the 500 forms cost ~30 ms at start-up, and building the forms ~45 ms, so both
    wait for the first sentence with a person in it.
    """

    def __init__(self) -> None:
        lexemes: dict = {}
        self.forms: dict[str, str] = {}
        for entry in load_lines("posts.tsv"):
            self.forms.update(_inflections(entry, lexemes))
        self.posts = _Words(self.forms)
        self.drops = _Words(_DROP)
        # where a match may start: a word start and the first three letters of a form or a drop word
        heads = {w[:3] for w in (*self.forms, *_DROP)}
        self.starts = recache.compile(rf"(?<![\w-])(?={alternation(heads)})", re.IGNORECASE)

    def finditer(self, text: str, low: str, pos: int, stop: int) -> list[_PostMatch]:
        """Posts in text[pos:stop] (`low`: the text lower-cased, of the same length), left to right."""
        out = []
        done = pos
        for s in self.starts.finditer(text, pos, stop):
            start = s.start()
            if start < done:
                continue
            m = self._match_at(text, low, start, stop)
            if m is not None:
                out.append(m)
                done = m.end()
        return out

    def _match_at(self, text: str, low: str, start: int, stop: int) -> _PostMatch | None:
        heads = []
        for end in self.drops.ends(low, start, stop):  # "бывший" and its spaces, or nothing
            space = _skip_space(text, end, stop)
            if space > end:
                heads.append(space)
        heads.append(start)
        for p in heads:
            for e in self.posts.ends(low, p, stop):
                # "генеральный директор и председатель правления": the second post is in the match
                q = _skip_space(text, e, stop)
                if q < stop and (text[q] in "-–—" or low[q] == "и"):
                    r = _skip_space(text, q + 1, stop)
                    for e2 in self.posts.ends(low, r, stop):
                        if _word_end(text, e2, stop):
                            return _PostMatch(start, e2, (p, e), text)
                if _word_end(text, e, stop):
                    return _PostMatch(start, e, (p, e), text)
        return None


def _skip_space(text: str, pos: int, stop: int) -> int:
    while pos < stop and text[pos].isspace():
        pos += 1
    return pos


def _word_end(text: str, pos: int, stop: int) -> bool:
    """``(?![\\w-])`` at `pos`, in a string that ends at `stop`."""
    return pos >= stop or not (text[pos].isalnum() or text[pos] in "_-")


@lru_cache(maxsize=1)
def _table() -> _PostTable:
    return _PostTable()


def _lower(text: str) -> str:
    """The text lower-cased as re.IGNORECASE compares it to the forms, offsets kept."""
    if _CASE_EXTRA_RE.search(text):
        text = text.translate(_CASE_EXTRA)
    return text.lower()


# Words allowed between a post and the organisation: lower-case descriptions, "из", "в".
_GAP_RE = recache.compile(r"(?:[\s\u00a0]+(?:[а-яё][а-яё-]*|«|„|\"))*[\s\u00a0«„\"]*")
_JOIN_RE = recache.compile(r"[\s\u00a0,«»\"„“”]*")
_PAREN_RE = recache.compile(r"\s*\([^()]{1,60}\)")
_NEXT_PERSON_RE = recache.compile(r"\s*(?:,\s*|\s)и\s+|\s*,\s*(?=[A-ZА-ЯЁ])")
_MAX_GAP_WORDS = 8


@dataclass
class _View:
    text: str
    sentence: Sentence
    people: list[Entity]
    orgs: list[Entity]
    main_org: RunningBest  # the most mentioned organisation before an offset, sources aside


def _starting(items: list[Entity], pos: int) -> Entity | None:
    return next((e for e in items if e.start == pos), None)


def _gap_org(v: _View, pos: int, limit: int) -> tuple[Entity | None, int, str]:
    """After a post: skip descriptive words, return (org entity or None, position after, gap text)."""
    for e in v.orgs:
        if pos <= e.start <= limit:
            gap = v.text[pos : e.start]
            if _plain_gap(gap):
                return e, e.stop, gap
            break
    return None, pos, ""


def _plain_gap(gap: str) -> bool:
    if any(ch in gap for ch in ".,;:!?()\n—–") and gap.strip(" \u00a0«„\"") not in ("",):
        return False
    words = gap.split()
    return len(words) <= _MAX_GAP_WORDS and all(w.strip("«„\"").islower() or not w.strip("«„\"") for w in words)


def _anaphor_org(v: _View, gap: str, before: int) -> Entity | None:
    """ "глава компании Сундар Пичаи": an organisation word in the gap refers back."""
    for w in gap.split():
        p = parse(w.strip("«„\"").lower())
        if not p:
            continue
        kinds = [k for k in anaphora.ANAPHORS.get(p[0].normal_form, []) if k.type == ORG]
        if kinds:
            # the company the text is most about so far: a source or a passing mention is
            # nearer, but "глава компании" means the company of the story
            return v.main_org.before(before)
    return None


def _people_at(v: _View, pos: int) -> list[Entity]:
    """People starting at pos: "Стива Эванса (Steve Evans) и Джона Рейфилда"."""
    out = []
    while True:
        m = _JOIN_RE.match(v.text, pos)
        pos = m.end()
        person = _starting(v.people, pos)
        if person is None:
            return out
        out.append(person)
        pos = person.stop
        paren = _PAREN_RE.match(v.text, pos)
        if paren:
            pos = paren.end()
        joined = _NEXT_PERSON_RE.match(v.text, pos)  # at pos: a slice from there made long texts quadratic
        if not joined:
            return out
        pos = joined.end()


def post_org_person(v: _View, m: _PostMatch) -> list[tuple[Entity, Entity | None, int, int]]:
    stop = v.sentence.stop
    org, pos, gap = _gap_org(v, m.end(), stop)
    if org is None:
        gap_m = _GAP_RE.match(v.text, m.end())
        gap = v.text[m.end() : gap_m.end()]
        people = _people_at(v, gap_m.end()) if _plain_gap(gap) else []
        if not people:
            return []
        org = _anaphor_org(v, gap, m.start())
        return [(p, org, m.start(), people[-1].stop) for p in people]
    people = _people_at(v, pos)
    return [(p, org, m.start(), people[-1].stop) for p in people]


def person_comma_post(v: _View, m: _PostMatch) -> list[tuple[Entity, Entity | None, int, int]]:
    left = v.text[v.sentence.start : m.start()]
    mm = re.search(r"(?:\([^()]{1,60}\))?\s*,\s*(?:(?:" + "|".join(map(re.escape, _DROP)) + r")\s+)?$", left,
                   re.IGNORECASE)
    if not mm:
        return []
    end = v.sentence.start + mm.start()
    people = [p for p in v.people if p.stop == end]
    if not people:
        return []
    # the people listed before: "Игоря Бабушкина и Мануэля Кройса, инженеров"
    first = people[0]
    for p in reversed([p for p in v.people if p.stop < first.start]):
        if re.fullmatch(r"\s*(?:,|и)\s*", v.text[p.stop : first.start]):
            people.insert(0, p)
            first = p
        else:
            break
    org, pos, gap = _gap_org(v, m.end(), v.sentence.stop)
    if org is None:
        gap_m = _GAP_RE.match(v.text, m.end())
        org = _anaphor_org(v, v.text[m.end() : gap_m.end()], people[0].start)
        if org is None:
            return []
        pos = gap_m.end()
    return [(p, org, people[0].start, pos) for p in people]


def appointed(v: _View, m: _PostMatch) -> list[tuple[Entity, Entity | None, int, int]]:
    left = v.text[v.sentence.start : m.start()]
    if not re.search(r"назнач\w*\s+(?:на\s+(?:пост|должность)\s+)?$", left, re.IGNORECASE):
        return []
    people = [p for p in v.people if p.stop <= m.start()]
    if not people:
        return []
    org, pos, _gap = _gap_org(v, m.end(), v.sentence.stop)
    if org is None:
        return []
    return [(people[-1], org, people[-1].start, pos)]


PATTERNS: tuple[Callable[[_View, _PostMatch], list[tuple[Entity, Entity | None, int, int]]], ...] = (
    appointed,
    person_comma_post,
    post_org_person,
)


def find_roles(text: str, sentences: Sequence[Sentence], entities: Sequence[Entity]) -> list[Role]:
    """ROLE facts of a document, one per (person, org) pair, in text order."""
    out: list[Role] = []
    seen: set[tuple[str, str | None]] = set()
    named = sorted((e for e in entities if e.type in (PER, ORG, LOC)), key=lambda e: (e.start, e.stop))
    starts = [e.start for e in named]
    sources = source_starts(text, named)
    org_counts = Counter(e.normal for e in named if e.type == ORG and e.start not in sources)
    main_org = RunningBest(named, starts, lambda e: e.type == ORG and e.start not in sources,
                           lambda n, e: (org_counts[e.normal], n))
    table: _PostTable | None = None
    low = ""
    for sent in sentences:
        # the sentence's entities by bisection: a scan of all of them per sentence is quadratic
        lo, hi = bisect_left(starts, sent.start), bisect_left(starts, sent.stop)
        inside = [e for e in named[lo:hi] if e.stop <= sent.stop]
        people = [e for e in inside if e.type == PER]
        if not people:
            continue
        orgs = [e for e in inside if e.type in (ORG, LOC)]
        view = _View(text, sent, people, orgs, main_org)
        if table is None:
            table, low = _table(), _lower(text)
        for m in table.finditer(text, low, sent.start, sent.stop):
            role = table.forms.get(m.group("post").lower().replace("ё", "е"))
            if role is None:
                continue
            for pattern in PATTERNS:
                found = pattern(view, m)
                if not found:
                    continue
                for person, org, start, stop in found:
                    key = (person.normal or person.text, org.normal if org else None)
                    if key in seen:
                        continue
                    seen.add(key)
                    out.append(Role(key[0], key[1], role, text[start:stop], start, stop, sent.index))
                break
    return out
