"""Engine, sessions and migrations.

`open_database` is how everything opens a database: it turns a path or URL
into an engine and brings the schema to the newest Alembic revision. The
revisions ship inside the installed package (`quotes.migrations`, built from
the top-level `migrations/` folder), so a plain `pip install .` can migrate.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.exc import DatabaseError as SQLDatabaseError
from sqlalchemy.orm import Session, sessionmaker

from quotes.errors import DatabaseError

DB_ENV = "QUOTES_DB"
DEFAULT_DB = "quotes.db"


def database_url(path_or_url: str | None = None) -> str:
    """A SQLAlchemy URL from a path or URL, else $QUOTES_DB, else ./quotes.db."""
    value = path_or_url or os.environ.get(DB_ENV) or DEFAULT_DB
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite connections enforce foreign keys.

    Raises:
        DatabaseError: the URL is malformed or names an unknown driver.
    """
    try:
        engine = create_engine(url)
    except (ArgumentError, ImportError) as error:
        raise DatabaseError(f"cannot use database {url!r}: {error}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def migrations_dir() -> Path:
    """Folder of the Alembic environment and revisions inside the package."""
    return Path(str(resources.files("quotes.migrations")))


def alembic_config(url: str | None = None) -> Config:
    """An Alembic `Config` for the packaged revisions (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
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
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def open_database(path_or_url: str | None = None) -> sessionmaker[Session]:
    """Open (creating or upgrading as needed) the database and return a session factory.

    Raises:
        DatabaseError: the database cannot be opened, is not a quotes
            database the tool understands, or is newer than this tool.
    """
    url = database_url(path_or_url)
    engine = make_engine(url)
    shown = make_url(url).render_as_string(hide_password=True)
    if engine.dialect.name == "sqlite":
        database = make_url(url).database
        if database and database != ":memory:" and not Path(database).parent.is_dir():
            raise DatabaseError(f"cannot open database {shown}: folder {Path(database).parent} does not exist")
    known = {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    try:
        current = current_revision(engine)
        if current is not None and current not in known:
            raise DatabaseError(
                f"database {shown} is at revision {current}, newer than this version of quotes; upgrade quotes"
            )
        upgrade(engine)
    except (OperationalError, SQLDatabaseError) as error:
        reason = str(error.orig) if error.orig is not None else str(error)
        raise DatabaseError(f"cannot open database {shown}: {reason}") from None
    return sessionmaker(engine, expire_on_commit=False)
