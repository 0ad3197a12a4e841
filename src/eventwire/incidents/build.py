"""From stored documents to copies, incidents and contradictions.

`Corpus` streams: documents go into a scratch database one by one, and copies, incidents and
contradictions come out one by one, so a whole corpus is never held in memory. `build` collects
them into lists, for a handful of documents.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .contradictions import Contradiction, across, within
from .copies import Copy, CopyFinder, copies_in
from .merge import Incident, IncidentBuilder, reports_of
from .workspace import Workspace


class Corpus:
    """The corpus view of `documents`, given oldest first (by publish date, undated last, then
    in storage order) as `Store.documents(by_publication=True)` streams them. Only each
    document's event reports and text signature are kept, in a scratch file, never the
    documents. Use as a context manager: the scratch file is deleted on exit."""

    def __init__(self, documents: Iterable[dict], directory: str | None = None) -> None:
        self.workspace = Workspace(directory)
        try:
            finder, self.builder = CopyFinder(self.workspace), IncidentBuilder(self.workspace)
            for document in documents:
                copy = finder.check(document["id"], document["article"]["text"])
                self.builder.add(reports_of(document), copy.original_id if copy else None)
            self.builder.link()
        except BaseException:
            self.workspace.close()
            raise

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *_: object) -> None:
        self.workspace.close()

    def copies(self) -> Iterator[Copy]:
        return copies_in(self.workspace)

    def incidents(self) -> Iterator[Incident]:
        """Incidents by id."""
        return self.builder.incidents()

    def opposing(self) -> Iterator[Contradiction]:
        """Contradictions between incidents; those within one come from `within(incident)`."""
        return across(self.workspace)


@dataclass
class CorpusView:
    copies: list[Copy]
    incidents: list[Incident]
    contradictions: list[Contradiction]


def build(documents: Iterable[dict]) -> CorpusView:
    """The whole corpus view of a few documents, as lists (see `Corpus` for a corpus)."""
    with Corpus(documents) as corpus:
        incidents = list(corpus.incidents())
        contradictions = [c for incident in incidents for c in within(incident)]
        contradictions += corpus.opposing()
        return CorpusView(list(corpus.copies()), incidents, contradictions)
