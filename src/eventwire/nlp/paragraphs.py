"""The `eventwire_paragraphs` component: a sentence never runs across a line break.

Headlines, standfirsts and list items end without a full stop; left to itself, the parser joins
them to the next paragraph's first sentence, and a subject from one paragraph gets the verb of the
next. Runs before the parser, which keeps boundaries set in advance.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("eventwire_paragraphs")
def mark_paragraph_starts(doc: Doc) -> Doc:
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
    return doc
