"""A scratch SQLite file that the corpus view is computed in.

Copies, incidents and contradictions compare every report with the others, so the comparing is
done by joins over this file rather than over lists in memory: what the process holds does not
grow with the corpus (beyond one 4-byte parent per report for grouping). The file lives in the
temporary directory, whatever database the documents come from, and is deleted on close.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from typing import Any

SCHEMA = """
CREATE TABLE signatures (seq INTEGER PRIMARY KEY, article_id TEXT NOT NULL, hashvalues BLOB);
CREATE TABLE bands (key BLOB NOT NULL, seq INTEGER NOT NULL);
CREATE INDEX bands_key ON bands (key);
CREATE TABLE copies (seq INTEGER PRIMARY KEY, article_id TEXT NOT NULL UNIQUE,
                     original_id TEXT NOT NULL, similarity REAL NOT NULL);
CREATE TABLE reports (
    n INTEGER PRIMARY KEY,  -- 0, 1, ... in the order the reports came
    key TEXT NOT NULL,
    type TEXT NOT NULL,
    mode TEXT,
    day INTEGER,            -- proleptic ordinal of the event (else publish) date
    actor TEXT,
    target TEXT,
    row INTEGER,            -- grid cell of the place, when it has coordinates
    col INTEGER,
    reach INTEGER,          -- how many columns east and west a place in this row looks
    narrow INTEGER NOT NULL,  -- 1 when the place is not a whole country or region
    original TEXT,          -- the article that the report's article copies
    report BLOB NOT NULL    -- the pickled Report
);
CREATE TABLE links (seq INTEGER PRIMARY KEY, a INTEGER NOT NULL, b INTEGER NOT NULL,
                    reasons TEXT NOT NULL);
CREATE TABLE components (n INTEGER PRIMARY KEY, root INTEGER NOT NULL);
CREATE TABLE incident_ids (root INTEGER PRIMARY KEY, id TEXT NOT NULL);
"""
INDEXES = """
CREATE INDEX reports_block ON reports (type, actor, target, day);
CREATE INDEX reports_cell ON reports (type, row, day);
CREATE INDEX links_a ON links (a);
CREATE INDEX components_root ON components (root);
"""


class Workspace:
    """One scratch database; use as a context manager."""

    def __init__(self, directory: str | None = None) -> None:
        handle, self.path = tempfile.mkstemp(".db", "eventwire-corpus-", directory)
        os.close(handle)
        self.connection = sqlite3.connect(self.path, isolation_level=None)
        # Scratch data: no journal, no fsync; a crash loses nothing that is not rebuilt anyway.
        for pragma in ("journal_mode = OFF", "synchronous = OFF", "cache_size = -16384"):
            self.connection.execute(f"PRAGMA {pragma}")
        self.connection.executescript(SCHEMA)
        self.connection.execute("BEGIN")

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.connection.close()
        finally:
            if os.path.exists(self.path):
                os.unlink(self.path)

    def execute(self, sql: str, parameters: Iterable[Any] = ()) -> sqlite3.Cursor:
        return self.connection.execute(sql, tuple(parameters))

    def insert_many(self, sql: str, rows: Iterable[tuple]) -> None:
        """Run `sql` for every row; `executemany` draws them one by one, never all at once."""
        self.connection.executemany(sql, rows)

    def rows(self, sql: str, parameters: Iterable[Any] = ()) -> Iterator[tuple]:
        """The rows of a query, streamed on a cursor of their own."""
        cursor = self.connection.cursor()
        try:
            yield from cursor.execute(sql, tuple(parameters))
        finally:
            cursor.close()

    def index(self) -> None:
        """Create the indexes the joins need (after loading: faster than keeping them up)."""
        for statement in filter(str.strip, INDEXES.split(";")):
            self.connection.execute(statement)
        self.connection.execute("ANALYZE")
