"""A situation report from the store: what happened in a period, by area and actor, the new
incidents and the contested claims; every sentence cites the articles it rests on."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..datafiles import jsonl_rows
from ..exports import country_name
from ..store import Store
from ..store.query import Filters

UNPLACED = "Place not given"
UNNAMED = "Unnamed actors"
MAX_INCIDENTS_PER_AREA = 40
"""Beyond this many incidents an area lists its most reported ones and says how many it left."""


@dataclass(frozen=True)
class Source:
    """One cited article."""

    number: int
    article_id: str
    outlet: str
    published: str | None
    title: str | None
    url: str | None


class Citations:
    """Numbers articles in the order the report first cites them."""

    def __init__(self) -> None:
        self.sources: dict[str, Source] = {}

    def cite(self, row: dict[str, Any]) -> int:
        found = self.sources.get(row["article_id"])
        if found is None:
            found = Source(
                number=len(self.sources) + 1,
                article_id=row["article_id"],
                outlet=row.get("source") or row.get("outlet") or "unknown outlet",
                published=row.get("published"),
                title=row.get("title"),
                url=row.get("url"),
            )
            self.sources[row["article_id"]] = found
        return found.number


@dataclass
class Sentence:
    """A sentence of the report and the sources it cites (numbers into `Sitrep.sources`)."""

    text: str
    cites: list[int]
    quote: str | None = None
    """The evidence it rests on, as the article words it."""


@dataclass
class Area:
    """One country (or place) and its incidents, grouped by who acted."""

    name: str
    actors: dict[str, list[Sentence]] = field(default_factory=dict)
    left_out: int = 0

    @property
    def sentences(self) -> list[Sentence]:
        return [s for group in self.actors.values() for s in group]


@dataclass
class Sitrep:
    since: str
    until: str | None
    scope: str | None
    overview: Sentence
    areas: list[Area]
    new_incidents: list[Sentence]
    contested: list[Sentence]
    sources: list[Source]
    points: list[dict[str, Any]]
    """Placed incidents (lat, lon, type, date) for the map and the timeline."""


def _phrases() -> dict[tuple[str, str | None], dict]:
    return {(r["type"], r["mode"]): r for r in jsonl_rows("eventwire.sitrep", "phrases.jsonl")}


def _names(names: list[str]) -> str:
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def incident_sentence(incident: dict[str, Any], citations: Citations) -> Sentence:
    """One sentence for one incident: who did what to whom where and when, who says so."""
    phrases = _phrases()
    phrase = phrases.get((incident["type"], incident["mode"])) or phrases.get(
        (incident["type"], None)
    )
    targets = _names(incident["targets"])
    if phrase is None:
        verb = f"took part in a {incident['type'].lower()} event"
    elif targets:
        verb = phrase["with_target"].format(target=targets)
    else:
        verb = phrase["alone"]
    actor = _names(incident["actors"]) or "An unnamed actor"
    where = f" in {incident['place']}" if incident["place"] else ""
    when = incident["date"] or "Undated"
    if incident["date_precision"] and incident["date_precision"] != "day":
        when = f"{when} (within the {incident['date_precision']})"
    reports = incident["report_rows"]
    cites = sorted({citations.cite(r) for r in reports})
    claimants = sorted({r["claimed_by"] for r in reports if r["claimed_by"]})
    hedged = [r for r in reports if r["hedged"]]
    denied = [r for r in reports if r["negated"]]
    if hedged and len(hedged) == len(reports):
        says = f"according to {_names(claimants)}" if claimants else "as reported, unconfirmed"
    elif hedged:
        says = f"{len(hedged)} of {len(reports)} reports attribute it"
        says += f" to {_names(claimants)}" if claimants else " to others"
    else:
        says = "reported as fact"
    if denied:
        says += f"; {len(denied)} report(s) deny it"
    sources = incident["independent_sources"]
    text = (
        f"{when}: {actor} {verb}{where} — {says}; {incident['reports']} report(s) from "
        f"{sources} independent source(s)."
    )
    return Sentence(text, cites, reports[0]["evidence"] if reports else None)


def new_sentence(incident: dict[str, Any], citations: Citations) -> Sentence:
    """A short line for an incident first reported in the period."""
    who = _names(incident["actors"]) or UNNAMED.lower()
    where = f" in {incident['place']}" if incident["place"] else ""
    text = (
        f"{incident['type']}{where} involving {who}, first reported {incident['first_reported']}"
        f" by {incident['independent_sources']} independent source(s)."
    )
    return Sentence(text, sorted({citations.cite(r) for r in incident["report_rows"]}))


def contested_sentence(entry: dict[str, Any], citations: Citations) -> Sentence:
    """One sentence for one contradiction: both sides, each with who claims it."""
    sides = {"a": [], "b": []}
    cites = []
    for side in entry["sides"]:
        number = citations.cite({**side, "source": side["outlet"]})
        cites.append(number)
        who = side["claimed_by"] or "the reporter"
        sides[side["side"]].append(f"{who} [{number}]: \u201c{side['evidence']['text']}\u201d")
    kind = {
        "denied": "Asserted and denied",
        "actor": "Different actors blamed",
        "fatalities": "Different fatality figures",
        "opposing": "Opposing claims",
    }.get(entry["kind"], entry["kind"])
    text = f"{kind}: {'; '.join(sides['a'])} — versus — {'; '.join(sides['b'])}."
    return Sentence(text, sorted(set(cites)))


def build_sitrep(
    store: Store,
    since: str,
    until: str | None = None,
    filters: Filters | None = None,
    scope: str | None = None,
) -> Sitrep:
    """The report of incidents dated (or, undated, first reported) from `since` to `until`."""
    base = filters or Filters()
    window = Filters(**{**base.__dict__, "since": since, "until": until})
    citations = Citations()
    incidents = [store.incident(row["id"]) for row in store.incidents(1, window)]
    incidents = [i for i in incidents if i is not None]
    by_area: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for incident in incidents:
        by_area[_area(incident)].append(incident)
    areas = []
    for name in sorted(by_area, key=lambda n: (n == UNPLACED, -len(by_area[n]), n)):
        members = sorted(
            by_area[name], key=lambda i: (-i["independent_sources"], -i["reports"], i["id"])
        )
        kept = members[:MAX_INCIDENTS_PER_AREA]
        area = Area(name, left_out=len(members) - len(kept))
        for incident in sorted(kept, key=lambda i: (not i["actors"], _names(i["actors"]))):
            actor = _names(incident["actors"]) or UNNAMED
            area.actors.setdefault(actor, []).append(incident_sentence(incident, citations))
        areas.append(area)
    new = [
        new_sentence(i, citations)
        for i in incidents
        if i["first_reported"] and since <= i["first_reported"] <= (until or "9999-12-31")
    ]
    ids = {i["id"] for i in incidents}
    contested = [
        contested_sentence(entry, citations)
        for entry in store.contradictions()
        if entry["incident_id"] in ids or entry["other_incident_id"] in ids
    ]
    all_cites = sorted(
        {n for s in (*[x for a in areas for x in a.sentences], *contested) for n in s.cites}
    )
    outlets = {s.outlet for s in citations.sources.values()}
    overview = Sentence(
        f"From {since} to {until or 'now'}{f' in {scope}' if scope else ''}: "
        f"{len(incidents)} incident(s) in {len(areas)} area(s), reported by "
        f"{len(citations.sources)} article(s) from {len(outlets)} outlet(s); "
        f"{len(contested)} contested point(s).",
        all_cites,
    )
    points = [
        {
            "lat": i["lat"],
            "lon": i["lon"],
            "type": i["type"],
            "date": i["date"],
            "place": i["place"],
        }
        for i in incidents
        if i["lat"] is not None
    ]
    return Sitrep(
        since=since,
        until=until,
        scope=scope,
        overview=overview,
        areas=areas,
        new_incidents=new,
        contested=contested,
        sources=sorted(citations.sources.values(), key=lambda s: s.number),
        points=points,
    )


def _area(incident: dict[str, Any]) -> str:
    """The section an incident goes in: its country, else its place."""
    return country_name(incident["country"]) or incident["place"] or UNPLACED
