"""Who a mention refers to, within one article: the full name a short name
stands for ("Clinton"), the person a description ("the senator") or a
pronoun ("he") means, the organisation "the company" means; and which of
these a cue's subject is (`route`).

Each is a function of what the article says of its people (`People`, or
for `canonical` anything `NamesKnown`), which it only reads: the same
question gets the same answer whenever it is asked.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Sequence
from typing import Literal, NamedTuple

from spacy.tokens import Span, Token

from quotes.constants import (
    FEMALE_PRONOUNS,
    MALE_PRONOUNS,
    ORGANIZATION_NOUNS,
    PLURAL_PRONOUNS,
    POLL_NOUNS,
    RELATION_PREPOSITIONS,
    RELATIONAL_TITLE_NOUNS,
    SHARE_WORDS,
    SUBJECT_DEPENDENCIES,
    TITLE_NOUNS,
)
from quotes.extract.gender import honorific_gender, noun_gender, pronoun_gender
from quotes.extract.names import (
    ORGANIZATION_LABELS,
    PERSON_LABELS,
    FullNames,
    has_capital,
    honorific,
    looks_like_full_name,
    name_words,
    named_organization,
    organization_text,
    proper_noun_run,
    same_person,
    untagged_name,
)
from quotes.extract.parsed import ParsedArticle, entity_of, lemma, offset, paragraph_index, token_range
from quotes.extract.people import Mention, NamesKnown, Organization, People, in_main_clause, organization_before
from quotes.extract.titles import closed, party, title_of, title_words
from quotes.kinds import Gender

# How many paragraphs back a pronoun or nominal looks for its person.
_LOOKBACK_PARAGRAPHS = 6
# How many paragraphs before the nearest subject of unknown gender "he" or
# "she" still prefers a subject known to agree.
_KNOWN_GENDER_PARAGRAPHS = 1
# How many paragraphs back a description ("the candidate") looks for the
# person it most likely means.
_SALIENCE_PARAGRAPHS = 2


# -- what a subject is ---------------------------------------------------------

# What a cue's subject is, and so how its speaker is found (see `route`).
RouteKind = Literal["relative pronoun", "person", "organization", "pronoun", "proper noun", "poll", "nominal"]


class Route(NamedTuple):
    """What a cue's subject is: `kind`, and the token to go on from (the
    subject; for a relative pronoun the noun it stands for; for a share of
    people polled the poll), with the entity of a person or organisation."""

    kind: RouteKind
    token: Token
    ent: Span | None = None


def route(names: FullNames, subject: Token) -> Route:
    """What the subject token of a cue is, in this order: a relative
    pronoun ("Healey, who said …"), a person's name (or a name in
    apposition to a title noun, "the minister, Rustem Umerov"), an
    organisation's name, a pronoun, a proper noun the model tagged as no
    entity, a share of those polled ("75 percent said"), else a noun phrase."""
    if subject.tag_ in {"WP", "WDT"} and subject.head.dep_ == "relcl" and subject.head.head != subject:
        return Route("relative pronoun", subject.head.head)
    ent = entity_of(subject)
    if ent is not None and (is_person(ent) or knows(names, ent)):
        return Route("person", subject, ent)
    appositive = _person_appositive(subject)
    if appositive is not None:
        return Route("person", subject, appositive)
    # A name has a capital letter: not "—and", tagged an organisation.
    if ent is not None and ent.label_ in ORGANIZATION_LABELS and has_capital(organization_text(ent)):
        return Route("organization", subject, ent)
    if subject.pos_ == "PRON":
        return Route("pronoun", subject)
    # A proper noun in lower case is a tagging slip ("the mogul told").
    proper = subject.pos_ == "PROPN" and subject.text[:1].isupper()
    if proper or untagged_name(subject) or known_name_word(names, subject):
        return Route("proper noun", subject)
    poll = _poll_behind(subject)
    if poll is not None:
        return Route("poll", poll)
    return Route("nominal", subject)


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


def knows(names: FullNames, ent: Span) -> bool:
    """Whether `ent` (whatever its label) names a person met elsewhere in
    the article: a form of one of its full names (which is what makes
    `canonical` give one of them)."""
    words = name_words(ent)
    return bool(words) and bool(names.fitting(names.spelt(" ".join(words))))


def known_name_word(names: FullNames, token: Token) -> bool:
    """Whether `token` is, as written, a word of a full name the article
    gives, with no article before it: "Trump" at the start of a
    sentence, which the tagger took for a common noun.

    Unlike `quotes.extract.names.untagged_name` and the roster's untagged
    mentions, it asks the article's full names, and takes the word whatever
    its tag or place in the sentence.
    """
    return (
        token.is_title
        and token.is_alpha
        # A word with a determiner heads a common noun phrase, capital or not.
        and not any(t.dep_ == "det" for t in token.children)
        # Only a word the article gives in a full name is safe to take for one.
        and token.text in names.words
    )


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


# -- full names ----------------------------------------------------------------


def canonical(known: NamesKnown, name: str, *, at: int = 0, honorific: str | None = None) -> str:
    """The fullest form the article gives of `name` ("Healey" -> "John Healey").

    A one-word name maps to a full name ending (or else starting) with
    that word; when several fit ("Clinton"), an honorific's gender picks
    one, else the full name mentioned last before `at`.
    """
    name = known.names.spelt(name)
    fits = known.names.fitting(name)
    if not fits:
        return name
    if len(fits) > 1 and honorific:
        gender = honorific_gender(honorific)
        matching = [full for full in fits if known.gender(full) == gender]
        fits = matching or fits
    if len(fits) > 1:
        # The one just named as a subject ("Bill Clinton spoke. Clinton
        # said …"), else the person the article is about: a surname
        # mentioned once for a relative or namesake ("his daughter Ivanka
        # Trump") does not take over the protagonist's other mentions.
        return _just_named(known, fits, at) or _protagonist(known, fits)
    return max(fits, key=lambda full: (len(full.split()), -known.names.position[full]))


def _just_named(known: NamesKnown, fits: list[str], at: int) -> str | None:
    """Of `fits`, the one whose full name is the subject of the last
    mention of any of them, when that is in the sentence of `at` or the one before."""
    last = known.last_mention(fits, at)
    if last is None or not last.is_subject:
        return None
    starts = known.sentence_starts
    here = bisect.bisect_right(starts, at) - 1
    there = bisect.bisect_right(starts, last.start) - 1
    return last.name if here - there <= 1 else None


def _protagonist(known: NamesKnown, fits: list[str]) -> str:
    """Of several full names that share a word, the one the article is
    about: the first it names (the headline's included), counting the
    forms of one name together ("Donald J. Trump", "Donald Trump"). A name
    only the headline gives comes last, as its capitals run words on into
    a name ("Trump Supporter Screams")."""
    parsed = known.parsed
    body = parsed.paragraphs[known.headlines].start if known.headlines < len(parsed.paragraphs) else 0
    found = {full: known.written.first_and_last(full) for full in fits}

    def rank(full: str) -> tuple[bool, int]:
        written = [where for other in fits if same_person(full, other) and (where := found[other]) is not None]
        if not written:
            return False, -len(parsed.text)
        return max(last for _, last in written) >= body, -min(first for first, _ in written)

    return max(fits, key=lambda full: (rank(full), len(full.split()), -known.names.position[full]))


# -- descriptions --------------------------------------------------------------


def is_description(head: Token) -> bool:
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


def description_text(parsed: ParsedArticle, head: Token) -> tuple[int, int, str]:
    """Offsets and text of a noun phrase up to its head ("the former
    secretary"), never reaching back into a quotation before it."""
    quoted = parsed.quoted(paragraph_index(head))
    inside = [t.i for t in head.doc[head.left_edge.i : head.i] if quoted.covers(t.idx)]
    first = inside[-1] + 1 if inside else head.left_edge.i
    tokens = [t for t in head.subtree if first <= t.i <= head.i and not t.is_punct] or [head]
    start, end = token_range(tokens)
    return start, end, parsed.text[start:end]


def described(people: People, head: Token, start: int) -> str | None:
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
    ruled_out = _ruled_out(people, head)
    holder = _title_holder(people, head, start, ruled_out)
    if holder is not None:
        return holder
    if noun in RELATIONAL_TITLE_NOUNS:
        return None
    gender = noun_gender(noun)

    def fits(m: Mention) -> bool:
        return m.name not in ruled_out and (gender is None or people.gender(m.name) in {gender, None})

    mentions = people.mentions
    before = mentions.before(start)
    acts_as_subject = _clause_verb(head) is not None
    # A description re-mentions someone the sentence has just named
    # ("Trump's call to ban Muslims — a position the nominee has since modified").
    sentence = offset(head.sent[0])
    earlier = mentions.items[mentions.before(sentence) : before]
    same_sentence = [m for m in earlier if m.sentence == sentence and fits(m)]
    if same_sentence and acts_as_subject:
        return same_sentence[-1].name
    # Guessing from prominence is only safe for the subject of a clause or
    # a possessor ("the nominee's speech"), not for "told the host".
    if not acts_as_subject and head.dep_ != "poss":
        return None
    named_next = _lede_subject(people, head, before, fits, ruled_out)
    if named_next is not None:
        return named_next
    return _most_mentioned(people, head, before, fits)


def described_person(people: People, head: Token, start: int) -> str | None:
    """The person a noun phrase headed by `head` at `start` names: for a
    definite description, see `described`; else the one relation it may
    name ("a spokesman for Clinton", see `_relation_holder`)."""
    return described(people, head, start) if is_description(head) else _relation_holder(people, head)


def _ruled_out(people: People, head: Token) -> set[str]:
    """People a description headed by `head` cannot refer to: those the
    sentence's grammar rules out (see `_bound_names`), those the article
    gives only a party other than the description's ("the Democratic
    candidate" is no "Republican senator"), and anyone named inside it."""
    return (
        _bound_names(people, head)
        | _other_party(people, party(t.lower_ for t in head.lefts))
        # No phrase refers to someone named inside it ("the hacker who exposed Clinton").
        | _names_at(people, list(head.subtree), pronouns=False)
    )


def _title_holder(people: People, head: Token, start: int, ruled_out: set[str]) -> str | None:
    """The person given last before `start` a title with the noun of
    `head` in it ("the senator" after "Sen. Ted Cruz"), other than those
    `ruled_out`; a former holder only for "the former …" when one fits."""
    # "the governor" is the one in office, not "the former governor".
    former = any(t.lower_ == "former" for t in head.lefts)
    return people.titles.last_holder(lemma(head).lower(), start, former=former, ruled_out=ruled_out)


def _lede_subject(
    people: People, head: Token, before: int, fits: Callable[[Mention], bool], ruled_out: set[str]
) -> str | None:
    """The person a description in a lede means, named a sentence later
    ("The head of the union is worried …. In an interview, Mary Kay
    Henry said"; see `_named_next`), when none of the `before` mentions
    before it that it could mean (that `fits`) is in the body; else None."""
    # A name only in the headline is no antecedent to prefer; one in the body is.
    body = people.mentions.from_paragraph(people.headlines)
    if any(fits(m) for m in itertools.islice(people.mentions.items, body, before)):
        return None
    # The sentence that leads to the next is about the description only
    # when it is in the main clause, not in a clause inside it.
    if not in_main_clause(head.head):
        return None
    return _named_next(people, head, ruled_out)


def _most_mentioned(people: People, head: Token, before: int, fits: Callable[[Mention], bool]) -> str | None:
    """Of the people that `fits` among those of the `before` mentions
    before `head` in its last `_SALIENCE_PARAGRAPHS` paragraphs, the one
    those mentions name most often, and of equals the one mentioned last;
    None if nobody is."""
    mentions = people.mentions
    first = mentions.from_paragraph(paragraph_index(head) - _SALIENCE_PARAGRAPHS)
    recent = [m for m in mentions.items[first:before] if fits(m)]
    if not recent:
        return None
    last_seen = {m.name: m.start for m in recent}
    counts = {name: mentions.count_of(name, before) for name in last_seen}
    return max(last_seen, key=lambda name: (counts[name], last_seen[name]))


def title_taken(people: People, head: Token, start: int, name: str) -> bool:
    """Whether the article has given the title noun of `head` only to
    others before `start`: "the senator" that grammar keeps from "Sen.
    Tom Reed" may still be guessed to be `name`, but is no title of theirs."""
    return people.titles.only_others_hold(lemma(head).lower(), start, name)


def _named_next(people: People, head: Token, ruled_out: set[str]) -> str | None:
    """The person named as the main subject of the first sentence after
    the one of `head` that names anyone, in the same or the next paragraph."""
    items = people.mentions.items
    first = people.mentions.after_sentence(offset(head.sent[0]))
    if first == len(items) or items[first].paragraph - paragraph_index(head) > 1:
        return None
    next_sentence = items[first].sentence
    later = (items[n] for n in range(first, len(items)))
    following = itertools.takewhile(lambda m: m.sentence == next_sentence, later)
    subjects = [m for m in following if m.is_main_subject and m.name not in ruled_out]
    return subjects[0].name if subjects else None


def _relation_holder(people: People, head: Token) -> str | None:
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
    titled = {given.name for given in people.titles.with_word(noun) if related & title_words(given.title)}
    holders = titled - _ruled_out(people, head) if titled else titled
    return holders.pop() if len(holders) == 1 else None


def _other_party(people: People, named: set[str]) -> set[str]:
    """People the article's titles put only in parties other than `named`
    (none when `named` is empty)."""
    if not named:
        return set()
    return {name for name, theirs in people.titles.parties.items() if not theirs & named}


def _bound_names(people: People, head: Token) -> set[str]:
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
                names |= _names_at(people, [child])
        # A relative clause's "who" or "whom" is the noun it describes
        # ("Hale, an adviser with whom the mayor corresponded": not Hale).
        if ancestor.dep_ == "relcl":
            modified = ancestor.head
            names |= _names_at(people, [modified, modified.head] if modified.dep_ == "appos" else [modified])
    verb = _clause_verb(head)
    if verb is not None:
        # A clause's own subject before the description may be the same
        # person ("Though Trump was unwilling, the front-runner did …").
        # A pronoun there may be bound by the description ("the governor
        # said that he, Christie, …"), and so may a name in apposition to it.
        names |= _names_at(
            people,
            [
                t
                for t in verb.subtree
                if t.i not in inside and not (t.i < head.i and _subject_word(t)) and not _restated(t)
            ],
            pronouns=False,
        )
    return names


def _names_at(people: People, tokens: list[Token], *, pronouns: bool = True) -> set[str]:
    """The people named by `tokens`: names the article mentions there,
    and what "he" or "she" among them stands for."""
    quoted = people.parsed.quoted(paragraph_index(tokens[0])) if tokens else None
    starts = {offset(ent[0]) for ent in map(entity_of, tokens) if ent is not None}
    names = {name for start in starts for name in people.mentions.named_at(start)}
    for token in tokens:
        # A pronoun inside a quotation is the speaker's, not the article's.
        if pronouns and token.lower_ in {"he", "she"} and quoted is not None and not quoted.covers(token.idx):
            antecedent = pronoun_antecedent(people, token)
            names.add(antecedent.name if antecedent is not None else "")
    return names - {""}


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


# -- pronouns ------------------------------------------------------------------


class Antecedent(NamedTuple):
    """The person `name` a pronoun stands for, and what made them its
    antecedent: "subject", "mention" or "proper-noun subject"."""

    name: str
    basis: str


def pronoun_antecedent(people: People, pronoun: Token) -> Antecedent | None:
    """The person "he" or "she" stands for: the nearest earlier subject
    (else mention) whose gender agrees, within `_LOOKBACK_PARAGRAPHS`
    paragraphs, else an untagged proper noun (see
    `_untagged_subject_before`). None for other pronouns ("they", "I",
    "it") and for a "he" or "she" with no such person."""
    lower = pronoun.lower_
    wanted = pronoun_gender(lower)
    if lower in PLURAL_PRONOUNS or lower not in MALE_PRONOUNS | FEMALE_PRONOUNS or wanted is None:
        return None
    start = offset(pronoun)
    mentions = people.mentions
    first = mentions.from_paragraph(paragraph_index(pronoun) - _LOOKBACK_PARAGRAPHS)
    recent = mentions.items[first : mentions.before(start)]
    candidates = [m for m in recent if people.gender(m.name) in {wanted, None}]
    if not candidates:
        name = _untagged_subject_before(people, pronoun, wanted)
        return Antecedent(name, "proper-noun subject") if name is not None else None
    # The nearest compatible subject, and of the subjects of one sentence
    # the main clause's ("Earnest said Obama was …. “…,” he said" is
    # Earnest); the nearest compatible mention else.
    subjects = [m for m in candidates if m.is_subject]
    # A subject known to agree beats one of unknown gender only nearby:
    # further back, the nearer subject is likelier whatever its gender.
    near = subjects[-1].paragraph - _KNOWN_GENDER_PARAGRAPHS if subjects else 0
    known = [m for m in subjects if people.gender(m.name) == wanted and m.paragraph >= near]
    pool = known or subjects or candidates
    last_sentence = [m for m in pool if m.sentence == pool[-1].sentence]
    chosen = ([m for m in last_sentence if m.is_main_subject] or last_sentence)[-1]
    return Antecedent(chosen.name, "subject" if subjects else "mention")


def _untagged_subject_before(people: People, pronoun: Token, wanted: Gender) -> str | None:
    """For "he" or "she" with no tagged person of that gender before it:
    the last capitalised proper noun that is a subject, outside
    quotations, in the pronoun's paragraph or the one before ("Burton
    explained from a podium. “…,” he said")."""
    here = paragraph_index(pronoun)
    start = offset(pronoun)
    for index in (here, here - 1):
        if index < 0:
            break
        doc, quoted = people.parsed.docs[index], people.parsed.quoted(index)
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
            name = canonical(people, proper_noun_run(token).text, at=start)
            if people.gender(name) not in {wanted, None}:  # "Mary Smith spoke. “…,” he said"
                continue
            return name
    return None


# -- organisations -------------------------------------------------------------


def described_organization(
    parsed: ParsedArticle, organizations: Sequence[Organization], head: Token, start: int
) -> str | None:
    """The organisation "the company" (a noun phrase headed by `head` at
    `start`) refers to: the one just named (see
    `quotes.extract.people.organization_before`); None for any other phrase."""
    noun = lemma(head).lower()
    if noun in ORGANIZATION_NOUNS and any(t.lower_ == "the" for t in head.lefts):
        return organization_before(organizations, parsed, start, noun=noun)
    return None
