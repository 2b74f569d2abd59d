"""Lexicons shipped with the package, and the one helper that reads them.

Format: UTF-8, one item per line, TAB separates columns. A line starting with
``#`` is a comment, and so is the rest of a line after `` #`` (space, hash), so
an item may itself contain ``#`` ("C#").
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent


def data_path(name: str) -> Path:
    return DATA_DIR / name


def load_lines(name: str) -> Iterator[str]:
    """Yield the non-empty, non-comment lines of a data file, stripped of comments."""
    return iter(_lines(name))


def load_rows(name: str) -> Iterator[list[str]]:
    """Yield TAB-separated rows of a data file, columns stripped."""
    return (list(row) for row in _rows(name))


# Several lexicons read the same file (hardware.tsv three times, units.tsv four): each file
# is read and split once per process. The files are part of the package: they never change.
@cache
def _lines(name: str) -> tuple[str, ...]:
    with open(data_path(name), encoding="utf-8") as f:
        text = f.read()
    out = []
    for line in text.split("\n"):  # the lines file iteration gives (newlines are translated)
        if line.lstrip().startswith("#"):
            continue
        line = line.split(" #", 1)[0].split("\t#", 1)[0].rstrip("\r\n ")
        if line.strip():
            out.append(line)
    return tuple(out)


@cache
def _rows(name: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(col.strip() for col in line.split("\t")) for line in _lines(name))
