"""What a careless or hostile user cannot do: destroy a database by a typo,
change a file that is not a quotes database, break a command with odd
arguments, or reach the terminal with control sequences."""

from __future__ import annotations

import hashlib
import io
import json
import os
import pty
import select
import shutil
import sqlite3
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from typer.testing import CliRunner

from quotes import export
from quotes.cli import app
from tests.conftest import SEED, SEEDS, SERVER, fresh_database, rows_of, sqlite_only

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def quotes_command() -> str:
    exe = shutil.which("quotes", path=os.path.dirname(sys.executable)) or shutil.which("quotes")
    assert exe
    return exe


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def seeded_file(tmp_path: Path) -> Path:
    """An SQLite quotes database with the seed article, named as the default one."""
    db = tmp_path / "quotes.db"
    code, _, err = run("ingest", str(SEEDS), "--db", str(db))
    assert code == 0, err
    return db


# -- exports never destroy a database -----------------------------------------


@sqlite_only
@pytest.mark.parametrize("name", ["quotes.db", "./quotes.db", "quotes.db-wal", "quotes.db-shm", "quotes.db-journal"])
def test_export_refuses_to_write_over_the_database_it_reads(
    seeded_file: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(seeded_file.parent)
    for force in ([], ["--force"]):  # not even with --force
        code, _, err = run("export", "--csv", name, *force, "--db", "quotes.db")
        assert code == 1 and "it is the database being exported" in err, err
    assert rows_of(str(seeded_file), "SELECT count(*) FROM quotes") == [(6,)]
    assert rows_of(str(seeded_file), "PRAGMA integrity_check") == [("ok",)]


@sqlite_only
def test_export_refuses_a_link_to_the_database(seeded_file: Path) -> None:
    linked = seeded_file.parent / "export.csv"
    linked.symlink_to(seeded_file)
    hard = seeded_file.parent / "hard.csv"
    os.link(seeded_file, hard)
    for target in (linked, hard):
        code, _, err = run("export", "--csv", str(target), "--db", str(seeded_file))
        assert code == 1 and "it is the database being exported" in err
    assert rows_of(str(seeded_file), "SELECT count(*) FROM quotes") == [(6,)]


@sqlite_only
def test_export_replaces_another_sqlite_database_only_with_force(seeded_file: Path) -> None:
    other = seeded_file.parent / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE notes (body TEXT)")
    before = digest(other)
    code, _, err = run("export", "--json", str(other), "--db", str(seeded_file))
    assert code == 1 and "is an SQLite database; choose another file name, or --force" in err
    assert digest(other) == before
    code, _, err = run("export", "--json", str(other), "--force", "--db", str(seeded_file))
    assert code == 0 and len(json.loads(other.read_text())) == 6


def test_a_failed_export_leaves_no_half_file_and_the_old_one_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = fresh_database(tmp_path)
    assert run("ingest", str(SEED), "--db", db)[0] == 0
    target = tmp_path / "out.csv"
    target.write_text("the export of yesterday\n")
    target.chmod(0o640)

    def full_disk(records: object, out: io.TextIOBase, *columns: object) -> int:
        out.write("quote_id,speaker\n1,Half")
        raise OSError(28, "No space left on device")

    monkeypatch.setitem(export.WRITERS, "csv", full_disk)
    code, _, err = run("export", "--csv", str(target), "--db", db)
    assert code == 1 and f"cannot write {target}: No space left on device" in err
    assert target.read_text() == "the export of yesterday\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    monkeypatch.undo()
    code, _, _ = run("export", "--csv", str(target), "--db", db)
    assert code == 0 and target.read_text().count("\n") == 7
    assert target.stat().st_mode & 0o777 == 0o640  # the replaced file's mode is kept


def test_export_writes_to_a_device_in_place(tmp_path: Path) -> None:
    db = fresh_database(tmp_path)
    assert run("ingest", str(SEED), "--db", db)[0] == 0
    code, _, err = run("export", "--csv", os.devnull, "--db", db)
    assert code == 0 and "exported 6 quotes" in err
    assert Path(os.devnull).is_char_device()


# -- nothing is written to a file that is not already a quotes database ------


@sqlite_only
@pytest.mark.parametrize("command", [["search", "crystal"], ["people"], ["export", "--csv", "-"], ["ingest"]])
def test_a_foreign_sqlite_file_is_not_changed_by_any_command(tmp_path: Path, command: list[str]) -> None:
    other = tmp_path / "notes.db"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE notes (body TEXT)")
    connection.commit()
    connection.close()
    before = other.read_bytes()
    assert before[18:20] == b"\x01\x01"  # rollback journal, not write-ahead log
    args = [*command, str(SEED)] if command == ["ingest"] else command
    code, _, err = run(*args, "--db", str(other))
    assert code == 1 and "is not a quotes database" in err
    assert other.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


@sqlite_only
def test_reading_commands_do_not_build_a_schema_in_an_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    for command in (["search", "x"], ["people"], ["show", "1"], ["check", "some words here"]):
        code, _, err = run(*command, "--db", str(empty))
        assert code == 1 and "is an empty file, not a quotes database" in err
    assert empty.read_bytes() == b""
    code, _, err = run("ingest", str(SEED), "--db", str(empty))  # ingest may create
    assert code == 0 and "quotes added: 6" in err


@pytest.mark.skipif(SERVER is None, reason="PostgreSQL")
def test_reading_commands_do_not_build_a_schema_in_an_empty_postgresql_database(tmp_path: Path) -> None:
    db = fresh_database(tmp_path)
    code, _, err = run("search", "crystal", "--db", db)
    assert code == 1 and "has no quotes database in it yet" in err
    engine = create_engine(db)
    assert inspect(engine).get_table_names() == []
    engine.dispose()


@sqlite_only
def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    code, _, err = run("ingest", str(SEED), "--db", str(notes))
    assert code == 1 and "not a SQLite database file" in err
    assert notes.read_text() == "my notes\n"


# -- a database on a read-only mount ------------------------------------------


def _read_only_runner(folder: Path) -> list[str] | None:
    """A command prefix under which `folder` is read-only for real: a private
    read-only bind mount when we are root and may mount, else none needed
    (a non-root user cannot write a folder without write permission); None
    when neither works here."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return []
    script = f'mount --bind "{folder}" "{folder}" && mount -o remount,ro,bind "{folder}" && exec "$@"'
    probe = subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", "touch", str(folder / "x")], capture_output=True)
    if b"Read-only file system" not in probe.stderr:
        return None
    return ["unshare", "-m", "sh", "-c", script, "sh"]


@sqlite_only
def test_a_read_only_database_is_searched_and_not_written(tmp_path: Path) -> None:
    folder = tmp_path / "mount"
    folder.mkdir()
    db = folder / "quotes.db"
    assert run("ingest", str(SEEDS), "--db", str(db))[0] == 0
    before = digest(db)
    prefix = _read_only_runner(folder)
    if prefix is None:
        pytest.skip("no way to make a read-only folder here")
    try:
        searched = subprocess.run(
            [*prefix, quotes_command(), "search", "--person", "Healey", "--format", "csv", "--db", str(db)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert searched.returncode == 0, searched.stderr
        assert searched.stdout.count("John Healey") == 2
        ingested = subprocess.run(
            [*prefix, quotes_command(), "ingest", str(SEED), "--db", str(db)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert ingested.returncode == 1
        assert "is read-only here" in ingested.stderr and "searching it works as it is" in ingested.stderr
        assert len(ingested.stderr.strip().splitlines()) == 1
    finally:
        folder.chmod(0o755)
    assert digest(db) == before


# -- odd arguments ------------------------------------------------------------


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["search", "--person", "\U0010ffff"], 0, "no quotes found"),
        (["people", "\U0010ffff\U0010ffff"], 0, "no speakers found"),
        (["search", "--person", "heal\udcff"], 2, "is not valid UTF-8 text"),
        (["search", "--title", "\udcffminister"], 2, "is not valid UTF-8 text"),
        (["people", "\udcfe"], 2, "is not valid UTF-8 text"),
        (["person", "\udcfe"], 2, "is not valid UTF-8 text"),
        (["check", "some \udcff words"], 2, "is not valid UTF-8 text"),
        (["show", "99999999999999999999999"], 1, "no quote with id 99999999999999999999999"),
        (["show", "--", "-5"], 2, "ID: -5 is not a quote number"),
        (["search", "--person", " ".join(f"w{n}" for n in range(3000))], 1, "a name has at most 12 words"),
        (["check", "crystal ball", "--speaker", " ".join(f"w{n}" for n in range(50))], 1, "a name has at most"),
    ],
)
def test_odd_arguments_get_a_message_not_a_traceback(db_path: str, args: list[str], code: int, message: str) -> None:
    assert run("ingest", str(SEED))[0] == 0
    got, _, err = run(*args)
    assert (got, message in err) == (code, True), err
    assert "Traceback" not in err


def test_a_huge_limit_is_no_limit_and_many_keywords_are_fine(db_path: str) -> None:
    assert run("ingest", str(SEED))[0] == 0
    code, out, err = run("search", "--limit", str(10**30), "--format", "jsonl")
    assert code == 0 and len(out.splitlines()) == 6, err
    code, out, err = run("search", *(f"word{n}" for n in range(3000)), "--format", "jsonl")
    assert code == 0 and out == "", err
    code, out, err = run("search", "crystal", *(f"OR w{n}" for n in range(500)), "--format", "jsonl")
    assert code == 0 and len(out.splitlines()) == 1, err


def test_decomposed_keywords_find_composed_text_and_back(db_path: str, tmp_path: Path) -> None:
    composed = tmp_path / "composed.txt"
    composed.write_text("“We will build it in Zürich,” said Ann Lee.\n", encoding="utf-8")
    decomposed = tmp_path / "decomposed.txt"
    decomposed.write_text(unicodedata.normalize("NFD", "“My résumé is long,” said Bo Ek.\n"), encoding="utf-8")
    assert run("ingest", str(composed), str(decomposed))[0] == 0
    for keyword, speaker in (("Zürich", "Ann Lee"), ("résumé", "Bo Ek")):
        for form in ("NFC", "NFD"):
            code, out, err = run("search", unicodedata.normalize(form, keyword), "--format", "jsonl")
            assert code == 0 and [json.loads(line)["speaker"] for line in out.splitlines()] == [speaker], (form, err)
    # Stored as given: offsets index the article as it was read.
    (stored,) = rows_of(db_path, "SELECT text FROM quotes WHERE text LIKE '%sum%'")
    assert stored[0] == unicodedata.normalize("NFD", "My résumé is long,")


# -- nothing reaches the terminal raw -----------------------------------------


def _hostile_database(tmp_path: Path) -> str:
    """A database with the seed, one of whose stored fields another tool
    filled with terminal escapes and a right-to-left override (in free text:
    the columns of a closed vocabulary refuse anything else)."""
    db = fresh_database(tmp_path)
    assert run("ingest", str(SEED), "--db", db)[0] == 0
    engine = create_engine(db if "://" in db else f"sqlite:///{db}")
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE quotes SET cue = :cue, title = :title WHERE id = 1"),
            {"cue": "\x1b]0;owned\x07said\x1b[2J", "title": "minister\u202egnp.exe"},
        )
    engine.dispose()
    return db


def test_show_and_search_escape_every_stored_field(tmp_path: Path) -> None:
    db = _hostile_database(tmp_path)
    for command in (["show", "1"], ["search", "crystal"], ["person", "Pistorius"], ["people"]):
        code, out, _ = run(*command, "--db", db)
        assert code == 0
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out, command
    _, shown, _ = run("show", "1", "--db", db)
    assert "\\x1b]0;owned\\x07said\\x1b[2J" in shown and "minister\\u202egnp.exe" in shown


@pytest.mark.parametrize(
    "value, expected",
    [
        (" =1+1", "' =1+1"),
        ("\n=2+2", "'\n=2+2"),
        ("\u3000@SUM(A1)", "'\u3000@SUM(A1)"),
        ("＝HYPERLINK(1)", "'＝HYPERLINK(1)"),
        ("＋1", "'＋1"),
        ("﹦1", "'﹦1"),
        ("a = b", "a = b"),
        ("   ", "   "),
    ],
)
def test_formulas_after_white_space_or_in_full_width_are_neutralised(value: str, expected: str) -> None:
    assert export.safe_cell(value) == expected


def _tty_output(args: list[str]) -> str:
    """What `quotes ARGS` prints when its standard output is a terminal (a pty)."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen([quotes_command(), *args], stdout=terminal, stderr=subprocess.PIPE, close_fds=True)
    os.close(terminal)
    chunks = []
    while True:
        ready, _, _ = select.select([controller], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(controller)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize("args", [["search", "crystal", "--format", "csv"], ["export", "--jsonl", "-"]])
def test_machine_formats_sent_to_a_terminal_show_controls_as_escapes(tmp_path: Path, args: list[str]) -> None:
    db = _hostile_database(tmp_path)
    shown = _tty_output([*args, "--db", db])
    assert "Pistorius" in shown
    assert "\u202e" not in shown and "\\u202e" in shown


def test_machine_formats_sent_to_a_file_or_pipe_keep_the_data_exact(tmp_path: Path) -> None:
    db = _hostile_database(tmp_path)
    code, out, _ = run("search", "crystal", "--format", "jsonl", "--db", db)
    assert code == 0 and json.loads(out)["title"] == "minister\u202egnp.exe"
    stream = io.StringIO()
    assert export.for_terminal(stream) is stream


def test_extract_to_a_terminal_shows_controls_as_escapes(tmp_path: Path) -> None:
    article = tmp_path / "evil.txt"
    article.write_text("“We will win\u202e\u009b this,” said Ann Lee.\n", encoding="utf-8")
    shown = _tty_output(["extract", "--format", "jsonl", str(article)])
    assert "Ann Lee" in shown and "\\u202e\\x9b" in shown and "\u202e" not in shown
