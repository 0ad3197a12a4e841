"""Filters over stored events and incidents, built as SQL expressions (never SQL text)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import and_, exists, false, func, or_, select

from . import tables


class FilterError(ValueError):
    """A filter value that cannot be used; the message names it."""


@dataclass(frozen=True)
class BBox:
    """A bounding box in GeoJSON order: west, south, east, north (degrees)."""

    west: float
    south: float
    east: float
    north: float

    @classmethod
    def parse(cls, text: str) -> BBox:
        """From "west,south,east,north"; raises `FilterError` for anything else."""
        try:
            west, south, east, north = (float(part) for part in text.split(","))
        except ValueError:
            raise FilterError(f"bbox {text!r} is not four numbers west,south,east,north") from None
        if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
            raise FilterError(f"bbox {text!r} is outside -180..180, -90..90 or south > north")
        return cls(west, south, east, north)

    def contains(self, lat: Any, lon: Any) -> Any:
        latitude = lat.between(self.south, self.north)
        if self.west <= self.east:
            return and_(latitude, lon.between(self.west, self.east))
        # A box across the antimeridian.
        return and_(latitude, or_(lon >= self.west, lon <= self.east))


@dataclass(frozen=True)
class Filters:
    """What an analyst narrows results to; every field left empty matches everything.

    Text fields match case-insensitively as substrings; `types` match a PLOVER type or an ACLED
    event or sub-event type exactly (case-insensitively); dates are YYYY-MM-DD, inclusive.
    """

    actor: str | None = None
    types: tuple[str, ...] = ()
    mode: str | None = None
    place: str | None = None
    bbox: BBox | None = None
    since: str | None = None
    until: str | None = None
    source: str | None = None
    hedged: bool | None = None
    kinds: tuple[str, ...] = field(default=())
    """Contradiction kinds (denied, actor, fatalities, opposing)."""


@cache
def gazetteer_places(name: str) -> tuple[tuple[str, str, str], ...]:
    """(gazetteer id, name, kind) of every gazetteer place `name` names, as its name or an
    alternate ("Herat" is Herāt city and Herāt province), so that a filter finds a place
    however it is spelt; empty when the gazetteer is not built."""
    from ..places.gazetteer import Gazetteer, GazetteerError

    try:
        gazetteer = Gazetteer()
    except GazetteerError:
        return ()
    try:
        found = gazetteer.candidates(name, limit=100)
    finally:
        gazetteer.close()
    return tuple((c.id, c.name, c.kind) for c in found if c.matched in ("name", "alternate"))


def _place_matches(
    value: str, name: Any, country: Any, gazetteer_id: Any = None, admin: tuple = ()
) -> Any:
    known = gazetteer_places(value)
    names = sorted({n for _, n, _ in known})
    conditions = [_like(name, value), func.lower(country) == value.lower()]
    if names:
        conditions.append(name.in_(names))
    if gazetteer_id is not None and known:
        conditions.append(gazetteer_id.in_([i for i, _, _ in known]))
    for column, kind in admin:
        conditions.append(_like(column, value))
        areas = sorted({n for _, n, k in known if k == kind})
        if areas:
            conditions.append(column.in_(areas))
    return or_(*conditions)


@dataclass(frozen=True)
class Page:
    """A slice of a listing: at most `limit` rows after skipping `offset`."""

    limit: int = 100
    offset: int = 0


def _like(column: Any, value: str) -> Any:
    return func.lower(column).contains(value.lower(), autoescape=True)


def event_conditions(filters: Filters, aliases: dict[str, Any]) -> list[Any]:
    """WHERE conditions on the events query of `Store.events`, whose joined tables are given in
    `aliases` (events, articles, actor, target, place)."""
    v, a = aliases["events"], aliases["articles"]
    actor, target, place = aliases["actor"], aliases["target"], aliases["place"]
    conditions: list[Any] = []
    if filters.actor:
        conditions.append(
            or_(
                _like(actor.c.name, filters.actor),
                func.lower(actor.c.actor_id) == filters.actor.lower(),
                _like(target.c.name, filters.actor),
                func.lower(target.c.actor_id) == filters.actor.lower(),
            )
        )
    if filters.types:
        wanted = [t.lower() for t in filters.types]
        conditions.append(
            or_(
                func.lower(v.c.type).in_(wanted),
                func.lower(v.c.acled_event_type).in_(wanted),
                func.lower(v.c.acled_sub_event_type).in_(wanted),
            )
        )
    if filters.mode:
        conditions.append(func.lower(v.c.mode) == filters.mode.lower())
    if filters.place:
        conditions.append(
            _place_matches(
                filters.place,
                place.c.name,
                place.c.country,
                place.c.gazetteer_id,
                ((place.c.admin1, "admin1"), (place.c.admin2, "admin2")),
            )
        )
    if filters.bbox:
        conditions.append(filters.bbox.contains(place.c.lat, place.c.lon))
    conditions += _date_range(v.c.date, filters)
    if filters.source:
        conditions.append(or_(_like(a.c.source, filters.source), _like(a.c.url, filters.source)))
    if filters.hedged is not None:
        conditions.append(v.c.hedged == filters.hedged)
    return conditions


def incident_conditions(filters: Filters) -> list[Any]:
    """WHERE conditions on the incidents table."""
    i, r, a = tables.incidents, tables.incident_reports, tables.articles
    conditions: list[Any] = []
    if filters.actor:
        conditions.append(or_(_like(i.c.actors, filters.actor), _like(i.c.targets, filters.actor)))
    if filters.types:
        conditions.append(func.lower(i.c.type).in_([t.lower() for t in filters.types]))
    if filters.mode:
        conditions.append(func.lower(i.c.mode) == filters.mode.lower())
    if filters.place:
        conditions.append(_place_matches(filters.place, i.c.place, i.c.country))
    if filters.bbox:
        conditions.append(filters.bbox.contains(i.c.lat, i.c.lon))
    conditions += _date_range(i.c.date, filters)
    if filters.source:
        conditions.append(
            exists(
                select(r.c.incident_id)
                .join(a, a.c.id == r.c.article_id)
                .where(
                    r.c.incident_id == i.c.id,
                    or_(_like(a.c.source, filters.source), _like(a.c.url, filters.source)),
                )
            )
        )
    if filters.hedged is not None:
        conditions.append(i.c.hedged_only == filters.hedged)
    return conditions


def contradiction_conditions(filters: Filters) -> list[Any]:
    """WHERE conditions on the contradictions table: its kind, and the filters of its incident."""
    c, i = tables.contradictions, tables.incidents
    conditions: list[Any] = []
    if filters.kinds:
        conditions.append(func.lower(c.c.kind).in_([k.lower() for k in filters.kinds]))
    incident_filters = Filters(**{**filters.__dict__, "kinds": ()})
    if incident_filters != Filters():
        matching = select(i.c.id).where(*incident_conditions(incident_filters))
        conditions.append(or_(c.c.incident_id.in_(matching), c.c.other_incident_id.in_(matching)))
    return conditions


def _date_range(column: Any, filters: Filters) -> list[Any]:
    conditions = []
    if filters.since:
        conditions.append(column >= filters.since)
    if filters.until:
        conditions.append(column <= filters.until)
    if filters.since and filters.until and filters.since > filters.until:
        conditions.append(false())
    return conditions
