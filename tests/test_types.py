"""One set of names and types for a quote's fields, end to end: the closed
vocabularies (`quotes.kinds`) are what extraction gives, `quotes load`
accepts and the database holds; the fields of `quotes extract --format
jsonl` are named alike in the database and every export."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quotes import export, kinds, models, transfer
from quotes.cli import app
from quotes.extract import Quote
from tests.conftest import FIXTURES, fresh_database, rows_of

TEXT = "“We will,” Ann Lee said."
QUOTE: dict[str, Any] = {
    "start": 1,
    "end": 9,
    "text": "We will,",
    "kind": "direct",
    "speaker": "Ann Lee",
    "speaker_type": "person",
    "speaker_start": 11,
    "speaker_end": 18,
    "mention": "Ann Lee",
    "mention_kind": "named",
    "title": None,
    "cue": "said",
    "cue_start": 19,
    "cue_end": 23,
    "method": "syntax",
    "confidence": 0.95,
    "evidence": "method: syntax",
}


def test_a_quote_is_built_with_keywords_only() -> None:
    assert Quote(**QUOTE).as_dict() == QUOTE
    with pytest.raises(TypeError):
        Quote(*QUOTE.values())  # type: ignore[misc]


def _loaded(**changes: Any) -> Quote:
    record = {"source": "a", "text": TEXT, "quotes": [QUOTE | changes]}
    _, (quote,) = transfer.from_record(record)
    return quote


@pytest.mark.parametrize(
    "field, values, nullable",
    [
        ("kind", kinds.QUOTE_KINDS, False),
        ("speaker_type", kinds.SPEAKER_TYPES, True),
        ("mention_kind", kinds.MENTION_KINDS, True),
        ("method", kinds.METHODS, False),
    ],
)
def test_load_accepts_exactly_the_vocabulary_of_each_field(field: str, values: tuple[str, ...], nullable: bool) -> None:
    for value in values:
        assert getattr(_loaded(**{field: value}), field) == value
    if nullable:
        assert getattr(_loaded(**{field: None}), field) is None
    else:
        with pytest.raises(ValueError, match=f"quote 1's {field} must be one of {', '.join(values)}, not null"):
            _loaded(**{field: None})
    with pytest.raises(ValueError, match=f"quote 1's {field} must be one of {', '.join(values)}"):
        _loaded(**{field: "other"})


QUOTE_FIELDS = [field.name for field in fields(Quote)]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_the_quotes_table_has_the_fields_of_a_quote_under_their_names() -> None:
    columns = [column.name for column in models.Quote.__table__.columns]
    assert sorted(columns) == sorted([*QUOTE_FIELDS, "id", "article_id", "person_id", "statement_key"])


def test_export_columns_are_named_as_the_fields_of_extract_jsonl() -> None:
    # Beside those fields: the quote's id, and its article's headline, outlet and date.
    jsonl = ["source", *QUOTE_FIELDS]
    assert [name for name in export.COLUMNS if name not in jsonl] == ["quote_id", "headline", "outlet", "date"]


def test_an_extracted_article_calls_its_headline_so_and_one_written_before_loads(tmp_path: Path) -> None:
    code, out, _ = run("extract", str(FIXTURES / "news-page.html"), "--format", "articles")
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and record["headline"] == "Allies pledge more air defence for Ukraine" and "title" not in record
    assert list(record)[:5] == ["source", "text", "body_start", "headline", "date"]
    before = {("title" if name == "headline" else name): value for name, value in record.items()}
    records = tmp_path / "before.jsonl"
    records.write_text(json.dumps(before) + "\n", encoding="utf-8")
    db = fresh_database(tmp_path)
    code, _, err = run("load", str(records), "--db", db)
    assert code == 0, err
    assert rows_of(db, "SELECT headline FROM articles") == [("Allies pledge more air defence for Ukraine",)]
