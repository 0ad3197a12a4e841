"""The Python API: extract and extract_many give documents that honour the contract."""

import pytest

from conftest import ENGLISH_STORY, assert_valid
from eventwire import InputError, Record, extract, extract_many
from eventwire.document import SCHEMA_ID, json_schema, validate


def test_extract_gives_a_document_that_validates_against_the_schema():
    data = extract(text=ENGLISH_STORY, published="2024-03-01").to_dict()
    assert data["schema"] == SCHEMA_ID
    assert_valid(data)
    assert list(data) == ["schema", "id", "article", "entities", "places", "quotes", "events"]


def test_document_ids_are_the_records_else_stable_hashes():
    assert extract(text=ENGLISH_STORY, id="wire-7").id == "wire-7"
    by_url = extract(text=ENGLISH_STORY, url="https://news.example/a").id
    assert by_url == extract(text=ENGLISH_STORY + " Changed.", url="https://news.example/a").id
    by_text = extract(text=ENGLISH_STORY).id
    assert by_text == extract(text="  " + ENGLISH_STORY.replace("\n\n", "\n\n\n")).id
    assert len({by_url, by_text}) == 2


def test_extract_many_keeps_input_order_across_batches():
    records = [{"id": str(i), "text": f"{ENGLISH_STORY} Report number {i}."} for i in range(7)]
    assert [d.id for d in extract_many(records, batch_size=3)] == [str(i) for i in range(7)]


def test_extract_many_reports_bad_records_and_goes_on():
    errors: list[InputError] = []
    records = [
        {"id": "a", "text": ENGLISH_STORY},
        {"id": "b"},
        Record(origin="third", text="tiny"),
        {"id": "d", "text": ENGLISH_STORY + " More."},
    ]
    documents = list(extract_many(records, on_error=errors.append))
    assert [d.id for d in documents] == ["a", "d"]
    assert [(e.origin, e.reason) for e in errors] == [
        ("record 2", 'record has neither "text" nor "html"'),
        ("third", "no article text (only 1 word left after removing page chrome)"),
    ]


def test_without_an_error_handler_a_bad_record_raises():
    with pytest.raises(InputError, match="neither"):
        list(extract_many([{"id": "x"}]))
    with pytest.raises(InputError):
        extract(text="")


def test_a_bad_publish_date_is_an_input_error():
    with pytest.raises(InputError, match="not a date"):
        extract(text=ENGLISH_STORY, published="the 40th of May")


def test_a_span_that_does_not_match_the_text_breaks_the_contract():
    data = extract(text="The Taliban said on Monday that they had taken the district.").to_dict()
    data["entities"][0]["mentions"][0]["start"] += 1
    with pytest.raises(ValueError, match="does not match"):
        validate(data)


def test_the_schema_defines_every_section():
    properties = json_schema()["properties"]
    assert set(properties["places"]["items"]["required"]) >= {"lat", "lon", "precision"}
    assert set(properties["quotes"]["items"]["required"]) >= {"speaker", "cue", "channel"}
    assert set(properties["events"]["items"]["required"]) >= {"type", "attribution", "evidence"}


def test_a_document_round_trips_through_its_json(sample_document):
    from eventwire.document import Document

    assert Document.from_dict(sample_document).to_dict() == sample_document
