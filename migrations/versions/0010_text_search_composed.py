"""keyword index on PostgreSQL reads the text in composed form

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 22:00:00

A quote may be stored in decomposed Unicode (NFD: "Zu" + a combining
diaeresis + "rich"), as the article had it: its offsets index the article
as given, so the text is never rewritten. Queries are made composed (NFC)
before they reach a database; SQLite's FTS5 tokenizer folds both forms to
the same word, but PostgreSQL's text search keeps the combining mark, so
its vectors are now made from `normalize(text, NFC)` (an immutable
function, available on a UTF-8 database; others keep the plain vectors).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Made by hand, not from the models (revision 0005): `quotes.db.include_object` keeps autogenerate off them.
COLUMN = "text_search"
INDEX = "ix_quotes_text_search"


def _vectors(source: str) -> None:
    """Make the text search column and its index again, from `source` (an SQL expression of `text`)."""
    op.execute(f"DROP INDEX IF EXISTS {INDEX}")
    op.execute(f"ALTER TABLE quotes DROP COLUMN IF EXISTS {COLUMN}")
    op.execute(
        f"ALTER TABLE quotes ADD COLUMN {COLUMN} tsvector GENERATED ALWAYS AS (to_tsvector('simple', {source})) STORED"
    )
    op.execute(f"CREATE INDEX {INDEX} ON quotes USING GIN ({COLUMN})")


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql" and bind.exec_driver_sql("SHOW server_encoding").scalar() == "UTF8":
        _vectors("normalize(text, NFC)")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql" and bind.exec_driver_sql("SHOW server_encoding").scalar() == "UTF8":
        _vectors("text")
