"""The attribution rules, in the order they are tried: `RULES`.

Each rule is a function of one shape, `Context -> Attribution | None` (see
`quotes.extract.attribution`), registered once in `RULES` below with its
method, its confidence, the sweep it runs in and a line saying what it
does. That list is the one place the order lives: `attribute` runs it,
the confidence table of `quotes.extract` and the list below (and the
README's, which tests/test_rules.py checks) are read from it. A new rule is
a function here, a line in `RULES` and a table of cases in
tests/test_rules.py.

Where each rule looks is in `quotes.extract.cues`; what a cue and its
subject are, in `quotes.extract.grammar`. The result names the tokens the
attribution rests on; turning the subject into a person is
`quotes.extract.speakers`' job.

The rules, by sweep, in order (each with its method and confidence):
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from quotes.constants import ACCORDING
from quotes.extract.attribution import Attribution, Context, Rule, Sweep, opens_paragraph, registry, sweeps_of
from quotes.extract.cues import (
    byline_after,
    colon_before,
    colon_lead_in,
    cue_after,
    cue_before,
    governing_verb,
    is_aside,
    label_before,
    nearby_cues,
    possessor_of,
    syntactic_cue,
)
from quotes.extract.grammar import first_with_subject, subject_of

FIRST = Sweep(
    "first",
    backwards=False,
    description="every quotation in text order; a quotation sees what those before it got",
)
BACK = Sweep(
    "back",
    backwards=True,
    description="the quotations still without a speaker, last first, so that a run of quotation "
    "paragraphs whose cue comes at its end all take that cue",
)
AGAIN = Sweep(
    "again",
    backwards=False,
    description="the quotations still without a speaker, in text order, now that more are attributed",
)


def _according(cue: Token) -> bool:
    """Whether `cue` is "according" of "according to X"."""
    return cue.lower_ == ACCORDING


def transcript(context: Context) -> Attribution | None:
    """A transcript turn without marks ("TAPPER: …"; see
    `quotes.extract.spans.find_transcript_turns`) is its label's, whatever
    else it holds."""
    if context.span.label is None:
        return None
    return context.attribution("transcript")


def _cue_after_or_above(context: Context) -> tuple[Token, Token] | None:
    """(cue, subject) of a speech verb right after the quotation (see
    `cue_after`), else of one it hangs from (see `syntactic_cue`)."""
    quote = context.tokens
    if quote is None:
        return None
    return cue_after(quote, context.quoted) or syntactic_cue(quote, context.quoted)


def syntax(context: Context) -> Attribution | None:
    """A speech verb and its subject right after the closing mark, in the
    same sentence ("“…,” she said"), else a speech verb outside the
    quotation that a word of it hangs from, through a few heads ("Healey
    said that “…”")."""
    found = context.shared(_cue_after_or_above)
    if found is None or _according(found[0]):
        return None
    return context.attribution("syntax", cue=found[0], subject=found[1])


def syntax_according(context: Context) -> Attribution | None:
    """As `syntax`, where the verb is "according" ("according to X": X spoke)."""
    found = context.shared(_cue_after_or_above)
    if found is None or not _according(found[0]):
        return None
    return context.attribution("according", cue=found[0], subject=found[1])


def label(context: Context) -> Attribution | None:
    """A transcript label opens the paragraph ("Rep. Trey Gowdy: “…”")."""
    quote = context.tokens
    name = label_before(quote.doc, quote) if quote is not None else None
    return context.attribution("label", subject=name) if name is not None else None


def colon(context: Context) -> Attribution | None:
    """A colon right before the quotation ends a clause whose verb has a
    subject that could speak ("Sanders delivered a retort: “…”"), or that
    names someone and has no verb ("- Michael P. McDonald: “…”")."""
    quote = context.tokens
    lead_in = colon_before(quote, context.quoted) if quote is not None else None
    return context.attribution("colon", cue=lead_in[0], subject=lead_in[1]) if lead_in is not None else None


def byline(context: Context) -> Attribution | None:
    """A dash and a name follow the quotation ("“…” ― Beck Pimentel")."""
    quote = context.tokens
    name = byline_after(context.parsed, context.span, quote) if quote is not None else None
    return context.attribution("byline", subject=name) if name is not None else None


def possessor(context: Context) -> Attribution | None:
    """The quotation is what a possessed speech noun says: "her remark that
    “…”", "Obama's “…” promise" (the noun is the cue, its possessor the speaker)."""
    quote = context.tokens
    found = possessor_of(quote) if quote is not None else None
    return context.attribution("possessor", cue=found[0], subject=found[1]) if found is not None else None


def _nearby_cues(context: Context) -> tuple[list[Token], list[Token], list[Token]]:
    """The speech verbs near the quotation, closest first (see `nearby_cues`):
    those in the sentences it touches that are not asides, the asides among
    them (a clause that describes someone or sets the scene, see
    `is_aside`), and those in the sentences next to them that are not."""
    quote = context.tokens
    if quote is None:
        return [], [], []
    same_sentence, next_sentences = nearby_cues(quote.doc, quote, context.quoted)
    asides = [cue for cue in same_sentence if is_aside(cue, quote)]
    others = [cue for cue in next_sentences if not is_aside(cue, quote)]
    return [cue for cue in same_sentence if cue not in asides], asides, others


def _nearby_in_sentence(context: Context) -> tuple[Token, Token] | None:
    """(cue, subject) of the best speech verb with a subject in the sentences
    the quotation touches, not an aside (see `first_with_subject`)."""
    in_sentence, _, _ = context.shared(_nearby_cues)
    return first_with_subject(in_sentence, context.quoted)


def _nearby_next(context: Context) -> tuple[Token, Token] | None:
    """(cue, subject) of the best speech verb with a subject among the asides
    of the sentences the quotation touches, else in the sentences next to
    them (where an aside is no cue: on the evaluation set, taking it cost
    more than it gained)."""
    _, asides, next_to = context.shared(_nearby_cues)
    return first_with_subject(asides, context.quoted) or first_with_subject(next_to, context.quoted)


def nearby(context: Context) -> Attribution | None:
    """The closest speech verb with a subject in the sentences the quotation
    touches ("Obama, in the speech, said the law was “…”"), not one in a
    clause that describes someone or sets the scene."""
    found = context.shared(_nearby_in_sentence)
    if found is None or _according(found[0]):
        return None
    return context.attribution("nearby", cue=found[0], subject=found[1])


def nearby_according(context: Context) -> Attribution | None:
    """As `nearby`, where the verb is "according" ("according to X")."""
    found = context.shared(_nearby_in_sentence)
    if found is None or not _according(found[0]):
        return None
    return context.attribution("according", cue=found[0], subject=found[1])


def verb(context: Context) -> Attribution | None:
    """The verb that governs a quoted fragment ("Cruz is praising Bush as
    “a man who …”"), if its subject could have said it."""
    quote = context.tokens
    found = governing_verb(quote, context.quoted) if quote is not None else None
    if found is None:
        return None
    return context.attribution("verb", cue=found, subject=subject_of(found, context.quoted))


def nearby_next(context: Context) -> Attribution | None:
    """A speech verb in an aside of the sentences the quotation touches, else
    the closest in the sentences next to them ("…." He added: "…")."""
    found = context.shared(_nearby_next)
    if found is None or _according(found[0]):
        return None
    return context.attribution("nearby", cue=found[0], subject=found[1])


def nearby_next_according(context: Context) -> Attribution | None:
    """As `nearby_next`, where the verb is "according" ("according to X")."""
    found = context.shared(_nearby_next)
    if found is None or not _according(found[0]):
        return None
    return context.attribution("according", cue=found[0], subject=found[1])


def colon_paragraph(context: Context) -> Attribution | None:
    """The quotation opens a paragraph right after one ending in a colon
    ("Clinton released the following statement:", "Stated Stone:")."""
    paragraph = context.span.paragraph
    if not context.opens_paragraph or paragraph == 0:
        return None
    lead_in = colon_lead_in(context.parsed, paragraph - 1)
    return context.attribution("colon", cue=lead_in[0], subject=lead_in[1]) if lead_in is not None else None


def continuation(context: Context) -> Attribution | None:
    """A quotation opening a paragraph continues the last attributed one of
    the paragraph before; a later one in a paragraph, the last attributed
    one before it in its paragraph."""
    paragraph = context.span.paragraph
    source = context.last_attributed(paragraph - 1 if context.opens_paragraph else paragraph)
    return context.attribution("continuation", continues=source) if source is not None else None


def continuation_ahead(context: Context) -> Attribution | None:
    """A quotation opening its paragraph, when the next paragraph opens with
    an attributed quotation, is the start of what that one goes on with
    ("“…” ⏎ “…,” Viguerie notes.")."""
    following = context.first_in(context.span.paragraph + 1)
    if (
        not context.opens_paragraph
        or following is None
        or not opens_paragraph(context.parsed, context.parsed.spans[following])
        or context.decided[following] is None
    ):
        return None
    return context.attribution("continuation", continues=following)


def before(context: Context) -> Attribution | None:
    """A quotation opening a paragraph after one with no quotation whose last
    sentence has a speech verb with a subject that could speak ("If
    anything, Ash argued in his email, …"; see `cue_before`)."""
    paragraph = context.span.paragraph
    if not context.opens_paragraph or paragraph == 0:
        return None
    found = cue_before(context.parsed, paragraph)
    return context.attribution("before", cue=found[0], subject=found[1]) if found is not None else None


# How far each method is trusted: the share of quotes it attributed to the
# right speaker on the shared dev set (evaluate.py's predictions grouped by
# `method`, rounded down; label, byline, possessor and before, with 2 to 16
# cases each, rounded down further); "transcript" (turns the dev set does
# not annotate) is a judgement. Rules giving one method share its confidence.
RULES = registry(
    Rule(name="transcript", method="transcript", confidence=0.9, sweep=FIRST, find=transcript,
         description='a transcript turn without marks ("TAPPER: …") is its label\'s'),
    Rule(name="syntax", method="syntax", confidence=0.95, sweep=FIRST, find=syntax,
         description='a speech verb and its subject right after the closing mark ("“…,” she said"), '
         'else a speech verb that the quotation hangs from ("Healey said that “…”")'),
    Rule(name="syntax-according", method="according", confidence=0.87, sweep=FIRST, find=syntax_according,
         description='the same, where the verb is "according to X"'),
    Rule(name="label", method="label", confidence=0.85, sweep=FIRST, find=label,
         description='a transcript label opens the paragraph ("Rep. Trey Gowdy: “…”")'),
    Rule(name="colon", method="colon", confidence=0.85, sweep=FIRST, find=colon,
         description='a colon right before the quotation ends a clause with a subject that could speak '
         '("Sanders delivered a retort: “…”"), or one that names someone ("- Michael P. McDonald: “…”")'),
    Rule(name="byline", method="byline", confidence=0.85, sweep=FIRST, find=byline,
         description='a dash and a name follow the quotation ("“…” ― Beck Pimentel")'),
    Rule(name="possessor", method="possessor", confidence=0.85, sweep=FIRST, find=possessor,
         description='the quotation is what a possessed speech noun says ("her remark that “…”", '
         '"Obama\'s “…” promise")'),
    Rule(name="nearby", method="nearby", confidence=0.92, sweep=FIRST, find=nearby,
         description='the closest speech verb with a subject in the sentences the quotation touches, '
         'not one in a clause that describes someone or sets the scene ("after Rubio spoke")'),
    Rule(name="nearby-according", method="according", confidence=0.87, sweep=FIRST, find=nearby_according,
         description='the same, where the verb is "according to X"'),
    Rule(name="verb", method="verb", confidence=0.84, sweep=FIRST, find=verb,
         description='the verb that governs a quoted fragment ("Cruz is praising Bush as “…”"), '
         'if its subject could have said it'),
    Rule(name="nearby-next", method="nearby", confidence=0.92, sweep=FIRST, find=nearby_next,
         description='a speech verb with a subject in such a clause, else the closest in the sentences '
         'next to them ("…." He added: "…")'),
    Rule(name="nearby-next-according", method="according", confidence=0.87, sweep=FIRST,
         find=nearby_next_according, description='the same, where the verb is "according to X"'),
    Rule(name="colon-paragraph", method="colon", confidence=0.85, sweep=FIRST, find=colon_paragraph,
         description='the quotation opens a paragraph after one ending in a colon '
         '("Clinton released the following statement:")'),
    Rule(name="continuation", method="continuation", confidence=0.76, sweep=FIRST, find=continuation,
         description='a later quotation in a paragraph continues the attributed one before it; one opening '
         'a paragraph, the last attributed one of the paragraph before'),
    Rule(name="continuation-ahead", method="continuation", confidence=0.76, sweep=BACK, find=continuation_ahead,
         description='a quotation opening a paragraph continues the attributed one opening the next '
         '(a quotation of several paragraphs whose cue comes at its end)'),
    Rule(name="before", method="before", confidence=0.45, sweep=BACK, find=before,
         description='a quotation opening a paragraph after one with no quotation takes the speech verb '
         'of that one\'s last sentence ("If anything, Ash argued in his email, …")'),
    Rule(name="continuation-again", method="continuation", confidence=0.76, sweep=AGAIN, find=continuation,
         description='as `continuation`, now that the sweeps before attributed more quotations'),
)  # fmt: skip


def describe(rules: Sequence[Rule]) -> str:
    """The rules as a numbered list by sweep (the one in the module
    docstring and the README): name, method and confidence, what it does."""
    lines: list[str] = []
    number = 0
    for sweep_number, sweep in enumerate(sweeps_of(rules), 1):
        lines.append(f"Sweep {sweep_number} ({sweep.name}): {sweep.description}.")
        lines.append("")
        for rule in rules:
            if rule.sweep == sweep:
                number += 1
                lines.append(f"{number}. `{rule.name}` ({rule.method}, {rule.confidence}): {rule.description}.")
        lines.append("")
    return "\n".join(lines)


if __doc__ is not None:  # (python -OO leaves docstrings out)
    __doc__ = f"{__doc__}\n{describe(RULES)}"
