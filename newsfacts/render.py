"""Renderers: each takes plain document dicts (Document.as_json()) and a stream.

RENDERERS maps a format name to a writer class with ``write(doc)`` and
``close()``; JSON writers stream, so a long batch prints as it goes.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import IO, Any

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

KIND_TITLES = {"PER": "People", "ORG": "Organisations", "LOC": "Places", "HARDWARE": "Hardware"}
SNIPPET = 60


class JsonlWriter:
    """One document object a line, flushed after each document."""

    def __init__(self, stream: IO[str], single: bool = False) -> None:
        self.stream = stream

    def write(self, doc: dict[str, Any]) -> None:
        self.stream.write(json.dumps(doc, ensure_ascii=False) + "\n")
        self.stream.flush()

    def close(self) -> None:
        pass


class JsonWriter:
    """One object for a single input, else an array written element by element."""

    def __init__(self, stream: IO[str], single: bool = False) -> None:
        self.stream = stream
        self.single = single
        self.count = 0

    def write(self, doc: dict[str, Any]) -> None:
        text = json.dumps(doc, ensure_ascii=False, indent=2)
        if self.single and self.count == 0:
            self.stream.write(text)
        else:
            if self.count == 0:
                self.stream.write("[\n")
            elif not self.single:
                self.stream.write(",\n")
            self.stream.write(_indent(text))
        self.count += 1
        self.stream.flush()

    def close(self) -> None:
        if self.single and self.count == 1:
            self.stream.write("\n")
        elif self.count == 0:
            self.stream.write("{}\n" if self.single else "[]\n")
        else:
            self.stream.write("\n]\n")
        self.stream.flush()


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())


class TableWriter:
    """Rich tables for people: each distinct fact once, with its mention count."""

    def __init__(self, stream: IO[str], single: bool = False, console: Console | None = None) -> None:
        if console is None:
            is_tty = hasattr(stream, "isatty") and stream.isatty()
            console = Console(file=stream, width=None if is_tty else 110, highlight=False)
        self.console = console
        self.count = 0

    def write(self, doc: dict[str, Any]) -> None:
        c = self.console
        if self.count:
            c.print()
        self.count += 1
        c.print(
            f"[bold]{escape(doc['source'])}[/bold]  "
            f"{doc['chars']:,} chars, {len(doc['sentences'])} sentences, "
            f"{len(doc['entities'])} entity mentions, {len(doc['quantities'])} quantities"
        )
        sentences = doc["sentences"]
        for kind, title in KIND_TITLES.items():
            mentions = [e for e in doc["entities"] if e["type"] == kind]
            if mentions:
                c.print(entity_table(title, mentions, sentences, hardware=kind == "HARDWARE"))
        if doc["quantities"]:
            c.print(quantity_table(doc["quantities"]))
        if not doc["entities"] and not doc["quantities"]:
            c.print("[dim]no facts found[/dim]")

    def close(self) -> None:
        pass


def snippet(text: str, width: int = SNIPPET) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def entity_table(title: str, mentions: list[dict], sentences: list[dict], hardware: bool = False) -> Table:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False)
    table.add_column("Name", style="bold cyan", no_wrap=True)
    if hardware:
        table.add_column("Vendor", no_wrap=True)
        table.add_column("Category", no_wrap=True)
    table.add_column("Mentions", justify="right", no_wrap=True)
    width = SNIPPET - 20 if hardware else SNIPPET  # vendor and category take the room
    table.add_column("First seen in", style="dim", overflow="ellipsis", no_wrap=True, max_width=width)
    counts = Counter(e["normal"] for e in mentions)
    first: dict[str, dict] = {}
    for e in mentions:
        first.setdefault(e["normal"], e)
    for normal, e in first.items():
        row = [escape(normal)]
        if hardware:
            row += [escape(e.get("vendor") or ""), escape(e.get("category") or "")]
        row += [str(counts[normal]), escape(snippet(sentences[e["sentence"]]["text"], width))]
        table.add_row(*row)
    return table


def format_number(value: float | None) -> str:
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", " ")
    return f"{value:,.6g}".replace(",", " ") if abs(value) >= 1000 else f"{value:g}"


def quantity_table(quantities: list[dict]) -> Table:
    table = Table(title="Quantities", title_justify="left", box=box.SIMPLE_HEAD, show_edge=False)
    table.add_column("Text", overflow="fold")
    table.add_column("Value", justify="right", style="bold green")
    table.add_column("Max", justify="right")
    table.add_column("Unit")
    table.add_column("Kind")
    table.add_column("≈", justify="center")
    for q in quantities:
        table.add_row(
            escape(snippet(q["text"], 50)),
            format_number(q["value"]),
            format_number(q["max"]),
            escape(q["unit"] or ""),
            q["kind"],
            "~" if q["approx"] else "",
        )
    return table


RENDERERS = {"table": TableWriter, "json": JsonWriter, "jsonl": JsonlWriter}
