"""--parquet: the fact tables as Parquet files, in row groups, readable by pyarrow and DuckDB."""

import sys

import pytest

from newsfacts.tables import TABLES, rows

from .conftest import ROOT

pq = pytest.importorskip("pyarrow.parquet")

from newsfacts.parquet import MISSING, MissingExtra, ParquetSink  # noqa: E402

ARTICLES = sorted((ROOT / "tests" / "golden" / "articles").glob("*.txt"))[:5]


@pytest.fixture(scope="module")
def docs(extractor):
    return [d.as_json() for d in extractor.map((p.name, p.read_text(encoding="utf-8")) for p in ARTICLES)]


def test_tables_read_back_equal_the_json_facts(tmp_path, docs):
    with ParquetSink(tmp_path, row_group_docs=2) as sink:
        for doc in docs:
            sink.write(doc)
    for table in TABLES:
        got = pq.read_table(tmp_path / f"{table}.parquet").to_pylist()
        assert got == [row for doc in docs for row in rows(doc)[table]], table
    mentions = pq.read_table(tmp_path / "mentions.parquet").to_pylist()
    assert [m["normal"] for m in mentions] == [e["normal"] for d in docs for e in d["entities"]]


def test_row_groups_are_written_as_the_run_goes(tmp_path, docs):
    sink = ParquetSink(tmp_path, row_group_docs=2)
    for doc in docs:
        sink.write(doc)
    assert not (tmp_path / "documents.parquet").exists()  # not published before close
    sink.close()
    assert pq.ParquetFile(tmp_path / "documents.parquet").metadata.num_row_groups == 3  # 5 documents, 2 a group
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{t}.parquet" for t in sorted(TABLES)]


def test_an_interrupted_sink_leaves_no_file_that_looks_whole(tmp_path, docs):
    sink = ParquetSink(tmp_path)
    sink.write(docs[0])
    sink.abort()
    assert list(tmp_path.iterdir()) == []


def test_an_incomplete_run_keeps_what_is_finished_under_a_partial_name(tmp_path, docs):
    sink = ParquetSink(tmp_path)
    sink.write(docs[0])
    sink.close(complete=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{t}.partial.parquet" for t in sorted(TABLES)]
    assert pq.read_table(tmp_path / "documents.partial.parquet").column("source").to_pylist() == [docs[0]["source"]]


def test_the_readme_duckdb_query_runs_on_the_tables(tmp_path, docs):
    import re

    duckdb = pytest.importorskip("duckdb")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sql = re.search(r"<!-- duckdb-query:.*?-->\n```sql\n(.*?)```", readme, re.S).group(1)
    with ParquetSink(tmp_path / "facts") as sink:
        for doc in docs:
            sink.write(doc)
    got = duckdb.sql(sql.replace("'facts/", f"'{tmp_path}/facts/")).fetchall()
    expected = sorted(
        {(h["normal"], o["normal"], d["source"]) for d in docs for h in d["entities"] for o in d["entities"]
         if h["type"] == "HARDWARE" and o["type"] == "ORG"}
    )
    assert got[0][2] >= 1 and {(h, c) for h, c, _ in got} <= {(h, c) for h, c, _ in expected}
    assert len(got) == min(20, len({(h, c) for h, c, _ in expected}))


def test_empty_run_gives_empty_tables_with_their_columns(tmp_path):
    ParquetSink(tmp_path).close()
    table = pq.read_table(tmp_path / "quantities.parquet")
    assert table.num_rows == 0 and "subject_normal" in table.column_names
    assert str(table.schema.field("value").type) == "double"


def test_duckdb_reads_the_tables(tmp_path, docs):
    duckdb = pytest.importorskip("duckdb")
    with ParquetSink(tmp_path) as sink:
        for doc in docs:
            sink.write(doc)
    query = f"SELECT COUNT(*) FROM '{tmp_path}/mentions.parquet' WHERE type = 'PER'"
    assert duckdb.sql(query).fetchall()[0][0] == sum(e["type"] == "PER" for d in docs for e in d["entities"])


def test_missing_pyarrow_is_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now raises ImportError
    with pytest.raises(MissingExtra) as e:
        ParquetSink(tmp_path)
    assert str(e.value) == MISSING == "--parquet needs pyarrow: pip install 'newsfacts[parquet]'"


def test_cli_parquet_tables_equal_the_json_output_and_keep_failed_inputs(tmp_path):
    import json

    from click.testing import CliRunner

    from newsfacts.cli import cli

    folder = tmp_path / "news"
    folder.mkdir()
    for p in ARTICLES[:3]:
        (folder / p.name).write_bytes(p.read_bytes())
    (folder / "bin.txt").write_bytes(b"\x00\x01\x02" * 50)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["-w", "1", "-q", str(folder), "-f", "jsonl", "-o", str(out),
                                      "--parquet", str(tmp_path / "pq")], catch_exceptions=False)
    assert result.exit_code == 1  # the binary file failed; the others are in both outputs
    docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(docs) == 3
    for table in ("mentions", "quantities", "roles"):
        got = pq.read_table(tmp_path / "pq" / f"{table}.parquet").to_pylist()
        assert got == [row for doc in docs for row in rows(doc)[table]], table
    documents = pq.read_table(tmp_path / "pq" / "documents.parquet").to_pylist()
    assert documents[:3] == [rows(doc)["documents"][0] for doc in docs]
    assert (documents[3]["source"].endswith("bin.txt"), documents[3]["error"]) == (True, "not a text file")


def test_cli_without_pyarrow_says_which_extra_to_install(tmp_path, monkeypatch):
    import importlib.util

    from click.testing import CliRunner

    from newsfacts.cli import cli

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pyarrow" else real(name, *a))
    result = CliRunner().invoke(cli, [str(ARTICLES[0]), "--parquet", str(tmp_path / "pq")])
    assert result.exit_code == 2
    assert result.stderr == "Error: --parquet needs pyarrow: pip install 'newsfacts[parquet]'\n"
    assert not (tmp_path / "pq").exists()
