import io
import json

import pytest
from rich.console import Console

from newsfacts.render import JsonlWriter, JsonWriter, TableWriter, format_number
from newsfacts.render.facts import Mark, document_text, format_amount, nest, parse_types, printable_lines, select
from newsfacts.render.table import quantity_table

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


# ------------------------------------------------------------------ shared view helpers



def test_parse_types_upper_cases_dedupes_and_names_the_known_kinds():
    assert parse_types(" per,Org,PER ") == ("PER", "ORG")
    with pytest.raises(ValueError, match="unknown kind GPU, CPU; known kinds: PER,ORG,LOC,HARDWARE,DATE,QUANTITY,ROLE"):
        parse_types("GPU,PER,CPU")
    with pytest.raises(ValueError, match="no kind given"):
        parse_types(" , ")


def test_select_keeps_sentences_and_only_the_kinds_asked_for():
    doc = DOC | {"roles": [{"person": "a", "org": None, "role": "b", "text": "t", "start": 0, "stop": 1,
                            "sentence": 0}]}
    only_hw = select(doc, ("HARDWARE",))
    assert [e["type"] for e in only_hw["entities"]] == ["HARDWARE"]
    assert only_hw["quantities"] == [] and only_hw["roles"] == [] and only_hw["sentences"] == DOC["sentences"]
    assert select(doc, ("QUANTITY", "ROLE"))["entities"] == []
    assert select(doc, None) is doc


def test_document_text_rebuilt_from_sentences_keeps_every_offset():
    doc = {"chars": 25, "sentences": [{"start": 0, "stop": 5, "text": "Один."}, {"start": 6, "stop": 11,
                                                                              "text": "Два."[:4] + "!"},
                                      {"start": 13, "stop": 24, "text": "Третий абз."}]}
    text = document_text(doc)
    assert text == "Один. Два.!\n\nТретий абз.\n"
    assert len(text) == 25 and text[13:24] == "Третий абз."
    assert document_text({"text": "as given", "sentences": []}) == "as given"
    headline = {"chars": 12, "sentences": [{"start": 0, "stop": 5, "text": "Титул"},
                                           {"start": 6, "stop": 12, "text": "Текст."}]}
    assert document_text(headline) == "Титул\nТекст."  # no closing punctuation: the line ended there


def test_nest_puts_inner_marks_inside_and_leaves_out_crossing_ones():
    outer, inner, crossing, after = (Mark("QUANTITY", 0, 10, "", None), Mark("LOC", 4, 7, "", None),
                                     Mark("ORG", 8, 12, "", None), Mark("PER", 12, 14, "", None))
    forest = nest([outer, inner, crossing, after])
    assert [(m.kind, [c[0].kind for c in kids]) for m, kids in forest] == [("QUANTITY", ["LOC"]), ("PER", [])]


def test_format_amount_and_a_max_column_only_for_ranges():
    q = {"value": 1000.0, "max": 2000.0, "approx": True, "unit": "USD", "text": "1-2 тыс. долларов",
         "kind": "money"}
    assert format_amount(q) == "~1 000–2 000 USD"
    assert [c.header for c in quantity_table([q]).columns] == ["Text", "Value", "Max", "Unit", "Kind", "≈"]
    assert "Max" not in [c.header for c in quantity_table([q | {"max": None}]).columns]


def test_printable_lines_keeps_line_breaks_and_tabs_and_escapes_the_rest():
    assert printable_lines("a\x1b[2Jb\nc\td\re\u202ef") == "a\\x1b[2Jb\nc\td\\re\\u202ef"
    assert printable_lines("Илон Маск — «ИИ» 10 000\n") == "Илон Маск — «ИИ» 10 000\n"


def test_facts_of_one_kind_on_one_span_are_one_mark():
    from newsfacts.render.facts import marks

    role = {"org": "DeepMind", "role": "инженер", "text": "Игоря и Мануэля, инженеров DeepMind", "start": 0,
            "stop": 35, "sentence": 0}
    doc = {"entities": [], "quantities": [], "roles": [role | {"person": "Игорь"}, role | {"person": "Мануэль"}]}
    (mark,) = marks(doc)
    assert mark.normal == "Игорь — инженер — DeepMind; Мануэль — инженер — DeepMind"


def test_the_facts_table_shows_each_stated_fact_once():
    from newsfacts.render.table import fact_table

    q = {"text": "1000 серверов", "value": 1000.0, "max": None, "approx": False, "kind": "count", "unit": "сервер",
         "subject": {"type": "ORG", "normal": "Яндекс", "text": "Яндекс", "start": 0, "stop": 6},
         "predicate": "купить"}
    table = fact_table([q, q | {"start": 99}, q | {"value": 5.0}, q | {"subject": None}])
    assert table.row_count == 2
    assert fact_table([q | {"subject": None}]) is None
