"""The `eventwire_places` component: the document's place names resolved in the gazetteer.

Place names are the entities NER calls GPE, LOC or FAC (and names the document itself calls a
valley, province, ...). Each is looked up with the document's country focus — the country most
of its names point to — and a type word that follows it in the text ("Andrab Valley", "Panjshir
valley"). The precision code is ACLED's geo_precision: 1 for a town or an exact feature,
2 for a district or a place only "near"/"outside" a known one, 3 for a province, region or
country.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp.entities import EntityCluster
from .gazetteer import Candidate, Gazetteer, type_words
from .names import data_rows

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
MAYBE_PLACE_TYPES = frozenset({"ORG", "PERSON"})
"""Types NER gives place names by mistake ("Andarab" as ORG, "Alexandria" as PERSON)."""
POLITICAL_KINDS = frozenset({"country", "admin1", "admin2", "populated_place"})
PRECISION_BY_KIND = {
    "populated_place": 1,
    "valley": 1,
    "pass": 1,
    "mountain": 1,
    "river": 2,
    "admin2": 2,
    "admin1": 3,
    "region": 3,
    "country": 3,
}


@cache
def locative_words() -> frozenset[str]:
    """Prepositions that put a name in the role of a place ("in", "near", "from")."""
    return frozenset(row["word"] for row in data_rows("locative_words.jsonl"))


@cache
def vicinity_words() -> frozenset[str]:
    """Words before a name that say the place is only near it ("near", "outskirts of")."""
    return frozenset(row["word"] for row in data_rows("vicinity_words.jsonl"))


@dataclass
class ResolvedPlace:
    """One gazetteer place and the spans of the document that name it."""

    candidate: Candidate
    precision: int
    mentions: list[tuple[int, int]] = field(default_factory=list)


def _query(doc: Doc, cluster: EntityCluster) -> str:
    """The name as the document says it, with a type word that follows a mention."""
    words = type_words()
    name = cluster.name
    if name.split()[-1].lower() in words:
        return name
    for start, end in cluster.mentions:
        span = doc.char_span(start, end)
        if span is not None and span.end < len(doc) and doc[span.end].lower_ in words:
            return f"{name} {doc[span.end].lower_}"
    return name


def _near(doc: Doc, cluster: EntityCluster) -> bool:
    """True when every mention is preceded by a vicinity word ("near X", "outskirts of X")."""
    words = vicinity_words()
    flags = []
    for start, end in cluster.mentions:
        span = doc.char_span(start, end)
        if span is None:
            continue
        before = [t.lower_ for t in doc[max(0, span.start - 3) : span.start]]
        flags.append(any(w in words for w in before))
    return bool(flags) and all(flags)


FOCUS_CANDIDATES = 10
"""How many readings of each name count when choosing the country focus."""


def country_focus(
    candidates: list[list[Candidate]], nationalities: list[str | None] = ()
) -> str | None:
    """The country that the most of the document's names can plausibly lie in (readings
    within one point of each name's best) — "Atlanta" and "Georgia" both can in the US, only
    one in Georgia — ties broken by their best readings (a country name counting double).
    Nationality words ("Afghan forces") count as names of their country.
    """
    coverage: Counter[str] = Counter(c for c in nationalities if c)
    best: Counter[str] = Counter()
    for found in candidates:
        plausible = {c.country for c in found if c.country and c.score >= found[0].score - 1}
        coverage.update(plausible)
        if found and found[0].country:
            best[found[0].country] += 2 if found[0].kind == "country" else 1
    if not coverage:
        return None
    return max(coverage, key=lambda country: (coverage[country], best[country]))


def admin1_focus(candidates: list[list[Candidate]], country: str | None) -> str | None:
    """The province or state most of the document's names in the focus country lie in, when
    at least two names agree on it."""
    votes: Counter[str] = Counter()
    for found in candidates:
        if found and found[0].country == country:
            best = found[0]
            region = best.name if best.kind == "admin1" else best.admin1
            if region:
                votes[region] += 1
    if not votes:
        return None
    region, count = votes.most_common(1)[0]
    return region if count >= 2 else None


def document_focus(
    gazetteer: Gazetteer, queries: list[str], demonyms: list[str] = ()
) -> tuple[str | None, str | None]:
    """(country, admin1) the document's place names, and its nationality words, point to."""
    readings = [gazetteer.candidates(q, limit=FOCUS_CANDIDATES) for q in queries]
    country = country_focus(readings, [gazetteer.demonym_country(d) for d in demonyms])
    in_country = [gazetteer.candidates(q, country, limit=1) for q in queries]
    return country, admin1_focus(in_country, country)


def _used_as_place(doc: Doc, cluster: EntityCluster) -> bool:
    """True when some mention follows a locative preposition ("in Shreveport", "near Mansfield")."""
    words = locative_words()
    for start, _end in cluster.mentions:
        span = doc.char_span(start, _end)
        if span is not None and span.start > 0 and doc[span.start - 1].lower_ in words:
            return True
    return False


def _acceptable(doc: Doc, best: Candidate, cluster: EntityCluster, focus: str | None) -> bool:
    """Whether a lookup result is trusted for this name.

    A match on the consonant skeleton only counts inside the focus country. A name NER calls an
    organisation or a person counts as a place only when it names a region or feature in the
    focus country, or a town there that the text uses as a place ("in Mansfield"): NER often
    calls "Andarab" an organisation or "Alexandria" a person, but "Hamas" is not Hamm.
    """
    in_focus = focus is None or best.country == focus
    if best.matched == "skeleton" and not in_focus:
        return False
    if cluster.type in PLACE_TYPES:
        return True
    if best.matched == "skeleton" or not in_focus:
        return False
    if best.kind == "populated_place":
        return best.matched == "name" and _used_as_place(doc, cluster)
    return True


def resolve_places(doc: Doc, gazetteer: Gazetteer) -> list[ResolvedPlace]:
    places = [c for c in doc._.entity_clusters if c.type in PLACE_TYPES]
    queries = [_query(doc, c) for c in places]
    demonyms = [c.name for c in doc._.entity_clusters if c.type == "NORP"]
    focus, region = document_focus(gazetteer, queries, demonyms)
    organisations = [c for c in doc._.entity_clusters if c.type in MAYBE_PLACE_TYPES]
    clusters = places + organisations
    queries += [c.name for c in organisations]
    by_place: dict[str, ResolvedPlace] = {}
    for cluster, query in zip(clusters, queries, strict=True):
        found = gazetteer.candidates(query, focus, limit=1, admin1=region)
        if not found or not _acceptable(doc, found[0], cluster, focus):
            continue
        best = found[0]
        if cluster.type in MAYBE_PLACE_TYPES:
            cluster.type = "GPE" if best.kind in POLITICAL_KINDS else "LOC"
        precision = PRECISION_BY_KIND.get(best.kind, 3)
        if precision == 1 and _near(doc, cluster):
            precision = 2
        place = by_place.setdefault(best.id, ResolvedPlace(best, precision))
        place.precision = min(place.precision, precision)
        place.mentions.extend(cluster.mentions)
    for place in by_place.values():
        place.mentions.sort()
    return sorted(by_place.values(), key=lambda p: p.mentions[0])


@Language.factory("eventwire_places")
def make_place_resolver(nlp: Language, name: str) -> PlaceResolver:
    return PlaceResolver()


class PlaceResolver:
    """Sets `doc._.places` to the document's resolved places; opens the gazetteer on first use."""

    def __init__(self) -> None:
        if not Doc.has_extension("places"):
            Doc.set_extension("places", default=None)
        self._gazetteer: Gazetteer | None = None

    def __call__(self, doc: Doc) -> Doc:
        if self._gazetteer is None:
            self._gazetteer = Gazetteer()
        doc._.places = resolve_places(doc, self._gazetteer)
        return doc
