#!/usr/bin/env python
"""What facts (dates, subjects of amounts, roles) add to the time per article (issue 12: at most 40%).

    python benchmarks/facts_cost.py [--corpus PATH] [--articles N] [--repeat R]

Reads the first N distinct articles of the bench corpus (JSON Lines, gzip, field `text`)
and runs them once through a fresh process per measurement — models loaded and warmed on a
text of our own first, caches starting empty as in a user's run (rerunning the same articles
in one process would serve the extraction from warm caches and flatter it against facts,
whose parse nothing caches) — with facts off and on, the two settings alternating round by
round so that machine noise hits both alike; prints the best round of each, per article,
as a Markdown table row.

Time is CPU time of the extraction loop with one BLAS thread (as in batch workers): the
machine is shared, and wall time there measures the neighbours more than the code.
"""

from __future__ import annotations

import os

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")  # before numpy loads

import argparse  # noqa: E402
import gzip  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from corpus import BENCH_CORPUS  # noqa: E402

from newsfacts import Extractor  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = BENCH_CORPUS


WARM_UP = "Компания Intel купила 5 серверов в Москве 3 мая 2020 года, сообщил глава AMD Лиза Су."


def read_texts(path: Path, limit: int) -> list[str]:
    texts: list[str] = []
    seen: set[str] = set()
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("text") or ""
            if text.strip() and text not in seen:  # copies would flatter every cache
                seen.add(text)
                texts.append(text)
            if len(texts) >= limit:
                break
    return texts


def child(corpus: Path, articles: int, facts: bool) -> None:
    texts = read_texts(corpus, articles)
    ex = Extractor(facts=facts)
    ex.extract(WARM_UP)  # every model loaded, no bench text seen
    t = time.process_time()
    for _ in ex.map(texts):
        pass
    print(time.process_time() - t)


def measure(corpus: Path, articles: int, facts: bool) -> float:
    cmd = [sys.executable, __file__, "--corpus", str(corpus), "--articles", str(articles),
           "--child", "on" if facts else "off"]
    return float(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.split()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--articles", type=int, default=600)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--child", choices=("on", "off"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.corpus, args.articles, args.child == "on")
        return
    texts = read_texts(args.corpus, args.articles)
    best = {False: float("inf"), True: float("inf")}
    for _ in range(args.repeat):
        for flag in (False, True):
            best[flag] = min(best[flag], measure(args.corpus, args.articles, flag))
    n = len(texts)
    off, on = best[False] / n * 1000, best[True] / n * 1000
    print("| articles | chars/article | without facts, ms/article | with facts, ms/article | added |")
    print("|---:|---:|---:|---:|---:|")
    chars = sum(map(len, texts)) // max(n, 1)
    print(f"| {n} | {chars} | {off:.1f} | {on:.1f} | {(on - off) / off:+.1%} |")


if __name__ == "__main__":
    main()
