"""The schema comes only from the Alembic revisions, and they match the models."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import CheckConstraint, Engine, inspect, text
from sqlalchemy.exc import IntegrityError

from quotes import kinds, queries
from quotes.db import (
    TEXT_SEARCH_INDEX,
    alembic_config,
    current_revision,
    database_url,
    downgrade,
    include_object,
    make_engine,
    open_database,
    upgrade,
)
from quotes.errors import DatabaseError
from quotes.models import Base
from quotes.store import statement_key
from tests.conftest import ROOT, fresh_database, sqlite_only

FTS_TABLES = {"quotes_fts", "quotes_fts_config", "quotes_fts_data", "quotes_fts_docsize", "quotes_fts_idx"}
REVISIONS = [
    script.revision for script in reversed(list(ScriptDirectory.from_config(alembic_config()).walk_revisions()))
]


def test_upgrade_blank_database_to_head_matches_the_models(tmp_path: Path) -> None:
    engine = make_engine(database_url(fresh_database(tmp_path)))
    upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": include_object, "compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    if engine.dialect.name == "sqlite":
        assert set(inspect(engine).get_table_names()) >= FTS_TABLES
    else:
        assert TEXT_SEARCH_INDEX in {index["name"] for index in inspect(engine).get_indexes("quotes")}


def test_downgrade_to_base_leaves_nothing(tmp_path: Path) -> None:
    engine = make_engine(database_url(fresh_database(tmp_path)))
    upgrade(engine)
    downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    assert current_revision(engine) is None
    upgrade(engine)  # and back up again
    assert current_revision(engine) == REVISIONS[-1]


@sqlite_only
def test_keyword_index_follows_inserts_updates_and_deletes(tmp_path: Path) -> None:
    engine = make_engine(database_url(str(tmp_path / "m.db")))
    upgrade(engine)
    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO articles (id, source, content_hash, text, body_start, ingested_at) "
                "VALUES (1, 's', 'h', 't', 0, '2025-01-01')"
            )
        )
        c.execute(
            text(
                'INSERT INTO quotes (id, article_id, text, start, "end", kind, method, confidence, evidence) '
                "VALUES (7, 1, 'a crystal ball', 0, 1, 'direct', 'syntax', 1, '')"
            )
        )

    def hits(word: str) -> list[int]:
        with engine.connect() as c:
            return list(c.scalars(text("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :q"), {"q": word}))

    assert hits("crystal") == [7]
    with engine.begin() as c:
        c.execute(text("UPDATE quotes SET text = 'a glass orb' WHERE id = 7"))
    assert hits("crystal") == [] and hits("orb") == [7]
    with engine.begin() as c:
        c.execute(text("DELETE FROM quotes WHERE id = 7"))
    assert hits("orb") == []


def _fill_at_first_revision(engine: Engine, revision: str = "0001") -> None:
    """An article, a person with a name and two quotes, written with the
    columns revision 0001 had, into a database at `revision`."""
    upgrade(engine, revision)
    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO articles (id, source, content_hash, text, body_start, ingested_at) "
                "VALUES (1, 's', 'h', 't', 0, '2025-01-01')"
            )
        )
        c.execute(text("INSERT INTO people (id, name, key, kind) VALUES (3, 'John Healey', 'john healey', 'person')"))
        c.execute(text("INSERT INTO person_aliases (person_id, alias, key) VALUES (3, 'Healey', 'healey')"))
        for quote_id, quote in ((7, "A crystal ball."), (8, "a CRYSTAL ball")):
            c.execute(
                text(
                    'INSERT INTO quotes (id, article_id, person_id, text, start, "end", kind, method, confidence, '
                    "evidence) VALUES (:id, 1, 3, :text, :id, 20, 'direct', 'syntax', 1, '')"
                ),
                {"id": quote_id, "text": quote},
            )


def _rows(engine: Engine) -> list[tuple[object, ...]]:
    with engine.connect() as c:
        return [tuple(r) for r in c.execute(text("SELECT id, person_id, text FROM quotes ORDER BY id"))]


def _keyword_hits(engine: Engine, word: str) -> list[int]:
    with engine.connect() as c:
        return list(c.scalars(text("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :q"), {"q": word}))


@sqlite_only
def test_upgrading_a_filled_database_keeps_its_data_and_keyword_index(tmp_path: Path) -> None:
    engine = make_engine(database_url(str(tmp_path / "m.db")))
    _fill_at_first_revision(engine)
    before = _rows(engine)
    upgrade(engine)
    assert _rows(engine) == before
    with engine.connect() as c:
        keys = list(c.scalars(text("SELECT statement_key FROM quotes ORDER BY id")))
    assert keys == [statement_key("A crystal ball."), statement_key("a crystal ball")] and keys[0] == keys[1]
    with engine.begin() as c:
        c.execute(text("UPDATE quotes SET text = 'a glass orb' WHERE id = 8"))
    assert _keyword_hits(engine, "crystal") == [7] and _keyword_hits(engine, "orb") == [8]
    downgrade(engine, "0001")
    assert _rows(engine)[0] == before[0] and _keyword_hits(engine, "orb") == [8]
    with engine.begin() as c:
        c.execute(text("DELETE FROM quotes WHERE id = 8"))
    assert _keyword_hits(engine, "orb") == []


def test_every_revision_upgrades_and_downgrades(tmp_path: Path) -> None:
    engine = make_engine(database_url(fresh_database(tmp_path)))
    for previous, revision in zip(["base", *REVISIONS], REVISIONS, strict=False):
        upgrade(engine, revision)
        downgrade(engine, previous)
        assert current_revision(engine) == (None if previous == "base" else previous)
        upgrade(engine, revision)
    assert current_revision(engine) == REVISIONS[-1]


@pytest.mark.parametrize("revision", REVISIONS[:-1])
def test_a_database_filled_at_an_earlier_revision_upgrades_with_its_data(tmp_path: Path, revision: str) -> None:
    engine = make_engine(database_url(fresh_database(tmp_path)))
    _fill_at_first_revision(engine, revision)
    before = _rows(engine)
    upgrade(engine)
    assert _rows(engine) == before
    downgrade(engine, revision)  # and back down, the data still there
    assert _rows(engine) == before
    upgrade(engine)
    sessions = open_database(str(engine.url.render_as_string(hide_password=False)), access="read")
    with sessions() as session:
        (healey,) = queries.resolve_person(session, "john healey")
        assert healey.name == "John Healey"
        if revision < "0004":  # the name words 0004 fills in, which later revisions' writers add themselves
            assert [p.name for p in queries.resolve_person(session, "heal")] == ["John Healey"]
        assert sorted(quote.id for quote, _, _ in queries.stream(session, queries.Filters(person_id=3))) == [7, 8]


# The columns of a closed vocabulary (`quotes.kinds`, revision 0008), its values, and whether they may be null.
VOCABULARIES = [
    ("quotes", "kind", kinds.QUOTE_KINDS, False),
    ("quotes", "speaker_type", kinds.SPEAKER_TYPES, True),
    ("quotes", "mention_kind", kinds.MENTION_KINDS, True),
    ("quotes", "method", kinds.METHODS, False),
    ("people", "kind", kinds.PERSON_KINDS, False),
]


def test_the_check_constraints_of_the_models_are_the_databases(tmp_path: Path) -> None:
    # (Alembic's comparison of models and database leaves CHECK constraints out.)
    engine = make_engine(database_url(fresh_database(tmp_path)))
    upgrade(engine)
    for table in ("quotes", "people"):
        declared = {c.name for c in Base.metadata.tables[table].constraints if isinstance(c, CheckConstraint)}
        expected = {f"ck_{table}_{column}" for name, column, _, _ in VOCABULARIES if name == table}
        assert {c["name"] for c in inspect(engine).get_check_constraints(table)} == declared == expected


def _set_all(engine: Engine, table: str, column: str, value: str | None) -> None:
    with engine.begin() as c:
        c.execute(text(f"UPDATE {table} SET {column} = :value"), {"value": value})


def _found(engine: Engine, keywords: str) -> list[int]:
    """Ids of the quotes a keyword search finds (SQLite's FTS5 index, PostgreSQL's text search column),
    the database left at its revision."""
    with engine.connect() as c:
        return sorted(row.id for row in c.execute(queries.keyword_ids(keywords, engine.dialect.name)))


def test_after_0008_the_database_takes_the_vocabularies_only_and_still_finds_the_quotes(tmp_path: Path) -> None:
    url = fresh_database(tmp_path)
    engine = make_engine(database_url(url))
    _fill_at_first_revision(engine, "0007")
    upgrade(engine, "0008")
    assert _found(engine, "crystal") == [7, 8]
    for table, column, values, nullable in VOCABULARIES:
        for value in [*values, *([None] if nullable else [])]:
            _set_all(engine, table, column, value)
        with pytest.raises(IntegrityError, match=f"ck_{table}_{column}"):
            _set_all(engine, table, column, "other")
    if engine.dialect.name == "sqlite":
        with engine.begin() as c:  # the index agrees with the table (raises if not)
            c.execute(text("INSERT INTO quotes_fts (quotes_fts, rank) VALUES ('integrity-check', 1)"))
    with engine.begin() as c:
        c.execute(text("UPDATE quotes SET text = 'a glass orb' WHERE id = 8"))
    assert _found(engine, "crystal") == [7] and _found(engine, "orb") == [8]
    downgrade(engine, "0007")
    assert _found(engine, "crystal") == [7] and _found(engine, "orb") == [8]
    for table, column, _, _ in VOCABULARIES:
        _set_all(engine, table, column, "other")


def test_a_database_holding_a_value_outside_a_vocabulary_is_not_upgraded(tmp_path: Path) -> None:
    url = fresh_database(tmp_path)
    engine = make_engine(database_url(url))
    _fill_at_first_revision(engine, "0007")
    _set_all(engine, "quotes", "method", "guess")  # edited by hand
    with pytest.raises(DatabaseError, match="ck_quotes_method"):
        open_database(url)
    assert current_revision(engine) == "0007" and _rows(engine) == [(7, 3, "A crystal ball."), (8, 3, "a CRYSTAL ball")]


def test_0009_renames_columns_to_the_public_names_keeping_their_values(tmp_path: Path) -> None:
    engine = make_engine(database_url(fresh_database(tmp_path)))
    _fill_at_first_revision(engine, "0008")
    with engine.begin() as c:
        c.execute(text("UPDATE articles SET published = '2025-04-11'"))
        c.execute(text("UPDATE quotes SET speaker_name = 'John Healey', mention_start = 3, mention_end = 9"))

    def values(date: str, speaker: str, start: str, end: str) -> list[tuple[object, ...]]:
        query = (
            f'SELECT a."{date}", q.{speaker}, q.{start}, q.{end} FROM quotes q JOIN articles a ON a.id = q.article_id'
        )
        with engine.connect() as c:
            return [(str(day), *rest) for day, *rest in c.execute(text(query))]

    def indexes() -> set[str]:
        return {index["name"] for index in inspect(engine).get_indexes("articles")}

    before = values("published", "speaker_name", "mention_start", "mention_end")
    assert before == [("2025-04-11", "John Healey", 3, 9)] * 2
    upgrade(engine, "0009")
    assert values("date", "speaker", "speaker_start", "speaker_end") == before and "ix_articles_date" in indexes()
    downgrade(engine, "0008")
    assert values("published", "speaker_name", "mention_start", "mention_end") == before
    assert "ix_articles_published" in indexes()


@sqlite_only
def test_alembic_command_line_upgrades_from_the_project_folder(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    alembic = Path(sys.executable).with_name("alembic")
    result = subprocess.run(
        [str(alembic), "upgrade", "head"],
        cwd=ROOT,
        env={**os.environ, "QUOTES_DB": str(db)},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert current_revision(make_engine(database_url(str(db)))) == REVISIONS[-1]


@sqlite_only
def test_the_package_run_from_a_checkout_over_a_plain_install_finds_the_revisions(tmp_path: Path) -> None:
    # A checkout's `quotes/` has no `migrations` (the top-level folder is
    # installed as `quotes.migrations`): as when the tests run in the project
    # folder over `pip install .`, without the editable install's mapping.
    checkout = tmp_path / "checkout"
    for folder in ("quotes", "migrations"):
        shutil.copytree(ROOT / folder, checkout / folder, ignore=shutil.ignore_patterns("__pycache__"))
    script = (
        "import sys; sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in repr(f).lower()]; "
        f"sys.path.insert(0, {str(checkout)!r}); "
        "from quotes.db import migrations_dir, open_database; "
        f"open_database({str(tmp_path / 'q.db')!r}); print(migrations_dir())"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(checkout / "migrations")
    assert current_revision(make_engine(database_url(str(tmp_path / "q.db")))) == REVISIONS[-1]


@sqlite_only
def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    engine = make_engine(database_url(str(path)))
    upgrade(engine)
    with engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(DatabaseError, match="newer than this version of quotes"):
        open_database(str(path))
    assert current_revision(engine) == "9999"


@sqlite_only
def test_a_foreign_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    engine = make_engine(database_url(str(path)))
    with engine.begin() as c:
        c.execute(text("CREATE TABLE notes (body TEXT)"))
    with pytest.raises(DatabaseError, match="is not a quotes database"):
        open_database(str(path))
    assert set(inspect(engine).get_table_names()) == {"notes"}


@sqlite_only
def test_reading_commands_do_not_create_a_database(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="no database at"):
        open_database(str(tmp_path / "typo.db"), access="read")
    assert not (tmp_path / "typo.db").exists()
