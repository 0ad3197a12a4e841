"""Rule-based reference on VOA stories: does a pronoun or "the group" resolve to the right entity?

Gold: `evaluation/data/voa_references.jsonl`, 48 subjects of reporting verbs in the first 40 VOA
sample stories (`../shared/samples/voa/voa_stories.jsonl`, public domain), each with a word of
the name it refers to, annotated by reading the story. A case is correct when the entity the
rules pick has that word in its name; unresolved counts as wrong.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from eventwire.nlp import load_pipeline

from .common import REPO, write_results

GOLD = Path(__file__).resolve().parent / "data" / "voa_references.jsonl"


def evaluate(stories_path: Path) -> dict:
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    wanted = {g["story"] for g in gold}
    with stories_path.open(encoding="utf-8") as lines:
        stories = {s["id"]: s["text"] for s in map(json.loads, lines) if s["id"] in wanted}
    nlp = load_pipeline()
    docs = dict(zip(stories, nlp.pipe(stories.values()), strict=True))
    correct, unresolved, errors = 0, 0, []
    for case in gold:
        doc = docs[case["story"]]
        token = next(t for t in doc if t.idx == case["offset"])
        index = doc._.referents.of_token(token)
        name = None if index is None else doc._.entity_clusters[index].name
        if name is None:
            unresolved += 1
        if name is not None and case["refers_to"].casefold() in name.casefold():
            correct += 1
        else:
            errors.append(
                f"{case['story']}@{case['offset']} {token.text}: {name} (gold {case['refers_to']})"
            )
    return {
        "cases": len(gold),
        "accuracy": round(correct / len(gold), 3),
        "unresolved": unresolved,
        "errors": errors,
    }


def main() -> None:
    results = evaluate(REPO.parent / "shared" / "samples" / "voa" / "voa_stories.jsonl")
    print(
        f"references (VOA, {results['cases']} pronoun/description speakers): accuracy "
        f"{results['accuracy']:.3f}, unresolved {results['unresolved']}"
    )
    for error in results["errors"]:
        print(f"  {error}")
    print(f"results: {write_results('references-voa', results)}", file=sys.stderr)


if __name__ == "__main__":
    main()
