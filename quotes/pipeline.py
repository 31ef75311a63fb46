"""The whole job over many inputs: read → extract (in worker processes if asked) → (store), article by article.

Bad inputs never stop a batch: each failure is reported with the file it
came from and the rest goes on.
"""

from __future__ import annotations

import itertools
import multiprocessing
import multiprocessing.connection
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
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
from quotes.sources import DEFAULT_READING, Article, Reading, find_inputs, read_input, text_lines
from quotes.sources.inputs import ENCODING_KEY, input_name
from quotes.store import find_article, store_article
from quotes.transfer import read_records

# How many articles per worker process wait their turn at most.
_IN_FLIGHT = 4
# How much text (characters) makes starting a worker process worth it. A
# worker takes some 3 seconds (up to 10 on a busy machine) to start and
# load the model, while one process parses about 10,000 characters a second
# (saved pages, reading included): 40 pages of 3,300 characters took 11 s in
# one process and 21 s with two workers on this 2-core machine. From 300,000
# characters (some 30 s of parsing, 90 such pages) a worker saves more than it costs.
WORK_PER_WORKER = 300_000

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
        yield from read_input(item, input_format=reading.input_format, max_bytes=reading.max_bytes)


@dataclass(frozen=True)
class Extraction:
    """How articles are extracted: the engine ("quotes", or "textacy" for
    comparison), the spaCy model, and whether interview transcripts' turns
    count (see `quotes.extract.extract`). Picklable, for worker processes.

    Raises (on creation):
        QuotesError: `transcripts` with another engine than "quotes".
    """

    model: str | None = None
    engine: str = "quotes"
    transcripts: bool = False

    def __post_init__(self) -> None:
        if self.transcripts and self.engine != "quotes":
            raise QuotesError("--transcripts works with the quotes engine only")

    def run(self, article: Article) -> list[Quote] | InputError:
        """The quotes of `article`, or the error that stopped them (the
        model loads once per process, on the first article)."""
        extractor = partial(extract, transcripts=True) if self.transcripts else ENGINES[self.engine]
        try:
            return extractor(article, load_pipeline(self.model))
        except InputError as error:
            return error


def extracted(
    articles: Iterable[Article | InputError],
    how: Extraction,
    *,
    workers: int = 1,
    on_note: Callable[[str], None] | None = None,
) -> Iterator[tuple[Article | InputError, list[Quote] | InputError]]:
    """Each article with its quotes (or the error), in order; an error read
    in place of an article passes through. With `workers` above 1 (0: one per
    core), articles are parsed in up to that many processes, as many as
    there is work for (see `choose_workers`; `on_note` is told how many and
    why), at most `_IN_FLIGHT` per worker waiting at a time, so memory stays
    bounded whatever the corpus size.

    Raises:
        QuotesError: a worker process died; or the model cannot be loaded
            (`ModelNotFoundError`).
    """
    asked = workers or cores()
    if asked > 1:
        articles, workers, note = _workers_for(articles, asked, given=workers)
        if on_note and note:
            on_note(note)
    if workers <= 1:
        for article in articles:
            yield article, article if isinstance(article, InputError) else how.run(article)
        return
    # spawn, not fork: the parent may run threads (a progress bar) that a fork would copy mid-step.
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"), initializer=_exit_with_parent)
    try:
        waiting: deque[tuple[Article | InputError, Future[list[Quote] | InputError] | None]] = deque()
        for article in articles:
            waiting.append((article, None if isinstance(article, InputError) else pool.submit(how.run, article)))
            if len(waiting) >= workers * _IN_FLIGHT:
                yield _finished(*waiting.popleft())
        while waiting:
            yield _finished(*waiting.popleft())
    except BrokenProcessPool:
        raise QuotesError(
            f"a worker process died (out of memory?); try fewer --workers than {workers}, or none"
        ) from None
    finally:
        pool.shutdown(cancel_futures=True)


def cores() -> int:
    """The cores this process may run on (`--workers 0`): those it is allowed, where the system says, else all."""
    allowed = getattr(os, "sched_getaffinity", None)
    return len(allowed(0)) if allowed else os.cpu_count() or 1


def choose_workers(asked: int, articles: int, characters: int) -> int:
    """How many processes to parse `articles` of `characters` in all with,
    when up to `asked` may: one per `WORK_PER_WORKER` characters (a worker
    process costs seconds to start and load the model: with less work than
    that it slows the whole down), never more than there are articles, at least one."""
    return max(1, min(asked, characters // WORK_PER_WORKER, articles))


def _workers_for(
    articles: Iterable[Article | InputError], asked: int, *, given: int
) -> tuple[Iterator[Article | InputError], int, str]:
    """The articles (all of them still), how many processes to parse them
    in and a note saying so and why: the articles are read ahead until
    there is work enough for `asked` processes, or none are left (so at most
    `asked` times `WORK_PER_WORKER` characters are held)."""
    iterator = iter(articles)
    ahead: list[Article | InputError] = []
    characters = 0
    for article in iterator:
        ahead.append(article)
        characters += len(article.text) if isinstance(article, Article) else 0
        if characters >= asked * WORK_PER_WORKER:
            break
    count = sum(isinstance(article, Article) for article in ahead)
    chosen = choose_workers(asked, count, characters)
    if not count:  # nothing to parse (all stored already, or unreadable): nothing to say
        return itertools.chain(ahead, iterator), chosen, ""
    why = "--workers 0: one per core" if given == 0 else f"--workers {given}"
    if chosen == asked:
        note = f"parsing in {asked} processes ({why})"
    else:
        articles_read = f"{count:,} article{'s' if count != 1 else ''} ({characters:,} characters)"
        some = f"{articles_read} {'is' if count == 1 else 'are'}" if chosen == 1 else "there is"
        note = (
            f"parsing in {chosen} process{'es' if chosen > 1 else ''}, not {asked} ({why}): {some} "
            f"too little work for more; a process pays for loading the model from about "
            f"{WORK_PER_WORKER:,} characters of articles"
        )
    return itertools.chain(ahead, iterator), chosen, note


def _exit_with_parent() -> None:
    """Make this worker process end when its parent does, however the parent
    ends (a SIGKILL runs no clean-up): a worker left behind would wait for
    work forever, holding its model (some 300 MB). A daemon thread waits on
    the parent's sentinel (a pipe the parent holds open, so it ends only
    with the parent) and then ends the process; no polling."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def wait_for_parent() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=wait_for_parent, name="exit-with-parent", daemon=True).start()


def _finished(
    article: Article | InputError, future: Future[list[Quote] | InputError] | None
) -> tuple[Article | InputError, list[Quote] | InputError]:
    """An article and its outcome, once its worker is done with it."""
    if future is None:
        assert isinstance(article, InputError)
        return article, article
    return article, future.result()


def extract_paths(
    paths: Iterable[str],
    *,
    how: Extraction = Extraction(),
    reading: Reading = DEFAULT_READING,
    workers: int = 1,
    on_note: Callable[[str], None] | None = None,
) -> Iterator[Extracted]:
    """Extract the quotations of every article under `paths`, without a
    database, `how` says, in up to `workers` processes (see `extracted`;
    `on_note` is told how many)."""
    inputs = find_inputs(paths, include=reading.include, exclude=reading.exclude)
    for path, why in inputs.skipped:
        yield Extracted(path, note=f"{path}: {why}")
    articles = (article for item in inputs.items for article in read_each(item, reading))
    for article, outcome in extracted(articles, how, workers=workers, on_note=on_note):
        if isinstance(outcome, InputError):
            yield Extracted(outcome.source, error=outcome)
        elif isinstance(article, Article):
            yield Extracted(article.source, outcome, note=guessed_encoding(article), article=article)


@dataclass
class IngestReport:
    """Totals of an ingest run, and the failures with their messages."""

    added: int = 0
    present: int = 0
    quotes: int = 0
    failures: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    # Things worth knowing that failed nothing (an encoding guessed).
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)


def ingest(
    items: Iterable[str | InputError],
    sessions: sessionmaker[Session],
    *,
    how: Extraction = Extraction(),
    reading: Reading = DEFAULT_READING,
    workers: int = 1,
    on_input: Callable[[], None] | None = None,
    on_note: Callable[[str], None] | None = None,
) -> IngestReport:
    """Read, extract and store every article of `items` (inputs as
    `quotes.sources.find_inputs` gives them), parsing in up to `workers`
    processes (see `extracted`; `on_note` is told how many).

    An article already stored (same text) is not parsed again. A bad input,
    or a bad line of a JSON Lines file, or a database error fails that
    article alone. Each article is stored in a transaction of its own, by
    this process only. `on_input` is called after each input is read.
    """
    report = IngestReport()

    def new_articles() -> Iterator[Article | InputError]:
        for item in items:
            for article in read_each(item, reading):
                if isinstance(article, Article) and (note := guessed_encoding(article)):
                    report.notes.append(note)
                if not (isinstance(article, Article) and _stored(sessions, article, report)):
                    yield article
            if on_input:
                on_input()

    for article, outcome in extracted(new_articles(), how, workers=workers, on_note=on_note):
        if isinstance(outcome, InputError):
            report.failures.append(str(outcome))
        elif isinstance(article, Article):
            _store(article, outcome, sessions, report)
    return report


def guessed_encoding(article: Article) -> str | None:
    """A note that `article`'s file was not UTF-8 and in which encoding it was read, if so."""
    guess = article.extra.get(ENCODING_KEY)
    return f"{article.source}: not UTF-8; read as {guess}" if guess else None


def _stored(sessions: sessionmaker[Session], article: Article, report: IngestReport) -> bool:
    """Whether `article` is stored already (under any of its hashes), counted
    as present if so; an error is that article's failure (and it counts as
    stored, so that it is not parsed in vain)."""
    try:
        with sessions() as session:
            found = find_article(session, article.hashes) is not None
    except Exception as error:  # noqa: BLE001 (whatever it is, it fails this article alone)
        report.failures.append(_failure(article, error))
        return True
    if found:
        report.present += 1
    return found


def _store(article: Article, quotes: list[Quote], sessions: sessionmaker[Session], report: IngestReport) -> None:
    """Store one article and its quotes, and count it in `report`; an error
    (a field too long to store, a database error, anything unforeseen)
    fails this article alone."""
    try:
        with sessions() as session:
            stored = store_article(session, article, quotes)
    except Exception as error:  # noqa: BLE001 (whatever it is, it fails this article alone)
        report.failures.append(_failure(article, error))
        return
    if stored.added:
        report.added += 1
        report.quotes += stored.quotes
    else:
        report.present += 1


def _failure(article: Article, error: Exception) -> str:
    """The one line that reports why `article` could not be stored: a
    database's message may run over several (PostgreSQL's DETAIL and CONTEXT)."""
    if isinstance(error, InputError):
        why = str(error)
    elif isinstance(error, SQLAlchemyError):
        why = f"{article.source}: database error: {reason(error)}"
    else:
        why = f"{article.source}: cannot store it ({type(error).__name__}: {error})"
    return "; ".join(line.strip() for line in why.splitlines() if line.strip())


def load(
    items: Iterable[str | InputError],
    sessions: sessionmaker[Session],
    *,
    on_article: Callable[[], None] | None = None,
) -> IngestReport:
    """Store the extracted articles in files of records (see `quotes.transfer`;
    "-" for standard input), a line at a time, as ingesting them would have:
    an article stored already is present, a bad line fails alone.
    `on_article` is called after each record (for a progress bar)."""
    report = IngestReport()
    for item in items:
        if isinstance(item, InputError):
            report.failures.append(str(item))
            continue
        try:
            with text_lines(item) as lines:
                for record in read_records(lines, source=input_name(item)):
                    if isinstance(record, InputError):
                        report.failures.append(str(record))
                    elif not _stored(sessions, record[0], report):
                        _store(*record, sessions, report)
                    if on_article:
                        on_article()
        except InputError as error:
            report.failures.append(str(error))
    return report
