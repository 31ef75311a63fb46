"""The roster of an article (its people and organisations), read once and
frozen; and speakers resolved from it, the same whatever the order."""

from __future__ import annotations

import dataclasses
import random
from types import MappingProxyType

import pytest
from spacy.language import Language
from spacy.tokens import Token

from quotes.extract import parse
from quotes.extract.attribution import attribute
from quotes.extract.parsed import ParsedArticle
from quotes.extract.resolve import Speaker, resolve
from quotes.extract.roster import Roster, read_roster
from quotes.extract.rules import RULES
from quotes.sources import Article
from quotes.sources.text import parse_article
from tests.conftest import SEED

ARTICLE = "\n\n".join(
    [
        "Cruz and Clinton trade barbs",
        'Sen. Ted Cruz spoke to reporters in Des Moines on Monday. "We will win Iowa," Cruz said.',
        'Officials met with the Acme Corporation on Tuesday. "We have nothing to hide," the company said in a '
        'statement. "The report is wrong," it added.',
        'Hillary Clinton, the former secretary of state, disagreed. "He is not ready," she said. Former President '
        "Bill Clinton campaigned in Ohio on Wednesday.",
        '"I am ready," the senator said. "Mrs. Clinton is wrong."',
        '"We will see," Clinton told supporters.',
    ]
)


def at(text: str, occurrence: int = 1) -> int:
    """The offset of the `occurrence`-th `text` in `ARTICLE`."""
    found = -1
    for _ in range(occurrence):
        found = ARTICLE.index(text, found + 1)
    return found


def subjects_of(parsed: ParsedArticle) -> list[Token]:
    """The subject tokens of the article's cues, in the attributions' order."""
    return [a.subject for a in attribute(parsed, RULES) if a is not None and a.subject is not None]


@pytest.fixture(scope="module")
def parsed(nlp: Language) -> ParsedArticle:
    return parse(Article(source="a", text=ARTICLE), nlp)


@pytest.fixture(scope="module")
def roster(parsed: ParsedArticle) -> Roster:
    return read_roster(parsed, subjects_of(parsed))


def test_full_names_in_order_of_first_mention(roster: Roster) -> None:
    assert roster.people.names.names == ("Ted Cruz", "Hillary Clinton", "Bill Clinton")


def test_mentions_outside_quotations_under_full_names(roster: Roster) -> None:
    # The headline's "Clinton" is the protagonist, the last "Clinton" too
    # ("Bill Clinton" is two paragraphs back); "Mrs. Clinton" is quoted.
    assert [(ARTICLE[m.start : m.end], m.name, m.is_subject) for m in roster.people.mentions.items] == [
        ("Cruz", "Ted Cruz", False),
        ("Clinton", "Hillary Clinton", False),
        ("Ted Cruz", "Ted Cruz", True),
        ("Cruz", "Ted Cruz", True),
        ("Hillary Clinton", "Hillary Clinton", True),
        ("Bill Clinton", "Bill Clinton", True),
        ("the senator", "Ted Cruz", True),  # a description
        ("Clinton", "Hillary Clinton", True),
    ]


@pytest.mark.parametrize(
    "name, titles",
    [
        ("Ted Cruz", [(at("Ted Cruz"), "Sen."), (at("the senator"), "senator")]),
        ("Hillary Clinton", [(at("Hillary"), "former secretary of state")]),
        ("Bill Clinton", [(at("Bill"), "Former President")]),
        ("Acme Corporation", []),
    ],
)
def test_titles_given_to_each_person_and_where(roster: Roster, name: str, titles: list[tuple[int, str]]) -> None:
    assert roster.people.titles.given_to(name) == tuple(titles)


@pytest.mark.parametrize(
    "name, gender, why",
    [
        ("Ted Cruz", "m", "first name"),
        ("Hillary Clinton", "f", "first name and an honorific, even inside a quotation"),
        ("Bill Clinton", "m", "first name"),
        ("Nobody", None, "no votes"),
    ],
)
def test_genders(roster: Roster, name: str, gender: str | None, why: str) -> None:
    assert roster.people.gender(name) == gender, why


def test_organisations_named_and_referred_to(roster: Roster) -> None:
    # "the company said" refers to the one just named, as a subject ("it added").
    assert [(o.start, o.name, o.is_subject) for o in roster.organizations] == [
        (at("the Acme"), "Acme Corporation", False),
        (at("the company"), "Acme Corporation", True),
    ]
    assert dict(roster.acronyms) == {"AC": "Acme Corporation"}


def test_headlines_mentions_and_interviewee(roster: Roster) -> None:
    assert roster.people.headlines == 1
    assert dict(roster.mention_counts) == {"Ted Cruz": 4, "Hillary Clinton": 3, "Bill Clinton": 1}
    assert roster.interviewee == "Ted Cruz"


def speakers(roster: Roster, subjects: list[Token], order: list[int]) -> list[Speaker]:
    """The speakers of `subjects`, resolved in `order`, listed in the subjects' order."""
    found = {n: resolve(roster, subjects[n]) for n in order}
    return [found[n] for n in range(len(subjects))]


def test_the_speakers_of_the_article(parsed: ParsedArticle, roster: Roster) -> None:
    subjects = subjects_of(parsed)
    assert [(s.mention, s.name, s.type) for s in speakers(roster, subjects, list(range(len(subjects))))] == [
        ("Cruz", "Ted Cruz", "person"),
        ("the company", "Acme Corporation", "organization"),
        ("it", "Acme Corporation", "organization"),
        ("she", "Hillary Clinton", "person"),
        ("the senator", "Ted Cruz", "person"),
        ("the senator", "Ted Cruz", "person"),
        ("Clinton", "Hillary Clinton", "person"),
    ]


@pytest.mark.parametrize("source", ["article", "seed"])
def test_speakers_are_the_same_whatever_order_they_are_resolved_in(nlp: Language, source: str) -> None:
    article = (
        Article(source="a", text=ARTICLE)
        if source == "article"
        else parse_article(SEED.read_text(encoding="utf-8"), source=SEED.name)
    )
    parsed = parse(article, nlp)
    subjects = subjects_of(parsed)
    roster = read_roster(parsed, subjects)
    forwards = speakers(roster, subjects, list(range(len(subjects))))
    shuffled = list(range(len(subjects)))
    random.Random(14).shuffle(shuffled)
    assert speakers(roster, subjects, list(reversed(range(len(subjects))))) == forwards
    assert speakers(roster, subjects, shuffled) == forwards
    # Nor does the order the subjects are given to the roster in matter.
    assert read_roster(parsed, list(reversed(subjects))) == roster


def test_the_roster_is_read_the_same_twice(parsed: ParsedArticle, roster: Roster) -> None:
    assert read_roster(parsed, subjects_of(parsed)) == roster


# Fields that hold the parse and a memo of where names are written (see
# `quotes.extract.names.WrittenNames`): neither is part of what the roster says.
_NOT_FACTS = {"parsed", "written"}


def immutable(value: object, where: str = "roster") -> list[str]:
    """Where inside `value` something could be changed in place (none for a frozen value)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        found = [] if type(value).__dataclass_params__.frozen else [where]  # type: ignore[attr-defined]
        for f in dataclasses.fields(value):
            if f.name not in _NOT_FACTS:
                found += immutable(getattr(value, f.name), f"{where}.{f.name}")
        return found
    if isinstance(value, tuple | frozenset):
        return [problem for n, item in enumerate(value) for problem in immutable(item, f"{where}[{n}]")]
    if isinstance(value, MappingProxyType):
        return [problem for key, item in value.items() for problem in immutable(item, f"{where}[{key!r}]")]
    return [] if isinstance(value, str | int | float | bool | type(None)) else [where]


def test_the_roster_cannot_change(roster: Roster) -> None:
    assert immutable(roster) == []
    with pytest.raises(dataclasses.FrozenInstanceError):
        roster.organizations = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        roster.acronyms["XY"] = "X Y"  # type: ignore[index]
