"""Event patterns: a trigger word and the frame around it, mapped to a PLOVER type and mode.

Each row of `data/patterns.jsonl` names a trigger lemma and part of speech, optional conditions
on its dependents (`object`, `object_kind`, `particle`, `prep`, `modifier`, `governor`,
`negated`, `subject`), the PLOVER
`type`/`mode`, an optional ACLED class (`acled`), optional role paths (`roles`), an example and a
source. Matching is a lookup by (lemma, part of speech); among the rows that fit, the one with the
most conditions wins, so "cut off" beats "cut" and "air strike" beats "strike".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Token

from ..datafiles import jsonl_rows

OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd"})
_CONDITIONS = (
    "object",
    "particle",
    "prep",
    "modifier",
    "governor",
    "negated",
    "object_kind",
    "subject",
    "complement_event",
)
PLACE_NOUNS = frozenset(
    {
        "town",
        "city",
        "village",
        "district",
        "province",
        "area",
        "territory",
        "base",
        "airport",
        "valley",
        "region",
        "capital",
        "border",
        "crossing",
        "checkpoint",
        "port",
        "hill",
        "bridge",
        "outpost",
        "neighbourhood",
        "neighborhood",
        "county",
        "state",
        "island",
        "position",
        "positions",
    }
)


@dataclass(frozen=True)
class EventPattern:
    trigger: str
    pos: str
    type: str
    mode: str | None
    acled: str | None = None
    roles: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    conditions: dict = field(default_factory=dict, hash=False, compare=False)
    example: str = ""

    def fits(self, token: Token) -> bool:
        return all(_CHECKS[name](token, wanted) for name, wanted in self.conditions.items())


def _objects(token: Token) -> list[Token]:
    objects = [c for c in token.children if c.dep_ in OBJECT_DEPS]
    if token.dep_ == "acl" and token.tag_ == "VBN":
        objects.append(token.head)  # "restrictions lifted on the group": what was lifted
    # "allowing food and fuel to enter": the subject of the complement clause
    for clause in (c for c in token.children if c.dep_ in {"ccomp", "xcomp"}):
        objects += [c for c in clause.children if c.dep_ == "nsubj"]
    return objects + [g for o in objects for g in o.conjuncts]


def _object_lemmas(token: Token) -> set[str]:
    objects = _objects(token)
    lemmas = {o.lemma_.casefold() for o in objects} | {o.lower_ for o in objects}
    # "took control of", "reached an agreement": the object may also sit under a preposition
    preps = [c for c in token.children if c.dep_ in {"prep", "agent", "prt"}]
    # "pulled out of the coalition": the preposition may hang from the particle
    preps += [p for c in preps for p in c.children if p.dep_ == "prep"]
    for prep in preps:
        lemmas |= {o.lemma_.casefold() for o in prep.children if o.dep_ == "pobj"}
    return lemmas


def _has_object(token: Token, wanted: list[str]) -> bool:
    return bool(_object_lemmas(token) & set(wanted))


def _has_particle(token: Token, wanted: list[str]) -> bool:
    # the parser often reads the particle of "pulled out of" as a preposition
    return any(c.dep_ in {"prt", "prep"} and c.lower_ in wanted for c in token.children)


def _has_prep(token: Token, wanted: str) -> bool:
    return any(c.dep_ in {"prep", "prt"} and c.lower_ == wanted for c in token.children)


def _has_modifier(token: Token, wanted: list[str]) -> bool:
    return any(
        c.dep_ in {"compound", "amod", "nmod"} and c.lower_ in wanted for c in token.children
    )


def _has_governor(token: Token, wanted: list[str]) -> bool:
    """ "ready for war": a word above the trigger (its head, or the head's head)."""
    head = token.head
    return head.lemma_.casefold() in wanted or head.head.lemma_.casefold() in wanted


def _is_negated(token: Token, wanted: bool) -> bool:
    negated = any(c.dep_ == "neg" for c in token.children) or any(
        c.dep_ == "neg" for c in token.head.children if token.dep_ in {"xcomp", "aux"}
    )
    return negated == wanted


def _object_is_place(token: Token, wanted: str) -> bool:
    """ "retook the town", "captured Badakhshan": the object names a place."""
    for obj in _objects(token):
        if obj.lemma_.casefold() in PLACE_NOUNS or any(
            t.ent_type_ in {"GPE", "LOC", "FAC"} for t in obj.subtree
        ):
            return True
    return False


def _has_subject(token: Token, wanted: list[str]) -> bool:
    """ "demonstrators blocked the road": who acts decides between a protest and coercion."""
    node = token
    for _ in range(3):
        subjects = [c for c in node.children if c.dep_ == "nsubj"]
        # "hundreds of demonstrators": the people are under the quantity
        subjects += [
            o
            for s in subjects
            for p in s.children
            if p.lower_ == "of"
            for o in p.children
            if o.dep_ == "pobj"
        ]
        if subjects:
            return any(
                s.lemma_.casefold() in wanted or s.lower_ in wanted
                for s in subjects + [g for s in subjects for g in s.conjuncts]
            )
        if node.dep_ not in {"xcomp", "conj", "advcl"} or node.head is node:
            return False
        node = node.head
    return False


def _complement_has_event(token: Token, wanted: bool) -> bool:
    """ "promised to provide aid": the complement is the event, and the promise only its
    modality; "promised to democratize": no pattern below, so the promise is the event."""
    has_event = any(c.dep_ in {"xcomp", "ccomp"} and match(c) is not None for c in token.children)
    return has_event == wanted


_CHECKS = {
    "subject": _has_subject,
    "complement_event": _complement_has_event,
    "object_kind": _object_is_place,
    "object": _has_object,
    "particle": _has_particle,
    "prep": _has_prep,
    "modifier": _has_modifier,
    "governor": _has_governor,
    "negated": _is_negated,
}


@cache
def patterns() -> dict[tuple[str, str], list[EventPattern]]:
    """Patterns by (trigger lemma, part of speech), most specific first."""
    table: dict[tuple[str, str], list[EventPattern]] = defaultdict(list)
    for row in jsonl_rows("eventwire.events", "patterns.jsonl"):
        conditions = {k: row[k] for k in _CONDITIONS if k in row}
        table[(row["trigger"], row["pos"])].append(
            EventPattern(
                trigger=row["trigger"],
                pos=row["pos"],
                type=row["type"],
                mode=row.get("mode"),
                acled=row.get("acled"),
                roles=row.get("roles", {}),
                conditions=conditions,
                example=row.get("example", ""),
            )
        )
    for rows in table.values():
        rows.sort(key=lambda p: -len(p.conditions))
    return dict(table)


@cache
def _lemma_fixes() -> dict[str, str]:
    return {r["form"]: r["lemma"] for r in jsonl_rows("eventwire.events", "lemma_fixes.jsonl")}


def lemma(token: Token) -> str:
    """The token's lemma, corrected where the small model gets a news word wrong ("hoped" →
    "hop")."""
    return _lemma_fixes().get(token.lower_) or token.lemma_.casefold()


def match(token: Token) -> EventPattern | None:
    """The most specific pattern whose trigger and frame fit `token`."""
    pos = "VERB" if token.pos_ == "VERB" else "NOUN" if token.pos_ in {"NOUN", "PROPN"} else None
    if pos is None:
        return None
    for key in dict.fromkeys((lemma(token), token.lower_)):
        for pattern in patterns().get((key, pos), []):
            if pattern.fits(token):
                return pattern
    return None
