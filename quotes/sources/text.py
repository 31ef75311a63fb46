"""Plain-text articles: decoding bytes of any common encoding, and the
metadata header of the seed format.

An article file may open with metadata lines of the form ``key value``
(``date 2025-04-11``, ``title ...``, ``url ...``). The text is kept whole,
header included, with line breaks made "\\n"; `Article.body_start` says
where the body begins.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from quotes.constants import METADATA_KEYS
from quotes.errors import InputError
from quotes.sources.article import ISO_DATE, Article, parse_date, storable_text

# A header line: optional indentation, a lower-case key, optional colon, value.
_HEADER_LINE = re.compile(r"[ \t\ufeff]*(?P<key>[a-z]+):?[ \t]+(?P<value>\S.*)")
# Byte-order marks and the encodings they announce (UTF-32 before UTF-16:
# the UTF-32 little-endian mark begins with the UTF-16 one).
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Western code pages, most likely first: for English-language news one of
# them wins a near tie in charset detection (a few accented letters do not
# tell cp1252 from cp1250 or cp1257, and the detector may pick either).
# Latin-1 decodes any bytes: it is the fall-back for the five bytes cp1252
# leaves undefined.
WESTERN_ENCODINGS = ("cp1252", "latin_1")
# How much more "chaos" (charset_normalizer's measure of implausible
# characters, 0 to 1) a Western code page may show and still win.
_WESTERN_MARGIN = 0.1
# File signatures of common binary formats, named in the error.
_SIGNATURES = {
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or Word/Excel file)",
}


def decode(data: bytes, *, source: str) -> str:
    """The text of `data`, without its byte-order mark (see `decode_guessing`)."""
    return decode_guessing(data, source=source)[0]


def decode_guessing(data: bytes, *, source: str) -> tuple[str, str | None]:
    """The text of `data`, without its byte-order mark (line breaks as they
    are: `parse_article` and the other readers make them "\\n", JSON after
    parsing), and the encoding guessed, if it had to be.

    UTF-8 (with or without a mark), UTF-16 and UTF-32 with a mark, and
    otherwise whatever charset_normalizer finds (the guess), preferring a
    Western code page (`WESTERN_ENCODINGS`) in a near tie.

    Raises:
        InputError: `data` is binary (a PDF, an image) or no encoding fits it.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), None
            except UnicodeDecodeError as error:
                raise InputError(source, f"not {encoding} text despite its byte-order mark ({error.reason})") from None
    for signature, kind in _SIGNATURES.items():
        if data.startswith(signature):
            raise InputError(source, f"{kind}, not text")
    if b"\x00" in data:
        # No text in UTF-8 or a single-byte code page has a NUL; UTF-16 and
        # UTF-32 without a byte-order mark (which do) are not supported.
        raise InputError(source, "a binary file, not text")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        if _has_utf8_sequences(data):
            # UTF-8 with a broken byte, not a legacy code page: guessing would garble every accent.
            raise InputError(
                source, f"not valid UTF-8 (byte {data[error.start]:#04x} at offset {error.start})"
            ) from None
    guess = _detected_encoding(data, source)
    return data.decode(guess), guess


def _has_utf8_sequences(data: bytes) -> bool:
    """Whether `data` holds well-formed multi-byte UTF-8 characters (an “ as
    E2 80 9C), which text in a single-byte code page almost never does."""
    return any(ord(char) > 0x7F and char != "\ufffd" for char in data.decode("utf-8", errors="replace"))


def _detected_encoding(data: bytes, source: str) -> str:
    """The encoding charset_normalizer finds for `data` (see `decode`)."""
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(source, "not text in any encoding quotes knows")
    near_tie = any(
        match.chaos <= best.chaos + _WESTERN_MARGIN and set(WESTERN_ENCODINGS) & set(match.could_be_from_charset)
        for match in matches
    )
    if near_tie:
        for encoding in WESTERN_ENCODINGS:
            try:
                data.decode(encoding)
                return encoding
            except UnicodeDecodeError:
                continue
    return best.encoding


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
    text = storable_text(text)
    fields: dict[str, str] = {}
    date = None
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
        match = _HEADER_LINE.fullmatch(line)
        if not match or match["key"] not in METADATA_KEYS:
            break
        name = METADATA_KEYS[match["key"]]
        value = match["value"].strip()
        if name == "date":
            if not value[0].isdigit():
                # "date night was fun …": prose, not a header line.
                break
            date_match = ISO_DATE.match(value)
            try:
                date = parse_date(date_match["date"] if date_match else value)
            except ValueError as error:
                raise InputError(source, str(error), line=line_no) from None
            rest = value[date_match.end() :].lstrip() if date_match else ""
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
        headline=fields.get("headline"),
        date=date,
        url=fields.get("url"),
        author=fields.get("author"),
        outlet=fields.get("outlet"),
    )
