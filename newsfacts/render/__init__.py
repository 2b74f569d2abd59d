"""Renderers: each takes plain document dicts (Document.as_json()) and a stream.

RENDERERS maps a format name (const.FORMATS) to a writer class with
``write(doc)`` and ``close()``; JSON, JSON Lines, CSV and the table stream, so a
long batch prints as it goes; the HTML page is written at close (its index
comes first). The document object has no text: writers that show the article
(``wants_text``) get it from :class:`ArticleTexts` (the CLI) or :func:`view_json`
(library callers), else rebuild it from the sentences. :class:`Selected` keeps
only some kinds of fact (``--types``).
"""

from __future__ import annotations

import importlib
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Protocol

from ..const import FORMATS
from ..doc import Document
from .facts import KINDS, format_number, parse_types, select
from .jsonout import JsonlWriter, JsonWriter

__all__ = [
    "ArticleTexts",
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


# The terminal views import rich (~30 ms): only when one is asked for, never for -f json;
# the other writers' modules (csv, html) likewise.
_LAZY = {"TableWriter": ".table", "HighlightWriter": ".highlight", "CsvWriter": ".delimited",
         "TsvWriter": ".delimited", "HtmlWriter": ".page"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _Renderers(Mapping[str, type]):
    """Format name -> writer class; a rich view's module is imported on first lookup."""

    def __init__(self, classes: dict[str, type | str]) -> None:
        self._classes = classes

    def __getitem__(self, fmt: str) -> type:
        cls = self._classes[fmt]
        return __getattr__(cls) if isinstance(cls, str) else cls

    def __iter__(self) -> Iterator[str]:
        return iter(self._classes)

    def __len__(self) -> int:
        return len(self._classes)


RENDERERS: Mapping[str, type] = _Renderers({
    "table": "TableWriter",
    "json": JsonWriter,
    "jsonl": JsonlWriter,
    "csv": "CsvWriter",
    "tsv": "TsvWriter",
    "highlight": "HighlightWriter",
    "html": "HtmlWriter",
})
assert tuple(RENDERERS) == FORMATS


def view_json(doc: Document) -> dict[str, Any]:
    """``doc.as_json()`` plus its ``text`` (the highlight and HTML views show the article; JSON drops it)."""
    return doc.as_json() | {"text": doc.text}


class Selected:
    """A writer that passes on only the facts of some kinds (``--types``); the store still gets all."""

    def __init__(self, writer: Writer, types: Iterable[str]) -> None:
        self.writer = writer
        self.types = tuple(types)
        self.wants_text = getattr(writer, "wants_text", False)

    def write(self, doc: dict[str, Any]) -> None:
        self.writer.write(select(doc, self.types))

    def close(self) -> None:
        self.writer.close()


class ArticleTexts:
    """The texts of the inputs in flight, for a writer that shows the article.

    ``remember`` passes the reader's items on (to the executor) and keeps each
    text; the writer from ``wrap`` gives every document the text of the same
    source, first in first out. A text whose length is not the document's
    ``chars`` is not used (the document's offsets would not fit it).
    """

    def __init__(self) -> None:
        self._texts: dict[str, deque[str]] = defaultdict(deque)

    def remember(self, items: Iterable[Any]) -> Iterator[Any]:
        for item in items:
            if getattr(item, "text", None) is not None and getattr(item, "error", None) is None:
                self._texts[item.source].append(item.text)
            yield item

    def take(self, doc: dict[str, Any]) -> dict[str, Any]:
        queue = self._texts.get(doc["source"])
        if not queue:
            return doc
        text = queue.popleft()
        if not queue:
            del self._texts[doc["source"]]
        return doc | {"text": text} if len(text) == doc.get("chars") else doc

    def wrap(self, writer: Writer) -> Writer:
        return _WithText(writer, self)


class _WithText:
    wants_text = True

    def __init__(self, writer: Writer, texts: ArticleTexts) -> None:
        self.writer = writer
        self.texts = texts

    def write(self, doc: dict[str, Any]) -> None:
        self.writer.write(self.texts.take(doc))

    def close(self) -> None:
        self.writer.close()
