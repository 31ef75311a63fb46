"""CHECK constraints for the closed vocabularies

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 10:00:00

The columns holding a closed vocabulary (`quotes.kinds`) refuse any other
value: quotes.kind, quotes.speaker_type, quotes.mention_kind, quotes.method
and people.kind (ck_<table>_<column>, by the models' naming convention).
Nullable columns still take NULL. The lists are those of `quotes.kinds` when
this revision was written, frozen here: a value added there needs a revision
of its own. A database holding another value (edited by hand) is not
upgraded: the database names the constraint that fails.

PostgreSQL adds the constraints in place. SQLite cannot add one to a table:
- `quotes` is rebuilt (Alembic's batch mode: a copy under a new name, the
  old table dropped, the copy renamed). No table refers to `quotes`, so
  nothing cascades; dropping it drops the keyword index's triggers, which
  are created again as revision 0001 made them, and the index itself, whose
  rows keep their ids and texts, is rebuilt from the table to be sure. A
  later revision that rebuilds `quotes` keeps these constraints (batch mode
  copies named CHECK constraints) and must create the triggers again too.
- `people` is not rebuilt: with foreign keys on, dropping it would delete
  every name, name word and merged name and unlink every quote. Its `kind`
  column is replaced instead (a checked column added, the values copied, the
  old one dropped, the new one renamed), which SQLite allows only with a
  default: 'person', which the column gets on PostgreSQL too. Going down,
  the same way back; SQLite keeps that default.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, column, the values it may hold)
CHECKS = (
    ("quotes", "kind", ("direct", "partial")),
    ("quotes", "speaker_type", ("person", "organization", "unnamed")),
    ("quotes", "mention_kind", ("named", "pronoun", "nominal")),
    (
        "quotes",
        "method",
        (
            "syntax",
            "according",
            "label",
            "transcript",
            "colon",
            "byline",
            "possessor",
            "nearby",
            "verb",
            "continuation",
            "before",
            "none",
        ),
    ),
    ("people", "kind", ("person", "organization")),
)
PERSON_KIND_DEFAULT = "person"

# The keyword index's triggers on `quotes`, as revision 0001 made them (SQLite).
FTS_TRIGGERS = (
    """CREATE TRIGGER [quotes_ai] AFTER INSERT ON [quotes] BEGIN
  INSERT INTO [quotes_fts] (rowid, [text]) VALUES (new.rowid, new.[text]);
END""",
    """CREATE TRIGGER [quotes_ad] AFTER DELETE ON [quotes] BEGIN
  INSERT INTO [quotes_fts] ([quotes_fts], rowid, [text]) VALUES('delete', old.rowid, old.[text]);
END""",
    """CREATE TRIGGER [quotes_au] AFTER UPDATE OF [text] ON [quotes] BEGIN
  INSERT INTO [quotes_fts] ([quotes_fts], rowid, [text]) VALUES('delete', old.rowid, old.[text]);
  INSERT INTO [quotes_fts] (rowid, [text]) VALUES (new.rowid, new.[text]);
END""",
)
FTS_REBUILD = "INSERT INTO [quotes_fts] ([quotes_fts]) VALUES ('rebuild')"


def _name(table: str, column: str) -> str:
    return f"ck_{table}_{column}"


def _condition(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        for table, column, values in CHECKS:
            op.create_check_constraint(op.f(_name(table, column)), table, _condition(column, values))
        op.alter_column("people", "kind", server_default=PERSON_KIND_DEFAULT)
        return
    with op.batch_alter_table("quotes", recreate="always") as batch_op:
        for table, column, values in CHECKS:
            if table == "quotes":
                batch_op.create_check_constraint(op.f(_name(table, column)), _condition(column, values))
    _recreate_fts_triggers()
    (values,) = [values for table, column, values in CHECKS if (table, column) == ("people", "kind")]
    _replace_person_kind(f"CONSTRAINT {_name('people', 'kind')} CHECK ({_condition('kind_replaced', values)})")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        for table, column, _ in reversed(CHECKS):
            op.drop_constraint(op.f(_name(table, column)), table, type_="check")
        op.alter_column("people", "kind", server_default=None)
        return
    _replace_person_kind("")
    with op.batch_alter_table("quotes", recreate="always") as batch_op:
        for table, column, _ in reversed(CHECKS):
            if table == "quotes":
                batch_op.drop_constraint(op.f(_name(table, column)), type_="check")
    _recreate_fts_triggers()


def _recreate_fts_triggers() -> None:
    """The keyword index's triggers, dropped with the old `quotes` (SQLite),
    made again; and the index rebuilt from the table."""
    for statement in FTS_TRIGGERS:
        op.execute(statement)
    op.execute(FTS_REBUILD)


def _replace_person_kind(check: str) -> None:
    """Replace `people.kind` with a column of the same values, declared with
    `check` (SQLite; see the module's docstring)."""
    op.execute(
        f"ALTER TABLE people ADD COLUMN kind_replaced VARCHAR(20) NOT NULL "
        f"DEFAULT '{PERSON_KIND_DEFAULT}' {check}".rstrip()
    )
    op.execute("UPDATE people SET kind_replaced = kind")
    op.execute("ALTER TABLE people DROP COLUMN kind")
    op.execute("ALTER TABLE people RENAME COLUMN kind_replaced TO kind")
