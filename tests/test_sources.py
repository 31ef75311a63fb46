"""Reading inputs: header metadata, encodings, web pages, JSON Lines, URLs,
folders; offsets; errors that name the file (and line)."""

import codecs
import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from quotes.errors import InputError, QuotesError
from quotes.sources import Article, find_inputs, parse_article, read_article, read_input
from tests.conftest import FIXTURES, SEED


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
    assert (article.headline, article.url, article.author, article.outlet) == (
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
    assert (article.body_start, article.date, article.headline) == (0, None, None)


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


def _read(path: Path, **options: str) -> list[Article | InputError]:
    """What `read_input` gives for `path`."""
    return list(read_input(str(path), **options))


def _article(path: Path) -> Article:
    (article,) = _read(path)
    assert isinstance(article, Article), article
    return article


SAMPLE = "date 2024-01-02\n\n“Café society is over,” said José Álvarez.\n\nHe left.\n"


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        SAMPLE.encode("utf-8-sig"),
        SAMPLE.encode("utf-16"),  # with its byte-order mark, in this machine's byte order
        codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"),
        SAMPLE.encode("cp1252"),
        SAMPLE.replace("\n", "\r\n").encode("utf-8"),
        SAMPLE.replace("\n", "\r").encode("cp1252"),
    ],
    ids=["utf-8", "utf-8 bom", "utf-16", "utf-16-be", "windows-1252", "crlf", "cr windows-1252"],
)
def test_any_common_encoding_and_line_ending_reads_the_same(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    article = _article(path)
    assert article.text == SAMPLE and article.date == dt.date(2024, 1, 2)
    assert article.text[article.body_start :].startswith("“Café")


def test_latin1_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("The café in Zürich was « full », said Müller.".encode("latin-1"))
    assert _article(path).text == "The café in Zürich was « full », said Müller."


@pytest.mark.parametrize(
    "data, message",
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF file, not text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image, not text"),
        (b"ELF\x00\x01\x02 binary", "a binary file, not text"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "not utf-16-le text despite its byte-order mark"),
    ],
)
def test_binary_files_are_one_error_naming_the_file(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(data)
    (error,) = _read(path)
    assert isinstance(error, InputError) and str(error).startswith(f"{path}: {message}")


def test_folders_are_walked_recursively_in_order_and_other_types_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.html").write_text("x")
    (tmp_path / "1.txt").write_text("x")
    (tmp_path / "3.jsonl").write_text("x")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    found = find_inputs([str(tmp_path), str(tmp_path / "missing.txt"), "https://example.org/a", "-"])
    assert found.items[:3] == [str(tmp_path / "1.txt"), str(tmp_path / "3.jsonl"), str(tmp_path / "b" / "2.html")]
    assert [str(error) for error in found.items[3:5]] == [
        f"{tmp_path / 'gone.txt'}: a broken symbolic link",
        f"{tmp_path / 'missing.txt'}: no such file or folder",
    ]
    assert found.items[5:] == ["https://example.org/a", "-"]
    assert found.skipped == [(str(tmp_path / "notes.pdf"), "skipped, not a known article type (.pdf)")]
    (broken,) = find_inputs([str(tmp_path / "gone.txt")]).items
    assert isinstance(broken, InputError) and str(broken).endswith("gone.txt: a broken symbolic link")


@pytest.mark.parametrize(
    "include, exclude, expected",
    [
        ([], ["drafts/*"], ["1.txt", "a.md.txt"]),
        (["*.md"], [], ["drafts/3.md"]),
        (["*.txt", "*.md"], ["a.*"], ["1.txt", "drafts/2.txt", "drafts/3.md"]),
    ],
)
def test_include_and_exclude_globs(tmp_path: Path, include: list[str], exclude: list[str], expected: list[str]) -> None:
    (tmp_path / "drafts").mkdir()
    for name in ("1.txt", "a.md.txt", "drafts/2.txt", "drafts/3.md"):
        (tmp_path / name).write_text("x")
    found = find_inputs([str(tmp_path)], include=include, exclude=exclude)
    assert [Path(str(item)).relative_to(tmp_path).as_posix() for item in found.items] == expected


def test_json_lines_one_article_per_line_bad_lines_named(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        {"id": "a1", "text": "“We will win,” said Ann Lee.", "title": "Win", "date": "2025-04-11T10:00:00Z",
         "url": "https://example.org/win", "author": "Bo", "outlet": "AP", "section": "politics"},
        "not json {",
        {"title": "no text"},
        {"text": "Fine.", "date": "11/04/2025"},
        {"text": "Fine.", "title": 7},
        ["a", "list"],
        {"text": "Line\r\nbreaks.", "publisher": "Reuters"},
    ]  # fmt: skip
    path.write_text("\n".join(v if isinstance(v, str) else json.dumps(v) for v in lines) + "\n\n", encoding="utf-8")
    first, *errors, last = _read(path)
    assert isinstance(first, Article) and isinstance(last, Article)
    assert (first.source, first.headline, first.date, first.url, first.author, first.outlet) == (
        f"{path}:1", "Win", dt.date(2025, 4, 11), "https://example.org/win", "Bo", "AP"
    )  # fmt: skip
    assert first.extra == {"id": "a1", "section": "politics"}
    assert (last.text, last.outlet, last.source) == ("Line\nbreaks.", "Reuters", f"{path}:7")
    assert [str(e) for e in errors] == [
        f"{path}:2: not JSON (Expecting value, column 1)",
        f'{path}:3: no "text" (the article\'s text, a non-empty string)',
        f"{path}:4: date '11/04/2025' is not a date (use YYYY-MM-DD)",
        f'{path}:5: "title" must be a string, not int',
        f"{path}:6: an article must be a JSON object with a text, not list",
    ]


@pytest.mark.parametrize(
    "line, expected",
    [
        # A raw line separator inside a JSON string is no line end; in the text it is a line break.
        ('{"text": "Line\u2028separator inside.", "note": "a\u2029b"}', "Line\nseparator inside."),
        ('{"text": "Blank title.", "title": " ", "headline": "The headline"}', "The headline"),
        ('{"text": "Not a number.", "score": NaN}', "not JSON we can store (NaN is not a JSON number)"),
        # An unpaired surrogate (a JSON escape can give one) is no character: it becomes U+FFFD.
        ('{"text": "Bad \\ud800 half.", "title": "T\\udfff"}', "Bad \ufffd half."),
        ('{"text": "Huge.", "n": ' + "9" * 5000 + "}", "not JSON we can store"),
    ],
)
def test_json_lines_edge_cases(tmp_path: Path, line: str, expected: str) -> None:
    path = tmp_path / "edge.jsonl"
    path.write_text(line + "\r\n", encoding="utf-8")
    (result,) = _read(path)
    if isinstance(result, Article):
        assert expected in (result.text, result.headline)
    else:
        assert str(result).startswith(f"{path}:1: {expected}")


def test_an_unknown_input_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(QuotesError, match="unknown input format 'xml'; use one of: text, html, jsonl, json"):
        _read(SEED, input_format="xml")


def test_a_text_stored_raw_by_earlier_versions_is_known_by_its_earlier_hash(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    raw = "\ufeffdate 2024-01-02\r\n\r\n“Hi,” he said.\r\n"
    path.write_bytes(raw.encode("utf-8"))
    article = _article(path)
    assert article.text == "date 2024-01-02\n\n“Hi,” he said.\n"
    assert article.hashes == [article.content_hash, hashlib.sha256(raw.encode("utf-8")).hexdigest()]
    path.write_text("“Hi,” he said.\n", encoding="utf-8")
    assert _article(path).hashes == [_article(path).content_hash]


def test_a_json_array_of_articles(tmp_path: Path) -> None:
    path = tmp_path / "two.json"
    path.write_text(json.dumps([{"text": "One."}, {"text": ""}, {"text": "Two.", "tags": ["x"]}]), encoding="utf-8")
    one, error, two = _read(path)
    assert isinstance(one, Article) and isinstance(two, Article) and two.extra == {"tags": ["x"]}
    assert str(error) == f'{path}: item 2: no "text" (the article\'s text, a non-empty string)'
    path.write_text("[{", encoding="utf-8")
    (error,) = _read(path)
    assert str(error).startswith(f"{path}:1: not JSON")


def test_a_saved_web_page_gives_the_article_without_the_clutter() -> None:
    article = _article(FIXTURES / "news-page.html")
    assert article.headline == "Allies pledge more air defence for Ukraine"
    assert (article.author, article.outlet, article.date) == ("Maria Keller", "The Daily Ledger", dt.date(2025, 4, 11))
    assert article.url == "https://ledger.example.com/world/2025/04/11/allies-air-defence-ukraine"
    assert article.extra["description"].startswith("Defence ministers met in Brussels")
    assert "Germany's defence minister Boris Pistorius told reporters" in article.text
    assert "The next meeting of the group is planned for June." in article.text
    for clutter in ("cookies", "Politics", "Related stories", "Kyiv residents", "Advertisement", "just talk", "©"):
        assert clutter not in article.text


def test_a_page_with_no_article_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title></head><body><script>var a = 1;</script></body></html>")
    (error,) = _read(path)
    assert str(error) == f"{path}: no article text found in this web page"


@pytest.mark.parametrize(
    "name, text, fmt, expected",
    [
        ("page.txt", "<!DOCTYPE html><html><body><article><p>" + "Real words here. " * 20 + "</p></article>", None,
         "html"),
        ("notes", "date 2025-01-01\n\nPlain.", None, "text"),
        ("feed.txt", '{"text": "From a line."}', "jsonl", "jsonl"),
    ],
)  # fmt: skip
def test_the_format_comes_from_the_suffix_the_content_or_the_option(
    tmp_path: Path, name: str, text: str, fmt: str | None, expected: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    article = _article(path) if fmt is None else next(iter(read_input(str(path), input_format=fmt)))
    assert isinstance(article, Article)
    if expected == "html":
        assert article.text.startswith("Real words here.")
    elif expected == "jsonl":
        assert article.text == "From a line." and article.source == f"{path}:1"
    else:
        assert article.date == dt.date(2025, 1, 1)
