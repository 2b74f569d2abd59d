"""`newsfacts top`: the corpus view, from documents and from a --db store by SQL, with the same answers."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsfacts.cli import cli
from newsfacts.outcome import Outcome
from newsfacts.store import FactStore
from newsfacts.top import from_documents
from newsfacts.topsql import from_store, open_store

from .test_views import golden
from .viewdocs import article, hostile, second

EXPECTED = {
    "documents": 2,
    "entities": {
        "PER": [{"type": "PER", "normal": "Дженсен Хуанг", "mentions": 2, "documents": 1}],
        "ORG": [
            {"type": "ORG", "normal": "Microsoft", "mentions": 4, "documents": 2},
            {"type": "ORG", "normal": "NVIDIA", "mentions": 2, "documents": 1},
            {"type": "ORG", "normal": "Яндекс", "mentions": 1, "documents": 1},
        ],
        "LOC": [
            {"type": "LOC", "normal": "Сан-Хосе", "mentions": 1, "documents": 1},
            {"type": "LOC", "normal": "Техас", "mentions": 1, "documents": 1},
        ],
        "HARDWARE": [
            {"type": "HARDWARE", "normal": "NVIDIA H100", "mentions": 3, "documents": 2},
            {"type": "HARDWARE", "normal": "NVIDIA B200", "mentions": 1, "documents": 1},
        ],
        "DATE": [{"type": "DATE", "normal": "2024-03", "mentions": 1, "documents": 1}],
    },
    # NVIDIA is not paired with its own H100 and B200
    "hardware_companies": [
        {"company": "Microsoft", "hardware": "NVIDIA H100", "documents": 2, "sentences": 3},
        {"company": "Яндекс", "hardware": "NVIDIA H100", "documents": 1, "sentences": 1},
        {"company": "Microsoft", "hardware": "NVIDIA B200", "documents": 1, "sentences": 0},
    ],
    "money": {
        "RUB": [{"value": 2e9, "max": None, "approx": False, "unit": "RUB", "text": "2 млрд рублей",
                 "source": "tests/second.txt"}],
        "USD": [{"value": 4.5e9, "max": None, "approx": False, "unit": "USD", "text": "4,5 млрд долларов",
                 "source": "tests/article.txt"}],
    },
}


def stored(doc, digest="0" * 64):
    """The outcome the CLI hands to the store for a document (key = source here)."""
    return Outcome(doc.source, doc.source, digest, doc.as_json())


def docs():
    return [article(), second()]


def store_of(path: Path, documents) -> Path:
    with FactStore(path) as store:
        store.write_batch(stored(d) for d in documents)
    return path


def test_counts_from_documents():
    assert from_documents(d.as_json() for d in docs()).as_json() == EXPECTED


def test_the_same_counts_from_a_store_by_sql(tmp_path):
    db = store_of(tmp_path / "facts.sqlite", docs())
    conn = open_store(str(db))
    assert from_store(conn).as_json() == EXPECTED


def test_rows_per_kind_and_ties_by_name(tmp_path):
    view = from_documents((d.as_json() for d in docs()), rows=1)
    db = store_of(tmp_path / "facts.sqlite", docs())
    assert view.as_json() == from_store(open_store(str(db)), rows=1).as_json()
    assert [e.normal for e in view.entities["ORG"]] == ["Microsoft"]
    assert [e.normal for e in view.entities["LOC"]] == ["Сан-Хосе"]
    assert [(p.company, p.hardware) for p in view.hardware_companies] == [("Microsoft", "NVIDIA H100")]


def test_one_amount_repeated_in_a_document_counts_once(tmp_path):
    again = article("tests/again.txt")
    view = from_documents((d.as_json() for d in [article(), again]), rows=5)
    assert [a.source for a in view.money["USD"]] == ["tests/again.txt", "tests/article.txt"]  # ties: by source
    db = store_of(tmp_path / "facts.sqlite", [article(), again])
    assert from_store(open_store(str(db)), rows=5).as_json() == view.as_json()


def test_failed_documents_in_the_store_are_not_counted(tmp_path):
    db = store_of(tmp_path / "facts.sqlite", docs())
    with FactStore(db) as store:
        store.write_batch([Outcome("broken.txt", "broken.txt", None, error="not UTF-8")])
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 3
    assert from_store(open_store(str(db))).as_json() == EXPECTED


# ------------------------------------------------------------------ the command


def invoke(*args, input=None):
    return CliRunner().invoke(cli, ["top", *args], input=input, catch_exceptions=False)


def test_top_table_and_json_from_a_store(tmp_path):
    db = str(store_of(tmp_path / "facts.sqlite", docs()))
    result = invoke("--db", db)
    assert result.exit_code == 0, result.output
    golden("top.txt", result.stdout)
    assert json.loads(invoke("--db", db, "-f", "json").stdout) == EXPECTED


def test_top_html_page_has_svg_bar_charts(tmp_path):
    db = str(store_of(tmp_path / "facts.sqlite", docs()))
    page_path = tmp_path / "top.html"
    assert invoke("--db", db, "--html", str(page_path), "-n", "2").exit_code == 0
    page = page_path.read_text(encoding="utf-8")
    assert page.count("<svg ") == 5 + 1 + 2  # entity kinds, company-hardware pairs, currencies
    assert '<figcaption>Organisations: most mentioned</figcaption>' in page
    assert "<title>Microsoft: 4 mentions, 2 documents</title>" in page and "1 mention, 1 document" in page
    assert "<title>2 000 000 000 RUB: 2 млрд рублей · tests/second.txt</title>" in page
    assert "https://" not in page and "<script src" not in page
    golden("top.html", page)


def test_top_on_a_folder_of_articles_and_the_same_from_db(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Microsoft закупила ускорители NVIDIA H100 для своих дата-центров. "
                                  "Сделка обошлась Microsoft в 2 млрд долларов.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Компания Google представила новые ускорители. Google также закупила NVIDIA H100 "
                                  "и NVIDIA A100 за 500 млн долларов.\n", encoding="utf-8")
    (folder / "c.txt").write_text("Microsoft и Google соревнуются за ускорители NVIDIA H100.\n", encoding="utf-8")
    from_folder = json.loads(invoke("-w", "1", "-f", "json", str(folder)).stdout)
    orgs = {e["normal"]: (e["mentions"], e["documents"]) for e in from_folder["entities"]["ORG"]}
    assert orgs["Microsoft"] == (3, 2) and orgs["Google"] == (3, 2)
    assert from_folder["entities"]["HARDWARE"][0] == {"type": "HARDWARE", "normal": "NVIDIA H100", "mentions": 3,
                                                      "documents": 3}
    pairs = {(p["company"], p["hardware"]): (p["documents"], p["sentences"]) for p in from_folder["hardware_companies"]}
    assert pairs[("Microsoft", "NVIDIA H100")] == (2, 2) and pairs[("Google", "NVIDIA A100")] == (1, 1)
    assert [(a["value"], Path(a["source"]).name) for a in from_folder["money"]["USD"]] == [(2e9, "a.txt"),
                                                                                           (5e8, "b.txt")]
    db = str(tmp_path / "facts.sqlite")
    assert CliRunner().invoke(cli, ["-w", "1", "-q", "-f", "jsonl", "--db", db, str(folder)]).exit_code == 0
    from_db = json.loads(invoke("--db", db, "-f", "json").stdout)
    for view in (from_folder, from_db):
        for amounts in view["money"].values():
            for a in amounts:
                a["source"] = Path(a["source"]).name  # the store keeps absolute paths
    assert from_db == from_folder


def test_terminal_escapes_are_shown_escaped(tmp_path):
    db = str(store_of(tmp_path / "facts.sqlite", [hostile()]))
    out = invoke("--db", db).stdout
    assert "\x1b" not in out and "Evil\\x1b[2J\\x1b]0;pwned\\x07Corp" in out


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--db", "missing.sqlite"], 1, "newsfacts top: missing.sqlite: no such store\n"),
        (["--db", "x.sqlite", "a.txt"], 2, "give INPUTs or --db, not both"),
        (["-n", "0", "--db", "x.sqlite"], 2, "Invalid value for '-n' / '--rows'"),
    ],
)
def test_bad_use_is_one_clear_line(args, code, message):
    result = invoke(*args)
    assert result.exit_code == code
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_a_file_that_is_not_a_store_is_one_line(tmp_path):
    bad = tmp_path / "notes.sqlite"
    bad.write_text("not sqlite", encoding="utf-8")
    result = invoke("--db", str(bad))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"newsfacts top: {bad}: not a readable newsfacts store (")
    assert result.stderr.count("\n") == 1


# ------------------------------------------------------------------ summaries kept by triggers


def random_doc(rng, source: str):
    """A document of random ORG/HARDWARE/PER mentions over few names, so that pairs and repeats are common."""
    from newsfacts.doc import Document, Entity, Quantity, Sentence

    n_sent = rng.randint(1, 4)
    sents = tuple(Sentence(i, i * 100, i * 100 + 90, "x") for i in range(n_sent))
    ents, qs = [], []
    for i in range(rng.randint(0, 9)):
        s = rng.randrange(n_sent)
        kind = rng.choice(["ORG", "ORG", "HARDWARE", "PER"])
        if kind == "HARDWARE":
            vendor = rng.choice(["NVIDIA", "AMD", None])
            ents.append(Entity(kind, "m", f"{vendor or 'X'} {rng.choice('AB')}", s * 100 + i, s * 100 + i + 1, s,
                               vendor=vendor, category="GPU", model="A"))
        else:
            ents.append(Entity(kind, "n", rng.choice(["nvidia", "AMD", "Яндекс", "Microsoft"]), s * 100 + i,
                               s * 100 + i + 1, s))
    if rng.random() < 0.5:
        qs.append(Quantity("q", float(rng.choice([1e6, 2e6, 3e6])), rng.choice(["USD", "RUB"]), "money", 5, 6))
    ents.sort(key=lambda e: e.start)
    return Document(source, " " * (n_sent * 100), sents, tuple(ents), tuple(qs))


def test_triggers_keep_the_summaries_equal_to_a_recount(tmp_path):
    import random

    rng = random.Random(7)
    db = tmp_path / "facts.sqlite"
    current = {}
    with FactStore(db) as store:
        for step in range(6):
            batch_docs = [random_doc(rng, f"doc{rng.randrange(12)}.txt") for _ in range(8)]
            store.write_batch(stored(d) for d in batch_docs)  # re-writes replace
            for d in batch_docs:
                current[d.source] = d
            conn = open_store(str(db))
            summed = from_store(conn, rows=50).as_json()  # the first call builds the summaries
            raw = from_store(conn, rows=50, summaries=False).as_json()
            assert summed == raw, step
            expected = from_documents((d.as_json() for d in current.values()), rows=50).as_json()
            assert summed["entities"] == expected["entities"] and summed["documents"] == expected["documents"]
            assert summed["hardware_companies"] == expected["hardware_companies"], step
            conn.close()


def test_a_read_only_store_is_answered_from_the_raw_tables(tmp_path):
    db = store_of(tmp_path / "facts.sqlite", docs())
    conn = open_store(str(db), writable=False)
    assert from_store(conn).as_json() == EXPECTED
    conn.close()
    from newsfacts.topsql import has_summaries

    assert not has_summaries(open_store(str(db), writable=False))


def test_summaries_without_their_triggers_are_rebuilt(tmp_path):
    from newsfacts.topsql import has_summaries

    db = store_of(tmp_path / "facts.sqlite", docs())
    conn = open_store(str(db))
    from_store(conn)
    assert has_summaries(conn)
    conn.execute("DROP TRIGGER top_pair_org_insert")  # as a table rebuild would
    assert not has_summaries(conn)
    with FactStore(db) as store:
        store.write_batch([stored(second("third.txt"), "1" * 64)])
    view = from_store(conn).as_json()
    assert has_summaries(conn)
    assert view["hardware_companies"][0] == {"company": "Microsoft", "hardware": "NVIDIA H100", "documents": 3,
                                             "sentences": 4}


def test_one_document_is_singular():
    out = invoke("-w", "1", "-", input="Microsoft купила H100.\n")
    assert out.stdout.startswith("1 document\n")
