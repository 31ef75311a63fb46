"""Saved web pages: the article's main text and metadata, by trafilatura.

trafilatura (offline, rule-based) drops navigation, cookie banners, adverts,
comments and related-article boxes, and reads the headline, author, date,
site name and canonical URL from the page's metadata (meta tags, JSON-LD).
The extracted text is the article's text: quote offsets index it, the
database stores it and `quotes show` displays it.

The headline and outlet trafilatura finds are checked (see `_headline`,
`_outlet`): a page whose metadata names its publishing system ("escenic")
or its site in place of a headline gets the article's own headline
(og:title, the h1, the <title> less its site suffix), and a site name
with a slogan after it ("The Tico Times | Costa Rica News | Travel") is
cut at its separator.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

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
    outlet = _outlet(_metadata(document.sitename))
    return Article(
        source=source,
        text=text,
        headline=_headline(_metadata(document.title), _page_titles(html), outlet),
        date=_date(document.date),
        url=document.url or url,
        author=_metadata(document.author),
        outlet=outlet,
        extra=extra,
    )


# Names of publishing systems that pages carry in their metadata (a default
# <title>, og:title or og:site_name, application-name) and that are never
# a headline or an outlet: seen in saved pages ("escenic") and the systems
# news sites commonly run on.
PUBLISHING_SYSTEMS = frozenset(
    {
        "escenic",
        "wordpress",
        "drupal",
        "joomla",
        "arc",
        "arc xp",
        "brightspot",
        "ghost",
        "typo3",
        "sitecore",
        "polopoly",
        "methode",
        "eidosmedia",
        "naviga",
        "atex",
        "bloxcms",
        "blox cms",
        "newspack",
        "squarespace",
        "wix",
        "blogger",
        "medium",
        "contentful",
        "aem",
    }
)
# What separates a page title's parts ("Headline | Site | Section", "Headline - Site").
_SEPARATOR = re.compile(r"\s+[|\-–—:»·•]+\s+|\s*\|\s*")
# A headline has at least this many words: one word alone is a site's or system's name, or a section.
_HEADLINE_WORDS = 2


def _page_titles(html: str) -> list[str]:
    """The page's own headline candidates, best first: og:title (and
    twitter:title), the first h1, the <title>."""
    from lxml import html as lxml_html  # trafilatura's own parser

    try:
        tree: Any = lxml_html.fromstring(html)
    except (ValueError, TypeError, SyntaxError):  # lxml's ParserError is a ValueError; an empty page
        return []
    found = [
        *tree.xpath("//meta[@property='og:title' or @name='og:title']/@content"),
        *tree.xpath("//meta[@name='twitter:title' or @property='twitter:title']/@content"),
        *(h1.text_content() for h1 in tree.xpath("//h1")[:1]),
        *(title.text_content() for title in tree.xpath("//title")[:1]),
    ]
    return [text for value in found if (text := _metadata(str(value)))]


def _headline(found: str | None, candidates: list[str], outlet: str | None) -> str | None:
    """The article's headline: the one trafilatura `found`, if it is one
    (see `_is_headline`), else the first of the page's `candidates` that is;
    either with the site's name cut off its end ("Headline | Site | Section"
    is "Headline")."""
    for title in (found, *candidates):
        if title and _is_headline(headline := _without_site(title, outlet), outlet):
            return headline
    return found


def _without_site(title: str, outlet: str | None) -> str:
    """`title` less what follows its headline: after a "|" everything (a
    site, a section: pipes do not occur in headlines); after another
    separator (" - ", " – ", ": ") only the outlet's name, or a publishing system's,
    at the end (a dash or colon may be part of a headline)."""
    if "|" in title:
        first = title.split("|")[0].strip()
        if first:
            return first
    parts = _SEPARATOR.split(title)
    if len(parts) > 1 and _is_site(parts[-1], outlet):
        return title[: title.rfind(parts[-1])].rstrip(" -–—:»·•|")
    return title


def _is_headline(text: str, outlet: str | None) -> bool:
    """Whether `text` can be a headline: two words or more, and not the
    site's name nor a publishing system's ("escenic")."""
    return len(text.split()) >= _HEADLINE_WORDS and not _is_site(text, outlet)


def _is_site(text: str, outlet: str | None) -> bool:
    """Whether `text` names the site (`outlet`) or a publishing system, in any case."""
    folded = text.strip().casefold()
    return folded in PUBLISHING_SYSTEMS or (outlet is not None and folded == outlet.casefold())


def _outlet(name: str | None) -> str | None:
    """The outlet as a page names it, less a slogan or section after a
    separator ("The Tico Times | Costa Rica News | Travel" is "The Tico
    Times"); None for a publishing system's name ("escenic")."""
    if name is None:
        return None
    first = next((part for part in _SEPARATOR.split(name) if part.strip()), name).strip()
    return None if first.casefold() in PUBLISHING_SYSTEMS else first


def _metadata(value: str | None) -> str | None:
    """A metadata value of the page as it is stored (see `storable_text`), None if blank."""
    return storable_text(value).strip() or None if value else None


def _date(value: str | None) -> dt.date | None:
    """The page's publication date, if it gives a valid one."""
    try:
        return parse_date(value) if value else None
    except ValueError:
        return None
