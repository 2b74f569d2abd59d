"""Flat fact tables: one document dict (Document.as_json()) becomes rows of four tables.

    documents   one row per input: source, published, chars, counts, error
    mentions    one row per entity mention (PER, ORG, LOC, HARDWARE, DATE)
    quantities  one row per amount, its subject flattened into subject_* columns
    roles       one row per (person, post, organisation) fact

Every fact row carries its document's `source` and its position `idx` in the
document's list, so the tables join on `source`. Column types are named here
once ("string", "int64", "float64", "bool"), for the Parquet sink
(newsfacts/parquet.py) and the Dask tables (newsfacts/dask.py) alike. Keys of a
document that no column names (added by a newer schema) go, as JSON, into the
`attrs` column of mentions, quantities and roles, so nothing is dropped silently.
"""

from __future__ import annotations

import json
from typing import Any

STRING, INT, FLOAT, BOOL = "string", "int64", "float64", "bool"

COLUMNS: dict[str, dict[str, str]] = {
    "documents": {
        "source": STRING, "published": STRING, "chars": INT, "sentences": INT, "entities": INT,
        "quantities": INT, "roles": INT, "schema": INT, "error": STRING,
    },
    "mentions": {
        "source": STRING, "idx": INT, "type": STRING, "text": STRING, "normal": STRING, "vendor": STRING,
        "category": STRING, "model": STRING, "start": INT, "stop": INT, "sentence": INT, "attrs": STRING,
    },
    "quantities": {
        "source": STRING, "idx": INT, "text": STRING, "value": FLOAT, "max": FLOAT, "approx": BOOL, "kind": STRING,
        "unit": STRING, "subject_type": STRING, "subject_normal": STRING, "subject_text": STRING,
        "subject_start": INT, "subject_stop": INT, "predicate": STRING, "start": INT, "stop": INT, "sentence": INT,
        "attrs": STRING,
    },
    "roles": {
        "source": STRING, "idx": INT, "person": STRING, "org": STRING, "role": STRING, "text": STRING,
        "start": INT, "stop": INT, "sentence": INT, "attrs": STRING,
    },
}
TABLES = tuple(COLUMNS)
# fields of a fact that are not columns of their own
_SKIP = {"mentions": set(), "quantities": {"type", "subject"}, "roles": set()}


def rows(doc: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table for one document dict (or an error record: source + error)."""
    source = doc["source"]
    out: dict[str, list[dict[str, Any]]] = {
        "documents": [
            {
                "source": source,
                "published": doc.get("published"),
                "chars": doc.get("chars"),
                "sentences": len(doc.get("sentences", ())),
                "entities": len(doc.get("entities", ())),
                "quantities": len(doc.get("quantities", ())),
                "roles": len(doc.get("roles", ())),
                "schema": doc.get("schema"),
                "error": doc.get("error"),
            }
        ]
    }
    out["mentions"] = [_fact("mentions", source, i, e) for i, e in enumerate(doc.get("entities", ()))]
    out["quantities"] = [_quantity(source, i, q) for i, q in enumerate(doc.get("quantities", ()))]
    out["roles"] = [_fact("roles", source, i, r) for i, r in enumerate(doc.get("roles", ()))]
    return out


def _fact(table: str, source: str, idx: int, fact: dict[str, Any]) -> dict[str, Any]:
    columns = COLUMNS[table]
    row = {name: fact.get(name) for name in columns}
    row["source"], row["idx"] = source, idx
    extra = {k: v for k, v in fact.items() if k not in columns and k not in _SKIP[table]}
    row["attrs"] = json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None
    return row


def _quantity(source: str, idx: int, q: dict[str, Any]) -> dict[str, Any]:
    row = _fact("quantities", source, idx, q)
    subject = q.get("subject") or {}
    for key in ("type", "normal", "text", "start", "stop"):
        row[f"subject_{key}"] = subject.get(key)
    return row


def error_record(source: str, error: str) -> dict[str, Any]:
    """The document dict of an input that failed: a documents row with its error, no facts."""
    return {"source": source, "error": error}
