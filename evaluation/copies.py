"""Near-duplicate detection: is `COPY_SIMILARITY` right for real news pages?

False copies: the ≈1,000 real, distinct articles of the extraction datasets (ScrapingHub +
WCXB dev) are run through `find_copies`; every pair it links is counted (each is checked by
hand-readable output: similarity and titles). Found copies: each article with at least 150
words is reprinted with the edits a reprint carries — another headline line, the first
paragraph's first sentence cut, one in fifty words dropped, a closing line added — and the
share of reprints linked to their original is reported, with the similarity distribution.
"""

from __future__ import annotations

import random
import statistics
import sys

from eventwire.incidents.copies import COPY_SIMILARITY, _signature, find_copies
from eventwire.ingest.article import build_article
from eventwire.ingest.errors import InputError
from eventwire.ingest.sources import Record

from .common import datasets_dir, write_results
from .extraction import scrapinghub_pages, wcxb_pages


def _texts() -> list[tuple[str, str]]:
    root = datasets_dir() / "extraction"
    pages = [*scrapinghub_pages(root / "scrapinghub-aeb"), *wcxb_pages(root / "wcxb-articles-dev")]
    texts = []
    for n, page in enumerate(pages):
        try:
            _, article = build_article(Record(origin=f"page {n}", html=page[0], url=page[1]))
        except InputError:
            continue
        texts.append((f"page-{n}", article.text))
    return texts


def _reprint(text: str, rng: random.Random) -> str:
    paragraphs = text.split("\n\n")
    first = paragraphs[0].split(". ", 1)
    paragraphs[0] = first[1] if len(first) == 2 else paragraphs[0]
    words = [w for w in "\n\n".join(paragraphs).split(" ") if rng.random() > 0.02]
    return (
        "A reprinted headline\n\n"
        + " ".join(words)
        + "\n\nThis story was first published elsewhere."
    )


def main() -> None:
    texts = _texts()
    false_links = find_copies(texts)
    rng = random.Random(5)
    long_enough = [(i, t) for i, t in texts if len(t.split()) >= 150]
    found = 0
    scores = []
    for article_id, text in long_enough:
        reprint = _reprint(text, rng)
        found += bool(find_copies([(article_id, text), (article_id + "-reprint", reprint)]))
        a, b = _signature(text), _signature(reprint)
        if a is not None and b is not None:
            scores.append(a.jaccard(b))
    results = {
        "threshold": COPY_SIMILARITY,
        "articles": len(texts),
        "false_copy_links": len(false_links),
        "false_copy_examples": [
            {"article": c.article_id, "original": c.original_id, "similarity": c.similarity}
            for c in false_links[:10]
        ],
        "reprints": len(long_enough),
        "reprints_found": found,
        "reprint_recall": round(found / len(long_enough), 3) if long_enough else None,
        "reprint_similarity_median": round(statistics.median(scores), 3) if scores else None,
        "reprint_similarity_min": round(min(scores), 3) if scores else None,
    }
    print(
        f"copies at threshold {COPY_SIMILARITY}: {len(false_links)} false links among "
        f"{len(texts)} distinct articles; reprints found {found}/{len(long_enough)} "
        f"(similarity median {results['reprint_similarity_median']}, min "
        f"{results['reprint_similarity_min']})"
    )
    print(f"results: {write_results('copies', results)}", file=sys.stderr)


if __name__ == "__main__":
    main()
