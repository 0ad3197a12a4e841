"""Article extraction quality on the ScrapingHub and WCXB benchmarks.

ScrapingHub is scored the benchmark's way: `\\w+` tokens, 4-word shingle multisets, tp/fp/fn
normalised per page, precision and recall averaged over pages, F1 of the two averages.
WCXB is scored the way its README does: lower-cased `\\w+` word F1 per page, averaged; title and
publish date as exact matches.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from eventwire.ingest.html import extract_page

from .common import datasets_dir, write_results

_TOKEN = re.compile(r"\w+", re.UNICODE)


def shingle_tp_fp_fn(truth: str, prediction: str, n: int = 4) -> tuple[float, float, float]:
    """Per-page tp/fp/fn of n-word shingles, normalised to sum to 1."""
    true_shingles, pred_shingles = _shingles(truth, n), _shingles(prediction, n)
    tp = sum((true_shingles & pred_shingles).values())
    fp = sum((pred_shingles - true_shingles).values())
    fn = sum((true_shingles - pred_shingles).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _shingles(text: str, n: int) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def shingle_scores(pages: list[tuple[float, float, float]]) -> dict[str, float]:
    def precision(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else (0.0 if tp == fp == 0 else tp / (tp + fp))

    def recall(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else (0.0 if tp == fn == 0 else tp / (tp + fn))

    p = statistics.mean(precision(*x) for x in pages if x[0] + x[1] > 0)
    r = statistics.mean(recall(*x) for x in pages if x[0] + x[2] > 0)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def word_prf(prediction: str, reference: str) -> tuple[float, float, float]:
    pred = Counter(_TOKEN.findall(prediction.lower()))
    ref = Counter(_TOKEN.findall(reference.lower()))
    if not ref:
        return (1.0, 1.0, 1.0) if not pred else (0.0, 0.0, 0.0)
    if not pred:
        return 0.0, 0.0, 0.0
    overlap = sum((pred & ref).values())
    p, r = overlap / sum(pred.values()), overlap / sum(ref.values())
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _same_title(predicted: str | None, truth: str | None) -> bool:
    def norm(s: str | None) -> str:
        return " ".join((s or "").split()).casefold()

    return norm(predicted) == norm(truth)


def _predict(html: str, url: str | None) -> tuple[str, str | None, str | None]:
    try:
        page = extract_page(html, url)
    except ValueError:
        return "", None, None
    return page.text, page.title, page.published


def scrapinghub_pages(root: Path) -> Iterator[tuple[str, str, str]]:
    """(html, url, true body) of each ScrapingHub page."""
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    for key, item in sorted(truth.items()):
        html = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8")
        yield html, item.get("url"), item["articleBody"]


def wcxb_pages(root: Path) -> Iterator[tuple[str, str, dict]]:
    """(html, url, ground truth) of each WCXB article page."""
    for gt_path in sorted((root / "dev" / "ground-truth").glob("*.json")):
        record = json.loads(gt_path.read_text(encoding="utf-8"))
        html_path = root / "dev" / "html" / f"{gt_path.stem}.html.gz"
        html = gzip.decompress(html_path.read_bytes()).decode("utf-8", errors="replace")
        yield html, record.get("url"), record["ground_truth"]


def evaluate_scrapinghub(root: Path, limit: int | None = None) -> dict[str, float]:
    started = time.perf_counter()
    pages = []
    for i, (html, url, body) in enumerate(scrapinghub_pages(root)):
        if limit is not None and i >= limit:
            break
        pages.append(shingle_tp_fp_fn(body, _predict(html, url)[0]))
    return {**shingle_scores(pages), "pages": len(pages), "seconds": time.perf_counter() - started}


def evaluate_wcxb(root: Path, limit: int | None = None) -> dict[str, float]:
    started = time.perf_counter()
    words, titles, dates, dated, dated_right = [], [], [], 0, 0
    for i, (html, url, truth) in enumerate(wcxb_pages(root)):
        if limit is not None and i >= limit:
            break
        text, title, published = _predict(html, url)
        words.append(word_prf(text, truth.get("main_content") or ""))
        titles.append(_same_title(title, truth.get("title")))
        gold_date = truth.get("publish_date")
        dates.append(published == gold_date)
        if gold_date:
            dated += 1
            dated_right += published == gold_date
    return {
        "word_precision": statistics.mean(w[0] for w in words),
        "word_recall": statistics.mean(w[1] for w in words),
        "word_f1": statistics.mean(w[2] for w in words),
        "title_exact": statistics.mean(titles),
        "date_exact": statistics.mean(dates),
        "date_exact_on_dated_pages": dated_right / dated if dated else 0.0,
        "pages": len(words),
        "seconds": time.perf_counter() - started,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, help="score only the first N pages of each set")
    args = parser.parse_args(argv)
    root = datasets_dir() / "extraction"
    results = {
        "scrapinghub_aeb": evaluate_scrapinghub(root / "scrapinghub-aeb", args.limit),
        "wcxb_articles_dev": evaluate_wcxb(root / "wcxb-articles-dev", args.limit),
    }
    sh, wc = results["scrapinghub_aeb"], results["wcxb_articles_dev"]
    print(
        f"ScrapingHub AEB ({sh['pages']} pages): body precision {sh['precision']:.4f}  "
        f"recall {sh['recall']:.4f}  F1 {sh['f1']:.4f}   (target F1 >= 0.960)"
    )
    print(
        f"WCXB articles dev ({wc['pages']} pages): word precision {wc['word_precision']:.3f}  "
        f"recall {wc['word_recall']:.3f}  F1 {wc['word_f1']:.3f}   (target >= 0.93)"
    )
    print(
        f"  title exact {wc['title_exact']:.3f}   date exact {wc['date_exact']:.3f} "
        f"(target >= 0.85; {wc['date_exact_on_dated_pages']:.3f} on pages that have a date)"
    )
    path = write_results("extraction", results)
    print(f"results written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
