"""ACLED event_type / sub_event_type for a PLOVER-coded event.

A pattern may name its ACLED class (`acled` in `data/patterns.jsonl`: "air/drone strike",
"territory"); otherwise the PLOVER type and mode decide (`data/acled_defaults.jsonl`). An ASSAULT
with no more specific class is an attack on civilians when its victims are civilians and an armed
clash otherwise. Territory taken is "Government regains territory" when state forces take it and
"Non-state actor overtakes territory" otherwise. Verbal events (REQUEST, ACCUSE, …) have no ACLED
type.
"""

from __future__ import annotations

from functools import cache

from ..datafiles import jsonl_rows


@cache
def _classes() -> list[dict]:
    return list(jsonl_rows("eventwire.events", "acled.jsonl"))


@cache
def _defaults() -> dict[tuple[str, str | None], str]:
    return {
        (r["type"], r["mode"]): r["class"]
        for r in jsonl_rows("eventwire.events", "acled_defaults.jsonl")
    }


def acled_class(
    plover_type: str, mode: str | None, pattern_class: str | None, civilians: bool
) -> str | None:
    if pattern_class:
        return pattern_class
    found = _defaults().get((plover_type, mode)) or _defaults().get((plover_type, None))
    if found:
        return found
    if plover_type == "ASSAULT":
        return "attack" if civilians else "armed clash"
    return None


def acled_types(cls: str | None, actor_kind: str | None) -> dict[str, str] | None:
    """{"event_type": …, "sub_event_type": …} for an ACLED class, given the actor's kind."""
    if cls is None:
        return None
    for row in _classes():
        if row["class"] == cls and row.get("when_actor_kind") in (None, actor_kind):
            return {"event_type": row["event_type"], "sub_event_type": row["sub_event_type"]}
    return None
