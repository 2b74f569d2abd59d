"""CSV and TSV: one row a fact (mention, amount, post), for spreadsheets and pandas.

RFC 4180 through the csv module: a header row, fields quoted when they hold the
delimiter, a quote or a line break, CRLF line ends for CSV (TSV uses LF).
Numbers are plain decimals (2500000000, not 2.5e9) so a spreadsheet reads them as numbers.
"""

from __future__ import annotations

import csv
from typing import IO, Any

from ..const import QUANTITY, ROLE

COLUMNS = (
    "source", "kind", "text", "normal", "vendor", "category",
    "value", "max", "unit", "quantity_kind", "approx",
    "subject", "predicate", "object", "start", "stop", "sentence_index", "sentence",
)  # fmt: skip


def number(value: float | None) -> str:
    if value is None:
        return ""
    value = float(value)
    return str(int(value)) if value.is_integer() else format(value, "f").rstrip("0")


def rows(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The facts of one document as flat rows in text order (the COLUMNS above)."""
    sentences = doc.get("sentences", [])

    def base(kind: str, item: dict[str, Any]) -> dict[str, Any]:
        index = item.get("sentence", 0)
        sentence = sentences[index]["text"] if 0 <= index < len(sentences) else ""
        return {"source": doc["source"], "kind": kind, "text": item["text"], "start": item["start"],
                "stop": item["stop"], "sentence_index": index, "sentence": sentence}

    out = []
    for e in doc.get("entities", []):
        out.append(base(e["type"], e) | {"normal": e.get("normal") or "", "vendor": e.get("vendor") or "",
                                         "category": e.get("category") or ""})
    for q in doc.get("quantities", []):
        subject = q.get("subject") or {}
        out.append(base(QUANTITY, q) | {
            "value": number(q["value"]), "max": number(q.get("max")), "unit": q["unit"],
            "quantity_kind": q["kind"], "approx": "true" if q.get("approx") else "false",
            "subject": subject.get("normal", ""), "predicate": q.get("predicate") or "",
        })
    for r in doc.get("roles", []):
        out.append(base(ROLE, r) | {"normal": r["role"], "subject": r["person"], "predicate": r["role"],
                                    "object": r.get("org") or ""})
    order = {QUANTITY: 1, ROLE: 2}
    out.sort(key=lambda row: (row["start"], order.get(row["kind"], 0)))
    return out


class CsvWriter:
    """A header row, then one row a fact; flushed after each document."""

    dialect: dict[str, Any] = {"delimiter": ",", "lineterminator": "\r\n"}

    def __init__(self, stream: IO[str], single: bool = False) -> None:
        self.stream = stream
        self.writer = csv.DictWriter(stream, fieldnames=COLUMNS, restval="", extrasaction="raise",
                                     quoting=csv.QUOTE_MINIMAL, **self.dialect)
        self.header = False

    def _header(self) -> None:
        if not self.header:
            self.writer.writeheader()
            self.header = True

    def write(self, doc: dict[str, Any]) -> None:
        self._header()
        self.writer.writerows(rows(doc))
        self.stream.flush()

    def close(self) -> None:
        self._header()  # no document still gives the header, so the file is a valid empty table
        self.stream.flush()


class TsvWriter(CsvWriter):
    dialect = {"delimiter": "\t", "lineterminator": "\n"}
