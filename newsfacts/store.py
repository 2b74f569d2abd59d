"""A resumable SQLite store of extracted facts (``newsfacts --db facts.sqlite``).

One row in ``documents`` per input key (absolute path, ``<stdin>#<sha256>``, or
``/abs/archive.jsonl#<id>``), holding the document's full JSON besides its fact tables; its
sentences, entities, quantities and roles hang off it with ``ON DELETE CASCADE``, so
re-processing a key is "delete the old row, insert the new one" and never leaves duplicates.
Each :meth:`FactStore.write_batch` is one transaction: a process killed at any moment keeps every
batch it had committed and nothing of the batch in flight. A re-run asks :meth:`FactStore.is_done`
and reads a stored document back with :meth:`FactStore.load`, so its output is complete.

The database runs in WAL mode with ``synchronous=NORMAL``: readers (the ``sqlite3`` shell, a
notebook) can query while a run is writing, and a commit survives a killed process (only an OS
crash or power loss can drop the last commits). A store locked by another writer is waited for
``timeout`` seconds (``NEWSFACTS_DB_TIMEOUT``, default 60), then :class:`StoreError`. Every
SQLite failure is a :class:`StoreError` with one line of text. Standard library only.

Schema (version 2; ``meta.schema_version`` holds it)::

    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE documents (
        id           INTEGER PRIMARY KEY,
        path         TEXT NOT NULL,   -- the key: absolute path, <stdin>#<sha256>, /abs/archive.jsonl#<id>
        source       TEXT NOT NULL,   -- the JSON "source": the path as given, <stdin>, archive.jsonl#<id>
        content_hash TEXT,            -- sha256 hex of the raw bytes (file, or archive line); NULL if unreadable
        chars        INTEGER,         -- length of the extracted text; NULL on failure
        published    TEXT,            -- ISO date of publication when the input tells it
        schema       INTEGER,         -- JSON schema version of json below
        processed_at TEXT NOT NULL,   -- ISO-8601 UTC, e.g. 2024-05-01T12:00:00.123Z
        error        TEXT,            -- NULL when extraction succeeded
        json         TEXT             -- the whole document object, as -f json prints it
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
        type     TEXT NOT NULL,       -- PER, ORG, LOC, HARDWARE, DATE
        text     TEXT NOT NULL,       -- the mention as written
        normal   TEXT,                -- canonical form ("NVIDIA H100", "Илон Маск", "2023-12"); NULL: unresolved date
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
        subject_type   TEXT,          -- the entity the amount belongs to (PER, ORG, ...), else NULL
        subject_normal TEXT,
        subject_text   TEXT,          -- the mention naming it in the sentence (maybe "компания")
        subject_start  INTEGER,
        subject_stop   INTEGER,
        predicate TEXT,               -- lemma tying them ("приобрести", "выручка"), else NULL
        start  INTEGER NOT NULL,
        stop   INTEGER NOT NULL,
        sentence INTEGER NOT NULL
    );
    CREATE INDEX quantities_kind_unit ON quantities(kind, unit, value);
    CREATE INDEX quantities_subject ON quantities(subject_normal);
    CREATE INDEX quantities_document ON quantities(document_id);
    CREATE TABLE roles (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        person   TEXT NOT NULL,       -- the person's normal form
        org      TEXT,                -- the organisation's normal form, NULL when none is named
        role     TEXT NOT NULL,       -- the post, nominative ("генеральный директор")
        text     TEXT NOT NULL,
        start    INTEGER NOT NULL,
        stop     INTEGER NOT NULL,
        sentence INTEGER NOT NULL
    );
    CREATE INDEX roles_org ON roles(org, role);
    CREATE INDEX roles_person ON roles(person);
    CREATE INDEX roles_document ON roles(document_id);

Ready-made queries live in ``newsfacts/data/queries.sql``; see :func:`load_queries`.

Usage::

    with FactStore("facts.sqlite") as store:
        if not store.is_done(key, digest):
            store.write_batch(outcomes)   # newsfacts.outcome.Outcome records
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

from .data import data_path
from .doc import Document
from .errors import StoreError
from .outcome import Outcome
from .readers import content_hash
from .settings import DB_TIMEOUT

__all__ = [
    "DDL",
    "STORE_SCHEMA_VERSION",
    "FactStore",
    "StoreError",
    "content_hash",
    "load_queries",
]

# Version of the table layout below (independent of the JSON schema version):
# bump it, and refuse to open older stores, whenever a column changes meaning.
STORE_SCHEMA_VERSION = 2

# IF NOT EXISTS everywhere: opening an existing store re-applies this harmlessly.
DDL = """\
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
    id           INTEGER PRIMARY KEY,
    path         TEXT NOT NULL,
    source       TEXT NOT NULL,
    content_hash TEXT,
    chars        INTEGER,
    published    TEXT,
    schema       INTEGER,
    processed_at TEXT NOT NULL,
    error        TEXT,
    json         TEXT
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
    normal   TEXT,
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
    subject_type   TEXT,
    subject_normal TEXT,
    subject_text   TEXT,
    subject_start  INTEGER,
    subject_stop   INTEGER,
    predicate TEXT,
    start  INTEGER NOT NULL,
    stop   INTEGER NOT NULL,
    sentence INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS quantities_kind_unit ON quantities(kind, unit, value);
CREATE INDEX IF NOT EXISTS quantities_subject ON quantities(subject_normal);
CREATE INDEX IF NOT EXISTS quantities_document ON quantities(document_id);
CREATE TABLE IF NOT EXISTS roles (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    person   TEXT NOT NULL,
    org      TEXT,
    role     TEXT NOT NULL,
    text     TEXT NOT NULL,
    start    INTEGER NOT NULL,
    stop     INTEGER NOT NULL,
    sentence INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS roles_org ON roles(org, role);
CREATE INDEX IF NOT EXISTS roles_person ON roles(person);
CREATE INDEX IF NOT EXISTS roles_document ON roles(document_id);
"""

QUERIES_FILE = "queries.sql"

_INSERT_DOCUMENT = (
    "INSERT INTO documents (path, source, content_hash, chars, published, schema, processed_at, error, json)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_SENTENCE = "INSERT INTO sentences (document_id, idx, start, stop, text) VALUES (?, ?, ?, ?, ?)"
_INSERT_ENTITY = (
    "INSERT INTO entities (document_id, type, text, normal, vendor, category, model, start, stop, sentence)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_QUANTITY = (
    "INSERT INTO quantities (document_id, text, value, max, approx, kind, unit, subject_type, subject_normal,"
    " subject_text, subject_start, subject_stop, predicate, start, stop, sentence)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_ROLE = (
    "INSERT INTO roles (document_id, person, org, role, text, start, stop, sentence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


def _utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


class FactStore:
    """Opens or creates a store at ``path``; see the module docstring for the schema."""

    def __init__(self, path: str | os.PathLike[str], timeout: float = DB_TIMEOUT) -> None:
        self.path = os.fspath(path)
        if os.path.isdir(self.path):
            raise StoreError(f"{self.path}: is a folder, not a database file")
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, so a batch is exactly one
        # transaction and nothing is committed behind our back. timeout: a second writer (or a
        # reader checkpointing) is waited for this long instead of failing at once.
        try:
            self._conn = sqlite3.connect(self.path, isolation_level=None, timeout=timeout)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open: {_one_line(exc)}") from exc
        try:
            self._setup()
        except StoreError:
            self._conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise StoreError(f"{self.path}: {_describe(exc)}") from exc
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
                raise StoreError(f"{self.path}: not a newsfacts store (it has tables but no newsfacts meta table)")
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() if tables else None
            if tables and (row is None or row[0] != str(STORE_SCHEMA_VERSION)):
                found = None if row is None else row[0]
                raise StoreError(
                    f"{self.path}: store schema version {found}, this newsfacts needs {STORE_SCHEMA_VERSION};"
                    " use a new --db file"
                )
            for statement in _split_statements(DDL):
                conn.execute(statement)
            conn.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)",
                (str(STORE_SCHEMA_VERSION),),
            )
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def is_done(self, path: str, content_hash: str) -> bool:
        """True if ``path`` (a key) is stored with this content hash and without an error."""
        try:
            row = self._conn.execute(
                "SELECT 1 FROM documents WHERE path = ? AND content_hash = ? AND error IS NULL",
                (path, content_hash),
            ).fetchone()
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: {_describe(exc)}") from exc
        return row is not None

    def load(self, path: str) -> dict[str, Any] | None:
        """The stored document object of ``path`` (as ``Document.as_json()`` gave it), or None."""
        try:
            row = self._conn.execute(
                "SELECT json FROM documents WHERE path = ? AND error IS NULL", (path,)
            ).fetchone()
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: {_describe(exc)}") from exc
        return None if row is None or row[0] is None else json.loads(row[0])

    def write_batch(self, items: Iterable[Outcome]) -> None:
        """Store ``items`` in one transaction, replacing older rows of the same keys.

        All or nothing: if any item is invalid or the process dies, none of the batch is stored.
        Outcomes marked ``stored`` are already in the store and are left as they are.
        """
        conn = self._conn
        now = _utc_now()
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: {_describe(exc)}") from exc
        try:
            for item in items:
                if not item.stored:
                    self._write_item(item, now)
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"{self.path}: {_describe(exc)}") from exc
            raise

    def _write_item(self, item: Outcome, now: str) -> None:
        doc = item.doc
        if isinstance(doc, Document):  # library callers may hand the typed result
            doc = doc.as_json()
        if doc is None and item.error is None:
            raise ValueError(f"{item.key}: an outcome needs a document or an error")
        conn = self._conn
        # Replace semantics: the cascade removes the old sentences/entities/quantities/roles.
        conn.execute("DELETE FROM documents WHERE path = ?", (item.key,))
        if doc is None:
            conn.execute(_INSERT_DOCUMENT, (item.key, item.source, item.content_hash, None, None, None, now,
                                            item.error, None))
            return
        cur = conn.execute(
            _INSERT_DOCUMENT,
            (item.key, item.source, item.content_hash, doc.get("chars"), doc.get("published"), doc.get("schema"),
             now, item.error, json.dumps(doc, ensure_ascii=False)),
        )
        doc_id = cur.lastrowid
        conn.executemany(
            _INSERT_SENTENCE, [(doc_id, s["index"], s["start"], s["stop"], s["text"]) for s in doc["sentences"]]
        )
        conn.executemany(
            _INSERT_ENTITY,
            [
                (doc_id, e["type"], e["text"], e.get("normal"), e.get("vendor"), e.get("category"), e.get("model"),
                 e["start"], e["stop"], e["sentence"])
                for e in doc["entities"]
            ],
        )
        conn.executemany(_INSERT_QUANTITY, [_quantity_row(doc_id, q) for q in doc["quantities"]])
        conn.executemany(
            _INSERT_ROLE,
            [
                (doc_id, r["person"], r.get("org"), r["role"], r["text"], r["start"], r["stop"], r["sentence"])
                for r in doc.get("roles") or ()
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


def _quantity_row(doc_id: int, q: dict[str, Any]) -> tuple:
    s = q.get("subject") or {}
    return (
        doc_id, q["text"], float(q["value"]), None if q.get("max") is None else float(q["max"]),
        int(bool(q.get("approx"))), q["kind"], q["unit"],
        s.get("type"), s.get("normal"), s.get("text"), s.get("start"), s.get("stop"), q.get("predicate"),
        q["start"], q["stop"], q["sentence"],
    )


def _describe(exc: sqlite3.Error) -> str:
    text = _one_line(exc)
    if "locked" in text or "busy" in text:
        return f"{text} (another process holds it; waited NEWSFACTS_DB_TIMEOUT seconds)"
    if isinstance(exc, sqlite3.DatabaseError) and ("not a database" in text or "malformed" in text):
        return f"not a newsfacts store ({text})"
    return text


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

    A block starts at a ``-- name: NAME`` line and runs to the next one; the text keeps its
    comments and trailing semicolon, so it can be passed to ``sqlite3.Connection.execute`` or
    piped to the ``sqlite3`` shell as is. Named parameters (``:hardware``) are bound by the caller.
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
