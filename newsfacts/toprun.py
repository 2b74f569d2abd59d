"""What one `newsfacts top` run does: gather the view (documents or a store), print it, maybe a page."""

from __future__ import annotations

import os
import sqlite3
import sys
from dataclasses import dataclass

from rich.console import Console
from rich.markup import escape

from . import batch
from .escape import printable
from .top import TopView
from .topsql import from_store, has_summaries, open_store

_err = Console(stderr=True, highlight=False, soft_wrap=True)


@dataclass(frozen=True)
class TopOptions:
    inputs: tuple[str, ...] = ()
    db: str | None = None
    rows: int = 10
    fmt: str = "table"
    html: str | None = None
    output: str | None = None
    encoding: str | None = None
    workers: int | None = None


def _say(message: str) -> None:
    _err.print(f"newsfacts top: {escape(printable(message))}")


def gather(opts: TopOptions) -> tuple[TopView | None, int]:
    """The view and the number of inputs that failed (None: nothing to show)."""
    if opts.db:
        if not os.path.isfile(opts.db):
            _say(f"{opts.db}: no such store")
            return None, 1
        try:
            conn = open_store(opts.db)
            try:
                if _err.is_terminal and not has_summaries(conn):
                    _say("first run on this store: adding summary tables (later runs answer at once)")
                return from_store(conn, opts.rows), 0
            finally:
                conn.close()
        except sqlite3.Error as e:
            _say(f"{opts.db}: not a readable newsfacts store ({e})")
            return None, 1
    from .readers import ReadOptions, read_items
    from .top import Corpus

    corpus = Corpus(opts.rows)
    failed = 0
    executor = batch.LocalExecutor(workers=opts.workers or batch.default_workers())
    outcomes = executor.map(read_items(opts.inputs, ReadOptions(encoding=opts.encoding)))
    try:
        for outcome in outcomes:
            if outcome.error is not None:
                failed += 1
                _say(f"{outcome.source}: {outcome.error}")
            elif outcome.doc is not None:
                corpus.add(outcome.doc)
    finally:
        outcomes.close()  # stops the workers if the run ended early
    return corpus.top(), failed


def execute_top(opts: TopOptions) -> int:
    from .render.corpus import page_html, write_json, write_table
    from .render.table import make_console

    view, failed = gather(opts)
    if view is None:
        return 1
    try:
        out = open(opts.output, "w", encoding="utf-8") if opts.output else sys.stdout
    except OSError as e:
        _say(f"{opts.output}: cannot write: {e.strerror or e}")
        return 1
    try:
        if opts.fmt == "json":
            write_json(view, out)
        else:
            write_table(view, make_console(out))
    finally:
        if opts.output:
            out.close()
    if opts.html:
        try:
            with open(opts.html, "w", encoding="utf-8") as f:
                f.write(page_html(view))
        except OSError as e:
            _say(f"{opts.html}: cannot write: {e.strerror or e}")
            return 1
    return 1 if failed else 0
