"""What an article says about its people, as records with lookups by
position: where it mentions each (`Mention`, `Mentions`), the organisations
it names (`Organization`), and `People`, all it says of them as far as a
reading has got (see `quotes.extract.roster` for the reading).

Every lookup that depends on where in the article it is asked takes that
offset: "the mentions before offset X", "the title given by X". A reading
that adds records in text order and asks only about what comes before
where it is gets the answers the finished records give.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Protocol

from spacy.tokens import Span, Token

from quotes.extract.gender import NO_VOTES, GenderVotes
from quotes.extract.names import FullNames, WrittenNames
from quotes.extract.parsed import ParsedArticle, offset, paragraph_index
from quotes.extract.titles import TitleLookups
from quotes.kinds import Gender

# How many paragraphs back "the company" or "it" looks for its organisation.
_ORGANIZATION_PARAGRAPHS = 2


@dataclass(frozen=True, slots=True)
class Mention:
    """A mention of the person `name` (their full name where the article
    gives one) at article offsets `start` to `end`, outside quotations."""

    start: int
    end: int
    name: str
    # Whether the mention is the subject of a verb.
    is_subject: bool
    paragraph: int
    # Article offset of the mention's sentence, and whether the mention is
    # the subject of that sentence's main clause ("Earnest said Obama …").
    sentence: int
    is_main_subject: bool

    @classmethod
    def at(cls, place: Span | Token, start: int, end: int, name: str, verb: Token | None) -> Mention:
        """A mention of `name` written at `place` (article offsets `start` to
        `end`), the subject of `verb` unless that is None."""
        return cls(
            start=start,
            end=end,
            name=name,
            is_subject=verb is not None,
            paragraph=paragraph_index(place),
            sentence=offset(place.sent[0]),
            is_main_subject=verb is not None and in_main_clause(verb),
        )


def in_main_clause(verb: Token) -> bool:
    """Whether `verb` is its sentence's main verb or joined to it ("… and said")."""
    while verb.dep_ == "conj" and verb.head != verb:
        verb = verb.head
    return verb.dep_ == "ROOT"


@dataclass(frozen=True)
class Mentions:
    """The mentions of people in an article, in text order (and so in order
    of sentence and paragraph), with lookups by person and by offset."""

    items: tuple[Mention, ...]
    # A person -> the indices in `items` of their mentions.
    _of: Mapping[str, tuple[int, ...]] = field(compare=False, repr=False)
    # An offset -> the people mentioned there.
    _there: Mapping[int, frozenset[str]] = field(compare=False, repr=False)

    @classmethod
    def of(cls, mentions: Iterable[Mention]) -> Mentions:
        """The index of `mentions`, which are in text order."""
        items = tuple(mentions)
        of: dict[str, list[int]] = defaultdict(list)
        there: dict[int, set[str]] = defaultdict(set)
        for n, mention in enumerate(items):
            of[mention.name].append(n)
            there[mention.start].add(mention.name)
        return cls(
            items,
            MappingProxyType({name: tuple(indices) for name, indices in of.items()}),
            MappingProxyType({start: frozenset(names) for start, names in there.items()}),
        )

    def before(self, start: int) -> int:
        """How many mentions start before offset `start` (they are the first ones)."""
        return bisect.bisect_left(self.items, start, key=lambda m: m.start)

    def from_paragraph(self, paragraph: int) -> int:
        """The index of the first mention in paragraph `paragraph` or after it."""
        return bisect.bisect_left(self.items, paragraph, key=lambda m: m.paragraph)

    def after_sentence(self, sentence: int) -> int:
        """The index of the first mention in a sentence after the one at offset `sentence`."""
        return bisect.bisect_right(self.items, sentence, key=lambda m: m.sentence)

    def last_of(self, name: str, before: int) -> int | None:
        """The index of the last of the first `before` mentions that names `name`, if any."""
        indices = self._of.get(name, ())
        n = bisect.bisect_left(indices, before)
        return indices[n - 1] if n else None

    def count_of(self, name: str, before: int) -> int:
        """How many of the first `before` mentions name `name`."""
        return bisect.bisect_left(self._of.get(name, ()), before)

    def named_at(self, start: int) -> frozenset[str]:
        """The people mentioned at offset `start`."""
        return self._there.get(start, frozenset())


@dataclass(frozen=True, slots=True)
class Organization:
    """An organisation `name` (in full where the article spells out its
    acronym) named, or referred to ("the company"), at offset `start`."""

    start: int
    name: str
    paragraph: int
    # Whether the name is the subject of a verb ("GunBroker said").
    is_subject: bool


def organization_before(
    organizations: Sequence[Organization],
    parsed: ParsedArticle,
    start: int,
    *,
    noun: str | None = None,
    subject: bool = False,
) -> str | None:
    """Of `organizations` (in text order), the one mentioned last before
    `start`, within a paragraph or two: one whose name has `noun` in it if
    any ("the committee"), a subject if `subject` ("It added" after "the
    company wrote")."""
    here = parsed.paragraph_at(start)
    first = bisect.bisect_left(organizations, here - _ORGANIZATION_PARAGRAPHS, key=lambda org: org.paragraph)
    end = bisect.bisect_left(organizations, start, key=lambda org: org.start)
    recent = [org for org in organizations[first:end] if org.is_subject or not subject]
    named = [org for org in recent if noun is not None and noun in org.name.lower().split()]
    chosen = named or recent
    return chosen[-1].name if chosen else None


class NamesKnown(Protocol):
    """What choosing the full name a short one stands for reads (see
    `quotes.extract.refer.canonical`): the article's full names, where it
    writes them, and its people's genders and mentions as far as read."""

    @property
    def parsed(self) -> ParsedArticle: ...

    @property
    def headlines(self) -> int: ...

    @property
    def sentence_starts(self) -> Sequence[int]: ...

    @property
    def names(self) -> FullNames: ...

    @property
    def written(self) -> WrittenNames: ...

    def gender(self, name: str) -> Gender | None:
        """ "m", "f" or None (unknown or contradictory) for the person `name`."""
        ...

    def last_mention(self, names: Iterable[str], before: int) -> Mention | None:
        """The last mention before offset `before` of any of the people `names`."""
        ...


@dataclass(frozen=True)
class People:
    """All an article says of its people, as far as a reading has got:
    their full names, mentions, titles and gender votes. The roster's is
    complete; the reading makes others on the way (see
    `quotes.extract.roster`)."""

    parsed: ParsedArticle = field(compare=False, repr=False)
    # How many leading paragraphs are the headline and subheads.
    headlines: int
    # Article offsets of the sentences' starts, in order.
    sentence_starts: tuple[int, ...] = field(repr=False)
    names: FullNames
    mentions: Mentions
    titles: TitleLookups
    votes: Mapping[str, GenderVotes]
    # Where the article writes each full name (a memo, see `WrittenNames`).
    written: WrittenNames = field(compare=False, repr=False)

    def gender(self, name: str) -> Gender | None:
        """ "m", "f" or None (unknown or contradictory) for the person `name`."""
        return self.votes.get(name, NO_VOTES).decided()

    def last_mention(self, names: Iterable[str], before: int) -> Mention | None:
        """The last mention before offset `before` of any of the people `names`."""
        count = self.mentions.before(before)
        last = max((n for name in names if (n := self.mentions.last_of(name, count)) is not None), default=None)
        return self.mentions.items[last] if last is not None else None

    def title_near(self, name: str, at: int) -> str | None:
        """The title the article gives `name` at offset `at`: the last one
        given at or before it (what the reader knows the person as by then),
        else the first one given after it ("“…,” said Ann Cole, the mayor")."""
        return self.titles.near(name, at)
