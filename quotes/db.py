"""Engine, sessions and migrations.

`open_database` is how everything opens a database: it turns a path or URL
into an engine and brings the schema to the newest Alembic revision. The
revisions ship inside the installed package (`quotes.migrations`, built from
the top-level `migrations/` folder), so a plain `pip install .` can migrate;
run from a checkout, the package finds them in that folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import urllib.parse
from importlib import resources
from pathlib import Path
from typing import Literal

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from quotes.errors import DatabaseError, one_line

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
# The first bytes of every SQLite database file.
_SQLITE_HEADER = b"SQLite format 3\x00"


def database_url(path_or_url: str | None = None) -> str:
    """A SQLAlchemy URL from a path or URL, else $QUOTES_DB, else ./quotes.db."""
    value = path_or_url or os.environ.get(DB_ENV) or DEFAULT_DB
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def database_path(path_or_url: str | None = None) -> Path | None:
    """The file of a SQLite database (see `database_url`), or None for another database or one in memory."""
    url = make_url(database_url(path_or_url))
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def is_sqlite_file(path: Path) -> bool:
    """Whether `path` is a file that begins as an SQLite database does."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER
    except OSError:
        return False


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
    """Folder of the Alembic environment and revisions: inside the installed
    package (`quotes.migrations`); or, when `quotes` is imported from a
    checkout that is not what was installed (the tests run in the project
    folder over a non-editable install), the checkout's top-level `migrations/`.

    Raises:
        ModuleNotFoundError: neither is there.
    """
    try:
        return Path(str(resources.files("quotes.migrations")))
    except ModuleNotFoundError:
        checkout = Path(__file__).resolve().parent.parent / "migrations"
        if (checkout / "env.py").is_file():
            return checkout
        raise


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


# What a command does with its database: "create" it if need be (ingest,
# load), "write" to one that exists (merge, rename) or only "read" it.
Access = Literal["create", "write", "read"]


def open_database(path_or_url: str | None = None, *, access: Access = "create") -> sessionmaker[Session]:
    """Open the database, bring its schema to the newest revision, and
    return a session factory.

    Nothing is written to a database that is not already a quotes database
    (or, with `access="create"`, an empty one): an SQLite file is looked at
    read-only first. Only "create" makes a new database, or the schema in
    an empty one. A SQLite file this process may not write (a read-only
    mount, a file of someone else's) is opened read-only for "read", when
    its schema is current.

    Raises:
        DatabaseError: the database is missing or empty (unless creating),
            cannot be opened, holds tables quotes did not make, is newer
            than this version of quotes, or is read-only and must be written.
    """
    url = database_url(path_or_url)
    engine = make_engine(url)
    shown = shown_url(url)
    if engine.dialect.name == "sqlite":
        database = make_url(url).database
        if database and database != ":memory:" and not database.startswith("file:"):
            read_only = _look_before_touching(Path(database), shown, access)
            if read_only:
                return sessionmaker(make_engine(_read_only_url(Path(database))), expire_on_commit=False)
    try:
        _migrate(_locking_engine(url) if engine.dialect.name == "sqlite" else engine, shown, access)
    except SQLAlchemyError as error:
        raise DatabaseError(f"cannot open database {shown}: {reason(error)}") from None
    return sessionmaker(engine, expire_on_commit=False)


def _look_before_touching(path: Path, shown: str, access: Access) -> bool:
    """Check, reading only, that the SQLite file at `path` may be opened for
    `access`; return whether it must be opened read-only (it is ours and
    current, but this process may not write it).

    Raises:
        DatabaseError: see `open_database`.
    """
    if not path.parent.is_dir():
        raise DatabaseError(f"cannot open database {shown}: folder {path.parent} does not exist")
    if not path.exists():
        if access != "create":
            raise DatabaseError(f"no database at {path} (create one with: quotes ingest PATH --db {path})")
        return False
    try:
        with path.open("rb") as handle:
            header = handle.read(len(_SQLITE_HEADER))
    except OSError as error:
        raise DatabaseError(f"cannot open database {shown}: {error.strerror}") from None
    if header and header != _SQLITE_HEADER:
        raise DatabaseError(f"cannot open database {shown}: not a SQLite database file")
    tables, revision = _peek(path, shown)
    if tables and "alembic_version" not in tables:
        raise DatabaseError(f"{shown} is not a quotes database: it has tables quotes did not make")
    if revision is not None and revision not in _known_revisions():
        raise DatabaseError(
            f"database {shown} is at revision {revision}, newer than this version of quotes; upgrade quotes"
        )
    if not tables and access != "create":
        raise DatabaseError(
            f"{path} is an empty file, not a quotes database (create one with: quotes ingest PATH --db {path})"
        )
    if _writable(path):
        return False
    if access != "read":
        raise DatabaseError(
            f"database {shown} is read-only here ({_why_read_only(path)}): changing it needs a writable copy; "
            "searching it works as it is"
        )
    if revision != _head():
        raise DatabaseError(
            f"database {shown} is read-only here ({_why_read_only(path)}) and needs an upgrade to this "
            "version of quotes: open a writable copy once"
        )
    return True


def _peek(path: Path, shown: str) -> tuple[set[str], str | None]:
    """The tables of the SQLite file at `path` and its Alembic revision,
    read without writing anything (not even a journal mode)."""
    for url in _read_only_uris(path):
        try:
            connection = sqlite3.connect(url, uri=True, timeout=SQLITE_BUSY_SECONDS)
        except sqlite3.Error:
            continue
        try:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            revision = None
            if "alembic_version" in tables:
                found = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = found[0] if found else None
            return tables, revision
        except sqlite3.DatabaseError as error:
            if "unable to open" in str(error):
                continue  # a write-ahead log that a read-only folder cannot share: try immutable
            raise DatabaseError(f"cannot open database {shown}: {error}") from None
        finally:
            connection.close()
    raise DatabaseError(f"cannot open database {shown}: unable to read it")


def _read_only_uris(path: Path) -> list[str]:
    """SQLite URIs that open `path` without writing: read-only, then
    immutable (for a write-ahead-log database in a folder nobody may write,
    where SQLite cannot make the shared-memory file read-only access needs;
    nobody can be writing there)."""
    quoted = urllib.parse.quote(str(path.resolve()))
    return [f"file:{quoted}?mode=ro", f"file:{quoted}?immutable=1"]


def _read_only_url(path: Path) -> str:
    """A SQLAlchemy URL that opens the SQLite file `path` read-only."""
    for uri in _read_only_uris(path):
        try:
            sqlite3.connect(uri, uri=True).execute("SELECT 1 FROM sqlite_master").fetchall()
        except sqlite3.Error:
            continue
        return f"sqlite:///{uri}&uri=true"
    raise DatabaseError(f"cannot open database {path} read-only")


def _writable(path: Path) -> bool:
    """Whether this process may write the file and the folder it is in
    (which holds the write-ahead log and the journal)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _why_read_only(path: Path) -> str:
    """Why `path` cannot be written: the file, or its folder."""
    if not os.access(path, os.W_OK):
        return "the file cannot be written"
    return f"its folder {path.parent} cannot be written"


def _known_revisions() -> set[str]:
    """The revisions this version of quotes has."""
    return {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def _head() -> str | None:
    """The newest revision."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def _migrate(engine: Engine, shown: str, access: Access) -> None:
    """Check the database is ours and not newer than us, then upgrade it to head,
    all in one transaction: on SQLite that transaction holds the write lock
    (on PostgreSQL an advisory lock), so two processes opening a new database
    at once migrate it once. Only `access="create"` builds the schema in a
    database that has none."""
    known = _known_revisions()
    config = alembic_config()
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            # PostgreSQL's equivalent of SQLite's write lock: one migration at a time, till commit.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        current = MigrationContext.configure(connection).get_current_revision()
        if current is None and inspect(connection).get_table_names():
            raise DatabaseError(f"{shown} is not a quotes database: it has tables quotes did not make")
        if current is None and access != "create":
            raise DatabaseError(f"{shown} has no quotes database in it yet (quotes ingest PATH --db … makes one)")
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
    """The driver's own message for a database error, without SQLAlchemy's
    boilerplate, on one line (PostgreSQL adds DETAIL and CONTEXT lines)."""
    original = getattr(error, "orig", None)
    if original is None:
        return one_line(str(error).split("\n")[0])
    return "; ".join(line.strip() for line in str(original).splitlines() if line.strip())
