"""The `newsfacts` command: options -> batch.run -> renderer; errors -> exit codes."""

from __future__ import annotations

import atexit
import os
import sys

import click

from . import __version__
from .const import FACT_KINDS, FORMATS
from .settings import MAX_CHARS, MAX_WORKERS

EPILOG = """\b
Examples:
  newsfacts samples/twitter-gpus.txt            # a table of the facts
  newsfacts saved-page.html                     # a saved web page
  curl -s URL | newsfacts -f json | jq .entities
  newsfacts ~/news/ -f jsonl -o facts.jsonl     # a folder, recursively
  newsfacts ~/news/ --db facts.sqlite           # resumable SQLite store
  newsfacts dump.jsonl.gz --date-field date     # a JSON Lines archive
  find ~/news -name '*.txt' | newsfacts --files-from -
  newsfacts -f highlight --types PER,ORG a.txt  # the article, people and companies marked
  newsfacts top ~/news/                         # the corpus at a glance (newsfacts top --help)

\b
Formats (-f):
  table      the facts of each document grouped by kind, with counts (default)
  json       one object for one input, an array for several (schema v2)
  jsonl      one document object a line, streamed
  csv        one row a fact (mention, amount, post), with a header row
  tsv        the same, tab-separated
  highlight  the article on the terminal with its facts marked by kind
  html       one standalone page: the marked article, its facts beside it

\b
Exit codes: 0 all inputs read, 1 some input failed (or the store or
output could not be used), 2 usage error, 130 interrupted (Ctrl-C),
143 terminated (SIGTERM). A closed stdout (| head) exits 0.
"""


class _Command(click.Command):
    """`newsfacts top ...` is the corpus view; anything else is the extractor, as it always was.

    Only a first argument spelled exactly `top` is the subcommand: read a file
    named top as `./top` (or `newsfacts -- top`).
    """

    def main(self, args=None, prog_name=None, **extra):  # type: ignore[override]
        argv = list(sys.argv[1:] if args is None else args)
        if argv[:1] == ["top"]:
            return top.main(argv[1:], prog_name=f"{prog_name or 'newsfacts'} top", **extra)
        return super().main(argv, prog_name=prog_name, **extra)


@click.command(cls=_Command, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("inputs", nargs=-1, metavar="[INPUT]...")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="Output format (see the list below).")
@click.option("--types", "types", default=None, metavar="KINDS", callback=lambda ctx, param, value: _types(value),
              help=f"Keep only these kinds of fact in the output, e.g. PER,ORG ({','.join(FACT_KINDS)}).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file instead of stdout.")
@click.option("--encoding", default=None, metavar="NAME",
              help="Decode text inputs with this encoding instead of detecting it.")
@click.option("-w", "--workers", type=click.IntRange(1, MAX_WORKERS), default=None,
              help=f"Worker processes (1-{MAX_WORKERS}; default: one per CPU, at most 8).")
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="Also store documents and facts in this SQLite file; a re-run writes stored documents from it.")
@click.option("--force", is_flag=True, help="With --db: process documents again even if already stored.")
@click.option("-q", "--quiet", is_flag=True, help="No progress line and no summary line.")
@click.option("--files-from", type=click.Path(exists=True, dir_okay=False, allow_dash=True), default=None,
              metavar="FILE", help="Also read the inputs listed in FILE, one a line (- for stdin).")
@click.option("--text-field", default="text", show_default=True, metavar="NAME",
              help="Archives (.jsonl, .jsonl.gz): the field that holds the article text.")
@click.option("--id-field", default="id", show_default=True, metavar="NAME",
              help="Archives: the field whose value names a record (source archive.jsonl#ID); else the line number.")
@click.option("--date-field", default=None, metavar="NAME",
              help="Archives: the field that holds the publication date (becomes `published`).")
@click.option("--max-chars", type=click.IntRange(min=0), default=MAX_CHARS, show_default=True, metavar="N",
              help="A document longer than N characters is an error line, not processed (0: no limit).")
@click.option("--no-facts", is_flag=True,
              help="No dates, subjects of amounts or roles: about a third less time per article on big archives.")
@click.option("--parquet", type=click.Path(file_okay=False), default=None, metavar="DIR",
              help="Also write the facts as Parquet tables (documents, mentions, quantities, roles) in DIR.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Extract on the workers of this running Dask scheduler (tcp://HOST:8786), not local processes.")
@click.option("-V", "--version", is_flag=True, expose_value=False, is_eager=True, callback=lambda ctx, param, value:
              _version(ctx, value), help="Show the versions of newsfacts, natasha, slovnet and the schemas.")
def cli(inputs, fmt, types, output, encoding, workers, db, force, quiet, files_from, text_field, id_field, date_field,
        max_chars, no_facts, parquet, scheduler):
    """Extract people, companies, places, hardware models and quantities
    from Russian-language tech news.

    INPUT is a text file (.txt, .md), a saved web page (.html, .htm), a JSON
    Lines archive of articles (.jsonl, .jsonl.gz), a folder (searched
    recursively for those) or - for stdin. With no INPUT, stdin is read.
    """
    if force and not db:
        raise click.UsageError("--force only makes sense with --db")
    if not inputs and files_from is None:
        if _stdin_is_terminal():
            click.echo(click.get_current_context().get_help(), err=True)
            sys.exit(2)
        inputs = ("-",)
    if encoding:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            raise click.BadParameter(f"unknown encoding {encoding!r}", param_hint="--encoding") from None
    if output is not None:
        from .outfile import clash_with_inputs

        clash = clash_with_inputs(output, inputs)
        if clash:
            raise click.UsageError(clash)
    if scheduler and workers:
        raise click.UsageError("--workers is for local processes; with --scheduler the cluster's workers run")
    _check_extras(parquet, scheduler)
    from .runner import Options, execute

    opts = Options(inputs=tuple(inputs), fmt=fmt, output=output, encoding=encoding,
                   workers=workers, db=db, force=force, quiet=quiet, files_from=files_from,
                   text_field=text_field, id_field=id_field, date_field=date_field, max_chars=max_chars,
                   types=types, facts=not no_facts, parquet=parquet, scheduler=scheduler)
    sys.exit(execute(opts))


TOP_EPILOG = """\b
Examples:
  newsfacts top ~/news/                  # extract a folder and count
  newsfacts top --db facts.sqlite -n 20  # answer from a store, by SQL
  newsfacts top --db facts.sqlite -f json | jq '.entities.ORG[:3]'
  newsfacts top --db facts.sqlite --html corpus.html

\b
A file named top: newsfacts ./top (newsfacts top reads INPUTs).
"""


@click.command(epilog=TOP_EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("inputs", nargs=-1, metavar="[INPUT]...")
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="Answer from this store (made by newsfacts --db) instead of extracting INPUTs.")
@click.option("-n", "--rows", type=click.IntRange(min=1), default=10, show_default=True,
              help="Rows per kind of entity, per currency, and of company-hardware pairs.")
@click.option("-f", "--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True,
              help="A table for people, or one JSON object.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False), default=None,
              help="Also write the view as a standalone page with bar charts to this file.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write to this file instead of stdout.")
@click.option("--encoding", default=None, metavar="NAME", help="Decode text inputs with this encoding.")
@click.option("-w", "--workers", type=click.IntRange(1, MAX_WORKERS), default=None,
              help=f"Worker processes (1-{MAX_WORKERS}; default as for newsfacts).")
def top(inputs, db, rows, fmt, html_path, output, encoding, workers):
    """The corpus at a glance: the most mentioned entities of each kind, the
    hardware named with each company, and the largest amounts of money.

    Reads INPUTs (files, folders, - for stdin) like newsfacts does, or a
    --db store, which it answers from SQL without extracting anything.
    """
    if db and inputs:
        raise click.UsageError("give INPUTs or --db, not both (store INPUTs first: newsfacts INPUT... --db PATH)")
    if not db and not inputs:
        if _stdin_is_terminal():
            click.echo(click.get_current_context().get_help(), err=True)
            sys.exit(2)
        inputs = ("-",)
    from .toprun import TopOptions, execute_top

    sys.exit(execute_top(TopOptions(inputs=tuple(inputs), db=db, rows=rows, fmt=fmt, html=html_path,
                                    output=output, encoding=encoding, workers=workers)))


def _check_extras(parquet: str | None, scheduler: str | None) -> None:
    """--parquet and --scheduler need optional extras: say which, in one line, exit 2."""
    if not (parquet or scheduler):
        return  # neither asked for: parquet.py (and its tables) stay unimported
    import importlib.util

    from .parquet import MISSING as NO_PYARROW

    no_dask = "--scheduler needs dask: pip install 'newsfacts[dask]'"
    needed = [(parquet, "pyarrow", NO_PYARROW), (scheduler, "distributed", no_dask)]
    for given, module, message in needed:
        if given and importlib.util.find_spec(module) is None:
            error = click.ClickException(message)
            error.exit_code = 2
            raise error


def _types(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    from .render.facts import parse_types

    try:
        return parse_types(value)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--types") from None


def _version(ctx: click.Context, value: bool) -> None:
    """Versions read from package metadata: natasha itself is never imported (that takes seconds)."""
    if not value or ctx.resilient_parsing:
        return
    from .const import SCHEMA_VERSION

    def of(name: str) -> str:
        # the dist-info folder next to the package names the version: importlib.metadata
        # would scan every path entry (half the start-up of --version)
        import importlib.util
        import os

        spec = importlib.util.find_spec(name)
        if spec is not None and spec.origin:
            site = os.path.dirname(os.path.dirname(spec.origin))
            for entry in os.listdir(site):
                if entry.startswith(f"{name}-") and entry.endswith(".dist-info"):
                    return entry[len(name) + 1 : -len(".dist-info")]
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    click.echo(f"newsfacts {__version__} (natasha {of('natasha')}, slovnet {of('slovnet')}, "
               f"JSON schema {SCHEMA_VERSION}, store schema {_store_schema_version()})")
    ctx.exit()


def _store_schema_version() -> str:
    """store.py's STORE_SCHEMA_VERSION, read from its source: importing the store (sqlite3,
    the readers, hashlib) would be a third of the start-up of --version."""
    import importlib.util
    import re

    spec = importlib.util.find_spec(f"{__package__}.store")
    try:
        with open(spec.origin, encoding="utf-8") as f:  # type: ignore[union-attr, arg-type]
            found = re.search(r"^STORE_SCHEMA_VERSION = (\d+)$", f.read(), re.M)
    except (OSError, TypeError, AttributeError):
        found = None
    if found:
        return found.group(1)
    from .store import STORE_SCHEMA_VERSION

    return str(STORE_SCHEMA_VERSION)


def _stdin_is_terminal() -> bool:
    return sys.stdin is None or sys.stdin.isatty()


def main() -> None:
    """Console-script entry point: quiet exits on Ctrl-C and closed pipes."""
    try:
        cli.main(standalone_mode=False, prog_name="newsfacts")
    except (KeyboardInterrupt, click.exceptions.Abort):
        sys.stderr.write("\n")
        sys.exit(130)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(0)


def run() -> None:
    """The console script and ``python -m newsfacts``: `main`, then out of the process at once.

    Python's own shutdown frees every object of the models, dictionaries and caches one by one
    (~50 ms, a sixth of a one-article run) in a process that is ending anyway. The run has closed
    its outputs, the store and the workers by then; what the interpreter would still do that
    matters, the exit handlers (cache files, multiprocessing) and the flush of stdout and
    stderr, is done first. Anything unusual (another thread still running, a flush that fails,
    an exit that is not a number) leaves the exit to the interpreter, as before."""
    try:
        main()
        code = 0
    except SystemExit as e:
        code = e.code
    if code is None:
        code = 0
    if isinstance(code, int) and _quick_exit_is_safe():
        atexit._run_exitfuncs()
        try:
            for stream in (sys.stdout, sys.stderr):
                if stream is not None:
                    stream.flush()
        except (OSError, ValueError):
            sys.exit(code)
        os._exit(code & 0xFF)
    sys.exit(code)


def _quick_exit_is_safe() -> bool:
    threading = sys.modules.get("threading")
    if threading is not None and any(
        t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.main_thread()
    ):
        return False  # the interpreter would wait for it
    return hasattr(atexit, "_run_exitfuncs")


def _silence_stdout() -> None:
    from .runner import _silence_stdout as silence

    silence()
