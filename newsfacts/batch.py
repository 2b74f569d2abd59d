"""Run the extractor over many inputs: in order, in chunks, optionally in parallel.

The parent expands the inputs and reads their bytes (so ``--db`` can skip known
content hashes); worker processes, each loading the models once, decode and
extract whole chunks; results come back in input order, with a bounded number
of chunks in flight so memory does not grow with the size of the folder.
"""

from __future__ import annotations

import itertools
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .doc import Document
from .errors import InputError
from .readers import article_text, expand_inputs, read_bytes
from .store import content_hash

CHUNK_DOCS = 8
INFLIGHT_PER_WORKER = 3


@dataclass(frozen=True, slots=True)
class Job:
    name: str
    data: bytes
    html: bool | None
    content_hash: str


@dataclass(frozen=True, slots=True)
class Result:
    """The outcome for one input: a document, or the reason it failed."""

    name: str
    document: Document | None = None
    error: str | None = None
    content_hash: str | None = None
    skipped: bool = False


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 16))


def plan(
    inputs: Iterable[str], is_done: Callable[[str, str], bool] | None = None
) -> Iterator[Job | Result]:
    """Jobs for readable inputs, Results for the ones that failed or are already stored."""
    for item in expand_inputs(inputs):
        if isinstance(item, InputError):
            yield Result(item.path, error=item.reason)
            continue
        try:
            data = read_bytes(item)
        except InputError as e:
            yield Result(item.name, error=e.reason)
            continue
        digest = content_hash(data)
        if is_done is not None and is_done(item.name, digest):
            yield Result(item.name, content_hash=digest, skipped=True)
            continue
        yield Job(item.name, data, item.is_html, digest)


# ----------------------------------------------------------------- worker side

_extractor = None
_encoding: str | None = None


# Each worker process gets one core: BLAS threads on top would fight the other workers.
SINGLE_THREAD_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def _init_worker(encoding: str | None, in_pool: bool = True) -> None:
    global _extractor, _encoding
    if in_pool:
        # Ctrl-C is the parent's to handle; workers just stop when terminated.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        os.environ.update(SINGLE_THREAD_ENV)  # before numpy is imported below
    from .pipeline import Extractor

    _extractor = Extractor()
    _encoding = encoding


def process_chunk(jobs: list[Job]) -> list[Result]:
    """Decode and extract a chunk of jobs with this process's extractor."""
    texts: list[tuple[int, str, str]] = []
    results: list[Result | None] = [None] * len(jobs)
    for i, job in enumerate(jobs):
        try:
            texts.append((i, job.name, article_text(job.data, job.name, job.html, _encoding)))
        except InputError as e:
            results[i] = Result(job.name, error=e.reason, content_hash=job.content_hash)
    try:
        docs = list(_extractor.map([(name, text) for _, name, text in texts]))
    except Exception:
        # one document broke the batch: redo one by one so the others survive
        docs = []
        for _, name, text in texts:
            try:
                docs.append(_extractor.extract(text, name))
            except Exception as e:  # noqa: BLE001 - reported per file, the batch goes on
                docs.append(Result(name, error=f"internal error: {type(e).__name__}: {e}"))
    for (i, _, _), doc in zip(texts, docs, strict=True):
        job = jobs[i]
        if isinstance(doc, Result):
            results[i] = Result(job.name, error=doc.error, content_hash=job.content_hash)
        else:
            results[i] = Result(job.name, document=doc, content_hash=job.content_hash)
    return [r for r in results if r is not None]


# ----------------------------------------------------------------- parent side


def _chunks(items: Iterable[Job | Result]) -> Iterator[list[Job | Result]]:
    """Runs of jobs (at most CHUNK_DOCS), with ready Results as their own chunks."""
    jobs: list[Job | Result] = []
    for item in items:
        if isinstance(item, Result):
            if jobs:
                yield jobs
                jobs = []
            yield [item]
        else:
            jobs.append(item)
            if len(jobs) >= CHUNK_DOCS:
                yield jobs
                jobs = []
    if jobs:
        yield jobs


def run(
    inputs: Iterable[str],
    *,
    workers: int = 1,
    encoding: str | None = None,
    is_done: Callable[[str, str], bool] | None = None,
) -> Iterator[Result]:
    """Results for every input, in input order (folders sorted by path)."""
    chunks = _chunks(plan(inputs, is_done))
    head: list[list[Job | Result]] = []
    if workers > 1:
        # Look ahead: a pool (a model load per worker) only pays off for several chunks.
        for chunk in chunks:
            head.append(chunk)
            if sum(isinstance(c[0], Job) for c in head) >= 2:
                break
        else:
            workers = 1
    chunks = itertools.chain(head, chunks)
    if workers <= 1:
        _init_worker(encoding, in_pool=False)
        for chunk in chunks:
            if isinstance(chunk[0], Result):
                yield from chunk
            else:
                yield from process_chunk(chunk)
        return
    import multiprocessing as mp

    # forkserver/spawn keep workers from inheriting the parent's threads and state
    ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
    pool = ctx.Pool(workers, initializer=_init_worker, initargs=(encoding,))
    try:
        inflight: deque = deque()
        limit = workers * INFLIGHT_PER_WORKER
        for chunk in chunks:
            if isinstance(chunk[0], Result):
                inflight.append(chunk)
            else:
                inflight.append(pool.apply_async(process_chunk, (chunk,)))
            while len(inflight) >= limit:
                yield from _take(inflight.popleft())
        while inflight:
            yield from _take(inflight.popleft())
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()


def _take(entry) -> list[Result]:
    return entry if isinstance(entry, list) else entry.get()
