"""The run's tunables, in one place, with the environment variables that override them.

``NEWSFACTS_BATCH`` (default 32; ``NEWSFACTS_DB_BATCH`` is the old name) is the one batching
setting of a run: a batch of that many documents is the unit a worker extracts at once (its
sentences share NER calls) and the unit ``--db`` commits in one transaction, so an interrupted or
killed run redoes at most one batch. Below it, ``CHUNK_SENTENCES`` bounds the sentences of one NER
call (so one huge input never becomes one huge model call), and the tagger pads sentences of
similar length together (``extractors.ner``): those bound memory per model call, not a run.

``NEWSFACTS_DB_TIMEOUT`` (seconds, default 60) is how long a run waits for a ``--db`` file that
another process holds locked before it gives up with one line and exit 1.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from .errors import SettingError

BATCH = 32
CHUNK_SENTENCES = 512
DB_TIMEOUT = 60.0
# Batches queued per worker: enough to keep every worker busy, few enough that memory stays flat.
INFLIGHT_PER_WORKER = 2
# Allocations between two young-generation collections during a run (Python's default is 700):
# extraction allocates millions of short-lived objects and few cycles; at 700 the collector ran
# 600 times over 600 articles, 3-4 % of the time, and its full passes walked the word caches.
RUN_GC_THRESHOLD = 10_000
# -w above this is refused: each worker holds a copy of the models' working memory.
MAX_WORKERS = 32
# --max-chars default: ~1 MB of text (a few hundred pages) takes seconds; a bigger "article" is
# a dump or an attack, and is reported as an error line rather than stalling a batch.
MAX_CHARS = 1_000_000


@dataclass(frozen=True, slots=True)
class Settings:
    batch: int = BATCH
    db_timeout: float = DB_TIMEOUT


def from_env(environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from the environment; a malformed value is a SettingError naming the variable."""
    env = os.environ if environ is None else environ
    batch = BATCH
    for name in ("NEWSFACTS_BATCH", "NEWSFACTS_DB_BATCH"):
        if env.get(name, "").strip():
            batch = _number(name, env[name], int, minimum=1)
            break
    timeout = DB_TIMEOUT
    if env.get("NEWSFACTS_DB_TIMEOUT", "").strip():
        timeout = _number("NEWSFACTS_DB_TIMEOUT", env["NEWSFACTS_DB_TIMEOUT"], float, minimum=0)
    return Settings(batch=batch, db_timeout=timeout)


def _number(name: str, raw: str, kind: type, minimum: float):
    try:
        value = kind(raw.strip())
    except ValueError:
        value = None
    if value is None or value < minimum or value != value:  # value != value: NaN
        what = "a whole number" if kind is int else "a number of seconds"
        raise SettingError(f"{name} must be {what} >= {minimum:g}, not {raw!r}")
    return value
