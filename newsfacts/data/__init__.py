"""Lexicons shipped with the package, and the one helper that reads them.

Format: UTF-8, one item per line, TAB separates columns. A line starting with
``#`` is a comment, and so is the rest of a line after `` #`` (space, hash), so
an item may itself contain ``#`` ("C#").
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

DATA_DIR = Path(__file__).parent


def data_path(name: str) -> Path:
    return DATA_DIR / name


def load_lines(name: str) -> Iterator[str]:
    """Yield the non-empty, non-comment lines of a data file, stripped of comments."""
    with open(data_path(name), encoding="utf-8") as f:
        for line in f:
            if line.lstrip().startswith("#"):
                continue
            line = line.split(" #", 1)[0].split("\t#", 1)[0].rstrip("\r\n ")
            if line.strip():
                yield line


def load_rows(name: str) -> Iterator[list[str]]:
    """Yield TAB-separated rows of a data file, columns stripped."""
    for line in load_lines(name):
        yield [col.strip() for col in line.split("\t")]
