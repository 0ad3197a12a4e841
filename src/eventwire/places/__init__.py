"""Places: an offline gazetteer built from GeoNames and a curated supplement, and lookups in it."""

from .gazetteer import Candidate, Gazetteer, GazetteerError

__all__ = ["Candidate", "Gazetteer", "GazetteerError"]
