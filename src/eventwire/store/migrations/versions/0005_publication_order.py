"""Index for streaming articles oldest publish date first, so the corpus rebuild reads them in
order without sorting the whole table.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("articles_published", "articles", ["published", "ingested_at", "id"])


def downgrade() -> None:
    op.drop_index("articles_published", "articles")
