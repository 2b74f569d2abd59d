#!/usr/bin/env python
"""Throughput, one-article time, start-up and memory of newsfacts next to a plain natasha loop.

    python benchmarks/bench.py                               # 600 unique bench items, all quick cases
    python benchmarks/bench.py ~/news/ --articles 1000       # any folder (.txt/.md) ...
    python benchmarks/bench.py dump.jsonl.gz                 # ... or JSON Lines (field "text"), gzipped or not
    python benchmarks/bench.py --cases growth --growth-mb 1,5,50

The corpus is written once to a temporary folder as unique .txt files (texts
that repeat are dropped: copies of one article flatter every cache). With no
CORPUS, the shared bench corpus is used if it exists, else unique texts are
built from the sentences of ``samples/*.txt`` (shuffled, never one text twice).

Every case is a child process, run one after another, so that its time
includes interpreter start and model loading and its memory can be read:

    natasha    a plain natasha loop (Segmenter, NewsMorphTagger, NewsNERTagger,
               span.normalize), one Doc at a time, one BLAS thread — the baseline
    workers1   newsfacts -f jsonl --workers 1 CORPUS -o /dev/null (as users run it)
    workers2   the same with --workers 2
    nofacts    newsfacts --no-facts --workers 1: entities and quantities only, without the
               facts stage's dates, subjects and roles (and its syntax parse)
    single     one article end to end: newsfacts -f json ARTICLE, and the natasha
               loop on the same article (best of --runs each, the commands taking turns);
               newsfacts again with its cache folder off (NEWSFACTS_CACHE_DIR=), as on the
               first run after installing
    startup    newsfacts --version vs python -c "import click" (best of --runs, taking turns)
    growth     one file of 1..50 MB (--growth-mb) through newsfacts -w 1, built from
               every unique text of the corpus (repeated past its end); not in the
               default cases (50 MB takes minutes)

Prints a markdown table with the machine and its load average (before and
after: the machine may be shared). Not run by CI; standard library only.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import platform
import random
import re
import shlex
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from corpus import BENCH_CORPUS

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SINGLE_SAMPLE = SAMPLES / "twitter-gpus.txt"
DEFAULT_CORPUS = BENCH_CORPUS
CASES = ("natasha", "workers1", "workers2", "nofacts", "single", "startup", "growth")
DEFAULT_CASES = CASES[:-1]
ONE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


# ----------------------------------------------------------------------------- measuring


@dataclass
class Run:
    seconds: float
    returncode: int
    peak_rss_mb: float | None  # the command's own process (kernel's ru_maxrss, exact)
    tree_rss_mb: float | None  # sampled peak of the RSS summed over the process and its descendants
    tree_pss_mb: float | None  # the same for PSS (shared pages divided among their users)
    worker_rss_mb: float | None  # the largest sampled peak of any one descendant process
    cpu_seconds: float  # user + system time of the command and all its descendants
    stderr: str


def _maxrss_mb(kilo_or_bytes: int) -> float:
    # ru_maxrss is KiB on Linux, bytes on macOS.
    return kilo_or_bytes / (1024 * 1024) if sys.platform == "darwin" else kilo_or_bytes / 1024


def _tree(root: int) -> list[int]:
    """`root` and its descendants, from /proc (empty where there is no /proc)."""
    proc = Path("/proc")
    if not proc.is_dir():
        return []
    children: dict[int, list[int]] = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # the process ended while we looked
            continue
        # Fields after the ")" closing the command name: state, ppid, ...
        children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        if pid not in found:
            found.append(pid)
            todo.extend(children.get(pid, ()))
    return found


def _cpu_ticks(pid: int) -> int | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[11]) + int(fields[12])  # utime + stime


def _rss_pss_kb(pid: int) -> tuple[int, int] | None:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    values = dict(re.findall(r"^(Rss|Pss):\s+(\d+) kB", text, re.M))
    return int(values.get("Rss", 0)), int(values.get("Pss", 0))


class _TreeSampler(threading.Thread):
    """Samples RSS and PSS of a process tree every `interval` s (pool workers are not our children)."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.rss = self.pss = 0
        self.per_pid: dict[int, int] = {}
        self.cpu_ticks: dict[int, int] = {}  # descendants' user + system time, last seen
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            rss = pss = 0
            for pid in _tree(self.pid):
                values = _rss_pss_kb(pid)
                if values is None:
                    continue
                ticks = _cpu_ticks(pid)  # this process alone (children excluded)
                if ticks is not None:
                    self.cpu_ticks[pid] = ticks
                rss += values[0]
                pss += values[1]
                if pid != self.pid:
                    self.per_pid[pid] = max(self.per_pid.get(pid, 0), values[0])
            self.rss, self.pss = max(self.rss, rss), max(self.pss, pss)
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a measured command: byte code cached as in an installed package
    (in a folder of its own, so the work tree stays clean), whatever this shell says."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.setdefault("PYTHONPYCACHEPREFIX", str(Path(tempfile.gettempdir()) / "newsfacts-bench-pycache"))
    return {**env, **(extra or {})}


def warm_up(newsfacts: Sequence[str], article: Path) -> None:
    """Run each program once, unmeasured: byte code compiled, files in the page cache, newsfacts'
    cache folder filled (compiled patterns, unpacked vocabulary) as by any earlier run."""
    subprocess.run([*newsfacts, "-f", "json", str(article)], stdout=subprocess.DEVNULL, env=child_env(), check=False)
    subprocess.run([sys.executable, "-c", "import natasha, click"], env=child_env(), check=False)


def measure(cmd: Sequence[str], env: dict[str, str] | None = None) -> Run:
    """Run `cmd` with stdout discarded; wall time, exit code, peak memory, stderr."""
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as err:
        # stderr to a file, not a pipe: we block in wait4 and must not deadlock on a full pipe.
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(cmd), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err, env=child_env(env),
        )
        sampler = _TreeSampler(proc.pid)
        sampler.start()
        # wait4 gives this child's own rusage; pool workers are children of a forkserver,
        # hence the /proc sampler for them.
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        sampler.stop()
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read()
    # Workers: the descendants that ran the model (the forkserver itself stays small).
    workers = [kb for kb in sampler.per_pid.values() if kb > 60 * 1024]
    # CPU: wait4 counts the command and the children it reaped (forked pool workers), not
    # the workers of a forkserver it never reaps; the sampler sees every process's own time
    # (up to 50 ms short of its end). The larger of the two is the tree's time either way.
    sampled = sum(sampler.cpu_ticks.values()) / os.sysconf("SC_CLK_TCK")
    own = usage.ru_utime + usage.ru_stime
    return Run(
        seconds=seconds,
        returncode=proc.returncode,
        peak_rss_mb=_maxrss_mb(usage.ru_maxrss),
        tree_rss_mb=sampler.rss / 1024 if sampler.rss else None,
        tree_pss_mb=sampler.pss / 1024 if sampler.pss else None,
        worker_rss_mb=max(workers) / 1024 if workers else None,
        cpu_seconds=max(own, sampled),
        stderr=stderr,
    )


def interleaved(
    cmds: Sequence[tuple[Sequence[str], dict[str, str] | None]],
    runs: int,
    before: Callable[[int, int], None] | None = None,
) -> list[Run]:
    """The fastest of `runs` runs of each command, the commands taking turns: a shared machine's
    slow spells, which last seconds, then fall on all of them alike, not on one block of runs.
    `before(command index, round)` is called before each run (to show progress)."""
    results: list[list[Run]] = [[] for _ in cmds]
    for round_ in range(max(1, runs)):
        for n, (out, (cmd, env)) in enumerate(zip(results, cmds, strict=True)):
            if before is not None:
                before(n, round_)
            out.append(measure(cmd, env))
    return [min(rs, key=lambda r: (r.returncode != 0, r.seconds)) for rs in results]


# ----------------------------------------------------------------------------- corpus


def iter_texts(source: Path, limit: int | None = None) -> Iterator[str]:
    """Unique non-empty texts of a folder (.txt, .md, recursively) or a .jsonl[.gz] (field "text")."""
    seen: set[bytes] = set()

    def raw() -> Iterator[str]:
        if source.is_dir():
            for path in sorted(p for p in source.rglob("*") if p.suffix in (".txt", ".md") and p.is_file()):
                yield path.read_text(encoding="utf-8", errors="replace")
        elif source.name.endswith((".jsonl", ".jsonl.gz", ".json.gz", ".ndjson")):
            opener = gzip.open if source.name.endswith(".gz") else open
            with opener(source, "rt", encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        text = json.loads(line).get("text")
                        if isinstance(text, str):
                            yield text
        else:
            raise SystemExit(f"bench: {source}: expected a folder, .jsonl or .jsonl.gz")

    count = 0
    for text in raw():
        digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
        if not text.strip() or digest in seen:
            continue
        seen.add(digest)
        yield text
        count += 1
        if limit is not None and count >= limit:
            return


def synthetic_texts(count: int, samples: Path = SAMPLES) -> list[str]:
    """`count` different texts from the sentences of samples/*.txt, shuffled with a fixed seed."""
    sentences = [
        s.strip() for p in sorted(samples.glob("*.txt")) for s in re.split(r"(?<=[.!?])\s+", p.read_text("utf-8"))
    ]
    sentences = [s for s in sentences if s]
    if len(sentences) < 4:
        raise SystemExit(f"bench: too few sample sentences in {samples}")
    rng = random.Random(11)
    texts: list[str] = []
    seen: set[str] = set()
    while len(texts) < count:
        text = " ".join(rng.sample(sentences, min(len(sentences), rng.randint(4, 12))))
        if text not in seen:
            seen.add(text)
            texts.append(text + "\n")
    return texts


def write_corpus(dest: Path, texts: Sequence[str]) -> list[Path]:
    dest.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, text in enumerate(texts):
        path = dest / f"item-{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def growth_file(dest: Path, texts: Sequence[str], megabytes: float) -> Path:
    """One file of about `megabytes` MB: the corpus texts in turn (repeated, numbered, past its end)."""
    parts: list[str] = []
    size, target, i = 0, int(megabytes * 1e6), 0
    while size < target:
        text = texts[i % len(texts)].strip()
        if i >= len(texts):
            text += f"\nПовтор номер {i // len(texts)}."
        part = text + "\n\n"
        parts.append(part)
        size += len(part.encode("utf-8"))
        i += 1
    path = dest / f"growth-{megabytes:g}mb.txt"
    path.write_text("".join(parts), encoding="utf-8")
    return path


# ----------------------------------------------------------------------------- the baseline


def natasha_loop(paths: Sequence[Path]) -> int:
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
    files = [p for path in paths for p in (sorted(path.glob("*.txt")) if path.is_dir() else [path])]
    for path in files:
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


@dataclass
class Row:
    case: str
    command: str
    run: Run | None
    articles: int | None = None  # None: not a throughput case
    baseline: Run | None = None  # the run to compare with
    baseline_name: str = "natasha loop"
    notes: list[str] = field(default_factory=list)


def _mb(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def format_table(rows: Sequence[Row]) -> str:
    """The markdown table: seconds, articles/s, speed vs the baseline, peak memory."""
    lines = [
        "| case | command | seconds | CPU s | articles/s | vs baseline (wall; CPU) | peak RSS MB: main / worker / all"
        " | all, PSS MB |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        run = row.run
        if run is None:
            lines.append(f"| {row.case} | `{row.command}` | skipped | — | — | — | — | — |")
            continue
        seconds = f"{run.seconds:.2f}" if run.returncode == 0 else f"{run.seconds:.2f} (exit {run.returncode})"
        rate = "—" if not row.articles or run.seconds <= 0 else f"{row.articles / run.seconds:.1f}"
        ratio = "—"
        base = row.baseline
        if base is not None and run.returncode == 0:
            if row.articles and row.articles > 1:  # throughput: how many times faster
                ratio = (f"{base.seconds / run.seconds:.2f}× the speed of {row.baseline_name};"
                         f" {base.cpu_seconds / run.cpu_seconds:.2f}×")
            else:  # one-off times: the fraction of the baseline's time
                ratio = (f"{run.seconds / base.seconds:.2f}× the time of {row.baseline_name};"
                         f" {run.cpu_seconds / base.cpu_seconds:.2f}×")
        memory = f"{_mb(run.peak_rss_mb)} / {_mb(run.worker_rss_mb)} / {_mb(run.tree_rss_mb)}"
        lines.append(
            f"| {row.case} | `{row.command}` | {seconds} | {run.cpu_seconds:.2f} | {rate} | {ratio} | {memory}"
            f" | {_mb(run.tree_pss_mb)} |"
        )
    return "\n".join(lines)


def _show(cmd: Sequence[str], names: dict[str, str]) -> str:
    """A short command for the table: placeholder names for temp paths, paths relative to the repo."""
    parts = []
    for part in cmd:
        if part in names:
            part = names[part]
        elif part.startswith(str(ROOT) + os.sep):
            part = os.path.relpath(part, ROOT)
        elif part == sys.executable:
            part = "python"
        elif Path(part).name == "newsfacts" and Path(part).parent == Path(sys.executable).parent:
            part = "newsfacts"
        parts.append(part)
    return shlex.join(parts)


def default_newsfacts() -> list[str]:
    script = Path(sys.executable).parent / "newsfacts"
    return [str(script)] if script.exists() else [sys.executable, "-m", "newsfacts"]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} CPUs, {platform.platform()}, Python {platform.python_version()}"


def load() -> str:
    try:
        return "/".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


# ----------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=None,
                        help="folder or .jsonl[.gz] with a 'text' field (default: the bench corpus)")
    parser.add_argument("--articles", type=int, default=600, help="unique texts to use (default: 600)")
    parser.add_argument("--newsfacts", default=None, metavar="CMD",
                        help="how to run newsfacts (default: the newsfacts next to this python)")
    parser.add_argument("--runs", type=int, default=5, help="runs of the start-up and one-article cases (best counts)")
    parser.add_argument("--rounds", type=int, default=1,
                        help="rounds of the throughput cases, taking turns (each case's best counts; default 1)")
    parser.add_argument("--cases", default=",".join(DEFAULT_CASES),
                        help=f"comma-separated subset of {','.join(CASES)} (default: all but growth)")
    parser.add_argument("--single", type=Path, default=None,
                        help="the one article (default: samples/twitter-gpus.txt)")
    parser.add_argument("--growth-mb", default="1,5,10,50", help="file sizes of the growth case (default: 1,5,10,50)")
    parser.add_argument("--natasha-loop", type=Path, nargs="+", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.natasha_loop is not None:  # we are the child process of a natasha case
        return natasha_loop(args.natasha_loop)

    cases = [c.strip() for c in args.cases.split(",") if c.strip()]
    unknown = set(cases) - set(CASES)
    if unknown:
        parser.error(f"unknown case(s): {', '.join(sorted(unknown))}")
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    sizes = [float(x) for x in args.growth_mb.split(",") if x.strip()]
    newsfacts = shlex.split(args.newsfacts) if args.newsfacts else default_newsfacts()
    source = args.corpus or (DEFAULT_CORPUS if DEFAULT_CORPUS.exists() else None)
    texts = list(iter_texts(source, args.articles)) if source else synthetic_texts(args.articles)
    single = args.single or SINGLE_SAMPLE
    load_before = load()

    def step(name: str) -> None:
        print(f"running {name} ... (load {load()})", file=sys.stderr, flush=True)

    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="newsfacts-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        paths = write_corpus(corpus, texts)
        size_mb = sum(p.stat().st_size for p in paths) / 1e6
        names = {str(corpus): "CORPUS", str(single): "ARTICLE" if args.single else os.path.relpath(single, ROOT)}
        loop = [sys.executable, str(Path(__file__).resolve()), "--natasha-loop"]
        warm_up(newsfacts, single)

        # the throughput cases, --rounds times in turn: each case's fastest round counts
        throughput = [("natasha", "natasha loop, 1 BLAS thread", "bench.py --natasha-loop CORPUS",
                       [*loop, str(corpus)], ONE_THREAD)]
        for workers in (1, 2):
            cmd = [*newsfacts, "-f", "jsonl", "--workers", str(workers), str(corpus), "-o", os.devnull]
            throughput.append((f"workers{workers}", f"newsfacts -w {workers}", _show(cmd, names), cmd, None))
        cmd = [*newsfacts, "-f", "jsonl", "--no-facts", "--workers", "1", str(corpus), "-o", os.devnull]
        throughput.append(("nofacts", "newsfacts -w 1 --no-facts", _show(cmd, names), cmd, None))
        throughput = [t for t in throughput if t[0] in cases]

        def progress(n: int, round_: int) -> None:
            case = throughput[n][0]
            step(case if args.rounds <= 1 else f"{case}, round {round_ + 1}")

        runs = interleaved([(cmd, env) for _, _, _, cmd, env in throughput], args.rounds, progress)
        fastest = {t[0]: run for t, run in zip(throughput, runs, strict=True)}
        natasha_run = fastest.get("natasha")
        natasha_run = natasha_run if natasha_run is not None and natasha_run.returncode == 0 else None
        for case, label, shown, _, _ in throughput:
            rows.append(Row(label, shown, fastest[case], len(paths), None if case == "natasha" else natasha_run))
        if "single" in cases:
            step("single")
            cmd = [*newsfacts, "-f", "json", str(single)]
            # the third: as the first run after installing, nothing in newsfacts' cache folder to read
            loop_run, warm, cold = interleaved(
                [([*loop, str(single)], ONE_THREAD), (cmd, None), (cmd, {"NEWSFACTS_CACHE_DIR": ""})], args.runs
            )
            loop_ok = loop_run if loop_run.returncode == 0 else None
            rows.append(Row("one article: natasha loop", "bench.py --natasha-loop ARTICLE", loop_run, 1))
            rows.append(Row("one article: newsfacts", _show(cmd, names), warm, 1, loop_ok))
            rows.append(Row("one article: newsfacts, no cache", "NEWSFACTS_CACHE_DIR= " + _show(cmd, names), cold, 1,
                            loop_ok))
        if "startup" in cases:
            step("startup")
            click_cmd = [sys.executable, "-c", "import click"]
            version_cmd = [*newsfacts, "--version"]
            click_run, version_run = interleaved([(click_cmd, None), (version_cmd, None)], args.runs)
            click_ok = click_run if click_run.returncode == 0 else None
            rows.append(Row("python -c 'import click'", _show(click_cmd, names), click_run))
            rows.append(Row("newsfacts --version", _show(version_cmd, names), version_run, None, click_ok,
                            "import click"))
        growth: list[tuple[float, float, Run]] = []
        if "growth" in cases:
            # every unique text of the source, not --articles of them: a file that repeats the
            # same 600 texts ten times flatters the caches and reads as sublinear (0.86x at 50 MB)
            pool = list(iter_texts(source)) if source else texts
            for mb in sizes:
                step(f"growth {mb:g} MB")
                path = growth_file(Path(tmp), pool, mb)
                real_mb = path.stat().st_size / 1e6
                # --max-chars 0: past 1M characters a document is otherwise an error line
                cmd = [*newsfacts, "-f", "jsonl", "--workers", "1", "--max-chars", "0", str(path), "-o", os.devnull]
                run = measure(cmd)
                growth.append((mb, real_mb, run))
                path.unlink()

    print(f"Machine: {machine()}; load average (1/5/15 min) {load_before} before, {load()} after.")
    print(f"Corpus: {len(paths)} unique texts, {size_mb:.1f} MB, from {source or 'samples/ (synthetic)'}.\n")
    if rows:
        print(format_table(rows))
        print(
            "\nseconds: wall time of the whole process (start-up and model loading included), best of"
            f" {args.runs} for the one-article and start-up rows (the commands of a row group taking turns)"
            + (f", best of {args.rounds} rounds in turn for the others" if args.rounds > 1 else "")
            + "; CPU s: user + system time of the process"
            " and its workers (steadier than wall time on a shared machine); vs baseline: speed as a"
            " multiple of the natasha loop's articles/s, or time as a fraction of the baseline's, by wall"
            " time, then by CPU time; peak RSS: main = the"
            " command's own process (exact), worker = the largest model-loading child, all = sampled every"
            " 50 ms and summed over the process tree (shared pages counted in each process); PSS divides"
            " shared pages among the processes that map them."
        )
    if growth:
        base = growth[0]
        print("\n| file MB | seconds | s per MB | vs the smallest file, per MB | peak RSS MB |")
        print("|---:|---:|---:|---:|---:|")
        for _, real_mb, run in growth:
            per = run.seconds / real_mb
            print(f"| {real_mb:.1f} | {run.seconds:.2f} | {per:.2f} | {per / (base[2].seconds / base[1]):.2f}×"
                  f" | {_mb(run.peak_rss_mb)} |")
    failures = [row for row in rows if row.run is not None and row.run.returncode != 0]
    failures += [Row(f"growth {mb:g} MB", "", run) for mb, _, run in growth if run.returncode != 0]
    for row in failures:
        tail = "\n".join(row.run.stderr.strip().splitlines()[-5:]) if row.run else ""
        print(f"\n{row.case} exited {row.run.returncode if row.run else '?'}:\n{tail}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
