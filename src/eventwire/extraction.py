"""From records to `Document`s: clean each article, run the shared pipeline in batches, assemble."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from .document import Article, Attribution, Document, Entity, Event, Place, Quote, Span
from .events.acled import acled_class, acled_types
from .events.when import event_date
from .ingest import InputError, Record, build_article
from .nlp import load_pipeline
from .quotes import claim_for

BATCH_SIZE = 32
NLP_BATCH_SIZE = 8
"""Docs the parser holds at once: its memory grows with the text in a batch, and beyond 8 news
articles throughput gains nothing (measured with `make bench`) while peak memory doubles."""
ErrorHandler = Callable[[InputError], None]


def extract(
    text: str | None = None,
    html: str | None = None,
    url: str | None = None,
    published: str | None = None,
    *,
    title: str | None = None,
    source: str | None = None,
    id: str | None = None,
    actors: Sequence[str | Path] = (),
) -> Document:
    """Extract one article given as plain text or HTML; raises `InputError` for unusable input.
    `actors` are registry files (YAML or JSON Lines) added to the bundled actor registry."""
    record = _as_record(
        {
            "text": text,
            "html": html,
            "url": url,
            "published": published,
            "title": title,
            "source": source,
            "id": id,
        },
        "<article>",
    )
    return next(extract_many([record], actors=actors))


def extract_many(
    records: Iterable[Record | Mapping[str, Any]],
    *,
    published: str | None = None,
    url: str | None = None,
    on_error: ErrorHandler | None = None,
    batch_size: int = BATCH_SIZE,
    actors: Sequence[str | Path] = (),
) -> Iterator[Document]:
    """Documents for `records` (`Record`s or dicts with id/text/html/url/title/published/source),
    in input order. `published` and `url` fill in what a record lacks. A record that fails raises
    `InputError`, unless `on_error` is given: then it is called and the batch goes on.
    `actors` are registry files added to the bundled actor registry (`RegistryError` if bad).
    """
    nlp = load_pipeline(actors)
    numbered = (
        r if isinstance(r, Record | InputError) else _as_record(r, f"record {i}")
        for i, r in enumerate(records, start=1)
    )
    for batch in batches(numbered, batch_size):
        yield from _extract_batch(nlp, batch, published, url, on_error)


def _extract_batch(nlp, batch, published, url, on_error) -> Iterator[Document]:
    prepared: list[tuple[str, Article] | InputError] = []
    for item in batch:
        try:
            if isinstance(item, InputError):
                raise item
            prepared.append(build_article(item, published, url))
        except InputError as exc:
            prepared.append(exc)
    good = [p for p in prepared if not isinstance(p, InputError)]
    docs = iter(nlp.pipe((article.text for _, article in good), batch_size=NLP_BATCH_SIZE))
    for item in prepared:
        if isinstance(item, InputError):
            if on_error is None:
                raise item
            on_error(item)
            continue
        doc_id, article = item
        yield assemble(doc_id, article, next(docs))


def assemble(doc_id: str, article: Article, doc: Doc) -> Document:
    """The document of one article from its processed spaCy doc."""
    text = article.text
    entities = [
        Entity(
            id=entity_id(i),
            name=cluster.name,
            type=cluster.type,
            aliases=cluster.aliases,
            mentions=[Span.of(text, s, e) for s, e in cluster.mentions],
            actor_id=cluster.actor_id,
            kind=cluster.kind,
            affiliation=cluster.affiliation,
            roles=list(cluster.roles),
        )
        for i, cluster in enumerate(doc._.entity_clusters)
    ]
    quotes = [
        Quote(
            id=f"q{i}",
            kind=quote.kind,
            text=text[quote.start : quote.end],
            start=quote.start,
            end=quote.end,
            speaker=entity_id(quote.speaker),
            speaker_mention=_span(text, quote.speaker_span),
            cue=_span(text, quote.cue_span),
            channel=quote.channel,
        )
        for i, quote in enumerate(doc._.quotes, start=1)
    ]
    places = [
        Place(
            id=f"p{i}",
            name=place.candidate.name,
            lat=round(place.candidate.lat, 5),
            lon=round(place.candidate.lon, 5),
            country=place.candidate.country,
            admin1=place.candidate.admin1,
            admin2=place.candidate.admin2,
            feature=place.candidate.kind,
            precision=place.precision,
            gazetteer_id=place.candidate.id,
            mentions=[Span.of(text, s, e) for s, e in place.mentions],
            references=[Span.of(text, s, e) for s, e in place.references],
        )
        for i, place in enumerate(doc._.places, start=1)
    ]
    events = _events(doc, article, places)
    return Document(
        id=doc_id,
        article=article,
        entities=entities,
        places=places,
        quotes=quotes,
        events=events,
    )


def _events(doc: Doc, article: Article, places: list[Place]) -> list[Event]:
    text = article.text
    place_of = {(m.start, m.end): p.id for p in places for m in p.mentions}
    clusters = doc._.entity_clusters
    events = []
    for i, found in enumerate(doc._.events or [], start=1):
        claim = claim_for(doc, doc._.quotes, *found.evidence)
        day, precision = event_date(found.trigger, article.published)
        actor_kind = clusters[found.actor].kind if found.actor is not None else None
        cls = acled_class(found.type, found.mode, found.acled, found.victims_are_civilians)
        events.append(
            Event(
                id=f"v{i}",
                type=found.type,
                mode=found.mode,
                evidence=Span.of(text, *found.evidence),
                actor=entity_id(found.actor),
                target=entity_id(found.target)
                or (place_of.get(found.target_place) if found.target_place else None),
                place=place_of.get(found.place) if found.place else None,
                date=day,
                date_precision=precision,
                negated=found.negated,
                modality=found.modality,
                attribution=Attribution(
                    source=entity_id(claim.source),
                    quote=None if claim.quote is None else f"q{claim.quote + 1}",
                    cue=_span(text, claim.hedge_span or claim.cue_span),
                    hedged=claim.hedged,
                ),
                acled=acled_types(cls, actor_kind),
                fatalities=found.fatalities,
            )
        )
    return events


def entity_id(cluster_index: int | None) -> str | None:
    """The document entity id of the cluster at `cluster_index` in `doc._.entity_clusters`."""
    return None if cluster_index is None else f"e{cluster_index + 1}"


def _span(text: str, offsets: tuple[int, int] | None) -> Span | None:
    return None if offsets is None else Span.of(text, *offsets)


def _as_record(data: Mapping[str, Any], origin: str) -> Record | InputError:
    try:
        return Record.from_mapping(dict(data), origin)
    except InputError as exc:
        return exc


def batches(items: Iterable, size: int) -> Iterator[list]:
    """`items` in lists of `size` (the last one shorter), read lazily."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
