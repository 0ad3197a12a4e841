"""Events: who did what to whom, where, when, how sure, and who says so."""

from __future__ import annotations

import pytest
from tests.conftest import assert_valid

from eventwire import extract


@pytest.fixture(scope="module")
def sample(sample_text) -> dict:
    return assert_valid(extract(text=sample_text, published="2021-09-01").to_dict())


def _names(document: dict) -> dict[str, str]:
    names = {e["id"]: e["name"] for e in document["entities"]}
    names.update({p["id"]: p["name"] for p in document["places"]})
    return names


def _events(document: dict, event_type: str, mode: str | None = None) -> list[dict]:
    return [
        e
        for e in document["events"]
        if e["type"] == event_type and (mode is None or e["mode"] == mode)
    ]


def _one(text: str, event_type: str, published: str | None = None) -> tuple[dict, dict]:
    document = assert_valid(extract(text=text, published=published).to_dict())
    found = _events(document, event_type)
    assert found, [e["type"] for e in document["events"]]
    return found[0], _names(document)


# --- the sample ---------------------------------------------------------------------------------


def test_the_taliban_asked_russia_to_mediate(sample):
    names = _names(sample)
    (request,) = _events(sample, "REQUEST")
    assert (names[request["actor"]], names[request["target"]]) == ("Taliban", "Russia")
    assert request["date_precision"] == "week"  # "on Monday" dates the refusal, not the request
    assert not _events(sample, "CONSULT", "third-party")  # the mediation is the request's content


def test_russia_refused_on_monday(sample):
    names = _names(sample)
    (reject,) = _events(sample, "REJECT")
    assert names[reject["actor"]] == "Russia"
    assert names[reject["target"]] == "Taliban"
    assert (reject["date"], reject["date_precision"]) == ("2021-08-30", "day")
    assert not reject["negated"]


def test_the_siege_is_the_spokesmans_hedged_claim(sample):
    names = _names(sample)
    siege = next(e for e in _events(sample, "COERCE", "restrict") if e["actor"])
    assert names[siege["actor"]] == "Taliban"
    assert names[siege["attribution"]["source"]] == "Zabihullah Mujahid"
    assert siege["attribution"]["hedged"]


def test_the_retaken_territory_is_a_hedged_claim_of_the_militant_group(sample):
    names = _names(sample)
    retaken = next(e for e in sample["events"] if "retaken" in e["evidence"]["text"])
    assert retaken["acled"] == {
        "event_type": "Battles",
        "sub_event_type": "Non-state actor overtakes territory",
    }
    assert names[retaken["actor"]] == "Taliban"
    assert retaken["attribution"]["hedged"]
    assert names[retaken["attribution"]["source"]] == "Taliban"


def test_blocked_food_and_abductions_are_salehs_claims(sample):
    names = _names(sample)
    (blocked,) = _events(sample, "COERCE", "withhold")
    (abducted,) = _events(sample, "ASSAULT", "abduct")
    for event in (blocked, abducted):
        assert names[event["attribution"]["source"]] == "Amrullah Saleh"
        assert event["attribution"]["quote"] is not None
        assert names[event["actor"]] == "Taliban"
    assert not blocked["negated"]  # "not allowing" is the withholding itself
    assert abducted["acled"]["sub_event_type"] == "Abduction/forced disappearance"


def test_massoud_threatens_war_on_a_condition(sample):
    names = _names(sample)
    threats = [e for e in _events(sample, "THREATEN") if e["modality"] == "conditional"]
    assert [names[t["actor"]] for t in threats] == ["Ahmad Massoud"]


def test_a_request_to_a_country_does_not_happen_in_that_country(sample):
    (request,) = _events(sample, "REQUEST")
    assert request["place"] is None


def test_stored_events_list_with_names_and_evidence(tmp_path):
    import json

    from tests.conftest import SAMPLE, run_eventwire

    db = f"sqlite:///{tmp_path / 'events.db'}"
    assert (
        run_eventwire("ingest", str(SAMPLE), "--published", "2021-09-01", "--db", db).returncode
        == 0
    )
    listed = run_eventwire("events", "--db", db, "--format", "jsonl")
    assert listed.returncode == 0
    rows = [json.loads(line) for line in listed.stdout.decode().splitlines()]
    reject = next(r for r in rows if r["type"] == "REJECT")
    assert (reject["actor"], reject["target"], reject["date"]) == (
        "Russia",
        "Taliban",
        "2021-08-30",
    )
    assert reject["evidence"] == "Russia refused to do so"
    retaken = next(
        r for r in rows if r["acled_sub_event_type"] == "Non-state actor overtakes territory"
    )
    assert retaken["place"] == "Badakhshān" and retaken["hedged"]


def test_every_evidence_span_is_its_text(sample):
    text = sample["article"]["text"]
    for event in sample["events"]:
        span = event["evidence"]
        assert text[span["start"] : span["end"]] == span["text"]
        assert "Also Read" not in span["text"]


# --- forms --------------------------------------------------------------------------------------


def test_a_passive_puts_the_agent_first():
    document = assert_valid(
        extract(text="Two aid workers were kidnapped by gunmen in Kabul on Sunday.").to_dict()
    )
    (event,) = _events(document, "ASSAULT")
    assert event["mode"] == "abduct"
    place = next(p for p in document["places"] if p["id"] == event["place"])
    assert place["country"] == "AF" and place["mentions"][0]["text"] == "Kabul"


def test_a_denied_attack_is_negated():
    event, _ = _one("The army denied attacking the village.", "ASSAULT")
    assert event["negated"]


def test_talks_that_ended_without_an_agreement_did_not_agree():
    event, _ = _one("The talks in Doha ended without an agreement on Monday.", "AGREE")
    assert event["negated"]
    reached, _ = _one("The two sides reached an agreement in Doha on Monday.", "AGREE")
    assert not reached["negated"]


def test_modal_and_planned_events_are_not_asserted():
    possible, _ = _one("Rebels may attack the capital.", "ASSAULT")
    assert possible["modality"] == "possible"
    planned, _ = _one("The rebels plan to attack the capital.", "ASSAULT")
    assert planned["modality"] == "intended"


def test_killings_carry_their_fatalities():
    counts = [
        e["fatalities"]
        for e in extract(text="Militants attacked a market, killing 6 civilians.").to_dict()[
            "events"
        ]
    ]
    assert 6 in counts
    words = extract(text="Dozens of people were killed in the raid.").to_dict()["events"]
    assert any(e["fatalities"] == 24 for e in words)


def test_a_date_phrase_dates_the_event_against_the_publish_date():
    event, _ = _one(
        "Government troops shelled the northern town last week.", "ASSAULT", published="2024-03-20"
    )
    assert (event["date"], event["date_precision"]) == ("2024-03-13", "week")
    undated, _ = _one(
        "Government troops shelled the northern town again.", "ASSAULT", published="2024-03-20"
    )
    assert (undated["date"], undated["date_precision"]) == ("2024-03-20", "week")


def test_an_air_strike_is_remote_violence():
    event, _ = _one("An air strike hit a school in Idlib.", "ASSAULT")
    assert event["acled"]["sub_event_type"] == "Air/drone strike"


# --- bad input ----------------------------------------------------------------------------------


def test_every_pattern_row_codes_its_own_example():
    from eventwire.events.patterns import patterns
    from eventwire.nlp import load_pipeline

    rows = [p for group in patterns().values() for p in group]
    missed = []
    for row, doc in zip(rows, load_pipeline().pipe(r.example for r in rows), strict=True):
        if not any(e.pattern == row for e in doc._.events or []):
            missed.append(f"{row.trigger}/{row.pos}: {row.example!r}")
    assert not missed


@pytest.mark.parametrize(
    ("text", "event_type", "mode"),
    [
        ("Syria says it is willing to withdraw its troops from Lebanon.", "CONCEDE", None),
        ("The donors said they would provide food aid to Sudan.", "AGREE", None),
        ("The rebels agreed to withdraw from the town.", "CONCEDE", None),
        ("Iran and Iraq signed a peace treaty on Monday.", "SUPPORT", None),
        ("The opposition suspended its protests for a week.", "CONCEDE", None),
        (
            "The rebels said they would boycott the elections unless the president resigns.",
            "THREATEN",
            "restrict",
        ),
        ("Russia said on Tuesday that Sudan must return the helicopter.", "REQUEST", None),
        ("Iran threatened to shell Iraqi towns.", "THREATEN", "violence"),
        ("The two sides failed to reach an agreement.", "REJECT", None),
        ("Three soldiers were killed by an improvised explosive device.", "ASSAULT", "explosives"),
        ("Hundreds of demonstrators blocked the main road to the airport.", "PROTEST", "obstruct"),
        ("The mayor agreed to the protesters' demands.", "CONCEDE", None),
        ("The insurgents promised to renew their bombing campaign.", "THREATEN", "violence"),
        ("The rebels quit the peace talks on Friday.", "SANCTION", "withdraw"),
        ("A news site in Malta was hit by a cyber attack.", "COERCE", "cyber"),
        ("Troops from Peru and Chile held joint military maneuvers.", "COOPERATE", None),
    ],
)
def test_promises_threats_demands_and_weapons_are_coded_as_plover_says(text, event_type, mode):
    events = extract(text=text).to_dict()["events"]
    assert any(e["type"] == event_type and e["mode"] == mode for e in events), [
        (e["type"], e["mode"]) for e in events
    ]


def test_a_promise_with_nothing_coded_below_it_is_itself_the_agreement():
    events = extract(text="The new president promised to democratize the country.").to_dict()[
        "events"
    ]
    assert [e["type"] for e in events] == ["AGREE"]
    assert "promised" in events[0]["evidence"]["text"]


def test_a_promise_of_aid_is_one_agreement_not_two():
    events = extract(text="Japan promised to provide food aid to Sudan.").to_dict()["events"]
    assert [e["type"] for e in events] == ["AGREE"]


@pytest.mark.parametrize(
    "text",
    [
        "The rebels agreed to stop fighting on Tuesday.",
        "The army ceased shelling the town.",
        "The militants stopped attacking convoys.",
    ],
)
def test_stopping_an_attack_is_a_concession_not_an_attack(text):
    events = extract(text=text).to_dict()["events"]
    assert [e["type"] for e in events] == ["CONCEDE"]


def test_agreeing_to_withdraw_is_one_concession_with_the_withdrawal_as_its_content():
    events = extract(text="Syria agreed to withdraw its troops from Lebanon.").to_dict()["events"]
    assert [e["type"] for e in events] == ["CONCEDE"]
    assert "agreed to withdraw" in events[0]["evidence"]["text"]


def test_a_demand_is_made_by_the_speaker_of_the_one_who_must_act():
    document = extract(text="Russia said on Tuesday that Sudan must return the helicopter.")
    names = {e.id: e.name for e in document.entities}
    request = next(e for e in document.events if e.type == "REQUEST")
    assert (names.get(request.actor), names.get(request.target)) == ("Russia", "Sudan")


@pytest.mark.parametrize(
    ("line", "event_type", "trigger"),
    [
        ("Hungary Agrees to Withdraw from Seized Territory", "CONCEDE", "Agrees"),
        ("Mayor of Lagos Promises to End Curfew After Elections", "CONCEDE", "End"),
        ("REBELS SEIZE TOWN IN NORTHERN MALI", "ASSAULT", "SEIZE"),
    ],
)
def test_a_line_in_title_case_or_capitals_gives_its_event(line, event_type, trigger):
    lead = "Officials in the region said on Monday that the situation was calm."
    text = f"{lead}\n\n{line}\n\nNo one was hurt, the officials said."
    document = extract(text=text).to_dict()
    assert line in document["article"]["text"]  # the text as printed, not re-cased
    start = document["article"]["text"].index(line)
    in_line = [e for e in document["events"] if start <= e["evidence"]["start"] < start + len(line)]
    assert any(e["type"] == event_type and trigger in e["evidence"]["text"] for e in in_line), [
        (e["type"], e["evidence"]["text"]) for e in in_line
    ]


def test_hard_texts_give_events_or_a_clear_refusal_but_never_a_crash():
    from eventwire import InputError

    long_sentence = "The rebels attacked " + ", ".join(["the town"] * 700) + "."
    names_list = "The places named were " + ", ".join(f"Town{i}" for i in range(300)) + "."
    table = "| Province | Attacks |\n| Kabul | 3 |\n| Herat | 2 |\n| Kandahar | 5 |\n" * 20
    texts = {
        "a 2,000-token sentence": long_sentence,
        "300 place names": names_list,
        "an all-caps headline": "REBELS ATTACK THE CAPITAL AS PEACE TALKS COLLAPSE IN DOHA",
        "no verbs": "Kabul, Herat, Kandahar, Mazar-i-Sharif, Jalalabad, Ghazni and Kunduz.",
        "a flattened table": table,
    }
    for name, text in texts.items():
        try:
            document = assert_valid(extract(text=text).to_dict())
        except InputError as exc:
            assert exc.reason, name
            continue
        assert isinstance(document["events"], list), name
    long_document = extract(text=long_sentence).to_dict()
    assert _events(long_document, "ASSAULT")


def test_a_trigger_word_inside_an_organisations_name_is_no_event():
    text = (
        "Swiss doctors handed over 700 kg of medicine to the Red Crescent in Bam, according to "
        "the Swiss Agency for Development and Cooperation."
    )
    events = extract(text=text).to_dict()["events"]
    assert "COOPERATE" not in [e["type"] for e in events]
