"""Every view through the command, on our own hand-built article: exact output (golden files).

The inputs are real files (read by the real readers, in a temporary folder), but the extractor
is stubbed with documents built by hand (tests/viewdocs.py), so these outputs change only when
a view changes. Regenerate with NEWSFACTS_REGEN=1 and review the diff.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.cells import cell_len

from newsfacts import runner
from newsfacts.cli import cli
from newsfacts.const import FORMATS

from .viewdocs import article, hostile, second

GOLDEN = Path(__file__).parent / "golden" / "views"


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("NEWSFACTS_REGEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert text == path.read_bytes().decode("utf-8"), f"{name} differs (NEWSFACTS_REGEN=1 rewrites it)"


class HandBuilt:
    """An executor that gives each read item the next hand-built document (under the item's source)."""

    def __init__(self, docs, seen):
        self.docs, self.seen = docs, seen

    def map(self, items):
        from newsfacts.outcome import Outcome

        sources = []
        for item, doc in zip(items, self.docs, strict=False):
            sources.append(item.source)
            yield Outcome(item.source, item.key, item.content_hash, doc.as_json() | {"source": item.source})
        self.seen["inputs"] = tuple(sources)


@pytest.fixture
def run(monkeypatch, tmp_path):
    """Invoke newsfacts in a temporary folder; every input named is a file holding its document's text."""
    seen = {}
    monkeypatch.chdir(tmp_path)

    def invoke(*args, docs=None, env=None, prefix=("-w", "1", "-q")):
        docs = [article()] if docs is None else docs
        names = [a for a in args if a.endswith(".txt")]
        for name, doc in zip(names, docs, strict=False):
            if not Path(name).exists():
                Path(name).write_text(doc.text, encoding="utf-8")
        monkeypatch.setattr(runner, "make_executor", lambda opts, settings: HandBuilt(docs, seen))
        return CliRunner().invoke(cli, [*prefix, *args], env=env, catch_exceptions=False)

    invoke.seen = seen
    return invoke




@pytest.mark.parametrize(
    ("name", "args", "env"),
    [
        ("article.table.txt", [], None),
        ("article.table80.txt", [], {"COLUMNS": "80"}),
        ("article.highlight.txt", ["-f", "highlight"], None),
        ("article.csv", ["-f", "csv"], None),
        ("article.tsv", ["-f", "tsv"], None),
        ("article.html", ["-f", "html"], None),
        ("article.types.json", ["-f", "json", "--types", "per,QUANTITY"], None),
        ("article.types.table.txt", ["--types", "ROLE,HARDWARE"], None),
    ],
)
def test_each_view_of_the_article(run, name, args, env):
    result = run(*args, "article.txt", env=env)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    golden(name, result.stdout_bytes.decode("utf-8"))  # .stdout would turn CSV's CRLF into LF


def test_several_documents_one_page_with_an_index(run):
    result = run("-f", "html", "article.txt", "second.txt", docs=[article(), second()])
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert page.count("<!DOCTYPE html>") == 1
    assert '<nav class="index"><h2>2 documents</h2>' in page
    assert '<a href="#doc-1">article.txt</a>' in page and '<a href="#doc-2">second.txt</a>' in page
    assert page.count('<section class="doc"') == 2
    golden("batch.html", page)


# ------------------------------------------------------------------ table


def test_table_has_facts_and_posts(run):
    lines = [" ".join(line.split()) for line in run("article.txt").stdout.splitlines()]
    assert "Who What How much" in lines
    assert "Microsoft закупить ~150 000 ускоритель" in lines
    assert "Microsoft обойтись 4 500 000 000 USD" in lines
    assert "Person Post Organisation" in lines
    assert "Дженсен Хуанг глава NVIDIA" in lines


@pytest.mark.parametrize("width", [80, 60, 44])
def test_narrow_tables_cut_the_context_never_a_name(run, width):
    out = run("article.txt", env={"COLUMNS": str(width)}).stdout
    assert max(cell_len(line) for line in out.splitlines()) <= width
    for name in ("NVIDIA", "Microsoft", "Дженсен Хуанг", "Техас", "Сан-Хосе", "NVIDIA H100", "NVIDIA B200"):
        assert any(line.split("  ")[0].strip() == name or f" {name} " in line for line in out.splitlines()), name
    assert "…" in out or width > 100


def test_at_80_columns_every_name_of_the_sample_is_whole(sample_doc):
    from rich.console import Console

    from newsfacts.render import TableWriter

    console = Console(file=io.StringIO(), width=80, color_system=None)
    TableWriter(console.file, console=console).write(sample_doc.as_json())
    out = console.file.getvalue()
    assert max(cell_len(line) for line in out.splitlines()) <= 80
    cells = {" ".join(line.split("   ")[0].split()) for line in out.splitlines()}
    for e in sample_doc.entities:
        assert (e.normal or e.text) in cells, e  # a relative date with no normal form shows its text


# ------------------------------------------------------------------ csv


def test_csv_quotes_commas_quotes_and_round_trips(run):
    out = run("-f", "csv", "article.txt").stdout_bytes.decode("utf-8")
    assert out.startswith("source,kind,text,normal,vendor,category,value,max,unit,quantity_kind,approx,"
                          "subject,predicate,object,start,stop,sentence_index,sentence\r\n")
    assert '<script>alert(""x"")</script>."\r\n' in out  # RFC 4180: a quote inside a field is doubled
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert len(rows) == 13 + 3 + 1
    money = next(r for r in rows if r["quantity_kind"] == "money")
    assert (money["value"], money["unit"], money["subject"], money["predicate"]) == ("4500000000", "USD",
                                                                                     "Microsoft", "обойтись")
    role = next(r for r in rows if r["kind"] == "ROLE")
    assert (role["subject"], role["predicate"], role["object"]) == ("Дженсен Хуанг", "глава", "NVIDIA")
    text = article().text
    for r in rows:
        assert text[int(r["start"]) : int(r["stop"])] == r["text"]


def test_csv_with_no_document_is_the_header_alone(run):
    out = run("-f", "csv", "none.txt", "nothing.txt", docs=[]).stdout_bytes.decode("utf-8")
    assert out.count("\r\n") == 1 and out.startswith("source,kind,")


# ------------------------------------------------------------------ --types


def test_types_keeps_only_those_kinds_in_every_format(run):
    doc = json.loads(run("-f", "json", "--types", "HARDWARE", "article.txt").stdout)
    assert {e["type"] for e in doc["entities"]} == {"HARDWARE"}
    assert doc["quantities"] == [] and doc["roles"] == []
    rows = list(csv.DictReader(io.StringIO(run("-f", "csv", "--types", "DATE,ROLE", "article.txt").stdout)))
    assert [r["kind"] for r in rows] == ["ROLE", "DATE"]
    marked = run("-f", "highlight", "--types", "LOC", "article.txt").stdout
    assert "[Техасе|LOC: Техас]" in marked and "|ORG" not in marked and "|QUANTITY" not in marked
    page = run("-f", "html", "--types", "PER", "article.txt").stdout
    assert page.count('<mark class="f k-PER"') == 2 and 'class="f k-ORG"' not in page


def test_unknown_type_is_a_usage_error_listing_the_known_ones(run):
    result = run("--types", "PER,GPU", "article.txt")
    assert result.exit_code == 2
    assert "unknown kind GPU; known kinds: PER,ORG,LOC,HARDWARE,DATE,QUANTITY,ROLE" in result.stderr
    assert result.stdout == ""


def test_the_store_still_gets_every_fact(run, tmp_path):
    db = tmp_path / "facts.sqlite"
    assert run("--types", "PER", "--db", str(db), "article.txt").exit_code == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM entities").fetchone()[0] == 13
        assert conn.execute("SELECT COUNT(*) FROM quantities").fetchone()[0] == 3


# ------------------------------------------------------------------ html


def test_html_escapes_all_text(run):
    page = run("-f", "html", '<b onclick="x">.txt').stdout
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "<b onclick" not in page and "<title>&lt;b onclick=&quot;x&quot;&gt;.txt</title>" in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in page


def test_html_marks_carry_normal_vendor_value_and_unit(run):
    page = run("-f", "html", "article.txt").stdout
    assert ('<mark class="f k-PER" tabindex="0" data-kind="PER" data-key="PER|Дженсен Хуанг"'
            ' data-normal="Дженсен Хуанг" data-tip="PER&#10;Дженсен Хуанг">Хуанг</mark>') in page
    assert 'data-tip="HARDWARE&#10;NVIDIA H100&#10;vendor: NVIDIA&#10;category: GPU">H100</mark>' in page
    assert "value: 4 500 000 000&#10;unit: USD&#10;kind: money" in page
    assert '<h3><span class="sw k-ORG"></span>Organisations <span class="count">2</span></h3>' in page


# ------------------------------------------------------------------ highlight


def test_highlight_in_colour_on_a_terminal(monkeypatch):
    from rich.console import Console

    from newsfacts.render import HighlightWriter

    monkeypatch.delenv("NO_COLOR", raising=False)
    out = io.StringIO()
    w = HighlightWriter(out, console=Console(file=out, force_terminal=True, width=50, color_system="standard"))
    w.write(article().as_json() | {"text": article().text})
    text = out.getvalue()
    assert "\x1b[1;36mХуанг\x1b[0m\x1b[2m⟨Дженсен Хуанг⟩\x1b[0m" in text  # PER bold cyan, normal form dim
    assert "[Хуанг|PER" not in text
    # inside the post's underline the organisation keeps its own colour
    assert "\x1b[4mГлава \x1b[0m\x1b[1;4;35mNvidia\x1b[0m" in text
    plain = [line for line in _strip_ansi(text).splitlines()]
    assert max(cell_len(line) for line in plain) <= 50  # wrapped at the terminal's width
    assert plain[1].startswith("PER person  ORG organisation")  # the legend line


def test_highlight_with_no_color_on_a_terminal_marks_in_brackets(monkeypatch):
    from rich.console import Console

    from newsfacts.render import HighlightWriter

    monkeypatch.setenv("NO_COLOR", "1")
    out = io.StringIO()
    w = HighlightWriter(out, console=Console(file=out, force_terminal=True, width=200))
    w.write(article().as_json())  # no text: rebuilt from the sentences
    text = out.getvalue()
    assert "\x1b[" not in text
    assert "[Хуанг|PER: Дженсен Хуанг]" in text and "[Microsoft|ORG]" in text
    assert "[около 150 тысяч ускорителей|QUANTITY: ~150 000 ускоритель]" in text


def _strip_ansi(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", text)


# ------------------------------------------------------------------ terminal injection


@pytest.mark.parametrize("fmt", ["table", "highlight"])
def test_escape_sequences_from_the_text_are_shown_escaped(run, fmt):
    out = run("-f", fmt, hostile().source, docs=[hostile()]).stdout
    assert "\x1b" not in out and "\x07" not in out
    assert "Evil\\x1b[2J\\x1b]0;pwned\\x07Corp" in out
    assert "evil\\x1b[31m.txt" in out


@pytest.mark.parametrize("fmt", ["table", "highlight"])
def test_escape_sequences_stay_escaped_on_a_colour_terminal(monkeypatch, fmt):
    from rich.console import Console

    from newsfacts.render import RENDERERS

    monkeypatch.delenv("NO_COLOR", raising=False)
    out = io.StringIO()
    writer = RENDERERS[fmt](out, console=Console(file=out, force_terminal=True, width=120))
    writer.write(hostile().as_json() | {"text": hostile().text})
    text = out.getvalue()
    assert "\x1b[2J" not in text and "\x1b]" not in text and "\x07" not in text and "\x1b[31m" not in text
    assert "\\x1b[2J" in _strip_ansi(text)


# ------------------------------------------------------------------ help, version, dispatch


def test_help_lists_each_format_on_its_own_line():
    out = CliRunner().invoke(cli, ["--help"]).stdout
    block = out.split("Formats (-f):\n")[1].split("\n\n")[0].splitlines()
    assert [line.split()[0] for line in block] == list(FORMATS)
    assert "--types KINDS" in out and "newsfacts top" in out


def test_top_is_the_subcommand_and_a_file_named_top_is_still_an_input(run):
    assert "The corpus at a glance" in CliRunner().invoke(cli, ["top", "--help"]).stdout
    assert run("--", "top", prefix=()).exit_code == 0
    assert run.seen["inputs"] == ("top",)
    run("./top", prefix=())
    assert run.seen["inputs"] == ("./top",)


def test_an_escape_in_a_file_name_is_escaped_on_stderr(tmp_path):
    result = CliRunner().invoke(cli, ["-w", "1", str(tmp_path / "evil\x1b[2J\x1b]0;t\x07.txt")])
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "evil\\x1b[2J\\x1b]0;t\\x07.txt" in result.stderr


def test_highlight_and_html_show_the_article_as_read_not_rebuilt(run):
    # the document object has no text; the reader's text keeps the single line break between the
    # second paragraph's lines (a text rebuilt from the sentences would make it a space)
    marked = run("-f", "highlight", "article.txt").stdout
    assert "[4,5 млрд долларов|QUANTITY: 4 500 000 000 USD].\n[В марте 2024 года|DATE: 2024-03]" in marked
    page = run("-f", "html", "article.txt").stdout
    assert "</mark>.\n<mark class=\"f k-DATE\"" in page
