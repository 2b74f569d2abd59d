"""How ``newsfacts top`` shows a :class:`~newsfacts.top.TopView`: tables, JSON, or a page of SVG bar charts."""

from __future__ import annotations

import json
from typing import IO

from rich import box
from rich.console import Console
from rich.table import Table

from ..top import Amount, TopView
from .facts import KINDS, format_number
from .page import esc, page
from .table import safe


def _table(title: str) -> Table:
    return Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False)


def _amount(a: Amount) -> str:
    value = format_number(a.value) + ("–" + format_number(a.max) if a.max is not None else "")
    return ("~" if a.approx else "") + value


def write_table(view: TopView, console: Console) -> None:
    console.print(f"[bold]{view.documents:,} document{'' if view.documents == 1 else 's'}[/bold]")
    for kind, rows in view.entities.items():
        t = _table(f"{KINDS[kind].title}: most mentioned")
        t.add_column("Name", style="bold cyan", overflow="fold")
        t.add_column("Mentions", justify="right", no_wrap=True)
        t.add_column("Documents", justify="right", no_wrap=True)
        for e in rows:
            t.add_row(safe(e.normal), str(e.mentions), str(e.documents))
        console.print(t)
    if view.hardware_companies:
        t = _table("Hardware named with companies")
        t.add_column("Company", style="bold cyan", overflow="fold")
        t.add_column("Hardware", style="bold yellow", overflow="fold")
        t.add_column("Documents", justify="right", no_wrap=True)
        t.add_column("Sentences", justify="right", no_wrap=True)
        for p in view.hardware_companies:
            t.add_row(safe(p.company), safe(p.hardware), str(p.documents), str(p.sentences))
        console.print(t)
    for unit, amounts in view.money.items():
        t = _table(f"Largest amounts of money, {safe(unit)}")
        t.add_column("Amount", justify="right", style="bold green", no_wrap=True)
        t.add_column("Text", overflow="fold")
        t.add_column("Document", overflow="fold")
        for a in amounts:
            t.add_row(_amount(a), safe(a.text), safe(a.source))
        console.print(t)
    if not view.entities and not view.money:
        console.print("[dim]no facts found[/dim]")


def write_json(view: TopView, stream: IO[str]) -> None:
    stream.write(json.dumps(view.as_json(), ensure_ascii=False, indent=2, allow_nan=False) + "\n")


# ------------------------------------------------------------------ HTML page

BAR_HEIGHT = 22
LABEL_WIDTH = 260
BAR_WIDTH = 300
NOTE_WIDTH = 420


def bar_chart(title: str, rows: list[tuple[str, float, str]], colour: str) -> str:
    """An inline SVG bar chart: one bar a row (label, value, text after the bar)."""
    if not rows:
        return ""
    top = max(value for _, value, _ in rows) or 1
    height = BAR_HEIGHT * len(rows) + 4
    width = LABEL_WIDTH + BAR_WIDTH + NOTE_WIDTH
    bars = []
    for i, (label, value, note) in enumerate(rows):
        y = i * BAR_HEIGHT + 2
        w = max(2, round(BAR_WIDTH * value / top))
        bars.append(
            f'<g class="bar"><title>{esc(label)}: {esc(note)}</title>'
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 15}" text-anchor="end">{esc(_clip(label))}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{w}" height="{BAR_HEIGHT - 6}" rx="3" fill="{colour}"/>'
            f'<text x="{LABEL_WIDTH + w + 6}" y="{y + 15}" class="note">{esc(note)}</text></g>'
        )
    return (
        f'<figure class="chart"><figcaption>{esc(title)}</figcaption>'
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{esc(title)}" width="{width}"'
        f' height="{height}" viewBox="0 0 {width} {height}">{"".join(bars)}</svg></figure>'
    )


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _clip(label: str, limit: int = 32) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


CHART_STYLE = """
figure.chart { background: #fff; border: 1px solid var(--line); border-radius: 8px; margin: 0 0 16px;
               padding: 10px 16px; }
figure.chart figcaption { font-weight: 600; margin-bottom: 6px; }
figure.chart svg { max-width: 100%; height: auto; font-size: 13px; }
figure.chart text { fill: var(--ink); }
figure.chart text.note { fill: var(--muted); }
"""


def page_html(view: TopView) -> str:
    charts = []
    for kind, rows in view.entities.items():
        charts.append(bar_chart(
            f"{KINDS[kind].title}: most mentioned",
            [(e.normal, e.mentions, f"{plural(e.mentions, 'mention')}, {plural(e.documents, 'document')}")
             for e in rows],
            _strong(kind),
        ))
    charts.append(bar_chart(
        "Hardware named with companies (documents)",
        [(f"{p.company} + {p.hardware}", p.documents,
          f"{plural(p.documents, 'document')}, {plural(p.sentences, 'sentence')}")
         for p in view.hardware_companies],
        _strong("HARDWARE"),
    ))
    for unit, amounts in view.money.items():
        charts.append(bar_chart(
            f"Largest amounts of money, {unit}",
            [(f"{_amount(a)} {unit}", a.value, f"{a.text} · {a.source}") for a in amounts],
            _strong("QUANTITY"),
        ))
    body = f'<p class="meta">{view.documents:,} documents</p>\n'.replace(",", " ") + "\n".join(c for c in charts if c)
    return page(f"newsfacts top: {view.documents} documents", body, extra_style=CHART_STYLE, script="")


_STRONG = {"PER": "#2b8ac6", "ORG": "#b44bb8", "LOC": "#3a9a3a", "HARDWARE": "#c99a06", "DATE": "#4a5fd0",
           "QUANTITY": "#d2552d"}


def _strong(kind: str) -> str:
    return _STRONG.get(kind, "#667")
