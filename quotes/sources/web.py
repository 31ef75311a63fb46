"""Fetching an article page from the web (`quotes ingest https://…`).

A plain HTTP GET with the standard library: redirects followed (up to
urllib's limit of 10), a timeout on connecting and on each read, a deadline
for the whole fetch and a cap on the size of the page. Anything but a whole
HTML page (or plain text) is refused with a one-line message saying what it
was: another type, a body cut short, a compressed body, a redirect loop, an
answer that is not HTTP.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from http.client import (
    BadStatusLine,
    HTTPConnection,
    HTTPException,
    HTTPMessage,
    HTTPSConnection,
    IncompleteRead,
    RemoteDisconnected,
    UnknownProtocol,
)
from types import TracebackType
from typing import IO, Any, BinaryIO

from quotes.errors import InputError

# Seconds to wait for the server to connect, and for each read of the next bytes.
TIMEOUT_SECONDS = 20
# Seconds a URL may take in all, connecting, redirects, headers and body:
# a server that sends a byte every few seconds never trips the timeout
# above, and would hold up a batch for ever.
DEADLINE_SECONDS = 60
# The largest page read, in bytes: news pages are well under 5 MB.
MAX_PAGE_BYTES = 10 * 1024 * 1024
# Content types read as a web page, and as plain text.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
USER_AGENT = "quotes (quote attribution; +https://pypi.org/project/quotes)"
_READ_CHUNK = 64 * 1024
# Statuses urllib follows as redirects.
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
# How much of a server's own words (a reason phrase, a garbled status line) a message shows.
_SHOWN_CHARS = 80
# The shortest wait given to a socket once the deadline is (nearly) past: 0 would mean "never wait".
_LEAST_WAIT = 0.001


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


def fetch(
    url: str,
    *,
    timeout: float = TIMEOUT_SECONDS,
    deadline: float | None = None,
    max_bytes: int = MAX_PAGE_BYTES,
) -> Page:
    """GET `url` (following redirects) and return the page, whole.

    `timeout` bounds each wait for the server; `deadline` (by default
    `DEADLINE_SECONDS`) the whole fetch, redirects included.

    Raises:
        InputError: an HTTP error status, a network failure, timeout or
            deadline, a redirect loop, an answer that is not HTTP, a page
            that is not HTML or text, is compressed, is over `max_bytes` or
            was cut short. The message is one line naming `url`.
    """
    seconds = DEADLINE_SECONDS if deadline is None else deadline
    failure: str | None
    with _Deadline(seconds) as clock:
        try:
            page = _get(url, _opener(clock), timeout=timeout, max_bytes=max_bytes)
        except InputError as error:
            failure = error.reason
        except (OSError, HTTPException, ValueError) as error:
            # urllib's errors are OSErrors; a malformed URL ("http://host:port-typo/") is a ValueError.
            failure = _failure(error, timeout=timeout)
        else:
            failure = None
    # Once the deadline has shut the connection, what came may be cut short
    # anywhere (in the headers, say), and what failed failed of that.
    if clock.fired or (failure and clock.passed):
        failure = f"no complete answer within {seconds:g} seconds"
    if failure:
        raise InputError(url, failure) from None
    return page


def _get(url: str, opener: urllib.request.OpenerDirector, *, timeout: float, max_bytes: int) -> Page:
    """The page at `url`, fetched through `opener` (see `fetch`)."""
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5", "Accept-Encoding": "identity"}
    )
    with opener.open(request, timeout=timeout) as response:
        headers: Message = response.headers
        content_type = headers.get_content_type()
        if content_type not in HTML_TYPES | TEXT_TYPES:
            raise InputError(url, f"not a web page (content type {_shown(content_type)})")
        encoding = headers.get("Content-Encoding", "").strip().lower() or "identity"
        if encoding != "identity":  # urllib hands compressed bytes on as they came: they would be stored as garbage
            raise InputError(url, f"a compressed page (Content-Encoding {_shown(encoding)}), which quotes cannot read")
        declared = _declared_length(headers)
        if declared is not None and declared > max_bytes:
            raise InputError(url, f"page too large ({declared:,} bytes; the limit is {max_bytes:,})")
        data = read_at_most(response, max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(url, f"page too large (over the limit of {max_bytes:,} bytes)")
        if declared is not None and len(data) < declared:
            # http.client ends such a body quietly when the connection closes: the rest of the article is missing.
            raise InputError(url, f"the page was cut short ({len(data):,} of its {declared:,} bytes came)")
        return Page(data, content_type in HTML_TYPES, headers.get_content_charset(), response.geturl())


def _declared_length(headers: Message) -> int | None:
    """The length of the body in bytes, if the server said it: a
    Transfer-Encoding (chunked) overrides a Content-Length (RFC 9112, 6.3)."""
    length = headers.get("Content-Length", "").strip()
    return int(length) if length.isdigit() and "Transfer-Encoding" not in headers else None


def _failure(error: Exception, *, timeout: float) -> str:
    """What went wrong, as one line, for an error urllib or http.client raised."""
    if isinstance(error, urllib.error.HTTPError):
        if error.code in _REDIRECTS:
            return _redirect_failure(error)
        return f"HTTP {error.code} {_shown(str(error.reason))}"
    if isinstance(error, urllib.error.URLError) and isinstance(error.reason, Exception):
        error = error.reason  # a failure to connect, or to send the request
    if isinstance(error, TimeoutError):
        return f"no answer within {timeout:g} seconds"
    if isinstance(error, IncompleteRead):  # a chunked body that stops before its last chunk
        return "the page was cut short (the connection closed before its end)"
    if isinstance(error, RemoteDisconnected):
        return "the server closed the connection without answering"
    if isinstance(error, BadStatusLine):
        return f"not an HTTP answer (it began: {_shown(str(error))})"
    if isinstance(error, UnknownProtocol):
        return f"not an HTTP/1 answer (it began: {_shown(str(error))})"
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    return f"cannot fetch ({_shown(str(reason)) or type(error).__name__})"


def _redirect_failure(error: urllib.error.HTTPError) -> str:
    """Why a redirect was not followed, as one line (urllib's loop message has three)."""
    if str(error.reason).startswith(urllib.request.HTTPRedirectHandler.inf_msg):
        return "too many redirects (a redirect loop?)"
    if not is_url(error.url):  # the URL urllib, or `_RedirectHandler`, would not go to
        return f"a redirect to {_shown(error.url)}, which is not an http(s) URL"
    if "Location" not in error.headers and "URI" not in error.headers:
        return f"a redirect (HTTP {error.code}) that says nowhere to go"
    return f"HTTP {error.code} {_shown(str(error.reason))}"


def _shown(text: str) -> str:
    """Words a server sent, as one short line: white space as single spaces,
    other control characters escaped, cut at `_SHOWN_CHARS` characters."""
    line = "".join(c if c.isprintable() else repr(c)[1:-1] for c in " ".join(text.split()))
    return line if len(line) <= _SHOWN_CHARS else line[: _SHOWN_CHARS - 1] + "…"


class _Deadline:
    """The time a fetch may take. Each wait it bounds ends by then, and when
    it passes, every connection the fetch opened is shut down: a read blocked
    on one wakes and finds nothing more, and `fetch` reports the deadline."""

    def __init__(self, seconds: float) -> None:
        self._end = time.monotonic() + seconds
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._fired = False
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self._timer.cancel()

    @property
    def passed(self) -> bool:
        return time.monotonic() >= self._end

    @property
    def fired(self) -> bool:
        """Whether the deadline came before the fetch ended, and shut its connections."""
        with self._lock:
            return self._fired

    def bounded(self, timeout: float | None) -> float:
        """`timeout`, or the time left if that is less."""
        left = self._end - time.monotonic()
        return max(left if timeout is None else min(timeout, left), _LEAST_WAIT)

    def watch(self, sock: socket.socket) -> None:
        """Shut `sock` down when the deadline passes (now, if it has)."""
        with self._lock:
            self._sockets.append(sock)
            fired = self._fired
        if fired:
            _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self._fired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)


def _shut(sock: socket.socket) -> None:
    """Shut a connection down for reading and writing, from any thread: a
    read blocked on it returns. A TLS socket is shut as a plain one (its
    own `shutdown` would pull its TLS state from under the reading thread)."""
    with contextlib.suppress(OSError):  # already closed
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _WatchedConnection(HTTPConnection):
    """An HTTP connection that keeps to a `_Deadline`: connecting (and the
    TLS handshake) waits no longer than the time left, and the deadline
    watches the socket it makes."""

    deadline: _Deadline

    def connect(self) -> None:
        self.timeout = self.deadline.bounded(self.timeout)
        super().connect()
        self.deadline.watch(self.sock)


class _WatchedHTTPSConnection(_WatchedConnection, HTTPSConnection):
    """The same over TLS (the socket watched is the TLS one)."""


def _maker(kind: type[_WatchedConnection], deadline: _Deadline) -> Callable[..., HTTPConnection]:
    """What urllib calls to make a connection: a `kind` keeping to `deadline`."""

    def make(host: str, **options: Any) -> HTTPConnection:
        connection = kind(host, **options)
        connection.deadline = deadline
        return connection

    return make


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def http_open(self, req: urllib.request.Request) -> Any:
        return self.do_open(_maker(_WatchedConnection, self._deadline), req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def https_open(self, req: urllib.request.Request) -> Any:
        # No context given: the connection makes the default one, as urllib's own handler leaves it to.
        return self.do_open(_maker(_WatchedHTTPSConnection, self._deadline), req)


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    """urllib's redirects, to http(s) URLs only: it would follow one to an
    ftp: URL, which is no web page, and has no deadline."""

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage, newurl: str
    ) -> urllib.request.Request | None:
        if not is_url(newurl):
            raise urllib.error.HTTPError(newurl, code, msg, headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener(deadline: _Deadline) -> urllib.request.OpenerDirector:
    """urllib's usual opener (proxies, redirects, errors), its connections keeping to `deadline`."""
    return urllib.request.build_opener(_HTTPHandler(deadline), _HTTPSHandler(deadline), _RedirectHandler())


def read_at_most(stream: BinaryIO, limit: int) -> bytes:
    """Up to `limit` bytes of `stream` (a web page, a file, standard input),
    read `_READ_CHUNK` at a time: no buffer of `limit` is made up front, and
    reading stops there, however much more the stream holds."""
    chunks, size = [], 0
    while size < limit and (chunk := stream.read(min(_READ_CHUNK, limit - size))):
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)
