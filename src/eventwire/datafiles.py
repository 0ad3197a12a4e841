"""Data files shipped inside eventwire's packages: word lists and patterns as JSON Lines rows."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def jsonl_rows(package: str, filename: str) -> tuple[dict, ...]:
    """The rows of `<package>/data/<filename>`, e.g. `jsonl_rows("eventwire.actors", "x.jsonl")`."""
    path = resources.files(package) / "data" / filename
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(json.loads(line) for line in lines if line.strip())


@cache
def word_set(package: str, filename: str, column: str = "word", **where: str) -> frozenset[str]:
    """The case-folded `column` values of the rows whose fields equal `where`."""
    return frozenset(
        row[column].casefold()
        for row in jsonl_rows(package, filename)
        if all(row.get(k) == v for k, v in where.items())
    )
