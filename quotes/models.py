"""SQLAlchemy 2.0 typed models: articles, people (with their names) and quotes.

The schema is created and changed only by the Alembic revisions in
`migrations/`; these classes must match what those revisions build (a test
checks it). The keyword indexes over quote text (`quotes_fts`, SQLite FTS5;
the `text_search` column and its GIN index on PostgreSQL) are built by the
revisions and are not in the models. The columns of a closed vocabulary
(`quotes.kinds`) have CHECK constraints (`one_of`), which that comparison
leaves out: tests/test_migrations.py checks them apart.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from quotes.kinds import (
    MENTION_KINDS,
    METHODS,
    PERSON_KINDS,
    QUOTE_KINDS,
    SPEAKER_TYPES,
    MentionKind,
    Method,
    PersonKind,
    QuoteKind,
    SpeakerType,
)

# Stable constraint names, so revisions can refer to them (Alembic docs,
# "The Importance of Naming Constraints").
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# The longest values of the indexed text columns (what no index needs is
# Text, unbounded): `quotes.store` refuses longer ones with a message naming
# the field, the same on every database. A source is bounded in bytes (of
# UTF-8), not characters: PostgreSQL refuses index entries over 2,704
# bytes, which 2,048 characters of Chinese or emoji would exceed.
SOURCE_BYTES = 2048
OUTLET_LENGTH = 255
NAME_LENGTH = 255

# Text compared in byte order, so that a prefix is a range ("smith" to
# "smiti"): SQLite's default; PostgreSQL's "C" collation (a database's own
# may be a language's, which orders by other rules).
BYTE_ORDERED = String(NAME_LENGTH).with_variant(String(NAME_LENGTH, collation="C"), "postgresql")


def one_of(column: str, values: tuple[str, ...]) -> CheckConstraint:
    """A CHECK constraint named after `column` (ck_TABLE_COLUMN, by the naming
    convention) that it holds one of `values`. NULL passes a CHECK: whether
    the column may be null is its own declaration's business."""
    listed = ", ".join(f"'{value}'" for value in values)
    return CheckConstraint(f"{column} IN ({listed})", name=column)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> dt.datetime:
    """The current UTC time, naive, as stored in DateTime columns."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Article(Base):
    """One ingested article; `text` is stored whole and quote offsets index it."""

    __tablename__ = "articles"
    # One article per version of a source: two processes storing new texts
    # of one source at once cannot both take the same number.
    __table_args__ = (Index("uq_articles_source_version", "source", "version", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(SOURCE_BYTES), index=True)
    url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(OUTLET_LENGTH), index=True)
    headline: Mapped[str | None] = mapped_column(Text)
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    author: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # 1, or one more than the articles stored before from the same source
    # (a page whose text changed is a new version, its quotes its own).
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    text: Mapped[str] = mapped_column(Text)
    body_start: Mapped[int] = mapped_column(Integer, default=0)
    # Other metadata the input carried (a JSON Lines record's other fields, a page's description).
    extra: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    quotes: Mapped[list[Quote]] = relationship(back_populates="article", cascade="all, delete-orphan")


class Person(Base):
    """A speaker: a person or an organisation, under its canonical name."""

    __tablename__ = "people"
    __table_args__ = (one_of("kind", PERSON_KINDS),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    # Case- and accent-folded name (see `quotes.store.name_key`): one row per key.
    key: Mapped[str] = mapped_column(String(NAME_LENGTH), unique=True)
    # (A default in the database too: SQLite can add a checked column that may not be null only with one.)
    kind: Mapped[PersonKind] = mapped_column(String(20), default="person", server_default="person")

    aliases: Mapped[list[PersonAlias]] = relationship(back_populates="person", cascade="all, delete-orphan")
    quotes: Mapped[list[Quote]] = relationship(back_populates="person")
    merged_names: Mapped[list[MergedName]] = relationship(back_populates="person", cascade="all, delete-orphan")
    words: Mapped[list[PersonWord]] = relationship(back_populates="person", cascade="all, delete-orphan")


class PersonAlias(Base):
    """Another name the articles use for a person ("Healey" for "John Healey")."""

    __tablename__ = "person_aliases"
    __table_args__ = (UniqueConstraint("person_id", "key", name="uq_person_aliases_person_id_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(NAME_LENGTH))
    key: Mapped[str] = mapped_column(String(NAME_LENGTH), index=True)

    person: Mapped[Person] = relationship(back_populates="aliases")


class PersonWord(Base):
    """A word of one of a person's names, folded, and spelt backwards: what
    person search looks up by word start, and by first or last letters for
    a typo, with index range scans (see `quotes.queries.person_ids`)."""

    __tablename__ = "person_words"
    __table_args__ = (UniqueConstraint("person_id", "word", name="uq_person_words_person_id_word"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    word: Mapped[str] = mapped_column(BYTE_ORDERED, index=True)
    backwards: Mapped[str] = mapped_column(BYTE_ORDERED, index=True)

    person: Mapped[Person] = relationship(back_populates="words")


class MergedName(Base):
    """A speaker's name that a user merged into, or renamed to, another person
    (`quotes people merge|rename`): quotes found later under this name go to
    that person."""

    __tablename__ = "merged_names"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    # Folded as `Person.key` is: one person per former name.
    key: Mapped[str] = mapped_column(String(NAME_LENGTH), unique=True)

    person: Mapped[Person] = relationship(back_populates="merged_names")


class Quote(Base):
    """One quotation in one article, with its attribution: the fields of
    `quotes.extract.Quote`, under the same names, and the statement key."""

    __tablename__ = "quotes"
    __table_args__ = (
        UniqueConstraint("article_id", "start", "end", name="uq_quotes_article_id_start_end"),
        Index("ix_quotes_person_id_article_id", "person_id", "article_id"),
        Index("ix_quotes_statement_key_person_id", "statement_key", "person_id"),
        one_of("kind", QUOTE_KINDS),
        one_of("speaker_type", SPEAKER_TYPES),
        one_of("mention_kind", MENTION_KINDS),
        one_of("method", METHODS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    kind: Mapped[QuoteKind] = mapped_column(String(20), default="direct")
    speaker: Mapped[str | None] = mapped_column(Text)
    speaker_type: Mapped[SpeakerType | None] = mapped_column(String(20))
    speaker_start: Mapped[int | None] = mapped_column(Integer)
    speaker_end: Mapped[int | None] = mapped_column(Integer)
    mention: Mapped[str | None] = mapped_column(Text)
    mention_kind: Mapped[MentionKind | None] = mapped_column(String(20))
    title: Mapped[str | None] = mapped_column(Text)
    cue: Mapped[str | None] = mapped_column(Text)
    cue_start: Mapped[int | None] = mapped_column(Integer)
    cue_end: Mapped[int | None] = mapped_column(Integer)
    method: Mapped[Method] = mapped_column(String(20))
    confidence: Mapped[float] = mapped_column(Float)
    evidence: Mapped[str] = mapped_column(Text, default="")
    # The quote's words, folded (see `quotes.store.statement_key`): the same
    # words by the same person in several articles are one statement.
    statement_key: Mapped[str] = mapped_column(String(64), server_default="")

    article: Mapped[Article] = relationship(back_populates="quotes")
    person: Mapped[Person | None] = relationship(back_populates="quotes")
