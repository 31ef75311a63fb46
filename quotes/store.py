"""Writing articles, people and quotes: one transaction per article.

An article is stored whole or not at all. The same text (by SHA-256) is
stored once: ingesting it again adds nothing. People are shared across
articles by their canonical name, compared case- and accent-insensitively.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from quotes import models
from quotes.errors import InputError, QuotesError
from quotes.kinds import PERSON_KINDS, PersonKind

if TYPE_CHECKING:  # extraction pulls in spaCy: not needed to read the database
    from quotes.extract import Quote
    from quotes.sources import Article


# How many times storing an article is tried when another process's insert got in first.
_TRIES = 5


@dataclass(frozen=True)
class Stored:
    """What storing one article did."""

    article_id: int
    added: bool
    quotes: int


_WORD = re.compile(r"\w+")
# Apostrophes and full stops between two word characters.
_INNER_MARKS = re.compile(r"(?<=\w)['’.](?=\w)|(?<=\w\.\w)\.")


def name_key(name: str) -> str:
    """A name folded for comparison: no accents, case-folded, single spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def words(text: str) -> list[str]:
    """The words of `text`, without accents, case or punctuation; apostrophes
    and full stops inside a word do not split it ("what's" is "whats", as
    typed without one; "U.S." is "us")."""
    return _WORD.findall(_INNER_MARKS.sub("", name_key(text)))


def statement_key(text: str) -> str:
    """What makes a quotation the same statement wherever it is printed: a
    hash of its words (see `words`), so punctuation, case, accents and
    quotation marks do not count. Stored keys were computed by this: a
    change here needs a revision that recomputes them (as 0002 did)."""
    return hashlib.sha256(" ".join(words(text)).encode()).hexdigest()


def find_article(session: Session, hashes: list[str]) -> int | None:
    """Id of the stored article with one of these content hashes, if any."""
    return session.scalar(select(models.Article.id).where(models.Article.content_hash.in_(hashes)).limit(1))


def store_article(session: Session, article: Article, quotes: list[Quote]) -> Stored:
    """Store `article` and its `quotes` in one transaction, unless already stored.

    Another process may store the same article, create the same person, or
    take the next version number of the same source, between our check and
    our insert: the unique constraints then refuse the transaction and it is
    tried again (up to `_TRIES` times), finding what the other stored.

    Raises:
        InputError: a field is longer than its column holds (see `too_long`).
    """
    if (why := too_long(article, quotes)) is not None:
        raise InputError(article.source, why)
    for _ in range(_TRIES - 1):
        try:
            return _store(session, article, quotes)
        except IntegrityError:
            continue
    return _store(session, article, quotes)


def too_long(article: Article, quotes: list[Quote]) -> str | None:
    """Why `article` cannot be stored, if a field of it is longer than its
    column holds (`models.SOURCE_BYTES`, `OUTLET_LENGTH`, `NAME_LENGTH`): the
    same limits on every database, checked before writing, so that the
    message names the field."""
    source = len(article.source.encode("utf-8"))
    if source > models.SOURCE_BYTES:
        return f"the source (its path or URL) is {source:,} bytes long; at most {models.SOURCE_BYTES:,} are stored"
    if article.outlet and len(article.outlet) > models.OUTLET_LENGTH:
        return f"the outlet is {len(article.outlet):,} characters long; at most {models.OUTLET_LENGTH} are stored"
    for quote in quotes:
        names = [quote.speaker] if quote.speaker and _kind_of_speaker(quote) else []
        names += [quote.mention] if names and quote.mention and quote.mention_kind == "named" else []
        for name in names:
            if (why := name_too_long(name)) is not None:
                return f"the speaker's name {why}"
    return None


def name_too_long(name: str) -> str | None:
    """What is wrong with a person's name too long to store, if it is: it, or
    its folded form (`name_key`, which spells out ligatures: "ﬁ" is "fi"),
    is over `models.NAME_LENGTH` characters."""
    length = max(len(name), len(name_key(name)))
    if length <= models.NAME_LENGTH:
        return None
    return f"{name[:40]!r}… is {length:,} characters long; at most {models.NAME_LENGTH} are stored"


def _store(session: Session, article: Article, quotes: list[Quote]) -> Stored:
    with session.begin():
        existing = find_article(session, article.hashes)
        if existing is not None:
            return Stored(existing, added=False, quotes=0)
        earlier = select(func.count()).where(models.Article.source == article.source)
        row = models.Article(
            version=(session.scalar(earlier) or 0) + 1,
            source=article.source,
            url=article.url,
            outlet=article.outlet,
            headline=article.headline,
            date=article.date,
            author=article.author,
            content_hash=article.content_hash,
            text=article.text,
            body_start=article.body_start,
            extra=article.extra or None,
        )
        session.add(row)
        people: dict[str, models.Person] = {}
        for quote in quotes:
            person = _person_for(session, quote, people)
            # The row's columns are the quote's fields, under the same names.
            row.quotes.append(models.Quote(**quote.as_dict(), person=person, statement_key=statement_key(quote.text)))
        session.flush()
        return Stored(row.id, added=True, quotes=len(quotes))


def _person_for(session: Session, quote: Quote, cache: dict[str, models.Person]) -> models.Person | None:
    """The person row for the quote's speaker (created if new), with the mention
    as an alias; a name a user merged into someone, or renamed, is theirs."""
    kind = _kind_of_speaker(quote)
    if not quote.speaker or kind is None:
        return None
    key = name_key(quote.speaker)
    person = cache.get(key)
    if person is None:
        person = session.scalar(
            select(models.Person).join(models.MergedName).where(models.MergedName.key == key)
        ) or session.scalar(select(models.Person).where(models.Person.key == key))
    if person is None:
        person = models.Person(name=quote.speaker, key=key, kind=kind)
        session.add(person)
    cache[key] = person
    _add_alias(person, quote.speaker)
    if quote.mention_kind == "named" and quote.mention:
        _add_alias(person, quote.mention)
    return person


def _kind_of_speaker(quote: Quote) -> PersonKind | None:
    """What the quote's speaker is stored as: a person or an organisation;
    None for a source the article does not name (never stored as a person)."""
    return quote.speaker_type if quote.speaker_type in PERSON_KINDS else None


def _add_alias(person: models.Person, *names: str) -> None:
    """Record `names` among the person's names, and their words, each once."""
    known = {alias.key for alias in person.aliases}
    known_words = {word.word for word in person.words}
    for name in names:
        key = name_key(name)
        if key not in known:
            person.aliases.append(models.PersonAlias(alias=name, key=key))
            known.add(key)
        for word in set(key.split()) - known_words:
            person.words.append(models.PersonWord(word=word, backwards=word[::-1]))
            known_words.add(word)


def merge_people(session: Session, keep: models.Person, other: models.Person) -> int:
    """Make `other` one person with `keep`: its quotes, names and merged names
    become `keep`'s, and quotes found later under its name go to `keep`.

    Returns the number of quotes moved.

    Raises:
        QuotesError: `other` is `keep`.
    """
    if other.id == keep.id:
        raise QuotesError(f"{keep.name} cannot be merged with itself")
    theirs = models.Quote.person_id == other.id
    moved = session.scalar(select(func.count()).where(theirs)) or 0
    session.execute(update(models.Quote).where(theirs).values(person_id=keep.id))
    _add_alias(keep, *(alias.alias for alias in other.aliases))
    for merged in list(other.merged_names):
        merged.person = keep
    keep.merged_names.append(models.MergedName(name=other.name, key=other.key))
    session.delete(other)
    return moved


def rename_person(session: Session, person: models.Person, name: str) -> None:
    """Give `person` the canonical name `name`; the old name stays one of
    their names, and quotes found later under it still go to them.

    Raises:
        QuotesError: `name` is empty or too long, or another person has it (merge them instead).
    """
    key = name_key(name)
    if not key:
        raise QuotesError("a new name cannot be empty")
    if (why := name_too_long(" ".join(name.split()))) is not None:
        raise QuotesError(f"the new name {why}")
    if key != person.key:
        holder = session.scalar(select(models.Person).where(models.Person.key == key)) or session.scalar(
            select(models.Person).join(models.MergedName).where(models.MergedName.key == key)
        )
        if holder is not None and holder.id != person.id:
            raise QuotesError(
                f"{name!r} is already {holder.name}'s name; merge the two instead: "
                f"quotes people merge {holder.name!r} {person.name!r}"
            )
        person.merged_names = [m for m in person.merged_names if m.key != key]
        session.flush()  # the merged name that is now the person's own goes before the old name takes its place
        person.merged_names.append(models.MergedName(name=person.name, key=person.key))
        person.key = key
    person.name = " ".join(name.split())
    _add_alias(person, person.name)
