"""An article parsed paragraph by paragraph: the input of every extractor.

Each paragraph is parsed as its own spaCy `Doc`, so no sentence crosses a
paragraph break. A paragraph's `Doc` carries its index and its offset in the
article in `doc.user_data`, so any token maps back to article offsets.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from quotes.extract.spans import Paragraph, QuoteSpan


def tag_paragraph(doc: Doc, index: int, paragraph: Paragraph) -> Doc:
    """Record on `doc` which paragraph it is and where that paragraph starts."""
    doc.user_data["paragraph"] = index
    doc.user_data["offset"] = paragraph.start
    return doc


def paragraph_index(token: Token | Span) -> int:
    """Index of the paragraph that holds `token`."""
    index: int = token.doc.user_data["paragraph"]
    return index


def offset(token: Token) -> int:
    """Article offset of the start of `token`."""
    base: int = token.doc.user_data["offset"]
    return base + token.idx


def token_range(tokens: Span | list[Token]) -> tuple[int, int]:
    """Article offsets covering `tokens` (a span or a non-empty token list in order)."""
    first, last = tokens[0], tokens[-1]
    return offset(first), offset(last) + len(last.text)


@dataclass(frozen=True)
class ParsedArticle:
    """The article text, its paragraphs, their parses and the quotation spans."""

    text: str
    paragraphs: list[Paragraph]
    docs: list[Doc]
    spans: list[QuoteSpan]

    def quotes_in(self, index: int) -> list[QuoteSpan]:
        """The quotation spans of paragraph `index`."""
        return [span for span in self.spans if span.paragraph == index]
