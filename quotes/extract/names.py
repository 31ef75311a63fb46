"""Names: the words of a name as written, honorifics, typos, whether two
names are forms of one, and organisations' names. Pure functions over
tokens and strings.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from quotes.constants import (
    ARTICLES,
    HONORIFICS,
    ORGANIZATION_WORDS,
    PRENOMINAL_TITLES,
    TITLE_NOUNS,
    first_name_sexes,
    is_speech_verb_form,
)
from quotes.extract.parsed import entity_of, lemma
from quotes.extract.spans import Quoted

# Entity labels of people, and of organisations, places and groups (which
# the small model also gives many a person: "Rustem Umerov", "Healey").
PERSON_LABELS = frozenset({"PERSON"})
ORGANIZATION_LABELS = frozenset({"ORG", "GPE", "NORP"})
# Words shorter than this are not corrected as typos ("Dog" is not "Doug").
_MIN_TYPO_WORD = 3
# Words that end the phrase after a name, not the name ("Juan Manriquez of Boston").
_NAME_TAIL_WORDS = frozenset({"of", "and", "for"})
# Dashes and quotation marks the tokenizer leaves glued to a name's front.
GLUED_MARKS = "-—–―\"“”'‘’"
# Honorifics and titles before a name, without their full stops ("gov", "mr").
_TITLE_WORDS = frozenset(word.rstrip(".") for word in HONORIFICS | PRENOMINAL_TITLES)
# Short words an acronym leaves out ("Democratic National Committee" is "DNC").
_ACRONYM_SKIPS = frozenset({"of", "for", "the", "and", "&"})


# -- a name as written ---------------------------------------------------------


def name_words(ent: Span) -> list[str]:
    """The words of a person's name as written ("Jean-Luc Picard"), without a
    leading honorific, title or swallowed speech verb, a possessive, or
    punctuation at the edges."""
    tokens = list(ent)
    # A possessive or a word of the phrase after the name ("Juan Manriquez of").
    while tokens and (tokens[-1].is_punct or tokens[-1].tag_ == "POS" or tokens[-1].lower_ in _NAME_TAIL_WORDS):
        tokens = tokens[:-1]
    while tokens and (
        tokens[0].is_punct
        or tokens[0].tag_ == "POS"  # "’s Clinton": the possessive of the word before
        # "Gov.", "Gov" in a headline, "-President" in a byline
        or tokens[0].lower_.lstrip(GLUED_MARKS).rstrip(".") in _TITLE_WORDS
    ):
        tokens = tokens[1:]
    if swallowed_speech_verb(tokens):
        tokens = tokens[1:]
    words = ent.doc[tokens[0].i : tokens[-1].i + 1].text.split() if tokens else []
    # A dash or mark glued to the name ("-Craig Fehrman", a dash byline).
    if words:
        words[0] = words[0].lstrip(GLUED_MARKS)
    return [word for word in words if word]


def honorific(ent: Span) -> str | None:
    """The honorific right before or at the start of `ent`, lower-cased."""
    first = ent[0].lower_
    if first in HONORIFICS:
        return first
    if ent.start > 0 and ent.doc[ent.start - 1].lower_ in HONORIFICS:
        return ent.doc[ent.start - 1].lower_
    return None


def swallowed_speech_verb(tokens: Span | list[Token]) -> bool:
    """Whether a name's `tokens` start with a speech verb the entity
    swallowed ("Stated Roger Stone:"), with two tokens or more after it."""
    return len(tokens) > 2 and is_speech_verb_form(tokens[0].lower_)


def plain_words(name: str) -> set[str]:
    """The words of `name` in lower case, bar honorifics and titles ("Gov Fallin" -> {"fallin"})."""
    return {word for word in name.lower().replace(".", "").split() if word not in _TITLE_WORDS}


def looks_like_full_name(ent: Span) -> bool:
    """A first name and a surname or two ("Caroline Mills"), not an
    organisation or place named after someone ("Virginia Tech", "Ford Motor")."""
    words = [t for t in ent if not t.is_punct]
    return (
        2 <= len(words) <= 3
        and all(t.is_title and t.is_alpha for t in words)
        and words[0].lower_ in first_name_sexes()
        and not any(t.lower_ in ORGANIZATION_WORDS for t in words[1:])
    )


def has_capital(name: str) -> bool:
    """Whether `name` has a capital letter, as every name has."""
    return any(char.isupper() for char in name)


def untagged_name(token: Token) -> bool:
    """Whether `token` is a capitalised word inside a sentence that the
    tagger did not take for a proper noun ("said Skelly", tagged an adverb).

    Unlike `quotes.extract.speakers`' `_untagged_mention` and
    `ArticlePeople._known_name_word`, it takes an adverb, adjective
    or verb too, never a sentence's first word nor a stop word, and does
    not ask whether the article names anyone so.
    """
    return (
        token.is_title
        and token.is_alpha
        # A sentence's first word is capitalised whatever it is.
        and not token.is_sent_start
        # "The", "But" and the like are capitalised for other reasons.
        and not token.is_stop
        # A proper noun is a name already; other tags are the tagger's usual misreadings.
        and token.pos_ in {"ADV", "ADJ", "VERB", "NOUN"}
    )


def proper_noun_run(last: Token) -> Span:
    """The run of proper nouns compounded onto `last`, ending with it ("Mary
    Kay Henry"; "Pew Research", though the tagger took "Pew" for a noun)."""
    first = last.i
    while first > 0 and last.doc[first - 1].dep_ == "compound" and _proper(last.doc[first - 1]):
        first -= 1
    return last.doc[first : last.i + 1]


def _proper(token: Token) -> bool:
    """A proper noun, or a capitalised noun inside a sentence that the tagger took for a common one."""
    return token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.is_title and not token.is_sent_start)


def in_title_of_another(name: Span) -> bool:
    """Whether a name modifies a title noun ("a Bill Clinton pollster"), not a thing ("a Clinton administration")."""
    return name.root.dep_ == "compound" and lemma(name.root.head).lower() in TITLE_NOUNS


def strip_article(text: str) -> str:
    """`text` without a leading article ("the front-runner" -> "front-runner")."""
    words = text.split()
    if words and words[0].lower() in ARTICLES:
        words = words[1:]
    return " ".join(words)


# -- organisations' names ------------------------------------------------------


def named_organization(token: Token) -> bool:
    """Whether `token` is part of an organisation's or place's name of two
    words or more ("the Justice Department"); the small model tags many a
    lone surname an organisation ("Burton explained …")."""
    ent = entity_of(token)
    return ent is not None and ent.label_ in ORGANIZATION_LABELS and len(ent) > 1


def organization_text(ent: Span) -> str:
    """An organisation's name as written, without "the", a possessive or a
    mark glued to its front ("the \"Medicare")."""
    tokens = [t for t in ent if t.tag_ != "POS"]
    name = strip_article(" ".join(t.text for t in tokens)) if tokens else ent.text
    return name.lstrip(GLUED_MARKS + " ")


def initials(name: str) -> str:
    """The acronym of a name ("Democratic National Committee" -> "DNC")."""
    words = [w for w in name.split() if w.lower() not in _ACRONYM_SKIPS]
    return "".join(w[0] for w in words) if len(words) >= 2 and all(w[0].isupper() for w in words) else ""


def web_names(doc: Doc, quoted: Quoted) -> list[Span]:
    """Web sites named by their address outside quotations ("the website
    GunBroker.com"), which the model tags as no entity: organisations that
    "the company" or "it" can refer to."""
    return [
        doc[t.i : t.i + 1]
        for t in doc
        # A capital shows a name ("GunBroker.com"), not an address in passing ("cnn.com/live").
        if t.like_url
        and "/" not in t.text
        and any(c.isupper() for c in t.text)
        and not t.ent_type_
        and not quoted.covers(t.idx)
    ]


# -- typos and forms of one name -----------------------------------------------


def near(a: str, b: str) -> bool:
    """One edit apart (insertion, deletion, substitution or swap of neighbours),
    for words long enough that this is a typo rather than another name."""
    if a == b or min(len(a), len(b)) < _MIN_TYPO_WORD:
        return False
    # A letter doubled in the wrong place ("Labbot" for "Labott").
    if _undoubled(a) == _undoubled(b):
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        swapped = (
            len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
        )
        return len(diffs) == 1 or swapped
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _typo_keys(word: str) -> set[str]:
    """Keys that two words one edit apart (see `near`) have in common: the
    word itself, the word with any one letter left out, and the word with
    its doubled letters written once."""
    return {word, _undoubled(word), *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def _undoubled(word: str) -> str:
    """`word` with each run of a repeated letter written once ("labbot" -> "labot")."""
    return "".join(c for i, c in enumerate(word) if i == 0 or word[i - 1] != c)


def contains_in_order(full: list[str], part: list[str]) -> bool:
    """Whether the words `part` appear in `full` in order (not necessarily adjacent)."""
    position = 0
    for word in part:
        try:
            position = full.index(word, position) + 1
        except ValueError:
            return False
    return True


def _same_name_misspelt(a: str, b: str) -> bool:
    """Whether two full names differ only by a typo in one word ("Rence Priebus")."""
    left, right = a.lower().split(), b.lower().split()
    if len(left) != len(right) or left == right:
        return False
    differing = [(x, y) for x, y in zip(left, right, strict=True) if x != y]
    return len(differing) == 1 and near(*differing[0])


def same_person(a: str, b: str) -> bool:
    """Whether two full names are forms of one name ("Donald J. Trump", "Donald Trump")."""
    left, right = a.lower().split(), b.lower().split()
    return contains_in_order(left, right) or contains_in_order(right, left)


def _runs_on(name: str, shorter: str) -> bool:
    """Whether `name` is `shorter` with more words after it."""
    words, start = name.split(), shorter.split()
    return len(words) > len(start) and words[: len(start)] == start
