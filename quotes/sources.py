"""Reading inputs into `Article` records: the text plus its metadata.

An article file is UTF-8 text. It may open with metadata lines of the form
``key value`` (``date 2025-04-11``, ``title ...``, ``url ...``). The text is
kept exactly as read, header included, so that every character offset the
extractor reports, stores and exports is an offset into the file as it is on
disk; `Article.body_start` says where the body begins.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from quotes.errors import InputError

# Header keys and the Article field each fills. "source" and "url" are the
# same thing: where the article was published.
HEADER_KEYS = {
    "date": "date",
    "title": "title",
    "headline": "title",
    "source": "url",
    "url": "url",
    "author": "author",
    "byline": "author",
    "outlet": "outlet",
    "publisher": "outlet",
}

# Suffixes read when walking a folder; a file named on the command line is
# read whatever its suffix.
TEXT_SUFFIXES = frozenset({".txt", ".text"})

# A header line: optional indentation, a lower-case key, optional colon, value.
_HEADER_LINE = re.compile(r"[ \t\ufeff]*(?P<key>[a-z]+):?[ \t]+(?P<value>\S.*)")
# An ISO date, optionally with a time, at the start of a date value.
_ISO_DATE = re.compile(r"(?P<date>\d{4}-\d{2}-\d{2})(?:[T ][0-9:.+\-Z]+)?(?=\s|$)")


@dataclass(frozen=True)
class Article:
    """One article: its full text and what is known about it."""

    source: str
    text: str
    body_start: int = 0
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None
    author: str | None = None
    outlet: str | None = None

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text: the same text is the same article."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def parse_article(text: str, *, source: str) -> Article:
    """Split the metadata header off `text` and return the `Article`.

    Header lines are read until the first line that is not ``key value`` with
    a known key (a ``date`` whose value does not start with a digit is prose).
    A ``date`` line may carry body text after the date (the seed article's
    photo caption does); the body then starts right after the date.

    Raises:
        InputError: a header ``date`` that starts like a date but is not an
            ISO date (YYYY-MM-DD).
    """
    fields: dict[str, str] = {}
    date: dt.date | None = None
    pos = 0
    line_no = 0
    while pos < len(text):
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end == -1 else line_end
        line = text[pos:line_end]
        line_no += 1
        if not line.strip():
            pos = line_end + 1
            continue
        match = _HEADER_LINE.fullmatch(line.rstrip("\r"))
        if not match or match["key"] not in HEADER_KEYS:
            break
        name = HEADER_KEYS[match["key"]]
        value = match["value"].strip()
        if name == "date":
            if not value[0].isdigit():
                # "date night was fun …": prose, not a header line.
                break
            date_match = _ISO_DATE.match(value)
            if not date_match:
                raise InputError(source, f"date {value[:30]!r} is not a date (use YYYY-MM-DD)", line=line_no)
            try:
                date = dt.date.fromisoformat(date_match["date"])
            except ValueError as error:
                raise InputError(source, f"date {date_match['date']!r}: {error}", line=line_no) from None
            rest = value[date_match.end() :].lstrip()
            if rest:
                # Body text on the date line: the body begins with it.
                pos += match.start("value") + match["value"].index(rest)
                break
        else:
            fields.setdefault(name, value)
        pos = line_end + 1
    body_start = min(pos, len(text))
    while body_start < len(text) and text[body_start].isspace():
        body_start += 1
    return Article(
        source=source,
        text=text,
        body_start=body_start,
        title=fields.get("title"),
        date=date,
        url=fields.get("url"),
        author=fields.get("author"),
        outlet=fields.get("outlet"),
    )


def read_article(path: str | os.PathLike[str], *, source: str | None = None) -> Article:
    """Read one UTF-8 article file (newlines untouched) into an `Article`.

    Raises:
        InputError: the file is missing, unreadable or not UTF-8 text.
    """
    name = source if source is not None else os.fspath(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except IsADirectoryError:
        raise InputError(name, "is a folder, not a file") from None
    except OSError as error:
        raise InputError(name, f"cannot read ({error.strerror})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(name, f"not UTF-8 text (byte {data[error.start]:#04x} at offset {error.start})") from None
    return parse_article(text, source=name)


def iter_article_paths(paths: Iterable[str]) -> Iterator[str | InputError]:
    """Expand files and folders (recursively, sorted) into article paths.

    A path that does not exist is yielded as an `InputError` so the caller can
    report it and go on with the rest. In folders, hidden entries are skipped
    and only text files (`TEXT_SUFFIXES`) are taken.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                relative = found.relative_to(path).parts
                if any(part.startswith(".") for part in relative):
                    continue
                if found.is_file() and found.suffix.lower() in TEXT_SUFFIXES:
                    yield os.path.join(given, *relative)
        elif path.exists():
            yield given
        else:
            yield InputError(given, "no such file or folder")
