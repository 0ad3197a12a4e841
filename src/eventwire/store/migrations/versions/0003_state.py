"""Store state: whether the derived tables (copies, incidents, contradictions) are out of date.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    state = op.create_table(
        "state",
        sa.Column("key", sa.String, primary_key=True),
        sa.Column("value", sa.String, nullable=False),
    )
    op.bulk_insert(state, [{"key": "incidents_stale", "value": "1"}])


def downgrade() -> None:
    op.drop_table("state")
