"""Extracted articles as JSON records: what `quotes extract --format articles`
writes and `quotes load` reads, so that extraction can run anywhere (a map
step on many machines) and the results be stored once.

A record is one article: its source, text (as stored: offsets index it),
`body_start`, metadata (`title`, `date`, `url`, `author`, `outlet`, `extra`)
and `quotes`, each the object `quotes extract --format jsonl` prints for a
quote (without `source`). Loading a record stores exactly what ingesting the
article would have.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from quotes.errors import InputError
from quotes.extract import Quote
from quotes.sources import Article
from quotes.sources.article import parse_date, storable_text

# The fields of a quote record, all required.
QUOTE_FIELDS = tuple(Quote.__dataclass_fields__)


def article_record(article: Article, quotes: list[Quote]) -> dict[str, Any]:
    """`article` and its extracted `quotes` as one JSON-ready record."""
    return {
        "source": article.source,
        "text": article.text,
        "body_start": article.body_start,
        "title": article.title,
        "date": article.date.isoformat() if article.date else None,
        "url": article.url,
        "author": article.author,
        "outlet": article.outlet,
        "extra": article.extra,
        "quotes": [quote.as_dict() for quote in quotes],
    }


def read_records(lines: Iterable[str], *, source: str) -> Iterator[tuple[Article, list[Quote]] | InputError]:
    """The article and quotes of each non-blank line, or the error naming the
    line of one that is not a valid record."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            yield from_record(json.loads(line))
        except (ValueError, TypeError) as error:  # JSONDecodeError is a ValueError
            yield InputError(source, f"not an extracted article ({error})", line=number)


def from_record(value: Any) -> tuple[Article, list[Quote]]:
    """The article and quotes a record holds (see `article_record`).

    Raises:
        ValueError: not such a record, or a quote whose offsets do not give its text.
        TypeError: a field of the wrong type.
    """
    if not (isinstance(value, dict) and isinstance(value.get("text"), str) and isinstance(value.get("source"), str)):
        raise ValueError("a record needs a source, a text and quotes")
    for name, kind in (("quotes", list), ("extra", dict), ("body_start", int), ("date", str)):
        if value.get(name) is not None and not isinstance(value[name], kind):
            raise TypeError(f"{name} must be a {kind.__name__}, not {type(value[name]).__name__}")
    text = storable_text(value["text"])
    quotes = []
    for n, fields in enumerate(value.get("quotes") or [], 1):
        if not isinstance(fields, dict) or set(QUOTE_FIELDS) - set(fields):
            raise ValueError(f"quote {n} lacks {', '.join(sorted(set(QUOTE_FIELDS) - set(fields or {})))}")
        quote = Quote(**{name: fields[name] for name in QUOTE_FIELDS})
        if not (isinstance(quote.start, int) and isinstance(quote.end, int) and isinstance(quote.text, str)):
            raise TypeError(f"quote {n}'s start and end must be whole numbers and its text a string")
        if text[quote.start : quote.end] != quote.text:
            raise ValueError(f"quote {n}'s offsets {quote.start}:{quote.end} do not give its text")
        quotes.append(quote)
    article = Article(
        source=value["source"],
        text=text,
        body_start=int(value.get("body_start") or 0),
        title=value.get("title"),
        date=parse_date(value["date"]) if value.get("date") else None,
        url=value.get("url"),
        author=value.get("author"),
        outlet=value.get("outlet"),
        extra=value.get("extra") or {},
    )
    return article, quotes
