"""The SQLite fact store: schema, replace semantics, crash safety, and the README queries."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import newsfacts
from newsfacts.doc import Document, Entity, Quantity, Sentence
from newsfacts.outcome import Outcome
from newsfacts.store import (
    DDL,
    STORE_SCHEMA_VERSION,
    FactStore,
    StoreError,
    content_hash,
    load_queries,
)


def StoredItem(path: str, digest: str | None, doc: Document | None, error: str | None = None) -> Outcome:  # noqa: N802
    """An outcome as the run path hands it to the store (key = source = path here)."""
    return Outcome(path, path, digest, None if doc is None else doc.as_json(), error)

REPO_ROOT = Path(newsfacts.__file__).resolve().parent.parent
TESTS_DIR = Path(__file__).resolve().parent


def _sentence(index: int, text: str, start: int) -> Sentence:
    return Sentence(index, start, start + len(text), text)


def make_items(n: int) -> list[Outcome]:
    """n small items; number 3 is a failure (unreadable file). Also imported by the crash child."""
    items = []
    for i in range(n):
        path = f"corpus/{i:04d}.txt"
        if i == 3:
            items.append(StoredItem(path, None, None, "cannot decode"))
            continue
        first, second = f"Статья {i}.", f"NVIDIA продала {i} ускорителей."
        text = f"{first} {second}"
        doc = Document(
            source=path,
            text=text,
            sentences=(_sentence(0, first, 0), _sentence(1, second, len(first) + 1)),
            entities=(Entity("ORG", "NVIDIA", "NVIDIA", text.index("NVIDIA"), text.index("NVIDIA") + 6, 1),),
            quantities=(Quantity(f"{i} ускорителей", float(i), "ускоритель", "count", 0, 0, sentence=1),),
        )
        items.append(StoredItem(path, content_hash(text.encode()), doc))
    return items


def rows(conn: sqlite3.Connection, sql: str, params: tuple = ()) -> list[tuple]:
    return [tuple(r) for r in conn.execute(sql, params)]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "facts.sqlite"


# --- hand-made documents for exact-row tests and the queries -----------------------------------


def hw(text: str, normal: str, vendor: str, model: str, start: int, sentence: int = 0) -> Entity:
    return Entity("HARDWARE", text, normal, start, start + len(text), sentence, vendor, "GPU", model)


def org(text: str, normal: str, start: int, sentence: int = 0) -> Entity:
    return Entity("ORG", text, normal, start, start + len(text), sentence)


def money(text: str, value: float, unit: str, start: int, *, max: float | None = None) -> Quantity:
    return Quantity(text, value, unit, "money", start, start + len(text), max=max, approx=False)


DOC_A = Document(
    source="news/a.txt",
    text="Twitter купил 10 000 NVIDIA H100 за $10 млн. Это H100.",
    sentences=(
        _sentence(0, "Twitter купил 10 000 NVIDIA H100 за $10 млн.", 0),
        _sentence(1, "Это H100.", 45),
    ),
    entities=(
        org("Twitter", "Twitter", 0),
        hw("NVIDIA H100", "NVIDIA H100", "NVIDIA", "H100", 21),
        hw("H100", "NVIDIA H100", "NVIDIA", "H100", 49, 1),
    ),
    quantities=(
        Quantity("10 000 NVIDIA H100", 10000.0, "ускоритель", "count", 14, 32, approx=False),
        money("$10 млн", 10_000_000.0, "USD", 36),
    ),
)
DOC_B = Document(
    source="news/b.txt",
    text="Microsoft и NVIDIA: H100 и AMD MI300X, 1–2 млрд рублей.",
    sentences=(_sentence(0, "Microsoft и NVIDIA: H100 и AMD MI300X, 1–2 млрд рублей.", 0),),
    entities=(
        org("Microsoft", "Microsoft", 0),
        org("NVIDIA", "NVIDIA", 12),
        hw("H100", "NVIDIA H100", "NVIDIA", "H100", 20),
        hw("AMD MI300X", "AMD MI300X", "AMD", "MI300X", 27),
    ),
    quantities=(money("1–2 млрд рублей", 1e9, "RUB", 39, max=2e9),),
)
DOC_C = Document(
    source="news/c.txt",
    text="OpenAI берёт MI300X у AMD. OpenAI заплатит $500 млн.",
    sentences=(
        _sentence(0, "OpenAI берёт MI300X у AMD.", 0),
        _sentence(1, "OpenAI заплатит $500 млн.", 27),
    ),
    entities=(
        org("OpenAI", "OpenAI", 0),
        hw("MI300X", "AMD MI300X", "AMD", "MI300X", 13),
        org("AMD", "AMD", 22),
        org("OpenAI", "OpenAI", 27, 1),
    ),
    quantities=(money("$500 млн", 5e8, "USD", 43),),
)


def corpus_items() -> list[Outcome]:
    docs = [DOC_A, DOC_B, DOC_C]
    items = [StoredItem(d.source, content_hash(d.text.encode()), d) for d in docs]
    items.append(StoredItem("news/broken.html", content_hash(b"\xff\xfe"), None, "binary file"))
    return items


@pytest.fixture
def corpus_db(db: Path) -> Path:
    with FactStore(db) as store:
        store.write_batch(corpus_items())
    return db


# --- schema -------------------------------------------------------------------------------------


def test_content_hash_is_sha256_hex() -> None:
    assert content_hash(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert content_hash("Маск".encode()) == hashlib.sha256("Маск".encode()).hexdigest()
    assert content_hash(b"a") != content_hash(b"b")


def test_new_store_has_schema_wal_and_version(db: Path) -> None:
    FactStore(db).close()
    conn = sqlite3.connect(db)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"meta", "documents", "sentences", "entities", "quantities", "roles"}
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")}
    assert indexes == {
        "documents_path",
        "documents_content_hash",
        "entities_type_normal",
        "entities_document",
        "quantities_kind_unit",
        "quantities_subject",
        "quantities_document",
        "roles_org",
        "roles_person",
        "roles_document",
    }
    assert rows(conn, "PRAGMA index_info(entities_type_normal)") == [
        (0, 1, "type"),
        (1, 3, "normal"),
        (2, 0, "document_id"),
    ]
    assert rows(conn, "PRAGMA index_list(documents)") == [
        (0, "documents_content_hash", 0, "c", 0),
        (1, "documents_path", 1, "c", 0),
    ]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert rows(conn, "SELECT key, value FROM meta") == [("schema_version", str(STORE_SCHEMA_VERSION))]
    fks = {
        (r[2], r[3], r[4], r[6])
        for t in ("sentences", "entities", "quantities", "roles")
        for r in conn.execute(f"PRAGMA foreign_key_list({t})")
    }
    assert fks == {("documents", "document_id", "id", "CASCADE")}
    conn.close()


def test_module_docstring_shows_the_ddl() -> None:
    import newsfacts.store as store_module

    doc = store_module.__doc__ or ""
    for table in ("meta", "documents", "sentences", "entities", "quantities", "roles"):
        assert f"CREATE TABLE {table} (" in doc
        assert f"CREATE TABLE IF NOT EXISTS {table} (" in DDL
    for index in re.findall(r"CREATE (?:UNIQUE )?INDEX IF NOT EXISTS (\w+)", DDL):
        assert f"INDEX {index} ON" in doc


def test_reopen_keeps_data_and_version(db: Path) -> None:
    with FactStore(db) as store:
        store.write_batch(corpus_items())
    with FactStore(db) as store:
        assert store.is_done("news/a.txt", content_hash(DOC_A.text.encode()))
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone() == (4,)
    assert conn.execute("SELECT COUNT(*) FROM meta").fetchone() == (1,)


def test_other_schema_version_is_refused(db: Path) -> None:
    FactStore(db).close()
    conn = sqlite3.connect(db)
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="schema version 99"):
        FactStore(db)


def test_foreign_database_is_refused(db: Path, tmp_path: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE stuff (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="no newsfacts meta table"):
        FactStore(db)
    assert rows(sqlite3.connect(db), "SELECT name FROM sqlite_master") == [("stuff",)]

    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match="not a newsfacts store"):
        FactStore(junk)


# --- writing ------------------------------------------------------------------------------------


def test_write_batch_stores_exact_rows(corpus_db: Path) -> None:
    conn = sqlite3.connect(corpus_db)
    docs = rows(conn, "SELECT id, path, content_hash, chars, error FROM documents ORDER BY id")
    assert docs == [
        (1, "news/a.txt", content_hash(DOC_A.text.encode()), len(DOC_A.text), None),
        (2, "news/b.txt", content_hash(DOC_B.text.encode()), len(DOC_B.text), None),
        (3, "news/c.txt", content_hash(DOC_C.text.encode()), len(DOC_C.text), None),
        (4, "news/broken.html", content_hash(b"\xff\xfe"), None, "binary file"),
    ]
    stamps = {r[0] for r in conn.execute("SELECT processed_at FROM documents")}
    assert len(stamps) == 1  # one batch, one timestamp
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", stamps.pop())

    assert rows(conn, "SELECT * FROM sentences WHERE document_id = 1 ORDER BY idx") == [
        (1, 0, 0, 44, "Twitter купил 10 000 NVIDIA H100 за $10 млн."),
        (1, 1, 45, 54, "Это H100."),
    ]
    assert rows(conn, "SELECT * FROM entities WHERE document_id = 1 ORDER BY start") == [
        (1, "ORG", "Twitter", "Twitter", None, None, None, 0, 7, 0),
        (1, "HARDWARE", "NVIDIA H100", "NVIDIA H100", "NVIDIA", "GPU", "H100", 21, 32, 0),
        (1, "HARDWARE", "H100", "NVIDIA H100", "NVIDIA", "GPU", "H100", 49, 53, 1),
    ]
    plain = "document_id, text, value, max, approx, kind, unit, start, stop, sentence"
    assert rows(conn, f"SELECT {plain} FROM quantities ORDER BY document_id, start") == [
        (1, "10 000 NVIDIA H100", 10000.0, None, 0, "count", "ускоритель", 14, 32, 0),
        (1, "$10 млн", 10_000_000.0, None, 0, "money", "USD", 36, 43, 0),
        (2, "1–2 млрд рублей", 1e9, 2e9, 0, "money", "RUB", 39, 54, 0),
        (3, "$500 млн", 5e8, None, 0, "money", "USD", 43, 51, 0),
    ]
    subjects = "subject_type, subject_normal, subject_text, subject_start, subject_stop, predicate"
    assert rows(conn, f"SELECT {subjects} FROM quantities WHERE document_id = 1") == [(None,) * 6] * 2
    # The failed document has no facts.
    for table in ("sentences", "entities", "quantities"):
        assert conn.execute(f"SELECT COUNT(*) FROM {table} WHERE document_id = 4").fetchone() == (0,)


def test_sentence_offsets_of_test_documents_are_consistent() -> None:
    # Guards the hand-made fixtures themselves, so the exact-row asserts mean something.
    for doc in (DOC_A, DOC_B, DOC_C):
        for s in doc.sentences:
            assert doc.text[s.start : s.stop] == s.text
        for e in doc.entities:
            assert doc.text[e.start : e.stop] == e.text
        for q in doc.quantities:
            assert doc.text[q.start : q.stop] == q.text


def test_is_done(corpus_db: Path) -> None:
    with FactStore(corpus_db) as store:
        assert store.is_done("news/a.txt", content_hash(DOC_A.text.encode()))
        assert not store.is_done("news/a.txt", content_hash(b"changed"))  # file changed: redo
        assert not store.is_done("news/zzz.txt", content_hash(DOC_A.text.encode()))  # unknown path
        assert not store.is_done("news/broken.html", content_hash(b"\xff\xfe"))  # failed: retry


def test_rewrite_replaces_document_and_cascades(corpus_db: Path) -> None:
    new_a = Document(
        source="news/a.txt",
        text="AMD MI300X.",
        sentences=(_sentence(0, "AMD MI300X.", 0),),
        entities=(hw("AMD MI300X", "AMD MI300X", "AMD", "MI300X", 0),),
    )
    with FactStore(corpus_db) as store:
        store.write_batch([StoredItem("news/a.txt", content_hash(b"v2"), new_a)])
        assert store.is_done("news/a.txt", content_hash(b"v2"))
        assert not store.is_done("news/a.txt", content_hash(DOC_A.text.encode()))
    conn = sqlite3.connect(corpus_db)
    assert rows(conn, "SELECT path FROM documents ORDER BY path") == [
        ("news/a.txt",),
        ("news/b.txt",),
        ("news/broken.html",),
        ("news/c.txt",),
    ]
    (new_id,) = conn.execute("SELECT id FROM documents WHERE path = 'news/a.txt'").fetchone()
    assert new_id == 5
    # No orphans: every fact row belongs to an existing document, and old a.txt facts are gone.
    for table in ("sentences", "entities", "quantities"):
        orphans = f"SELECT COUNT(*) FROM {table} WHERE document_id NOT IN (SELECT id FROM documents)"
        assert conn.execute(orphans).fetchone() == (0,)
        assert conn.execute(f"SELECT COUNT(*) FROM {table} WHERE document_id = 1").fetchone() == (0,)
    assert rows(conn, "SELECT * FROM entities WHERE document_id = 5") == [
        (5, "HARDWARE", "AMD MI300X", "AMD MI300X", "AMD", "GPU", "MI300X", 0, 10, 0)
    ]
    assert rows(conn, "SELECT * FROM sentences WHERE document_id = 5") == [(5, 0, 0, 11, "AMD MI300X.")]
    assert conn.execute("SELECT COUNT(*) FROM quantities WHERE document_id = 5").fetchone() == (0,)


def test_failure_then_success_replaces_error_row(db: Path) -> None:
    with FactStore(db) as store:
        store.write_batch([StoredItem("x.txt", None, None, "permission denied")])
        assert rows(store._conn, "SELECT path, content_hash, chars, error FROM documents") == [
            ("x.txt", None, None, "permission denied")
        ]
        store.write_batch([StoredItem("x.txt", content_hash(b"x"), Document("x.txt", "x"))])
        assert rows(store._conn, "SELECT path, content_hash, chars, error FROM documents") == [
            ("x.txt", content_hash(b"x"), 1, None)
        ]
        assert store.is_done("x.txt", content_hash(b"x"))


def test_error_outcome_is_stored_and_retried(db: Path) -> None:
    with FactStore(db) as store:
        store.write_batch([StoredItem("y.html", content_hash(b"<html>"), None, "no article text found in page")])
        assert rows(store._conn, "SELECT chars, error, json FROM documents") == [
            (None, "no article text found in page", None)
        ]
        assert not store.is_done("y.html", content_hash(b"<html>"))
        assert store.load("y.html") is None


def test_same_path_twice_in_one_batch_keeps_the_last(db: Path) -> None:
    with FactStore(db) as store:
        store.write_batch(
            [
                StoredItem("d.txt", "h1", Document("d.txt", "one")),
                StoredItem("d.txt", "h2", Document("d.txt", "second")),
            ]
        )
        assert rows(store._conn, "SELECT path, content_hash, chars FROM documents") == [("d.txt", "h2", 6)]


def test_batch_is_all_or_nothing(corpus_db: Path) -> None:
    bad = [
        StoredItem("new/1.txt", "h", Document("new/1.txt", "fine")),
        StoredItem("news/a.txt", "h", Document("news/a.txt", "would replace a")),
        StoredItem("new/2.txt", "h", None, None),  # neither document nor error
    ]
    with FactStore(corpus_db) as store:
        with pytest.raises(ValueError, match="new/2.txt"):
            store.write_batch(bad)
        # The store is still usable and unchanged.
        assert store.is_done("news/a.txt", content_hash(DOC_A.text.encode()))
        assert rows(store._conn, "SELECT COUNT(*) FROM documents") == [(4,)]
        assert rows(store._conn, "SELECT COUNT(*) FROM entities WHERE document_id = 1") == [(3,)]
        store.write_batch([StoredItem("new/3.txt", "h", Document("new/3.txt", "ok"))])
        assert rows(store._conn, "SELECT COUNT(*) FROM documents") == [(5,)]


def test_empty_batch_is_a_no_op(db: Path) -> None:
    with FactStore(db) as store:
        store.write_batch([])
        assert rows(store._conn, "SELECT COUNT(*) FROM documents") == [(0,)]


def test_reader_sees_committed_state_during_a_write(corpus_db: Path) -> None:
    """WAL: another connection can query while a batch is half written, and sees the old state."""
    seen: list[tuple] = []

    def items():
        yield StoredItem("new/1.txt", "h", Document("new/1.txt", "x"))
        reader = sqlite3.connect(corpus_db, timeout=0)  # timeout=0: any lock would fail at once
        seen.extend(rows(reader, "SELECT COUNT(*) FROM documents"))
        reader.close()
        yield StoredItem("new/2.txt", "h", Document("new/2.txt", "y"))

    with FactStore(corpus_db) as store:
        store.write_batch(items())
    assert seen == [(4,)]
    assert rows(sqlite3.connect(corpus_db), "SELECT COUNT(*) FROM documents") == [(6,)]


# --- crash safety -------------------------------------------------------------------------------

CHILD = """
import sys
sys.path[:0] = [{root!r}, {tests!r}]
from newsfacts.store import FactStore
from test_store import make_items

items = make_items({n})
store = FactStore({db!r})
store.write_batch(items[:10])

def second_batch():
    yield from items[10:15]
    print("ready", flush=True)  # batch 1 committed, batch 2 half written and uncommitted
    sys.stdin.readline()         # block here until the parent kills us
    yield from items[15:]

store.write_batch(second_batch())
print("finished", flush=True)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_loses_nothing_committed_and_rerun_completes(db: Path) -> None:
    n = 40
    script = CHILD.format(root=str(REPO_ROOT), tests=str(TESTS_DIR), n=n, db=str(db))
    proc = subprocess.Popen(
        [sys.executable, "-c", script],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if line != "ready\n":
            proc.kill()
            pytest.fail(f"child did not get ready: {line!r} {proc.communicate()[1]}")
        # The child holds an open write transaction now; a reader still sees batch 1.
        reader = sqlite3.connect(db, timeout=0)
        assert rows(reader, "SELECT COUNT(*) FROM documents") == [(10,)]
        reader.close()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
    assert proc.returncode == -signal.SIGKILL

    conn = sqlite3.connect(db)
    # Batch 1 survived whole; nothing of the uncommitted batch 2.
    assert rows(conn, "SELECT path FROM documents ORDER BY path") == [(f"corpus/{i:04d}.txt",) for i in range(10)]
    ids_before = dict(rows(conn, "SELECT path, id FROM documents"))
    conn.close()

    # The re-run, as the CLI does it: skip what is done, write the rest in batches.
    items = make_items(n)
    with FactStore(db) as store:
        todo = [it for it in items if not store.is_done(it.key, it.content_hash or "")]
        for i in range(0, len(todo), 7):
            store.write_batch(todo[i : i + 7])
    assert [it.key for it in items if it not in todo] == [f"corpus/{i:04d}.txt" for i in range(10) if i != 3]
    assert len(todo) == n - 9  # the failed item 3 is retried

    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT path) FROM documents").fetchone() == (n, n)
    assert rows(conn, "SELECT path FROM documents WHERE error IS NOT NULL") == [("corpus/0003.txt",)]
    assert conn.execute("SELECT COUNT(*) FROM sentences").fetchone() == (2 * (n - 1),)
    assert conn.execute("SELECT COUNT(*) FROM entities").fetchone() == (n - 1,)
    assert conn.execute("SELECT COUNT(*) FROM quantities").fetchone() == (n - 1,)
    assert rows(conn, "SELECT document_id, COUNT(*) FROM entities GROUP BY 1 HAVING COUNT(*) > 1") == []
    ids_after = dict(rows(conn, "SELECT path, id FROM documents"))
    for path, old_id in ids_before.items():
        if path != "corpus/0003.txt":
            assert ids_after[path] == old_id  # done documents were not rewritten
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert rows(conn, "PRAGMA foreign_key_check") == []


# --- the README queries -------------------------------------------------------------------------

EXPECTED = {
    "top_hardware": [
        {"normal": "NVIDIA H100", "vendor": "NVIDIA", "documents": 2, "mentions": 3},
        {"normal": "AMD MI300X", "vendor": "AMD", "documents": 2, "mentions": 2},
    ],
    "companies_with_hardware": [
        {"company": "Microsoft", "documents": 1, "mentions": 1},
        {"company": "NVIDIA", "documents": 1, "mentions": 1},
        {"company": "Twitter", "documents": 1, "mentions": 1},
    ],
    "largest_money": [
        {"value": 1e9, "unit": "RUB", "text": "1–2 млрд рублей", "path": "news/b.txt"},
        {"value": 5e8, "unit": "USD", "text": "$500 млн", "path": "news/c.txt"},
        {"value": 1e7, "unit": "USD", "text": "$10 млн", "path": "news/a.txt"},
    ],
}
PARAMS = {"companies_with_hardware": {"hardware": "NVIDIA H100"}}


def test_load_queries_names() -> None:
    queries = load_queries()
    assert list(queries) == ["top_hardware", "companies_with_hardware", "largest_money", "top_spenders", "posts_at_org"]
    for sql in queries.values():
        assert sqlite3.complete_statement(sql)
        assert "-- name:" not in sql


@pytest.mark.parametrize("name", list(EXPECTED))
def test_query_with_python_sqlite3(corpus_db: Path, name: str) -> None:
    conn = sqlite3.connect(corpus_db)
    conn.row_factory = sqlite3.Row
    result = [dict(r) for r in conn.execute(load_queries()[name], PARAMS.get(name, {}))]
    assert result == EXPECTED[name]


def test_companies_with_other_hardware(corpus_db: Path) -> None:
    conn = sqlite3.connect(corpus_db)
    sql = load_queries()["companies_with_hardware"]
    assert rows(conn, sql, {"hardware": "AMD MI300X"}) == [
        ("OpenAI", 1, 2),
        ("AMD", 1, 1),
        ("Microsoft", 1, 1),
        ("NVIDIA", 1, 1),
    ]
    assert rows(conn, sql, {"hardware": "Intel Gaudi 3"}) == []


@pytest.mark.parametrize("name", list(EXPECTED))
def test_query_with_sqlite3_shell(corpus_db: Path, name: str) -> None:
    shell = shutil.which("sqlite3")
    if shell is None:
        pytest.skip("the sqlite3 command-line tool is not installed")
    script = "".join(f""".parameter set :{key} "'{value}'"\n""" for key, value in PARAMS.get(name, {}).items())
    script += load_queries()[name]
    out = subprocess.run(
        [shell, "-batch", "-bail", "-json", str(corpus_db)],
        input=script,
        capture_output=True,
        text=True,
        check=True,
        encoding="utf-8",
    )
    assert out.stderr == ""
    assert json.loads(out.stdout) == EXPECTED[name]
