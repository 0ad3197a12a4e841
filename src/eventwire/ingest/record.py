"""One article as given, before cleaning."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .errors import InputError

RECORD_FIELDS = ("id", "text", "html", "url", "title", "published", "source", "fetched")


@dataclass
class Record:
    """One article as given: text or HTML plus whatever metadata came with it."""

    origin: str
    text: str | None = None
    html: str | None = None
    id: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    fetched: str | None = None

    @classmethod
    def from_mapping(cls, data: dict[str, Any], origin: str) -> Record:
        """A record from a JSON object with the keys of `RECORD_FIELDS` (others are ignored)."""
        values: dict[str, str | None] = {}
        for key in RECORD_FIELDS:
            value = data.get(key)
            if value is not None and not isinstance(value, str | int):
                raise InputError(origin, f'field "{key}" must be a string')
            values[key] = None if value is None else str(value)
        if not (values["text"] or "").strip() and not (values["html"] or "").strip():
            raise InputError(origin, 'record has neither "text" nor "html"')
        return cls(origin=origin, **values)
