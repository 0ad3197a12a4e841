"""Second look at a found event: its mode from the weapon or method the clause names, and its
PLOVER type when the clause is a promise, a refusal, an ultimatum or a demand.

PLOVER codes what an actor *does*: "the UN will provide food aid" is an AGREE, not an AID;
"Syria is willing to withdraw its troops" a CONCEDE (a promised concession), not a RETREAT; "the
farmers said they would blockade Paris" a THREATEN; "Russia said Sudan must return the helicopter"
a REQUEST by Russia. Both tables are data (`data/mode_cues.jsonl`, `data/recoding.jsonl`).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..actors.coref import Referents
from ..datafiles import jsonl_rows
from .patterns import lemma

if TYPE_CHECKING:
    from .detect import EventFinding

COMMITMENT_WORDS = frozenset(
    {
        "promise",
        "pledge",
        "offer",
        "vow",
        "swear",
        "willing",
        "ready",
        "prepared",
        "commit",
        "committed",
        "undertake",
        "threaten",
    }
)
"""A controller that turns its complement into a promise or a threat. Plans and hopes ("plans to
attack", "hopes for talks") stay the planned event with an `intended` modality."""
FAILURE_WORDS = frozenset({"fail"})
"""A controller that turns a cooperative complement into its refusal ("failed to reach a deal")."""
FUTURE_AUXILIARIES = frozenset({"will", "would", "shall", "'ll", "wo"})
OBLIGATION_AUXILIARIES = frozenset({"must", "should"})
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "acl", "relcl", "advcl", "conj"})


@cache
def _mode_cues() -> dict[str, list[tuple[str, frozenset[str]]]]:
    table: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for row in jsonl_rows("eventwire.events", "mode_cues.jsonl"):
        table.setdefault(row["type"], []).append((row["mode"], frozenset(row["words"])))
    return table


@cache
def _recodings() -> list[dict]:
    return list(jsonl_rows("eventwire.events", "recoding.jsonl"))


def clause_verb(token: Token) -> Token:
    """The verb whose clause holds `token` ("attack" in "killed in a bomb attack" → "killed")."""
    node = token
    for _ in range(6):
        if node.pos_ in {"VERB", "AUX"} or node.head is node:
            return node
        node = node.head
    return node


def _clause_words(verb: Token) -> set[str]:
    """Lower-cased words and lemmas of the clause of `verb`, not of the clauses under it."""
    words: set[str] = set()
    stack = [verb]
    while stack:
        node = stack.pop()
        words.add(node.lower_)
        words.add(node.lemma_.casefold())
        stack.extend(c for c in node.children if c.dep_ not in CLAUSE_DEPS or c.pos_ != "VERB")
    return words


def refine_mode(event: EventFinding) -> None:
    """A weapon, method or form named in the event's clause gives the mode the trigger left open
    ("killed in a car bomb explosion" → explosives)."""
    cues = _mode_cues().get(event.type)
    if not cues or (event.mode is not None and event.type != "PROTEST"):
        return
    # the clause's walk passes through the trigger, so its words are the trigger's too
    words = _clause_words(clause_verb(event.trigger))
    for mode, cue_words in cues:
        if words & cue_words:
            event.mode = mode
            return


def _auxiliaries(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}


def _situation(event: EventFinding, controller: Token | None) -> str | None:
    """ "obligation", "ultimatum", "refusal", "commitment" or None for a plain statement."""
    if event.modality == "hypothetical":
        return None
    verb = clause_verb(event.trigger)
    auxiliaries = _auxiliaries(verb)
    holders = [verb] + ([controller] if controller is not None else [])
    if controller is not None:
        auxiliaries |= _auxiliaries(controller)
    top = controller if controller is not None else verb
    if auxiliaries & OBLIGATION_AUXILIARIES and any(
        node.dep_ in {"ccomp", "acl"} for node in (verb, top, top.head)
    ):
        return "obligation"
    if controller is not None and controller.lemma_.casefold() in FAILURE_WORDS:
        return "refusal"
    committed = bool(auxiliaries & FUTURE_AUXILIARIES) or any(
        node.lemma_.casefold() in COMMITMENT_WORDS for node in _governors(event.trigger)
    )
    if not committed:
        return None
    if any(
        c.dep_ == "advcl" and any(m.lower_ == "unless" for m in c.children)
        for holder in holders
        for c in holder.children
    ):
        return "ultimatum"
    negated = event.negated or any(c.dep_ == "neg" for holder in holders for c in holder.children)
    return "refusal" if negated else "commitment"


def _governors(token: Token) -> list[Token]:
    """The words above `token` within its sentence's chain of complements ("promised to continue
    military aid": continue, promised)."""
    found = []
    node = token
    for _ in range(3):
        if (
            node.dep_ not in {"xcomp", "dobj", "pobj", "prep", "acomp", "pcomp"}
            or node.head is node
        ):
            break
        node = node.head
        found.append(node)
    return found


def recode_by_content(event: EventFinding, content: EventFinding | None) -> None:
    """A threat or an agreement takes its code from what it is about: "threatened to shell the
    towns" → THREATEN violence, "threatened a general strike" → THREATEN restrict, "agreed to
    withdraw its troops" → CONCEDE (a promised withdrawal is a verbal concession). An event that
    `recode` already made from its content keeps that content."""
    if content is None or event.content is not None:
        return
    if event.type == "THREATEN" and event.mode is None:
        # a threat is a commitment to its content: the commitment rows that make threats
        rows = [r for r in _recodings() if r["when"] == "commitment" and r["to"] == "THREATEN"]
    elif event.type == "AGREE":
        rows = [r for r in _recodings() if r["when"] == "agreement"]
        if lemma(event.trigger) in COMMITMENT_WORDS:
            # a promise of anything else is a commitment to it ("promised to renew the bombing
            # campaign" threatens violence); an agreement to it is not ("agreed to postpone")
            rows += [r for r in _recodings() if r["when"] == "commitment"]
    else:
        return
    for row in rows:
        if not _fits(row, content.type, content.mode):
            continue
        if row["to"] != event.type:
            event.acled = None
        event.content = (content.type, content.mode)
        event.type, event.mode = row["to"], row.get("mode")
        return


def recode(event: EventFinding, controller: Token | None, referents: Referents) -> None:
    """Apply the first row of `data/recoding.jsonl` that fits the event's situation."""
    situation = _situation(event, controller)
    if situation is None:
        return
    # an ultimatum is first of all a commitment: "would boycott … unless" threatens a boycott
    situations = ("ultimatum", "commitment") if situation == "ultimatum" else (situation,)
    rows = [row for when in situations for row in _recodings() if row["when"] == when]
    for row in rows:
        if not _fits(row, event.type, event.mode):
            continue
        event.content = (event.type, event.mode)
        event.type, event.mode, event.acled = row["to"], row.get("mode"), None
        if situation == "refusal":
            event.negated = False
        if situation == "obligation":
            _demand_roles(event, referents)
        if event.modality in {"intended", "possible"}:
            event.modality = "asserted"
        return


def _fits(row: dict, event_type: str, mode: str | None) -> bool:
    """Whether a recoding row applies to an event of this type and mode."""
    return event_type in row["from"] and ("modes" not in row or mode in row["modes"])


def _demand_roles(event: EventFinding, referents: Referents) -> None:
    """ "Russia said Sudan must return …": Russia demands, Sudan is asked."""
    from .detect import _referent, _subject

    clause = clause_verb(event.trigger)
    governor = clause.head.head if clause.head.dep_ in {"ccomp", "acl"} else clause.head
    speaker = _referent(_subject(governor), referents) if governor is not None else None
    event.actor, event.target = speaker, event.actor
