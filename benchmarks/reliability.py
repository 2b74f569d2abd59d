"""Hostile and broken inputs through the real CLI: what each one should give, and what it gives.

    python benchmarks/reliability.py > table.md

Builds every case in a temporary folder, runs `newsfacts` on it in a shell (so real closed and
full streams are used), and prints a Markdown table: case, expected, got (exit code and the
first line of stderr). The README's reliability section is this table. Not run by CI: the same
cases are tests in tests/test_runpath.py and tests/test_signals.py.
"""

from __future__ import annotations

import json
import os
import shlex
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "Глава Nvidia Дженсен Хуанг прилетел в Тайбэй. Компания продала 500 тысяч ускорителей H100.\n"


def build(d: Path) -> dict[str, Path]:
    (d / "in").mkdir()
    (d / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "in" / "b.txt").write_text("Илон Маск приехал в Берлин.\n", encoding="utf-8")
    files = {"a": d / "in" / "a.txt"}
    files["utf32"] = d / "utf32.txt"
    files["utf32"].write_bytes(ARTICLE.encode("utf-32"))
    files["deep"] = d / "deep.html"
    files["deep"].write_text("<html><body>" + "<div>" * 300 + "<p>" + ARTICLE * 5 + "</p>" + "</div>" * 300
                             + "</body></html>", encoding="utf-8")
    files["empty_page"] = d / "empty.html"
    files["empty_page"].write_text("<html><body><script>x()</script></body></html>", encoding="utf-8")
    files["newline"] = d / "evil\nname\x1b[2J.txt"
    files["newline"].write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(16))
    files["binary"] = d / "image.txt"
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(16))
    files["surrogate"] = d / "esc.txt"
    files["surrogate"].write_bytes(b"Intel \\ud800 Xeon.")
    files["junk_db"] = d / "junk.sqlite"
    files["junk_db"].write_bytes(b"not a database" * 100)
    files["archive"] = d / "news.jsonl"
    files["archive"].write_text(json.dumps({"id": "x1", "text": ARTICLE}, ensure_ascii=False) + "\n{broken\n",
                                encoding="utf-8")
    files["locked_db"] = d / "locked.sqlite"
    return files


CHECK_JSON = "python3 -c 'import json, sys; json.loads(sys.stdin.buffer.read().decode(\"utf-8\"))'"


PEOPLE = (
    "python3 -c 'import json, sys; "
    "print(*[e[\"normal\"] for e in json.load(sys.stdin)[\"entities\"] if e[\"type\"] == \"PER\"])'"
)


def cases(f: dict[str, Path], d: Path) -> list[tuple[str, str, str, dict[str, str]]]:
    q = shlex.quote
    a, folder = q(str(f["a"])), q(str(d / "in"))
    return [
        ("-o equal to an input", f"nf {a} -o {a}", "usage error (2), input intact", {}),
        ("-o inside an input folder", f"nf {folder} -o {folder}/out.jsonl", "usage error (2)", {}),
        ("stdout is /dev/full", f"nf {a} > /dev/full", "1, one line", {}),
        ("-o /dev/full", f"nf {a} -o /dev/full", "1, one line", {}),
        ("stdout closed (>&-)", f"nf {a} >&-", "0, quiet", {}),
        ("stdout closed early (\\| head -1)", f"nf -f jsonl {folder} | head -1 > /dev/null", "0, no error", {}),
        ("stdin closed (<&-)", "nf - <&-", "1, one line", {}),
        ("-w 100000", f"nf -w 100000 {a}", "usage error (2)", {}),
        ("NEWSFACTS_DB_BATCH=abc", f"nf {a}", "2, one line", {"NEWSFACTS_DB_BATCH": "abc"}),
        ("--db not a database", f"nf --db {q(str(f['junk_db']))} {a}", "1, one line", {}),
        ("--db locked by another process", f"nf --db {q(str(f['locked_db']))} {a}", "1, one line after the wait",
         {"NEWSFACTS_DB_TIMEOUT": "0"}),
        ("UTF-32 file with BOM", f"nf -f json {q(str(f['utf32']))} | {PEOPLE}", "0, Дженсен Хуанг found", {}),
        ("HTML nested 300 deep", f"nf {q(str(f['deep']))}", "1, page nested too deeply", {}),
        ("page with no article text", f"nf {q(str(f['empty_page']))}", "1, no article text found", {}),
        ("newline and ESC in a file name", f"nf {q(str(f['newline']))}", "1, one line, shown escaped", {}),
        ("failed single input, -f json", f"nf -f json {q(str(f['binary']))}", "1, nothing on stdout", {}),
        ("lone surrogate (--encoding unicode_escape)",
         f"nf -f json --encoding unicode_escape {q(str(f['surrogate']))} | {CHECK_JSON}",
         "0, valid UTF-8 JSON", {}),
        ("archive with a bad record", f"nf -f jsonl {q(str(f['archive']))} > /dev/null", "1, one error line", {}),
        ("--max-chars 10", f"nf --max-chars 10 {a}", "1, document too long", {}),
    ]


def main() -> None:
    nf = f"{shlex.quote(sys.executable)} -m newsfacts"
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        files = build(d)
        subprocess.run([sys.executable, "-m", "newsfacts", "-q", "--db", str(files["locked_db"]), str(files["a"])],
                       env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, check=True)
        holder = sqlite3.connect(files["locked_db"], isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
        print("| case | expected | got: exit code | got: stdout | got: stderr (first line) |")
        print("|---|---|---:|---|---|")
        for name, command, expected, extra in cases(files, d):
            env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", **extra}
            done = subprocess.run(["bash", "-c", command.replace("nf ", nf + " ", 1)], capture_output=True,
                                  text=True, env=env)
            err = done.stderr.splitlines()
            usage = [line for line in err if line.startswith("Error:")]
            err = usage or err  # click's usage errors: the line that says what is wrong
            first = err[0].replace(tmp, "…") if err else ""
            if len(err) > 1:
                first += f" (+{len(err) - 1} lines)"
            if len(first) > 90:
                first = first[:89] + "…"
            lines = done.stdout.splitlines()
            short = len(lines) == 1 and len(lines[0]) < 40
            out = "empty" if not lines else lines[0] if short else f"{len(lines)} lines"
            cell = f"`{first}`" if first else ""
            print(f"| {name} | {expected} | {done.returncode} | {out} | {cell} |")
        holder.execute("ROLLBACK")
        holder.close()


if __name__ == "__main__":
    main()
