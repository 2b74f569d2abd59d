"""Documents built by hand for the view tests: exact facts, whatever the extractor does today.

ARTICLE is our own text, written for these tests: a headline, a paragraph with a
post (глава Nvidia), amounts with subjects, a date, and a `<script>` with quotes and
commas (HTML escaping, CSV quoting). HOSTILE carries terminal escape sequences.
"""

from __future__ import annotations

from newsfacts.doc import Document, Entity, Quantity, Role, Sentence, Subject

ARTICLE = (
    "Nvidia продаст Microsoft 150 тысяч ускорителей H100\n"
    "\n"
    "Глава Nvidia Дженсен Хуанг сообщил, что Microsoft закупит около 150 тысяч ускорителей H100 для дата-центров"
    " в Техасе. Сделка обойдётся Microsoft в 4,5 млрд долларов.\n"
    "В марте 2024 года Хуанг показал в Сан-Хосе ускоритель B200, «втрое быстрее» прошлого поколения; на слайде было"
    ' написано <script>alert("x")</script>.\n'
)

SENTENCES = (
    "Nvidia продаст Microsoft 150 тысяч ускорителей H100",
    "Глава Nvidia Дженсен Хуанг сообщил, что Microsoft закупит около 150 тысяч ускорителей H100 для дата-центров"
    " в Техасе.",
    "Сделка обойдётся Microsoft в 4,5 млрд долларов.",
    "В марте 2024 года Хуанг показал в Сан-Хосе ускоритель B200, «втрое быстрее» прошлого поколения; на слайде было"
    ' написано <script>alert("x")</script>.',
)


def find(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def sentences(text: str, parts: tuple[str, ...]) -> tuple[Sentence, ...]:
    out, pos = [], 0
    for i, part in enumerate(parts):
        start = text.index(part, pos)
        out.append(Sentence(i, start, start + len(part), part))
        pos = start + len(part)
    return tuple(out)


def sentence_of(sents: tuple[Sentence, ...], start: int) -> int:
    return next(s.index for s in sents if s.start <= start < s.stop)


def article(source: str = "tests/article.txt") -> Document:
    text = ARTICLE
    sents = sentences(text, SENTENCES)

    def ent(kind, needle, normal, nth=0, **hw):
        start, stop = find(text, needle, nth)
        return Entity(kind, needle, normal, start, stop, sentence_of(sents, start), **hw)

    h100 = {"vendor": "NVIDIA", "category": "GPU", "model": "H100"}
    entities = [
        ent("ORG", "Nvidia", "NVIDIA", 0),
        ent("ORG", "Microsoft", "Microsoft", 0),
        ent("HARDWARE", "H100", "NVIDIA H100", 0, **h100),
        ent("ORG", "Nvidia", "NVIDIA", 1),
        ent("PER", "Дженсен Хуанг", "Дженсен Хуанг"),
        ent("ORG", "Microsoft", "Microsoft", 1),
        ent("HARDWARE", "H100", "NVIDIA H100", 1, **h100),
        ent("LOC", "Техасе", "Техас"),
        ent("ORG", "Microsoft", "Microsoft", 2),
        ent("DATE", "В марте 2024 года", "2024-03"),
        ent("PER", "Хуанг", "Дженсен Хуанг", 1),
        ent("LOC", "Сан-Хосе", "Сан-Хосе"),
        ent("HARDWARE", "B200", "NVIDIA B200", vendor="NVIDIA", category="GPU", model="B200"),
    ]
    entities.sort(key=lambda e: e.start)

    def qty(needle, value, unit, kind, nth=0, subject=None, predicate=None, approx=False):
        start, stop = find(text, needle, nth)
        subj = None
        if subject is not None:
            s_start, s_stop = find(text, subject[1], subject[2])
            subj = Subject(subject[0], subject[3], subject[1], s_start, s_stop)
        return Quantity(needle, value, unit, kind, start, stop, approx=approx, sentence=sentence_of(sents, start),
                        subject=subj, predicate=predicate)

    quantities = (
        qty("150 тысяч ускорителей", 150000.0, "ускоритель", "count"),
        qty("около 150 тысяч ускорителей", 150000.0, "ускоритель", "count", approx=True,
            subject=("ORG", "Microsoft", 1, "Microsoft"), predicate="закупить"),
        qty("4,5 млрд долларов", 4.5e9, "USD", "money", subject=("ORG", "Microsoft", 2, "Microsoft"),
            predicate="обойтись"),
    )
    r_start, r_stop = find(text, "Глава Nvidia Дженсен Хуанг")
    roles = (Role("Дженсен Хуанг", "NVIDIA", "глава", "Глава Nvidia Дженсен Хуанг", r_start, r_stop, 1),)
    return Document(source, text, sents, tuple(entities), quantities, roles)


def second(source: str = "tests/second.txt") -> Document:
    """A shorter document for batches: Microsoft with H100 in one sentence, a money amount in rubles."""
    text = "Microsoft арендует H100 у Яндекса за 2 млрд рублей.\n"
    sents = sentences(text, (text.strip(),))
    m, h, y = find(text, "Microsoft"), find(text, "H100"), find(text, "Яндекса")
    q = find(text, "2 млрд рублей")
    return Document(
        source, text, sents,
        (Entity("ORG", "Microsoft", "Microsoft", *m, 0),
         Entity("HARDWARE", "H100", "NVIDIA H100", *h, 0, vendor="NVIDIA", category="GPU", model="H100"),
         Entity("ORG", "Яндекса", "Яндекс", *y, 0)),
        (Quantity("2 млрд рублей", 2e9, "RUB", "money", *q, sentence=0),),
    )  # fmt: skip


HOSTILE_TEXT = "Компания Evil\x1b[2J\x1b]0;pwned\x07Corp купила 5 серверов.\n"


def hostile(source: str = "evil\x1b[31m.txt") -> Document:
    text = HOSTILE_TEXT
    sents = sentences(text, (text.strip(),))
    name = "Evil\x1b[2J\x1b]0;pwned\x07Corp"
    start, stop = find(text, name)
    q = find(text, "5 серверов")
    return Document(source, text, sents, (Entity("ORG", name, name, start, stop, 0),),
                    (Quantity("5 серверов", 5.0, "сервер", "count", *q, sentence=0),))
