"""The offline gazetteer: find the places a name can mean, each with a score and why.

Scores combine how the name matched (the place's own name, an alternate name, or only its
consonant skeleton), the kind of place (a country or province before a village that merely
carries the same alternate name), population, a type word in the query ("X valley",
"X province") and a country focus when one is known.
"""

from __future__ import annotations

import math
import os
import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .build import inputs_fingerprint
from .names import data_rows, name_forms, name_key, skeleton

ENV_PATH = "EVENTWIRE_GAZETTEER"
MATCH_CACHE_SIZE = 20_000
"""Names whose database matches are kept (oldest dropped first): a few MB."""


class GazetteerError(Exception):
    """The gazetteer file is missing, damaged or out of date; the message says how to rebuild."""


@dataclass(frozen=True)
class Candidate:
    id: str
    name: str
    kind: str
    country: str | None
    admin1: str | None
    admin2: str | None
    population: int
    lat: float
    lon: float
    source: str
    score: float
    matched: str
    """How the name matched: 'name', 'alternate', 'folded' (an acronym against an ordinary
    name) or 'skeleton'."""
    capital: bool = False


@cache
def type_words() -> dict[str, str]:
    """Type word -> feature kind it routes to ("valley" -> valley, "province" -> admin1)."""
    return {row["word"]: row["kind"] for row in data_rows("type_words.jsonl")}


MATCH_WEIGHTS = {"name": 1.0, "alternate": 0.7, "folded": 0.3, "skeleton": 0.3}
"""'folded': an acronym in capitals that only meets a place's ordinary name when case is
ignored ("EU" is not the town of Eu)."""


def _is_acronym(query: str) -> bool:
    letters = [c for c in query if c.isalpha()]
    return 1 < len(letters) <= 4 and all(c.isupper() for c in letters) and " " not in query.strip()


KIND_WEIGHTS = {
    "country": 1.2,
    "admin1": 0.9,
    "admin2": 0.2,
    "valley": 0.7,
    "pass": 0.7,
    "river": 0.6,
    "mountain": 0.6,
    "region": 0.7,
    "sea": 0.7,
    "island": 0.7,
    "populated_place": 0.4,
}
POPULATION_WEIGHT = 0.12
"""Per power of ten of population: a city of a million outranks a hamlet of the same name."""
CAPITAL_WEIGHT = 0.7
"""A national capital is what a bare "Moscow" or "Washington" means in most news."""
TYPE_WORD_WEIGHT = 1.5
COUNTRY_FOCUS_WEIGHT = 1.0
ADMIN1_FOCUS_WEIGHT = 0.8
"""Local news names places in one province or state: a same-name town elsewhere is less likely."""


PLACE_COLUMNS = "id, name, kind, country, admin1, admin2, population, lat, lon, source, capital"


def default_path() -> Path:
    configured = os.environ.get(ENV_PATH)
    if configured:
        return Path(configured)
    cache_home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache_home / "eventwire" / "gazetteer.sqlite"


def rebuild_hint(path: Path) -> str:
    return f"rebuild it with `eventwire gazetteer build --path {path}` (make install does it)"


class Gazetteer:
    """Read-only lookups in a built gazetteer file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self._match_cache: dict[str, tuple[str | None, list[tuple[tuple, str]]]] = {}
        self._demonym_table: dict[str, tuple[str, str]] | None = None
        self._country_table: dict[str, Candidate] | None = None
        self._nationality_places: dict[str, Candidate | None] = {}
        if not self.path.is_file():
            raise GazetteerError(f"{self.path}: gazetteer not found; {rebuild_hint(self.path)}")
        try:
            self._db = sqlite3.connect(
                f"file:{self.path}?mode=ro", uri=True, check_same_thread=False
            )
            meta = dict(self._db.execute("SELECT key, value FROM meta"))
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(
                f"{self.path}: gazetteer is damaged ({exc}); {rebuild_hint(self.path)}"
            ) from None
        if meta.get("fingerprint") != inputs_fingerprint():
            raise GazetteerError(
                f"{self.path}: gazetteer is out of date; {rebuild_hint(self.path)}"
            )

    def close(self) -> None:
        self._db.close()
        self._match_cache.clear()

    def candidates(
        self, query: str, country: str | None = None, limit: int = 10, admin1: str | None = None
    ) -> list[Candidate]:
        """Places `query` may name, best first. `country` (ISO alpha-2) and `admin1` (a province
        or state name) are the document's focus, when known."""
        routed_kind, matches = self._matches(query)
        acronym = _is_acronym(query)
        scored = [
            self._score(
                place,
                "folded" if acronym and matched == "name" and not place[1].isupper() else matched,
                routed_kind,
                country,
                admin1,
            )
            for place, matched in matches
        ]
        scored.sort(key=lambda c: (-c.score, -c.population, c.id))
        return scored[:limit]

    def _matches(self, query: str) -> tuple[str | None, list[tuple[tuple, str]]]:
        """The kind a type word routes `query` to, and every place row it matches with how.

        Only the scoring depends on the document's focus, so a document's several passes over
        its names, and names that recur across documents, read the database once.
        """
        cached = self._match_cache.get(query)
        if cached is not None:
            return cached
        key = name_key(query)
        words = key.split()
        routed_kind = None
        if len(words) > 1 and words[-1] in type_words():
            routed_kind = type_words()[words[-1]]
        elif len(words) > 1 and words[0] in type_words():
            routed_kind = type_words()[words[0]]
        keys = set(name_forms(query))
        if routed_kind:
            bare = " ".join(
                w
                for i, w in enumerate(words)
                if not ((i == len(words) - 1 or i == 0) and w in type_words())
            )
            keys.add(bare)
        found = self._by_keys(keys)
        if not found:
            # "Dogu Beyazit" is Doğubayazıt: a name split in two meets the one-word name
            joined = {k.replace(" ", "") for k in keys if " " in k}
            skeletons = {s for k in keys | joined if (s := skeleton(k))}
            found = {pid: "skeleton" for pid in self._ids_by_skeleton(skeletons)}
        result = (routed_kind, [(place, found[place[0]]) for place in self._places(found)])
        if len(self._match_cache) >= MATCH_CACHE_SIZE:
            self._match_cache.pop(next(iter(self._match_cache)))
        self._match_cache[query] = result
        return result

    def demonym_country(self, name: str) -> str | None:
        """The country whose people `name` names ("Sudanese" -> "SD"), if any; the most
        populous one when several share the word ("American"); plurals ("Palestinians") too."""
        found = self._demonym(name)
        return found[0] if found else None

    def nationality(self, word: str) -> Candidate | None:
        """The place a nationality word names ("Sudanese" -> Sudan, "South Ossetian" -> South
        Ossetia), if it is one."""
        found = self._demonym(word)
        if found is None:
            return None
        country, place_id = found
        if place_id not in self._nationality_places:
            row = self._db.execute(
                f"SELECT {PLACE_COLUMNS} FROM places WHERE id = ?", (place_id,)
            ).fetchone()
            self._nationality_places[place_id] = (
                self._score(row, "name", None, None, None) if row else self.country(country)
            )
        return self._nationality_places[place_id]

    def country(self, iso: str) -> Candidate | None:
        """The country with ISO 3166-1 alpha-2 code `iso`."""
        if self._country_table is None:
            rows = self._db.execute(
                f"SELECT {PLACE_COLUMNS} FROM places WHERE kind = 'country'"
            ).fetchall()
            self._country_table = {
                row[3]: self._score(row, "name", None, None, None) for row in rows
            }
        return self._country_table.get(iso)

    def _demonym(self, name: str) -> tuple[str, str] | None:
        """(country, place id) of a nationality word or its plural."""
        key = name_key(name)
        table = self._demonyms()
        return table.get(key) or (table.get(key[:-1]) if key.endswith("s") else None)

    def _demonyms(self) -> dict[str, tuple[str, str]]:
        """Demonym key -> (country, place id), read in one pass (the table is small; a lookup
        per word would join against every place). A word several places share goes to the most
        populous ("American")."""
        if self._demonym_table is None:
            rows = self._db.execute(
                "SELECT d.key, d.country, d.place_id, coalesce(p.population, 0) FROM demonyms d "
                "LEFT JOIN places p ON p.id = d.place_id"
            ).fetchall()
            table: dict[str, tuple[int, str, str]] = {}
            for key, country, place_id, population in rows:
                if key not in table or population > table[key][0]:
                    table[key] = (population, country, place_id)
            self._demonym_table = {key: (c, i) for key, (_, c, i) in table.items()}
        return self._demonym_table

    def _by_keys(self, keys: set[str]) -> dict[str, str]:
        if not keys:
            return {}
        marks = ",".join("?" * len(keys))
        found: dict[str, str] = {}
        for place_id, is_name in self._db.execute(
            f"SELECT place_id, max(is_name) FROM names WHERE key IN ({marks}) GROUP BY place_id",
            sorted(keys),
        ):
            found[place_id] = "name" if is_name else "alternate"
        return found

    def _ids_by_skeleton(self, skeletons: set[str]) -> list[str]:
        if not skeletons:
            return []
        marks = ",".join("?" * len(skeletons))
        rows = self._db.execute(
            f"SELECT DISTINCT place_id FROM names WHERE skeleton IN ({marks})", sorted(skeletons)
        )
        return [row[0] for row in rows]

    def _places(self, found: dict[str, str]) -> list[tuple]:
        ids = sorted(found)
        rows = []
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows += self._db.execute(
                f"SELECT {PLACE_COLUMNS} FROM places WHERE id IN ({marks})",
                chunk,
            ).fetchall()
        return rows

    @staticmethod
    def _score(
        row: tuple,
        matched: str,
        routed_kind: str | None,
        country: str | None,
        admin1: str | None,
    ) -> Candidate:
        _, name, kind, place_country, place_admin1, _, population, *_, capital = row
        kind_weight = KIND_WEIGHTS.get(kind, 0.3)
        if matched == "alternate" and kind in ("admin1", "admin2"):
            kind_weight /= 2  # "Alexandria" is the city, not the governorate named after it
        score = MATCH_WEIGHTS[matched] + kind_weight
        score += POPULATION_WEIGHT * math.log10(population + 1)
        if capital and matched == "name":
            score += CAPITAL_WEIGHT
        if routed_kind and kind == routed_kind:
            score += TYPE_WORD_WEIGHT
        if country and place_country in (country, None):
            # open water and world regions ("the Middle East") belong to every document's focus
            score += COUNTRY_FOCUS_WEIGHT
            if admin1 and admin1 in (place_admin1, name):
                score += ADMIN1_FOCUS_WEIGHT
        return Candidate(*row[:-1], round(score, 3), matched, bool(capital))
