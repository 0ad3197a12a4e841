"""The sentence holding a token, from one pass over the document's sentences.

`Token.sent` rescans the document's sentence annotation on every call; components that ask for
many tokens' sentences use `sentence_of` instead.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

_KEY = "eventwire_sentence_starts"


def _starts(doc: Doc) -> list[int]:
    starts = doc.user_data.get(_KEY)
    if starts is None:
        starts = [sentence.start for sentence in doc.sents]
        doc.user_data[_KEY] = starts
    return starts


def sentence_of(token: Token) -> Span:
    """The sentence `token` belongs to."""
    doc = token.doc
    starts = _starts(doc)
    index = bisect_right(starts, token.i) - 1
    end = starts[index + 1] if index + 1 < len(starts) else len(doc)
    return doc[starts[index] : end]
