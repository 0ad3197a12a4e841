"""The `eventwire_actors` component: roles, affiliations and registry actors for every entity.

Linking tries the entity's fullest names against the registry's names and aliases first, then a
fuzzy match (rapidfuzz) of a name with the same number of words, every word at least
`NAME_SIMILARITY` alike (`make eval` measures that threshold, see evaluation/linking.py). A
one-word name is linked fuzzily only when the context agrees: a role or affiliation the text
gives the person matches the registry's.
"""

from __future__ import annotations

from collections import Counter

from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.tokens import Doc

from ..nlp.entities import FUZZY_MIN_LENGTH, NAME_SIMILARITY, EntityCluster
from ..places.names import name_key
from .coref import GROUP_TYPES, Referents
from .mentions import token_clusters
from .registry import Actor, Registry, load_registry
from .roles import find_roles

_COMPATIBLE = {
    "PERSON": frozenset({"PERSON"}),
    "ORG": frozenset({"ORG", "GPE"}),
    "NORP": frozenset({"ORG", "GPE"}),
    "GPE": frozenset({"GPE", "ORG"}),
    "LOC": frozenset({"GPE"}),
    "FAC": frozenset({"ORG"}),
}
FUZZY_CANDIDATES = 5


class ActorIndex:
    """The registry's name keys, for fuzzy lookups in C speed."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.keys = list(registry.by_key)
        self.words: dict[str, list[Actor]] = {}
        for actor in registry.actors.values():
            if actor.type != "PERSON":
                continue
            for name in actor.names:
                for word in name_key(name).split():
                    if len(word) >= 4 and actor not in self.words.get(word, []):
                        self.words.setdefault(word, []).append(actor)
        self.word_keys = list(self.words)

    def exact(self, cluster: EntityCluster) -> Actor | None:
        for form in _fullest_forms(cluster):
            candidates = self.registry.lookup(form)
            several_words = len(name_key(form).split()) > 1
            fitting = [a for a in candidates if several_words or _fits(a, cluster)]
            if fitting:
                return min(fitting, key=lambda a: not _fits(a, cluster))
        return None

    def fuzzy(self, cluster: EntityCluster, context: set[str]) -> Actor | None:
        key = name_key(cluster.name)
        words = key.split()
        if not words:
            return None
        if len(words) == 1:
            return self._fuzzy_word(words[0], cluster, context)
        for candidate, _, _ in process.extract(
            key,
            self.keys,
            scorer=fuzz.ratio,
            score_cutoff=NAME_SIMILARITY,
            limit=FUZZY_CANDIDATES,
        ):
            other = candidate.split()
            if len(other) == len(words) and all(
                fuzz.ratio(a, b) >= NAME_SIMILARITY for a, b in zip(words, other, strict=True)
            ):
                fitting = [a for a in self.registry.by_key[candidate] if _fits(a, cluster)]
                if fitting:
                    return fitting[0]
        return None

    def _fuzzy_word(self, word: str, cluster: EntityCluster, context: set[str]) -> Actor | None:
        if len(word) < FUZZY_MIN_LENGTH or cluster.type != "PERSON":
            return None
        agreeing = []
        for candidate, _, _ in process.extract(
            word,
            self.word_keys,
            scorer=fuzz.ratio,
            score_cutoff=NAME_SIMILARITY,
            limit=FUZZY_CANDIDATES,
        ):
            for actor in self.words[candidate]:
                facts = {r.casefold() for r in actor.roles} | {actor.affiliation or ""}
                if facts & context and actor not in agreeing:
                    agreeing.append(actor)
        return agreeing[0] if len(agreeing) == 1 else None


def _fits(actor: Actor, cluster: EntityCluster) -> bool:
    return actor.type in _COMPATIBLE.get(cluster.type, frozenset())


def _fullest_forms(cluster: EntityCluster) -> list[str]:
    """The cluster's forms with the most words: a bare "Biden" beside "Hunter Biden" is not
    looked up on its own."""
    forms = list(dict.fromkeys(cluster.forms))
    most = max(len(name_key(f).split()) for f in forms)
    return [f for f in forms if len(name_key(f).split()) == most]


@Language.factory("eventwire_actors", default_config={"registry_files": []})
def make_actor_linker(nlp: Language, name: str, registry_files: list[str]) -> ActorLinker:
    return ActorLinker(load_registry(registry_files))


class ActorLinker:
    """Fills `actor_id`, `kind`, `roles` and `affiliation` of `doc._.entity_clusters`, and sets
    `doc._.referents` for the components that resolve pronouns and descriptions."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.index = ActorIndex(registry)
        if not Doc.has_extension("referents"):
            Doc.set_extension("referents", default=None)

    def __call__(self, doc: Doc) -> Doc:
        clusters: list[EntityCluster] = doc._.entity_clusters or []
        owner = token_clusters(doc, clusters)
        groups = {i for i, c in enumerate(clusters) if c.type in GROUP_TYPES}
        persons = {i for i, c in enumerate(clusters) if c.type == "PERSON"}
        text_affiliation: dict[int, int] = {}
        for index, cluster in enumerate(clusters):
            if cluster.type == "PERSON":
                text_affiliation.update(
                    self._read_roles(doc, index, clusters, owner, groups, persons)
                )
        for cluster in clusters:
            self._set_actor(cluster, self.index.exact(cluster))
        for index, cluster in enumerate(clusters):
            if cluster.actor_id is None:
                context = {r.casefold() for r in cluster.roles}
                if index in text_affiliation:
                    context.add(clusters[text_affiliation[index]].actor_id or "")
                self._set_actor(cluster, self.index.fuzzy(cluster, context - {""}))
        for index, cluster in enumerate(clusters):
            cluster.affiliation = self._affiliation(cluster, text_affiliation.get(index), clusters)
        doc._.referents = Referents(doc, clusters, owner)
        return doc

    @staticmethod
    def _set_actor(cluster: EntityCluster, actor: Actor | None) -> None:
        if actor is not None:
            cluster.actor_id = actor.id
            cluster.kind = actor.kind

    def _read_roles(self, doc, index, clusters, owner, groups, persons) -> dict[int, int]:
        cluster = clusters[index]
        affiliations: Counter[int] = Counter()
        for start, end in cluster.mentions:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            found = find_roles(doc, span, owner, groups, persons)
            for role in found.roles:
                if role not in cluster.roles:
                    cluster.roles.append(role)
            for kin, relative in found.relatives:
                role = f"{kin} of {clusters[relative].name}"
                if relative != index and role not in cluster.roles:
                    cluster.roles.append(role)
            affiliations.update(found.affiliations)
        if affiliations:
            return {index: affiliations.most_common(1)[0][0]}
        return {}

    def _affiliation(self, cluster, group_index, clusters) -> str | None:
        """The group's canonical name: the one the text gives, else the registry's."""
        if group_index is not None:
            group = clusters[group_index]
            if group.actor_id:
                return self.registry[group.actor_id].name
            return group.name
        if cluster.actor_id:
            affiliation = self.registry[cluster.actor_id].affiliation
            if affiliation:
                return self.registry[affiliation].name
        return None
