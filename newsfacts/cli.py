"""The `newsfacts` command: options -> batch.run -> renderer; errors -> exit codes."""

from __future__ import annotations

import sys

import click

from . import __version__
from .const import FORMATS
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

\b
Exit codes: 0 all inputs read, 1 some input failed (or the store or
output could not be used), 2 usage error, 130 interrupted (Ctrl-C),
143 terminated (SIGTERM). A closed stdout (| head) exits 0.
"""


@click.command(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("inputs", nargs=-1, metavar="[INPUT]...")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="Output: a table for people, one JSON object/array, or JSON Lines.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file instead of stdout.")
@click.option("--encoding", default=None, metavar="NAME",
              help="Decode text inputs with this encoding instead of detecting it.")
@click.option("-w", "--workers", type=click.IntRange(1, MAX_WORKERS), default=None,
              help=f"Worker processes (1-{MAX_WORKERS}; default: 1 on a machine of 2 CPUs or fewer, else one per CPU).")
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="Also store documents and facts in this SQLite file; skips documents already stored.")
@click.option("--force", is_flag=True, help="With --db: process documents again even if already stored.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary line.")
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
@click.version_option(__version__, "-V", "--version", prog_name="newsfacts")
def cli(inputs, fmt, output, encoding, workers, db, force, quiet, files_from, text_field, id_field, date_field,
        max_chars):
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
    from .runner import Options, execute

    opts = Options(inputs=tuple(inputs), fmt=fmt, output=output, encoding=encoding,
                   workers=workers, db=db, force=force, quiet=quiet, files_from=files_from,
                   text_field=text_field, id_field=id_field, date_field=date_field, max_chars=max_chars)
    sys.exit(execute(opts))


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


def _silence_stdout() -> None:
    from .runner import _silence_stdout as silence

    silence()
