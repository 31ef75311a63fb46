"""articles, people, aliases, quotes and the keyword index

Revision ID: 0001
Revises:
Create Date: 2026-11-25 04:23:38.635266

The keyword index is an SQLite FTS5 table over quotes.text in the layout
Datasette and sqlite-utils detect (`quotes_fts`, content=[quotes], kept in
step by the triggers quotes_ai/quotes_ad/quotes_au). Other databases get no
index here. A later revision that rebuilds `quotes` with batch_alter_table on
SQLite drops these triggers and must create them again.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FTS_CREATE = (
    "CREATE VIRTUAL TABLE [quotes_fts] USING FTS5 ([text], content=[quotes], tokenize='unicode61 remove_diacritics 2')",
    """CREATE TRIGGER [quotes_ai] AFTER INSERT ON [quotes] BEGIN
  INSERT INTO [quotes_fts] (rowid, [text]) VALUES (new.rowid, new.[text]);
END""",
    """CREATE TRIGGER [quotes_ad] AFTER DELETE ON [quotes] BEGIN
  INSERT INTO [quotes_fts] ([quotes_fts], rowid, [text]) VALUES('delete', old.rowid, old.[text]);
END""",
    """CREATE TRIGGER [quotes_au] AFTER UPDATE OF [text] ON [quotes] BEGIN
  INSERT INTO [quotes_fts] ([quotes_fts], rowid, [text]) VALUES('delete', old.rowid, old.[text]);
  INSERT INTO [quotes_fts] (rowid, [text]) VALUES (new.rowid, new.[text]);
END""",
)
FTS_DROP = (
    "DROP TRIGGER IF EXISTS [quotes_au]",
    "DROP TRIGGER IF EXISTS [quotes_ad]",
    "DROP TRIGGER IF EXISTS [quotes_ai]",
    "DROP TABLE IF EXISTS [quotes_fts]",
)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=2048), nullable=False),
        sa.Column("url", sa.String(length=2048), nullable=True),
        sa.Column("outlet", sa.String(length=255), nullable=True),
        sa.Column("headline", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("author", sa.String(length=255), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("body_start", sa.Integer(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_articles_content_hash")),
    )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_articles_outlet"), ["outlet"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_published"), ["published"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_source"), ["source"], unique=False)

    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
        sa.UniqueConstraint("key", name=op.f("uq_people_key")),
    )
    op.create_table(
        "person_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=255), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_person_aliases_person_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_aliases")),
        sa.UniqueConstraint("person_id", "key", name="uq_person_aliases_person_id_key"),
    )
    with op.batch_alter_table("person_aliases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_aliases_key"), ["key"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_aliases_person_id"), ["person_id"], unique=False)

    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("speaker_name", sa.String(length=255), nullable=True),
        sa.Column("speaker_type", sa.String(length=20), nullable=True),
        sa.Column("mention", sa.Text(), nullable=True),
        sa.Column("mention_kind", sa.String(length=20), nullable=True),
        sa.Column("mention_start", sa.Integer(), nullable=True),
        sa.Column("mention_end", sa.Integer(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("cue", sa.String(length=100), nullable=True),
        sa.Column("cue_start", sa.Integer(), nullable=True),
        sa.Column("cue_end", sa.Integer(), nullable=True),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_quotes_article_id_articles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_quotes_person_id_people"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quotes")),
        sa.UniqueConstraint("article_id", "start", "end", name="uq_quotes_article_id_start_end"),
    )
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quotes_article_id"), ["article_id"], unique=False)
        batch_op.create_index("ix_quotes_person_id_article_id", ["person_id", "article_id"], unique=False)

    if op.get_bind().dialect.name == "sqlite":
        for statement in FTS_CREATE:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in FTS_DROP:
            op.execute(statement)
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.drop_index("ix_quotes_person_id_article_id")
        batch_op.drop_index(batch_op.f("ix_quotes_article_id"))

    op.drop_table("quotes")
    with op.batch_alter_table("person_aliases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_aliases_person_id"))
        batch_op.drop_index(batch_op.f("ix_person_aliases_key"))

    op.drop_table("person_aliases")
    op.drop_table("people")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_articles_source"))
        batch_op.drop_index(batch_op.f("ix_articles_published"))
        batch_op.drop_index(batch_op.f("ix_articles_outlet"))

    op.drop_table("articles")
