"""Turning quote rows into flat records, CSV and JSON.

CSV cells are made safe for spreadsheets: a cell that begins with a
character a spreadsheet reads as a formula (=, +, -, @, tab, carriage
return) gets a leading apostrophe (OWASP, "CSV Injection").
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import IO

from quotes import models
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

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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
    """`value`, with a leading apostrophe if a spreadsheet would run it as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
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
