"""Has this been said, and by whom: matching a claimed quotation to stored ones.

A claimed quotation matches a stored one despite changed punctuation, case,
accents and quotation marks, a few changed or missing words, or when one is
only a part of the other: both are compared as sequences of folded words,
and the similarity is the share of the shorter one that the longest common
runs of words cover (see `similarity`).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from quotes import export, models
from quotes.constants import COMMON_WORDS
from quotes.queries import Row, keyword_ids, keyword_terms, person_ids, quotes_by_ids
from quotes.store import words

# A stored quote matches a claim from this similarity on.
MATCH_SIMILARITY = 0.8
# Quotes shorter than this many words match only as a whole: a one-word
# scare quote is part of too many sentences to confirm one.
_MIN_PART_WORDS = 4
# How many candidate quotes the keyword index hands over for comparing, per round.
_CANDIDATES = 500
# How many of a claim's longest uncommon words the first round of candidates must all have.
_PRECISE_WORDS = 4


def similarity(claim: list[str], stored: list[str]) -> float:
    """How far one word sequence is found in the other (0 to 1): the words
    of the longest common runs, over the length of the shorter sequence
    (a part of a quote is as good as the whole), or over the longer one when
    the shorter has fewer than `_MIN_PART_WORDS` words."""
    if not claim or not stored:
        return 0.0
    matcher = difflib.SequenceMatcher(a=claim, b=stored, autojunk=False)
    common = sum(block.size for block in matcher.get_matching_blocks())
    shorter, longer = sorted((len(claim), len(stored)))
    return common / (shorter if shorter >= _MIN_PART_WORDS else longer)


@dataclass(frozen=True)
class Match:
    """A stored quote that matches a claim, and how closely."""

    row: Row
    similarity: float


@dataclass(frozen=True)
class Check:
    """The outcome of checking a claim: its matches, earliest article first,
    and, when a speaker was given, whether any match is attributed to them."""

    matches: list[Match] = field(default_factory=list)
    speaker: str | None = None
    agrees: bool | None = None

    @property
    def others(self) -> list[str]:
        """The speakers the matches are attributed to, in order, each once."""
        names = [export.record(*m.row)["speaker"] or "(unknown)" for m in self.matches]
        return [str(name) for name in dict.fromkeys(names)]


def check(session: Session, claim: str, speaker: str | None = None) -> Check:
    """The stored quotes matching `claim` (see `similarity`) and, with
    `speaker`, whether one of them is attributed to a person of that name
    (any name the articles use, as `--person` matches).

    Candidates come from the keyword index in two rounds (see
    `_candidate_rounds`); the second runs only if the first finds no match.
    """
    claimed = words(claim)
    matching: dict[int, float] = {}
    for candidates in _candidate_rounds(session, claim):
        for quote_id, text in session.execute(
            select(models.Quote.id, models.Quote.text).where(models.Quote.id.in_(candidates))
        ):
            score = similarity(claimed, words(text))
            if score >= MATCH_SIMILARITY:
                matching[quote_id] = score
        if matching:
            break
    matches = [Match(row, matching[row[0].id]) for row in quotes_by_ids(session, list(matching))]
    matches.sort(key=lambda m: (m.row[1].date is None, m.row[1].date, m.row[1].id, m.row[0].start))
    if speaker is None:
        return Check(matches)
    speakers = set(session.scalars(person_ids(speaker)))
    agrees = any(m.row[0].person_id in speakers for m in matches)
    return Check(matches, speaker, agrees)


def _candidate_rounds(session: Session, claim: str) -> Iterator[list[int]]:
    """Ids of stored quotes that may match `claim`, best first, in two rounds:
    those with all of its `_PRECISE_WORDS` longest uncommon words (a quote
    matches a claim only if it has most of its words: quick, and enough
    unless those words are among the changed ones), then those with any of
    its uncommon words (`COMMON_WORDS` are in nearly every quote). Its
    common words are asked for only if it has no other. From the keyword
    index on SQLite, else by a plain match of the words."""
    # Lower case only: the index folds accents itself (SQLite) or keeps them (PostgreSQL).
    terms = list(dict.fromkeys(t.lower() for t in keyword_terms(claim)))
    uncommon = [t for t in terms if t not in COMMON_WORDS] or terms
    if not uncommon:
        return
    longest = sorted(uncommon, key=len, reverse=True)[:_PRECISE_WORDS]
    yield _having(session, longest, every=True)
    if len(uncommon) > 1:
        yield _having(session, uncommon, every=False)


def _having(session: Session, terms: list[str], *, every: bool) -> list[int]:
    """Ids of up to `_CANDIDATES` stored quotes with every one of `terms`
    (or with any), best first (see `keyword_ids`)."""
    keywords = " ".join(terms) if every else " OR ".join(terms)  # claim words are lower case: no operators
    found = keyword_ids(keywords, session.get_bind().dialect.name, best=_CANDIDATES).subquery()
    return list(session.scalars(select(found.c.id)))
