"""Handing freed memory back to the system in long-running extraction processes.

The model's arrays come and go in blocks of hundreds of KiB; under glibc many of them land in the
heap, and the free gaps they leave are kept by the process. Trimming after each batch returns
them (about 130 MiB per worker on the benchmark pages, at no measurable cost in time; a fixed
mmap threshold would keep them out of the heap altogether but costs a tenth of the throughput in
page faults). Elsewhere than glibc this is a no-op.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from functools import cache


@cache
def _malloc_trim():
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None


def release_free_memory() -> None:
    """Return the heap's free memory to the system."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
