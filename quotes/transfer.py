"""Extracted articles as JSON records: what `quotes extract --format articles`
writes and `quotes load` reads, so that extraction can run anywhere (a map
step on many machines) and the results be stored once.

A record is one article: its source, text (as stored: offsets index it),
`body_start`, metadata (`headline`, `date`, `url`, `author`, `outlet`,
`extra`) and `quotes`, each the object `quotes extract --format jsonl` prints
for a quote (without `source`). Loading a record stores exactly what
ingesting the article would have. Records written before the headline had
that name call it `title`, which is read as the headline.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from quotes.errors import InputError
from quotes.extract import Quote
from quotes.kinds import MENTION_KINDS, METHODS, QUOTE_KINDS, SPEAKER_TYPES
from quotes.sources import Article
from quotes.sources.article import parse_date, storable_text
from quotes.sources.records import read_json, storable_extra

# The fields of a quote record, all required.
QUOTE_FIELDS = tuple(Quote.__dataclass_fields__)


def article_record(article: Article, quotes: list[Quote]) -> dict[str, Any]:
    """`article` and its extracted `quotes` as one JSON-ready record."""
    return {
        "source": article.source,
        "text": article.text,
        "body_start": article.body_start,
        "headline": article.headline,
        "date": article.date.isoformat() if article.date else None,
        "url": article.url,
        "author": article.author,
        "outlet": article.outlet,
        "extra": article.extra,
        "quotes": [quote.as_dict() for quote in quotes],
    }


def read_records(lines: Iterable[str], *, source: str) -> Iterator[tuple[Article, list[Quote]] | InputError]:
    """The article and quotes of each non-blank line, or the error naming the
    line of one that is not a valid record (JSON read as
    `quotes.sources.records.read_json` reads it)."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            yield from_record(read_json(line))
        except ValueError as error:  # JSONDecodeError is a ValueError
            yield InputError(source, f"not an extracted article ({error})", line=number)


def from_record(value: Any) -> tuple[Article, list[Quote]]:
    """The article and quotes a record holds (see `article_record`), every
    field checked: its type, offsets inside the text (and a quote's giving
    its text), the closed vocabularies, a confidence from 0 to 1; strings
    made storable (see `storable_text`).

    Raises:
        ValueError: not such a record; the message names the first bad field and says what it must be.
    """
    if not isinstance(value, dict):
        raise ValueError(f"a record must be a JSON object, not {_json_type(value)}")
    for name in ("source", "text"):
        if not isinstance(value.get(name), str) or not value[name].strip():
            raise ValueError("a record needs a source, a text and quotes")
    text = storable_text(value["text"])
    for name, check in _RECORD_FIELDS.items():
        if (problem := check(value.get(name), len(text))) is not None:
            raise ValueError(f"{name} {problem}")
    quotes = [_quote(fields, n, text) for n, fields in enumerate(value.get("quotes") or [], 1)]
    date = value.get("date")
    return Article(
        source=storable_text(value["source"]),
        text=text,
        body_start=value.get("body_start") or 0,
        headline=_storable(_headline(value)),
        date=parse_date(date) if date else None,
        url=_storable(value.get("url")),
        author=_storable(value.get("author")),
        outlet=_storable(value.get("outlet")),
        extra=storable_extra(value.get("extra") or {}),
    ), quotes


def _headline(record: dict[str, Any]) -> Any:
    """A record's headline: `headline`, or in a record written before it had that name, `title`."""
    return record["headline"] if "headline" in record else record.get("title")


def _quote(fields: Any, number: int, text: str) -> Quote:
    """Quote `number` of a record over `text`, checked (see `from_record`)."""
    if not isinstance(fields, dict):
        raise ValueError(f"quote {number} must be an object, not {_json_type(fields)}")
    if missing := [name for name in QUOTE_FIELDS if name not in fields]:
        raise ValueError(f"quote {number} lacks {', '.join(missing)}")
    for name, check in _QUOTE_FIELDS.items():
        if (problem := check(fields[name], len(text))) is not None:
            raise ValueError(f"quote {number}'s {name} {problem}")
    for first, last in (("start", "end"), ("speaker_start", "speaker_end"), ("cue_start", "cue_end")):
        if (fields[first] is None) != (fields[last] is None):
            raise ValueError(f"quote {number}'s {first} and {last} must be both null or both numbers")
        if (fields[first] or 0) > (fields[last] or 0):
            raise ValueError(f"quote {number}'s {first} ({fields[first]}) is after its {last} ({fields[last]})")
    values = {name: _storable(fields[name]) for name in QUOTE_FIELDS}
    if text[values["start"] : values["end"]] != values["text"]:
        raise ValueError(f"quote {number}'s offsets {values['start']}:{values['end']} do not give its text")
    return Quote(**{**values, "confidence": float(values["confidence"])})


def _storable(value: Any) -> Any:
    """A string made storable (see `storable_text`); anything else as it is."""
    return storable_text(value) if isinstance(value, str) else value


# What a field may hold: each check gives None for a good value (the text's
# length given, for offsets), else what the value must be, in the user's terms.
Check = Callable[[Any, int], str | None]


def _string(*, null: bool) -> Check:
    def check(value: Any, _length: int) -> str | None:
        if isinstance(value, str) or (null and value is None):
            return None
        return f"must be a string{' or null' if null else ''}, not {_json_type(value)}"

    return check


def _offset(*, null: bool) -> Check:
    def check(value: Any, length: int) -> str | None:
        if (null and value is None) or (_is_whole(value) and 0 <= value <= length):
            return None
        nothing = " or null" if null else ""
        return f"must be a whole number from 0 to {length:,} (the text's length){nothing}, not {_shown_number(value)}"

    return check


def _one_of(choices: Iterable[str], *, null: bool) -> Check:
    allowed = tuple(choices)

    def check(value: Any, _length: int) -> str | None:
        if value in allowed or (null and value is None):
            return None
        shown = repr(value)[:30] if isinstance(value, str) else _json_type(value)
        return f"must be one of {', '.join(allowed)}{' or null' if null else ''}, not {shown}"

    return check


def _share(value: Any, _length: int) -> str | None:
    """A confidence: a number from 0 to 1."""
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value) and 0 <= value <= 1:
        return None
    return f"must be a number from 0 to 1, not {_shown_number(value)}"


def _of_type(kind: type, *, null: bool = True) -> Check:
    def check(value: Any, _length: int) -> str | None:
        if isinstance(value, kind) or (null and value is None):
            return None
        return f"must be {_JSON_TYPES[kind]}{' or null' if null else ''}, not {_json_type(value)}"

    return check


def _is_whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _shown_number(value: Any) -> str:
    """`value` as an error shows it: a number in digits unless it has very many."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return _json_type(value)
    if isinstance(value, int) and value.bit_length() > 64:
        return "a number of more than 19 digits"
    return str(value)


_JSON_TYPES: dict[type, str] = {
    dict: "an object",
    list: "an array",
    str: "a string",
    bool: "true or false",
    int: "a number",
    float: "a number",
    type(None): "null",
}


def _json_type(value: Any) -> str:
    """What `value` is, in JSON's words ("an object", "a number", "true")."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return next((name for kind, name in _JSON_TYPES.items() if isinstance(value, kind)), type(value).__name__)


_RECORD_FIELDS: dict[str, Check] = {
    "body_start": _offset(null=True),
    "headline": _string(null=True),
    "title": _string(null=True),
    "date": _string(null=True),
    "url": _string(null=True),
    "author": _string(null=True),
    "outlet": _string(null=True),
    "extra": _of_type(dict),
    "quotes": _of_type(list),
}
_QUOTE_FIELDS: dict[str, Check] = {
    "start": _offset(null=False),
    "end": _offset(null=False),
    "text": _string(null=False),
    "kind": _one_of(QUOTE_KINDS, null=False),
    "speaker": _string(null=True),
    "speaker_type": _one_of(SPEAKER_TYPES, null=True),
    "speaker_start": _offset(null=True),
    "speaker_end": _offset(null=True),
    "mention": _string(null=True),
    "mention_kind": _one_of(MENTION_KINDS, null=True),
    "title": _string(null=True),
    "cue": _string(null=True),
    "cue_start": _offset(null=True),
    "cue_end": _offset(null=True),
    "method": _one_of(METHODS, null=False),
    "confidence": _share,
    "evidence": _string(null=False),
}
