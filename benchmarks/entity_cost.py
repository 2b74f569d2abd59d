#!/usr/bin/env python
"""Time of the entity stage on real articles (issue 9: it must not get much slower).

    python benchmarks/entity_cost.py [CORPUS.jsonl.gz] [--limit 300]
    PYTHONPATH=/path/to/other/checkout python benchmarks/entity_cost.py ...   # compare versions

Runs Extractor(quantities=False).map over the first --limit items (field `text`) and
reports the whole run and the entity stage: the pipeline's per-document build minus
the hardware extractor, which is how the stage was placed before and after it moved to
extractors/entities.py, so two checkouts compare like for like. Best of --repeat runs.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time

from corpus import BENCH_CORPUS

from newsfacts import Extractor
from newsfacts.pipeline import Extractor as _Pipeline

DEFAULT = str(BENCH_CORPUS)


def load(path: str, limit: int) -> list[str]:
    texts = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            texts.append(json.loads(line)["text"])
            if len(texts) >= limit:
                break
    return texts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=DEFAULT)
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    texts = load(args.corpus, args.limit)
    ex = Extractor(quantities=False)
    ex.extract("Илон Маск купил H100.")
    spent = {"build": 0.0, "hardware": 0.0}
    build, find = _Pipeline._build, type(ex.hardware).find

    def timed_build(self, *a, **k):
        t = time.perf_counter()
        try:
            return build(self, *a, **k)
        finally:
            spent["build"] += time.perf_counter() - t

    def timed_find(self, *a, **k):
        t = time.perf_counter()
        try:
            return find(self, *a, **k)
        finally:
            spent["hardware"] += time.perf_counter() - t

    _Pipeline._build = timed_build
    type(ex.hardware).find = timed_find
    best_total = best_stage = float("inf")
    for _ in range(args.repeat):
        spent.update(build=0.0, hardware=0.0)
        t = time.perf_counter()
        n = sum(1 for _ in ex.map(texts))
        best_total = min(best_total, time.perf_counter() - t)
        best_stage = min(best_stage, spent["build"] - spent["hardware"])
    print(f"{n} articles: run {best_total:.2f} s, entity stage {best_stage:.2f} s")


if __name__ == "__main__":
    main()
