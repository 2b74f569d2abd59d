"""Folder runs at scale: parallel workers, the --db store, resuming after a kill."""

import json
import os
import signal
import sqlite3
import subprocess
import sys

import pytest
from click.testing import CliRunner

from newsfacts.cli import cli
from newsfacts.store import load_queries

from .conftest import ROOT

ARTICLES = [
    "Nvidia поставила компании OpenAI 10 000 ускорителей H100 на сумму $300 млн.",
    "Глава AMD Лиза Су представила ускоритель Instinct MI300X с 192 ГБ памяти.",
    "Сбербанк купил 2 тысячи графических процессоров NVIDIA A100 для дата-центра в Москве.",
    "Apple выпустила iPhone 15 Pro на чипе A17 Pro. Цена — от 999 долларов.",
    "Компания Яндекс вложит 16 млрд рублей в дата-центр в Можайске.",
    "Samsung начала продажи Galaxy S24 Ultra на Snapdragon 8 Gen 3 в Южной Корее.",
]


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "news"
    for i in range(18):
        sub = folder / f"part{i % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{i:02d}.txt").write_text(f"{ARTICLES[i % len(ARTICLES)]} Новость номер {i}.", encoding="utf-8")
    return folder


def invoke(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_two_workers_give_exactly_one_workers_output(corpus):
    one = invoke("-w", "1", "-f", "jsonl", str(corpus))
    two = invoke("-w", "2", "-f", "jsonl", str(corpus))
    assert one.exit_code == two.exit_code == 0
    assert two.stdout == one.stdout
    sources = [json.loads(line)["source"] for line in one.stdout.splitlines()]
    assert sources == sorted(sources) and len(sources) == 18


def test_folder_jsonl_is_the_concatenation_of_single_file_runs(corpus):
    folder = invoke("-w", "2", "-f", "jsonl", str(corpus)).stdout
    files = sorted(str(p) for p in corpus.rglob("*.txt"))
    assert folder == "".join(invoke("-f", "jsonl", f).stdout for f in files)


def rows(db, sql, *params):
    with sqlite3.connect(db) as con:
        return con.execute(sql, params).fetchall()


def test_db_stores_good_documents_and_the_bad_one_with_its_error(corpus, tmp_path):
    bad = corpus / "part1" / "broken.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    db = tmp_path / "facts.sqlite"
    result = invoke("-w", "2", "-f", "jsonl", "--db", str(db), str(corpus))
    assert result.exit_code == 1
    assert f"newsfacts: {bad}: not a text file" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("newsfacts: 19 documents, ")
    assert ", 1 failed, 0 from the store in " in result.stderr
    assert rows(db, "SELECT COUNT(*) FROM documents WHERE error IS NULL") == [(18,)]
    assert rows(db, "SELECT path, error FROM documents WHERE error IS NOT NULL") == [(str(bad), "not a text file")]
    assert rows(db, "SELECT COUNT(DISTINCT document_id) FROM entities WHERE type = 'HARDWARE'") == [(15,)]

    again = invoke("-w", "2", "-f", "jsonl", "--db", str(db), str(corpus))
    assert again.stdout == result.stdout  # nothing extracted again, every document written again
    assert ", 1 failed, 18 from the store in " in again.stderr
    assert rows(db, "SELECT COUNT(*) FROM documents") == [(19,)]

    forced = invoke("-w", "1", "-f", "jsonl", "--db", str(db), "--force", str(corpus))
    assert len(forced.stdout.splitlines()) == 18
    assert rows(db, "SELECT COUNT(*) FROM documents") == [(19,)]


def test_changed_file_is_extracted_again(corpus, tmp_path):
    db = tmp_path / "facts.sqlite"
    invoke("-w", "1", "--db", str(db), "-q", str(corpus))
    target = corpus / "part0" / "00.txt"
    target.write_text("Илон Маск купил 5 тысяч ускорителей H200.", encoding="utf-8")
    result = invoke("-w", "1", "-f", "jsonl", "--db", str(db), str(corpus))
    assert len(result.stdout.splitlines()) == 18
    assert ", 0 failed, 17 from the store in " in result.stderr
    assert result.stdout == invoke("-w", "1", "-f", "jsonl", str(corpus)).stdout
    sql = "SELECT normal FROM entities JOIN documents d ON d.id = document_id WHERE d.path = ? AND type = 'PER'"
    assert rows(db, sql, str(target)) == [("Илон Маск",)]


def test_killed_run_loses_nothing_committed_and_the_rerun_completes(corpus, tmp_path):
    db = tmp_path / "facts.sqlite"
    env = {**os.environ, "NEWSFACTS_DB_BATCH": "2", "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "newsfacts", "-w", "1", "-f", "jsonl", "--db", str(db), str(corpus)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    # A third document on stdout means the batch of the first two is committed.
    for _ in range(3):
        assert proc.stdout.readline()
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    done = rows(db, "SELECT COUNT(*) FROM documents")[0][0]
    assert 2 <= done < 18
    rerun = subprocess.run(cmd, capture_output=True, text=True, env=env)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout == invoke("-w", "1", "-f", "jsonl", str(corpus)).stdout  # as if never interrupted
    assert f", {done} from the store in " in rerun.stderr
    assert rows(db, "SELECT COUNT(*), COUNT(DISTINCT path) FROM documents") == [(18, 18)]
    per_doc = rows(db, "SELECT COUNT(*) FROM entities GROUP BY document_id HAVING COUNT(*) > 0")
    assert len(per_doc) == 18
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]


def test_readme_queries_on_a_small_folder(corpus, tmp_path):
    db = tmp_path / "facts.sqlite"
    assert invoke("-w", "1", "-q", "--db", str(db), str(corpus)).exit_code == 0
    queries = load_queries()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, sql in queries.items():
        body = "\n".join(line for line in sql.splitlines() if not line.startswith("--")).strip()
        assert body.replace(":hardware", "'NVIDIA H100'").replace(":org", "'Intel'") in readme, name
    with sqlite3.connect(db) as con:
        top = con.execute(queries["top_hardware"]).fetchall()
        companies = con.execute(queries["companies_with_hardware"], {"hardware": "NVIDIA H100"}).fetchall()
        money = con.execute(queries["largest_money"]).fetchall()
    assert len(top) == 7
    assert top[:3] == [("AMD Instinct MI300X", "AMD", 3, 3), ("Apple A17 Pro", "Apple", 3, 3),
                       ("Apple iPhone 15 Pro", "Apple", 3, 3)]
    # one canonical spelling per company (issue 9); OpenAI opens a sentence that NER misses
    assert companies == [("NVIDIA", 3, 3), ("OpenAI", 3, 3)]
    assert [(v, u) for v, u, _, _ in money] == [(16e9, "RUB")] * 3 + [(300e6, "USD")] * 3 + [(999.0, "USD")] * 3
