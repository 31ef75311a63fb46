"""Shared fixtures: the real spaCy model, the seed article, temporary databases.

Tests get their databases from `fresh_database`: new SQLite files, or, when
$QUOTES_TEST_DATABASE_URL names a PostgreSQL server (a URL such as
postgresql+psycopg://user@127.0.0.1:5432/postgres), a new database on it for
each. Tests of what only SQLite has are marked `sqlite_only`.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from quotes.db import database_url, make_engine
from quotes.nlp import load_pipeline

TEST_DATABASE_ENV = "QUOTES_TEST_DATABASE_URL"
SERVER = os.environ.get(TEST_DATABASE_ENV)
# The databases made on the server, dropped when the tests end.
_MADE: list[str] = []

sqlite_only = pytest.mark.skipif(SERVER is not None, reason="SQLite only (FTS5, files, sqlite3)")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_18ddbcf6b19ace8a.txt"
# Inputs written for the tests: a saved news page, and others.
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()


def fresh_database(folder: Path) -> str:
    """A new, empty database: a SQLite file in `folder`, or a new database on
    the server $QUOTES_TEST_DATABASE_URL names."""
    if SERVER is None:
        return str(folder / f"quotes-{uuid.uuid4().hex[:8]}.db")
    name = f"quotes_test_{uuid.uuid4().hex[:12]}"
    server = create_engine(SERVER, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    server.dispose()
    _MADE.append(name)
    return make_url(SERVER).set(database=name).render_as_string(hide_password=False)


def rows_of(db: str, sql: str) -> list[tuple[Any, ...]]:
    """The rows `sql` gives on the database `db` (a path or URL)."""
    engine = make_engine(database_url(db))
    with engine.connect() as connection:
        result = [tuple(row) for row in connection.execute(text(sql))]
    engine.dispose()
    return result


@pytest.fixture(scope="session", autouse=True)
def _drop_server_databases() -> Iterator[None]:
    yield
    if SERVER is None or not _MADE:
        return
    server = create_engine(SERVER, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        for name in _MADE:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    server.dispose()


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh database (see `fresh_database`), also set as $QUOTES_DB for the CLI."""
    db = fresh_database(tmp_path)
    monkeypatch.setenv("QUOTES_DB", db)
    return db


@pytest.fixture
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 300-column terminal, so that table cells do not wrap."""
    from quotes import cli

    monkeypatch.setattr(cli.out, "width", 300)
