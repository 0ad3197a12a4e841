"""Articles with their document JSON, and the entity, mention, place, quote and event rows.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _article_key() -> list[sa.Column]:
    return [
        sa.Column(
            "article_id",
            sa.String,
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("id", sa.String, primary_key=True),
    ]


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("url", sa.String, unique=True),
        sa.Column("text_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.String(10), index=True),
        sa.Column("source", sa.String, index=True),
        sa.Column("language", sa.String(8)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("ingested_at", sa.String, nullable=False),
    )
    op.create_table(
        "entities",
        *_article_key(),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String(8), nullable=False),
        sa.Column("actor_id", sa.String, index=True),
        sa.Column("kind", sa.String),
        sa.Column("affiliation", sa.String),
        sa.Column("roles", sa.Text, nullable=False),
        sa.Column("aliases", sa.Text, nullable=False),
    )
    op.create_table(
        "places",
        *_article_key(),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("country", sa.String(2)),
        sa.Column("admin1", sa.String),
        sa.Column("admin2", sa.String),
        sa.Column("feature", sa.String),
        sa.Column("precision", sa.Integer),
        sa.Column("gazetteer_id", sa.String),
    )
    op.create_table(
        "quotes",
        *_article_key(),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("speaker", sa.String),
        sa.Column("cue", sa.Text),
        sa.Column("channel", sa.String),
    )
    op.create_table(
        "events",
        *_article_key(),
        sa.Column("type", sa.String, nullable=False, index=True),
        sa.Column("mode", sa.String),
        sa.Column("actor", sa.String),
        sa.Column("target", sa.String),
        sa.Column("place", sa.String),
        sa.Column("date", sa.String(10), index=True),
        sa.Column("date_precision", sa.String),
        sa.Column("negated", sa.Boolean, nullable=False),
        sa.Column("modality", sa.String, nullable=False),
        sa.Column("source", sa.String),
        sa.Column("quote", sa.String),
        sa.Column("hedged", sa.Boolean, nullable=False),
        sa.Column("acled_event_type", sa.String),
        sa.Column("acled_sub_event_type", sa.String),
        sa.Column("fatalities", sa.Integer),
        sa.Column("evidence_start", sa.Integer, nullable=False),
        sa.Column("evidence_end", sa.Integer, nullable=False),
    )
    op.create_table(
        "mentions",
        sa.Column(
            "article_id",
            sa.String,
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("owner_id", sa.String, primary_key=True),
        sa.Column("start", sa.Integer, primary_key=True),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("mentions_owner", "mentions", ["article_id", "owner_id"])


def downgrade() -> None:
    for table in ("mentions", "events", "quotes", "places", "entities", "articles"):
        op.drop_table(table)
