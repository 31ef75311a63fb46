"""Has this been said, and by whom: matching a claimed quotation to stored ones.

A claimed quotation matches a stored one despite changed punctuation, case,
accents and quotation marks, a few changed or missing words, or when one is
only a part of the other: both are compared as sequences of folded words,
and the similarity is the share of the shorter one that the longest common
runs of words cover (see `similarity`).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from quotes import export, models
from quotes.constants import COMMON_WORDS
from quotes.queries import Row, contains, fts_query, person_ids, quotes_by_ids, quotes_fts
from quotes.store import words

# A stored quote matches a claim from this similarity on.
MATCH_SIMILARITY = 0.8
# Quotes shorter than this many words match only as a whole: a one-word
# scare quote is part of too many sentences to confirm one.
_MIN_PART_WORDS = 4
# How many candidate quotes the keyword index hands over for comparing.
_CANDIDATES = 500


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
    (any name the articles use, as `--person` matches)."""
    claimed = words(claim)
    matches = []
    for row in quotes_by_ids(session, _candidates(session, claimed)):
        score = similarity(claimed, words(row[0].text))
        if score >= MATCH_SIMILARITY:
            matches.append(Match(row, score))
    matches.sort(key=lambda m: (m.row[1].published is None, m.row[1].published, m.row[1].id, m.row[0].start))
    if speaker is None:
        return Check(matches)
    speakers = set(session.scalars(person_ids(speaker)))
    agrees = any(m.row[0].person_id in speakers for m in matches)
    return Check(matches, speaker, agrees)


def _candidates(session: Session, claimed: list[str]) -> list[int]:
    """Ids of the stored quotes sharing a word with the claim, best first:
    from the keyword index on SQLite, else by a plain match of its words.
    The claim's common words (`COMMON_WORDS`) are left out of the question
    unless it has no other: nearly every quote has them."""
    if not claimed:
        return []
    terms = [w for w in dict.fromkeys(claimed) if w not in COMMON_WORDS] or list(dict.fromkeys(claimed))
    if session.get_bind().dialect.name == "sqlite":
        query = " OR ".join(fts_query(term) for term in terms)
        statement = (
            select(quotes_fts.c.rowid)
            .where(quotes_fts.c.quotes_fts.op("MATCH")(query))
            .order_by(quotes_fts.c.rank)
            .limit(_CANDIDATES)
        )
    else:
        statement = (
            select(models.Quote.id)
            .where(or_(*(contains(models.Quote.text, term) for term in terms)))
            .limit(_CANDIDATES)
        )
    return list(session.scalars(statement))
