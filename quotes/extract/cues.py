"""Where a quotation's cue is: the searches the attribution rules make.

Each function looks in one place for what introduces a quotation: right
after it or up its heads in the parse (`cue_after`, `syntactic_cue`), a
transcript label or a colon before it (`label_before`, `colon_before`), a
dash byline after it (`byline_after`), a speech noun it gives the words of
(`possessor_of`), speech verbs near it (`nearby_cues`), the verb that
governs it (`governing_verb`), the paragraph before it (`colon_lead_in`,
`cue_before`). Which of them is tried when, and what each gives, is
`quotes.extract.rules`' business; what a cue and its subject are is
`quotes.extract.grammar`'s.
"""

from __future__ import annotations

import bisect
import itertools

from spacy.tokens import Doc, Span, Token

from quotes.constants import (
    ACTIVITY_SPEECH_VERBS,
    COPULAS,
    DASHES,
    SPEECH_NOUNS,
    SUBJECT_DEPENDENCIES,
    WEAK_SUBJECTS,
    is_speech_verb_form,
)
from quotes.extract.grammar import (
    can_speak,
    has_subject,
    in_quotes,
    is_cue,
    negated,
    sentences_of,
    sets_the_scene,
    speaks,
    speech_verbs_of,
    spoken_to,
    subject_of,
    with_subjects,
)
from quotes.extract.parsed import ParsedArticle, entities_in, entity_of, is_known_name, lemma
from quotes.extract.spans import Quoted, QuoteSpan

# At most this many tokens in an appositive between a name and its speech
# verb after a quotation ("“…,” Gene Sperling, a top outside Clinton adviser, said").
_APPOSITIVE_TOKENS = 12
# How far (in sentences) the nearby rule looks from the quotation.
_NEARBY_SENTENCES = 1
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


def cue_after(quote: Span, quoted: Quoted) -> tuple[Token, Token] | None:
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
        if token.is_punct or in_quotes(token, quoted):
            if token.text == "," and end > start and (found := _cue_after_appositive(doc[start:end], quoted)):
                return found
            break
        end = token.i + 1
        if is_cue(token):
            # Its subject must be in the words around it, not further away
            # (of two the parser gives it, that one), and not one spoken to
            # ("“…?” Reed was asked").
            near = [c for c in token.children if c.dep_ in SUBJECT_DEPENDENCIES and start <= c.i]
            # Else a name the article knows, whatever the tagger made of it
            # ("“…,” Will wrote.", "Will" taken for the modal).
            known = [t for t in doc[start : token.i] if is_known_name(t)]
            subject = near[0] if near else subject_of(token, quoted) or (known[-1] if known else None)
            if subject is None or not start <= subject.i <= token.i + _ADJACENT_TOKENS:
                return None
            return None if spoken_to(subject, token) else (token, subject)
    return _mistagged_cue(quote, doc[start:end])


def _cue_after_appositive(name: Span, quoted: Quoted) -> tuple[Token, Token] | None:
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
    if not is_cue(cue) or in_quotes(cue, quoted) or has_subject(cue, quoted):
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


def syntactic_cue(quote: Span, quoted: Quoted) -> tuple[Token, Token] | None:
    """(cue, subject) of the speech verb outside the quotation that it hangs from.

    Of nested speech verbs whose subjects could have spoken, the innermost
    for a statement, the outermost for a fragment ("Cruz said he's certain
    Rubio will continue to be “a champion …”" is Cruz's words); never one
    whose subject cannot speak ("De Blasio said the move was made … and
    said, “…”" is not the move's) or only stands for the outer subject ("a
    piece that noted …"). Failing that, the innermost one whose subject is
    not such a stand-in, else the outermost.
    """
    found = with_subjects(_cue_chain(quote, quoted), quoted)
    speaking = [(cue, subject) for cue, subject in found if subject.lower_ not in WEAK_SUBJECTS and speaks(subject)]
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


def _cue_chain(quote: Span, quoted: Quoted) -> list[Token]:
    """Speech verbs on the path from the quotation up its heads, innermost first."""
    for token in quote:
        if token.is_punct:
            continue
        cues = []
        previous, head = token, token.head
        for _ in range(_CHAIN_DEPTH):
            if head == previous or in_quotes(head, quoted):
                break
            # A verb coordinated with a verb outside the quotation does not
            # report the quotation: "the League denounced the plan and said it
            # would “return” …".
            coordinated = previous.dep_ == "conj" and previous != token
            if is_cue(head) and not coordinated and not negated(head):
                cues.append(head)
                # "McCain issued a statement after Trump told a town hall that
                # waterboarding is “peanuts”": not the outer verb's words
                # (but "before claiming that …" shares the outer subject).
                if sets_the_scene(head) and has_subject(head, quoted):
                    break
            previous, head = head, head.head
        if cues:
            return cues
    return []


def label_before(doc: Doc, quote: Span) -> Token | None:
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


def colon_before(quote: Span, quoted: Quoted) -> tuple[Token | None, Token] | None:
    """(verb, subject) of the clause that a colon right before the quotation
    ends, in the same paragraph ("Sanders delivered a snappy retort: “…”",
    "- Michael P. McDonald: “…”", where the name alone is the speaker)."""
    doc = quote.doc
    mark = quote.start - 1
    if mark < 1 or not doc[mark].is_quote or not doc[mark - 1].text.endswith(":"):
        return None
    colon = doc[mark - 1]
    return _lead_in_or_name(doc[colon.sent.start : colon.i], quoted)


def _lead_in_or_name(clause: Span, quoted: Quoted) -> tuple[Token | None, Token] | None:
    """(verb, subject) of a clause before a colon (see `_lead_in`), else the
    last person or organisation it names, with no verb ("- Michael P.
    McDonald:", "Stated Stone:", where the parser took the verb for a name)."""
    found = _lead_in(clause, quoted)
    if found is not None:
        return found
    names = [ent for ent in entities_in(clause) if ent.label_ in _LABEL_ENTITIES and not in_quotes(ent[0], quoted)]
    if names:
        return None, names[-1].root
    # "Estimates … are particularly problematic - Pew Research:": the
    # capitalised words after a spaced dash, which the tagger may not know.
    dashes = [t.i for t in clause if t.text in DASHES and t.whitespace_]
    source = clause.doc[dashes[-1] + 1 : clause.end] if dashes else None
    if source and len(source) <= _NAME_TOKENS and all(t.is_title or t.is_punct for t in source):
        return None, source[-1]
    return None


def _lead_in(clause: Span, quoted: Quoted) -> tuple[Token, Token] | None:
    """(verb, subject) of a clause that introduces a quotation after a colon.

    A speech verb is preferred; another verb will do when its subject could
    have said it, since what a colon introduces is what the subject said or
    wrote ("Clinton released the following statement:").
    """
    verbs = [t for t in reversed(clause) if t.pos_ in {"VERB", "AUX"} and not in_quotes(t, quoted)]
    for verb in sorted(verbs, key=lambda t: not is_cue(t)):
        subject = subject_of(verb, quoted)
        if subject is not None and (is_cue(verb) or can_speak(subject)):
            return verb, subject
    return None


def byline_after(parsed: ParsedArticle, span: QuoteSpan, quote: Span) -> Token | None:
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


def possessor_of(quote: Span) -> tuple[Token, Token] | None:
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
    if owners and ((owners[0].pos_ == "PRON" and owners[0].lower_ != "its") or can_speak(owners[0])):
        return noun, owners[0]
    return None


def nearby_cues(doc: Doc, quote: Span, quoted: Quoted) -> tuple[list[Token], list[Token]]:
    """Speech verbs outside quotations near `quote`, closest first: those in
    the sentences the quotation touches, and those in the sentences next to them."""
    sentences = sentences_of(doc)
    starts = [sent.start for sent in sentences]
    first_touching = bisect.bisect_right(starts, quote.start) - 1
    last_touching = bisect.bisect_left(starts, quote.end) - 1
    touching = range(first_touching, max(first_touching, last_touching) + 1)
    first = max(first_touching - _NEARBY_SENTENCES, 0)
    last = min(touching[-1] + _NEARBY_SENTENCES, len(sentences) - 1)
    speech_verbs = speech_verbs_of(doc, quoted)
    indices = [t.i for t in speech_verbs]
    window = speech_verbs[
        bisect.bisect_left(indices, sentences[first].start) : bisect.bisect_left(indices, sentences[last].end)
    ]
    cues = sorted(window, key=lambda t: quote.start - t.i if t.i < quote.start else t.i - quote.end)
    inside = [t for t in cues if any(sentences[i].start <= t.i < sentences[i].end for i in touching)]
    return inside, [t for t in cues if t not in inside]


def is_aside(cue: Token, quote: Span) -> bool:
    """Whether `cue` is in a clause that leaves `quote` out and only sets the
    scene ("As Blumenthal spoke, the NRA was whipping lawmakers against
    “…”") or describes someone: a relative clause before the quotation, or
    one that says what was said ("people who speak Spanish", "a native who
    writes fiction"), unlike "Mike Lee, who declared in the spin room, “…”"."""
    if sets_the_scene(cue):
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


def governing_verb(quote: Span, quoted: Quoted) -> Token | None:
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
        if head == token or not in_quotes(token, quoted) or in_quotes(head, quoted):
            continue
        for _ in range(_GOVERNING_DEPTH):
            if head.pos_ in {"VERB", "AUX"} and lemma(head).lower() not in COPULAS:
                subject = subject_of(head, quoted)
                # Active only: "Clinton was labelled a “liar”" are not her words.
                if subject is not None and subject.dep_ != "nsubjpass" and speaks(subject):
                    return head
            if head.head == head:
                break
            head = head.head
    return None


def colon_lead_in(parsed: ParsedArticle, index: int) -> tuple[Token | None, Token] | None:
    """The (verb, subject) of a paragraph that ends with a colon, if any.

    A speech verb is preferred; any main verb will do, since what a colon
    introduces is what the subject said or wrote ("Clinton released the
    following statement:", "He then listed the qualities:"); with no verb,
    the name alone ("Stated Stone:").
    """
    doc = parsed.docs[index]
    if not doc.text.rstrip().endswith(":"):
        return None
    return _lead_in_or_name(sentences_of(doc)[-1], parsed.quoted(index))


def cue_before(parsed: ParsedArticle, index: int) -> tuple[Token, Token] | None:
    """(cue, subject) of the last speech verb, whose subject could have spoken,
    in the last sentence of paragraph `index - 1` when that paragraph quotes
    nobody: a quotation paragraph after "If anything, Ash argued in his email,
    the incident is an illustration of …" is Ash's."""
    if parsed.quotes_in(index - 1):
        return None
    doc = parsed.docs[index - 1]
    sentences = sentences_of(doc)
    if not sentences:
        return None
    last = sentences[-1]
    quoted = parsed.quoted(index - 1)
    cues = [t for t in reversed(speech_verbs_of(doc, quoted)) if last.start <= t.i < last.end]
    # The sentence's own verb first: "Carter said that for decades some
    # critics had been predicting …" is Carter's lead-in.
    cues.sort(key=lambda cue: cue.dep_ != "ROOT")
    found = with_subjects(cues, quoted)
    return next((pair for pair in found if speaks(pair[1])), None)
