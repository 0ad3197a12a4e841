"""Quotes: who says what, through which channel, and how the reporter hedges it."""

from __future__ import annotations

import pytest
from tests.conftest import assert_valid

from eventwire import extract
from eventwire.nlp import load_pipeline
from eventwire.nlp.quotation_marks import quote_spans
from eventwire.quotes import claim_for


def _document(text: str) -> dict:
    return assert_valid(extract(text=text).to_dict())


def _speaker_name(document: dict, quote: dict) -> str | None:
    names = {e["id"]: e["name"] for e in document["entities"]}
    return names.get(quote["speaker"])


@pytest.fixture(scope="module")
def sample_quotes(sample_document) -> list[dict]:
    return sample_document["quotes"]


def _direct(document: dict) -> list[dict]:
    return [q for q in document["quotes"] if q["kind"] == "direct"]


# --- the sample ---------------------------------------------------------------------------------


def test_the_sample_has_its_three_direct_quotes_with_the_right_speakers(sample_document):
    direct = _direct(sample_document)
    assert [(_speaker_name(sample_document, q), q["channel"]) for q in direct] == [
        ("Zabihullah Mujahid", None),
        ("Ahmad Massoud", "video"),
        ("Amrullah Saleh", "tweet"),
    ]
    assert [q["cue"]["text"] for q in direct] == ["claims", "saying", "said"]


def test_a_tweet_of_five_sentences_is_one_quote(sample_document):
    tweet = _direct(sample_document)[2]
    assert tweet["text"].startswith("“The Taliban are not allowing food and fuel")
    assert tweet["text"].endswith("door-to-door searches.”")
    assert tweet["speaker_mention"]["text"].endswith("Armrullah")


def test_reported_speech_keeps_its_speaker(sample_document):
    reported = {q["text"]: q for q in sample_document["quotes"] if q["kind"] == "indirect"}
    hoped = next(q for t, q in reported.items() if "he hoped for negotiations" in t)
    assert _speaker_name(sample_document, hoped) == "Ahmad Massoud"
    siege = next(q for t, q in reported.items() if "laid siege" in t)
    assert _speaker_name(sample_document, siege) == "Zabihullah Mujahid"
    assert siege["cue"]["text"] == "claimed"


def test_the_militant_group_is_the_taliban(sample_document):
    retaken = next(q for q in sample_document["quotes"] if "retaken" in q["text"])
    assert _speaker_name(sample_document, retaken) == "Taliban"
    assert retaken["speaker_mention"]["text"] == "The militant group"


def test_according_to_names_a_source_that_is_not_an_entity(sample_document):
    according = next(q for q in sample_document["quotes"] if q["cue"]["text"] == "According to")
    assert according["speaker_mention"]["text"] == "pro-Taliban accounts"
    assert according["speaker"] is None
    assert according["text"].startswith("the negotiations in Panjshir")


def test_scare_quotes_and_quoted_titles_are_not_quotes(sample_document):
    texts = " ".join(q["text"] for q in sample_document["quotes"] if q["kind"] == "direct")
    assert "bulwark" not in texts
    assert "acting President" not in texts
    assert "an extremist government" not in texts


def test_every_quote_span_points_at_its_text(sample_document):
    text = sample_document["article"]["text"]
    for quote in sample_document["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]


# --- forms of quoting ---------------------------------------------------------------------------


def test_a_cue_after_the_quote_with_inverted_subject():
    document = _document(
        '"We will not leave the city," said Leila Haddad, the defence minister, on Monday.'
    )
    (quote,) = document["quotes"]
    assert quote["kind"] == "direct"
    assert _speaker_name(document, quote) == "Leila Haddad"
    assert quote["cue"]["text"] == "said"


def test_a_quote_split_by_its_cue_is_two_parts_of_one_speaker():
    document = _document(
        "“The road is open,” Omar Karimi said. “Trucks crossed this morning and more are coming "
        "tomorrow.”"
    )
    direct = _direct(document)
    assert len(direct) == 2
    assert {_speaker_name(document, q) for q in direct} == {"Omar Karimi"}


def test_a_multi_paragraph_quote_is_one_quote():
    document = _document(
        "Omar Karimi said in a statement:\n\n“The siege has failed and our fighters hold every "
        "village in the valley.\n\n“We will talk to anyone who comes in peace.”"
    )
    (quote,) = _direct(document)
    assert quote["text"].endswith("comes in peace.”")
    assert quote["channel"] == "statement"
    assert _speaker_name(document, quote) == "Omar Karimi"


def test_a_pronoun_speaker_is_the_person_before_it():
    document = _document(
        "Leila Haddad visited the border on Monday. “Nobody will be left behind,” she told "
        "reporters in an interview."
    )
    (quote,) = _direct(document)
    assert _speaker_name(document, quote) == "Leila Haddad"
    assert quote["speaker_mention"]["text"] == "she"
    assert quote["channel"] == "interview"


def test_a_headline_colon_attributes_the_rest_of_the_line():
    doc = load_pipeline()("Karimi: the army has left the valley\n\nOmar Karimi spoke in Kabul.")
    (quote,) = doc._.quotes
    assert doc.text[slice(*quote.cue_span)] == ":"
    assert doc.text[quote.start : quote.end] == "the army has left the valley"
    assert doc._.entity_clusters[quote.speaker].name == "Omar Karimi"


def test_a_quote_with_no_speaker_is_kept_without_one():
    document = _document(
        "The banner at the gate read differently. “No one will ever take this valley from its "
        "people, whatever they send against us,” it was painted in red letters above the road."
    )
    (quote,) = _direct(document)
    assert quote["speaker"] is None


def test_writers_own_beliefs_are_not_reported_speech():
    document = _document("I think the talks will fail, and we believe the road is closed.")
    assert document["quotes"] == []


# --- bad input ----------------------------------------------------------------------------------


def test_unbalanced_quotation_marks_do_not_swallow_the_article():
    text = (
        'The governor said "the road is open. Trucks crossed on Monday.\n\n'
        "Aid agencies said supplies were short. Rebels claimed they had taken the bridge."
    )
    document = _document(text)
    for quote in document["quotes"]:
        assert "\n" not in quote["text"]
    assert any(q["cue"]["text"] == "claimed" for q in document["quotes"])


def test_marks_left_open_never_pair_across_paragraphs():
    text = 'He said "yes.\n\nNo quote here, said nobody" at all.'
    assert quote_spans(text) == []


def test_thousands_of_quotes_in_one_page_are_handled():
    text = " ".join(f"“Line {i} of the list is here,” said Omar Karimi." for i in range(3000))
    document = extract(text=text)
    assert 1000 <= len(document.quotes) <= 3000
    assert all(q.speaker is not None for q in document.quotes[:1000])


# --- claims and hedging -------------------------------------------------------------------------


def _claim(doc, needle: str):
    start = doc.text.index(needle)
    return claim_for(doc, doc._.quotes, start, start + len(needle))


@pytest.fixture(scope="module")
def sample_doc(sample_text):
    from eventwire.ingest import Record, build_article

    _, article = build_article(Record(text=sample_text, origin="sample"), "2021-09-01", None)
    return load_pipeline()(article.text)


def _cluster_name(doc, index):
    return None if index is None else doc._.entity_clusters[index].name


def test_a_claimed_siege_is_the_spokesmans_and_hedged(sample_doc):
    claim = _claim(sample_doc, "laid siege")
    assert _cluster_name(sample_doc, claim.source) == "Zabihullah Mujahid"
    assert claim.hedged


def test_abductions_in_a_tweet_are_salehs(sample_doc):
    claim = _claim(sample_doc, "have been kidnapped by the Taliban")
    assert _cluster_name(sample_doc, claim.source) == "Amrullah Saleh"
    assert claim.hedged


def test_the_reporters_own_statement_is_unhedged(sample_doc):
    claim = _claim(sample_doc, "Russia refused to do so")
    assert claim.source is None and claim.quote is None
    assert not claim.hedged


def test_a_hedge_word_in_the_reporters_sentence_hedges_it(sample_doc):
    claim = _claim(sample_doc, "claimed to seize from Afghan security forces")
    assert claim.source is None
    assert claim.hedged


def test_according_to_hedges(sample_doc):
    claim = _claim(sample_doc, "full implementation of Sharia")
    assert claim.quote is not None
    assert claim.hedged


def test_a_factive_cue_vouches_for_what_it_reports():
    doc = load_pipeline()("The ministry confirmed that the bridge was destroyed on Monday.")
    claim = _claim(doc, "the bridge was destroyed")
    assert claim.quote is not None
    assert not claim.hedged
