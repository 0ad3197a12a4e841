"""The `eventwire_quotes` component: `doc._.quotes`, the document's quotes with their speakers."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..actors.coref import Referents
from .find import find_quotes


@Language.factory("eventwire_quotes")
def make_quote_finder(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder()


class QuoteFinder:
    def __init__(self) -> None:
        if not Doc.has_extension("quotes"):
            Doc.set_extension("quotes", default=None)

    def __call__(self, doc: Doc) -> Doc:
        referents = doc._.referents or Referents(doc, doc._.entity_clusters or [], {})
        doc._.quotes = find_quotes(doc, referents)
        return doc
