"""Articles as JSON: JSON Lines (one article object per line) or a JSON
array of article objects (or a single one).

An article object has `text` and any of the metadata names of
`METADATA_KEYS` (`title` or `headline`, `date`, `url` or `source`, `author`
or `byline`, `outlet` or `publisher`); every other field (an `id`, say) is
kept in `Article.extra`. A bad line or item is reported with its number;
the others are read. An article's source is FILE:LINE for a JSON Lines
article and FILE#N for the Nth of several in a JSON array.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from quotes.constants import METADATA_KEYS
from quotes.errors import InputError
from quotes.sources.article import Article, article_text, parse_date

_LINE_END = re.compile(r"\r\n|\r|\n")


def parse_jsonl(text: str, *, source: str) -> Iterator[Article | InputError]:
    """The article of each non-blank line of `text`, or the error naming its line."""
    # Lines end at "\n", "\r\n" or "\r" only: U+2028 and U+2029 may stand raw inside a JSON string.
    for number, line in enumerate(_LINE_END.split(text), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line, parse_constant=_no_constant)
        except json.JSONDecodeError as error:
            yield InputError(source, f"not JSON ({error.msg}, column {error.colno})", line=number)
            continue
        except ValueError as error:  # NaN, or an integer too long to read
            yield InputError(source, f"not JSON we can store ({error})", line=number)
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
        value = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise InputError(source, f"not JSON ({error.msg})", line=error.lineno) from None
    except ValueError as error:
        raise InputError(source, f"not JSON we can store ({error})") from None
    if not isinstance(value, list):
        value = [value]
    for number, item in enumerate(value, 1):
        try:
            yield article_from(item, source=f"{source}#{number}" if len(value) > 1 else source)
        except ValueError as error:
            yield InputError(source, f"item {number}: {error}")


def _no_constant(name: str) -> None:
    """Refuse NaN and Infinity, which JSON columns cannot hold."""
    raise ValueError(f"{name} is not a JSON number")


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
    known: dict[str, str] = {}
    for name, attribute in METADATA_KEYS.items():
        field = value.get(name)
        if field is not None and not isinstance(field, str):
            raise ValueError(f'"{name}" must be a string, not {type(field).__name__}')
        if field and field.strip() and attribute not in known:
            known[attribute] = article_text(field.strip())
    date = known.get("date")
    extra = {k: v for k, v in value.items() if k not in METADATA_KEYS and k != "text"}
    return Article(
        source=source,
        text=article_text(text),
        title=known.get("title"),
        date=parse_date(date) if date else None,
        url=known.get("url"),
        author=known.get("author"),
        outlet=known.get("outlet"),
        extra=extra,
    )
