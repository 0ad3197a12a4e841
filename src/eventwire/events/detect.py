"""Events on the dependency parse: trigger, actor, target, place, modality, negation, magnitude.

Triggers are verbs and nouns matched by `patterns.match`. Roles follow the parse: the subject is
the actor and the object the target, turned round in the passive ("have been kidnapped by the
Taliban"); a noun's actor is its possessor, its "by" phrase or the subject of the verb that
carries it ("laid siege"), its target the object of "of/on/against/around". A trigger under a
control verb is the content of that verb: "asked Russia to mediate" is one REQUEST, "refused to do
so" one REJECT, "denied attacking" one negated ASSAULT, "plans to attack" an intended ASSAULT.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import islice

from spacy.tokens import Doc, Span, Token

from ..actors.coref import Referents
from ..datafiles import jsonl_rows
from ..nlp.sentences import sentence_of
from .patterns import EventPattern, lemma, match
from .refine import recode, recode_by_content, refine_mode

TARGET_PREPS = frozenset({"of", "on", "against", "around", "at", "to", "into", "in"})
PLACE_PREPS = frozenset(
    {
        "in",
        "near",
        "around",
        "at",
        "outside",
        "inside",
        "across",
        "into",
        "on",
        "to",
        "from",
        "of",
        "through",
        "towards",
        "toward",
        "entrances",
    }
)
LIGHT_VERBS = frozenset(
    {
        "lay",
        "launch",
        "carry",
        "conduct",
        "stage",
        "hold",
        "impose",
        "mount",
        "begin",
        "wage",
        "start",
        "put",
        "make",
        "place",
        "declare",
        "announce",
    }
)
MODAL_POSSIBLE = frozenset({"may", "might", "could", "can"})
MODAL_INTENDED = frozenset({"will", "would", "shall", "'ll"})
INTENT_VERBS = frozenset(
    {
        "plan",
        "intend",
        "want",
        "hope",
        "aim",
        "seek",
        "try",
        "prepare",
        "vow",
        "pledge",
        "promise",
        "expect",
        "attempt",
        "decide",
        "ready",
        "prepared",
        "willing",
    }
)
DENIAL_VERBS = frozenset({"deny"})
"""Verbs whose embedded event is asserted not to have happened."""
NEGATING_PREPOSITIONS = frozenset({"without"})
"""A preposition whose object is an event that did not happen: "ended without an agreement",
"withdrew without firing a shot"."""
CONTENT_TYPES = frozenset({"REQUEST", "REJECT", "THREATEN", "AGREE"})
"""Types whose embedded event is their content, not a second event ("agreed to withdraw" is one
event, a promised withdrawal)."""
CONDITION_MARKERS = frozenset({"if", "unless"})
PHYSICAL_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "RETREAT", "AID"})
"""Types whose target, when it is a place, is also where the event happens ("shelled Kharkiv");
asking Russia to mediate does not happen in Russia."""
VICTIM_WORDS = frozenset(
    {
        "people",
        "civilians",
        "civilian",
        "children",
        "women",
        "villagers",
        "residents",
        "students",
        "worker",
        "workers",
        "farmers",
        "worshippers",
        "passengers",
        "protesters",
        "demonstrators",
        "person",
        "man",
        "men",
        "child",
        "woman",
        "elderly",
        "family",
        "families",
        "journalists",
        "refugees",
        "migrants",
        "pilgrims",
        "shoppers",
        "patients",
    }
)


@dataclass
class EventFinding:
    pattern: EventPattern
    trigger: Token
    evidence: tuple[int, int]
    actor: int | None = None
    target: int | None = None
    """Entity cluster indices."""
    target_place: tuple[int, int] | None = None
    place: tuple[int, int] | None = None
    """Character span of the place mention the event happens at (or to, for territory)."""
    negated: bool = False
    modality: str = "asserted"
    fatalities: int | None = None
    victims_are_civilians: bool = False
    by_classifier: float | None = None
    """The classifier's probability when the statistical fallback found the event."""
    type: str = ""
    mode: str | None = None
    acled: str | None = None
    """PLOVER type, mode and ACLED hint: the pattern's, unless `refine` recoded them."""
    content: tuple[str, str | None] | None = None
    """The type and mode of what was promised, refused or demanded, when `refine` recoded it."""

    def __post_init__(self) -> None:
        self.type = self.type or self.pattern.type
        self.mode = self.mode or self.pattern.mode
        self.acled = self.acled or self.pattern.acled


@cache
def _quantity_words() -> dict[str, int]:
    return {r["word"]: r["number"] for r in jsonl_rows("eventwire.events", "quantity_words.jsonl")}


def find_events(
    doc: Doc, referents: Referents, place_spans: list[tuple[int, int]]
) -> list[EventFinding]:
    """Every event of `doc`, in text order."""
    found: list[EventFinding] = []
    contents: dict[int, EventFinding] = {}
    for token in doc:
        pattern = match(token)
        if pattern is None or _in_frame_of(token) or _in_a_name(token):
            continue
        controller = _controller(token)
        if controller is not None and _is_content(controller):
            # "asked Russia to mediate": the REQUEST carries it, "threatened to shell": the threat
            contents.setdefault(controller.i, EventFinding(pattern, token, (0, 0)))
            continue
        if lemma(token) in DENIAL_VERBS and any(
            _controller(c) is token and match(c) for c in token.children
        ):
            continue  # "denied attacking": the attack, negated, is the event
        event = EventFinding(pattern, token, (token.idx, token.idx + len(token.text)))
        _roles(event, referents, place_spans)
        _modality(event, controller)
        event.fatalities = _fatalities(token) if pattern.type == "ASSAULT" else None
        refine_mode(event)
        recode(event, controller, referents)
        event.evidence = _evidence(event)
        found.append(event)
    for event in found:
        recode_by_content(event, contents.get(event.trigger.i) or _noun_content(event.trigger))
    found += _fallback_events(doc, found, referents, place_spans)
    found.sort(key=lambda e: e.trigger.i)
    found = _fold_consequences(found)
    _link_rejections(found)
    return found


def _fold_consequences(events: list[EventFinding]) -> list[EventFinding]:
    """ "attacked a checkpoint, killing six officers": the killing is the attack's outcome, so
    its toll goes to the attack and it is not a second event."""
    by_trigger = {event.trigger.i: event for event in events}
    kept = []
    for event in events:
        parent = by_trigger.get(event.trigger.head.i)
        if (
            event.type == "ASSAULT"
            and event.trigger.dep_ == "advcl"
            and event.trigger.tag_ == "VBG"
            and parent is not None
            and parent is not event
            and parent.type == "ASSAULT"
        ):
            parent.fatalities = parent.fatalities or event.fatalities
            parent.victims_are_civilians |= event.victims_are_civilians
            continue
        kept.append(event)
    return kept


FALLBACK_MIN_PROBABILITY = 0.6
"""The classifier speaks only for a sentence it is at least this sure of (see evaluation/events.py
for what the threshold does on the PLOVER gold records)."""
FALLBACK_ENABLED = True
FALLBACK_LEAD_SENTENCES = 3
"""The classifier reads only an article's first sentences: it is trained on story leads (NGEC
headline and first two sentences), deeper sentences are outside what it knows, and each sentence
it reads costs a transformer pass (five lead sentences were 5% of the extraction time)."""


def _fallback_events(
    doc: Doc, found: list[EventFinding], referents: Referents, place_spans
) -> list[EventFinding]:
    """For lead sentences the patterns found nothing in but that have a main verb with a named
    subject, the classifier's type when it is confident; the verb is the trigger."""
    if not FALLBACK_ENABLED:
        return []
    covered = {sentence_of(event.trigger).start for event in found}
    candidates = []
    for sentence in islice(doc.sents, FALLBACK_LEAD_SENTENCES):
        root = sentence.root
        if sentence.start in covered or root.pos_ != "VERB" or len(sentence) < 5:
            continue
        subject = _subject(root)
        if subject is None or _referent(subject, referents) is None:
            continue
        candidates.append(sentence)
    if not candidates:
        return []
    from .classifier import type_classifier  # loaded on first use: onnxruntime is slow to start

    events = []
    predictions = type_classifier().predict([s.text for s in candidates])
    for sentence, (event_type, probability) in zip(candidates, predictions, strict=True):
        if probability < FALLBACK_MIN_PROBABILITY:
            continue
        root = sentence.root
        pattern = EventPattern(
            trigger=lemma(root),
            pos="VERB",
            type=event_type,
            mode=None,
            example="(statistical fallback)",
        )
        event = EventFinding(pattern, root, (root.idx, root.idx + len(root.text)))
        event.by_classifier = probability
        _roles(event, referents, place_spans)
        _modality(event, None)
        refine_mode(event)
        event.evidence = _evidence(event)
        events.append(event)
    return events


NAME_LABELS = frozenset({"ORG", "FAC", "LAW", "WORK_OF_ART", "PRODUCT"})
"""A noun inside such a name is part of the name: the "Cooperation" of the Swiss Agency for
Development and Cooperation, the "Strike" of a "Strike Force" unit, are no events."""


def _in_a_name(token: Token) -> bool:
    return token.pos_ in {"NOUN", "PROPN"} and token.ent_type_ in NAME_LABELS


def _in_frame_of(token: Token) -> bool:
    """ "reached an agreement", "called off the strike": a noun the verb's pattern names as its
    object is part of that verb's event, not a second one."""
    if token.pos_ not in {"NOUN", "PROPN"} or token.dep_ not in {"dobj", "pobj", "nsubjpass"}:
        return False
    verb = token.head if token.dep_ != "pobj" else token.head.head
    pattern = match(verb)
    return pattern is not None and lemma(token) in pattern.conditions.get("object", ())


def _noun_content(token: Token) -> EventFinding | None:
    """ "threatened a general strike", "agreed to the demands", "promised to renew the bombing
    campaign": the event named by the object, by the "to" phrase, or by the object of a
    complement verb that has no pattern of its own; a compound modifier may name it."""
    for noun in _content_nouns(token):
        for candidate in (noun, *(c for c in noun.children if c.dep_ in {"compound", "nmod"})):
            pattern = match(candidate)
            if pattern is not None:
                return EventFinding(pattern, candidate, (0, 0))
    return None


def _content_nouns(token: Token) -> list[Token]:
    nouns = []
    for child in token.children:
        if child.dep_ == "dobj":
            nouns.append(child)
        elif child.dep_ == "prep" and child.lower_ == "to":
            nouns += [o for o in child.children if o.dep_ == "pobj"]
        elif child.dep_ == "xcomp" and match(child) is None:
            nouns += [o for o in child.children if o.dep_ == "dobj"]
    return nouns


def _controller(token: Token) -> Token | None:
    """The verb or adjective a trigger is the complement of ("asked … to mediate", "ready for
    war", "denied attacking")."""
    if token.dep_ in {"xcomp", "ccomp", "pcomp"}:
        return token.head if token.dep_ != "pcomp" else token.head.head
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        holder = token.head.head
        if holder.pos_ == "ADJ" or lemma(holder) in INTENT_VERBS:
            return holder  # "ready for war", "hoped for negotiations"
    return None


def _is_content(controller: Token) -> bool:
    if lemma(controller) in DENIAL_VERBS:
        return False
    pattern = match(controller)
    if pattern is None:
        return False
    if pattern.conditions.get("complement_event") is True:
        return True  # "stopped fighting": a row that wants an event below it is about that event
    return pattern.type in CONTENT_TYPES and pattern.mode != "violence"


def _subject(token: Token) -> Token | None:
    current = token
    for _ in range(4):
        for child in current.children:
            if child.dep_ == "nsubj":
                return child
        if current.dep_ in {"xcomp", "conj", "advcl", "acl", "relcl", "ccomp"} and (
            current.head is not current
        ):
            if current.dep_ == "relcl":
                return current.head
            current = current.head
            continue
        return None
    return None


def _roles(event: EventFinding, referents: Referents, place_spans) -> None:
    token = event.trigger
    custom = event.pattern.roles
    actor_token: Token | None = None
    target_token: Token | None = None
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children)
    if token.pos_ == "VERB":
        if passive:
            target_token = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
            agent = next((c for c in token.children if c.dep_ == "agent"), None)
            actor_token = _pobj(agent)
        else:
            actor_token = _subject(token)
            target_token = next((c for c in token.children if c.dep_ in {"dobj", "dative"}), None)
            if target_token is not None and target_token.lemma_ in {"control"}:
                target_token = _pobj(_prep(target_token, {"of", "over"})) or target_token
            if target_token is None:
                target_token = _pobj(_prep(token, TARGET_PREPS))
    else:
        actor_token = next((c for c in token.children if c.dep_ == "poss"), None)
        actor_token = actor_token or _pobj(_prep(token, {"by"}))
        target_token = _pobj(_prep(token, TARGET_PREPS))
        if actor_token is None and token.dep_ in {"dobj", "pobj", "nsubjpass"}:
            verb = token.head if token.dep_ == "dobj" else token.head.head
            if verb.pos_ == "ADJ":  # "he is ready for war"
                verb = verb.head
            if verb.lemma_ in LIGHT_VERBS or token.dep_ == "dobj" or verb.pos_ in {"AUX", "VERB"}:
                actor_token = _subject(verb)
                target_token = target_token or _pobj(_prep(verb, TARGET_PREPS))
    if custom.get("actor") == "pobj:to":
        actor_token, target_token = _pobj(_prep(token, {"to"})), _subject(token)
    event.actor = _referent(actor_token, referents)
    event.target = _referent(target_token, referents)
    if target_token is not None:
        event.target_place = _place_in(target_token, place_spans)
        event.victims_are_civilians = target_token.lemma_.casefold() in VICTIM_WORDS or (
            target_token.lower_ in VICTIM_WORDS
        )
    physical = event.pattern.type in PHYSICAL_TYPES
    if event.pattern.acled == "territory" and event.target_place:
        event.place = event.target_place  # the territory taken is where it happened
    else:
        event.place = _event_place(token, place_spans) or (event.target_place if physical else None)


def _prep(token: Token | None, words: frozenset[str] | set[str]) -> Token | None:
    if token is None:
        return None
    return next(
        (c for c in token.children if c.dep_ in {"prep", "agent"} and c.lower_ in words), None
    )


def _pobj(prep: Token | None) -> Token | None:
    if prep is None:
        return None
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def _referent(token: Token | None, referents: Referents) -> int | None:
    """The entity a role phrase names: its head's entity or referent, else an entity modifying
    the head ("the Taliban fighters")."""
    if token is None:
        return None
    if token.i in referents.owner:
        return referents.owner[token.i]
    found = referents.of_token(token)
    if found is not None:
        return found
    for child in token.doc[token.left_edge.i : token.i]:
        if child.i in referents.owner:
            return referents.owner[child.i]
        if child.dep_ == "poss":  # "its fighters": the group "its" refers to
            found = referents.of_token(child)
            if found is not None:
                return found
    return None


def _place_in(token: Token, place_spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The first place mention inside the phrase headed by `token`."""
    start, end = token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text)
    for span in place_spans:
        if start <= span[0] and span[1] <= end:
            return span
    return None


def _event_place(token: Token, place_spans) -> tuple[int, int] | None:
    """A place in a locative phrase of the trigger or of the verb carrying it."""
    holders = [token]
    if token.pos_ != "VERB" and token.head.pos_ == "VERB":
        holders.append(token.head)
    # "kidnapped by gunmen in Kabul": the locative may hang on the agent or the object
    for child in token.children:
        if child.dep_ == "agent":
            holders.extend(o for o in child.children if o.dep_ == "pobj")
        elif child.dep_ in {"dobj", "nsubjpass"}:
            holders.append(child)
    for holder in holders:
        for child in holder.children:
            if child.dep_ in {"prep", "advmod", "npadvmod"} and child.lower_ in PLACE_PREPS:
                for obj in child.children:
                    place = _place_in(obj, place_spans)
                    if place is not None:
                        return place
            if child.dep_ == "dobj" and child.lemma_ in {"entrance", "road", "route", "border"}:
                place = _place_in(child, place_spans)
                if place is not None:
                    return place
    return None


def _modality(event: EventFinding, controller: Token | None) -> None:
    token = event.trigger
    verb = token if token.pos_ == "VERB" else token.head
    negation_consumed = event.pattern.conditions.get("negated") is True
    event.negated = not negation_consumed and (
        any(c.dep_ == "neg" for c in token.children)
        or (token.dep_ == "dobj" and any(c.dep_ == "neg" for c in verb.children))
        or (token.dep_ in {"pobj", "pcomp"} and token.head.lower_ in NEGATING_PREPOSITIONS)
    )
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    if controller is not None:
        if lemma(controller) in DENIAL_VERBS:
            event.negated = True
        elif lemma(controller) in INTENT_VERBS:
            event.modality = "intended"
        auxiliaries |= {c.lower_ for c in controller.children if c.dep_ == "aux"}
    condition = _condition(token) or (_condition(controller) if controller is not None else None)
    if condition:
        event.modality = condition
    elif auxiliaries & MODAL_POSSIBLE:
        event.modality = "possible"
    elif auxiliaries & MODAL_INTENDED and event.modality == "asserted":
        event.modality = "intended"


def _condition(token: Token) -> str | None:
    """ "conditional" when the clause carries an "if"/"unless" clause ("ready for war if the talks
    fail"), "hypothetical" when the event sits inside that condition ("if the talks fail")."""
    node = token
    for _ in range(3):
        if node.dep_ == "advcl" and any(m.lower_ in CONDITION_MARKERS for m in node.children):
            return "hypothetical"
        if any(
            c.dep_ == "advcl" and any(m.lower_ in CONDITION_MARKERS for m in c.children)
            for c in node.children
        ):
            return "conditional"
        if node.head is node:
            break
        node = node.head
    return None


KILLING = frozenset({"kill", "massacre", "execute", "behead", "slay", "murder"})


def _fatalities(token: Token) -> int | None:
    """ "killing 6 civilians", "six people were killed", "dozens were killed"."""
    if token.lemma_.casefold() not in KILLING:
        return None
    for victim in (c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}):
        for child in victim.children:
            if child.dep_ == "nummod" or child.like_num:
                number = _number(child)
                if number is not None:
                    return number
        number = _number(victim)
        if number is not None:
            return number
    return None


_WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
}


def _number(token: Token) -> int | None:
    text = token.lower_.replace(",", "")
    if text.isdigit():
        return int(text)
    if text in _WORD_NUMBERS:
        return _WORD_NUMBERS[text]
    return _quantity_words().get(text)


_LEFT_DEPS = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "neg", "compound", "amod", "poss"})
_RIGHT_DEPS = frozenset({"dobj", "dative", "prt", "prep", "agent", "xcomp", "ccomp", "oprd"})


def _evidence(event: EventFinding) -> tuple[int, int]:
    """The trigger with its subject, auxiliaries and what follows it (objects, particles,
    prepositional phrases), within the sentence."""
    token = event.trigger
    sentence = sentence_of(token)
    start, end = token.i, token.i + 1
    for child in token.children:
        if child.i < token.i and child.dep_ in _LEFT_DEPS:
            start = min(start, child.left_edge.i)
        elif child.i > token.i and child.dep_ in _RIGHT_DEPS | _LEFT_DEPS:
            end = max(end, child.right_edge.i + 1)
    start, end = max(start, sentence.start), min(end, sentence.end)
    span: Span = token.doc[start:end]
    while len(span) > 1 and (span[-1].is_punct or span[-1].is_space):
        span = span[:-1]
    while len(span) > 1 and (span[0].is_punct or span[0].is_space):
        span = span[1:]
    return (span.start_char, span.end_char)


def _link_rejections(events: list[EventFinding]) -> None:
    """ "X asked Russia to mediate but Russia refused": the refusal answers the request."""
    for i, event in enumerate(events):
        if event.type != "REJECT" or event.target is not None:
            continue
        for earlier in reversed(events[:i]):
            if earlier.type == "REQUEST" and earlier.target == event.actor:
                event.target = earlier.actor
                break
