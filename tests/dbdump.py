"""Every row of an eventwire database, for comparing two databases."""

from __future__ import annotations

from sqlalchemy import create_engine, select

from eventwire.store import database_url, tables

VOLATILE = {("articles", "ingested_at")}
"""Columns that differ between two runs by nature (when a row was written)."""


def dump(url: str) -> dict[str, list[tuple]]:
    engine = create_engine(database_url(url))
    rows: dict[str, list[tuple]] = {}
    with engine.connect() as connection:
        for table in tables.metadata.sorted_tables:
            columns = [c for c in table.columns if (table.name, c.name) not in VOLATILE]
            found = connection.execute(select(*columns)).all()
            rows[table.name] = sorted((tuple(row) for row in found), key=repr)
    engine.dispose()
    return rows
