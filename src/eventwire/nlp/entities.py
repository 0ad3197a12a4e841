"""The `eventwire_entities` component: NER mentions grouped into one entity per referent.

Within a document, every mention of one real-world referent becomes one entity: a person's full
name and the later bare surname or first name, "the Taliban" and "Taliban's". Mentions are trimmed
(determiners, honorifics, possessives), adjectives such as "pro-Taliban" are dropped, and a few
obvious NER type errors are fixed (a plural demonym tagged PERSON, a group name tagged PERSON).
The word lists are data in `data/entity_rules.jsonl`.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from rapidfuzz import fuzz
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..datafiles import word_set

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_DETERMINERS = frozenset({"the", "a", "an"})
_POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
_EDGE_PUNCT = frozenset("\"'“”‘’()[],.;:!?-–—")
_KEY_PUNCT = re.compile(r"[^\w\s-]")
NAME_SIMILARITY = 88.0
"""How alike (rapidfuzz ratio, 0-100) two spellings of a name word must be to count as one name
("Armrullah"/"Amrullah" 94, "Zabiullah"/"Zabihullah" 95); evaluation/linking.py measures it."""
FUZZY_MIN_LENGTH = 5
"""Shorter words are too alike by chance ("Omar"/"Umar" are one name, "Ali"/"Ari" are not)."""


@dataclass
class EntityCluster:
    """Mentions of one referent: `mentions` are (start, end) character offsets into the doc."""

    type: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    actor_id: str | None = None
    kind: str | None = None
    affiliation: str | None = None
    roles: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The fullest form: most words, then most characters, then earliest."""
        return max(self.forms, key=lambda f: (len(f.split()), len(f), -self.forms.index(f)))

    @property
    def aliases(self) -> list[str]:
        name = self.name
        return list(dict.fromkeys(f for f in self.forms if f != name))

    def add(self, span: tuple[int, int], form: str, label: str) -> None:
        self.mentions.append(span)
        self.forms.append(form)
        self.labels.append(label)


@cache
def entity_rules() -> dict[str, frozenset[str]]:
    path = resources.files("eventwire.nlp") / "data" / "entity_rules.jsonl"
    rules: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            rules.setdefault(row["rule"], set()).add(row["value"].casefold())
    return {rule: frozenset(values) for rule, values in rules.items()}


def name_key(form: str) -> str:
    """Comparison key of a name: case-folded, punctuation and repeated spaces removed."""
    return " ".join(_KEY_PUNCT.sub("", form.replace("’", "'")).casefold().split())


def trim_mention(ent: Span) -> Span | None:
    """The mention without leading determiners/honorifics and trailing possessives; None if junk."""
    rules = entity_rules()
    if "\n" in ent.text:
        return None
    if any(ent.text.casefold().startswith(p) for p in rules["adjective_prefix"]):
        return None
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (
        doc[start].lower_ in _DETERMINERS
        or doc[start].text in _EDGE_PUNCT
        or (ent.label_ == "PERSON" and doc[start].text.casefold() in rules["honorific"])
    ):
        start += 1
    for i in range(start, end):
        if doc[i].text in "([" and not any(t.text in ")]" for t in doc[i:end]):
            end = i
            break
    while end > start and (doc[end - 1].text in _POSSESSIVES or doc[end - 1].text in _EDGE_PUNCT):
        end -= 1
    if start == end or not any(t.text[0].isupper() and t.text[0].isalpha() for t in doc[start:end]):
        return None
    if end - start == 1 and _capitalised_only_by_position(doc[start]):
        return None
    if ent.label_ != "PERSON" and _is_title(doc[start:end]):
        return None
    return doc[start:end]


_TITLE_GLUE = frozenset({"and", "of", "the"})


def _is_title(span: Span) -> bool:
    """A capitalised title mistaken for an organisation ("National Hero and Lion")."""
    words = word_set("eventwire.nlp", "role_words.jsonl", part="head") | word_set(
        "eventwire.nlp", "role_words.jsonl", part="modifier"
    )
    # "U.S." is a word of the name too: "the U.S. Army" is no title
    alpha = [t.lower_ for t in span if any(c.isalpha() for c in t.text) and t.lower_ != "'s"]
    return any(w in words for w in alpha) and all(w in words or w in _TITLE_GLUE for w in alpha)


def _capitalised_only_by_position(token) -> bool:
    """A common noun or verb that is capitalised because it starts the sentence ("Rebels said")."""
    return token.is_sent_start and (token.tag_ in {"NN", "NNS"} or token.tag_.startswith("VB"))


def fixed_label(span: Span, label: str) -> str:
    """NER's label, corrected where it is obviously wrong for a capitalised group name."""
    rules = entity_rules()
    if label == "PERSON" and len(span) == 1 and span[0].tag_ in {"NNS", "NNPS"}:
        return "NORP"
    if (
        label in {"PERSON", "GPE", "NORP", "LOC"}
        and span[-1].text.casefold() in rules["group_head"]
    ):
        return "ORG"
    return label


def group_entities(doc: Doc) -> list[EntityCluster]:
    """One cluster per referent, ordered by first mention."""
    mentions: list[tuple[Span, str]] = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        span = trim_mention(ent)
        if span is not None:
            mentions.append((span, fixed_label(span, ent.label_)))

    persons = _group_persons(doc, [s for s, label in mentions if label == "PERSON"])
    person_by_key = {name_key(f): c for c in persons for f in c.forms}
    person_by_surname = _unique_surnames(persons)
    others: dict[str, EntityCluster] = {}
    for span, label in mentions:
        if label == "PERSON":
            continue
        key = name_key(span.text)
        cluster = (
            person_by_key.get(key)
            or (label in _SURNAME_MISLABELS and _pick(person_by_surname, name_variants(key)))
            or others.setdefault(key, EntityCluster(type=label))
        )
        cluster.add((span.start_char, span.end_char), span.text, label)

    clusters = persons + list(others.values())
    places = _names_used_as_places(doc)
    for cluster in clusters:
        order = sorted(range(len(cluster.mentions)), key=lambda i: cluster.mentions[i])
        cluster.mentions = [cluster.mentions[i] for i in order]
        cluster.forms = [cluster.forms[i] for i in order]
        cluster.labels = [cluster.labels[i] for i in order]
        cluster.type = Counter(cluster.labels).most_common(1)[0][0]
        if any(cluster is p for p in persons) and len(cluster.name.split()) > 1:
            cluster.type = "PERSON"  # "Donald Trump", whatever NER called the bare "Trump"s
        if cluster.type == "ORG" and name_key(cluster.name) in places:
            cluster.type = "LOC"
    return sorted(clusters, key=lambda c: c.mentions[0])


_SURNAME_MISLABELS = frozenset({"ORG", "NORP"})
"""NER labels a bare surname often gets wrong ("Lammy said" as ORG); such a mention joins the
person whose surname it is. Place labels are left alone: "Washington" is rarely a surname."""


def name_variants(word_key: str) -> set[str]:
    """A name word and its form without an Arabic article (al-Assad, Assad)."""
    variants = {word_key}
    for particle in entity_rules()["name_particle"]:
        if word_key.startswith(particle) and len(word_key) > len(particle) + 1:
            variants.add(word_key[len(particle) :])
    return variants


def _name_words(key: str) -> list[set[str]]:
    return [name_variants(word) for word in key.split()]


def _unique_surnames(persons: list[EntityCluster]) -> dict[str, EntityCluster | None]:
    """Surname variant -> the one person with that surname (None when several share it)."""
    table: dict[str, EntityCluster | None] = {}
    for cluster in persons:
        words = _name_words(name_key(cluster.name))
        if len(words) < 2:
            continue
        for variant in words[-1]:
            table[variant] = cluster if table.get(variant, cluster) is cluster else None
    return table


def _pick(table: dict[str, EntityCluster | None], variants: set[str]) -> EntityCluster | None:
    found = {id(c): c for v in variants if (c := table.get(v)) is not None}
    return next(iter(found.values())) if len(found) == 1 else None


def _names_used_as_places(doc: Doc) -> set[str]:
    """Keys of proper names that the document follows with a place noun ("Panjshir valley")."""
    place_words = entity_rules()["place_type_word"]
    names = set()
    for token in doc[1:]:
        if token.lower_ in place_words and doc[token.i - 1].tag_ in {"NNP", "NNPS"}:
            names.add(name_key(doc[token.i - 1].text))
    return names


_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "agent"})


def _salience(cluster: EntityCluster, doc: Doc) -> int:
    """How often the person is a grammatical subject: the one the article is about acts."""
    count = 0
    for start, end in cluster.mentions:
        span = doc.char_span(start, end)
        count += span is not None and span.root.dep_ in _SUBJECT_DEPS
    return count


def _group_persons(doc: Doc, mentions: list[Span]) -> list[EntityCluster]:
    """Full names first; a one-word name joins a full name that has the word (al- or not) —
    the one most often a grammatical subject, then the one mentioned last before it (else the
    first after it) — or starts a person of its own."""
    by_key: dict[str, EntityCluster] = {}
    single: list[Span] = []
    for span in mentions:
        key = name_key(span.text)
        if len(key.split()) == 1:
            single.append(span)
        else:
            cluster = by_key.setdefault(key, EntityCluster(type="PERSON"))
            cluster.add((span.start_char, span.end_char), span.text, "PERSON")
    full_names = [(_name_words(k), c) for k, c in by_key.items()]
    for span in single:
        key = name_key(span.text)
        variants = name_variants(key)
        containing = [c for words, c in full_names if any(variants & w for w in words)]
        before = [c for c in containing if c.mentions[0][0] < span.start_char]
        if key in by_key:
            target = by_key[key]
        elif before:
            target = max(
                before,
                key=lambda c: (
                    _salience(c, doc),
                    max(s for s, _ in c.mentions if s < span.start_char),
                ),
            )
        elif containing:
            target = min(containing, key=lambda c: c.mentions[0][0])
        elif (alike := _alike_full_name(key, full_names)) is not None:
            target = alike
        else:
            target = by_key.setdefault(key, EntityCluster(type="PERSON"))
        target.add((span.start_char, span.end_char), span.text, "PERSON")
    return list(by_key.values())


def _alike_full_name(key: str, full_names) -> EntityCluster | None:
    """The one full name with a word spelt almost like `key` ("Armrullah" → Amrullah Saleh)."""
    if len(key) < FUZZY_MIN_LENGTH:
        return None
    alike = {
        id(cluster): cluster
        for words, cluster in full_names
        if any(fuzz.ratio(key, w) >= NAME_SIMILARITY for variants in words for w in variants)
    }
    return next(iter(alike.values())) if len(alike) == 1 else None


@Language.factory("eventwire_entities")
def make_entity_grouper(nlp: Language, name: str) -> EntityGrouper:
    return EntityGrouper()


class EntityGrouper:
    """Sets `doc._.entity_clusters` to the document's entities."""

    def __init__(self) -> None:
        if not Doc.has_extension("entity_clusters"):
            Doc.set_extension("entity_clusters", default=None)

    def __call__(self, doc: Doc) -> Doc:
        doc._.entity_clusters = group_entities(doc)
        return doc
