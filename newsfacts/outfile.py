"""``-o PATH``: never an input, and never left truncated.

The output is written under a hidden temporary name in the same folder (``.NAME.PID.xxxx.tmp``)
and renamed into place when the run completes, so an interrupted run leaves the old file (or none)
at PATH, and what it had written as ``PATH.partial``; the temporary file of a run killed with
SIGKILL is removed by the next run that writes PATH. A path that is not a regular file (``/dev/null``, ``/dev/full``,
a named pipe) is written directly.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO


def clash_with_inputs(output: str, inputs: Iterable[str]) -> str | None:
    """Why ``output`` may not be written (it is an input, or inside an input folder), or None."""
    target = Path(output).resolve()
    for arg in inputs:
        if arg == "-":
            continue
        path = Path(arg)
        try:
            if path.is_dir():
                if target.is_relative_to(path.resolve()):
                    return f"the output {output} is inside the input folder {arg}; write it elsewhere"
            elif path.exists() and (target == path.resolve() or (target.exists() and os.path.samefile(target, path))):
                return f"the output {output} is also an input; write it elsewhere"
        except (OSError, ValueError):
            continue
    return None


class OutputFile:
    """A -o file: ``open()``, write, then ``commit()`` (rename into place) or ``abort()``."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.stream: IO[str] | None = None
        self._tmp: str | None = None

    def open(self) -> IO[str]:
        try:
            special = not stat.S_ISREG(os.stat(self.path).st_mode)
        except FileNotFoundError:
            special = False
        if special:
            self.stream = open(self.path, "w", encoding="utf-8")
            return self.stream
        folder, name = os.path.split(os.path.abspath(self.path))
        _remove_stale(folder, name)
        fd, self._tmp = tempfile.mkstemp(prefix=f".{name}.{os.getpid()}.", suffix=".tmp", dir=folder)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(fd, 0o666 & ~umask)  # mkstemp's 0600 would surprise whoever reads facts.jsonl
        self.stream = os.fdopen(fd, "w", encoding="utf-8")
        return self.stream

    def commit(self) -> None:
        """Close and move into place; raises OSError if the data could not be written."""
        if self.stream is not None:
            self.stream.close()
        if self._tmp is not None:
            os.replace(self._tmp, self.path)
            self._tmp = None

    def abort(self) -> str | None:
        """Close, keep what was written as PATH.partial; returns that name (None if nothing kept)."""
        try:
            if self.stream is not None:
                self.stream.close()
        except OSError:
            pass
        if self._tmp is None:
            return None
        tmp, self._tmp = self._tmp, None
        try:
            if os.path.getsize(tmp) == 0:
                os.unlink(tmp)
                return None
            os.replace(tmp, self.path + ".partial")
            return self.path + ".partial"
        except OSError:
            return None


def _remove_stale(folder: str, name: str) -> None:
    """Temporary files of earlier runs killed with SIGKILL (their process is gone)."""
    prefix = f".{name}."
    try:
        entries = [e for e in os.listdir(folder) if e.startswith(prefix) and e.endswith(".tmp")]
    except OSError:
        return
    for entry in entries:
        pid = entry[len(prefix) :].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            try:
                os.unlink(os.path.join(folder, entry))
            except OSError:
                pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # exists (another user's) or cannot tell: leave its file alone
    return True
