"""newsfacts on Dask: a bag of texts or records in, document dicts or fact tables out.

    import dask.bag as db
    from newsfacts import dask as nfd

    texts = db.read_text("news-*.jsonl.gz").map(json.loads)     # records with a "text" field
    docs = nfd.documents(texts)                                 # bag of Document.as_json() dicts
    nfd.to_parquet(docs, "facts/")                              # the four fact tables, one pass
    frames = nfd.tables(docs)                                   # or Dask DataFrames, by table name

Each worker process builds one `Extractor` on first use and keeps it for every
partition it is given (a per-process cache: the models are never pickled through
the scheduler, and never loaded once per partition); inside a partition the
texts go through `Extractor.map`, so NER stays batched. A record that cannot be
read or whose extraction raises becomes an error record ``{"source", "error"}``
and the partition goes on, as in a local run. Start workers with one thread
each (``dask worker ADDRESS --nthreads 1 --nworkers N``: a process's extractor
serves one partition at a time) and WORKER_CONFIG, and give partitions of 50-100
records or more. Building the extractor also sets the worker's malloc thresholds
(newsfacts/malloc.py: the Nanny's 64 KiB trim threshold costs ~35 % CPU).
Needs the extra: ``pip install 'newsfacts[dask]'``.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable, Iterator
from typing import Any

from .errors import NewsfactsError

MISSING = "newsfacts.dask needs dask: pip install 'newsfacts[dask]'"

try:
    import dask
    import dask.bag as db
except ImportError:  # pragma: no cover - the message is the point
    raise NewsfactsError(MISSING) from None

# Dask config for the processes of an extraction cluster (``dask.config.set(WORKER_CONFIG)`` before
# a LocalCluster, or the DASK_ environment variables of README "Dask" for ``dask worker``): Dask's
# statistical profiler samples the extraction thread's stack every 10 ms and each server's 20 ms
# event-loop tick takes the GIL from it; together 10-25 % more CPU an article, for diagnostics an
# extraction job does not need (benchmarks/dask_bench.py, case dask2-defaults).
WORKER_CONFIG: dict[str, Any] = {"distributed.worker.profile.enabled": False, "distributed.admin.tick.interval": "1s"}

# ----------------------------------------------------------------- worker side: one extractor per process

_extractors: dict[bool, Any] = {}  # by `facts` setting: one Extractor each, per process
_loads = 0
_lock = threading.RLock()  # taken by extract_partition, then again by extractor()


def extractor(facts: bool = True):
    """This process's Extractor, built (and its models loaded) once."""
    global _loads
    with _lock:
        if facts not in _extractors:
            from .malloc import keep_freed_memory
            from .pipeline import Extractor

            keep_freed_memory()  # undo the Nanny's 64 KiB trim threshold before the models load
            from .batch import warm

            ex = Extractor(facts=facts)
            warm(ex)  # every model (NER, parser, morphology) loaded now, under the lock, as the CLI does
            # the models, lexicons and modules live as long as the worker: frozen, the collector
            # never walks them again (as the CLI freezes them before it forks; 7 % of a worker's
            # CPU went to collections without it, under 3 % with it)
            gc.collect()
            gc.freeze()
            _extractors[facts], _loads = ex, _loads + 1
        return _extractors[facts]


def load_models(facts: bool = True) -> int:
    """Build this process's extractor now; ``client.run(load_models)`` readies every worker before a job.

    Returns model_loads(), not the extractor: client.run would pickle the models back to the client.
    """
    extractor(facts)
    return model_loads()


def model_loads() -> int:
    """How many times this process loaded the models (``client.run(model_loads)``: 1 per worker)."""
    return _loads


def _item(item: Any, where: str, text_field: str, id_field: str, date_field: str | None):
    """(source, text, published) of a text or record, or an error record."""
    if isinstance(item, str):
        return where, item, None
    if not isinstance(item, dict):
        return {"source": where, "error": f"not a text or record: {type(item).__name__}"}
    key = item.get(id_field)
    source = where if key is None else str(key)
    text = item.get(text_field)
    if not isinstance(text, str):
        return {"source": source, "error": f"no text field {text_field!r}"}
    published = item.get(date_field) if date_field else None
    return source, text, None if published is None else str(published)


def extract_partition(
    items: Iterable[Any], partition: int = 0, text_field: str = "text", id_field: str = "id",
    date_field: str | None = None, facts: bool = True,
) -> list[dict[str, Any]]:
    """Document dicts of one partition, in order (runs on a worker)."""
    ready: list[Any] = [
        _item(item, f"#{partition}:{n}", text_field, id_field, date_field) for n, item in enumerate(items)
    ]
    todo = [r for r in ready if isinstance(r, tuple)]
    with _lock:  # one partition at a time per process extractor
        docs = _map(extractor(facts), todo)
    it = iter(docs)
    return [next(it) if isinstance(r, tuple) else r for r in ready]


def _map(ex, todo: list[tuple[str, str, str | None]]) -> list[dict[str, Any]]:
    try:
        return [d.as_json() for d in ex.map(todo)]
    except Exception:
        # one text broke the batch: the others are extracted one by one, as locally
        out = []
        for source, text, published in todo:
            try:
                out.append(ex.extract(text, source, published).as_json())
            except Exception as e:  # noqa: BLE001 - reported in its record, the run goes on
                out.append({"source": source, "error": f"internal error: {type(e).__name__}: {e}"})
        return out


# ----------------------------------------------------------------- client side


def documents(
    bag: db.Bag, *, text_field: str = "text", id_field: str = "id", date_field: str | None = None,
    facts: bool = True,
) -> db.Bag:
    """A bag of document dicts (Document.as_json(), or error records) from a bag of texts or records.

    A record's source is its `id_field` (else ``#partition:position``); its
    `date_field`, where given, is the publication date; `facts=False` skips dates,
    subjects and roles (as ``--no-facts``).
    """
    parts = bag.to_delayed(optimize_graph=False)
    fn = dask.delayed(extract_partition, pure=True)
    return db.from_delayed([fn(p, i, text_field, id_field, date_field, facts) for i, p in enumerate(parts)])


def from_dataframe(
    frame, *, text_column: str = "text", id_column: str | None = "id", date_column: str | None = None,
    facts: bool = True,
) -> db.Bag:
    """documents() of a Dask DataFrame with a text column (and optional id and date columns)."""
    columns = [c for c in (text_column, id_column, date_column) if c is not None and c in frame.columns]
    records = frame[columns].to_bag(format="dict")
    return documents(records, text_field=text_column, id_field=id_column or "", date_field=date_column, facts=facts)


def _frame(table: str, docs: Iterable[dict[str, Any]]):
    import pandas as pd

    from .tables import COLUMNS, rows

    dtypes = {"string": "string", "int64": "Int64", "float64": "Float64", "bool": "boolean"}
    data = [row for doc in docs for row in rows(doc)[table]]
    columns = COLUMNS[table]
    frame = pd.DataFrame(data, columns=list(columns))
    return frame.astype({name: dtypes[kind] for name, kind in columns.items()})


def tables(docs: db.Bag) -> dict[str, Any]:
    """Dask DataFrames of the fact tables (documents, mentions, quantities, roles) of a bag of document dicts.

    They share the extraction: compute or write them together (`to_parquet` here,
    or ``dask.compute``), or ``docs.persist()`` first, so each text is extracted once.
    """
    import dask.dataframe as dd

    from .tables import TABLES

    parts = docs.to_delayed(optimize_graph=False)
    make = dask.delayed(_frame, pure=True)
    return {t: dd.from_delayed([make(t, p) for p in parts], meta=_frame(t, []), verify_meta=False) for t in TABLES}


def to_parquet(docs: db.Bag, directory: str, **kwargs: Any) -> None:
    """Write the fact tables as DIRECTORY/TABLE/part.N.parquet in one pass over the texts."""
    frames = tables(docs)
    writes = [f.to_parquet(f"{directory.rstrip('/')}/{name}", compute=False, **kwargs) for name, f in frames.items()]
    dask.compute(*writes)


def iter_documents(docs: db.Bag, window: int | None = None) -> Iterator[dict[str, Any]]:
    """The documents of a bag, in order, as they finish (for writing a stream).

    With a distributed client, `window` partitions (default: four per worker) are computed
    at once, so every worker is busy while memory holds only the window: results are taken
    in order, and with two a worker often waited for a slower partition of the other's.
    """
    from collections import deque

    parts = docs.to_delayed()
    try:
        from distributed import default_client

        client = default_client()
    except (ImportError, ValueError):  # no distributed client: the local scheduler, one at a time
        for part in parts:
            yield from part.compute()
        return
    window = window or 4 * max(1, len(client.scheduler_info().get("workers", {})))
    pending: deque = deque()
    for part in parts:
        pending.append(client.compute(_alone(part)))
        if len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def _alone(part: Any) -> Any:
    """One partition's Delayed with only the tasks it needs: a bag's parts share the whole graph, and
    computing one ships all of it (with from_sequence, every record), which made a run quadratic in
    the number of partitions (127 partitions: 3 s of client pickling, and the scheduler's unpickling)."""
    from dask.delayed import Delayed

    return Delayed(part.key, dict(part.__dask_graph__().cull({part.key})))


# ----------------------------------------------------------------- the CLI's executor (--scheduler ADDRESS)


def run_batches(batches: list[list[Any]], facts: bool = True) -> list[Any]:
    """Outcomes of batches of read items, each batch extracted as the local executor would (runs on a worker)."""
    from .outcome import extract_items

    with _lock:
        ex = extractor(facts)
        return [outcome for items in batches for outcome in extract_items(ex, items)]


class DaskExecutor:
    """Maps read items to outcomes in order, on the workers of a running dask.distributed scheduler.

    The same contract as the local executor (newsfacts/batch.py): items with text are grouped in
    the same batches (NER batched on the worker), items that carry an error or are already stored
    pass through in their place, and at most `inflight` tasks per worker are out at once, so
    memory does not grow with the input. A task carries up to `per_task` batches (one while the
    workers get their first tasks, so a short input still spreads): each task costs the client,
    the scheduler and the worker's event loop some milliseconds, which 32 articles (~0.3 s of
    work) do not repay. A task whose worker fails becomes error outcomes.
    """

    connect_timeout = "20s"  # a scheduler that is just starting gets this long

    def __init__(self, address: str, batch: int = 32, inflight: int = 3, client: Any = None,
                 facts: bool = True, per_task: int = 4) -> None:
        self.address = address
        self.facts = facts
        self.batch = max(1, batch)
        self.inflight = max(1, inflight)
        self.per_task = max(1, per_task)
        self._client = client

    def _connect(self):
        import distributed

        try:
            return distributed.Client(self.address, timeout=self.connect_timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as e:
            raise NewsfactsError(f"cannot reach the Dask scheduler at {self.address}: {e}") from None

    def map(self, items: Iterable[Any]) -> Iterator[Any]:
        from collections import deque

        from .batch import split_batches
        from .outcome import Outcome

        client = self._client or self._connect()
        futures: deque = deque()
        group: list[list[Any]] = []
        submitted = 0

        def submit() -> None:
            nonlocal submitted
            if group:
                futures.append((sum(group, []), client.submit(run_batches, list(group), self.facts, pure=False)))
                group.clear()
                submitted += 1

        try:
            workers = max(1, len(client.scheduler_info().get("workers", {})))
            limit = workers * self.inflight
            for batch in split_batches(items, self.batch):
                if batch[0].text is None:  # passes through in its place, after the texts before it
                    submit()
                    futures.append((batch, [Outcome.of(i) for i in batch]))
                else:
                    group.append(batch)
                    # one batch a task until every worker has one (a short input still spreads), then per_task
                    if len(group) >= min(self.per_task, 1 + submitted // workers):
                        submit()
                while len(futures) >= limit:
                    yield from _result(*futures.popleft())
            submit()
            while futures:
                yield from _result(*futures.popleft())
        finally:
            for _, f in futures:
                if not isinstance(f, list):
                    f.cancel()
            if self._client is None:
                client.close()


def _result(batch: list[Any], future: Any) -> list[Any]:
    if isinstance(future, list):
        return future
    from .outcome import Outcome

    try:
        return future.result()
    except Exception as e:  # noqa: BLE001 - a lost worker fails its batch, the run goes on
        return [Outcome.of(i, error=f"internal error: {type(e).__name__}: {e}") for i in batch]
