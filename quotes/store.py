"""Writing articles, people and quotes: one transaction per article.

An article is stored whole or not at all. The same text (by SHA-256) is
stored once: ingesting it again adds nothing. People are shared across
articles by their canonical name, compared case- and accent-insensitively.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from quotes import models

if TYPE_CHECKING:  # extraction pulls in spaCy: not needed to read the database
    from quotes.extract import Quote
    from quotes.sources import Article


@dataclass(frozen=True)
class Stored:
    """What storing one article did."""

    article_id: int
    added: bool
    quotes: int


def name_key(name: str) -> str:
    """A name folded for comparison: no accents, case-folded, single spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def find_article(session: Session, content_hash: str) -> int | None:
    """Id of the stored article with this content hash, if any."""
    return session.scalar(select(models.Article.id).where(models.Article.content_hash == content_hash))


def store_article(session: Session, article: Article, quotes: list[Quote]) -> Stored:
    """Store `article` and its `quotes` in one transaction, unless already stored.

    Another process may store the same article, or create the same person,
    between our check and our insert: the unique constraints then refuse the
    transaction and it is tried once more, finding what the other stored.
    """
    try:
        return _store(session, article, quotes)
    except IntegrityError:
        return _store(session, article, quotes)


def _store(session: Session, article: Article, quotes: list[Quote]) -> Stored:
    with session.begin():
        existing = find_article(session, article.content_hash)
        if existing is not None:
            return Stored(existing, added=False, quotes=0)
        row = models.Article(
            source=article.source,
            url=article.url,
            outlet=article.outlet,
            headline=article.title,
            published=article.date,
            author=article.author,
            content_hash=article.content_hash,
            text=article.text,
            body_start=article.body_start,
        )
        session.add(row)
        people: dict[str, models.Person] = {}
        for quote in quotes:
            person = _person_for(session, quote, people)
            row.quotes.append(
                models.Quote(
                    person=person,
                    text=quote.text,
                    start=quote.start,
                    end=quote.end,
                    kind=quote.kind,
                    speaker_name=quote.speaker,
                    speaker_type=quote.speaker_type,
                    mention=quote.mention,
                    mention_kind=quote.mention_kind,
                    mention_start=quote.speaker_start,
                    mention_end=quote.speaker_end,
                    title=quote.title,
                    cue=quote.cue,
                    cue_start=quote.cue_start,
                    cue_end=quote.cue_end,
                    method=quote.method,
                    confidence=quote.confidence,
                    evidence=quote.evidence,
                )
            )
        session.flush()
        return Stored(row.id, added=True, quotes=len(quotes))


def _person_for(session: Session, quote: Quote, cache: dict[str, models.Person]) -> models.Person | None:
    """The person row for the quote's speaker (created if new), with the mention as an alias."""
    if not quote.speaker or quote.speaker_type not in {"person", "organization"}:
        return None
    key = name_key(quote.speaker)
    person = cache.get(key)
    if person is None:
        person = session.scalar(select(models.Person).where(models.Person.key == key))
    if person is None:
        person = models.Person(name=quote.speaker, key=key, kind=quote.speaker_type)
        session.add(person)
    cache[key] = person
    names = [quote.speaker]
    if quote.mention_kind == "named" and quote.mention:
        names.append(quote.mention)
    known = {alias.key for alias in person.aliases}
    for name in names:
        alias_key = name_key(name)
        if alias_key not in known:
            person.aliases.append(models.PersonAlias(alias=name, key=alias_key))
            known.add(alias_key)
    return person
