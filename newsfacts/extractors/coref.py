"""Document-level names: one canonical nominative `normal` per real-world thing.

Every step indexes mentions by key (surname forms, lemma key, alias), so the cost
grows with the number of mentions, never with its square: a megabyte of distinct
names resolves as fast per name as a paragraph.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .. import recache
from ..const import LOC, ORG, PER
from ..doc import Entity
from ..morph import known, parse
from .lexicon import canonical_org, fold, strip_legal_form
from .names import WORD, is_inflectable, is_known_name, normalize, strip_quotes, surname_keys


@dataclass(frozen=True, slots=True)
class Mention:
    """One NER (or lexicon) mention; `head` is the span of the name it abbreviates or translates."""

    type: str
    start: int
    stop: int
    text: str
    head: tuple[int, int] | None = None
    quoted: bool = False
    cases: frozenset[str] | None = None  # the cases the words before it allow (names.cases_before)


def resolve(mentions: Iterable[Mention], text: str = "") -> list[Entity]:
    """Entities with one canonical nominative `normal` per real-world thing (`text`, the
    document, tells a name's declension by the forms it writes)."""
    mentions = _surnames_as_people(list(mentions))
    normals = [_normal(m) for m in mentions]
    if text:
        normals = _feminine_a(mentions, normals, text)
    canon: dict[int, str] = {}
    for type_ in (PER, ORG, LOC):
        idx = [i for i, m in enumerate(mentions) if m.type == type_ and m.head is None]
        if type_ == PER:
            canon.update(_resolve_people(mentions, normals, idx))
        else:
            canon.update(_resolve_names(mentions, normals, idx))
    _resolve_aliases(mentions, normals, canon)
    return [Entity(m.type, m.text, canon.get(i, normals[i]), m.start, m.stop) for i, m in enumerate(mentions)]


def _surnames_as_people(mentions: list[Mention]) -> list[Mention]:
    """A one-word ORG or LOC that is the surname of a person named in the document is that
    person ("Шугалей" after "Максим Шугалей"): NER's type for a lone surname is a guess."""
    surnames = {fold(_words(m.text)[-1]) for m in mentions if m.type == PER and len(_words(m.text)) > 1}
    if not surnames:
        return mentions
    out = []
    for m in mentions:
        words = _words(m.text)
        if m.type != PER and m.head is None and len(words) == 1 and fold(words[0]) in surnames:
            m = Mention(PER, m.start, m.stop, m.text, cases=m.cases)
        out.append(m)
    return out


_A_FORMS = ("ою", "ой", "е", "у", "а")  # the -а declension's singular endings, but -ы


def _feminine_a(mentions: list[Mention], normals: list[str], text: str) -> list[str]:
    """An unknown one-word name that the text also writes with -ы ("Гондваны") is of the -а
    declension: "Гондвана", "Гондване" are forms of Гондвана, not of a masculine "Гондван",
    unless the text writes that one too (or its "-ом")."""
    out = normals
    written: set[str] | None = None  # the capitalised words of the text, read once if needed
    for i, m in enumerate(mentions):
        # a one-word name, or the surname of a full one ("Диего Марадона" beside "Марадоны")
        head, _, last = m.text.rpartition(" ")
        n_head, _, n_last = normals[i].rpartition(" ")
        if head and (m.type != PER or len(head.split()) != len(n_head.split())):
            continue
        if len(last) < 5 or not last.isalpha() or not is_inflectable(last):
            continue
        end = next((e for e in _A_FORMS if last.endswith(e)), None)
        if end is None or last[-len(end) - 1] in _VOWELS or known(last.lower()):
            continue
        stem = last[: -len(end)]
        if fold(n_last) == fold(stem + "а"):
            continue
        if written is None:
            written = set(_CAPITALISED.findall(text))
        if stem + "ы" not in written or stem in written or stem + "ом" in written:
            continue  # no -ы form, or a masculine one: "Байден", "Байденом"
        if out is normals:
            out = list(normals)
        out[i] = f"{n_head} {stem}а" if head else stem + "а"
    return out


_VOWELS = frozenset("аеёиоуыэюяйь")
_CYRILLIC_WORD = recache.compile(r"[А-ЯЁ]")
_CAPITALISED = recache.compile(r"(?<![\w-])[А-ЯЁ][а-яё]+(?![\w-])")


def _normal(m: Mention) -> str:
    if m.type == ORG:
        # the lexicon's spelling first: «Известия» as written, not the lemma "известие"
        bare = strip_legal_form(m.text)
        if m.quoted and _plural_name(bare):
            return canonical_org(bare) or bare  # «Новости», «Вести»: a plural name, as written
        return canonical_org(bare) or _known(normalize(ORG, bare, m.cases))
    return normalize(m.type, m.text, m.cases)


def _plural_name(name: str) -> bool:
    words = WORD.findall(name)
    return len(words) == 1 and any({"nomn", "plur"} <= p.tag.grammemes for p in parse(name.lower()))


def _known(normal: str) -> str:
    return canonical_org(normal) or normal


def _resolve_aliases(mentions: list[Mention], normals: list[str], canon: dict[int, str]) -> None:
    """A bracketed original or abbreviation, and its later uses, take the name it stands for."""
    by_span = {(m.start, m.stop): i for i, m in enumerate(mentions)}
    aliases: dict[str, str] = {}
    for i, m in enumerate(mentions):
        if m.head is None:
            continue
        head = by_span.get(m.head)
        if head is None:
            canon[i] = normals[i]
            continue
        canon[i] = canon.get(head, normals[head])
        aliases.setdefault(fold(strip_quotes(m.text)), canon[i])
    if not aliases:
        return
    for i, m in enumerate(mentions):
        if m.head is None and m.type != PER:
            known = aliases.get(fold(strip_quotes(m.text)))
            if known:
                canon[i] = known


def _words(text: str) -> list[str]:
    return WORD.findall(text)


def _keys(word: str, normal_word: str | None = None) -> set[str]:
    keys = set(surname_keys(word))
    if normal_word:
        keys.add(normal_word.lower().replace("ё", "е"))
    return keys


def _resolve_people(mentions: list[Mention], normals: list[str], idx: list[int]) -> dict[int, str]:
    """Every mention of a person carries the fullest name the document gives.

    Full names are the same person when both their first and last words can be
    forms of one another ("Илона Маска" ~ "Илон Маск"); a surname alone joins
    the person whose surname it can be a form of ("Маском").
    """
    surfaces = {" ".join(_words(mentions[i].text)).lower().replace("ё", "е") for i in idx}
    written = Counter(_words(mentions[i].text)[-1].lower() for i in idx if _words(mentions[i].text))
    people: list[dict] = []  # {"first", "last", "members"}
    by_last: dict[str, list[int]] = defaultdict(list)  # surname key -> people
    singles = []
    for i in idx:
        words, nwords = _words(mentions[i].text), _words(normals[i])
        if len(words) < 2 or len(nwords) < 2:
            singles.append(i)
            continue
        first, last = _keys(words[0], nwords[0]), _keys(words[-1], nwords[-1])
        found = min((p for k in last for p in by_last.get(k, ()) if people[p]["first"] & first), default=None)
        if found is None:
            found = len(people)
            people.append({"first": set(), "last": set(), "members": []})
        person = people[found]
        person["first"] |= first
        for k in last - person["last"]:
            by_last[k].append(found)
        person["last"] |= last
        person["members"].append(i)
    people = _merge_spellings(people, mentions, normals, by_last)
    out: dict[int, str] = {}
    for person in people:
        forms = Counter(normals[i] for i in person["members"])
        lasts = {_words(mentions[i].text)[-1] for i in person["members"]}
        first_at = {}
        for i in sorted(person["members"]):
            first_at.setdefault(normals[i], i)
        # a form written so in the text beats a generated one (Илон Маск, not Илона Маска);
        # then the form that the most spellings can be a case of; then the text's first spelling
        best = sorted(
            forms,
            key=lambda f: (
                -(f.lower().replace("ё", "е") in surfaces),
                _capitals(f),
                -_explains(f, lasts),
                -len(_words(f)),
                -forms[f],
                first_at[f],
            ),
        )
        person["normal"] = _indeclinable_surname(best[0], person["members"], mentions, written)
        for i in person["members"]:
            out[i] = person["normal"]
    groups: list[list[int]] = []
    by_key: dict[str, int] = {}  # surname key -> the first group that holds it
    by_start: dict[str, list[int]] = defaultdict(list)  # a surname's first letters -> people
    for n, person in enumerate(people):
        last = _spelling(_words(person["normal"])[-1])
        by_start[last[:3]].append(n)
    for i in singles:
        words = _words(mentions[i].text) or [mentions[i].text]
        keys = _keys(words[-1], (_words(normals[i]) or [None])[-1])
        matches = {p for k in keys for p in by_last.get(k, ()) if not _gender_clash(words[-1], people[p]["normal"])}
        if not matches and len(words) == 1:
            # "Гарсиа-Доваль" alone after "Игнасио Гарсия-Доваль": the same surname spelled otherwise
            alone = _spelling(words[0])
            near = by_start.get(alone[:3], ())
            if len(near) <= _BUCKET:
                matches = {
                    n
                    for n in near
                    if _near(alone, _spelling(_words(people[n]["normal"])[-1]))
                    and not _gender_clash(words[0], people[n]["normal"])
                }
        if not matches and len(words) == 1:
            # "Алена", "Алену" after "Алена Водонаева": a first name alone is that person, when
            # the document names only one person so
            matches = {p for p in range(len(people)) if people[p]["first"] & keys}
            if len(matches) > 1:
                matches = set()
        if matches:
            out[i] = people[max(sorted(matches), key=lambda p: len(people[p]["members"]))]["normal"]
            continue
        found = min((by_key[k] for k in keys if k in by_key), default=None)
        if found is None:
            found = len(groups)
            groups.append([])
        groups[found].append(i)
        for k in keys:
            by_key.setdefault(k, found)
    # A surname seen alone: prefer a form that stands in the text as written (Маск)
    for members in groups:
        forms = Counter(normals[i] for i in members)
        attested = [f for f in forms if f.lower().replace("ё", "е") in surfaces]
        best = sorted(attested or forms, key=lambda f: (-forms[f], len(f), f))[0]
        for i in members:
            out[i] = best
    return out


def _capitals(form: str) -> int:
    """Words written in capitals, as in a headline ("Андрей ШЕВЧЕНКО", "БЕЛШИНА"): such a
    spelling never becomes the normal while another is written."""
    return sum(w.isupper() and len(w) > 3 and bool(_CYRILLIC_WORD.match(w)) for w in _words(form))


_MASC_NOMINATIVE = recache.compile(r"(?:ов|ев|ёв|ин|ын|ский|цкий)$")
_FEM_SURNAME = recache.compile(r"(?:ова|ева|ёва|ина|ына|ская|цкая)$")
_FEM_ADJECTIVE = recache.compile(r"(?:ская|цкая)$")


def _gender_clash(surname: str, normal: str) -> bool:
    """"Юнисов" is no form of a woman "Рауза Юнисова", "Куликовская" none of a man: a lone
    surname in a man's nominative or a woman's adjective form keeps to its gender ("Иванова"
    may be a man's genitive)."""
    low, last = surname.lower(), _words(normal)[-1].lower()
    return bool(_MASC_NOMINATIVE.search(low) and _FEM_SURNAME.search(last)) or bool(
        _FEM_ADJECTIVE.search(low) and _MASC_NOMINATIVE.search(last)
    )


_CASE_ENDINGS = ("", "а", "я", "у", "ю", "е", "ом", "ем", "ой", "ей", "ы", "и", "о")


def _indeclinable_surname(normal: str, members: list[int], mentions: list[Mention], written: Counter) -> str:
    """"Криштиану Роналду" three times and never "Роналдо"/"Роналда": a surname in a vowel
    that the text never declines is indeclinable, whatever ending it looks to have."""
    lasts = {_words(mentions[i].text)[-1] for i in members}
    if len(lasts) != 1:
        return normal
    last = next(iter(lasts))
    low = last.lower()
    if low[-1:] not in "еиоуэю" or written[low] < 3 or _words(normal)[-1] == last:
        return normal
    stem = low[:-1]
    if any(stem + end in written for end in _CASE_ENDINGS if stem + end != low):
        return normal  # "Поттере" beside "Поттером": it declines
    return normal[: len(normal) - len(_words(normal)[-1])] + last


def _explains(form: str, lasts: set[str]) -> int:
    """How many written surnames the form's surname can be the nominative of: "Самер Хуэйфан"
    explains "Хуэйфана" and "Хуэйфане", "Самера Хуэйфаня" only the second."""
    last = _words(form)[-1].lower().replace("ё", "е")
    return sum(last in surname_keys(w) for w in lasts)


def _merge_spellings(people: list[dict], mentions: list[Mention], normals: list[str], by_last: dict) -> list[dict]:
    """One person written two ways in one text ("Брэд Рингайзен", "Брэд Рингейзен"; "Дуэйн" and
    "Дуйэн Джонсон"): the same first name and a surname one letter apart (two in a long one),
    or the same surname and two foreign spellings of one first name."""
    if len(people) < 2:
        return people
    parent = list(range(len(people)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    names = []
    for person in people:
        i = person["members"][0]
        words = _words(normals[i])
        names.append((_spelling(words[0]), _spelling(words[-1]), words[0]))
    # pairs are compared only within small buckets (the same first name and the surname's first
    # letters, or the reverse), so a long text of many people stays linear
    by_first: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_surname: dict[tuple[str, str], list[int]] = defaultdict(list)
    for k, (first, last, _) in enumerate(names):
        by_first[first, last[:1]].append(k)
        by_surname[last, first[:2]].append(k)
    for ks in by_first.values():  # same first name: surnames one letter apart
        if len(ks) > _BUCKET:
            continue  # a list of many like names, not one name spelled twice
        for a, b in ((a, b) for n, a in enumerate(ks) for b in ks[n + 1 :]):
            if _near(names[a][1], names[b][1]):
                parent[root(b)] = root(a)
    for ks in by_surname.values():  # same surname: a foreign first name spelled two ways
        if len(ks) > _BUCKET:
            continue
        for a, b in ((a, b) for n, a in enumerate(ks) for b in ks[n + 1 :]):
            if _near(names[a][0], names[b][0]) and not (is_known_name(names[a][2]) or is_known_name(names[b][2])):
                parent[root(b)] = root(a)
    merged: dict[int, dict] = {}
    for k, person in enumerate(people):
        r = root(k)
        if r not in merged:
            merged[r] = person
        elif merged[r] is not person:
            merged[r]["first"] |= person["first"]
            merged[r]["last"] |= person["last"]
            merged[r]["members"] += person["members"]
    if len(merged) == len(people):
        return people
    out = list(merged.values())
    by_last.clear()  # surnames point at the merged people
    for n, person in enumerate(out):
        for key in person["last"]:
            by_last[key].append(n)
    return out


_BUCKET = 6  # people compared pairwise for spellings at most: beyond, a list of like names
_SPELLING = str.maketrans({"ё": "е", "э": "е", "й": "и", "ґ": "г", "і": "и", "ї": "и", "є": "е", "-": ""})


def _spelling(word: str) -> str:
    """A word folded over the letters transliterations differ in (э/е, й/и, ґ/г)."""
    return word.lower().translate(_SPELLING)


def _near(a: str, b: str) -> bool:
    """One edit apart (a swap of two letters counts one), two in words of 8 letters or more."""
    if a == b:
        return False  # the same spelling is already one person, or two people
    n = min(len(a), len(b))
    if n < 5 or abs(len(a) - len(b)) > 2:
        return False
    return _within(a, b, 2 if n >= 8 else 1)


def _within(a: str, b: str, k: int) -> bool:
    """Are a and b at most k edits apart (an adjacent swap counts one)? A DP over the band
    |i - j| <= k only, stopped once every cell of a row exceeds k: O(len * k)."""
    big = k + 1
    prev2: list[int] | None = None
    prev = [j if j <= k else big for j in range(len(b) + 1)]
    for i in range(1, len(a) + 1):
        row = [big] * (len(b) + 1)
        if i <= k:
            row[0] = i
        for j in range(max(1, i - k), min(len(b), i + k) + 1):
            cost = a[i - 1] != b[j - 1]
            v = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                v = min(v, prev2[j - 2] + 1)
            row[j] = min(v, big)
        if min(row) > k:
            return False
        prev2, prev = prev, row
    return prev[len(b)] <= k


def _lemma_key(text: str) -> tuple[str, ...]:
    out = []
    for w in _words(text):
        low = w.lower().replace("ё", "е")
        if is_inflectable(w):
            p = parse(low)
            low = p[0].normal_form.replace("ё", "е") if p else low
        out.append(low)
    return tuple(out)


def _resolve_names(mentions: list[Mention], normals: list[str], idx: list[int]) -> dict[int, str]:
    """Organisations and places: one form for "Яндекса", "Яндексом", "Яндекс"."""
    groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in idx:
        groups[_lemma_key(normals[i]) or (normals[i].lower(),)].append(i)
    out: dict[int, str] = {}
    surfaces = Counter(strip_quotes(mentions[i].text) for i in idx)
    for members in groups.values():
        forms = Counter(normals[i] for i in members)
        # a form written in the text as is beats a generated one; then frequency
        for f in [f for f in forms if _capitals(f)]:
            # "БЕЛШИНА" from a headline, "Белшина" in the text: the text's spelling
            plain = next((w for w in surfaces if w.lower() == f.lower() and not _capitals(w)), None)
            if plain:
                forms[plain] += forms.pop(f)
        best = sorted(forms, key=lambda f: (-(f in surfaces), _capitals(f), -forms[f], f))[0]
        for i in members:
            out[i] = best
    return out
