"""The analyst surfaces under load: `/api/events` latency with 20 concurrent clients, and the
dashboard's first render in headless chromium, on a database of at least 10,000 events.

The database is the 89 public-domain VOA stories in `../shared/samples/voa/` ingested for real,
then copied under new ids until it holds enough events (copies are real rows; the incident
rebuild sees them as reprints, as it should).
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from sqlalchemy import select

from eventwire.store import Store, tables

from .common import REPO, write_results

sys.path.insert(0, str(REPO / "tests"))
from web import EventwireServer

VOA = REPO.parent / "shared" / "samples" / "voa" / "voa_stories.jsonl"
CHILD_TABLES = ("entities", "places", "quotes", "events", "mentions")
QUERIES = [
    {"type": "ASSAULT"},
    {"actor": "taliban"},
    {"bbox": "60,20,80,40"},
    {"since": "2025-03-10", "until": "2025-03-14"},
    {"hedged": "true"},
    {"type": "Battles", "place": "PK"},
    {"source": "voa"},
    {},
]


def build_database(folder: Path, min_events: int) -> tuple[str, int]:
    """The VOA stories ingested, then copied under new ids up to `min_events` events."""
    db = f"sqlite:///{folder / 'surfaces.db'}"
    command = [sys.executable, "-m", "eventwire", "ingest", "-q", str(VOA), "--db", db]
    subprocess.run([*command, "--workers", "2"], check=False, capture_output=True)
    store = Store(db)
    with store.engine.begin() as connection:
        originals = {
            name: [
                dict(r._mapping) for r in connection.execute(select(tables.metadata.tables[name]))
            ]
            for name in ("articles", *CHILD_TABLES)
        }
        per_copy = len(originals["events"])
        copies = max(0, -(-min_events // max(per_copy, 1)) - 1)
        for k in range(1, copies + 1):
            rows = []
            for article in originals["articles"]:
                document = json.loads(article["document"])
                document["id"] = f"{article['id']}-copy{k}"
                rows.append(
                    article
                    | {
                        "id": document["id"],
                        "url": f"{article['url']}#copy{k}" if article["url"] else None,
                        "text_hash": hashlib.sha256(
                            f"{article['text_hash']}{k}".encode()
                        ).hexdigest(),
                        "document": json.dumps(document, ensure_ascii=False),
                    }
                )
            connection.execute(tables.articles.insert(), rows)
            for name in CHILD_TABLES:
                copied = [r | {"article_id": f"{r['article_id']}-copy{k}"} for r in originals[name]]
                if copied:
                    connection.execute(tables.metadata.tables[name].insert(), copied)
    store.rebuild_incidents()
    events = store.count("events")
    store.close()
    return db, events


def load_test(port: int, clients: int, requests_each: int) -> dict[str, float]:
    latencies: list[float] = []
    errors: list[int] = []
    lock = threading.Lock()

    def client(seed: int) -> None:
        rng = random.Random(seed)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for _ in range(requests_each):
            params = dict(rng.choice(QUERIES))
            params["limit"] = "100"
            params["offset"] = str(rng.choice([0, 0, 100, 500]))
            path = "/api/events?" + urllib.parse.urlencode(params)
            started = time.perf_counter()
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if response.status != 200:
                    errors.append(response.status)
        connection.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "clients": clients,
        "requests": len(latencies),
        "errors": len(errors),
        "requests_per_s": round(len(latencies) / wall, 1),
        "p50_ms": round(1000 * statistics.median(ordered), 1),
        "p95_ms": round(1000 * ordered[int(0.95 * (len(ordered) - 1))], 1),
        "p99_ms": round(1000 * ordered[int(0.99 * (len(ordered) - 1))], 1),
    }


def first_render(port: int, runs: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    from test_dashboard import CHROMIUM, CHROMIUM_ARGS

    times = []
    markers = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            page = context.new_page()
            started = time.perf_counter()
            page.goto(f"http://127.0.0.1:{port}/")
            page.wait_for_selector("body[data-ready=true]", timeout=120000)
            times.append(time.perf_counter() - started)
            markers = int(page.locator("#map").get_attribute("data-markers"))
            context.close()
        browser.close()
    return {
        "runs": runs,
        "markers": markers,
        "median_s": round(statistics.median(times), 3),
        "max_s": round(max(times), 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=10000, help="at least this many events")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=50, help="requests per client")
    parser.add_argument(
        "--server-workers", type=int, default=2, help="eventwire serve --workers (default 2)"
    )
    args = parser.parse_args(argv)
    if not VOA.is_file():
        raise SystemExit(f"eventwire: error: {VOA}: the VOA sample is missing")
    folder = Path(tempfile.mkdtemp(prefix="eventwire-surfaces-"))
    db, events = build_database(folder, args.events)
    print(f"database: {events} events ({db})", flush=True)
    server = EventwireServer(db, "--workers", str(args.server_workers))
    port = int(server.url.rsplit(":", 1)[1])
    try:
        load_test(port, 2, 5)  # warm up
        api = load_test(port, args.clients, args.requests)
        print(f"/api/events under {args.clients} clients: {api}", flush=True)
        render = first_render(port, 3)
        print(f"dashboard first render: {render} (target < 2 s)", flush=True)
    finally:
        server.close()
    results = {
        "events": events,
        "server_workers": args.server_workers,
        "api_events": api,
        "dashboard_first_render": render,
    }
    print(f"results written to {write_results('surfaces', results)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
