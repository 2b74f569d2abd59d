"""What one `newsfacts` run does, apart from parsing options (cli.py). A straight line:

    inputs --readers.read_items--> items --executor.map--> outcomes --> every sink

Readers walk the inputs once and yield items (text or error; ``--db`` hits marked stored); the
executor (``batch.LocalExecutor``, or any other that maps items to outcomes in order) extracts
them; each outcome, with a stored document read back from ``--db``, goes to every sink: the
renderer, the store, and whatever else is added to ``sinks``. Failed inputs are one line each on
stderr. Sinks are flushed and closed in ``finally``, whatever ends the run.

Exit codes: 0 every input read, 1 an input failed or the store/output could not be used,
2 usage or setting error, 130 Ctrl-C, 143 SIGTERM. A closed stdout ends the run with 0.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import IO, Any, Protocol

from . import batch
from .errors import NewsfactsError, SettingError, StoreError, Terminated, WorkerLost
from .escape import printable
from .outcome import Outcome
from .readers import ReadOptions, read_items
from .render import RENDERERS, ArticleTexts, Selected
from .settings import MAX_CHARS, Settings, from_env


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
    files_from: str | None = None
    text_field: str = "text"
    id_field: str = "id"
    date_field: str | None = None
    max_chars: int = MAX_CHARS
    types: tuple[str, ...] | None = None  # --types: the kinds of fact the output keeps (the store keeps all)
    facts: bool = True  # --no-facts: no dates, subjects or roles (about a third less time per article)
    parquet: str | None = None  # --parquet DIR: the fact tables as Parquet files
    scheduler: str | None = None  # --scheduler ADDRESS: extract on a Dask cluster's workers


class Sink(Protocol):
    """Where outcomes go: ``write`` each in order, ``close`` once (also after an interruption)."""

    def write(self, outcome: Outcome) -> None: ...

    def close(self, complete: bool) -> None: ...


class RenderSink:
    """The chosen output format; a single input that failed prints nothing (not ``{}``)."""

    def __init__(self, writer: Any, single: bool) -> None:
        self.writer = writer
        self.single = single
        self.written = 0

    def write(self, outcome: Outcome) -> None:
        if outcome.doc is not None and outcome.error is None:
            self.writer.write(outcome.doc)
            self.written += 1

    def close(self, complete: bool) -> None:
        if complete and (self.written or not self.single):
            self.writer.close()


class StoreSink:
    """``--db``: outcomes committed ``batch`` at a time; the pending ones on close, however the run ends."""

    def __init__(self, store: Any, batch: int) -> None:
        self.store = store
        self.batch = batch
        self.pending: list[Outcome] = []

    def write(self, outcome: Outcome) -> None:
        if outcome.stored:
            return
        self.pending.append(outcome)
        if len(self.pending) >= self.batch:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.store.write_batch(self.pending)  # all or nothing: kept for the final flush if interrupted
            self.pending = []

    def close(self, complete: bool) -> None:
        self.flush()


class Stats:
    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.documents = self.failed = self.from_store = self.facts = 0

    def count(self, outcome: Outcome) -> None:
        self.documents += 1
        if outcome.error is not None:
            self.failed += 1
        else:
            self.facts += outcome.facts
            self.from_store += outcome.stored

    def line(self, db: bool) -> str:
        parts = [f"{self.documents} documents", f"{self.facts} facts", f"{self.failed} failed"]
        if db:
            parts.append(f"{self.from_store} from the store")
        return f"newsfacts: {', '.join(parts)} in {time.perf_counter() - self.started:.1f} s"


def execute(opts: Options) -> int:
    """Run ``opts`` to the end; returns the exit code (see the module docstring)."""
    err = _Err()
    collector = _StartupCollector()

    def say(line: str) -> None:
        try:
            err.print(printable(line))
        except (OSError, ValueError):
            pass  # stderr itself is gone: the exit code still tells

    try:
        return _run(opts, err, say, collector)
    except (KeyboardInterrupt, Terminated) as e:  # a last one, after the sinks were closed
        code = 130 if isinstance(e, KeyboardInterrupt) else 143
        kept = " (finished documents are in --db)" if opts.db else ""
        say(f"newsfacts: {'interrupted' if code == 130 else 'terminated'}{kept}")
        return code
    finally:
        collector.restore()


class _StartupCollector:
    """Start-up allocates ~1M objects that live to the end (modules, models, lexicons): the
    cyclic collector scans them over and over (~40 ms of a one-article run) and frees nothing.
    It pauses until the first document is out, then runs again with what is alive then frozen:
    never scanned again, and the pages of forked workers stay shared (batch.py freezes before
    the fork and restarts the collector in each worker, as the gc docs advise)."""

    def __init__(self) -> None:
        self.paused = gc.isenabled()
        self.frozen = False
        self.threshold: tuple[int, ...] | None = None
        if self.paused:
            gc.disable()

    def resume(self) -> None:
        if self.paused:
            self.paused = False
            gc.freeze()
            self.frozen = True
            self.threshold = batch.run_gc_threshold()
            gc.enable()

    def restore(self) -> None:
        """As before the run (a library caller's process is not left frozen)."""
        if self.frozen:
            gc.unfreeze()
            self.frozen = False
        if self.threshold is not None:
            gc.set_threshold(*self.threshold)
            self.threshold = None
        if self.paused:
            self.paused = False
            gc.enable()


# what makes rich's Console.is_terminal say yes where isatty() says no
_RICH_TERMINAL_ENV = ("FORCE_COLOR", "TTY_COMPATIBLE", "FORCE_TERMINAL")


class _Err:
    """stderr: plain writes, through a rich console once the live progress line needs one
    (importing rich costs ~30 ms, and a one-article run never shows the line)."""

    def __init__(self, console: Any = None) -> None:
        self._console = console  # a rich Console made elsewhere (tests), else made on need

    @property
    def console(self) -> Any:
        if self._console is None:
            from rich.console import Console

            # emoji=False: ":name:" in a file name stays as written, as it does before the line shows
            self._console = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)
        return self._console

    def surely_no_terminal(self) -> bool:
        """stderr is no terminal and nothing tells rich to treat it as one (its `is_terminal`
        needs rich imported: 30-60 ms of a run whose stderr is a file or a pipe)."""
        if self._console is not None or any(v in os.environ for v in _RICH_TERMINAL_ENV):
            return False
        try:
            return sys.stderr is None or not sys.stderr.isatty()
        except (OSError, ValueError, AttributeError):
            return True

    def print(self, line: str) -> None:
        if self._console is not None:  # above the live line
            self._console.print(line, markup=False, highlight=False)
        elif sys.stderr is not None:  # None when started with stderr closed (2>&-)
            sys.stderr.write(line + "\n")
            sys.stderr.flush()


def _run(opts: Options, err: _Err, say, collector: _StartupCollector | None = None) -> int:
    try:
        settings = from_env()
    except SettingError as e:
        say(f"newsfacts: {e}")
        return 2
    stats = Stats()
    store = out_file = outcomes = progress = None
    sinks: list[Sink] = []
    code, complete = 0, False
    signals = _Signals()
    try:
        if opts.db:  # opened and validated before -o is touched
            from .store import FactStore

            store = FactStore(opts.db, timeout=settings.db_timeout)
        stream, out_file = _open_output(opts)
        if out_file is None and stream.isatty():
            stream = _Switch(stream)
        writer = RENDERERS[opts.fmt](stream, single=_single(opts))
        if opts.types is not None:
            writer = Selected(writer, opts.types)
        texts = ArticleTexts() if getattr(writer, "wants_text", False) else None  # highlight and html show it
        if texts is not None:
            writer = texts.wrap(writer)
        # The store first: an interrupt between two sinks then leaves a document stored but
        # not yet printed (a re-run prints it from the store), never printed but lost.
        if store is not None:
            sinks.append(StoreSink(store, settings.batch))
        sinks.append(RenderSink(writer, _single(opts)))
        if opts.parquet:
            from .parquet import OutcomeSink

            sinks.append(OutcomeSink(opts.parquet))
        known = store.is_done if store is not None and not opts.force else None
        items = read_items(_inputs(opts), _read_options(opts), known)
        if texts is not None:
            items = texts.remember(items)
        outcomes = make_executor(opts, settings).map(items)
        progress = _Progress(err, stream, enabled=not opts.quiet)
        for outcome in outcomes:
            if outcome.stored:
                outcome = _from_store(store, outcome)
            stats.count(outcome)
            if outcome.error is not None:
                say(f"newsfacts: {outcome.source}: {outcome.error}")
            with signals.held():  # a document reaches every sink whole, or none of them
                for sink in sinks:
                    sink.write(outcome)
            progress.advance()
            if collector is not None:
                collector.resume()
        complete = True
    except BrokenPipeError:
        _silence_stdout()  # the reader went away (| head): nothing more to say, and no error
        code = -1
    except (StoreError, WorkerLost) as e:
        say(f"newsfacts: {e}")
        code = 1
    except NewsfactsError as e:  # --parquet folder not writable, --scheduler not reachable
        say(f"newsfacts: {e}")
        code = 1
    except OSError as e:
        say(f"newsfacts: {_output_name(opts)}: cannot write: {(e.strerror or str(e)).lower()}")
        if opts.output is None:
            _silence_stdout()
        code = 1
    except KeyboardInterrupt:
        code = 130
    except Terminated:
        code = 143
    finally:
        # The first statement, with no call before it that could run a signal handler: from here
        # on Ctrl-C and SIGTERM are only noted, so the final flush is never cut.
        signals.depth += 1
        if outcomes is not None:
            _close_quietly(outcomes)  # stops the workers if the run ended early
        if progress is not None:
            progress.stop()
        for sink in sinks:
            try:
                sink.close(complete)
            except BrokenPipeError:
                _silence_stdout()
            except (StoreError, OSError) as e:
                say(f"newsfacts: {e}" if isinstance(e, StoreError) else f"newsfacts: cannot write: {e}")
                code, complete = code or 1, False
        if out_file is not None:
            _finish_output(out_file, complete and code == 0, say)
        if store is not None:
            store.close()
        signals.restore()
        if signals.pending is not None and code >= 0:  # arrived during the final flush
            code = 130 if signals.pending is KeyboardInterrupt else 143
    if code == -1:
        return 0
    if code in (130, 143):
        kept = " (finished documents are in --db)" if opts.db else ""
        say(f"newsfacts: {'interrupted' if code == 130 else 'terminated'}{kept}")
        return code
    if code:
        return code
    if stats.documents > 1 and not opts.quiet:  # -q: the error lines and the exit code tell
        say(stats.line(bool(opts.db)))
    return 1 if stats.failed else 0


def make_executor(opts: Options, settings: Settings):
    """The executor that maps items to outcomes: the local process pool, or a Dask cluster's workers."""
    if opts.scheduler:
        from .dask import DaskExecutor
        from .settings import INFLIGHT_PER_WORKER

        return DaskExecutor(opts.scheduler, batch=settings.batch, inflight=INFLIGHT_PER_WORKER, facts=opts.facts)
    workers = opts.workers or batch.default_workers()
    return batch.LocalExecutor(workers=workers, batch=settings.batch, facts=opts.facts)


def _read_options(opts: Options) -> ReadOptions:
    return ReadOptions(encoding=opts.encoding, max_chars=opts.max_chars, text_field=opts.text_field,
                       id_field=opts.id_field, date_field=opts.date_field)


def _inputs(opts: Options) -> Iterator[str]:
    yield from opts.inputs
    if opts.files_from is not None:
        yield from _list_file(opts.files_from)


def _list_file(name: str) -> Iterator[str]:
    """Inputs named one a line (``find ... |``): names are bytes on disk, so undecodable ones survive."""
    if name == "-":
        if sys.stdin is None:
            return
        lines: Iterable[bytes] = sys.stdin.buffer
    else:
        lines = open(name, "rb")  # noqa: SIM115 - closed when the generator ends
    try:
        for raw in lines:
            line = os.fsdecode(raw.rstrip(b"\r\n"))
            if line.strip():
                yield line
    finally:
        if name != "-":
            lines.close()  # type: ignore[union-attr]


def _single(opts: Options) -> bool:
    """One file or stdin (not a folder, archive or list): JSON output is one object, not an array."""
    if len(opts.inputs) != 1 or opts.files_from is not None:
        return False
    arg = opts.inputs[0]
    if arg == "-":
        return True
    from .readers import ARCHIVE_SUFFIXES

    return not os.path.isdir(arg) and not arg.lower().endswith(ARCHIVE_SUFFIXES)


def _from_store(store, outcome: Outcome) -> Outcome:
    doc = store.load(outcome.key)
    if doc is None:
        return replace(outcome, stored=False, error="vanished from --db during the run; run again")
    doc["source"] = outcome.source  # the path as given this time
    return replace(outcome, doc=doc)


def _open_output(opts: Options) -> tuple[IO[str], Any]:
    if opts.output is None:
        return _utf8_stdout(), None
    from .outfile import OutputFile

    out_file = OutputFile(opts.output)
    return out_file.open(), out_file


def _finish_output(out_file, complete: bool, say) -> None:
    if complete:
        try:
            out_file.commit()
            return
        except OSError as e:
            say(f"newsfacts: {out_file.path}: cannot write: {(e.strerror or str(e)).lower()}")
    kept = out_file.abort()
    if kept:
        say(f"newsfacts: {out_file.path} not written; what was finished is in {kept}")


def _output_name(opts: Options) -> str:
    return opts.output or "stdout"


def _close_quietly(gen) -> None:
    try:
        gen.close()
    except Exception:  # noqa: BLE001 - already unwinding from the real error
        pass


class _Signals:
    """Ctrl-C and SIGTERM raise KeyboardInterrupt / Terminated at once, except inside ``held()``.

    Inside it they are noted and raised when the block ends, so a document is written to every
    sink whole; once the run closes its sinks (``depth`` raised for good) they are only noted.
    SIGTERM thus unwinds like Ctrl-C (sinks flushed, workers stopped) and exits 143.
    """

    def __init__(self) -> None:
        import threading

        self.depth = 0
        self.pending: type[BaseException] | None = None
        self.old: dict[int, Any] = {}
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGINT, signal.SIGTERM):
                self.old[signum] = signal.signal(signum, self._handle)

    def _handle(self, signum: int, frame: Any) -> None:
        exc = KeyboardInterrupt if signum == signal.SIGINT else Terminated
        if self.depth:
            self.pending = self.pending or exc
            return
        raise exc()

    @contextmanager
    def held(self) -> Iterator[None]:
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1
        if not self.depth and self.pending is not None:
            exc, self.pending = self.pending, None
            raise exc()

    def restore(self) -> None:
        for signum, handler in self.old.items():
            signal.signal(signum, handler)
        self.old = {}


def _utf8_stdout() -> IO[str]:
    stream = sys.stdout
    if stream is None:  # started with stdout closed (>&-): nothing to show, nothing to fail
        return open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if hasattr(stream, "reconfigure") and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
        try:
            stream.reconfigure(encoding="utf-8")
        except (ValueError, OSError):
            pass
    return stream


def _silence_stdout() -> None:
    # Python flushes stdout at exit; point it at devnull so a closed or full stream stays quiet.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


class _Switch:
    """The renderer's stdout on a terminal: writes go to ``target``, which the live progress line
    points above itself while it shows (rich's FileProxy), so table lines and the bar never mix."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.target: Any = stream

    def write(self, text: str) -> int:
        return self.target.write(text)

    def flush(self) -> None:
        self.target.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


class _Progress:
    """A live line on stderr, only on a terminal and only from the second document on."""

    def __init__(self, err: Any, stream: Any, enabled: bool) -> None:
        self.err = err if isinstance(err, _Err) else _Err(err)  # or a rich Console
        self.stream = stream
        self.enabled = enabled  # and a terminal: rich's check, made at the second document
        self.count = 0
        self.live: Any = None

    def advance(self) -> None:
        self.count += 1
        if self.live is None and self.enabled and self.count >= 2:
            self.enabled = not self.err.surely_no_terminal() and self.err.console.is_terminal
            if self.enabled:
                self._start()
        if self.live is not None:
            self.live.update(self.task, completed=self.count)

    def _start(self) -> None:
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        class Rate(TextColumn):
            def render(self, task):  # articles per second
                speed = task.finished_speed or task.speed
                return super().render(task) if speed is None else f"{speed:.1f} art/s"

        self.live = Progress(
            SpinnerColumn(),
            TextColumn("{task.completed} documents"),
            Rate(""),
            TimeElapsedColumn(),
            console=self.err.console,
            transient=True,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self.task = self.live.add_task("extracting", total=None)
        if isinstance(self.stream, _Switch) and _same_terminal(self.stream.stream):
            from rich.file_proxy import FileProxy

            self.stream.flush()
            self.stream.target = FileProxy(self.err.console, self.stream.stream)
        self.live.start()

    def stop(self) -> None:
        if self.live is None:
            return
        try:
            self.stream.flush()
        except (OSError, ValueError):
            pass
        self.live.stop()
        if isinstance(self.stream, _Switch):
            self.stream.target = self.stream.stream
        self.live = None


def _same_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty() and os.path.samestat(os.fstat(stream.fileno()), os.fstat(2))
    except (OSError, ValueError, AttributeError):
        return False
