"""From stored documents to copies, incidents and contradictions, in one pass."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .contradictions import Contradiction, find_contradictions
from .copies import Copy, find_copies
from .merge import Incident, Report, build_incidents, reports_of


@dataclass
class CorpusView:
    copies: list[Copy]
    incidents: list[Incident]
    contradictions: list[Contradiction]


def build(documents: Iterable[dict]) -> CorpusView:
    """The corpus view of `documents`, given oldest first (by publish date, undated last, then
    in storage order) as `Store.documents(by_publication=True)` streams them. Only each
    document's event reports and text signature are kept, never the documents."""
    reports: list[Report] = []

    def texts() -> Iterable[tuple[str, str]]:
        for document in documents:
            reports.extend(reports_of(document))
            yield document["id"], document["article"]["text"]

    copies = find_copies(texts())
    original_of = {c.article_id: c.original_id for c in copies}
    incidents = build_incidents(reports, original_of)
    return CorpusView(copies, incidents, find_contradictions(incidents))
