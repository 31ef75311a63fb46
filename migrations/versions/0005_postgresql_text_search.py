"""keyword index on PostgreSQL

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 11:30:00

On PostgreSQL, keyword search runs on a stored, generated column of the
quotes' text search vectors (`to_tsvector('simple', text)`: no stemming, no
stop words, as SQLite's FTS5 index), indexed with GIN; ranking reads the
stored vectors instead of computing them again. SQLite has its FTS5 index
from 0001; other databases fall back to substring matching, with no index.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Made by hand, not from the models: `quotes.db.include_object` keeps autogenerate off them.
COLUMN = "text_search"
INDEX = "ix_quotes_text_search"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"ALTER TABLE quotes ADD COLUMN {COLUMN} tsvector GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED"
        )
        op.execute(f"CREATE INDEX {INDEX} ON quotes USING GIN ({COLUMN})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {INDEX}")
        op.execute(f"ALTER TABLE quotes DROP COLUMN IF EXISTS {COLUMN}")
