"""Quote attribution on PolNeAR: source, cue and content spans against the brat annotations.

The pipeline runs on each article's raw text (so offsets agree with the annotations) and every
quote it finds gives a predicted source (its speaker mention), cue and content span. For each of
the three roles:
- exact: a predicted span equal to a gold span (a discontinuous gold span by its outer bounds);
- overlap: a predicted span sharing at least one character with a gold span, each gold span
  matched at most once (the partial-match measure of the attribution literature);
- token: precision/recall over the characters of words inside predicted vs gold spans.
Where an article has several annotators' files, the first file (by name) is the gold.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.nlp import load_pipeline

from .common import datasets_dir, write_results

ROLES = ("source", "cue", "content")
PUBLISHED = {
    "cofenet_bert_test_exact": {"source": 83.2, "cue": 75.3, "content": 72.9},
    "rule_baseline_test_exact": {"source": 10.7, "cue": 22.8, "content": 5.6},
}
_WORD = re.compile(r"\w+")


@dataclass
class Article:
    name: str
    text: str
    gold: dict[str, list[list[tuple[int, int]]]] = field(default_factory=dict)
    """role -> spans, each a list of (start, end) fragments."""


def read_ann(path: Path) -> dict[str, list[list[tuple[int, int]]]]:
    gold: dict[str, list[list[tuple[int, int]]]] = {role: [] for role in ROLES}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("T"):
            continue
        _, info, _ = line.split("\t", 2)
        label, offsets = info.split(" ", 1)
        role = label.casefold()
        if role in gold:
            fragments = [tuple(map(int, part.split())) for part in offsets.split(";")]
            gold[role].append([(s, e) for s, e in fragments])
    return gold


def articles(split: str, limit: int | None = None) -> Iterator[Article]:
    root = datasets_dir() / "quotes" / "polnear" / "data" / split
    annotations = sorted((root / "attributions").glob("*.ann"))
    by_text: dict[str, Path] = {}
    for ann in annotations:
        by_text.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    for count, (stem, ann) in enumerate(sorted(by_text.items())):
        if limit is not None and count >= limit:
            return
        text_path = root / "text" / f"{stem}.txt"
        if text_path.exists():
            yield Article(stem, text_path.read_text(encoding="utf-8"), read_ann(ann))


@dataclass
class Score:
    predicted: int = 0
    gold: int = 0
    exact: int = 0
    overlap_predicted: int = 0
    overlap_gold: int = 0
    token_predicted: int = 0
    token_gold: int = 0
    token_both: int = 0

    def add(self, text: str, predicted: list[tuple[int, int]], gold: list[list[tuple[int, int]]]):
        self.predicted += len(predicted)
        self.gold += len(gold)
        bounds = {(g[0][0], g[-1][1]) for g in gold}
        self.exact += sum(1 for p in set(predicted) if p in bounds)
        matched: set[int] = set()
        for start, end in predicted:
            hits = [i for i, g in enumerate(gold) if any(s < end and start < e for s, e in g)]
            if hits:
                self.overlap_predicted += 1
                free = [i for i in hits if i not in matched]
                if free:
                    matched.add(free[0])
        self.overlap_gold += len(matched)
        predicted_chars = _word_chars(text, predicted)
        gold_chars = _word_chars(text, [f for g in gold for f in g])
        self.token_predicted += len(predicted_chars)
        self.token_gold += len(gold_chars)
        self.token_both += len(predicted_chars & gold_chars)

    def summary(self) -> dict[str, float | int]:
        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        exact_p = self.exact / self.predicted if self.predicted else 0.0
        exact_r = self.exact / self.gold if self.gold else 0.0
        over_p = self.overlap_predicted / self.predicted if self.predicted else 0.0
        over_r = self.overlap_gold / self.gold if self.gold else 0.0
        tok_p = self.token_both / self.token_predicted if self.token_predicted else 0.0
        tok_r = self.token_both / self.token_gold if self.token_gold else 0.0
        return {
            "predicted": self.predicted,
            "gold": self.gold,
            "exact_p": round(exact_p, 3),
            "exact_r": round(exact_r, 3),
            "exact_f1": round(f1(exact_p, exact_r), 3),
            "overlap_p": round(over_p, 3),
            "overlap_r": round(over_r, 3),
            "overlap_f1": round(f1(over_p, over_r), 3),
            "token_p": round(tok_p, 3),
            "token_r": round(tok_r, 3),
            "token_f1": round(f1(tok_p, tok_r), 3),
        }


def _word_chars(text: str, spans: list[tuple[int, int]]) -> set[int]:
    chars: set[int] = set()
    for start, end in spans:
        for match in _WORD.finditer(text, start, end):
            chars.update(range(match.start(), match.end()))
    return chars


def predicted_spans(doc) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = {role: [] for role in ROLES}
    for quote in doc._.quotes:
        if quote.speaker_span:
            spans["source"].append(quote.speaker_span)
        if quote.cue_span:
            spans["cue"].append(quote.cue_span)
        spans["content"].append((quote.start, quote.end))
    return spans


def evaluate(split: str, limit: int | None = None) -> dict:
    nlp = load_pipeline()
    scores = {role: Score() for role in ROLES}
    missed_cues: Counter[str] = Counter()
    documents = list(articles(split, limit))
    started = time.perf_counter()
    for article, doc in zip(documents, nlp.pipe(a.text for a in documents), strict=True):
        predicted = predicted_spans(doc)
        for role in ROLES:
            scores[role].add(article.text, predicted[role], article.gold[role])
        found = {c for c in predicted["cue"]}
        for cue in article.gold["cue"]:
            start, end = cue[0][0], cue[-1][1]
            if not any(s < end and start < e for s, e in found):
                missed_cues[article.text[start:end].casefold()] += 1
    return {
        "split": split,
        "articles": len(documents),
        "seconds": round(time.perf_counter() - started, 1),
        **{role: scores[role].summary() for role in ROLES},
        "most_missed_cues": missed_cues.most_common(25),
        "published_anchors": PUBLISHED,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["train", "dev"])
    parser.add_argument("--limit", type=int, help="Only the first N articles.")
    args = parser.parse_args(argv)
    results = evaluate(args.split, args.limit)
    for role in ROLES:
        r = results[role]
        print(
            f"PolNeAR {args.split} {role:8s} exact F1 {r['exact_f1']:.3f}  "
            f"overlap P {r['overlap_p']:.3f} R {r['overlap_r']:.3f} F1 {r['overlap_f1']:.3f}  "
            f"token F1 {r['token_f1']:.3f}  ({r['predicted']} predicted, {r['gold']} gold)"
        )
    if args.limit is None:
        path = write_results(f"quotes-polnear-{args.split}", results)
        print(f"results: {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
