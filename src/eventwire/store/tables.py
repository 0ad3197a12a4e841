"""The relational schema: one row per article, entity, mention, place, quote and event.

The whole document JSON is kept on the article row, so nothing extracted is ever lost to the
columns; the other tables make it queryable. Migrations in `migrations/` create and evolve it.
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
