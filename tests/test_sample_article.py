"""The user's own example, end to end: a cleaned article and its entities."""

import re

from conftest import SAMPLE, run_eventwire


def _paragraphs(raw: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", raw) if p.strip()]


def test_the_headline_is_found_and_is_not_part_of_the_body(sample_document):
    article = sample_document["article"]
    assert article["title"] == (
        "Besieged Panjshir fights on, but lengthy negotiations with Taliban may not be far away"
    )
    assert not article["text"].startswith("Besieged")


def test_no_page_chrome_or_also_read_line_is_left(sample_document):
    lines = [line.strip() for line in sample_document["article"]["text"].split("\n")]
    for chrome in ("English News", "youtube", "facebook", "twitter", "•"):
        assert all(chrome not in line for line in lines), chrome
    assert not any(line.lower().startswith("also read") for line in lines)


def test_every_body_paragraph_is_kept(sample_text, sample_document):
    body = sample_document["article"]["text"]
    kept = [" ".join(p.split()) for p in body.split("\n\n")]
    raw_paragraphs = _paragraphs(sample_text)
    start = raw_paragraphs.index(sample_document["article"]["title"]) + 1
    expected = [p for p in raw_paragraphs[start:] if not p.startswith("Also Read")]
    assert kept == expected
    assert len(kept) == 10


def test_the_people_of_the_story_are_persons(sample_document):
    persons = {e["name"] for e in sample_document["entities"] if e["type"] == "PERSON"}
    assert {
        "Ahmad Massoud",
        "Zabihullah Mujahid",
        "Amrullah Saleh",
        "Ahmad Shah Massoud",
    } <= persons


def test_taliban_and_northern_alliance_are_groups(sample_document):
    types = {e["name"]: e["type"] for e in sample_document["entities"]}
    assert types["Taliban"] == "ORG"
    assert types["Northern Alliance"] == "ORG"


def test_every_taliban_mention_is_one_entity(sample_document):
    taliban = [e for e in sample_document["entities"] if e["name"] == "Taliban"]
    assert len(taliban) == 1
    text = sample_document["article"]["text"]
    expected = len(re.findall(r"\bTaliban\b", text)) - text.count("pro-Taliban")
    assert len(taliban[0]["mentions"]) == expected


def test_mentions_point_at_their_text(sample_document):
    text = sample_document["article"]["text"]
    for entity in sample_document["entities"]:
        for mention in entity["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]


def test_the_demo_command_line_stores_and_shows_the_sample(tmp_path):
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    ingest = run_eventwire("ingest", str(SAMPLE), "--published", "2021-08-24", "--db", db)
    assert ingest.returncode == 0, ingest.stderr
    shown = run_eventwire("entities", "--db", db)
    assert shown.returncode == 0
    assert b"Zabihullah Mujahid" in shown.stdout
    assert b"Northern Alliance" in shown.stdout


def test_stored_quotes_list_with_their_speakers(tmp_path):
    import json

    db = f"sqlite:///{tmp_path / 'quotes.db'}"
    assert run_eventwire("ingest", str(SAMPLE), "--db", db).returncode == 0
    listed = run_eventwire("quotes", "--db", db, "--format", "jsonl")
    assert listed.returncode == 0
    rows = [json.loads(line) for line in listed.stdout.decode().splitlines()]
    direct = [(r["speaker"], r["channel"]) for r in rows if r["kind"] == "direct"]
    assert direct == [
        ("Zabihullah Mujahid", None),
        ("Ahmad Massoud", "video"),
        ("Amrullah Saleh", "tweet"),
    ]
    assert {r["speaker_actor_id"] for r in rows} >= {"zabihullah-mujahid", "amrullah-saleh"}
    entities = run_eventwire("entities", "--db", db, "--format", "jsonl")
    mujahid = next(
        e
        for e in map(json.loads, entities.stdout.decode().splitlines())
        if e["name"] == "Zabihullah Mujahid"
    )
    assert (mujahid["roles"], mujahid["affiliation"]) == (["spokesperson"], "Taliban")


def test_show_prints_the_stored_article_for_a_reader(tmp_path):
    db = f"sqlite:///{tmp_path / 'show.db'}"
    assert run_eventwire("ingest", str(SAMPLE), "--db", db).returncode == 0
    shown = run_eventwire("show", "--db", db)
    assert shown.returncode == 0
    lines = shown.stdout.decode().splitlines()
    assert lines[0].startswith("Besieged Panjshir fights on")
    assert any(line.startswith("People: Ahmad Massoud") for line in lines)
    assert any(line.startswith("[10] According to pro-Taliban accounts") for line in lines)
    assert any(line.startswith("Resolved places: Afghanistan (country") for line in lines)
    assert any(
        line.startswith("  Amrullah Saleh (said; direct; tweet): “The Taliban") for line in lines
    )
    missing = run_eventwire("show", "no-such-id", "--db", db)
    assert missing.returncode == 1
    assert missing.stderr.decode().strip().endswith("no article with id 'no-such-id'")


def test_the_sample_places_are_resolved_in_afghanistan(sample_document):
    places = {p["name"]: p for p in sample_document["places"]}
    for name in ("Panjshir Valley", "Badakhshān", "Takhār", "Andarab Valley", "Salang Pass"):
        assert places[name]["country"] == "AF", name
    assert places["Russia"]["feature"] == "country"
    assert places["Russia"]["precision"] == 3
    assert places["Panjshir Valley"]["precision"] == 1
    andrab = [m["text"] for m in places["Andarab Valley"]["mentions"]]
    assert andrab == ["Andarab", "Andrab Valley"]
