"""How alike two spellings must be to count as one name: the data behind `NAME_SIMILARITY`.

Misspellings: every one-letter slip (a letter dropped, doubled, replaced by a neighbouring vowel or
consonant, two letters swapped) of every word of five letters or more in the registry's person
names; recall is the share still at or above the threshold.
Distinct names: the words of the person names spaCy finds in the VOA sample stories
(`../shared/samples/voa/voa_stories.jsonl`), each pair of different words compared; a pair at or
above the threshold would be merged wrongly, unless the two are known spellings of one name (both
in one actor's names).
"""

from __future__ import annotations

import argparse
import json
import sys
from itertools import combinations
from pathlib import Path

from rapidfuzz import fuzz

from eventwire.actors import load_registry
from eventwire.nlp import load_pipeline
from eventwire.nlp.entities import FUZZY_MIN_LENGTH, NAME_SIMILARITY
from eventwire.places.names import name_key

from .common import REPO, write_results

THRESHOLDS = (80.0, 82.0, 84.0, 86.0, 88.0, 90.0, 92.0, 94.0)
_NEIGHBOURS = {"a": "e", "e": "i", "i": "e", "o": "u", "u": "o", "y": "i"}


def slips(word: str) -> set[str]:
    """One-letter misspellings of `word`."""
    out: set[str] = set()
    for i in range(len(word)):
        out.add(word[:i] + word[i + 1 :])
        out.add(word[:i] + word[i] + word[i:])
        if word[i] in _NEIGHBOURS:
            out.add(word[:i] + _NEIGHBOURS[word[i]] + word[i + 1 :])
        if i + 1 < len(word):
            out.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
    out.discard(word)
    return out


def registry_words() -> tuple[set[str], list[set[str]]]:
    registry = load_registry()
    words: set[str] = set()
    spellings: list[set[str]] = []
    for actor in registry.actors.values():
        if actor.type != "PERSON":
            continue
        names = {w for n in actor.names for w in name_key(n).split() if len(w) >= FUZZY_MIN_LENGTH}
        words |= names
        spellings.append(names)
    return words, spellings


def voa_name_words(samples: Path) -> set[str]:
    nlp = load_pipeline()
    with (samples / "voa_stories.jsonl").open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines if line.strip()]
    words: set[str] = set()
    for doc in nlp.pipe(texts):
        for cluster in doc._.entity_clusters:
            if cluster.type == "PERSON":
                words |= {w for w in name_key(cluster.name).split() if len(w) >= FUZZY_MIN_LENGTH}
    return words


def evaluate(samples: Path) -> dict:
    words, spellings = registry_words()
    variants = [(w, v) for w in sorted(words) for v in sorted(slips(w))]
    distinct = sorted(voa_name_words(samples) | words)
    same_name = {frozenset(p) for names in spellings for p in combinations(sorted(names), 2)}
    pairs = [(a, b) for a, b in combinations(distinct, 2) if frozenset((a, b)) not in same_name]
    scores = [fuzz.ratio(a, b) for a, b in pairs]
    variant_scores = [fuzz.ratio(w, v) for w, v in variants]
    table = []
    for threshold in THRESHOLDS:
        merged = [(a, b) for (a, b), s in zip(pairs, scores, strict=True) if s >= threshold]
        table.append(
            {
                "threshold": threshold,
                "misspelling_recall": round(
                    sum(s >= threshold for s in variant_scores) / len(variant_scores), 3
                ),
                "distinct_pairs_merged": len(merged),
                "distinct_pairs_merged_per_10k": round(1e4 * len(merged) / len(pairs), 2),
                "examples": [" / ".join(p) for p in merged],
            }
        )
    return {
        "chosen": NAME_SIMILARITY,
        "misspellings": len(variants),
        "distinct_words": len(distinct),
        "distinct_pairs": len(pairs),
        "table": table,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, default=REPO.parent / "shared" / "samples" / "voa")
    args = parser.parse_args(argv)
    results = evaluate(args.samples)
    print(
        f"name similarity: {results['misspellings']} one-letter slips, "
        f"{results['distinct_pairs']} pairs of distinct name words; chosen {results['chosen']}"
    )
    for row in results["table"]:
        print(
            f"  >= {row['threshold']:.0f}: slips kept {row['misspelling_recall']:.3f}, "
            f"distinct pairs merged {row['distinct_pairs_merged']} "
            f"({row['distinct_pairs_merged_per_10k']}/10k) e.g. {', '.join(row['examples'][:4])}"
        )
    print(f"results: {write_results('name-similarity', results)}", file=sys.stderr)


if __name__ == "__main__":
    main()
