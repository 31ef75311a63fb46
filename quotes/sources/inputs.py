"""Finding the inputs (files, folders, URLs, standard input) and reading
each into articles, by its format.

Formats: "text" (plain text with an optional metadata header, see
`quotes.sources.text`), "html" (a saved or fetched web page), "jsonl" (an
article per line) and "json" (an array of articles). A file's format comes
from its suffix; a .txt file, or a file named on the command line with
another suffix, is read as text unless it opens like a web page. In
folders, only files with a known suffix are read; the others are skipped
with a note.
"""

from __future__ import annotations

import contextlib
import fnmatch
import io
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from quotes.errors import InputError, QuotesError
from quotes.sources.article import Article, storable_text, text_hash
from quotes.sources.html import parse_html
from quotes.sources.records import parse_json, parse_jsonl
from quotes.sources.text import decode, decode_guessing, parse_article
from quotes.sources.web import fetch, is_url, read_at_most

FORMATS = ("text", "html", "jsonl", "json")
# File suffixes and the format each is read as.
SUFFIX_FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
}
# Where an article's other metadata records the encoding guessed for a file that was not UTF-8.
ENCODING_KEY = "encoding_guessed"
# The input name that means standard input.
STDIN = "-"
# The largest article file read, by default (`--max-mb`): news articles are
# well under a megabyte; a file this big is a dump or not an article.
MAX_FILE_BYTES = 20 * 1024 * 1024
# How far into a text a web page's opening tag is looked for.
_SNIFF_CHARS = 1024
# What a name shown or stored may not hold: a byte of a file name that is
# not UTF-8, as Python keeps it (a "surrogate escape", PEP 383), control
# characters and line separators (a name is one line).
_UNPRINTABLE = re.compile("[\udc80-\udcff\x00-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass
class Inputs:
    """What the paths given expand to: inputs to read (a path, a URL or "-"),
    or the error for one that does not exist; and the files skipped, with why."""

    items: list[str | InputError] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Reading:
    """How inputs are found and read: globs that the files of folders must
    match, or must not (see `find_inputs`), a format that overrides the one
    a file's suffix gives, and the largest file read (see `read_input`)."""

    include: Sequence[str] = ()
    exclude: Sequence[str] = ()
    input_format: str | None = None
    max_bytes: int = MAX_FILE_BYTES


# Every file of a known type, each in the format its suffix gives.
DEFAULT_READING = Reading()


def find_inputs(paths: Iterable[str], *, include: Sequence[str] = (), exclude: Sequence[str] = ()) -> Inputs:
    """Expand files, folders (recursively, sorted), URLs and "-" into inputs.

    In a folder, hidden entries are skipped, and a file is taken when its
    suffix is known (`SUFFIX_FORMATS`) or, if `include` globs are given,
    when it matches one of them; a file matching an `exclude` glob is left
    out. Globs match the path inside the folder ("2025/*.html") or the file
    name ("*.html"). Files of unknown type are skipped with a note.
    """
    found = Inputs()
    for given in paths:
        path = Path(given)
        if given == STDIN or is_url(given):
            found.items.append(given)
        elif path.is_dir():
            _walk(given, include, exclude, found)
        elif path.exists():
            found.items.append(given)
        elif path.is_symlink():
            found.items.append(InputError(input_name(given), "a broken symbolic link"))
        else:
            found.items.append(InputError(input_name(given), "no such file or folder"))
    return found


def _walk(folder: str, include: Sequence[str], exclude: Sequence[str], found: Inputs) -> None:
    """Add the article files under `folder` to `found` (see `find_inputs`):
    sorted by path, hidden entries left out, symbolic links to folders not
    followed (so no loop), broken links and unreadable folders as errors."""
    files: list[tuple[Path, str]] = []

    def unreadable(error: OSError) -> None:
        found.items.append(InputError(input_name(str(error.filename)), f"cannot read folder ({error.strerror})"))

    for root, folders, names in os.walk(folder, onerror=unreadable):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for linked in (name for name in folders if os.path.islink(os.path.join(root, name))):
            link = input_name(os.path.join(root, linked))
            found.skipped.append((link, "skipped, a symbolic link to a folder (not followed)"))
        files += [(Path(root, name).relative_to(folder), os.path.join(root, name)) for name in names]
    for relative, name in sorted(files):
        if relative.name.startswith(".") or _matches(relative, exclude):
            continue
        if not os.path.exists(name):
            found.items.append(InputError(input_name(name), "a broken symbolic link"))
        elif not os.path.isfile(name):
            found.skipped.append((input_name(name), "skipped, not a regular file (a pipe or a device)"))
        elif include:
            if _matches(relative, include):
                found.items.append(name)
        elif relative.suffix.lower() in SUFFIX_FORMATS:
            found.items.append(name)
        else:
            suffix = input_name(relative.suffix) or "no suffix"
            found.skipped.append((input_name(name), f"skipped, not a known article type ({suffix})"))


def _matches(relative: Path, globs: Sequence[str]) -> bool:
    """Whether the path inside a folder, or its file name, matches one of `globs`."""
    return any(fnmatch.fnmatch(relative.as_posix(), g) or fnmatch.fnmatch(relative.name, g) for g in globs)


def read_input(
    item: str, *, input_format: str | None = None, max_bytes: int = MAX_FILE_BYTES
) -> Iterator[Article | InputError]:
    """The articles of one input (a file, a URL or "-" for standard input), or
    the errors that stopped them: one article for text and HTML, one per
    line (or item) for JSON Lines (JSON); a bad line fails alone.

    `input_format` overrides the format the suffix gives ("text", "html",
    "jsonl" or "json"); standard input is text (or HTML if it looks like a
    web page) unless it says otherwise. A file over `max_bytes`, or one
    with nothing but white space, is an error; the encoding guessed for a
    file that is not UTF-8 is in the article's `extra` (`ENCODING_KEY`). Errors are yielded, never
    raised, except for a format that is none of those.

    Raises:
        QuotesError: `input_format` is not one of `FORMATS`.
    """
    if input_format is not None and input_format not in FORMATS:
        raise QuotesError(f"unknown input format {input_format!r}; use one of: {', '.join(FORMATS)}")
    name = input_name(item)
    try:
        if is_url(item):
            page = fetch(item)
            text = decode_declared(page.data, page.charset, source=name)
            if not text.strip():  # as for a file: an empty answer is no article
                raise InputError(name, "an empty page" if page.data == b"" else "nothing but white space")
            fmt = input_format or ("html" if page.is_html else "text")
            yield from _parse(text, fmt, source=name, url=page.url)
            return
        fmt = input_format or SUFFIX_FORMATS.get(Path(item).suffix.lower(), "text")
        # A JSON file is a collection of articles: the limit is for one.
        data = _input_bytes(item, max_bytes=sys.maxsize if fmt in {"jsonl", "json"} else max_bytes)
        text, guess = decode_guessing(data, source=name)
        if not text.strip():
            raise InputError(name, "an empty file" if data == b"" else "nothing but white space")
        if fmt == "text" and not input_format:
            fmt = _sniffed(text)  # a web page saved as .txt, or without a suffix
        for article in _parse(text, fmt, source=name):
            if isinstance(article, Article) and guess and fmt in {"text", "html"}:
                article = replace(article, extra={**article.extra, ENCODING_KEY: guess})
            yield _with_earlier_hash(article, data) if fmt == "text" and isinstance(article, Article) else article
    except InputError as error:
        # Named as the input is shown, whatever raised it; and nothing unprintable in why (a URL's bytes).
        yield InputError(name, shown(error.reason), line=error.line)


def _with_earlier_hash(article: Article, data: bytes) -> Article:
    """`article` with the hash earlier versions of quotes gave the file's text
    (UTF-8 as read: byte-order mark and "\\r\\n" kept), if that differs."""
    try:
        earlier = text_hash(data.decode("utf-8"))
    except UnicodeDecodeError:
        return article  # earlier versions refused it
    return article if earlier == article.content_hash else replace(article, earlier_hash=earlier)


def decode_declared(data: bytes, charset: str | None, *, source: str) -> str:
    """`data` decoded with the charset a server declared, else as `decode` finds."""
    if charset:
        try:
            return data.decode(charset).removeprefix("\ufeff")
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: detect instead
    return decode(data, source=source)


def _parse(text: str, fmt: str, *, source: str, url: str | None = None) -> Iterator[Article | InputError]:
    """The articles of `text` read as `fmt`; `url` is where a fetched page came from."""
    if fmt == "html":
        yield parse_html(text, source=source, url=url)
    elif fmt == "jsonl":
        yield from parse_jsonl(text, source=source)
    elif fmt == "json":
        yield from parse_json(text, source=source)
    else:
        article = parse_article(text, source=source)
        yield article if article.url or not url else replace(article, url=url)


def _sniffed(text: str) -> str:
    """ "html" if `text` opens like a web page, else "text"."""
    start = text[:_SNIFF_CHARS].lstrip().lower()
    return "html" if start.startswith(("<!doctype html", "<html")) else "text"


@contextlib.contextmanager
def text_lines(item: str) -> Iterator[Iterator[str]]:
    """The lines of a UTF-8 file (or of standard input for "-"), read one at
    a time; only "\\n" ends a line (JSON may hold a raw U+2028).

    Raises:
        InputError: the file is missing or unreadable, or a line is not UTF-8.
    """
    try:
        binary = sys.stdin.buffer if item == STDIN else Path(item).open("rb")  # noqa: SIM115 (closed below)
    except OSError as error:
        raise InputError(input_name(item), f"cannot read ({error.strerror})") from None
    lines = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="\n")
    try:
        yield iter(lines)
    except UnicodeDecodeError as error:
        raise InputError(input_name(item), f"not UTF-8 text ({error.reason})") from None
    finally:
        lines.detach() if item == STDIN else lines.close()


def _input_bytes(item: str, *, max_bytes: int = MAX_FILE_BYTES, name: str | None = None) -> bytes:
    """The bytes of a regular file, or of standard input for "-", refused
    over `max_bytes` (at most that many and one more are ever read); errors
    name the input `name` (by default as sources do).

    Raises:
        InputError: the input is missing, unreadable, not a regular file (a
            pipe, a device) or too large.
    """
    name = name or input_name(item)
    if item == STDIN:
        data = read_at_most(sys.stdin.buffer, max_bytes + 1)
    else:
        try:
            mode = os.stat(item).st_mode
        except FileNotFoundError:
            raise InputError(name, "no such file") from None
        except OSError as error:
            raise InputError(name, f"cannot read ({error.strerror})") from None
        if stat.S_ISDIR(mode):
            raise InputError(name, "is a folder, not a file")
        if not stat.S_ISREG(mode):
            raise InputError(name, "not a regular file (a pipe or a device)")
        try:
            with open(item, "rb") as handle:
                data = read_at_most(handle, max_bytes + 1)
        except OSError as error:
            raise InputError(name, f"cannot read ({error.strerror})") from None
    if len(data) > max_bytes:
        raise InputError(name, f"too large (over {max_bytes:,} bytes; see --max-mb)")
    return data


def input_name(item: str) -> str:
    """How an input is named in articles' sources, in errors and in notes:
    "<stdin>" for "-"; otherwise its path or URL as text that can be printed
    and stored, each byte of a file name that is not UTF-8 (and each control
    character) shown as \\xNN. The file is still opened by its real name.
    """
    return "<stdin>" if item == STDIN else shown(item)


def shown(text: str) -> str:
    """`text` on one line, as valid text: surrogate escapes (bytes that were
    not UTF-8) and control characters written as \\xNN, line separators as
    \\uNNNN, any other lone surrogate made U+FFFD."""
    return storable_text(_UNPRINTABLE.sub(_escaped, text))


def _escaped(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code & 0xFF:02x}" if code < 0x100 or code >= 0xDC80 else f"\\u{code:04x}"


def read_article(path: str | os.PathLike[str], *, source: str | None = None) -> Article:
    """Read one plain-text article file into an `Article` (see `quotes.sources.text`).

    Raises:
        InputError: the file is missing, unreadable or not text.
    """
    name = source if source is not None else os.fspath(path)
    data = _input_bytes(os.fspath(path), max_bytes=sys.maxsize, name=name)
    return _with_earlier_hash(parse_article(decode(data, source=name), source=name), data)
