"""The actor registry: canonical actors with their aliases, loaded from YAML or JSON Lines files.

The bundled file `data/actors.yaml` comes first; users add files of their own (`--actors FILE`),
whose rows replace bundled rows with the same id. Every row is checked on load, and a bad row
stops the load with `RegistryError("FILE:LINE: problem")`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..places.names import name_key

ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE"})
ACTOR_KINDS = frozenset(
    {
        "state forces",
        "rebel group",
        "political militia",
        "identity militia",
        "rioters",
        "protesters",
        "civilians",
        "external/other",
        "government",
        "political party",
        "media",
        "international organisation",
    }
)
"""ACLED's actor families, plus the kinds of actor that are not armed or protesting."""
_FIELDS = frozenset(
    {
        "id",
        "name",
        "type",
        "kind",
        "aliases",
        "roles",
        "affiliation",
        "country",
        "wikidata",
        "source",
    }
)
_REQUIRED = ("id", "name", "type", "kind", "source")


class RegistryError(ValueError):
    """A registry file that cannot be used; the message names the file, line and problem."""


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    type: str
    kind: str
    source: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    affiliation: str | None = None
    country: str | None = None
    wikidata: str | None = None
    origin: str = field(default="", compare=False)
    """FILE:LINE the row came from."""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class Registry:
    """Actors by id, and by the key of each of their names."""

    def __init__(self, actors: Iterable[Actor]) -> None:
        self.actors: dict[str, Actor] = {}
        for actor in actors:
            self.actors[actor.id] = actor
        self.by_key: dict[str, tuple[Actor, ...]] = {}
        for actor in self.actors.values():
            for name in actor.names:
                key = name_key(name)
                if key and actor not in self.by_key.get(key, ()):
                    self.by_key[key] = (*self.by_key.get(key, ()), actor)
        for actor in self.actors.values():
            if actor.affiliation and actor.affiliation not in self.actors:
                raise RegistryError(
                    f"{actor.origin}: affiliation {actor.affiliation!r} is not an actor id"
                )

    def __len__(self) -> int:
        return len(self.actors)

    def __getitem__(self, actor_id: str) -> Actor:
        return self.actors[actor_id]

    def lookup(self, name: str) -> tuple[Actor, ...]:
        """Actors one of whose names has the same key as `name`."""
        return self.by_key.get(name_key(name), ())


def bundled_path() -> Path:
    return Path(str(resources.files("eventwire.actors") / "data" / "actors.yaml"))


def load_registry(extra_files: Iterable[str | Path] = ()) -> Registry:
    """The bundled registry with `extra_files` layered over it, in order."""
    return _load(tuple(str(p) for p in extra_files))


@cache
def _load(extra_files: tuple[str, ...]) -> Registry:
    actors: list[Actor] = []
    for path in (str(bundled_path()), *extra_files):
        ids: set[str] = set()
        for actor in read_actor_file(path):
            if actor.id in ids:
                raise RegistryError(f"{actor.origin}: duplicate id {actor.id!r}")
            ids.add(actor.id)
            actors.append(actor)
    return Registry(actors)


def read_actor_file(path: str | Path) -> Iterator[Actor]:
    """The actors of one YAML (.yaml/.yml) or JSON Lines file, each row checked."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise RegistryError(f"{path}: cannot read actor registry: {reason}") from None
    rows = _jsonl_rows(path, text) if path.suffix == ".jsonl" else _yaml_rows(path, text)
    for line, row in rows:
        yield _actor(row, f"{path}:{line}")


def _jsonl_rows(path: Path, text: str) -> Iterator[tuple[int, Any]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            raise RegistryError(f"{path}:{number}: not valid JSON: {exc.msg}") from None


class _LineLoader(yaml.SafeLoader):
    """Records the line each mapping starts on under the key `__line__`."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def _yaml_rows(path: Path, text: str) -> Iterator[tuple[int, Any]]:
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise RegistryError(f"{path}{line}: not valid YAML: {problem}") from None
    if data is None:
        return
    if not isinstance(data, list):
        raise RegistryError(f"{path}:1: expected a list of actors")
    for row in data:
        line = row.pop("__line__", 0) if isinstance(row, dict) else 0
        yield line, row


def _actor(row: Any, origin: str) -> Actor:
    def fail(problem: str) -> RegistryError:
        return RegistryError(f"{origin}: {problem}")

    if not isinstance(row, dict):
        raise fail("an actor must be a mapping of fields")
    unknown = sorted(set(row) - _FIELDS)
    if unknown:
        raise fail(f"unknown field {unknown[0]!r}")
    for name in _REQUIRED:
        value = row.get(name)
        if not isinstance(value, str) or not value.strip():
            raise fail(f"missing {name}")
    if row["type"] not in ACTOR_TYPES:
        raise fail(f"type {row['type']!r} is not one of {', '.join(sorted(ACTOR_TYPES))}")
    if row["kind"] not in ACTOR_KINDS:
        raise fail(f"kind {row['kind']!r} is not an actor kind")
    if not name_key(row["name"]):
        raise fail("name has no letters or digits")
    lists = {}
    for name in ("aliases", "roles"):
        value = row.get(name) or []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise fail(f"{name} must be a list of names")
        lists[name] = tuple(v.strip() for v in value)
    for name in ("affiliation", "country", "wikidata"):
        if row.get(name) is not None and not isinstance(row[name], str):
            raise fail(f"{name} must be text")
    return Actor(
        id=row["id"].strip(),
        name=row["name"].strip(),
        type=row["type"],
        kind=row["kind"],
        source=row["source"].strip(),
        aliases=lists["aliases"],
        roles=lists["roles"],
        affiliation=row.get("affiliation"),
        country=row.get("country"),
        wikidata=row.get("wikidata"),
        origin=origin,
    )
