"""Speakers: who the subject of a cue, or the label of a transcript turn,
names, as a `Speaker`.

`resolve` and `labelled` are pure functions of the article's `Roster`: a
subject gets the same speaker whatever was resolved before it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from quotes.constants import ANSWER_LABEL, HONORIFICS, QUESTION_LABEL, TITLE_NOUNS
from quotes.extract.names import (
    honorific,
    name_words,
    organization_text,
    plain_words,
    proper_noun_run,
    strip_article,
    swallowed_speech_verb,
)
from quotes.extract.parsed import lemma, offset, token_range
from quotes.extract.refer import (
    canonical,
    described_organization,
    described_person,
    description_text,
    pronoun_antecedent,
    route,
    title_taken,
)
from quotes.extract.roster import Roster
from quotes.extract.spans import QuoteSpan
from quotes.extract.titles import description_title
from quotes.kinds import MentionKind, SpeakerType


@dataclass(frozen=True, kw_only=True)
class Speaker:
    """Who a quotation is attributed to, and the mention that says so: the
    speaker's `name` (None for an unnamed source), what they are (`type`),
    the mention at the cue (its offsets and text, and how it refers:
    `mention_kind`), the title the article gives them there, and `how`
    the mention was resolved (for the quote's evidence)."""

    name: str | None
    type: SpeakerType
    mention_start: int
    mention_end: int
    mention: str
    mention_kind: MentionKind
    title: str | None = None
    how: str = ""


def resolve(roster: Roster, subject: Token) -> Speaker:
    """The speaker behind the subject token of a cue, by what the subject is (see `route`)."""
    found = route(roster.people.names, subject)
    start = offset(subject)
    match found.kind:
        case "relative pronoun":
            # "Healey, who said …": the attribution rests on "who", the speaker is the noun.
            antecedent = resolve(roster, found.token)
            return replace(
                antecedent,
                mention_start=start,
                mention_end=start + len(subject.text),
                mention=subject.text,
                mention_kind="pronoun",
                how=f"relative pronoun {subject.text!r} -> {antecedent.mention!r}; {antecedent.how}",
            )
        case "person" if found.ent is not None:
            return _named(roster, found.ent)
        case "organization" if found.ent is not None:
            mention_start, mention_end = token_range(found.ent)
            return Speaker(
                name=roster.organization(organization_text(found.ent)),
                type="organization",
                mention_start=mention_start,
                mention_end=mention_end,
                mention=found.ent.text,
                mention_kind="named",
                how="organization",
            )
        case "pronoun":
            return _pronoun(roster, subject)
        case "proper noun":
            # The name: the run of proper nouns ending at the subject.
            mention_start, mention_end = token_range(proper_noun_run(subject))
            name = roster.people.parsed.text[mention_start:mention_end]
            full = canonical(roster.people, name, at=start)
            return Speaker(
                name=full,
                type="person",
                mention_start=mention_start,
                mention_end=mention_end,
                mention=name,
                mention_kind="named",
                title=roster.people.title_near(full, start),
                how="proper noun",
            )
        case "poll":
            speaker = _nominal(roster, found.token)
            return replace(speaker, how=f"{subject.text!r} of those polled -> {speaker.mention!r}; {speaker.how}")
        case _:
            return _nominal(roster, subject)


def _named(roster: Roster, ent: Span) -> Speaker:
    """A speaker named by entity `ent`, under the fullest form of the name."""
    if swallowed_speech_verb(ent):
        ent = ent[1:]
    start, end = token_range(ent)
    words = name_words(ent)
    full = canonical(roster.people, " ".join(words), at=start, honorific=honorific(ent)) if words else ent.text
    how = "named" if full == " ".join(words) else f"short name {' '.join(words)!r} of {full!r}"
    return Speaker(
        name=full,
        type="person",
        mention_start=start,
        mention_end=end,
        mention=ent.text,
        mention_kind="named",
        title=roster.people.title_near(full, start),
        how=how,
    )


def _pronoun(roster: Roster, pronoun: Token) -> Speaker:
    """A speaker referred to by a pronoun: "it" is the nearest organisation
    that is a subject, "he" or "she" the person it stands for (see
    `pronoun_antecedent`); other pronouns ("they", "I") stay unresolved."""
    start = offset(pronoun)
    end = start + len(pronoun.text)
    if pronoun.lower_ == "it":
        # "It added" after "the company wrote" or "GunBroker said".
        organization = roster.organization_before(start, subject=True)
        if organization is not None:
            return Speaker(
                name=organization,
                type="organization",
                mention_start=start,
                mention_end=end,
                mention=pronoun.text,
                mention_kind="pronoun",
                how=f"pronoun {pronoun.text!r} -> {organization!r} (nearest organisation subject)",
            )
    else:
        antecedent = pronoun_antecedent(roster.people, pronoun)
        if antecedent is not None:
            return Speaker(
                name=antecedent.name,
                type="person",
                mention_start=start,
                mention_end=end,
                mention=pronoun.text,
                mention_kind="pronoun",
                title=roster.people.title_near(antecedent.name, start),
                how=f"pronoun {pronoun.text!r} -> {antecedent.name!r} (nearest {antecedent.basis})",
            )
    return Speaker(
        name=None,
        type="unnamed",
        mention_start=start,
        mention_end=end,
        mention=pronoun.text,
        mention_kind="pronoun",
        how="pronoun not resolved",
    )


def _nominal(roster: Roster, head: Token) -> Speaker:
    """A speaker described by a noun phrase: "the minister" is the person
    that description refers to (see `described_person`), "the company"
    the organisation just named (see `described_organization`); anything
    else ("a spokeswoman") is an unnamed source, with its role as title."""
    people = roster.people
    start, end, description = description_text(people.parsed, head)
    name = described_person(people, head, start)
    if name is not None:
        title = None if title_taken(people, head, start, name) else description_title(head, description)
        return Speaker(
            name=name,
            type="person",
            mention_start=start,
            mention_end=end,
            mention=description,
            mention_kind="nominal",
            title=title,
            how=f"{description!r} -> {name!r}",
        )
    organization = described_organization(people.parsed, roster.organizations, head, start)
    if organization is not None:
        return Speaker(
            name=organization,
            type="organization",
            mention_start=start,
            mention_end=end,
            mention=description,
            mention_kind="nominal",
            how=f"{description!r} -> {organization!r}",
        )
    # "a spokeswoman for the ministry" keeps its role as the title; "a man" has none.
    role = strip_article(description) if lemma(head).lower() in TITLE_NOUNS else None
    return Speaker(
        name=None,
        type="unnamed",
        mention_start=start,
        mention_end=end,
        mention=description,
        mention_kind="nominal",
        title=role,
        how="unnamed source",
    )


def labelled(roster: Roster, turn: QuoteSpan) -> Speaker | None:
    """The speaker of a transcript turn, by its label: "TAPPER" and "JAKE
    TAPPER" the one person the article names so, "A" the interviewee (see
    `Roster.interviewee`), "Q" the interviewer (unnamed); None for a label
    that names nobody here ("CORRECTION", "UPDATE")."""
    label = turn.label or ""
    start = roster.people.parsed.paragraphs[turn.paragraph].start
    end = start + len(label)
    if label == QUESTION_LABEL:
        return Speaker(
            name=None,
            type="unnamed",
            mention_start=start,
            mention_end=end,
            mention=label,
            mention_kind="nominal",
            title="interviewer",
            how="transcript: the interviewer",
        )
    if label == ANSWER_LABEL:
        name = roster.interviewee
        kind: MentionKind = "nominal"
        how = "transcript: the interviewee, the first subject of the article's body"
    else:
        name = _labelled_person(roster, [w for w in label.lower().split() if w not in HONORIFICS])
        kind = "named"
        how = "transcript label"
    if name is None:
        return None
    return Speaker(
        name=name,
        type="person",
        mention_start=start,
        mention_end=end,
        mention=label,
        mention_kind=kind,
        title=roster.people.title_near(name, start),
        how=how,
    )


def _labelled_person(roster: Roster, words: list[str]) -> str | None:
    """The person a transcript label's `words` (lower case) name: of the
    people the article names with all those words, the most mentioned
    ("FALLIN" is "Mary Fallin"); else one another label gives in full
    ("JAKE TAPPER" and "TAPPER" are "Jake Tapper", see `Roster.label_names`);
    else None ("CORRECTION", "NEW DELHI")."""
    counts = {name: n for name, n in roster.mention_counts.items() if set(words) <= plain_words(name)}
    # "Fallin", "Gov Fallin" and "Mary Fallin" are one person: the fullest name stands for all.
    full = [n for n in counts if not any(plain_words(n) < plain_words(other) for other in counts)]
    if full:
        return max(full, key=lambda n: sum(c for other, c in counts.items() if plain_words(other) <= plain_words(n)))
    return roster.label_names.get(words[-1]) if words else None
