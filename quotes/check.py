"""Has this been said, and by whom: a claimed quotation checked against the stored quotes.

    claim --keyword index--> candidate quotes --align (quotes.align)--> verdicts
          --the best match--> where its words first appeared, who said them

The verdict is the best of the claim's matches (see `quotes.align.align`):
verbatim, an excerpt, altered (and how), a paraphrase, or not found; and,
given who is said to have said it, whether the stored words are theirs.
A draft story is checked quotation by quotation (`quotes.api.check_draft`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations
from typing import TYPE_CHECKING, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from quotes import export, models
from quotes.align import VERDICTS, Alignment, Change, Verdict, Words, align
from quotes.constants import COMMON_WORDS
from quotes.errors import QuotesError
from quotes.queries import Row, keyword_ids, keyword_terms, quotes_by_ids, resolve_person, same_statement
from quotes.store import words

if TYPE_CHECKING:  # extraction pulls in spaCy: only a draft needs it
    from quotes.extract import Quote

# What a check finds, worst first: words someone else said (the words
# stand, so a reader believes them, but the wrong person is quoted: the
# most harmful, a misattributed verbatim quote above all); words altered
# or paraphrased (the speaker did not say them so); nothing found (the
# quote may be right, from an interview or a source the database lacks, but
# it is not confirmed); all well (verbatim or an excerpt, by the speaker
# given, if one was). A draft's finding is its worst quotation's.
Finding = Literal["other speaker", "altered", "not found", "ok"]
FINDINGS: tuple[Finding, ...] = ("other speaker", "altered", "not found", "ok")
# Verdicts of words the speaker said as quoted.
GOOD: frozenset[Verdict] = frozenset({"verbatim", "excerpt"})

# A claim found only in other people's quotes is theirs from this many words
# on: a shorter fragment ("a disgrace") is anyone's words, and not finding
# it among the speaker's is no sign that someone else said it.
ATTRIBUTED_MIN_WORDS = 4
# The most words a claim may have (aligning it takes time in proportion to
# its words times a stored quote's): a quotation is seldom a tenth of this.
MAX_CLAIM_WORDS = 2000

# How many candidate quotes the keyword index hands over for comparing, per question.
_CANDIDATES = 500
# How many of a claim's longest uncommon words the first question wants all of,
# and the second all but one of.
_PRECISE_WORDS = 4
_LOOSE_WORDS = 5
# A candidate is aligned word by word only if it has at least this share of
# the claim's words (a cheap count first: aligning is the slow part), and
# not this much less than the candidate with the most (which matches
# better, or as well), and at most this many of them, the most first.
_ALIGN_SHARE = 0.4
_ALIGN_BELOW_BEST = 0.25
_ALIGN_MOST = 60
# A claim not found whole in one quote is tried across a candidate and the
# quote before or after it (same article, same speaker), for this many
# candidates, those that have at least this many of its words.
_SPAN_CANDIDATES = 5
_SPAN_MIN_WORDS = 3
# How many matches a check keeps (best first).
_MATCHES_KEPT = 20


@dataclass(frozen=True, kw_only=True)
class Match:
    """A stored quote a claim matches, how (its alignment and changes), and
    the quotes it runs across when it spans several (`parts`, in order;
    `row` is the one it matched most of)."""

    row: Row
    alignment: Alignment
    changes: tuple[Change, ...] = ()
    parts: tuple[Row, ...] = ()

    @property
    def verdict(self) -> Verdict:
        assert self.alignment.verdict is not None
        return self.alignment.verdict


@dataclass(frozen=True, kw_only=True)
class Check:
    """What checking a claim found: its matches, the best first (`match`);
    where the best match's words first appeared and in how many articles;
    and, when a speaker was given, whether the words are theirs."""

    claim: str
    matches: list[Match] = field(default_factory=list)
    speaker: str | None = None
    agrees: bool | None = None
    first: Row | None = None
    articles: int = 0
    # Who the best match's words are stored as said by, first appearance
    # first (given a speaker: the others).
    others: list[str] = field(default_factory=list)

    @property
    def match(self) -> Match | None:
        return self.matches[0] if self.matches else None

    @property
    def verdict(self) -> Verdict | Literal["not found"]:
        return self.match.verdict if self.match else "not found"

    @property
    def finding(self) -> Finding:
        """See `Finding`: words that stand (verbatim, excerpt, altered) but
        are someone else's are "other speaker", whatever else is wrong; but
        a fragment shorter than `ATTRIBUTED_MIN_WORDS` found only in
        others' quotes is not found (a few words are anyone's)."""
        if self.match is None:
            return "not found"
        if self.agrees is False and self.verdict != "paraphrase":
            return "other speaker" if self.match.alignment.words >= ATTRIBUTED_MIN_WORDS else "not found"
        return "ok" if self.verdict in GOOD else "altered"


@dataclass(frozen=True)
class DraftQuotation:
    """A quotation of a draft story (`source`: where the draft was read),
    as extraction found and attributed it, and what checking it found."""

    source: str
    quote: Quote
    check: Check


def worst(findings: Sequence[Finding]) -> Finding:
    """The worst of `findings` (see `FINDINGS`); "ok" for none."""
    return min(findings, key=FINDINGS.index, default="ok")


def check(session: Session, claim: str, speaker: str | None = None) -> Check:
    """Check `claim` against the stored quotes (see the module's docstring);
    with `speaker`, whether the words are stored as said by a person of
    that name (resolved as `--person` resolves one; any name the articles use).

    Raises:
        QuotesError: the claim has more than `MAX_CLAIM_WORDS` words, or
            `speaker` more words than a name may have.
    """
    claimed = Words.of(claim)
    if len(claimed.tokens) > MAX_CLAIM_WORDS:
        raise QuotesError(
            f"the words to check have {len(claimed.tokens):,} words; a quotation has at most {MAX_CLAIM_WORDS:,} "
            "(for a whole story, check it with --file)"
        )
    speakers = _speaker_ids(session, speaker) if speaker else None
    aligned: dict[int, Alignment] = {}
    texts: dict[int, str] = {}
    for candidates in _candidate_rounds(session, claim, speakers):
        new = [i for i in candidates if i not in texts]
        texts.update(_texts(session, new))
        aligned.update(_aligned(claimed, {i: texts[i] for i in new}))
        if any(a.verdict in {"verbatim", "excerpt", "altered"} for a in aligned.values()):
            break
    spans = {} if any(a.verdict in GOOD for a in aligned.values()) else _spans(session, claimed, aligned)
    matching = {i: a for i, a in aligned.items() if a.verdict is not None}
    joined = [i for _, ids in spans.values() for i in ids]
    rows = {row[0].id: row for row in quotes_by_ids(session, list(matching) + joined)}
    matches = [Match(row=rows[i], alignment=a) for i, a in matching.items()]
    for i, (alignment, ids) in spans.items():
        if alignment.verdict is not None:
            matches.append(Match(row=rows[i], alignment=alignment, parts=tuple(rows[k] for k in ids)))
    matches.sort(key=lambda m: _rank(m, speakers))
    matches = _with_changes(session, matches[:_MATCHES_KEPT])
    return _verdict(session, claim, matches, speaker, speakers)


def _speaker_ids(session: Session, name: str) -> set[int]:
    """The people `name` may mean (see `resolve_person`): all of them, when several."""
    return {person.id for person in resolve_person(session, name)}


def _rank(match: Match, speakers: set[int] | None) -> tuple[object, ...]:
    """How a match ranks, best first: words the speaker said as quoted
    (verbatim or an excerpt, theirs before anyone else's); then the
    better verdict, the fewer changes, the more words found; then the
    speaker's; then the first appearance (earliest dated, then first stored)."""
    quote, article = match.row[0], match.row[1]
    theirs = speakers is None or quote.person_id in speakers
    good = match.verdict in GOOD
    alignment = match.alignment
    return (
        not good,
        good and not theirs,
        VERDICTS.index(match.verdict),
        alignment.cost,
        -alignment.found,
        len(match.parts),
        not theirs,
        article.date is None,
        article.date or dt.date.min,
        article.id,
        quote.start,
    )


def _verdict(
    session: Session, claim: str, matches: list[Match], speaker: str | None, speakers: set[int] | None
) -> Check:
    """The `Check` of `matches` (best first): where the best one's words
    first appeared and how many articles carry them (the matches with the
    same verdict and the same stored words, and every row of its statement),
    who said them, and whether `speakers` are among them."""
    if not matches:
        return Check(claim=claim, speaker=speaker, agrees=None if speakers is None else False)
    best = matches[0]
    same = [m for m in matches if _same_words(m, best)]
    carriers = {m.row[0].id: m.row for m in same}
    for row in same_statement(session, best.row[0]) if not best.parts else []:
        carriers.setdefault(row[0].id, row)
    ordered = sorted(carriers.values(), key=_appearance)
    agrees = None if speakers is None else any(row[0].person_id in speakers for row in ordered)
    others = [_speaker_name(row) for row in ordered if speakers is None or row[0].person_id not in speakers]
    return Check(
        claim=claim,
        matches=matches,
        speaker=speaker,
        agrees=agrees,
        first=ordered[0],
        articles=len({row[1].id for row in ordered}),
        others=list(dict.fromkeys(others)),
    )


def _same_words(match: Match, best: Match) -> bool:
    """Whether `match` carries the words `best` does: for a verbatim quote or
    an excerpt, any such match (each has the claim's words); otherwise
    one with the same verdict and the same stored words aligned."""
    if best.verdict in GOOD:
        return match.verdict in GOOD
    return match.verdict == best.verdict and _window(match.alignment) == _window(best.alignment)


def _window(alignment: Alignment) -> list[str]:
    return [t.key for b in alignment.blocks for t in b.stored]


def _appearance(row: Row) -> tuple[object, ...]:
    """First appearance first: earliest published (undated last), then first stored."""
    quote, article = row[0], row[1]
    return (article.date is None, article.date or dt.date.min, article.id, quote.start)


def _speaker_name(row: Row) -> str:
    return str(export.record(*row)["speaker"] or "(unknown)")


def _with_changes(session: Session, matches: list[Match]) -> list[Match]:
    """`matches` with their changes described, the words of stored people's
    names among the changed words counting as names (one question for all)."""
    keys = set().union(*(m.alignment.changed_keys() for m in matches)) if matches else set()
    names = frozenset(
        session.scalars(select(models.PersonWord.word).where(models.PersonWord.word.in_(sorted(keys))).distinct())
        if keys
        else ()
    )
    return [replace(m, changes=tuple(m.alignment.changes(names))) for m in matches]


def _texts(session: Session, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    statement = select(models.Quote.id, models.Quote.text).where(models.Quote.id.in_(ids))
    return {quote_id: text for quote_id, text in session.execute(statement)}


def _aligned(claimed: Words, texts: dict[int, str]) -> dict[int, Alignment]:
    """The alignments of `claimed` with the candidates' texts that have
    enough of its words (counted cheaply: see `_ALIGN_SHARE`), at most
    `_ALIGN_MOST` of them, most words first; each text aligned once."""
    ours = set(words(claimed.text))
    if not ours:
        return {}
    shares = {i: len(ours.intersection(words(text))) / len(ours) for i, text in texts.items()}
    least = max(_ALIGN_SHARE, max(shares.values(), default=0) - _ALIGN_BELOW_BEST)
    kept = sorted((i for i in texts if shares[i] >= least), key=lambda i: -shares[i])[:_ALIGN_MOST]
    done: dict[str, Alignment] = {}
    result = {}
    for i in kept:
        text = texts[i]
        if text not in done:
            done[text] = align(claimed, Words.of(text))
        result[i] = done[text]
    return result


def _spans(session: Session, claimed: Words, aligned: dict[int, Alignment]) -> dict[int, tuple[Alignment, list[int]]]:
    """Alignments of `claimed` across two stored quotes, for a claim that
    runs from one quote of a speaker to the next in the same article: for
    the `_SPAN_CANDIDATES` candidates with the most of its words, the quote
    with the one before it and with the one after it. Only those that
    match better than the candidate alone, by candidate id, with the ids of
    the quotes joined."""
    partial = [i for i, a in aligned.items() if _SPAN_MIN_WORDS <= a.found < a.words]
    seeds = sorted(partial, key=lambda i: -aligned[i].found)[:_SPAN_CANDIDATES]
    if not seeds:
        return {}
    quotes = {q.id: q for q in session.scalars(select(models.Quote).where(models.Quote.id.in_(seeds)))}
    articles = {q.article_id for q in quotes.values()}
    siblings: dict[tuple[int, int | None], list[models.Quote]] = {}
    for other in session.scalars(
        select(models.Quote).where(models.Quote.article_id.in_(articles)).order_by(models.Quote.start)
    ):
        siblings.setdefault((other.article_id, other.person_id), []).append(other)
    found: dict[int, tuple[Alignment, list[int]]] = {}
    for i in seeds:
        quote = quotes[i]
        if quote.person_id is None:
            continue
        row = siblings[(quote.article_id, quote.person_id)]
        at = next(n for n, q in enumerate(row) if q.id == i)
        for pair in (row[at - 1 : at + 1] if at else [], row[at : at + 2]):
            if len(pair) != 2:
                continue
            alignment = align(claimed, Words.joined([q.text for q in pair]))
            best = found.get(i, (aligned[i], []))[0]
            if alignment.verdict is not None and _better(alignment, best):
                found[i] = (alignment, [q.id for q in pair])
    return found


def _better(one: Alignment, other: Alignment) -> bool:
    """Whether alignment `one` is a better match than `other`."""
    if other.verdict is None:
        return True
    assert one.verdict is not None
    return (VERDICTS.index(one.verdict), one.cost, -one.found) < (
        VERDICTS.index(other.verdict),
        other.cost,
        -other.found,
    )


def _candidate_rounds(session: Session, claim: str, speakers: set[int] | None) -> Iterator[list[int]]:
    """Ids of stored quotes that may match `claim`, best first, in rounds
    (the next is asked only if the last found no verbatim, excerpt or altered
    match): those with all of its `_PRECISE_WORDS` longest uncommon words
    (a quote matches a claim only if it has most of its words: quick, and
    enough unless those words are among the changed ones), and, given
    speakers, theirs with those words (a fragment of common words is in more
    quotes than are handed over); then those with all but one of its
    `_LOOSE_WORDS` longest (a word changed); then those with any of its
    uncommon words (`COMMON_WORDS` are in nearly every quote), for
    paraphrases. Its common words are asked for only if it has no other.
    From the keyword index on SQLite and PostgreSQL, else by a plain match
    of the words."""
    # Lower case only: the index folds accents itself (SQLite) or keeps them (PostgreSQL).
    terms = list(dict.fromkeys(t.lower() for t in keyword_terms(claim)))
    uncommon = [t for t in terms if t not in COMMON_WORDS] or terms
    if not uncommon:
        return
    longest = sorted(uncommon, key=len, reverse=True)
    precise = " ".join(longest[:_PRECISE_WORDS])
    first = _having(session, precise)
    if speakers:
        known = set(first)
        first += [i for i in _having(session, precise, speakers) if i not in known]
    yield first
    loose = longest[:_LOOSE_WORDS]
    if len(loose) > 2:
        yield _having(session, " OR ".join(" ".join(some) for some in combinations(loose, len(loose) - 1)))
    if len(uncommon) > 1:
        yield _having(session, " OR ".join(uncommon))


def _having(session: Session, keywords: str, speakers: set[int] | None = None) -> list[int]:
    """Ids of up to `_CANDIDATES` stored quotes matching `keywords` (lower-case
    claim words, so no operators but the ORs put between them), best first
    (see `keyword_ids`); only those of `speakers`, if given."""
    found = keyword_ids(keywords, session.get_bind().dialect.name, best=None if speakers else _CANDIDATES)
    if speakers:
        ids = found.subquery()
        statement = (
            select(models.Quote.id)
            .where(models.Quote.person_id.in_(speakers), models.Quote.id.in_(select(ids.c.id)))
            .limit(_CANDIDATES)
        )
        return list(session.scalars(statement))
    return list(session.scalars(select(found.subquery().c.id)))
