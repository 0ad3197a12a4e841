"""Copies, incidents with their reports, and the contradiction ledger.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "copies",
        sa.Column(
            "article_id",
            sa.String,
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("original_id", sa.String, nullable=False, index=True),
        sa.Column("similarity", sa.Float, nullable=False),
    )
    op.create_table(
        "incidents",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("type", sa.String, nullable=False, index=True),
        sa.Column("mode", sa.String),
        sa.Column("actors", sa.Text, nullable=False),
        sa.Column("targets", sa.Text, nullable=False),
        sa.Column("place", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("country", sa.String(2)),
        sa.Column("geo_precision", sa.Integer),
        sa.Column("date", sa.String(10), index=True),
        sa.Column("date_precision", sa.String),
        sa.Column("reports", sa.Integer, nullable=False),
        sa.Column("independent_sources", sa.Integer, nullable=False),
        sa.Column("first_reported", sa.String),
        sa.Column("latest_reported", sa.String),
        sa.Column("hedged_only", sa.Boolean, nullable=False),
        sa.Column("links", sa.Text, nullable=False),
    )
    op.create_table(
        "incident_reports",
        sa.Column(
            "incident_id",
            sa.String,
            sa.ForeignKey("incidents.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("article_id", sa.String, primary_key=True),
        sa.Column("event_id", sa.String, primary_key=True),
    )
    op.create_index("incident_reports_event", "incident_reports", ["article_id", "event_id"])
    op.create_table(
        "contradictions",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("kind", sa.String, nullable=False, index=True),
        sa.Column("incident_id", sa.String, nullable=False, index=True),
        sa.Column("other_incident_id", sa.String),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("sides", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("contradictions")
    op.drop_index("incident_reports_event", "incident_reports")
    op.drop_table("incident_reports")
    op.drop_table("incidents")
    op.drop_table("copies")
