"""Nothing lost, nothing hung: numbers JSON cannot hold, JSON nested without
end, file names that are not UTF-8, records that lie about their quotes,
values longer than a column, and worker processes whose parent was killed.
Each bad input fails alone, on one line; the rest of the batch goes in."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import DataError
from typer.testing import CliRunner

from quotes import pipeline
from quotes.cli import app
from quotes.db import database_url, downgrade, make_engine, open_database, upgrade
from quotes.errors import QuotesError
from quotes.models import Person
from quotes.sources.inputs import input_name
from quotes.sources.records import MAX_EXTRA_DEPTH, MAX_JSON_DEPTH, depth, read_json
from quotes.store import rename_person
from tests.conftest import SEED, fresh_database, rows_of

runner = CliRunner()

GOOD_TEXT = "“We will hold the line today,” said Ann Lee."
GOOD_LINE = json.dumps({"text": GOOD_TEXT, "id": 7, "score": 0.5})


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def quotes_command() -> str:
    exe = shutil.which("quotes", path=os.path.dirname(sys.executable)) or shutil.which("quotes")
    assert exe
    return exe


def record(text: str = GOOD_TEXT, *, source: str = "feed.jsonl:1", **changes: Any) -> dict[str, Any]:
    """A valid `quotes load` record of `text` with one quote (the first
    quotation in it, said by Ann Lee); `changes` replace fields of the quote
    (`quote_...`) or of the record."""
    start, end = text.index("“") + 1, text.index("”")
    speaker, cue = text.index("Ann Lee"), text.index("said")
    quote: dict[str, Any] = {
        "start": start,
        "end": end,
        "text": text[start:end],
        "kind": "direct",
        "speaker": "Ann Lee",
        "speaker_type": "person",
        "speaker_start": speaker,
        "speaker_end": speaker + 7,
        "mention": "Ann Lee",
        "mention_kind": "named",
        "title": None,
        "cue": "said",
        "cue_start": cue,
        "cue_end": cue + 4,
        "method": "syntax",
        "confidence": 0.95,
        "evidence": "method: syntax",
    }
    quote.update({k.removeprefix("quote_"): v for k, v in changes.items() if k.startswith("quote_")})
    fields = {
        "source": source,
        "text": text,
        "body_start": 0,
        "headline": None,
        "date": None,
        "url": None,
        "author": None,
        "outlet": None,
        "extra": {},
        "quotes": [quote],
    }
    fields.update({k: v for k, v in changes.items() if not k.startswith("quote_")})
    return fields


def nested(levels: int) -> str:
    """JSON arrays `levels` deep."""
    return "[" * levels + "]" * levels


# -- Numbers JSON cannot hold (item 3) -----------------------------------------

BAD_NUMBERS = [
    ('{"text": "T", "n": 1e999}', "1e999 is too large a number; at most about 1.8e308"),
    ('{"text": "T", "n": -1e999}', "-1e999 is too large a number"),
    ('{"text": "T", "m": {"x": [1, 2.5E+400]}}', "2.5E+400 is too large a number"),
    ('{"text": "T", "n": NaN}', "NaN is not a JSON number"),
    ('{"text": "T", "n": -Infinity}', "-Infinity is not a JSON number"),
    ('{"text": "T", "n": ' + "9" * 5000 + "}", "a whole number of 5,000 digits; at most 4,300 are read"),
]


@pytest.mark.parametrize("line, message", BAD_NUMBERS)
def test_a_number_json_cannot_hold_fails_its_line_alone(tmp_path: Path, line: str, message: str) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(line + "\n" + GOOD_LINE + "\n", encoding="utf-8")
    db = fresh_database(tmp_path)
    code, _, err = run("ingest", str(feed), "--db", db)
    assert code == 1 and f"failed: {feed}:1: not JSON we can store ({message}" in err
    assert "articles added: 1, already present: 0, failed: 1; quotes added: 1" in err
    (extra,) = rows_of(db, "SELECT extra FROM articles")[0]
    assert (json.loads(extra) if isinstance(extra, str) else extra) == {"id": 7, "score": 0.5}


def test_a_json_file_with_such_a_number_is_one_line(tmp_path: Path) -> None:
    articles = tmp_path / "articles.json"
    articles.write_text('[{"text": "T", "n": 1e999}]', encoding="utf-8")
    code, _, err = run("ingest", str(articles), str(SEED), "--db", fresh_database(tmp_path))
    assert code == 1 and f"failed: {articles}: not JSON we can store (1e999 is too large a number" in err
    assert "articles added: 1, already present: 0, failed: 1" in err


@pytest.mark.parametrize("number", ["1e999", "-1e999", "NaN", "Infinity"])
def test_load_refuses_numbers_json_cannot_hold(tmp_path: Path, number: str) -> None:
    records = tmp_path / "records.jsonl"
    bad = json.dumps(record(source="a")).replace('"extra": {}', f'"extra": {{"n": {number}}}')
    records.write_text(bad + "\n" + json.dumps(record(source="b")) + "\n", encoding="utf-8")
    db = fresh_database(tmp_path)
    code, _, err = run("load", str(records), "--db", db)
    assert code == 1 and f"failed: {records}:1: not an extracted article (" in err
    assert "articles added: 1, already present: 0, failed: 1; quotes added: 1" in err
    assert rows_of(db, "SELECT source FROM articles") == [("b",)]


# -- JSON nested without end (item 8) ------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [("x", 0), ([], 1), ({"a": [1, {"b": []}]}, 4), ([[[]], []], 3), (json.loads(nested(500)), MAX_JSON_DEPTH + 1)],
)
def test_depth_counts_nesting_up_to_one_past_the_limit(value: object, expected: int) -> None:
    assert depth(value, MAX_JSON_DEPTH) == expected


@pytest.mark.parametrize("levels", [MAX_JSON_DEPTH + 1, 5_000, 200_000])
def test_read_json_refuses_deep_nesting_without_a_recursion_error(levels: int) -> None:
    with pytest.raises(ValueError, match=f"nested more than {MAX_JSON_DEPTH} levels deep"):
        read_json(nested(levels))
    assert read_json(nested(MAX_JSON_DEPTH)) is not None


DEEP_MESSAGE = f"arrays and objects nested more than {MAX_JSON_DEPTH} levels deep; at most {MAX_JSON_DEPTH} are read"


@pytest.mark.parametrize("name, content, where", [("a.json", nested(100_000), ""), ("a.jsonl", nested(100_000), ":1")])
def test_deep_json_in_a_folder_is_one_line_and_the_next_file_goes_in(
    tmp_path: Path, name: str, content: str, where: str
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_text(content, encoding="utf-8")
    (folder / "b.txt").write_text(GOOD_TEXT + "\n", encoding="utf-8")
    code, _, err = run("ingest", str(folder), "--db", fresh_database(tmp_path))
    assert code == 1 and f"failed: {folder / name}{where}: not JSON we can store ({DEEP_MESSAGE})" in err
    assert "articles added: 1, already present: 0, failed: 1; quotes added: 1" in err and "Traceback" not in err


def test_deep_json_on_standard_input_and_in_load(tmp_path: Path) -> None:
    db = fresh_database(tmp_path)
    code, _, err = run("ingest", "-", "--format", "jsonl", "--db", db, stdin=nested(100_000) + "\n" + GOOD_LINE)
    assert code == 1 and f"failed: <stdin>:1: not JSON we can store ({DEEP_MESSAGE})" in err
    assert "articles added: 1, already present: 0, failed: 1" in err
    records = tmp_path / "records.jsonl"
    records.write_text(
        nested(100_000) + "\n" + json.dumps(record(GOOD_TEXT + " ", source="b")) + "\n", encoding="utf-8"
    )
    code, _, err = run("load", str(records), "--db", db)
    assert code == 1 and f"failed: {records}:1: not an extracted article ({DEEP_MESSAGE})" in err
    assert "articles added: 1, already present: 0, failed: 1" in err


def test_other_metadata_nests_at_most_so_deep_and_what_is_stored_loads_again(tmp_path: Path) -> None:
    def line(levels: int) -> str:
        return json.dumps({"text": GOOD_TEXT.replace("today", f"today {levels}"), "deep": json.loads(nested(levels))})

    feed = tmp_path / "feed.jsonl"
    feed.write_text(line(MAX_EXTRA_DEPTH) + "\n" + line(MAX_EXTRA_DEPTH - 1) + "\n", encoding="utf-8")
    code, _, err = run("ingest", str(feed), "--db", fresh_database(tmp_path))
    limit = MAX_EXTRA_DEPTH
    message = f'the other metadata ("extra") nests more than {limit} levels deep; at most {limit} are stored'
    assert code == 1 and f"failed: {feed}:1: {message}" in err
    assert "articles added: 1, already present: 0, failed: 1" in err
    # The deepest metadata stored comes out of extract and goes back in with load.
    code, out, err = run("extract", f"{feed}", "--format", "articles")
    records = tmp_path / "records.jsonl"
    records.write_text(out, encoding="utf-8")
    code, _, err = run("load", str(records), "--db", fresh_database(tmp_path))
    assert code == 0 and "articles added: 1, already present: 0, failed: 0" in err


# -- File names that are not UTF-8 (item 9) ------------------------------------

needs_byte_names = pytest.mark.skipif(sys.platform != "linux", reason="file names of any bytes (Linux)")


@needs_byte_names
def test_a_file_whose_name_is_not_utf8_is_read_and_named_as_text(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    odd = os.path.join(os.fsencode(folder), b"caf\xe9 \x1b[31m.txt")
    with open(odd, "w", encoding="utf-8") as handle:
        handle.write(GOOD_TEXT + "\n")
    (folder / "z.txt").write_text("“The second line holds too,” said Ann Lee.\n", encoding="utf-8")
    shown = f"{folder}/caf\\xe9 \\x1b[31m.txt"
    db = fresh_database(tmp_path)
    code, _, err = run("ingest", str(folder), "--db", db)
    assert code == 0 and "articles added: 2, already present: 0, failed: 0; quotes added: 2" in err, err
    assert rows_of(db, "SELECT source FROM articles ORDER BY source") == [(shown,), (f"{folder}/z.txt",)]
    # extract writes it as JSON in valid UTF-8; so does a name on the command line, or one that is missing.
    for args in ([str(folder)], [os.fsdecode(odd)]):
        done = subprocess.run(
            [quotes_command(), "extract", *args, "--format", "jsonl"], capture_output=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout.decode("utf-8").splitlines()[0])["source"] == shown
    missing = os.fsdecode(os.path.join(os.fsencode(folder), b"gone\xff.txt"))
    done = subprocess.run([quotes_command(), "ingest", missing, "--db", db], capture_output=True, timeout=120)
    assert done.returncode == 1
    assert f"failed: {folder}/gone\\xff.txt: no such file or folder" in done.stderr.decode("utf-8")


@pytest.mark.parametrize(
    "name, expected",
    [
        ("-", "<stdin>"),
        ("plain/news.txt", "plain/news.txt"),
        (os.fsdecode(b"caf\xe9.txt"), "caf\\xe9.txt"),
        ("two\nlines\u2028.txt", "two\\x0alines\\u2028.txt"),
        ("lone\ud800.txt", "lone\ufffd.txt"),
    ],
)
def test_inputs_are_named_as_one_line_of_valid_text(name: str, expected: str) -> None:
    assert input_name(name) == expected
    assert input_name(expected) == expected  # and naming again changes nothing


def test_strings_of_other_metadata_are_made_storable(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "T said.", "note": "a\\ud800b", "\\udce9": ["\\udfff"]}\n', encoding="utf-8")
    done = subprocess.run(
        [quotes_command(), "extract", str(feed), "--format", "articles"], capture_output=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.decode("utf-8"))["extra"] == {"note": "a\ufffdb", "\ufffd": ["\ufffd"]}


def test_nul_characters_are_stored_as_replacement_characters_on_every_database(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"text": GOOD_TEXT.replace("line", "li\x00ne"), "title": "a\x00b", "note": "\x00"}) + "\n",
        encoding="utf-8",
    )
    utf16 = tmp_path / "utf16.txt"
    utf16.write_text("“The second line\x00 holds too,” said Ann Lee.\n", encoding="utf-16")
    db = fresh_database(tmp_path)
    code, _, err = run("ingest", str(feed), str(utf16), "--db", db)
    assert code == 0 and "articles added: 2, already present: 0, failed: 0; quotes added: 2" in err, err
    assert rows_of(db, "SELECT text FROM quotes ORDER BY id") == [
        ("We will hold the li\ufffdne today,",),
        ("The second line\ufffd holds too,",),
    ]
    assert rows_of(db, "SELECT headline FROM articles ORDER BY id")[0] == ("a\ufffdb",)


# -- Records for `quotes load` that lie (item 10) ------------------------------


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"quote_speaker_start": 10**30}, "quote 1's speaker_start must be a whole number from 0 to 44 (the text's"),
        (
            {"quote_start": 10**30},
            "quote 1's start must be a whole number from 0 to 44 (the text's length), not a number",
        ),
        ({"quote_end": 10**400}, "quote 1's end must be a whole number from 0 to 44 (the text's length), not a number"),
        ({"quote_start": True}, "quote 1's start must be a whole number from 0 to 44 (the text's length), not true"),
        ({"quote_cue_end": 45}, "quote 1's cue_end must be a whole number from 0 to 44 (the text's length) or null"),
        ({"quote_cue_start": None}, "quote 1's cue_start and cue_end must be both null or both numbers"),
        ({"quote_start": 29, "quote_end": 1}, "quote 1's start (29) is after its end (1)"),
        ({"quote_start": 20}, "quote 1's offsets 20:29 do not give its text"),
        ({"quote_speaker": {"name": "Ann Lee"}}, "quote 1's speaker must be a string or null, not an object"),
        ({"quote_text": ["We"]}, "quote 1's text must be a string, not an array"),
        ({"quote_evidence": None}, "quote 1's evidence must be a string, not null"),
        ({"quote_kind": "indirect"}, "quote 1's kind must be one of direct, partial, not 'indirect'"),
        (
            {"quote_speaker_type": "robot"},
            "quote 1's speaker_type must be one of person, organization, unnamed or null",
        ),
        (
            {"quote_mention_kind": 3},
            "quote 1's mention_kind must be one of named, pronoun, nominal or null, not a number",
        ),
        ({"quote_method": "guess"}, "quote 1's method must be one of syntax, according,"),
        ({"quote_confidence": 1.5}, "quote 1's confidence must be a number from 0 to 1, not 1.5"),
        ({"quote_confidence": -0.1}, "quote 1's confidence must be a number from 0 to 1, not -0.1"),
        ({"quote_confidence": "high"}, "quote 1's confidence must be a number from 0 to 1, not a string"),
        ({"quotes": [5]}, "quote 1 must be an object, not a number"),
        ({"body_start": 10**20}, "body_start must be a whole number from 0 to 44 (the text's length) or null"),
        ({"outlet": ["AP"]}, "outlet must be a string or null, not an array"),
        ({"date": "yesterday"}, "date 'yesterday' is not a date (use YYYY-MM-DD)"),
        ({"headline": 5}, "headline must be a string or null, not a number"),
        ({"title": 5}, "title must be a string or null, not a number"),
    ],
)
def test_load_checks_every_field_and_reports_each_bad_line(
    tmp_path: Path, changes: dict[str, Any], message: str
) -> None:
    records = tmp_path / "records.jsonl"
    lines = [record(source="a"), record(source="b", **changes), {"source": "c"}, record(GOOD_TEXT + " ", source="d")]
    records.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    db = fresh_database(tmp_path)
    code, _, err = run("load", str(records), "--db", db)
    assert code == 1 and f"failed: {records}:2: not an extracted article ({message}" in err, err
    assert f"failed: {records}:3: not an extracted article (a record needs a source, a text and quotes)" in err
    assert "articles added: 2, already present: 0, failed: 2; quotes added: 2" in err
    assert rows_of(db, "SELECT source FROM articles ORDER BY source") == [("a",), ("d",)]


def test_a_valid_record_loads_with_every_choice_the_extractor_gives(tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    lines = [
        record(source="a", quote_kind="partial", quote_confidence=1, quote_method="transcript"),
        record(source="b", quote_speaker=None, quote_speaker_type=None, quote_mention_kind=None, quote_cue=None)
        | {"text": GOOD_TEXT + " "},
    ]
    lines[1]["quotes"][0].update(speaker_start=None, speaker_end=None, mention=None, cue_start=None, cue_end=None)
    records.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    db = fresh_database(tmp_path)
    code, _, err = run("load", str(records), "--db", db)
    assert code == 0 and "articles added: 2, already present: 0, failed: 0; quotes added: 2" in err, err
    assert rows_of(db, "SELECT kind, confidence FROM quotes ORDER BY id") == [("partial", 1.0), ("direct", 0.95)]


def test_an_unforeseen_error_storing_one_article_fails_it_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pipeline.store_article

    def store_article(session: Any, article: Any, quotes: Any) -> Any:
        if article.source == "b":
            raise OverflowError("Python int too large to convert to SQLite INTEGER")
        if article.source == "c":
            message = 'invalid input syntax for type json\nDETAIL:  Token "Infinity" is invalid.\nCONTEXT:  line 1'
            raise DataError("INSERT …", {}, Exception(message))
        return real(session, article, quotes)

    monkeypatch.setattr(pipeline, "store_article", store_article)
    records = tmp_path / "records.jsonl"
    lines = [record(GOOD_TEXT + " " * n, source=source) for n, source in enumerate("abcd")]
    records.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    code, _, err = run("load", str(records), "--db", fresh_database(tmp_path))
    assert code == 1
    assert "failed: b: cannot store it (OverflowError: Python int too large to convert to SQLite INTEGER)\n" in err
    assert (
        'failed: c: database error: invalid input syntax for type json; DETAIL:  Token "Infinity" is invalid.; '
        "CONTEXT:  line 1\n" in err
    )
    assert "articles added: 2, already present: 0, failed: 2; quotes added: 2" in err


# -- Values longer than a column (item 16) -------------------------------------


def test_long_urls_authors_cues_and_speaker_names_are_stored_whole(tmp_path: Path) -> None:
    url, author = "https://example.org/" + "a" * 3000, "Jane Roe " * 50
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": GOOD_TEXT, "url": url, "author": author}) + "\n", encoding="utf-8")
    db = fresh_database(tmp_path)
    code, _, err = run("ingest", str(feed), "--db", db)
    assert code == 0, err
    assert rows_of(db, "SELECT url, author FROM articles") == [(url, author.strip())]
    cue = "said " * 30
    text = GOOD_TEXT.replace("said", cue)
    long = record(text, source="long", quote_cue=cue, quote_cue_end=text.index(cue) + len(cue))
    long["quotes"][0].update(speaker="A spokesman " * 30, speaker_type="unnamed", mention_kind="nominal")
    records = tmp_path / "records.jsonl"
    records.write_text(json.dumps(long) + "\n", encoding="utf-8")
    code, _, err = run("load", str(records), "--db", db)
    assert code == 0, err
    assert rows_of(db, "SELECT length(cue), length(speaker) FROM quotes ORDER BY id DESC")[0] == (150, 360)


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"outlet": "A" * 300}, "the outlet is 300 characters long; at most 255 are stored"),
        ({"source": "新" * 700}, "the source (its path or URL) is 2,100 bytes long; at most 2,048 are stored"),
        ({"quote_speaker": "Ann " * 70}, "the speaker's name 'Ann Ann Ann"),
        ({"quote_mention": "Lee " * 70}, "is 280 characters long; at most 255 are stored"),
        ({"quote_speaker": "\ufdfa" * 20}, "is 360 characters long; at most 255 are stored"),  # each 18 folded
    ],
)
def test_a_value_longer_than_its_column_fails_the_article_alone(
    tmp_path: Path, changes: dict[str, Any], message: str
) -> None:
    records = tmp_path / "records.jsonl"
    bad = record(**changes)
    records.write_text(json.dumps(bad) + "\n" + json.dumps(record(GOOD_TEXT + " ", source="b")), encoding="utf-8")
    db = fresh_database(tmp_path)
    code, _, err = run("load", str(records), "--db", db)
    assert code == 1 and f"failed: {bad['source']}: " in err and message in err, err
    assert "articles added: 1, already present: 0, failed: 1; quotes added: 1" in err
    assert rows_of(db, "SELECT source FROM articles") == [("b",)]


def test_an_outlet_too_long_in_a_feed_is_named_with_its_line(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": GOOD_TEXT, "outlet": "AP " * 100}) + "\n" + GOOD_LINE + "\n", encoding="utf-8")
    code, _, err = run("ingest", str(feed), "--db", fresh_database(tmp_path))
    assert code == 1 and f"failed: {feed}:1: the outlet is 299 characters long; at most 255 are stored" in err
    assert "articles added: 1, already present: 0, failed: 1" in err


def test_a_new_name_too_long_is_refused(tmp_path: Path) -> None:
    db = fresh_database(tmp_path)
    assert run("ingest", str(SEED), "--db", db)[0] == 0
    sessions = open_database(db)
    with sessions() as session, session.begin():
        person = session.get(Person, 1)
        assert person is not None
        with pytest.raises(QuotesError, match="the new name 'J+'… is 300 characters long; at most 255 are stored"):
            rename_person(session, person, "J" * 300)


def test_revision_0007_keeps_long_values_and_cuts_them_going_down(tmp_path: Path) -> None:
    engine = make_engine(database_url(fresh_database(tmp_path)))
    upgrade(engine)
    url, cue = "u" * 5000, "c" * 150
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO articles (id, source, url, author, content_hash, text, body_start, ingested_at) "
            f"VALUES (1, 's', '{url}', 'Jane Roe', 'h', 't', 0, '2025-01-01')"
        )
        connection.exec_driver_sql(
            'INSERT INTO quotes (id, article_id, text, start, "end", kind, cue, method, confidence, evidence) '
            f"VALUES (7, 1, 'q', 0, 1, 'direct', '{cue}', 'syntax', 1, '')"
        )

    def values() -> list[tuple[Any, ...]]:
        with engine.connect() as connection:
            return [
                tuple(row)
                for row in connection.exec_driver_sql(
                    "SELECT a.url, a.author, q.cue FROM articles a JOIN quotes q ON q.article_id = a.id"
                )
            ]

    downgrade(engine, "0006")
    assert values() == [("u" * 2048, "Jane Roe", "c" * 100)]
    upgrade(engine)
    assert values() == [("u" * 2048, "Jane Roe", "c" * 100)]


# -- Workers whose parent is killed (item 7) -----------------------------------


def _children(pid: int) -> set[int]:
    """The processes whose parent is `pid` (read from /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _command_line(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _alive(pid: int) -> bool:
    """Whether process `pid` runs (a zombie, dead but not yet reaped, does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)")
def test_workers_end_when_their_parent_is_killed(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    # Text enough for two workers (see `quotes.pipeline.WORK_PER_WORKER`): 300 articles of 2,100 characters.
    filler = "The talks went on into the night. " * 60
    for n in range(300):
        (folder / f"{n:03d}.txt").write_text(
            f"“Point number {n} stands firm,” said Ann Lee. {filler}\n", encoding="utf-8"
        )
    db = fresh_database(tmp_path)
    ingest = subprocess.Popen(
        [quotes_command(), "ingest", str(folder), "--workers", "2", "--db", db], stderr=subprocess.DEVNULL
    )
    children: set[int] = set()
    try:
        # Wait till the two workers have loaded the model and work (an article is stored).
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and ingest.poll() is None:
            time.sleep(0.2)
            children |= _children(ingest.pid)
            try:
                if rows_of(db, "SELECT count(*) FROM articles")[0][0] >= 1:
                    break
            except Exception:  # noqa: BLE001 (the database may not exist yet)
                continue
        children |= _children(ingest.pid)
        workers = {pid for pid in children if b"spawn_main" in _command_line(pid)}
        assert ingest.poll() is None and len(workers) == 2, "kill the ingest while its workers run"
        ingest.send_signal(signal.SIGKILL)
        ingest.wait()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and any(_alive(pid) for pid in children):
            time.sleep(0.1)
        assert not [pid for pid in children if _alive(pid)], "workers outlived their parent"
    finally:
        if ingest.poll() is None:
            ingest.kill()
            ingest.wait()
        for pid in children:  # ours, started by the ingest this test ran
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
