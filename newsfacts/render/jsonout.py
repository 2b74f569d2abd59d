"""JSON and JSON Lines: the document objects of schema v2, streamed as they come."""

from __future__ import annotations

import json
from typing import IO, Any


def _dump(doc: dict[str, Any], **kw: Any) -> str:
    doc = {k: v for k, v in doc.items() if k != "text"}  # the article text is for the views, not the schema
    return json.dumps(doc, ensure_ascii=False, **kw)


class JsonlWriter:
    """One document object a line, flushed after each document."""

    def __init__(self, stream: IO[str], single: bool = False) -> None:
        self.stream = stream

    def write(self, doc: dict[str, Any]) -> None:
        self.stream.write(_dump(doc) + "\n")
        self.stream.flush()

    def close(self) -> None:
        pass


class JsonWriter:
    """One object for a single input, else an array written element by element."""

    def __init__(self, stream: IO[str], single: bool = False) -> None:
        self.stream = stream
        self.single = single
        self.count = 0

    def write(self, doc: dict[str, Any]) -> None:
        text = _dump(doc, indent=2)
        if self.single and self.count == 0:
            self.stream.write(text)
        else:
            if self.count == 0:
                self.stream.write("[\n")
            elif not self.single:
                self.stream.write(",\n")
            self.stream.write(_indent(text))
        self.count += 1
        self.stream.flush()

    def close(self) -> None:
        if self.single and self.count == 1:
            self.stream.write("\n")
        elif self.count == 0:
            self.stream.write("{}\n" if self.single else "[]\n")
        else:
            self.stream.write("\n]\n")
        self.stream.flush()


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())
