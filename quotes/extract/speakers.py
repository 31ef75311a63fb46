"""Speakers within one article: canonical names, pronouns, nominals and titles.

`ArticlePeople` reads every person the article names (spaCy PERSON entities)
and what it says about them: the fullest form of each name, the titles it
gives them and where, and their grammatical gender where the article shows it
(honorifics, gendered titles, the pronouns that follow them). `resolve` turns
the subject token of an attribution into a `Speaker`.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from quotes.constants import (
    ANSWER_LABEL,
    FEMALE_HONORIFICS,
    FEMALE_PRONOUNS,
    FEMALE_TITLE_NOUNS,
    HONORIFICS,
    INTERVIEW_VERBS,
    MALE_HONORIFICS,
    MALE_PRONOUNS,
    MALE_TITLE_NOUNS,
    ORGANIZATION_NOUNS,
    PLURAL_PRONOUNS,
    POLL_NOUNS,
    QUESTION_LABEL,
    RELATION_PREPOSITIONS,
    RELATIONAL_TITLE_NOUNS,
    SHARE_WORDS,
    SUBJECT_DEPENDENCIES,
    TITLE_NOUNS,
    first_name_sexes,
)
from quotes.extract.names import (
    ORGANIZATION_LABELS,
    PERSON_LABELS,
    _runs_on,
    _same_name_misspelt,
    _typo_keys,
    contains_in_order,
    has_capital,
    honorific,
    in_title_of_another,
    initials,
    looks_like_full_name,
    name_words,
    named_organization,
    near,
    organization_text,
    plain_words,
    proper_noun_run,
    same_person,
    strip_article,
    swallowed_speech_verb,
    untagged_name,
    web_names,
)
from quotes.extract.parsed import ParsedArticle, entity_of, lemma, offset, paragraph_index, token_range
from quotes.extract.spans import QuoteSpan
from quotes.extract.titles import closed, description_title, party, title_of, title_words

# How many paragraphs back a pronoun or nominal looks for its person.
_LOOKBACK_PARAGRAPHS = 6
# How many paragraphs before the nearest subject of unknown gender "he" or
# "she" still prefers a subject known to agree.
_KNOWN_GENDER_PARAGRAPHS = 1
# How many paragraphs back a description ("the candidate") looks for the
# person it most likely means.
_SALIENCE_PARAGRAPHS = 2
# How many paragraphs back "the company" or "it" looks for its organisation.
_ORGANIZATION_PARAGRAPHS = 2
# Leading one-sentence paragraphs shorter than this are the headline and
# subhead, not the body (a news lede runs to 25 words or more); there are
# at most two of them.
_HEADLINE_WORDS = 20
_HEADLINE_PARAGRAPHS = 2
# A word, as regular expressions see one (letters, digits and "_").
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Speaker:
    """Who a quotation is attributed to, and the mention that says so.

    `type` is "person", "organization" or "unnamed"; `mention_kind` is how the
    article refers to the speaker at the cue: "named", "pronoun" or "nominal".
    """

    name: str | None
    type: str
    mention_start: int
    mention_end: int
    mention: str
    mention_kind: str
    title: str | None = None
    how: str = ""


@dataclass
class _Mention:
    start: int
    end: int
    name: str
    is_subject: bool
    paragraph: int
    title: str | None = None
    # Article offset of the mention's sentence, and whether the mention is
    # the subject of that sentence's main clause ("Earnest said Obama …").
    sentence: int = 0
    is_main_subject: bool = False
    # Whether the mention gives more than one word of the name ("Bill Clinton", not "Clinton").
    in_full: bool = False

    @classmethod
    def at(
        cls,
        place: Span | Token,
        start: int,
        end: int,
        name: str,
        verb: Token | None,
        *,
        title: str | None = None,
        in_full: bool = False,
    ) -> _Mention:
        """A mention of `name` written at `place` (article offsets `start` to
        `end`), the subject of `verb` unless that is None."""
        return cls(
            start,
            end,
            name,
            verb is not None,
            paragraph_index(place),
            title,
            sentence=offset(place.sent[0]),
            is_main_subject=verb is not None and _in_main_clause(verb),
            in_full=in_full,
        )


@dataclass
class _Organization:
    start: int
    name: str
    paragraph: int
    is_subject: bool


@dataclass(frozen=True)
class _FullNames:
    """The full names an article gives, in order of first mention, with
    lookups that need not go through them all: by a word of theirs, by a
    last word a typo away (see `near`), and their place in that order."""

    position: dict[str, int]
    # A lower-case word -> the names with that word, in order.
    having: dict[str, list[str]]
    # A key of a lower-case last word (see `_typo_keys`) -> the names ending in that word.
    last_words: dict[str, list[str]]
    # Every word of every name, as written.
    words: frozenset[str]
    # A name -> the misspellings of it folded into it (see `ArticlePeople.spellings`), in order.
    misspellings: dict[str, list[str]]

    @classmethod
    def of(cls, names: list[str], spellings: dict[str, str] | None = None) -> _FullNames:
        having: dict[str, list[str]] = defaultdict(list)
        last_words: dict[str, list[str]] = defaultdict(list)
        for name in names:
            lowered = name.lower().split()
            for word in dict.fromkeys(lowered):
                having[word].append(name)
            for key in _typo_keys(lowered[-1]):
                last_words[key].append(name)
        position = {name: n for n, name in enumerate(names)}
        words = frozenset(word for name in names for word in name.split())
        misspellings: dict[str, list[str]] = defaultdict(list)
        for wrong, right in (spellings or {}).items():
            misspellings[right].append(wrong)
        return cls(position, dict(having), dict(last_words), words, dict(misspellings))

    def with_word(self, word: str) -> list[str]:
        """The names with the lower-case `word` among their words, in order."""
        return self.having.get(word, [])

    def ending_near(self, word: str) -> list[str]:
        """The names whose last word is a typo away from the lower-case `word` (see `near`), in order."""
        found = {name for key in _typo_keys(word) for name in self.last_words.get(key, ())}
        return [name for name in sorted(found, key=self.position.__getitem__) if near(name.lower().split()[-1], word)]


class _Titles:
    """The titles an article gives people, as (offset, canonical name,
    title), with lookups by a word of the title and by person that need not
    go through them all."""

    def __init__(self) -> None:
        # (a word of the title, whether "former" is one) -> its titles, in order of offset.
        self._with_word: dict[tuple[str, bool], list[tuple[int, str, str]]] = defaultdict(list)
        # A word -> where a title with it is first given; (word, person) -> where first given to them.
        self._first: dict[str, int] = {}
        self._first_to: dict[tuple[str, str], int] = {}
        # A person -> their titles as (offset, title), in order.
        self._of: dict[str, list[tuple[int, str]]] = defaultdict(list)
        # A person -> the parties their titles name, for those with any.
        self.parties: dict[str, set[str]] = {}

    def add(self, pos: int, name: str, title: str) -> None:
        """Note that the article gives `name` the title `title` at offset `pos`."""
        entry = (pos, name, title)
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

    def with_word(self, word: str) -> list[tuple[int, str, str]]:
        """The titles with `word` among their words (see `title_words`)."""
        return self._with_word.get((word, False), []) + self._with_word.get((word, True), [])

    def last_holder(self, word: str, before: int, *, former: bool, ruled_out: set[str]) -> str | None:
        """The person given last before offset `before` a title with `word`
        in it, other than those `ruled_out`: one whose title says "former" as
        `former` does if there is one, else any (of titles given at one
        offset, the greatest name)."""
        for wanted in (former, not former):
            titles = self._with_word.get((word, wanted), [])
            for n in range(bisect.bisect_left(titles, (before,)) - 1, -1, -1):
                if titles[n][1] not in ruled_out:
                    return titles[n][1]
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


@dataclass
class ArticlePeople:
    """What one article says about the people it names."""

    parsed: ParsedArticle
    # In text order (and so in order of sentence and paragraph).
    mentions: list[_Mention] = field(default_factory=list)
    full_names: list[str] = field(default_factory=list)
    gender_votes: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    titles: _Titles = field(default_factory=_Titles)
    # A misspelt full name ("Rence Priebus") -> the spelling the article uses most.
    spellings: dict[str, str] = field(default_factory=dict)
    organizations: list[_Organization] = field(default_factory=list)
    # An acronym ("DNC") -> the organisation's name in full, where the article gives it.
    acronyms: dict[str, str] = field(default_factory=dict)
    # How many leading paragraphs are the headline and subheads.
    headlines: int = 0
    # Article offsets of the sentences' starts (see `_sentence_starts`).
    sentence_starts: list[int] = field(default_factory=list)
    # The full names with their lookups (see `_learn_full_names`).
    names: _FullNames = field(default_factory=lambda: _FullNames.of([]))
    # A person -> the indices in `mentions` of their mentions; an offset ->
    # the people mentioned there (see `_add_mention`).
    _mentions_of: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    _named_there: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    # Where the article writes a full name (see `_named_at`), and a word's
    # offsets in the text, found once.
    _written_at: dict[str, tuple[int, int] | None] = field(default_factory=dict)
    _word_offsets: dict[str, list[int]] = field(default_factory=dict)
    # What transcript labels name (see `labelled`), found once per label.
    _labels: dict[tuple[str, ...], str | None] = field(default_factory=dict)

    @classmethod
    def read(cls, parsed: ParsedArticle) -> ArticlePeople:
        """Collect the people of `parsed` (mentions outside quotations only)."""
        people = cls(parsed, headlines=_headline_count(parsed))
        raw: list[tuple[Span, list[str]]] = []
        organizations: list[Span] = []
        for doc in parsed.docs:
            for ent in doc.ents:
                words = name_words(ent) if is_person(ent) else []
                if words:
                    raw.append((ent, words))
                elif ent.label_ == "ORG" and not parsed.quoted(paragraph_index(ent)).covers(ent.start_char):
                    organizations.append(ent)
            organizations += web_names(doc, parsed.quoted(doc.user_data["paragraph"]))
        organizations.sort(key=lambda span: offset(span[0]))
        people._read_organizations(organizations)
        people._learn_full_names([" ".join(words) for _, words in raw if len(words) > 1])
        people._vote_first_names()
        for ent, words in raw:
            start, end = token_range(ent)
            inside_quote = parsed.quoted(paragraph_index(ent)).covers(ent.start_char)
            canonical = people.canonical(" ".join(words), at=start, honorific=honorific(ent))
            people._vote_honorific(canonical, ent)
            if inside_quote:
                # What a speaker calls someone is not the title the article gives them.
                continue
            title = title_of(ent)
            if title:
                people.titles.add(start, canonical, title)
                people._vote_title(canonical, title)
            verb = _verb_of_subject(ent.root)
            people._add_mention(_Mention.at(ent, start, end, canonical, verb, title=title, in_full=len(words) > 1))
            # A surname two people share ("Clinton") may be either of them:
            # what follows it says nothing sure about one, unless an honorific
            # picked the one ("Mrs. Clinton").
            if ent.root.dep_ == "nsubj" and (len(people._namesakes(words)) <= 1 or honorific(ent)):
                people._vote_pronouns(canonical, ent)
        people._read_untagged_names()
        people._read_descriptions()
        return people

    def _read_untagged_names(self) -> None:
        """Add the mentions of known people that the model did not tag as a
        person ("Podesta said" tagged ORG, or not at all, after "John
        Podesta"), so that a pronoun after them does not skip back past them."""
        found: list[_Mention] = []
        for doc in self.parsed.docs:
            quoted = self.parsed.quoted(doc.user_data["paragraph"])
            for token in doc:
                name = _untagged_mention(token)
                if name is None or quoted.covers(token.idx):
                    continue
                words = name.text.split()
                canonical = self.canonical(" ".join(words), at=offset(name[0]))
                # Only a name the article gives in full elsewhere: a lone
                # capitalised word may be anything ("Will", "Apple").
                if canonical not in self.names.position or words[-1] != canonical.split()[-1]:
                    continue
                start, end = token_range(name)
                found.append(_Mention.at(token, start, end, canonical, _verb_of_subject(token)))
        self._set_mentions(sorted(self.mentions + found, key=lambda m: m.start))

    def _add_mention(self, mention: _Mention) -> None:
        """Add `mention`, which comes after all the others in the text."""
        self._mentions_of[mention.name].append(len(self.mentions))
        self._named_there[mention.start].add(mention.name)
        self.mentions.append(mention)

    def _set_mentions(self, mentions: list[_Mention]) -> None:
        """Make `mentions` (in text order) the article's mentions."""
        self.mentions = []
        self._mentions_of.clear()
        self._named_there.clear()
        for mention in mentions:
            self._add_mention(mention)

    def _mentions_before(self, start: int) -> int:
        """How many mentions start before offset `start` (they are the first ones)."""
        return bisect.bisect_left(self.mentions, start, key=lambda m: m.start)

    def _mentions_from_paragraph(self, paragraph: int) -> int:
        """The index of the first mention in paragraph `paragraph` or after it."""
        return bisect.bisect_left(self.mentions, paragraph, key=lambda m: m.paragraph)

    def _read_organizations(self, ents: list[Span]) -> None:
        """Note the organisations the article names, outside quotations, and
        the acronyms it spells out ("the Democratic National Committee" …
        "the DNC")."""
        names = [organization_text(ent) for ent in ents]
        for name in names:
            acronym = initials(name)
            if len(acronym) >= 2:
                self.acronyms.setdefault(acronym, name)
        for ent, name in zip(ents, names, strict=True):
            start, _ = token_range(ent)
            is_subject = ent.root.dep_ in SUBJECT_DEPENDENCIES
            self._add_organization(_Organization(start, self.organization(name), paragraph_index(ent), is_subject))

    def _add_organization(self, organization: _Organization) -> None:
        """Add `organization`, in text order."""
        bisect.insort(self.organizations, organization, key=lambda org: org.start)

    def organization(self, name: str) -> str:
        """The fullest name the article gives an organisation ("DNC" -> "Democratic National Committee")."""
        return self.acronyms.get(name, name) if name.isupper() else name

    def _organization_before(self, start: int, *, noun: str | None = None, subject: bool = False) -> str | None:
        """The organisation mentioned last before `start`, within a paragraph
        or two: one whose name has `noun` in it if any ("the committee"), a
        subject if `subject` ("It added" after "the company wrote")."""
        here = self.parsed.paragraph_at(start)
        first = bisect.bisect_left(self.organizations, here - _ORGANIZATION_PARAGRAPHS, key=lambda org: org.paragraph)
        end = bisect.bisect_left(self.organizations, start, key=lambda org: org.start)
        recent = [org for org in self.organizations[first:end] if org.is_subject or not subject]
        named = [org for org in recent if noun is not None and noun in org.name.lower().split()]
        chosen = named or recent
        return chosen[-1].name if chosen else None

    def _read_descriptions(self) -> None:
        """Link definite descriptions ("the billionaire candidate", "the
        front-runner") to the people they describe: a title for them there,
        and a mention pronouns can refer back to."""
        found: list[_Mention] = []
        for doc in self.parsed.docs:
            local_spans = self.parsed.quoted(doc.user_data["paragraph"])
            for head in doc:
                if not _is_description(head) or local_spans.covers(head.idx):
                    continue
                start, end, description = self._description_text(head)
                name = self.described(head, start)
                if name is None:
                    continue
                if not self._title_taken(head, start, name):
                    self.titles.add(start, name, description_title(head, description))
                sentence = offset(head.sent[0])
                earlier = self.mentions[self._mentions_before(sentence) : self._mentions_before(start)]
                if any(m.name == name and m.sentence == sentence for m in earlier):
                    # A re-mention within a sentence tells pronouns nothing new.
                    continue
                # Only a description parsed as a subject is one (not one misread as an appositive).
                verb = head.head if head.dep_ in SUBJECT_DEPENDENCIES else None
                found.append(_Mention.at(head, start, end, name, verb))
        self._set_mentions(sorted(self.mentions + found, key=lambda m: m.start))

    def _description_text(self, head: Token) -> tuple[int, int, str]:
        """Offsets and text of a noun phrase up to its head ("the former
        secretary"), never reaching back into a quotation before it."""
        quoted = self.parsed.quoted(paragraph_index(head))
        inside = [t.i for t in head.doc[head.left_edge.i : head.i] if quoted.covers(t.idx)]
        first = inside[-1] + 1 if inside else head.left_edge.i
        tokens = [t for t in head.subtree if first <= t.i <= head.i and not t.is_punct] or [head]
        start, end = token_range(tokens)
        return start, end, self.parsed.text[start:end]

    def described(self, head: Token, start: int) -> str | None:
        """The person a definite description headed by `head` at `start` refers to, or None.

        The nearest earlier holder of a title with that noun ("the senator"
        after "Sen. Ted Cruz"; see `_title_holder`). Else, for a noun that is
        not relational ("the candidate", not "the spokesman"), one of the
        people mentioned before it whose gender does not contradict the noun's
        ("the congresswoman"):

        - for the subject of a clause, the one named last earlier in the same
          sentence;
        - for a subject or a possessor ("the nominee's speech") before the
          body names anyone who fits, the main subject of the next sentence
          that names someone (see `_lede_subject`);
        - else, for a subject or a possessor, the one the article mentions
          most often, of those mentioned in the last `_SALIENCE_PARAGRAPHS`
          paragraphs (see `_most_mentioned`).

        Never a person that `_ruled_out` excludes.
        """
        noun = lemma(head).lower()
        ruled_out = self._ruled_out(head)
        holder = self._title_holder(head, start, ruled_out)
        if holder is not None:
            return holder
        if noun in RELATIONAL_TITLE_NOUNS:
            return None
        gender = "m" if noun in MALE_TITLE_NOUNS else "f" if noun in FEMALE_TITLE_NOUNS else None

        def fits(m: _Mention) -> bool:
            return m.name not in ruled_out and (gender is None or self.gender(m.name) in {gender, None})

        before = self._mentions_before(start)
        acts_as_subject = _clause_verb(head) is not None
        # A description re-mentions someone the sentence has just named
        # ("Trump's call to ban Muslims — a position the nominee has since modified").
        sentence = offset(head.sent[0])
        earlier = self.mentions[self._mentions_before(sentence) : before]
        same_sentence = [m for m in earlier if m.sentence == sentence and fits(m)]
        if same_sentence and acts_as_subject:
            return same_sentence[-1].name
        # Guessing from prominence is only safe for the subject of a clause or
        # a possessor ("the nominee's speech"), not for "told the host".
        if not acts_as_subject and head.dep_ != "poss":
            return None
        named_next = self._lede_subject(head, before, fits, ruled_out)
        if named_next is not None:
            return named_next
        return self._most_mentioned(head, before, fits)

    def _ruled_out(self, head: Token) -> set[str]:
        """People a description headed by `head` cannot refer to: those the
        sentence's grammar rules out (see `_bound_names`), those the article
        gives only a party other than the description's ("the Democratic
        candidate" is no "Republican senator"), and anyone named inside it."""
        return (
            self._bound_names(head)
            | self._other_party(party([t.lower_ for t in head.lefts]))
            # No phrase refers to someone named inside it ("the hacker who exposed Clinton").
            | self._names_at(list(head.subtree), pronouns=False)
        )

    def _title_holder(self, head: Token, start: int, ruled_out: set[str]) -> str | None:
        """The person given last before `start` a title with the noun of
        `head` in it ("the senator" after "Sen. Ted Cruz"), other than those
        `ruled_out`; a former holder only for "the former …" when one fits."""
        # "the governor" is the one in office, not "the former governor".
        former = any(t.lower_ == "former" for t in head.lefts)
        return self.titles.last_holder(lemma(head).lower(), start, former=former, ruled_out=ruled_out)

    def _lede_subject(
        self, head: Token, before: int, fits: Callable[[_Mention], bool], ruled_out: set[str]
    ) -> str | None:
        """The person a description in a lede means, named a sentence later
        ("The head of the union is worried …. In an interview, Mary Kay
        Henry said"; see `_named_next`), when none of the `before` mentions
        before it that it could mean (that `fits`) is in the body; else None."""
        # A name only in the headline is no antecedent to prefer; one in the body is.
        body = self._mentions_from_paragraph(self.headlines)
        if any(fits(m) for m in itertools.islice(self.mentions, body, before)):
            return None
        # The sentence that leads to the next is about the description only
        # when it is in the main clause, not in a clause inside it.
        if not _in_main_clause(head.head):
            return None
        return self._named_next(head, ruled_out)

    def _most_mentioned(self, head: Token, before: int, fits: Callable[[_Mention], bool]) -> str | None:
        """Of the people that `fits` among those of the `before` mentions
        before `head` in its last `_SALIENCE_PARAGRAPHS` paragraphs, the one
        those mentions name most often, and of equals the one mentioned last;
        None if nobody is."""
        here = paragraph_index(head)
        first = self._mentions_from_paragraph(here - _SALIENCE_PARAGRAPHS)
        recent = [m for m in self.mentions[first:before] if fits(m)]
        if not recent:
            return None
        last_seen = {m.name: m.start for m in recent}
        counts = {name: bisect.bisect_left(self._mentions_of[name], before) for name in last_seen}
        return max(last_seen, key=lambda name: (counts[name], last_seen[name]))

    def _title_taken(self, head: Token, start: int, name: str) -> bool:
        """Whether the article has given the title noun of `head` only to
        others before `start`: "the senator" that grammar keeps from "Sen.
        Tom Reed" may still be guessed to be `name`, but is no title of theirs."""
        return self.titles.only_others_hold(lemma(head).lower(), start, name)

    def _named_next(self, head: Token, ruled_out: set[str]) -> str | None:
        """The person named as the main subject of the first sentence after
        the one of `head` that names anyone, in the same or the next paragraph."""
        sentence = offset(head.sent[0])
        here = paragraph_index(head)
        first = bisect.bisect_right(self.mentions, sentence, key=lambda m: m.sentence)
        if first == len(self.mentions) or self.mentions[first].paragraph - here > 1:
            return None
        next_sentence = self.mentions[first].sentence
        later = (self.mentions[n] for n in range(first, len(self.mentions)))
        following = itertools.takewhile(lambda m: m.sentence == next_sentence, later)
        subjects = [m for m in following if m.is_main_subject and m.name not in ruled_out]
        return subjects[0].name if subjects else None

    def _relation_holder(self, head: Token) -> str | None:
        """The one person the article gives a title with the noun of `head`
        and the name it relates to: "a spokesman for Hillary Clinton" is
        "Clinton spokesman Brian Fallon", before or after it; else None."""
        noun = lemma(head).lower()
        if noun not in RELATIONAL_TITLE_NOUNS:
            return None
        owners = [c for c in head.children if c.dep_ == "poss"] + [
            o for prep in head.rights if prep.lower_ in RELATION_PREPOSITIONS for o in prep.children if o.dep_ == "pobj"
        ]
        related = {t.lower_ for owner in owners for t in owner.subtree if t.pos_ == "PROPN"}
        titled = {name for _, name, title in self.titles.with_word(noun) if related & title_words(title)}
        holders = titled - self._ruled_out(head) if titled else titled
        return holders.pop() if len(holders) == 1 else None

    def _other_party(self, party: set[str]) -> set[str]:
        """People the article's titles put only in parties other than `party`
        (none when `party` is empty)."""
        if not party:
            return set()
        return {name for name, theirs in self.titles.parties.items() if not theirs & party}

    def _bound_names(self, head: Token) -> set[str]:
        """People a description headed by `head` cannot refer to: a writer
        would have used a pronoun (binding theory's principle C). They are the
        subjects of the clauses it sits in ("Netanyahu will meet Trump when
        the front-runner arrives": not Netanyahu) and anyone named in the
        clause it is the subject of ("the head of the union is worried about
        what Trump is stirring up": not Trump)."""
        inside = range(head.left_edge.i, head.right_edge.i + 1)
        names: set[str] = set()
        for ancestor in head.ancestors:
            for child in ancestor.children:
                if child.dep_ in SUBJECT_DEPENDENCIES and child.i not in inside:
                    names |= self._names_at([child])
            # A relative clause's "who" or "whom" is the noun it describes
            # ("Hale, an adviser with whom the mayor corresponded": not Hale).
            if ancestor.dep_ == "relcl":
                modified = ancestor.head
                names |= self._names_at([modified, modified.head] if modified.dep_ == "appos" else [modified])
        verb = _clause_verb(head)
        if verb is not None:
            # A clause's own subject before the description may be the same
            # person ("Though Trump was unwilling, the front-runner did …").
            # A pronoun there may be bound by the description ("the governor
            # said that he, Christie, …"), and so may a name in apposition to it.
            names |= self._names_at(
                [
                    t
                    for t in verb.subtree
                    if t.i not in inside and not (t.i < head.i and _subject_word(t)) and not _restated(t)
                ],
                pronouns=False,
            )
        return names

    def _names_at(self, tokens: list[Token], *, pronouns: bool = True) -> set[str]:
        """The people named by `tokens`: names the article mentions there,
        and what "he" or "she" among them stands for."""
        quoted = self.parsed.quoted(paragraph_index(tokens[0])) if tokens else None
        starts = {offset(ent[0]) for ent in map(entity_of, tokens) if ent is not None}
        names = {name for start in starts for name in self._named_there.get(start, ())}
        for token in tokens:
            # A pronoun inside a quotation is the speaker's, not the article's.
            if pronouns and token.lower_ in {"he", "she"} and quoted is not None and not quoted.covers(token.idx):
                names.add(self._pronoun(token).name or "")
        return names - {""}

    # -- names ---------------------------------------------------------------

    def canonical(self, name: str, *, at: int = 0, honorific: str | None = None) -> str:
        """The fullest form the article gives of `name` ("Healey" -> "John Healey").

        A one-word name maps to a full name ending (or else starting) with
        that word; when several fit ("Clinton"), an honorific's gender picks
        one, else the full name mentioned last before `at`.
        """
        name = self.spellings.get(name, name)
        words = name.split()
        if not words:
            return name
        lowered = [w.lower() for w in words]
        fits = [full for full in self.names.with_word(lowered[0]) if contains_in_order(full.lower().split(), lowered)]
        if not fits and len(words) == 1:
            # A misspelt surname ("Labbot" for "Labott").
            fits = self.names.ending_near(lowered[0])
        if not fits:
            return name
        if len(fits) > 1 and honorific:
            gender = "m" if honorific in MALE_HONORIFICS else "f" if honorific in FEMALE_HONORIFICS else None
            matching = [full for full in fits if self.gender(full) == gender]
            fits = matching or fits
        if len(fits) > 1:
            # The one just named as a subject ("Bill Clinton spoke. Clinton
            # said …"), else the person the article is about: a surname
            # mentioned once for a relative or namesake ("his daughter Ivanka
            # Trump") does not take over the protagonist's other mentions.
            return self._just_named(fits, at) or self._protagonist(fits)
        return max(fits, key=lambda full: (len(full.split()), -self.names.position[full]))

    def _just_named(self, fits: list[str], at: int) -> str | None:
        """Of `fits`, the one whose full name is the subject of the last
        mention of any of them, when that is in the sentence of `at` or the one before."""
        before = self._mentions_before(at)
        last = max((n for full in fits if (n := self._last_mention(full, before)) is not None), default=None)
        if last is None or not self.mentions[last].is_subject:
            return None
        starts = self._sentence_starts()
        here = bisect.bisect_right(starts, at) - 1
        there = bisect.bisect_right(starts, self.mentions[last].start) - 1
        return self.mentions[last].name if here - there <= 1 else None

    def _last_mention(self, name: str, before: int) -> int | None:
        """The index of the last of the first `before` mentions that names `name`, if any."""
        indices = self._mentions_of.get(name, [])
        n = bisect.bisect_left(indices, before)
        return indices[n - 1] if n else None

    def _protagonist(self, fits: list[str]) -> str:
        """Of several full names that share a word, the one the article is
        about: the first it names (the headline's included), counting the
        forms of one name together ("Donald J. Trump", "Donald Trump"). A name
        only the headline gives comes last, as its capitals run words on into
        a name ("Trump Supporter Screams")."""
        text = self.parsed.text
        body = self.parsed.paragraphs[self.headlines].start if self.headlines < len(self.parsed.paragraphs) else 0
        found = {full: self._named_at(full) for full in fits}

        def rank(full: str) -> tuple[bool, int]:
            written = [where for other in fits if same_person(full, other) and (where := found[other]) is not None]
            if not written:
                return False, -len(text)
            return max(last for _, last in written) >= body, -min(first for first, _ in written)

        return max(fits, key=lambda full: (rank(full), len(full.split()), -self.names.position[full]))

    def _named_at(self, full: str) -> tuple[int, int] | None:
        """The first and the last offset where the article writes `full` (or
        a misspelling of it), except in the title of someone else ("former
        Bill Clinton pollster Douglas Schoen" introduces Schoen, not Bill
        Clinton); None if it never does. Found once per name."""
        if full not in self._written_at:
            forms = [full, *self.names.misspellings.get(full, ())]
            found: list[int] = []
            for form in forms:
                for start in self._written(form):
                    doc = self.parsed.docs[self.parsed.paragraph_at(start)]
                    base: int = doc.user_data["offset"]
                    span = doc.char_span(start - base, start + len(form) - base, alignment_mode="expand")
                    if span is None or not in_title_of_another(span):
                        found.append(start)
            self._written_at[full] = (min(found), max(found)) if found else None
        return self._written_at[full]

    def _written(self, form: str) -> list[int]:
        """The offsets where the text has `form` as whole words (not inside a
        longer word), left to right and not overlapping, as a regular
        expression finds them. Only the offsets of `form`'s first word are
        tried: the text's words and their offsets are listed once."""
        text = self.parsed.text
        first = _WORD.match(form)
        if first is None:  # not a name's form: no word to start from
            return [m.start() for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text)]
        if not self._word_offsets:
            for word in _WORD.finditer(text):
                self._word_offsets.setdefault(word.group(), []).append(word.start())
        found: list[int] = []
        for start in self._word_offsets.get(first.group(), []):
            end = start + len(form)
            after_last = not found or start >= found[-1] + len(form)
            if after_last and text.startswith(form, start) and (end == len(text) or not _WORD.match(text, end)):
                found.append(start)
        return found

    def _sentence_starts(self) -> list[int]:
        """Article offsets of the starts of all sentences, in order (computed once)."""
        if not self.sentence_starts:
            self.sentence_starts = [offset(sent[0]) for doc in self.parsed.docs for sent in doc.sents]
        return self.sentence_starts

    def _learn_full_names(self, names: list[str]) -> None:
        """Keep the article's full names in order of first mention, folding
        misspellings (one letter off in one word) into the commonest spelling
        and names run on by a headline's words into the name itself."""
        counts = Counter(names)
        first_at: dict[str, int] = {}
        for n, name in enumerate(names):
            first_at.setdefault(name, n)
        # A kept name -> its place in `full_names`; a kept name's lower-case
        # words with one left out (its place, and the others) -> the names.
        kept_at: dict[str, int] = {}
        but_one: dict[tuple[int, tuple[str, ...]], list[str]] = defaultdict(list)
        for name in sorted(counts, key=lambda n: (-counts[n], len(n.split()), first_at[n])):
            # A rarer name that runs on past a commoner one is a misread
            # headline ("Ted Cruz Refuses to …"): the same person.
            words, lowered = name.split(), name.lower().split()
            candidates = [" ".join(words[:n]) for n in range(1, len(words))] + [
                k for i in range(len(lowered)) for k in but_one.get((i, (*lowered[:i], *lowered[i + 1 :])), ())
            ]
            matching = [k for k in candidates if k in kept_at and (_same_name_misspelt(k, name) or _runs_on(name, k))]
            kept = min(matching, key=kept_at.__getitem__, default=None)
            if kept is None:
                kept_at[name] = len(self.full_names)
                self.full_names.append(name)
                for i in range(len(lowered)):
                    but_one[i, (*lowered[:i], *lowered[i + 1 :])].append(name)
            elif kept != name:
                self.spellings[name] = kept
        self.full_names.sort(key=first_at.__getitem__)
        self.names = _FullNames.of(self.full_names, self.spellings)

    def _known_name_word(self, token: Token) -> bool:
        """Whether `token` is, as written, a word of a full name the article
        gives, with no article before it: "Trump" at the start of a
        sentence, which the tagger took for a common noun.

        Unlike `untagged_name` and `_untagged_mention`, it asks the
        article's full names, and takes the word whatever its tag or place in
        the sentence.
        """
        return (
            token.is_title
            and token.is_alpha
            # A word with a determiner heads a common noun phrase, capital or not.
            and not any(t.dep_ == "det" for t in token.children)
            # Only a word the article gives in a full name is safe to take for one.
            and token.text in self.names.words
        )

    def knows(self, ent: Span) -> bool:
        """Whether `ent` (whatever its label) names a person met elsewhere in the article."""
        words = name_words(ent)
        return bool(words) and self.canonical(" ".join(words)) in self.names.position

    # -- gender --------------------------------------------------------------

    def gender(self, canonical: str) -> str | None:
        """ "m", "f" or None (unknown or contradictory) for a person."""
        votes = self.gender_votes.get(canonical)
        if not votes:
            return None
        (best, count), *rest = votes.most_common(2) + [("", 0)]
        return best if count > 2 * rest[0][1] else None

    def _vote_first_names(self) -> None:
        # The usual sex of a first name ("Caroline", "Ben"): outweighed by one
        # honorific or gendered title, or by a few pronouns after the name.
        sexes = first_name_sexes()
        for full in self.full_names:
            sex = sexes.get(full.split()[0].lower())
            if sex:
                self.gender_votes[full][sex] += 2

    def _vote_honorific(self, canonical: str, ent: Span) -> None:
        given = honorific(ent)
        if given in MALE_HONORIFICS:
            self.gender_votes[canonical]["m"] += 3
        elif given in FEMALE_HONORIFICS:
            self.gender_votes[canonical]["f"] += 3

    def _vote_title(self, canonical: str, title: str) -> None:
        words = set(title.lower().split())
        if words & MALE_TITLE_NOUNS:
            self.gender_votes[canonical]["m"] += 2
        if words & FEMALE_TITLE_NOUNS:
            self.gender_votes[canonical]["f"] += 2

    def _vote_pronouns(self, canonical: str, ent: Span) -> None:
        # Pronouns later in the sentence where the person is the subject
        # usually refer back to them ("Healey said he …").
        for token in ent.sent[ent.end - ent.sent.start :]:
            lower = token.lower_
            if lower in MALE_PRONOUNS:
                self.gender_votes[canonical]["m"] += 1
            elif lower in FEMALE_PRONOUNS:
                self.gender_votes[canonical]["f"] += 1

    # -- titles --------------------------------------------------------------

    def title_near(self, canonical: str, at: int) -> str | None:
        """The title the article gives `canonical` at offset `at`: the last one
        given at or before it (what the reader knows the person as by then),
        else the first one given after it ("“…,” said Ann Cole, the mayor")."""
        return self.titles.near(canonical, at)

    # -- resolution ----------------------------------------------------------

    def resolve(self, subject: Token) -> Speaker:
        """The speaker behind the subject token of a cue."""
        if subject.tag_ in {"WP", "WDT"} and subject.head.dep_ == "relcl" and subject.head.head != subject:
            # "Healey, who said …": the attribution rests on "who", the speaker is the noun.
            antecedent = self.resolve(subject.head.head)
            start = offset(subject)
            return replace(
                antecedent,
                mention_start=start,
                mention_end=start + len(subject.text),
                mention=subject.text,
                mention_kind="pronoun",
                how=f"relative pronoun {subject.text!r} -> {antecedent.mention!r}; {antecedent.how}",
            )
        start = offset(subject)
        ent = entity_of(subject)
        if ent is not None and (is_person(ent) or self.knows(ent)):
            return self._named(ent)
        appositive = _person_appositive(subject)
        if appositive is not None:
            return self._named(appositive)
        # A name has a capital letter: not "—and", tagged an organisation.
        if ent is not None and ent.label_ in ORGANIZATION_LABELS and has_capital(organization_text(ent)):
            mention_start, mention_end = token_range(ent)
            name = self.organization(organization_text(ent))
            return Speaker(name, "organization", mention_start, mention_end, ent.text, "named", how="organization")
        if subject.pos_ == "PRON":
            return self._pronoun(subject)
        # A proper noun in lower case is a tagging slip ("the mogul told").
        proper = subject.pos_ == "PROPN" and subject.text[:1].isupper()
        if proper or untagged_name(subject) or self._known_name_word(subject):
            # The name: the run of proper nouns ending at the subject.
            mention_start, mention_end = token_range(proper_noun_run(subject))
            name = self.parsed.text[mention_start:mention_end]
            canonical = self.canonical(name, at=start)
            title = self.title_near(canonical, start)
            return Speaker(canonical, "person", mention_start, mention_end, name, "named", title, "proper noun")
        poll = _poll_behind(subject)
        if poll is not None:
            speaker = self._nominal(poll)
            return replace(speaker, how=f"{subject.text!r} of those polled -> {speaker.mention!r}; {speaker.how}")
        return self._nominal(subject)

    def labelled(self, turn: QuoteSpan) -> Speaker | None:
        """The speaker of a transcript turn, by its label: "TAPPER" and "JAKE
        TAPPER" the one person the article names so, "A" the interviewee (see
        `_interviewee`), "Q" the interviewer (unnamed); None for a label that
        names nobody here ("CORRECTION", "UPDATE")."""
        label = turn.label or ""
        start = self.parsed.paragraphs[turn.paragraph].start
        end = start + len(label)
        if label == QUESTION_LABEL:
            return Speaker(None, "unnamed", start, end, label, "nominal", "interviewer", "transcript: the interviewer")
        if label == ANSWER_LABEL:
            name = self._interviewee
            if name is None:
                return None
            how = "transcript: the interviewee, the first subject of the article's body"
            return Speaker(name, "person", start, end, label, "nominal", self.title_near(name, start), how)
        words = tuple(w for w in label.lower().split() if w not in HONORIFICS)
        if words not in self._labels:
            self._labels[words] = self._labelled_person(list(words))
        name = self._labels[words]
        if name is None:
            return None
        return Speaker(name, "person", start, end, label, "named", self.title_near(name, start), "transcript label")

    def _labelled_person(self, words: list[str]) -> str | None:
        """The person a transcript label's `words` (lower case) name: of the
        people the article names with all those words, the most mentioned
        ("FALLIN" is "Mary Fallin"); else one another label gives in full
        ("JAKE TAPPER" and "TAPPER" are "Jake Tapper", see `_label_names`);
        else None ("CORRECTION", "NEW DELHI")."""
        counts = Counter(m.name for m in self.mentions if set(words) <= plain_words(m.name))
        # "Fallin", "Gov Fallin" and "Mary Fallin" are one person: the fullest name stands for all.
        full = [n for n in counts if not any(plain_words(n) < plain_words(other) for other in counts)]
        if full:
            return max(
                full, key=lambda n: sum(c for other, c in counts.items() if plain_words(other) <= plain_words(n))
            )
        return self._label_names.get(words[-1]) if words else None

    @functools.cached_property
    def _label_names(self) -> dict[str, str]:
        """Surname -> full name, for the people a transcript names in full in
        one label and by surname in another ("JAKE TAPPER:", "TAPPER:"); a
        label used once ("NEW DELHI:", "EDITOR'S NOTE:") names nobody."""
        labels = [span.label.lower().split() for span in self.parsed.spans if span.label]
        surnames = {words[-1] for words in labels if len(words) == 1}
        return {
            words[-1]: " ".join(word.capitalize() for word in words if word not in HONORIFICS)
            for words in labels
            if len(words) >= 2 and words[-1] in surnames
        }

    @functools.cached_property
    def _interviewee(self) -> str | None:
        """Who an interview's answers are by: the first person who is the main
        subject of a sentence ("Vice President Joe Biden spent Thursday
        morning in St. Paul …"), in the body if any is there, else in the
        headline; else the first person named. Of a subject who interviews
        ("Jake Tapper spoke with Gov. Mary Fallin"), the person after it."""
        subjects = [m for m in self.mentions if m.is_main_subject]
        in_body = [m for m in subjects if m.paragraph >= self.headlines]
        first = next(iter(in_body or subjects or self.mentions), None)
        if first is None:
            return None
        # "CNN's Jake Tapper spoke with Gov. Mary Fallin": the one spoken with.
        if self._verb_of(first) in INTERVIEW_VERBS:
            spoken_with = [m for m in self.mentions if m.sentence == first.sentence and m.start > first.end]
            if spoken_with:
                return spoken_with[0].name
        return first.name

    def _verb_of(self, mention: _Mention) -> str | None:
        """The lemma of the verb `mention` is the subject of, if it is one."""
        base = self.parsed.paragraphs[mention.paragraph].start
        tokens = self.parsed.docs[mention.paragraph].char_span(
            mention.start - base, mention.end - base, alignment_mode="expand"
        )
        return lemma(tokens.root.head).lower() if tokens is not None else None

    def _named(self, ent: Span) -> Speaker:
        """A speaker named by entity `ent`, under the fullest form of the name."""
        if swallowed_speech_verb(ent):
            ent = ent[1:]
        start, end = token_range(ent)
        words = name_words(ent)
        canonical = self.canonical(" ".join(words), at=start, honorific=honorific(ent)) if words else ent.text
        title = self.title_near(canonical, start)
        how = "named" if canonical == " ".join(words) else f"short name {' '.join(words)!r} of {canonical!r}"
        return Speaker(canonical, "person", start, end, ent.text, "named", title, how)

    def _pronoun(self, pronoun: Token) -> Speaker:
        """A speaker referred to by "he" or "she": the nearest earlier subject
        (else mention) whose gender agrees, within `_LOOKBACK_PARAGRAPHS`.
        Other pronouns ("they", "I") stay unresolved."""
        start = offset(pronoun)
        end = start + len(pronoun.text)
        lower = pronoun.lower_
        unresolved = Speaker(None, "unnamed", start, end, pronoun.text, "pronoun", how="pronoun not resolved")
        if lower == "it":
            # "It added" after "the company wrote" or "GunBroker said".
            organization = self._organization_before(start, subject=True)
            if organization is None:
                return unresolved
            how = f"pronoun {pronoun.text!r} -> {organization!r} (nearest organisation subject)"
            return Speaker(organization, "organization", start, end, pronoun.text, "pronoun", how=how)
        if lower in PLURAL_PRONOUNS or lower not in MALE_PRONOUNS | FEMALE_PRONOUNS:
            return unresolved
        wanted = "m" if lower in MALE_PRONOUNS else "f"
        here = paragraph_index(pronoun)
        first = self._mentions_from_paragraph(here - _LOOKBACK_PARAGRAPHS)
        recent = self.mentions[first : self._mentions_before(start)]
        candidates = [m for m in recent if self.gender(m.name) in {wanted, None}]
        if not candidates:
            return self._untagged_subject_before(pronoun, wanted) or unresolved
        # The nearest compatible subject, and of the subjects of one sentence
        # the main clause's ("Earnest said Obama was …. “…,” he said" is
        # Earnest); the nearest compatible mention else.
        subjects = [m for m in candidates if m.is_subject]
        # A subject known to agree beats one of unknown gender only nearby:
        # further back, the nearer subject is likelier whatever its gender.
        near = subjects[-1].paragraph - _KNOWN_GENDER_PARAGRAPHS if subjects else 0
        known = [m for m in subjects if self.gender(m.name) == wanted and m.paragraph >= near]
        pool = known or subjects or candidates
        last_sentence = [m for m in pool if m.sentence == pool[-1].sentence]
        chosen = ([m for m in last_sentence if m.is_main_subject] or last_sentence)[-1]
        title = self.title_near(chosen.name, start)
        how = f"pronoun {pronoun.text!r} -> {chosen.name!r} (nearest {'subject' if subjects else 'mention'})"
        return Speaker(chosen.name, "person", start, end, pronoun.text, "pronoun", title, how)

    def _untagged_subject_before(self, pronoun: Token, wanted: str) -> Speaker | None:
        """For "he" or "she" with no tagged person of that gender before it:
        the last capitalised proper noun that is a subject, outside
        quotations, in the pronoun's paragraph or the one before ("Burton
        explained from a podium. “…,” he said")."""
        here = paragraph_index(pronoun)
        start = offset(pronoun)
        for index in (here, here - 1):
            if index < 0:
                break
            doc, quoted = self.parsed.docs[index], self.parsed.quoted(index)
            before = doc[: pronoun.i] if index == here else doc[:]
            for token in reversed(before):
                if (
                    token.dep_ != "nsubj"
                    or token.pos_ != "PROPN"
                    or not token.text[:1].isupper()  # a name is capitalised
                    or token.ent_type_ in PERSON_LABELS  # a tagged person was a candidate already
                    or named_organization(token)
                    or quoted.covers(token.idx)  # what a speaker calls someone
                ):
                    continue
                name = self.canonical(proper_noun_run(token).text, at=start)
                if self.gender(name) not in {wanted, None}:  # "Mary Smith spoke. “…,” he said"
                    continue
                how = f"pronoun {pronoun.text!r} -> {name!r} (nearest proper-noun subject)"
                end = start + len(pronoun.text)
                return Speaker(name, "person", start, end, pronoun.text, "pronoun", self.title_near(name, start), how)
        return None

    def _namesakes(self, words: list[str]) -> list[str]:
        """The full names the article gives that contain the name `words` ("Clinton")."""
        lowered = [w.lower() for w in words if w.lower() not in HONORIFICS]
        if not lowered:
            return []
        return [full for full in self.names.with_word(lowered[0]) if contains_in_order(full.lower().split(), lowered)]

    def _nominal(self, head: Token) -> Speaker:
        """A speaker described by a noun phrase: "the minister" is the person
        that description refers to (see `described`); anything else ("a
        spokeswoman") is an unnamed source, with its role as title."""
        start, end, description = self._description_text(head)
        name = self.described(head, start) if _is_description(head) else self._relation_holder(head)
        if name is not None:
            title = None if self._title_taken(head, start, name) else description_title(head, description)
            return Speaker(name, "person", start, end, description, "nominal", title, f"{description!r} -> {name!r}")
        noun = lemma(head).lower()
        if noun in ORGANIZATION_NOUNS and any(t.lower_ == "the" for t in head.lefts):
            # "the company wrote": the organisation just named.
            organization = self._organization_before(start, noun=noun)
            if organization is not None:
                self._add_organization(_Organization(start, organization, paragraph_index(head), True))
                how = f"{description!r} -> {organization!r}"
                return Speaker(organization, "organization", start, end, description, "nominal", how=how)
        # "a spokeswoman for the ministry" keeps its role as the title; "a man" has none.
        role = strip_article(description) if lemma(head).lower() in TITLE_NOUNS else None
        return Speaker(None, "unnamed", start, end, description, "nominal", role, "unnamed source")


def _poll_behind(subject: Token) -> Token | None:
    """The poll whose figure `subject` is ("In a Post-ABC News poll, 75
    percent said …"): the last poll or survey named before it in its
    sentence, else in the sentence before; None if `subject` is no share of people."""
    if not (subject.like_num or lemma(subject).lower() in SHARE_WORDS):
        return None
    sentence = subject.sent
    before = subject.doc[sentence.start : subject.i]
    if sentence.start > 0:
        before = subject.doc[subject.doc[sentence.start - 1].sent.start : subject.i]
    polls = [t for t in before if t.pos_ == "NOUN" and lemma(t).lower() in POLL_NOUNS]
    return polls[-1] if polls else None


def _is_description(head: Token) -> bool:
    """Whether `head` heads a definite description of one person ("the
    Republican presidential front-runner"), not one of a name ("the senator,
    Ted Cruz,"), nor of a relation to someone ("the spokesman for Healey")."""
    return (
        head.pos_ == "NOUN"
        and head.tag_ == "NN"
        and lemma(head).lower() in TITLE_NOUNS
        and any(t.dep_ == "det" and t.lower_ == "the" for t in head.lefts)
        and not any(t.dep_ == "appos" for t in head.rights)
        and (head.dep_ not in {"appos", "attr", "oprd"} or _misread_subject(head))
        and not any(t.dep_ == "prep" and t.lower_ in {"for", "to"} for t in head.rights)
    )


def _name_root(token: Token) -> Token:
    """The root of the entity `token` is part of, or `token` itself outside any entity."""
    ent = entity_of(token)
    return ent.root if ent is not None else token


def _subject_word(token: Token) -> bool:
    """Whether `token`, or the name it is part of, is parsed as the subject
    of a clause (unlike `_clause_verb`, not when misread as an appositive)."""
    return _name_root(token).dep_ in SUBJECT_DEPENDENCIES


def _restated(token: Token) -> bool:
    """Whether `token`, or the name it is part of, is in apposition ("he, Christie,")."""
    root = _name_root(token)
    # The parser may hang the name on the pronoun as another modifier ("he, Christie, was").
    after_pronoun = root.head.pos_ == "PRON" and root.head.i == root.i - 2 and root.doc[root.i - 1].text == ","
    return root.dep_ == "appos" or after_pronoun


def _misread_subject(head: Token) -> bool:
    """Whether `head`, parsed as an appositive, is the subject of the verb
    right after it ("In an interview with Mika Brzezinski, the candidate stated")."""
    return head.dep_ == "appos" and not closed(head.right_edge)


def _clause_verb(head: Token) -> Token | None:
    """The verb of the clause a description headed by `head` is the subject
    of, as parsed or misread as an appositive (see `_misread_subject`); None
    when it is no subject."""
    if head.dep_ in SUBJECT_DEPENDENCIES:
        return head.head
    # `closed` has found a verb right after the appositive, so there is a next token.
    return head.doc[head.right_edge.i + 1] if _misread_subject(head) else None


def _verb_of_subject(root: Token) -> Token | None:
    """The verb a name headed by `root` is the subject of, if it is one: as
    parsed; as the name in apposition to the subject ("The group's leader,
    Jon Hale, warned"); or as the one an existential sentence brings on
    stage ("Then there's Axelrod."). Unlike `_clause_verb` (for
    descriptions), an appositive is never taken for a misread subject."""
    if root.dep_ in SUBJECT_DEPENDENCIES:
        return root.head
    # A name set off after the subject is that subject ("The group's leader, Jon Hale, warned").
    if root.dep_ == "appos" and root.head.dep_ in SUBJECT_DEPENDENCIES:
        return root.head.head
    # "there is X" brings X on stage as the clause's real subject.
    if root.dep_ == "attr" and any(child.dep_ == "expl" for child in root.head.children):
        return root.head
    return None


def _in_main_clause(verb: Token) -> bool:
    """Whether `verb` is its sentence's main verb or joined to it ("… and said")."""
    while verb.dep_ == "conj" and verb.head != verb:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _untagged_mention(token: Token) -> Span | None:
    """The name ending at `token` when it is a proper noun heading its own
    phrase ("Podesta said", "Podesta's aides", not "the Podesta campaign")
    outside any person entity: the words of a name the model missed.

    Unlike `untagged_name`, it gives the whole run of proper nouns, takes
    only a proper or common noun, a sentence's first word and a stop word
    too, and rules out person entities and longer entities; whether the
    article names anyone so is left to the caller.
    """
    # The tagger often takes a surname for a common noun ("Trump at the time said").
    if token.pos_ not in {"PROPN", "NOUN"} or token.dep_ == "compound" or not token.is_title:
        return None
    ent = entity_of(token)
    # A person entity is a mention already; a longer organisation or place
    # named after someone ("Trump Tower") is no mention of them.
    if ent is not None and (is_person(ent) or len([t for t in ent if t.tag_ != "POS"]) > 1):
        return None
    return proper_noun_run(token)


def is_person(ent: Span) -> bool:
    """Whether an entity names a person.

    The small English model often labels a person ORG or GPE ("Rustem
    Umerov", "Healey"); a name the article gives a title or an honorific is a
    person whatever its label.
    """
    if ent.label_ in PERSON_LABELS:
        return True
    if ent.label_ not in ORGANIZATION_LABELS or not all(t.pos_ == "PROPN" for t in ent):
        return False
    return honorific(ent) is not None or title_of(ent) is not None or looks_like_full_name(ent)


def _person_appositive(head: Token) -> Span | None:
    """A named person in apposition to a title noun ("the minister, Rustem Umerov")."""
    if head.pos_ != "NOUN":
        return None
    for child in head.children:
        if child.dep_ == "appos":
            ent = entity_of(child)
            if ent is not None and (ent.label_ in PERSON_LABELS or ent.label_ in ORGANIZATION_LABELS):
                return ent
    return None


def _headline_count(parsed: ParsedArticle) -> int:
    """How many leading paragraphs are a headline or subhead: one short sentence each."""
    count = 0
    for doc in parsed.docs[:_HEADLINE_PARAGRAPHS]:
        sentences = list(doc.sents)
        words = [t for t in doc if not t.is_punct and not t.is_space]
        if len(sentences) != 1 or len(words) >= _HEADLINE_WORDS:
            break
        count += 1
    return count
