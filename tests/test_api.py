"""The REST API: listings with filters and pages, GeoJSON layers, errors as JSON, writes only
with the token, oversized bodies refused, the spec complete and kept in the repository."""

from __future__ import annotations

import json
import os
import tempfile
import urllib.error
import urllib.request

import pytest
from fastapi.testclient import TestClient

from conftest import REPO, SAMPLE, run_eventwire
from corpus import write_corpus
from eventwire.api import Settings, create_app
from web import EventwireServer

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("api")
    url = f"sqlite:///{folder / 'api.db'}"
    corpus = write_corpus(folder / "stories.jsonl", 6)
    assert run_eventwire("ingest", "-q", str(corpus), "--db", url).returncode == 0
    assert (
        run_eventwire(
            "ingest", "-q", str(SAMPLE), "--published", "2021-08-24", "--db", url
        ).returncode
        == 0
    )
    return url


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(Settings(db=db, token=TOKEN))) as client:
        yield client


def test_listings_page_through_what_is_stored(client):
    first = client.get("/api/events", params={"limit": 5}).json()
    second = client.get("/api/events", params={"limit": 5, "offset": 5}).json()
    assert first["total"] == second["total"] > 10
    assert len(first["items"]) == len(second["items"]) == 5
    assert {e["id"] + e["article_id"] for e in first["items"]}.isdisjoint(
        e["id"] + e["article_id"] for e in second["items"]
    )
    articles = client.get("/api/articles").json()
    assert articles["total"] == 7


def test_events_filter_like_the_command_line(client):
    assaults = client.get("/api/events", params={"type": "ASSAULT", "limit": 1000}).json()
    assert assaults["items"] and {e["type"] for e in assaults["items"]} == {"ASSAULT"}
    around_herat = client.get("/api/events", params={"bbox": "61,33,63,35"}).json()
    assert around_herat["items"] and all(61 <= e["lon"] <= 63 for e in around_herat["items"])
    siege = client.get("/api/events", params={"actor": "Taliban", "hedged": "true"}).json()
    assert siege["items"] and all(e["hedged"] for e in siege["items"])


def test_one_article_comes_whole_and_a_missing_one_is_a_json_404(client):
    listed = client.get("/api/articles").json()["items"]
    sample = next(a for a in listed if "Panjshir" in (a["title"] or ""))
    document = client.get(f"/api/articles/{sample['id']}").json()
    assert document["schema"] == "eventwire.document/1" and document["events"]
    missing = client.get("/api/articles/nope")
    assert missing.status_code == 404
    assert missing.json() == {"error": "no article with id 'nope'"}


def test_map_layers_are_geojson_with_longitude_first(client):
    layer = client.get("/api/events.geojson", params={"place": "Herat"}).json()
    assert layer["type"] == "FeatureCollection" and layer["features"]
    longitude, latitude = layer["features"][0]["geometry"]["coordinates"]
    assert 61 < longitude < 63 and 33 < latitude < 35
    incidents = client.get("/api/incidents.geojson").json()
    assert incidents["features"]


def test_an_incident_lists_its_reports_and_the_ledger_both_sides(client):
    incident = client.get("/api/incidents", params={"limit": 1}).json()["items"][0]
    whole = client.get(f"/api/incidents/{incident['id']}").json()
    assert whole["report_rows"] and whole["reports"] == len(whole["report_rows"])
    ledger = client.get("/api/contradictions").json()
    assert ledger["total"] >= 1
    sides = {s["side"] for s in ledger["items"][0]["sides"]}
    assert sides == {"a", "b"}


def test_bad_queries_are_json_errors(client):
    bad = client.get("/api/events", params={"bbox": "1,2,3"})
    assert bad.status_code == 422 and "bbox" in bad.json()["error"]
    too_many = client.get("/api/events", params={"limit": 100000})
    assert too_many.status_code == 422 and "limit" in too_many.json()["error"]
    bad_date = client.get("/api/events", params={"since": "yesterday"})
    assert bad_date.status_code == 422


def test_writes_need_the_token(db):
    story = {"text": "Rebels attacked a police post in Kunduz on Monday, officials said."}
    with TestClient(create_app(Settings(db=db))) as no_token:
        refused = no_token.post("/api/articles", json=story)
        assert refused.status_code == 403 and "EVENTWIRE_TOKEN" in refused.json()["error"]
    with TestClient(create_app(Settings(db=db, token=TOKEN))) as client:
        assert client.post("/api/articles", json=story).status_code == 401
        wrong = {"Authorization": "Bearer guess"}
        assert client.post("/api/articles", json=story, headers=wrong).status_code == 401


def test_an_article_posted_with_the_token_is_stored_and_listed(tmp_path):
    db = f"sqlite:///{tmp_path / 'post.db'}"
    headers = {"Authorization": f"Bearer {TOKEN}"}
    story = {
        "id": "posted-1",
        "text": "Militants attacked an army convoy near Gardez on Sunday, killing four "
        "soldiers, the defence ministry said.",
        "published": "2021-09-05",
    }
    with TestClient(create_app(Settings(db=db, token=TOKEN))) as client:
        created = client.post("/api/articles", json=story, headers=headers)
        assert created.status_code == 201
        assert created.json() == {"id": "posted-1", "stored": True}
        again = client.post("/api/articles", json=story, headers=headers)
        assert again.json()["stored"] is False
        events = client.get("/api/events").json()["items"]
        assert any(e["type"] == "ASSAULT" and e["article_id"] == "posted-1" for e in events)
        empty = client.post("/api/articles", json={"text": "  "}, headers=headers)
        assert empty.status_code == 422 and "text" in empty.json()["error"]
        too_short = client.post("/api/articles", json={"text": "Hi there."}, headers=headers)
        assert too_short.status_code == 422 and "no article text" in too_short.json()["error"]


def test_a_posted_article_whose_incidents_cannot_be_rebuilt_is_kept_and_the_reply_says_so(
    tmp_path, monkeypatch
):
    db = f"sqlite:///{tmp_path / 'post.db'}"
    headers = {"Authorization": f"Bearer {TOKEN}"}
    story = {"id": "posted-2", "text": "Militants attacked an army convoy near Gardez on Sunday."}
    with TestClient(create_app(Settings(db=db, token=TOKEN))) as client:
        monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no such directory"))
        reply = client.post("/api/articles", json=story, headers=headers)
        assert reply.status_code == 503
        assert reply.json()["error"].startswith("stored as posted-2, but incidents were not")
        assert client.get("/api/articles/posted-2").status_code == 200


def test_an_oversized_body_is_refused_with_413(db):
    with TestClient(create_app(Settings(db=db, token=TOKEN, max_body=1000))) as client:
        headers = {"Authorization": f"Bearer {TOKEN}"}
        response = client.post("/api/articles", json={"text": "word " * 1000}, headers=headers)
        assert response.status_code == 413
        assert response.json()["error"].startswith("request body too large")

        def chunks():
            for _ in range(10):
                yield b"x" * 500

        streamed = client.post(
            "/api/articles",
            content=chunks(),
            headers={**headers, "Content-Type": "application/json"},
        )
        assert streamed.status_code == 413


def test_static_routes_refuse_paths_outside_the_dashboard(client):
    for path in ("/static/..%2F..%2Fcli.py", "/static/%2e%2e/api/app.py", "/static/nothing.js"):
        response = client.get(path)
        assert response.status_code == 404, path


def test_every_route_is_in_the_spec_and_the_repository_copy_is_current(client):
    spec = client.get("/openapi.json").json()
    routes = {
        route.path
        for route in client.app.routes
        if getattr(route, "include_in_schema", False) and route.path.startswith("/api/")
    }
    assert routes == set(spec["paths"])
    kept = json.loads((REPO / "docs" / "openapi.json").read_text())
    assert kept == json.loads(json.dumps(spec, sort_keys=True)), (
        "docs/openapi.json is stale: eventwire openapi > docs/openapi.json"
    )


def test_serving_beyond_localhost_needs_a_token_for_reads(db):
    refused = run_eventwire("serve", "--db", db, "--host", "0.0.0.0")
    assert refused.returncode == 2
    assert "EVENTWIRE_TOKEN" in refused.stderr.decode()

    server = EventwireServer(db, "--host", "0.0.0.0", env={**os.environ, "EVENTWIRE_TOKEN": TOKEN})
    try:
        url = f"{server.url}/api/events"
        with pytest.raises(urllib.error.HTTPError) as refused_read:
            urllib.request.urlopen(url, timeout=10)
        assert refused_read.value.code == 401
        request = urllib.request.Request(url, headers={"Authorization": f"Bearer {TOKEN}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert json.load(response)["total"] > 0
    finally:
        server.close()


def test_the_samples_sitrep_names_the_siege_claim_and_the_contested_points_with_citations(db):
    result = run_eventwire("sitrep", "--db", db, "--since", "2021-08-20", "--until", "2021-08-31")
    assert result.returncode == 0, result.stderr
    report = result.stdout.decode()
    siege = next(line for line in report.splitlines() if "restricted movement" in line)
    assert "Taliban" in siege and "Zabihullah Mujahid" in siege and siege.rstrip().endswith("]")
    contested = report.split("## Contested claims")[1].split("## Sources")[0]
    assert "besieged Panjshir" in contested and "Salang" in contested
    sentences = [
        line for line in report.splitlines() if line.startswith("- ") and "left out" not in line
    ]
    assert sentences and all(line.rstrip().endswith("]") for line in sentences)
    sources = report.split("## Sources")[1]
    assert "[1]" in sources and "2021-08-24" in sources


def test_the_html_sitrep_escapes_text_and_draws_a_map_and_a_timeline(db, tmp_path):
    out = tmp_path / "sitrep.html"
    result = run_eventwire(
        "sitrep", "--db", db, "--since", "2021-08-01", "--format", "html", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    page = out.read_text()
    assert page.count("<svg") == 2 and "<circle" in page and "<rect" in page
    assert "<script" not in page


def test_filter_values_are_data_never_sql(client):
    before = client.get("/api/articles").json()["total"]
    for hostile in ("' OR 1=1 --", "%", "_", "x'; DROP TABLE events; --"):
        found = client.get("/api/events", params={"actor": hostile, "place": hostile}).json()
        assert found["total"] == 0, hostile
    assert client.get("/api/articles").json()["total"] == before
    assert client.get("/api/events").json()["total"] > 0
