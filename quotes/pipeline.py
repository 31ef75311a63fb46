"""The whole job over many inputs: read → extract → (store), one article at a time.

Bad inputs never stop a batch: each failure is reported with the file it
came from and the rest goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial

from spacy.language import Language
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from quotes.db import reason
from quotes.errors import InputError, QuotesError
from quotes.extract import Quote, extract
from quotes.extract.baseline import textacy_quotes
from quotes.nlp import load_pipeline
from quotes.sources import DEFAULT_READING, Article, Reading, find_inputs, read_input, read_text
from quotes.sources.inputs import STDIN
from quotes.store import find_article, store_article
from quotes.transfer import read_records

ENGINES: dict[str, Callable[[Article, Language], list[Quote]]] = {
    "quotes": extract,
    "textacy": textacy_quotes,
}


@dataclass(frozen=True)
class Extracted:
    """One article's outcome: its quotes, or the error that stopped it; or
    a note on an input that was skipped."""

    source: str
    quotes: list[Quote] = field(default_factory=list)
    error: InputError | None = None
    note: str | None = None
    article: Article | None = None


def read_each(item: str | InputError, reading: Reading) -> Iterator[Article | InputError]:
    """The articles of one input (see `quotes.sources.read_input`), or the errors."""
    if isinstance(item, InputError):
        yield item
    else:
        yield from read_input(item, input_format=reading.input_format)


def extract_paths(
    paths: Iterable[str],
    *,
    model: str | None = None,
    engine: str = "quotes",
    transcripts: bool = False,
    reading: Reading = DEFAULT_READING,
) -> Iterator[Extracted]:
    """Extract the quotations of every article under `paths`, without a database.

    `engine` is "quotes" (this package's extractor) or "textacy" (the
    baseline, for comparison); `transcripts` adds the turns of interview
    transcripts (see `quotes.extract.extract`).

    Raises:
        QuotesError: `transcripts` with another engine than "quotes".
    """
    if transcripts and engine != "quotes":
        raise QuotesError("--transcripts works with the quotes engine only")
    extractor = partial(extract, transcripts=True) if transcripts else ENGINES[engine]
    inputs = find_inputs(paths, include=reading.include, exclude=reading.exclude)
    for path, why in inputs.skipped:
        yield Extracted(path, note=f"{path}: {why}")
    for item in inputs.items:
        for article in read_each(item, reading):
            if isinstance(article, InputError):
                yield Extracted(article.source, error=article)
                continue
            try:
                yield Extracted(article.source, extractor(article, load_pipeline(model)), article=article)
            except InputError as error:
                yield Extracted(article.source, error=error)


@dataclass
class IngestReport:
    """Totals of an ingest run, and the failures with their messages."""

    added: int = 0
    present: int = 0
    quotes: int = 0
    failures: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)


def ingest(
    items: Iterable[str | InputError],
    sessions: sessionmaker[Session],
    *,
    model: str | None = None,
    transcripts: bool = False,
    reading: Reading = DEFAULT_READING,
    on_input: Callable[[], None] | None = None,
) -> IngestReport:
    """Read, extract and store every article of `items` (inputs as
    `quotes.sources.find_inputs` gives them).

    An article already stored (same text) is not parsed again. A bad input,
    or a bad line of a JSON Lines file, or a database error fails that
    article alone. `transcripts` adds the turns of interview transcripts
    (see `quotes.extract.extract`). `on_input` is called after each input.
    """
    report = IngestReport()

    def extractor(article: Article) -> list[Quote]:
        # The model loads on the first article not stored yet.
        return extract(article, load_pipeline(model), transcripts=transcripts)

    for item in items:
        for article in read_each(item, reading):
            if isinstance(article, InputError):
                report.failures.append(str(article))
                continue
            try:
                _ingest_one(article, sessions, extractor, report)
            except InputError as error:
                report.failures.append(str(error))
            except SQLAlchemyError as error:
                report.failures.append(f"{article.source}: database error: {reason(error)}")
        if on_input:
            on_input()
    return report


def _ingest_one(
    article: Article, sessions: sessionmaker[Session], extractor: Callable[[Article], list[Quote]], report: IngestReport
) -> None:
    with sessions() as session:
        if find_article(session, article.hashes) is not None:
            report.present += 1
            return
    quotes = extractor(article)
    with sessions() as session:
        stored = store_article(session, article, quotes)
    if stored.added:
        report.added += 1
        report.quotes += stored.quotes
    else:
        report.present += 1


def _given(quotes: list[Quote], _article: Article) -> list[Quote]:
    """An "extractor" that returns quotes extracted before."""
    return quotes


def load(items: Iterable[str | InputError], sessions: sessionmaker[Session]) -> IngestReport:
    """Store the extracted articles in files of records (see `quotes.transfer`;
    "-" for standard input) as ingesting them would have: an article stored
    already is present, a bad line fails alone."""
    report = IngestReport()
    for item in items:
        if isinstance(item, InputError):
            report.failures.append(str(item))
            continue
        try:
            records = list(read_records(read_text(item), source="<stdin>" if item == STDIN else item))
        except InputError as error:
            report.failures.append(str(error))
            continue
        for record in records:
            if isinstance(record, InputError):
                report.failures.append(str(record))
                continue
            article, quotes = record
            try:
                _ingest_one(article, sessions, partial(_given, quotes), report)
            except SQLAlchemyError as error:
                report.failures.append(f"{article.source}: database error: {reason(error)}")
    return report
