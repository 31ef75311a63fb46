"""Extraction: article text -> quotations with speakers, titles and evidence.

    Article --parse--> ParsedArticle --attribute--> Attribution
            --resolve (ArticlePeople)--> Quote

`extract` is the one entry point the rest of the package uses.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import cast

from spacy.language import Language
from spacy.tokens import Doc

from quotes.constants import TITLE_FUNCTION_WORDS
from quotes.errors import InputError
from quotes.extract.attribution import UNATTRIBUTED, Attribution, Rule, attribute, confidences
from quotes.extract.parsed import LAZY_COMPONENTS, ParsedArticle, offset, share_names, tag_paragraph
from quotes.extract.rules import RULES
from quotes.extract.spans import (
    MAX_PARAGRAPH,
    QuoteSpan,
    find_quote_spans,
    find_transcript_turns,
    split_long_paragraphs,
    split_paragraphs,
    with_turns,
)
from quotes.extract.speakers import ArticlePeople, Speaker
from quotes.kinds import MentionKind, Method, QuoteKind, SpeakerType
from quotes.sources import Article

# How much each method is trusted: as its rules say (see `RULES`), and for
# a quotation no rule attributed (written with method "none"), 0.3.
_METHOD_CONFIDENCE: dict[Method, float] = {**confidences(RULES), UNATTRIBUTED: 0.3}
# An article of more than this many tokens (words and punctuation marks)
# is refused: about 5 MB of prose, 150 times the longest article of the
# evaluation set (6,536 tokens). Extraction's time grows in proportion to
# the tokens, and a million take some four minutes and 300 to 400 MB above
# the model (see bench/scale.py), so this bounds what one article can cost.
MAX_ARTICLE_TOKENS = 1_000_000
# The model parses a batch of paragraphs at once, and its memory while it
# does grows with the batch's tokens (some 15 kB a token): batches are kept
# to this many (a whole article of the evaluation set is one batch).
MAX_BATCH_TOKENS = 10_000
# Quoted words with no speaker at all and at most this many words are taken
# for scare quotes, nicknames or titles, not quotations.
_UNATTRIBUTED_MIN_WORDS = 4


@dataclass(frozen=True, kw_only=True)
class Quote:
    """One quotation as extracted: offsets into the article text.

    `start`/`end` exclude the quotation marks; `speaker_start`/`speaker_end`
    locate the mention the attribution rests on ("he", "Healey").
    """

    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker: str | None
    speaker_type: SpeakerType | None
    speaker_start: int | None
    speaker_end: int | None
    mention: str | None
    mention_kind: MentionKind | None
    title: str | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    method: Method
    confidence: float
    evidence: str

    def as_dict(self) -> dict[str, object]:
        """The quote as a plain dict (JSON-ready)."""
        return asdict(self)


def parse(article: Article, nlp: Language, *, transcripts: bool = False) -> ParsedArticle:
    """Split `article` into paragraphs, find its quotation spans (and with
    `transcripts`, the turns of interview transcripts: see
    `find_transcript_turns`) and parse it.

    What one article may cost is bounded: a paragraph longer than
    `MAX_PARAGRAPH` characters is read as several (see
    `split_long_paragraphs`), paragraphs are parsed `MAX_BATCH_TOKENS`
    tokens at a time, and an article of more than `MAX_ARTICLE_TOKENS`
    tokens is refused before the model parses any of it.

    Raises:
        InputError: the article has more than `MAX_ARTICLE_TOKENS` tokens.
    """
    paragraphs = split_paragraphs(article.text, article.body_start)
    spans = find_quote_spans(article.text, paragraphs)
    if transcripts:
        spans = with_turns(spans, find_transcript_turns(article.text, paragraphs))
    limit = min(MAX_PARAGRAPH, nlp.max_length)
    paragraphs, spans = split_long_paragraphs(article.text, paragraphs, spans, limit=limit)
    tokenized = [nlp.make_doc(article.text[p.start : p.end]) for p in paragraphs]
    tokens = sum(len(doc) for doc in tokenized)
    if tokens > MAX_ARTICLE_TOKENS:
        raise InputError(
            article.source,
            f"too long to extract: {tokens:,} words and punctuation marks (the limit is "
            f"{MAX_ARTICLE_TOKENS:,}, some 5 MB of prose); split it into several articles",
        )
    lazy = [name for name in LAZY_COMPONENTS if name in nlp.pipe_names]
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in lazy else None
    with nlp.select_pipes(disable=lazy):
        parsed = [_without_vectors(doc) for batch in _batches(tokenized, MAX_BATCH_TOKENS) for doc in nlp.pipe(batch)]
    docs = [
        tag_paragraph(doc, i, p, lemmatizer=lemmatizer)
        for i, (doc, p) in enumerate(zip(parsed, paragraphs, strict=True))
    ]
    share_names(docs)
    return ParsedArticle(article.text, paragraphs, docs, spans)


def _without_vectors(doc: Doc) -> Doc:
    """`doc` without the vectors the model's layers leave on each token,
    which nothing reads after parsing and which would be most of a parsed
    article's memory."""
    doc.tensor = doc.tensor[:0].copy()
    return doc


def _batches(docs: list[Doc], limit: int) -> Iterator[list[Doc]]:
    """`docs` in order, in runs of at most `limit` tokens (or one longer doc)."""
    batch: list[Doc] = []
    size = 0
    for doc in docs:
        if batch and size + len(doc) > limit:
            yield batch
            batch, size = [], 0
        batch.append(doc)
        size += len(doc)
    if batch:
        yield batch


def extract(article: Article, nlp: Language, *, transcripts: bool = False) -> list[Quote]:
    """All quotations of `article`, attributed, in text order; with
    `transcripts`, also the turns of interview transcripts ("TAPPER: …").

    Turns are off by default: news copy rarely has them, and reference
    annotations (the PolNeAR evaluation set's among them) leave them out.

    """
    parsed = parse(article, nlp, transcripts=transcripts)
    return quotes_of(parsed)


def quotes_of(parsed: ParsedArticle, *, rules: Sequence[Rule] = RULES) -> list[Quote]:
    """Attribute (by `rules`: all of them unless a test leaves some out) and
    resolve every quotation span of a parsed article."""
    people = ArticlePeople.read(parsed)
    attributions = attribute(parsed, rules)
    # Speakers in text order first: pronouns resolve against earlier ones.
    speakers = [_speaker(people, attribution) for attribution in attributions]
    quotes = []
    for number, (span, attribution) in enumerate(zip(parsed.spans, attributions, strict=True)):
        quote = _quote(parsed, span, attribution, speakers[_continued(number, attributions)])
        if quote is not None:
            quotes.append(quote)
    return quotes


def _speaker(people: ArticlePeople, attribution: Attribution | None) -> Speaker | None:
    """Who the subject of `attribution`, or the label of a transcript turn, names."""
    if attribution is None:
        return None
    if attribution.subject is not None:
        return people.resolve(attribution.subject)
    if attribution.quote.label is not None:
        return people.labelled(attribution.quote)
    return None


def _continued(number: int, attributions: list[Attribution | None]) -> int:
    """Index of the attribution that quote `number` finally continues (itself if none)."""
    seen = {number}
    while (attribution := attributions[number]) is not None and (target := attribution.continues) is not None:
        if target in seen:
            break
        seen.add(target)
        number = target
    return number


def _quote(
    parsed: ParsedArticle, span: QuoteSpan, attribution: Attribution | None, speaker: Speaker | None
) -> Quote | None:
    """The `Quote` record of quotation `span`, attributed or not (None), or
    None when the span is no quotation (a few quoted words that nobody is
    said to have said)."""
    text = parsed.text[span.start : span.end]
    words = len(text.split())
    if speaker is None and (words < _UNATTRIBUTED_MIN_WORDS or span.label is not None):
        # (A label that names nobody, "CORRECTION:", heads no transcript turn.)
        return None
    method = attribution.method if attribution is not None else UNATTRIBUTED
    # A single quoted word ("Related:", a show's name) opening a paragraph is
    # a label or a name, not more of what the last speaker said.
    if method == "continuation" and words < 2:
        return None
    if _is_a_name(text):
        return None
    cue = attribution.cue if attribution is not None else None
    cue_start = offset(cue) if cue is not None else None
    confidence = _METHOD_CONFIDENCE[method]
    if speaker is not None and speaker.name is None and speaker.mention_kind == "pronoun":
        confidence *= 0.6
    evidence = [f"method: {method}"]
    if cue is not None:
        evidence.append(f"cue: {cue.text!r}")
    if speaker is not None:
        evidence.append(f"speaker mention: {speaker.mention!r} ({speaker.mention_kind}); {speaker.how}")
    return Quote(
        start=span.start,
        end=span.end,
        text=text,
        kind=_kind(parsed, span),
        speaker=speaker.name if speaker else None,
        # (Speaker and Attribution hold these as plain strings of the same vocabularies.)
        speaker_type=cast(SpeakerType, speaker.type) if speaker else None,
        speaker_start=speaker.mention_start if speaker else None,
        speaker_end=speaker.mention_end if speaker else None,
        mention=speaker.mention if speaker else None,
        mention_kind=cast(MentionKind, speaker.mention_kind) if speaker else None,
        title=speaker.title if speaker else None,
        cue=cue.text if cue is not None else None,
        cue_start=cue_start,
        cue_end=cue_start + len(cue.text) if cue is not None and cue_start is not None else None,
        method=method,
        confidence=round(confidence, 2),
        evidence="; ".join(evidence),
    )


def _is_a_name(text: str) -> bool:
    """Whether quoted text is the name of a show, book, campaign or place
    ("Orange Is the New Black", "Jeb Can Fix It"), not something said: every
    word of two or more capitalised, bar short function words, and no
    question or exclamation mark at its end (a full stop there is the
    American comma-and-period style: "… performed “Bridge Over Troubled Water.”")."""
    stripped = text.rstrip(" ,;:.'’”")
    if not stripped or stripped[-1] in "!?…":
        return False
    words = [w.strip("'‘’,;:()[]") for w in stripped.split()]
    content = [w for w in words if w and w.lower() not in TITLE_FUNCTION_WORDS]
    return len(content) >= 2 and all(w[0].isupper() or w[0].isdigit() for w in content)


def _kind(parsed: ParsedArticle, span: QuoteSpan) -> QuoteKind:
    """ "direct" for a quoted statement, "partial" for a fragment inside reported speech."""
    text = parsed.text[span.start : span.end]
    first = text.lstrip("'‘…. ")[:1]
    # A fragment starts mid-sentence (lower case) or has no verb of its own.
    if not first or first.islower():
        return "partial"
    tokens = parsed.tokens_of(span)
    has_verb = tokens is not None and any(t.pos_ in {"VERB", "AUX"} for t in tokens)
    return "direct" if has_verb else "partial"
