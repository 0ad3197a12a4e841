"""Across articles: copies of one story, incidents that merge reports of one happening, and the
claims that disagree about it.

`copies.CopyFinder` links reprints to their original (MinHash over word shingles);
`merge.IncidentBuilder` groups event reports into incidents and says why each pair was merged;
`contradictions.within` and `contradictions.across` list what the reports of an incident (or of
opposing incidents at the same place and time) disagree on, each side with its sources. Nothing
is resolved: every side stays, with its evidence. `build.Corpus` runs them over a stream of
documents with the comparing done in a scratch SQLite file (`workspace`), so memory does not
grow with the corpus.
"""

from .build import Corpus, CorpusView, build
from .contradictions import within
from .copies import find_copies
from .merge import Incident, Report, reports_of

__all__ = [
    "Corpus",
    "CorpusView",
    "Incident",
    "Report",
    "build",
    "find_copies",
    "reports_of",
    "within",
]
