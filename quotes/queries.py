"""Search and lookup, as functions that build `Select` statements.

Keyword search (`keyword_ids`) uses the FTS5 index `quotes_fts` on SQLite,
the text search column of revision 0005 on PostgreSQL and a plain
case-insensitive match elsewhere. User text only ever reaches SQL as bound
parameters; keywords are turned into quoted terms (see `_query_items`) so
that punctuation or operators in them are plain words.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal, get_args

from sqlalchemy import (
    Column,
    ColumnElement,
    Float,
    Integer,
    MetaData,
    Select,
    Table,
    Text,
    and_,
    false,
    func,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.orm import InstrumentedAttribute, Session, defer

from quotes import models
from quotes.errors import QuotesError
from quotes.kinds import PersonKind, QuoteKind
from quotes.store import name_key

# The FTS5 table, described for queries only: it is not a model, so Alembic's
# autogenerate leaves it to the hand-written revision that builds it.
quotes_fts = Table(
    "quotes_fts",
    MetaData(),
    Column("rowid", Integer),
    Column("rank", Float),
    Column("quotes_fts", Text),
)

_WORD = re.compile(r"\w+")
# The parts of a keyword query: a "quoted phrase", or a word and its prefix star.
_QUERY_PART = re.compile(r'"([^"]*)"|(\w+)(\*?)')
_OPERATORS = frozenset({"AND", "OR", "NOT"})
# PostgreSQL's text search configuration: no stemming and no stop words, as
# SQLite's unicode61 tokenizer (which also ignores accents; PostgreSQL does
# not without the unaccent extension).
_TS_CONFIG: ColumnElement[Any] = literal_column("'simple'::regconfig")
# The stored text search vector of a quote on PostgreSQL (revision 0005; not a model column).
_TEXT_SEARCH: ColumnElement[Any] = literal_column("quotes.text_search")
# Relevance-ordered search with a limit looks first at this many keyword
# matches per statement wanted.
_BEST_PER_HIT = 5
# How many rows `stream` fetches at a time, and statement keys `_carriers` looks up at once.
_BATCH = 500
# A typed word is a typo of a name's word from this difflib ratio on, and
# from this length (shorter words must match as typed: "ed" is Ed Rendell).
_TYPO_RATIO = 0.8
_TYPO_MIN_LETTERS = 4
# The view of the keyword index's words (SQLite's fts5vocab), made for a connection when needed.
_VOCAB = "quotes_fts_vocab"
# The most words a person's name looked up may have (each is a lookup of its own).
MAX_NAME_WORDS = 12
# The largest id a quote can have (a signed 64-bit integer, in both databases).
MAX_ID = 2**63 - 1


Row = tuple[models.Quote, models.Article, models.Person | None]
# The orders of search results: best keyword matches first, newest first, oldest first.
Sort = Literal["relevance", "date", "oldest"]
SORTS: tuple[Sort, ...] = get_args(Sort)


@dataclass(frozen=True)
class Filters:
    """What to look for: keywords in the quote text, a speaker's name, words
    of the title the quote gives them, the outlet, a publication date range
    (inclusive), words of the article's headline, source or URL, the quote's
    kind ("direct" or "partial"); at most `limit` rows, by relevance (with
    keywords) or else newest first, or whatever the keywords newest first
    with `sort="date"` and oldest first with `sort="oldest"`."""

    keywords: str | None = None
    person: str | None = None
    limit: int | None = None
    title: str | None = None
    outlet: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    article: str | None = None
    kind: QuoteKind | None = None
    sort: Sort = "relevance"
    # The one person `person` was resolved to (see `resolve_person`), if it was.
    person_id: int | None = None


def keyword_terms(keywords: str) -> list[str]:
    """The words of a keyword query, as the index tokenises them."""
    return _WORD.findall(composed(keywords))


def composed(text: str) -> str:
    """`text` in Unicode's composed form (NFC), as every query is read: a
    word typed with a combining mark ("Zu" + U+0308 + "rich") is one word,
    "Zürich", which the indexes find however the quote stores it."""
    return unicodedata.normalize("NFC", text)


def _query_items(keywords: str) -> list[tuple[str, list[str], bool]]:
    """The parts of a keyword query: ("term", its words, is a prefix) for a
    word, a word* or a "quoted phrase"; ("op", [AND|OR|NOT], False) for an
    operator in capitals between two terms (elsewhere it is a word)."""
    items: list[tuple[str, list[str], bool]] = []
    for phrase, word, star in _QUERY_PART.findall(composed(keywords)):
        if phrase and _WORD.search(phrase):
            items.append(("term", _WORD.findall(phrase), False))
        elif word in _OPERATORS and not star:
            items.append(("op", [word], False))
        elif word:
            items.append(("term", [word], bool(star)))
    parts: list[tuple[str, list[str], bool]] = []
    for n, (kind, words, prefix) in enumerate(items):
        between = bool(parts) and parts[-1][0] == "term" and n + 1 < len(items) and items[n + 1][0] == "term"
        parts.append(
            (kind, words, prefix) if kind == "term" or between else ("term", [w.lower() for w in words], False)
        )
    return parts


def fts_query(keywords: str) -> str:
    """An SQLite FTS5 query for `keywords`: every word must appear (any case
    or accent), "a phrase" in that order, word* as a prefix, and AND, OR and
    NOT, in capitals between two terms, as operators. Anything else (an
    unbalanced quotation mark, brackets, NEAR, punctuation, SQL) is plain
    text, so any input makes a valid query."""
    rendered = []
    for kind, words, prefix in _query_items(keywords):
        rendered.append(words[0] if kind == "op" else '"' + " ".join(words) + '"' + ("*" if prefix else ""))
    return " ".join(rendered)


def ts_query(keywords: str) -> str:
    """The same query as `fts_query`, in PostgreSQL's `to_tsquery` syntax:
    'word', 'word':* for a prefix, 'a' <-> 'b' for a phrase, & | and & !
    for AND, OR and NOT, & between terms with no operator."""
    rendered: list[str] = []
    for kind, words, prefix in _query_items(keywords):
        if kind == "op":
            rendered.append({"AND": "&", "OR": "|", "NOT": "& !"}[words[0]])
            continue
        if rendered and rendered[-1] not in {"&", "|", "& !"}:
            rendered.append("&")
        term = " <-> ".join(f"'{word.lower()}'" for word in words) + (":*" if prefix else "")
        rendered.append(f"({term})" if len(words) > 1 else term)
    return " ".join(rendered)


def keyword_ids(keywords: str, dialect: str, *, best: int | None = None, ranked: bool = True) -> Select:  # type: ignore[type-arg]
    """Ids of the quotes whose text matches `keywords`, with a `rank` (lower
    is more relevant) unless not `ranked` (ranking costs), the `best` most
    relevant only if given: from SQLite's FTS5 index, PostgreSQL's text
    search column (revision 0005), else a substring match of the words (all
    ranked alike)."""
    if dialect == "sqlite":
        found = select(quotes_fts.c.rowid.label("id"), quotes_fts.c.rank.label("rank"))
        found = found.where(quotes_fts.c.quotes_fts.op("MATCH")(fts_query(keywords)))
    elif dialect == "postgresql":
        query = func.to_tsquery(_TS_CONFIG, ts_query(keywords))
        rank = (-func.ts_rank(_TEXT_SEARCH, query)).label("rank")
        found = select(models.Quote.id.label("id"), rank).where(_TEXT_SEARCH.op("@@")(query))
    else:
        found = select(models.Quote.id.label("id"), literal_column("0").label("rank"))
        found = found.where(_substring_match(keywords))
    if not ranked:
        return found.with_only_columns(found.selected_columns.id)
    return found if best is None else found.order_by(literal_column("rank")).limit(best)


def _substring_match(keywords: str) -> ColumnElement[bool]:
    """`keywords` (see `_query_items`) as case-insensitive substring matches:
    terms side by side must all appear, OR gives alternatives, NOT excludes."""
    groups: list[list[ColumnElement[bool]]] = [[]]
    negate = False
    for kind, words, _ in _query_items(keywords):
        if kind == "op":
            if words[0] == "OR":
                groups.append([])
            negate = words[0] == "NOT"
            continue
        found = contains(models.Quote.text, " ".join(words))
        groups[-1].append(~found if negate else found)
        negate = False
    return or_(*(and_(*group) for group in groups if group))


def query_words(keywords: str) -> list[str]:
    """The words a keyword query looks for, prefixes without their star (to highlight them)."""
    words = []
    for phrase, word, _ in _QUERY_PART.findall(composed(keywords)):
        words += _WORD.findall(phrase) if phrase else [word] if word and word not in _OPERATORS else []
    return words


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def person_ids(name: str) -> Select:  # type: ignore[type-arg]
    """Ids of the people with, for each word of `name`, a word of one of
    their names starting with it.

    Case- and accent-insensitive, and by word starts: "healey", "Heal" and
    "john healey" find John Healey; "ed" finds Ed Rendell, not Ted Cruz.
    Each word is an index range scan over `person_words`.
    """
    words = list(dict.fromkeys(name_key(name).split()))
    if len(words) > MAX_NAME_WORDS:
        raise QuotesError(f"a name has at most {MAX_NAME_WORDS} words; {len(words)} were given")
    statement = select(models.Person.id)
    for word in words or [""]:
        statement = statement.where(models.Person.id.in_(_starting_with(models.PersonWord.word, word)))
    return statement


def _starting_with(column: Any, prefix: str) -> Select:  # type: ignore[type-arg]
    """Ids of the people with a `person_words` value in `column` starting
    with `prefix`: a range, which an index answers (LIKE would need a
    case-sensitive collation to use one)."""
    if not prefix:
        return select(models.PersonWord.person_id).where(false())
    after = _next_prefix(prefix)
    ids = select(models.PersonWord.person_id).where(column >= prefix)
    return ids if after is None else ids.where(column < after)


def _next_prefix(prefix: str) -> str | None:
    """The first string after every string starting with `prefix`, in code
    point order ("smiti" for "smith"), or None when there is none (a prefix
    of nothing but the last code point, U+10FFFF)."""
    kept = prefix.rstrip(chr(sys.maxunicode))
    return kept[:-1] + chr(ord(kept[-1]) + 1) if kept else None


def resolve_person(session: Session, name: str, *, at_most: int | None = None) -> list[models.Person]:
    """The people `name` can mean, by name, at most `at_most` of them: the one
    person whose name it is in full, if only one; else those with words
    starting with its words (see `person_ids`); failing any, those with
    words one typo away (see `_typo_of`: "healy" is John Healey)."""
    exact = people_named(session, name, at_most=2)
    if len(exact) == 1:
        return exact
    key = name_key(name)
    starting = select(models.Person).where(models.Person.id.in_(person_ids(name)))
    people = list(session.scalars(starting.order_by(models.Person.name).limit(at_most)))
    if people or not key:
        return people
    close: set[int] | None = None
    for typed in key.split():
        ids = set(session.scalars(_starting_with(models.PersonWord.word, typed)))
        typos = [word for word in _typo_candidates(session, typed) if _typo_of(typed, word)]
        ids |= set(session.scalars(select(models.PersonWord.person_id).where(models.PersonWord.word.in_(typos))))
        close = ids if close is None else close & ids
    matching = select(models.Person).where(models.Person.id.in_(close or set()))
    return list(session.scalars(matching.order_by(models.Person.name).limit(at_most)))


def people_named(session: Session, name: str, *, at_most: int | None = None) -> list[models.Person]:
    """The people whose canonical name, or another name of theirs, is `name`
    in full (any case or accents), by name, at most `at_most` of them."""
    key = name_key(name)
    named = select(models.PersonAlias.person_id).where(models.PersonAlias.key == key)
    statement = select(models.Person).where(or_(models.Person.key == key, models.Person.id.in_(named)))
    return list(session.scalars(statement.order_by(models.Person.name).limit(at_most)))


def _typo_candidates(session: Session, typed: str) -> list[str]:
    """The distinct name words that share the first two letters of `typed`
    or its last two: a typo seldom changes both ends of a word."""
    if len(typed) < _TYPO_MIN_LETTERS:
        return []
    word = models.PersonWord
    by_start = _starting_with(word.word, typed[:2]).with_only_columns(word.word)
    by_end = _starting_with(word.backwards, typed[::-1][:2]).with_only_columns(word.word)
    return list(session.scalars(by_start.union(by_end)))


def _typo_of(typed: str, word: str) -> bool:
    """Whether `typed` is `word` with a typo: same first letter, at least
    `_TYPO_MIN_LETTERS` letters, and a difflib ratio of `_TYPO_RATIO` or more."""
    if len(typed) < _TYPO_MIN_LETTERS or typed[0] != word[0]:
        return False
    return difflib.SequenceMatcher(a=typed, b=word).ratio() >= _TYPO_RATIO


def quote_rows(filters: Filters, *, dialect: str, best: int | None = None) -> Select:  # type: ignore[type-arg]
    """Quotes with their article and speaker, matching `filters`.

    Ordered by relevance when there are keywords (on SQLite and PostgreSQL), else by
    publication date and position in the article. With `best`, only the
    `best` most relevant keyword matches are considered before the other
    filters apply (ranking every match of a common word is slow).
    """
    statement = _with_article_and_speaker().where(*_conditions(filters), *_person_condition(filters))
    if filters.sort == "oldest":
        order: list[Any] = [models.Article.date.asc().nulls_last(), models.Article.id, models.Quote.start]
    else:
        order = [models.Article.date.desc().nulls_last(), models.Article.id, models.Quote.start]
    if filters.keywords:
        found = keyword_ids(filters.keywords, dialect, best=best).subquery()
        statement = statement.join(found, found.c.id == models.Quote.id)
        if filters.sort == "relevance":
            order = [found.c.rank, *order]
    statement = statement.order_by(*order)
    if filters.limit:
        statement = statement.limit(filters.limit)
    return statement


def _person_condition(filters: Filters) -> list[ColumnElement[bool]]:
    """The WHERE condition of the person filter: the one person it was resolved to, else anyone it names."""
    if filters.person_id is not None:
        return [models.Quote.person_id == filters.person_id]
    if filters.person:
        return [models.Quote.person_id.in_(person_ids(filters.person))]
    return []


def count_statements(session: Session, filters: Filters, *, at_most: int) -> int:
    """How many statements (see `search`) match `filters`, whatever its
    limit, counted up to `at_most`: a count of every match of a common word
    in a million quotes would cost as much as listing them."""
    if _matches_nothing(filters):
        return 0
    quote = models.Quote
    statement = select(quote.statement_key, func.coalesce(quote.person_id, -quote.id)).where(
        *_person_condition(filters)
    )
    conditions = _conditions(filters)
    if conditions:  # of the article's fields, most of them
        statement = statement.join(models.Article, quote.article_id == models.Article.id).where(*conditions)
    if filters.keywords:
        found = keyword_ids(filters.keywords, _dialect(session), ranked=False).subquery()
        statement = statement.join(found, found.c.id == quote.id)
    counted = statement.distinct().limit(at_most).subquery()
    return session.scalar(select(func.count()).select_from(counted)) or 0


def near_words(session: Session, keywords: str, *, at_most: int = 3) -> dict[str, list[str]]:
    """For each word of `keywords` that no stored quote has, the words of
    quotes a typo away (see `_typo_of`), the most common first, at most
    `at_most` of them: "hospitl" → ["hospital"]. From SQLite's keyword
    index (its `fts5vocab` view); none elsewhere (PostgreSQL's `ts_stat`
    reads every quote holding a word, too slow for a hint)."""
    if _dialect(session) != "sqlite":
        return {}
    session.execute(text(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{_VOCAB} USING fts5vocab(main, quotes_fts, row)"))
    vocab = Table(_VOCAB, MetaData(), Column("term", Text), Column("doc", Integer), schema="temp")
    near: dict[str, list[str]] = {}
    for typed in dict.fromkeys(_folded(word) for word in query_words(keywords)):
        if len(typed) < _TYPO_MIN_LETTERS or session.scalar(select(vocab.c.term).where(vocab.c.term == typed)):
            continue
        after = _next_prefix(typed[:2])
        candidates = select(vocab.c.term, vocab.c.doc).where(vocab.c.term >= typed[:2])
        if after is not None:
            candidates = candidates.where(vocab.c.term < after)
        close = [(term, doc) for term, doc in session.execute(candidates) if _typo_of(typed, term)]
        close.sort(key=lambda found: (-difflib.SequenceMatcher(a=typed, b=found[0]).ratio(), -found[1], found[0]))
        near[typed] = [term for term, _ in close[:at_most]]
    return near


def _folded(word: str) -> str:
    """`word` as SQLite's keyword index holds it: lower case, without accents."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _conditions(filters: Filters) -> list[ColumnElement[bool]]:
    """The WHERE conditions of the title, outlet, date, article and kind filters."""
    article = models.Article
    conditions: list[ColumnElement[bool]] = []
    if filters.title:
        conditions.append(contains(models.Quote.title, filters.title))
    if filters.outlet:
        conditions.append(contains(article.outlet, filters.outlet))
    if filters.since:
        conditions.append(article.date >= filters.since)
    if filters.until:
        conditions.append(article.date <= filters.until)
    if filters.article:
        text = filters.article
        conditions.append(
            or_(contains(article.headline, text), contains(article.source, text), contains(article.url, text))
        )
    if filters.kind:
        conditions.append(models.Quote.kind == filters.kind)
    return conditions


def contains(column: InstrumentedAttribute[Any], text: str) -> ColumnElement[bool]:
    """`column` contains `text`, in any case (a bound LIKE pattern, its wildcards escaped)."""
    return column.ilike(f"%{_like_escape(text)}%", escape="\\")


def _with_article_and_speaker(*, article_text: bool = False) -> Select:  # type: ignore[type-arg]
    """Quotes joined to their article and (if any) their speaker; the
    article's text only with `article_text` (otherwise it loads when read)."""
    statement = (
        select(models.Quote, models.Article, models.Person)
        .join(models.Article, models.Quote.article_id == models.Article.id)
        .outerjoin(models.Person, models.Quote.person_id == models.Person.id)
    )
    return statement if article_text else statement.options(defer(models.Article.text))


def quote_by_id(session: Session, quote_id: int) -> Row | None:
    """The quote `quote_id` with its article (text included) and speaker, or None if there is none."""
    if not 0 < quote_id <= MAX_ID:
        return None
    statement = _with_article_and_speaker(article_text=True).where(models.Quote.id == quote_id)
    return next(((quote, article, person) for quote, article, person in session.execute(statement)), None)


def quotes_by_ids(session: Session, quote_ids: list[int]) -> list[Row]:
    """The quotes `quote_ids` that exist, with their articles and speakers, in one query."""
    statement = _with_article_and_speaker().where(models.Quote.id.in_(quote_ids))
    return [(quote, article, person) for quote, article, person in session.execute(statement)]


@dataclass(frozen=True)
class Statement:
    """A quotation as search shows it: one of the rows carrying it, how many
    articles carry the same words by the same speaker, and the first of
    them to (earliest published, else first stored)."""

    row: Row
    articles: int
    first: Row


def search(session: Session, filters: Filters) -> Iterator[Statement]:
    """The statements among the rows of `quote_rows` (see `stream`), each
    shown by its best-placed row, at most `filters.limit` of them, as they
    are found: with no limit, a batch at a time (the keys of the statements
    shown so far are all that is held).

    By relevance with a limit, the `_BEST_PER_HIT` times `limit` best keyword
    matches are looked at first, and all of them only if those give too few
    statements (once filtered and each statement counted once).
    """
    limit = filters.limit or 0
    if filters.keywords and filters.sort == "relevance" and limit:
        shown = _statements(session, filters, best=limit * _BEST_PER_HIT)
        if len(shown) < limit:
            shown = _statements(session, filters)
        yield from _with_carriers(session, shown)
        return
    seen: set[tuple[str, int]] = set()
    batch: dict[tuple[str, int], Row] = {}
    for row in stream(session, replace(filters, limit=None)):
        key = _statement_of(row[0])
        if key in seen:
            continue
        seen.add(key)
        batch[key] = row
        if len(batch) == _BATCH:
            yield from _with_carriers(session, batch)
            batch = {}
        if limit and len(seen) == limit:
            break
    yield from _with_carriers(session, batch)


def _with_carriers(session: Session, shown: dict[tuple[str, int], Row]) -> Iterator[Statement]:
    """Each statement of `shown` (by its row shown) with how many articles carry it and the first."""
    carriers = _carriers(session, list(shown))
    for key, row in shown.items():
        yield Statement(row, len({quote.article_id for quote, _, _ in carriers[key]}), carriers[key][0])


def _statements(session: Session, filters: Filters, *, best: int | None = None) -> dict[tuple[str, int], Row]:
    """The first row of each statement among the rows of `quote_rows`, up to `filters.limit` statements."""
    shown: dict[tuple[str, int], Row] = {}
    for row in stream(session, replace(filters, limit=None), best=best):
        shown.setdefault(_statement_of(row[0]), row)
        if filters.limit and len(shown) == filters.limit:
            break
    return shown


def same_statement(session: Session, quote: models.Quote) -> list[Row]:
    """Every stored row of the statement `quote` belongs to, first appearance first."""
    return _carriers(session, [_statement_of(quote)])[_statement_of(quote)]


def _statement_of(quote: models.Quote) -> tuple[str, int]:
    """What identifies the statement a quote belongs to: its words and its
    speaker. A quote with no known speaker is a statement of its own: two
    unknown sources saying "No comment." are not one statement."""
    return quote.statement_key, quote.person_id if quote.person_id is not None else -quote.id


def _carriers(session: Session, statements: list[tuple[str, int]]) -> dict[tuple[str, int], list[Row]]:
    """The stored rows of each statement, first appearance first: earliest
    published (undated last), then first stored."""
    carriers: dict[tuple[str, int], list[Row]] = {key: [] for key in statements}
    keys = list(dict.fromkeys(key for key, _ in statements))
    for at in range(0, len(keys), _BATCH):
        statement = (
            _with_article_and_speaker()
            .where(models.Quote.statement_key.in_(keys[at : at + _BATCH]))
            .order_by(models.Article.date.asc().nulls_last(), models.Article.id, models.Quote.start)
        )
        for quote, article, person in session.execute(statement):
            found = carriers.get(_statement_of(quote))
            if found is not None:
                found.append((quote, article, person))
    return carriers


def stream_records(
    session: Session, filters: Filters, columns: Sequence[ColumnElement[Any]]
) -> Iterator[dict[str, Any]]:
    """The rows of `quote_rows` as flat records of the labelled `columns`
    (see `stream`), without loading whole articles."""
    if _matches_nothing(filters):
        return
    for row in _batched(session, quote_rows(filters, dialect=_dialect(session)).with_only_columns(*columns)):
        yield row._asdict()


def stream(session: Session, filters: Filters, *, best: int | None = None) -> Iterator[Row]:
    """The rows of `quote_rows`, fetched a batch at a time (an export of any
    size holds one batch in memory). A keyword query with no words (only
    punctuation) matches nothing."""
    if _matches_nothing(filters):
        return
    rows = _batched(session, quote_rows(filters, dialect=_dialect(session), best=best))
    yield from ((quote, article, person) for quote, article, person in rows)


def _matches_nothing(filters: Filters) -> bool:
    """Whether `filters` has a keyword query with no words (only punctuation)."""
    return filters.keywords is not None and not keyword_terms(filters.keywords)


def _batched(session: Session, statement: Select) -> Iterator[Any]:  # type: ignore[type-arg]
    """The rows of `statement`, `_BATCH` at a time; the cursor is closed
    when the caller stops early."""
    result = session.execute(statement.execution_options(yield_per=_BATCH))
    try:
        yield from result
    finally:
        result.close()


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


@dataclass(frozen=True)
class PersonSummary:
    """A speaker with how often and under which titles they were quoted."""

    name: str
    kind: PersonKind
    quotes: int
    titles: list[str]
    aliases: list[str]
    # Publication dates of the first and last articles quoting them (None if undated).
    first: dt.date | None = None
    last: dt.date | None = None
    # Each title's first date in an article quoting them with it.
    title_since: dict[str, dt.date | None] = field(default_factory=dict)


def people(session: Session, name: str | None = None) -> list[PersonSummary]:
    """Speakers with their quote counts, titles and first and last dates
    quoted, most quoted first."""
    date = models.Article.date
    counts = (
        select(models.Person, func.count(models.Quote.id).label("n"), func.min(date), func.max(date))
        .join(models.Quote, models.Quote.person_id == models.Person.id)
        .join(models.Article, models.Quote.article_id == models.Article.id)
        .group_by(models.Person.id)
        .order_by(func.count(models.Quote.id).desc(), models.Person.name)
    )
    if name:
        counts = counts.where(models.Person.id.in_(person_ids(name)))
    rows = session.execute(counts).all()
    ids = [person.id for person, *_ in rows]
    titles: dict[int, list[str]] = {i: [] for i in ids}
    since: dict[int, dict[str, dt.date | None]] = {i: {} for i in ids}
    title_rows = session.execute(
        select(models.Quote.person_id, models.Quote.title, func.count(), func.min(date))
        .join(models.Article, models.Quote.article_id == models.Article.id)
        .where(models.Quote.person_id.in_(ids), models.Quote.title.is_not(None))
        .group_by(models.Quote.person_id, models.Quote.title)
        .order_by(func.count().desc(), models.Quote.title)
    )
    for person_id, title, _, first_given in title_rows:
        if person_id is not None and title is not None and title not in titles[person_id]:
            titles[person_id].append(title)
            since[person_id][title] = first_given
    return [
        PersonSummary(
            person.name,
            person.kind,
            n,
            titles[person.id],
            sorted({a.alias for a in person.aliases if a.key != person.key}),
            first,
            last,
            since[person.id],
        )
        for person, n, first, last in rows
    ]
