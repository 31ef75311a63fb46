"""Reading inputs into `Article` records: the text plus its metadata.

Plain text (with the seed format's metadata header), saved web pages, JSON
Lines and JSON, URLs and standard input, in any common encoding; see
`quotes.sources.inputs` for how an input's format is chosen.
"""

from quotes.sources.article import Article
from quotes.sources.inputs import (
    DEFAULT_READING,
    FORMATS,
    Inputs,
    Reading,
    find_inputs,
    read_article,
    read_input,
    text_lines,
)
from quotes.sources.text import parse_article

__all__ = [
    "DEFAULT_READING",
    "FORMATS",
    "Article",
    "Inputs",
    "Reading",
    "find_inputs",
    "parse_article",
    "read_article",
    "read_input",
    "text_lines",
]
