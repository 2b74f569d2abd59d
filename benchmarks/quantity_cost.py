#!/usr/bin/env python
"""What quantities add to single-article processing time (issue: at most 15%).

    python benchmarks/quantity_cost.py [ARTICLE ...]   # default: samples/*.txt
    python benchmarks/quantity_cost.py --bench 600     # the quantity pass alone, CPU ms per article

The second form times QuantityExtractor.find alone (CPU time, so other processes on
the machine disturb it less) over the first N articles of the bench corpus; run it
with PYTHONPATH pointing at two checkouts to compare them.

Times Extractor.extract on each article with and without the quantity extractor:
one extractor (models loaded once), the two settings interleaved run by run so that
machine noise hits both alike, best of --repeat runs each after a warm-up.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

from corpus import BENCH_CORPUS

from newsfacts import Extractor

ROOT = Path(__file__).resolve().parent.parent
BENCH = BENCH_CORPUS


def quantity_pass(n: int, repeat: int) -> None:
    from newsfacts.extractors.quantities import QuantityExtractor

    with gzip.open(BENCH, "rt", encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for _, line in zip(range(n), f, strict=False)]
    ex = QuantityExtractor()
    for text in texts:  # warm the morphology caches
        ex.find(text)
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        for text in texts:
            ex.find(text)
        best = min(best, time.process_time() - t)
    chars = sum(map(len, texts))
    print(
        f"quantity pass: {best / len(texts) * 1000:.3f} ms per article (CPU, best of {repeat}), "
        f"{len(texts)} articles, {chars / len(texts):.0f} characters on average"
    )


def best_pair(ex: Extractor, text: str, repeat: int) -> tuple[float, float]:
    times: dict[bool, list[float]] = {False: [], True: []}
    for n in range(repeat + 1):
        for flag in (False, True):
            ex.use_quantities = flag
            t = time.perf_counter()
            ex.extract(text)
            if n:  # the first round warms caches
                times[flag].append(time.perf_counter() - t)
    return min(times[False]), min(times[True])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("articles", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--bench", type=int, metavar="N", help="time the quantity pass alone on N bench articles")
    args = ap.parse_args()
    if args.bench:
        quantity_pass(args.bench, min(args.repeat, 5))
        return
    paths = args.articles or sorted((ROOT / "samples").glob("*.txt"))
    ex = Extractor()
    print("| article | chars | without quantities, ms | with, ms | added |")
    print("|---|---:|---:|---:|---:|")
    for path in paths:
        text = path.read_text(encoding="utf-8")
        a, b = best_pair(ex, text, args.repeat)
        print(f"| {path.name} | {len(text)} | {a * 1000:.1f} | {b * 1000:.1f} | {(b - a) / a:+.1%} |")


if __name__ == "__main__":
    main()
