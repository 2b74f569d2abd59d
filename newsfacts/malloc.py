"""The C allocator's thresholds in a Dask worker (glibc only).

Dask's Nanny starts every worker with ``MALLOC_TRIM_THRESHOLD_=65536`` (distributed's
``nanny.pre-spawn-environ``), so that freed memory goes back to the OS at once. Setting it
also turns off glibc's sliding mmap threshold: every NER array above 128 KiB is then a fresh
mmap, and the heap top is given back after each batch, so their pages are faulted in again
and again — about 1,060 page faults and 25-40 % more CPU per article than the same
extraction in a plain process (benchmarks/dask_bench.py, README "Dask").

:func:`keep_freed_memory` sets fixed thresholds close to the ones glibc slides to by itself
in a plain process: blocks up to ``MMAP_THRESHOLD`` come from the heap, and up to
``TRIM_THRESHOLD`` of free heap top is kept for the next batch (a few MB more RSS a worker).
"""

from __future__ import annotations

import ctypes
import os
import sys

# Measured on the bench archive (a 1-process LocalCluster, 400 articles): 1 MiB / 2 MiB still
# faulted ~620 pages an article, 8 MiB / 16 MiB ~2-9 (a plain process: 3-10), and
# 32 MiB / 64 MiB no fewer but 45 MB more RSS.
MMAP_THRESHOLD = 8 * 2**20
TRIM_THRESHOLD = 16 * 2**20

# mallopt parameters, from glibc's <malloc.h>
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3

_applied: dict[str, int] = {}


def keep_freed_memory() -> dict[str, int]:
    """Set this process's malloc thresholds (once); returns what was set, {} where not glibc."""
    if _applied or not _is_glibc():
        return dict(_applied)
    try:
        libc = ctypes.CDLL(None)
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # pragma: no cover - a glibc without mallopt
        return {}
    mallopt.argtypes, mallopt.restype = (ctypes.c_int, ctypes.c_int), ctypes.c_int
    # mallopt returns 1 on success
    if mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1 and mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD) == 1:
        _applied.update(mmap_threshold=MMAP_THRESHOLD, trim_threshold=TRIM_THRESHOLD)
    return dict(_applied)


def _is_glibc() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        return os.confstr("CS_GNU_LIBC_VERSION") is not None
    except (ValueError, OSError, AttributeError):  # musl has no such name
        return False
