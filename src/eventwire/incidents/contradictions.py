"""The contradiction ledger: claims that disagree, each side with its reports and evidence.

Within an incident: one report asserts what another denies, different actors are blamed,
different fatality figures are given. Across incidents at the same place and time: opposing
claims (`data/opposites.jsonl`), such as a siege claimed while a route is reported open. Nothing
is resolved; where one figure is needed, the summary names ACLED's rule (the most conservative
figure) and says so.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import groupby

from ..datafiles import jsonl_rows
from .merge import (
    WIDEST_WINDOW,
    Incident,
    Report,
    cell_columns_near,
    date_window,
    distance_km,
    load,
    place_radius,
)
from .workspace import Workspace


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


def _modes(alias: str, side: dict) -> str:
    if side["modes"] is None:
        return "1"
    return f"{alias}.mode IN ({', '.join(repr(str(mode)) for mode in side['modes'])})"


def _opposing_pairs(row: dict) -> str:
    """SQL: claims and counters of one `opposites.jsonl` row whose places lie in neighbouring
    grid cells and whose dates are within the widest window, in different incidents; ordered by
    claim incident, claim, counter incident, counter."""
    near_rows = " OR ".join(f"co.row = cl.row + {offset}" for offset in (-1, 0, 1))
    return f"""
    SELECT ci.id, cl.key, cl.report, ki.id, co.report
    FROM reports cl
    JOIN components cc ON cc.n = cl.n JOIN incident_ids ci ON ci.root = cc.root
    JOIN reports co ON co.type = ? AND ({near_rows})
     AND co.day BETWEEN cl.day - {WIDEST_WINDOW} AND cl.day + {WIDEST_WINDOW}
    JOIN components kc ON kc.n = co.n JOIN incident_ids ki ON ki.root = kc.root
    WHERE cl.type = ? AND {_modes("cl", row["claim"])} AND {_modes("co", row["counter"])}
      AND {cell_columns_near("cl", "co")} AND ki.id != ci.id
    ORDER BY ci.id, cl.key, ki.id, co.key"""


def across(workspace: Workspace) -> Iterator[Contradiction]:
    """Opposing claims about one place and time (`data/opposites.jsonl`), between the incidents
    `IncidentBuilder.link` grouped in `workspace`."""
    for row in _opposites():
        found = workspace.rows(_opposing_pairs(row), (row["counter"]["type"], row["claim"]["type"]))
        for claim_id, rows in groupby(found, key=lambda found_row: found_row[0]):
            pairs: dict[str, tuple[list[Report], list[Report]]] = {}
            last_claim: tuple[str, Report] | None = None
            for _, claim_key, claim_blob, counter_id, counter_blob in rows:
                if last_claim is None or last_claim[0] != claim_key:
                    last_claim = (claim_key, load(claim_blob))
                claim, counter = last_claim[1], load(counter_blob)
                if not _near(claim, counter):
                    continue
                side_a, side_b = pairs.setdefault(counter_id, ([], []))
                if claim.key not in {r.key for r in side_a}:
                    side_a.append(claim)
                if counter.key not in {r.key for r in side_b}:
                    side_b.append(counter)
            for counter_id, (side_a, side_b) in sorted(pairs.items()):
                yield Contradiction(
                    _id("opposing", side_a, side_b),
                    "opposing",
                    claim_id,
                    counter_id,
                    f"{row['reads']}: {side_a[0].evidence_text!r} per {_sources(side_a)}; "
                    f"{side_b[0].evidence_text!r} per {_sources(side_b)}",
                    side_a,
                    side_b,
                )
