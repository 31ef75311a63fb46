"""Finding quotation spans in plain text: paired marks, paragraph by paragraph.

Pure functions over a string, no model. A span excludes its quotation marks.
A quotation never crosses a paragraph: one that runs over several paragraphs
(the opening mark repeated at each paragraph, the closing mark only at the
end) gives one span per paragraph. A stray or missing mark costs at most the
one span it belongs to.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from quotes.constants import CLOSING_MARKS, DOUBLE_MARKS, OPENING_MARKS

# Characters after which a straight mark opens a quotation, and before which
# it closes one. Anything else leaves the direction to the pairing state.
_OPEN_AFTER = frozenset("([{—–-/:")
_CLOSE_BEFORE = frozenset(".,;:!?)]}—–-…'’")


@dataclass(frozen=True)
class Paragraph:
    """A paragraph: a non-blank line of the text, `end` excluding the newline."""

    start: int
    end: int


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation inside one paragraph; offsets exclude the quotation marks.

    `closed` is False when the quotation runs on past the paragraph's end.
    """

    start: int
    end: int
    paragraph: int
    closed: bool = True


def split_paragraphs(text: str, start: int = 0) -> list[Paragraph]:
    """Every non-blank line of `text[start:]`, trailing whitespace trimmed."""
    paragraphs = []
    pos = start
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end == -1 else end
        line_start, line_end = pos, end
        while line_start < line_end and text[line_start].isspace():
            line_start += 1
        while line_end > line_start and text[line_end - 1].isspace():
            line_end -= 1
        if line_end > line_start:
            paragraphs.append(Paragraph(line_start, line_end))
        pos = end + 1
    return paragraphs


def _role(text: str, i: int, paragraph: Paragraph) -> str:
    """'open', 'close' or 'either' for the quotation mark at `text[i]`."""
    mark = text[i]
    before = text[i - 1] if i > paragraph.start else " "
    after = text[i + 1] if i + 1 < paragraph.end else " "
    # A mark with space (or an opening bracket/dash) before it and a word
    # after it opens; the mirror image closes; anything else is ambiguous.
    opens = (before.isspace() or before in _OPEN_AFTER) and not after.isspace()
    closes = (after.isspace() or after in _CLOSE_BEFORE) and not before.isspace()
    if mark in OPENING_MARKS:
        # Some copy closes with the opening curly mark ("… reform“ said he):
        # where its neighbours say "closing", let the pairing state decide.
        return "either" if closes and not opens else "open"
    if mark in CLOSING_MARKS:
        return "either" if opens and not closes else "close"
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _opens_quote(text: str, paragraph: Paragraph) -> bool:
    """Whether `paragraph` begins with an opening quotation mark."""
    return text[paragraph.start] in DOUBLE_MARKS and _role(text, paragraph.start, paragraph) != "close"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _paragraph_spans(text: str, paragraphs: list[Paragraph], index: int) -> Iterator[QuoteSpan]:
    paragraph = paragraphs[index]
    open_at: int | None = None
    for i in range(paragraph.start, paragraph.end):
        if text[i] not in DOUBLE_MARKS:
            continue
        role = _role(text, i, paragraph)
        if open_at is None:
            # A closing mark with nothing open is stray: skip it alone.
            if role != "close":
                open_at = i
        elif role == "open":
            # Two openings in a row: the first was stray, restart here.
            open_at = i
        else:
            start, end = _trimmed(text, open_at + 1, i)
            if end > start:
                yield QuoteSpan(start, end, index)
            open_at = None
    if open_at is None:
        return
    # Still open at the paragraph's end. Keep the span when the quotation
    # evidently goes on (the next paragraph opens with a mark, the usual
    # multi-paragraph style) or when the whole paragraph is the quotation
    # (its closing mark forgotten); otherwise the mark was stray.
    runs_on = index + 1 < len(paragraphs) and _opens_quote(text, paragraphs[index + 1])
    if runs_on or open_at == paragraph.start:
        start, end = _trimmed(text, open_at + 1, paragraph.end)
        if end > start:
            yield QuoteSpan(start, end, index, closed=False)


def find_quote_spans(text: str, paragraphs: list[Paragraph] | None = None) -> list[QuoteSpan]:
    """All quotation spans in `text`, in order.

    Args:
        text: the article text.
        paragraphs: its paragraphs, if already split (see `split_paragraphs`).
    """
    if paragraphs is None:
        paragraphs = split_paragraphs(text)
    return [span for index in range(len(paragraphs)) for span in _paragraph_spans(text, paragraphs, index)]
