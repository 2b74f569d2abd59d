#!/usr/bin/env python
"""The reliability table: hostile and careless inputs to the `newsfacts` command, expected vs got.

    python benchmarks/reliability.py            # print the markdown table
    python benchmarks/reliability.py --readme   # also put it in README.md's reliability section
    python benchmarks/reliability.py --quick    # skip the cases that wait on a lock or a signal

Every case (issues 8 and 15) runs this checkout's CLI (`python -m newsfacts`) in a
subprocess, in a fresh temporary folder, with real streams and signals. A case
passes when it behaves as expected *and* prints no traceback. Rerun it after any
change to the run path; the table in README.md is its output. Not run by CI (the
same behaviours have their own tests); exit 1 when a case fails.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BEGIN, END = "<!-- reliability-table: python benchmarks/reliability.py --readme -->", "<!-- /reliability-table -->"
ARTICLE = "Глава Nvidia Дженсен Хуанг заявил, что компания продала около 2 млн ускорителей H100.\n"
PY = f'"{sys.executable}" -m newsfacts'


@dataclass
class Done:
    rc: int | None  # None: still running at the timeout (killed)
    out: bytes
    err: bytes
    seconds: float

    @property
    def text(self) -> str:
        return self.out.decode("utf-8", "replace")

    @property
    def err_lines(self) -> list[str]:
        return self.err.decode("utf-8", "replace").splitlines()

    def traceback(self) -> bool:
        return b"Traceback" in self.err or b"Traceback" in self.out


def env() -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if not k.startswith("NEWSFACTS_")}
    e.update(NO_COLOR="1", PYTHONIOENCODING="utf-8")
    e["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), e.get("PYTHONPATH")) if p)
    return e


def sh(command: str, cwd: Path, timeout: float = 120, extra_env: dict | None = None, stdin=None) -> Done:
    """Run a bash command line; `newsfacts` in it is this checkout's CLI."""
    line = re.sub(r"(^|[|;&(]\s*)newsfacts\b", lambda m: m.group(1) + PY, command)
    started = time.monotonic()
    proc = subprocess.Popen(["bash", "-c", line], cwd=cwd, env={**env(), **(extra_env or {})},
                            stdin=stdin if stdin is not None else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
        rc: int | None = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        rc = None
    return Done(rc, out, err, time.monotonic() - started)


def corpus(folder: Path, n: int) -> Path:
    """n distinct articles (our sample plus a numbered line) in folder/news."""
    news = folder / "news"
    news.mkdir()
    base = (ROOT / "samples" / "twitter-gpus.txt").read_text(encoding="utf-8")
    for i in range(n):
        (news / f"{i:03}.txt").write_text(f"{base}\nЗаметка номер {i}.\n", encoding="utf-8")
    return news


def strict_json(text: str):
    def no_constants(name):
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=no_constants)


def summary(d: Done, show_out: bool = False) -> str:
    rc = "killed at the timeout" if d.rc is None else f"exit {d.rc}"
    parts = [rc, f"{len(d.err_lines)} stderr line(s)"]
    if d.traceback():
        parts.append("TRACEBACK")
    if show_out:
        parts.append(f"stdout {len(d.out)} bytes")
    return ", ".join(parts)


# ----------------------------------------------------------------------------- cases

Case = Callable[[Path], tuple[bool, str]]
CASES: list[tuple[str, str, Case, bool]] = []  # (input, expected, check, slow)


def case(input_: str, expected: str, slow: bool = False):
    def register(fn: Case) -> Case:
        CASES.append((input_, expected, fn, slow))
        return fn

    return register


def one_line_error(d: Done, rc: int = 1) -> bool:
    return d.rc == rc and len(d.err_lines) == 1 and not d.traceback()


@case("`newsfacts a.txt -o a.txt`", "usage error (exit 2); a.txt unchanged")
def _(tmp):
    (tmp / "a.txt").write_text(ARTICLE, encoding="utf-8")
    d = sh("newsfacts a.txt -o a.txt", tmp)
    kept = (tmp / "a.txt").read_text(encoding="utf-8") == ARTICLE
    return d.rc == 2 and kept and not d.traceback(), f"{summary(d)}; a.txt {'unchanged' if kept else 'CHANGED'}"


@case("`newsfacts dir -o dir/out.txt`", "usage error (exit 2); the output is never read as an article")
def _(tmp):
    news = corpus(tmp, 2)
    d = sh("newsfacts news -f jsonl -o news/out.txt", tmp)
    read_back = "out.txt" in d.err.decode("utf-8", "replace") and d.rc != 2
    return d.rc == 2 and not d.traceback(), summary(d) + ("; read its own output" if read_back else "") + (
        f"; {len(list(news.iterdir()))} files in dir")


@case("`-o` of an interrupted run", "no truncated file that looks whole (written to a temporary name)", slow=True)
def _(tmp):
    corpus(tmp, 40)
    proc = subprocess.Popen([sys.executable, "-m", "newsfacts", "news", "-f", "json", "-o", "out.json", "-w", "1",
                             "--db", "f.sqlite"], cwd=tmp, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _wait_for_rows(tmp / "f.sqlite", proc)
    proc.send_signal(signal.SIGINT)
    proc.communicate(timeout=60)
    out = tmp / "out.json"
    if not out.exists():
        return True, f"exit {proc.returncode}; no out.json (nothing pretends to be complete)"
    try:
        strict_json(out.read_text(encoding="utf-8"))
        return True, f"exit {proc.returncode}; out.json is complete JSON"
    except ValueError:
        return False, f"exit {proc.returncode}; out.json is truncated JSON"


def _digits(text: str, label: str):
    def check(tmp):
        (tmp / "a.txt").write_text(text, encoding="utf-8")
        d = sh("newsfacts -f json a.txt", tmp)
        try:
            doc = strict_json(d.text)
            if "quantities" in doc:
                ok = d.rc == 0 and not d.traceback()
                got = f"{summary(d)}; valid JSON, {len(doc['quantities'])} quantities"
            else:
                ok, got = False, f"{summary(d)}; no document"
        except ValueError as e:
            ok, got = False, f"{summary(d)}; invalid JSON ({str(e)[:40]})"
        return ok, got

    case(label, "exit 0; valid JSON (no Infinity), the article kept")(check)


_digits("9" * 400, "a number of 400 digits")
_digits("1 " + "000 " * 110 + "рублей", "110 space-separated 3-digit groups")
_digits("Компания потратила 5 " + "млрд " * 40 + "долларов.", '"5 " + "млрд " × 40 + "долларов"')


@case("a letter with no Unicode name (Tangut, `три 𗱣щ`)", "exit 0, a document")
def _(tmp):
    (tmp / "a.txt").write_text("Илон Маск: три \U00017c63щ.\n", encoding="utf-8")
    d = sh("newsfacts -f json a.txt", tmp)
    return d.rc == 0 and not d.traceback(), summary(d)


@case("a lone surrogate (`--encoding unicode_escape`, `\\ud800`)", "exit 0, UTF-8 output (U+FFFD in its place)")
def _(tmp):
    (tmp / "a.txt").write_bytes(b"Ilon \\ud800 Mask")
    d = sh("newsfacts -f json --encoding unicode_escape a.txt", tmp)
    try:
        d.out.decode("utf-8")
        utf8 = True
    except UnicodeDecodeError:
        utf8 = False
    return d.rc == 0 and utf8 and not d.traceback(), summary(d) + ("" if utf8 else "; not UTF-8")


@case("escape sequences in an article (table output)", "shown escaped, never sent raw")
def _(tmp):
    (tmp / "a.txt").write_text("Компания \x1b]0;pwned\x07«Яндекс\x1b[2J» наняла Илона Маска.\n", encoding="utf-8")
    d = sh("newsfacts a.txt", tmp)
    raw = b"\x1b" in d.out or b"\x07" in d.out
    return d.rc == 0 and not raw and not d.traceback(), summary(d) + ("; RAW escape on stdout" if raw else "")


@case("escape sequences in a file name (error line)", "one line on stderr, escaped")
def _(tmp):
    d = sh("newsfacts $'evil\\e[2J\\e]0;x\\a.txt'", tmp)
    raw = b"\x1b" in d.err or b"\x07" in d.err
    return one_line_error(d) and not raw, summary(d) + ("; RAW escape on stderr" if raw else "")


@case("a newline in a file name (error line)", "exactly one line on stderr")
def _(tmp):
    d = sh("newsfacts $'a\\nb.txt'", tmp)
    return one_line_error(d), summary(d)


@case("`newsfacts a.txt >/dev/full`", "one line, exit 1")
def _(tmp):
    (tmp / "a.txt").write_text(ARTICLE, encoding="utf-8")
    d = sh("newsfacts -f json a.txt >/dev/full", tmp)
    return one_line_error(d), summary(d)


@case("`newsfacts a.txt -o /dev/full`", "one line, exit 1")
def _(tmp):
    (tmp / "a.txt").write_text(ARTICLE, encoding="utf-8")
    d = sh("newsfacts -f json a.txt -o /dev/full", tmp)
    return one_line_error(d), summary(d)


@case("closed stdout (`>&-`)", "exit 0, quiet")
def _(tmp):
    (tmp / "a.txt").write_text(ARTICLE, encoding="utf-8")
    d = sh("newsfacts -f json a.txt >&-", tmp)
    return d.rc == 0 and not d.err, summary(d)


@case("`newsfacts … | head -1`", "exit 0, quiet")
def _(tmp):
    corpus(tmp, 3)
    d = sh("set -o pipefail; newsfacts -q news -f jsonl | head -c 10 >/dev/null", tmp)
    return d.rc == 0 and not d.err, summary(d)


@case("closed stdin (`newsfacts - <&-`)", "one line, exit 1")
def _(tmp):
    d = sh("newsfacts - <&-", tmp)
    return one_line_error(d), summary(d)


@case("`kill PID` (SIGTERM) during a 2-worker run", "workers stop quietly; finished output flushed; exit 143",
      slow=True)
def _(tmp):
    corpus(tmp, 60)
    proc = subprocess.Popen([sys.executable, "-m", "newsfacts", "news", "-f", "jsonl", "-w", "2"], cwd=tmp, env=env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()  # killed once a document is finished, mid-run
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=120)
    out = first + out
    d = Done(proc.returncode, out, err, 0)
    lines = out.decode("utf-8", "replace").splitlines()
    whole = all(_is_json(line) for line in lines)
    quiet = not d.traceback() and b"leaked" not in err
    return d.rc == 143 and quiet and whole, f"{summary(d)}; {len(lines)} complete lines" + (
        "" if whole else "; a partial line")


def _is_json(line: str) -> bool:
    try:
        json.loads(line)
        return True
    except ValueError:
        return False


@case("Ctrl-C (SIGINT) during a `--db` run", "every document written to `-o` is also in the store", slow=True)
def _(tmp):
    corpus(tmp, 60)
    proc = subprocess.Popen([sys.executable, "-m", "newsfacts", "news", "-f", "jsonl", "-o", "out.jsonl", "--db",
                             "f.sqlite", "-w", "1"], cwd=tmp, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _wait_for_rows(tmp / "f.sqlite", proc)  # interrupted once the first batch is committed, mid-run
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    written = 0
    if (tmp / "out.jsonl").exists():
        written = sum(1 for _ in (tmp / "out.jsonl").open(encoding="utf-8"))
    with sqlite3.connect(tmp / "f.sqlite") as db:
        stored = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    d = Done(proc.returncode, out, err, 0)
    return written <= stored and not d.traceback(), f"{summary(d)}; {written} written to -o, {stored} stored"


def _wait_for_rows(db: Path, proc: subprocess.Popen, limit: float = 300) -> None:
    """Until the store holds a document (the run is under way), or the run ended."""
    started = time.monotonic()
    while proc.poll() is None and time.monotonic() - started < limit:
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as con:
                if con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]:
                    return
        except sqlite3.Error:
            pass
        time.sleep(0.2)


@case("a `--db` locked by another process", "waits a documented time, then one line, exit 1", slow=True)
def _(tmp):
    (tmp / "a.txt").write_text(ARTICLE, encoding="utf-8")
    sh("newsfacts -q a.txt --db f.sqlite -o /dev/null", tmp)
    (tmp / "b.txt").write_text(ARTICLE + "Ещё.\n", encoding="utf-8")
    holder = sqlite3.connect(tmp / "f.sqlite", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        d = sh("newsfacts -q b.txt --db f.sqlite -o /dev/null", tmp, timeout=180)
    finally:
        holder.close()
    return one_line_error(d), f"{summary(d)} after {d.seconds:.0f} s"


@case("`-w 100000` on 20 files", "capped or refused with a clear message, within seconds")
def _(tmp):
    corpus(tmp, 20)
    # killed (with every worker it started) after 20 s: trying 100,000 workers must not take the machine down
    d = sh("newsfacts -q news -f jsonl -w 100000 -o /dev/null", tmp, timeout=20)
    return d.rc in (0, 2) and not d.traceback(), f"{summary(d)} in {d.seconds:.0f} s"


@case("`--max-chars 1000` on a longer article", "the document is one error line, exit 1")
def _(tmp):
    (tmp / "a.txt").write_text(ARTICLE * 30, encoding="utf-8")
    d = sh("newsfacts -f json --max-chars 1000 a.txt", tmp)
    return one_line_error(d), summary(d)


@case("a UTF-32 file with BOM", "decoded: the facts of the text, exit 0")
def _(tmp):
    (tmp / "a.txt").write_bytes(ARTICLE.encode("utf-32"))
    d = sh("newsfacts -f json a.txt", tmp)
    found = "Дженсен Хуанг" in d.text
    return d.rc == 0 and found, summary(d) + ("; facts found" if found else "; garbage text")


@case("HTML nested 300 levels deep", "its text, or one line \"page nested too deeply\", exit 1 — never silently empty")
def _(tmp):
    page = "<html><body>" + "<div>" * 300 + f"<p>{ARTICLE}</p>" + "</div>" * 300 + "</body></html>"
    (tmp / "deep.html").write_text(page, encoding="utf-8")
    d = sh("newsfacts -f json deep.html", tmp)
    found = "Дженсен Хуанг" in d.text
    return (found and d.rc == 0) or one_line_error(d), summary(d) + ("; text found" if found else "; no text")


@case("`NEWSFACTS_DB_BATCH=abc`", "one line, exit 2 (or the default used)")
def _(tmp):
    (tmp / "a.txt").write_text(ARTICLE, encoding="utf-8")
    d = sh("newsfacts -q a.txt --db f.sqlite -o /dev/null", tmp, extra_env={"NEWSFACTS_DB_BATCH": "abc"})
    return (d.rc == 0 or one_line_error(d, 2)) and not d.traceback(), summary(d)


@case("a failed single input with `-f json`", "nothing on stdout, one line, exit 1")
def _(tmp):
    d = sh("newsfacts -f json missing.txt", tmp)
    return one_line_error(d) and not d.out.strip(), summary(d, show_out=True)


@case("a folder: 2 good files + a binary, an undecodable, a page with no text", "every good document, one line "
      "per bad one, exit 1")
def _(tmp):
    news = corpus(tmp, 2)
    (news / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    (news / "undecodable.txt").write_bytes(bytes(range(128, 256)) * 4)
    (news / "empty.html").write_text("<html><head><script>var a = 1;</script></head><body></body></html>",
                                     encoding="utf-8")
    d = sh("newsfacts -q news -f jsonl", tmp)
    docs = len(d.text.splitlines())
    errors = [line for line in d.err_lines if not re.match(r"newsfacts: \d+ (documents|files),", line)]
    return d.rc == 1 and docs == 2 and len(errors) == 3 and not d.traceback(), (
        f"{summary(d)}; {docs} documents, {len(errors)} error lines")


@case("a `--db` that is not a database", "one line, exit 1; `-o` untouched")
def _(tmp):
    (tmp / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp / "f.sqlite").write_text("not a database", encoding="utf-8")
    (tmp / "out.jsonl").write_text("keep\n", encoding="utf-8")
    d = sh("newsfacts a.txt --db f.sqlite -f jsonl -o out.jsonl", tmp)
    kept = (tmp / "out.jsonl").read_text(encoding="utf-8") == "keep\n"
    return one_line_error(d) and kept, summary(d) + ("" if kept else "; -o truncated")


# ----------------------------------------------------------------------------- table


def table(quick: bool) -> tuple[str, int]:
    rows, failed = [], 0
    for input_, expected, check, slow in CASES:
        if quick and slow:
            continue
        with tempfile.TemporaryDirectory(prefix="newsfacts-rel-") as tmp:
            try:
                ok, got = check(Path(tmp))
            except Exception as e:  # noqa: BLE001 - the table reports it
                ok, got = False, f"check failed: {type(e).__name__}: {e}"
        failed += not ok
        got = got.replace("|", "\\|").replace("\n", " ")
        rows.append(f"| {input_} | {expected} | {got} | {'✓' if ok else '✗'} |")
        print(rows[-1], file=sys.stderr, flush=True)
    head = "| input | expected | got | |\n|---|---|---|:-:|\n"
    return head + "\n".join(rows) + "\n", failed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--readme", action="store_true", help="replace the table in README.md")
    ap.add_argument("--quick", action="store_true", help="skip the slow cases (signals, a locked store)")
    args = ap.parse_args()
    text, failed = table(args.quick)
    print(text, end="")
    if args.readme:
        readme = README.read_text(encoding="utf-8")
        if BEGIN not in readme:
            print(f"README.md has no {BEGIN!r} marker", file=sys.stderr)
            return 2
        start, stop = readme.index(BEGIN) + len(BEGIN), readme.index(END)
        README.write_text(readme[:start] + "\n" + text + readme[stop:], encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
