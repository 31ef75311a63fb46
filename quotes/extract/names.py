"""Names: the words of a name as written, honorifics, typos, whether two
names are forms of one; and the full names an article gives.

The functions are pure, over tokens and strings. `FullNames` is the index
of an article's full names (in order of first mention, misspellings folded
into the commonest spelling), built once by `FullNames.learn`;
`WrittenNames` finds where the article writes each of them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

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
from quotes.extract.parsed import ParsedArticle, entity_of, lemma
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
# A word, as regular expressions see one (letters, digits and "_").
_WORD = re.compile(r"\w+")
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

    Unlike `quotes.extract.roster`'s untagged mentions and
    `quotes.extract.refer.known_name_word`, it takes an adverb, adjective
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


# -- an article's full names ---------------------------------------------------


@dataclass(frozen=True)
class FullNames:
    """The full names an article gives (of two words or more), in order of
    first mention, and the misspellings folded into them; with lookups
    that need not go through them all: by a word of theirs, by a last word
    a typo away (see `near`), and their place in that order."""

    names: tuple[str, ...]
    # A misspelt full name ("Rence Priebus") -> the spelling the article uses most.
    spellings: Mapping[str, str]
    position: Mapping[str, int] = field(compare=False, repr=False)
    # A lower-case word -> the names with that word, in order.
    _having: Mapping[str, tuple[str, ...]] = field(compare=False, repr=False)
    # A key of a lower-case last word (see `_typo_keys`) -> the names ending in that word.
    _last_words: Mapping[str, tuple[str, ...]] = field(compare=False, repr=False)
    # Every word of every name, as written.
    words: frozenset[str] = field(compare=False, repr=False)
    # A name -> the misspellings of it folded into it, in order.
    misspellings: Mapping[str, tuple[str, ...]] = field(compare=False, repr=False)

    @classmethod
    def of(cls, names: Sequence[str], spellings: Mapping[str, str] | None = None) -> FullNames:
        """The index of `names` (in order of first mention), with `spellings` (misspelt -> kept)."""
        having: dict[str, list[str]] = defaultdict(list)
        last_words: dict[str, list[str]] = defaultdict(list)
        for name in names:
            lowered = name.lower().split()
            for word in dict.fromkeys(lowered):
                having[word].append(name)
            for key in _typo_keys(lowered[-1]):
                last_words[key].append(name)
        misspellings: dict[str, list[str]] = defaultdict(list)
        for wrong, right in (spellings or {}).items():
            misspellings[right].append(wrong)
        return cls(
            names=tuple(names),
            spellings=MappingProxyType(dict(spellings or {})),
            position=MappingProxyType({name: n for n, name in enumerate(names)}),
            _having=_frozen(having),
            _last_words=_frozen(last_words),
            words=frozenset(word for name in names for word in name.split()),
            misspellings=_frozen(misspellings),
        )

    @classmethod
    def learn(cls, written: Sequence[str]) -> FullNames:
        """The article's full names from the names of two words or more it
        writes (in text order, each time it writes one): kept in order of
        first mention, folding misspellings (one letter off in one word)
        into the commonest spelling and names run on by a headline's words
        into the name itself."""
        counts = Counter(written)
        first_at: dict[str, int] = {}
        for n, name in enumerate(written):
            first_at.setdefault(name, n)
        kept: list[str] = []
        spellings: dict[str, str] = {}
        # A kept name -> its place in `kept`; a kept name's lower-case
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
            into = min(matching, key=kept_at.__getitem__, default=None)
            if into is None:
                kept_at[name] = len(kept)
                kept.append(name)
                for i in range(len(lowered)):
                    but_one[i, (*lowered[:i], *lowered[i + 1 :])].append(name)
            elif into != name:
                spellings[name] = into
        kept.sort(key=first_at.__getitem__)
        return cls.of(kept, spellings)

    def spelt(self, name: str) -> str:
        """`name` as the article spells it most (a misspelling of a full name corrected)."""
        return self.spellings.get(name, name)

    def with_word(self, word: str) -> Sequence[str]:
        """The names with the lower-case `word` among their words, in order."""
        return self._having.get(word, ())

    def ending_near(self, word: str) -> list[str]:
        """The names whose last word is a typo away from the lower-case `word` (see `near`), in order."""
        found = {name for key in _typo_keys(word) for name in self._last_words.get(key, ())}
        return [name for name in sorted(found, key=self.position.__getitem__) if near(name.lower().split()[-1], word)]

    def fitting(self, name: str) -> list[str]:
        """The full names that `name` (as `spelt`) may be a form of, in
        order: those with its words in order ("Clinton", "Bill Clinton");
        for a one-word name with none, those whose last word it misspells
        ("Labbot" for "Labott")."""
        words = name.split()
        if not words:
            return []
        lowered = [w.lower() for w in words]
        fits = [full for full in self.with_word(lowered[0]) if contains_in_order(full.lower().split(), lowered)]
        if not fits and len(words) == 1:
            fits = self.ending_near(lowered[0])
        return fits

    def containing(self, words: list[str]) -> list[str]:
        """The full names that contain the name `words` ("Clinton"), honorifics aside."""
        lowered = [w.lower() for w in words if w.lower() not in HONORIFICS]
        if not lowered:
            return []
        return [full for full in self.with_word(lowered[0]) if contains_in_order(full.lower().split(), lowered)]


def _frozen(lists: Mapping[str, list[str]]) -> Mapping[str, tuple[str, ...]]:
    """`lists` as a read-only mapping of tuples."""
    return MappingProxyType({key: tuple(value) for key, value in lists.items()})


class WrittenNames:
    """Where an article writes each of its full names.

    A memo of a pure function of the parse and the full names: each name
    is looked for once, when first asked about; what it has found changes no
    answer, only how soon it comes.
    """

    def __init__(self, parsed: ParsedArticle, names: FullNames) -> None:
        self._parsed = parsed
        self._names = names
        self._found: dict[str, tuple[int, int] | None] = {}
        # A word -> its offsets in the text, listed once.
        self._word_offsets: dict[str, list[int]] = {}

    def first_and_last(self, full: str) -> tuple[int, int] | None:
        """The first and the last offset where the article writes `full` (or
        a misspelling of it), except in the title of someone else ("former
        Bill Clinton pollster Douglas Schoen" introduces Schoen, not Bill
        Clinton); None if it never does."""
        if full not in self._found:
            forms = [full, *self._names.misspellings.get(full, ())]
            found: list[int] = []
            for form in forms:
                for start in self.offsets(form):
                    doc = self._parsed.docs[self._parsed.paragraph_at(start)]
                    base: int = doc.user_data["offset"]
                    span = doc.char_span(start - base, start + len(form) - base, alignment_mode="expand")
                    if span is None or not in_title_of_another(span):
                        found.append(start)
            self._found[full] = (min(found), max(found)) if found else None
        return self._found[full]

    def offsets(self, form: str) -> list[int]:
        """The offsets where the text has `form` as whole words (not inside a
        longer word), left to right and not overlapping, as a regular
        expression finds them. Only the offsets of `form`'s first word are
        tried: the text's words and their offsets are listed once."""
        text = self._parsed.text
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
