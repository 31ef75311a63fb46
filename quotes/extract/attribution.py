"""Cues and speaker mentions: which verb introduces a quotation, and its subject.

Rules over the dependency parse, tried in order for each quotation (the
`method` each gives in brackets):

1. [syntax] a speech verb and its subject right after the closing mark, in
   the same sentence ("“…,” she said"; see `_cue_after`); else a speech verb
   outside the quotation that a word of it hangs from, through a few heads
   ("Healey said that “…”"); of nested ones, see `_syntactic_cue`.
   [according] when that verb is "according" ("according to X").
2. [label] a transcript label opens the paragraph ("Rep. Trey Gowdy: “…”").
   [transcript] a transcript turn without marks ("TAPPER: …"; see
   `quotes.extract.spans.find_transcript_turns`) is its label's, whatever
   else it holds.
3. [colon] a colon right before the quotation ends a clause whose verb has
   a subject that could speak ("Sanders delivered a retort: “…”"), or that
   names someone and has no verb ("- Michael P. McDonald: “…”").
4. [byline] a dash and a name follow the quotation ("“…” ― Beck Pimentel").
5. [possessor] the quotation is what a possessed speech noun says: "her
   remark that “…”", "Obama's “…” promise" (see `_possessor`).
6. [nearby] the closest speech verb with a subject in the sentences the
   quotation touches.
7. [verb] the verb that governs a quoted fragment ("Cruz is praising Bush
   as “a man who …”"), if its subject could have said it.
8. [nearby] the closest speech verb with a subject in the sentences next to
   them ("…." He added: "…").
9. [colon] the quotation opens a paragraph right after one ending in a colon
   ("Clinton released the following statement:", "Stated Stone:").
10. [continuation] a later quotation in a paragraph continues an attributed
    one before it; a paragraph that opens with a quotation and has no cue
    continues the speaker of the quotation in the paragraph before, or else
    (see `attribute`) takes that of the quotation paragraph after it.
11. [before] failing all that, the quotation opens a paragraph after one
    with no quotation whose last sentence has a speech verb ("If anything,
    Ash argued in his email, …"; see `_cue_before`); the quotations after it
    then continue it.

Among several candidate cues, a subject that could have spoken wins (see
`_speaks`), and a speech verb that only sets the scene ("after Rubio
spoke") comes last.

The result names the tokens the attribution rests on; turning the subject into
a person is `quotes.extract.speakers`' job.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from quotes.constants import (
    ACCORDING,
    ACTIVITY_SPEECH_VERBS,
    COPULAS,
    DASHES,
    DOCUMENT_NOUNS,
    FINITE_VERB_TAGS,
    ORGANIZATION_NOUNS,
    OVERHEARD_VERBS,
    PEOPLE_NOUNS,
    PERSONAL_PRONOUNS,
    PHRASAL_CUES,
    REPORTING_VERBS,
    SHARE_WORDS,
    SPEECH_ACT_NOUNS,
    SPEECH_ACT_VERBS,
    SPEECH_NOUNS,
    SUBJECT_DEPENDENCIES,
    SUBORDINATORS,
    TITLE_NOUNS,
    WEAK_SUBJECTS,
    is_speech_verb_form,
)
from quotes.extract.parsed import ParsedArticle, Quoted, entities_in, entity_of, is_known_name, lemma
from quotes.extract.spans import QuoteSpan

# A cue without a subject of its own borrows the subject of the verb it hangs
# from in these relations ("He paused and said", "…, adding that").
_BORROW_SUBJECT_DEPS = frozenset({"conj", "xcomp", "advcl"})
# At most this many tokens in an appositive between a name and its speech
# verb after a quotation ("“…,” Gene Sperling, a top outside Clinton adviser, said").
_APPOSITIVE_TOKENS = 12
# How far (in sentences) the nearby rule looks from the quotation.
_NEARBY_SENTENCES = 1
# Entities that can say something: people, organisations, countries, groups.
_SPEAKER_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# A dateline ends with its dash within this many tokens.
_DATELINE_TOKENS = 15
# Entities right after a speech verb that are when, not who ("said Monday").
_NOT_SPEAKER_ENTITIES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"})
# Entities that a transcript label names: a person, or an organisation speaking.
_LABEL_ENTITIES = frozenset({"PERSON", "ORG"})
# At most this many words in a transcript label ("Rep. Trey Gowdy (R-S.C.):")
# or a byline paragraph ("— Sanders.").
_LABEL_TOKENS = 10
# At most this many words in a source named after a dash and before a
# colon ("… - Pew Research: “…”").
_NAME_TOKENS = 5
# How many heads up from a quotation word its speech verbs may be.
_CHAIN_DEPTH = 6
# Nouns that can be the subject of a cue: roles, organisations, people, documents.
_SPEAKING_NOUNS = TITLE_NOUNS | ORGANIZATION_NOUNS | PEOPLE_NOUNS | DOCUMENT_NOUNS
# Marks after which a sentence goes on ("“…,” she said", "“…” — she said").
_CLAUSE_MARKS = frozenset({",", "—", "–"})
# How many words after a quotation a speech verb and its subject are
# read as its cue ("“…,” the former secretary of state said").
_ADJACENT_TOKENS = 5
# How many heads up from a quoted fragment the governing verb may be.
_GOVERNING_DEPTH = 3
# How many words before "that" a possessed speech noun may be ("her
# assertion during the debate that “…”"), and "that" before the quotation.
_POSSESSED_NOUN_TOKENS = 6


@dataclass(frozen=True)
class Attribution:
    """How one quotation is attributed.

    `subject` is the token the speaker rests on (the head of the subject of
    the cue, or the object of "according to"). For a continuation, `continues`
    is the index (in the article's spans) of the quotation continued.
    """

    quote: QuoteSpan
    method: str
    cue: Token | None = None
    subject: Token | None = None
    continues: int | None = None


def _is_cue(token: Token) -> bool:
    """A speech verb (or phrasal one: "went on"; or a speech act: "issued a
    statement"), "according" of "according to", or "put" of "as X puts it"."""
    if token.lower_ == ACCORDING:
        return any(child.lower_ == "to" for child in token.children)
    if lemma(token).lower() == "put":
        # "As Dana Milbank puts it, “…”", "to put it bluntly", not "put it on the shelf".
        children = {(child.dep_, child.lower_) for child in token.children}
        return ("dobj", "it") in children and bool(children & {("mark", "as"), ("aux", "to")})
    if token.pos_ not in {"VERB", "AUX"}:
        return False
    verb = lemma(token).lower()
    if verb in REPORTING_VERBS:
        return True
    # "“…,” Trump went on": a phrasal verb by its particle; "Trump issued a
    # statement, “…”": a speech act by its object.
    return any(
        (c.dep_ in {"prt", "advmod"} and (verb, c.lower_) in PHRASAL_CUES)
        or (c.dep_ == "dobj" and verb in SPEECH_ACT_VERBS and lemma(c).lower() in SPEECH_ACT_NOUNS)
        for c in token.children
    )


def _inside(token: Token, local_spans: Quoted) -> bool:
    """Whether `token` lies in a quotation (marks included) of its paragraph."""
    return local_spans.covers(token.idx)


def _subject(cue: Token, local_spans: Quoted) -> Token | None:
    """The speaker token of `cue`: its subject, or the object of "according to"."""
    if cue.lower_ == ACCORDING:
        for prep in cue.children:
            if prep.lower_ == "to":
                objects = [child for child in prep.children if child.dep_ == "pobj"]
                return objects[0] if objects else None
        return None
    inverted = _inverted_subject(cue, local_spans)
    if inverted is not None:
        return inverted
    verb = cue
    for _ in range(3):
        subjects = [
            c
            for c in verb.children
            if c.dep_ in SUBJECT_DEPENDENCIES and not _inside(c, local_spans) and not _in_dateline(c)
        ]
        if subjects:
            # "Healey, who said …" gives "who": the resolver follows it to the
            # noun. Of two (a misparse), one that could speak: "Couple global
            # exposure with …, said Christine Link".
            subject = next((s for s in subjects if _can_speak(s)), subjects[0])
            return _publisher(subject) or subject
        name = _name_before(verb, local_spans) if _is_cue(verb) else None
        if name is not None:
            return name
        # "Healey, who …": the relative clause's noun; likewise "a man yelled
        # …" when the parser takes the finite verb for a reduced relative (a
        # participle, "the report released by …", is a real one, unless its
        # noun heads a sentence with no verb: "“…!” the nominee tweeted").
        finite_acl = verb.dep_ == "acl" and (
            verb.tag_ in {"VBD", "VBZ", "VBP"} or (verb.tag_ == "VBN" and verb.head.dep_ == "ROOT")
        )
        if (verb.dep_ == "relcl" or finite_acl) and verb.head.pos_ in {"NOUN", "PROPN", "PRON"}:
            return verb.head
        # "George H.W. Bush calling Reagan's policies “voodoo economics”": who
        # the participle describes (but see `_lender` for "put out a statement saying").
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.dep_ != "dobj" and _can_speak(verb.head):
            return verb.head
        lender = _lender(verb, local_spans)
        if lender is None:
            return None
        # "Clinton seemed ready to riff on it, telling the crowd, “…”": the
        # parser hung the cue from the quotation; the sentence's own verb lends it.
        if _inside(lender, local_spans):
            if _inside(lender.sent.root, local_spans):
                return None
            lender = lender.sent.root
        verb = lender
    return None


def _lender(verb: Token, local_spans: Quoted) -> Token | None:
    """The verb whose subject a subject-less `verb` shares, if any."""
    # "His office put out a statement saying …": who put the statement out;
    # "Clinton ended the debate with a reference …, remarking …": who made it.
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        noun = verb.head
        if noun.dep_ == "dobj" and noun.head != noun:
            return noun.head
        if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ == "VERB":
            return noun.head.head
    # "Bolton distanced himself by saying …": who did what the preposition's verb did.
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep" and verb.head.head.pos_ == "VERB":
        return verb.head.head
    if verb.dep_ not in _BORROW_SUBJECT_DEPS or verb.head == verb:
        return None
    # "A group called for a boycott, and the League denounced it and said
    # …": the nearest coordinated verb before it with a subject of its own.
    if verb.dep_ != "conj":
        return verb.head
    siblings = [
        c for c in verb.head.children if c.dep_ == "conj" and c.i < verb.i and _has_speaking_subject(c, local_spans)
    ]
    return siblings[-1] if siblings else verb.head


def _name_before(verb: Token, local_spans: Quoted) -> Token | None:
    """A name the parser left out of a subject-less speech verb's subject:
    one it made a compound of the verb ("“…,” Conway notes."), or one right
    before a finite verb that it hung elsewhere ("Bill Clinton said …",
    "Black Lives Matter issued …", "And Skelly called …" with "Skelly" an
    adverb); not a date ("Beck on Wednesday called")."""
    names = [c for c in verb.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < verb.i]
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    finite = verb.tag_ in FINITE_VERB_TAGS or (verb.tag_ == "VBN" and verb.dep_ == "ROOT")
    if (
        before is not None
        and finite
        and (before.pos_ == "PROPN" or is_known_name(before))
        and before.ent_type_ not in _NOT_SPEAKER_ENTITIES
    ):
        names.append(before)
    if names and not _inside(names[-1], local_spans) and not _in_dateline(names[-1]):
        return names[-1]
    return None


def _publisher(subject: Token) -> Token | None:
    """Who put out the document `subject` is: its owner ("Sanders’
    fundraising email notes that …"), or for a relative pronoun, the one who
    put out the document it stands for ("Trump released a marketing video
    that said, “…”", "Sanders is releasing a new ad that urges voters to
    “…”"): the video, the ad and the email speak for them."""
    if lemma(subject).lower() in DOCUMENT_NOUNS:
        owners = [c for c in subject.children if c.dep_ == "poss" and (c.pos_ == "PROPN" or is_known_name(c))]
        return owners[0] if owners else None
    if subject.tag_ != "WDT" or subject.head.dep_ != "relcl":
        return None
    document = subject.head.head
    if lemma(document).lower() not in DOCUMENT_NOUNS or document.dep_ != "dobj":
        return None
    owners = [c for c in document.head.children if c.dep_ == "nsubj" and _can_speak(c)]
    return owners[0] if owners else None


def _has_subject(verb: Token, local_spans: Quoted) -> bool:
    """Whether `verb` has a subject of its own outside the quotations."""
    return any(c.dep_ in SUBJECT_DEPENDENCIES and not _inside(c, local_spans) for c in verb.children)


def _has_speaking_subject(verb: Token, local_spans: Quoted) -> bool:
    """Whether `verb` has a subject of its own, outside the quotations, that could have spoken."""
    return any(c.dep_ in SUBJECT_DEPENDENCIES and not _inside(c, local_spans) and _speaks(c) for c in verb.children)


def _in_dateline(token: Token) -> bool:
    """Whether `token` is in the dateline that opens a paragraph ("PHILADELPHIA,
    July 25 (UPI) — …", "WASHINGTON —", "Washington (AFP) – …"): a place,
    never a speaker."""
    doc = token.doc
    if not len(doc) or not (doc[0].is_alpha and len(doc[0]) > 1):
        return False
    dash = next((t.i for t in doc[:_DATELINE_TOKENS] if t.text in DASHES), None)
    if dash is None or token.i >= dash or any(t.pos_ in {"VERB", "AUX"} for t in doc[:dash]):
        return False
    # A place in capitals, or in title case with its agency in brackets
    # ("Washington (AFP) –"), not "Texas Gov. Greg Abbott — a Republican — said".
    return doc[0].is_upper or (doc[0].ent_type_ == "GPE" and any(t.text == "(" for t in doc[:dash]))


def _inverted_subject(cue: Token, local_spans: Quoted) -> Token | None:
    """The speaker right after a speech verb that has no subject of its own.

    In "“…,” added Gowdy." the parser often makes the name an object of the
    verb; a name or a noun right after a subject-less cue is the speaker.
    """
    own_subjects = [c for c in cue.children if c.dep_ in SUBJECT_DEPENDENCIES and not _inside(c, local_spans)]
    # Only a speech verb right after the quotation ("“…,” added Gowdy"): not
    # "passed the House", nor "calling the president a “…”".
    if not _is_cue(cue) or own_subjects or cue.i + 1 >= len(cue.doc) or not _after_quote(cue):
        return None
    # A participle is never inverted: in "“…,” telling reporters" the
    # reporters were told.
    if cue.tag_ == "VBG":
        return None
    token = cue.doc[cue.i + 1]
    if _inside(token, local_spans) or token.ent_type_ in _NOT_SPEAKER_ENTITIES:
        return None
    # A name right after the verb is the speaker wherever the parser hung it
    # ("“…,” said Edward Leamer, an economist who …, “…”"; "said Skelly",
    # tagged an adverb).
    ent = entity_of(token)
    if ent is not None and ent.start == token.i and ent.label_ in _SPEAKER_ENTITIES:
        return ent.root
    if token.pos_ != "PROPN" and token.is_title and token.is_alpha and not token.is_stop:
        return token
    if token.pos_ not in {"PROPN", "NOUN", "DET"}:
        return None
    # Climb to the head of the phrase that starts right after the verb.
    for _ in range(4):
        if token.head == cue or token.head.i < cue.i or token.head == token:
            break
        token = token.head
    if token.head == cue and token.pos_ in {"PROPN", "NOUN"} and token.dep_ not in SUBJECT_DEPENDENCIES:
        return token
    return None


def _after_quote(token: Token) -> bool:
    """Whether `token` comes right after a closing quotation mark (and its comma)."""
    before = [t for t in token.doc[max(token.i - 2, 0) : token.i] if not t.is_space]
    return bool(before) and (before[-1].is_quote or (len(before) == 2 and before[0].is_quote and before[1].is_punct))


def _label_before(doc: Doc, quote: Span) -> Token | None:
    """The name in a transcript-style label before the quotation ("Rep. Trey Gowdy (R-S.C.): “…”")."""
    if quote.start > 2 * _LABEL_TOKENS:  # too far into the paragraph to follow a label
        return None
    before = doc[: quote.start]
    words = [t for t in before if not t.is_quote and not t.is_space]
    if not words or not words[-1].text.endswith(":") or len(words) > _LABEL_TOKENS:
        return None
    # The entity nearest the colon, a person before an organisation
    # ("EXPECTATIONS IN OTHER STATES - Michael P. McDonald:").
    ents = sorted(
        (ent for ent in entities_in(before) if ent.label_ in _LABEL_ENTITIES),
        key=lambda ent: (ent.label_ == "PERSON", ent.start),
    )
    if ents:
        return ents[-1].root
    names = [t for t in words if t.pos_ == "PROPN"]
    return names[0] if names else None


def _byline_after(parsed: ParsedArticle, span: QuoteSpan, quote: Span) -> Token | None:
    """The name in a dash byline after the quotation ("“…” ― Beck Pimentel"),
    in the same paragraph or as a short paragraph of its own."""
    doc = quote.doc
    if len(doc) - quote.end > 2 * _LABEL_TOKENS:  # too much text after it for a byline
        return None
    after = [t for t in doc[quote.end :] if not t.is_quote and not t.is_space]
    if not after and span.paragraph + 1 < len(parsed.docs):
        after = [t for t in parsed.docs[span.paragraph + 1] if not t.is_space]
        if len(after) > _LABEL_TOKENS:
            return None
    # A byline is a dash, a name right after it, and at most a description
    # after a comma ("— President Obama, tweeting after the speech"): not an
    # aside between dashes ("” — a controversial levy — as part of …"). The
    # tokenizer may glue a hyphen to the name ("-Michelle Marks, Philadelphia.").
    glued = bool(after) and len(after[0].text) > 1 and after[0].text[0] in DASHES
    words = after if glued else after[1:]
    name_part = list(itertools.takewhile(lambda t: t.text != ",", words))
    if (
        not words
        or len(after) > _LABEL_TOKENS
        or (not glued and after[0].text not in DASHES)
        or words[0].pos_ != "PROPN"
        or any(t.pos_ in {"VERB", "AUX"} or t.text in DASHES for t in name_part)
        or any(t.text in DASHES for t in words)
    ):
        return None
    ent = entity_of(words[0])
    if ent is not None:
        return ent.root
    # No entity: the name is the run of proper nouns, headed by its last word.
    name = list(itertools.takewhile(lambda t: t.pos_ == "PROPN", words))
    return name[-1]


def _possessor(quote: Span) -> tuple[Token, Token] | None:
    """(noun, possessor) of a speech noun whose words the quotation gives:
    before it, ending with "that" or a comma ("her remark that “…”", "her
    March comment that, “…”", "Barrett's dictum was, “…”") or a few words
    into the clause after "that" ("his warning that Britain would go to the
    “…”"), or right after it ("Obama's “if you like your plan …” promise")."""
    doc = quote.doc
    after = quote.end + 1  # past the closing mark
    # The parser may hang "Obama's" elsewhere: the possessive right before the opening mark.
    mark = quote.start - 1
    if mark < 0 or not doc[mark].is_quote:  # no opening mark of its own to look before
        return None
    owner = doc[mark - 1].head if mark > 0 and doc[mark - 1].tag_ == "POS" else None
    # Not an adjective, which describes the noun in the writer's words
    # ("Trump's “mean-spirited” comments").
    roots = [t for t in quote if not quote.start <= t.head.i < quote.end or t.head == t]
    describes = any(t.pos_ == "ADJ" or t.dep_ == "amod" for t in roots)
    if not describes and after < len(doc) and (found := _possessed_speech_noun(doc[after], owner)) is not None:
        return found
    first = max(quote.sent.start, quote.start - 1 - 2 * _POSSESSED_NOUN_TOKENS)
    before = list(itertools.takewhile(lambda t: not t.is_quote, reversed(doc[first:mark])))[::-1]
    # Only what introduces the quotation: "…that “", "…, “", "… was, “", or
    # a few words of the clause after "that" ("her claim that she “…”").
    while before and before[-1].text == ",":
        before.pop()
    if not before:
        return None
    that = next((i for i in range(len(before) - 1, -1, -1) if before[i].lower_ == "that"), None)
    nouns: list[Token] = []
    if lemma(before[-1]) == "be":  # "Barrett's dictum was, “…”": the copula's subject
        nouns = [c for c in before[-1].children if c.dep_ == "nsubj"]
    if that is not None and len(before) - that <= _POSSESSED_NOUN_TOKENS:
        # The nearest noun before "that", with no verb between them.
        words = itertools.takewhile(lambda t: t.pos_ not in {"VERB", "AUX"}, reversed(before[:that]))
        nouns += list(words)[:_POSSESSED_NOUN_TOKENS]
    elif not nouns:
        nouns = [before[-1]]
    return next((found for noun in nouns if (found := _possessed_speech_noun(noun)) is not None), None)


def _possessed_speech_noun(noun: Token, owner: Token | None = None) -> tuple[Token, Token] | None:
    """(noun, possessor) if `noun` is a speech noun ("remark") that someone
    who could speak possesses ("her remark", "Obama's promise"); `owner`,
    if given, is its possessor wherever the parser hung it."""
    if noun.pos_ != "NOUN" or not (noun.lower_ in SPEECH_NOUNS or lemma(noun).lower() in SPEECH_NOUNS):
        return None
    owners = [c for c in noun.children if c.dep_ == "poss"] or ([owner] if owner is not None else [])
    # A possessive pronoun ("her", "his", "their") or a name ("Obama's"), not "its".
    if owners and ((owners[0].pos_ == "PRON" and owners[0].lower_ != "its") or _can_speak(owners[0])):
        return noun, owners[0]
    return None


def _with_subjects(cues: list[Token], local_spans: Quoted) -> list[tuple[Token, Token]]:
    """The (cue, subject) pairs of those of `cues` that have a subject, in
    order; a subject spoken to ("Reed was told that “…”"; see `_spoken_to`)
    is never the speaker and does not count."""
    pairs = [(cue, subject) for cue in cues if (subject := _subject(cue, local_spans)) is not None]
    return [(cue, subject) for cue, subject in pairs if not _spoken_to(subject, cue)]


def _first_with_subject(cues: list[Token], local_spans: Quoted) -> tuple[Token, Token] | None:
    """The first of `cues` with its subject, ranked: a subject that could have
    spoken (see `_speaks`) first, then a cue that is not negated, then one
    that does not just set the scene (see `_sets_the_scene`), then one that
    does not merely relay (see `_relays`); closeness decides among equals."""
    found = _with_subjects(cues, local_spans)
    # "…,” Clinton said, with a passion that almost suggested …: not the
    # passion; "“…,” Hooton said after Rubio spoke": not Rubio; "…, Sanders
    # said, according to CNN": not CNN.
    ranked = sorted(
        found, key=lambda pair: (not _speaks(pair[1]), _negated(pair[0]), _sets_the_scene(pair[0]), _relays(pair[0]))
    )
    return ranked[0] if ranked else None


def _negated(cue: Token) -> bool:
    """Whether `cue` is negated: "for not calling the attack “…”" is not what was said."""
    return any(child.dep_ == "neg" for child in cue.children)


def _relays(cue: Token) -> bool:
    """Whether `cue` is "according (to)" in a sentence with a speech verb of
    its own: in "“…,” Sanders said, according to CNN." Sanders spoke and
    CNN relays it."""
    return cue.lower_ == ACCORDING and any(t != cue and _is_cue(t) for t in cue.sent)


def _sets_the_scene(cue: Token) -> bool:
    """Whether `cue` is in a clause of time, cause or concession ("after Rubio spoke")."""
    if cue.dep_ == "pcomp":  # "after speaking"
        return cue.head.lower_ in SUBORDINATORS
    # "after Rubio spoke" (a mark), "when Trump announced …" (an adverb).
    return cue.dep_ == "advcl" and any(c.dep_ in {"mark", "advmod"} and c.lower_ in SUBORDINATORS for c in cue.children)


def _cue_after(quote: Span, local_spans: Quoted) -> tuple[Token, Token] | None:
    """(cue, subject) of the speech verb and subject right after the closing
    mark, in the same sentence ("“…,” she said", "“…,” says Jorge Llamas",
    "“…?” Hannity pressed"): however the parser hung the quotation (under a
    colon lead-in before it, say), that is who said it. Failing a verb, a
    word the tagger took for a noun may be one (see `_mistagged_cue`)."""
    doc = quote.doc
    start = quote.end
    # The closing mark and the comma or dash after it.
    while start < min(quote.end + 3, len(doc)) and (doc[start].is_quote or doc[start].text in _CLAUSE_MARKS):
        start += 1
    if start >= len(doc):
        return None
    # Only where the sentence goes on: "“…,” she said", "“…?” she asked",
    # not "“….” She added" (the next sentence, maybe another quotation's).
    last = quote.text.rstrip()[-1:]
    goes_on = last in _CLAUSE_MARKS or doc[start - 1].text in _CLAUSE_MARKS
    # After "?" or "!" the parser often starts a new sentence at the name
    # ("“…?” Trump asked"): a proper noun there goes on with the quotation's.
    after_question = last in {"?", "!"} and (
        doc[start].is_lower or not doc[start].is_sent_start or doc[start].pos_ == "PROPN"
    )
    if not goes_on and not after_question:
        return None
    end = start
    for token in doc[start : start + _ADJACENT_TOKENS]:
        if token.is_punct or _inside(token, local_spans):
            if token.text == "," and end > start and (found := _cue_after_appositive(doc[start:end], local_spans)):
                return found
            break
        end = token.i + 1
        if _is_cue(token):
            # Its subject must be in the words around it, not further away
            # (of two the parser gives it, that one), and not one spoken to
            # ("“…?” Reed was asked").
            near = [c for c in token.children if c.dep_ in SUBJECT_DEPENDENCIES and start <= c.i]
            # Else a name the article knows, whatever the tagger made of it
            # ("“…,” Will wrote.", "Will" taken for the modal).
            known = [t for t in doc[start : token.i] if is_known_name(t)]
            subject = near[0] if near else _subject(token, local_spans) or (known[-1] if known else None)
            if subject is None or not start <= subject.i <= token.i + _ADJACENT_TOKENS:
                return None
            return None if _spoken_to(subject, token) else (token, subject)
    return _mistagged_cue(quote, doc[start:end])


def _cue_after_appositive(name: Span, local_spans: Quoted) -> tuple[Token, Token] | None:
    """(cue, subject) for "“…,” Gene Sperling, a top outside Clinton adviser,
    said": `name` right after the quotation, a phrase between commas, then a
    speech verb, whose subject is the name wherever the parser hung it."""
    doc = name.doc
    if not any(t.pos_ == "PROPN" for t in name):
        return None
    comma = name.end
    closing = next((t for t in doc[comma + 1 : comma + 1 + _APPOSITIVE_TOKENS] if t.is_punct), None)
    if closing is None or closing.text != "," or closing.i + 1 >= len(doc):
        return None
    cue = doc[closing.i + 1]
    if not _is_cue(cue) or _inside(cue, local_spans) or _has_subject(cue, local_spans):
        return None
    return cue, name.root


def _mistagged_cue(quote: Span, words: Span) -> tuple[Token, Token] | None:
    """(cue, subject) where the tagger took the speech verb after a
    statement for a noun ("“…,” the Saudis state in the paper", "“…,” the
    editorial read."): a speech verb's form that ends the clause, with the
    words before it as its subject."""
    # Only after a statement: a fragment's sentence runs on with its own
    # words ("the “fringe candidate,” air quotes …").
    if not quote.text[:1].isupper():
        return None
    for token in words:
        if token.i == words.start or not token.is_lower or not is_speech_verb_form(token.lower_):
            continue
        following = token.nbor() if token.i + 1 < len(token.doc) else None
        # The clause ends there ("states.", "state in …"), unlike "press secretary Ann Cole".
        if following is None or following.is_punct or following.pos_ in {"ADP", "ADV"}:
            subject = _head_before(token.doc[words.start : token.i])
            return (token, subject) if subject is not None else None
    return None


def _head_before(words: Span) -> Token | None:
    """The head word of a subject the parser missed: the last word before
    any preposition ("a voice-over in the ad" -> "over")."""
    phrase = list(itertools.takewhile(lambda t: t.pos_ != "ADP", words))
    # Not a verb: in "“…,” came shouts from the crowd" nothing before "shouts" is a subject.
    candidates = [t for t in phrase if t.is_alpha and t.pos_ not in {"DET", "VERB", "AUX"}]
    return candidates[-1] if candidates else None


def _syntactic_cue(quote: Span, local_spans: Quoted) -> tuple[Token, Token] | None:
    """(cue, subject) of the speech verb outside the quotation that it hangs from.

    Of nested speech verbs whose subjects could have spoken, the innermost
    for a statement, the outermost for a fragment ("Cruz said he's certain
    Rubio will continue to be “a champion …”" is Cruz's words); never one
    whose subject cannot speak ("De Blasio said the move was made … and
    said, “…”" is not the move's) or only stands for the outer subject ("a
    piece that noted …"). Failing that, the innermost one whose subject is
    not such a stand-in, else the outermost.
    """
    found = _with_subjects(_cue_chain(quote, local_spans), local_spans)
    speaking = [(cue, subject) for cue, subject in found if subject.lower_ not in WEAK_SUBJECTS and _speaks(subject)]
    if speaking:
        # A fragment inside reported speech is in the words of whoever reports it.
        # ("Trump said that Romney begged him … and “would have dropped to his
        # knees”" is Trump's words); a pronoun there stands for the reporter.
        # A cue right before it with a comma or colon ("Clinton said, “as
        # long as …”") introduces a statement, whatever its first letter; a
        # name given ("Bush calling Reagan's policies “voodoo economics”") is
        # the namer's.
        innermost = speaking[0]
        fragment = (
            quote.text[:1].islower()
            and innermost[1].pos_ != "PRON"
            and not _introduces(innermost[0], quote)
            and not _names(innermost[0], quote)
        )
        return speaking[-1] if fragment else innermost
    chosen: tuple[Token, Token] | None = None
    for cue, subject in found:
        chosen = (cue, subject)
        if subject.lower_ not in WEAK_SUBJECTS:
            break
    return chosen


def _names(cue: Token, quote: Span) -> bool:
    """Whether the quotation is what `cue` names something ("calling
    Reagan's policies “voodoo economics”": its object predicate)."""
    return any(token.dep_ == "oprd" and token.head == cue for token in quote)


def _introduces(cue: Token, quote: Span) -> bool:
    """Whether `cue` comes a few words before `quote`, with a comma or colon
    right before the opening mark ("said, “…”", "told reporters: “…”")."""
    mark = quote.start - 1
    return cue.i < mark - 1 and mark - cue.i <= _ADJACENT_TOKENS and quote.doc[mark - 1].text in {",", ":"}


def _spoken_to(subject: Token, cue: Token | None = None) -> bool:
    """Whether `subject` is the passive subject of a verb of telling or asking
    ("Trump was asked, “…?”"), not of one of hearing or quoting ("Marsh was
    quoted as saying …"). The passive subject of another verb is the doer of
    a cue that borrows it ("Silverman was joined on stage by Franken and
    joked, “…”"), and so, given the `cue`, is that of any verb but the cue
    ("Trump was asked about it and said, “…”")."""
    verb = subject.head
    if subject.dep_ != "nsubjpass" or lemma(verb).lower() in OVERHEARD_VERBS:
        return False
    return verb == cue if cue is not None else _is_cue(verb)


def _speaks(subject: Token) -> bool:
    """Whether the subject of a cue is who spoke: a subject that could speak
    (see `_can_speak`), a relative pronoun through the noun it stands for;
    not one spoken to ("Trump was asked, “…?”"; see `_spoken_to`)."""
    if _spoken_to(subject):
        return False
    if subject.tag_ in {"WP", "WDT"} and subject.head.dep_ == "relcl" and subject.head.head != subject:
        subject = subject.head.head
    return _can_speak(subject)


def _cue_chain(quote: Span, local_spans: Quoted) -> list[Token]:
    """Speech verbs on the path from the quotation up its heads, innermost first."""
    for token in quote:
        if token.is_punct:
            continue
        cues = []
        previous, head = token, token.head
        for _ in range(_CHAIN_DEPTH):
            if head == previous or _inside(head, local_spans):
                break
            # A verb coordinated with a verb outside the quotation does not
            # report the quotation: "the League denounced the plan and said it
            # would “return” …".
            coordinated = previous.dep_ == "conj" and previous != token
            if _is_cue(head) and not coordinated and not _negated(head):
                cues.append(head)
                # "McCain issued a statement after Trump told a town hall that
                # waterboarding is “peanuts”": not the outer verb's words
                # (but "before claiming that …" shares the outer subject).
                if _sets_the_scene(head) and _has_subject(head, local_spans):
                    break
            previous, head = head, head.head
        if cues:
            return cues
    return []


def _governing_verb(quote: Span, local_spans: Quoted) -> Token | None:
    """The nearest verb that the quotation is part of the clause of, whose
    subject is someone who could have said it.

    For quoted fragments inside reported speech with no speech verb: "Cruz is
    praising Bush as “a man who didn't go to the gutter”". Not a copula ("the
    position is “…”") and not a subject that cannot speak ("battery is
    committed when …"). A verb of thinking counts: "Paul Ryan worried that
    the safety net was becoming “a hammock …”" is Ryan's phrase.
    """
    for token in quote:
        head = token.head
        if head == token or not _inside(token, local_spans) or _inside(head, local_spans):
            continue
        for _ in range(_GOVERNING_DEPTH):
            if head.pos_ in {"VERB", "AUX"} and lemma(head).lower() not in COPULAS:
                subject = _subject(head, local_spans)
                # Active only: "Clinton was labelled a “liar”" are not her words.
                if subject is not None and subject.dep_ != "nsubjpass" and _speaks(subject):
                    return head
            if head.head == head:
                break
            head = head.head
    return None


def _can_speak(token: Token) -> bool:
    """Whether `token` names or stands for a person or organisation: a name, a
    personal or relative pronoun, a noun for a role ("the senator"), an
    organisation ("the committee") or a document the news quotes ("the
    report"), or a share of people polled ("75 percent")."""
    if token.ent_type_ in _SPEAKER_ENTITIES or token.pos_ == "PROPN":
        return True
    # A capitalised singular noun inside a sentence is most often a name the
    # tagger missed ("Sanders"); at its start it may be any word ("Nothing").
    if token.is_title and token.tag_ == "NN" and not token.is_sent_start:
        return True
    # Or a word of someone the article names elsewhere ("Sanders delivered
    # …", tagged a plural noun at the start of its sentence).
    if is_known_name(token):
        return True
    if token.pos_ == "PRON":
        return token.lower_ in PERSONAL_PRONOUNS
    # A share of people polled: "73 percent of Americans accepted that …".
    if token.like_num or lemma(token).lower() in SHARE_WORDS:
        return True
    return lemma(token).lower() in _SPEAKING_NOUNS


def _nearby_cues(doc: Doc, quote: Span, local_spans: Quoted) -> tuple[list[Token], list[Token]]:
    """Speech verbs outside quotations near `quote`, closest first: those in
    the sentences the quotation touches, and those in the sentences next to them."""
    sentences = _sentences(doc)
    starts = [sent.start for sent in sentences]
    first_touching = bisect.bisect_right(starts, quote.start) - 1
    last_touching = bisect.bisect_left(starts, quote.end) - 1
    touching = range(first_touching, max(first_touching, last_touching) + 1)
    first = max(first_touching - _NEARBY_SENTENCES, 0)
    last = min(touching[-1] + _NEARBY_SENTENCES, len(sentences) - 1)
    speech_verbs = _speech_verbs(doc, local_spans)
    indices = [t.i for t in speech_verbs]
    window = speech_verbs[
        bisect.bisect_left(indices, sentences[first].start) : bisect.bisect_left(indices, sentences[last].end)
    ]
    cues = sorted(window, key=lambda t: quote.start - t.i if t.i < quote.start else t.i - quote.end)
    inside = [t for t in cues if any(sentences[i].start <= t.i < sentences[i].end for i in touching)]
    return inside, [t for t in cues if t not in inside]


def _aside(cue: Token, quote: Span) -> bool:
    """Whether `cue` is in a clause that leaves `quote` out and only sets the
    scene ("As Blumenthal spoke, the NRA was whipping lawmakers against
    “…”") or describes someone: a relative clause before the quotation, or
    one that says what was said ("people who speak Spanish", "a native who
    writes fiction"), unlike "Mike Lee, who declared in the spin room, “…”"."""
    if _sets_the_scene(cue):
        # "As one employee told the paper, “…”" and "as he later explained"
        # introduce what follows; "as Blumenthal spoke" only says when.
        as_said = any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children)
        return not _covers(cue, quote) and (not as_said or lemma(cue).lower() in ACTIVITY_SPEECH_VERBS)
    clause = next((t for t in itertools.chain([cue], cue.ancestors) if t.dep_ == "relcl"), None)
    if clause is None or _covers(clause, quote):
        return False
    return quote.end <= clause.left_edge.i or any(child.dep_ == "dobj" for child in cue.children)


def _covers(head: Token, quote: Span) -> bool:
    """Whether the phrase `head` heads spans the whole of `quote`."""
    return head.left_edge.i <= quote.start and quote.end <= head.right_edge.i + 1


def _sentences(doc: Doc) -> list[Span]:
    """The sentences of `doc` (listed once per paragraph)."""
    if "sentences" not in doc.user_data:
        doc.user_data["sentences"] = list(doc.sents)
    sentences: list[Span] = doc.user_data["sentences"]
    return sentences


def _speech_verbs(doc: Doc, local_spans: Quoted) -> list[Token]:
    """The speech verbs of `doc` outside its quotations, in order (found once per paragraph)."""
    if "speech_verbs" not in doc.user_data:
        doc.user_data["speech_verbs"] = [t for t in doc if _is_cue(t) and not _inside(t, local_spans)]
    verbs: list[Token] = doc.user_data["speech_verbs"]
    return verbs


def _cue_before(parsed: ParsedArticle, index: int) -> tuple[Token, Token] | None:
    """(cue, subject) of the last speech verb, whose subject could have spoken,
    in the last sentence of paragraph `index - 1` when that paragraph quotes
    nobody: a quotation paragraph after "If anything, Ash argued in his email,
    the incident is an illustration of …" is Ash's."""
    if parsed.quotes_in(index - 1):
        return None
    doc = parsed.docs[index - 1]
    sentences = _sentences(doc)
    if not sentences:
        return None
    last = sentences[-1]
    local_spans = parsed.quoted(index - 1)
    cues = [t for t in reversed(_speech_verbs(doc, local_spans)) if last.start <= t.i < last.end]
    # The sentence's own verb first: "Carter said that for decades some
    # critics had been predicting …" is Carter's lead-in.
    cues.sort(key=lambda cue: cue.dep_ != "ROOT")
    found = _with_subjects(cues, local_spans)
    return next((pair for pair in found if _speaks(pair[1])), None)


def _colon_lead_in(parsed: ParsedArticle, index: int) -> tuple[Token | None, Token] | None:
    """The (verb, subject) of a paragraph that ends with a colon, if any.

    A speech verb is preferred; any main verb will do, since what a colon
    introduces is what the subject said or wrote ("Clinton released the
    following statement:", "He then listed the qualities:"); with no verb,
    the name alone ("Stated Stone:").
    """
    doc = parsed.docs[index]
    if not doc.text.rstrip().endswith(":"):
        return None
    return _lead_in_or_name(_sentences(doc)[-1], parsed.quoted(index))


def _colon_before(quote: Span, local_spans: Quoted) -> tuple[Token | None, Token] | None:
    """(verb, subject) of the clause that a colon right before the quotation
    ends, in the same paragraph ("Sanders delivered a snappy retort: “…”",
    "- Michael P. McDonald: “…”", where the name alone is the speaker)."""
    doc = quote.doc
    mark = quote.start - 1
    if mark < 1 or not doc[mark].is_quote or not doc[mark - 1].text.endswith(":"):
        return None
    colon = doc[mark - 1]
    return _lead_in_or_name(doc[colon.sent.start : colon.i], local_spans)


def _lead_in_or_name(clause: Span, local_spans: Quoted) -> tuple[Token | None, Token] | None:
    """(verb, subject) of a clause before a colon (see `_lead_in`), else the
    last person or organisation it names, with no verb ("- Michael P.
    McDonald:", "Stated Stone:", where the parser took the verb for a name)."""
    found = _lead_in(clause, local_spans)
    if found is not None:
        return found
    names = [ent for ent in entities_in(clause) if ent.label_ in _LABEL_ENTITIES and not _inside(ent[0], local_spans)]
    if names:
        return None, names[-1].root
    # "Estimates … are particularly problematic - Pew Research:": the
    # capitalised words after a spaced dash, which the tagger may not know.
    dashes = [t.i for t in clause if t.text in DASHES and t.whitespace_]
    source = clause.doc[dashes[-1] + 1 : clause.end] if dashes else None
    if source and len(source) <= _NAME_TOKENS and all(t.is_title or t.is_punct for t in source):
        return None, source[-1]
    return None


def _lead_in(clause: Span, local_spans: Quoted) -> tuple[Token, Token] | None:
    """(verb, subject) of a clause that introduces a quotation after a colon.

    A speech verb is preferred; another verb will do when its subject could
    have said it, since what a colon introduces is what the subject said or
    wrote ("Clinton released the following statement:").
    """
    verbs = [t for t in reversed(clause) if t.pos_ in {"VERB", "AUX"} and not _inside(t, local_spans)]
    for verb in sorted(verbs, key=lambda t: not _is_cue(t)):
        subject = _subject(verb, local_spans)
        if subject is not None and (_is_cue(verb) or _can_speak(subject)):
            return verb, subject
    return None


def attribute(parsed: ParsedArticle) -> list[Attribution]:
    """Attribute every quotation span of `parsed`, in order.

    A quotation paragraph with no cue of its own continues the speaker of
    the quotation paragraph before it; failing that, it is the start of a
    quotation whose cue comes in the next quotation paragraph ("“…” ⏎ “…,”
    Viguerie notes."), and takes that speaker; failing that, it is what the
    speech verb at the end of the paragraph before introduced (see
    `_cue_before`). Quotations after one attributed that way continue it.
    """
    attributions: list[Attribution] = []
    previous: dict[int, int] = {}  # paragraph index -> last attributed span index in it
    for number, span in enumerate(parsed.spans):
        attribution = _attribute_one(parsed, span, previous)
        if attribution.method != "none":
            previous[span.paragraph] = number
        attributions.append(attribution)
    _look_ahead_and_before(parsed, attributions)
    _continue_forwards(parsed, attributions)
    return attributions


def _look_ahead_and_before(parsed: ParsedArticle, attributions: list[Attribution]) -> None:
    """Attribute, in place, quotation paragraphs left without a speaker: by
    the cue of the quotation paragraph after them, else by the speech verb
    ending the paragraph before (see `_cue_before`)."""
    first_in: dict[int, int] = {}  # paragraph index -> its first span's number
    for number, span in enumerate(parsed.spans):
        first_in.setdefault(span.paragraph, number)
    for number in range(len(attributions) - 1, -1, -1):
        span = attributions[number].quote
        if attributions[number].method != "none" or not _opens_paragraph(parsed, span):
            continue
        following = first_in.get(span.paragraph + 1)
        if (
            following is not None
            and _opens_paragraph(parsed, parsed.spans[following])
            and attributions[following].method != "none"
        ):
            attributions[number] = Attribution(span, "continuation", continues=following)
        elif span.paragraph > 0 and (found := _cue_before(parsed, span.paragraph)) is not None:
            attributions[number] = Attribution(span, "before", *found)


def _continue_forwards(parsed: ParsedArticle, attributions: list[Attribution]) -> None:
    """Let quotations still without a speaker continue another (see
    `_continued_source`), as `_attribute_one` does, now that more are attributed."""
    last: dict[int, int] = {}  # paragraph index -> last attributed span index in it
    for number, attribution in enumerate(attributions):
        span = attribution.quote
        if attribution.method == "none" and (source := _continued_source(parsed, span, last)) is not None:
            attributions[number] = Attribution(span, "continuation", continues=source)
        if attributions[number].method != "none":
            last[span.paragraph] = number


def _opens_paragraph(parsed: ParsedArticle, span: QuoteSpan) -> bool:
    """Whether the quotation starts its paragraph (after the opening mark)."""
    return span.start - parsed.paragraphs[span.paragraph].start <= 1


def _method(cue: Token, method: str) -> str:
    """`method`, or "according" when the cue is "according (to)"."""
    return "according" if cue.lower_ == ACCORDING else method


def _attribute_one(parsed: ParsedArticle, span: QuoteSpan, previous: dict[int, int]) -> Attribution:
    """Attribute quotation `span` by the rules of the module docstring, in
    order; `previous` maps a paragraph to its last attributed quotation."""
    if span.label is not None:
        return Attribution(span, "transcript")
    quote = parsed.tokens_of(span)
    if quote is not None and len(quote):
        found = _in_paragraph(parsed, span, quote) or _nearby(span, quote, parsed.quoted(span.paragraph))
        if found is not None:
            return found
    if _opens_paragraph(parsed, span) and span.paragraph > 0:
        lead_in = _colon_lead_in(parsed, span.paragraph - 1)
        if lead_in is not None:
            return Attribution(span, "colon", lead_in[0], lead_in[1])
    source = _continued_source(parsed, span, previous)
    if source is not None:
        return Attribution(span, "continuation", continues=source)
    return Attribution(span, "none")


def _in_paragraph(parsed: ParsedArticle, span: QuoteSpan, quote: Span) -> Attribution | None:
    """Rules 1 to 5 of the module docstring: syntax, label, colon, byline, possessor."""
    local_spans = parsed.quoted(span.paragraph)
    found = _cue_after(quote, local_spans) or _syntactic_cue(quote, local_spans)
    if found is not None:
        return Attribution(span, _method(found[0], "syntax"), *found)
    label = _label_before(quote.doc, quote)
    if label is not None:
        return Attribution(span, "label", subject=label)
    lead_in = _colon_before(quote, local_spans)
    if lead_in is not None:
        return Attribution(span, "colon", *lead_in)
    byline = _byline_after(parsed, span, quote)
    if byline is not None:
        return Attribution(span, "byline", subject=byline)
    possessor = _possessor(quote)
    if possessor is not None:
        return Attribution(span, "possessor", possessor[0], possessor[1])
    return None


def _nearby(span: QuoteSpan, quote: Span, local_spans: Quoted) -> Attribution | None:
    """Rules 6 to 8 of the module docstring: a speech verb in the quotation's
    own sentence, then the verb that governs a quoted fragment, then a speech
    verb in a sentence next to it. A speech verb in a clause that describes
    someone or sets the scene ("Braynard, a native who writes fiction, …";
    see `_aside`) comes after the verb; in the sentences next to it, it is
    no cue (on the evaluation set, taking it cost more than it gained)."""
    same_sentence, next_sentences = _nearby_cues(quote.doc, quote, local_spans)
    asides = [cue for cue in same_sentence if _aside(cue, quote)]
    found = _first_with_subject([cue for cue in same_sentence if cue not in asides], local_spans)
    if found is not None:
        return Attribution(span, _method(found[0], "nearby"), *found)
    verb = _governing_verb(quote, local_spans)
    if verb is not None:
        return Attribution(span, "verb", verb, _subject(verb, local_spans))
    others = [cue for cue in next_sentences if not _aside(cue, quote)]
    found = _first_with_subject(asides, local_spans) or _first_with_subject(others, local_spans)
    if found is not None:
        return Attribution(span, _method(found[0], "nearby"), *found)
    return None


def _continued_source(parsed: ParsedArticle, span: QuoteSpan, last: dict[int, int]) -> int | None:
    """The quotation a cue-less `span` continues, given `last` (paragraph ->
    its last attributed span's number): for a quotation opening its
    paragraph, the last one of the paragraph before; else the one before it
    in its own paragraph."""
    if _opens_paragraph(parsed, span):
        return last.get(span.paragraph - 1)
    # A later quotation in a paragraph whose earlier one had a speaker.
    return last.get(span.paragraph)
