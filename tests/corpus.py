"""Small made-up corpora for corpus-scale tests: distinct stories with events, places, quotes."""

from __future__ import annotations

import json
from pathlib import Path

TOWNS = [
    "Kunduz",
    "Herat",
    "Jalalabad",
    "Ghazni",
    "Kandahar",
    "Mazar-i-Sharif",
    "Bamiyan",
    "Faizabad",
    "Khost",
    "Gardez",
    "Lashkar Gah",
    "Pul-e-Khumri",
]
GROUPS = ["Taliban fighters", "gunmen", "militants", "rebels"]
OUTLETS = ["wire.example", "daily.example", "radio.example"]


def story(number: int) -> dict:
    """Article `number` as a JSON Lines record; no two numbers give the same text."""
    town = TOWNS[number % len(TOWNS)]
    group = GROUPS[number % len(GROUPS)]
    day = 1 + number % 27
    dead = 2 + number % 9
    text = (
        f"{group.capitalize()} attacked a police checkpoint in {town} on Monday, killing "
        f"{dead} officers, the provincial governor said.\n\n"
        f"A spokesman for the interior ministry said reinforcements had been sent to {town} "
        f"and that {number + 3} suspects were arrested overnight.\n\n"
        f'"We will not allow them to take the city," the police chief told reporters in a '
        f"statement on Tuesday. Residents said the fighting lasted {number % 5 + 2} hours.\n\n"
        f"The United Nations called for calm and urged both sides to protect civilians "
        f"(report {number})."
    )
    outlet = OUTLETS[number % len(OUTLETS)]
    return {
        "id": f"story-{number:04d}",
        "url": f"https://{outlet}/news/{number}",
        "source": outlet,
        "published": f"2021-09-{day:02d}",
        "title": f"Attack on checkpoint in {town}",
        "text": text,
    }


def write_corpus(path: Path, count: int, start: int = 0) -> Path:
    path.write_text(
        "".join(json.dumps(story(n)) + "\n" for n in range(start, start + count)),
        encoding="utf-8",
    )
    return path
