"""statement keys on quotes; names merged into or renamed to a person

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 10:50:00

`quotes.statement_key` marks the same words by the same speaker in several
articles as one statement; existing quotes get theirs computed here.
`merged_names` keeps the names a user merged or renamed, so that later
ingests file quotes under them with the right person.

The column is added (and, going down, dropped) with plain ALTER TABLE on
SQLite, not by rebuilding the table, which would drop the keyword index's
triggers on `quotes`.
"""

import hashlib
import re
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Quotes are read and updated this many at a time while their keys are filled in.
BATCH = 1000
# The key as `quotes.store.statement_key` computed it when this revision was
# written, frozen here: a later change to that function must come with a
# revision of its own that recomputes the keys.
_WORD = re.compile(r"\w+")
_INNER_MARKS = re.compile(r"(?<=\w)['’.](?=\w)|(?<=\w\.\w)\.")


def statement_key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    folded = " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())
    return hashlib.sha256(" ".join(_WORD.findall(_INNER_MARKS.sub("", folded))).encode()).hexdigest()


def upgrade() -> None:
    op.add_column("quotes", sa.Column("statement_key", sa.String(length=64), server_default="", nullable=False))
    _fill_statement_keys()
    op.create_index("ix_quotes_statement_key_person_id", "quotes", ["statement_key", "person_id"], unique=False)
    op.create_table(
        "merged_names",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_merged_names_person_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merged_names")),
        sa.UniqueConstraint("key", name=op.f("uq_merged_names_key")),
    )
    op.create_index(op.f("ix_merged_names_person_id"), "merged_names", ["person_id"], unique=False)


def _fill_statement_keys() -> None:
    """Give every stored quote its statement key, a batch at a time."""
    connection = op.get_bind()
    quotes = sa.table("quotes", sa.column("id", sa.Integer), sa.column("text", sa.Text), sa.column("statement_key"))
    last = 0
    while True:
        rows = connection.execute(
            sa.select(quotes.c.id, quotes.c.text).where(quotes.c.id > last).order_by(quotes.c.id).limit(BATCH)
        ).all()
        if not rows:
            return
        connection.execute(
            quotes.update().where(quotes.c.id == sa.bindparam("quote_id")).values(statement_key=sa.bindparam("key")),
            [{"quote_id": quote_id, "key": statement_key(text)} for quote_id, text in rows],
        )
        last = rows[-1][0]


def downgrade() -> None:
    op.drop_index(op.f("ix_merged_names_person_id"), table_name="merged_names")
    op.drop_table("merged_names")
    op.drop_index("ix_quotes_statement_key_person_id", table_name="quotes")
    op.execute("ALTER TABLE quotes DROP COLUMN statement_key")
