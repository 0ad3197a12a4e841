"""Incidents: event reports from different articles that describe one happening.

Two reports are merged when they have the same PLOVER type (and mode, when both give one), their
dates fall within each other's window (a day, a week, a month or a year, by date precision),
their places are not far apart (by place precision) and they share enough: the actor and the
target, or the place and one of actor or target, or the place when a report names no actor (a
place that is a whole country or region is too wide to count as shared here).
Reports at one place that blame different actors are merged too, so that the disagreement shows
in the contradiction ledger. Every merge keeps its reasons (`Link`), so an analyst
can see why two reports became one incident.
"""

from __future__ import annotations

import hashlib
import json
import math
import pickle
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from urllib.parse import urlsplit

from ..places.geometry import great_circle_km
from .workspace import Workspace

DATE_WINDOW_DAYS = {"day": 1, "week": 7, "month": 31, "year": 366}
PLACE_RADIUS_KM = {1: 25.0, 2: 50.0, 3: 150.0}
"""How far apart two places may be and still be one event's place, by the looser precision."""
BROAD_FEATURES = {"country", "region"}
"""Places too wide to make two reports one happening by place alone (shared actor and target
still can)."""


@dataclass(frozen=True, slots=True)
class Report:
    """One event as one article reports it (slotted: a corpus rebuild holds one per event)."""

    article_id: str
    event_id: str
    type: str
    mode: str | None
    actor: str | None
    """Actor id when linked, else the entity's name, case-folded."""
    actor_name: str | None
    target: str | None
    target_name: str | None
    place_name: str | None
    lat: float | None
    lon: float | None
    country: str | None
    precision: int | None
    place_feature: str | None
    """The gazetteer feature of the place ("country", "admin1", "populated_place", ...)."""
    date: str | None
    date_precision: str | None
    negated: bool
    modality: str
    hedged: bool
    claimed_by: str | None
    """Name of who the article says claims it, None when the reporter states it."""
    fatalities: int | None
    outlet: str
    published: str | None
    url: str | None
    evidence: tuple[int, int]
    evidence_text: str

    @property
    def key(self) -> str:
        return f"{self.article_id}/{self.event_id}"


@dataclass
class Link:
    """Why two reports were merged."""

    a: str
    b: str
    reasons: list[str]


@dataclass
class Incident:
    id: str
    reports: list[Report]
    links: list[Link] = field(default_factory=list)
    copies: dict[str, str] = field(default_factory=dict)
    """Article id → the article it copies, for the articles of this incident."""

    @property
    def type(self) -> str:
        return self.reports[0].type

    @property
    def independent_sources(self) -> int:
        """Outlets reporting it; a copy counts as the outlet of its original."""
        outlet_of = {r.article_id: r.outlet for r in self.reports}
        sources = set()
        for report in self.reports:
            original = self.copies.get(report.article_id)
            if original is None:
                sources.add(report.outlet)
            else:
                sources.add(outlet_of.get(original, f"copy of {original}"))
        return len(sources)

    def summary(self) -> dict:
        reports = sorted(self.reports, key=lambda r: (r.date or "", r.published or ""))
        placed = [r for r in reports if r.lat is not None]
        best_place = min(placed, key=lambda r: r.precision or 9) if placed else None
        published = [r.published for r in reports if r.published]
        actors = sorted({r.actor_name for r in reports if r.actor_name})
        targets = sorted({r.target_name for r in reports if r.target_name})
        modes = [r.mode for r in reports if r.mode]
        return {
            "id": self.id,
            "type": self.type,
            # The most reported mode; a tie goes to the earliest report's, not to set order.
            "mode": Counter(modes).most_common(1)[0][0] if modes else None,
            "actors": actors,
            "targets": targets,
            "place": best_place.place_name if best_place else None,
            "lat": best_place.lat if best_place else None,
            "lon": best_place.lon if best_place else None,
            "country": best_place.country if best_place else None,
            "geo_precision": best_place.precision if best_place else None,
            "date": reports[0].date,
            "date_precision": reports[0].date_precision,
            "reports": len(reports),
            "independent_sources": self.independent_sources,
            "first_reported": min(published) if published else None,
            "latest_reported": max(published) if published else None,
            "hedged_only": all(r.hedged for r in reports),
        }


def _outlet(article: dict) -> str:
    if article.get("source"):
        return str(article["source"])
    if article.get("url"):
        host = urlsplit(article["url"]).hostname or ""
        return host.removeprefix("www.") or article["url"]
    return "unknown outlet"


def reports_of(document: dict) -> list[Report]:
    """The event reports of one stored document; events inside an if-clause are not reports."""
    article = document["article"]
    entities = {e["id"]: e for e in document.get("entities", [])}
    places = {p["id"]: p for p in document.get("places", [])}
    reports = []
    for event in document.get("events", []):
        if event.get("modality") == "hypothetical":
            continue
        actor, target = entities.get(event.get("actor")), entities.get(event.get("target"))
        place = places.get(event.get("place") or "")
        source = entities.get((event.get("attribution") or {}).get("source") or "")
        evidence = event["evidence"]
        reports.append(
            Report(
                article_id=document["id"],
                event_id=event["id"],
                type=event["type"],
                mode=event.get("mode"),
                actor=_who(actor),
                actor_name=actor["name"] if actor else None,
                target=_who(target),
                target_name=target["name"] if target else None,
                place_name=place["name"] if place else None,
                lat=place.get("lat") if place else None,
                lon=place.get("lon") if place else None,
                country=place.get("country") if place else None,
                precision=place.get("precision") if place else None,
                place_feature=place.get("feature") if place else None,
                date=event.get("date"),
                date_precision=event.get("date_precision"),
                negated=bool(event.get("negated")),
                modality=event.get("modality") or "asserted",
                hedged=bool((event.get("attribution") or {}).get("hedged")),
                claimed_by=source["name"] if source else None,
                fatalities=event.get("fatalities"),
                outlet=_outlet(article),
                published=article.get("published"),
                url=article.get("url"),
                evidence=(evidence["start"], evidence["end"]),
                evidence_text=evidence["text"],
            )
        )
    return reports


def _who(entity: dict | None) -> str | None:
    if entity is None:
        return None
    return entity.get("actor_id") or entity["name"].casefold()


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def distance_km(a: Report, b: Report) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    return great_circle_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]


def date_window(a: Report, b: Report) -> int | None:
    """The window in days the two reports' dates fall within, or None when they do not."""
    day_a, day_b = _day(a.date or a.published), _day(b.date or b.published)
    if day_a is None or day_b is None:
        return None
    window = max(
        DATE_WINDOW_DAYS.get(a.date_precision or "week", 7),
        DATE_WINDOW_DAYS.get(b.date_precision or "week", 7),
    )
    return window if abs((day_a - day_b).days) <= window else None


def place_radius(a: Report, b: Report) -> float:
    return PLACE_RADIUS_KM.get(max(a.precision or 3, b.precision or 3), 150.0)


def link_reasons(a: Report, b: Report) -> list[str] | None:
    """Why `a` and `b` report one happening, or None when they cannot."""
    if a.type != b.type or (a.mode and b.mode and a.mode != b.mode):
        return None
    reasons = [f"same type {a.type}" + (f" ({a.mode or b.mode})" if a.mode or b.mode else "")]
    window = date_window(a, b)
    if window is None:
        return None
    reasons.append(
        f"dates {a.date or a.published} and {b.date or b.published} within {window} day(s)"
    )
    distance = distance_km(a, b)
    same_place = False
    if distance is not None:
        if distance > place_radius(a, b):
            return None
        # A whole country or region is where a story happens, not the spot of one happening.
        same_place = not ({a.place_feature, b.place_feature} & BROAD_FEATURES)
        reasons.append(f"places {a.place_name} and {b.place_name} {distance:.0f} km apart")
    elif a.country and b.country and a.country != b.country:
        return None
    same_actor = a.actor is not None and a.actor == b.actor
    same_target = a.target is not None and a.target == b.target
    if same_actor:
        reasons.append(f"same actor {a.actor_name}")
    if same_target:
        reasons.append(f"same target {a.target_name}")
    if same_actor and same_target:
        return reasons
    if not same_place:
        return None
    if same_actor or same_target:
        return reasons
    if a.actor is None or b.actor is None:
        reasons.append("one report names no actor")
        return reasons
    if a.target is None or b.target is None or same_target:
        reasons.append(f"different actors named: {a.actor_name} / {b.actor_name}")
        return reasons
    return None


def _incident_id(first_key: str) -> str:
    """An incident's id, from the smallest key among its reports (stable across rebuilds)."""
    return "i" + hashlib.sha1(first_key.encode("utf-8")).hexdigest()[:10]


CELL_DEGREES = 2.0
"""Side of the grid cells that block reports by place: wider than the largest merge radius."""
COLUMNS = int(360 / CELL_DEGREES)
WIDEST_WINDOW = max(DATE_WINDOW_DAYS.values())


def grid_cell(lat: float, lon: float) -> tuple[int, int]:
    """The grid cell of a point; two places within the largest merge radius are always in
    neighbouring cells (the rows either side, the columns within `_lon_cells`)."""
    return math.floor(lat / CELL_DEGREES), math.floor(lon / CELL_DEGREES)


def _lon_cells(row: int) -> int:
    """How many cells east and west a place in this row of cells looks, so that the largest
    merge radius is covered in its own and the neighbouring rows (a degree of longitude
    shrinks towards the poles)."""
    edge = max(abs((row - 1) * CELL_DEGREES), abs((row + 2) * CELL_DEGREES))
    width_km = 111.32 * CELL_DEGREES * max(math.cos(math.radians(min(edge, 89.0))), 1e-3)
    return min(math.ceil(max(PLACE_RADIUS_KM.values()) / width_km), int(180 / CELL_DEGREES))


def cell_columns_near(a: str, b: str) -> str:
    """SQL: the cell column of report `b` lies within the reach of report `a`'s row (columns
    wrap round the antimeridian)."""
    apart = f"((({b}.col - {a}.col) % {COLUMNS}) + {COLUMNS}) % {COLUMNS}"
    everywhere = f"{a}.reach >= {COLUMNS // 2}"
    return f"({everywhere} OR {apart} <= {a}.reach OR {apart} >= {COLUMNS} - {a}.reach)"


def _cell_pairs(row_offset: int) -> str:
    return f"""
    SELECT a.n, b.n FROM reports a JOIN reports b
      ON b.type = a.type AND b.row = a.row + {row_offset}
     AND b.day BETWEEN a.day AND a.day + {WIDEST_WINDOW}
    WHERE a.narrow AND b.narrow AND (b.day > a.day OR b.n > a.n)
      AND {cell_columns_near("a", "b")}"""


CANDIDATE_PAIRS = f"""
WITH pairs (a, b) AS (
    SELECT a.n, b.n FROM reports a JOIN reports b
      ON b.type = a.type AND b.actor = a.actor AND b.target = a.target
     AND b.day BETWEEN a.day AND a.day + {WIDEST_WINDOW}
    WHERE b.day > a.day OR b.n > a.n
    UNION {" UNION ".join(_cell_pairs(offset) for offset in (-1, 0, 1))}
)
SELECT p.a, p.b, ra.report, rb.report
FROM pairs p JOIN reports ra ON ra.n = p.a JOIN reports rb ON rb.n = p.b
ORDER BY ra.day, ra.n, rb.day, rb.n
"""
"""The pairs of reports `link_reasons` could link, the earlier (by date, then by arrival) first:
reports of one type within the widest date window that share actor and target, or whose (not
broad) places lie in neighbouring grid cells. No other pair can link, so a corpus is never
compared report by report."""


def dump(report: Report) -> bytes:
    return pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL)


def load(blob: bytes) -> Report:
    return pickle.loads(blob)


class IncidentBuilder:
    """Groups reports into incidents (single-report incidents included), with merge reasons.

    Reports go into the workspace as they come (`add`); `link` compares the candidate pairs
    there and groups them; `incidents` streams the incidents, ordered by id."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.count = 0
        workspace.connection.create_function("incident_id", 1, _incident_id, deterministic=True)

    def add(self, reports: Iterable[Report], original: str | None = None) -> None:
        """Reports of one article, and the article it copies when it is a copy."""
        self.workspace.insert_many(
            "INSERT INTO reports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (self._row(report, original) for report in reports),
        )

    def _row(self, report: Report, original: str | None) -> tuple:
        n, self.count = self.count, self.count + 1
        day = _day(report.date or report.published)
        row = column = reach = None
        if report.lat is not None and report.lon is not None:
            row, column = grid_cell(report.lat, report.lon)
            reach = _lon_cells(row)
        narrow = report.place_feature not in BROAD_FEATURES
        return (
            n, report.key, report.type, report.mode, day.toordinal() if day else None,
            report.actor, report.target, row, column, reach, narrow, original, dump(report),
        )  # fmt: skip

    def link(self) -> int:
        """Group the reports: each candidate pair that reports one happening and is not yet in
        one incident is linked, with its reasons; the number of links."""
        self.workspace.index()
        parent = array("i", range(self.count))  # union-find: 4 bytes a report

        def root(n: int) -> int:
            while parent[n] != n:
                parent[n] = parent[parent[n]]
                n = parent[n]
            return n

        def links() -> Iterator[tuple[int, int, str]]:
            for a, b, report_a, report_b in self.workspace.rows(CANDIDATE_PAIRS):
                root_a, root_b = root(a), root(b)
                if root_a == root_b:
                    continue  # already one incident: the links kept say how it was merged
                reasons = link_reasons(load(report_a), load(report_b))
                if reasons is not None:
                    parent[root_b] = root_a
                    yield a, b, json.dumps(reasons, ensure_ascii=False)

        self.workspace.insert_many("INSERT INTO links (a, b, reasons) VALUES (?, ?, ?)", links())
        self.workspace.insert_many(
            "INSERT INTO components VALUES (?, ?)", ((n, root(n)) for n in range(self.count))
        )
        self.workspace.execute(
            "INSERT INTO incident_ids SELECT c.root, incident_id(MIN(r.key)) "
            "FROM components c JOIN reports r ON r.n = c.n GROUP BY c.root"
        )
        return self.workspace.execute("SELECT COUNT(*) FROM links").fetchone()[0]

    def incidents(self) -> Iterator[Incident]:
        """Every incident, by id, with its reports (by key), links and copies."""
        reports = self.workspace.rows(
            "SELECT i.id, r.report, r.original FROM incident_ids i "
            "JOIN components c ON c.root = i.root JOIN reports r ON r.n = c.n "
            "ORDER BY i.id, r.key"
        )
        links = self.workspace.rows(
            "SELECT i.id, ra.key, rb.key, l.reasons FROM links l "
            "JOIN components c ON c.n = l.a JOIN incident_ids i ON i.root = c.root "
            "JOIN reports ra ON ra.n = l.a JOIN reports rb ON rb.n = l.b "
            "ORDER BY i.id, l.seq"
        )
        pending_link = next(links, None)
        for incident_id, rows in groupby(reports, key=lambda row: row[0]):
            incident = Incident(incident_id, [])
            for _, report, original in rows:
                incident.reports.append(load(report))
                if original is not None:
                    incident.copies[incident.reports[-1].article_id] = original
            while pending_link is not None and pending_link[0] == incident_id:
                _, a, b, reasons = pending_link
                incident.links.append(Link(a, b, json.loads(reasons)))
                pending_link = next(links, None)
            yield incident
