"""The store: documents in a relational database through SQLAlchemy Core (SQLite by default).

Each article is saved in one transaction, so a failure never leaves half an article behind and
never touches what is already stored. The schema is created and upgraded by Alembic migrations.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, func, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import ArgumentError, InterfaceError, OperationalError, SQLAlchemyError

from ..document import Document
from ..ingest import text_hash
from . import tables
from .query import (
    Filters,
    Page,
    contradiction_conditions,
    event_conditions,
    incident_conditions,
)

DEFAULT_DB = "sqlite:///eventwire.db"


class StoreError(Exception):
    """The database cannot be opened or used; the message says which and why."""


class StoreUnavailable(StoreError):
    """The database went away or refuses writes (server down, disk full, read-only): nothing more
    can be stored in this run, and what was stored is intact."""


_UNAVAILABLE = (OperationalError, InterfaceError)
"""Errors of the database itself rather than of one article's rows."""


def database_url(url: str) -> str:
    """`url` with PostgreSQL URLs pointed at the psycopg 3 driver eventwire installs."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _describe(exc: SQLAlchemyError) -> str:
    return " ".join(str(getattr(exc, "orig", None) or exc).split())


@dataclass(frozen=True)
class SaveResult:
    id: str
    stored: bool
    """False when the article was already stored (same URL, else same normalised text)."""


def _migrations_config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("eventwire.store") / "migrations")
    )
    config.attributes["connection"] = connection
    return config


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


class Store:
    """Documents and their rows in the database at `url` (an SQLAlchemy URL)."""

    def __init__(self, url: str = DEFAULT_DB) -> None:
        self.url = url
        try:
            self.engine: Engine = create_engine(database_url(url), pool_pre_ping=True)
        except (ArgumentError, ValueError) as exc:
            raise StoreError(f"{url}: not a database URL ({exc})") from None
        except ImportError as exc:
            raise StoreError(f"{url}: database driver not installed ({exc.name})") from None
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        try:
            with self.engine.begin() as connection:
                command.upgrade(_migrations_config(connection), "head")
        except _UNAVAILABLE as exc:
            raise StoreError(f"{url}: cannot open database ({_describe(exc)})") from None

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def save(self, document: Document) -> SaveResult:
        """Store one document with all its rows, unless the same article is already stored."""
        data = document.to_dict()
        try:
            return self._save(data, text_hash(data["article"]["text"]))
        except _UNAVAILABLE as exc:
            raise StoreUnavailable(f"database unavailable: {_describe(exc)}") from None
        except SQLAlchemyError as exc:
            raise StoreError(f"database error: {_describe(exc)}") from None

    def _save(self, data: dict[str, Any], digest: str) -> SaveResult:
        article = data["article"]
        with self.engine.begin() as connection:
            same = tables.articles.c.text_hash == digest
            if article["url"]:
                same = or_(tables.articles.c.url == article["url"], same)
            existing = connection.execute(select(tables.articles.c.id).where(same)).scalar()
            if existing is not None:
                return SaveResult(existing, stored=False)
            if connection.execute(
                select(tables.articles.c.id).where(tables.articles.c.id == data["id"])
            ).scalar():
                raise StoreError(f"another article is already stored with id {data['id']!r}")
            connection.execute(tables.articles.insert(), [_article_row(data, digest)])
            for table, rows in _child_rows(data).items():
                if rows:
                    connection.execute(table.insert(), rows)
            connection.execute(_set_state("incidents_stale", "1"))
        return SaveResult(data["id"], stored=True)

    def has(self, url: str) -> bool:
        """True when an article with this URL is stored."""
        a = tables.articles
        with self.engine.connect() as connection:
            found = connection.execute(select(a.c.id).where(a.c.url == url).limit(1)).first()
        return found is not None

    def incidents_stale(self) -> bool:
        """True when articles were stored after incidents were last rebuilt (or never were)."""
        s = tables.state
        with self.engine.connect() as connection:
            value = connection.execute(
                select(s.c.value).where(s.c.key == "incidents_stale")
            ).scalar()
        return value != "0"

    def documents(self, by_publication: bool = False) -> Iterator[dict[str, Any]]:
        """Every stored document JSON, streamed: oldest ingestion first, or with
        `by_publication` oldest publish date first (undated last, then by ingestion)."""
        a = tables.articles
        by_ingestion = [a.c.ingested_at, a.c.id]
        if not by_publication:
            yield from self._documents(select(a.c.document).order_by(*by_ingestion))
            return
        # Two queries, each in the order of an index, so that neither sorts the whole table.
        dated = a.c.published.is_not(None)
        yield from self._documents(
            select(a.c.document).where(dated).order_by(a.c.published, *by_ingestion)
        )
        yield from self._documents(
            select(a.c.document).where(a.c.published.is_(None)).order_by(*by_ingestion)
        )

    def _documents(self, query: Any) -> Iterator[dict[str, Any]]:
        with self.engine.connect() as connection:
            streaming = connection.execution_options(stream_results=True, yield_per=50)
            for (document,) in streaming.execute(query):
                yield json.loads(document)

    def document(self, article_id: str | None = None) -> dict[str, Any] | None:
        """The stored document JSON of one article (the last ingested when no id is given)."""
        a = tables.articles
        query = select(a.c.document)
        if article_id is None:
            query = query.order_by(a.c.ingested_at.desc(), a.c.id.desc()).limit(1)
        else:
            query = query.where(a.c.id == article_id)
        with self.engine.connect() as connection:
            found = connection.execute(query).scalar()
        return json.loads(found) if found is not None else None

    def articles(self, page: Page | None = None) -> list[dict[str, Any]]:
        """One summary row per stored article, with its entity count."""
        a, e = tables.articles, tables.entities
        counts = (
            select(e.c.article_id, func.count().label("entities"))
            .group_by(e.c.article_id)
            .subquery()
        )
        query = (
            select(
                a.c.id,
                a.c.published,
                a.c.source,
                a.c.title,
                a.c.url,
                func.length(a.c.text).label("characters"),
                func.coalesce(counts.c.entities, 0).label("entities"),
            )
            .outerjoin(counts, counts.c.article_id == a.c.id)
            .order_by(a.c.ingested_at, a.c.id)
        )
        return self._rows(query, page)

    def entities(
        self, page: Page | None = None, article_id: str | None = None, actor_id: str | None = None
    ) -> list[dict[str, Any]]:
        """One row per stored entity (of one article, or linked to one actor) with its mention
        count, in article then entity order."""
        e, a = tables.entities, tables.articles
        counts = _mention_counts()
        query = (
            select(
                e.c.article_id,
                e.c.id,
                e.c.name,
                e.c.type,
                e.c.actor_id,
                e.c.kind,
                e.c.affiliation,
                e.c.roles,
                e.c.aliases,
                func.coalesce(counts.c.mentions, 0).label("mentions"),
            )
            .join(a, a.c.id == e.c.article_id)
            .outerjoin(
                counts, (counts.c.article_id == e.c.article_id) & (counts.c.owner_id == e.c.id)
            )
            .order_by(a.c.ingested_at, e.c.article_id, func.length(e.c.id), e.c.id)
        )
        if article_id is not None:
            query = query.where(e.c.article_id == article_id)
        if actor_id is not None:
            query = query.where(e.c.actor_id == actor_id)
        rows = self._rows(query, page)
        for row in rows:
            row["aliases"] = json.loads(row["aliases"])
            row["roles"] = json.loads(row["roles"])
        return rows

    def events(
        self, filters: Filters | None = None, page: Page | None = None, placed: bool = False
    ) -> list[dict[str, Any]]:
        """One row per stored event matching `filters` (in `page`; only those with coordinates
        when `placed`), with actor, target, place and claim source names, the outlet and the
        evidence text, in article then text order."""
        return self._rows(self._events_query(filters, placed), page)

    def _events_query(self, filters: Filters | None, placed: bool = False) -> Any:
        v, a = tables.events, tables.articles
        report, incident = tables.incident_reports, tables.incidents
        actor, target, source = (tables.entities.alias(n) for n in ("actor", "target", "source"))
        place, target_place = tables.places.alias("place"), tables.places.alias("target_place")

        def named(alias, column):
            return (alias.c.article_id == v.c.article_id) & (alias.c.id == column)

        query = (
            select(
                v.c.article_id,
                v.c.id,
                v.c.type,
                v.c.mode,
                actor.c.name.label("actor"),
                actor.c.actor_id.label("actor_id"),
                func.coalesce(target.c.name, target_place.c.name).label("target"),
                target.c.actor_id.label("target_actor_id"),
                place.c.name.label("place"),
                place.c.lat,
                place.c.lon,
                place.c.country,
                place.c.admin1,
                place.c.admin2,
                place.c.precision.label("geo_precision"),
                v.c.date,
                v.c.date_precision,
                v.c.modality,
                v.c.negated,
                v.c.hedged,
                source.c.name.label("source"),
                v.c.acled_event_type,
                v.c.acled_sub_event_type,
                v.c.fatalities,
                v.c.evidence_start,
                v.c.evidence_end,
                _evidence_text(a, v),
                a.c.source.label("outlet"),
                a.c.url,
                a.c.published,
                a.c.title,
                report.c.incident_id,
                incident.c.independent_sources,
            )
            .join(a, a.c.id == v.c.article_id)
            .outerjoin(
                report,
                (report.c.article_id == v.c.article_id) & (report.c.event_id == v.c.id),
            )
            .outerjoin(incident, incident.c.id == report.c.incident_id)
            .outerjoin(actor, named(actor, v.c.actor))
            .outerjoin(target, named(target, v.c.target))
            .outerjoin(target_place, named(target_place, v.c.target))
            .outerjoin(place, named(place, v.c.place))
            .outerjoin(source, named(source, v.c.source))
            .where(
                *event_conditions(
                    filters or Filters(),
                    {"events": v, "articles": a, "actor": actor, "target": target, "place": place},
                )
            )
            .order_by(a.c.ingested_at, v.c.article_id, v.c.evidence_start)
        )
        return query.where(place.c.lat.is_not(None)) if placed else query

    def count(self, what: str, filters: Filters | None = None, min_reports: int = 1) -> int:
        """How many articles are stored, or events, incidents or contradictions match
        `filters`."""
        queries = {
            "articles": lambda: select(tables.articles.c.id),
            "events": lambda: self._events_query(filters),
            "incidents": lambda: self._incidents_query(min_reports, filters),
            "contradictions": lambda: self._contradictions_query(filters),
        }
        if what == "events" and (filters is None or filters == Filters()):
            queries["events"] = lambda: select(tables.events.c.id)
        query = queries[what]().order_by(None)
        # Only the first column is counted over: the text cut for the evidence is not needed.
        query = query.with_only_columns(next(iter(query.selected_columns)))
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(query.subquery())).scalar()

    def _rows(self, query: Any, page: Page | None) -> list[dict[str, Any]]:
        if page is not None:
            query = query.limit(page.limit).offset(page.offset)
        with self.engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(query)]

    def actors(self, page: Page | None = None) -> list[dict[str, Any]]:
        """One row per registry actor found in the stored articles: its id, the names it goes
        by there, how many articles and mentions; most mentioned first."""
        e = tables.entities
        mentions = _mention_counts()
        query = (
            select(
                e.c.actor_id,
                func.min(e.c.kind).label("kind"),
                func.min(e.c.name).label("name"),
                func.count(func.distinct(e.c.article_id)).label("articles"),
                func.coalesce(func.sum(mentions.c.mentions), 0).label("mentions"),
            )
            .outerjoin(
                mentions,
                (mentions.c.article_id == e.c.article_id) & (mentions.c.owner_id == e.c.id),
            )
            .where(e.c.actor_id.is_not(None))
            .group_by(e.c.actor_id)
            .order_by(func.coalesce(func.sum(mentions.c.mentions), 0).desc(), e.c.actor_id)
        )
        return self._rows(query, page)

    def places(
        self, page: Page | None = None, article_id: str | None = None
    ) -> list[dict[str, Any]]:
        """One row per resolved place of each article, with coordinates and precision."""
        p, a = tables.places, tables.articles
        query = (
            select(p)
            .join(a, a.c.id == p.c.article_id)
            .order_by(a.c.ingested_at, p.c.article_id, func.length(p.c.id), p.c.id)
        )
        if article_id is not None:
            query = query.where(p.c.article_id == article_id)
        return self._rows(query, page)

    def quotes(
        self, page: Page | None = None, article_id: str | None = None
    ) -> list[dict[str, Any]]:
        """One row per stored quote with its speaker's name, in article then text order."""
        q, e, a = tables.quotes, tables.entities, tables.articles
        query = (
            select(
                q.c.article_id,
                q.c.id,
                q.c.kind,
                e.c.name.label("speaker"),
                e.c.actor_id.label("speaker_actor_id"),
                q.c.cue,
                q.c.channel,
                q.c.text,
            )
            .join(a, a.c.id == q.c.article_id)
            .outerjoin(e, (e.c.article_id == q.c.article_id) & (e.c.id == q.c.speaker))
            .order_by(a.c.ingested_at, q.c.article_id, q.c.start)
        )
        if article_id is not None:
            query = query.where(q.c.article_id == article_id)
        return self._rows(query, page)

    def rebuild_incidents(self) -> dict[str, int]:
        """Recompute copies, incidents and contradictions from every stored document and replace
        the old ones in one transaction; the counts of each. Streamed: the comparing happens in
        a scratch file (`incidents.Corpus`) and rows are written in batches, so memory does not
        grow with the corpus."""
        from ..incidents import Corpus

        counts = {"copies": 0, "incidents": 0, "contradictions": 0}
        try:
            with (
                Corpus(self.documents(by_publication=True)) as corpus,
                self.engine.begin() as connection,
            ):
                for table in (
                    tables.contradictions,
                    tables.incident_reports,
                    tables.incidents,
                    tables.copies,
                ):
                    connection.execute(table.delete())
                for table, rows in _corpus_rows(corpus):
                    connection.execute(table.insert(), rows)
                    if table.name in counts:
                        counts[table.name] += len(rows)
                connection.execute(_set_state("incidents_stale", "0"))
        except _UNAVAILABLE as exc:
            raise StoreUnavailable(f"database unavailable: {_describe(exc)}") from None
        except SQLAlchemyError as exc:
            raise StoreError(f"database error: {_describe(exc)}") from None
        except (sqlite3.Error, OSError) as exc:
            # Only the scratch file raises these: the database's own errors come as SQLAlchemy's.
            raise StoreUnavailable(
                f"incident rebuild: cannot use its scratch file in {tempfile.gettempdir()} "
                f"({exc}); set TMPDIR to a directory with room"
            ) from None
        return counts

    def incidents(
        self, min_reports: int = 1, filters: Filters | None = None, page: Page | None = None
    ) -> list[dict[str, Any]]:
        """Incidents with at least `min_reports` reports matching `filters` (in `page`), most
        reported first."""
        rows = self._rows(self._incidents_query(min_reports, filters), page)
        for row in rows:
            row["actors"], row["targets"] = json.loads(row["actors"]), json.loads(row["targets"])
            row.pop("links")
        return rows

    def _incidents_query(self, min_reports: int, filters: Filters | None) -> Any:
        i = tables.incidents
        return (
            select(i)
            .where(i.c.reports >= min_reports, *incident_conditions(filters or Filters()))
            .order_by(i.c.independent_sources.desc(), i.c.reports.desc(), i.c.date, i.c.id)
        )

    def incident(self, incident_id: str) -> dict[str, Any] | None:
        """One incident with its reports (article, outlet, evidence) and why they were merged."""
        i, r, v, a = tables.incidents, tables.incident_reports, tables.events, tables.articles
        claimant = tables.entities.alias("claimant")
        with self.engine.connect() as connection:
            found = connection.execute(select(i).where(i.c.id == incident_id)).first()
            if found is None:
                return None
            incident = dict(found._mapping)
            query = (
                select(
                    r.c.article_id,
                    r.c.event_id,
                    a.c.source,
                    a.c.url,
                    a.c.published,
                    a.c.title,
                    v.c.hedged,
                    v.c.negated,
                    v.c.modality,
                    v.c.fatalities,
                    claimant.c.name.label("claimed_by"),
                    v.c.evidence_start,
                    v.c.evidence_end,
                    _evidence_text(a, v),
                )
                .join(a, a.c.id == r.c.article_id)
                .join(v, (v.c.article_id == r.c.article_id) & (v.c.id == r.c.event_id))
                .outerjoin(
                    claimant,
                    (claimant.c.article_id == v.c.article_id) & (claimant.c.id == v.c.source),
                )
                .where(r.c.incident_id == incident_id)
                .order_by(a.c.published, r.c.article_id, r.c.event_id)
            )
            incident["report_rows"] = [dict(row._mapping) for row in connection.execute(query)]
        incident["actors"] = json.loads(incident["actors"])
        incident["targets"] = json.loads(incident["targets"])
        incident["links"] = json.loads(incident["links"])
        return incident

    def incidents_of(self, article_id: str) -> dict[str, str]:
        """Event id -> incident id for the events of one article."""
        r = tables.incident_reports
        query = select(r.c.event_id, r.c.incident_id).where(r.c.article_id == article_id)
        with self.engine.connect() as connection:
            return {event: incident for event, incident in connection.execute(query)}

    def contradictions(
        self, filters: Filters | None = None, page: Page | None = None
    ) -> list[dict[str, Any]]:
        """The contradiction ledger (entries whose incident matches `filters`, in `page`): each
        entry with both sides and their sources."""
        rows = self._rows(self._contradictions_query(filters), page)
        for row in rows:
            row["sides"] = json.loads(row["sides"])
        return rows

    def _contradictions_query(self, filters: Filters | None) -> Any:
        c = tables.contradictions
        return (
            select(c)
            .where(*contradiction_conditions(filters or Filters()))
            .order_by(c.c.kind, c.c.incident_id, c.c.id)
        )

    def copies(self) -> list[dict[str, Any]]:
        c = tables.copies
        with self.engine.connect() as connection:
            query = select(c).order_by(c.c.original_id, c.c.article_id)
            return [dict(row._mapping) for row in connection.execute(query)]


def _mention_counts() -> Any:
    """Mentions per (article, entity or place), as a subquery to join."""
    m = tables.mentions
    return (
        select(m.c.article_id, m.c.owner_id, func.count().label("mentions"))
        .group_by(m.c.article_id, m.c.owner_id)
        .subquery()
    )


def _set_state(key: str, value: str) -> Any:
    return tables.state.update().where(tables.state.c.key == key).values(value=value)


def _evidence_text(articles: Any, events: Any) -> Any:
    """The event's evidence span cut from its article text, in SQL."""
    start, end = events.c.evidence_start, events.c.evidence_end
    return func.substr(articles.c.text, start + 1, end - start).label("evidence")


def _side(report: Any, side: str) -> dict[str, Any]:
    return {
        "side": side,
        "article_id": report.article_id,
        "event_id": report.event_id,
        "outlet": report.outlet,
        "published": report.published,
        "url": report.url,
        "claimed_by": report.claimed_by,
        "hedged": report.hedged,
        "evidence": {
            "start": report.evidence[0],
            "end": report.evidence[1],
            "text": report.evidence_text,
        },
    }


WRITE_BATCH = 1000
"""Derived rows inserted per statement by `rebuild_incidents`."""


def _corpus_rows(corpus: Any) -> Iterator[tuple[Any, list[dict]]]:
    """(table, a batch of rows) for the corpus view."""
    from ..incidents import within

    # Flushed in this order, so an incident is written before the rows that refer to it.
    batches: dict[Any, list[dict]] = {
        tables.copies: [],
        tables.incidents: [],
        tables.incident_reports: [],
        tables.contradictions: [],
    }

    def flush(at_least: int) -> Iterator[tuple[Any, list[dict]]]:
        if max(map(len, batches.values())) < at_least:
            return
        for table, batch in batches.items():
            if batch:
                yield table, batch[:]
                batch.clear()

    for copy in corpus.copies():
        batches[tables.copies].append(_copy_row(copy))
        yield from flush(WRITE_BATCH)
    for incident in corpus.incidents():
        batches[tables.incidents].append(_incident_row(incident))
        batches[tables.incident_reports].extend(_report_rows(incident))
        batches[tables.contradictions].extend(map(_contradiction_row, within(incident)))
        yield from flush(WRITE_BATCH)
    for contradiction in corpus.opposing():
        batches[tables.contradictions].append(_contradiction_row(contradiction))
        yield from flush(WRITE_BATCH)
    yield from flush(1)


def _copy_row(copy: Any) -> dict[str, Any]:
    return {
        "article_id": copy.article_id,
        "original_id": copy.original_id,
        "similarity": copy.similarity,
    }


def _incident_row(incident: Any) -> dict[str, Any]:
    row = incident.summary()
    row["actors"] = json.dumps(row["actors"], ensure_ascii=False)
    row["targets"] = json.dumps(row["targets"], ensure_ascii=False)
    row["links"] = json.dumps(
        [{"a": link.a, "b": link.b, "reasons": link.reasons} for link in incident.links],
        ensure_ascii=False,
    )
    return row


def _report_rows(incident: Any) -> list[dict[str, Any]]:
    return [
        {"incident_id": incident.id, "article_id": r.article_id, "event_id": r.event_id}
        for r in incident.reports
    ]


def _contradiction_row(contradiction: Any) -> dict[str, Any]:
    sides = [_side(r, "a") for r in contradiction.side_a]
    sides += [_side(r, "b") for r in contradiction.side_b]
    return {
        "id": contradiction.id,
        "kind": contradiction.kind,
        "incident_id": contradiction.incident,
        "other_incident_id": contradiction.other_incident,
        "summary": contradiction.summary,
        "sides": json.dumps(sides, ensure_ascii=False),
    }


def _article_row(data: dict[str, Any], digest: str) -> dict[str, Any]:
    article = data["article"]
    return {
        "id": data["id"],
        "url": article["url"],
        "text_hash": digest,
        "title": article["title"],
        "published": article["published"],
        "source": article["source"],
        "language": article["language"],
        "text": article["text"],
        "document": json.dumps(data, ensure_ascii=False),
        "ingested_at": datetime.now(UTC).isoformat(timespec="microseconds"),
    }


def _child_rows(data: dict[str, Any]) -> dict[Any, list[dict[str, Any]]]:
    article_id = data["id"]
    rows: dict[Any, list[dict[str, Any]]] = {
        tables.entities: [],
        tables.places: [],
        tables.quotes: [],
        tables.events: [],
        tables.mentions: [],
    }
    for entity in data["entities"]:
        rows[tables.entities].append(
            {
                "article_id": article_id,
                "id": entity["id"],
                "name": entity["name"],
                "type": entity["type"],
                "actor_id": entity["actor_id"],
                "kind": entity["kind"],
                "affiliation": entity["affiliation"],
                "roles": json.dumps(entity["roles"]),
                "aliases": json.dumps(entity["aliases"], ensure_ascii=False),
            }
        )
    for place in data["places"]:
        rows[tables.places].append(
            {
                "article_id": article_id,
                **{
                    k: place[k]
                    for k in (
                        "id",
                        "name",
                        "lat",
                        "lon",
                        "country",
                        "admin1",
                        "admin2",
                        "feature",
                        "precision",
                        "gazetteer_id",
                    )
                },
            }
        )
    for owner in (*data["entities"], *data["places"]):
        rows[tables.mentions].extend(
            {"article_id": article_id, "owner_id": owner["id"], **mention}
            for mention in owner["mentions"]
        )
    for quote in data["quotes"]:
        rows[tables.quotes].append(
            {
                "article_id": article_id,
                **{
                    k: quote[k]
                    for k in ("id", "kind", "text", "start", "end", "speaker", "channel")
                },
                "cue": quote["cue"]["text"] if quote["cue"] else None,
            }
        )
    for ev in data["events"]:
        attribution, acled = ev["attribution"], ev["acled"] or {}
        rows[tables.events].append(
            {
                "article_id": article_id,
                **{
                    k: ev[k]
                    for k in (
                        "id",
                        "type",
                        "mode",
                        "actor",
                        "target",
                        "place",
                        "date",
                        "date_precision",
                        "negated",
                        "modality",
                        "fatalities",
                    )
                },
                "source": attribution["source"],
                "quote": attribution["quote"],
                "hedged": attribution["hedged"],
                "acled_event_type": acled.get("event_type"),
                "acled_sub_event_type": acled.get("sub_event_type"),
                "evidence_start": ev["evidence"]["start"],
                "evidence_end": ev["evidence"]["end"],
            }
        )
    return rows
