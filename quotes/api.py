"""The library's front door: one call per command, taking a database path or URL.

The CLI is a thin layer over these; scripts can use them the same way.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from quotes import export, queries
from quotes.check import Check
from quotes.check import check as check_claim
from quotes.db import open_database
from quotes.errors import AmbiguousPersonError, OutputError, QuotesError
from quotes.queries import Filters, PersonSummary

if TYPE_CHECKING:  # the pipeline pulls in spaCy: only ingesting needs it
    from quotes.pipeline import IngestReport


def ingest(
    paths: Iterable[str],
    *,
    db: str | None = None,
    model: str | None = None,
    transcripts: bool = False,
    on_start: Callable[[int], None] | None = None,
    on_article: Callable[[], None] | None = None,
) -> IngestReport:
    """Read, extract and store every article under `paths` into `db`.

    `transcripts` also takes the turns of interview transcripts ("TAPPER:
    …") for quotes. `on_start` gets the number of inputs once the folders
    are walked; `on_article` is called after each one (for a progress bar).
    """
    from quotes.pipeline import ingest as ingest_items  # spaCy loads only when ingesting
    from quotes.sources import iter_article_paths

    sessions = open_database(db)
    items = list(iter_article_paths(paths))
    if on_start:
        on_start(len(items))
    return ingest_items(items, sessions, model=model, transcripts=transcripts, on_article=on_article)


def search(filters: Filters, *, db: str | None = None) -> list[export.Row]:
    """Stored quotes matching `filters`, with their articles and speakers.

    Raises:
        AmbiguousPersonError: the person filter matches several people.
    """
    sessions = open_database(db, create=False)
    with sessions() as session:
        return queries.search(session, _one_person(session, filters))


def _one_person(session: Session, filters: Filters) -> Filters:
    """`filters` with its person filter resolved to one person (see
    `queries.resolve_person`); several matching people are an error that
    lists them ("Clinton": Bill Clinton or Hillary Clinton)."""
    if not filters.person:
        return filters
    people = queries.resolve_person(session, filters.person)
    if len(people) > 1:
        names = "; ".join(sorted(p.name for p in people))
        raise AmbiguousPersonError(f"{filters.person!r} matches several people: {names}. Pick one with --person.")
    # Nobody: an id no person has, so that nothing matches.
    return replace(filters, person_id=people[0].id if people else 0)


def show(quote_id: int, *, db: str | None = None) -> export.Row:
    """The stored quote `quote_id`, with its article and speaker.

    Raises:
        QuotesError: there is no quote with that id.
    """
    sessions = open_database(db, create=False)
    with sessions() as session:
        row = queries.quote_by_id(session, quote_id)
    if row is None:
        raise QuotesError(f"no quote with id {quote_id} (search shows the ids)")
    return row


def check(claim: str, *, speaker: str | None = None, db: str | None = None) -> Check:
    """Whether `claim` was said according to the stored quotes, and by
    `speaker` if given (see `quotes.check.check`)."""
    sessions = open_database(db, create=False)
    with sessions() as session:
        return check_claim(session, claim, speaker)


def people(name: str | None = None, *, db: str | None = None) -> list[PersonSummary]:
    """Speakers (any of whose names contains `name`, if given) with counts and titles."""
    sessions = open_database(db, create=False)
    with sessions() as session:
        return queries.people(session, name)


def export_quotes(
    filters: Filters, target: Path | str, *, format: str = "csv", bom: bool = False, db: str | None = None
) -> int:
    """Write the quotes matching `filters` to the file `target` ("-": stdout)
    as `format` ("csv", "json" or "jsonl"), streaming them; `bom` starts the
    file with a UTF-8 byte-order mark, for Excel.

    Returns the number of rows written.

    Raises:
        OutputError: the file cannot be written.
    """
    writer = export.WRITERS[format]
    sessions = open_database(db, create=False)
    with sessions() as session:
        rows = queries.stream(session, _one_person(session, filters))
        if str(target) == "-":
            if bom:
                sys.stdout.write("\ufeff")
            return writer(rows, sys.stdout)
        try:
            with Path(target).open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
                return writer(rows, handle)
        except OSError as error:
            raise OutputError(f"cannot write {target}: {error.strerror}") from None
