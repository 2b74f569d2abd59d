"""Renderers: each takes plain document dicts (Document.as_json()) and a stream.

RENDERERS maps a format name (const.FORMATS) to a writer class with
``write(doc)`` and ``close()``; JSON, JSON Lines, CSV and the table stream, so a
long batch prints as it goes; the HTML page is written at close (its index
comes first). :func:`view_json` adds the article text for the views that show
it; :class:`Selected` keeps only some kinds of fact (``--types``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from ..const import FORMATS
from ..doc import Document
from .delimited import CsvWriter, TsvWriter
from .facts import KINDS, format_number, parse_types, select
from .highlight import HighlightWriter
from .jsonout import JsonlWriter, JsonWriter
from .page import HtmlWriter
from .table import TableWriter

__all__ = [
    "KINDS",
    "RENDERERS",
    "CsvWriter",
    "HighlightWriter",
    "HtmlWriter",
    "JsonWriter",
    "JsonlWriter",
    "Selected",
    "TableWriter",
    "TsvWriter",
    "Writer",
    "format_number",
    "parse_types",
    "view_json",
]


class Writer(Protocol):
    def write(self, doc: dict[str, Any]) -> None: ...
    def close(self) -> None: ...


RENDERERS: dict[str, type] = {
    "table": TableWriter,
    "json": JsonWriter,
    "jsonl": JsonlWriter,
    "csv": CsvWriter,
    "tsv": TsvWriter,
    "highlight": HighlightWriter,
    "html": HtmlWriter,
}
assert tuple(RENDERERS) == FORMATS


def view_json(doc: Document) -> dict[str, Any]:
    """``doc.as_json()`` plus its ``text`` (the highlight and HTML views show the article; JSON drops it)."""
    return doc.as_json() | {"text": doc.text}


class Selected:
    """A writer that passes on only the facts of some kinds (``--types``); the store still gets all."""

    def __init__(self, writer: Writer, types: Iterable[str]) -> None:
        self.writer = writer
        self.types = tuple(types)

    def write(self, doc: dict[str, Any]) -> None:
        self.writer.write(select(doc, self.types))

    def close(self) -> None:
        self.writer.close()
