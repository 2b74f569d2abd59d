#!/usr/bin/env python
"""Throughput, startup time and memory of newsfacts next to a plain natasha loop.

    .venv/bin/python benchmarks/bench.py                 # 300 articles, all cases
    .venv/bin/python benchmarks/bench.py --articles 1000 --newsfacts "python -m newsfacts"
    .venv/bin/python benchmarks/bench.py --cases natasha,workers1

Builds a corpus from ``samples/*.txt`` in a temporary folder (each copy gets a
numbered closing sentence, so every file has its own content hash) and runs
every case as a child process, one after another, so that each one's time
includes interpreter start and model loading, and its peak memory can be read:

    natasha    a plain natasha loop (Segmenter, NewsMorphTagger, NewsNERTagger,
               span.normalize), one Doc at a time — the baseline
    workers1   newsfacts -f jsonl --workers 1 CORPUS -o /dev/null
    workers2   the same with --workers 2
    startup    newsfacts --version vs python -c "import click" (best of --runs)
    single     newsfacts -f json samples/twitter-gpus.txt (one article end to end)

Prints a markdown table. Not run by CI; standard library only (no psutil).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SINGLE_SAMPLE = SAMPLES / "twitter-gpus.txt"
CASES = ("natasha", "workers1", "workers2", "startup", "single")


# ----------------------------------------------------------------------------- measuring


@dataclass
class Run:
    seconds: float
    returncode: int
    peak_rss_mb: float | None  # the command's own process (kernel's ru_maxrss, exact)
    tree_rss_mb: float | None  # sampled peak of the sum over the process and its descendants
    stderr: str


@dataclass
class Row:
    case: str
    command: str
    run: Run | None
    articles: int | None = None  # None: not a throughput case
    baseline: float | None = None  # seconds to compare with (natasha loop, or `import click`)
    baseline_name: str = "natasha loop"


def _maxrss_mb(kilo_or_bytes: int) -> float:
    # ru_maxrss is KiB on Linux, bytes on macOS.
    return kilo_or_bytes / (1024 * 1024) if sys.platform == "darwin" else kilo_or_bytes / 1024


def _tree_rss_bytes(root: int) -> int | None:
    """Sum of RSS of `root` and its descendants, from /proc (None where there is no /proc)."""
    proc = Path("/proc")
    if not proc.is_dir():
        return None
    parent: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # the process ended while we looked
            continue
        # Fields after the ")" closing the command name: state, ppid, ..., rss (field 24) at 21.
        fields = stat.rsplit(")", 1)[1].split()
        pid = int(entry.name)
        parent[pid] = int(fields[1])
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, todo, seen = 0, [root], set()
    children: dict[int, list[int]] = {}
    for pid, ppid in parent.items():
        children.setdefault(ppid, []).append(pid)
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, ()))
    return total


class _TreeSampler(threading.Thread):
    """Samples the RSS of a process tree every `interval` s; with --workers the sum is what matters."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak: int | None = None
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            value = _tree_rss_bytes(self.pid)
            if value is None:
                return
            self.peak = value if self.peak is None else max(self.peak, value)
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def measure(cmd: Sequence[str]) -> Run:
    """Run `cmd` with stdout discarded; wall time, exit code, peak memory, stderr."""
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as err:
        # stderr to a file, not a pipe: we block in wait4 and must not deadlock on a full pipe.
        start = time.perf_counter()
        proc = subprocess.Popen(list(cmd), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
        sampler = _TreeSampler(proc.pid)
        sampler.start()
        # wait4 gives this child's own rusage, where getrusage(RUSAGE_CHILDREN) would be the
        # maximum over every child so far. It misses pool workers, though: they are children of
        # a forkserver that is never reaped through our child, hence also the /proc sampler.
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        sampler.stop()
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read()
    return Run(
        seconds=seconds,
        returncode=proc.returncode,
        peak_rss_mb=_maxrss_mb(usage.ru_maxrss),
        tree_rss_mb=None if sampler.peak is None else sampler.peak / (1024 * 1024),
        stderr=stderr,
    )


def best_of(cmd: Sequence[str], runs: int) -> Run:
    """The fastest of `runs` runs (startup times are noisy; the minimum is the repeatable number)."""
    results = [measure(cmd) for _ in range(max(1, runs))]
    return min(results, key=lambda r: (r.returncode != 0, r.seconds))


# ----------------------------------------------------------------------------- corpus


def build_corpus(dest: Path, articles: int, samples: Path = SAMPLES) -> list[Path]:
    """`articles` .txt files cycled from samples/*.txt, each with its own closing sentence."""
    sources = sorted(samples.glob("*.txt"))
    if not sources:
        raise SystemExit(f"bench: no .txt samples in {samples}")
    texts = [p.read_text(encoding="utf-8") for p in sources]
    dest.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(articles):
        text = texts[i % len(texts)].rstrip() + f"\n\nЭто статья номер {i + 1} тестового корпуса.\n"
        path = dest / f"article-{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


# ----------------------------------------------------------------------------- the baseline


def natasha_loop(corpus: Path) -> int:
    """The baseline: what a user writes with natasha alone. Runs in the child process."""
    sys.path.insert(0, str(ROOT))
    try:
        from newsfacts._compat import install_pymorphy_alias
    except ImportError:  # benchmarking an installed newsfacts from elsewhere: same alias, inline
        import pymorphy3

        def install_pymorphy_alias() -> None:
            sys.modules["pymorphy2"] = pymorphy3

    # natasha imports pymorphy2, which does not import on Python >= 3.11.
    install_pymorphy_alias()
    from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    segmenter = Segmenter()
    morph_vocab = MorphVocab()
    emb = NewsEmbedding()
    morph_tagger = NewsMorphTagger(emb)
    ner_tagger = NewsNERTagger(emb)
    out = sys.stdout
    count = 0
    for path in sorted(corpus.glob("*.txt")):
        doc = Doc(path.read_text(encoding="utf-8"))
        doc.segment(segmenter)
        doc.tag_morph(morph_tagger)
        doc.tag_ner(ner_tagger)
        spans = []
        for span in doc.spans:
            span.normalize(morph_vocab)
            spans.append(
                {"type": span.type, "text": span.text, "normal": span.normal, "start": span.start, "stop": span.stop}
            )
        # Serialise like newsfacts -f jsonl does, so both sides pay for output.
        out.write(json.dumps({"source": str(path), "entities": spans}, ensure_ascii=False) + "\n")
        count += 1
    print(f"natasha loop: {count} articles", file=sys.stderr)
    return 0


# ----------------------------------------------------------------------------- report


def _cell_seconds(run: Run) -> str:
    text = f"{run.seconds:.2f}"
    return text if run.returncode == 0 else f"{text} (exit {run.returncode})"


def _cell_mb(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def format_table(rows: Sequence[Row]) -> str:
    """The markdown table: seconds, articles/s, ratio vs the baseline, peak RSS."""
    lines = [
        "| case | command | seconds | articles/s | time vs baseline | peak RSS MB, main | peak RSS MB, all |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        run = row.run
        if run is None:
            lines.append(f"| {row.case} | `{row.command}` | skipped | — | — | — | — |")
            continue
        rate = "—" if not row.articles or run.seconds <= 0 else f"{row.articles / run.seconds:.1f}"
        ratio = "—"
        if row.baseline and run.returncode == 0:
            ratio = f"{run.seconds / row.baseline:.2f}× {row.baseline_name}"
        lines.append(
            f"| {row.case} | `{row.command}` | {_cell_seconds(run)} | {rate} | {ratio}"
            f" | {_cell_mb(run.peak_rss_mb)} | {_cell_mb(run.tree_rss_mb)} |"
        )
    return "\n".join(lines)


def _show(cmd: Sequence[str], corpus: Path | None = None) -> str:
    """A short command for the table: CORPUS for the temp folder, paths relative to the repo."""
    parts = []
    for part in cmd:
        if corpus is not None and part == str(corpus):
            part = "CORPUS"
        elif part.startswith(str(ROOT) + os.sep):
            part = os.path.relpath(part, ROOT)
        elif part == sys.executable:
            part = "python"
        parts.append(part)
    return shlex.join(parts)


def default_newsfacts() -> list[str]:
    script = Path(sys.executable).parent / "newsfacts"
    return [str(script)] if script.exists() else [sys.executable, "-m", "newsfacts"]


# ----------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=300, help="corpus size (default: 300)")
    parser.add_argument(
        "--newsfacts",
        default=None,
        metavar="CMD",
        help="how to run newsfacts (default: the newsfacts next to this python)",
    )
    parser.add_argument("--runs", type=int, default=5, help="runs of each startup command (best counts)")
    parser.add_argument("--cases", default=",".join(CASES), help=f"comma-separated subset of {','.join(CASES)}")
    parser.add_argument("--natasha-loop", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.natasha_loop is not None:  # we are the child process of the natasha case
        return natasha_loop(args.natasha_loop)

    cases = [c.strip() for c in args.cases.split(",") if c.strip()]
    unknown = set(cases) - set(CASES)
    if unknown:
        parser.error(f"unknown case(s): {', '.join(sorted(unknown))}")
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    newsfacts = shlex.split(args.newsfacts) if args.newsfacts else default_newsfacts()

    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="newsfacts-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        paths = build_corpus(corpus, args.articles)
        size_mb = sum(p.stat().st_size for p in paths) / 1e6
        print(
            f"Corpus: {args.articles} articles, {size_mb:.1f} MB; Python {platform.python_version()},"
            f" {os.cpu_count()} CPUs, {platform.platform()}\n",
            flush=True,
        )

        def step(name: str) -> None:
            print(f"running {name} ...", file=sys.stderr, flush=True)

        natasha_seconds: float | None = None
        if "natasha" in cases:
            step("natasha")
            cmd = [sys.executable, str(Path(__file__).resolve()), "--natasha-loop", str(corpus)]
            run = measure(cmd)
            natasha_seconds = run.seconds if run.returncode == 0 else None
            rows.append(Row("natasha loop", "bench.py --natasha-loop CORPUS", run, args.articles))
        for workers in (1, 2):
            if f"workers{workers}" not in cases:
                continue
            step(f"workers{workers}")
            cmd = [*newsfacts, "-f", "jsonl", "--workers", str(workers), str(corpus), "-o", os.devnull]
            rows.append(
                Row(
                    f"newsfacts, {workers} worker{'s' * (workers > 1)}",
                    _show(cmd, corpus),
                    measure(cmd),
                    args.articles,
                    natasha_seconds,
                )
            )
        if "startup" in cases:
            step("startup")
            click_cmd = [sys.executable, "-c", "import click"]
            click_run = best_of(click_cmd, args.runs)
            version_cmd = [*newsfacts, "--version"]
            version_run = best_of(version_cmd, args.runs)
            click_seconds = click_run.seconds if click_run.returncode == 0 else None
            rows.append(Row("python -c 'import click'", _show(click_cmd), click_run))
            rows.append(
                Row("newsfacts --version", _show(version_cmd), version_run, None, click_seconds, "import click")
            )
        if "single" in cases:
            step("single")
            sample = SINGLE_SAMPLE if SINGLE_SAMPLE.exists() else sorted(SAMPLES.glob("*.txt"))[0]
            cmd = [*newsfacts, "-f", "json", str(sample)]
            rows.append(Row("one article end to end", _show(cmd), measure(cmd), 1))

    print(format_table(rows))
    print(
        "\nseconds: wall time of the whole process (start-up and model loading included);"
        " time vs baseline: <1 is faster; peak RSS, main: the command's own process (exact);"
        " all: sampled every 50 ms, summed over the process and its workers (shared pages counted"
        " in every process that maps them)."
    )
    failures = [row for row in rows if row.run is not None and row.run.returncode != 0]
    for row in failures:
        tail = "\n".join(row.run.stderr.strip().splitlines()[-5:]) if row.run else ""
        print(f"\n{row.case} exited {row.run.returncode if row.run else '?'}:\n{tail}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
