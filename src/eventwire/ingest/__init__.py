"""Ingestion: inputs to records, records to clean articles."""

from .article import build_article, normalise_date, text_hash
from .errors import InputError
from .record import Record
from .sources import read_inputs

__all__ = ["InputError", "Record", "build_article", "normalise_date", "read_inputs", "text_hash"]
