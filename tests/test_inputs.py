"""Real inputs end to end: saved web pages, JSON Lines, URLs, standard input,
encodings and folders, through the CLI into a real SQLite file."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from quotes.cli import app
from quotes.db import database_url, make_engine
from quotes.errors import InputError
from quotes.sources.web import fetch
from tests.conftest import FIXTURES, SEED, fresh_database, rows_of

runner = CliRunner()
PAGE = FIXTURES / "news-page.html"
# The quotations in the body of the saved page, none from its clutter.
PAGE_QUOTES = [
    ("In the weeks to come, we will see what's going to happen with the US participation,", "Boris Pistorius"),
    ("We must keep Ukraine in the fight this year,", "John Healey"),
    ("concrete decisions", "Rustem Umerov"),
]


def run(*args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def stored(db: str, sql: str) -> list[tuple[object, ...]]:
    """The rows of `sql`, dates as ISO text and JSON as text, as SQLite gives them."""
    return [tuple(_as_sqlite(value) for value in row) for row in rows_of(db, sql)]


def _as_sqlite(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return json.dumps(value)
    return value


def extracted(*args: str, stdin: str | bytes | None = None) -> list[dict[str, object]]:
    code, out, err = run("extract", *args, "--format", "jsonl", stdin=stdin)
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def test_a_saved_page_gives_the_body_quotes_and_the_metadata(tmp_path: Path) -> None:
    quotes = extracted(str(PAGE))
    assert [(q["text"], q["speaker"]) for q in quotes] == PAGE_QUOTES
    db = fresh_database(tmp_path)
    assert run("ingest", str(PAGE), "--db", db)[0] == 0
    ((headline, outlet, published, author, url, text, extra),) = stored(
        db, "SELECT headline, outlet, date, author, url, text, extra FROM articles"
    )
    assert (headline, outlet, published, author) == (
        "Allies pledge more air defence for Ukraine",
        "The Daily Ledger",
        "2025-04-11",
        "Maria Keller",
    )
    assert url == "https://ledger.example.com/world/2025/04/11/allies-air-defence-ukraine"
    assert json.loads(str(extra))["description"].startswith("Defence ministers met")
    # Offsets index the extracted text the database stores.
    for start, end, quote in stored(db, 'SELECT start, "end", text FROM quotes'):
        assert str(text)[int(str(start)) : int(str(end))] == quote
    code, out, _ = run("show", "1", "--db", db)
    assert code == 0 and "Allies pledge more air defence for Ukraine · The Daily Ledger · 2025-04-11" in out


def test_json_lines_bad_lines_fail_alone(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"text": "“We will win this,” said Ann Lee.", "outlet": "AP", "id": 17, "section": "politics"})
        + "\n{broken\n"
        + json.dumps({"text": "“Taxes will fall,” said Bo Park.", "date": "2025-05-01"})
        + "\n",
        encoding="utf-8",
    )
    db = fresh_database(tmp_path)
    code, _, err = run("ingest", str(feed), "--db", db)
    assert code == 1 and f"failed: {feed}:2: not JSON" in err
    assert "articles added: 2, already present: 0, failed: 1; quotes added: 2" in err
    rows = stored(db, "SELECT source, outlet, date, extra FROM articles ORDER BY id")
    assert rows == [
        (f"{feed}:1", "AP", None, '{"id": 17, "section": "politics"}'),
        (f"{feed}:3", None, "2025-05-01", None),
    ]
    code, _, err = run("ingest", str(feed), "--db", db)
    assert "articles added: 0, already present: 2, failed: 1" in err


def test_standard_input_is_one_article_or_json_lines(tmp_path: Path) -> None:
    db = fresh_database(tmp_path)
    code, _, err = run("ingest", "-", "--db", db, stdin="“We stand firm,” said Jon Healy.\n")
    assert code == 0 and "articles added: 1" in err
    lines = json.dumps({"text": "“One,” said Ann Lee."}) + "\n" + json.dumps({"text": "“Two,” said Bo Park."})
    code, _, err = run("ingest", "-", "--format", "jsonl", "--db", db, stdin=lines)
    assert code == 0 and "articles added: 2" in err
    assert stored(db, "SELECT source FROM articles ORDER BY id") == [("<stdin>",), ("<stdin>:1",), ("<stdin>:2",)]
    quotes = extracted("-", stdin=PAGE.read_bytes())  # a web page on standard input is read as one
    assert [(q["text"], q["speaker"], q["source"]) for q in quotes] == [(*q, "<stdin>") for q in PAGE_QUOTES]


@pytest.mark.parametrize("encoding, newline", [("cp1252", "\r\n"), ("utf-16", "\r"), ("utf-8-sig", "\n")])
def test_offsets_index_the_stored_text_whatever_the_encoding(tmp_path: Path, encoding: str, newline: str) -> None:
    text = "title Café talk\n\nThe minister spoke.\n\n“Résumé writing is an art,” said José Álvarez.\n"
    path = tmp_path / "a.txt"
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    (quote,) = extracted(str(path))
    assert text[int(str(quote["start"])) : int(str(quote["end"]))] == "Résumé writing is an art,"
    assert quote["speaker"] == "José Álvarez"
    db = fresh_database(tmp_path)
    assert run("ingest", str(path), "--db", db)[0] == 0
    assert stored(db, "SELECT text, headline FROM articles") == [(text, "Café talk")]


def test_a_file_stored_raw_by_an_earlier_version_is_not_stored_again(tmp_path: Path) -> None:
    raw = "\ufeff“We stand firm,” said Jon Healy.\r\n"
    path = tmp_path / "a.txt"
    path.write_bytes(raw.encode("utf-8"))
    db = fresh_database(tmp_path)
    assert run("ingest", str(FIXTURES / "news-page.html"), "--db", db)[0] == 0
    engine = make_engine(database_url(db))
    with engine.begin() as connection:  # the row an earlier version wrote, text as read
        connection.execute(
            text(
                "INSERT INTO articles (source, content_hash, text, body_start, ingested_at) "
                "VALUES (:source, :hash, :text, 0, '2026-01-01')"
            ),
            {"source": str(path), "hash": hashlib.sha256(raw.encode("utf-8")).hexdigest(), "text": raw},
        )
    engine.dispose()
    code, _, err = run("ingest", str(path), "--db", db)
    assert code == 0 and "articles added: 0, already present: 1" in err


def test_folders_with_globs_and_notes_on_skipped_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "drafts").mkdir(parents=True)
    (folder / "a.txt").write_text("“Alpha is ready,” said Ann Lee.", encoding="utf-8")
    (folder / "drafts" / "b.txt").write_text("“Beta is late,” said Bo Park.", encoding="utf-8")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.7")
    db = fresh_database(tmp_path)
    code, _, err = run("ingest", str(folder), "--exclude", "drafts/*", "--db", db)
    assert code == 0 and f"{folder / 'scan.pdf'}: skipped, not a known article type (.pdf)" in err
    assert "articles added: 1, already present: 0, failed: 0, skipped: 1; quotes added: 1" in err
    code, _, err = run("ingest", str(folder), "--include", "drafts/*", "--db", db)
    assert code == 0 and "articles added: 1, already present: 0, failed: 0; quotes added: 1" in err


class _Site(BaseHTTPRequestHandler):
    """A tiny web site: the saved page, a redirect to it, a PDF, a 404, a slow page."""

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        if self.path == "/story":
            self._send(200, "text/html; charset=utf-8", PAGE.read_bytes())
        elif self.path == "/old-link":
            self.send_response(301)
            self.send_header("Location", "/story")
            self.end_headers()
        elif self.path == "/report.pdf":
            self._send(200, "application/pdf", b"%PDF-1.7")
        elif self.path == "/big":
            self._send(200, "text/html", b"<p>" + b"x" * 5000 + b"</p>")
        elif self.path == "/slow":
            threading.Event().wait(2)
            self._send(200, "text/html", b"<p>late</p>")
        else:
            self._send(404, "text/html", b"<h1>Not Found</h1>")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (the timeout test)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    """The base URL of `_Site`, served on 127.0.0.1 only."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_a_url_is_fetched_and_read_as_a_web_page(site: str, tmp_path: Path) -> None:
    db = fresh_database(tmp_path)
    code, _, err = run("ingest", f"{site}/old-link", "--db", db)
    assert code == 0 and "articles added: 1" in err and "quotes added: 3" in err
    ((source, url),) = stored(db, "SELECT source, url FROM articles")
    assert source == f"{site}/old-link"
    assert url == "https://ledger.example.com/world/2025/04/11/allies-air-defence-ukraine"


@pytest.mark.parametrize(
    "path, message",
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/report.pdf", "not a web page (content type application/pdf)"),
    ],
)
def test_a_url_that_gives_no_page_is_one_line(site: str, tmp_path: Path, path: str, message: str) -> None:
    code, _, err = run("ingest", f"{site}{path}", str(FIXTURES / "news-page.html"), "--db", fresh_database(tmp_path))
    assert code == 1 and f"failed: {site}{path}: {message}\n" in err
    assert "articles added: 1, already present: 0, failed: 1" in err


def test_fetching_has_a_size_limit_and_a_timeout(site: str) -> None:
    with pytest.raises(InputError, match=r"page too large \(5,007 bytes; the limit is 1,000\)"):
        fetch(f"{site}/big", max_bytes=1000)
    with pytest.raises(InputError, match="no answer within 0.5 seconds"):
        fetch(f"{site}/slow", timeout=0.5)
    with pytest.raises(InputError, match=r"cannot fetch \(.*refused"):
        fetch("http://127.0.0.1:9/nothing-listens-here")
    with pytest.raises(InputError, match=r"http://127.0.0.1:port/: cannot fetch \(.*port"):
        fetch("http://127.0.0.1:port/")


def _contents(db: str) -> dict[str, list[tuple[object, ...]]]:
    """What a database holds, without row ids or times."""
    return {
        "articles": stored(
            db,
            "SELECT source, url, outlet, headline, date, author, content_hash, text, body_start, extra "
            "FROM articles ORDER BY source",
        ),
        "quotes": stored(
            db,
            'SELECT a.source, q.start, q."end", q.text, q.kind, p.name, q.speaker, q.speaker_type, q.mention, '
            "q.mention_kind, q.speaker_start, q.speaker_end, q.title, q.cue, q.cue_start, q.cue_end, q.method, "
            "q.confidence, q.evidence, q.statement_key FROM quotes q JOIN articles a ON a.id = q.article_id "
            "LEFT JOIN people p ON p.id = q.person_id ORDER BY a.source, q.start",
        ),
        "people": stored(
            db, "SELECT p.name, p.kind, a.key FROM people p JOIN person_aliases a ON a.person_id = p.id ORDER BY 1, 3"
        ),
    }


def test_extract_anywhere_then_load_stores_what_ingest_stores(tmp_path: Path) -> None:
    inputs = [str(SEED), str(PAGE)]
    code, out, err = run("extract", *inputs, "--format", "articles")
    assert code == 0, err
    records = tmp_path / "extracted.jsonl"
    records.write_text(out + "{not json\n", encoding="utf-8")
    loaded, ingested = fresh_database(tmp_path), fresh_database(tmp_path)
    code, _, err = run("load", str(records), "--db", loaded)
    assert code == 1 and f"failed: {records}:3: not an extracted article" in err
    assert "articles added: 2, already present: 0, failed: 1; quotes added: 9" in err
    assert run("ingest", *inputs, "--db", ingested)[0] == 0
    assert _contents(loaded) == _contents(ingested)
    code, _, err = run("load", "-", "--db", loaded, stdin=out)
    assert code == 0 and "articles added: 0, already present: 2" in err


def test_two_worker_processes_store_what_one_does(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        "\n".join(json.dumps({"text": f"“Point {n} stands,” said Ann Lee.", "outlet": "AP"}) for n in range(6))
        + "\n{bad\n",
        encoding="utf-8",
    )
    inputs = [str(SEED), str(PAGE), str(feed)]
    one, two = fresh_database(tmp_path), fresh_database(tmp_path)
    assert run("ingest", *inputs, "--db", one)[0] == 1
    code, _, err = run("ingest", *inputs, "--workers", "2", "--db", two)
    assert code == 1 and f"failed: {feed}:7: not JSON" in err
    assert "articles added: 8, already present: 0, failed: 1; quotes added: 15" in err
    assert _contents(two) == _contents(one)
    code, out, _ = run("extract", *inputs, "-j", "2", "--format", "jsonl")
    assert [json.loads(line)["source"] for line in out.splitlines()][-6:] == [f"{feed}:{n}" for n in range(1, 7)]


def test_a_worker_reports_a_bad_article_as_one_line(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    huge.write_text("word " * 1_000_001, encoding="utf-8")  # over the million tokens an article may have
    code, out, err = run("extract", str(huge), str(SEED), "--workers", "2", "--format", "jsonl")
    assert code == 1 and f"error: {huge}: too long to extract: 1,000,001 words" in err and "Traceback" not in err
    assert len(out.splitlines()) == 6


@pytest.mark.parametrize(
    "record, message",
    [
        ({"source": "a", "text": "Hi.", "quotes": 5}, "quotes must be an array or null, not a number"),
        ({"source": "a", "text": "Hi.", "extra": [1]}, "extra must be an object or null, not an array"),
        ({"source": "a", "text": "Hi.", "date": 20250101}, "date must be a string or null, not a number"),
        ({"source": "a", "text": "Hi.", "quotes": [{"start": 0}]}, "quote 1 lacks"),
        ({"text": "Hi."}, "a record needs a source, a text and quotes"),
    ],
)
def test_load_reports_a_malformed_record_by_its_line(tmp_path: Path, record: dict[str, object], message: str) -> None:
    records = tmp_path / "bad.jsonl"
    records.write_text("\n" + json.dumps(record) + "\n", encoding="utf-8")
    code, _, err = run("load", str(records), "--db", fresh_database(tmp_path))
    assert code == 1 and f"failed: {records}:2: not an extracted article ({message}" in err
