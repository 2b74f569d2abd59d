import io
import json

from rich.console import Console

from newsfacts.render import JsonlWriter, JsonWriter, TableWriter, format_number

DOC = {
    "source": "a.txt",
    "chars": 40,
    "sentences": [{"index": 0, "start": 0, "stop": 40, "text": "Nvidia продала 2 млн ускорителей H100."}],
    "entities": [
        {"type": "ORG", "text": "Nvidia", "normal": "Nvidia", "start": 0, "stop": 6, "sentence": 0},
        {"type": "HARDWARE", "text": "H100", "normal": "NVIDIA H100", "vendor": "NVIDIA", "category": "GPU",
         "model": "H100", "start": 33, "stop": 37, "sentence": 0},
    ],
    "quantities": [
        {"type": "QUANTITY", "text": "2 млн ускорителей", "value": 2e6, "max": None, "approx": False,
         "kind": "count", "unit": "ускоритель", "start": 15, "stop": 32, "sentence": 0},
    ],
}


def test_json_one_object_for_a_single_input():
    out = io.StringIO()
    w = JsonWriter(out, single=True)
    w.write(DOC)
    w.close()
    assert json.loads(out.getvalue()) == DOC


def test_json_array_streamed_and_empty_array():
    out = io.StringIO()
    w = JsonWriter(out)
    w.write(DOC)
    w.write(DOC)
    w.close()
    assert json.loads(out.getvalue()) == [DOC, DOC]
    empty = io.StringIO()
    JsonWriter(empty).close()
    assert empty.getvalue() == "[]\n"


def test_jsonl_one_line_per_document():
    out = io.StringIO()
    w = JsonlWriter(out)
    w.write(DOC)
    w.write(DOC)
    assert [json.loads(line) for line in out.getvalue().splitlines()] == [DOC, DOC]


def table(console: Console) -> str:
    TableWriter(console.file, console=console).write(DOC)
    return console.file.getvalue()


def test_table_lists_each_fact_with_vendor_category_and_counts():
    text = table(Console(file=io.StringIO(), width=120, color_system=None))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "Hardware" in lines
    assert any(line.startswith("NVIDIA H100 NVIDIA GPU 1 Nvidia продала") for line in lines)
    assert any(line.startswith("2 млн ускорителей 2 000 000 ускоритель count") for line in lines)


def test_colour_on_a_terminal_but_not_with_no_color(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\x1b[1;36m" in table(Console(file=io.StringIO(), force_terminal=True, width=120))
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[36m" not in table(Console(file=io.StringIO(), force_terminal=True, width=120))
    assert "\x1b[1;36m" not in table(Console(file=io.StringIO(), force_terminal=True, width=120))


def test_table_writer_off_a_terminal_has_no_escapes(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    out = io.StringIO()
    TableWriter(out).write(DOC)
    assert "\x1b[" not in out.getvalue()


def test_format_number():
    assert [format_number(v) for v in (10000.0, 2.5, 2.5e9, None, 1234.5)] == ["10 000", "2.5", "2 500 000 000", "",
                                                                            "1 234.5"]
