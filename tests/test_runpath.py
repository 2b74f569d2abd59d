"""The run path end to end: every input gets an answer, nothing finished is lost, -o and --db are safe."""

import gzip
import json
import os
import shutil
import sqlite3
import subprocess

import pytest
from click.testing import CliRunner

from newsfacts.cli import cli

from .conftest import SAMPLES

GOOD = {
    "a.txt": "Глава Nvidia Дженсен Хуанг прилетел в Тайбэй. Компания продала 500 тысяч ускорителей H100.",
    "c.md": "Илон Маск приехал в Берлин.",
    "e.txt": "Компания Яндекс вложит 16 млрд рублей в дата-центр в Можайске.",
}
PAGE = "<html><body><article><p>{}</p></article></body></html>"


def run(*args, input=None, env=None):
    return CliRunner(env=env).invoke(cli, ["-w", "1", *args], input=input, catch_exceptions=False)


def sources(stdout: str) -> list[str]:
    return [json.loads(line)["source"] for line in stdout.splitlines()]


def write_good(folder):
    folder.mkdir(exist_ok=True)
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")


def test_one_bad_input_of_each_kind_fails_alone(tmp_path, monkeypatch):
    import trafilatura

    real = trafilatura.extract

    def extract(tree, *args, **kwargs):
        if "BREAKS-THE-PARSER" in trafilatura.utils.load_html(tree).text_content():
            raise RecursionError("maximum recursion depth exceeded")
        return real(tree, *args, **kwargs)

    monkeypatch.setattr(trafilatura, "extract", extract)
    write_good(tmp_path)
    (tmp_path / "b-binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (tmp_path / "b-noise.txt").write_bytes(bytes([0x81, 0x8D, 0x8F, 0x90, 0x98, 0x01, 0x02]) * 40)
    (tmp_path / "b-broken.html").write_text(PAGE.format("BREAKS-THE-PARSER " * 20), encoding="utf-8")
    (tmp_path / "b-empty.html").write_text("<html><body><script>x()</script></body></html>", encoding="utf-8")
    result = run("-f", "jsonl", str(tmp_path))
    assert result.exit_code == 1
    assert sources(result.stdout) == [str(tmp_path / n) for n in GOOD]
    assert result.stderr.splitlines() == [
        f"newsfacts: {tmp_path / 'b-binary.txt'}: not a text file",
        f"newsfacts: {tmp_path / 'b-broken.html'}: cannot read: RecursionError: maximum recursion depth exceeded",
        f"newsfacts: {tmp_path / 'b-empty.html'}: no article text found in page",
        f"newsfacts: {tmp_path / 'b-noise.txt'}: cannot decode text (not UTF-8, cp1251 or koi8-r); try --encoding",
        result.stderr.splitlines()[-1],
    ]
    assert result.stderr.splitlines()[-1].startswith("newsfacts: 7 documents, ")


@pytest.mark.parametrize("workers", ["1", "2"])
def test_document_whose_extraction_raises_fails_alone(tmp_path, monkeypatch, workers):
    from newsfacts.pipeline import Extractor

    real = Extractor._build

    def build(self, p, spans):
        if "Берлин" in p.text:
            raise ValueError("no such name")
        return real(self, p, spans)

    monkeypatch.setattr(Extractor, "_build", build)
    write_good(tmp_path)
    result = CliRunner().invoke(cli, ["-w", workers, "-f", "jsonl", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 1
    assert sources(result.stdout) == [str(tmp_path / "a.txt"), str(tmp_path / "e.txt")]
    assert result.stderr.splitlines()[0] == f"newsfacts: {tmp_path / 'c.md'}: internal error: ValueError: no such name"


def test_failed_single_input_prints_nothing_on_stdout(tmp_path):
    p = tmp_path / "x.txt"
    p.write_bytes(b"\x00\x01binary")
    for fmt in ("json", "jsonl", "table"):
        result = run("-f", fmt, str(p))
        assert (result.exit_code, result.stdout) == (1, ""), fmt
    assert run("-f", "json", str(tmp_path)).stdout == "[]\n"  # a folder is still an array


def test_control_characters_in_names_are_escaped(tmp_path):
    p = tmp_path / "bad\nname\x1b]0;owned\x07.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(10))
    result = run(str(p))
    assert result.exit_code == 1
    assert result.stderr == f"newsfacts: {tmp_path}/bad\\nname\\x1b]0;owned\\x07.txt: not a text file\n"


def test_files_from_a_list_and_from_stdin(tmp_path):
    write_good(tmp_path)
    names = [str(tmp_path / n) for n in GOOD]
    listing = tmp_path / "list"
    listing.write_text("\n".join(names) + "\n\n", encoding="utf-8")
    assert sources(run("-f", "jsonl", "--files-from", str(listing)).stdout) == names
    piped = run("-f", "jsonl", "--files-from", "-", input="\n".join(names[::-1]) + "\n")
    assert sources(piped.stdout) == names[::-1]


def test_max_chars(tmp_path):
    p = tmp_path / "long.txt"
    p.write_text("Илон Маск купил H100. " * 10, encoding="utf-8")
    result = run("--max-chars", "100", str(p))
    assert result.exit_code == 1
    assert result.stderr == f"newsfacts: {p}: document too long: 220 characters (limit 100, see --max-chars)\n"
    assert run("--max-chars", "220", "-f", "json", str(p)).exit_code == 0


def test_lone_surrogates_give_valid_utf8_json(tmp_path):
    p = tmp_path / "esc.txt"
    p.write_bytes(b"Intel \\ud83d Xeon. Nvidia \\udfff H100.")
    result = run("-f", "json", "--encoding", "unicode_escape", str(p))
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["chars"] == len("Intel \ufffd Xeon. Nvidia \ufffd H100.")
    result.stdout.encode("utf-8")


# --- -o ------------------------------------------------------------------------------------


def test_output_equal_to_an_input_is_a_usage_error(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(GOOD["a.txt"], encoding="utf-8")
    result = run(str(p), "-o", str(p))
    assert result.exit_code == 2
    assert "is also an input" in result.stderr
    assert p.read_text(encoding="utf-8") == GOOD["a.txt"]
    link = tmp_path / "same.txt"
    link.symlink_to(p)
    assert run(str(p), "-o", str(link)).exit_code == 2


def test_output_inside_an_input_folder_is_a_usage_error(tmp_path):
    write_good(tmp_path)
    result = run(str(tmp_path), "-o", str(tmp_path / "sub" / "out.jsonl"))
    assert result.exit_code == 2
    assert "inside the input folder" in result.stderr
    assert not (tmp_path / "sub").exists()


def test_output_appears_whole_and_leaves_no_temporary_file(tmp_path):
    write_good(tmp_path / "in")
    out = tmp_path / "out" / "facts.jsonl"
    out.parent.mkdir()
    out.write_text("old\n")
    assert run("-f", "jsonl", "-o", str(out), str(tmp_path / "in")).exit_code == 0
    assert sources(out.read_text(encoding="utf-8")) == [str(tmp_path / "in" / n) for n in GOOD]
    assert os.listdir(out.parent) == ["facts.jsonl"]
    assert oct(out.stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_interrupted_run_keeps_the_old_output_and_a_partial_file(tmp_path, monkeypatch):
    from newsfacts import runner

    write_good(tmp_path / "in")
    out = tmp_path / "facts.jsonl"
    out.write_text("old\n")
    real = runner.RenderSink.write
    calls = []

    def write(self, outcome):
        calls.append(outcome)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real(self, outcome)

    monkeypatch.setattr(runner.RenderSink, "write", write)
    result = run("-f", "jsonl", "-o", str(out), str(tmp_path / "in"))
    assert result.exit_code == 130
    assert out.read_text() == "old\n"
    assert sources((tmp_path / "facts.jsonl.partial").read_text()) == [str(tmp_path / "in" / "a.txt")]
    assert sorted(os.listdir(tmp_path)) == ["facts.jsonl", "facts.jsonl.partial", "in"]


# --- --db ----------------------------------------------------------------------------------


def test_bad_db_is_one_line_and_output_untouched(tmp_path):
    write_good(tmp_path / "in")
    out = tmp_path / "facts.jsonl"
    out.write_text("old\n")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database at all" * 100)
    for db, reason in [
        (junk, "not a newsfacts store"),
        (tmp_path / "no" / "such" / "dir.sqlite", "cannot open: unable to open database file"),
    ]:
        result = run("-f", "jsonl", "--db", str(db), "-o", str(out), str(tmp_path / "in" / "a.txt"))
        assert result.exit_code == 1, db
        assert len(result.stderr.splitlines()) == 1 and reason in result.stderr, result.stderr
        assert result.stderr.startswith(f"newsfacts: {db}: ")
        assert out.read_text() == "old\n"


def test_old_store_schema_is_refused_in_one_line(tmp_path):
    db = tmp_path / "v1.sqlite"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.commit()
    con.close()
    result = run("--db", str(db), str(SAMPLES / "twitter-gpus.txt"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"newsfacts: {db}: store schema version 1, this newsfacts needs 2; use a new --db file\n"
    )


def test_locked_store_waits_the_timeout_then_one_line(tmp_path):
    db = tmp_path / "facts.sqlite"
    assert run("-q", "--db", str(db), str(SAMPLES / "twitter-gpus.txt")).exit_code == 0
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = run("--db", str(db), str(SAMPLES / "twitter-gpus.txt"), env={"NEWSFACTS_DB_TIMEOUT": "0"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"newsfacts: {db}: database is locked (another process holds it; waited NEWSFACTS_DB_TIMEOUT seconds)"
    ]


@pytest.mark.parametrize("value", ["abc", "0", "-3", "1.5"])
def test_malformed_batch_setting_is_one_line(value):
    result = run(str(SAMPLES / "twitter-gpus.txt"), env={"NEWSFACTS_DB_BATCH": value})
    assert result.exit_code == 2
    assert result.stderr == f"newsfacts: NEWSFACTS_DB_BATCH must be a whole number >= 1, not {value!r}\n"
    assert result.stdout == ""


def test_workers_are_capped():
    result = CliRunner().invoke(cli, ["-w", "100000", str(SAMPLES / "twitter-gpus.txt")])
    assert result.exit_code == 2
    assert "100000 is not in the range 1<=x<=32" in result.stderr


def test_resume_writes_stored_documents_in_their_place(tmp_path):
    write_good(tmp_path / "in")
    db, out = tmp_path / "facts.sqlite", tmp_path / "facts.json"
    clean = run("-f", "json", str(tmp_path / "in")).stdout
    assert run("-q", "--db", str(db), str(tmp_path / "in" / "c.md")).exit_code == 0
    result = run("-f", "json", "--db", str(db), "-o", str(out), str(tmp_path / "in"))
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8") == clean
    assert ", 0 failed, 1 from the store in " in result.stderr
    again = run("-f", "json", "--db", str(db), str(tmp_path / "in" / "c.md"))
    assert json.loads(again.stdout) == json.loads(run("-f", "json", str(tmp_path / "in" / "c.md")).stdout)


def test_stdin_documents_accumulate_under_their_hash(tmp_path):
    db = tmp_path / "facts.sqlite"
    for text in (GOOD["a.txt"], GOOD["c.md"], GOOD["a.txt"]):
        assert run("-q", "--db", str(db), "-f", "jsonl", input=text.encode()).exit_code == 0
    with sqlite3.connect(db) as con:
        keys = con.execute("SELECT path, source FROM documents ORDER BY id").fetchall()
    assert len(keys) == 2
    assert all(k.startswith("<stdin>#") and len(k) == len("<stdin>#") + 64 and s == "<stdin>" for k, s in keys)
    stored = run("-f", "json", "--db", str(db), input=GOOD["c.md"].encode())
    assert json.loads(stored.stdout) == json.loads(run("-f", "json", input=GOOD["c.md"].encode()).stdout)


def test_queries_shell_recipe_works(tmp_path):
    if shutil.which("sqlite3") is None or shutil.which("bash") is None:
        pytest.skip("needs the sqlite3 shell and bash")
    db = tmp_path / "facts.sqlite"
    assert run("-q", "--db", str(db), str(SAMPLES / "twitter-gpus.txt")).exit_code == 0
    from newsfacts.data import data_path

    queries = data_path("queries.sql")
    recipe = next(
        line[3:].strip() for line in queries.read_text(encoding="utf-8").splitlines() if "| sqlite3" in line
    )
    recipe = recipe.replace("newsfacts/data/queries.sql", str(queries)).replace("facts.sqlite", str(db))
    done = subprocess.run(["bash", "-c", recipe], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines()[0].split() == ["normal", "vendor", "documents", "mentions"]
    assert "NVIDIA H100  NVIDIA  1          1" in done.stdout


# --- archives ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["news.jsonl", "news.jsonl.gz"])
def test_archive_gives_the_documents_of_the_same_texts_as_files(tmp_path, name):
    write_good(tmp_path / "files")
    lines = [json.dumps({"id": n, "text": t, "date": "2024-05-01"}, ensure_ascii=False) for n, t in GOOD.items()]
    lines.insert(1, "{broken")
    data = ("\n".join(lines) + "\n").encode()
    archive = tmp_path / name
    archive.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    result = run("-f", "jsonl", "--date-field", "date", str(archive))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(f"newsfacts: {archive}#2: line 2: not a JSON record")
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    files = [json.loads(line) for line in run("-f", "jsonl", str(tmp_path / "files")).stdout.splitlines()]
    assert [d["source"] for d in docs] == [f"{archive}#{n}" for n in GOOD]
    assert {d["published"] for d in docs} == {"2024-05-01"}
    strip = [{k: v for k, v in d.items() if k not in ("source", "published")} for d in docs]
    assert strip == [{k: v for k, v in d.items() if k not in ("source", "published")} for d in files]


def test_db_resumes_inside_an_archive(tmp_path):
    archive = tmp_path / "news.jsonl"
    archive.write_text("".join(json.dumps({"id": n, "text": t}) + "\n" for n, t in GOOD.items()), encoding="utf-8")
    db = tmp_path / "facts.sqlite"
    first = run("-f", "jsonl", "--db", str(db), str(archive))
    with open(archive, "a", encoding="utf-8") as f:
        f.write(json.dumps({"id": "new", "text": "Глава Intel Пэт Гелсингер приехал в Берлин."}) + "\n")
    second = run("-f", "jsonl", "--db", str(db), str(archive))
    assert second.stdout.startswith(first.stdout)
    assert sources(second.stdout)[-1] == f"{archive}#new"
    assert ", 0 failed, 3 from the store in " in second.stderr
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT COUNT(*), COUNT(DISTINCT path) FROM documents").fetchone() == (4, 4)


# --- progress ------------------------------------------------------------------------------


class FakeTerminal:
    """A stream that says it is a terminal and keeps what was written to it."""

    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text
        return len(text)

    def flush(self):
        pass

    def isatty(self):
        return True


def terminal_console():
    from rich.console import Console

    return Console(file=FakeTerminal(), force_terminal=True, width=80, highlight=False)


def test_progress_only_from_the_second_document_and_only_on_a_terminal():
    from rich.console import Console

    from newsfacts.runner import _Progress

    progress = _Progress(terminal_console(), FakeTerminal(), enabled=True)
    progress.advance()
    assert progress.live is None  # one document: no bar
    progress.advance()
    assert progress.live is not None
    progress.stop()
    assert progress.live is None
    off_terminal = _Progress(Console(file=FakeTerminal(), force_terminal=False), FakeTerminal(), enabled=True)
    quiet = _Progress(terminal_console(), FakeTerminal(), enabled=False)
    for p in (off_terminal, quiet):
        p.advance()
        p.advance()
        assert p.live is None


def test_progress_on_a_file_or_pipe_asks_no_rich_console(monkeypatch):
    import io

    from newsfacts import runner

    monkeypatch.setattr(runner.sys, "stderr", io.StringIO())
    for name in runner._RICH_TERMINAL_ENV:
        monkeypatch.delenv(name, raising=False)
    err = runner._Err()
    progress = runner._Progress(err, FakeTerminal(), enabled=True)
    progress.advance()
    progress.advance()
    assert (progress.enabled, progress.live, err._console) == (False, None, None)
    # FORCE_COLOR makes rich call a file a terminal: then rich decides, as before
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert runner._Err().surely_no_terminal() is False
    monkeypatch.delenv("FORCE_COLOR")
    monkeypatch.setattr(runner.sys, "stderr", FakeTerminal())
    assert runner._Err().surely_no_terminal() is False


def test_table_lines_on_the_same_terminal_go_above_the_progress_line(monkeypatch):
    from newsfacts import runner

    err = terminal_console()
    stdout = runner._Switch(FakeTerminal())
    monkeypatch.setattr(runner, "_same_terminal", lambda stream: True)
    progress = runner._Progress(err, stdout, enabled=True)
    progress.advance()
    stdout.write("before the bar\n")
    progress.advance()
    stdout.write("table line\n")
    stdout.flush()
    progress.stop()
    stdout.write("after\n")
    assert stdout.stream.text == "before the bar\nafter\n"
    assert "table line" in err.file.text  # printed by the live display's console, above its line


def test_temporary_file_of_a_killed_run_is_removed_by_the_next(tmp_path):
    write_good(tmp_path / "in")
    out = tmp_path / "facts.jsonl"
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = tmp_path / f".facts.jsonl.{dead.pid}.abcd1234.tmp"
    stale.write_text("half a line")
    alive = tmp_path / f".facts.jsonl.{os.getpid()}.abcd1234.tmp"  # a run still going: left alone
    alive.write_text("")
    assert run("-f", "jsonl", "-o", str(out), str(tmp_path / "in" / "a.txt")).exit_code == 0
    assert sorted(os.listdir(tmp_path)) == [alive.name, "facts.jsonl", "in"]


def test_quiet_batch_prints_only_the_error_lines(tmp_path):
    write_good(tmp_path)
    (tmp_path / "bad.txt").write_bytes(b"\x00binary")
    result = run("-q", "-f", "jsonl", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == f"newsfacts: {tmp_path / 'bad.txt'}: not a text file\n"
    assert len(result.stdout.splitlines()) == 3
