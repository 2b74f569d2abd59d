"""newsfacts.dask on a real LocalCluster (2 worker processes): equal to a local run, models loaded once a worker."""


import re

import pytest

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

import dask  # noqa: E402
import dask.bag as db  # noqa: E402

from newsfacts import dask as nfd  # noqa: E402
from newsfacts.tables import TABLES, rows  # noqa: E402

from .conftest import ROOT  # noqa: E402

ARTICLES = sorted((ROOT / "tests" / "golden" / "articles").glob("*.txt"))[:6]
RECORDS = [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in ARTICLES]


@pytest.fixture(scope="module")
def client():
    # one BLAS thread per worker: the workers are the parallelism
    env = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    with dask.config.set(nfd.WORKER_CONFIG), distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
            worker_class=distributed.Nanny, env=env) as cluster:
        with distributed.Client(cluster) as client:
            yield client


@pytest.fixture(scope="module")
def local(extractor):
    return [d.as_json() for d in extractor.map((r["id"], r["text"]) for r in RECORDS)]


def test_documents_on_the_cluster_equal_a_local_run_and_each_worker_loads_once(client, local):
    bag = db.from_sequence(RECORDS, npartitions=4)  # more partitions than workers
    assert nfd.documents(bag).compute() == local
    assert nfd.documents(bag).compute() == local  # a second job reuses the workers' extractors
    loads = client.run(nfd.model_loads)
    assert len(loads) == 2 and set(loads.values()) <= {0, 1} and sum(loads.values()) >= 1, loads


def test_workers_reuse_freed_memory_despite_the_nannys_trim_threshold(client):
    # The Nanny starts workers with MALLOC_TRIM_THRESHOLD_=65536: without newsfacts.malloc every
    # 4 MiB block would be a fresh mmap whose 1,024 pages fault in again (~35 % more CPU an article).
    from newsfacts import malloc

    if not malloc._is_glibc():
        pytest.skip("malloc thresholds are set on glibc only")

    def refaults():  # local, so cloudpickle sends it by value
        import os
        import resource

        from newsfacts import dask as nfd

        nfd.extractor()
        before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        for _ in range(20):
            block = b"x" * (4 * 2**20)  # malloc and memset: every page touched
            del block
        return os.environ.get("MALLOC_TRIM_THRESHOLD_"), resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before

    got = client.run(refaults)
    assert len(got) == 2
    for trim_env, faults in got.values():
        assert trim_env == "65536"  # the premise: distributed's nanny.pre-spawn-environ default
        assert faults < 2 * 1024, faults  # the first block's pages at most, not 20 x 1,024
    assert client.run(malloc.keep_freed_memory) == dict.fromkeys(
        got, {"mmap_threshold": malloc.MMAP_THRESHOLD, "trim_threshold": malloc.TRIM_THRESHOLD})


def test_load_models_readies_every_worker_and_sends_back_a_count_not_the_models(client):
    first = client.run(nfd.load_models)
    assert len(first) == 2 and all(isinstance(n, int) and n >= 1 for n in first.values()), first
    assert client.run(nfd.load_models) == first  # built once: a second call loads nothing


def test_a_worker_freezes_its_models_so_the_collector_never_walks_them_again(client):
    import gc

    client.run(nfd.load_models)
    # the models, lexicons and modules: tens of thousands of objects in the permanent generation
    assert all(n > 20_000 for n in client.run(gc.get_freeze_count).values())


def test_worker_config_reaches_each_worker_no_profiler_and_a_slow_tick(client):
    def diagnostics(dask_worker):
        tick = dask_worker.periodic_callbacks["tick"].callback_time
        return "profile" in dask_worker.periodic_callbacks, tick, dask.config.get("distributed.admin.tick.interval")

    assert list(client.run(diagnostics).values()) == [(False, 1000, "1s")] * 2


def test_iter_documents_streams_in_order_with_every_worker_busy(client, local):
    docs = nfd.documents(db.from_sequence(RECORDS, npartitions=5))
    assert list(nfd.iter_documents(docs, window=2)) == local


def test_iter_documents_ships_each_partition_alone_not_the_whole_bag():
    # a part of a bag shares the whole graph: computed as is, every partition's records go with it
    parts = nfd.documents(db.from_sequence(RECORDS, npartitions=3)).to_delayed()
    alone = nfd._alone(parts[1])
    assert len(parts[1].__dask_graph__()) == 6  # three partitions: records with extraction, bag part
    assert len(alone.__dask_graph__()) == 2
    assert alone.key == parts[1].key
    assert alone.compute(scheduler="sync") == parts[1].compute(scheduler="sync")


def test_a_bad_record_is_an_error_record_and_the_others_go_on(client, local):
    bag = db.from_sequence([RECORDS[0], {"id": "no-text"}, 7, RECORDS[1]], npartitions=2)
    got = nfd.documents(bag).compute()
    assert got == [local[0], {"source": "no-text", "error": "no text field 'text'"},
                   {"source": "#1:0", "error": "not a text or record: int"}, local[1]]


def test_texts_get_their_partition_and_position_as_source(client, extractor):
    texts = [RECORDS[0]["text"], RECORDS[1]["text"], RECORDS[2]["text"]]
    got = nfd.documents(db.from_sequence(texts, npartitions=2)).compute()
    assert [d["source"] for d in got] == ["#0:0", "#0:1", "#1:0"]
    assert got[2]["entities"] == extractor.extract(texts[2]).as_json()["entities"]


def test_fact_tables_equal_the_flattened_local_documents(client, local):
    frames = nfd.tables(nfd.documents(db.from_sequence(RECORDS, npartitions=3)))
    computed = dask.compute(*frames.values())
    for table, frame in zip(TABLES, computed, strict=True):
        records = frame.astype(object).where(frame.notna(), None).to_dict("records")
        assert records == [row for doc in local for row in rows(doc)[table]], table


def test_to_parquet_writes_every_table_in_one_pass(client, local, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    nfd.to_parquet(nfd.documents(db.from_sequence(RECORDS, npartitions=2)), str(tmp_path))
    mentions = pq.read_table(tmp_path / "mentions").to_pylist()
    assert [m["normal"] for m in mentions] == [e["normal"] for d in local for e in d["entities"]]
    assert pq.read_table(tmp_path / "documents").num_rows == len(RECORDS)


def test_a_dask_dataframe_with_a_text_column(client, local):
    import dask.dataframe as dd
    import pandas as pd

    frame = dd.from_pandas(pd.DataFrame(RECORDS[:3]), npartitions=2)
    assert nfd.from_dataframe(frame).compute() == local[:3]


def test_cli_with_scheduler_equals_a_local_run_and_each_worker_loads_once(client, tmp_path):
    from click.testing import CliRunner

    from newsfacts.cli import cli

    folder = tmp_path / "news"
    folder.mkdir()
    for p in ARTICLES:
        (folder / p.name).write_bytes(p.read_bytes())
    (folder / "bin.txt").write_bytes(b"\x00\x01\x02" * 50)
    args = [str(folder), "-f", "jsonl", "-q"]
    local = CliRunner().invoke(cli, [*args, "-w", "1"], catch_exceptions=False)
    address = client.scheduler.address
    remote = CliRunner().invoke(cli, [*args, "--scheduler", address], catch_exceptions=False)
    def seconds_dropped(stderr):  # the summary line ends with the run's time
        return re.sub(r" in [0-9.]+ s$", "", stderr, flags=re.M)

    assert (remote.exit_code, remote.stdout) == (local.exit_code, local.stdout)
    assert seconds_dropped(remote.stderr) == seconds_dropped(local.stderr)
    assert len(remote.stdout.splitlines()) == len(ARTICLES) and remote.exit_code == 1
    loads = client.run(nfd.model_loads)
    assert set(loads.values()) <= {0, 1} and sum(loads.values()) >= 1, loads


def test_cli_with_an_unreachable_scheduler_is_one_line(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from newsfacts.cli import cli

    monkeypatch.setattr(nfd.DaskExecutor, "connect_timeout", "1s")
    result = CliRunner().invoke(cli, [str(ARTICLES[0]), "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1
    assert result.stderr.startswith("newsfacts: cannot reach the Dask scheduler at tcp://127.0.0.1:9: ")
    assert len(result.stderr.splitlines()) == 1


class _Done:
    def __init__(self, value=None, error=None):
        self.value, self.error = value, error

    def result(self):
        if self.error:
            raise self.error
        return self.value

    def cancel(self):
        pass


class _RecordingClient:
    """Runs each task's batches at once (sources as documents) and records how they were grouped."""

    def __init__(self, fail_task=None):
        self.tasks, self.fail_task = [], fail_task

    def scheduler_info(self):
        return {"workers": {"tcp://a": {}, "tcp://b": {}}}

    def submit(self, fn, batches, facts, pure):
        from newsfacts.outcome import Outcome

        assert fn is nfd.run_batches and facts is True and pure is False
        self.tasks.append([[i.source for i in b] for b in batches])
        if len(self.tasks) == self.fail_task:
            return _Done(error=OSError("worker lost"))
        return _Done([Outcome.of(i, doc={"source": i.source}) for b in batches for i in b])


def _items():
    from newsfacts.readers import Item

    texts = [Item(f"t{n}", f"k{n}", text="Текст.") for n in range(9)]
    return [*texts[:7], Item("bad", "kb", error="cannot read"), *texts[7:]]


def test_the_dask_executor_sends_several_batches_a_task_once_workers_are_busy_passthroughs_in_place():
    client = _RecordingClient()
    got = list(nfd.DaskExecutor("tcp://x", batch=2, per_task=2, client=client).map(_items()))
    # one batch a task until each of the 2 workers has one, then 2; an item without text ends the
    # task being filled and passes through after the texts before it
    assert client.tasks == [[["t0", "t1"]], [["t2", "t3"]], [["t4", "t5"], ["t6"]], [["t7", "t8"]]]
    assert [(o.source, o.error) for o in got] == [
        *[(f"t{n}", None) for n in range(7)], ("bad", "cannot read"), ("t7", None), ("t8", None)]


def test_a_lost_task_fails_its_own_batches_only():
    client = _RecordingClient(fail_task=3)
    got = list(nfd.DaskExecutor("tcp://x", batch=2, per_task=2, client=client).map(_items()))
    failed = [o.source for o in got if o.error and o.error.startswith("internal error: OSError: worker lost")]
    assert failed == ["t4", "t5", "t6"]
    assert [o.source for o in got] == [*(f"t{n}" for n in range(7)), "bad", "t7", "t8"]
