"""eventwire: news about conflict and politics as a sourced, structured record of events."""

from .document import SCHEMA_ID, Document
from .extraction import extract, extract_many
from .ingest import InputError, Record

__all__ = ["SCHEMA_ID", "Document", "InputError", "Record", "extract", "extract_many"]
__version__ = "0.1.0"
