"""columns named as the fields of `quotes extract --format jsonl`

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 11:00:00

One name per field from extraction to every export: quotes.speaker_name is
`speaker`, quotes.mention_start and mention_end are `speaker_start` and
`speaker_end`, articles.published is `date` (its index ix_articles_date).
Values are kept. Both databases rename a column in place (SQLite since
3.25), rebuilding nothing: the keyword index's triggers on `quotes` read
only `text` and are left as they are. SQLite cannot rename an index: the
date's is dropped and made again, on both databases alike.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, old name, new name)
RENAMES = (
    ("quotes", "speaker_name", "speaker"),
    ("quotes", "mention_start", "speaker_start"),
    ("quotes", "mention_end", "speaker_end"),
    ("articles", "published", "date"),
)
# (old name, new name) of the index on articles.published
INDEX = ("ix_articles_published", "ix_articles_date")


def upgrade() -> None:
    op.drop_index(INDEX[0], table_name="articles")
    for table, old, new in RENAMES:
        _rename(table, old, new)
    op.create_index(INDEX[1], "articles", ["date"], unique=False)


def downgrade() -> None:
    op.drop_index(INDEX[1], table_name="articles")
    for table, old, new in reversed(RENAMES):
        _rename(table, new, old)
    op.create_index(INDEX[0], "articles", ["published"], unique=False)


def _rename(table: str, old: str, new: str) -> None:
    """ALTER TABLE … RENAME COLUMN, which SQLite and PostgreSQL both have (names quoted: "date" is an SQL word)."""
    op.execute(f'ALTER TABLE {table} RENAME COLUMN "{old}" TO "{new}"')
