"""A long extraction process hands freed memory back instead of keeping its high-water mark."""

from __future__ import annotations

import subprocess
import sys

import pytest

PROGRAM = """
import psutil
from eventwire.memory import release_free_memory

def rss():
    return psutil.Process().memory_info().rss

blocks = [bytes(100_000) for _ in range(3000)]   # heap blocks, below glibc's mmap threshold
pin = bytes(100_000)                             # keeps the heap's top in use
before = rss()
del blocks
after_free = rss()
release_free_memory()
print(before, after_free, rss())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator")
def test_memory_freed_inside_the_heap_goes_back_to_the_system():
    out = subprocess.run(
        [sys.executable, "-c", PROGRAM], capture_output=True, text=True, check=True
    ).stdout
    before, after_free, released = map(int, out.split())
    assert after_free > before - 100 * 2**20  # freeing alone keeps most of the 300 MB
    assert released < after_free - 150 * 2**20
