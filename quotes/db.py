"""Engine, sessions and migrations.

`open_database` is how everything opens a database: it turns a path or URL
into an engine and brings the schema to the newest Alembic revision. The
revisions ship inside the installed package (`quotes.migrations`, built from
the top-level `migrations/` folder), so a plain `pip install .` can migrate.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from quotes.errors import DatabaseError

DB_ENV = "QUOTES_DB"
DEFAULT_DB = "quotes.db"
# How long a SQLite connection waits for another process's write to finish.
SQLITE_BUSY_SECONDS = 30
# The PostgreSQL advisory lock a migration holds (any number other programs are unlikely to use).
MIGRATION_LOCK = 0x71756F746573  # "quotes"
# Tables of the keyword index, built by hand in the revisions (SQLite).
FTS_PREFIX = "quotes_fts"
# The keyword index on PostgreSQL and the column it is on, built by hand in revision 0005.
TEXT_SEARCH_INDEX = "ix_quotes_text_search"
TEXT_SEARCH_COLUMN = "text_search"


def database_url(path_or_url: str | None = None) -> str:
    """A SQLAlchemy URL from a path or URL, else $QUOTES_DB, else ./quotes.db."""
    value = path_or_url or os.environ.get(DB_ENV) or DEFAULT_DB
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    # Write-ahead logging: readers (a search) and one writer (an ingest) do
    # not block each other, and a crash leaves the database whole. A file we
    # may only read keeps its mode: searching it must still work.
    with contextlib.suppress(sqlite3.OperationalError):
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def shown_url(url: str) -> str:
    """`url` as it may be shown to a user: no password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return re.sub(r"://([^:/@]*):[^@]*@", r"://\1:***@", url)


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite connections enforce foreign keys and wait
    up to `SQLITE_BUSY_SECONDS` for another writer instead of failing.

    Raises:
        DatabaseError: the URL is malformed or names an unknown driver.
    """
    try:
        sqlite = make_url(url).get_backend_name() == "sqlite"
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS} if sqlite else {})
    except (ArgumentError, ImportError) as error:
        raise DatabaseError(f"cannot use database {shown_url(url)}: {error}") from None
    if sqlite:
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Alembic autogenerate filter: leave the hand-built keyword indexes alone.

    The FTS5 table and its shadow tables (`quotes_fts*`, SQLite) and the
    text search column and its GIN index (PostgreSQL) are made by the
    revisions themselves; autogenerate must neither create nor drop them.
    """
    if (type_, name) in {("index", TEXT_SEARCH_INDEX), ("column", TEXT_SEARCH_COLUMN)}:
        return False
    return not (type_ == "table" and name is not None and name.startswith(FTS_PREFIX))


def migrations_dir() -> Path:
    """Folder of the Alembic environment and revisions inside the package."""
    return Path(str(resources.files("quotes.migrations")))


def alembic_config() -> Config:
    """An Alembic `Config` for the packaged revisions (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply the Alembic revisions up to `revision` on `engine`'s database."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Undo Alembic revisions down to `revision` ("base" for an empty database)."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    """The Alembic revision the database is at (None for a blank database)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def open_database(path_or_url: str | None = None, *, create: bool = True) -> sessionmaker[Session]:
    """Open the database, bring its schema to the newest revision, and
    return a session factory.

    With `create=False` (for commands that only read), a SQLite file that
    does not exist is an error instead of a new empty database.

    Raises:
        DatabaseError: the database is missing (with `create=False`), cannot
            be opened, holds tables quotes did not make, or is newer than
            this version of quotes.
    """
    url = database_url(path_or_url)
    engine = make_engine(url)
    shown = shown_url(url)
    if engine.dialect.name == "sqlite":
        database = make_url(url).database
        if database and database != ":memory:":
            path = Path(database)
            if not path.parent.is_dir():
                raise DatabaseError(f"cannot open database {shown}: folder {path.parent} does not exist")
            if not create and not path.exists():
                raise DatabaseError(f"no database at {path} (create one with: quotes ingest PATH --db {path})")
    try:
        _migrate(_locking_engine(url) if engine.dialect.name == "sqlite" else engine, shown)
    except SQLAlchemyError as error:
        raise DatabaseError(f"cannot open database {shown}: {reason(error)}") from None
    return sessionmaker(engine, expire_on_commit=False)


def _migrate(engine: Engine, shown: str) -> None:
    """Check the database is ours and not newer than us, then upgrade it to head,
    all in one transaction: on SQLite that transaction holds the write lock
    (on PostgreSQL an advisory lock), so two processes opening a new database
    at once migrate it once."""
    known = {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    config = alembic_config()
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            # PostgreSQL's equivalent of SQLite's write lock: one migration at a time, till commit.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        current = MigrationContext.configure(connection).get_current_revision()
        if current is None and inspect(connection).get_table_names():
            raise DatabaseError(f"{shown} is not a quotes database: it has tables quotes did not make")
        if current is not None and current not in known:
            raise DatabaseError(
                f"database {shown} is at revision {current}, newer than this version of quotes; upgrade quotes"
            )
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _locking_engine(url: str) -> Engine:
    """A SQLite engine whose transactions start with BEGIN IMMEDIATE (taking the
    write lock at once) and include DDL, which Python's sqlite3 driver would
    otherwise run outside any transaction (SQLAlchemy docs, "Serializable
    isolation / Savepoints / Transactional DDL" for pysqlite)."""
    engine = make_engine(url)

    @event.listens_for(engine, "connect")
    def _no_driver_transactions(dbapi_connection: object, _record: object) -> None:
        dbapi_connection.isolation_level = None  # type: ignore[attr-defined]

    @event.listens_for(engine, "begin")
    def _begin_immediate(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def reason(error: SQLAlchemyError) -> str:
    """The driver's own message for a database error, without SQLAlchemy's boilerplate."""
    original = getattr(error, "orig", None)
    return str(original) if original is not None else str(error).split("\n")[0]
