"""textacy's `direct_quotations`, wrapped to give `Quote` records.

The obvious alternative a user has, kept runnable so that comparisons with it
(`quotes extract --engine textacy`, the README's baseline figures) come from
a command anyone can run. textacy is imported only when this is used.
"""

from __future__ import annotations

from spacy.language import Language

from quotes.extract import Quote
from quotes.sources import Article


def textacy_quotes(article: Article, nlp: Language) -> list[Quote]:
    """Quotes found by textacy 0.13 on the article body, as it finds them.

    textacy gives up on a whole document with an odd number of quotation
    marks; that article then yields no quotes, as it would for a user.
    """
    from textacy.extract.triples import direct_quotations

    body = article.text[article.body_start :]
    doc = nlp(body)
    try:
        triples = list(direct_quotations(doc))
    except ValueError:
        return []
    base = article.body_start
    quotes = []
    for triple in triples:
        open_mark, close_mark = triple.content[0], triple.content[-1]
        start = base + open_mark.idx + len(open_mark.text)
        end = base + close_mark.idx
        speaker_start = base + min(t.idx for t in triple.speaker)
        speaker_end = base + max(t.idx + len(t.text) for t in triple.speaker)
        speaker = " ".join(t.text for t in triple.speaker)
        cue = " ".join(t.text for t in triple.cue)
        quotes.append(
            Quote(
                start=start,
                end=end,
                text=article.text[start:end],
                kind="direct",
                speaker=speaker,
                speaker_type=None,
                speaker_start=speaker_start,
                speaker_end=speaker_end,
                mention=speaker,
                mention_kind=None,
                title=None,
                cue=cue,
                cue_start=base + triple.cue[0].idx,
                cue_end=base + triple.cue[-1].idx + len(triple.cue[-1].text),
                # Not one of `quotes.kinds.METHODS`: the baseline's quotes are for
                # comparison only, never stored (`quotes load` refuses them too).
                method="textacy",  # type: ignore[arg-type]
                confidence=1.0,
                evidence="textacy direct_quotations",
            )
        )
    return quotes
