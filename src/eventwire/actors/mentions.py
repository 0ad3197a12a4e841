"""Which entity cluster each token belongs to, for rules that walk the parse."""

from __future__ import annotations

from spacy.tokens import Doc

from ..nlp.entities import EntityCluster


def token_clusters(doc: Doc, clusters: list[EntityCluster]) -> dict[int, int]:
    """Token index -> index of the cluster one of whose mentions covers the token."""
    owner: dict[int, int] = {}
    for index, cluster in enumerate(clusters):
        for start, end in cluster.mentions:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                for token in span:
                    owner.setdefault(token.i, index)
    return owner
