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
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import IO

from quotes import models
from quotes.errors import OutputError
from quotes.queries import Statement

COLUMNS = (
    "quote_id",
    "speaker",
    "title",
    "quote",
    "kind",
    "cue",
    "headline",
    "outlet",
    "date",
    "source",
    "start",
    "end",
    "speaker_mention",
    "confidence",
)
# What search adds for the statement a quote belongs to: how many articles
# carry the same words by the same speaker, and the first of them.
STATEMENT_COLUMNS = (*COLUMNS, "articles", "first_quote_id", "first_date")

# What a spreadsheet runs as a formula at the start of a cell (after any
# white space; full-width forms too, once NFKC-folded), and the white space
# that may open a cell before one.
_FORMULA_MARKS = frozenset("=+-@")
_BREAKS = ("\t", "\r", "\n")


def record(quote: models.Quote, article: models.Article, person: models.Person | None) -> dict[str, object]:
    """One quote as a flat record with the columns of `COLUMNS`."""
    return {
        "quote_id": quote.id,
        "speaker": person.name if person else quote.speaker_name,
        "title": quote.title,
        "quote": quote.text,
        "kind": quote.kind,
        "cue": quote.cue,
        "headline": article.headline,
        "outlet": article.outlet,
        "date": article.published.isoformat() if article.published else None,
        "source": article.url or article.source,
        "start": quote.start,
        "end": quote.end,
        "speaker_mention": quote.mention,
        "confidence": quote.confidence,
    }


def dated(fields: dict[str, object]) -> dict[str, object]:
    """A record from `queries.stream_records` with its date as ISO text, as `record` gives it."""
    date = fields["date"]
    return {**fields, "date": date.isoformat()} if isinstance(date, dt.date) else fields


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


def write_csv(records: Iterable[dict[str, object]], out: IO[str], columns: Sequence[str] = COLUMNS) -> int:
    """Write `records` as CSV with `columns` (header first) to `out`; return the number of rows."""
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    count = 0
    for fields in records:
        writer.writerow({k: safe_cell(v) for k, v in fields.items()})
        count += 1
    return count


def write_jsonl(records: Iterable[dict[str, object]], out: IO[str]) -> int:
    """Write `records` as JSON Lines (one object per line) to `out`; return the number of rows."""
    count = 0
    for fields in records:
        out.write(json.dumps(fields, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_json(records: Iterable[dict[str, object]], out: IO[str]) -> int:
    """Write `records` as one JSON array to `out`, an object per line, as they
    come (no list of them is held); return the number of rows."""
    count = 0
    for fields in records:
        out.write(",\n" if count else "[\n")
        out.write(json.dumps(fields, ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "[]\n")
    return count


# Writers by export format.
WRITERS = {"csv": write_csv, "json": write_json, "jsonl": write_jsonl}


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
