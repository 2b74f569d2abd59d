"""``-f html``: one standalone page (styles and script inline, nothing fetched).

Each document is a section: the article with its facts marked by kind (hover
or focus a mark to see its normal form, vendor/category, value and unit) and,
beside it, the facts grouped by kind with counts. Several documents get an
index at the top, so the page is written when the run closes. Every piece of
text is HTML-escaped; control characters are shown as escapes.
"""

from __future__ import annotations

import html
from collections import Counter
from typing import IO, Any

from ..const import FACT_KINDS, QUANTITY, ROLE
from .facts import KINDS, Mark, document_text, marks, nest, printable_lines, shows_normal


def esc(text: str | None) -> str:
    return html.escape(printable_lines(text or ""), quote=True)


def mark_key(m: Mark) -> str:
    """Ties a mark in the text to its line in the fact list."""
    return f"{m.kind}|{m.start}" if m.kind in (QUANTITY, ROLE) else f"{m.kind}|{m.normal or m.text}"


def article_html(text: str, forest: list[tuple[Mark, list]], start: int = 0, stop: int | None = None) -> str:
    stop = len(text) if stop is None else stop
    out, pos = [], start
    for m, inner in forest:
        out.append(esc(text[pos : m.start]))
        tip = [m.kind] + ([m.normal or ""] if shows_normal(m) or m.kind in (QUANTITY, ROLE) else [])
        tip += [f"{k}: {v}" for k, v in m.details]
        tip_attr = esc("\n".join(tip)).replace("\n", "&#10;")  # one line a detail, the mark on one source line
        out.append(
            f'<mark class="f k-{m.kind}" tabindex="0" data-kind="{m.kind}" data-key="{esc(mark_key(m))}"'
            f' data-normal="{esc(m.normal)}" data-tip="{tip_attr}">'
            f"{article_html(text, inner, m.start, m.stop)}</mark>"
        )
        pos = m.stop
    out.append(esc(text[pos:stop]))
    return "".join(out)


def fact_list(doc: dict[str, Any], found: list[Mark]) -> str:
    """The aside: one group a kind, each distinct fact once with its mention count."""
    groups = []
    for kind in FACT_KINDS:
        items = [m for m in found if m.kind == kind]
        if not items:
            continue
        if kind == ROLE:  # each post on its own line, though two may share one phrase (one mark)
            entries = [(f"{ROLE}|{r['start']}", " — ".join(p for p in (r["person"], r["role"], r.get("org")) if p),
                        r["text"], 1) for r in doc.get("roles", [])]
        elif kind == QUANTITY:
            entries = [(mark_key(m), m.normal or m.text, m.text, 1) for m in items]
        else:
            counts = Counter(m.normal or m.text for m in items)
            first = {}
            for m in items:
                first.setdefault(m.normal or m.text, m)
            entries = [(mark_key(m), key, ", ".join(v for _, v in m.details), counts[key]) for key, m in first.items()]
        wide = ' class="wide"' if kind in (QUANTITY, ROLE) else ""  # the text goes under the amount
        rows = "".join(
            f'<li data-key="{esc(key)}" tabindex="0"{wide}><span class="name">{esc(name)}</span>'
            + (f'<span class="sub">{esc(sub)}</span>' if sub and sub != name else "")
            + (f'<span class="n" title="mentions">{n}</span>' if kind not in (QUANTITY, ROLE) else "")
            + "</li>"
            for key, name, sub, n in entries
        )
        groups.append(
            f'<div class="group" data-kind="{kind}"><h3><span class="sw k-{kind}"></span>{KINDS[kind].title}'
            f' <span class="count">{len(entries)}</span></h3><ul>{rows}</ul></div>'
        )
    return "".join(groups) or '<p class="none">no facts found</p>'


def section(doc: dict[str, Any], number: int) -> str:
    text = document_text(doc)
    found = marks(doc)
    meta = (f"{doc['chars']:,} chars · {len(doc.get('sentences', []))} sentences · "
            f"{len(doc.get('entities', []))} entity mentions · {len(doc.get('quantities', []))} quantities")
    if doc.get("published"):
        meta = f"published {esc(doc['published'])} · " + meta
    return (
        f'<section class="doc" id="doc-{number}" data-source="{esc(doc["source"])}">'
        f'<h2>{esc(doc["source"])}</h2><p class="meta">{meta.replace(",", " ")}</p>'
        f'<div class="cols"><article class="text">{article_html(text, nest(found))}</article>'
        f'<aside class="facts">{fact_list(doc, found)}</aside></div></section>\n'
    )


def legend() -> str:
    return "".join(f'<span class="chip k-{k.name}">{k.name} <i>{k.label}</i></span>' for k in KINDS.values())


STYLE = """
:root { --ink: #1d2330; --muted: #677085; --line: #e3e6ee; --bg: #f7f8fb; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
       color: var(--ink); background: var(--bg); }
header.top { padding: 14px 28px; background: #1d2330; color: #fff; display: flex; flex-wrap: wrap;
             gap: 8px 20px; align-items: center; }
header.top h1 { margin: 0; font-size: 20px; letter-spacing: .5px; }
.legend { display: flex; flex-wrap: wrap; gap: 6px; }
.chip { padding: 1px 8px; border-radius: 4px; font-size: 12px; color: var(--ink); font-weight: 600; }
.chip i { font-style: normal; font-weight: 400; }
.chip.k-ROLE { background: #fff; border-bottom: 2px dashed #8a6bd1; }
main { padding: 18px 28px 40px; max-width: 1280px; margin: 0 auto; }
nav.index { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 20px;
            margin-bottom: 18px; }
nav.index h2 { font-size: 16px; margin: 4px 0; }
nav.index li span { color: var(--muted); font-size: 13px; margin-left: 8px; }
section.doc { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 6px 24px 20px;
              margin-bottom: 18px; }
section.doc h2 { font-size: 18px; margin: 12px 0 0; word-break: break-all; }
.meta { color: var(--muted); font-size: 13px; margin: 2px 0 10px; }
.cols { display: grid; grid-template-columns: minmax(0, 1fr) 330px; gap: 28px; }
@media (max-width: 860px) { .cols { grid-template-columns: 1fr; } }
article.text { white-space: pre-wrap; overflow-wrap: anywhere; }
mark.f { color: inherit; border-radius: 3px; padding: 0 1px; cursor: help; outline-offset: 1px; }
mark.f:focus, mark.f.lit { outline: 2px solid #3b5bdb; }
mark.k-ROLE { background: transparent; border-bottom: 2px dashed #8a6bd1; }
aside.facts { font-size: 14px; border-left: 1px solid var(--line); padding-left: 20px; }
.group h3 { font-size: 13px; text-transform: uppercase; letter-spacing: .6px; color: var(--muted);
            margin: 12px 0 4px; display: flex; align-items: center; gap: 6px; }
.group .count { margin-left: auto; background: #eef0f5; color: var(--ink); border-radius: 10px; padding: 0 8px; }
.sw { width: 12px; height: 12px; border-radius: 3px; display: inline-block; }
.group ul { list-style: none; margin: 0; padding: 0; }
.group li { display: flex; gap: 6px; align-items: baseline; padding: 2px 4px; border-radius: 4px; cursor: default; }
.group li:hover, .group li:focus { background: #eef2ff; }
.group li .sub { color: var(--muted); font-size: 12px; }
.group li.wide { flex-wrap: wrap; row-gap: 0; }
.group li.wide .sub { flex-basis: 100%; }
.group li .n { margin-left: auto; color: var(--muted); font-variant-numeric: tabular-nums; }
#tip { position: absolute; display: none; z-index: 10; max-width: 340px; white-space: pre-line;
       background: #1d2330; color: #fff; font-size: 13px; line-height: 1.45; padding: 6px 10px;
       border-radius: 6px; box-shadow: 0 4px 14px rgba(0,0,0,.2); pointer-events: none; }
#tip b { color: #ffd866; }
"""

SCRIPT = """
(function () {
  var tip = document.getElementById("tip");
  function show(m) {
    var lines = m.getAttribute("data-tip").split("\\n");
    tip.textContent = "";
    lines.forEach(function (line, i) {
      var el = document.createElement(i ? "div" : "b");
      el.textContent = line;
      tip.appendChild(el);
    });
    var r = m.getBoundingClientRect();
    tip.style.left = (window.scrollX + r.left) + "px";
    tip.style.top = (window.scrollY + r.bottom + 6) + "px";
    tip.style.display = "block";
  }
  function hide() { tip.style.display = "none"; }
  function markOf(e) { return e.target.closest ? e.target.closest("mark.f") : null; }
  document.addEventListener("mouseover", function (e) { var m = markOf(e); if (m) show(m); else hide(); });
  document.addEventListener("focusin", function (e) { var m = markOf(e); if (m) show(m); else hide(); });
  document.addEventListener("focusout", hide);
  function light(li, on) {
    var doc = li.closest("section.doc");
    doc.querySelectorAll("mark.f").forEach(function (m) {
      if (m.getAttribute("data-key") === li.getAttribute("data-key")) m.classList.toggle("lit", on);
    });
  }
  document.querySelectorAll(".group li").forEach(function (li) {
    li.addEventListener("mouseenter", function () { light(li, true); });
    li.addEventListener("mouseleave", function () { light(li, false); });
    li.addEventListener("click", function () {
      var doc = li.closest("section.doc");
      var key = li.getAttribute("data-key");
      var first = Array.prototype.find.call(doc.querySelectorAll("mark.f"), function (m) {
        return m.getAttribute("data-key") === key;
      });
      if (first) { first.scrollIntoView({block: "center"}); first.focus(); }
    });
  });
})();
"""

# Collects script errors before anything else runs (the browser test reads window.__errors).
ERROR_HOOK = (
    'window.__errors = []; window.addEventListener("error", function (e) { window.__errors.push(String(e.message)); });'
)


def page(title: str, body: str, extra_style: str = "", script: str = SCRIPT) -> str:
    kind_css = "".join(f".k-{k.name} {{ background: {k.colour}; }}\n" for k in KINDS.values() if k.name != ROLE)
    return (
        '<!DOCTYPE html>\n<html lang="ru">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<script>{ERROR_HOOK}</script>\n"
        f"<style>{STYLE}{kind_css}{extra_style}</style>\n</head>\n<body>\n"
        f'<header class="top"><h1>newsfacts</h1><div class="legend">{legend()}</div></header>\n'
        f'<main>\n{body}</main>\n<div id="tip" role="tooltip"></div>\n'
        f"<script>{script}</script>\n</body>\n</html>\n"
    )


class HtmlWriter:
    """Collects the documents' sections; writes the page, index first, on close."""

    wants_text = True

    def __init__(self, stream: IO[str], single: bool = False) -> None:
        self.stream = stream
        self.sections: list[str] = []
        self.index: list[tuple[str, int, int]] = []

    def write(self, doc: dict[str, Any]) -> None:
        number = len(self.sections) + 1
        self.sections.append(section(doc, number))
        self.index.append((doc["source"], len(doc.get("entities", [])), len(doc.get("quantities", []))))

    def close(self) -> None:
        if len(self.sections) == 1:
            title, body = self.index[0][0], self.sections[0]
        else:
            title = f"newsfacts: {len(self.sections)} documents"
            items = "".join(
                f'<li><a href="#doc-{i}">{esc(source)}</a><span>{ents} entity mentions · {qs} quantities</span></li>'
                for i, (source, ents, qs) in enumerate(self.index, 1)
            )
            body = (f'<nav class="index"><h2>{len(self.sections)} documents</h2><ol>{items}</ol></nav>\n'
                    + ("".join(self.sections) or '<p class="none">no documents</p>\n'))
        self.stream.write(page(title, body))
        self.stream.flush()
