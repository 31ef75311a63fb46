"""Reading article files: header metadata, offsets, errors that name the file."""

import datetime as dt
from pathlib import Path

import pytest

from quotes.errors import InputError
from quotes.sources import iter_article_paths, parse_article, read_article
from tests.conftest import SEED


def test_seed_header_gives_the_date_and_body_starts_at_the_caption() -> None:
    article = read_article(SEED)
    assert article.date == dt.date(2025, 4, 11)
    assert article.text[article.body_start :].startswith("Germany's Defence Minister")
    # The text is kept whole: offsets are offsets into the file.
    assert article.text == SEED.read_text(encoding="utf-8")


def test_all_header_keys() -> None:
    text = (
        "title Allies step up\nurl https://example.org/a\nauthor Jane Roe\noutlet AFP\n"
        "date 2025-04-11\n\nBody starts here."
    )
    article = parse_article(text, source="a.txt")
    assert (article.title, article.url, article.author, article.outlet) == (
        "Allies step up",
        "https://example.org/a",
        "Jane Roe",
        "AFP",
    )
    assert article.date == dt.date(2025, 4, 11)
    assert text[article.body_start :] == "Body starts here."


def test_source_is_a_synonym_of_url_and_colons_are_allowed() -> None:
    article = parse_article("source: https://example.org/b\n\nText.", source="b.txt")
    assert article.url == "https://example.org/b"


@pytest.mark.parametrize(
    "text",
    [
        "Date night at the White House was quiet.",
        "date night at the White House was quiet.",
        "title",
        "Title: the story begins with a colon.",
    ],
)
def test_a_body_that_starts_like_prose_has_no_header(text: str) -> None:
    article = parse_article(text, source="c.txt")
    assert (article.body_start, article.date, article.title) == (0, None, None)


@pytest.mark.parametrize(
    "header, message",
    [
        ("date 2025/04/11", "d.txt:2: date '2025/04/11' is not a date (use YYYY-MM-DD)"),
        ("date 2025-02-30", "d.txt:2: date '2025-02-30': day is out of range for month"),
    ],
)
def test_bad_date_names_file_and_line(header: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_article(f"title X\n{header}\n\nBody.", source="d.txt")
    assert str(caught.value) == message


def test_not_utf8_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("caf\xe9".encode("latin-1"))
    with pytest.raises(InputError, match="latin1.txt: not UTF-8 text"):
        read_article(path)


def test_newlines_are_kept_as_they_are(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b'date 2024-01-02\r\n\r\n"Hi," he said.\r\n')
    article = read_article(path)
    assert "\r\n" in article.text and article.date == dt.date(2024, 1, 2)


def test_folders_are_walked_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("x")
    (tmp_path / "1.txt").write_text("x")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    found = list(iter_article_paths([str(tmp_path), str(tmp_path / "missing.txt")]))
    assert found[:2] == [str(tmp_path / "1.txt"), str(tmp_path / "b" / "2.txt")]
    assert isinstance(found[2], InputError) and "missing.txt: no such file or folder" in str(found[2])
