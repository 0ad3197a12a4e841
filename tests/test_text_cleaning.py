"""Scraped plain text loses its page chrome by general line rules and keeps the story."""

from eventwire.ingest.text import chrome_rule_for, clean_text

PAGE = """World

  • Instagram
  • WhatsApp

Militia seizes river crossing after two days of clashes

The militia said on Sunday that its fighters had taken the crossing.

Read more: Ten things to know about the river war

Share this article

Local elders said they were trying to arrange a ceasefire.
They asked both sides to let traders pass.

Advertisement

Copyright © 2024 Example Media. All rights reserved.
"""


def test_navigation_above_the_headline_is_dropped_and_the_headline_found():
    cleaned = clean_text(PAGE)
    assert cleaned.title == "Militia seizes river crossing after two days of clashes"
    assert not cleaned.text.startswith("World")


def test_link_teasers_share_prompts_ads_and_footers_are_dropped():
    text = clean_text(PAGE).text
    for chrome in ("Instagram", "Read more", "Share this", "Advertisement", "Copyright"):
        assert chrome not in text


def test_body_paragraphs_and_their_lines_are_kept():
    assert clean_text(PAGE).text == (
        "The militia said on Sunday that its fighters had taken the crossing.\n\n"
        "Local elders said they were trying to arrange a ceasefire.\n"
        "They asked both sides to let traders pass."
    )


def test_a_given_title_replaces_detection():
    cleaned = clean_text(
        "Army retakes the airport\n\nThe army said it retook the airport.",
        title="Army retakes the airport",
    )
    assert cleaned.title == "Army retakes the airport"
    assert cleaned.text == "The army said it retook the airport."


def test_text_that_starts_with_a_sentence_has_no_headline():
    cleaned = clean_text("The army said it retook the airport. Fighting went on nearby.")
    assert cleaned.title is None
    assert cleaned.text == "The army said it retook the airport. Fighting went on nearby."


def test_a_markdown_heading_is_the_headline():
    cleaned = clean_text("# Protesters march on parliament\n\nThousands marched on Friday.")
    assert cleaned.title == "Protesters march on parliament"


def test_sentences_that_mention_chrome_words_are_article_text():
    for line in (
        "Twitter said it removed the accounts.",
        "Copyright law was not the issue, the court said.",
        "Share prices fell after the attack.",
        "Watch towers were built along the border.",
        "The minister urged people to sign up for the new ID cards.",
    ):
        assert chrome_rule_for(line) is None, line


def test_each_removed_line_is_reported_with_its_rule():
    dropped = dict((line, rule) for rule, line in clean_text(PAGE).dropped)
    assert dropped["Read more: Ten things to know about the river war"] == "related-link"
    assert dropped["World"] == "above-headline"


def test_runs_of_spaces_are_collapsed():
    assert clean_text("The  spokesman\u00a0said   so.").text == "The spokesman said so."
