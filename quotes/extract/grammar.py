"""Speech verbs and their subjects: whether a word is a cue, who its subject is.

The grammar every attribution rule (see `quotes.extract.rules`) reads a
parse with. A cue is a speech verb ("said"; phrasal, "went on"; a speech act,
"issued a statement"), "according" of "according to X" (X its subject) or
"put" of "as X puts it". Its subject is the one the parser gives it, else one
it borrows (the verb a participle or conjunct hangs from, the name right
before it, the speaker after an inverted "added Gowdy"). Among several
candidate cues, a subject that could have spoken wins (see `speaks`), and a
speech verb that only sets the scene ("after Rubio spoke") comes last.

Functions take `quoted`, the quotation spans of the paragraph the tokens
are in (see `quotes.extract.parsed.ParsedArticle.quoted`): words inside a
quotation are never a cue or a speaker of it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from quotes.constants import (
    ACCORDING,
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
    SUBJECT_DEPENDENCIES,
    SUBORDINATORS,
    TITLE_NOUNS,
)
from quotes.extract.parsed import entity_of, is_known_name, lemma
from quotes.extract.spans import Quoted

# A cue without a subject of its own borrows the subject of the verb it hangs
# from in these relations ("He paused and said", "…, adding that").
_BORROW_SUBJECT_DEPS = frozenset({"conj", "xcomp", "advcl"})
# Entities that can say something: people, organisations, countries, groups.
_SPEAKER_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# A dateline ends with its dash within this many tokens.
_DATELINE_TOKENS = 15
# Entities right after a speech verb that are when, not who ("said Monday").
_NOT_SPEAKER_ENTITIES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"})
# Nouns that can be the subject of a cue: roles, organisations, people, documents.
_SPEAKING_NOUNS = TITLE_NOUNS | ORGANIZATION_NOUNS | PEOPLE_NOUNS | DOCUMENT_NOUNS


def is_cue(token: Token) -> bool:
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


def in_quotes(token: Token, quoted: Quoted) -> bool:
    """Whether `token` lies in a quotation (marks included) of its paragraph."""
    return quoted.covers(token.idx)


def subject_of(cue: Token, quoted: Quoted) -> Token | None:
    """The speaker token of `cue`: its subject, or the object of "according to"."""
    if cue.lower_ == ACCORDING:
        for prep in cue.children:
            if prep.lower_ == "to":
                objects = [child for child in prep.children if child.dep_ == "pobj"]
                return objects[0] if objects else None
        return None
    inverted = _inverted_subject(cue, quoted)
    if inverted is not None:
        return inverted
    verb = cue
    for _ in range(3):
        subjects = [
            c
            for c in verb.children
            if c.dep_ in SUBJECT_DEPENDENCIES and not in_quotes(c, quoted) and not _in_dateline(c)
        ]
        if subjects:
            # "Healey, who said …" gives "who": the resolver follows it to the
            # noun. Of two (a misparse), one that could speak: "Couple global
            # exposure with …, said Christine Link".
            subject = next((s for s in subjects if can_speak(s)), subjects[0])
            return _publisher(subject) or subject
        name = _name_before(verb, quoted) if is_cue(verb) else None
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
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.dep_ != "dobj" and can_speak(verb.head):
            return verb.head
        lender = _lender(verb, quoted)
        if lender is None:
            return None
        # "Clinton seemed ready to riff on it, telling the crowd, “…”": the
        # parser hung the cue from the quotation; the sentence's own verb lends it.
        if in_quotes(lender, quoted):
            if in_quotes(lender.sent.root, quoted):
                return None
            lender = lender.sent.root
        verb = lender
    return None


def _lender(verb: Token, quoted: Quoted) -> Token | None:
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
    siblings = [c for c in verb.head.children if c.dep_ == "conj" and c.i < verb.i and _has_speaking_subject(c, quoted)]
    return siblings[-1] if siblings else verb.head


def _name_before(verb: Token, quoted: Quoted) -> Token | None:
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
    if names and not in_quotes(names[-1], quoted) and not _in_dateline(names[-1]):
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
    owners = [c for c in document.head.children if c.dep_ == "nsubj" and can_speak(c)]
    return owners[0] if owners else None


def has_subject(verb: Token, quoted: Quoted) -> bool:
    """Whether `verb` has a subject of its own outside the quotations."""
    return any(c.dep_ in SUBJECT_DEPENDENCIES and not in_quotes(c, quoted) for c in verb.children)


def _has_speaking_subject(verb: Token, quoted: Quoted) -> bool:
    """Whether `verb` has a subject of its own, outside the quotations, that could have spoken."""
    return any(c.dep_ in SUBJECT_DEPENDENCIES and not in_quotes(c, quoted) and speaks(c) for c in verb.children)


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


def _inverted_subject(cue: Token, quoted: Quoted) -> Token | None:
    """The speaker right after a speech verb that has no subject of its own.

    In "“…,” added Gowdy." the parser often makes the name an object of the
    verb; a name or a noun right after a subject-less cue is the speaker.
    """
    own_subjects = [c for c in cue.children if c.dep_ in SUBJECT_DEPENDENCIES and not in_quotes(c, quoted)]
    # Only a speech verb right after the quotation ("“…,” added Gowdy"): not
    # "passed the House", nor "calling the president a “…”".
    if not is_cue(cue) or own_subjects or cue.i + 1 >= len(cue.doc) or not _after_quote(cue):
        return None
    # A participle is never inverted: in "“…,” telling reporters" the
    # reporters were told.
    if cue.tag_ == "VBG":
        return None
    token = cue.doc[cue.i + 1]
    if in_quotes(token, quoted) or token.ent_type_ in _NOT_SPEAKER_ENTITIES:
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


def with_subjects(cues: list[Token], quoted: Quoted) -> list[tuple[Token, Token]]:
    """The (cue, subject) pairs of those of `cues` that have a subject, in
    order; a subject spoken to ("Reed was told that “…”"; see `spoken_to`)
    is never the speaker and does not count."""
    pairs = [(cue, subject) for cue in cues if (subject := subject_of(cue, quoted)) is not None]
    return [(cue, subject) for cue, subject in pairs if not spoken_to(subject, cue)]


def first_with_subject(cues: list[Token], quoted: Quoted) -> tuple[Token, Token] | None:
    """The first of `cues` with its subject, ranked: a subject that could have
    spoken (see `speaks`) first, then a cue that is not negated, then one
    that does not just set the scene (see `sets_the_scene`), then one that
    does not merely relay (see `_relays`); closeness decides among equals."""
    found = with_subjects(cues, quoted)
    # "…,” Clinton said, with a passion that almost suggested …: not the
    # passion; "“…,” Hooton said after Rubio spoke": not Rubio; "…, Sanders
    # said, according to CNN": not CNN.
    ranked = sorted(
        found, key=lambda pair: (not speaks(pair[1]), negated(pair[0]), sets_the_scene(pair[0]), _relays(pair[0]))
    )
    return ranked[0] if ranked else None


def negated(cue: Token) -> bool:
    """Whether `cue` is negated: "for not calling the attack “…”" is not what was said."""
    return any(child.dep_ == "neg" for child in cue.children)


def _relays(cue: Token) -> bool:
    """Whether `cue` is "according (to)" in a sentence with a speech verb of
    its own: in "“…,” Sanders said, according to CNN." Sanders spoke and
    CNN relays it."""
    return cue.lower_ == ACCORDING and any(t != cue and is_cue(t) for t in cue.sent)


def sets_the_scene(cue: Token) -> bool:
    """Whether `cue` is in a clause of time, cause or concession ("after Rubio spoke")."""
    if cue.dep_ == "pcomp":  # "after speaking"
        return cue.head.lower_ in SUBORDINATORS
    # "after Rubio spoke" (a mark), "when Trump announced …" (an adverb).
    return cue.dep_ == "advcl" and any(c.dep_ in {"mark", "advmod"} and c.lower_ in SUBORDINATORS for c in cue.children)


def spoken_to(subject: Token, cue: Token | None = None) -> bool:
    """Whether `subject` is the passive subject of a verb of telling or asking
    ("Trump was asked, “…?”"), not of one of hearing or quoting ("Marsh was
    quoted as saying …"). The passive subject of another verb is the doer of
    a cue that borrows it ("Silverman was joined on stage by Franken and
    joked, “…”"), and so, given the `cue`, is that of any verb but the cue
    ("Trump was asked about it and said, “…”")."""
    verb = subject.head
    if subject.dep_ != "nsubjpass" or lemma(verb).lower() in OVERHEARD_VERBS:
        return False
    return verb == cue if cue is not None else is_cue(verb)


def speaks(subject: Token) -> bool:
    """Whether the subject of a cue is who spoke: a subject that could speak
    (see `can_speak`), a relative pronoun through the noun it stands for;
    not one spoken to ("Trump was asked, “…?”"; see `spoken_to`)."""
    if spoken_to(subject):
        return False
    if subject.tag_ in {"WP", "WDT"} and subject.head.dep_ == "relcl" and subject.head.head != subject:
        subject = subject.head.head
    return can_speak(subject)


def can_speak(token: Token) -> bool:
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


def sentences_of(doc: Doc) -> list[Span]:
    """The sentences of `doc` (listed once per paragraph)."""
    if "sentences" not in doc.user_data:
        doc.user_data["sentences"] = list(doc.sents)
    sentences: list[Span] = doc.user_data["sentences"]
    return sentences


def speech_verbs_of(doc: Doc, quoted: Quoted) -> list[Token]:
    """The speech verbs of `doc` outside its quotations, in order (found once per paragraph)."""
    if "speech_verbs" not in doc.user_data:
        doc.user_data["speech_verbs"] = [t for t in doc if is_cue(t) and not in_quotes(t, quoted)]
    verbs: list[Token] = doc.user_data["speech_verbs"]
    return verbs
