#!/usr/bin/env python
"""Does extraction cost grow linearly? Times texts of 1 KB to 1 MB built to stress the extractor.

    python benchmarks/stress.py                        # every family, 1K 10K 100K 1M
    python benchmarks/stress.py --families "a@b.,combining accents" --parts
    python benchmarks/stress.py --sizes 100K,1M,10M --families "real paragraphs"

Each family (digit runs, "1 " × n, long capitalised runs, repeated "от 1 до 2", ...)
is a text pattern repeated to the size (in characters); one child process per family
runs `Extractor().extract` (the library, as the CLI does) on each size in turn and
reports its seconds and the process's peak RSS. The table shows seconds per size, the
ratio of the largest to the size ten times smaller (linear: about 10; the limit, from
issue 8, is 12×) and the peak memory for one file against its limit (250 MB + 10× the
file's UTF-8 size). A size that cannot finish within the limit is stopped there: its
family is over the limit, and the table says "> LIMIT".

--parts also times the stages alone on each size (sentence splitting with razdel,
the "Источник:" source lines, hardware, quantities, NER), to find the quadratic one.
Not run by CI; numbers depend on the machine's load (printed).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 12.0  # largest size / size ten times smaller
SIZES = "1K,10K,100K,1M"

_SYLLABLES = ["ба", "ве", "ги", "до", "ка", "ле", "ми", "но", "ра", "се", "ти", "ху", "ша", "юн", "ар", "ов"]
_FIRST = ["Иван", "Мария", "Пётр", "Анна", "Олег", "Елена", "Сергей", "Ольга", "Дмитрий", "Ирина"]


def _word(rng: random.Random, capital: bool = True) -> str:
    w = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
    return w.capitalize() if capital else w


def _repeat(unit: str):
    return lambda n, rng: (unit * (n // len(unit) + 1))[:n]


def _distinct(make):
    """Units from `make(rng, i)` joined until the text has n characters."""

    def build(n: int, rng: random.Random) -> str:
        parts, size, i = [], 0, 0
        while size < n:
            parts.append(make(rng, i))
            size += len(parts[-1])
            i += 1
        return "".join(parts)[:n]

    return build


def _paragraphs(n: int, rng: random.Random) -> str:
    # our own test articles (tests/golden/articles), repeated: real news prose
    articles = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests/golden/articles").glob("*.txt"))]
    return _distinct(lambda rng, i: articles[i % len(articles)] + "\n")(n, rng)


FAMILIES = {
    "digit run": _repeat("7"),
    "digit words": _repeat("1234567890123 "),
    "1 × n": _repeat("1 "),
    "capitalised run": _distinct(lambda rng, i: _word(rng) + " "),
    "от 1 до 2": _repeat("от 1 до 2 "),
    "дата-": _repeat("дата-"),
    "combining accents": _repeat("а\u0301"),
    "Имя Фамилия сказал.": _distinct(lambda rng, i: f"{rng.choice(_FIRST)} {_word(rng)}ов сказал. "),
    "Илон Маск купил H100.": _repeat("Илон Маск купил H100. "),
    "a@b.": _repeat("a@b."),
    "+7 (495)": _repeat("+7 (495) "),
    "real paragraphs": _paragraphs,
}


def parse_size(s: str) -> int:
    s = s.strip().upper()
    mult = {"K": 1_000, "M": 1_000_000}.get(s[-1:], 1)
    return int(float(s.rstrip("KM")) * mult)


def label(n: int) -> str:
    return f"{n // 1_000_000}M" if n >= 1_000_000 else f"{n // 1_000}K" if n >= 1_000 else str(n)


# ----------------------------------------------------------------------------- child


def child(family: str, sizes: list[int], parts: bool) -> None:
    from newsfacts import Extractor

    ex = Extractor()
    ex.extract("Илон Маск купил 10 000 ускорителей H100 за 2 млрд рублей.")  # load the models first
    for n in sizes:
        text = FAMILIES[family](n, random.Random(n))
        row: dict = {"size": n, "bytes": len(text.encode("utf-8"))}
        try:
            _time(ex, family, text, row, parts)
        except Exception as e:  # noqa: BLE001 - a crash is a result of this benchmark too
            print(json.dumps({**row, "error": type(e).__name__}), flush=True)
            return


def _time(ex, family: str, text: str, row: dict, parts: bool) -> None:
    import resource

    from newsfacts.extractors.entities import source_mentions
    from newsfacts.segment import split_sentences

    if parts:
        stages = {
            "split_sentences": split_sentences,
            "source_mentions": source_mentions,
            "hardware": ex.hardware.find,
            "quantities": ex.quantities.find,
            "ner": lambda t: ex.ner.tag([s.text for s in split_sentences(t)]),
        }
        for name, stage in stages.items():
            started = time.process_time()
            stage(text)
            row[name] = time.process_time() - started
            print(json.dumps({**row, "partial": name}), flush=True)
    started = time.process_time()
    ex.extract(text, f"<{family} {label(row['size'])}>")
    row["seconds"] = time.process_time() - started
    row["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(row), flush=True)


# ----------------------------------------------------------------------------- parent


_start_wall = time.monotonic()


def _cpu(pid: int) -> float:
    """CPU seconds (user + system) of a running child; wall time where /proc is missing."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.monotonic() - _start_wall


def measure(family: str, sizes: list[int], parts: bool, cap: float) -> list[dict]:
    """Rows of one family; the last size is stopped once it is past the growth limit."""
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    cmd = [sys.executable, __file__, "--child", family, "--sizes", ",".join(map(str, sizes))]
    proc = subprocess.Popen(cmd + (["--parts"] if parts else []), stdout=subprocess.PIPE, text=True, env=env)
    rows: list[dict] = []
    partial: dict = {}  # stages of the size in progress (--parts)
    try:
        import selectors

        sel = selectors.DefaultSelector()
        sel.register(proc.stdout, selectors.EVENT_READ)
        started = _cpu(proc.pid)
        while True:
            done = [r for r in rows if "seconds" in r]
            budget = cap
            if done and len(done) < len(sizes):
                # the next size may take LIMIT × (this size's time × its size ratio / 10), no more
                nxt = sizes[len(done)] / done[-1]["size"]
                budget = min(cap, max(5.0, LIMIT / 10 * nxt * done[-1]["seconds"] * 1.1 + 3))
            # budgets are CPU seconds of the child, so a loaded machine does not stop a size early
            if not sel.select(timeout=1.0):
                if _cpu(proc.pid) - started > budget:
                    rows.append({**partial, "size": sizes[len(done)], "stopped": budget})
                    break
                continue
            line = proc.stdout.readline()
            if not line:
                break
            row = json.loads(line)
            started = _cpu(proc.pid)  # the budget is per stage, and per size
            if "partial" in row:
                partial = row
                continue
            rows.append(row)
            partial = {}
            if "error" in row:
                break
    finally:
        proc.kill()
        proc.wait()
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--families", default=",".join(FAMILIES), help="comma-separated; default: all")
    ap.add_argument("--sizes", default=SIZES, help=f"comma-separated characters, K/M suffixes (default {SIZES})")
    ap.add_argument("--parts", action="store_true", help="also time the stages alone")
    ap.add_argument("--cap", type=float, default=300.0, help="CPU seconds any one size may take at most")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    sizes = [parse_size(s) for s in args.sizes.split(",")]
    if args.child:
        child(args.child, sizes, args.parts)
        return 0
    families = [f.strip() for f in args.families.split(",")]
    unknown = [f for f in families if f not in FAMILIES]
    if unknown:
        ap.error(f"unknown families {unknown}; known: {', '.join(FAMILIES)}")
    print(f"CPU seconds of Extractor().extract per text size; load average at start {os.getloadavg()[0]:.2f}"
          f" on {os.cpu_count()} CPUs\n")
    big = label(sizes[-1])
    head = " | ".join(label(n) for n in sizes)
    parts_head = " stages at the largest size, CPU s |" if args.parts else ""
    print(f"| family | {head} | {big} / {label(sizes[-2])} | peak RSS MB at {big} (limit) |{parts_head}")
    print("|---|" + "---:|" * (len(sizes) + 2) + ("---|" if args.parts else ""))
    over = []
    for family in families:
        rows = measure(family, sizes, args.parts, args.cap)
        cells, ratio, rss = [], "", ""
        for r in rows:
            if "error" in r:
                cells.append(r["error"])
            else:
                cells.append(f"> {r['stopped']:.1f}" if "stopped" in r else f"{r['seconds']:.2f}")
        cells += ["—"] * (len(sizes) - len(cells))
        last = rows[-1] if rows else {}
        if any("error" in r for r in rows):
            ratio = "crash ✗"
        elif any("stopped" in r for r in rows):
            ratio = f"> {LIMIT:.0f}× ✗" if len(rows) == len(sizes) else f"stopped at {label(last['size'])} ✗"
        elif len(rows) == len(sizes) and len(rows) >= 2:
            x = last["seconds"] / max(rows[-2]["seconds"], 1e-3) * (sizes[-2] * 10 / sizes[-1])
            ratio = f"{x:.1f}×" + (" ✗" if x > LIMIT else "")
            limit_mb = 250 + 10 * last["bytes"] / 1e6
            rss = f"{last['rss_mb']:.0f} ({limit_mb:.0f})" + (" ✗" if last["rss_mb"] > limit_mb else "")
        if "✗" in ratio or "✗" in rss:
            over.append(family)
        stages = ""
        if args.parts:
            names = ("split_sentences", "source_mentions", "hardware", "quantities", "ner")
            stages = " " + ", ".join(f"{k} {last[k]:.2f}" for k in names if k in last) + " |"
        print(f"| {family} | {' | '.join(cells)} | {ratio} | {rss} |{stages}", flush=True)
    print(f"\nover the limit: {', '.join(over) if over else 'none'}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
