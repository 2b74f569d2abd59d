#!/usr/bin/env python
"""Growth of the entity stage on inputs built to stress it (issue 8 item 6, issue 11 item 4).

    python benchmarks/stress_entities.py [--sizes 100000,1000000]

Families: distinct "Имя Фамилия сказал." sentences (document-level name resolution),
and "Илон Маск купил H100. " repeated (overlap checks against hardware spans). For each
size it prints seconds for NER, for the hardware extractor and for `assemble` alone (the
entity stage, given NER's spans and the hardware); at 10x the size, at most ~12x the time.
"""

from __future__ import annotations

import argparse
import itertools
import time

from newsfacts import Extractor
from newsfacts.extractors.entities import assemble
from newsfacts.segment import split_sentences

FIRST = ["Иван", "Олег", "Пётр", "Антон", "Борис", "Глеб", "Денис", "Егор", "Кирилл", "Лев"]
SYLLABLES = ["ба", "ве", "го", "ду", "жи", "зо", "ки", "ло", "ми", "но", "пу", "ре", "си", "ту", "фе", "ха"]


def distinct_names(size: int) -> str:
    out, n = [], 0
    for first in itertools.cycle(FIRST):
        for a, b, c in itertools.product(SYLLABLES, repeat=3):
            out.append(f"{first} {(a + b + c).capitalize()}ов сказал. ")
            n += len(out[-1])
            if n >= size:
                return "".join(out)
    return "".join(out)


def musk(size: int) -> str:
    unit = "Илон Маск купил H100. "
    return unit * (size // len(unit))


def run(ex: Extractor, text: str) -> tuple[float, float, float]:
    """Seconds for NER, for the hardware extractor and for `assemble` (the entity stage)."""
    sentences = split_sentences(text)
    t = time.perf_counter()
    spans = []
    for k in range(0, len(sentences), 512):
        spans.extend(ex.ner.tag([s.text for s in sentences[k : k + 512]]))
    ner = time.perf_counter() - t
    t = time.perf_counter()
    hardware = ex.hardware.find(text)
    hw = time.perf_counter() - t
    t = time.perf_counter()
    assemble(text, sentences, spans, hardware)
    return ner, hw, time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100000,1000000")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    ex = Extractor(quantities=False)
    ex.extract("Илон Маск купил H100.")  # load the models before timing
    print("| family | bytes | NER, s | hardware, s | assemble, s |")
    print("|---|---:|---:|---:|---:|")
    for name, build in (("distinct names", distinct_names), ("Илон Маск купил H100", musk)):
        for size in sizes:
            ner, hw, stage = run(ex, build(size))
            print(f"| {name} | {size} | {ner:.2f} | {hw:.2f} | {stage:.2f} |", flush=True)


if __name__ == "__main__":
    main()
