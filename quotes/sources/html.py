"""Saved web pages: the article's main text and metadata, by trafilatura.

trafilatura (offline, rule-based) drops navigation, cookie banners, adverts,
comments and related-article boxes, and reads the headline, author, date,
site name and canonical URL from the page's metadata (meta tags, JSON-LD).
The extracted text is the article's text: quote offsets index it, the
database stores it and `quotes show` displays it.
"""

from __future__ import annotations

import datetime as dt

from quotes.errors import InputError
from quotes.sources.article import Article, parse_date, storable_text

# Metadata trafilatura finds that has no column of its own, kept in `Article.extra`.
EXTRA_FIELDS = ("description", "hostname", "language", "categories", "tags", "pagetype")


def parse_html(html: str, *, source: str, url: str | None = None) -> Article:
    """The article in the web page `html`; `url` is where it was fetched
    from, used when the page names no canonical URL.

    Raises:
        InputError: no article text could be found in the page.
    """
    import trafilatura  # loads lxml and friends: only when a page is read
    from trafilatura.settings import Document

    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    text = storable_text(document.text or "").strip() if isinstance(document, Document) else ""
    if not isinstance(document, Document) or not text:
        raise InputError(source, "no article text found in this web page")
    extra = {name: value for name in EXTRA_FIELDS if (value := getattr(document, name, None))}
    return Article(
        source=source,
        text=text,
        headline=_metadata(document.title),
        date=_date(document.date),
        url=document.url or url,
        author=_metadata(document.author),
        outlet=_metadata(document.sitename),
        extra=extra,
    )


def _metadata(value: str | None) -> str | None:
    """A metadata value of the page as it is stored (see `storable_text`), None if blank."""
    return storable_text(value).strip() or None if value else None


def _date(value: str | None) -> dt.date | None:
    """The page's publication date, if it gives a valid one."""
    try:
        return parse_date(value) if value else None
    except ValueError:
        return None
