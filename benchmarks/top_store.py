#!/usr/bin/env python
"""How long `newsfacts top --db` takes on a store of 100,000 documents (issue 13: well under a second).

    python benchmarks/top_store.py [--docs 100000] [--repeat 5] [--keep PATH]

Generates a store with the real schema (newsfacts.store.DDL) and a news-like
spread of facts: per document about 12 PER/ORG/LOC mentions drawn from Zipf-like
name lists, one or two hardware mentions in four documents of ten, three
amounts of which one is money, and a sentence row per fact. Then times
building the summary tables once (what the first ``top --db`` on an existing
store does), the cost the triggers add to re-writing documents, and
``topsql.from_store`` (what the command runs), best of --repeat. Not a test: timing
depends on the machine.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from newsfacts.store import FactStore
from newsfacts.topsql import build_summaries, drop_summaries, from_store, open_store

KINDS = (("PER", 6000, 4), ("ORG", 3000, 6), ("LOC", 800, 2), ("DATE", 400, 1))
VENDORS = ("NVIDIA", "AMD", "Intel", "Apple", "Qualcomm", "Samsung", "Huawei", "MediaTek")


def zipf_names(prefix: str, n: int) -> tuple[list[str], list[float]]:
    # cumulative weights, computed once: choices() would otherwise sum them on every call
    return [f"{prefix} {i}" for i in range(n)], list(itertools.accumulate(1 / (i + 1) for i in range(n)))


def generate(path: Path, docs: int, seed: int = 13) -> None:
    rng = random.Random(seed)
    pools = {kind: zipf_names(kind.title(), size) for kind, size, _ in KINDS}
    orgs = pools["ORG"][0]
    for v in VENDORS:  # vendors are companies too, mentioned often
        orgs[VENDORS.index(v) * 3] = v
    models = [(f"{v} M{i}", v) for v in VENDORS for i in range(50)]
    model_weights = list(itertools.accumulate(1 / (i % 50 + 1) for i in range(len(models))))
    units = (("USD", 5), ("RUB", 3), ("EUR", 1), ("CNY", 1))
    with FactStore(path):
        pass  # creates the schema
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN")
    ents, qtys, sents = [], [], []
    for d in range(1, docs + 1):
        conn.execute("INSERT INTO documents (id, path, source, content_hash, chars, processed_at, error)"
                     " VALUES (?, ?, ?, ?, ?, '2024-01-01T00:00:00.000Z', NULL)",
                     (d, f"/news/{d:06d}.txt", f"news/{d:06d}.txt", f"{d:064x}", 3000))
        pos = 0
        n_sent = rng.randint(8, 20)
        for s in range(n_sent):
            sents.append((d, s, s * 150, s * 150 + 140, "…"))
        for kind, _, per_doc in KINDS:
            names, weights = pools[kind]
            for name in rng.choices(names, cum_weights=weights, k=rng.randint(per_doc // 2, per_doc * 2)):
                pos += 20
                ents.append((d, kind, name, name, None, None, None, pos, pos + 8, rng.randrange(n_sent)))
        if rng.random() < 0.4:
            for model, vendor in rng.choices(models, cum_weights=model_weights, k=rng.randint(1, 2)):
                pos += 20
                ents.append((d, "HARDWARE", model, model, vendor, "GPU", model.split()[-1], pos, pos + 8,
                             rng.randrange(n_sent)))
        for i in range(3):
            pos += 20
            if i == 0:
                unit = rng.choices([u for u, _ in units], [w for _, w in units])[0]
                value = float(round(10 ** rng.uniform(3, 11), -2))
                qtys.append((d, "x долларов", value, None, 0, "money", unit, pos, pos + 10, rng.randrange(n_sent)))
            else:
                qtys.append((d, "x штук", float(rng.randint(1, 10000)), None, 0, "count", "штука", pos, pos + 6,
                             rng.randrange(n_sent)))
        if d % 5000 == 0:
            _flush(conn, ents, qtys, sents)
            ents, qtys, sents = [], [], []
    _flush(conn, ents, qtys, sents)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()


def _flush(conn, ents, qtys, sents) -> None:
    conn.executemany("INSERT INTO entities (document_id, type, text, normal, vendor, category, model, start, stop,"
                     " sentence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ents)
    conn.executemany("INSERT INTO quantities (document_id, text, value, max, approx, kind, unit, start, stop,"
                     " sentence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", qtys)
    conn.executemany("INSERT INTO sentences (document_id, idx, start, stop, text) VALUES (?, ?, ?, ?, ?)", sents)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--rows", type=int, default=10)
    ap.add_argument("--keep", type=Path, default=None, help="write the store here and keep it")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "top.sqlite"
        if not path.exists():
            t = time.perf_counter()
            generate(path, args.docs)
            print(f"generated {args.docs:,} documents in {time.perf_counter() - t:.1f} s")
        conn = open_store(str(path))
        counts = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("entities", "quantities")}
        print(f"store: {path.stat().st_size / 2**20:.0f} MB, {counts['entities']:,} entity rows, "
              f"{counts['quantities']:,} quantity rows")
        drop_summaries(conn)
        before = rewrite_cost(conn)
        print(f"summaries built once in {build_summaries(conn):.1f} s (the first top --db on an existing store)")
        after = rewrite_cost(conn)
        print(f"re-writing 1,000 documents' entities: {before * 1000:.0f} ms without the triggers, "
              f"{after * 1000:.0f} ms with them")
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            view = from_store(conn, args.rows)
            times.append(time.perf_counter() - t)
        raw = time.perf_counter()
        from_store(conn, args.rows, summaries=False)
        raw = time.perf_counter() - raw
        conn.close()
        print(f"newsfacts top --db: best {min(times) * 1000:.0f} ms, median {statistics.median(times) * 1000:.0f} ms"
              f" ({view.documents:,} documents); from the raw tables (read-only store): {raw:.1f} s")
        top_org = view.entities["ORG"][0]
        print(f"e.g. top ORG {top_org.normal!r}: {top_org.mentions:,} mentions in {top_org.documents:,} documents")


def rewrite_cost(conn: sqlite3.Connection, docs: int = 1000) -> float:
    """Delete and re-insert the entity rows of the first ``docs`` documents, rolled back: the write path's cost."""
    rows = conn.execute("SELECT * FROM entities WHERE document_id <= ?", (docs,)).fetchall()
    t = time.perf_counter()
    conn.execute("BEGIN")
    conn.execute("DELETE FROM entities WHERE document_id <= ?", (docs,))
    conn.executemany(f"INSERT INTO entities VALUES ({', '.join('?' * len(rows[0]))})", rows)
    elapsed = time.perf_counter() - t
    conn.execute("ROLLBACK")
    return elapsed


if __name__ == "__main__":
    main()
