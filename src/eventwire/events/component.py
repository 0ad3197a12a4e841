"""The `eventwire_events` component: `doc._.events`, the document's events."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..actors.coref import Referents
from .detect import find_events


@Language.factory("eventwire_events")
def make_event_finder(nlp: Language, name: str) -> EventFinder:
    return EventFinder()


class EventFinder:
    def __init__(self) -> None:
        if not Doc.has_extension("events"):
            Doc.set_extension("events", default=None)

    def __call__(self, doc: Doc) -> Doc:
        referents = doc._.referents or Referents(doc, doc._.entity_clusters or [], {})
        places = sorted(m for place in (doc._.places or []) for m in place.mentions)
        doc._.events = find_events(doc, referents, places)
        return doc
