"""The relational schema: one row per article, entity, mention, place, quote and event.

The whole document JSON is kept on the article row, so nothing extracted is ever lost to the
columns; the other tables make it queryable. Copies, incidents and the contradiction ledger are
derived from the documents and rebuilt as a whole (`Store.rebuild_incidents`). Migrations in
`migrations/` create and evolve the schema.
"""

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", String, primary_key=True),
    Column("url", String, unique=True),
    Column("text_hash", String(64), nullable=False, unique=True),
    Column("title", Text),
    Column("published", String(10), index=True),
    Column("source", String, index=True),
    Column("language", String(8)),
    Column("text", Text, nullable=False),
    Column("document", Text, nullable=False),
    Column("ingested_at", String, nullable=False),
)


def _child(name: str, *columns: Column) -> Table:
    return Table(
        name,
        metadata,
        Column(
            "article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
        ),
        Column("id", String, primary_key=True),
        *columns,
    )


entities = _child(
    "entities",
    Column("name", Text, nullable=False),
    Column("type", String(8), nullable=False),
    Column("actor_id", String, index=True),
    Column("kind", String),
    Column("affiliation", String),
    Column("roles", Text, nullable=False),
    Column("aliases", Text, nullable=False),
)

places = _child(
    "places",
    Column("name", Text, nullable=False),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(2)),
    Column("admin1", String),
    Column("admin2", String),
    Column("feature", String),
    Column("precision", Integer),
    Column("gazetteer_id", String),
)

quotes = _child(
    "quotes",
    Column("kind", String(8), nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("speaker", String),
    Column("cue", Text),
    Column("channel", String),
)

events = _child(
    "events",
    Column("type", String, nullable=False, index=True),
    Column("mode", String),
    Column("actor", String),
    Column("target", String),
    Column("place", String),
    Column("date", String(10), index=True),
    Column("date_precision", String),
    Column("negated", Boolean, nullable=False),
    Column("modality", String, nullable=False),
    Column("source", String),
    Column("quote", String),
    Column("hedged", Boolean, nullable=False),
    Column("acled_event_type", String),
    Column("acled_sub_event_type", String),
    Column("fatalities", Integer),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
)

Index("articles_ingested", articles.c.ingested_at, articles.c.id)
Index("articles_published", articles.c.published, articles.c.ingested_at, articles.c.id)
Index("events_position", events.c.article_id, events.c.evidence_start)

mentions = Table(
    "mentions",
    metadata,
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("owner_id", String, primary_key=True),
    Column("start", Integer, primary_key=True),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
)
Index("mentions_owner", mentions.c.article_id, mentions.c.owner_id)

copies = Table(
    "copies",
    metadata,
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("original_id", String, nullable=False, index=True),
    Column("similarity", Float, nullable=False),
)

incidents = Table(
    "incidents",
    metadata,
    Column("id", String, primary_key=True),
    Column("type", String, nullable=False, index=True),
    Column("mode", String),
    Column("actors", Text, nullable=False),
    Column("targets", Text, nullable=False),
    Column("place", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(2)),
    Column("geo_precision", Integer),
    Column("date", String(10), index=True),
    Column("date_precision", String),
    Column("reports", Integer, nullable=False),
    Column("independent_sources", Integer, nullable=False),
    Column("first_reported", String),
    Column("latest_reported", String),
    Column("hedged_only", Boolean, nullable=False),
    Column("links", Text, nullable=False),
)

incident_reports = Table(
    "incident_reports",
    metadata,
    Column("incident_id", String, ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True),
    Column("article_id", String, primary_key=True),
    Column("event_id", String, primary_key=True),
)
Index("incident_reports_event", incident_reports.c.article_id, incident_reports.c.event_id)

contradictions = Table(
    "contradictions",
    metadata,
    Column("id", String, primary_key=True),
    Column("kind", String, nullable=False, index=True),
    Column("incident_id", String, nullable=False, index=True),
    Column("other_incident_id", String),
    Column("summary", Text, nullable=False),
    Column("sides", Text, nullable=False),
)

state = Table(
    "state",
    metadata,
    Column("key", String, primary_key=True),
    Column("value", String, nullable=False),
)
"""Key-value facts about the store; `incidents_stale` is "1" from the first article saved after
the derived tables were last rebuilt until they are rebuilt again."""
