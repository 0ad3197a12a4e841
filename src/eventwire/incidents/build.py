"""From stored documents to copies, incidents and contradictions, in one pass."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .contradictions import Contradiction, find_contradictions
from .copies import Copy, find_copies
from .merge import Incident, build_incidents, reports_of


@dataclass
class CorpusView:
    copies: list[Copy]
    incidents: list[Incident]
    contradictions: list[Contradiction]


def build(documents: Iterable[dict]) -> CorpusView:
    """`documents` oldest first (publish date, then storage order), as the store yields them."""
    documents = list(documents)
    ordered = sorted(
        enumerate(documents),
        key=lambda pair: (pair[1]["article"].get("published") or "9999", pair[0]),
    )
    copies = find_copies((d["id"], d["article"]["text"]) for _, d in ordered)
    original_of = {c.article_id: c.original_id for c in copies}
    reports = [r for d in documents for r in reports_of(d)]
    incidents = build_incidents(reports, original_of)
    return CorpusView(copies, incidents, find_contradictions(incidents))
