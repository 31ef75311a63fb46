"""Fetching URLs: nothing lost (a page cut short, compressed or empty is a
failure, never a stored article), nothing hung (each URL has a deadline),
and every failure one line naming the URL.

Each test talks to a raw socket server on 127.0.0.1 that sends exactly the
bytes, and waits, it is given: no HTTP library on that side to tidy them up.
"""

from __future__ import annotations

import contextlib
import gzip
import shutil
import socket
import ssl
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes.cli import app
from quotes.errors import InputError
from quotes.sources import read_input, web
from quotes.sources.web import DEADLINE_SECONDS, fetch
from tests.conftest import SEED, fresh_database

runner = CliRunner()

# What the server does for one request: bytes to send, or seconds to wait; the connection closes after.
Script = list[bytes | float]
# The script for the request of a path.
Site = Callable[[str], Script]

# A deadline short enough for a quick test, long enough for a busy machine.
DEADLINE = 1.5
# The most a fetch that hits the deadline may take beyond it.
LEEWAY = 2.0


def ok(body: bytes, *, content_type: bytes = b"text/html; charset=utf-8", extra: bytes = b"") -> bytes:
    """A whole answer: status, headers (with the length of `body`) and `body`."""
    return (
        (b"HTTP/1.1 200 OK\r\nContent-Type: " + content_type + b"\r\nContent-Length: %d\r\n" % len(body) + extra)
        + b"\r\n"
        + body
    )


def head_of(answer: bytes) -> bytes:
    """The status line and headers of `answer`."""
    return answer[: answer.index(b"\r\n\r\n") + 4]


def trickled(data: bytes, every: float) -> Script:
    """`data` sent a byte at a time, `every` seconds apart."""
    return [step for byte in data for step in (bytes([byte]), every)]


def redirect(to: str, status: bytes = b"302 Found") -> bytes:
    return b"HTTP/1.1 " + status + b"\r\nLocation: " + to.encode() + b"\r\nContent-Length: 0\r\n\r\n"


# An article page of 9,286 bytes, as in the report of a truncated page stored whole.
ARTICLE = (b"<html><body>" + b"<p>\xe2\x80\x9cWe will hold the line,\xe2\x80\x9d said Ann Lee.</p>\n" * 200)[:9286]
SLOW_PAGE = ok(b"<p>Slow but whole.</p>")


@pytest.fixture
def serve() -> Iterator[Callable[[Site], str]]:
    """Start a raw server that answers each request as `site(path)` says; its base URL."""
    stop = threading.Event()
    listeners: list[socket.socket] = []

    def start(site: Site) -> str:
        listener = socket.create_server(("127.0.0.1", 0))
        listener.settimeout(0.1)
        listeners.append(listener)
        threading.Thread(target=_accept, args=(listener, site, stop), daemon=True).start()
        return f"http://127.0.0.1:{listener.getsockname()[1]}"

    yield start
    stop.set()
    for listener in listeners:
        listener.close()


def _accept(listener: socket.socket, site: Site, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            connection, _ = listener.accept()
        except TimeoutError:
            continue
        except OSError:
            return  # closed at the end of the test
        threading.Thread(target=_answer, args=(connection, site, stop), daemon=True).start()


def _answer(connection: socket.socket, site: Site, stop: threading.Event) -> None:
    with connection, contextlib.suppress(OSError):  # the client may hang up first
        connection.settimeout(5)
        request = connection.recv(65536)  # urllib sends its request in one piece
        for step in site(request.split(b" ")[1].decode()):
            if isinstance(step, bytes):
                connection.sendall(step)
            elif stop.wait(step):
                return


def always(*script: bytes | float) -> Site:
    """A site that answers every path with `script`."""
    return lambda path: list(script)


def looping(path: str) -> Script:
    return [redirect(path)]


def hopping(path: str) -> Script:
    """/hop/N redirects to /hop/N+1, up to a page at /hop/20 (urllib follows 10)."""
    n = int(path.rsplit("/", 1)[1])
    return [redirect(f"/hop/{n + 1}")] if n < 20 else [SLOW_PAGE]


def slow_hops(path: str) -> Script:
    """/slow/N redirects to /slow/N+1 after 0.4 s, up to a page at /slow/8: each hop quick, all of them not."""
    n = int(path.rsplit("/", 1)[1])
    return [0.4, redirect(f"/slow/{n + 1}")] if n < 8 else [SLOW_PAGE]


@pytest.mark.parametrize(
    "site, reason",
    [
        pytest.param(
            always(ok(ARTICLE)[: len(head_of(ok(ARTICLE))) + 4643]),
            "the page was cut short (4,643 of its 9,286 bytes came)",
            id="content-length-cut-short",
        ),
        pytest.param(
            always(head_of(ok(b"", extra=b"Transfer-Encoding: chunked\r\n")) + b"1000\r\n" + ARTICLE[:100]),
            "the page was cut short (the connection closed before its end)",
            id="chunk-cut-short",
        ),
        pytest.param(
            always(head_of(ok(b"", extra=b"Transfer-Encoding: chunked\r\n")) + b"10\r\n" + ARTICLE[:16] + b"\r\n"),
            "the page was cut short (the connection closed before its end)",
            id="no-last-chunk",
        ),
        pytest.param(
            always(
                ok(
                    gzip.compress("“We will hold the line,” said Ann Lee.".encode()),
                    content_type=b"text/plain; charset=iso-8859-1",  # any bytes decode as Latin-1
                    extra=b"Content-Encoding: gzip\r\n",
                )
            ),
            "a compressed page (Content-Encoding gzip), which quotes cannot read",
            id="gzip",
        ),
        pytest.param(always(ok(b"", content_type=b"text/plain")), "an empty page", id="empty"),
        pytest.param(always(ok(b" \r\n ", content_type=b"text/plain")), "nothing but white space", id="blank"),
    ],
)
def test_a_page_not_whole_is_a_failure_never_an_article(serve: Callable[[Site], str], site: Site, reason: str) -> None:
    url = serve(site) + "/story"
    assert [str(result) for result in read_input(url)] == [f"{url}: {reason}"]


@pytest.mark.parametrize(
    "site, reason",
    [
        (looping, "too many redirects (a redirect loop?)"),
        (hopping, "too many redirects (a redirect loop?)"),
        (always(redirect("ftp://127.0.0.1:9/a")), "a redirect to ftp://127.0.0.1:9/a, which is not an http(s) URL"),
        (always(redirect("file:///etc/passwd")), "a redirect to file:///etc/passwd, which is not an http(s) URL"),
        (always(b"HTTP/1.1 302 Found\r\nContent-Length: 0\r\n\r\n"), "a redirect (HTTP 302) that says nowhere to go"),
        (always(b"garbage\r\nmore garbage\r\n\r\n"), "not an HTTP answer (it began: garbage)"),
        (always(b"\x00\x1b[31m\xff junk\r\n\r\n"), r"not an HTTP answer (it began: \x00\x1b[31mÿ junk)"),
        (always(b"HTTP/2.0 200 OK\r\n\r\n"), "not an HTTP/1 answer (it began: HTTP/2.0)"),
        (always(b""), "the server closed the connection without answering"),
        (
            always(b"HTTP/1.1 500 " + b"Oops " * 100 + b"\r\nContent-Length: 0\r\n\r\n"),
            "HTTP 500 " + "Oops " * 15 + "Oops…",
        ),
    ],
)
def test_every_fetch_failure_is_one_readable_line(serve: Callable[[Site], str], site: Site, reason: str) -> None:
    url = serve(site) + "/hop/1"
    with pytest.raises(InputError) as caught:
        fetch(url)
    assert str(caught.value) == f"{url}: {reason}"


@pytest.mark.parametrize(
    "site",
    [
        pytest.param(always(*trickled(SLOW_PAGE, 0.05)), id="headers-trickled"),
        pytest.param(
            always(head_of(SLOW_PAGE), *trickled(SLOW_PAGE[len(head_of(SLOW_PAGE)) :], 0.2)), id="body-trickled"
        ),
        pytest.param(always(30.0), id="silent"),
        pytest.param(slow_hops, id="slow-redirects"),
    ],
)
def test_a_url_has_a_deadline_for_all_of_it(serve: Callable[[Site], str], site: Site) -> None:
    url = serve(site) + "/slow/1"
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        fetch(url, deadline=DEADLINE)
    assert str(caught.value) == f"{url}: no complete answer within {DEADLINE:g} seconds"
    assert DEADLINE <= time.monotonic() - started < DEADLINE + LEEWAY


@pytest.fixture(scope="module")
def tls_server() -> ssl.SSLContext:
    """A server's TLS context, with a self-signed certificate for 127.0.0.1 made by openssl."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl makes the test certificate")
    folder = Path(tempfile.mkdtemp())
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        + ["-days", "1", "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
        timeout=30,
    )
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(cert, key)
    shutil.rmtree(folder)
    return server


@pytest.mark.parametrize("handshake", [True, False], ids=["body-trickled", "no-handshake"])
def test_the_deadline_shuts_a_tls_connection_too(
    tls_server: ssl.SSLContext, monkeypatch: pytest.MonkeyPatch, handshake: bool
) -> None:
    monkeypatch.setattr(ssl, "_create_default_https_context", ssl._create_unverified_context)  # self-signed
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def answer() -> None:
        with contextlib.suppress(OSError):  # the listener closed, or the client hung up
            connection, _ = listener.accept()
            with connection:
                if not handshake:
                    stop.wait(10)
                    return
                with tls_server.wrap_socket(connection, server_side=True) as tls:
                    tls.recv(65536)
                    for step in [head_of(SLOW_PAGE), *trickled(SLOW_PAGE[len(head_of(SLOW_PAGE)) :], 0.2)]:
                        if isinstance(step, bytes):
                            tls.sendall(step)
                        elif stop.wait(step):
                            return

    threading.Thread(target=answer, daemon=True).start()
    url = f"https://127.0.0.1:{listener.getsockname()[1]}/"
    started = time.monotonic()
    try:
        with pytest.raises(InputError, match=f"^{url}: no complete answer within 1.5 seconds$"):
            fetch(url, deadline=DEADLINE)
        assert time.monotonic() - started < DEADLINE + LEEWAY
    finally:
        stop.set()
        listener.close()


def test_a_slow_page_whole_within_the_deadline_is_read(serve: Callable[[Site], str]) -> None:
    url = serve(always(head_of(SLOW_PAGE), *trickled(SLOW_PAGE[len(head_of(SLOW_PAGE)) :], 0.01))) + "/"
    assert fetch(url, deadline=DEADLINE).data == b"<p>Slow but whole.</p>"


def test_a_batch_goes_on_past_a_url_that_hangs_or_is_cut_short(
    serve: Callable[[Site], str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(web, "DEADLINE_SECONDS", DEADLINE)
    base = serve(lambda path: trickled(SLOW_PAGE, 0.05) if path == "/trickle" else [ok(ARTICLE)[:5000]])
    started = time.monotonic()
    result = runner.invoke(
        app, ["ingest", f"{base}/trickle", f"{base}/cut", str(SEED), "--db", fresh_database(tmp_path)]
    )
    assert time.monotonic() - started < DEADLINE + LEEWAY + 10  # the model loads in this time too
    assert result.exit_code == 1
    assert f"failed: {base}/trickle: no complete answer within {DEADLINE:g} seconds\n" in result.stderr
    assert f"failed: {base}/cut: the page was cut short (" in result.stderr
    assert "articles added: 1, already present: 0, failed: 2" in result.stderr


@pytest.mark.parametrize("command", ["ingest", "extract"])
def test_the_deadline_is_in_the_help(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert f"{DEADLINE_SECONDS} seconds" in " ".join(result.stdout.split())
