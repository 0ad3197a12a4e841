"""Across articles: copies counted once, reports merged into incidents, disagreements kept."""

from __future__ import annotations

import json
import tempfile
from dataclasses import replace

import pytest
from tests.conftest import SAMPLE, run_eventwire

from eventwire import extract
from eventwire.document import Document
from eventwire.incidents import Corpus, Incident, build, reports_of
from eventwire.store import Store, StoreUnavailable

PUBLISHED = "2024-05-08"
WIRE_STORY = (
    "Taliban fighters attacked a police checkpoint in Kunduz on Monday, killing six officers, "
    "provincial officials said.\n\n"
    "The attack began shortly after midnight and lasted for more than two hours before "
    "reinforcements arrived from the provincial capital, according to the officials, who spoke "
    "on condition of anonymity because they were not authorised to talk to reporters.\n\n"
    "Residents said they heard heavy gunfire and several explosions during the night and that "
    "shops in the main bazaar stayed closed on Monday morning as police searched the area."
)
REPRINT = WIRE_STORY.replace("Residents said", "Local residents said").replace(
    "as police searched the area.", "while police searched the area for the attackers."
)
DENIAL = "The Taliban denied attacking a police checkpoint in Kunduz on Monday."
OTHER_TOLL = (
    "Taliban fighters attacked a police checkpoint in Kunduz on Monday, killing nine officers, "
    "a local elder said."
)
FAR_AWAY = "Taliban fighters attacked a police checkpoint in Herat on Monday, officials said."


def _documents(*stories: tuple[str, str]) -> list[dict]:
    return [
        extract(text=text, published=PUBLISHED, source=outlet).to_dict() for text, outlet in stories
    ]


def _attack(view):
    return next(i for i in view.incidents if i.type == "ASSAULT" and len(i.reports) > 1)


def test_a_reprint_from_another_outlet_is_a_copy_counted_once():
    original, copy = _documents((WIRE_STORY, "Wire"), (REPRINT, "Reprinter"))
    view = build([original, copy])
    assert [(c.article_id, c.original_id) for c in view.copies] == [(copy["id"], original["id"])]
    attack = _attack(view)
    assert len(attack.reports) == 2
    assert attack.independent_sources == 1


def test_two_outlets_reporting_one_attack_make_one_incident_with_two_sources():
    view = build(_documents((WIRE_STORY, "Wire"), (OTHER_TOLL, "Elder radio")))
    attack = _attack(view)
    assert {r.outlet for r in attack.reports} == {"Wire", "Elder radio"}
    assert attack.independent_sources == 2
    assert not view.copies


def test_attacks_in_cities_far_apart_stay_separate_incidents():
    view = build(_documents((OTHER_TOLL, "Elder radio"), (FAR_AWAY, "Herat TV")))
    attacks = [i for i in view.incidents if i.type == "ASSAULT"]
    assert len(attacks) == 2 and all(len(i.reports) == 1 for i in attacks)


def test_a_denial_stands_beside_the_reports_it_denies():
    view = build(_documents((WIRE_STORY, "Wire"), (DENIAL, "Group statement")))
    denied = [c for c in view.contradictions if c.kind == "denied"]
    assert len(denied) == 1
    assert {r.outlet for r in denied[0].side_a} == {"Wire"}
    assert {r.outlet for r in denied[0].side_b} == {"Group statement"}
    assert denied[0].side_b[0].claimed_by == "Taliban"


def test_different_death_tolls_are_both_kept_and_the_conservative_rule_is_named():
    view = build(_documents((WIRE_STORY, "Wire"), (OTHER_TOLL, "Elder radio")))
    tolls = [c for c in view.contradictions if c.kind == "fatalities"]
    assert len(tolls) == 1
    assert {r.fatalities for r in tolls[0].side_a + tolls[0].side_b} == {6, 9}
    assert "6" in tolls[0].summary and "ACLED" in tolls[0].summary


def test_the_samples_siege_claim_is_contradicted_by_the_open_route():
    document = extract(text=SAMPLE.read_text("utf-8"), published="2021-09-01").to_dict()
    opposing = [c for c in build([document]).contradictions if c.kind == "opposing"]
    assert opposing
    claim, counter = opposing[0].side_a, opposing[0].side_b
    assert any("besieged" in r.evidence_text or r.evidence_text == "siege" for r in claim)
    assert any("opened" in r.evidence_text for r in counter)
    text = document["article"]["text"]
    for report in claim + counter:
        assert text[report.evidence[0] : report.evidence[1]] == report.evidence_text


def test_each_report_of_an_incident_is_tied_in_by_one_stated_reason():
    stories = ((WIRE_STORY, "Wire"), (REPRINT, "Reprinter"), (OTHER_TOLL, "Elder radio"))
    attack = _attack(build(_documents(*stories)))
    assert len(attack.reports) == 3 and len(attack.links) == 2
    linked = {key for link in attack.links for key in (link.a, link.b)}
    assert linked == {r.key for r in attack.reports}
    assert all("same type ASSAULT" in link.reasons[0] for link in attack.links)


def _shelling(article_id: str, place: str, lon: float, with_actor: bool) -> dict:
    """A stored document with one shelling report at a place on Taveuni, Fiji, where the
    180th meridian crosses the island."""
    text = f"Shelling hit {place} on Monday."
    entity = {"id": "e1", "name": "Rebels", "actor_id": None}
    return {
        "id": article_id,
        "article": {"text": text, "source": article_id, "published": PUBLISHED, "url": None},
        "entities": [entity] if with_actor else [],
        "places": [
            {
                "id": "p1",
                "name": place,
                "lat": -16.8,
                "lon": lon,
                "country": "FJ",
                "precision": 1,
                "feature": "populated_place",
            }
        ],
        "events": [
            {
                "id": "v1",
                "type": "ASSAULT",
                "mode": "firearms",
                "actor": "e1" if with_actor else None,
                "target": None,
                "place": "p1",
                "date": "2024-05-06",
                "date_precision": "day",
                "attribution": {"source": None, "hedged": False},
                "evidence": {"start": 0, "end": len(text), "text": text},
            }
        ],
    }


def test_reports_either_side_of_the_antimeridian_make_one_incident():
    east = _shelling("east", "Waiyevo", 179.98, with_actor=True)
    west = _shelling("west", "Somosomo", -179.99, with_actor=False)
    incidents = build([east, west]).incidents
    assert [len(i.reports) for i in incidents] == [2]
    assert any("km apart" in reason for reason in incidents[0].links[0].reasons)


def test_a_tie_between_modes_goes_to_the_earliest_report_whatever_the_order_of_names():
    (report,) = reports_of(_shelling("east", "Waiyevo", 179.98, with_actor=True))
    for first, second in (("firearms", "explosives"), ("explosives", "firearms")):
        early = replace(report, mode=first, date="2024-05-06")
        late = replace(report, article_id="west", mode=second, date="2024-05-07")
        assert Incident("i1", [late, early]).summary()["mode"] == first


def test_the_scratch_file_of_a_rebuild_is_removed_after_it_and_after_a_failure(tmp_path):
    documents = _documents((WIRE_STORY, "Wire"), (OTHER_TOLL, "Elder radio"))
    with Corpus(documents, directory=str(tmp_path)) as corpus:
        assert len(list(tmp_path.iterdir())) == 1
        assert sum(1 for _ in corpus.incidents()) >= 2
    assert not list(tmp_path.iterdir())

    def broken_stream():
        yield documents[0]
        raise ConnectionError("database went away")

    with pytest.raises(ConnectionError):
        Corpus(broken_stream(), directory=str(tmp_path))
    assert not list(tmp_path.iterdir())


def test_a_rebuild_without_room_for_its_scratch_file_keeps_the_incidents_stored(
    tmp_path, monkeypatch
):
    with Store(f"sqlite:///{tmp_path / 'store.db'}") as store:
        for document in _documents((WIRE_STORY, "Wire"), (OTHER_TOLL, "Elder radio")):
            store.save(Document.from_dict(document))
        store.rebuild_incidents()
        before = store.incidents()
        store.save(Document.from_dict(_documents((DENIAL, "Group statement"))[0]))
        monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no such directory"))
        with pytest.raises(StoreUnavailable, match=r"scratch file in .*no such directory"):
            store.rebuild_incidents()
        assert store.incidents() == before
        assert store.incidents_stale()


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    stories = [
        (WIRE_STORY, "Wire"),
        (REPRINT, "Reprinter"),
        (DENIAL, "Group statement"),
        (OTHER_TOLL, "Elder radio"),
    ]
    lines = [
        json.dumps({"id": f"story-{n}", "text": text, "source": outlet, "published": PUBLISHED})
        for n, (text, outlet) in enumerate(stories)
    ]
    feed = folder / "stories.jsonl"
    feed.write_text("\n".join(lines) + "\n", "utf-8")
    db = f"sqlite:///{folder / 'corpus.db'}"
    result = run_eventwire("ingest", "--db", db, str(feed))
    assert result.returncode == 0, result.stderr.decode()
    return db, feed


def test_ingest_builds_incidents_and_the_ledger_in_the_store(corpus_db):
    db, _ = corpus_db
    with Store(db) as store:
        incidents = store.incidents(min_reports=2)
        ledger = store.contradictions()
        copies = store.copies()
    assert [(c["article_id"], c["original_id"]) for c in copies] == [("story-1", "story-0")]
    attack = next(i for i in incidents if i["type"] == "ASSAULT")
    assert attack["reports"] == 4 and attack["independent_sources"] == 3
    assert {c["kind"] for c in ledger} >= {"denied", "fatalities"}


def test_explain_shows_every_report_and_why_it_was_merged(corpus_db):
    db, _ = corpus_db
    listing = run_eventwire("incidents", "--db", db, "--format", "jsonl", "--min-reports", "2")
    attack = next(
        row
        for row in map(json.loads, listing.stdout.decode().splitlines())
        if row["type"] == "ASSAULT"
    )
    explained = run_eventwire("incidents", "--db", db, "--explain", attack["id"])
    out = explained.stdout.decode()
    assert explained.returncode == 0
    assert "4 report(s) from 3 independent source(s)" in out
    assert "merged because:" in out and "same type ASSAULT" in out
    for story in ("story-0", "story-1", "story-2", "story-3"):
        assert story in out


def test_ingesting_the_same_files_again_keeps_the_same_incidents(corpus_db):
    db, feed = corpus_db
    with Store(db) as store:
        before = [(i["id"], i["reports"]) for i in store.incidents()]
    again = run_eventwire("ingest", "--db", db, str(feed))
    assert again.returncode == 0
    with Store(db) as store:
        store.rebuild_incidents()
        assert [(i["id"], i["reports"]) for i in store.incidents()] == before


def test_an_unknown_incident_is_a_one_line_error(corpus_db):
    db, _ = corpus_db
    result = run_eventwire("incidents", "--db", db, "--explain", "i-nope")
    assert result.returncode == 2
    assert result.stderr.decode().count("\n") == 1 and "i-nope" in result.stderr.decode()
