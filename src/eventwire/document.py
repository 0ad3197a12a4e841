"""The `eventwire.document/1` contract: one article and everything extracted from it.

Every span is a pair of Python string indices into `Article.text`, so that
`article.text[start:end] == span.text` holds for every mention, quote, cue and evidence.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources
from typing import Any

SCHEMA_ID = "eventwire.document/1"


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])


@dataclass
class Article:
    url: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    language: str | None = None
    fetched: str | None = None
    """When the page was fetched (UTC, ISO 8601), for inputs read from the web or an archive."""
    text: str = ""


@dataclass
class Entity:
    id: str
    name: str
    type: str
    mentions: list[Span]
    actor_id: str | None = None
    kind: str | None = None
    affiliation: str | None = None
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)


@dataclass
class Place:
    id: str
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    admin2: str | None
    feature: str | None
    precision: int
    gazetteer_id: str | None
    mentions: list[Span]
    references: list[Span] = field(default_factory=list)
    """Spans that point to the place without naming it as a location: a nationality word
    ("Georgian troops"), a place inside an institution's name ("Athens Police Department")."""


@dataclass
class Quote:
    id: str
    kind: str
    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_mention: Span | None = None
    cue: Span | None = None
    channel: str | None = None


@dataclass
class Attribution:
    source: str | None = None
    quote: str | None = None
    cue: Span | None = None
    hedged: bool = False


@dataclass
class Event:
    id: str
    type: str
    evidence: Span
    mode: str | None = None
    actor: str | None = None
    target: str | None = None
    place: str | None = None
    date: str | None = None
    date_precision: str | None = None
    negated: bool = False
    modality: str = "asserted"
    attribution: Attribution = field(default_factory=Attribution)
    acled: dict[str, str] | None = None
    fatalities: int | None = None


@dataclass
class Document:
    id: str
    article: Article
    entities: list[Entity] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The document as the JSON object the schema describes."""
        return {
            "schema": SCHEMA_ID,
            "id": self.id,
            "article": asdict(self.article),
            "entities": [asdict(e) for e in self.entities],
            "places": [asdict(p) for p in self.places],
            "quotes": [asdict(q) for q in self.quotes],
            "events": [asdict(e) for e in self.events],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """The document a `to_dict()` JSON object describes."""

        def span(value: dict[str, Any] | None) -> Span | None:
            return Span(**value) if value else None

        def spans(values: list[dict[str, Any]]) -> list[Span]:
            return [Span(**v) for v in values]

        return cls(
            id=data["id"],
            article=Article(**data["article"]),
            entities=[Entity(**{**e, "mentions": spans(e["mentions"])}) for e in data["entities"]],
            places=[
                Place(
                    **{
                        **p,
                        "mentions": spans(p["mentions"]),
                        "references": spans(p.get("references", [])),
                    }
                )
                for p in data["places"]
            ],
            quotes=[
                Quote(**{**q, "speaker_mention": span(q["speaker_mention"]), "cue": span(q["cue"])})
                for q in data["quotes"]
            ],
            events=[
                Event(
                    **{
                        **e,
                        "evidence": Span(**e["evidence"]),
                        "attribution": Attribution(
                            **{**e["attribution"], "cue": span(e["attribution"]["cue"])}
                        ),
                    }
                )
                for e in data["events"]
            ],
        )


@cache
def json_schema() -> dict[str, Any]:
    """The JSON Schema of `eventwire.document/1`, shipped with the package."""
    path = resources.files("eventwire") / "schema" / "document-1.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


def validate(document: dict[str, Any]) -> None:
    """Raise `jsonschema.ValidationError`, or `ValueError` for a span off the text, on a breach."""
    import jsonschema

    jsonschema.validate(document, json_schema())
    text = document["article"]["text"]
    for span in _spans(document):
        if text[span["start"] : span["end"]] != span["text"]:
            raise ValueError(f"span {span} does not match the article text")


def _spans(document: dict[str, Any]):
    for owner in (*document["entities"], *document["places"]):
        yield from owner["mentions"]
    for place in document["places"]:
        yield from place.get("references", [])
    for quote in document["quotes"]:
        yield quote
        yield from (s for s in (quote["speaker_mention"], quote["cue"]) if s)
    for event in document["events"]:
        yield event["evidence"]
        if event["attribution"]["cue"]:
            yield event["attribution"]["cue"]
