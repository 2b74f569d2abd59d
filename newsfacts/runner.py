"""What one `newsfacts` run does, apart from parsing options (cli.py).

Streams results from batch.run to the renderer (and the --db store), reports
failed inputs one line each on stderr, shows progress on a terminal, and
returns the exit code.
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import ExitStack
from dataclasses import dataclass
from typing import IO

from rich.console import Console
from rich.markup import escape

from . import batch
from .const import STDIN_NAME
from .readers import expand_inputs
from .render import RENDERERS, Selected, view_json
from .textsafe import printable

# Documents written to --db per transaction (a kill loses at most one batch).
DB_BATCH = int(os.environ.get("NEWSFACTS_DB_BATCH", "32"))


@dataclass(frozen=True)
class Options:
    inputs: tuple[str, ...]
    fmt: str = "table"
    output: str | None = None
    encoding: str | None = None
    workers: int | None = None
    db: str | None = None
    force: bool = False
    quiet: bool = False
    types: tuple[str, ...] | None = None  # --types: the kinds of fact the output keeps (the store keeps all)


def _single(inputs: tuple[str, ...]) -> bool:
    """One file or stdin (not a folder): JSON output is one object, not an array."""
    if len(inputs) != 1:
        return False
    from pathlib import Path

    return inputs[0] == "-" or not Path(inputs[0]).is_dir()


def execute(opts: Options) -> int:
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    started = time.perf_counter()
    files = failed = skipped = facts = 0
    with ExitStack() as stack:
        out: IO[str]
        if opts.output:
            try:
                out = stack.enter_context(open(opts.output, "w", encoding="utf-8"))
            except OSError as e:
                err.print(f"newsfacts: {escape(opts.output)}: cannot write: {escape(e.strerror or str(e))}")
                return 1
        else:
            out = _utf8_stdout()
        writer = RENDERERS[opts.fmt](out, single=_single(opts.inputs))
        if opts.types is not None:
            writer = Selected(writer, opts.types)
        store = None
        if opts.db:
            from .store import FactStore

            store = stack.enter_context(FactStore(opts.db))
        is_done = None
        if store is not None and not opts.force:
            is_done = lambda name, digest: store.is_done(db_path(name), digest)  # noqa: E731
        workers = opts.workers or batch.default_workers()
        progress = _progress(err, opts)
        if progress is not None:
            stack.enter_context(progress)
            task = progress.add_task("extracting", total=_count(opts.inputs))
        pending = []
        for result in batch.run(opts.inputs, workers=workers, encoding=opts.encoding, is_done=is_done):
            files += 1
            if result.skipped:
                skipped += 1
            elif result.error is not None:
                failed += 1
                name, error = escape(printable(result.name)), escape(printable(result.error))
                err.print(f"newsfacts: {name}: {error}", markup=True)
            else:
                doc = result.document
                facts += len(doc.entities) + len(doc.quantities)
                writer.write(view_json(doc))
            if store is not None and not result.skipped:
                pending.append(result)
                if len(pending) >= DB_BATCH:
                    _store(store, pending)
                    pending = []
            if progress is not None:
                progress.advance(task)
        if store is not None and pending:
            _store(store, pending)
        writer.close()
    if files > 1 and not opts.quiet or failed and files > 1:
        seconds = time.perf_counter() - started
        parts = [f"{files} files", f"{facts} facts", f"{failed} failed"]
        if opts.db:
            parts.append(f"{skipped} already stored")
        err.print(f"newsfacts: {', '.join(parts)} in {seconds:.1f} s")
    return 1 if failed else 0


def _store(store, results) -> None:
    from .store import StoredItem

    store.write_batch(
        StoredItem(path=db_path(r.name), content_hash=r.content_hash, document=r.document, error=r.error)
        for r in results
    )


def db_path(name: str) -> str:
    """Absolute paths in --db, so a re-run from another folder still finds its documents."""
    return name if name == STDIN_NAME else os.path.abspath(name)


def _utf8_stdout() -> IO[str]:
    stream = sys.stdout
    if hasattr(stream, "reconfigure") and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
        try:
            stream.reconfigure(encoding="utf-8")
        except (ValueError, OSError):
            pass
    return stream


def _progress(err: Console, opts: Options):
    if opts.quiet or not err.is_terminal:
        return None
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    class RateColumn(TextColumn):
        def render(self, task):  # articles per second
            speed = task.finished_speed or task.speed
            return super().render(task) if speed is None else f"{speed:.1f} art/s"

    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(""),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    )


def _count(inputs: tuple[str, ...]) -> int:
    # a second, cheap walk of the folders: the bar needs a total
    return sum(1 for _ in expand_inputs(inputs))
