#!/usr/bin/env python
"""What quantities add to single-article processing time (issue: at most 15%).

    python benchmarks/quantity_cost.py [ARTICLE ...]   # default: samples/*.txt

Times Extractor.extract on each article with and without the quantity extractor:
one extractor (models loaded once), the two settings interleaved run by run so that
machine noise hits both alike, best of --repeat runs each after a warm-up.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from newsfacts import Extractor

ROOT = Path(__file__).resolve().parent.parent


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
    args = ap.parse_args()
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
