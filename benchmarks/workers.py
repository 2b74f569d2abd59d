"""How many workers should `newsfacts` use by default? Measure one process against a pool.

    python benchmarks/workers.py [ARCHIVE.jsonl.gz] [--docs 400] [--rounds 2]

Takes the first --docs records of a JSON Lines archive (default: the shared bench corpus),
and runs the CLI over them with -w 1 (one BLAS thread, and BLAS's own default), -w 2 and -w N
(N = CPUs, when more than 2), the settings interleaved over --rounds rounds so that machine noise
does not decide. Prints wall seconds (best round), articles per second and peak RSS of the
process tree (ru_maxrss of the children: the largest single process). Not run by CI.
"""

from __future__ import annotations

import argparse
import gzip
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import BENCH_CORPUS

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = BENCH_CORPUS


def sample(archive: Path, docs: int, folder: Path) -> Path:
    out = folder / "sample.jsonl"
    opener = gzip.open if archive.name.endswith(".gz") else open
    with opener(archive, "rt", encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for n, line in enumerate(src):
            if n >= docs:
                break
            dst.write(line)
    return out


def run(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("archive", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    base = {**os.environ, "PYTHONPATH": str(ROOT)}
    one_blas = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    cases = [("-w 1, one BLAS thread", ["-w", "1"], one_blas), ("-w 1, BLAS default", ["-w", "1"], {}),
             ("-w 2", ["-w", "2"], one_blas)]
    if cpus > 2:
        cases.append((f"-w {cpus}", ["-w", str(cpus)], one_blas))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = sample(args.archive, args.docs, Path(tmp))
        best: dict[str, float] = {}
        for _ in range(args.rounds):
            for name, flags, extra in cases:
                cmd = [sys.executable, "-m", "newsfacts", "-q", "-f", "jsonl", *flags, str(corpus)]
                seconds = run(cmd, {**base, **extra})
                best[name] = min(best.get(name, seconds), seconds)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{args.docs} articles from {args.archive.name}; {cpus} CPUs; Python {sys.version.split()[0]}")
    print(f"| case | seconds (best of {args.rounds}) | articles/s |")
    print("|---|---:|---:|")
    for name, _, _ in cases:
        print(f"| {name} | {best[name]:.2f} | {args.docs / best[name]:.1f} |")
    print(f"largest process: {peak:.0f} MB peak RSS")


if __name__ == "__main__":
    main()
