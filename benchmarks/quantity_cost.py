#!/usr/bin/env python
"""What quantities add to single-article processing time (issue: at most 15%).

    python benchmarks/quantity_cost.py [ARTICLE ...]   # default: samples/*.txt

Times Extractor.extract on each article with and without the quantity extractor,
best of --repeat runs after a warm-up, models loaded once beforehand.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from newsfacts import Extractor

ROOT = Path(__file__).resolve().parent.parent


def best(ex: Extractor, text: str, repeat: int) -> float:
    ex.extract(text)
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        ex.extract(text)
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("articles", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    paths = args.articles or sorted((ROOT / "samples").glob("*.txt"))
    with_q, without_q = Extractor(), Extractor(quantities=False)
    print("| article | chars | without quantities, ms | with, ms | added |")
    print("|---|---:|---:|---:|---:|")
    for path in paths:
        text = path.read_text(encoding="utf-8")
        a, b = best(without_q, text, args.repeat), best(with_q, text, args.repeat)
        print(f"| {path.name} | {len(text)} | {a * 1000:.1f} | {b * 1000:.1f} | {(b - a) / a:+.1%} |")


if __name__ == "__main__":
    main()
