"""Fetching an article page from the web (`quotes ingest https://…`).

A plain HTTP GET with the standard library: redirects followed (up to
urllib's limit of 10), a timeout on connecting and on each read, and a cap
on the size of the page. Anything but an HTML page (or plain text) is
refused with a message saying what it was.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from http.client import HTTPException
from typing import BinaryIO

from quotes.errors import InputError

# Seconds to wait for the server to connect, and for each read of the next bytes.
TIMEOUT_SECONDS = 20
# The largest page read, in bytes: news pages are well under 5 MB.
MAX_PAGE_BYTES = 10 * 1024 * 1024
# Content types read as a web page, and as plain text.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
USER_AGENT = "quotes (quote attribution; +https://pypi.org/project/quotes)"
_READ_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Page:
    """What a URL gave: its bytes, whether HTML, the charset the server
    declared (if any) and the URL it ended at after redirects."""

    data: bytes
    is_html: bool
    charset: str | None
    url: str


def is_url(value: str) -> bool:
    """Whether an input names a web page rather than a file."""
    return value.lower().startswith(("http://", "https://"))


def fetch(url: str, *, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_PAGE_BYTES) -> Page:
    """GET `url` (following redirects) and return the page.

    Raises:
        InputError: an HTTP error status, a network failure or timeout, a
            page that is not HTML or text, or one over `max_bytes`.
    """
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            headers: Message = response.headers
            content_type = headers.get_content_type()
            if content_type not in HTML_TYPES | TEXT_TYPES:
                raise InputError(url, f"not a web page (content type {content_type})")
            length = headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise InputError(url, f"page too large ({int(length):,} bytes; the limit is {max_bytes:,})")
            data = read_at_most(response, max_bytes + 1)
            if len(data) > max_bytes:
                raise InputError(url, f"page too large (over the limit of {max_bytes:,} bytes)")
            return Page(data, content_type in HTML_TYPES, headers.get_content_charset(), response.geturl())
    except urllib.error.HTTPError as error:
        raise InputError(url, f"HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise InputError(url, f"cannot fetch ({error.reason})") from None
    except TimeoutError:
        raise InputError(url, f"no answer within {timeout:g} seconds") from None
    except (OSError, HTTPException, ValueError) as error:
        # A refused connection, a malformed answer, a malformed URL ("http://host:port-typo/").
        raise InputError(url, f"cannot fetch ({error or type(error).__name__})") from None


def read_at_most(stream: BinaryIO, limit: int) -> bytes:
    """Up to `limit` bytes of `stream` (a web page, a file, standard input),
    read `_READ_CHUNK` at a time: no buffer of `limit` is made up front, and
    reading stops there, however much more the stream holds."""
    chunks, size = [], 0
    while size < limit and (chunk := stream.read(min(_READ_CHUNK, limit - size))):
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)
