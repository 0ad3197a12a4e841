"""Feeds, WARC archives and URLs are read like files: one article per entry or response, each
keeping its URL, outlet and fetch time; a bad source is one error line and the rest go on."""

from __future__ import annotations

import gzip
import io
import json

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import ENGLISH_STORY, run_eventwire
from web import Route

LONG_STORY = " ".join(
    [
        "Government forces shelled villages near the border on Monday, residents said.",
        "The army said it had targeted positions held by armed groups in the hills.",
        "A local council member said at least three houses were destroyed in the shelling.",
        "Aid agencies said hundreds of families had fled toward the provincial capital.",
        "The defence ministry denied that civilians had been hurt in the operation.",
    ]
    * 5
)


def _page(title: str, body: str) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (
        f"<html><head><title>{title}</title></head><body><nav>Home | World</nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article></body></html>"
    ).encode()


def _rss(items: list[str]) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        "<title>Wire</title><link>http://wire.example/</link>" + "".join(items) + "</channel></rss>"
    ).encode()


def _documents(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def test_a_feed_gives_one_article_per_entry_and_fetches_only_teasers(tmp_path, web):
    web.routes["/rebels"] = Route(_page("Rebels attack police post", ENGLISH_STORY))
    feed = tmp_path / "wire.rss"
    feed.write_bytes(
        _rss(
            [
                "<item><title>Villages shelled near the border</title>"
                "<link>http://wire.example/shelling</link>"
                "<pubDate>Mon, 23 Aug 2021 08:00:00 GMT</pubDate>"
                f"<content:encoded><![CDATA[<p>{LONG_STORY}</p>]]></content:encoded></item>",
                "<item><title>Rebels attack police post</title>"
                f"<link>{web.url('/rebels')}</link>"
                "<pubDate>Tue, 24 Aug 2021 09:30:00 GMT</pubDate>"
                "<description>Rebels attacked a police post.</description></item>",
            ]
        )
    )

    result = run_eventwire("extract", str(feed))

    assert result.returncode == 0, result.stderr
    shelling, rebels = (d["article"] for d in _documents(result))
    assert shelling["url"] == "http://wire.example/shelling"
    assert shelling["title"] == "Villages shelled near the border"
    assert shelling["published"] == "2021-08-23"
    assert shelling["fetched"] is None
    assert rebels["url"] == web.url("/rebels")
    assert rebels["published"] == "2021-08-24"
    assert "reinforcements had been sent" in rebels["text"]
    assert rebels["fetched"] is not None
    assert web.requests == ["/rebels"]


def test_an_atom_feed_at_a_url_is_fetched_and_its_entries_read(web):
    web.routes["/story"] = Route(_page("Rebels attack police post", ENGLISH_STORY))
    web.routes["/atom"] = Route(
        (
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<title>Wire</title><id>urn:wire</id><updated>2021-08-24T10:00:00Z</updated>"
            f'<entry><title>Rebels attack</title><link href="{web.url("/story")}"/>'
            "<id>urn:wire:1</id><updated>2021-08-24T10:00:00Z</updated>"
            "<summary>Rebels attacked.</summary></entry></feed>"
        ).encode(),
        content_type="application/atom+xml",
    )

    result = run_eventwire("extract", web.url("/atom"))

    assert result.returncode == 0, result.stderr
    (document,) = _documents(result)
    assert document["article"]["url"] == web.url("/story")
    assert document["article"]["source"].startswith("127.0.0.1")
    assert document["article"]["published"] == "2021-08-24"


def _warc(records: list[tuple[str, str, str, bytes]], compress: bool = True) -> bytes:
    stream = io.BytesIO()
    writer = WARCWriter(stream, gzip=compress)
    for uri, status, content_type, body in records:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=headers
            )
        )
    return stream.getvalue()


def test_a_warc_archive_gives_its_html_pages_with_their_uri_and_capture_time(tmp_path):
    archive = tmp_path / "crawl.warc.gz"
    archive.write_bytes(
        _warc(
            [
                ("http://a.example/rebels", "200 OK", "text/html", _page("Rebels", ENGLISH_STORY)),
                ("http://a.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n"),
                ("http://a.example/gone", "404 Not Found", "text/html", b"<p>gone</p>"),
                ("http://b.example/shelling", "200 OK", "text/html", _page("Shelled", LONG_STORY)),
            ]
        )
    )

    result = run_eventwire("extract", str(archive))

    assert result.returncode == 0, result.stderr
    articles = [d["article"] for d in _documents(result)]
    assert [a["url"] for a in articles] == ["http://a.example/rebels", "http://b.example/shelling"]
    assert [a["source"] for a in articles] == ["a.example", "b.example"]
    assert all(a["fetched"] and a["fetched"].startswith("20") for a in articles)


def test_a_truncated_warc_record_is_named_and_the_pages_before_it_are_kept(tmp_path):
    whole = _warc(
        [
            ("http://a.example/rebels", "200 OK", "text/html", _page("Rebels", ENGLISH_STORY)),
            ("http://b.example/shelling", "200 OK", "text/html", _page("Shelled", LONG_STORY)),
        ],
        compress=False,
    )
    archive = tmp_path / "cut.warc"
    archive.write_bytes(whole[: len(whole) - 400])

    result = run_eventwire("extract", str(archive))

    assert result.returncode == 1
    assert [d["article"]["url"] for d in _documents(result)] == ["http://a.example/rebels"]
    assert result.stderr.decode().strip() == (
        f"eventwire: error: {archive} record 2: truncated record (http://b.example/shelling)"
    )


def test_bad_sources_each_give_one_line_and_the_good_one_is_still_read(tmp_path, web):
    not_a_feed = tmp_path / "broken.rss"
    not_a_feed.write_text("this was meant to be a feed but is plain words\n")
    gzipped_garbage = tmp_path / "garbage.warc.gz"
    gzipped_garbage.write_bytes(gzip.compress(b"no archive here, only words " * 20))
    web.routes["/hangs"] = Route(_page("Slow", ENGLISH_STORY), stall=5)
    web.routes["/huge"] = Route(stream_bytes=50 * 2**20)
    web.routes["/good"] = Route(_page("Rebels attack police post", ENGLISH_STORY))

    result = run_eventwire(
        "extract",
        "--timeout",
        "1",
        str(not_a_feed),
        str(gzipped_garbage),
        web.url("/hangs"),
        web.url("/huge"),
        web.url("/missing"),
        web.url("/good"),
    )

    assert result.returncode == 1
    assert [d["article"]["url"] for d in _documents(result)] == [web.url("/good")]
    errors = result.stderr.decode().splitlines()
    assert errors[0].startswith(f"eventwire: error: {not_a_feed}: not an RSS or Atom feed")
    assert errors[1] == f"eventwire: error: {gzipped_garbage}: not a WARC archive"
    assert errors[2] == f"eventwire: error: {web.url('/hangs')}: timed out after 1 s"
    assert errors[3] == f"eventwire: error: {web.url('/huge')}: too large (more than 10 MiB)"
    assert errors[4] == f"eventwire: error: {web.url('/missing')}: HTTP 404 Not Found"
    assert len(errors) == 5
