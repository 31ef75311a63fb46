"""The `Article` record every input becomes: its text and what is known about it."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

# An ISO date, optionally with a time, at the start of a date value.
ISO_DATE = re.compile(r"(?P<date>\d{4}-\d{2}-\d{2})(?:[T ][0-9:.+\-Z]+)?(?=\s|$)")
# Line breaks other than "\n": Windows "\r\n", old Mac "\r", and the Unicode
# line and paragraph separators.
_LINE_BREAK = re.compile(r"\r\n?|[\u2028\u2029\x85]")
# What no database stores in text: a UTF-16 surrogate on its own (not a
# character), and NUL (PostgreSQL refuses it; SQLite would keep it).
_UNSTORABLE = re.compile("[\ud800-\udfff\x00]")


@dataclass(frozen=True)
class Article:
    """One article: its full text and what is known about it.

    `text` is what the database stores and what every offset indexes; the
    body (without a metadata header) starts at `body_start`. `extra` holds
    any other metadata the input carried (a JSON Lines record's other
    fields, an HTML page's description), as JSON-ready values.
    """

    source: str
    text: str
    body_start: int = 0
    headline: str | None = None
    date: dt.date | None = None
    url: str | None = None
    author: str | None = None
    outlet: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    # The text's hash as earlier versions of quotes stored it, when that
    # differs: they kept a UTF-8 file's byte-order mark and "\r\n" as read.
    earlier_hash: str | None = None

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text: the same text is the same article."""
        return text_hash(self.text)

    @property
    def hashes(self) -> list[str]:
        """Every hash under which this article may already be stored."""
        return [self.content_hash, *([self.earlier_hash] if self.earlier_hash else [])]


def text_hash(text: str) -> str:
    """SHA-256 of `text` as UTF-8, in hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def storable_text(text: str) -> str:
    """`text` as it is stored and parsed: every line break made "\\n", and
    each unpaired surrogate (which a JSON escape such as "\\ud800" can give,
    and which no database or the model accepts) and each NUL (a JSON
    "\\u0000", or UTF-16 text; PostgreSQL refuses it) made U+FFFD; one
    character for one, so offsets are kept."""
    return _UNSTORABLE.sub("\ufffd", _LINE_BREAK.sub("\n", text))


def parse_date(value: str) -> dt.date:
    """The date at the start of an ISO date or date-time ("2025-04-11", "2025-04-11T16:05:00Z").

    Raises:
        ValueError: `value` does not start with a valid ISO date; the message says why.
    """
    match = ISO_DATE.match(value.strip())
    if not match:
        raise ValueError(f"date {value[:30]!r} is not a date (use YYYY-MM-DD)")
    try:
        return dt.date.fromisoformat(match["date"])
    except ValueError as error:
        raise ValueError(f"date {match['date']!r}: {error}") from None
