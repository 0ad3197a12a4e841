"""Listing what is stored: filters narrow events, incidents and contradictions; exports carry
ACLED's column names (CSV), load in GIS tools (GeoJSON) and in dataframes (Parquet)."""

from __future__ import annotations

import csv
import io
import json
import unicodedata

import pyarrow.parquet as pq
import pytest

from conftest import run_eventwire
from corpus import write_corpus


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("queries")
    url = f"sqlite:///{folder / 'q.db'}"
    corpus = write_corpus(folder / "stories.jsonl", 8)
    assert run_eventwire("ingest", "-q", str(corpus), "--db", url).returncode == 0
    return url


def _plain(name: str) -> str:
    """A place name without its diacritics ("Herāt" is Herat)."""
    return "".join(
        c for c in unicodedata.normalize("NFKD", name or "") if not unicodedata.combining(c)
    )


def _jsonl(*args: str) -> list[dict]:
    result = run_eventwire(*args, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def test_filters_narrow_the_events(db):
    everything = _jsonl("events", "--db", db)
    assaults = _jsonl("events", "--db", db, "--type", "assault")
    in_herat = _jsonl("events", "--db", db, "--place", "herat")
    from_radio = _jsonl("events", "--db", db, "--source", "radio.example")
    early = _jsonl("events", "--db", db, "--until", "2021-09-03")
    stated = _jsonl("events", "--db", db, "--unhedged")

    assert assaults and all(e["type"] == "ASSAULT" for e in assaults)
    assert len(assaults) < len(everything)
    assert in_herat and all(_plain(e["place"]) == "Herat" for e in in_herat)
    assert from_radio and all(e["outlet"] == "radio.example" for e in from_radio)
    assert early and all(e["date"] <= "2021-09-03" for e in early)
    assert stated and not any(e["hedged"] for e in stated)


def test_an_acled_type_and_a_bounding_box_filter_too(db):
    battles = _jsonl(
        "events", "--db", db, "--type", "Violence against civilians", "--type", "Battles"
    )
    around_herat = _jsonl("events", "--db", db, "--bbox", "61,33,63,35")
    assert battles and all(
        e["acled_event_type"] in ("Violence against civilians", "Battles") for e in battles
    )
    assert around_herat and {_plain(e["place"]) for e in around_herat} == {"Herat"}


def test_nothing_matching_says_so_and_bad_filters_are_one_line(db):
    none = run_eventwire("events", "--db", db, "--actor", "nobody at all")
    assert none.stdout.decode().strip() == "(nothing matches the filters)"
    bad = run_eventwire("events", "--db", db, "--bbox", "200,0,10,10")
    assert bad.returncode == 2
    assert len(bad.stderr.decode().splitlines()) == 1
    assert "outside -180..180" in bad.stderr.decode()


def test_incidents_filter_by_actor_place_and_source(db):
    everything = _jsonl("incidents", "--db", db)
    in_kunduz = _jsonl("incidents", "--db", db, "--place", "Kunduz")
    by_source = _jsonl("incidents", "--db", db, "--source", "daily.example")
    assert in_kunduz and all(_plain(i["place"]) == "Kunduz" for i in in_kunduz)
    assert by_source and len(by_source) < len(everything)


def test_the_csv_export_uses_acled_column_names(db):
    result = run_eventwire("events", "--db", db, "--format", "csv", "--type", "ASSAULT")
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode())))
    for column in (
        "event_date",
        "time_precision",
        "event_type",
        "sub_event_type",
        "actor1",
        "actor2",
        "country",
        "admin1",
        "location",
        "latitude",
        "longitude",
        "geo_precision",
        "source",
        "notes",
        "fatalities",
    ):
        assert column in rows[0]
    placed = next(r for r in rows if _plain(r["location"]) == "Kunduz")
    assert placed["country"] == "Afghanistan" and placed["time_precision"] in {"1", "2", "3"}
    assert placed["source"].endswith(".example") and placed["notes"]


def test_geojson_points_are_longitude_then_latitude(db, tmp_path):
    out = tmp_path / "events.geojson"
    result = run_eventwire("events", "--db", db, "--format", "geojson", "--out", str(out))
    assert result.returncode == 0, result.stderr
    collection = json.loads(out.read_text())
    assert collection["type"] == "FeatureCollection" and collection["features"]
    herat = next(
        f for f in collection["features"] if _plain(f["properties"]["location"]) == "Herat"
    )
    longitude, latitude = herat["geometry"]["coordinates"]
    assert 61 < longitude < 63 and 33 < latitude < 35


def test_parquet_needs_a_file_and_reads_back_as_a_table(db, tmp_path):
    refused = run_eventwire("incidents", "--db", db, "--format", "parquet")
    assert refused.returncode == 2 and b"--out" in refused.stderr
    out = tmp_path / "incidents.parquet"
    assert (
        run_eventwire("incidents", "--db", db, "--format", "parquet", "--out", str(out)).returncode
        == 0
    )
    table = pq.read_table(out)
    assert table.num_rows == len(_jsonl("incidents", "--db", db))
    assert {"event_date", "latitude", "longitude", "independent_sources"} <= set(table.column_names)
