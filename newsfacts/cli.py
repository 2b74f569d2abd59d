"""The `newsfacts` command: options -> batch.run -> renderer; errors -> exit codes."""

from __future__ import annotations

import sys

import click

from . import __version__
from .const import FORMATS

EPILOG = """\b
Examples:
  newsfacts samples/twitter-gpus.txt            # a table of the facts
  newsfacts saved-page.html                     # a saved web page
  curl -s URL | newsfacts -f json | jq .entities
  newsfacts ~/news/ -f jsonl -o facts.jsonl     # a folder, recursively
  newsfacts ~/news/ --db facts.sqlite           # resumable SQLite store

\b
Exit codes: 0 all inputs read, 1 some input failed, 2 usage error,
130 interrupted.
"""


@click.command(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("inputs", nargs=-1, metavar="[INPUT]...")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="Output: a table for people, one JSON object/array, or JSON Lines.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file instead of stdout.")
@click.option("--encoding", default=None, metavar="NAME",
              help="Decode text inputs with this encoding instead of detecting it.")
@click.option("-w", "--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes for folders (default: number of CPUs).")
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="Also store documents and facts in this SQLite file; skips documents already stored.")
@click.option("--force", is_flag=True, help="With --db: process documents again even if already stored.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary line.")
@click.version_option(__version__, "-V", "--version", prog_name="newsfacts")
def cli(inputs, fmt, output, encoding, workers, db, force, quiet):
    """Extract people, companies, places, hardware models and quantities
    from Russian-language tech news.

    INPUT is a text file (.txt, .md), a saved web page (.html, .htm), a folder
    (searched recursively for those) or - for stdin. With no INPUT, stdin is read.
    """
    if force and not db:
        raise click.UsageError("--force only makes sense with --db")
    if not inputs:
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
    from .runner import Options, execute

    opts = Options(inputs=tuple(inputs), fmt=fmt, output=output, encoding=encoding,
                   workers=workers, db=db, force=force, quiet=quiet)
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
    # Python flushes stdout at exit; point it at devnull so a closed pipe stays quiet.
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
