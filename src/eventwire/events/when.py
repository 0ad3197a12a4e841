"""When an event happened: a date phrase of its clause resolved against the publish date.

"on Monday", "two days ago", "last week", "on 14 March" are read with dateparser relative to the
publish date, preferring the current period (a weekday means this week's, or the last one before
publication if that is later than the publish date). Precision follows ACLED's time_precision:
day, week, month or year. With no date phrase, the publish date stands with precision "week".
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache

import dateparser
from spacy.tokens import Span, Token

from ..nlp.sentences import sentence_of

WEEK_WORDS = frozenset({"week", "weekend"})
MONTH_WORDS = frozenset({"month"})
YEAR_WORDS = frozenset({"year"})


def event_date(trigger: Token, published: str | None) -> tuple[str | None, str | None]:
    """(YYYY-MM-DD, precision) for the event at `trigger`; (None, None) without a publish date
    or a date phrase."""
    base = _parse_published(published)
    phrase = _date_phrase(trigger)
    if phrase is None:
        return (base.isoformat(), "week") if base else (None, None)
    return _resolve(phrase.text, base)


def _parse_published(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _date_phrase(trigger: Token) -> Span | None:
    """A DATE entity whose head hangs on the trigger or the word it depends on."""
    sentence = sentence_of(trigger)
    dates = [e for e in sentence.ents if e.label_ == "DATE"]
    clause = {trigger.i, trigger.head.i}
    for entity in dates:
        node = entity.root
        for _ in range(4):
            if node.i in clause:
                return entity
            if node.head is node or node.dep_ == "conj":
                break  # "asked …, but on Monday refused": the date is the second verb's
            node = node.head
    return None


@lru_cache(maxsize=4096)
def _resolve(text: str, base: date | None) -> tuple[str | None, str | None]:
    # dateparser takes tens of milliseconds a call; the same phrase and publish date recur for
    # every event of a sentence and across a day's articles.
    words = set(text.casefold().split())
    relative = datetime.combine(base, datetime.min.time()) if base else None
    settings = {"PREFER_DATES_FROM": "current_period", "RETURN_AS_TIMEZONE_AWARE": False}
    if relative is not None:
        settings["RELATIVE_BASE"] = relative
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    if parsed is None:
        return (base.isoformat(), "week") if base else (None, None)
    day = parsed.date()
    if base is not None and day > base:
        if _weekday_only(words):
            day -= timedelta(days=7)  # "on Monday" in a story from a Wednesday: the past one
        elif day.year > base.year:
            day = day.replace(year=base.year)
    precision = _precision(words)
    return day.isoformat(), precision


_MONTHS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}


def _precision(words: set[str]) -> str:
    """day for a weekday, a day of a month, "yesterday", "two days ago"; week, month, year for
    phrases that name only those."""
    day_words = {
        "day",
        "days",
        "yesterday",
        "today",
        "tonight",
        "ago",
        "morning",
        "evening",
        "night",
        "afternoon",
    }
    if words & WEEK_WORDS:
        return "week"
    if words & _WEEKDAYS or words & day_words:
        return "day"
    if words & _MONTHS:
        has_day = any(w.strip(",.").isdigit() and len(w.strip(",.")) <= 2 for w in words)
        return "day" if has_day else "month"
    if words & MONTH_WORDS:
        return "month"
    if words & YEAR_WORDS or any(w.isdigit() and len(w) == 4 for w in words):
        return "year"
    return "day"


_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def _weekday_only(words: set[str]) -> bool:
    return bool(words & _WEEKDAYS)
