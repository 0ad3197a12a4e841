"""Event coding on the PLOVER gold records and the NGEC synthetic stories.

PLOVER gold (`events/plover/PLOVER_GSR_CAMEO.json`, 322 sentences coded with PLOVER 0.5b1): the
2016 labels are mapped as the codebook's CAMEO table says (DEMAND → REQUEST, DISAPPROVE and
INVESTIGATE → ACCUSE, FIGHT → ASSAULT). Each sentence is run through the pipeline; the predicted
event is the one whose trigger is one of the gold event words (else the first event found). Type
accuracy and macro-F1 count a sentence with no event as wrong; mode accuracy is over sentences
whose gold has a mode; actor/target match when a gold actor text is inside our entity's name or
the other way round.
NGEC synthetic stories: the story's event is the first event in its headline (as printed, places
filled in) and first two sentences; type macro-F1 over the stories of the evaluation split, which
the fallback classifier never saw (it is trained on the rest, evaluation/train_event_classifier.py).
The 4,500 stories share 332 titles (the generator's prompts), so the split goes by title: every
story under a title falls on the same side (a split by story would put every evaluation title in
the training part).
PLOVER gold is reported with the patterns alone and with the classifier as fallback.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import zipfile
import zlib
from collections import Counter

from eventwire.events import detect
from eventwire.nlp import load_pipeline

from .common import datasets_dir, write_results

OLD_LABELS = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
OLD_MODES = {
    "demo-org": "demo",
    "demo-spon": "demo",
    "riot-spon": "riot",
    "strike-gen": "strike",
    "strike-hun": "hunger",
    "host": "visit",
    "assassinate": "targeted",
    "confiscate": "seize",
    "detain": "arrest",
    "ban": "restrict",
}
"""2016 mode names → the current codebook's (organised and spontaneous demonstrations are one
`demo`; hosting is the other side of `visit`; banning from political life is `restrict`)."""


def macro_f1(gold: list[str], predicted: list[str | None]) -> float:
    labels = sorted(set(gold))
    scores = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0)
    return sum(scores) / len(scores) if scores else 0.0


def confusions(gold: list[str], predicted: list[str | None], top: int) -> list[str]:
    """The most frequent mistakes, "GOLD -> PREDICTED: count" ("none" when nothing was found)."""
    mistakes = Counter((g, p or "none") for g, p in zip(gold, predicted, strict=True) if g != p)
    return [f"{g} -> {p}: {n}" for (g, p), n in mistakes.most_common(top)]


def _names(value) -> list[str]:
    if not value:
        return []
    return [a.get("actorText", "") for a in value if isinstance(a, dict) and a.get("actorText")]


def _role_match(gold: list[str], name: str | None) -> bool:
    if not gold or name is None:
        return False
    name = name.casefold()
    return any(g.casefold() in name or name in g.casefold() for g in gold)


def plover() -> dict:
    records = json.loads(
        (datasets_dir() / "events" / "plover" / "PLOVER_GSR_CAMEO.json").read_text("utf-8")
    )[1:]
    nlp = load_pipeline()
    gold_types, predicted_types, modes = [], [], []
    actors = targets = actor_total = target_total = 0
    for record, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True):
        gold = OLD_LABELS.get(record["event"], record["event"])
        words = set(record.get("eventText", "").casefold().split())
        events = doc._.events or []
        chosen = next(
            (
                e
                for e in events
                if e.trigger.lower_ in words or e.trigger.lemma_.casefold() in words
            ),
            events[0] if events else None,
        )
        predicted = chosen.type if chosen else None
        gold_types.append(gold)
        predicted_types.append(predicted)
        if record.get("mode"):
            modes.append(
                chosen is not None and chosen.mode == OLD_MODES.get(record["mode"], record["mode"])
            )
        clusters = doc._.entity_clusters
        gold_actor, gold_target = _names(record.get("source")), _names(record.get("target"))
        if gold_actor:
            actor_total += 1
            actors += (
                chosen is not None
                and chosen.actor is not None
                and _role_match(gold_actor, clusters[chosen.actor].name)
            )
        if gold_target:
            target_total += 1
            targets += (
                chosen is not None
                and chosen.target is not None
                and _role_match(gold_target, clusters[chosen.target].name)
            )
    correct = sum(g == p for g, p in zip(gold_types, predicted_types, strict=True))
    return {
        "records": len(records),
        "type_accuracy": round(correct / len(records), 3),
        "type_macro_f1": round(macro_f1(gold_types, predicted_types), 3),
        "mode_accuracy": round(sum(modes) / len(modes), 3) if modes else None,
        "mode_records": len(modes),
        "actor_match": round(actors / actor_total, 3) if actor_total else None,
        "target_match": round(targets / target_total, 3) if target_total else None,
        "no_event": sum(p is None for p in predicted_types),
        "confusions": confusions(gold_types, predicted_types, 25),
    }


def ngec_rows() -> list[dict]:
    path = datasets_dir() / "events" / "ngec" / "gpt_synthetic_events_2023-10-19_19.csv.zip"
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".csv"))
        return list(csv.DictReader(io.TextIOWrapper(archive.open(name), encoding="utf-8")))


def ngec_split(rows: list[dict], split: str) -> list[dict]:
    """The stories of `split`: "eval" holds every story under a fifth of each label's titles
    (ordered by CRC-32), "dev" the others."""
    titles: dict[str, set[str]] = {}
    for row in rows:
        titles.setdefault(row["label"], set()).add(_title(row))
    held_out = {
        title
        for label_titles in titles.values()
        for i, title in enumerate(sorted(label_titles, key=lambda t: zlib.crc32(t.encode())))
        if i % 5 == 0
    }
    return [r for r in rows if (_title(r) in held_out) == (split == "eval")]


def headline(row: dict) -> str:
    """The story's headline as printed: the prompt's first line, where the generator filled in
    the places the `title` column leaves as slots ("{country_1} Teachers …")."""
    printed = (row.get("prompt") or "").strip().split("\n", 1)[0].strip()
    return printed or row.get("title") or ""


def _title(row: dict) -> str:
    return " ".join((row.get("title") or row["text"][:200]).casefold().split())


def ngec(split: str = "eval", limit: int | None = None) -> dict:
    chosen = ngec_split(ngec_rows(), split)
    chosen = chosen[:limit] if limit else chosen
    nlp = load_pipeline()
    gold, predicted = [], []
    texts = [f"{headline(r)}\n\n{r['text']}".strip() for r in chosen]
    for row, doc in zip(chosen, nlp.pipe(texts), strict=True):
        sentences = list(doc.sents)[:3]
        end = sentences[-1].end_char if sentences else 0
        events = [e for e in doc._.events or [] if e.trigger.idx < end]
        gold.append(OLD_LABELS.get(row["label"], row["label"]))
        predicted.append(events[0].type if events else None)
    correct = sum(g == p for g, p in zip(gold, predicted, strict=True))
    return {
        "split": split,
        "stories": len(chosen),
        "type_accuracy": round(correct / len(chosen), 3) if chosen else None,
        "type_macro_f1": round(macro_f1(gold, predicted), 3),
        "no_event": sum(p is None for p in predicted),
        "confusions": confusions(gold, predicted, 15),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ngec-split", default="eval", choices=["eval", "dev"])
    parser.add_argument("--ngec-limit", type=int)
    args = parser.parse_args(argv)
    detect.FALLBACK_ENABLED = False
    rules = plover()
    print(
        f"PLOVER gold, patterns only: type accuracy {rules['type_accuracy']:.3f}, macro-F1 "
        f"{rules['type_macro_f1']:.3f}, no event {rules['no_event']}"
    )
    detect.FALLBACK_ENABLED = True
    gold = plover()
    print(
        f"PLOVER gold ({gold['records']} sentences): type accuracy {gold['type_accuracy']:.3f}, "
        f"macro-F1 {gold['type_macro_f1']:.3f}, mode accuracy {gold['mode_accuracy']} "
        f"({gold['mode_records']} with a mode), actor {gold['actor_match']}, "
        f"target {gold['target_match']}, no event {gold['no_event']}"
    )
    print("  confusions: " + "; ".join(gold["confusions"][:12]))
    synthetic = ngec(args.ngec_split, args.ngec_limit)
    print(
        f"NGEC synthetic ({synthetic['split']}, {synthetic['stories']} stories): type macro-F1 "
        f"{synthetic['type_macro_f1']:.3f}, accuracy {synthetic['type_accuracy']}, "
        f"no event {synthetic['no_event']}"
    )
    print("  confusions: " + "; ".join(synthetic["confusions"][:12]))
    if args.ngec_limit is None:
        results = {"plover": gold, "plover_patterns_only": rules, "ngec": synthetic}
        print(f"results: {write_results('events', results)}", file=sys.stderr)


if __name__ == "__main__":
    main()
