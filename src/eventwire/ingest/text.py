"""Plain text scraped from a page: drop page chrome line by line, find the headline, keep the body.

The chrome rules are data (`data/chrome_lines.jsonl`): each row is a regular expression that must
match a whole line (bullets and surrounding whitespace removed), with the kind of chrome it is, an
example and where the rule comes from.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

_BULLET = re.compile(r"^\s*(?:[•·▪►▶◦‣∙*+–—-]|\d{1,2}[.)])\s+")
_HSPACE = re.compile(r"[^\S\n]+")
_SENTENCE_END = re.compile(r"[.:;,…]['\"’”)]*$")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")

HEADLINE_MIN_WORDS = 3
HEADLINE_MAX_WORDS = 30
NAV_MAX_WORDS = 4
"""Lines above the headline this short, without sentence punctuation, are navigation."""


@dataclass(frozen=True)
class ChromeRule:
    id: str
    kind: str
    pattern: re.Pattern[str]
    example: str
    source: str


@dataclass(frozen=True)
class CleanText:
    title: str | None
    text: str
    dropped: tuple[tuple[str, str], ...]
    """(rule id, line) of every line removed as chrome, for inspection."""


@cache
def chrome_rules() -> tuple[ChromeRule, ...]:
    path = resources.files("eventwire.ingest") / "data" / "chrome_lines.jsonl"
    rules = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            pattern = re.compile(row["pattern"], re.IGNORECASE)
            rules.append(ChromeRule(row["id"], row["kind"], pattern, row["example"], row["source"]))
    return tuple(rules)


def normalise_line(line: str) -> str:
    """One line with zero-width characters removed and runs of spaces collapsed."""
    return _HSPACE.sub(" ", _ZERO_WIDTH.sub("", line)).strip()


def chrome_rule_for(line: str) -> str | None:
    """The id of the chrome rule a normalised line matches, or None for article text."""
    bare = _BULLET.sub("", line).strip()
    for rule in chrome_rules():
        if rule.pattern.fullmatch(bare):
            return rule.id
    return None


def _paragraphs(raw: str) -> list[list[str]]:
    """Blocks of non-empty normalised lines, split at blank lines."""
    blocks: list[list[str]] = [[]]
    for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = normalise_line(line)
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _words(line: str) -> int:
    return len(line.split())


def _is_headline(line: str) -> bool:
    return (
        HEADLINE_MIN_WORDS <= _words(line) <= HEADLINE_MAX_WORDS
        and not _SENTENCE_END.search(line)
        and not _BULLET.match(line)
    )


def _is_nav(line: str) -> bool:
    return _words(line) <= NAV_MAX_WORDS and not _SENTENCE_END.search(line)


def clean_text(raw: str, title: str | None = None) -> CleanText:
    """Clean scraped text; `title`, when the source gives one, is used instead of detecting it.

    Paragraphs are joined with a blank line, lines inside a paragraph with a newline.
    """
    dropped: list[tuple[str, str]] = []
    blocks: list[list[str]] = []
    headings: set[int] = set()
    for block in _paragraphs(raw):
        kept = []
        for line in block:
            rule = chrome_rule_for(line)
            if rule:
                dropped.append((rule, line))
            else:
                kept.append(line)
        if kept:
            if len(kept) == 1 and _MARKDOWN_HEADING.match(kept[0]):
                headings.add(len(blocks))
                kept = [_MARKDOWN_HEADING.sub("", kept[0])]
            blocks.append(kept)

    # Above the headline: short navigation lines ("English News", section names).
    headline_at = None
    for i, block in enumerate(blocks):
        if len(block) == 1 and (
            (title and _same_line(block[0], title))
            or (not title and (i in headings or _is_headline(block[0])))
        ):
            headline_at = i
            break
        if not all(_is_nav(line) for line in block):
            break
    if headline_at is not None:
        dropped.extend(("above-headline", line) for b in blocks[:headline_at] for line in b)
        title = title or blocks[headline_at][0]
        blocks = blocks[headline_at + 1 :]
    text = "\n\n".join("\n".join(block) for block in blocks)
    return CleanText(title=title, text=text, dropped=tuple(dropped))


def _same_line(line: str, title: str) -> bool:
    return normalise_line(line).casefold() == normalise_line(title).casefold()
