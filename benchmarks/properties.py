#!/usr/bin/env python
"""The property tests' checks over 20,000+ generated hostile inputs, violations counted per family.

    python benchmarks/properties.py              # 20,000+ inputs (a few minutes on 2 cores)
    python benchmarks/properties.py --scale 0.1  # a tenth, for a quick look

The inputs are drawn from the same hypothesis strategies as tests/test_properties.py
(tests/properties.py: arbitrary Unicode, 10,000-character tokens, overflowing numbers,
unnamed letters, lone surrogates), without shrinking; every one goes through
`Extractor.map` (batched, as the CLI does) and is checked: no exception, every offset
slices its text exactly, every value finite, the JSON valid, UTF-8 encodable and
round-tripping. Prints a markdown table and the first few failures of each family;
exit 1 when anything failed. Not run by CI.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402

from tests import properties  # noqa: E402

# inputs per family at --scale 1 (long tokens are 10,000 characters each: fewer of them)
COUNTS = {"unicode": 14_000, "long tokens": 400, "overflow numbers": 2_000, "unnamed letters": 2_000,
          "lone surrogates": 4_000}
BATCH = 64


def draw(strategy, n: int, seed: int) -> list[str]:
    """`n` examples of `strategy` (hypothesis generation only: no shrinking, no database)."""
    out: list[str] = []

    @settings(max_examples=n, phases=[Phase.generate], database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def collect(text):
        out.append(text)

    collect._hypothesis_internal_use_seed = seed
    collect()
    return out


def check_all(extractor, texts: list[str]) -> list[tuple[str, str]]:
    """(input, problem) for every input that fails a property."""
    failures: list[tuple[str, str]] = []
    for k in range(0, len(texts), BATCH):
        batch = texts[k : k + BATCH]
        try:
            docs = list(extractor.map([(f"<fuzz {k + i}>", t) for i, t in enumerate(batch)]))
        except Exception:
            docs = []  # one input broke the batch: find it one by one
            for t in batch:
                try:
                    docs.append(extractor.extract(t, "<fuzz>"))
                except Exception as e:  # noqa: BLE001 - counted and reported
                    docs.append(f"{type(e).__name__}: {e}"[:160])
        for text, doc in zip(batch, docs, strict=True):
            problems = [doc] if isinstance(doc, str) else properties.violations(text, doc)
            failures.extend((text, p) for p in problems[:1])
    return failures


def kind(problem: str) -> str:
    """A problem without its particulars: 'OverflowError', "quantity … has value inf"."""
    if re.match(r"\w+(Error|Exception)\b", problem):
        return problem.split(":")[0]
    return re.sub(r"'[^']*'|\d+", "…", problem)[:60]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0, help="multiply the number of inputs per family")
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--show", type=int, default=3, help="failures shown per family")
    args = ap.parse_args()
    from newsfacts import Extractor

    extractor = Extractor()
    rows, shown, total = [], [], 0
    for name, strategy in properties.FAMILIES.items():
        n = max(1, round(COUNTS[name] * args.scale))
        texts = draw(strategy, n, args.seed)
        started = time.perf_counter()
        failures = check_all(extractor, texts)
        seconds = time.perf_counter() - started
        total += len(texts)
        kinds = Counter(kind(p) for _, p in failures)
        rows.append((name, len(texts), len(failures), seconds, ", ".join(f"{k} ×{c}" for k, c in kinds.most_common(3))))
        shown += [(name, t, p) for t, p in failures[: args.show]]
    print(f"{total} inputs\n")
    print("| family | inputs | failed | seconds | kinds of failure |")
    print("|---|---:|---:|---:|---|")
    for name, n, failed, seconds, kinds in rows:
        print(f"| {name} | {n} | {failed} | {seconds:.1f} | {kinds or '—'} |")
    for name, text, problem in shown:
        print(f"\n{name}: {problem}\n  input: {text[:100]!r}{' …' if len(text) > 100 else ''}")
    return 1 if any(r[2] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
