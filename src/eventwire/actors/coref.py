"""Rule-based reference: what a pronoun or a description such as "the militant group" refers to.

There is no coreference model offline, so the rules follow the parse: "he"/"she" → the nearest
earlier person, preferring one that was a grammatical subject; "it"/"they" → the nearest earlier
group; "the group", "the militants" (`data/referring_nouns.jsonl`) → the group in focus, which is
the group most recently mentioned as a subject, else the most recently mentioned one.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from ..datafiles import jsonl_rows
from ..nlp.entities import EntityCluster
from ..nlp.quotation_marks import quote_spans

PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
GROUP_PRONOUNS = frozenset({"it", "its", "they", "them", "their", "itself", "themselves"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
GROUP_TYPES = frozenset({"ORG", "NORP", "GPE"})
LOOKBACK_SENTENCES = {"PERSON": 6, "GROUP": 3}
"""A pronoun whose antecedent is further back than this many sentences is left unresolved; a
person stays in focus across a few quoted sentences, a group less long."""


@cache
def _referring_nouns() -> dict[str, str]:
    return {
        row["word"]: row["refers_to"]
        for row in jsonl_rows("eventwire.actors", "referring_nouns.jsonl")
    }


@dataclass(frozen=True)
class Mention:
    start: int
    """First token index."""
    cluster: int
    is_subject: bool
    sentence: int


class Referents:
    """Answers "which cluster does this token or span refer to" for one document."""

    def __init__(self, doc: Doc, clusters: list[EntityCluster], owner: dict[int, int]) -> None:
        self.doc = doc
        self.clusters = clusters
        self.owner = owner
        self._sentence_of = {}
        for number, sent in enumerate(doc.sents):
            for token in sent:
                self._sentence_of[token.i] = number
        mentions: dict[tuple[int, int], Mention] = {}
        for i, cluster in sorted(owner.items()):
            span_root = _mention_root(doc, i, owner)
            key = (span_root.i, cluster)
            if key not in mentions:
                mentions[key] = Mention(
                    start=i,
                    cluster=cluster,
                    is_subject=span_root.dep_ in SUBJECT_DEPS,
                    sentence=self._sentence_of[i],
                )
        self.mentions = sorted(mentions.values(), key=lambda m: m.start)
        self.quotes = quote_spans(doc.text)
        """The quotation-mark spans of the document, shared with the quote finder."""
        self._quote_starts = [s for s, _ in self.quotes]
        self._mention_quoted = {m.start: self._in_quote(doc[m.start].idx) for m in self.mentions}

    def _in_quote(self, offset: int) -> bool:
        """Whether a character offset is inside quotation marks: outside quotes, a pronoun
        refers to the narrative, not to someone named inside a quotation."""
        k = bisect_right(self._quote_starts, offset) - 1
        return k >= 0 and self.quotes[k][0] <= offset < self.quotes[k][1]

    def of_span(self, span: Span) -> int | None:
        """The cluster `span` names or refers to: a mention's cluster, else its head's referent."""
        for token in span:
            if token.i in self.owner:
                return self.owner[token.i]
        return self.of_token(span.root)

    def of_token(self, token: Token) -> int | None:
        lower = token.lower_
        if token.i in self.owner:
            return self.owner[token.i]
        if lower in PERSON_PRONOUNS:
            return self._antecedent(token, {"PERSON"})
        if lower in GROUP_PRONOUNS:
            return self._antecedent(
                token, GROUP_TYPES | ({"PERSON"} if lower == "they" else set()), prefer=GROUP_TYPES
            )
        kind = _referring_nouns().get(lower)
        if kind and token.tag_ in {"NN", "NNS"} and _is_definite(token):
            for child in token.children:  # "the militant group al-Shabab"
                if child.dep_ in {"appos", "compound", "npadvmod"} and child.i in self.owner:
                    return self.owner[child.i]
            if token.i + 1 < len(self.doc) and token.i + 1 in self.owner:
                return self.owner[token.i + 1]
            if kind == "PERSON":
                return self._antecedent(token, {"PERSON"}, role=lower)
            return self._antecedent(token, GROUP_TYPES, prefer=frozenset({"ORG"}))
        return None

    def _antecedent(
        self, token: Token, types: set[str], prefer=frozenset(), role: str | None = None
    ) -> int | None:
        sentence = self._sentence_of[token.i]
        lookback = LOOKBACK_SENTENCES["PERSON" if types == {"PERSON"} else "GROUP"]
        quoted = self._in_quote(token.idx)
        earlier = [
            m
            for m in self.mentions
            if m.start < token.i
            and sentence - m.sentence <= lookback
            and self.clusters[m.cluster].type in types
            and not _inside(token, m)
            and (quoted or not self._mention_quoted[m.start])
        ]
        if role:
            with_role = [
                m for m in earlier if role in getattr(self.clusters[m.cluster], "roles", [])
            ]
            earlier = with_role or earlier
        if prefer:
            preferred = [m for m in earlier if self.clusters[m.cluster].type in prefer]
            earlier = preferred or earlier
        if not earlier:
            return None
        subjects = [m for m in earlier if m.is_subject]
        same_sentence = [m for m in earlier if m.sentence == sentence]
        # A pronoun inside the clause of its antecedent ("Saleh said he …") takes that subject.
        pool = [m for m in same_sentence if m.is_subject] or subjects or earlier
        return pool[-1].cluster


def _is_definite(token: Token) -> bool:
    return any(c.lower_ in {"the", "this", "that", "these", "those"} for c in token.lefts)


def _inside(token: Token, mention: Mention) -> bool:
    """A possessive pronoun cannot refer to the noun phrase it sits in ("his father Ahmad")."""
    return token.head.i == mention.start and token.dep_ == "poss"


def _mention_root(doc: Doc, i: int, owner: dict[int, int]) -> Token:
    """The syntactic root of the mention containing token `i`."""
    start = i
    while start > 0 and owner.get(start - 1) == owner[i]:
        start -= 1
    end = i + 1
    while end < len(doc) and owner.get(end) == owner[i]:
        end += 1
    return doc[start:end].root
