"""Throughput and memory of `extract_many` on the extraction benchmark pages.

In one run: `extract_many` over the HTML pages (cleaning, the full pipeline, assembling
documents), then bare `nlp.pipe` of the same spaCy model over the cleaned texts it produced.
The ratio of the two throughputs is the cost of everything eventwire adds around spaCy.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from itertools import islice

import spacy

from eventwire import extract_many
from eventwire.actors import load_registry
from eventwire.actors.link import ActorLinker
from eventwire.nlp import MODEL, load_pipeline
from eventwire.nlp.entities import group_entities
from eventwire.places.gazetteer import Gazetteer
from eventwire.places.resolve import resolve_places
from eventwire.quotes.component import QuoteFinder

from .common import datasets_dir, write_results
from .extraction import scrapinghub_pages, wcxb_pages


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _pages(limit: int | None) -> list[dict[str, str]]:
    root = datasets_dir() / "extraction"
    pages = [
        *(p[:2] for p in scrapinghub_pages(root / "scrapinghub-aeb")),
        *(p[:2] for p in wcxb_pages(root / "wcxb-articles-dev")),
    ]
    return [{"html": html, "url": url} for html, url in islice(pages, limit)]


def run(limit: int | None) -> dict[str, float]:
    records = _pages(limit)
    load_pipeline()
    list(extract_many(records[:2], on_error=lambda e: None))  # warm caches and lazy imports
    rss_before = _peak_rss_mib()

    failed: list[str] = []
    started = time.perf_counter()
    documents = list(extract_many(records, on_error=lambda e: failed.append(e.reason)))
    eventwire_seconds = time.perf_counter() - started
    rss_eventwire = _peak_rss_mib()

    texts = [d.article.text for d in documents]
    words = sum(len(t.split()) for t in texts)
    bare = spacy.load(MODEL)
    list(bare.pipe(texts[:2]))
    started = time.perf_counter()
    bare_docs = list(bare.pipe(texts))
    bare_seconds = time.perf_counter() - started

    # The shares of the gazetteer and of actors + quotes, timed on the bare docs after grouping.
    gazetteer = Gazetteer()
    linker, quote_finder = ActorLinker(load_registry()), QuoteFinder()
    places_seconds = actors_quotes_seconds = 0.0
    for doc in bare_docs:
        doc._.entity_clusters = group_entities(doc)
        started = time.perf_counter()
        linker(doc)
        quote_finder(doc)
        actors_quotes_seconds += time.perf_counter() - started
        started = time.perf_counter()
        resolve_places(doc, gazetteer)
        places_seconds += time.perf_counter() - started

    articles = len(documents)
    return {
        "pages": len(records),
        "articles": articles,
        "failed": len(failed),
        "words": words,
        "extract_many_articles_per_s": articles / eventwire_seconds,
        "extract_many_words_per_s": words / eventwire_seconds,
        "bare_nlp_pipe_articles_per_s": articles / bare_seconds,
        "bare_nlp_pipe_words_per_s": words / bare_seconds,
        "ratio_to_bare_spacy": bare_seconds / eventwire_seconds,
        "place_resolution_seconds": places_seconds,
        "place_resolution_share_of_extract_many": places_seconds / eventwire_seconds,
        "actors_and_quotes_seconds": actors_quotes_seconds,
        "actors_and_quotes_added_to_rest": actors_quotes_seconds
        / (eventwire_seconds - actors_quotes_seconds),
        "peak_rss_mib_before": rss_before,
        "peak_rss_mib_extract_many": rss_eventwire,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, help="use only the first N pages")
    args = parser.parse_args(argv)
    r = run(args.limit)
    print(
        f"{r['articles']} articles ({r['words']} words) from {r['pages']} pages, "
        f"{r['failed']} failed"
    )
    print(
        f"extract_many : {r['extract_many_articles_per_s']:7.2f} articles/s "
        f"{r['extract_many_words_per_s']:9.0f} words/s"
    )
    print(
        f"bare nlp.pipe: {r['bare_nlp_pipe_articles_per_s']:7.2f} articles/s "
        f"{r['bare_nlp_pipe_words_per_s']:9.0f} words/s"
    )
    print(
        f"ratio {r['ratio_to_bare_spacy']:.2f} (target >= 0.80); peak RSS "
        f"{r['peak_rss_mib_extract_many']:.0f} MiB (pages in memory and model loaded: "
        f"{r['peak_rss_mib_before']:.0f} MiB)"
    )
    print(
        f"place resolution (gazetteer lookups): {r['place_resolution_seconds']:.1f} s, "
        f"{r['place_resolution_share_of_extract_many']:.1%} of extract_many (target <= 10%)"
    )
    print(
        f"actors + quotes (linking, roles, reference, quotes): "
        f"{r['actors_and_quotes_seconds']:.1f} s, adding "
        f"{r['actors_and_quotes_added_to_rest']:.1%} to the rest of extract_many (target <= 20%)"
    )
    name = "bench" if args.limit is None else f"bench-first-{args.limit}"
    print(f"results written to {write_results(name, r)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
