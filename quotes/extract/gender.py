"""Gender: the evidence an article gives of a person's grammatical gender,
as votes, and what the votes decide.

Each kind of evidence weighs what it usually says: a first name's usual sex
("Caroline", "Ben") is a prior that one honorific or gendered title
outweighs, as do a few pronouns after the name. A person is "m" or "f" only
when one side has more than twice the votes of the other.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Span

from quotes.constants import (
    FEMALE_HONORIFICS,
    FEMALE_PRONOUNS,
    FEMALE_TITLE_NOUNS,
    MALE_HONORIFICS,
    MALE_PRONOUNS,
    MALE_TITLE_NOUNS,
    first_name_sexes,
)
from quotes.kinds import Gender

# How much each kind of evidence weighs.
_FIRST_NAME_VOTES = 2
_HONORIFIC_VOTES = 3
_TITLE_VOTES = 2
_PRONOUN_VOTES = 1


class GenderVotes(NamedTuple):
    """The votes an article's evidence casts for a person being "m" and "f"."""

    m: int = 0
    f: int = 0

    def plus(self, other: GenderVotes) -> GenderVotes:
        """These votes and `other`'s together."""
        return GenderVotes(self.m + other.m, self.f + other.f)

    def decided(self) -> Gender | None:
        """ "m" or "f" when one side has more than twice the other's votes;
        None when there are none, or they contradict each other."""
        if self.m > 2 * self.f:
            return "m"
        if self.f > 2 * self.m:
            return "f"
        return None


NO_VOTES = GenderVotes()


def _votes(gender: Gender, weight: int) -> GenderVotes:
    """`weight` votes for `gender`."""
    return GenderVotes(m=weight) if gender == "m" else GenderVotes(f=weight)


def first_name_votes(full: str) -> GenderVotes:
    """The votes of the usual sex of the first name of `full` ("Caroline Mills")."""
    sex = first_name_sexes().get(full.split()[0].lower())
    if sex == "m":
        return _votes("m", _FIRST_NAME_VOTES)
    if sex == "f":
        return _votes("f", _FIRST_NAME_VOTES)
    return NO_VOTES


def honorific_gender(honorific: str | None) -> Gender | None:
    """The gender a lower-case honorific shows ("mrs." -> "f"), if any ("dr." shows none)."""
    if honorific in MALE_HONORIFICS:
        return "m"
    if honorific in FEMALE_HONORIFICS:
        return "f"
    return None


def honorific_votes(honorific: str | None) -> GenderVotes:
    """The votes of an honorific before a name ("Mrs. Clinton")."""
    gender = honorific_gender(honorific)
    return _votes(gender, _HONORIFIC_VOTES) if gender is not None else NO_VOTES


def noun_gender(noun: str) -> Gender | None:
    """The gender of a lower-case title noun ("congresswoman" -> "f"), if it has one."""
    if noun in MALE_TITLE_NOUNS:
        return "m"
    if noun in FEMALE_TITLE_NOUNS:
        return "f"
    return None


def title_votes(title: str) -> GenderVotes:
    """The votes of a title with gendered nouns in it ("congresswoman"); a
    title with nouns of both genders votes for both."""
    words = set(title.lower().split())
    votes = NO_VOTES
    if words & MALE_TITLE_NOUNS:
        votes = votes.plus(_votes("m", _TITLE_VOTES))
    if words & FEMALE_TITLE_NOUNS:
        votes = votes.plus(_votes("f", _TITLE_VOTES))
    return votes


def pronoun_gender(word: str) -> Gender | None:
    """The gender of a lower-case personal pronoun ("her" -> "f"), if it has one."""
    if word in MALE_PRONOUNS:
        return "m"
    if word in FEMALE_PRONOUNS:
        return "f"
    return None


def pronoun_votes(ent: Span) -> GenderVotes:
    """The votes of the pronouns later in the sentence of a name that is its
    subject: they usually refer back to it ("Healey said he …")."""
    votes = NO_VOTES
    for token in ent.sent[ent.end - ent.sent.start :]:
        gender = pronoun_gender(token.lower_)
        if gender is not None:
            votes = votes.plus(_votes(gender, _PRONOUN_VOTES))
    return votes
