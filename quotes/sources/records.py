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
import math
import re
from collections.abc import Iterator
from typing import Any

from quotes.constants import METADATA_KEYS
from quotes.errors import InputError
from quotes.sources.article import Article, parse_date, storable_text

_LINE_END = re.compile(r"\r\n|\r|\n")
# How deep the arrays and objects of an article's other metadata (`extra`)
# may nest: a feed's metadata nests a few levels; deeper is not metadata, and
# storing, copying or printing it could overflow the stack.
MAX_EXTRA_DEPTH = 32
# How deep a JSON document read may nest: room for an array of articles (or
# a record of `quotes load`) around metadata as deep as `MAX_EXTRA_DEPTH`,
# and far below the depth at which the parser would overflow Python's stack.
MAX_JSON_DEPTH = MAX_EXTRA_DEPTH + 8
# The most digits a whole number read may have: Python's default limit for
# reading one (longer is no count or id a news feed holds).
_MAX_DIGITS = 4300


def parse_jsonl(text: str, *, source: str) -> Iterator[Article | InputError]:
    """The article of each non-blank line of `text`, or the error naming its line."""
    # Lines end at "\n", "\r\n" or "\r" only: U+2028 and U+2029 may stand raw inside a JSON string.
    for number, line in enumerate(_LINE_END.split(text), 1):
        if not line.strip():
            continue
        try:
            value = read_json(line)
        except json.JSONDecodeError as error:
            yield InputError(source, f"not JSON ({error.msg}, column {error.colno})", line=number)
            continue
        except ValueError as error:
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
        value = read_json(text)
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


def read_json(text: str) -> Any:
    """The value of the JSON document `text`, read strictly: what every
    reader of user JSON (articles, records for `quotes load`) uses.

    Refused, besides what is not JSON: NaN and Infinity, which are not JSON
    and which JSON columns cannot hold; a number too large for a float
    ("1e999", which Python would read as infinity); a whole number of more
    than `_MAX_DIGITS` digits; arrays and objects nested more than
    `MAX_JSON_DEPTH` deep.

    Raises:
        json.JSONDecodeError: `text` is not JSON (a `ValueError`).
        ValueError: JSON that is refused; the message says why.
    """
    too_deep = f"arrays and objects nested more than {MAX_JSON_DEPTH} levels deep; at most {MAX_JSON_DEPTH} are read"
    try:
        value = json.loads(text, parse_constant=_no_constant, parse_float=_finite, parse_int=_whole)
    except RecursionError:  # the parser's stack ran out: far deeper than that
        raise ValueError(too_deep) from None
    if depth(value, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
        raise ValueError(too_deep)
    return value


def depth(value: Any, limit: int) -> int:
    """How deeply lists and dicts nest in `value` (0 for a string or a
    number, 1 for a flat list), counted up to one more than `limit`; no
    recursion, so any depth is safe to measure."""
    deepest, stack = 0, [(value, 1)] if isinstance(value, dict | list) else []
    while stack and deepest <= limit:
        item, level = stack.pop()
        deepest = max(deepest, level)
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, level + 1) for child in children if isinstance(child, dict | list))
    return deepest


def _no_constant(name: str) -> None:
    """Refuse NaN and Infinity, which JSON columns cannot hold."""
    raise ValueError(f"{name} is not a JSON number")


def _finite(number: str) -> float:
    """A JSON number with a fraction or exponent, refused if too large for a float."""
    value = float(number)
    if not math.isfinite(value):
        raise ValueError(f"{number[:30]} is too large a number; at most about 1.8e308")
    return value


def _whole(number: str) -> int:
    """A JSON whole number, refused if too long to read."""
    digits = len(number.lstrip("-"))
    if digits > _MAX_DIGITS:
        raise ValueError(f"a whole number of {digits:,} digits; at most {_MAX_DIGITS:,} are read")
    return int(number)


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
            known[attribute] = storable_text(field.strip())
    date = known.get("date")
    extra = storable_extra({k: v for k, v in value.items() if k not in METADATA_KEYS and k != "text"})
    return Article(
        source=source,
        text=storable_text(text),
        headline=known.get("headline"),
        date=parse_date(date) if date else None,
        url=known.get("url"),
        author=known.get("author"),
        outlet=known.get("outlet"),
        extra=extra,
    )


def storable_extra(extra: dict[str, Any]) -> dict[str, Any]:
    """An article's other metadata as it is stored: every string in it (key
    or value) made storable as `storable_text` makes the text.

    Raises:
        ValueError: it nests more than `MAX_EXTRA_DEPTH` deep.
    """
    if depth(extra, MAX_EXTRA_DEPTH) > MAX_EXTRA_DEPTH:
        limit = MAX_EXTRA_DEPTH
        raise ValueError(
            f'the other metadata ("extra") nests more than {limit} levels deep; at most {limit} are stored'
        )
    stored: dict[str, Any] = _storable(extra)
    return stored


def _storable(value: Any) -> Any:
    """`value` with every string in it made storable (its depth is bounded)."""
    if isinstance(value, str):
        return storable_text(value)
    if isinstance(value, dict):
        return {storable_text(str(key)): _storable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_storable(item) for item in value]
    return value
