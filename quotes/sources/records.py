"""Articles as JSON: JSON Lines (one article object per line) or a JSON
array of article objects (or a single one).

An article object has `text` and any of `title` (or `headline`), `date`,
`url`, `author`, `outlet` (or `publisher`) and `id`; every other field, and
`id`, is kept in `Article.extra`. A bad line or item is reported with its
number; the others are read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from quotes.errors import InputError
from quotes.sources.article import Article, normalise_newlines, parse_date

# Fields with an Article attribute of their own, and the attribute.
FIELDS = {
    "title": "title",
    "headline": "title",
    "url": "url",
    "author": "author",
    "outlet": "outlet",
    "publisher": "outlet",
}


def parse_jsonl(text: str, *, source: str) -> Iterator[Article | InputError]:
    """The article of each non-blank line of `text`, or the error naming its line."""
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputError(source, f"not JSON ({error.msg}, column {error.colno})", line=number)
            continue
        try:
            yield article_from(value, source=f"{source}:{number}")
        except ValueError as error:
            yield InputError(source, str(error), line=number)


def parse_json(text: str, *, source: str) -> Iterator[Article | InputError]:
    """The articles of a JSON array of article objects (or of one object).

    Raises:
        InputError: `text` is not JSON.
    """
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(source, f"not JSON ({error.msg})", line=error.lineno) from None
    if not isinstance(value, list):
        value = [value]
    for number, item in enumerate(value, 1):
        try:
            yield article_from(item, source=f"{source}#{number}" if len(value) > 1 else source)
        except ValueError as error:
            yield InputError(source, f"item {number}: {error}")


def article_from(value: Any, *, source: str) -> Article:
    """The article a JSON object describes (see the module's docstring).

    Raises:
        ValueError: not an object, no text, a field of the wrong type or a bad date; the message says which.
    """
    if not isinstance(value, dict):
        raise ValueError(f"an article must be a JSON object with a text, not {type(value).__name__}")
    text = value.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError('no "text" (the article\'s text, a non-empty string)')
    known: dict[str, str | None] = {}
    for name, attribute in FIELDS.items():
        field = value.get(name)
        if field is None or attribute in known:
            continue
        if not isinstance(field, str):
            raise ValueError(f'"{name}" must be a string, not {type(field).__name__}')
        known[attribute] = field.strip() or None
    date = value.get("date")
    if date is not None and not isinstance(date, str):
        raise ValueError(f'"date" must be a string (YYYY-MM-DD), not {type(date).__name__}')
    extra = {k: v for k, v in value.items() if k not in FIELDS and k not in {"text", "date"}}
    return Article(
        source=source,
        text=normalise_newlines(text),
        title=known.get("title"),
        date=parse_date(date) if date else None,
        url=known.get("url"),
        author=known.get("author"),
        outlet=known.get("outlet"),
        extra=extra,
    )
