"""`newsfacts top --db`: the corpus view answered by SQL, in milliseconds at 100,000 documents.

Counting 1.6 million entity rows on every call takes seconds, so the first
``top --db`` adds two summary tables to the store and triggers that keep them
current: every later write by ``newsfacts --db`` (insert, or the delete of a
re-processed document) updates them in the same transaction. The tables
(``top_entities``, ``top_pairs``) and triggers (``top_*``) only read the
store's own tables; ``meta.top_summaries`` says they are complete. A store that
cannot be written (read-only file) is answered from the raw tables instead:
the same answer, slower.

Definitions match :class:`newsfacts.top.Corpus` exactly, so a folder and its
store give the same view: a pair (company, hardware) counts the documents that
name both and the sentences that name both; a company is not paired with
hardware whose vendor has its name (compared in ASCII lower case, as SQLite's
``lower`` does).
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from .const import ENTITY_TYPES
from .top import Amount, EntityCount, Pairing, TopView

SUMMARY_KEY = "top_summaries"
SUMMARY_VERSION = "1"

# Both sides of a pair: an ORG row and a HARDWARE row of other make.
_OTHER_MAKE = "({h}.vendor IS NULL OR lower({h}.vendor) <> lower({o}))"

SUMMARY_DDL = [
    """CREATE TABLE IF NOT EXISTS top_entities (
        type TEXT NOT NULL, normal TEXT NOT NULL, mentions INTEGER NOT NULL, documents INTEGER NOT NULL,
        PRIMARY KEY (type, normal)) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS top_entities_rank ON top_entities (type, mentions DESC, documents DESC, normal)",
    """CREATE TABLE IF NOT EXISTS top_pairs (
        company TEXT NOT NULL, hardware TEXT NOT NULL, documents INTEGER NOT NULL, sentences INTEGER NOT NULL,
        PRIMARY KEY (company, hardware)) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS top_pairs_rank ON top_pairs (documents DESC, sentences DESC, company, hardware)",
]

# A mention adds one to its entity, and one document when it is the first of its document.
_T_ENTITY_INSERT = """CREATE TRIGGER IF NOT EXISTS top_entity_insert AFTER INSERT ON entities
WHEN NEW.normal IS NOT NULL BEGIN
    INSERT INTO top_entities (type, normal, mentions, documents)
    SELECT NEW.type, NEW.normal, 1, NOT EXISTS (
        SELECT 1 FROM entities WHERE type = NEW.type AND normal = NEW.normal AND document_id = NEW.document_id
        AND rowid <> NEW.rowid) WHERE true
    ON CONFLICT (type, normal) DO UPDATE SET mentions = mentions + 1, documents = documents + excluded.documents;
END"""

_T_ENTITY_DELETE = """CREATE TRIGGER IF NOT EXISTS top_entity_delete AFTER DELETE ON entities
WHEN OLD.normal IS NOT NULL BEGIN
    UPDATE top_entities SET mentions = mentions - 1, documents = documents - NOT EXISTS (
        SELECT 1 FROM entities WHERE type = OLD.type AND normal = OLD.normal AND document_id = OLD.document_id)
    WHERE type = OLD.type AND normal = OLD.normal;
END"""


# A pair (X, H) enters a document when the later of their first mentions is inserted and leaves it
# when the first of their last mentions is deleted; the same per sentence. "s" rows: my side's other
# mentions; "x" rows: the other side's mentions in the same document.
_T_PAIR_ORG_INSERT = """CREATE TRIGGER IF NOT EXISTS top_pair_org_insert AFTER INSERT ON entities
WHEN NEW.type = 'ORG' AND NEW.normal IS NOT NULL BEGIN
    INSERT INTO top_pairs (company, hardware, documents, sentences)
    SELECT NEW.normal, x.normal,
        NOT EXISTS (SELECT 1 FROM entities s WHERE s.document_id = NEW.document_id AND s.type = 'ORG'
                    AND s.normal = NEW.normal AND s.rowid <> NEW.rowid),
        MAX(x.sentence = NEW.sentence) AND NOT EXISTS (
            SELECT 1 FROM entities s WHERE s.document_id = NEW.document_id AND s.type = 'ORG'
            AND s.normal = NEW.normal AND s.sentence = NEW.sentence AND s.rowid <> NEW.rowid)
    FROM entities x
    WHERE x.document_id = NEW.document_id AND x.type = 'HARDWARE' AND x.normal IS NOT NULL
      AND (x.vendor IS NULL OR lower(x.vendor) <> lower(NEW.normal))
    GROUP BY x.normal
    ON CONFLICT (company, hardware) DO UPDATE SET documents = documents + excluded.documents,
                                                  sentences = sentences + excluded.sentences;
END"""

_T_PAIR_HARDWARE_INSERT = """CREATE TRIGGER IF NOT EXISTS top_pair_hardware_insert AFTER INSERT ON entities
WHEN NEW.type = 'HARDWARE' AND NEW.normal IS NOT NULL BEGIN
    INSERT INTO top_pairs (company, hardware, documents, sentences)
    SELECT x.normal, NEW.normal,
        NOT EXISTS (SELECT 1 FROM entities s WHERE s.document_id = NEW.document_id AND s.type = 'HARDWARE'
                    AND s.normal = NEW.normal AND s.rowid <> NEW.rowid
                    AND (s.vendor IS NULL OR lower(s.vendor) <> lower(x.normal))),
        MAX(x.sentence = NEW.sentence) AND NOT EXISTS (
            SELECT 1 FROM entities s WHERE s.document_id = NEW.document_id AND s.type = 'HARDWARE'
            AND s.normal = NEW.normal AND s.sentence = NEW.sentence AND s.rowid <> NEW.rowid
            AND (s.vendor IS NULL OR lower(s.vendor) <> lower(x.normal)))
    FROM entities x
    WHERE x.document_id = NEW.document_id AND x.type = 'ORG' AND x.normal IS NOT NULL
      AND (NEW.vendor IS NULL OR lower(NEW.vendor) <> lower(x.normal))
    GROUP BY x.normal
    ON CONFLICT (company, hardware) DO UPDATE SET documents = documents + excluded.documents,
                                                  sentences = sentences + excluded.sentences;
END"""

_T_PAIR_ORG_DELETE = """CREATE TRIGGER IF NOT EXISTS top_pair_org_delete AFTER DELETE ON entities
WHEN OLD.type = 'ORG' AND OLD.normal IS NOT NULL BEGIN
    UPDATE top_pairs SET
        documents = documents - NOT EXISTS (
            SELECT 1 FROM entities s WHERE s.document_id = OLD.document_id AND s.type = 'ORG'
            AND s.normal = OLD.normal),
        sentences = sentences - (
            EXISTS (SELECT 1 FROM entities x WHERE x.document_id = OLD.document_id AND x.type = 'HARDWARE'
                    AND x.normal = top_pairs.hardware AND x.sentence = OLD.sentence
                    AND (x.vendor IS NULL OR lower(x.vendor) <> lower(OLD.normal)))
            AND NOT EXISTS (SELECT 1 FROM entities s WHERE s.document_id = OLD.document_id AND s.type = 'ORG'
                            AND s.normal = OLD.normal AND s.sentence = OLD.sentence))
    WHERE company = OLD.normal AND hardware IN (
        SELECT x.normal FROM entities x WHERE x.document_id = OLD.document_id AND x.type = 'HARDWARE'
        AND x.normal IS NOT NULL AND (x.vendor IS NULL OR lower(x.vendor) <> lower(OLD.normal)));
END"""

_T_PAIR_HARDWARE_DELETE = """CREATE TRIGGER IF NOT EXISTS top_pair_hardware_delete AFTER DELETE ON entities
WHEN OLD.type = 'HARDWARE' AND OLD.normal IS NOT NULL BEGIN
    UPDATE top_pairs SET
        documents = documents - NOT EXISTS (
            SELECT 1 FROM entities s WHERE s.document_id = OLD.document_id AND s.type = 'HARDWARE'
            AND s.normal = OLD.normal AND (s.vendor IS NULL OR lower(s.vendor) <> lower(top_pairs.company))),
        sentences = sentences - (
            EXISTS (SELECT 1 FROM entities x WHERE x.document_id = OLD.document_id AND x.type = 'ORG'
                    AND x.normal = top_pairs.company AND x.sentence = OLD.sentence)
            AND NOT EXISTS (SELECT 1 FROM entities s WHERE s.document_id = OLD.document_id AND s.type = 'HARDWARE'
                            AND s.normal = OLD.normal AND s.sentence = OLD.sentence
                            AND (s.vendor IS NULL OR lower(s.vendor) <> lower(top_pairs.company))))
    WHERE hardware = OLD.normal AND (OLD.vendor IS NULL OR lower(OLD.vendor) <> lower(company)) AND company IN (
        SELECT x.normal FROM entities x WHERE x.document_id = OLD.document_id AND x.type = 'ORG'
        AND x.normal IS NOT NULL);
END"""


TRIGGERS = [_T_ENTITY_INSERT, _T_ENTITY_DELETE, _T_PAIR_ORG_INSERT, _T_PAIR_HARDWARE_INSERT, _T_PAIR_ORG_DELETE,
            _T_PAIR_HARDWARE_DELETE]
TRIGGER_NAMES = {t.split()[5] for t in TRIGGERS}  # CREATE TRIGGER IF NOT EXISTS <name>

# ------------------------------------------------------------------ the raw queries (backfill, read-only stores)

_RAW_ENTITIES = """
SELECT type, normal, SUM(c), COUNT(*) FROM (
    SELECT type, normal, document_id, COUNT(*) AS c FROM entities WHERE normal IS NOT NULL
    GROUP BY type, normal, document_id)
GROUP BY type, normal
"""

_RAW_PAIRS = f"""
WITH hw AS MATERIALIZED (
    SELECT DISTINCT document_id, sentence, normal, vendor FROM entities WHERE type = 'HARDWARE' AND normal IS NOT NULL
), org AS MATERIALIZED (
    SELECT DISTINCT e.document_id, e.sentence, e.normal FROM entities AS e
    WHERE e.type = 'ORG' AND e.normal IS NOT NULL AND e.document_id IN (SELECT document_id FROM hw)
)
SELECT org.normal, hw.normal, COUNT(DISTINCT org.document_id),
       COUNT(DISTINCT CASE WHEN org.sentence = hw.sentence THEN org.document_id || ':' || org.sentence END)
FROM hw JOIN org ON org.document_id = hw.document_id
WHERE {_OTHER_MAKE.format(h="hw", o="org.normal")}
GROUP BY org.normal, hw.normal
"""

_TOP_ENTITIES = """
SELECT normal, mentions, documents FROM top_entities
WHERE type = :type AND mentions > 0
ORDER BY mentions DESC, documents DESC, normal
LIMIT :rows
"""

_TOP_PAIRS = """
SELECT company, hardware, documents, sentences FROM top_pairs
WHERE documents > 0
ORDER BY documents DESC, sentences DESC, company, hardware
LIMIT :rows
"""

_MONEY_UNITS = "SELECT unit, COUNT(*) FROM quantities WHERE kind = 'money' GROUP BY unit ORDER BY COUNT(*) DESC, unit"

# {source}: documents.source (the path as given, store v2) or documents.path (v1)
_LARGEST_MONEY = """
SELECT q.value, q.max, q.approx, q.text, {source}, q.document_id
FROM quantities AS q JOIN documents AS d ON d.id = q.document_id
WHERE q.kind = 'money' AND q.unit = :unit
ORDER BY q.value DESC, {source}, q.start
LIMIT :limit
"""


def open_store(path: str, writable: bool = True) -> sqlite3.Connection:
    """A connection to an existing store (a missing file is an error, never a new empty store)."""
    uri = Path(path).resolve().as_uri() + ("?mode=rw" if writable else "?mode=ro")
    return sqlite3.connect(uri, uri=True, timeout=60.0, isolation_level=None)


def has_summaries(conn: sqlite3.Connection) -> bool:
    """Complete summaries: the meta mark, and every trigger still there (a migration that rebuilds
    the entities table drops its triggers; then the summaries are rebuilt, never read stale)."""
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (SUMMARY_KEY,)).fetchone()
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    except sqlite3.OperationalError:
        return False
    return row is not None and row[0] == SUMMARY_VERSION and TRIGGER_NAMES <= names


def build_summaries(conn: sqlite3.Connection) -> float:
    """Create the summary tables from the raw ones and the triggers that keep them; returns seconds taken."""
    started = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")  # no writer may slip a batch between the backfill and the triggers
    try:
        for statement in SUMMARY_DDL:
            conn.execute(statement)
        conn.execute("DELETE FROM top_entities")
        conn.execute("DELETE FROM top_pairs")
        conn.execute("INSERT INTO top_entities (type, normal, mentions, documents) " + _RAW_ENTITIES)
        conn.execute("INSERT INTO top_pairs (company, hardware, documents, sentences) " + _RAW_PAIRS)
        for statement in TRIGGERS:
            conn.execute(statement)
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (SUMMARY_KEY, SUMMARY_VERSION))
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return time.perf_counter() - started


def drop_summaries(conn: sqlite3.Connection) -> None:
    """Remove what build_summaries added (the store is then as newsfacts --db made it)."""
    conn.execute("BEGIN IMMEDIATE")
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'top\\_%'"
                                " ESCAPE '\\'").fetchall():
        conn.execute(f'DROP TRIGGER "{name}"')
    conn.execute("DROP TABLE IF EXISTS top_entities")
    conn.execute("DROP TABLE IF EXISTS top_pairs")
    conn.execute("DELETE FROM meta WHERE key = ?", (SUMMARY_KEY,))
    conn.execute("COMMIT")


def from_store(conn: sqlite3.Connection, rows: int = 10, summaries: bool = True) -> TopView:
    """The view from a store: from the summary tables (built on first use when the store is writable)."""
    if summaries and not has_summaries(conn):
        try:
            build_summaries(conn)
        except sqlite3.OperationalError as e:
            if "readonly" not in str(e) and "read-only" not in str(e):
                raise
            summaries = False
    count = conn.execute("SELECT COUNT(*) FROM documents WHERE error IS NULL").fetchone()[0]
    view = TopView(documents=count, rows=rows)
    if summaries:
        for kind in ENTITY_TYPES:
            found = [EntityCount(kind, *r) for r in conn.execute(_TOP_ENTITIES, {"type": kind, "rows": rows})]
            if found:
                view.entities[kind] = found
        view.hardware_companies = [Pairing(*r) for r in conn.execute(_TOP_PAIRS, {"rows": rows})]
    else:
        _raw_view(conn, view)
    for unit, _ in conn.execute(_MONEY_UNITS).fetchall():
        view.money[unit] = _largest(conn, unit, rows)
    return view


def _raw_view(conn: sqlite3.Connection, view: TopView) -> None:
    by_kind: dict[str, list[EntityCount]] = {}
    for kind, normal, mentions, documents in conn.execute(_RAW_ENTITIES):
        by_kind.setdefault(kind, []).append(EntityCount(kind, normal, mentions, documents))
    for kind in ENTITY_TYPES:
        if kind in by_kind:
            view.entities[kind] = sorted(by_kind[kind], key=lambda e: (-e.mentions, -e.documents, e.normal))[
                : view.rows]
    pairs = [Pairing(*r) for r in conn.execute(_RAW_PAIRS)]
    view.hardware_companies = sorted(pairs, key=lambda p: (-p.documents, -p.sentences, p.company, p.hardware))[
        : view.rows]


def _largest(conn: sqlite3.Connection, unit: str, rows: int) -> list[Amount]:
    """The ``rows`` largest distinct amounts of a currency: read from the index, repeats in a document dropped."""
    columns = {r[1] for r in conn.execute("PRAGMA table_info(documents)")}
    query = _LARGEST_MONEY.format(source="d.source" if "source" in columns else "d.path")
    limit = rows * 4
    while True:
        found = conn.execute(query, {"unit": unit, "limit": limit}).fetchall()
        out, seen = [], set()
        for value, max_, approx, text, path, doc_id in found:
            if (doc_id, value, max_) in seen:
                continue
            seen.add((doc_id, value, max_))
            out.append(Amount(value, max_, bool(approx), unit, text, path))
        if len(out) >= rows or len(found) < limit:
            return out[:rows]
        limit *= 4
