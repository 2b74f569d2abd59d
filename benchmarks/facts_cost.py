#!/usr/bin/env python
"""What facts (dates, subjects of amounts, roles) add to the time per article (issue 12: at most 40%).

    python benchmarks/facts_cost.py [--corpus PATH] [--articles N] [--repeat R]

Reads the first N articles of the bench corpus (JSON Lines, gzip, field `text`), runs them
through one Extractor (models loaded and warmed first) with facts off and on, the two
settings interleaved round by round so that machine noise hits both alike, and prints the
best round of each, per article, as a Markdown table row.

Time is CPU time of this process with one BLAS thread (as in batch workers): the machine
is shared, and wall time there measures the neighbours more than the code.
"""

from __future__ import annotations

import os

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")  # before numpy loads

import argparse  # noqa: E402
import gzip  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from corpus import BENCH_CORPUS  # noqa: E402

from newsfacts import Extractor  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = BENCH_CORPUS


def read_texts(path: Path, limit: int) -> list[str]:
    texts = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("text") or ""
            if text.strip():
                texts.append(text)
            if len(texts) >= limit:
                break
    return texts


def run(ex: Extractor, texts: list[str], facts: bool) -> float:
    ex.use_facts = facts
    t = time.process_time()
    for _ in ex.map(texts):
        pass
    return time.process_time() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    texts = read_texts(args.corpus, args.articles)
    ex = Extractor()
    run(ex, texts[:20], True)  # load every model and warm the caches
    best = {False: float("inf"), True: float("inf")}
    for _ in range(args.repeat):
        for flag in (False, True):
            best[flag] = min(best[flag], run(ex, texts, flag))
    n = len(texts)
    off, on = best[False] / n * 1000, best[True] / n * 1000
    print("| articles | chars/article | without facts, ms/article | with facts, ms/article | added |")
    print("|---:|---:|---:|---:|---:|")
    chars = sum(map(len, texts)) // max(n, 1)
    print(f"| {n} | {chars} | {off:.1f} | {on:.1f} | {(on - off) / off:+.1%} |")


if __name__ == "__main__":
    main()
