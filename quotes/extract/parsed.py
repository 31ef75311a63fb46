"""An article parsed paragraph by paragraph: the input of every extractor.

Each paragraph is parsed as its own spaCy `Doc`, so no sentence crosses a
paragraph break. A paragraph's `Doc` carries its index and its offset in the
article in `doc.user_data`, so any token maps back to article offsets.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from quotes.extract.spans import Paragraph, Quoted, QuoteSpan

# Pipeline components `parse` leaves out and runs only on the tokens asked
# about: lemmas are read for a few verbs and nouns near each quotation, and
# the lemmatizer costs about a tenth of the model's time.
LAZY_COMPONENTS = ("lemmatizer",)


def tag_paragraph(doc: Doc, index: int, paragraph: Paragraph, *, lemmatizer: object = None) -> Doc:
    """Record on `doc` which paragraph it is, where that paragraph starts,
    and the pipeline's lemmatizer, for `lemma`."""
    doc.user_data["paragraph"] = index
    doc.user_data["offset"] = paragraph.start
    doc.user_data["lemmatizer"] = lemmatizer
    return doc


def lemma(token: Token) -> str:
    """The token's lemma: as the pipeline set it (the attribute ruler does for
    some words), else made now by the lemmatizer `parse` left out, exactly as
    that component would have, and kept on the token."""
    lemmatizer = token.doc.user_data.get("lemmatizer")
    if token.lemma == 0 and lemmatizer is not None:
        token.lemma_ = lemmatizer.lemmatize(token)[0]
    return token.lemma_


def share_names(docs: list[Doc]) -> None:
    """Record on every paragraph's `doc` the words of the people the
    article names anywhere (lower-cased), so a paragraph can tell a name the
    tagger missed there ("Sanders delivered …", tagged a plural noun)."""
    names = frozenset(token.lower_ for doc in docs for ent in doc.ents if ent.label_ == "PERSON" for token in ent)
    for doc in docs:
        doc.user_data["names"] = names


def is_known_name(token: Token) -> bool:
    """Whether capitalised `token` is a word of a person the article names (see `share_names`)."""
    return token.is_title and token.lower_ in token.doc.user_data.get("names", ())


def entities(doc: Doc) -> tuple[list[Span], list[int]]:
    """The named entities of `doc` and their first tokens' indices, listed
    once per paragraph (`doc.ents` builds them anew from every token at
    each call)."""
    if "entities" not in doc.user_data:
        ents = list(doc.ents)
        doc.user_data["entities"] = (ents, [ent.start for ent in ents])
    found: tuple[list[Span], list[int]] = doc.user_data["entities"]
    return found


def entity_of(token: Token) -> Span | None:
    """The named entity `token` is part of, if any."""
    ents, starts = entities(token.doc)
    i = bisect.bisect_right(starts, token.i) - 1
    return ents[i] if i >= 0 and token.i < ents[i].end else None


def entities_in(span: Span) -> list[Span]:
    """The named entities wholly inside `span`, in order (as `span.ents`)."""
    ents, starts = entities(span.doc)
    inside = []
    for ent in ents[bisect.bisect_left(starts, span.start) :]:
        if ent.end > span.end:
            break
        inside.append(ent)
    return inside


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
    _by_paragraph: dict[int, list[QuoteSpan]] = field(default_factory=dict, compare=False, repr=False)
    _quoted: dict[int, Quoted] = field(default_factory=dict, compare=False, repr=False)
    _starts: list[int] = field(default_factory=list, compare=False, repr=False)

    def __post_init__(self) -> None:
        for span in self.spans:
            self._by_paragraph.setdefault(span.paragraph, []).append(span)
        self._starts.extend(p.start for p in self.paragraphs)

    def quotes_in(self, index: int) -> list[QuoteSpan]:
        """The quotation spans of paragraph `index`."""
        return self._by_paragraph.get(index, [])

    def tokens_of(self, span: QuoteSpan) -> Span | None:
        """The tokens of quotation `span` (marks excluded), or None if they do not align."""
        base = self.paragraphs[span.paragraph].start
        return self.docs[span.paragraph].char_span(span.start - base, span.end - base, alignment_mode="expand")

    def paragraph_at(self, pos: int) -> int:
        """Index of the paragraph holding article offset `pos` (the last one starting at or before it)."""
        return max(bisect.bisect_right(self._starts, pos) - 1, 0)

    def quoted(self, index: int) -> Quoted:
        """The quotations of paragraph `index` as a `Quoted` (computed once)."""
        if index not in self._quoted:
            base = self.paragraphs[index].start
            spans = self.quotes_in(index)
            self._quoted[index] = Quoted([s.start - base - 1 for s in spans], [s.end - base + 1 for s in spans])
        return self._quoted[index]
