"""article versions

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 11:45:00

`articles.version` numbers the texts stored from one source: a page or file
whose text changed is stored again as a new version, with its own quotes,
never merged with the old. Existing articles are numbered in the order they
were stored.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("version", sa.Integer(), server_default="1", nullable=False))
    op.execute(
        "UPDATE articles SET version = (SELECT count(*) FROM articles AS earlier "
        "WHERE earlier.source = articles.source AND earlier.id <= articles.id)"
    )
    op.create_index("uq_articles_source_version", "articles", ["source", "version"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_articles_source_version", table_name="articles")
    op.execute("ALTER TABLE articles DROP COLUMN version")
