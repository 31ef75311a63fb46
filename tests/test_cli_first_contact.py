"""The command line as a newcomer meets it (issue #19): bare `quotes`,
`--version`, help that reads, mistakes answered in the user's terms, search
that says what it held back and what a typo meant, extract's file column,
headlines of saved pages, workers that pay for themselves, progress and a
timed last line."""

from __future__ import annotations

import csv
import importlib.metadata
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from quotes import cli, queries
from quotes.cli import app
from quotes.db import open_database
from quotes.queries import Filters
from quotes.sources.html import parse_html
from tests.conftest import FIXTURES, SEED, SEEDS, SERVER, fresh_database, sqlite_only

runner = CliRunner()

# Words only a programmer's error (typer, click, pydantic, Python) would show a user.
PROGRAMMERS_WORDS = (
    "Invalid value",
    "Value error",
    "Input should",
    "Traceback",
    "<list[str]>",
    "<str>",
    "<int",
    "%Y",
    "Usage:",
    "Try '",
)


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), prog_name="quotes")
    return result.exit_code, result.stdout, result.stderr


def quotes_command() -> str:
    """The installed `quotes` script beside this Python."""
    return shutil.which("quotes", path=str(Path(sys.executable).parent)) or "quotes"


def run_process(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [quotes_command(), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "80", **(env or {})},
    )


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database with the seed article (6 quotes) ingested."""
    path = fresh_database(tmp_path_factory.mktemp("seeded"))
    code, _, err = run("ingest", str(SEEDS), "--db", path)
    assert code == 0, err
    return path


# --- quotes, bare, and --version ---------------------------------------------


def test_quotes_alone_shows_the_help_and_succeeds() -> None:
    code, out, err = run()
    assert code == 0 and "Commands:" in out and "search" in out and not err
    done = run_process()
    assert done.returncode == 0 and "Commands:" in done.stdout


def test_version_comes_from_the_package_metadata() -> None:
    expected = f"quotes {importlib.metadata.version('quotes')}"
    assert run("--version")[:2] == (0, expected + "\n")
    done = run_process("--version")
    assert (done.returncode, done.stdout.strip()) == (0, expected)


# --- help that reads ----------------------------------------------------------


def test_the_command_list_shows_whole_one_line_summaries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run("--help")
    listed = out.split("Commands:\n")[1].splitlines()
    names = [line.split()[0] for line in listed if line.strip()]
    assert code == 0 and names == ["ingest", "extract", "load", "search", "check", "show", "export", "person", "people"]
    assert "…" not in out and "..." not in out.split("Commands:")[1]
    assert all(re.fullmatch(r"  \S+ +\S.*[.?]", line) for line in listed), out  # one line each, a whole sentence


@pytest.mark.parametrize(
    "command, usage",
    [
        ("ingest", "quotes ingest [OPTIONS] PATH..."),
        ("extract", "quotes extract [OPTIONS] PATH..."),
        ("load", "quotes load [OPTIONS] FILE..."),
        ("search", "quotes search [OPTIONS] [KEYWORD...]"),
        ("export", "quotes export [OPTIONS] [KEYWORD...]"),
        ("show", "quotes show [OPTIONS] ID"),
        ("check", "quotes check [OPTIONS] [CLAIM]"),
        ("person", "quotes person [OPTIONS] NAME"),
        ("people merge", "quotes people merge [OPTIONS] KEEP OTHER..."),
        ("people rename", "quotes people rename [OPTIONS] NAME NEW"),
    ],
)
def test_help_names_arguments_and_values_as_a_reader_would(command: str, usage: str) -> None:
    code, out, _ = run(*command.split(), "--help")
    assert code == 0 and f"Usage: {usage}\n" in out
    assert not [word for word in PROGRAMMERS_WORDS[4:8] if word in out], out
    assert not re.search(r"\{[a-z_|]+\}", out), out  # click's {choice|list} and {paths}


@pytest.mark.parametrize(
    "command, shown",
    [
        ("search", ["--db PATH_OR_URL", "--person NAME", "--since DATE", "--limit N", "--kind direct|partial"]),
        ("search", ["--sort relevance|date|oldest", "--format table|csv|json|jsonl"]),
        ("ingest", ["--workers N", "--include GLOB", "--max-mb MB", "--model NAME"]),
        ("export", ["--csv FILE", "--json FILE", "--jsonl FILE"]),
    ],
)
def test_options_show_what_value_they_take(command: str, shown: list[str]) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0 and [text for text in shown if text not in out] == []


def test_people_help_lists_people_name_merge_and_rename_and_no_list() -> None:
    code, out, _ = run("people", "--help")
    assert code == 0
    assert out.startswith(
        "Usage: quotes people [OPTIONS] [NAME]\n"
        "       quotes people merge [OPTIONS] KEEP OTHER...\n"
        "       quotes people rename [OPTIONS] NAME NEW\n"
    )
    commands = [line.split()[0] for line in out.split("Commands:\n")[1].splitlines() if line.strip()]
    assert commands == ["merge", "rename"] and "\n  list" not in out
    assert run("people", "Healey", "--help")[:2] == (0, out)


# --- mistakes, answered in the user's terms ----------------------------------


@pytest.mark.parametrize(
    "args, message",
    [
        (["search", "--since", "2023-13-01"], "--since: 2023-13-01 is not a date; use YYYY-MM-DD, e.g. 2025-04-11"),
        (["export", "--csv", "-", "--until", "2020-02-30"], "--until: 2020-02-30 is not a date; use YYYY-MM-DD"),
        (["show", "abc"], "ID: abc is not a quote number; search shows them as #12"),
        (["search", "--since", ""], "--since: '' is not a date"),
        (["show", "--", "-1"], "ID: -1 is not a quote number"),
        (["search", "--kind", "full"], "--kind: full is not a kind of quote; use direct or partial"),
        (["search", "--sort", "newest"], "--sort: newest is not an order of results; use relevance, date or oldest"),
        (["search", "-f", "xml"], "--format: xml is not an output format; use table, csv, json or jsonl"),
        (["extract", str(SEED), "-f", "csv"], "--format: csv is not an output format; use table, jsonl or articles"),
        (["extract", str(SEED), "--engine", "spacy"], "--engine: spacy is not an extractor; use quotes or textacy"),
        (["ingest", str(SEED), "-i", "pdf"], "--format: pdf is not an input format; use text, html, jsonl or json"),
        (["search", "--limit", "-1"], "--limit: -1 is not a number of quotes; use 0 or more (0 for all)"),
        (["export", "--csv", "-", "-n", "ten"], "--limit: ten is not a number of quotes"),
        (["search", "-n", "--5"], "--limit: --5 is not a number of quotes"),
        (["search", "-n", "٣"], "--limit: ٣ is not a number of quotes"),
        (["ingest", str(SEED), "-j", "two"], "--workers: two is not a number of processes; use 1 or more, or 0"),
        (["ingest", str(SEED), "--max-mb", "0"], "--max-mb: 0 is not a size; use a number of megabytes above 0"),
        (["search", "--outlt", "x"], "quotes search has no option --outlt; did you mean --outlet"),
        (["search", "--bogus"], "quotes search has no option --bogus (quotes search --help lists its options)"),
        (["people", "--bogus"], "quotes people has no option --bogus"),
        (["serch", "x"], "quotes has no command 'serch'; did you mean search?"),
        (["ingest"], "quotes ingest needs PATH...: article files"),
        (["show"], "quotes show needs ID: the quote's number, as search shows it (#12)"),
        (["person"], "quotes person needs NAME"),
        (["people", "merge", "A"], "quotes people merge needs OTHER...: the people who are the same person"),
        (["people", "rename", "A"], "quotes people rename needs NEW: their name from now on"),
        (["load"], "quotes load needs FILE..."),
        (["show", "1", "2"], "quotes show takes [OPTIONS] ID; 2 is more than that"),
        (["export", "--csv"], "--csv needs a value after it (see quotes export --help)"),
        (["export"], "quotes export: give exactly one of --csv FILE, --json FILE or --jsonl FILE, not none"),
        (["export", "--csv", "a", "--json", "b"], "quotes export: give exactly one of --csv FILE, --json FILE"),
        (["search", "--person", "heal\udcff"], "--person: b'heal\\xff' is not valid UTF-8 text"),
    ],
)
def test_a_mistake_is_one_line_saying_what_was_wrong_and_what_is_right(args: list[str], message: str) -> None:
    code, out, err = run(*args)
    assert code == 2 and not out
    assert err.startswith(f"error: {message}") and len(err.splitlines()) == 1, err
    assert [word for word in PROGRAMMERS_WORDS if word in err] == []


def test_a_mistake_is_one_line_from_the_installed_command_too() -> None:
    done = run_process("search", "--since", "2023-13-01")
    assert done.returncode == 2 and not done.stdout
    assert done.stderr == "error: --since: 2023-13-01 is not a date; use YYYY-MM-DD, e.g. 2025-04-11\n"


def test_a_quote_number_may_be_typed_as_search_shows_it(seeded: str) -> None:
    code, out, _ = run("show", "#1", "--db", seeded)
    assert code == 0 and out.startswith("#1: ")


# --- search: what was held back, what a typo meant ----------------------------


def test_search_says_how_many_match_when_the_limit_holds_some_back(seeded: str) -> None:
    code, out, err = run("search", "--limit", "2", "--db", seeded)
    assert code == 0 and out.count("#") == 2
    assert err == "2 of 6 matching quotes shown; --limit 0 shows them all, --limit N as many\n"
    code, _, err = run("search", "--db", seeded)
    assert code == 0 and err == ""  # all 6 shown: nothing to say
    done = run_process("search", "--person", "pistorius", "--limit", "1", "--db", seeded)
    assert done.returncode == 0 and done.stderr.startswith("1 of 2 matching quotes shown;")


def test_past_the_ceiling_the_count_says_more_than(seeded: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "_COUNTED_AT_MOST", 4)
    code, _, err = run("search", "--limit", "2", "--db", seeded)
    assert code == 0 and err.startswith("2 of more than 3 matching quotes shown;")


@pytest.mark.parametrize("format", ["csv", "json", "jsonl"])
def test_data_formats_stay_pure_data_on_stdout(seeded: str, format: str) -> None:
    code, out, err = run("search", "--limit", "2", "--format", format, "--db", seeded)
    rows = {
        "csv": lambda: list(csv.DictReader(io.StringIO(out))),
        "json": lambda: json.loads(out),
        "jsonl": lambda: [json.loads(line) for line in out.splitlines()],
    }[format]()
    assert code == 0 and len(rows) == 2 and err.startswith("2 of 6 matching quotes shown")


def test_the_count_of_matches_stops_at_a_ceiling(seeded: str) -> None:
    with open_database(seeded, access="read")() as session:
        assert queries.count_statements(session, Filters(), at_most=100) == 6
        assert queries.count_statements(session, Filters(), at_most=4) == 4
        assert queries.count_statements(session, Filters(keywords="crystal"), at_most=100) == 1
        assert queries.count_statements(session, Filters(keywords="crystal", since=SEED_DAY_AFTER), at_most=9) == 0


SEED_DAY_AFTER = __import__("datetime").date(2025, 4, 12)


@sqlite_only
@pytest.mark.parametrize(
    "keywords, message",
    [
        (["crystl"], "no quotes found; crystl: did you mean crystal?"),
        (["crystl", "bal"], "no quotes found; crystl: did you mean crystal?"),
        (["Europaens"], "no quotes found; europaens: did you mean europeans or european or europe?"),
        (["xqzzy"], "no quotes found; no quote has the word xqzzy"),
        (["crystal", "Europeans"], "no quotes found"),  # both words stored, never together
    ],
)
def test_a_keyword_nothing_matches_gets_the_stored_words_it_may_mean(
    seeded: str, keywords: list[str], message: str
) -> None:
    code, out, err = run("search", *keywords, "--db", seeded)
    assert (code, out, err) == (0, "", message + "\n")


@pytest.mark.skipif(SERVER is None, reason="PostgreSQL")
def test_on_postgresql_a_keyword_nothing_matches_gets_no_suggestion(seeded: str) -> None:
    assert run("search", "crystl", "--db", seeded) == (0, "", "no quotes found\n")


# --- extract's table names the file ----------------------------------------


def test_extract_table_shows_which_file_each_quote_came_from(tmp_path: Path) -> None:
    other = tmp_path / "second-article.txt"
    other.write_text('"We are ready for anything," Ann Marsh said on Monday.\n', encoding="utf-8")
    cli.out.width = 200
    try:
        code, out, _ = run("extract", str(SEED), str(other))
    finally:
        cli.out.width = None  # type: ignore[assignment]
    lines = [line for line in out.splitlines() if "│" in line]
    assert code == 0 and "Article" in out
    assert any("Ann Marsh" in line and "second-article.txt" in line for line in lines)
    assert any("Pistorius" in line and SEED.name in line for line in lines)


# --- headlines and outlets of saved pages ------------------------------------


@pytest.mark.parametrize(
    "page, headline, outlet",
    [
        # A publishing system's name as <title>, og:title and og:site_name; an outlet with its slogan.
        ("page-cms-name.html", "Costa Rica keeps every hospital bed", "The Tico Times"),
        # "Headline | Site | Section" as the only title.
        ("page-title-with-site.html", "Minister promises no cuts to hospitals", None),
        # og:title over the h1 over the <title>.
        ("page-og-h1-title.html", "Minister promises no cuts to hospitals", "The Daily Planet"),
        # The h1 is the site's name: the <title> less " - Site".
        ("page-title-site-dash.html", "Budget: no hospital bed will go", "The Daily Planet"),
        ("news-page.html", "Allies pledge more air defence for Ukraine", "The Daily Ledger"),
    ],
)
def test_a_saved_page_gets_its_own_headline_and_outlet(page: str, headline: str, outlet: str | None) -> None:
    path = FIXTURES / page
    article = parse_html(path.read_text(encoding="utf-8"), source=str(path))
    assert (article.headline, article.outlet) == (headline, outlet)


def test_ingest_stores_the_headline_search_shows(db_path: str) -> None:
    code, _, err = run("ingest", str(FIXTURES / "page-cms-name.html"))
    assert code == 0, err
    code, out, _ = run("search", "--format", "json")
    assert code == 0 and {(r["headline"], r["outlet"]) for r in json.loads(out)} == {
        ("Costa Rica keeps every hospital bed", "The Tico Times")
    }


# --- workers -----------------------------------------------------------------

# The text a worker process must have to parse to be worth starting (see `quotes.pipeline.WORK_PER_WORKER`).
WORK = 300_000


@pytest.mark.parametrize(
    "asked, articles, characters, chosen",
    [
        (2, 40, 131_928, 1),  # 40 pages of 3,300 characters: one process is faster
        (2, 1, 5 * WORK, 1),  # never more processes than articles
        (2, 200, 2 * WORK, 2),
        (2, 200, 2 * WORK - 1, 1),
        (8, 500, 3 * WORK + 5, 3),
        (8, 0, 0, 1),
    ],
)
def test_workers_start_only_when_there_is_work_for_them(
    asked: int, articles: int, characters: int, chosen: int
) -> None:
    from quotes import pipeline

    assert pipeline.WORK_PER_WORKER == WORK
    assert pipeline.choose_workers(asked, articles, characters) == chosen


def test_a_small_job_says_it_runs_in_one_process_and_why(monkeypatch: pytest.MonkeyPatch) -> None:
    from quotes import pipeline

    code, _, err = run("extract", str(SEED), "-j", "2", "-f", "jsonl")
    assert code == 0
    assert re.search(r"parsing in 1 process, not 2 \(--workers 2\): 1 article \([\d,]+ characters\) is too little", err)
    monkeypatch.setattr(pipeline, "cores", lambda: 4)
    code, _, err = run("extract", str(SEED), "-j", "0", "-f", "jsonl")
    assert code == 0 and "parsing in 1 process, not 4 (--workers 0: one per core)" in err


def test_without_workers_asked_nothing_is_said_about_them() -> None:
    code, _, err = run("extract", str(SEED), "-f", "jsonl")
    assert code == 0 and "process" not in err


# --- progress and the last line ----------------------------------------------

RATE = r"in \d+\.\d s \([\d.,]+ {unit}s/s\)"


def test_long_commands_end_with_the_time_taken_and_the_rate(tmp_path: Path, db_path: str) -> None:
    code, _, err = run("ingest", str(SEEDS))
    assert code == 0 and re.search(r"\nread 1 article " + RATE.format(unit="article") + "\n$", err), err
    records = tmp_path / "articles.jsonl"
    code, out, err = run("extract", str(SEED), "-f", "articles")
    assert code == 0 and re.fullmatch(r"read 1 article " + RATE.format(unit="article") + "; 6 quotes found\n", err)
    records.write_text(out, encoding="utf-8")
    code, _, err = run("load", str(records), "--db", fresh_database(tmp_path))
    assert code == 0 and re.search(r"\nread 1 article " + RATE.format(unit="article") + "\n$", err), err
    code, _, err = run("export", "--csv", str(tmp_path / "out.csv"))
    assert code == 0 and re.fullmatch(r"exported 6 quotes " + RATE.format(unit="quote") + "\n", err), err
    done = run_process("export", "--jsonl", "-", "--db", db_path)
    assert done.stdout.count("\n") == 6 and re.fullmatch(
        r"exported 6 quotes " + RATE.format(unit="quote") + "\n", done.stderr
    )


def test_a_terminal_sees_a_progress_bar_that_goes_away(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = io.StringIO()
    monkeypatch.setattr(cli, "err", Console(file=screen, force_terminal=True, width=80, highlight=False))
    with cli._progress("exporting", "exported", "quote") as progress:
        progress.start(3000)
        progress.advance(1500)
        cli.err.file.flush()
        progress._bar.refresh()
    shown = screen.getvalue()
    assert "exporting" in shown and "1500/3000" in shown
    assert re.search(r"exported 1,500 quotes in \d+\.\d s \([\d.,]+ quotes/s\)\n$", shown)


def test_the_rate_line_reads_well() -> None:
    assert cli._rate_line("exported", 1000, "quote", 2.1) == "exported 1,000 quotes in 2.1 s (476 quotes/s)"
    assert cli._rate_line("read", 1, "article", 4.0) == "read 1 article in 4.0 s (0.2 articles/s)"
    assert cli._rate_line("read", 0, "article", 0.0) == "read 0 articles in 0.0 s (0.0 articles/s)"
