"""Real streams and signals on a real process: closed pipes, full disks, Ctrl-C, SIGTERM, SIGKILL.

No test sleeps: each waits on the process's own output (a line read from its stdout pipe).
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys

import pytest

from .conftest import ROOT, SAMPLES

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX streams and signals")

ARTICLES = [
    "Nvidia поставила компании OpenAI 10 000 ускорителей H100 на сумму $300 млн.",
    "Глава AMD Лиза Су представила ускоритель Instinct MI300X с 192 ГБ памяти.",
    "Компания Яндекс вложит 16 млрд рублей в дата-центр в Можайске.",
]
NEWSFACTS = [sys.executable, "-m", "newsfacts"]


def env(**extra):
    return {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", **extra}


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(12):
        (folder / f"{i:02d}.txt").write_text(f"{ARTICLES[i % 3]} Новость номер {i}.", encoding="utf-8")
    return folder


def complete_lines(text: str) -> list[str]:
    """Sources of the whole lines of an interrupted JSON Lines stream (the last may be cut short)."""
    return [json.loads(line)["source"] for line in text.splitlines(keepends=True) if line.endswith("\n")]


def finish(proc) -> tuple[str, str]:
    """The rest of stdout and all of stderr. Not communicate(): it reads the raw pipes and would
    skip what our readline() calls have buffered already."""
    rest, err = proc.stdout.read(), proc.stderr.read()
    proc.wait()
    proc.stdout.close()
    proc.stderr.close()
    return rest, err


def shell(command: str, **kwargs):
    return subprocess.run(["bash", "-c", command], capture_output=True, text=True, env=env(), **kwargs)


def stored_sources(db):
    with sqlite3.connect(db) as con:
        return {row[0] for row in con.execute("SELECT source FROM documents")}


def test_head_closes_the_pipe_exit_0_quietly(corpus):
    # more output than a pipe holds, so the run is still writing when the reader goes away
    for i in range(12, 400):
        (corpus / f"{i:03d}.txt").write_text(f"{ARTICLES[i % 3]} Новость номер {i}.", encoding="utf-8")
    proc = subprocess.Popen([*NEWSFACTS, "-f", "jsonl", str(corpus)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env())
    assert json.loads(proc.stdout.readline())["source"] == str(corpus / "00.txt")
    proc.stdout.close()  # what `| head -1` does
    assert proc.wait() == 0
    assert proc.stderr.read() == b""
    proc.stderr.close()


def test_closed_stdout_exit_0(corpus):
    done = shell(f"{' '.join(NEWSFACTS)} -f jsonl {corpus} >&-")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("redirect", ["> /dev/full", "-o /dev/full"])
def test_full_disk_is_one_line_exit_1(redirect):
    done = shell(f"{' '.join(NEWSFACTS)} -f jsonl {SAMPLES / 'twitter-gpus.txt'} {redirect}")
    assert done.returncode == 1
    name = "stdout" if redirect.startswith(">") else "/dev/full"
    assert done.stderr == f"newsfacts: {name}: cannot write: no space left on device\n"


def test_closed_stdin_is_one_line_exit_1():
    done = shell(f"{' '.join(NEWSFACTS)} - <&-")
    assert (done.returncode, done.stdout, done.stderr) == (1, "", "newsfacts: <stdin>: stdin is closed\n")


def test_ctrl_c_with_db_keeps_every_finished_document(corpus, tmp_path):
    db = tmp_path / "facts.sqlite"
    proc = subprocess.Popen([*NEWSFACTS, "-w", "1", "-f", "jsonl", "--db", str(db), str(corpus)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env(NEWSFACTS_BATCH="100"))  # nothing committed before the interrupt
    printed = [json.loads(proc.stdout.readline())["source"] for _ in range(3)]
    proc.send_signal(signal.SIGINT)
    rest, err = finish(proc)
    printed += complete_lines(rest)
    assert proc.returncode == 130
    assert err.splitlines()[-1] == "newsfacts: interrupted (finished documents are in --db)"
    assert "Traceback" not in err
    assert set(printed) <= stored_sources(db)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_sigterm_stops_quietly_flushes_and_exits_143(corpus, tmp_path, workers):
    db = tmp_path / "facts.sqlite"
    proc = subprocess.Popen([*NEWSFACTS, "-w", workers, "-f", "jsonl", "--db", str(db), str(corpus)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env(NEWSFACTS_BATCH="2"))
    first = json.loads(proc.stdout.readline())["source"]
    proc.send_signal(signal.SIGTERM)
    rest, err = finish(proc)
    assert proc.returncode == 143
    assert err == "newsfacts: terminated (finished documents are in --db)\n"
    printed = {first, *complete_lines(rest)}
    assert printed <= stored_sources(db)


@pytest.mark.parametrize("lines, workers", [(1, "1"), (4, "1"), (9, "1"), (3, "2")])
def test_sigkill_then_rerun_gives_a_clean_runs_output(corpus, tmp_path, lines, workers):
    db, out = tmp_path / "facts.sqlite", tmp_path / "facts.jsonl"
    cmd = [*NEWSFACTS, "-w", workers, "-f", "jsonl", "--db", str(db)]
    proc = subprocess.Popen([*cmd, str(corpus)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            env=env(NEWSFACTS_BATCH="2"))
    for _ in range(lines):
        assert proc.stdout.readline()
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    rerun = subprocess.run([*cmd, "-o", str(out), str(corpus)], capture_output=True, text=True,
                           env=env(NEWSFACTS_BATCH="2"))
    assert rerun.returncode == 0, rerun.stderr
    clean = subprocess.run([*NEWSFACTS, "-f", "jsonl", str(corpus)], capture_output=True, text=True, env=env())
    assert out.read_text(encoding="utf-8") == clean.stdout
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT COUNT(*), COUNT(DISTINCT path) FROM documents").fetchone() == (12, 12)
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="finds workers through /proc")
def test_a_killed_worker_stops_the_run_with_one_line_never_a_hang(corpus, tmp_path):
    db = tmp_path / "facts.sqlite"
    proc = subprocess.Popen([*NEWSFACTS, "-w", "2", "-f", "jsonl", "--db", str(db), str(corpus)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env(NEWSFACTS_BATCH="1"))
    assert proc.stdout.readline()  # the pool is running
    with open(f"/proc/{proc.pid}/task/{proc.pid}/children") as f:
        workers = [int(pid) for pid in f.read().split()]
    for pid in workers:
        os.kill(pid, signal.SIGKILL)
    rest, err = finish(proc)
    if proc.returncode == 0:  # every worker was between batches: nothing was lost
        assert "Traceback" not in err
    else:
        assert proc.returncode == 1
        assert err.splitlines()[0].startswith("newsfacts: a worker process died (killed, or out of memory)")
        assert "Traceback" not in err
