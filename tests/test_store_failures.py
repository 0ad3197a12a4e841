"""A database that fails mid-run — server down, read-only, disk full — stops the run with one
line; what was stored stays whole, nothing is half-written, and running again resumes."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from conftest import run_eventwire
from corpus import story, write_corpus
from eventwire import extract
from eventwire.store import Store, StoreError, StoreUnavailable


def _document(number: int):
    return extract(**{k: v for k, v in story(number).items() if k != "id"}, id=f"story-{number}")


@pytest.fixture(scope="module")
def documents():
    return [_document(n) for n in range(3)]


def _counts(store: Store) -> dict[str, int]:
    return {
        "articles": len(store.articles()),
        "events": len(store.events()),
        "entities": len(store.entities()),
    }


def test_postgresql_going_down_mid_run_loses_nothing_and_the_run_resumes(
    postgres, postgres_url, documents
):
    store = Store(postgres_url)
    assert store.save(documents[0]).stored
    before = _counts(store)
    postgres.stop()
    try:
        with pytest.raises(StoreUnavailable, match="database unavailable"):
            store.save(documents[1])
    finally:
        postgres.start()
    assert _counts(store) == before
    assert store.save(documents[1]).stored
    assert _counts(store)["articles"] == 2
    store.close()


def test_a_postgresql_server_that_is_down_is_one_line(tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl", 1)
    result = run_eventwire("ingest", str(corpus), "--db", "postgresql://nobody@127.0.0.1:9/none")
    assert result.returncode == 2
    (line,) = result.stderr.decode().splitlines()
    assert line.startswith("eventwire: error: postgresql://nobody@127.0.0.1:9/none: cannot open")
    assert "Connection refused" in line


def test_a_read_only_database_stops_the_run_and_keeps_what_it_holds(tmp_path):
    path = tmp_path / "ro.db"
    url = f"sqlite:///{path}"
    assert (
        run_eventwire(
            "ingest", "-q", str(write_corpus(tmp_path / "a.jsonl", 1)), "--db", url
        ).returncode
        == 0
    )
    read_only = f"sqlite:///file:{path}?mode=ro&uri=true"

    result = run_eventwire(
        "ingest", str(write_corpus(tmp_path / "b.jsonl", 2, start=1)), "--db", read_only
    )

    assert result.returncode == 1
    lines = result.stderr.decode().splitlines()
    assert lines[-1] == (
        f"eventwire: error: {read_only}: database unavailable: attempt to write a readonly "
        "database; 0 stored in this run are kept; run the same command again to resume"
    )
    with Store(url) as store:
        assert [a["id"] for a in store.articles()] == ["story-0000"]


def test_a_full_disk_refuses_the_article_whole_and_keeps_the_others(tmp_path, documents):
    store = Store(f"sqlite:///{tmp_path / 'full.db'}")
    assert store.save(documents[0]).stored
    pages = store.engine.connect().exec_driver_sql("PRAGMA page_count").scalar()

    @event.listens_for(store.engine, "connect")
    def _fill_the_disk(dbapi_connection, _record):
        dbapi_connection.execute(f"PRAGMA max_page_count={pages + 1}")

    store.engine.dispose()
    with pytest.raises(StoreUnavailable, match="database or disk is full"):
        store.save(documents[1])
    event.remove(store.engine, "connect", _fill_the_disk)
    store.engine.dispose()
    assert [a["id"] for a in store.articles()] == ["story-0"]
    assert {e["article_id"] for e in store.events()} == {"story-0"}
    store.close()


def test_a_store_error_is_not_taken_for_an_unavailable_database(tmp_path):
    with pytest.raises(StoreError) as raised:
        Store("notadialect://x")
    assert not isinstance(raised.value, StoreUnavailable)
