"""other metadata of an article (JSON)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 11:20:00

`articles.extra` keeps what an input says about an article beyond the
columns (a JSON Lines record's other fields, a web page's description).
Added and dropped with plain ALTER TABLE: `articles` has no triggers, but a
rebuild is not needed either.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("extra", sa.JSON(), nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE articles DROP COLUMN extra")
