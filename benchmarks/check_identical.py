#!/usr/bin/env python
"""Check that this tree's output is byte-identical to another commit's, on real articles.

    python benchmarks/check_identical.py                       # vs main, 300 bench items
    python benchmarks/check_identical.py --base 09d4931 --articles 600 /path/to/folder-or.jsonl.gz

Both trees run ``python -m newsfacts -f jsonl -w 1`` over the same folder of
unique texts (written as bench.py writes its corpus); the base tree comes from
``git archive``, so nothing in the work tree changes. Exits 1 and shows the
first differing document if the outputs differ.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import DEFAULT_CORPUS, ROOT, iter_texts, synthetic_texts, write_corpus  # noqa: E402


def run(tree: Path, corpus: Path, env: dict[str, str]) -> bytes:
    cmd = [sys.executable, "-m", "newsfacts", "-f", "jsonl", "-w", "1", "-q", str(corpus)]
    proc = subprocess.run(cmd, capture_output=True, env={**os.environ, **env, "PYTHONPATH": str(tree)}, cwd=tree)
    if proc.returncode != 0:
        raise SystemExit(f"{tree}: exit {proc.returncode}: {proc.stderr.decode()[-2000:]}")
    return proc.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=None, help="folder or .jsonl[.gz] (default: bench)")
    parser.add_argument("--base", default="main", help="commit to compare with (default: main)")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--base-env", default="", metavar="K=V,...",
                        help="extra environment for the base run, e.g. OPENBLAS_NUM_THREADS=1")
    args = parser.parse_args(argv)
    source = args.corpus or (DEFAULT_CORPUS if DEFAULT_CORPUS.exists() else None)
    texts = list(iter_texts(source, args.articles)) if source else synthetic_texts(args.articles)
    base_env = dict(kv.split("=", 1) for kv in args.base_env.split(",") if kv)
    with tempfile.TemporaryDirectory(prefix="newsfacts-check-") as tmp:
        corpus = Path(tmp) / "corpus"
        write_corpus(corpus, texts)
        base = Path(tmp) / "base"
        archive = subprocess.run(["git", "archive", args.base], cwd=ROOT, capture_output=True, check=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(base, filter="data")
        old, new = run(base, corpus, base_env), run(ROOT, corpus, {})
    print(f"{len(texts)} texts from {source or 'samples (synthetic)'}: base {args.base} {len(old)} bytes,"
          f" this tree {len(new)} bytes")
    if old == new:
        print("identical")
        return 0
    for a, b in zip(old.splitlines(), new.splitlines(), strict=False):
        if a != b:
            doc_a, doc_b = json.loads(a), json.loads(b)
            print(f"first difference: {doc_a.get('source')}")
            for key in doc_a:
                if doc_a[key] != doc_b.get(key):
                    print(f"  {key}: base {json.dumps(doc_a[key], ensure_ascii=False)[:400]}")
                    print(f"  {key}: this {json.dumps(doc_b.get(key), ensure_ascii=False)[:400]}")
            break
    print("DIFFERENT")
    return 1


if __name__ == "__main__":
    sys.exit(main())
