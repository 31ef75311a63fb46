"""Titles: what the article calls a person at a mention ("defence minister",
"Sen."), from the words before the name, an appositive, or a description;
and `Titles`, the titles an article gives, by person and by word.

`title_of` and `description_title` are pure functions of the parse.
"""

from __future__ import annotations

import bisect
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import NamedTuple

from spacy.tokens import Span, Token

from quotes.constants import (
    ARTICLES,
    CLAUSE_DEPENDENCIES,
    DASHES,
    FINITE_VERB_TAGS,
    HONORIFICS,
    NAMING_VERBS,
    PARTY_WORDS,
    PRENOMINAL_TITLES,
    TITLE_ABBREVIATIONS,
    TITLE_NOUNS,
)
from quotes.extract.names import PERSON_LABELS, strip_article
from quotes.extract.parsed import entity_of, lemma

# -- the title at a mention ----------------------------------------------------


def title_of(ent: Span) -> str | None:
    """The title the article gives a person at this mention, if any.

    The first found of: the noun the name is an appositive of ("Ukraine's
    defence minister, Rustem Umerov"); an appositive after the name ("Rustem
    Umerov, Ukraine's defence minister,"); the noun a participle of naming
    links the name to ("a resident named Caroline"); pre-modifiers ("German
    defence minister Boris Pistorius", "Sen. Ted Cruz"); "one of …" after
    the name, in the singular ("one of the stars of the play" gives "star of
    the play"); a plural appositive after names joined by "and" ("Khizr and
    Ghazala Khan, the Gold Star parents" are both "Gold Star parents").
    """
    root = ent.root
    # The name as the appositive of a title noun.
    if root.dep_ == "appos" and root.head.pos_ == "NOUN" and closed(ent[-1]):
        title = clean_title([t for t in root.head.subtree if t.i < root.left_edge.i])
        if title:
            return title
    # An appositive after the name; "one of the signatories" only says
    # which group they are in, and comes after a title before the name.
    appositive = _appositive_of(root)
    if appositive is not None and appositive.lower_ != "one":
        title = _appositive_title(appositive)
        if title:
            return title
    # The noun that a participle of naming links the name to ("a resident named Caroline").
    if root.dep_ in {"oprd", "dobj", "attr"} and lemma(root.head).lower() in NAMING_VERBS and root.head.dep_ == "acl":
        noun = root.head.head
        title = clean_title([t for t in noun.subtree if t.i < root.head.i])
        if title:
            return title
    title = _premodifier_title(ent)
    # "one of the signatories" is the title only when none comes before the name.
    if title is None and appositive is not None and appositive.lower_ == "one":
        title = _appositive_title(appositive)
    # A plural appositive after two names joined by "and" is the title of both.
    return title or _coordinated_title(ent)


def _premodifier_title(ent: Span) -> str | None:
    """The title in the words before a name in its own phrase ("German
    defence minister Boris Pistorius"), or a title abbreviation in it ("Sen. Ted Cruz")."""
    root = ent.root
    doc = ent.doc
    # Words before the name in its own phrase.
    before = [t for t in root.subtree if t.i < ent.start]
    tokens: list[Token] = []
    for t in reversed(before):
        # A dash set off by spaces ends a dateline ("JERUSALEM - Israeli Prime Minister …").
        if t.i != (tokens[0].i - 1 if tokens else ent.start - 1) or _spaced_dash(t):
            break
        tokens.insert(0, t)
    if ent.start > 0 and doc[ent.start - 1].lower_ in PRENOMINAL_TITLES and not tokens:
        tokens = [doc[ent.start - 1]]
    # An honorific inside the entity ("Sen. Ted Cruz") is a title too.
    leading = [t for t in ent if t.lower_ in PRENOMINAL_TITLES]
    if leading and not tokens:
        tokens = [leading[0]]
    return clean_title(tokens)


def _appositive_of(root: Token) -> Token | None:
    """The head of an appositive set off after a name, if any: a noun, or a
    word that a determiner shows to be one ("the Gold Star parents", with
    "parents" tagged a verb), or "one" ("one of the stars of the play")."""
    for child in root.rights:
        if (
            child.dep_ == "appos"
            and child.ent_type_ not in PERSON_LABELS
            and (child.pos_ in {"NOUN", "PROPN"} or _determined(child) or child.lower_ == "one")
            and _set_off(child.left_edge)
            and closed(child.right_edge)
        ):
            return child
    return None


def _appositive_title(head: Token) -> str | None:
    """The title an appositive headed by `head` gives: its words, or for
    "one of the stars of the play" the singular "star of the play"."""
    if head.lower_ != "one":
        return clean_title(list(head.subtree))
    of = _of_phrase(head)
    group = next((t for t in of.children if t.dep_ == "pobj"), None) if of is not None else None
    # Only "one of the <plural noun>" names a role ("one of 12 children" has a number).
    if group is None or group.tag_ != "NNS":
        return None
    title = clean_title(list(group.subtree))
    if not title:
        return None
    return _singular_title(group, title)


def _of_phrase(head: Token) -> Token | None:
    """The preposition "of" heading a phrase after `head` ("head of the union"), if any."""
    return next((t for t in head.rights if t.dep_ == "prep" and t.lower_ == "of"), None)


def _singular_title(noun: Token, title: str) -> str:
    """`title` with its plural head `noun` in the singular ("top lawyers of the firm" -> "top lawyer of the firm")."""
    words = title.split()
    position = len(list(t for t in noun.subtree if t.i < noun.i and not t.is_punct and t.dep_ != "det"))
    if position < len(words) and words[position] == noun.text:
        words[position] = lemma(noun)
    return " ".join(words)


def _coordinated_title(ent: Span) -> str | None:
    """The title of the names joined to `ent` by "and" when it is plural:
    "Khizr and Ghazala Khan, the Gold Star parents" are both parents."""
    doc = ent.doc
    partners: list[Token] = []
    # The name after "and" ("Khizr" and "Ghazala Khan"), or the first
    # conjunct that the parser hangs the appositive on.
    if ent.end + 1 < len(doc) and doc[ent.end].lower_ == "and":
        after = entity_of(doc[ent.end + 1])
        if after is not None and after.label_ in PERSON_LABELS:
            partners.append(after.root)
    if ent.root.dep_ == "conj":
        partners.append(ent.root.head)
    for partner in partners:
        appositive = _appositive_of(partner)
        # A singular appositive is the partner's own ("Ann and Tom Cole, the mayor").
        if appositive is not None and _plural(appositive):
            return _appositive_title(appositive)
    return None


def _plural(head: Token) -> bool:
    """Whether a noun is plural, even when the tagger took it for a verb ("the parents")."""
    return head.tag_ in {"NNS", "NNPS"} or (head.tag_ == "VBZ" and _determined(head))


def _determined(token: Token) -> bool:
    """Whether `token` has a determiner ("the", "a"), and so heads a noun phrase whatever its tag."""
    return any(t.dep_ == "det" and t.lower_ in ARTICLES for t in token.children)


def _set_off(first: Token) -> bool:
    """Whether a phrase starting at `first` is set off from the name before
    it by a comma, dash or bracket, as an appositive is ("Khans: Trump stirs
    'ugliness'" is a headline, not a title)."""
    i = first.i - 1
    while i >= 0 and first.doc[i].is_space:
        i -= 1
    return i >= 0 and (first.doc[i].text in {",", "("} or first.doc[i].text in DASHES)


def closed(last: Token) -> bool:
    """Whether a phrase set off by a comma and ending at `last` is an
    appositive ("Henry, head of the union, said"), not the subject of the
    verb right after it that the parser took for one ("In an interview with
    Mika Brzezinski, the candidate stated")."""
    following = last.nbor(1) if last.i + 1 < len(last.doc) else None
    return following is None or following.pos_ not in {"VERB", "AUX"}


def clean_title(tokens: list[Token]) -> str | None:
    """Text of a title phrase without edge punctuation or articles, or a
    clause inside it ("an adviser with whom Clinton corresponded" is an
    "adviser"), or None when it is no title: no noun, or a number or finite
    verb in it ("more than 20 percent", "Trump stirs ugliness")."""
    clause = next((t for t in tokens if _in_clause(t, tokens)), None)
    if clause is not None:
        tokens = tokens[: tokens.index(clause)]
    while tokens and (tokens[0].is_punct or tokens[0].dep_ == "det" or tokens[0].lower_ in HONORIFICS):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ in {"cc", "det"}):
        tokens = tokens[:-1]
    if not tokens:
        return None
    has_title_word = any(
        lemma(t).lower() in TITLE_NOUNS or t.lower_ in PRENOMINAL_TITLES or t.pos_ == "NOUN" for t in tokens
    )
    if not has_title_word:
        return None
    # A word with an article is a noun the tagger took for a verb ("the Gold Star parents").
    if any(
        (t.pos_ == "NUM" or t.tag_ in FINITE_VERB_TAGS) and not _hyphenated(t) and not _determined(t) for t in tokens
    ):
        return None
    text = tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text
    return " ".join(text.split())


def _spaced_dash(token: Token) -> bool:
    """Whether `token` is a dash with a space beside it, not a hyphen inside a word ("front-runner")."""
    before = token.i > 0 and bool(token.doc[token.i - 1].whitespace_)
    return token.text in DASHES and (bool(token.whitespace_) or before)


def _hyphenated(token: Token) -> bool:
    """Whether `token` is part of a hyphenated word ("take-a-back-seat-to-no-one", "two-term")."""
    doc = token.doc
    after = token.i + 1 < len(doc) and doc[token.i + 1].tag_ == "HYPH" and not token.whitespace_
    before = token.i > 0 and doc[token.i - 1].tag_ == "HYPH" and not doc[token.i - 1].whitespace_
    return after or before


def _in_clause(token: Token, tokens: list[Token]) -> bool:
    """Whether `token` belongs to a clause that starts inside `tokens` (a
    relative or participle clause after a title noun)."""
    heads = [t for t in tokens if t.dep_ in CLAUSE_DEPENDENCIES]
    return any(head.left_edge.i <= token.i <= head.right_edge.i for head in heads)


def description_title(head: Token, description: str) -> str:
    """The title a description gives: the description without its article,
    and with an "of" phrase after its noun ("head of the Service Employees
    International Union"), unless that phrase is no title (see `clean_title`)."""
    of = _of_phrase(head)
    if of is not None:
        left = [t for t in head.subtree if t.i <= head.i]
        title = clean_title(left + list(of.subtree))
        if title:
            return title
    return strip_article(description)


# -- the words of a title ------------------------------------------------------


def title_words(title: str) -> set[str]:
    """The words of a title, abbreviations spelt out ("Sen." -> "senator"),
    plurals also in the singular ("Morning Joe hosts" holds "host")."""
    words = {TITLE_ABBREVIATIONS.get(word, word) for word in title.lower().split()}
    return words | {word[:-1] for word in words if word.endswith("s")}


def party(words: Iterable[str]) -> set[str]:
    """The parties that `words` name ("republican" and "gop" are one)."""
    return {PARTY_WORDS[word] for word in words if word in PARTY_WORDS}


# -- the titles an article gives -----------------------------------------------


class TitleGiven(NamedTuple):
    """The article gives the person `name` the title `title` at offset `at`."""

    at: int
    name: str
    title: str


class TitleLookups(ABC):
    """The lookups of `Titles` (and of `TitlesSoFar`, which grows), over
    indices by a word of the title and by person that need not go through
    every title given."""

    # (a word of the title, whether "former" is one) -> its titles, in order of offset.
    _with_word: Mapping[tuple[str, bool], Sequence[TitleGiven]]
    # A word -> where a title with it is first given; (word, person) -> where first given to them.
    _first: Mapping[str, int]
    _first_to: Mapping[tuple[str, str], int]
    # A person -> their titles as (offset, title), in order.
    _of: Mapping[str, Sequence[tuple[int, str]]]
    # A person -> the parties their titles name, for those with any.
    parties: Mapping[str, AbstractSet[str]]

    @abstractmethod
    def all_given(self) -> tuple[TitleGiven, ...]:
        """Every title given, in order of offset."""

    def with_word(self, word: str) -> list[TitleGiven]:
        """The titles with `word` among their words (see `title_words`)."""
        return [*self._with_word.get((word, False), ()), *self._with_word.get((word, True), ())]

    def last_holder(self, word: str, before: int, *, former: bool, ruled_out: set[str]) -> str | None:
        """The person given last before offset `before` a title with `word`
        in it, other than those `ruled_out`: one whose title says "former" as
        `former` does if there is one, else any (of titles given at one
        offset, the greatest name)."""
        for wanted in (former, not former):
            titles = self._with_word.get((word, wanted), ())
            for n in range(bisect.bisect_left(titles, (before,)) - 1, -1, -1):
                if titles[n].name not in ruled_out:
                    return titles[n].name
        return None

    def only_others_hold(self, word: str, before: int, name: str) -> bool:
        """Whether titles with `word` were given before offset `before`, none of them to `name`."""
        never = before + 1
        return self._first.get(word, never) < before and not self._first_to.get((word, name), never) < before

    def near(self, name: str, at: int) -> str | None:
        """The last title given to `name` at or before offset `at`, else the first after it."""
        given = self._of.get(name)
        if not given:
            return None
        n = bisect.bisect_right(given, at, key=lambda entry: entry[0])
        return given[n - 1][1] if n else given[0][1]

    def given_to(self, name: str) -> tuple[tuple[int, str], ...]:
        """The titles given to `name`, as (offset, title) in order."""
        return tuple(self._of.get(name, ()))


@dataclass(frozen=True)
class Titles(TitleLookups):
    """The titles an article gives people, in order of offset, with lookups."""

    given: tuple[TitleGiven, ...]
    _with_word: Mapping[tuple[str, bool], Sequence[TitleGiven]] = field(compare=False, repr=False)
    _first: Mapping[str, int] = field(compare=False, repr=False)
    _first_to: Mapping[tuple[str, str], int] = field(compare=False, repr=False)
    _of: Mapping[str, Sequence[tuple[int, str]]] = field(compare=False, repr=False)
    parties: Mapping[str, AbstractSet[str]] = field(compare=False, repr=False)

    def all_given(self) -> tuple[TitleGiven, ...]:
        """Every title given, in order of offset."""
        return self.given

    @classmethod
    def of(cls, given: Iterable[TitleGiven]) -> Titles:
        """The index of the titles `given` (in any order)."""
        so_far = TitlesSoFar()
        for entry in given:
            so_far.add(entry)
        return so_far.freeze()


class TitlesSoFar(TitleLookups):
    """The titles an article gives, as a reading of it finds them one by
    one: the lookups of `Titles` on those found so far."""

    def __init__(self, given: Iterable[TitleGiven] = ()) -> None:
        self._given: list[TitleGiven] = []
        self._with_word: defaultdict[tuple[str, bool], list[TitleGiven]] = defaultdict(list)
        self._first: dict[str, int] = {}
        self._first_to: dict[tuple[str, str], int] = {}
        self._of: defaultdict[str, list[tuple[int, str]]] = defaultdict(list)
        self.parties: dict[str, set[str]] = {}
        for entry in given:
            self.add(entry)

    def add(self, entry: TitleGiven) -> None:
        """Note that the article gives `entry.name` the title `entry.title` at offset `entry.at`."""
        pos, name, title = entry
        self._given.append(entry)
        words = title_words(title)
        former = "former" in words
        for word in words:
            bisect.insort(self._with_word[word, former], entry)
            self._first[word] = min(self._first.get(word, pos), pos)
            self._first_to[word, name] = min(self._first_to.get((word, name), pos), pos)
        bisect.insort(self._of[name], (pos, title))
        named = party(title.lower().split())
        if named:
            self.parties.setdefault(name, set()).update(named)

    def all_given(self) -> tuple[TitleGiven, ...]:
        """Every title found so far, in order of offset."""
        return tuple(sorted(self._given))

    def freeze(self) -> Titles:
        """The titles found, as a `Titles` that no longer changes."""
        return Titles(
            given=self.all_given(),
            _with_word=MappingProxyType({key: tuple(value) for key, value in self._with_word.items()}),
            _first=MappingProxyType(dict(self._first)),
            _first_to=MappingProxyType(dict(self._first_to)),
            _of=MappingProxyType({key: tuple(value) for key, value in self._of.items()}),
            parties=MappingProxyType({key: frozenset(value) for key, value in self.parties.items()}),
        )
