#!/usr/bin/env python
"""One JSON Lines archive through the plain CLI, a local Dask cluster, and with --parquet.

    python benchmarks/dask_bench.py ../shared/bench/news-ru.jsonl.gz            # every case
    python benchmarks/dask_bench.py ARCHIVE --limit 500 --cases cli1,dask2

Cases (each a fresh child process, so model loading and start-up are included):

    cli1, cli2        newsfacts ARCHIVE -f jsonl -o /dev/null -w 1 / -w 2
    cli2-parquet      the same with -w 2 --parquet DIR
    dask1, dask2      newsfacts.dask on a LocalCluster with 1 / 2 worker processes (one thread each,
                      newsfacts.dask.WORKER_CONFIG): documents(bag of the archive's records,
                      --partition-size records a partition) written as JSON Lines to /dev/null
    dask2-defaults    dask2 with Dask's default worker config (statistical profiler, 20 ms tick)
    dask2-parquet     newsfacts.dask.to_parquet on 2 worker processes
    scheduler2        newsfacts ARCHIVE --scheduler ADDRESS against a LocalCluster of 2 processes

Prints a markdown table: seconds, start-up seconds, articles/s after start-up (what a big
archive runs at), peak RSS of the largest process (a worker for the multi-process cases), and
Dask's time after start-up as a ratio to the plain CLI's with as many workers, and CPU
milliseconds per article (all processes, after start-up: what a core costs, whatever the load).
--limit N takes the first N records into a temporary archive first; --repeat N runs every
case N times, interleaved, and shows the median. Notes the load average, since this machine
is shared. Not run by CI.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ("cli1", "cli2", "cli2-parquet", "dask1", "dask2", "dask2-defaults", "dask2-parquet", "scheduler2")
# one BLAS thread a worker (the processes are the parallelism)
ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
PARTITION = 64  # records a partition: ~0.5 s of work a task (a task costs some ms itself; a bigger one, a longer tail)


def env() -> dict[str, str]:
    e = dict(os.environ)
    e["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), e.get("PYTHONPATH")) if p)
    return e


def records(path: Path, limit: int | None):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            if limit is not None and n >= limit:
                return
            if line.strip():
                yield json.loads(line)


def run_child(argv: list[str]) -> tuple[float, int, float, str, float]:
    """(seconds, exit code, peak RSS MB of the largest process in the child's tree, stdout, CPU seconds)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, env=env(), stdout=out, stderr=err)
        # wait4: this child's own rusage; ru_maxrss covers it and the descendants it waited for (KiB)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    if code not in (0, 1):
        sys.stderr.write(stderr[-2000:])
    return seconds, code, usage.ru_maxrss / 1024, stdout, usage.ru_utime + usage.ru_stime


# ----------------------------------------------------------------------------- dask child


def own_cpu() -> float:
    """CPU seconds of this process and its finished children (the --scheduler CLI; not the running workers)."""
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def peak_rss_mb() -> float:
    """This process's peak RSS (VmHWM: unlike ru_maxrss, not inherited from the process it was forked from)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def dask_child(archive: str, workers: int, parquet: str | None, scheduler_cli: bool, defaults: bool,
               partition: int) -> None:
    """Runs in a child: a LocalCluster, the archive through it, timings and worker RSS as JSON."""
    import dask
    import distributed

    from newsfacts import dask as nfd

    if not defaults:  # newsfacts' worker config (no profiler, a 1 s event-loop tick), else Dask's own
        dask.config.set(nfd.WORKER_CONFIG)
    started = time.perf_counter()
    with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  env=ONE_THREAD) as cluster, distributed.Client(cluster) as client:
        client.run(nfd.load_models)  # every worker loads its models: the start-up, timed apart
        cli_startup = cli_cpu = 0.0
        if scheduler_cli:  # the CLI's own start-up, timed apart as for the plain CLI: one record
            one = Path(tempfile.mkdtemp()) / "one.jsonl"
            one.write_text(json.dumps(next(records(Path(archive), 1)), ensure_ascii=False) + "\n", encoding="utf-8")
            cmd = [sys.executable, "-m", "newsfacts", str(one), "-f", "jsonl", "-o", os.devnull, "-q",
                   "--scheduler", cluster.scheduler_address]
            t, c = time.perf_counter(), sum(client.run(time.process_time).values()) + own_cpu()
            subprocess.run(cmd, env=env())
            cli_startup = time.perf_counter() - t
            cli_cpu = sum(client.run(time.process_time).values()) + own_cpu() - c
        startup = time.perf_counter() - started
        # every process after start-up: the workers, and this one (client, scheduler, nannies)
        cpu_before, own_before = sum(client.run(time.process_time).values()) + cli_cpu, own_cpu()
        if scheduler_cli:
            cmd = [sys.executable, "-m", "newsfacts", archive, "-f", "jsonl", "-o", os.devnull, "-q",
                   "--scheduler", cluster.scheduler_address]
            code = subprocess.run(cmd, env=env()).returncode
        else:
            import dask.bag as db

            bag = db.from_sequence(records(Path(archive), None), partition_size=partition)
            docs = nfd.documents(bag)
            if parquet:
                nfd.to_parquet(docs, parquet)
            else:
                with open(os.devnull, "w", encoding="utf-8") as out:
                    for doc in nfd.iter_documents(docs):
                        out.write(json.dumps(doc, ensure_ascii=False) + "\n")
            code = 0

        rss = max(client.run(peak_rss_mb).values())
        cpu = sum(client.run(time.process_time).values()) - cpu_before + own_cpu() - own_before
    # the one-record CLI run counts once, as start-up (seconds - startup: the archive's run minus it)
    print(json.dumps({"seconds": time.perf_counter() - started - cli_startup, "startup": startup,
                      "worker_rss": rss, "code": code, "cpu": cpu}))


# ----------------------------------------------------------------------------- parent


def run_case(case: str, archive: Path, one: Path, tmp: Path, partition: int) -> dict | None:
    """One run of a case: seconds, start-up, peak RSS, CPU after start-up, exit code (None if it failed)."""
    workers = 2 if "2" in case else 1
    if case.startswith("cli"):
        cmd = [sys.executable, "-m", "newsfacts", str(archive), "-f", "jsonl", "-o", os.devnull, "-q",
               "-w", str(workers)]
        if case.endswith("parquet"):
            cmd += ["--parquet", str(tmp / case)]
        seconds, code, rss, _, cpu = run_child(cmd)
        start = run_child([str(one) if a == str(archive) else a for a in cmd])
        startup, cpu = start[0], cpu - start[4]
        shown = "newsfacts ARCHIVE -f jsonl -o /dev/null -w " + str(workers) + (
            " --parquet DIR" if "parquet" in case else "")
    else:
        parquet = str(tmp / case) if case.endswith("parquet") else "-"
        child = [sys.executable, __file__, "--dask-child", str(archive), str(workers), parquet,
                 "1" if case.startswith("scheduler") else "0", "1" if case.endswith("defaults") else "0",
                 str(partition)]
        _, code, _, out, _ = run_child(child)
        try:
            result = json.loads(out.strip().splitlines()[-1])
        except (ValueError, IndexError):
            return None
        seconds, startup, rss, code = result["seconds"], result["startup"], result["worker_rss"], result["code"]
        cpu = result["cpu"]
        shown = {"dask": "newsfacts.dask.documents, LocalCluster", "scheduler": "newsfacts ARCHIVE --scheduler"}[
            "scheduler" if case.startswith("scheduler") else "dask"] + f" ({workers} worker processes)"
        if case.endswith("defaults"):
            shown += ", Dask's default worker config"
        if "parquet" in case:
            shown = f"newsfacts.dask.to_parquet, LocalCluster ({workers} worker processes)"
    return {"workers": workers, "seconds": seconds, "startup": startup, "work": max(seconds - startup, 1e-3),
            "rss": rss, "cpu": cpu, "code": code, "shown": shown}


def median(results: list[dict | None]) -> dict | None:
    done = sorted((r for r in results if r), key=lambda r: r["work"])
    return done[len(done) // 2] if done else None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("archive", nargs="?", help="a .jsonl or .jsonl.gz archive with a text field")
    ap.add_argument("--limit", type=int, default=None, help="only the first N records")
    ap.add_argument("--cases", default=",".join(CASES))
    ap.add_argument("--repeat", type=int, default=1, help="rounds of every case, interleaved; the median is shown")
    ap.add_argument("--partition-size", type=int, default=PARTITION, help="records a Dask partition")
    ap.add_argument("--dask-child", nargs=6, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.dask_child:
        archive, workers, parquet, cli, defaults, partition = args.dask_child
        dask_child(archive, int(workers), parquet if parquet != "-" else None, cli == "1", defaults == "1",
                   int(partition))
        return 0
    if not args.archive:
        ap.error("the archive path is required")
    cases = [c.strip() for c in args.cases.split(",")]
    tmp = Path(tempfile.mkdtemp(prefix="newsfacts-dask-bench-"))
    archive = Path(args.archive)
    if args.limit is not None:
        archive = tmp / "archive.jsonl"
        with archive.open("w", encoding="utf-8") as f:
            for r in records(Path(args.archive), args.limit):
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    n = sum(1 for _ in records(archive, None))
    load = os.getloadavg()
    print(f"Archive: {args.archive}{f' (first {args.limit})' if args.limit else ''}, {n} articles; "
          f"Python {platform.python_version()}, {os.cpu_count()} CPUs; load average "
          f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at start\n")
    one = tmp / "one.jsonl"
    with one.open("w", encoding="utf-8") as f:
        f.write(json.dumps(next(records(archive, 1)), ensure_ascii=False) + "\n")
    runs: dict[str, list[dict]] = {c: [] for c in cases}
    for _ in range(args.repeat):  # the cases interleaved, round after round: a load change hits every case
        for case in cases:
            runs[case].append(run_case(case, archive, one, tmp, args.partition_size))
    print("| case | command | seconds | start-up s | articles/s after start-up | peak RSS MB, largest process "
          "| time after start-up vs plain CLI, same workers | CPU ms per article |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    best = {c: median(runs[c]) for c in cases}
    plain = {r["workers"]: r["work"] for c, r in best.items() if r and c.startswith("cli") and "parquet" not in c}
    for case in cases:
        r = best[case]
        if r is None:
            print(f"| {case} | failed | | | | | | |")
            continue
        compared = r["workers"] in plain and not case.startswith("cli")
        ratio = f"{r['work'] / plain[r['workers']]:.2f}×" if compared else "—"
        flag = "" if r["code"] in (0, 1) else f" (exit {r['code']})"
        print(f"| {case} | `{r['shown']}`{flag} | {r['seconds']:.1f} | {r['startup']:.1f} | {n / r['work']:.1f} "
              f"| {r['rss']:.0f} | {ratio} | {1000 * r['cpu'] / n:.1f} |", flush=True)
    load = os.getloadavg()
    print(f"\nLoad average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the end.")
    if args.repeat > 1:
        rounds = []
        for c in cases:
            base = f"cli{2 if '2' in c else 1}"
            if not c.startswith("cli") and base in runs:
                pairs = zip(runs[c], runs[base], strict=True)
                rounds.append(f"{c} " + " ".join(f"{d['work'] / p['work']:.2f}" for d, p in pairs if d and p))
        print(f"Median of {args.repeat} interleaved rounds (by time after start-up); each round's ratio to that "
              "round's plain CLI: " + "; ".join(rounds) + ".")
    print("\nseconds: wall time of the whole child process; start-up: for the CLI the same command on a one-record "
          "archive, for Dask the cluster start and every worker's model load (and for --scheduler the CLI on a "
          "one-record archive); a ratio above 1 is slower than the "
          "plain CLI; CPU ms per article: CPU time of every process after start-up over the articles (the "
          "measure that the machine's load does not change: one core extracts 1000 / it articles a second).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
