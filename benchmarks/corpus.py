"""Where the shared bench corpus lies: $NEWSFACTS_BENCH_CORPUS, else ../shared/bench beside the
project (or beside the folder of worktrees the project sits in). Standard library only."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_NAME = Path("shared/bench/news-ru.jsonl.gz")


def bench_corpus() -> Path:
    if os.environ.get("NEWSFACTS_BENCH_CORPUS"):
        return Path(os.environ["NEWSFACTS_BENCH_CORPUS"])
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / _NAME).exists():
            return base / _NAME
    return ROOT.parent / _NAME


BENCH_CORPUS = bench_corpus()
