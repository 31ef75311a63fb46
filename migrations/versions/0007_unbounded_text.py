"""text columns that no index needs are unbounded

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27 10:00:00

`articles.url`, `articles.author`, `quotes.speaker_name` and `quotes.cue`
become TEXT: PostgreSQL refused a URL over 2,048 characters or an author or
speaker name over 255 that SQLite stored. The columns an index needs keep
their bounds (`quotes.store.too_long` checks them before writing, the same
on every database).

On PostgreSQL the type changes in place (VARCHAR to TEXT rewrites nothing).
SQLite enforces no length, so only the declared type changes; it is done
column by column (add a TEXT column, copy, drop the old one, rename the new
one), not by rebuilding the tables, which would drop the keyword index's
triggers on `quotes` and, with foreign keys on, delete every quote of the
rebuilt `articles`. Going down, values longer than the old bound are cut to
it (PostgreSQL could not hold them).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, column, the bound it had)
COLUMNS = (
    ("articles", "url", 2048),
    ("articles", "author", 255),
    ("quotes", "speaker_name", 255),
    ("quotes", "cue", 100),
)


def upgrade() -> None:
    for table, column, length in COLUMNS:
        _retype(table, column, sa.String(length), sa.Text())


def downgrade() -> None:
    for table, column, length in COLUMNS:
        op.execute(f"UPDATE {table} SET {column} = substr({column}, 1, {length}) WHERE length({column}) > {length}")
        _retype(table, column, sa.Text(), sa.String(length))


def _retype(table: str, column: str, old: sa.types.TypeEngine[str], new: sa.types.TypeEngine[str]) -> None:
    """Give `table.column` the type `new`, keeping its values (see the module's docstring)."""
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column(table, column, type_=new, existing_type=old, existing_nullable=True)
        return
    copy = f"{column}_retyped"
    op.add_column(table, sa.Column(copy, new, nullable=True))
    op.execute(f"UPDATE {table} SET {copy} = {column}")
    op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    op.execute(f"ALTER TABLE {table} RENAME COLUMN {copy} TO {column}")
