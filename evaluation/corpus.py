"""Corpus ingest at scale: real `eventwire ingest` processes over the extraction benchmark pages.

Each run is the command a user types, into a fresh database, timed by the wall clock, its
memory the peak of the whole process tree's RSS (sampled every 0.5 s):

- end to end (reading, cleaning, extraction, storing, incidents) with 1 and 2 local workers,
  against bare spaCy (`nlp.pipe` of the same model, one process, on the same cleaned texts);
- linearity: the cleaned texts once and K times over (each repetition under its own ids, with
  a line of its own so that it is not the same article), time and peak memory ratios;
- SQLite against PostgreSQL (a real server started here), local workers against a Dask
  `LocalCluster` with as many workers;
- the incident rebuild alone (copies, incidents, contradictions from every stored document), in
  a process of its own, on the 1x and Kx databases and on one K times larger again (the Kx
  articles copied under new ids in SQL, since extracting them would take hours): its time and
  peak RSS, which should not grow with the corpus.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import spacy

from eventwire.ingest import Record, build_article
from eventwire.ingest.errors import InputError
from eventwire.nlp import MODEL
from eventwire.store import Store

from .bench import _pages
from .common import write_results

TARGETS = {
    "ratio_to_bare_spacy": 0.75,
    "two_workers_speedup": 1.6,
    "time_ratio_per_repeat": 1.05,
    "memory_growth": 0.10,
}


def _cleaned(records: list[dict]) -> list[tuple[str, object]]:
    cleaned = []
    for number, record in enumerate(records):
        try:
            cleaned.append(build_article(Record(origin=f"page {number}", **record)))
        except InputError:
            continue
    return cleaned


def _write_pages(records: list[dict], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for number, record in enumerate(records):
            out.write(json.dumps({"id": f"page-{number}", **record}) + "\n")
    return path


def _write_texts(cleaned: list, repeat: int, path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for k in range(repeat):
            for number, (_, article) in enumerate(cleaned):
                record = {
                    "id": f"r{k}-{number}",
                    "url": f"https://bench.example/{k}/{number}",
                    "title": article.title,
                    "published": article.published,
                    "source": article.source,
                    "text": f"{article.text}\n\nArchived copy {k} of story {number}.",
                }
                out.write(json.dumps(record) + "\n")
    return path


def _tree_rss(process: psutil.Process) -> tuple[int, int]:
    """RSS of the process and its children together, and of the process alone."""
    total = own = process.memory_info().rss
    for member in process.children(recursive=True):
        with contextlib.suppress(psutil.Error):
            total += member.memory_info().rss
    return total, own


def ingest(path: Path, db: str, *options: str) -> dict[str, float]:
    """Run `eventwire ingest` once; its wall time, peak tree RSS and stored articles."""
    command = [sys.executable, "-m", "eventwire", "ingest", "-q", str(path), "--db", db, *options]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    process = psutil.Process(child.pid)
    peak = peak_main = 0
    while child.poll() is None:
        with contextlib.suppress(psutil.Error):
            total, own = _tree_rss(process)
            peak, peak_main = max(peak, total), max(peak_main, own)
        time.sleep(0.5)
    seconds = time.perf_counter() - started
    errors = child.stderr.read().decode(errors="replace").splitlines() if child.stderr else []
    with Store(db) as store:
        stored = len(store.articles())
    return {
        "seconds": round(seconds, 2),
        "articles": stored,
        "failed": len(errors),
        "articles_per_s": round(stored / seconds, 3),
        "peak_rss_mib": round(peak / 2**20, 1),
        "peak_rss_mib_main_process": round(peak_main / 2**20, 1),
    }


REBUILD = """
import json, sys, time
from eventwire.store import Store
with Store(sys.argv[1]) as store:
    started = time.perf_counter()
    counts = store.rebuild_incidents()
    seconds = time.perf_counter() - started
with open("/proc/self/status") as status:
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
print(json.dumps({**counts, "seconds": round(seconds, 2), "peak_rss_mib": round(peak, 1)}))
"""
"""The rebuild in a process of its own. Its peak is VmHWM (this program's own high-water mark):
`ru_maxrss` would carry the parent's size over the fork and exec."""


def rebuild(db_file: Path) -> dict:
    """Rebuild the incidents of an SQLite file in a fresh process: counts, time, peak RSS."""
    url = f"sqlite:///{db_file}"
    with Store(url) as store:
        articles = store.count("articles")
    done = subprocess.run(
        [sys.executable, "-c", REBUILD, url], capture_output=True, text=True, check=True
    )
    return {"articles": articles, **json.loads(done.stdout.splitlines()[-1])}


def grown(db_file: Path, times: int, out: Path) -> Path:
    """A copy of an SQLite store with every article `times` times, the copies under new ids
    (document, url and text hash made distinct); extracted rows are not copied, since the
    rebuild reads only the documents."""
    shutil.copy(db_file, out)
    with contextlib.closing(sqlite3.connect(out)) as connection:
        for k in range(1, times):
            connection.execute(
                """INSERT INTO articles (id, url, text_hash, title, published, source, language,
                                         text, document, ingested_at)
                   SELECT id || '-g' || ?1, url || '#g' || ?1, text_hash || '-g' || ?1, title,
                          published, source, language, text,
                          json_set(document, '$.id', id || '-g' || ?1), ingested_at || ?1
                   FROM articles WHERE id NOT LIKE '%-g%'""",
                (k,),
            )
            connection.commit()
    return out


def bare_spacy(texts: list[str]) -> float:
    """Articles per second of the bare model over `texts` (model loaded beforehand)."""
    nlp = spacy.load(MODEL)
    list(nlp.pipe(texts[:2]))
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=8):
        pass
    return len(texts) / (time.perf_counter() - started)


def run(
    limit: int | None,
    repeat: int,
    workers: int,
    postgres: bool,
    dask: bool,
    linearity_limit: int | None = None,
    speed: bool = True,
) -> dict:
    records = _pages(limit)
    cleaned = _cleaned(records)
    folder = Path(tempfile.mkdtemp(prefix="eventwire-corpus-bench-"))
    pages = _write_pages(records, folder / "pages.jsonl")
    results: dict = {"pages": len(records), "articles": len(cleaned), "repeat": repeat}
    print(f"{len(records)} pages, {len(cleaned)} with an article", flush=True)

    runs = results["runs"] = {}

    def measure(name: str, path: Path, db: str, *options: str) -> dict:
        runs[name] = ingest(path, db, *options)
        print(f"{name}: {runs[name]}", flush=True)
        return runs[name]

    if speed:
        bare = results["bare_spacy_articles_per_s"] = round(
            bare_spacy([a.text for _, a in cleaned]), 3
        )
        print(f"bare spaCy: {bare} articles/s", flush=True)
        one = measure("sqlite_1_worker", pages, f"sqlite:///{folder / 'one.db'}")
        two = measure(
            f"sqlite_{workers}_workers",
            pages,
            f"sqlite:///{folder / 'two.db'}",
            "--workers",
            str(workers),
        )
        results["ratio_to_bare_spacy"] = round(one["articles_per_s"] / bare, 3)
        results["two_workers_speedup"] = round(two["articles_per_s"] / one["articles_per_s"], 3)
    repeated = cleaned[:linearity_limit]
    results["linearity_articles"] = len(repeated)
    single = _write_texts(repeated, 1, folder / "texts-1.jsonl")
    many = _write_texts(repeated, repeat, folder / f"texts-{repeat}.jsonl")
    base = measure("texts_1x", single, f"sqlite:///{folder / 'x1.db'}", "--workers", str(workers))
    scaled = measure(
        f"texts_{repeat}x", many, f"sqlite:///{folder / 'xk.db'}", "--workers", str(workers)
    )
    if postgres:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
        from postgres import PostgresServer

        server = PostgresServer(Path(tempfile.mkdtemp(prefix="eventwire-bench-postgres-")))
        try:
            measure("postgresql_workers", pages, server.url, "--workers", str(workers))
        finally:
            server.close()
    if dask:
        from distributed import LocalCluster

        with LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster:
            measure(
                "dask_local_cluster",
                pages,
                f"sqlite:///{folder / 'dask.db'}",
                "--dask",
                cluster.scheduler_address,
            )

    rebuilds = results["rebuild"] = {
        "1x": rebuild(folder / "x1.db"),
        f"{repeat}x": rebuild(folder / "xk.db"),
        f"{repeat * repeat}x": rebuild(grown(folder / "xk.db", repeat, folder / "xkk.db")),
    }
    print(f"rebuild: {rebuilds}", flush=True)
    results["rebuild_memory_growth_largest_vs_1x"] = round(
        rebuilds[f"{repeat * repeat}x"]["peak_rss_mib"] / rebuilds["1x"]["peak_rss_mib"] - 1, 3
    )
    results["time_ratio_kx_vs_1x"] = round(scaled["seconds"] / base["seconds"], 3)
    results["time_ratio_per_repeat"] = round(results["time_ratio_kx_vs_1x"] / repeat, 3)
    results["memory_growth"] = round(scaled["peak_rss_mib"] / base["peak_rss_mib"] - 1, 3)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, help="use only the first N pages (default: all)")
    parser.add_argument("--repeat", type=int, default=10, help="corpus repetitions (default 10)")
    parser.add_argument(
        "--linearity-limit",
        type=int,
        help="repeat only the first N articles for the linearity runs (default: all)",
    )
    parser.add_argument("--workers", type=int, default=2, help="local or Dask workers (default 2)")
    parser.add_argument("--no-postgres", action="store_true", help="skip the PostgreSQL run")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster run")
    parser.add_argument(
        "--only-linearity",
        action="store_true",
        help="only the 1x and Kx runs (results in corpus-linearity.json); implies --no-postgres "
        "--no-dask",
    )
    args = parser.parse_args(argv)
    r = run(
        args.limit,
        args.repeat,
        args.workers,
        not (args.no_postgres or args.only_linearity),
        not (args.no_dask or args.only_linearity),
        args.linearity_limit,
        speed=not args.only_linearity,
    )
    if not args.only_linearity:
        print(
            f"end to end / bare spaCy: {r['ratio_to_bare_spacy']:.2f} "
            f"(target >= {TARGETS['ratio_to_bare_spacy']})"
        )
        print(
            f"{args.workers} workers / 1 worker: {r['two_workers_speedup']:.2f} "
            f"(target >= {TARGETS['two_workers_speedup']} for 2)"
        )
    print(
        f"{args.repeat}x corpus / 1x time: {r['time_ratio_kx_vs_1x']:.2f} "
        f"(target <= {1.05 * args.repeat:.1f}); peak memory growth {r['memory_growth']:+.1%} "
        f"(target within {TARGETS['memory_growth']:.0%})"
    )
    print(
        f"incident rebuild peak memory, {args.repeat * args.repeat}x corpus vs 1x: "
        f"{r['rebuild_memory_growth_largest_vs_1x']:+.1%}"
    )
    name = "corpus-linearity" if args.only_linearity else "corpus"
    print(f"results written to {write_results(name, r)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
