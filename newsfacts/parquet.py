"""`--parquet DIR`: the fact tables as Parquet files, written in row groups as the run goes.

    DIR/documents.parquet  DIR/mentions.parquet  DIR/quantities.parquet  DIR/roles.parquet

Columns are those of newsfacts/tables.py. pandas, DuckDB, Polars and Spark read
the files directly, e.g. ``duckdb -c "SELECT * FROM 'DIR/mentions.parquet'"``.
Each file is written under a temporary name (``.NAME.parquet.partial``) and
renamed into place by `close()`, so a killed run never leaves a file that looks
whole; an interrupted one (``close(complete=False)``) leaves NAME.partial.parquet.
pyarrow is an optional extra: ``pip install 'newsfacts[parquet]'``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .errors import NewsfactsError
from .tables import BOOL, COLUMNS, FLOAT, INT, STRING, TABLES, rows

# Documents per row group: big enough for good compression and fast scans,
# small enough that memory stays bounded on any archive.
ROW_GROUP_DOCS = 1000
MISSING = "--parquet needs pyarrow: pip install 'newsfacts[parquet]'"


class MissingExtra(NewsfactsError):
    """An optional dependency is not installed; the message says which extra to install."""


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise MissingExtra(MISSING) from None
    return pyarrow


def schema(table: str):
    """The pyarrow schema of a table."""
    pa = _pyarrow()
    types = {STRING: pa.string(), INT: pa.int64(), FLOAT: pa.float64(), BOOL: pa.bool_()}
    return pa.schema([(name, types[kind]) for name, kind in COLUMNS[table].items()])


class ParquetSink:
    """Receives document dicts (``write``) and writes the four tables under `directory`."""

    def __init__(self, directory: str | os.PathLike, row_group_docs: int = ROW_GROUP_DOCS) -> None:
        pa = _pyarrow()
        self.directory = Path(directory)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise NewsfactsError(f"{directory}: cannot create folder: {e.strerror or e}") from None
        self.row_group_docs = row_group_docs
        self._schemas = {t: schema(t) for t in TABLES}
        self._pending: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
        self._docs = 0
        self._writers: dict[str, Any] = {}
        try:
            for t in TABLES:
                self._writers[t] = pa.parquet.ParquetWriter(self._partial(t), self._schemas[t])
        except OSError as e:
            self.abort()
            raise NewsfactsError(f"{directory}: cannot write: {e.strerror or e}") from None

    def _partial(self, table: str) -> Path:
        return self.directory / f".{table}.parquet.partial"

    def path(self, table: str) -> Path:
        return self.directory / f"{table}.parquet"

    def write(self, doc: dict[str, Any]) -> None:
        for table, table_rows in rows(doc).items():
            self._pending[table].extend(table_rows)
        self._docs += 1
        if self._docs >= self.row_group_docs:
            self.flush()

    def flush(self) -> None:
        """Write the pending rows as one row group of each table."""
        pa = _pyarrow()
        for table, pending in self._pending.items():
            if pending:
                self._writers[table].write_table(pa.Table.from_pylist(pending, schema=self._schemas[table]))
                pending.clear()
        self._docs = 0

    def close(self, complete: bool = True) -> None:
        """Flush, close and rename every file into place.

        An incomplete run (interrupted) keeps its files, readable and holding every finished
        document, as NAME.partial.parquet: named so that nobody takes them for complete.
        """
        if not self._writers:
            return
        self.flush()
        for table, writer in self._writers.items():
            writer.close()
            final = self.path(table) if complete else self.directory / f"{table}.partial.parquet"
            os.replace(self._partial(table), final)
        self._writers = {}

    def abort(self) -> None:
        """Close without publishing: the partial files are removed."""
        for table, writer in self._writers.items():
            try:
                writer.close()
            finally:
                self._partial(table).unlink(missing_ok=True)
        self._writers = {}

    def __enter__(self) -> ParquetSink:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class OutcomeSink:
    """The runner's sink for ``--parquet DIR``: documents and failed inputs (an error row) in order."""

    def __init__(self, directory: str | os.PathLike, row_group_docs: int = ROW_GROUP_DOCS) -> None:
        self.parquet = ParquetSink(directory, row_group_docs)

    def write(self, outcome: Any) -> None:
        from .tables import error_record

        if outcome.error is not None:
            self.parquet.write(error_record(outcome.source, outcome.error))
        elif outcome.doc is not None:
            self.parquet.write(outcome.doc)

    def close(self, complete: bool) -> None:
        self.parquet.close(complete)
