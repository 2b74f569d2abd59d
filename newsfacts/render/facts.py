"""What every view shares: the kinds of fact, their names and colours, filtering, and marks.

Views take plain document dicts (``Document.as_json()``); a dict may also carry
the article's ``text`` (the CLI adds it for the views that show the article).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..const import DATE, FACT_KINDS, HARDWARE, LOC, ORG, PER, QUANTITY, ROLE
from ..escape import printable


@dataclass(frozen=True)
class Kind:
    name: str
    title: str  # a section heading: "People"
    label: str  # one word for a legend: "person"
    style: str  # rich style on a terminal
    colour: str  # background of a mark in HTML


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(PER, "People", "person", "bold cyan", "#cdeefd"),
        Kind(ORG, "Organisations", "organisation", "bold magenta", "#f6d5f7"),
        Kind(LOC, "Places", "place", "bold green", "#d4f5d4"),
        Kind(HARDWARE, "Hardware", "hardware", "bold yellow", "#fdf0b8"),
        Kind(DATE, "Dates", "date", "bold blue", "#dbe1ff"),
        Kind(QUANTITY, "Quantities", "amount", "bold red", "#ffd9cc"),
        Kind(ROLE, "Posts", "post", "underline", "transparent"),
    )
}
assert tuple(KINDS) == FACT_KINDS


def parse_types(value: str) -> tuple[str, ...]:
    """``"per, Org"`` -> ``("PER", "ORG")``; ValueError naming the known kinds for anything else."""
    kinds = tuple(dict.fromkeys(part.strip().upper() for part in value.split(",") if part.strip()))
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or not kinds:
        what = f"unknown kind {', '.join(unknown)}" if unknown else "no kind given"
        raise ValueError(f"{what}; known kinds: {','.join(FACT_KINDS)}")
    return kinds


def select(doc: dict[str, Any], types: Iterable[str] | None) -> dict[str, Any]:
    """A copy of ``doc`` with only the facts of ``types`` (all when None); sentences stay."""
    if types is None:
        return doc
    keep = set(types)
    out = dict(doc)
    out["entities"] = [e for e in doc.get("entities", []) if e["type"] in keep]
    out["quantities"] = list(doc.get("quantities", [])) if QUANTITY in keep else []
    out["roles"] = list(doc.get("roles", [])) if ROLE in keep else []
    return out


_CLOSING = tuple(".!?…:;»\"')”")  # what ends a sentence inside a paragraph (as segment.py reads lines)


def document_text(doc: dict[str, Any]) -> str:
    """The article text: ``doc["text"]`` when given, else rebuilt from the sentences.

    A rebuilt text keeps every offset: the gap before a sentence is filled with
    a space, a line break after a line with no closing punctuation (a headline),
    a blank line when it is two characters or more (what lies between sentences
    is only whitespace; which whitespace is not stored).
    """
    if doc.get("text") is not None:
        return doc["text"]
    parts: list[str] = []
    pos = 0
    for s in doc.get("sentences", []):
        gap = s["start"] - pos
        if gap == 1:
            parts.append(" " if parts and parts[-1].rstrip().endswith(_CLOSING) else "\n")
        elif gap > 1:
            parts.append("\n" * 2 + " " * (gap - 2))
        parts.append(s["text"])
        pos = s["stop"]
    chars = doc.get("chars", pos)
    if chars > pos:
        parts.append("\n" * (chars - pos))
    return "".join(parts)


def printable_lines(text: str) -> str:
    """An article's text for a terminal or a page: its line breaks and tabs kept, every other
    control character shown escaped (``printable`` makes one line of anything)."""
    if text.isprintable():
        return text
    return "\n".join("\t".join(printable(part) for part in line.split("\t")) for line in text.split("\n"))


def format_number(value: float | None) -> str:
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", " ")
    return f"{value:,.6g}".replace(",", " ") if abs(value) >= 1000 else f"{value:g}"


def format_amount(q: dict[str, Any]) -> str:
    """``~10 000 графический процессор``, ``1 000–2 000 USD``: an amount as one phrase."""
    value = format_number(q["value"])
    if q.get("max") is not None:
        value += "–" + format_number(q["max"])
    return ("~" if q.get("approx") else "") + value + (" " + q["unit"] if q.get("unit") else "")


@dataclass(frozen=True)
class Mark:
    """One span of the article to mark: a mention, an amount or a post, with what a reader wants to know."""

    kind: str
    start: int
    stop: int
    text: str
    normal: str | None  # shown when it differs from the text
    details: tuple[tuple[str, str], ...] = field(default=())  # ("vendor", "NVIDIA"), ...


def marks(doc: dict[str, Any]) -> list[Mark]:
    """Every fact of ``doc`` as a Mark, in text order (outer spans before the spans inside them)."""
    out: list[Mark] = []
    for e in doc.get("entities", []):
        details = [(k, e[k]) for k in ("vendor", "category") if e.get(k)]
        out.append(Mark(e["type"], e["start"], e["stop"], e["text"], e.get("normal"), tuple(details)))
    for q in doc.get("quantities", []):
        details = [("value", format_number(q["value"]))]
        if q.get("max") is not None:
            details.append(("max", format_number(q["max"])))
        details += [("unit", q["unit"]), ("kind", q["kind"])]
        if q.get("approx"):
            details.append(("approx", "yes"))
        subject = q.get("subject")
        if subject:
            details.append(("subject", subject["normal"]))
        if q.get("predicate"):
            details.append(("predicate", q["predicate"]))
        out.append(Mark(QUANTITY, q["start"], q["stop"], q["text"], format_amount(q), tuple(details)))
    for r in doc.get("roles", []):
        normal = " — ".join(p for p in (r["person"], r["role"], r.get("org")) if p)
        out.append(Mark(ROLE, r["start"], r["stop"], r["text"], normal, ()))
    out.sort(key=lambda m: (m.start, -m.stop, FACT_KINDS.index(m.kind)))
    return _merge_same_spans(out)


def _merge_same_spans(items: list[Mark]) -> list[Mark]:
    """One mark for facts of one kind on one span (two posts named by one phrase), normals joined by "; "."""
    merged: list[Mark] = []
    for m in items:
        last = merged[-1] if merged else None
        if last is not None and (last.kind, last.start, last.stop) == (m.kind, m.start, m.stop):
            normals = [n for n in dict.fromkeys((last.normal, m.normal)) if n]
            merged[-1] = Mark(m.kind, m.start, m.stop, m.text, "; ".join(normals) or None, last.details + m.details)
        else:
            merged.append(m)
    return merged


def nest(items: list[Mark]) -> list[tuple[Mark, list]]:
    """Marks as a forest: each mark with the marks inside it. A mark that crosses another is left out."""
    roots: list[tuple[Mark, list]] = []
    stack: list[tuple[Mark, list]] = []
    for m in items:
        while stack and stack[-1][0].stop <= m.start:
            stack.pop()
        if stack and m.stop > stack[-1][0].stop:
            continue  # crosses the enclosing mark: it cannot be drawn as a span
        node: tuple[Mark, list] = (m, [])
        (stack[-1][1] if stack else roots).append(node)
        stack.append(node)
    return roots


def shows_normal(m: Mark) -> bool:
    return bool(m.normal) and m.normal != m.text
