"""HTML pages: the story, its title, publish date and site name; page furniture left out."""

import pytest

from eventwire import InputError, extract

PARAGRAPHS = [
    "Government forces regained control of the border town of Alder Ford on Thursday after "
    "three days of fighting with fighters of the Eastern Liberation Front, the defence ministry "
    "said in a statement.",
    "The ministry said the army had cleared the main road and that civilians who had fled to "
    "nearby villages could begin to return. It gave no figure for casualties on either side.",
    "A spokesman for the front denied that its fighters had withdrawn, saying they had moved to "
    "positions in the hills to the south of the town to protect the civilian population.",
    "Aid agencies said about four thousand people had been displaced by the fighting and that "
    "food and medicine were running short in the camps outside the town.",
]

PAGE = f"""<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Army retakes Alder Ford | The Example Herald</title>
<meta property="og:title" content="Army retakes Alder Ford from rebels">
<meta property="og:site_name" content="The Example Herald">
<meta property="article:published_time" content="2024-05-16T09:30:00Z">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article>
<h1>Army retakes Alder Ford from rebels</h1>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Celebrity wedding photos</a></li>
<li><a href="/b">Ten recipes for summer</a></li></ul></aside></main>
<footer><p>Copyright © 2024 The Example Herald. All rights reserved.</p>
<a href="/privacy">Privacy policy</a></footer>
</body></html>"""


@pytest.fixture(scope="module")
def page_document():
    return extract(html=PAGE, url="https://herald.example/world/alder-ford").to_dict()


def test_every_paragraph_of_the_story_is_kept(page_document):
    text = page_document["article"]["text"]
    for paragraph in PARAGRAPHS:
        assert paragraph in text


def test_navigation_related_links_and_footer_are_left_out(page_document):
    text = page_document["article"]["text"]
    for furniture in ("Sport", "Most read", "Celebrity wedding", "Privacy policy", "Copyright"):
        assert furniture not in text


def test_title_date_and_site_come_from_the_page(page_document):
    article = page_document["article"]
    assert article["title"] == "Army retakes Alder Ford from rebels"
    assert article["published"] == "2024-05-16"
    assert article["source"] == "The Example Herald"
    assert article["url"] == "https://herald.example/world/alder-ford"
    assert article["language"] == "en"


def test_a_given_publish_date_wins_over_the_page(page_document):
    document = extract(html=PAGE, published="2024-05-17")
    assert document.article.published == "2024-05-17"


def test_a_page_without_an_article_is_an_error():
    with pytest.raises(InputError, match="no article text"):
        extract(html="<html><body><nav><a href='/'>Home</a></nav></body></html>")


def test_malformed_html_still_yields_the_story():
    broken = "<html><body><div><p>" + "</p><p>".join(PARAGRAPHS) + "<div><span>"
    document = extract(html=broken)
    assert PARAGRAPHS[0] in document.article.text
