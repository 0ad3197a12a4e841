"""RSS and Atom feeds: one record per entry, its page fetched unless the feed carries the text."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import date

import feedparser

from .errors import InputError
from .html import fragment_text
from .record import Record

FULL_TEXT_WORDS = 150
"""An entry whose content has at least this many words is the article itself; a shorter one is
a teaser, and its link is fetched."""
_FEED_ROOTS = (b"<rss", b"<feed", b"<rdf:rdf")


def looks_like_feed(data: bytes) -> bool:
    """True when the first element of the XML is an RSS, Atom or RDF feed root."""
    head = data[:2048].lower()
    return any(root in head for root in _FEED_ROOTS) and b"<html" not in head


def read_feed(
    data: bytes, origin: str, fetch_page: Callable[[str], Record]
) -> Iterator[Record | InputError]:
    """Records of every entry of the feed in `data`, in feed order; a teaser entry's page is
    fetched (by `fetch_page`) only when its record is asked for."""
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.version:
        problem = parsed.get("bozo_exception")
        detail = f" ({problem})" if problem else ""
        yield InputError(origin, f"not an RSS or Atom feed{detail}")
        return
    if not parsed.entries:
        yield InputError(origin, "feed has no entries")
        return
    for number, entry in enumerate(parsed.entries, start=1):
        try:
            yield _entry_record(entry, f"{origin} entry {number}", fetch_page)
        except InputError as exc:
            yield exc


def _entry_record(entry, where: str, fetch_page: Callable[[str], Record]) -> Record:
    link = entry.get("link")
    published = _day(entry.get("published_parsed") or entry.get("updated_parsed"))
    title = entry.get("title")
    content = _full_content(entry)
    if content is None and link:
        page = fetch_page(link)
        page.title = page.title or title
        page.published = page.published or published
        return page
    html = content or entry.get("summary")
    if not html:
        raise InputError(where, "entry has no link and no text")
    return Record(
        origin=link or where, text=fragment_text(html), url=link, title=title, published=published
    )


def _full_content(entry) -> str | None:
    for content in entry.get("content", []):
        value = content.get("value") or ""
        if len(value.split()) >= FULL_TEXT_WORDS:
            return value
    return None


def _day(parsed: time.struct_time | None) -> str | None:
    return date(*parsed[:3]).isoformat() if parsed else None
