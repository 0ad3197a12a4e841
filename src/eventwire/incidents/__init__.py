"""Across articles: copies of one story, incidents that merge reports of one happening, and the
claims that disagree about it.

`copies.find_copies` links reprints to their original (MinHash over word shingles);
`merge.build_incidents` groups event reports into incidents and says why each pair was merged;
`contradictions.find_contradictions` lists what the reports of an incident (or of opposing
incidents at the same place and time) disagree on, each side with its sources. Nothing is
resolved: every side stays, with its evidence.
"""

from .build import CorpusView, build
from .copies import find_copies
from .merge import Incident, Report, build_incidents, reports_of

__all__ = [
    "CorpusView",
    "Incident",
    "Report",
    "build",
    "build_incidents",
    "find_copies",
    "reports_of",
]
