"""How a document's place names choose among their readings in the gazetteer.

Two steps, both over gazetteer candidates only: the document's focus (the country, and the
province or state, that most of its names can lie in) scores every lookup; then each name's
readings are weighed against the document's other places, so a same-name town beside them wins
over a bigger one far away.
"""

from __future__ import annotations

from collections import Counter

from .gazetteer import Candidate, Gazetteer
from .geometry import great_circle_km
from .names import name_key

FOCUS_CANDIDATES = 10
"""How many readings of each name count when choosing the country focus."""


def country_focus(
    candidates: list[list[Candidate]], nationalities: list[str | None] = ()
) -> str | None:
    """The country that the most of the document's names can plausibly lie in (readings
    within one point of each name's best) — "Atlanta" and "Georgia" both can in the US, only
    one in Georgia — ties broken by their best readings (a country name counting double).
    Nationality words ("Afghan forces") count as names of their country; a reading that only
    matches a name's consonant skeleton does not count.
    """
    coverage: Counter[str] = Counter(c for c in nationalities if c)
    best: Counter[str] = Counter()
    for found in candidates:
        found = [c for c in found if c.matched != "skeleton"]  # "Zhvania" is no Ukrainian town
        # in reading order, so that a tie goes the same way on every run
        plausible = {c.country: 1 for c in found if c.country and c.score >= found[0].score - 1}
        coverage.update(plausible)
        if found and found[0].country:
            best[found[0].country] += 2 if found[0].kind == "country" else 1
    if not coverage:
        return None
    return max(coverage, key=lambda country: (coverage[country], best[country]))


REGION_CANDIDATES = 40
"""How many in-country readings of each name count when choosing the province or state focus
(a "Paris" or "Springfield" has dozens in the US)."""


REGION_MATCH_WEIGHTS = {"name": 1.0, "alternate": 0.5}
"""A town's own name says more about its region than an old or foreign alternate name does."""


def admin1_focus(candidates: list[list[Candidate]], country: str | None) -> str | None:
    """The province or state that the most of the document's names can lie in, when at least
    two can: "Paris" and "Henry County" together point to Tennessee, though neither's most
    populous reading is there. Only names whose best reading is in the country count; ties go
    to the region of the most best readings."""
    coverage: Counter[str] = Counter()
    best: Counter[str] = Counter()
    for found in candidates:
        if not found or found[0].country != country:
            continue  # most likely outside the country: "China" is not China, Texas
        if any(c.kind == "country" and c.country == country for c in found):
            continue  # the country's own name: "Mexico" says nothing of the State of Mexico
        regions: dict[str, float] = {}
        for c in found:
            region = c.name if c.kind == "admin1" else c.admin1
            if region and c.country == country and c.matched in REGION_MATCH_WEIGHTS:
                weight = REGION_MATCH_WEIGHTS[c.matched]
                regions[region] = max(regions.get(region, 0.0), weight)
        coverage.update(regions)
        region = found[0].name if found[0].kind == "admin1" else found[0].admin1
        if region:
            best[region] += 1
    if not coverage:
        return None
    region = max(coverage, key=lambda r: (coverage[r], best[r]))
    return region if coverage[region] >= 1.5 else None


def document_focus(
    gazetteer: Gazetteer, queries: list[str], demonyms: list[str] = ()
) -> tuple[str | None, str | None]:
    """(country, admin1) the document's place names, and its nationality words, point to."""
    readings = [gazetteer.candidates(q, limit=FOCUS_CANDIDATES) for q in queries]
    country = country_focus(readings, [gazetteer.demonym_country(d) for d in demonyms])
    in_country = [gazetteer.candidates(q, country, limit=REGION_CANDIDATES) for q in queries]
    return country, admin1_focus(in_country, country)


READINGS = 10
"""Readings of each name weighed against the document's other places."""
COHERENCE_KM = 120.0
COHERENCE_WEIGHT = 1.0
"""A same-name town near another place the document names (within COHERENCE_KM), or inside a
state it names, gains this much: "Paris" beside Kentucky towns is Paris, Kentucky."""
WIDER_KINDS = frozenset({"country", "sea", "region"})
"""Kinds whose name a town beside none of the document's places does not take from them: "China"
alone is the country, not China, Maine, even in a paper from Maine."""
MAJOR_NAMESAKE_RATIO = 50
"""How many times larger a same-name city of the country must be to take a name from a town
that only the document's state focus favours."""
POINT_KINDS = frozenset({"populated_place", "admin2", "valley", "pass", "mountain"})


def _beside(reading: Candidate, other: Candidate) -> bool:
    """Whether `reading` lies near, inside or around `other`."""
    if reading.id == other.id or reading.country != other.country:
        return False
    if other.kind == "admin1" and reading.kind != "admin1":
        return reading.admin1 == other.name
    if reading.kind == "admin1":
        return other.kind != "admin1" and other.admin1 == reading.name
    return (
        reading.kind in POINT_KINDS
        and other.kind in POINT_KINDS
        and great_circle_km(reading.lat, reading.lon, other.lat, other.lon) <= COHERENCE_KM
    )


def _same_name(reading: Candidate, best: Candidate) -> bool:
    return reading.matched == "name" and name_key(reading.name) == name_key(best.name)


WORLD_CITY_POPULATION = 1_000_000


def world_city(reading: Candidate) -> bool:
    """A capital or a city of a million, by its name or a former or English one ("Calcutta")."""
    return reading.matched != "skeleton" and (
        reading.capital or reading.population >= WORLD_CITY_POPULATION
    )


def _near_a_town(reading: Candidate, others: list[Candidate]) -> bool:
    """Whether `reading` lies within COHERENCE_KM of a town or district the document names."""
    return any(o.kind in POINT_KINDS and _beside(reading, o) for o in others)


def coherent_reading(
    readings: list[Candidate], others: list[Candidate | None], focus: str | None
) -> Candidate:
    """The best reading of a town's name once the document's other places (their first
    readings) are weighed.

    - A country's, sea's or world region's own name is not taken by a same-name town beside none
      of the document's places ("China" alone is the country, not China, Maine).
    - A town near none of the document's towns gives way to a same-name city of its country
      MAJOR_NAMESAKE_RATIO times its size: a state named elsewhere in the text ("New York")
      does not make "the Mayor of Boston" Boston, New York. Outside the document's country it
      gives way to a capital or a city of a million anywhere that size, by whatever name
      ("Calcutta" is Kolkata, not a South African village).
    - A same-name town beside one of the other places gains COHERENCE_WEIGHT. Only a town that
      lies beside none of them can give way, and only to a town or district of the same name
      ("Ohio" stays the state, "Mexico City" the city); a capital only when it lies outside the
      document's country ("Washington" stays the capital in American news, "Dublin" beside
      "Columbus" is Dublin, Ohio).
    """
    best = readings[0]
    others = [o for o in others if o is not None]
    if best.kind not in POINT_KINDS:
        return best
    if not any(_beside(best, o) for o in others):
        wider = next(
            (r for r in readings[1:] if r.kind in WIDER_KINDS and _same_name(r, best)), None
        )
        if wider is not None:
            return wider
    if best.kind == "populated_place" and not _near_a_town(best, others):
        namesakes = [
            r
            for r in readings[1:]
            if r.kind == "populated_place"
            and r.population >= MAJOR_NAMESAKE_RATIO * max(best.population, 1)
            and (
                (r.country == best.country and _same_name(r, best))
                or (best.country != focus and world_city(r))
            )
        ]
        if namesakes:
            return max(namesakes, key=lambda r: r.population)
    if not others:
        return best
    if best.capital and best.country in (focus, None):
        return best
    if any(_beside(best, o) for o in others):
        return best
    beside = [
        r
        for r in readings[1:]
        if r.kind in POINT_KINDS
        and _same_name(r, best)
        and r.score + COHERENCE_WEIGHT > best.score
        and any(_beside(r, o) for o in others)
    ]
    return max(beside, key=lambda r: r.score, default=best)
