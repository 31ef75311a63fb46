"""The whole job over many inputs: read → extract → (store), one article at a time.

Bad inputs never stop a batch: each failure is reported with the file it
came from and the rest goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language
from sqlalchemy.orm import Session, sessionmaker

from quotes.errors import InputError
from quotes.extract import Quote, extract
from quotes.extract.baseline import textacy_quotes
from quotes.nlp import load_pipeline
from quotes.sources import Article, iter_article_paths, read_article
from quotes.store import find_article, store_article


@dataclass(frozen=True)
class Extracted:
    """One input's outcome: its article and quotes, or the error that stopped it."""

    source: str
    article: Article | None = None
    quotes: list[Quote] = field(default_factory=list)
    error: InputError | None = None


def read_all(paths: Iterable[str]) -> Iterator[Article | InputError]:
    """Articles from files and folders, or the error for each one that failed."""
    for item in iter_article_paths(paths):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield read_article(item)
        except InputError as error:
            yield error


ENGINES: dict[str, Callable[[Article, Language], list[Quote]]] = {
    "quotes": extract,
    "textacy": textacy_quotes,
}


def extract_paths(paths: Iterable[str], *, model: str | None = None, engine: str = "quotes") -> Iterator[Extracted]:
    """Extract the quotations of every article under `paths`, without a database.

    `engine` is "quotes" (this package's extractor) or "textacy" (the
    baseline, for comparison).
    """
    extractor = ENGINES[engine]
    nlp = None
    for item in read_all(paths):
        if isinstance(item, InputError):
            yield Extracted(item.source, error=item)
            continue
        nlp = nlp or load_pipeline(model)
        yield Extracted(item.source, item, extractor(item, nlp))


@dataclass
class IngestReport:
    """Totals of an ingest run, and the failures with their messages."""

    added: int = 0
    present: int = 0
    quotes: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)


def ingest(
    paths: Iterable[str],
    sessions: sessionmaker[Session],
    *,
    model: str | None = None,
    on_article: Callable[[str, str], None] | None = None,
) -> IngestReport:
    """Read, extract and store every article under `paths`.

    An article already stored (same text) is not parsed again. `on_article`
    is called with (source, outcome) after each input, outcome being
    "added", "present" or the error message.
    """
    report = IngestReport()
    for item in read_all(paths):
        if isinstance(item, InputError):
            report.failures.append(str(item))
            if on_article:
                on_article(item.source, str(item))
            continue
        with sessions() as session:
            present = find_article(session, item.content_hash) is not None
        if present:
            report.present += 1
            outcome = "present"
        else:
            quotes = extract(item, load_pipeline(model))
            with sessions() as session:
                stored = store_article(session, item, quotes)
            if stored.added:
                report.added += 1
                report.quotes += stored.quotes
                outcome = "added"
            else:
                report.present += 1
                outcome = "present"
        if on_article:
            on_article(item.source, outcome)
    return report
