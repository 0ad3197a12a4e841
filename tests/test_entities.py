"""Entities: one per referent inside a document, named by its fullest form, typed sensibly."""

import pytest

from eventwire import extract


def _entities(text: str) -> dict[str, dict]:
    return {e["name"]: e for e in extract(text=text).to_dict()["entities"]}


def test_a_bare_surname_links_to_the_full_name_before_it():
    people = _entities(
        "Defence Minister Leila Haddad visited the front on Monday. Haddad said the army "
        "would hold the line, and officials close to Haddad said more troops were coming."
    )
    haddad = people["Leila Haddad"]
    assert haddad["type"] == "PERSON"
    assert [m["text"] for m in haddad["mentions"]] == ["Leila Haddad", "Haddad", "Haddad"]
    assert haddad["aliases"] == ["Haddad"]
    assert "Haddad" not in people


def test_two_people_with_one_surname_stay_apart_and_the_surname_goes_to_the_one_who_acts():
    people = _entities(
        "Omar Karimi said on Sunday that his fighters would not surrender. Omar Karimi told "
        "reporters the siege had failed. He is the son of the late commander Yusuf Karimi. "
        "On Monday, Karimi said he would meet the governor."
    )
    assert {"Omar Karimi", "Yusuf Karimi"} <= set(people)
    assert [m["text"] for m in people["Omar Karimi"]["mentions"]][-1] == "Karimi"
    assert len(people["Yusuf Karimi"]["mentions"]) == 1


def test_the_group_and_its_possessive_are_one_entity():
    groups = _entities(
        "The Taliban said they had taken the district. The Taliban's spokesman said the "
        "fighting was over, but residents said Taliban fighters were still searching houses."
    )
    taliban = groups["Taliban"]
    assert taliban["type"] == "ORG"
    assert len(taliban["mentions"]) == 3


def test_an_adjective_made_of_a_name_is_not_a_mention():
    entities = _entities(
        "According to pro-Taliban accounts, the talks were about Sharia. The Taliban denied it."
    )
    assert [m["text"] for m in entities["Taliban"]["mentions"]] == ["Taliban"]


def test_a_plural_people_name_tagged_as_a_person_is_a_nationality():
    entities = _entities(
        "The valley, which is mostly inhabited by ethnic Tajiks, remains outside state control."
    )
    assert entities["Tajiks"]["type"] == "NORP"


@pytest.mark.parametrize("name", ["Northern Alliance", "National Resistance Front"])
def test_a_capitalised_group_name_is_an_organisation(name):
    entities = _entities(f"Fighters of the {name} said they still held the valley on Tuesday.")
    assert entities[name]["type"] == "ORG"


def test_honorifics_are_not_part_of_the_name():
    entities = _entities("Mr. Saleh said the road was open. Dr. Amina Yusuf treated the wounded.")
    assert "Saleh" in entities
    assert "Amina Yusuf" in entities


def test_mentions_never_cross_a_paragraph():
    document = extract(text="Regional News\n\nThe army said it had retaken the town on Monday.")
    for entity in document.to_dict()["entities"]:
        assert all("\n" not in m["text"] for m in entity["mentions"])


def test_a_name_the_article_calls_a_valley_is_a_place_though_ner_says_organisation(
    sample_document,
):
    types = {e["name"]: e["type"] for e in sample_document["entities"]}
    assert types["Panjshir"] == "LOC"


def test_a_surname_with_or_without_its_arabic_article_is_the_same_person():
    people = _entities(
        "Syrian President Bashar al-Assad left Damascus on Sunday. Rebels said Assad had fled "
        "to Moscow, and the fall of al-Assad ended five decades of family rule."
    )
    assert [m["text"] for m in people["Bashar al-Assad"]["mentions"]] == [
        "Bashar al-Assad",
        "Assad",
        "al-Assad",
    ]


def test_a_sentence_initial_common_noun_is_not_an_organisation():
    entities = _entities("Rebels said on Sunday that they had entered the capital, Damascus.")
    assert "Rebels" not in entities
    assert entities["Damascus"]["type"] == "GPE"


def test_abbreviated_state_names_with_a_full_stop_are_mentions():
    entities = _entities("The company moved from Hartford, Conn., to Louisville, Ky., last year.")
    assert any(name.startswith("Ky") for name in entities)


def test_a_place_ner_calls_an_organisation_becomes_a_place_entity(sample_document):
    types = {e["name"]: e["type"] for e in sample_document["entities"]}
    assert types["Andarab"] == "LOC"


def test_a_prose_sentence_full_of_names_is_not_taken_for_a_title_case_line():
    from eventwire.nlp import load_pipeline
    from eventwire.nlp.headlines import line_style

    doc = load_pipeline()(
        "Ahmad Massoud, the son of Afghanistan's National Hero and Lion of Panjshir Ahmad Shah "
        "Massoud, hopes for negotiations to resolve the issues, but is ready for war."
    )
    assert [line_style(s) for s in doc.sents] == [None]


def test_a_title_case_line_keeps_its_names_as_entities():
    from eventwire.nlp import load_pipeline

    doc = load_pipeline()(
        "Officials said the talks were over.\n\nGuadeloupe Agrees to Withdraw from Seized "
        "Territory\n\nThe troops will leave, officials in Guadeloupe said."
    )
    assert "Guadeloupe" in [e.text for e in doc.ents if e.start_char > 40]
    line = next(s for s in doc.sents if s.text.startswith("Guadeloupe"))
    assert [t.pos_ for t in line if t.text in {"Agrees", "Withdraw"}] == ["VERB", "VERB"]
