"""Turning quote rows into flat records, CSV and JSON, and writing them.

CSV cells are made safe for spreadsheets: a cell whose first character
other than white space is one a spreadsheet reads as a formula (=, +, -, @,
or their full-width forms), or that begins with a tab or a line break, gets
a leading apostrophe (OWASP, "CSV Injection"). Written to a terminal, any
format shows control characters as escapes (see `TerminalSafe`). A file is
written under a temporary name and renamed into place once complete, so a
failure leaves no half file (see `write_file`).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import os
import secrets
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from sqlalchemy import ColumnElement, Label, func
from sqlalchemy.orm import InstrumentedAttribute

from quotes import models
from quotes.errors import OutputError
from quotes.queries import Statement


@dataclass(frozen=True)
class Column:
    """A column of an exported record: its name, what a streamed export
    selects for it (SQL over the quote, its article and its speaker) and its
    value for a row already loaded (see `record`). The two must agree."""

    name: str
    sql: ColumnElement[Any] | InstrumentedAttribute[Any]
    value: Callable[[models.Quote, models.Article, models.Person | None], object]

    def selected(self) -> Label[Any]:
        """The SQL, labelled with the column's name."""
        return self.sql.label(self.name)


def _quote_field(name: str) -> Column:
    """The quote's field `name`, under that name."""
    return Column(name, getattr(models.Quote, name), lambda quote, _article, _person: getattr(quote, name))


def _article_field(name: str) -> Column:
    """The article's field `name`, under that name."""
    return Column(name, getattr(models.Article, name), lambda _quote, article, _person: getattr(article, name))


# The columns of an exported quote, in order: the fields of `quotes extract
# --format jsonl` under the same names, the speaker as a person is called
# now (merges and renames included), the article's headline and date, and
# where to read it (its URL, else the path it was read from).
RECORD = (
    Column("quote_id", models.Quote.id, lambda quote, _article, _person: quote.id),
    Column(
        "speaker",
        func.coalesce(models.Person.name, models.Quote.speaker),
        lambda quote, _article, person: person.name if person else quote.speaker,
    ),
    _quote_field("title"),
    _quote_field("text"),
    _quote_field("kind"),
    _quote_field("cue"),
    _article_field("headline"),
    _article_field("outlet"),
    _article_field("date"),
    Column(
        "source",
        func.coalesce(models.Article.url, models.Article.source),
        lambda _quote, article, _person: article.url or article.source,
    ),
    _quote_field("start"),
    _quote_field("end"),
    _quote_field("mention"),
    _quote_field("confidence"),
)
COLUMNS = tuple(column.name for column in RECORD)
# What search adds for the statement a quote belongs to: how many articles
# carry the same words by the same speaker, and the first of them.
STATEMENT_COLUMNS = (*COLUMNS, "articles", "first_quote_id", "first_date")

# What a spreadsheet runs as a formula at the start of a cell (after any
# white space; full-width forms too, once NFKC-folded), and the white space
# that may open a cell before one.
_FORMULA_MARKS = frozenset("=+-@")
_BREAKS = ("\t", "\r", "\n")


def record(quote: models.Quote, article: models.Article, person: models.Person | None) -> dict[str, object]:
    """One quote as a flat record with the columns of `RECORD` (a date as a `datetime.date`)."""
    return {column.name: column.value(quote, article, person) for column in RECORD}


def statement_record(statement: Statement) -> dict[str, object]:
    """A search hit as a flat record with the columns of `STATEMENT_COLUMNS`."""
    first = record(*statement.first)
    return {
        **record(*statement.row),
        "articles": statement.articles,
        "first_quote_id": first["quote_id"],
        "first_date": first["date"],
    }


def safe_cell(value: object) -> object:
    """`value`, with a leading apostrophe if a spreadsheet would run it as a
    formula: its first character other than white space is =, +, -, @ (or a
    full-width or small form of one: "＝"), or it opens with a tab or a line break."""
    if not isinstance(value, str):
        return value
    first = value.lstrip()[:1]
    if value.startswith(_BREAKS) or (first and unicodedata.normalize("NFKC", first)[:1] in _FORMULA_MARKS):
        return "'" + value
    return value


Records = Iterable[dict[str, object]]


def write_csv(records: Records, out: IO[str], columns: Sequence[str] = COLUMNS) -> int:
    """Write `records` as CSV with `columns` (header first) to `out`; return the number of rows."""
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    count = 0
    for fields in records:
        writer.writerow({name: safe_cell(fields[name]) for name in columns})
        count += 1
    return count


def write_jsonl(records: Records, out: IO[str], columns: Sequence[str] = COLUMNS) -> int:
    """Write `records` as JSON Lines (one object of `columns` per line) to `out`; return the number of rows."""
    count = 0
    for fields in records:
        out.write(_json(fields, columns) + "\n")
        count += 1
    return count


def write_json(records: Records, out: IO[str], columns: Sequence[str] = COLUMNS) -> int:
    """Write `records` as one JSON array to `out`, an object of `columns` per
    line, as they come (no list of them is held); return the number of rows."""
    count = 0
    for fields in records:
        out.write(",\n" if count else "[\n")
        out.write(_json(fields, columns))
        count += 1
    out.write("\n]\n" if count else "[]\n")
    return count


def _json(fields: dict[str, object], columns: Sequence[str]) -> str:
    """The `columns` of a record as one line of JSON, dates in ISO form."""
    return json.dumps({name: fields[name] for name in columns}, ensure_ascii=False, default=_iso_date)


def _iso_date(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


# Writers by export format.
WRITERS: dict[str, Callable[[Records, IO[str], Sequence[str]], int]] = {
    "csv": write_csv,
    "json": write_json,
    "jsonl": write_jsonl,
}


def write(
    records: Records, target: Path | str, *, format: str, columns: Sequence[str] = COLUMNS, bom: bool = False
) -> int:
    """Write `records` (their `columns`) as `format` ("csv", "json" or
    "jsonl") to the file `target` (see `write_file`), or to standard output
    for "-" (`TerminalSafe` if it is a terminal), as they come; `bom` starts
    the output with a UTF-8 byte-order mark, for Excel. Returns the number of rows.

    Raises:
        OutputError: the file cannot be written; the message says why.
    """
    writer = WRITERS[format]
    if str(target) != "-":
        return write_file(Path(target), lambda handle: writer(records, handle, columns), bom=bom)
    out = for_terminal(sys.stdout)
    if bom:
        out.write("\ufeff")
    return writer(records, out, columns)


class TerminalSafe:
    """A text stream for a terminal that shows control characters (escape
    sequences, a bell, bidirectional overrides) as visible escapes instead
    of passing them on: exported text is data, never terminal commands."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(visible(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()


# Characters that reorder the text around them (bidirectional embeddings,
# overrides and isolates, and the marks): shown as escapes, like controls.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def visible(text: str, *, keep: str = "\n\t") -> str:
    """`text` with its control characters (C0 and C1, but those in `keep`)
    and bidirectional controls written as escapes ("\\x1b", "\\u202e")."""
    return "".join(
        c if c in keep or (unicodedata.category(c) != "Cc" and c not in BIDI_CONTROLS) else _escape(c) for c in text
    )


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def for_terminal(stream: IO[str]) -> IO[str]:
    """`stream`, made `TerminalSafe` if it is a terminal."""
    isatty = getattr(stream, "isatty", None)
    return TerminalSafe(stream) if callable(isatty) and isatty() else stream  # type: ignore[return-value]


def write_file(path: Path, write: Callable[[IO[str]], int], *, bom: bool = False) -> int:
    """Call `write` with a text stream for the file `path` and return what it
    returns. A regular file is written under a temporary name beside it and
    renamed into place once complete (keeping the mode of a file it
    replaces), so a failure, a full disk say, leaves no half file and the
    old one intact; a device or pipe (/dev/stdout) is written directly.

    Raises:
        OutputError: the file cannot be written; the message says why.
    """
    encoding = "utf-8-sig" if bom else "utf-8"
    try:
        if path.exists() and not path.is_file():
            if path.is_dir():
                raise OutputError(f"cannot write {path}: it is a folder")
            with path.open("w", encoding=encoding, newline="") as handle:
                return write(handle)
        replaced = path.stat().st_mode & 0o7777 if path.exists() else None
        partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # less the umask, as open() does
        try:
            if replaced is not None:
                os.chmod(descriptor, replaced)
            with open(descriptor, "w", encoding=encoding, newline="") as handle:
                count = write(handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(partial, path)
        except BaseException:
            with contextlib.suppress(OSError):
                partial.unlink()
            raise
        return count
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
