"""Streets, roads and datelines: place names the gazetteer cannot hold but a document places.

A street ("Darby Street", "420 Augusta St., Alexandria", "Highway 19") lies in a town: the one
named right after it (", Alexandria", "in Malta"), else the town the document names most. It
takes that town's point, with precision 1 when the town is stated beside it and 2 when it is
only the document's. A dateline ("BEIRUT:", "WINDSOR —") names where the story was filed; a
legislator's party tag ("D-N.Y.", "R-Ocilla") names the place they represent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cache

from spacy.tokens import Doc, Span

from .gazetteer import Candidate
from .names import data_rows, name_key

MAX_STREET_WORDS = 4
DATELINE_DASHES = frozenset({"—", "–", "-", "--", ":"})
TOWN_GAP = 6
"""How many tokens after a street its town may be named ("Malta Road in Malta")."""


@cache
def street_words() -> dict[str, str]:
    """Word -> where it stands: "after" a name ("Main Street") or "before_number" ("Highway 19")."""
    return {row["word"]: row["position"] for row in data_rows("street_words.jsonl")}


def _word(token) -> str:
    return token.lower_.rstrip(".")


def _is_name_word(token) -> bool:
    return token.is_title or token.is_upper or token.like_num or token.text[:1].isupper()


def street_spans(doc: Doc) -> Iterator[Span]:
    """Streets and roads the text names, longest first at each place."""
    words = street_words()
    i = 0
    while i < len(doc):
        token = doc[i]
        word = _word(token)
        found = None
        saint = word == "st" and i + 1 < len(doc) and doc[i + 1].is_title  # "St. Petersburg"
        if (
            words.get(word) == "after"
            and not saint
            and token.text[:1].isupper()
            and i > 0
            and _is_name_word(doc[i - 1])
            and not doc[i - 1].like_num
        ):
            start = i - 1
            while start > 0 and i - start < MAX_STREET_WORDS and _is_name_word(doc[start - 1]):
                if doc[start - 1].like_num or doc[start - 1].is_sent_start:
                    break
                start -= 1
            while start < i and (doc[start].is_stop or doc[start].like_num):
                start += 1
            if start < i:
                found = doc[start : i + 1]
        elif (
            words.get(word) == "before_number"
            and token.text[:1].isupper()
            and i + 1 < len(doc)
            and doc[i + 1].like_num
        ):
            found = doc[i : i + 2]
        if found is not None:
            yield found
            i = found.end
        else:
            i += 1


def dateline_spans(doc: Doc) -> Iterator[Span]:
    """Names that open a paragraph or sentence and end in a dash or colon ("BEIRUT:",
    "WINDSOR —", "DeKALB –", "Albany —"), with an optional state or country ("CARTHAGE, N.C.")
    and "(AP)" after them, or end in "(AP)" alone."""
    covered = 0
    for sent in doc.sents:
        if sent.start < covered:
            continue  # the parser may start a sentence at each word of "BOWLING GREEN, Ohio"
        end = sent.start
        while (
            end < len(doc)
            and end - sent.start < 3
            and doc[end].is_alpha
            and (doc[end].is_upper or doc[end].is_title or doc[end].text[-3:].isupper())
        ):
            end += 1
        if end == sent.start or len(doc[sent.start : end].text) < 3:
            continue
        after = end
        if after < len(doc) and doc[after].text == ",":  # "CARTHAGE, N.C. (AP) -"
            after += 1
            while after < len(doc) and after - end < 4 and doc[after].text[:1].isupper():
                after += 1
        credited = after < len(doc) and doc[after].text == "("
        if credited:
            while after < len(doc) and doc[after].text != ")" and after - end < 5:
                after += 1
            after += 1
        # "BOWLING GREEN, Ohio (AP) Students ...": after a name in capitals, the agency's
        # credit ends a dateline too
        capitals = doc[sent.start : end].text.isupper()
        if (credited and capitals) or (after < len(doc) and _is_dash(doc[after].text)):
            covered = after
            yield doc[sent.start : end]


def _is_dash(text: str) -> bool:
    return text in DATELINE_DASHES or (len(text) > 1 and set(text) <= set("-—–"))


PARTY_AFFILIATION = re.compile(r"\b(?:D|R|I|DFL|GOP|Ind)-([A-Z][\w.]*(?: [A-Z][\w.]*)?)")


def affiliation_places(text: str) -> Iterator[tuple[int, int, str]]:
    """Places in a legislator's party tag ("D-N.Y.", "R-Ocilla", "DFL-Cook"): where they
    represent, (start, end, name)."""
    for match in PARTY_AFFILIATION.finditer(text):
        name = match.group(1).rstrip(",;")
        yield match.start(1), match.start(1) + len(name), name


def town_of(street: Span, towns: dict[tuple[int, int], Candidate], text: str) -> Candidate | None:
    """The town named right after a street (", Alexandria", "in Malta"), if any."""
    doc = street.doc
    limit = doc[min(len(doc) - 1, street.end + TOWN_GAP)].idx
    following = [
        (start, candidate)
        for (start, _end), candidate in towns.items()
        if street.end_char <= start <= limit
    ]
    if not following:
        return None
    start, candidate = min(following, key=lambda item: item[0])
    between = text[street.end_char : start]
    if "." in between.replace("St.", "").replace("Ave.", "").replace("Rd.", "") or ";" in between:
        return None
    return candidate


def street_candidate(street: Span, town: Candidate) -> Candidate:
    """A street as a gazetteer-like candidate at its town's point."""
    return replace(
        town,
        id=f"street:{town.id}:{name_key(street.text).replace(' ', '-')}",
        name=street.text,
        kind="street",
        population=0,
        source=f"eventwire: a street located by its town {town.name} ({town.id})",
        matched="name",
        capital=False,
    )
