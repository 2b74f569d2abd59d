#!/usr/bin/env python
"""Cost of the quantity pass on texts built to stress it (issue 8, item 6).

    python benchmarks/stress_quantities.py [--sizes 100000,1000000] [--family NAME ...]

For each family of hostile text, times QuantityExtractor.find (CPU seconds, best of
--repeat runs) at each size and prints the growth from the smallest size to the
largest; linear cost means a 10x larger text costs about 10x (the limit is 12x).
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from collections.abc import Callable

from corpus import BENCH_CORPUS

from newsfacts.extractors.quantities import QuantityExtractor

BENCH = BENCH_CORPUS
LIMIT = 12.0


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda size: (unit * (size // len(unit) + 1))[:size]


def _paragraphs(size: int) -> str:
    """Real news text: the bench corpus when it is there, else our own paragraph."""
    texts: list[str] = []
    if BENCH.exists():
        with gzip.open(BENCH, "rt", encoding="utf-8") as f:
            for line in f:
                texts.append(json.loads(line)["text"])
                if sum(map(len, texts)) > size:
                    break
    else:
        texts = ["Компания продала 1,2 млн смартфонов на 5 млрд рублей, около 30% рынка. "]
    return _repeat("\n\n".join(texts))(size)


FAMILIES: dict[str, Callable[[int], str]] = {
    "дата- repeated": _repeat("дата-"),
    "+7 (495) × n": _repeat("+7 (495) "),
    "digit run": _repeat("9"),
    "1 × n": _repeat("1 "),
    "от 1 до 2 × n": _repeat("от 1 до 2 "),
    "3-digit groups": _repeat("123 "),
    "number words": _repeat("двадцать пять тысяч "),
    "one long word": _repeat("двухпроцентный"),
    "digits glued to words": _repeat("5G"),
    "sparse digits, no spaces": _repeat("ы" * 150 + "1"),
    "real paragraphs": _paragraphs,
}


def cpu_seconds(ex: QuantityExtractor, text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        ex.find(text)
        best = min(best, time.process_time() - t)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100000,1000000", help="comma-separated sizes in characters")
    ap.add_argument("--family", action="append", help="run only these families (repeatable)")
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    ex = QuantityExtractor()
    ex.find(_paragraphs(20_000))  # warm the morphology caches
    print("| family | " + " | ".join(f"{s // 1000} KB, s" for s in sizes) + " | growth |")
    print("|---|" + "---:|" * (len(sizes) + 1))
    worst = 0.0
    for name, make in FAMILIES.items():
        if args.family and name not in args.family:
            continue
        secs = [cpu_seconds(ex, make(size), args.repeat) for size in sizes]
        growth = secs[-1] / max(secs[0], 1e-6)
        worst = max(worst, growth * sizes[0] * 10 / sizes[-1])  # normalised to a 10x step
        cells = " | ".join(f"{s:.3f}" for s in secs)
        print(f"| {name} | {cells} | {growth:.1f}x |", flush=True)
    print(f"\nworst growth per 10x size: {worst:.1f}x (limit {LIMIT:g}x)")


if __name__ == "__main__":
    main()
