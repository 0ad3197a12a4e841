"""The SQLite store: one transaction per article, re-ingesting changes nothing, migrations."""

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from conftest import ENGLISH_STORY
from eventwire import extract
from eventwire.document import Document
from eventwire.store import Store, StoreError, tables


@pytest.fixture
def store(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'store.db'}") as opened:
        yield opened


def _counts(path) -> dict[str, int]:
    with sqlite3.connect(path) as connection:
        return {
            t: connection.execute(f"select count(*) from {t}").fetchone()[0]
            for t in ("articles", "entities", "mentions", "places", "quotes", "events")
        }


def test_a_document_is_stored_with_its_rows_and_its_json(store, tmp_path, sample_document):
    document = Document.from_dict(sample_document)
    assert store.save(document).stored
    counts = _counts(tmp_path / "store.db")
    assert counts["articles"] == 1
    assert counts["entities"] == len(sample_document["entities"])
    assert counts["places"] == len(sample_document["places"])
    owners = sample_document["entities"] + sample_document["places"]
    assert counts["mentions"] == sum(len(o["mentions"]) for o in owners)
    assert list(store.documents()) == [sample_document]


def test_storing_the_same_article_again_changes_nothing(store, tmp_path):
    first = extract(text=ENGLISH_STORY, url="https://news.example/1")
    assert store.save(first).stored
    before = (tmp_path / "store.db").read_bytes(), _counts(tmp_path / "store.db")
    again = store.save(extract(text=ENGLISH_STORY, url="https://news.example/1"))
    assert not again.stored and again.id == first.id
    same_text_other_url = store.save(extract(text="  " + ENGLISH_STORY.upper() + " "))
    assert not same_text_other_url.stored
    assert _counts(tmp_path / "store.db") == before[1]
    assert [row["id"] for row in store.articles()] == [first.id]


def test_a_failed_save_keeps_what_was_stored(store, tmp_path):
    store.save(extract(text=ENGLISH_STORY, id="same-id"))
    with pytest.raises(StoreError, match="same-id"):
        store.save(extract(text=ENGLISH_STORY + " A different story.", id="same-id"))
    assert _counts(tmp_path / "store.db")["articles"] == 1
    assert len(list(store.documents())) == 1


def test_sqlite_runs_in_wal_mode(store, tmp_path):
    with sqlite3.connect(tmp_path / "store.db") as connection:
        assert connection.execute("pragma journal_mode").fetchone()[0] == "wal"


def test_the_migrations_build_exactly_the_schema_the_code_uses(store):
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), tables.metadata)
    assert differences == []


def test_opening_an_existing_store_again_keeps_its_articles(tmp_path):
    url = f"sqlite:///{tmp_path / 'again.db'}"
    with Store(url) as first:
        first.save(extract(text=ENGLISH_STORY))
    with Store(url) as second:
        assert len(second.articles()) == 1


def test_an_unusable_database_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="cannot open"):
        Store(f"sqlite:///{tmp_path / 'no' / 'such' / 'dir.db'}")
    with pytest.raises(StoreError, match="not a database URL"):
        Store("not a url")


def test_documents_by_publication_come_oldest_first_and_undated_last(store):
    for day, published in (("Tuesday", "2024-05-07"), ("Sunday", None), ("Monday", "2024-05-06")):
        text = f"{ENGLISH_STORY}\n\nUpdated on {day}."
        store.save(extract(text=text, published=published))
    order = [d["article"]["published"] for d in store.documents(by_publication=True)]
    assert order == ["2024-05-06", "2024-05-07", None]
