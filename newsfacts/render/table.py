"""The default view: rich tables for people, each distinct fact once with its mention count.

Columns are sized here, not by rich: names, vendors and counts keep their full
width and only the "First seen in" context is cut to what is left, so at 80
columns a name is never shortened ("NVIDIA A1…" and "NVIDIA H1…" would look
the same). All article text goes through ``printable`` (no raw escape sequences).
"""

from __future__ import annotations

import os
from collections import Counter
from typing import IO, Any

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..const import HARDWARE, QUANTITY, ROLE
from ..escape import printable
from .facts import KINDS, format_amount, format_number

SNIPPET = 60  # the longest context shown, even on a wide terminal
MIN_SNIPPET = 12  # below this the context column is left out
PIPE_WIDTH = 110  # the width off a terminal, unless COLUMNS says otherwise


def safe(text: str) -> str:
    """Article text ready for rich markup: controls escaped, markup escaped."""
    return escape(printable(text))


def make_console(stream: IO[str]) -> Console:
    is_tty = hasattr(stream, "isatty") and stream.isatty()
    width = None
    if not is_tty:
        columns = os.environ.get("COLUMNS", "")
        width = int(columns) if columns.isdigit() and int(columns) > 0 else PIPE_WIDTH
    return Console(file=stream, width=width, highlight=False)


class TableWriter:
    """Rich tables for people: each distinct fact once, with its mention count."""

    def __init__(self, stream: IO[str], single: bool = False, console: Console | None = None) -> None:
        self.console = console if console is not None else make_console(stream)
        self.count = 0

    def write(self, doc: dict[str, Any]) -> None:
        c = self.console
        if self.count:
            c.print()
        self.count += 1
        c.print(header(doc, c.width), soft_wrap=False)
        sentences = doc["sentences"]
        width = c.width
        for kind in KINDS.values():
            mentions = [e for e in doc["entities"] if e["type"] == kind.name]
            if mentions:
                c.print(entity_table(kind.title, mentions, sentences, hardware=kind.name == HARDWARE, width=width))
        if doc["quantities"]:
            c.print(quantity_table(doc["quantities"]))
        facts = fact_table(doc["quantities"])
        if facts is not None:
            c.print(facts)
        if doc.get("roles"):
            c.print(role_table(doc["roles"]))
        if not doc["entities"] and not doc["quantities"] and not doc.get("roles"):
            c.print("[dim]no facts found[/dim]")

    def close(self) -> None:
        pass


def header(doc: dict[str, Any], width: int) -> str:
    """``source  2,283 chars, 14 sentences, 31 mentions, 6 quantities, 2 posts``; without the chars when narrow."""
    roles = len(doc.get("roles") or ())
    counts = [f"{doc['chars']:,} chars", f"{len(doc['sentences'])} sentences", f"{len(doc['entities'])} mentions",
              f"{len(doc['quantities'])} quantities"] + ([f"{roles} post{'s' if roles != 1 else ''}"] if roles else [])
    source = printable(doc["source"])
    if cell_len(source) + 2 + cell_len(", ".join(counts)) > width:
        counts = counts[1:]
    return f"[bold]{escape(source)}[/bold]  {', '.join(counts)}"


def snippet(text: str, width: int = SNIPPET) -> str:
    """One line of at most ``width`` cells, cut at a word with an ellipsis."""
    text = printable(" ".join(text.split()))
    if cell_len(text) <= width:
        return text
    cut = text[: max(width - 1, 0)]
    while cell_len(cut) > width - 1:
        cut = cut[:-1]
    return cut.rstrip() + "…"


def _table(title: str) -> Table:
    return Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False)


def entity_table(
    title: str, mentions: list[dict], sentences: list[dict], hardware: bool = False, width: int = PIPE_WIDTH
) -> Table:
    def name(e: dict) -> str:
        return e["normal"] or e["text"]  # a relative date has no normal form: its text stands for it

    counts = Counter(name(e) for e in mentions)
    first: dict[str, dict] = {}
    for e in mentions:
        first.setdefault(name(e), e)
    rows = []
    for normal, e in first.items():
        row = [printable(normal)]
        if hardware:
            row += [printable(e.get("vendor") or ""), printable(e.get("category") or "")]
        rows.append((row + [str(counts[normal])], sentences[e["sentence"]]["text"]))
    headers = ["Name", *(["Vendor", "Category"] if hardware else []), "Mentions"]
    fixed = [max([cell_len(h)] + [cell_len(r[0][i]) for r in rows]) for i, h in enumerate(headers)]
    # each column takes its text + 2 cells of padding, and 1 cell divides two columns
    room = width - sum(fixed) - 3 * (len(fixed) + 1) + 1
    context = min(SNIPPET, room) if room >= MIN_SNIPPET else 0

    table = _table(title)
    for i, header in enumerate(headers):
        table.add_column(header, style="bold cyan" if i == 0 else None, no_wrap=True, min_width=fixed[i],
                         justify="right" if header == "Mentions" else "left")
    if context:
        table.add_column("First seen in", style="dim", no_wrap=True, max_width=context)
    for cells, sentence in rows:
        row = [escape(cell) for cell in cells]
        if context:
            row.append(escape(snippet(sentence, context)))
        table.add_row(*row)
    return table


def quantity_table(quantities: list[dict]) -> Table:
    ranges = any(q.get("max") is not None for q in quantities)  # no range: no Max column, more room for text
    table = _table(KINDS[QUANTITY].title)
    table.add_column("Text", overflow="fold")
    table.add_column("Value", justify="right", style="bold green")
    if ranges:
        table.add_column("Max", justify="right")
    table.add_column("Unit")
    table.add_column("Kind")
    table.add_column("≈", justify="center")
    for q in quantities:
        cells = [safe(snippet(q["text"], 50)), format_number(q["value"])]
        if ranges:
            cells.append(format_number(q["max"]))
        cells += [safe(q["unit"] or ""), q["kind"], "~" if q["approx"] else ""]
        table.add_row(*cells)
    return table


def fact_table(quantities: list[dict]) -> Table | None:
    """Who — what — how much, each stated fact once (a headline repeats its text), for the amounts
    that have a subject; None when none has."""
    rows = dict.fromkeys((q["subject"]["normal"], q.get("predicate") or "", format_amount(q))
                         for q in quantities if q.get("subject"))
    if not rows:
        return None
    table = _table("Facts")
    table.add_column("Who", style="bold cyan", overflow="fold")
    table.add_column("What", overflow="fold")
    table.add_column("How much", style="bold green", overflow="fold")
    for who, what, amount in rows:
        table.add_row(safe(who), safe(what), safe(amount))
    return table


def role_table(roles: list[dict]) -> Table:
    """Person — post — organisation, each stated post once."""
    table = _table(KINDS[ROLE].title)
    table.add_column("Person", style="bold cyan", overflow="fold")
    table.add_column("Post", overflow="fold")
    table.add_column("Organisation", overflow="fold")
    seen = set()
    for r in roles:
        key = (r["person"], r["role"], r.get("org"))
        if key not in seen:
            seen.add(key)
            table.add_row(safe(r["person"]), safe(r["role"]), safe(r.get("org") or ""))
    return table
