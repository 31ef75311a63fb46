"""The library's front door: one call per command, taking a database path or URL.

The CLI is a thin layer over these; scripts can use them the same way.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy.orm import Session, sessionmaker

from quotes import export, models, queries, store
from quotes.check import Check, DraftQuotation
from quotes.check import check as check_claim
from quotes.db import database_path, is_sqlite_file, open_database
from quotes.errors import AmbiguousPersonError, InputError, OutputError, QuotesError
from quotes.queries import Filters, PersonSummary, Statement
from quotes.sources import DEFAULT_READING, Reading

# How many of the people an ambiguous name matches an error names.
_NAMES_SHOWN = 10
# A long export tells its progress every this many rows (a call per row would slow it).
_PROGRESS_EVERY = 1000

T = TypeVar("T")

if TYPE_CHECKING:  # the pipeline pulls in spaCy: only ingesting and extracting need it
    from quotes.extract import Quote
    from quotes.pipeline import Extracted, IngestReport


def ingest(
    paths: Iterable[str],
    *,
    db: str | None = None,
    model: str | None = None,
    transcripts: bool = False,
    reading: Reading = DEFAULT_READING,
    workers: int = 1,
    on_start: Callable[[int], None] | None = None,
    on_input: Callable[[], None] | None = None,
    on_note: Callable[[str], None] | None = None,
) -> IngestReport:
    """Read, extract and store every article under `paths` (files, folders,
    URLs, "-" for standard input) into `db`.

    `transcripts` also takes the turns of interview transcripts ("TAPPER:
    …") for quotes; `reading` says which files of folders to take and in
    which format to read inputs; up to `workers` processes parse (0: one
    per core; fewer when there is too little work, see
    `quotes.pipeline.choose_workers`), and `on_note` is told how many.
    `on_start` gets the number of inputs once the folders are walked;
    `on_input` is called after each one (for a progress bar). Files of
    folders skipped as of unknown type are in the report's `skipped`.
    """
    from quotes.pipeline import Extraction  # spaCy loads only when ingesting
    from quotes.pipeline import ingest as ingest_items
    from quotes.sources import find_inputs

    sessions = open_database(db)
    inputs = find_inputs(paths, include=reading.include, exclude=reading.exclude)
    if on_start:
        on_start(len(inputs.items))
    how = Extraction(model=model, transcripts=transcripts)
    report = ingest_items(
        inputs.items, sessions, how=how, reading=reading, workers=workers, on_input=on_input, on_note=on_note
    )
    report.skipped.extend(f"{path}: {reason}" for path, reason in inputs.skipped)
    return report


def extract(
    paths: Iterable[str],
    *,
    model: str | None = None,
    engine: str = "quotes",
    transcripts: bool = False,
    reading: Reading = DEFAULT_READING,
    workers: int = 1,
    on_note: Callable[[str], None] | None = None,
) -> Iterator[Extracted]:
    """Extract the quotations of every article under `paths` (as for
    `ingest`), without a database, in up to `workers` processes (`on_note`
    is told how many, as for `ingest`): each article's
    quotes (or the error that stopped them) as it is done, and a note for
    each input skipped (see `quotes.pipeline.Extracted`). `engine` "textacy"
    runs textacy's `direct_quotations` instead, for comparison.

    Raises:
        QuotesError: `transcripts` with the textacy engine; a worker process
            died; the model cannot be loaded (`ModelNotFoundError`).
    """
    from quotes.pipeline import Extraction, extract_paths  # spaCy loads only when extracting

    how = Extraction(model=model, engine=engine, transcripts=transcripts)
    return extract_paths(paths, how=how, reading=reading, workers=workers, on_note=on_note)


def load(paths: Iterable[str], *, db: str | None = None, on_article: Callable[[], None] | None = None) -> IngestReport:
    """Store the extracted articles in the record files `paths` ("-" for
    standard input; see `quotes.transfer`) into `db`, as ingesting the
    articles would have; `on_article` is called after each (for a progress bar)."""
    from quotes.pipeline import load as load_records
    from quotes.sources import find_inputs

    sessions = open_database(db)
    return load_records(find_inputs(paths, include=["*"]).items, sessions, on_article=on_article)


class Found(Iterator[Statement]):
    """What a search finds: the statements (see `queries.search`), as they
    are found; the database stays open until the last one is read or
    `close()` is called. Then `matching` says how many match in all when the
    limit held some back, and `near_words` which stored words a keyword
    with no match may have meant."""

    def __init__(self, statements: Iterator[Statement], filters: Filters, sessions: sessionmaker[Session]) -> None:
        self._statements = statements
        self._filters = filters
        self._sessions = sessions
        self.shown = 0

    def __next__(self) -> Statement:
        statement = next(self._statements)
        self.shown += 1
        return statement

    def close(self) -> None:
        """Stop reading (and close the database)."""
        close = getattr(self._statements, "close", None)
        if close is not None:
            close()

    def matching(self, *, at_most: int) -> int | None:
        """After the last statement shown: how many statements match in
        all, counted up to `at_most` (see `queries.count_statements`), when
        the limit may have held some back; None when all of them were shown."""
        if not self._filters.limit or self.shown < self._filters.limit:
            return None
        with self._sessions() as session:
            return queries.count_statements(session, self._filters, at_most=at_most)

    def near_words(self) -> dict[str, list[str]]:
        """The stored words a typo away from each keyword that no quote has
        (see `queries.near_words`); none when there are no keywords."""
        if not self._filters.keywords:
            return {}
        with self._sessions() as session:
            return queries.near_words(session, self._filters.keywords)


def search(filters: Filters, *, db: str | None = None) -> Found:
    """Stored quotes matching `filters`, with their articles and speakers,
    each statement once, as they are found (see `Found`).

    Raises:
        AmbiguousPersonError: the person filter matches several people
            (raised before the first statement).
    """
    sessions = open_database(db, access="read")
    session = sessions()
    try:
        resolved = _one_person(session, filters)
        found = queries.search(session, resolved)
    except BaseException:
        session.close()
        raise
    return Found(_closing(found, session), resolved, sessions)


def _closing(items: Iterator[Statement], session: Session) -> Iterator[Statement]:
    """`items`, then `session` closed (also when the caller stops early)."""
    try:
        yield from items
    finally:
        session.close()


def _one_person(session: Session, filters: Filters) -> Filters:
    """`filters` with its person filter resolved to one person (see
    `queries.resolve_person`); several matching people are an error that
    lists them ("Clinton": Bill Clinton or Hillary Clinton)."""
    if not filters.person:
        return filters
    people = queries.resolve_person(session, filters.person, at_most=_NAMES_SHOWN + 1)
    if len(people) > 1:
        raise AmbiguousPersonError(f"{_several(filters.person, people)} Pick one with --person.")
    # Nobody: an id no person has, so that nothing matches.
    return replace(filters, person_id=people[0].id if people else 0)


def _several(name: str, people: list[models.Person]) -> str:
    """The message for a name that matches several people, naming the first
    `_NAMES_SHOWN` of them (in order of name)."""
    names = [p.name for p in people]
    more = " and more" if len(names) > _NAMES_SHOWN else ""
    return f"{name!r} matches several people: {'; '.join(names[:_NAMES_SHOWN])}{more}."


def _the_person(session: Session, name: str) -> models.Person:
    """The one person whose canonical name, or another name the articles
    use for them, is `name` in full (in any case or accents): merging and
    renaming cannot be undone, so no word start or typo stands for a name.

    Raises:
        QuotesError: nobody has that name (the message suggests who might be meant).
        AmbiguousPersonError: several people have it.
    """
    people = queries.people_named(session, name, at_most=_NAMES_SHOWN + 1)
    if len(people) > 1:
        raise AmbiguousPersonError(f"{_several(name, people)} Give one of these names in full.")
    if people:
        return people[0]
    close = queries.resolve_person(session, name, at_most=_NAMES_SHOWN)
    hint = f"; did you mean {' or '.join(repr(p.name) for p in close)}?" if close else " (quotes people lists them)"
    raise QuotesError(f"no speaker is called {name!r}{hint}")


def merge_people(keep: str, others: list[str], *, db: str | None = None) -> tuple[str, list[tuple[str, int]]]:
    """Merge the people named `others` into the person named `keep`, all in
    one transaction (see `store.merge_people`); the names are resolved as the
    names are those the articles use, in full, and must each mean one person.

    Returns the kept person's name and, for each merged person, their name
    and the number of quotes moved.

    Raises:
        QuotesError: a name means nobody, or someone to merge is the kept person.
        AmbiguousPersonError: a name means several people.
    """
    sessions = open_database(db, access="write")
    with sessions() as session, session.begin():
        person = _the_person(session, keep)
        merged = []
        for other in dict.fromkeys(_the_person(session, name) for name in others):  # each once
            merged.append((other.name, store.merge_people(session, person, other)))
        return person.name, merged


def rename_person(name: str, new_name: str, *, db: str | None = None) -> tuple[str, str]:
    """Give the person `name` means the canonical name `new_name` (see
    `store.rename_person`); return their former name and the new one.

    Raises:
        QuotesError: `name` means nobody, or another person is called `new_name`.
        AmbiguousPersonError: `name` means several people.
    """
    sessions = open_database(db, access="write")
    with sessions() as session, session.begin():
        person = _the_person(session, name)
        former = person.name
        store.rename_person(session, person, new_name)
        return former, person.name


def show(quote_id: int, *, db: str | None = None) -> tuple[queries.Row, list[queries.Row]]:
    """The stored quote `quote_id`, with its article and speaker, and every
    row of the same statement (itself included), first appearance first.

    Raises:
        QuotesError: there is no quote with that id.
    """
    sessions = open_database(db, access="read")
    with sessions() as session:
        row = queries.quote_by_id(session, quote_id)
        if row is None:
            raise QuotesError(f"no quote with id {quote_id} (search shows the ids)")
        return row, queries.same_statement(session, row[0])


def check(claim: str, *, speaker: str | None = None, db: str | None = None) -> Check:
    """Whether `claim` was said according to the stored quotes (verbatim, an
    excerpt, altered, a paraphrase, or not found), and by `speaker` if given
    (see `quotes.check.check`)."""
    sessions = open_database(db, access="read")
    with sessions() as session:
        return check_claim(session, claim, speaker)


def check_draft(
    source: str,
    *,
    db: str | None = None,
    model: str | None = None,
    input_format: str | None = None,
    on_quotations: Callable[[int], None] | None = None,
    on_checked: Callable[[], None] | None = None,
) -> list[DraftQuotation]:
    """Check every quotation of the draft story `source` (a file of text or
    HTML, a URL, or "-" for standard input; read as `ingest` reads an
    article, in `input_format` if given) against the stored quotes: each
    is found and attributed as `extract` does, and checked with the speaker
    the draft gives it (see `quotes.check.check`), in the draft's order.
    `on_quotations` gets their number once the draft is parsed, and
    `on_checked` is called after each check (for a progress bar).

    Raises:
        InputError: the draft cannot be read (or parsed: too long).
        QuotesError: the database cannot be opened (before the draft is
            parsed), the input format is unknown, or the model is missing.
    """
    from quotes.pipeline import Extraction  # spaCy loads only for a draft
    from quotes.sources import read_input

    sessions = open_database(db, access="read")
    how = Extraction(model=model)
    found: list[tuple[str, Quote]] = []
    for article in read_input(source, input_format=input_format):
        if isinstance(article, InputError):
            raise article
        quotes = how.run(article)
        if isinstance(quotes, InputError):
            raise quotes
        found += [(article.source, quote) for quote in quotes]
    if on_quotations:
        on_quotations(len(found))
    checked = []
    with sessions() as session:
        for draft, quote in found:
            checked.append(DraftQuotation(draft, quote, check_claim(session, quote.text, quote.speaker)))
            if on_checked:
                on_checked()
    return checked


def people(name: str | None = None, *, db: str | None = None) -> list[PersonSummary]:
    """Speakers (with a name whose words start with those of `name`, if given) with counts and titles."""
    sessions = open_database(db, access="read")
    with sessions() as session:
        return queries.people(session, name)


def export_quotes(
    filters: Filters,
    target: Path | str,
    *,
    format: str = "csv",
    bom: bool = False,
    force: bool = False,
    db: str | None = None,
    on_rows: Callable[[int], None] | None = None,
) -> int:
    """Write the quotes matching `filters` to the file `target` ("-": stdout)
    as `format` ("csv", "json" or "jsonl"), streaming them; `bom` starts the
    file with a UTF-8 byte-order mark, for Excel. The file is complete or
    not there (see `export.write_file`). `on_rows` is told every so many rows
    how many more were written (for a progress bar).

    Returns the number of rows written.

    Raises:
        OutputError: the file cannot be written, is the database itself (or
            its write-ahead log), or is an SQLite database and `force` is not given.
    """
    if str(target) != "-":
        _check_export_target(Path(target), db, force=force)
    sessions = open_database(db, access="read")
    with sessions() as session:
        columns = [column.selected() for column in export.RECORD]
        records = queries.stream_records(session, _one_person(session, filters), columns)
        return export.write(_counting(records, on_rows) if on_rows else records, target, format=format, bom=bom)


def _counting(items: Iterable[T], on_items: Callable[[int], None]) -> Iterator[T]:
    """`items`, telling `on_items` how many went by every `_PROGRESS_EVERY` items and at the end."""
    count = 0
    for item in items:
        yield item
        count += 1
        if count == _PROGRESS_EVERY:
            on_items(count)
            count = 0
    if count:
        on_items(count)


def _check_export_target(target: Path, db: str | None, *, force: bool) -> None:
    """Refuse to export over the database being read (or its write-ahead
    log, shared memory or journal), whatever `force` says, and over any other
    SQLite database unless `force`: a mistyped file name must not destroy one.

    Raises:
        OutputError: see `export_quotes`.
    """
    database = database_path(db)
    if database is not None:
        for name in ("", "-wal", "-shm", "-journal"):
            companion = database.with_name(database.name + name)
            same = target.resolve() == companion.resolve() or (
                target.exists() and companion.exists() and os.path.samefile(target, companion)
            )
            if same:
                raise OutputError(
                    f"will not write the export to {target}: it is the database being exported"
                    f"{' (its ' + name[1:] + ' file)' if name else ''}; choose another file name"
                )
    if not force and is_sqlite_file(target):
        raise OutputError(
            f"will not write the export to {target}: it is an SQLite database; "
            "choose another file name, or --force to replace it"
        )
