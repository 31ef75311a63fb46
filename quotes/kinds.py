"""The closed vocabularies of a quote, as types: what `quotes extract`
writes, the database holds (CHECK constraints, revision 0008) and `quotes
load` accepts. Each `Literal` has a tuple of its values beside it, for
checks at run time."""

from __future__ import annotations

from typing import Literal, get_args

# A direct quotation, or a quoted fragment inside reported speech.
QuoteKind = Literal["direct", "partial"]
# Who a quote is attributed to: a named person or organisation, or a source the article does not name.
SpeakerType = Literal["person", "organization", "unnamed"]
# What a stored speaker is (a speaker of type "unnamed" is never stored as one).
PersonKind = Literal["person", "organization"]
# How the article refers to the speaker where the attribution rests.
MentionKind = Literal["named", "pronoun", "nominal"]
# How a quotation was attributed: the rule that found its speaker (see
# `quotes.extract.rules`), or "none" when no rule did.
Method = Literal[
    "syntax",
    "according",
    "label",
    "transcript",
    "colon",
    "byline",
    "possessor",
    "nearby",
    "verb",
    "continuation",
    "before",
    "none",
]
# A person's grammatical gender, as the article shows it.
Gender = Literal["m", "f"]

QUOTE_KINDS: tuple[QuoteKind, ...] = get_args(QuoteKind)
SPEAKER_TYPES: tuple[SpeakerType, ...] = get_args(SpeakerType)
PERSON_KINDS: tuple[PersonKind, ...] = get_args(PersonKind)
MENTION_KINDS: tuple[MentionKind, ...] = get_args(MentionKind)
METHODS: tuple[Method, ...] = get_args(Method)
