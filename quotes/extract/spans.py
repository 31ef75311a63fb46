"""Finding quotation spans in plain text: paired marks, paragraph by paragraph.

Pure functions over a string, no model. A span excludes its quotation marks.
A quotation never crosses a paragraph: one that runs over several paragraphs
(the opening mark repeated at each paragraph, the closing mark only at the
end) gives one span per paragraph. A stray or missing mark costs at most the
one span it belongs to.

An article quotes with double marks, or — British style, when its body has
no double marks at all — with single ones; then an apostrophe ("don’t",
"’90s") is told from a closing mark by the letter or digit after it.
Marks inside markup tags left in the copy (`<tweet id="…">`) are not
quotation marks.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from quotes.constants import (
    CLOSING_MARKS,
    OPENING_MARKS,
    SINGLE_CLOSING_MARKS,
    SINGLE_OPENING_MARKS,
    SINGLE_STRAIGHT_MARKS,
    STRAIGHT_MARKS,
)

# Characters after which a straight mark opens a quotation, and before which
# it closes one. Anything else leaves the direction to the pairing state.
_OPEN_AFTER = frozenset("([{—–-/:")
_CLOSE_BEFORE = frozenset(".,;:!?)]}—–-…'’")
# A transcript label opening a paragraph, in capitals, of up to four words:
# "TAPPER: ", "JAKE TAPPER: ", "MR. TRUMP: ", "Q: ".
_TRANSCRIPT_LABEL = re.compile(r"([A-Z][A-Z.'’-]*(?: [A-Z][A-Z.'’-]*){0,3}):[ \t]+")


@dataclass(frozen=True)
class MarkStyle:
    """The quotation marks an article uses: opening, closing and straight ones."""

    opening: frozenset[str]
    closing: frozenset[str]
    straight: frozenset[str]
    # Whether the closing and straight marks double as apostrophes.
    apostrophes: bool = False

    @property
    def marks(self) -> frozenset[str]:
        return self.opening | self.closing | self.straight


DOUBLE = MarkStyle(OPENING_MARKS, CLOSING_MARKS, STRAIGHT_MARKS)
SINGLE = MarkStyle(SINGLE_OPENING_MARKS, SINGLE_CLOSING_MARKS, SINGLE_STRAIGHT_MARKS, apostrophes=True)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph: a non-blank line of the text, `end` excluding the newline."""

    start: int
    end: int


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation inside one paragraph; offsets exclude the quotation marks.

    `closed` is False when the quotation runs on past the paragraph's end.
    A transcript turn has no marks: it is the paragraph after its label.
    """

    start: int
    end: int
    paragraph: int
    closed: bool = True
    # For a turn of an interview transcript (see `find_transcript_turns`),
    # the label that opens its paragraph ("TAPPER", "Q", "A").
    label: str | None = None


@dataclass(frozen=True)
class Quoted:
    """Where the quotations of one paragraph are (marks included), for
    lookups in logarithmic time: in paragraph-local offsets for a parsed
    paragraph (see `quotes.extract.parsed.ParsedArticle.quoted`)."""

    starts: list[int]
    ends: list[int]

    def covers(self, idx: int) -> bool:
        """Whether offset `idx` lies in a quotation or on its marks."""
        i = bisect.bisect_right(self.starts, idx) - 1
        return i >= 0 and idx < self.ends[i]


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


# A paragraph longer than this many characters is read as several (see
# `split_long_paragraphs`): about four times the longest paragraph of the
# evaluation set's 840 articles (2,573). The parser's memory and some
# rules' time grow faster than a paragraph's length (400,000 characters of
# `"x"` in one took 5 GB); a piece of at most 10,000 characters takes the
# model a few seconds and some 150 MB.
MAX_PARAGRAPH = 10_000
# A sentence's end, where a long paragraph is best cut: a full stop,
# question or exclamation mark (and any closing mark or bracket after it)
# before white space.
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s")
# A markup tag left in the copy (<tweet tweet-id="…">): its quotation marks
# delimit attribute values, not quotations.
_MARKUP_TAG = re.compile(r"<[A-Za-z/!][^<>]*>")


class _Tags:
    """The markup tags of a paragraph, in order (they do not overlap), for
    asking of each mark whether it is inside one."""

    def __init__(self, text: str, paragraph: Paragraph) -> None:
        found = [(m.start(), m.end()) for m in _MARKUP_TAG.finditer(text, paragraph.start, paragraph.end)]
        self.starts = [start for start, _ in found]
        self.ends = [end for _, end in found]

    def inside(self, i: int) -> bool:
        """Whether offset `i` is strictly inside a tag (between its brackets)."""
        n = bisect.bisect_left(self.starts, i) - 1
        return n >= 0 and i < self.ends[n]


def _role(text: str, i: int, paragraph: Paragraph, style: MarkStyle = DOUBLE) -> str | None:
    """'open', 'close' or 'either' for the quotation mark at `text[i]`, or
    None for an apostrophe."""
    mark = text[i]
    before = text[i - 1] if i > paragraph.start else " "
    after = text[i + 1] if i + 1 < paragraph.end else " "
    if style.apostrophes and mark not in style.opening and _is_apostrophe(mark in style.closing, before, after):
        return None
    # A mark with space (or an opening bracket/dash) before it and a word
    # after it opens; the mirror image closes; anything else is ambiguous.
    opens = (before.isspace() or before in _OPEN_AFTER) and not after.isspace()
    closes = (after.isspace() or after in _CLOSE_BEFORE) and not before.isspace()
    if mark in style.opening:
        # Some copy closes with the opening curly mark ("… reform“ said he):
        # where its neighbours say "closing", let the pairing state decide.
        return "either" if closes and not opens else "open"
    if mark in style.closing:
        return "either" if opens and not closes else "close"
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _is_apostrophe(curly: bool, before: str, after: str) -> bool:
    """Whether a closing or straight single mark between `before` and `after`
    is an apostrophe: inside a word ("don’t", "rock'n'roll"), before a year
    ("’90s"), or a curly one eliding a word's start ("’em")."""
    return (before.isalnum() and after.isalnum()) or after.isdigit() or (curly and after.isalpha())


def _opens_quote(text: str, paragraph: Paragraph, style: MarkStyle) -> bool:
    """Whether `paragraph` begins with an opening quotation mark."""
    return text[paragraph.start] in style.marks and _role(text, paragraph.start, paragraph, style) in {"open", "either"}


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """`start`, `end` moved inwards past whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _paragraph_spans(text: str, paragraphs: list[Paragraph], index: int, style: MarkStyle) -> Iterator[QuoteSpan]:
    """The quotation spans of paragraph `index`, pairing marks left to right."""
    paragraph = paragraphs[index]
    open_at: int | None = None
    nested = False  # inside a straight-marked quotation nested in a curly one
    marks = style.marks
    tags = _Tags(text, paragraph)
    positions = [i for i in range(paragraph.start, paragraph.end) if text[i] in marks and not tags.inside(i)]
    for n, i in enumerate(positions):
        role = _role(text, i, paragraph, style)
        possessive = style.apostrophes and _plural_possessive(text, i, n, positions)
        if role is None or possessive or _doubled_apostrophe(text, i):
            continue
        if open_at is None:
            # A closing mark with nothing open is stray: skip it alone.
            if role != "close":
                open_at = i
        elif text[open_at] in style.opening and text[i] in style.straight and (nested or role == "open"):
            # A straight quotation nested in a curly one (a straight mark that
            # merely closes the curly one is mixed-style copy: “…").
            nested = not nested
            continue
        elif role == "open":
            # Two openings in a row: the first was stray, restart here.
            open_at = i
        else:
            start, end = _trimmed(text, open_at + 1, i)
            if _has_words(text, start, end):
                yield QuoteSpan(start, end, index)
            open_at = None
    if open_at is None:
        return
    # Still open at the paragraph's end. Keep the span when the quotation
    # evidently goes on (the next paragraph opens with a mark, the usual
    # multi-paragraph style) or when the whole paragraph is the quotation
    # (its closing mark forgotten); otherwise the mark was stray.
    runs_on = index + 1 < len(paragraphs) and _opens_quote(text, paragraphs[index + 1], style)
    if runs_on or open_at == paragraph.start:
        start, end = _trimmed(text, open_at + 1, paragraph.end)
        if _has_words(text, start, end):
            yield QuoteSpan(start, end, index, closed=False)


def _has_words(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` has a letter or digit: "!!!" or "—" is no quotation."""
    return any(c.isalnum() for c in text[start:end])


def _doubled_apostrophe(text: str, i: int) -> bool:
    """Whether the straight single mark at `i` is half of a '' pair, which some
    archives (The New York Times) use for a double mark. Such pairs are not
    taken as quotation marks: neither as single ones nor, since reference
    annotations do not count them, as double ones."""
    return text[i] == "'" and ((i > 0 and text[i - 1] == "'") or (i + 1 < len(text) and text[i + 1] == "'"))


def _plural_possessive(text: str, i: int, n: int, positions: list[int]) -> bool:
    """Whether a single closing mark is the apostrophe of a plural possessive
    ("the players’ union"): after an s, before a lower-case word, with
    another mark later in the paragraph to close the quotation."""
    after = text[i + 2 : i + 3]
    return text[i - 1 : i] == "s" and text[i + 1 : i + 2] == " " and after.islower() and n + 1 < len(positions)


def find_quote_spans(text: str, paragraphs: list[Paragraph] | None = None) -> list[QuoteSpan]:
    """All quotation spans in `text`, in order.

    Args:
        text: the article text.
        paragraphs: its paragraphs, if already split (see `split_paragraphs`).
    """
    if paragraphs is None:
        paragraphs = split_paragraphs(text)
    style = quote_style(text, paragraphs)
    return [span for index in range(len(paragraphs)) for span in _paragraph_spans(text, paragraphs, index, style)]


def find_transcript_turns(text: str, paragraphs: list[Paragraph]) -> list[QuoteSpan]:
    """The turns of an interview transcript that quotes without marks
    ("TAPPER: Donald Trump released a video …", "Q: …", "A: …"): each
    paragraph that opens with a label in capitals and a colon gives the span
    after the label. Whether the label names a speaker is for the speaker
    resolver to tell ("CORRECTION: …" names nobody). A label followed by a
    quotation mark ("GOWDY: “…”") is left to the quotation's own span."""
    turns = []
    for index, paragraph in enumerate(paragraphs):
        label = _TRANSCRIPT_LABEL.match(text, paragraph.start, paragraph.end)
        if label is None:
            continue
        start, end = _trimmed(text, label.end(), paragraph.end)
        if start < end and text[start] not in DOUBLE.marks | SINGLE.marks and _has_words(text, start, end):
            turns.append(QuoteSpan(start, end, index, label=label.group(1)))
    return turns


def with_turns(spans: list[QuoteSpan], turns: list[QuoteSpan]) -> list[QuoteSpan]:
    """`spans` and transcript `turns` in order; a turn is its whole paragraph,
    so quotations inside it are part of the turn, not spans of their own."""
    turn_paragraphs = {turn.paragraph for turn in turns}
    kept = [span for span in spans if span.paragraph not in turn_paragraphs]
    return sorted(kept + turns, key=lambda span: span.start)


def quote_style(text: str, paragraphs: list[Paragraph]) -> MarkStyle:
    """SINGLE when the body (after the first paragraph, which may be a
    headline) opens more single-quoted passages than it has pairs of double
    marks (those then being quotes nested in them), else DOUBLE."""
    body = paragraphs[1:] or paragraphs
    doubles = single_openings = 0
    for p in body:
        for i in range(p.start, p.end):
            if text[i] in DOUBLE.marks or _doubled_apostrophe(text, i):
                # '' pairs are double marks too, though not extracted (see `_doubled_apostrophe`).
                doubles += 1
            elif text[i] in SINGLE.marks and _role(text, i, p, SINGLE) == "open":
                single_openings += 1
    return SINGLE if single_openings > doubles / 2 else DOUBLE


def split_long_paragraphs(
    text: str, paragraphs: list[Paragraph], spans: list[QuoteSpan], *, limit: int = MAX_PARAGRAPH
) -> tuple[list[Paragraph], list[QuoteSpan]]:
    """`paragraphs` with each one longer than `limit` characters cut into
    pieces of at most `limit`, which are paragraphs from then on, and
    `spans` (found in the uncut paragraphs) given to the pieces.

    A paragraph is cut at the last sentence end outside its quotations in
    the second half of the `limit` characters from where the piece starts;
    failing one, at white space outside its quotations there; failing that,
    at any white space; else `limit` characters on (a run of marks with no
    space). A quotation that a cut falls in becomes two, the first running
    on past its piece's end as a quotation over several paragraphs does (a
    transcript turn's label stays with its first part).
    """
    pieces: list[Paragraph] = []
    cut_spans: list[QuoteSpan] = []
    by_paragraph: dict[int, list[QuoteSpan]] = {}
    for span in spans:
        by_paragraph.setdefault(span.paragraph, []).append(span)
    for index, paragraph in enumerate(paragraphs):
        own = by_paragraph.get(index, [])
        parts = _pieces(text, paragraph, own, limit)
        part_starts = [part.start for part in parts]
        for span in own:
            n = max(bisect.bisect_right(part_starts, span.start) - 1, 0)
            while n < len(parts) and parts[n].start < span.end:
                start, end = _trimmed(text, max(span.start, parts[n].start), min(span.end, parts[n].end))
                if start < end:
                    label = span.label if start == span.start else None
                    closed = span.closed and end == span.end
                    cut_spans.append(QuoteSpan(start, end, len(pieces) + n, closed, label))
                n += 1
        pieces += parts
    return pieces, cut_spans


def _pieces(text: str, paragraph: Paragraph, spans: list[QuoteSpan], limit: int) -> list[Paragraph]:
    """`paragraph` cut into pieces of at most `limit` characters (see `split_long_paragraphs`)."""
    if paragraph.end - paragraph.start <= limit:
        return [paragraph]
    quoted = Quoted([span.start - 1 for span in spans], [span.end + 1 for span in spans])  # marks included
    pieces = []
    start = paragraph.start
    while paragraph.end - start > limit:
        cut = _cut(text, start, limit, quoted)
        pieces.append(Paragraph(*_trimmed(text, start, cut)))
        start, _ = _trimmed(text, cut, paragraph.end)
    pieces.append(Paragraph(start, paragraph.end))
    return pieces


def _cut(text: str, start: int, limit: int, quoted: Quoted) -> int:
    """Where a piece of a long paragraph that starts at `start` ends: the
    last sentence end (its white space) outside the `quoted` ranges in the
    second half of the `limit` characters from `start`, else the last white
    space outside them there, else anywhere, else the last white space at
    all, else `start + limit`."""
    end = start + limit
    half = start + limit // 2
    sentence_ends = [match.end() - 1 for match in _SENTENCE_END.finditer(text, half, end + 1)]
    spaces = [i for i in range(end, start, -1) if text[i].isspace()]  # the last first
    choices = itertools.chain(
        (i for i in reversed(sentence_ends) if not quoted.covers(i)),
        (i for i in spaces if i > half and not quoted.covers(i)),
        (i for i in spaces if not quoted.covers(i)),
        spaces,
    )
    return next(choices, end)
