"""A record becomes a clean `Article` with an id, or an `InputError` saying why it cannot."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from urllib.parse import urlsplit

from dateutil import parser as dateparser

from ..document import Article
from .errors import InputError
from .html import extract_page
from .language import SUPPORTED_LANGUAGES, detect_language
from .record import Record
from .text import clean_text

MIN_ARTICLE_WORDS = 5
"""Less text than this is page furniture ("Home"), not an article."""
MAX_ARTICLE_CHARS = 300_000
"""Longest cleaned text processed (about 50,000 words, far beyond a news article): the parser's
memory grows with document length, and a laptop must not run out of it on one page."""
MIN_WORDS_FOR_LANGUAGE = 8
"""Below this many words the language guess is noise, so a short text is taken as English."""
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WHITESPACE = re.compile(r"\s+")


def normalise_date(value: str) -> str:
    """`value` as YYYY-MM-DD; raises ValueError for a value that is not a date."""
    value = value.strip()
    match = _ISO_DAY.match(value)
    if match:
        return date(*map(int, match.groups())).isoformat()
    return dateparser.parse(value, fuzzy=False).date().isoformat()


def normalised_text(text: str) -> str:
    """Case- and whitespace-insensitive form of a text, for recognising the same article again."""
    return _WHITESPACE.sub(" ", text).strip().casefold()


def text_hash(text: str) -> str:
    return hashlib.sha256(normalised_text(text).encode("utf-8")).hexdigest()


def document_id(record: Record, text: str) -> str:
    """The record's own id, else a stable hash of its URL, else of its normalised text."""
    if record.id:
        return record.id
    if record.url:
        return hashlib.sha256(record.url.strip().encode("utf-8")).hexdigest()[:16]
    return text_hash(text)[:16]


def build_article(
    record: Record, default_published: str | None = None, default_url: str | None = None
) -> tuple[str, Article]:
    """Clean one record into (document id, article); raises `InputError` for unusable input."""
    url = record.url or default_url
    published = source = title = None
    if record.html is not None:
        try:
            page = extract_page(record.html, url)
        except ValueError as exc:
            raise InputError(record.origin, str(exc)) from None
        cleaned = clean_text(page.text, title=record.title or page.title)
        title, published, source = cleaned.title, page.published, page.source
    else:
        cleaned = clean_text(record.text or "", title=record.title)
        title = cleaned.title
    words = len(cleaned.text.split())
    if words < MIN_ARTICLE_WORDS:
        found = f"only {words} word{'s' * (words != 1)}" if words else "nothing"
        raise InputError(
            record.origin, f"no article text ({found} left after removing page chrome)"
        )

    if len(cleaned.text) > MAX_ARTICLE_CHARS:
        raise InputError(
            record.origin,
            f"article text too long ({len(cleaned.text):,} characters; "
            f"the limit is {MAX_ARTICLE_CHARS:,})",
        )
    language = "en"
    if words >= MIN_WORDS_FOR_LANGUAGE:
        language, _ = detect_language(cleaned.text)
    if language not in SUPPORTED_LANGUAGES:
        raise InputError(
            record.origin, f"article is in language '{language}'; only English is supported for now"
        )

    published_value = record.published or published or default_published
    try:
        published_day = normalise_date(published_value) if published_value else None
    except (ValueError, OverflowError):
        raise InputError(
            record.origin, f"published date {published_value!r} is not a date"
        ) from None

    if record.source:
        source = record.source
    elif not source and url:
        source = urlsplit(url).hostname
    article = Article(
        text=cleaned.text,
        url=url,
        title=title,
        published=published_day,
        source=source,
        language=language,
        fetched=record.fetched,
    )
    if default_url and not record.url:
        record = Record(**{**record.__dict__, "url": default_url})
    return document_id(record, cleaned.text), article
