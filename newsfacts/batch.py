"""The local executor: read items in, outcomes out, in input order, spread over worker processes.

Items that carry text are grouped in batches (``settings.BATCH`` documents) and extracted by
:func:`newsfacts.outcome.extract_items`; items that already carry an error, or that ``--db``
holds, pass through in their place. With several workers the models are loaded once in this
process and the workers are forked from it (copy-on-write, no second model load) where the
platform allows; elsewhere each worker loads its own. At most ``INFLIGHT_PER_WORKER`` batches per
worker are in flight, so memory does not grow with the size of the input.

Any other executor (Dask) only has to map the same items to the same outcomes, in order.
"""

from __future__ import annotations

import gc
import itertools
import os
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from . import cachedir
from .errors import WorkerLost
from .outcome import Outcome, extract_items
from .settings import BATCH, INFLIGHT_PER_WORKER, RUN_GC_THRESHOLD

if TYPE_CHECKING:
    from .pipeline import Extractor
    from .readers import Item

# Measured on the 2-core reference machine, idle (benchmarks/workers.py, README "Speed"): two
# forked workers go 1.7x one process's speed; only a single CPU gains nothing from a pool.
SMALL_MACHINE_CPUS = 1

# How often a wait for a worker's batch checks that no worker died meanwhile.
WORKER_CHECK_SECONDS = 2.0

# Each spawned worker gets one core: BLAS threads on top would fight the other workers.
SINGLE_THREAD_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def default_workers() -> int:
    """Worker processes when -w is not given: one per CPU (at most 8), one on a single CPU."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return 1 if cpus <= SMALL_MACHINE_CPUS else min(cpus, 8)


class LocalExecutor:
    """Maps read items to outcomes in order, with ``workers`` processes on this machine."""

    def __init__(self, workers: int = 1, batch: int = BATCH, extractor: Extractor | None = None,
                 facts: bool = True) -> None:
        self.workers = max(1, workers)
        self.batch = max(1, batch)
        self._extractor = extractor
        self.facts = facts  # dates, subjects, roles (--no-facts turns them off)

    @property
    def extractor(self) -> Extractor:
        if self._extractor is None:
            from .pipeline import Extractor

            self._extractor = Extractor(facts=self.facts)
        return self._extractor

    def map(self, items: Iterable[Item]) -> Iterator[Outcome]:
        batches = split_batches(items, self.batch)
        head: list[list[Item]] = []
        workers = self.workers
        if workers > 1:
            # Look ahead: a pool only pays off for two batches of work or more.
            for b in batches:
                head.append(b)
                if sum(_has_text(x) for x in head) >= 2:
                    break
            else:
                workers = 1
        batches = itertools.chain(head, batches)
        if workers == 1:
            for b in batches:
                yield from extract_items(self.extractor, b) if _has_text(b) else map(Outcome.of, b)
            return
        yield from self._pooled(batches, workers)

    def _pooled(self, batches: Iterator[list[Item]], workers: int) -> Iterator[Outcome]:
        import multiprocessing as mp

        global _worker_extractor
        if _can_fork():
            ctx = mp.get_context("fork")
            warm(self.extractor)  # every model in memory before the fork: workers share its pages
            gc.freeze()  # the collector then never walks (and so copies) the parent's objects in a worker
            _worker_extractor = self.extractor
            initializer, initargs = _init_worker, (False,)
        else:
            # forkserver/spawn: workers start clean and load their own models
            ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
            initializer, initargs = _init_worker, (True, self.facts)
        for stream in (sys.stdout, sys.stderr):  # a forked child flushes inherited buffers at exit
            try:
                stream.flush()
            except (AttributeError, OSError, ValueError):
                pass
        pool = ctx.Pool(workers, initializer=initializer, initargs=initargs)
        pids = _pids(pool)

        def take(entry) -> list[Outcome]:
            # A killed worker's batch never comes back (multiprocessing just starts a new worker):
            # wait in steps, and stop with an error rather than hang once a worker has been replaced.
            if isinstance(entry, list):
                return entry
            while True:
                try:
                    return entry.get(timeout=WORKER_CHECK_SECONDS)
                except mp.TimeoutError:
                    if _pids(pool) != pids:
                        raise WorkerLost("a worker process died (killed, or out of memory); "
                                         "finished documents were written: run again with --db to resume") from None

        try:
            inflight: deque = deque()
            limit = workers * INFLIGHT_PER_WORKER
            for b in batches:
                inflight.append(pool.apply_async(_work, (b,)) if _has_text(b) else [Outcome.of(i) for i in b])
                while len(inflight) >= limit:
                    yield from take(inflight.popleft())
            while inflight:
                yield from take(inflight.popleft())
            pool.close()
        except WorkerLost:
            _abandon(pool)
            raise
        except BaseException:
            pool.terminate()  # SIGTERM to the workers, whose default action ends them quietly
            pool.join()
            raise
        else:
            pool.join()
        finally:
            _worker_extractor = None
            gc.unfreeze()


def split_batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Runs of at most ``size`` items with text; an item without text is a batch of its own."""
    run: list[Item] = []
    for item in items:
        if item.text is None:
            if run:
                yield run
                run = []
            yield [item]
        else:
            run.append(item)
            if len(run) >= size:
                yield run
                run = []
    if run:
        yield run


def _has_text(batch: list[Item]) -> bool:
    return batch[0].text is not None


def _abandon(pool) -> None:
    """Stop a pool one of whose workers was killed: it may have died holding the task queue's
    lock, and then terminate() and join() wait for that lock forever. Kill the workers and
    drop the pool's exit hook instead (its threads are daemons and end with the process)."""
    from multiprocessing.pool import TERMINATE

    handler = getattr(pool, "_worker_handler", None)
    if handler is not None:  # first stop it starting new workers (they would hang on that lock)
        handler._state = TERMINATE
        try:
            pool._change_notifier.put(None)
        except (AttributeError, OSError, ValueError):
            pass
        handler.join(timeout=5)
    for proc in list(getattr(pool, "_pool", ())):
        try:
            proc.kill()
            proc.join(timeout=5)
        except (OSError, AttributeError, ValueError):
            pass
    finalizer = getattr(pool, "_terminate", None)
    if finalizer is not None and hasattr(finalizer, "cancel"):
        finalizer.cancel()


def _pids(pool) -> set[int]:
    return {p.pid for p in getattr(pool, "_pool", ())}


def _can_fork() -> bool:
    # fork is safe on Linux; macOS frameworks and Windows need a fresh interpreter per worker.
    import multiprocessing as mp

    return sys.platform.startswith("linux") and "fork" in mp.get_all_start_methods()


def run_gc_threshold() -> tuple[int, ...]:
    """Collect young objects less often for the rest of a run (settings.RUN_GC_THRESHOLD), in
    the process and in each worker; returns the thresholds before, to restore."""
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], RUN_GC_THRESHOLD), *before[1:])
    return before


def warm(extractor: Extractor) -> None:
    """One short text through every stage: the models a stage loads lazily are in memory after it."""
    list(extractor.map([("<warm-up>", "Илон Маск купил 2 ускорителя H100 в Москве.", None)]))


# ----------------------------------------------------------------- worker side

_worker_extractor: Extractor | None = None


def _init_worker(fresh: bool, facts: bool = True) -> None:
    global _worker_extractor
    # Ctrl-C and SIGTERM are the parent's to handle: it stops the workers with SIGTERM, and the
    # default action ends a worker without a traceback (a fork inherits the parent's handler).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    gc.enable()  # the parent may have paused the collector for its start-up (runner.py)
    run_gc_threshold()
    # what the worker first computed (compiled patterns ...) goes to the cache folder when the pool
    # closes: a worker process ends without atexit handlers, but runs multiprocessing's finalizers
    from multiprocessing import util

    util.Finalize(None, cachedir.save_all, exitpriority=10)
    if fresh:
        os.environ.update(SINGLE_THREAD_ENV)  # before numpy is imported
        from .pipeline import Extractor

        _worker_extractor = Extractor(facts=facts)


def _work(items: list[Item]) -> list[Outcome]:
    assert _worker_extractor is not None
    return extract_items(_worker_extractor, items)
