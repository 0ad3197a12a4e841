"""Quotation-mark pairing: the character spans of direct quotes in an article's text.

Curly marks say which way they face; a straight mark opens when it follows a space, a line start
or an opening bracket, and closes otherwise. Mixed pairs (a straight mark closed by a curly one)
are common in scraped news and are accepted. A quote left open at a paragraph's end continues
into the next paragraph only when that paragraph opens with a quotation mark (the typographic
convention for multi-paragraph quotes); otherwise the stray mark is ignored.
"""

from __future__ import annotations

OPENING = frozenset("“„«")
CLOSING = frozenset("”»")
STRAIGHT = '"'
MAX_QUOTE_CHARS = 6000
"""A longer "quote" is almost always two stray marks paired across an article."""


def _direction(text: str, i: int) -> str:
    char = text[i]
    if char in OPENING:
        return "open"
    if char in CLOSING:
        return "close"
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() or before in "([{—–-:":
        return "open" if not after.isspace() else "close"
    return "close"


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quote, quotation marks included, in text order."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for i, char in enumerate(text):
        if char not in OPENING and char not in CLOSING and char != STRAIGHT:
            continue
        if open_at is not None and not _paragraphs_continue(text, open_at, i):
            open_at = None  # the earlier mark was stray: the quote did not go on
        if _direction(text, i) == "open":
            if open_at is None or not _starts_paragraph(text, i):
                open_at = i
        elif open_at is not None:
            if i + 1 - open_at <= MAX_QUOTE_CHARS:
                spans.append((open_at, i + 1))
            open_at = None
    return spans


def _starts_paragraph(text: str, i: int) -> bool:
    line_start = text.rfind("\n", 0, i) + 1
    return line_start > 0 and not text[line_start:i].strip()


def _paragraphs_continue(text: str, open_at: int, i: int) -> bool:
    """True when every later paragraph up to `i` opens with a quotation mark."""
    for line in text[open_at : i + 1].split("\n")[1:]:
        stripped = line.lstrip()
        if stripped and stripped[0] not in OPENING and stripped[0] != STRAIGHT:
            return False
    return True
