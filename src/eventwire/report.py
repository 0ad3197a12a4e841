"""A stored document as a person reads it: the article's header, who is in it, its paragraphs."""

from __future__ import annotations

import textwrap
from typing import Any

TYPE_HEADINGS = {
    "PERSON": "People",
    "ORG": "Organisations",
    "NORP": "Groups and nationalities",
    "GPE": "Countries, regions and towns",
    "LOC": "Other places",
    "FAC": "Facilities",
}
WIDTH = 100


def describe_document(document: dict[str, Any]) -> str:
    """A plain-text view of a document: header, entities by type, numbered paragraphs."""
    article = document["article"]
    paragraphs = [p for p in article["text"].split("\n\n") if p.strip()]
    lines = [
        article["title"] or "(no headline)",
        " · ".join(
            [
                f"published {article['published'] or 'unknown'}",
                f"source {article['source'] or 'unknown'}",
                f"id {document['id']}",
                f"{len(paragraphs)} paragraphs, {len(article['text'])} characters",
            ]
        ),
    ]
    if article["url"]:
        lines.append(article["url"])
    lines.append("")
    for entity_type, heading in TYPE_HEADINGS.items():
        entities = [e for e in document["entities"] if e["type"] == entity_type]
        if not entities:
            continue
        names = ", ".join(_entity_label(e) for e in entities)
        lines.extend(textwrap.wrap(f"{heading}: {names}", WIDTH, subsequent_indent="    "))
    if document["places"]:
        resolved = ", ".join(_place_label(p) for p in document["places"])
        lines.extend(textwrap.wrap(f"Resolved places: {resolved}", WIDTH, subsequent_indent="    "))
    if document["quotes"]:
        lines.append("Quotes:")
        names = {e["id"]: e["name"] for e in document["entities"]}
        for quote in document["quotes"]:
            lines.extend(
                textwrap.wrap(
                    _quote_label(quote, names),
                    WIDTH,
                    initial_indent="  ",
                    subsequent_indent="      ",
                )
            )
    counts = {k: len(document[k]) for k in ("places", "quotes", "events")}
    lines.append(", ".join(f"{n} {k}" for k, n in counts.items()))
    lines.append("")
    for number, paragraph in enumerate(paragraphs, start=1):
        lines.extend(textwrap.wrap(f"[{number}] {paragraph}", WIDTH, subsequent_indent="    "))
    return "\n".join(lines)


def _entity_label(entity: dict[str, Any]) -> str:
    label = f"{entity['name']} ×{len(entity['mentions'])}"
    notes = []
    if entity["aliases"]:
        notes.append("also " + ", ".join(f"“{a}”" for a in entity["aliases"]))
    if entity["roles"]:
        notes.append(", ".join(entity["roles"]))
    if entity["affiliation"]:
        notes.append(entity["affiliation"])
    if entity["actor_id"]:
        notes.append(f"actor {entity['actor_id']}")
    return label + (f" ({'; '.join(notes)})" if notes else "")


def _quote_label(quote: dict[str, Any], names: dict[str, str]) -> str:
    """`Zabihullah Mujahid (claims; direct): “The enemy is under siege. …”`"""
    speaker = names.get(quote["speaker"]) or (
        f"“{quote['speaker_mention']['text']}”" if quote["speaker_mention"] else "unknown speaker"
    )
    how = [quote["cue"]["text"] if quote["cue"] else "no cue", quote["kind"]]
    if quote["channel"]:
        how.append(quote["channel"].replace("_", " "))
    text = " ".join(quote["text"].split())
    return f"{speaker} ({'; '.join(how)}): {text if len(text) <= 160 else text[:159] + '…'}"


def _place_label(place: dict[str, Any]) -> str:
    where = ", ".join(x for x in (place["admin1"], place["country"]) if x and x != place["name"])
    return (
        f"{place['name']} ({place['feature']}, {where}; {place['lat']:.2f}, {place['lon']:.2f}; "
        f"precision {place['precision']}) ×{len(place['mentions'])}"
        + (f", referred to ×{len(refs)}" if (refs := place.get("references")) else "")
    )
