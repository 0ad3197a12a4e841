"""Wire copies and reprints: the same story, lightly edited, under another outlet or URL.

Each article's cleaned text becomes a MinHash over its word 3-shingles; an LSH index (bands of
the signature, kept in a scratch database) proposes candidates and the estimated Jaccard
similarity decides. The earliest published (then earliest
stored) article of a group is the original; the others are its copies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from .workspace import Workspace

SHINGLE_WORDS = 3
PERMUTATIONS = 128
COPY_SIMILARITY = 0.5
"""Estimated Jaccard similarity of word 3-shingles above which two articles are one story.
Measured by `evaluation/copies.py`: among 951 real articles it links one pair, whose cleaned
texts are identical (the same story on two pages); of 929
reprints (new headline, first sentence cut, one word in fifty dropped, a line added) it finds
915 (median similarity 0.88)."""
MIN_WORDS = 40
"""Shorter texts have too few shingles for the estimate to mean anything: never copies."""
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Copy:
    article_id: str
    original_id: str
    similarity: float


def _signature(text: str) -> MinHash | None:
    words = _WORD.findall(text.casefold())
    if len(words) < MIN_WORDS:
        return None
    signature = MinHash(num_perm=PERMUTATIONS, seed=7)
    count = len(words) - SHINGLE_WORDS + 1
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(count)}
    signature.update_batch([s.encode("utf-8") for s in shingles])
    return signature


def _bands() -> list[tuple[int, int]]:
    """The LSH bands (start, end of a slice of the signature) for `COPY_SIMILARITY`, as
    datasketch chooses them to balance false positives against false negatives."""
    return list(MinHashLSH(threshold=COPY_SIMILARITY, num_perm=PERMUTATIONS).hashranges)


BANDS = _bands()


def _band_keys(signature: MinHash) -> list[bytes]:
    values = signature.hashvalues
    return [bytes([band]) + values[start:end].tobytes() for band, (start, end) in enumerate(BANDS)]


class CopyFinder:
    """Decides, article by article (oldest first), whether each copies an earlier original.

    The LSH index is kept in the workspace: a row per band of each original's signature, so the
    index does not live in memory however many articles there are."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.seq = 0

    def check(self, article_id: str, text: str) -> Copy | None:
        signature = _signature(text)
        if signature is None:
            return None
        keys = _band_keys(signature)
        marks = ",".join("?" * len(keys))
        candidates = self.workspace.execute(
            "SELECT s.article_id, s.hashvalues FROM signatures s WHERE s.seq IN "
            f"(SELECT seq FROM bands WHERE key IN ({marks})) ORDER BY s.seq",
            keys,
        )
        best: tuple[float, str] | None = None
        for candidate, hashvalues in candidates.fetchall():
            similarity = signature.jaccard(_stored(signature, hashvalues))
            if similarity >= COPY_SIMILARITY and (best is None or similarity > best[0]):
                best = (similarity, candidate)
        self.seq += 1
        if best is not None:
            copy = Copy(article_id, best[1], round(best[0], 3))
            self.workspace.execute(
                "INSERT INTO copies VALUES (?, ?, ?, ?)",
                (self.seq, copy.article_id, copy.original_id, copy.similarity),
            )
            return copy
        # Only originals enter the index: a copy of a copy is a copy of the original.
        self.workspace.execute(
            "INSERT INTO signatures VALUES (?, ?, ?)",
            (self.seq, article_id, signature.hashvalues.tobytes()),
        )
        self.workspace.insert_many("INSERT INTO bands VALUES (?, ?)", ((k, self.seq) for k in keys))
        return None


def _stored(like: MinHash, hashvalues: bytes) -> MinHash:
    """A stored signature back as a MinHash made the same way as `like`."""
    return MinHash(
        num_perm=PERMUTATIONS,
        seed=like.seed,
        hashvalues=np.frombuffer(hashvalues, dtype=like.hashvalues.dtype),
        permutations=like.permutations,
        scheme=like.scheme,
    )


def copies_in(workspace: Workspace) -> Iterator[Copy]:
    """The copies `CopyFinder` found in this workspace, in the order it found them."""
    for article_id, original_id, similarity in workspace.rows(
        "SELECT article_id, original_id, similarity FROM copies ORDER BY seq"
    ):
        yield Copy(article_id, original_id, similarity)


def find_copies(articles: Iterable[tuple[str, str]]) -> list[Copy]:
    """(article id, text) pairs, oldest first, to the copies among them with their originals."""
    with Workspace() as workspace:
        finder = CopyFinder(workspace)
        return [c for a, text in articles if (c := finder.check(a, text)) is not None]
