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

from ..const import LOC, ORG, PER
from ..data import load_lines, load_rows
from ..doc import Entity, Role, Sentence
from ..morph import parse
from . import anaphora
from .subjects import source_starts
from .wordlist import alternation

_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_DROP = sorted({w for k, w in load_rows("fact_words.tsv") if k == "role_drop"}, key=len, reverse=True)


def _inflections(entry: str) -> dict[str, str]:
    """Every case and number form of a post phrase -> the phrase itself."""
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
                form = p[0].inflect(want)
                if form is None:
                    break
                out.append(form.word)
            else:
                forms[" ".join(out)] = entry
    return {f.replace("ё", "е"): e for f, e in forms.items()} | forms


POSTS: dict[str, str] = {}
for _entry in load_lines("posts.tsv"):
    POSTS.update(_inflections(_entry))
_POST_RE = re.compile(
    rf"(?<![\w-])(?:(?:{alternation(_DROP)})\s+)?(?P<post>{alternation(POSTS)})"
    rf"(?:\s*(?:[-–—]|и)\s*(?:{alternation(POSTS)}))?(?![\w-])",
    re.IGNORECASE,
)
# Words allowed between a post and the organisation: lower-case descriptions, "из", "в".
_GAP_RE = re.compile(r"(?:[\s\u00a0]+(?:[а-яё][а-яё-]*|«|„|\"))*[\s\u00a0«„\"]*")
_JOIN_RE = re.compile(r"[\s\u00a0,«»\"„“”]*")
_PAREN_RE = re.compile(r"\s*\([^()]{1,60}\)")
_MAX_GAP_WORDS = 8


@dataclass
class _View:
    text: str
    sentence: Sentence
    people: list[Entity]
    orgs: list[Entity]
    entities: Sequence[Entity]  # the whole document's, for anaphors
    sources: frozenset[int]  # starts of mentions that are sources ("по данным X")
    org_counts: Counter  # mentions of each organisation in the document, sources aside
    starts: list[int]  # of `entities`, which are in text order


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
            return _main_org(v, before)
    return None


def _main_org(v: _View, before: int) -> Entity | None:
    """The organisation a post without a name belongs to: the one the text is most about so far
    (a source or a passing mention is nearer, but "глава компании" means the company of the story)."""
    counts = v.org_counts
    best = None
    # entities start in text order: one starting at or after `before` cannot end before it
    for n, e in enumerate(v.entities[: bisect_left(v.starts, before)]):
        if e.type != ORG or e.stop > before or e.start in v.sources:
            continue
        key = (counts[e.normal], n)
        if best is None or key > best[0]:
            best = (key, e)
    return best[1] if best else None


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
        joined = re.match(r"\s*(?:,\s*|\s)и\s+|\s*,\s*(?=[A-ZА-ЯЁ])", v.text[pos:])
        if not joined:
            return out
        pos += joined.end()


def post_org_person(v: _View, m: re.Match) -> list[tuple[Entity, Entity | None, int, int]]:
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


def person_comma_post(v: _View, m: re.Match) -> list[tuple[Entity, Entity | None, int, int]]:
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


def appointed(v: _View, m: re.Match) -> list[tuple[Entity, Entity | None, int, int]]:
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


PATTERNS: tuple[Callable[[_View, re.Match], list[tuple[Entity, Entity | None, int, int]]], ...] = (
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
    for sent in sentences:
        # the sentence's entities by bisection: a scan of all of them per sentence is quadratic
        lo, hi = bisect_left(starts, sent.start), bisect_left(starts, sent.stop)
        inside = [e for e in named[lo:hi] if e.stop <= sent.stop]
        people = [e for e in inside if e.type == PER]
        if not people:
            continue
        orgs = [e for e in inside if e.type in (ORG, LOC)]
        view = _View(text, sent, people, orgs, named, sources, org_counts, starts)
        for m in _POST_RE.finditer(text, sent.start, sent.stop):
            role = POSTS.get(m.group("post").lower().replace("ё", "е"))
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
