"""Indexes for listings in ingestion order: articles by ingestion time, events by position.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("articles_ingested", "articles", ["ingested_at", "id"])
    op.create_index("events_position", "events", ["article_id", "evidence_start"])


def downgrade() -> None:
    op.drop_index("events_position", "events")
    op.drop_index("articles_ingested", "articles")
