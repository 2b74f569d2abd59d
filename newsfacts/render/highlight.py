"""``-f highlight``: the article on the terminal with every fact marked by kind.

On a colour terminal each fact is coloured by kind and followed by its normal
form in dim brackets where that differs from the text (⟨Илон Маск⟩); the text
wraps at the terminal's width. With NO_COLOR, or off a terminal, facts are
marked in plain text as ``[Маска|PER: Илон Маск]`` (``[Twitter|ORG]`` when the
text is already the normal form), and off a terminal lines are not re-wrapped.
Marks nest: an amount that contains a place shows both.
"""

from __future__ import annotations

import os
from typing import IO, Any

from rich.console import Console
from rich.text import Text

from ..escape import printable
from .facts import KINDS, Mark, document_text, marks, nest, printable_lines, shows_normal
from .table import make_console


def _piece(text: str) -> str:
    return printable_lines(text)


def plain(text: str, forest: list[tuple[Mark, list]], start: int = 0, stop: int | None = None) -> str:
    """``text[start:stop]`` with the marks written as ``[text|KIND: normal]``."""
    stop = len(text) if stop is None else stop
    out, pos = [], start
    for m, inner in forest:
        out.append(_piece(text[pos : m.start]))
        body = plain(text, inner, m.start, m.stop)
        label = f"{m.kind}: {printable(m.normal)}" if shows_normal(m) else m.kind
        out.append(f"[{body}|{label}]")
        pos = m.stop
    out.append(_piece(text[pos:stop]))
    return "".join(out)


def coloured(text: str, forest: list[tuple[Mark, list]], start: int = 0, stop: int | None = None) -> Text:
    """``text[start:stop]`` as rich Text, each mark styled by kind and followed by its normal form."""
    stop = len(text) if stop is None else stop
    out, pos = Text(), start
    for m, inner in forest:
        out.append(_piece(text[pos : m.start]))
        body = coloured(text, inner, m.start, m.stop)
        body.stylize_before(KINDS[m.kind].style)  # under the inner marks: a place inside an amount stays a place
        out.append_text(body)
        if shows_normal(m):
            out.append(f"⟨{printable(m.normal or '')}⟩", style="dim")
        pos = m.stop
    out.append(_piece(text[pos:stop]))
    return out


def legend(kinds: list[str], colour: bool) -> Text:
    line = Text("" if colour else "marks [text|KIND: normal form]  ", style="dim")
    for i, kind in enumerate(kinds):
        if i:
            line.append("  ")
        line.append(kind, style=KINDS[kind].style if colour else "")
        line.append(f" {KINDS[kind].label}")
    return line


class HighlightWriter:
    """The article text with facts marked, one document after another."""

    wants_text = True

    def __init__(self, stream: IO[str], single: bool = False, console: Console | None = None) -> None:
        self.stream = stream
        self.console = console if console is not None else make_console(stream)
        self.colour = self.console.is_terminal and not os.environ.get("NO_COLOR") and not self.console.no_color
        self.count = 0

    def write(self, doc: dict[str, Any]) -> None:
        text = document_text(doc)
        found = marks(doc)
        forest = nest(found)
        kinds = [k for k in KINDS if any(m.kind == k for m in found)]
        c = self.console
        if self.count:
            self._line("")
        self.count += 1
        self._line(Text(printable(doc["source"]), style="bold"))
        self._line(legend(kinds, self.colour) if kinds else Text("no facts found", style="dim"))
        self._line("")
        if self.colour:
            body = coloured(text, forest)
            body.rstrip()
            c.print(body)
        else:
            self._line(plain(text, forest).rstrip("\n"))
        if not c.is_terminal:
            self.stream.flush()

    def _line(self, line: str | Text) -> None:
        c = self.console
        if c.is_terminal:
            text = line if isinstance(line, Text) else Text(line)
            c.print(text if self.colour else Text(text.plain))  # NO_COLOR: no bold or dim either
        else:  # off a terminal: the article's own line breaks, no re-wrapping
            self.stream.write((line.plain if isinstance(line, Text) else line) + "\n")

    def close(self) -> None:
        pass
