#!/usr/bin/env python
"""Prove that newsfacts.segment.tokenize agrees with razdel.tokenize, token for token.

    python benchmarks/check_tokenize.py [CORPUS] [--limit N]

CORPUS is a folder, .jsonl or .jsonl.gz (field ``text``), as for bench.py
(default: the bench corpus). Every sentence newsfacts makes is tokenised both
ways; the script prints the counts, both timings, and the first disagreements,
and exits 1 if there is any.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import DEFAULT_CORPUS, iter_texts  # noqa: E402
from razdel import tokenize as razdel_tokenize  # noqa: E402

from newsfacts.segment import split_sentences, tokenize  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="texts to read (default: all)")
    args = parser.parse_args(argv)
    sentences = [s.text for text in iter_texts(args.corpus, args.limit) for s in split_sentences(text)]
    t0 = time.perf_counter()
    ours = [tokenize(s) for s in sentences]
    t1 = time.perf_counter()
    theirs = [[(t.start, t.stop, t.text) for t in razdel_tokenize(s)] for s in sentences]
    t2 = time.perf_counter()
    bad = [(s, a, b) for s, a, b in zip(sentences, ours, theirs, strict=True) if a != b]
    tokens = sum(map(len, theirs))
    print(f"{len(sentences)} sentences, {tokens} tokens; newsfacts {t1 - t0:.2f} s, razdel {t2 - t1:.2f} s")
    for sentence, a, b in bad[:10]:
        diff = sorted(set(a) ^ set(b))[:6]
        print(f"DIFFERENT: {sentence[:100]!r}: {diff}")
    print(f"{len(bad)} sentences differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
