"""The command as users run it: inputs, formats, errors and exit codes."""

import json

import pytest
from click.testing import CliRunner

from newsfacts import cli as cli_module
from newsfacts.cli import cli

from .conftest import SAMPLES

TXT = str(SAMPLES / "twitter-gpus.txt")
HTML = str(SAMPLES / "twitter-gpus.html")
ARTICLE = "Глава Nvidia Дженсен Хуанг прилетел в Тайбэй. Компания продала 500 тысяч ускорителей H100.\n"


@pytest.fixture
def run():
    def invoke(*args, input=None):
        return CliRunner().invoke(cli, ["-w", "1", *args], input=input, catch_exceptions=False)

    return invoke


def facts(doc: dict) -> set[tuple[str, str]]:
    return {(e["type"], e["normal"]) for e in doc["entities"]}


def test_table_for_people(run):
    result = run(TXT)
    assert result.exit_code == 0, result.output
    out = result.stdout
    for text in ("People", "Илон Маск", "Игорь Бабушкин", "Organisations", "Business Insider", "Places",
                 "Сакраменто", "Hardware", "NVIDIA H100", "Quantities"):
        assert text in out
    assert "\x1b[" not in out  # no colour off a terminal
    assert result.stderr == ""


def test_json_single_document_is_one_object(run, sample_text):
    result = run("-f", "json", TXT)
    doc = json.loads(result.stdout)
    assert doc["source"] == TXT
    assert doc["chars"] == len(sample_text)
    assert {"source", "chars", "sentences", "entities", "quantities"} <= doc.keys()
    for e in doc["entities"]:
        assert sample_text[e["start"] : e["stop"]] == e["text"]


def test_stdin_gives_the_same_entities_as_the_file(run, sample_text):
    from_file = json.loads(run("-f", "json", TXT).stdout)
    from_stdin = json.loads(run("-f", "json", input=sample_text.encode("utf-8")).stdout)
    from_dash = json.loads(run("-f", "json", "-", input=sample_text.encode("utf-8")).stdout)
    assert from_stdin["source"] == from_dash["source"] == "<stdin>"
    assert from_stdin["entities"] == from_dash["entities"] == from_file["entities"]


def test_cp1251_copy_gives_the_same_entities(run, tmp_path, sample_text):
    path = tmp_path / "cp1251.txt"
    path.write_bytes(sample_text.encode("cp1251"))
    assert json.loads(run("-f", "json", str(path)).stdout)["entities"] == json.loads(run("-f", "json", TXT).stdout)[
        "entities"
    ]


def test_html_page_gives_the_same_facts_and_no_furniture(run):
    from_txt = json.loads(run("-f", "json", TXT).stdout)
    from_html = json.loads(run("-f", "json", HTML).stdout)
    # the page's metadata gives a publication date, so only its relative dates may differ
    assert {f for f in facts(from_html) if f[0] != "DATE"} == {f for f in facts(from_txt) if f[0] != "DATE"}
    assert from_html["published"] == "2023-04-12" and from_txt["published"] is None
    names = {n for _, n in facts(from_html)}
    for furniture in ("Сбербанк", "Казань", "Ростелеком", "Samsung", "Intel", "Павел Дуров", "Герман Греф", "Huawei"):
        assert furniture not in names


def test_folder_json_is_an_array_and_jsonl_one_line_each(run, tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub" / "b.md").write_text("Илон Маск приехал в Берлин.", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("ignored", encoding="utf-8")
    docs = json.loads(run("-f", "json", str(tmp_path)).stdout)
    assert [d["source"] for d in docs] == [str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.md")]
    lines = run("-f", "jsonl", str(tmp_path)).stdout.splitlines()
    assert [json.loads(line) for line in lines] == docs
    assert ("PER", "Дженсен Хуанг") in facts(docs[0])
    assert ("LOC", "Берлин") in facts(docs[1])


def test_several_inputs_at_once(run, tmp_path):
    p = tmp_path / "one.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    docs = json.loads(run("-f", "json", str(p), TXT).stdout)
    assert [d["source"] for d in docs] == [str(p), TXT]


def test_output_file(run, tmp_path):
    out = tmp_path / "facts.jsonl"
    result = run("-f", "jsonl", "-o", str(out), TXT)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["source"] == TXT


def test_empty_file_is_an_empty_result(run, tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    result = run("-f", "json", str(p))
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert (doc["chars"], doc["sentences"], doc["entities"], doc["quantities"]) == (0, [], [], [])


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "not a text file"),
        ("noise.txt", bytes([0x81, 0x8D, 0x8F, 0x90, 0x98, 0x01, 0x02]) * 40, "cannot decode text"),
    ],
)
def test_bad_file_one_line_error_exit_1(run, tmp_path, name, data, reason):
    p = tmp_path / name
    p.write_bytes(data)
    result = run(str(p))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"newsfacts: {p}: {reason}")
    assert "Traceback" not in result.stderr


def test_missing_path(run, tmp_path):
    result = run(str(tmp_path / "nope.txt"))
    assert result.exit_code == 1
    assert result.stderr == f"newsfacts: {tmp_path / 'nope.txt'}: no such file or folder\n"


def test_folder_without_articles(run, tmp_path):
    (tmp_path / "x.png").write_bytes(b"\x89PNG")
    result = run(str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"newsfacts: {tmp_path}: no article files")


def test_permission_denied(run, tmp_path, monkeypatch):
    from pathlib import Path

    p = tmp_path / "secret.txt"
    p.write_text("x")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = run(str(p))
    assert result.exit_code == 1
    assert result.stderr == f"newsfacts: {p}: permission denied\n"


def test_batch_goes_on_after_a_bad_file_and_counts_it(run, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (tmp_path / "c.txt").write_text("Илон Маск приехал в Берлин.", encoding="utf-8")
    result = run("-f", "jsonl", str(tmp_path))
    assert result.exit_code == 1
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "c.txt"),
    ]
    errors = result.stderr.splitlines()
    assert errors[0] == f"newsfacts: {tmp_path / 'b.txt'}: not a text file"
    assert errors[-1].startswith("newsfacts: 3 documents, ") and ", 1 failed in " in errors[-1]


def test_usage_errors_exit_2(run):
    assert run("-f", "xml", TXT).exit_code == 2
    assert run("--force", TXT).exit_code == 2
    assert run("--encoding", "no-such-codec", TXT).exit_code == 2


def test_no_input_on_a_terminal_shows_usage(monkeypatch):
    monkeypatch.setattr(cli_module, "_stdin_is_terminal", lambda: True)
    result = CliRunner().invoke(cli, [])
    assert result.exit_code == 2
    assert "Usage:" in result.stderr


def test_version():
    from newsfacts import __version__

    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith(f"newsfacts {__version__} (natasha 1.")
    assert ", slovnet 0." in result.stdout and "JSON schema 2, store schema " in result.stdout


def test_help_has_examples():
    result = CliRunner().invoke(cli, ["--help"])
    assert "Examples:" in result.stdout
    assert "newsfacts ~/news/ -f jsonl -o facts.jsonl" in result.stdout


@pytest.mark.parametrize("exc, code", [(KeyboardInterrupt, 130), (BrokenPipeError, 0)])
def test_interrupt_and_closed_pipe_exit_quietly(monkeypatch, capsys, exc, code):
    def boom(opts):
        raise exc()

    monkeypatch.setattr("newsfacts.runner.execute", boom)
    monkeypatch.setattr("sys.argv", ["newsfacts", TXT])
    monkeypatch.setattr(cli_module, "_silence_stdout", lambda: None)
    with pytest.raises(SystemExit) as info:
        cli_module.main()
    assert info.value.code == code
    assert "Traceback" not in capsys.readouterr().err
