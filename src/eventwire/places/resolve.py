"""The `eventwire_places` component: the document's place names resolved in the gazetteer.

Place names are the entities NER calls GPE, LOC or FAC, names it mistakes for something else
where the text uses them as places ("in Mansfield", "Hufstetler of Roswell"), and names it
missed that the text calls places (datelines, "the town of Toruń", "Buffalo, New York"). Each is
looked up with the document's focus and a type word around it ("Andrab Valley", "the province of
Ontario"), and its readings are weighed against the document's other places (`readings.py`).
The precision code is ACLED's geo_precision: 1 for a town or an exact feature, 2 for a district
or a place only "near"/"outside" or around a known one ("Boston Harbor"), 3 for a province,
region or country.

A place can also be pointed to without being named as a location: by a nationality word
("Georgian troops") or inside an institution's name ("the Athens Police Department",
"Laurel County Fiscal Court"). Those spans are the place's `references`: evidence that the
document speaks of the place, never an event's place and not mapped on their own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..datafiles import word_set
from ..nlp.entities import EntityCluster
from .gazetteer import Candidate, Gazetteer, type_words
from .readings import READINGS, coherent_reading, document_focus, world_city
from .streets import affiliation_places, dateline_spans, street_candidate, street_spans, town_of

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
MAYBE_PLACE_TYPES = frozenset({"ORG", "PERSON"})
"""Types NER gives place names by mistake ("Andarab" as ORG, "Alexandria" as PERSON)."""
WEAK_PLACE_TYPES = frozenset({"NORP", "PRODUCT"})
"""Types NER gives a town's name now and then ("Toruń" as NORP, "Winnipeg" as PRODUCT): such a
name counts only where the text uses it as a place."""
POLITICAL_KINDS = frozenset({"country", "admin1", "admin2", "populated_place"})
PRECISION_BY_KIND = {
    "populated_place": 1,
    "valley": 1,
    "pass": 1,
    "mountain": 1,
    "river": 2,
    "admin2": 2,
    "admin1": 3,
    "region": 3,
    "sea": 3,
    "island": 3,
    "country": 3,
}


def _words(filename: str, **where: str) -> frozenset[str]:
    return word_set("eventwire.places", filename, **where)


@cache
def locative_words() -> frozenset[str]:
    """Prepositions that put a name in the role of a place ("in", "near", "from")."""
    return _words("locative_words.jsonl")


@cache
def vicinity_words() -> frozenset[str]:
    """Words before a name that say the place is only near it ("near", "outskirts of")."""
    return _words("vicinity_words.jsonl")


@cache
def calendar_words() -> frozenset[str]:
    """Month, weekday and season names."""
    return _words("calendar_words.jsonl")


@cache
def national_words() -> frozenset[str]:
    """Words for offices and bodies only a country has ("president", "parliament")."""
    return _words("national_words.jsonl")


@cache
def institution_words() -> frozenset[str]:
    """Words that make a place name part of an institution's name ("... Police Department")."""
    return _words("institution_words.jsonl")


@cache
def people_words() -> frozenset[str]:
    """Words for people a place name qualifies ("Gainesville residents", "Lancaster girl")."""
    return _words("people_words.jsonl")


@cache
def generic_words() -> frozenset[str]:
    """Words that alone do not make an institution's name begin with a place ("North ...")."""
    return _words("generic_words.jsonl")


@cache
def direction_words() -> frozenset[str]:
    """Words that name a part of a region before its name ("Northeast Georgia", "North Texas")."""
    return _words("generic_words.jsonl", kind="direction")


@dataclass
class ResolvedPlace:
    """One gazetteer place, the spans of the document that name it as a place, and the spans
    that only refer to it (nationality words, place names inside institutions' names)."""

    candidate: Candidate
    precision: int
    mentions: list[tuple[int, int]] = field(default_factory=list)
    references: list[tuple[int, int]] = field(default_factory=list)

    @property
    def first(self) -> tuple[int, int]:
        return min(self.mentions + self.references)


def _query(doc: Doc, cluster: EntityCluster) -> str:
    """The name as the document says it, with a type word that follows a mention ("Andrab
    valley"), comes before it, with "of" or not ("the province of Ontario", "the province
    Gauteng"), or says what it is ("the cities affected are Kisumu ..."); a name an office only a
    country has is of ("Prime Minister of Georgia") is looked up as a country."""
    words = type_words()
    name = cluster.name
    if name.split()[-1].lower() in words:
        return name
    for start, end in cluster.mentions:
        span = doc.char_span(start, end)
        if span is None:
            continue
        if span.end < len(doc) and doc[span.end].lower_ in words:
            return f"{name} {doc[span.end].lower_}"
        before = doc[max(0, span.start - 2) : span.start]
        if len(before) == 2 and before[0].lower_ in words and before[1].lower_ == "of":
            return f"{before[0].lower_} {name}"
        if _type_word_before(doc, span):
            return f"{before[-1].lower_} {name}"
        if word := _copula_type_word(doc, span):
            return f"{name} {word}"
        if _national_office(doc, span):
            return f"country {name}"
    return name


def _kinds_typed(doc: Doc, cluster: EntityCluster) -> set[str]:
    """The kinds of place the type words around a cluster's mentions say it is."""
    words = type_words()
    return {
        words[word]
        for start, end in cluster.mentions
        if (span := doc.char_span(start, end)) is not None
        for word in _type_words_around(doc, span)
    }


def _type_words_around(doc: Doc, span: Span) -> list[str]:
    """The type words that say what a mention is: right after it ("Punjab province"), after
    "the" right before it ("the province Gauteng"), in a copula ("the cities affected are
    Kisumu") or an appositive ("Dogu Beyazit, a farming town")."""
    words = type_words()
    found = []
    if span.end < len(doc) and doc[span.end].lower_ in words:
        found.append(doc[span.end].lower_)
    if _type_word_before(doc, span):
        found.append(doc[span.start - 1].lower_)
    return found + [
        w for w in (_copula_type_word(doc, span), _appositive_type_word(doc, span)) if w
    ]


APPOSITIVE_WINDOW = 4
"""How many words may come between the article and the type word of an appositive ("a small
farming town")."""


def _appositive_type_word(doc: Doc, span: Span) -> str | None:
    """The type word of an appositive right after a name ("Dogu Beyazit, a farming town ...")."""
    at = span.end
    if at + 2 >= len(doc) or doc[at].text != "," or doc[at + 1].lower_ not in ("a", "an", "the"):
        return None
    words = type_words()
    for token in doc[at + 2 : at + 2 + APPOSITIVE_WINDOW]:
        if token.lower_ in words:
            return token.lower_
        if not (token.is_alpha and token.is_lower):
            return None
    return None


def _type_word_before(doc: Doc, span: Span) -> bool:
    """Whether "the" and a type word come right before a name ("the province Gauteng")."""
    return (
        span.start >= 2
        and doc[span.start - 1].lower_ in type_words()
        and doc[span.start - 2].lower_ == "the"
    )


def _national_office(doc: Doc, span: Span) -> bool:
    """Whether a mention names the place of an office or body only a country has ("Prime
    Minister of Georgia", "Georgia's Parliament")."""
    words = national_words()
    before = doc[max(0, span.start - 2) : span.start]
    if len(before) == 2 and before[0].lower_ in words and before[1].lower_ == "of":
        return True
    after = doc[span.end : span.end + 2]
    return len(after) == 2 and after[0].lower_ in ("'s", "’s") and after[1].lower_ in words


def _near(doc: Doc, cluster: EntityCluster) -> bool:
    """True when every mention is preceded by a vicinity word ("near X", "outskirts of X")."""
    words = vicinity_words()
    flags = []
    for start, end in cluster.mentions:
        span = doc.char_span(start, end)
        if span is None:
            continue
        before = [t.lower_ for t in doc[max(0, span.start - 3) : span.start]]
        flags.append(any(w in words for w in before))
    return bool(flags) and all(flags)


def _used_as_place(doc: Doc, cluster: EntityCluster) -> bool:
    """True when some mention follows a locative preposition ("in Shreveport", "near Mansfield"),
    says where a person is from ("Daniel Hufstetler of Roswell", "Rebecca Sears, 41, of
    Grovetown", "a resident of Toruń"), has a type word say what it is ("the Punjab province",
    `_type_words_around`) or says where something is based ("Northbrook-based"); an item of a
    list counts where the list does ("in Paris and Glasgow")."""
    words = locative_words()
    for start, end in cluster.mentions:
        span = doc.char_span(start, end)
        if span is None or span.start == 0:
            continue
        if _type_words_around(doc, span) or _based_in(doc, span.end):
            return True
        start = _list_start(span)
        if start == 0:
            continue
        before = _word_before_name(doc, start)  # "across the Sahel"
        if before.lower_ in words or (
            before.lower_ == "of"
            and (_after_person(doc, before.i) or _after_institution_word(doc, before.i))
        ):
            return True
    return False


def _word_before_name(doc: Doc, start: int) -> Token:
    """The word before a name starting at token `start` (> 0), past "the"."""
    if doc[start - 1].lower_ == "the" and start >= 2:
        return doc[start - 2]
    return doc[start - 1]


def _copula_type_word(doc: Doc, span: Span) -> str | None:
    """The type word a name, or the list it heads, is said to be ("city" in "other cities
    affected are Kisumu and ...")."""
    first = doc[_list_start(span)]
    while first.dep_ in ("det", "compound"):
        first = first.head
    if first.dep_ != "attr" or first.head.lemma_ != "be":
        return None
    words = type_words()
    subjects = [c.lemma_.lower() for c in first.head.children if c.dep_ == "nsubj"]
    return next((s for s in subjects if s in words), None)


def _list_start(span: Span) -> int:
    """Where the list a name is an item of starts ("Paris" in "in Paris and Glasgow"), else
    where the name starts."""
    first = span.root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    return first.left_edge.i if first is not span.root else span.start


def _after_institution_word(doc: Doc, of: int) -> bool:
    """Whether the "of" at `of` follows a word for an institution ("the universities of",
    "Children's Hospital of")."""
    return of > 0 and doc[of - 1].lemma_.lower() in institution_words()


def _after_person(doc: Doc, of: int) -> bool:
    """Whether the "of" at `of` follows a person's name ("Daniel Hufstetler of"), a name and
    an age ("Rebecca Sears, 41, of"), or a word for people ("a resident of", "the mayor of")."""
    at = of - 1
    if at >= 0 and doc[at].lower_ in people_words():
        return True
    if at >= 0 and doc[at].text == ",":
        at -= 1
        if at >= 1 and doc[at].like_num and doc[at - 1].text == ",":
            return True
    return at >= 0 and doc[at].ent_type_ == "PERSON"


def _add_named_by_type(
    doc: Doc,
    gazetteer: Gazetteer,
    focus: str | None,
    region: str | None,
    by_place: dict[str, ResolvedPlace],
) -> None:
    """Names NER missed that the text itself calls a place ("the northern town of Toruń", "the
    village of Cellardyke", "the province of Bulacan"): up to three capitalised words after a
    type word and "of", looked up as that kind of place."""
    words = type_words()
    for token in doc[:-2]:
        if token.lower_ not in words or doc[token.i + 1].lower_ != "of":
            continue
        start = token.i + 2
        end = start
        while end < len(doc) and end - start < 3 and doc[end].is_title:
            end += 1
        name = doc[start:end]
        if not len(name) or _overlaps(by_place, name.start_char, name.end_char):
            continue
        found = gazetteer.candidates(f"{token.lower_} {name.text}", focus, limit=1, admin1=region)
        # "the town of Kalam" in Pakistan is not Kallam, India, by an old name
        if (
            found
            and found[0].matched != "skeleton"
            and (found[0].country == focus or found[0].matched == "name")
        ):
            _add_mention(by_place, found[0], name)
            continue
        # "the village of Cellardyke in Fife": a village the gazetteer lacks lies in Fife
        enclosing = _enclosing_after(doc, name.end, gazetteer, focus, region, by_place)
        if enclosing:
            _add_part(by_place, enclosing[0], name)


def _add_listed_by_type(
    doc: Doc,
    gazetteer: Gazetteer,
    focus: str | None,
    region: str | None,
    by_place: dict[str, ResolvedPlace],
) -> None:
    """Names listed before a plural type word, which says what each of them is ("the Mashonaland
    West, Manicaland and Midlands provinces"), whatever NER called them: each looked up as that
    kind of place."""
    words = type_words()
    for token in doc[1:]:
        kind = words.get(token.lower_)
        if kind is None or token.tag_ != "NNS":
            continue
        for name in _listed_names(doc, token.i):
            if _overlaps(by_place, name.start_char, name.end_char):
                continue
            query = f"{name.text} {token.lower_}"
            found = gazetteer.candidates(query, focus, limit=1, admin1=region)
            if found and found[0].kind == kind and _untagged_reading(found[0]):
                _add_mention(by_place, found[0], name)


def _listed_names(doc: Doc, end: int) -> list[Span]:
    """The capitalised names, of up to three words, listed right before token `end` and
    separated by commas and "and" ("Manicaland and Midlands" before "provinces")."""
    names = []
    while end > 0:
        start = end
        while start > 0 and end - start < 3 and _capitalised(doc[start - 1]):
            start -= 1
        if start == end:
            break
        names.append(doc[start:end])
        if start < 2 or doc[start - 1].lower_ not in (",", "and", "&"):
            break
        end = start - 1
        if doc[end - 1].text == "," and end >= 2:
            end -= 1  # "A, B, and C"
    return names


def _capitalised(token: Token) -> bool:
    return token.is_title or token.is_upper


COMPOUND_KINDS = frozenset({"country", "admin1", "region", "sea", "island"})


def _add_split_names(doc: Doc, gazetteer: Gazetteer, by_place: dict[str, ResolvedPlace]) -> None:
    """Names NER cut short ("French" + "Guiana", "DR" + "Congo"): a nationality or language word
    or an unresolved place name and up to two capitalised words after it, when together they name a
    country, province, region, sea or island."""
    for ent in doc.ents:
        if ent.label_ not in PLACE_TYPES | {"NORP", "LANGUAGE"}:
            continue
        for width in (2, 1):
            tail = doc[ent.end : ent.end + width]
            if len(tail) < width or not all(t.is_title or t.is_upper for t in tail):
                continue
            name = doc[ent.start : tail.end]
            if _overlaps(by_place, name.start_char, name.end_char):
                break
            found = gazetteer.candidates(name.text, limit=1)
            if found and found[0].matched != "skeleton" and found[0].kind in COMPOUND_KINDS:
                _add_mention(by_place, found[0], name)
                break


def _add_qualified_names(
    doc: Doc, gazetteer: Gazetteer, by_place: dict[str, ResolvedPlace]
) -> None:
    """Names NER missed before a comma and a state or country the document names ("Buffalo,
    New York", "Attapeu, Laos"): up to three capitalised words, looked up in that state or
    country."""
    regions = {
        (start, end): p.candidate
        for p in by_place.values()
        if p.candidate.kind in QUALIFIER_KINDS
        for start, end in p.mentions
    }
    for (start, _end), qualifier in regions.items():
        span = doc.char_span(start, _end)
        if span is None or span.start < 2 or doc[span.start - 1].text != ",":
            continue
        stop = span.start - 1
        first = stop
        while first > 0 and stop - first < 3 and doc[first - 1].is_title:
            first -= 1
        name = doc[first:stop]
        if not len(name) or _overlaps(by_place, name.start_char, name.end_char):
            continue
        admin1 = qualifier.name if qualifier.kind == "admin1" else None
        found = gazetteer.candidates(name.text, qualifier.country, limit=1, admin1=admin1)
        if not found or found[0].matched == "skeleton" or found[0].country != qualifier.country:
            continue
        _add_mention(by_place, found[0], name)


def _add_homes(
    doc: Doc,
    gazetteer: Gazetteer,
    focus: str | None,
    region: str | None,
    by_place: dict[str, ResolvedPlace],
) -> None:
    """Towns NER missed after a person ("Daniel Hufstetler of Roswell", "Rebecca Sears, 41, of
    Grovetown"): one or two capitalised words naming a town of the document's country."""
    for token in doc[2:]:
        if token.lower_ != "of" or not _after_person(doc, token.i):
            continue
        for width in (2, 1):
            name = doc[token.i + 1 : token.i + 1 + width]
            if len(name) < width or any(t.ent_type_ or not t.is_title for t in name):
                continue
            if _overlaps(by_place, name.start_char, name.end_char):
                break
            best = _town_in_focus(gazetteer, name.text, focus, region)
            if best is not None:
                _add_mention(by_place, best, name)
                break


def _town_in_focus(
    gazetteer: Gazetteer, name: str, focus: str | None, region: str | None
) -> Candidate | None:
    """The town of the document's country that carries `name` as its own name, if the name's
    best reading is one."""
    found = gazetteer.candidates(name, focus, limit=1, admin1=region)
    best = found[0] if found else None
    if (
        best is not None
        and best.matched == "name"
        and best.kind == "populated_place"
        and best.country == focus
    ):
        return best
    return None


def _listed_with_place(
    doc: Doc, cluster: EntityCluster, by_place: dict[str, ResolvedPlace]
) -> bool:
    """True when a mention is coordinated with a place the document names ("Gainesville and
    Duluth", "Lovejoy, Jonesboro and ...")."""
    places = _place_tokens(doc, by_place)
    for start, end in cluster.mentions:
        span = doc.char_span(start, end)
        if span is None:
            continue
        root = span.root
        linked = [c for c in root.children if c.dep_ == "conj"]
        if root.dep_ == "conj":
            linked.append(root.head)
        if any(t.i in places for t in linked):
            return True
    return False


LIST_MIN_PEERS = 2
"""A name reads as its list's kind when at least this many of the other names in the list are
states, or countries ("Utah, Virginia, Washington and Wyoming"; "Benin, Ghana, Niger and
Senegal"), not beside a single one ("Texas and Mexico")."""


def _coordinated(token: Token) -> set[int]:
    """Indices of the heads of the other items in the list `token` heads an item of."""
    top = token
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    items, todo = {top.i}, [top]
    while todo:
        for child in todo.pop().children:
            if child.dep_ == "conj" and child.i not in items:
                items.add(child.i)
                todo.append(child)
    return items - {token.i}


def _list_kind(
    doc: Doc, cluster: EntityCluster, firsts_by_token: dict[int, Candidate]
) -> str | None:
    """The kind (state or country) that the other names in a list with this one all read as,
    when there are enough of them."""
    for start, end in cluster.mentions:
        span = doc.char_span(start, end)
        if span is None:
            continue
        peers = [firsts_by_token[i] for i in _coordinated(span.root) if i in firsts_by_token]
        kinds = {p.kind for p in peers}
        if len(peers) >= LIST_MIN_PEERS and len(kinds) == 1 and kinds <= QUALIFIER_KINDS:
            return kinds.pop()
    return None


def _acceptable(
    doc: Doc,
    best: Candidate,
    cluster: EntityCluster,
    focus: str | None,
    by_place: dict[str, ResolvedPlace],
) -> bool:
    """Whether a lookup result is trusted for this name (one the document names elsewhere as a
    place always is).

    A match on the consonant skeleton only counts inside the focus country, or for a country; a
    town outside it must carry the name as its own, not as an alternate. A name NER calls an
    organisation or a person counts as a place only when it names a region or feature in the
    focus country, or a town there that is its capital ("Tbilisi accuses ..."), that the text
    uses as a place ("in Mansfield", "John Smith of Roswell") or lists with a place ("Gainesville
    and Duluth"): NER often calls "Andarab" an organisation or "Alexandria" a person, but
    "Hamas" is not Hamm. A country's or a world region's own name counts anywhere ("cases in
    Mozambique and Botswana", with "Botswana" called a person).
    """
    in_focus = focus is None or best.country == focus
    if best.matched == "skeleton" and best.kind == "country" and _named_as_place(cluster):
        return True  # a misspelt country ("Mauritious")
    if best.matched == "skeleton" and not in_focus:
        return False
    own_name = best.matched == "name" or world_city(best)  # "Calcutta" is Kolkata's
    if not own_name and best.kind == "populated_place" and not in_focus:
        return False  # "Kalam" is not Kallam, India, by an old name, in Pakistani news
    if _named_as_place(cluster):
        return True
    if best.kind in NAMED_ANYWHERE_KINDS and best.matched == "name":
        return True
    if best.kind in _kinds_typed(doc, cluster) and best.matched in ("name", "skeleton"):
        # "the province Gauteng", called a person, in a story set in China; "Dogu Beyazit, a
        # farming town in eastern Turkey" (a skeleton match only gets here in the focus country)
        return True
    if best.matched == "name" and _city_used_as_place(doc, best, cluster):
        return True
    if best.matched == "skeleton" or not in_focus:
        return False
    if cluster.type in WEAK_PLACE_TYPES:
        return own_name and (
            _used_as_place(doc, cluster) or _listed_with_place(doc, cluster, by_place)
        )
    if best.kind == "populated_place":
        return best.matched == "name" and (
            _is_city(best)
            or _used_as_place(doc, cluster)
            or _listed_with_place(doc, cluster, by_place)
        )
    return True


CITY_POPULATION = 100_000
"""A town this large counts outside the focus country where the text uses it as a place
("located in Winnipeg" in American news, "a resident of Toruń")."""


def _is_city(place: Candidate) -> bool:
    """A capital or a town of CITY_POPULATION or more."""
    return place.kind == "populated_place" and (
        place.capital or place.population >= CITY_POPULATION
    )


def _city_used_as_place(doc: Doc, best: Candidate, cluster: EntityCluster) -> bool:
    return _is_city(best) and _used_as_place(doc, cluster)


NAMED_ANYWHERE_KINDS = frozenset({"country", "region"})
"""Kinds whose own full name is a place whatever NER calls it."""
INSTITUTION_ANYWHERE_KINDS = frozenset({"country", "admin1"})
"""Kinds a name inside an institution's name may resolve to anywhere; a district or town must lie
in the document's focus country ("Athens Police Department" in a Georgia paper)."""
INSTITUTION_IN_FOCUS_KINDS = frozenset({"admin2", "populated_place"})
MAX_PLACE_WORDS = 4
INSTITUTION_WORD_WINDOW = 4
"""How far after a place name an institution word may come ("U.S. Food and Drug Administration")."""


def _institution_names(span: Span) -> Iterator[Span]:
    """Where an institution's name may name a place, likeliest first: at its start before a
    word such as "Police" ("Florida Highway Patrol", "Kent's Board of Finance"), after its last
    comma ("the Ministry of Health, Angola"), or after its last "of" ("Bank of Georgia")."""
    words = institution_words()
    tokens = [t for t in span if not t.is_punct or t.text in ("'s", "’s")]
    if tokens and tokens[0].lower_ == "the":
        tokens = tokens[1:]
    doc = span.doc
    lowers = [t.lower_ for t in tokens]
    for n in range(min(MAX_PLACE_WORDS, len(tokens) - 1), 0, -1):
        rest = [w for w in lowers[n:] if w not in ("'s", "’s")]
        named = tokens[n - 1].is_title or tokens[n - 1].is_upper
        if named and any(w in words for w in rest[:INSTITUTION_WORD_WINDOW]):
            yield doc[tokens[0].i : tokens[n - 1].i + 1]
    commas = [t.i for t in span if t.text == ","]
    if commas and 0 < span.end - commas[-1] - 1 <= MAX_PLACE_WORDS:
        yield doc[commas[-1] + 1 : span.end]
    if "of" in lowers[:-1]:
        at = len(lowers) - 2 - lowers[-2::-1].index("of")
        if (
            at > 0
            and any(w in words for w in lowers[:at])
            and len(tokens) - at - 1 <= MAX_PLACE_WORDS
        ):
            yield doc[tokens[at + 1].i : tokens[-1].i + 1]


def _leading_place(
    span: Span, read: Callable[[str], Candidate | None]
) -> tuple[Candidate, int, int] | None:
    """The place a name opens with: its first two words, else its first word (after "the"), as
    `read` reads them."""
    tokens = [t for t in span if not t.is_punct]
    if tokens and tokens[0].lower_ == "the":
        tokens = tokens[1:]
    for n in (2, 1):
        if len(tokens) > n:
            lead = span.doc[tokens[0].i : tokens[n - 1].i + 1]
            found = read(lead.text)
            if found:
                return found, lead.start_char, lead.end_char
    return None


def _leading_nationality(span: Span, gazetteer: Gazetteer) -> tuple[Candidate, int, int] | None:
    """A nationality word opening a name ("American Electric Power", "German Marshall Fund")."""
    return _leading_place(span, gazetteer.nationality)


def _institution_place(
    span: Span, gazetteer: Gazetteer, focus: str | None, region: str | None
) -> tuple[Candidate, int, int] | None:
    """The place an institution's name opens with or ends on, by its longest name ("Mexico City"
    in "Mexico City Health", not Mexico)."""
    for name in _institution_names(span):
        found = _place_named(name, gazetteer, focus, region)
        if found:
            longer = span.doc[name.start : name.end + 1]
            if longer.end <= span.end and longer[-1].is_title:
                found = _place_named(longer, gazetteer, focus, region) or found
            return found
    return None


def _institution_names_known(doc: Doc, gazetteer: Gazetteer) -> list[str]:
    """For each institution, the first place name its name may carry that the gazetteer knows
    ("Athens" in "The Athens Police Department", "Douglas County" in "Douglas County
    Hospital"): evidence of where the document is, though no place of its own."""
    names = []
    for cluster in doc._.entity_clusters:
        if cluster.type not in INSTITUTION_TYPES or not cluster.mentions:
            continue
        span = doc.char_span(*cluster.mentions[0])
        if span is None:
            continue
        for name in _institution_names(span):
            if _generic_name(doc, name.text):
                continue  # "Green" in "the Green Party", "University" in "University Hospital"
            found = gazetteer.candidates(name.text, limit=1)
            if found and found[0].matched != "skeleton":
                names.append(name.text)
                break
    return names


def name_readings(
    gazetteer: Gazetteer, name: str, focus: str | None, region: str | None, limit: int
) -> list[Candidate]:
    """The readings of one name in a document with this focus, best first: a nationality word
    is its country; a match on the consonant skeleton only counts inside the focus country."""
    nationality = gazetteer.nationality(name)
    if nationality:
        return [nationality]
    found = gazetteer.candidates(name, focus, limit=limit, admin1=region)
    if found and found[0].matched == "skeleton" and found[0].country != focus:
        return []
    return found


def lookup(
    gazetteer: Gazetteer, name: str, focus: str | None, region: str | None
) -> Candidate | None:
    """The best reading of one name in a document with this focus (see `name_readings`)."""
    found = name_readings(gazetteer, name, focus, region, limit=1)
    return found[0] if found else None


def _place_named(
    name: Span, gazetteer: Gazetteer, focus: str | None, region: str | None
) -> tuple[Candidate, int, int] | None:
    nationality = gazetteer.nationality(name.text)
    if nationality:
        return nationality, name.start_char, name.end_char
    if not any(t.is_title or t.is_upper for t in name) or all(
        t.lower_ in generic_words() for t in name
    ):
        return None
    candidates = gazetteer.candidates(name.text, focus, limit=READINGS, admin1=region)
    if not candidates:
        candidates = part_of_region(gazetteer, name.text, focus, region)
    if not candidates or candidates[0].matched == "skeleton":
        return None
    # own names first: "Children's Hospital of Pittsburgh" in a Californian story is not in
    # Pittsburg, California, by a variant spelling
    for best in sorted(candidates, key=lambda c: c.matched != "name"):
        if best.matched != "skeleton" and (
            best.kind in INSTITUTION_ANYWHERE_KINDS
            or best.capital
            or (best.kind in INSTITUTION_IN_FOCUS_KINDS and best.country == focus)
        ):
            return best, name.start_char, name.end_char
    return None


NATIONALITY_TYPES = frozenset({"NORP", "GPE", "LOC", "PERSON"})
"""NER types a nationality word comes with ("Sri Lankan" is often GPE, sometimes PERSON)."""
INSTITUTION_TYPES = frozenset({"ORG", "FAC", "GPE", "LOC"})
"""NER types an institution's name comes with ("Lamar County Commissioners" is often GPE)."""


def _references(
    doc: Doc, text: str, gazetteer: Gazetteer, focus: str | None, region: str | None
) -> Iterator[tuple[Candidate, int, int]]:
    """Places the document refers to by a nationality word or inside an institution's name."""
    for cluster in doc._.entity_clusters:
        if cluster.type not in NATIONALITY_TYPES | INSTITUTION_TYPES:
            continue
        for start, end in cluster.mentions:
            span = doc.char_span(start, end)
            if span is None:
                continue
            nationality = gazetteer.nationality(span.text)
            if nationality and cluster.type in NATIONALITY_TYPES:
                yield nationality, start, end
            elif not nationality and cluster.type in INSTITUTION_TYPES:
                placed = (
                    _leading_nationality(span, gazetteer) if cluster.type == "ORG" else None
                ) or _institution_place(span, gazetteer, focus, region)
                if placed:
                    yield placed
    yield from _untagged_nationalities(doc, gazetteer)
    yield from _event_places(doc, gazetteer)
    yield from _people_of_places(doc, gazetteer, focus, region)
    for start, end, name in affiliation_places(text):
        best = lookup(gazetteer, name, focus, region)
        if best and best.matched != "skeleton" and best.country == focus:
            yield best, start, end


EVENT_PLACE_KINDS = frozenset({"country", "admin1", "region"})


def _event_places(doc: Doc, gazetteer: Gazetteer) -> Iterator[tuple[Candidate, int, int]]:
    """The country, province or region a named event opens with, by its name or its people's
    ("the Vietnam war", "the Korean War")."""

    def read(text: str) -> Candidate | None:
        found = gazetteer.nationality(text)
        if found is None:
            readings = gazetteer.candidates(text, limit=1)
            found = readings[0] if readings and readings[0].matched == "name" else None
        return found if found is not None and found.kind in EVENT_PLACE_KINDS else None

    for ent in doc.ents:
        if ent.label_ == "EVENT" and (placed := _leading_place(ent, read)):
            yield placed


def _untagged_nationalities(doc: Doc, gazetteer: Gazetteer) -> Iterator[tuple[Candidate, int, int]]:
    """Nationality words NER left untagged ("Czechs", "Canadians are among ..."): one or two
    capitalised words outside any entity."""
    for token in doc:
        if token.ent_type_ or not token.is_title:
            continue
        for width in (2, 1):
            words = doc[token.i : token.i + width]
            if len(words) < width or any(t.ent_type_ or not t.is_title for t in words):
                continue
            nationality = gazetteer.nationality(words.text)
            if nationality:
                yield nationality, words.start_char, words.end_char
                break


def _people_of_places(
    doc: Doc, gazetteer: Gazetteer, focus: str | None, region: str | None
) -> Iterator[tuple[Candidate, int, int]]:
    """Names NER calls a person or organisation that qualify people or offices after them
    ("Gainesville residents", "Lancaster girl", "Oxford taxi driver", "Dublin Mayor")."""
    words = people_words() | institution_words()
    for cluster in doc._.entity_clusters:
        if cluster.type not in MAYBE_PLACE_TYPES:
            continue
        for start, end in cluster.mentions:
            span = doc.char_span(start, end)
            if span is None or span.end >= len(doc):
                continue
            following = [
                t.lower_ for t in doc[span.end : span.end + 2] if t.lower_ not in ("'s", "’s")
            ]
            if following and following[0] in words:
                placed = _place_named(span, gazetteer, focus, region)
                if placed and (cluster.type != "PERSON" or _in_region(placed[0], region)):
                    yield placed
    yield from _untagged_people_of_places(doc, gazetteer, focus, region)


def _in_region(place: Candidate, region: str | None) -> bool:
    """Whether a place lies in the document's state or province (any, when none is known):
    a name NER calls a person ("Stephen officials") counts only there."""
    return region is None or region in (place.admin1, place.name)


def _untagged_people_of_places(
    doc: Doc, gazetteer: Gazetteer, focus: str | None, region: str | None
) -> Iterator[tuple[Candidate, int, int]]:
    """Towns NER missed before a word for people, mostly in headlines ("Chapin man dies",
    "Sycamore family"): only towns in the document's state (or country, when no state is
    known) count, since a capitalised word before "man" is often no place at all."""
    words = people_words()
    for token in doc[1:]:
        if token.lower_ not in words or token.ent_type_:
            continue
        for width in (2, 1):
            name = doc[max(0, token.i - width) : token.i]
            if name[0].ent_type_ or not all(t.is_title and not t.is_stop for t in name):
                continue
            if any(t.lower_ in generic_words() for t in name):
                continue
            best = _town_in_focus(gazetteer, name.text, focus, region)
            if best is not None and _in_region(best, region):
                yield best, name.start_char, name.end_char
                break


DATELINE_MIN_POPULATION = 100_000
"""A dateline town outside the focus country must be a city a wire service would file from."""
DATELINE_MIN_POPULATION_UNPLACED = 10_000
"""In a document that names no other place, a dateline town must be at least a small city."""


def _place_tokens(doc: Doc, by_place: dict[str, ResolvedPlace]) -> set[int]:
    """Indices of the tokens of the place mentions found so far."""
    tokens: set[int] = set()
    for place in by_place.values():
        for start, end in place.mentions:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                tokens.update(range(span.start, span.end))
    return tokens


def _add_mention(by_place: dict[str, ResolvedPlace], candidate: Candidate, span: Span) -> None:
    """Record `span` as a mention of `candidate`, with its kind's precision if it is new."""
    place = by_place.setdefault(
        candidate.id, ResolvedPlace(candidate, PRECISION_BY_KIND.get(candidate.kind, 3))
    )
    place.mentions.append((span.start_char, span.end_char))


def _add_part(by_place: dict[str, ResolvedPlace], candidate: Candidate, span: Span) -> None:
    """Record `span`, a place inside `candidate` the gazetteer lacks, as a mention of it (at
    precision 2 at best)."""
    precision = max(PRECISION_BY_KIND.get(candidate.kind, 3), 2)
    place = by_place.setdefault(candidate.id, ResolvedPlace(candidate, precision))
    place.mentions.append((span.start_char, span.end_char))


def _overlaps(by_place: dict[str, ResolvedPlace], start: int, end: int) -> bool:
    return any(s < end and start < e for p in by_place.values() for s, e in p.mentions)


def _add_datelines(
    doc: Doc,
    gazetteer: Gazetteer,
    focus: str | None,
    region: str | None,
    by_place: dict[str, ResolvedPlace],
) -> None:
    """Place names in capitals that open a story or paragraph ("BEIRUT:", "WINDSOR —",
    "CARTHAGE, N.C. (AP) -"). A town outside the document's country must be a city a wire
    service files from, unless the dateline names its state or country; in a document that
    names no other place, a small city will do."""
    for span in dateline_spans(doc):
        if _overlaps(by_place, span.start_char, span.end_char):
            continue
        qualified = _qualifier_at(doc.text, span.end_char, gazetteer)
        country, admin1 = qualified or (focus, region)
        best = lookup(gazetteer, span.text, country, admin1)
        if best is None or best.matched == "skeleton" or best.kind not in POLITICAL_KINDS:
            continue
        known = best.capital or best.population >= (
            DATELINE_MIN_POPULATION if country else DATELINE_MIN_POPULATION_UNPLACED
        )
        in_country = best.country == country and country is not None
        if not (in_country or known or best.kind != "populated_place"):
            continue
        _add_mention(by_place, best, span)


UNTAGGED_ANYWHERE_KINDS = frozenset({"country", "admin1", "region", "sea", "island"})
UNTAGGED_TOWN_MIN_POPULATION = 50_000
"""A town NER left untagged counts when it is in the focus country and at least this large (a
capital or a city of CITY_POPULATION anywhere): "floods in Indore", but not "in Congress"
(Congress, Arizona)."""


def _add_untagged_names(
    doc: Doc,
    gazetteer: Gazetteer,
    focus: str | None,
    region: str | None,
    by_place: dict[str, ResolvedPlace],
) -> None:
    """Names NER left untagged: up to three capitalised words that name a country, province,
    region, sea or island, a city, or a district or sizeable town of the document's country,
    after a locative word, in a list with a place or after an institution word and "of" ("floods
    in Indore", "Mashonaland West, Manicaland and Midlands", "Children's Hospital of
    Pittsburgh"); any town of that country beside a hyphen ("EU-Israel", "Gori-based"); a
    province or country after a place and a comma ("Sukoharjo, Central Java"); and, anywhere, a
    country's or region's own name of two or more words ("the envoy for South Sudan")."""
    places = _place_tokens(doc, by_place)
    for token in doc[1:]:
        if not _untagged(token) or not token.is_title or token.i in places:
            continue
        context = _untagged_context(doc, token, places)
        end = token.i + 1
        while end < len(doc) and end - token.i < 3 and _name_goes_on(doc, end):
            end += 1
        shortest = 2 if context == "bare" else 1
        for stop in range(end, token.i + shortest - 1, -1):
            name = doc[token.i : stop]
            if _overlaps(by_place, name.start_char, name.end_char):
                break
            if name[-1].text in HYPHENS or _common_words(doc, name.text):
                continue
            # the best reading by the place's own name: "Pittsburgh" is not Pittsburg,
            # California, by a variant spelling, in a story set in California
            found = gazetteer.candidates(name.text, focus, limit=READINGS, admin1=region)
            best = next((r for r in found if _untagged_reading(r)), None)
            if best is not None and _untagged_fits(best, context, len(name), focus):
                _add_mention(by_place, best, name)
                break


def _untagged_context(doc: Doc, token: Token, places: set[int]) -> str:
    """What the words around an untagged name say of it."""
    before = _word_before_name(doc, token.i)
    after_place = before.i > 0 and before.i - 1 in places
    if before.text == "," and after_place:
        return "enclosing"
    if (before.text in HYPHENS and after_place) or _based_in(doc, token.i + 1):
        return "hyphened"
    head = token
    while head.dep_ == "compound" and head.i < head.head.i <= token.i + 2:
        head = head.head  # "Rift" of "Rift Valley"
    if (
        before.lower_ in locative_words()
        or (head.dep_ == "conj" and head.head.i in places)
        or (before.lower_ == "of" and _after_institution_word(doc, before.i))
    ):
        return "placed"
    return "bare"


def _untagged_fits(best: Candidate, context: str, words: int, focus: str | None) -> bool:
    if context == "enclosing":
        return best.kind in QUALIFIER_KINDS
    if context == "bare":
        return words > 1 and best.kind in NAMED_ANYWHERE_KINDS and best.matched == "name"
    return _untagged_place(best, focus) or (
        context == "hyphened" and best.kind == "populated_place" and best.country == focus
    )


def _based_in(doc: Doc, end: int) -> bool:
    """Whether the name ending before token `end` is where something is based ("a
    Gori-based unit")."""
    return (
        end + 1 < len(doc)
        and doc[end].text in HYPHENS
        and not doc[end - 1].whitespace_
        and doc[end + 1].lower_ == "based"
    )


def _name_goes_on(doc: Doc, at: int) -> bool:
    """Whether token `at` continues an untagged name: a capitalised word, or a hyphen joining
    two ("Rhône-Alpes")."""
    token = doc[at]
    if token.text in HYPHENS:
        return not doc[at - 1].whitespace_ and at + 1 < len(doc) and doc[at + 1].is_title
    return token.is_title and _untagged(token)


HYPHENS = frozenset({"-", "‐", "–"})


def _untagged(token: Token) -> bool:
    """Whether NER left a word out of any name, or called a word no calendar has a date
    ("located in Winnipeg" as DATE)."""
    return not token.ent_type_ or (
        token.ent_type_ == "DATE" and token.lower_ not in calendar_words() and not token.like_num
    )


def _untagged_reading(best: Candidate) -> bool:
    """A place's own name, or an exonym of a country or province ("Central Java")."""
    return best.matched == "name" or (best.matched == "alternate" and best.kind in QUALIFIER_KINDS)


def _untagged_place(best: Candidate, focus: str | None) -> bool:
    if best.kind in UNTAGGED_ANYWHERE_KINDS:
        return True
    if _is_city(best):
        return True
    if best.country != focus:
        return False
    return best.kind == "admin2" or (
        best.kind == "populated_place" and best.population >= UNTAGGED_TOWN_MIN_POPULATION
    )


def _add_shared_heads(doc: Doc, gazetteer: Gazetteer, by_place: dict[str, ResolvedPlace]) -> None:
    """Two places named with one head ("Central and South America", "North and South Korea"):
    each word before the shared head, with the head, when both name a country or region."""
    for ent in doc.ents:
        if ent.label_ not in PLACE_TYPES or len(ent) < 4 or ent[1].lower_ != "and":
            continue
        if _overlaps(by_place, ent.start_char, ent.end_char):
            continue
        head = ent[3:]
        found = [
            gazetteer.candidates(f"{word.text} {head.text}", limit=1) for word in (ent[0], ent[2])
        ]
        if all(f and f[0].matched == "name" and f[0].kind in COMPOUND_KINDS for f in found):
            _add_mention(by_place, found[0][0], ent[0:1])
            _add_mention(by_place, found[1][0], ent[2:])


_ABBREVIATION = re.compile(r"\s*\(([A-Z][A-Z.]{1,5})\)")


def _add_abbreviations(doc: Doc, by_place: dict[str, ResolvedPlace]) -> None:
    """Abbreviations a place's name introduces ("Democratic Republic of Congo (DRC)"), there and
    wherever the document uses them again."""
    text = doc.text
    defined: dict[str, ResolvedPlace] = {}
    for place in list(by_place.values()):
        for start, end in place.mentions:
            match = _ABBREVIATION.match(text, end)
            if match and _abbreviates(match.group(1), text[start:end]):
                defined.setdefault(match.group(1), place)
    if not defined:
        return
    for token in doc:
        place = defined.get(token.text)
        if place is not None and not _overlaps(by_place, token.idx, token.idx + len(token)):
            place.mentions.append((token.idx, token.idx + len(token)))


def _abbreviates(abbreviation: str, name: str) -> bool:
    """Whether the letters of `abbreviation` are, in order, letters of `name` starting with its
    first ("DRC" of "Democratic Republic of Congo"; "AP" in "Ohio (AP)" is a credit)."""
    letters = [c for c in abbreviation.casefold() if c.isalpha()]
    rest = iter(name.casefold())
    return bool(letters) and letters[0] == name[:1].casefold() and all(c in rest for c in letters)


def _home_town(by_place: dict[str, ResolvedPlace], focus: str | None) -> Candidate | None:
    """The town in the focus country the document names most (first named on a tie)."""
    towns = [
        p
        for p in by_place.values()
        if p.candidate.kind == "populated_place" and p.mentions and p.candidate.country == focus
    ]
    if not towns:
        return None
    return max(towns, key=lambda p: (len(p.mentions), -p.mentions[0][0])).candidate


def _add_streets(
    doc: Doc, text: str, focus: str | None, by_place: dict[str, ResolvedPlace]
) -> None:
    """Streets and roads, at the town named beside them or the document's own town."""
    towns = {
        span: p.candidate
        for p in by_place.values()
        if p.candidate.kind == "populated_place"
        for span in p.mentions
    }
    home = _home_town(by_place, focus)
    for street in street_spans(doc):
        if all(t.lower_ in generic_words() for t in street[:-1]):
            continue  # "United Way"
        start, end = street.start_char, street.end_char
        for place in by_place.values():  # "Washington" in "Washington Drive" is not DC
            place.mentions = [(s, e) for s, e in place.mentions if not (start <= s and e <= end)]
        if _overlaps(by_place, start, end):
            continue
        town = town_of(street, towns, text)
        precision = 1 if town else 2
        town = town or home
        if town is None:
            continue
        candidate = street_candidate(street, town)
        place = by_place.setdefault(candidate.id, ResolvedPlace(candidate, precision))
        place.precision = min(place.precision, precision)
        place.mentions.append((start, end))
    for place_id in [i for i, p in by_place.items() if not p.mentions and not p.references]:
        del by_place[place_id]


QUALIFIER_CANDIDATES = 5
_QUALIFIER = re.compile(r",\s*([A-Z][\w.]*)(?:\s([A-Z][\w.]*))?")


def _qualifier(
    text: str, cluster: EntityCluster, gazetteer: Gazetteer
) -> tuple[str | None, str | None] | None:
    """(country, province) a mention is qualified with: "Gainesville, Texas", "Paris, Ky.",
    "Athens, Greece"."""
    for _start, end in cluster.mentions:
        found = _qualifier_at(text, end, gazetteer)
        if found:
            return found
    return None


QUALIFIER_KINDS = frozenset({"admin1", "country"})


def _qualifies_a_place(doc: Doc, cluster: EntityCluster) -> bool:
    """Whether some mention follows a place name and a comma, as a state or country does
    ("Glasgow, Scotland", "Paris, Ky.")."""
    for start, end in cluster.mentions:
        span = doc.char_span(start, end)
        if span is None or span.start < 2:
            continue
        comma, before = doc[span.start - 1], doc[span.start - 2]
        if comma.text == "," and before.ent_type_ in PLACE_TYPES:
            return True
    return False


def _qualifier_at(text: str, end: int, gazetteer: Gazetteer) -> tuple[str, str | None] | None:
    """(country, province) named right after a name that ends at `end`."""
    match = _QUALIFIER.match(text, end)
    if not match:
        return None
    words = [w for w in match.groups() if w]
    for name in (" ".join(words), words[0]) if len(words) > 1 else (words[0],):
        found = [
            c
            for c in gazetteer.candidates(name, limit=QUALIFIER_CANDIDATES)
            if c.matched in ("name", "alternate") and c.kind in QUALIFIER_KINDS and c.country
        ]
        # after a town, a state or province is likelier than a country ("Athens, Georgia")
        found.sort(key=lambda c: c.kind != "admin1")
        if found:
            best = found[0]
            return best.country, best.name if best.kind == "admin1" else None
    return None


REGION_KINDS = frozenset({"country", "admin1", "admin2", "region"})


@cache
def part_words() -> dict[str, frozenset[str]]:
    """Words that make a name a part or the surroundings of a place, by position: "after" the
    place's name ("Boston Harbor", "Jackson Township") or "before" it ("Port of Los Angeles")."""
    return {
        position: _words("part_words.jsonl", position=position) for position in ("after", "before")
    }


def _whole_of(query: str) -> str | None:
    """The place a name is a part of, by its wording: "Historic Dublin" -> "Dublin", "Boston
    Harbor" -> "Boston", "Port of Los Angeles" -> "Los Angeles"."""
    words = query.split()
    if len(words) < 2:
        return None
    if words[0].lower() in direction_words():
        return " ".join(words[1:])
    if words[-1].lower() in part_words()["after"]:
        return " ".join(words[:-1])
    for lead in part_words()["before"]:
        if query.lower().startswith(lead + " ") and len(query) > len(lead) + 1:
            return query[len(lead) + 1 :]
    return None


def part_of_region(
    gazetteer: Gazetteer, query: str, focus: str | None, region: str | None
) -> list[Candidate]:
    """ "Northeast Georgia", "East Oxford", "Boston Harbor": the region, or the town in the
    focus country, a name names a part or the surroundings of."""
    whole = _whole_of(query)
    if whole is None:
        return []
    found = gazetteer.candidates(whole, focus, limit=1, admin1=region)
    if not found or found[0].matched == "skeleton":
        return []
    best = found[0]
    in_focus = best.kind == "populated_place" and best.country == focus
    return found if best.kind in REGION_KINDS or in_focus else []


ENCLOSING_KINDS = frozenset({"populated_place", "admin2", "admin1", "country"})


def _enclosing_place(
    doc: Doc, cluster: EntityCluster, gazetteer: Gazetteer, focus: str | None, region: str | None
) -> list[Candidate]:
    """For a name the gazetteer lacks, the place named right after it and a comma or "in",
    which contains it ("Greenlane, Auckland", "Fort Detrick, Maryland", "Cellardyke in Fife"):
    the name lies there."""
    for start, end in cluster.mentions:
        span = doc.char_span(start, end)
        found = _enclosing_after(doc, span.end, gazetteer, focus, region) if span else []
        if found:
            return found
    return []


def _enclosing_after(
    doc: Doc,
    end: int,
    gazetteer: Gazetteer,
    focus: str | None,
    region: str | None,
    by_place: dict[str, ResolvedPlace] | None = None,
) -> list[Candidate]:
    """The readings of a town, district, province or country NER names right after token
    `end` and a comma or "in" ("the"), if it is one: the document's reading of it, if it has
    one already."""
    if end >= len(doc) or doc[end].lower_ not in (",", "in"):
        return []
    at = end + 1
    if at < len(doc) and doc[end].lower_ == "in" and doc[at].lower_ == "the":
        at += 1
    after = next(
        (e for e in doc.ents if e.start in (end + 1, at) and e.label_ in PLACE_TYPES), None
    )
    if after is None:
        return []
    resolved = [
        p.candidate
        for p in (by_place or {}).values()
        if any(s < after.end_char and after.start_char < e for s, e in p.mentions)
    ]
    if resolved:
        return resolved if resolved[0].kind in ENCLOSING_KINDS else []
    found = gazetteer.candidates(after.text, focus, limit=1, admin1=region)
    if found and found[0].matched in ("name", "alternate") and found[0].kind in ENCLOSING_KINDS:
        return found
    return []


def _kind_unmet(query: str, found: list[Candidate]) -> bool:
    """Whether the type word ending `query` routes to a kind none of its readings has."""
    words = query.lower().split()
    kind = type_words().get(words[-1]) if len(words) > 1 else None
    return kind is not None and all(r.kind != kind for r in found)


def _region_named(gazetteer: Gazetteer, name: str) -> bool:
    """Whether a name of common words is the own name of a region or a sea ("the Middle
    East", "South America")."""
    found = gazetteer.candidates(name, limit=1)
    return bool(found) and found[0].matched == "name" and found[0].kind in ("region", "sea")


def _misspelt_country(found: list[Candidate]) -> Candidate | None:
    """The country among a name's readings when all of them only match its consonant skeleton:
    "Mauritious" is Mauritius, not Milazzo."""
    if not found or found[0].matched != "skeleton":
        return None
    return next((r for r in found if r.kind == "country"), None)


def _named_as_place(cluster: EntityCluster) -> bool:
    """NER calls at least one mention a place ("Gainesville police ... in Gainesville")."""
    return cluster.type in PLACE_TYPES or any(label in PLACE_TYPES for label in cluster.labels)


def _generic_name(doc: Doc, name: str) -> bool:
    """A "name" of only directions, common words or stop words ("South", "Village of", "Of";
    "US" is no stop word)."""
    generic = generic_words()
    return all(
        w.lower() in generic or (doc.vocab[w].is_stop and not w.isupper()) for w in name.split()
    )


def _common_words(doc: Doc, name: str) -> bool:
    """A generic name, or one of type words only ("Valley" is not The Valley, Anguilla)."""
    words = type_words()
    return _generic_name(doc, name) or all(w.lower() in words for w in name.split())


def _product_names(doc: Doc) -> list[EntityCluster]:
    """Names NER calls products, one cluster per name: entity clusters leave them out, but NER
    calls a town or a region one now and then ("located in Winnipeg", "across the Sahel")."""
    by_name: dict[str, EntityCluster] = {}
    for ent in doc.ents:
        if ent.label_ == "PRODUCT":
            cluster = by_name.setdefault(ent.text, EntityCluster("PRODUCT"))
            cluster.add((ent.start_char, ent.end_char), ent.text, ent.label_)
    return list(by_name.values())


def _in_compound(text: str, cluster: EntityCluster) -> bool:
    """Whether every mention ends a word compound after a lowercase word and a hyphen
    ("euro-Atlantic integration", "trans-Pacific"): an adjective, not a place ("India-Pakistan
    border" names both)."""
    return bool(cluster.mentions) and all(
        start >= 2 and text[start - 1] == "-" and _word_before(text, start - 1)[:1].islower()
        for start, _end in cluster.mentions
    )


def _word_before(text: str, end: int) -> str:
    start = end
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return text[start:end]


CUT_WORDS = 2
"""How many words NER may have cut from the start of a place name ("Binh" of "Binh Phuoc")."""


def _restore_cut_names(doc: Doc, gazetteer: Gazetteer) -> None:
    """Give back to a mention the capitalised words NER cut from its start, where the whole is
    the own name of a place ("Binh" + "Phuoc", "Mission" + "Viejo"): the cluster's mention and
    form become the whole name."""
    for cluster in doc._.entity_clusters:
        if cluster.type not in PLACE_TYPES | MAYBE_PLACE_TYPES | WEAK_PLACE_TYPES:
            continue
        for index, (start, end) in enumerate(cluster.mentions):
            span = doc.char_span(start, end)
            if span is None:
                continue
            for width in range(CUT_WORDS, 0, -1):
                head = doc[max(0, span.start - width) : span.start]
                if len(head) < width or not all(_cut_word(t) for t in head):
                    continue
                whole = doc[head.start : span.end]
                found = gazetteer.candidates(whole.text, limit=1)
                if found and found[0].matched == "name":
                    cluster.mentions[index] = (whole.start_char, whole.end_char)
                    cluster.forms[index] = whole.text
                    break


def _cut_word(token: Token) -> bool:
    return token.is_title and token.is_alpha and not token.ent_type_ and not token.is_stop


def resolve_places(doc: Doc, gazetteer: Gazetteer) -> list[ResolvedPlace]:
    text = doc.text  # built from the tokens on each access
    _restore_cut_names(doc, gazetteer)
    places = [
        c
        for c in doc._.entity_clusters
        if _named_as_place(c)
        and not gazetteer.demonym_country(c.name)
        and not (_generic_name(doc, c.name) and not _region_named(gazetteer, c.name))
        and not _in_compound(text, c)
    ]
    queries = [_query(doc, c) for c in places]
    demonyms = [
        c.name
        for c in doc._.entity_clusters
        if c.type == "NORP" or (c.type in PLACE_TYPES and gazetteer.demonym_country(c.name))
    ]
    focus, region = document_focus(
        gazetteer, queries + _institution_names_known(doc, gazetteer), demonyms
    )
    organisations = [
        c
        for c in [*doc._.entity_clusters, *_product_names(doc)]
        if (
            c.type in MAYBE_PLACE_TYPES
            or (c.type in WEAK_PLACE_TYPES and not gazetteer.demonym_country(c.name))
        )
        and not _named_as_place(c)
    ]
    clusters = places + organisations
    queries += [_query(doc, c) for c in organisations]
    by_place: dict[str, ResolvedPlace] = {}
    readings = []
    for cluster, query in zip(clusters, queries, strict=True):
        country, admin1 = _qualifier(text, cluster, gazetteer) or (focus, region)
        found, part_of = gazetteer.candidates(query, country, limit=READINGS, admin1=admin1), False
        if cluster.type in PLACE_TYPES and (not found or _kind_unmet(query, found)):
            # "San Fernando Valley" where no valley of that name is known: near San Fernando
            parts = part_of_region(gazetteer, query, focus, region)
            if parts or not found:
                found, part_of = parts, True
        if not found and cluster.type in PLACE_TYPES:
            found, part_of = _enclosing_place(doc, cluster, gazetteer, focus, region), True
        if _qualifies_a_place(doc, cluster):  # "Glasgow, Scotland" is not Scotland, Pa.
            found = [r for r in found if r.kind in QUALIFIER_KINDS] or found
        readings.append((cluster, found, part_of))
    firsts = [
        found[0] if found and cluster.type in PLACE_TYPES else None
        for cluster, found, _ in readings
    ]
    firsts_by_token = {
        span.root.i: first
        for (cluster, _, _), first in zip(readings, firsts, strict=True)
        if first is not None
        for start, end in cluster.mentions
        if (span := doc.char_span(start, end)) is not None
    }
    for index, (cluster, found, part_of) in enumerate(readings):
        if not found:
            continue
        best = _misspelt_country(found) or coherent_reading(
            found, firsts[:index] + firsts[index + 1 :], focus
        )
        # "Washington" among states is the state; "Niger" among countries is the country, even
        # when NER calls it a person
        kind = _list_kind(doc, cluster, firsts_by_token)
        if kind and best.kind != kind:
            best = next((r for r in found if r.kind == kind and r.matched != "skeleton"), best)
        listed = kind is not None and best.kind == kind and best.matched != "skeleton"
        named_elsewhere = best.id in by_place and best.matched != "skeleton"
        if not (named_elsewhere or listed) and not _acceptable(doc, best, cluster, focus, by_place):
            continue
        if cluster.type in MAYBE_PLACE_TYPES | WEAK_PLACE_TYPES:
            cluster.type = "GPE" if best.kind in POLITICAL_KINDS else "LOC"
        precision = PRECISION_BY_KIND.get(best.kind, 3)
        if part_of:
            precision = max(precision, 2)
        elif precision == 1 and _near(doc, cluster):
            precision = 2
        place = by_place.setdefault(best.id, ResolvedPlace(best, precision))
        place.precision = min(place.precision, precision)
        place.mentions.extend(cluster.mentions)
    _add_datelines(doc, gazetteer, focus, region, by_place)
    _add_homes(doc, gazetteer, focus, region, by_place)
    _add_named_by_type(doc, gazetteer, focus, region, by_place)
    _add_listed_by_type(doc, gazetteer, focus, region, by_place)
    _add_qualified_names(doc, gazetteer, by_place)
    _add_split_names(doc, gazetteer, by_place)
    _add_shared_heads(doc, gazetteer, by_place)
    _add_untagged_names(doc, gazetteer, focus, region, by_place)
    _add_abbreviations(doc, by_place)
    _add_streets(doc, text, focus, by_place)
    for candidate, start, end in _references(doc, text, gazetteer, focus, region):
        if _overlaps(by_place, start, end):
            continue
        precision = PRECISION_BY_KIND.get(candidate.kind, 3)
        place = by_place.setdefault(candidate.id, ResolvedPlace(candidate, precision))
        place.references.append((start, end))
    for place in by_place.values():
        place.mentions.sort()
        place.references = sorted(set(place.references))
    return sorted(by_place.values(), key=lambda p: p.first)


@Language.factory("eventwire_places")
def make_place_resolver(nlp: Language, name: str) -> PlaceResolver:
    return PlaceResolver()


class PlaceResolver:
    """Sets `doc._.places` to the document's resolved places; opens the gazetteer on first use."""

    def __init__(self) -> None:
        if not Doc.has_extension("places"):
            Doc.set_extension("places", default=None)
        self._gazetteer: Gazetteer | None = None

    def __call__(self, doc: Doc) -> Doc:
        if self._gazetteer is None:
            self._gazetteer = Gazetteer()
        doc._.places = resolve_places(doc, self._gazetteer)
        return doc
