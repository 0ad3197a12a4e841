"""The contradiction ledger: claims that disagree, each side with its reports and evidence.

Within an incident: one report asserts what another denies, different actors are blamed,
different fatality figures are given. Across incidents at the same place and time: opposing
claims (`data/opposites.jsonl`), such as a siege claimed while a route is reported open. Nothing
is resolved; where one figure is needed, the summary names ACLED's rule (the most conservative
figure) and says so.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from ..datafiles import jsonl_rows
from .merge import (
    Incident,
    Report,
    date_window,
    distance_km,
    grid_cell,
    neighbouring_cells,
    place_radius,
)


@dataclass
class Contradiction:
    id: str
    kind: str
    """denied, actor, fatalities or opposing."""
    incident: str
    other_incident: str | None
    summary: str
    side_a: list[Report]
    side_b: list[Report]


def _id(kind: str, a: list[Report], b: list[Report]) -> str:
    keys = ",".join(sorted(r.key for r in a)) + "|" + ",".join(sorted(r.key for r in b))
    return "c" + hashlib.sha1(f"{kind}:{keys}".encode()).hexdigest()[:10]


def _sources(reports: list[Report]) -> str:
    names = []
    for report in reports:
        who = report.claimed_by or "the reporter"
        names.append(f"{who} ({report.outlet}, {report.published or 'undated'})")
    return "; ".join(dict.fromkeys(names))


def within(incident: Incident) -> list[Contradiction]:
    reports = incident.reports
    found = []
    denied = [r for r in reports if r.negated]
    asserted = [r for r in reports if not r.negated]
    if denied and asserted:
        found.append(
            Contradiction(
                _id("denied", asserted, denied),
                "denied",
                incident.id,
                None,
                f"{incident.type} asserted by {_sources(asserted)}; denied by {_sources(denied)}",
                asserted,
                denied,
            )
        )
    actors: dict[str, list[Report]] = {}
    for report in asserted:
        if report.actor is not None:
            actors.setdefault(report.actor, []).append(report)
    if len(actors) > 1:
        groups = sorted(actors.values(), key=lambda g: g[0].key)
        first, rest = groups[0], [r for g in groups[1:] for r in g]
        names = " / ".join(g[0].actor_name or "?" for g in groups)
        found.append(
            Contradiction(
                _id("actor", first, rest),
                "actor",
                incident.id,
                None,
                f"different actors named for one {incident.type}: {names}",
                first,
                rest,
            )
        )
    figures = sorted({r.fatalities for r in reports if r.fatalities is not None})
    if len(figures) > 1:
        low = [r for r in reports if r.fatalities == figures[0]]
        high = [r for r in reports if r.fatalities is not None and r.fatalities != figures[0]]
        found.append(
            Contradiction(
                _id("fatalities", low, high),
                "fatalities",
                incident.id,
                None,
                f"fatalities given as {', '.join(map(str, figures))}; the most conservative "
                f"figure, {figures[0]}, is the one to use by ACLED's rule",
                low,
                high,
            )
        )
    return found


@cache
def _opposites() -> list[dict]:
    return list(jsonl_rows("eventwire.incidents", "opposites.jsonl"))


def _fits(report: Report, side: dict) -> bool:
    return report.type == side["type"] and (side["modes"] is None or report.mode in side["modes"])


def _near(a: Report, b: Report) -> bool:
    distance = distance_km(a, b)
    return date_window(a, b) is not None and distance is not None and distance <= place_radius(a, b)


def across(incidents: list[Incident]) -> list[Contradiction]:
    """Opposing claims about one place and time, from `data/opposites.jsonl`."""
    found = []
    for row in _opposites():
        claims = [(i, r) for i in incidents for r in i.reports if _fits(r, row["claim"])]
        # Counters indexed by grid cell, so a claim meets only those near it; the number keeps
        # the order they come in.
        counters_by_cell: dict[tuple[int, int], list[tuple[int, Incident, Report]]] = defaultdict(
            list
        )
        number = 0
        for incident in incidents:
            for report in incident.reports:
                if report.lat is not None and _fits(report, row["counter"]):
                    cell = grid_cell(report.lat, report.lon)  # type: ignore[arg-type]
                    counters_by_cell[cell].append((number, incident, report))
                    number += 1
        pairs: dict[tuple[str, str], tuple[list[Report], list[Report]]] = {}
        for claim_incident, claim in claims:
            if claim.lat is None or claim.lon is None:
                continue
            nearby = sorted(
                (
                    entry
                    for cell in set(neighbouring_cells(grid_cell(claim.lat, claim.lon)))
                    for entry in counters_by_cell.get(cell, ())
                ),
                key=lambda entry: entry[0],
            )
            for _, counter_incident, counter in nearby:
                if claim_incident.id == counter_incident.id or not _near(claim, counter):
                    continue
                key = (claim_incident.id, counter_incident.id)
                sides = pairs.setdefault(key, ([], []))
                if claim not in sides[0]:
                    sides[0].append(claim)
                if counter not in sides[1]:
                    sides[1].append(counter)
        for (claim_id, counter_id), (side_a, side_b) in sorted(pairs.items()):
            found.append(
                Contradiction(
                    _id("opposing", side_a, side_b),
                    "opposing",
                    claim_id,
                    counter_id,
                    f"{row['reads']}: {side_a[0].evidence_text!r} per {_sources(side_a)}; "
                    f"{side_b[0].evidence_text!r} per {_sources(side_b)}",
                    side_a,
                    side_b,
                )
            )
    return found


def find_contradictions(incidents: list[Incident]) -> list[Contradiction]:
    found = [c for incident in incidents for c in within(incident)]
    return found + across(incidents)
