"""Train the fallback event-type classifier on the synthetic NGEC stories (development part).

The stories (LLM-written, labelled with their PLOVER type) are split as in evaluation/events.py,
by title: the stories under a fifth of each type's titles are held out for evaluation and never
trained on. Each story is represented by its title and first two sentences, the part that says
what happened. Writes
`src/eventwire/events/data/type_classifier.npz` and reports accuracy on the held-out stories.
"""

from __future__ import annotations

import re
import sys

import numpy as np

from eventwire.events.classifier import WEIGHTS, encoder, save, train

from .common import REPO, write_results
from .events import OLD_LABELS, headline, macro_f1, ngec_rows, ngec_split

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def lead(row: dict) -> str:
    """Title and first two sentences of a story."""
    sentences = _SENTENCE_END.split(" ".join(row["text"].split()))[:2]
    return " ".join([headline(row), *sentences]).strip()


def main() -> None:
    rows = ngec_rows()
    development, held_out = ngec_split(rows, "dev"), ngec_split(rows, "eval")
    labels = [OLD_LABELS.get(r["label"], r["label"]) for r in development]
    embeddings = encoder().encode([lead(r) for r in development])
    model = train(embeddings, labels)
    path = REPO / "src" / "eventwire" / "events" / "data" / WEIGHTS
    save(model, path)
    gold = [OLD_LABELS.get(r["label"], r["label"]) for r in held_out]
    probabilities = model.probabilities(encoder().encode([lead(r) for r in held_out]))
    predicted = [model.labels[i] for i in probabilities.argmax(axis=1)]
    accuracy = float(np.mean([g == p for g, p in zip(gold, predicted, strict=True)]))
    results = {
        "trained_on": len(development),
        "held_out": len(held_out),
        "held_out_accuracy": round(accuracy, 3),
        "held_out_macro_f1": round(macro_f1(gold, predicted), 3),
    }
    print(
        f"trained on {len(development)} stories; held out {len(held_out)}: accuracy "
        f"{accuracy:.3f}, macro-F1 {results['held_out_macro_f1']:.3f}; wrote {path}"
    )
    print(f"results: {write_results('event-classifier', results)}", file=sys.stderr)


if __name__ == "__main__":
    main()
