"""The roster of one article: the people and organisations it names, read
once from the parse (`read_roster`) into a frozen `Roster` that resolving
speakers then only reads (see `quotes.extract.resolve`).

The reading goes in stages, each reading only what earlier stages
finished:

1. the layout: how many leading paragraphs are headlines, where the
   sentences start;
2. the entities: the names of people (spaCy PERSON entities, and others
   `is_person` takes for people), and the organisations named outside
   quotations;
3. the organisations named, with the acronyms the article spells out;
4. the full names (two words or more), misspellings folded in, and the
   gender votes of their first names;
5. the mentions of people, in text order: each name's full form
   (`canonical`) and the gender votes of its honorific, wherever it is;
   outside quotations, the title given there, its gender votes and those
   of the pronouns after it, and the mention. A fold: which "Clinton" a
   name means depends on who was just named and on the votes cast before
   it, so each reads the mentions and votes of the names before it;
6. the mentions the model did not tag as people ("Podesta said" after
   "John Podesta"), each read against stage 5;
7. the definite descriptions ("the senator"): the person each refers to,
   the title it gives them and a mention. A fold in text order: each reads
   the mentions of stage 6, the genders of stage 5, the titles given
   before it (by names, stage 5, and by the descriptions before it), and
   the parties that stage 5's titles and those of the descriptions before
   it name;
8. the organisations "the company" refers to, among the subjects of the
   article's cues, in text order: each reads the people of stage 7 and the
   organisations named or referred to before it;
9. who a transcript's labels name: its interviewee, the surnames labels
   give in full, and how often each person is mentioned.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from spacy.tokens import Span, Token

from quotes.constants import HONORIFICS, INTERVIEW_VERBS, SUBJECT_DEPENDENCIES
from quotes.extract.gender import (
    NO_VOTES,
    GenderVotes,
    first_name_votes,
    honorific_votes,
    pronoun_votes,
    title_votes,
)
from quotes.extract.names import (
    FullNames,
    WrittenNames,
    honorific,
    initials,
    name_words,
    organization_text,
    proper_noun_run,
    web_names,
)
from quotes.extract.parsed import ParsedArticle, entity_of, lemma, offset, paragraph_index, token_range
from quotes.extract.people import Mention, Mentions, Organization, People, organization_before
from quotes.extract.refer import (
    canonical,
    described,
    described_organization,
    described_person,
    description_text,
    is_description,
    is_person,
    route,
    title_taken,
)
from quotes.extract.titles import TitleGiven, Titles, TitlesSoFar, description_title, title_of
from quotes.kinds import Gender

# Leading one-sentence paragraphs shorter than this are the headline and
# subhead, not the body (a news lede runs to 25 words or more); there are
# at most two of them.
_HEADLINE_WORDS = 20
_HEADLINE_PARAGRAPHS = 2


@dataclass(frozen=True)
class Roster:
    """The people and organisations of one article, as `read_roster` read
    them: what resolving a speaker reads, never changes."""

    people: People
    # The organisations named (outside quotations) and referred to ("the
    # company said"), in text order.
    organizations: tuple[Organization, ...]
    # An acronym ("DNC") -> the organisation's name in full, where the article gives it.
    acronyms: Mapping[str, str]
    # Who an interview's answers ("A:") are by (see `_interviewee`).
    interviewee: str | None
    # A surname -> the full name, of people a transcript names in full in
    # one label and by surname in another (see `_label_names`).
    label_names: Mapping[str, str]
    # A person -> how many mentions name them, in order of first mention.
    mention_counts: Mapping[str, int]

    def organization(self, name: str) -> str:
        """The fullest name the article gives an organisation ("DNC" -> "Democratic National Committee")."""
        return self.acronyms.get(name, name) if name.isupper() else name

    def organization_before(self, start: int, *, noun: str | None = None, subject: bool = False) -> str | None:
        """The organisation named or referred to last before `start` (see
        `quotes.extract.people.organization_before`)."""
        return organization_before(self.organizations, self.people.parsed, start, noun=noun, subject=subject)


def read_roster(parsed: ParsedArticle, subjects: Iterable[Token] = ()) -> Roster:
    """The roster of `parsed`, read in the stages the module describes;
    `subjects` are the subject tokens of the article's cues (see
    `quotes.extract.attribution`), for the organisations "the company"
    among them refers to."""
    headlines = _headline_count(parsed)
    sentence_starts = tuple(offset(sent[0]) for doc in parsed.docs for sent in doc.sents)
    persons, organization_spans = _entities(parsed)
    acronyms, named = _named_organizations(organization_spans)
    names = FullNames.learn([" ".join(words) for _, words in persons if len(words) > 1])
    first_names = {full: votes for full in names.names if (votes := first_name_votes(full)) != NO_VOTES}
    reading = _Reading(parsed, headlines, sentence_starts, names, WrittenNames(parsed, names), first_names)
    people = reading.read(persons)
    people = replace(people, mentions=_with_untagged(people))
    people = _with_descriptions(people)
    return Roster(
        people=people,
        organizations=_organization_references(people, named, subjects),
        acronyms=acronyms,
        interviewee=_interviewee(people),
        label_names=_label_names(parsed),
        mention_counts=MappingProxyType(dict(Counter(m.name for m in people.mentions.items))),
    )


# -- stages 1 to 3: layout, entities, organisations named ----------------------


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


def _entities(parsed: ParsedArticle) -> tuple[list[tuple[Span, list[str]]], list[Span]]:
    """The entities of `parsed` that name people, with their names' words,
    in text order; and the organisations named outside quotations (web
    sites included, see `web_names`), in text order."""
    persons: list[tuple[Span, list[str]]] = []
    organizations: list[Span] = []
    for doc in parsed.docs:
        quoted = parsed.quoted(doc.user_data["paragraph"])
        for ent in doc.ents:
            words = name_words(ent) if is_person(ent) else []
            if words:
                persons.append((ent, words))
            elif ent.label_ == "ORG" and not quoted.covers(ent.start_char):
                organizations.append(ent)
        organizations += web_names(doc, quoted)
    organizations.sort(key=lambda span: offset(span[0]))
    return persons, organizations


def _named_organizations(ents: list[Span]) -> tuple[Mapping[str, str], list[Organization]]:
    """The acronyms the article spells out ("the Democratic National
    Committee" … "the DNC"), and the organisations `ents` name, under their
    fullest names."""
    names = [organization_text(ent) for ent in ents]
    acronyms: dict[str, str] = {}
    for name in names:
        acronym = initials(name)
        if len(acronym) >= 2:
            acronyms.setdefault(acronym, name)
    organizations = []
    for ent, name in zip(ents, names, strict=True):
        start, _ = token_range(ent)
        is_subject = ent.root.dep_ in SUBJECT_DEPENDENCIES
        full = acronyms.get(name, name) if name.isupper() else name
        organizations.append(Organization(start, full, paragraph_index(ent), is_subject))
    return MappingProxyType(acronyms), organizations


# -- stages 4 and 5: full names, and the mentions of people --------------------


@dataclass
class _Reading:
    """Stage 5's fold over the article's person entities, in text order:
    what it knows when it reaches each (the full names, and the gender
    votes and mentions of the entities before it), which is what
    `canonical` reads to pick the full name a short one stands for."""

    parsed: ParsedArticle
    headlines: int
    sentence_starts: tuple[int, ...]
    names: FullNames
    written: WrittenNames
    votes: dict[str, GenderVotes]
    mentions: list[Mention] = field(default_factory=list)
    # A person -> the indices in `mentions` of their mentions.
    _of: dict[str, list[int]] = field(default_factory=dict)
    titles: list[TitleGiven] = field(default_factory=list)

    def gender(self, name: str) -> Gender | None:
        """The gender the votes cast so far give the person `name`."""
        return self.votes.get(name, NO_VOTES).decided()

    def last_mention(self, names: Iterable[str], before: int) -> Mention | None:
        """The last mention read so far before offset `before` of any of the people `names`."""
        count = bisect.bisect_left(self.mentions, before, key=lambda m: m.start)
        last = -1
        for name in names:
            indices = self._of.get(name, [])
            n = bisect.bisect_left(indices, count)
            if n:
                last = max(last, indices[n - 1])
        return self.mentions[last] if last >= 0 else None

    def read(self, persons: list[tuple[Span, list[str]]]) -> People:
        """Read `persons` (entities and their names' words, in text order):
        the People they make, with the titles given and the votes cast."""
        for ent, words in persons:
            self._read_person(ent, words)
        return People(
            parsed=self.parsed,
            headlines=self.headlines,
            sentence_starts=self.sentence_starts,
            names=self.names,
            mentions=Mentions.of(self.mentions),
            titles=Titles.of(self.titles),
            votes=MappingProxyType(dict(self.votes)),
            written=self.written,
        )

    def _read_person(self, ent: Span, words: list[str]) -> None:
        """Read one person entity: cast its votes, and outside a quotation
        note its title and its mention."""
        start, end = token_range(ent)
        name = canonical(self, " ".join(words), at=start, honorific=honorific(ent))
        self._vote(name, honorific_votes(honorific(ent)))
        if self.parsed.quoted(paragraph_index(ent)).covers(ent.start_char):
            # What a speaker calls someone is not the title the article gives them.
            return
        title = title_of(ent)
        if title:
            self.titles.append(TitleGiven(start, name, title))
            self._vote(name, title_votes(title))
        self._of.setdefault(name, []).append(len(self.mentions))
        self.mentions.append(Mention.at(ent, start, end, name, _verb_of_subject(ent.root)))
        # A surname two people share ("Clinton") may be either of them:
        # what follows it says nothing sure about one, unless an honorific
        # picked the one ("Mrs. Clinton").
        if ent.root.dep_ == "nsubj" and (len(self.names.containing(words)) <= 1 or honorific(ent)):
            self._vote(name, pronoun_votes(ent))

    def _vote(self, name: str, votes: GenderVotes) -> None:
        """Add `votes` to those for `name`."""
        if votes != NO_VOTES:
            self.votes[name] = self.votes.get(name, NO_VOTES).plus(votes)


def _verb_of_subject(root: Token) -> Token | None:
    """The verb a name headed by `root` is the subject of, if it is one: as
    parsed; as the name in apposition to the subject ("The group's leader,
    Jon Hale, warned"); or as the one an existential sentence brings on
    stage ("Then there's Axelrod."). Unlike descriptions' (see
    `quotes.extract.refer`), an appositive is never taken for a misread subject."""
    if root.dep_ in SUBJECT_DEPENDENCIES:
        return root.head
    # A name set off after the subject is that subject ("The group's leader, Jon Hale, warned").
    if root.dep_ == "appos" and root.head.dep_ in SUBJECT_DEPENDENCIES:
        return root.head.head
    # "there is X" brings X on stage as the clause's real subject.
    if root.dep_ == "attr" and any(child.dep_ == "expl" for child in root.head.children):
        return root.head
    return None


# -- stage 6: mentions the model did not tag -----------------------------------


def _with_untagged(people: People) -> Mentions:
    """The mentions of `people` and those of known people that the model
    did not tag as a person ("Podesta said" tagged ORG, or not at all,
    after "John Podesta"), so that a pronoun after them does not skip back
    past them; in text order."""
    parsed = people.parsed
    found: list[Mention] = []
    for doc in parsed.docs:
        quoted = parsed.quoted(doc.user_data["paragraph"])
        for token in doc:
            name = _untagged_mention(token)
            if name is None or quoted.covers(token.idx):
                continue
            words = name.text.split()
            full = canonical(people, " ".join(words), at=offset(name[0]))
            # Only a name the article gives in full elsewhere: a lone
            # capitalised word may be anything ("Will", "Apple").
            if full not in people.names.position or words[-1] != full.split()[-1]:
                continue
            start, end = token_range(name)
            found.append(Mention.at(token, start, end, full, _verb_of_subject(token)))
    return Mentions.of(sorted([*people.mentions.items, *found], key=lambda m: m.start))


def _untagged_mention(token: Token) -> Span | None:
    """The name ending at `token` when it is a proper noun heading its own
    phrase ("Podesta said", "Podesta's aides", not "the Podesta campaign")
    outside any person entity: the words of a name the model missed.

    Unlike `quotes.extract.names.untagged_name`, it gives the whole run of
    proper nouns, takes only a proper or common noun, a sentence's first
    word and a stop word too, and rules out person entities and longer
    entities; whether the article names anyone so is left to the caller.
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


# -- stage 7: descriptions -----------------------------------------------------


def _with_descriptions(people: People) -> People:
    """`people` with the definite descriptions ("the billionaire candidate",
    "the front-runner") linked to the people they describe: a title for
    them there, and a mention pronouns can refer back to.

    In text order, each description reads `people`'s mentions and the
    titles given before it, those of the descriptions before it included
    (the lookups of `TitlesSoFar` take the offset they are asked at)."""
    parsed = people.parsed
    titles = TitlesSoFar(people.titles.all_given())
    reading = replace(people, titles=titles)
    mentions = people.mentions
    found: list[Mention] = []
    for doc in parsed.docs:
        quoted = parsed.quoted(doc.user_data["paragraph"])
        for head in doc:
            if not is_description(head) or quoted.covers(head.idx):
                continue
            start, end, description = description_text(parsed, head)
            name = described(reading, head, start)
            if name is None:
                continue
            if not title_taken(reading, head, start, name):
                titles.add(TitleGiven(start, name, description_title(head, description)))
            sentence = offset(head.sent[0])
            earlier = mentions.items[mentions.before(sentence) : mentions.before(start)]
            if any(m.name == name and m.sentence == sentence for m in earlier):
                # A re-mention within a sentence tells pronouns nothing new.
                continue
            # Only a description parsed as a subject is one (not one misread as an appositive).
            verb = head.head if head.dep_ in SUBJECT_DEPENDENCIES else None
            found.append(Mention.at(head, start, end, name, verb))
    merged = Mentions.of(sorted([*mentions.items, *found], key=lambda m: m.start))
    return replace(people, mentions=merged, titles=titles.freeze())


# -- stage 8: organisations referred to ----------------------------------------


def _organization_references(
    people: People, named: Sequence[Organization], subjects: Iterable[Token]
) -> tuple[Organization, ...]:
    """The organisations `named`, and those the cues' `subjects` refer to
    ("the company wrote": the organisation just named), in text order.

    A subject refers to one when what it is (see `route`) leads to a noun
    phrase that names no person (see `described_person`). In text order,
    each reads the organisations named or referred to before it, so "the
    company" twice in a row is one organisation, and "it" after it (see
    `quotes.extract.resolve`) that organisation too."""
    parsed = people.parsed
    heads: dict[tuple[int, int], Token] = {}
    for subject in subjects:
        head = _nominal_head(people, subject)
        if head is not None:
            heads.setdefault((paragraph_index(head), head.i), head)
    phrases = []
    for head in heads.values():
        start, _, _ = description_text(parsed, head)
        if described_person(people, head, start) is None:
            phrases.append((start, head))
    phrases.sort(key=lambda phrase: phrase[0])
    organizations = list(named)
    for start, head in phrases:
        name = described_organization(parsed, organizations, head, start)
        if name is not None:
            bisect.insort(organizations, Organization(start, name, paragraph_index(head), True), key=lambda o: o.start)
    return tuple(organizations)


def _nominal_head(people: People, subject: Token) -> Token | None:
    """The head of the noun phrase a subject's speaker is to be read from
    (see `route`): the subject itself, the noun a relative pronoun stands
    for, or the poll a share of people polled is of; None for a name or a pronoun."""
    found = route(people.names, subject)
    seen = {subject.i}
    while found.kind == "relative pronoun" and found.token.i not in seen:
        seen.add(found.token.i)
        found = route(people.names, found.token)
    return found.token if found.kind in {"poll", "nominal"} else None


# -- stage 9: transcripts ------------------------------------------------------


def _interviewee(people: People) -> str | None:
    """Who an interview's answers are by: the first person who is the main
    subject of a sentence ("Vice President Joe Biden spent Thursday
    morning in St. Paul …"), in the body if any is there, else in the
    headline; else the first person named. Of a subject who interviews
    ("Jake Tapper spoke with Gov. Mary Fallin"), the person after it."""
    mentions = people.mentions.items
    subjects = [m for m in mentions if m.is_main_subject]
    in_body = [m for m in subjects if m.paragraph >= people.headlines]
    first = next(iter(in_body or subjects or mentions), None)
    if first is None:
        return None
    # "CNN's Jake Tapper spoke with Gov. Mary Fallin": the one spoken with.
    if _verb_of(people.parsed, first) in INTERVIEW_VERBS:
        spoken_with = [m for m in mentions if m.sentence == first.sentence and m.start > first.end]
        if spoken_with:
            return spoken_with[0].name
    return first.name


def _verb_of(parsed: ParsedArticle, mention: Mention) -> str | None:
    """The lemma of the verb `mention` is the subject of, if it is one."""
    base = parsed.paragraphs[mention.paragraph].start
    tokens = parsed.docs[mention.paragraph].char_span(mention.start - base, mention.end - base, alignment_mode="expand")
    return lemma(tokens.root.head).lower() if tokens is not None else None


def _label_names(parsed: ParsedArticle) -> Mapping[str, str]:
    """Surname -> full name, for the people a transcript names in full in
    one label and by surname in another ("JAKE TAPPER:", "TAPPER:"); a
    label used once ("NEW DELHI:", "EDITOR'S NOTE:") names nobody."""
    labels = [span.label.lower().split() for span in parsed.spans if span.label]
    surnames = {words[-1] for words in labels if len(words) == 1}
    return MappingProxyType(
        {
            words[-1]: " ".join(word.capitalize() for word in words if word not in HONORIFICS)
            for words in labels
            if len(words) >= 2 and words[-1] in surnames
        }
    )
