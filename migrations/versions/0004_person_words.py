"""words of people's names, for fast person search

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 11:05:00

`person_words` holds each folded word of each person's names, and the word
spelt backwards, both indexed: person search finds word starts (and typo
candidates by their first or last letters) with index range scans instead
of reading every name. Existing names get their words here.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Byte order, so that a prefix is a range: PostgreSQL's "C" collation (SQLite's default).
BYTE_ORDERED = sa.String(length=255).with_variant(sa.String(length=255, collation="C"), "postgresql")


def upgrade() -> None:
    op.create_table(
        "person_words",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("word", BYTE_ORDERED, nullable=False),
        sa.Column("backwards", BYTE_ORDERED, nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_person_words_person_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_words")),
        sa.UniqueConstraint("person_id", "word", name="uq_person_words_person_id_word"),
    )
    op.create_index(op.f("ix_person_words_backwards"), "person_words", ["backwards"], unique=False)
    op.create_index(op.f("ix_person_words_person_id"), "person_words", ["person_id"], unique=False)
    op.create_index(op.f("ix_person_words_word"), "person_words", ["word"], unique=False)
    _fill_words()


def _fill_words() -> None:
    """The words of every stored alias (aliases' keys are folded already)."""
    connection = op.get_bind()
    aliases = sa.table("person_aliases", sa.column("person_id", sa.Integer), sa.column("key", sa.String))
    words = sa.table(
        "person_words", sa.column("person_id", sa.Integer), sa.column("word", sa.String), sa.column("backwards")
    )
    pairs = {(person_id, word) for person_id, key in connection.execute(sa.select(aliases)) for word in key.split()}
    rows = [{"person_id": person_id, "word": word, "backwards": word[::-1]} for person_id, word in sorted(pairs)]
    if rows:
        connection.execute(words.insert(), rows)


def downgrade() -> None:
    op.drop_index(op.f("ix_person_words_word"), table_name="person_words")
    op.drop_index(op.f("ix_person_words_person_id"), table_name="person_words")
    op.drop_index(op.f("ix_person_words_backwards"), table_name="person_words")
    op.drop_table("person_words")
