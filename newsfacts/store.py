"""A resumable SQLite store of extracted facts (``newsfacts --db facts.sqlite``).

One row in ``documents`` per input path; its sentences, entities and
quantities hang off it with ``ON DELETE CASCADE``, so re-processing a path is
"delete the old row, insert the new one" and never leaves duplicates. Each
:meth:`FactStore.write_batch` is one transaction: a process killed at any
moment keeps every batch it had committed and nothing of the batch in flight,
and a re-run skips what :meth:`FactStore.is_done` reports as stored.

The database runs in WAL mode with ``synchronous=NORMAL``: readers (the
``sqlite3`` shell, a notebook) can query while a run is writing, and a commit
survives a killed process (only an OS crash or power loss can drop the last
commits). Standard library only.

Schema (version 1; ``meta.schema_version`` holds it)::

    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE documents (
        id           INTEGER PRIMARY KEY,
        path         TEXT NOT NULL,   -- the input path as given to newsfacts
        content_hash TEXT,            -- sha256 hex of the raw file bytes; NULL if unreadable
        chars        INTEGER,         -- length of the extracted text; NULL on failure
        processed_at TEXT NOT NULL,   -- ISO-8601 UTC, e.g. 2024-05-01T12:00:00.123Z
        error        TEXT             -- NULL when extraction succeeded
    );
    CREATE UNIQUE INDEX documents_path ON documents(path);
    CREATE INDEX documents_content_hash ON documents(content_hash);
    CREATE TABLE sentences (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx   INTEGER NOT NULL,       -- Sentence.index
        start INTEGER NOT NULL,
        stop  INTEGER NOT NULL,
        text  TEXT NOT NULL,
        PRIMARY KEY (document_id, idx)
    );
    CREATE TABLE entities (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        type     TEXT NOT NULL,       -- PER, ORG, LOC, HARDWARE
        text     TEXT NOT NULL,       -- the mention as written
        normal   TEXT NOT NULL,       -- canonical form ("NVIDIA H100", "Илон Маск")
        vendor   TEXT,                -- HARDWARE only
        category TEXT,                -- HARDWARE only (GPU, CPU, ...)
        model    TEXT,                -- HARDWARE only (model without vendor)
        start    INTEGER NOT NULL,
        stop     INTEGER NOT NULL,
        sentence INTEGER NOT NULL
    );
    CREATE INDEX entities_type_normal ON entities(type, normal, document_id);
    CREATE INDEX entities_document ON entities(document_id);
    CREATE TABLE quantities (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        text   TEXT NOT NULL,
        value  REAL NOT NULL,         -- lower end for ranges and vague amounts
        max    REAL,                  -- upper end of a range, else NULL
        approx INTEGER NOT NULL,      -- 0/1
        kind   TEXT NOT NULL,         -- count, money, percent, measure, ratio
        unit   TEXT NOT NULL,         -- USD/RUB/..., %, ГБ, раз, counted noun
        start  INTEGER NOT NULL,
        stop   INTEGER NOT NULL,
        sentence INTEGER NOT NULL
    );
    CREATE INDEX quantities_kind_unit ON quantities(kind, unit, value);
    CREATE INDEX quantities_document ON quantities(document_id);

Ready-made queries live in ``newsfacts/data/queries.sql``; see :func:`load_queries`.

Usage::

    with FactStore("facts.sqlite") as store:
        todo = [p for p in paths if not store.is_done(p, content_hash(read(p)))]
        ...
        store.write_batch(items)   # e.g. every 100 documents
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType

from .data import data_path
from .doc import Document

__all__ = [
    "DDL",
    "STORE_SCHEMA_VERSION",
    "FactStore",
    "StoreError",
    "StoredItem",
    "content_hash",
    "load_queries",
]

# Version of the table layout below (independent of the JSON schema version):
# bump it, and refuse to open older stores, whenever a column changes meaning.
STORE_SCHEMA_VERSION = 1

# IF NOT EXISTS everywhere: opening an existing store re-applies this harmlessly.
DDL = """\
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
    id           INTEGER PRIMARY KEY,
    path         TEXT NOT NULL,
    content_hash TEXT,
    chars        INTEGER,
    processed_at TEXT NOT NULL,
    error        TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS documents_path ON documents(path);
CREATE INDEX IF NOT EXISTS documents_content_hash ON documents(content_hash);
CREATE TABLE IF NOT EXISTS sentences (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx   INTEGER NOT NULL,
    start INTEGER NOT NULL,
    stop  INTEGER NOT NULL,
    text  TEXT NOT NULL,
    PRIMARY KEY (document_id, idx)
);
CREATE TABLE IF NOT EXISTS entities (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    type     TEXT NOT NULL,
    text     TEXT NOT NULL,
    normal   TEXT NOT NULL,
    vendor   TEXT,
    category TEXT,
    model    TEXT,
    start    INTEGER NOT NULL,
    stop     INTEGER NOT NULL,
    sentence INTEGER NOT NULL
);
-- document_id in the key lets "how many documents mention X" read the index only.
CREATE INDEX IF NOT EXISTS entities_type_normal ON entities(type, normal, document_id);
-- Also what keeps ON DELETE CASCADE from scanning the whole table on a re-run.
CREATE INDEX IF NOT EXISTS entities_document ON entities(document_id);
CREATE TABLE IF NOT EXISTS quantities (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    text   TEXT NOT NULL,
    value  REAL NOT NULL,
    max    REAL,
    approx INTEGER NOT NULL,
    kind   TEXT NOT NULL,
    unit   TEXT NOT NULL,
    start  INTEGER NOT NULL,
    stop   INTEGER NOT NULL,
    sentence INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS quantities_kind_unit ON quantities(kind, unit, value);
CREATE INDEX IF NOT EXISTS quantities_document ON quantities(document_id);
"""

QUERIES_FILE = "queries.sql"

_INSERT_DOCUMENT = "INSERT INTO documents (path, content_hash, chars, processed_at, error) VALUES (?, ?, ?, ?, ?)"
_INSERT_SENTENCE = "INSERT INTO sentences (document_id, idx, start, stop, text) VALUES (?, ?, ?, ?, ?)"
_INSERT_ENTITY = (
    "INSERT INTO entities (document_id, type, text, normal, vendor, category, model, start, stop, sentence)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_QUANTITY = (
    "INSERT INTO quantities (document_id, text, value, max, approx, kind, unit, start, stop, sentence)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


class StoreError(Exception):
    """The file is not a newsfacts store, or one of another schema version."""


@dataclass(frozen=True)
class StoredItem:
    """One input's outcome, as the CLI hands it to :meth:`FactStore.write_batch`.

    ``content_hash`` is :func:`content_hash` of the raw file bytes (None when
    the file could not be read); ``document`` is None when extraction failed,
    and then ``error`` says why.
    """

    path: str
    content_hash: str | None
    document: Document | None
    error: str | None = None


def content_hash(data: bytes) -> str:
    """sha256 hex digest of the raw input bytes (before decoding or HTML cleanup)."""
    return hashlib.sha256(data).hexdigest()


def _utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class FactStore:
    """Opens or creates a store at ``path``; see the module docstring for the schema."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, so a batch is
        # exactly one transaction and nothing is committed behind our back.
        # timeout: a second writer (or a reader checkpointing) waits instead of failing.
        self._conn = sqlite3.connect(os.fspath(path), isolation_level=None, timeout=60.0)
        try:
            self._setup()
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise StoreError(f"{os.fspath(path)}: not a newsfacts store ({exc})") from exc
        except BaseException:
            self._conn.close()
            raise

    def _setup(self) -> None:
        conn = self._conn
        # Foreign keys (and so the cascade) are off by default in every connection.
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        # In WAL mode NORMAL still survives a killed process; it only skips the
        # fsync per commit that guards against power loss.
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("BEGIN IMMEDIATE")  # two processes creating the same store serialise here
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if tables and "meta" not in tables:
                raise StoreError("the database has tables but no newsfacts meta table")
            for statement in _split_statements(DDL):
                conn.execute(statement)
            conn.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)",
                (str(STORE_SCHEMA_VERSION),),
            )
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if row is None or row[0] != str(STORE_SCHEMA_VERSION):
                found = None if row is None else row[0]
                raise StoreError(
                    f"store schema version {found}, this newsfacts needs {STORE_SCHEMA_VERSION}; use a new --db file"
                )
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def is_done(self, path: str, content_hash: str) -> bool:
        """True if ``path`` is stored with this content hash and without an error."""
        row = self._conn.execute(
            "SELECT 1 FROM documents WHERE path = ? AND content_hash = ? AND error IS NULL",
            (path, content_hash),
        ).fetchone()
        return row is not None

    def write_batch(self, items: Iterable[StoredItem]) -> None:
        """Store ``items`` in one transaction, replacing older rows of the same paths.

        All or nothing: if any item is invalid or the process dies, none of the
        batch is stored.
        """
        conn = self._conn
        now = _utc_now()
        conn.execute("BEGIN IMMEDIATE")
        try:
            for item in items:
                self._write_item(item, now)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def _write_item(self, item: StoredItem, now: str) -> None:
        doc = item.document
        error = item.error if item.error is not None else (doc.error if doc is not None else None)
        if doc is None and error is None:
            raise ValueError(f"{item.path}: a StoredItem needs a document or an error")
        conn = self._conn
        # Replace semantics: the cascade removes the old sentences/entities/quantities.
        conn.execute("DELETE FROM documents WHERE path = ?", (item.path,))
        cur = conn.execute(
            _INSERT_DOCUMENT,
            (item.path, item.content_hash, None if doc is None else doc.chars, now, error),
        )
        doc_id = cur.lastrowid
        if doc is None:
            return
        conn.executemany(_INSERT_SENTENCE, [(doc_id, s.index, s.start, s.stop, s.text) for s in doc.sentences])
        conn.executemany(
            _INSERT_ENTITY,
            [
                (doc_id, e.type, e.text, e.normal, e.vendor, e.category, e.model, e.start, e.stop, e.sentence)
                for e in doc.entities
            ],
        )
        conn.executemany(
            _INSERT_QUANTITY,
            [
                (
                    doc_id,
                    q.text,
                    float(q.value),
                    None if q.max is None else float(q.max),
                    int(bool(q.approx)),
                    q.kind,
                    q.unit,
                    q.start,
                    q.stop,
                    q.sentence,
                )
                for q in doc.quantities
            ],
        )

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> FactStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _split_statements(script: str) -> list[str]:
    """Split DDL into statements, so it runs inside our transaction (executescript would commit)."""
    statements: list[str] = []
    current = ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip() and not _only_comments(current):
        raise ValueError(f"incomplete SQL statement: {current!r}")
    return statements


def _only_comments(sql: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--") for line in sql.splitlines())


_NAME_RE = re.compile(r"^--\s*name:\s*(\w+)\s*$")


def load_queries() -> dict[str, str]:
    """The named queries of ``newsfacts/data/queries.sql``: ``{"top_hardware": "SELECT ...;", ...}``.

    A block starts at a ``-- name: NAME`` line and runs to the next one; the
    text keeps its comments and trailing semicolon, so it can be passed to
    ``sqlite3.Connection.execute`` or to the ``sqlite3`` shell as is. Named
    parameters (``:hardware``) are bound by the caller.
    """
    queries: dict[str, str] = {}
    name: str | None = None
    lines: list[str] = []
    text = data_path(QUERIES_FILE).read_text(encoding="utf-8")
    for line in text.splitlines():
        match = _NAME_RE.match(line)
        if match:
            if name is not None:
                queries[name] = "\n".join(lines).strip() + "\n"
            name, lines = match.group(1), []
        elif name is not None:
            lines.append(line)
    if name is not None:
        queries[name] = "\n".join(lines).strip() + "\n"
    return queries
