"""Who asserts a stretch of text, and whether the reporter keeps a distance from it.

`claim_for(doc, start, end)` answers for any character span: the source is the speaker of the
innermost quote (direct or reported) that contains it, else the reporter. The claim is hedged when
the reporter does not vouch for it: it is reported speech with a non-factive cue ("said",
"claimed", "according to"; factive cues such as "confirmed" vouch), or its sentence carries a hedge
("reportedly", "allegedly", "claimed to", "it seems"; `data/hedges.jsonl`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from ..datafiles import jsonl_rows
from ..nlp.sentences import sentence_of
from .find import QuoteFinding


@dataclass(frozen=True)
class Claim:
    source: int | None
    """Entity cluster index of the speaker; None for the reporter (or an unknown speaker)."""
    quote: int | None
    """Index into the document's quotes of the quote holding the span."""
    cue_span: tuple[int, int] | None
    hedged: bool
    hedge_span: tuple[int, int] | None
    """The words that hedge it: the cue, or the hedge in the sentence."""


@cache
def _hedges() -> tuple[frozenset[str], re.Pattern, frozenset[str]]:
    rows = jsonl_rows("eventwire.quotes", "hedges.jsonl")
    verbs = frozenset(r["cue"] for r in rows if r["kind"] == "verb")
    phrases = [r["cue"] for r in rows if r["kind"] in {"word", "phrase"}]
    pattern = re.compile(
        r"\b(?:" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + r")\b",
        re.IGNORECASE,
    )
    factive = frozenset(r["cue"] for r in rows if r["kind"] == "factive")
    return verbs, pattern, factive


def claim_for(doc: Doc, quotes: list[QuoteFinding], start: int, end: int) -> Claim:
    """The source and hedging of the text between character offsets `start` and `end`."""
    holding = [(i, q) for i, q in enumerate(quotes) if q.start <= start and end <= q.end]
    verbs, pattern, factive = _hedges()
    hedge = _hedge_in_sentence(doc, start, end, pattern, verbs, quotes)
    if holding:
        index, quote = min(holding, key=lambda iq: iq[1].end - iq[1].start)
        vouched = quote.cue_lemma in factive
        hedge_span = hedge or (None if vouched else quote.cue_span)
        return Claim(quote.speaker, index, quote.cue_span, hedge_span is not None, hedge_span)
    return Claim(None, None, None, hedge is not None, hedge)


def _hedge_in_sentence(doc, start, end, pattern, verbs, quotes) -> tuple[int, int] | None:
    """A hedge word in the sentence of the span, outside any quotation of someone else."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    sentence = sentence_of(span[0])
    quoted = [(q.start, q.end) for q in quotes if q.kind == "direct"]
    offset = sentence.start_char  # `doc.text` is rebuilt on every access: search the sentence
    for match in pattern.finditer(sentence.text):
        found = (match.start() + offset, match.end() + offset)
        if not any(s <= found[0] < e for s, e in quoted if not (s <= start < e)):
            return found
    for token in sentence:
        if token.lemma_.casefold() in verbs and token.pos_ == "VERB":
            return (token.idx, token.idx + len(token.text))
    return None
