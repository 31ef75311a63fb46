"""How attribution rules are written and run: a rule, its context, the sweeps.

    ParsedArticle --attribute(rules)--> an Attribution, or None, per quotation span

An attribution rule is a function of one shape: a `Context` (one quotation
of a parsed article, and what the rules gave the others so far) -> an
`Attribution`, or None when it does not apply. It is registered once as a
`Rule`, with the method it gives, how far that method is trusted, a line
that says what it does and the `Sweep` it runs in. The rules themselves,
in the order they are tried, are `quotes.extract.rules.RULES`.

`attribute` runs the sweeps in the order the rules list them. A sweep
visits the quotations no rule has attributed yet, in text order or last
first, and gives each the attribution of the first of its rules that finds
one; a quotation visited later sees what earlier ones got. A quotation no
rule attributes is None here: the output gives it method "none".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

from spacy.tokens import Span, Token

from quotes.extract.parsed import ParsedArticle
from quotes.extract.spans import Quoted, QuoteSpan
from quotes.kinds import Method

T = TypeVar("T")
# The method of a quotation no rule attributed: never a rule's.
UNATTRIBUTED: Method = "none"


@dataclass(frozen=True, kw_only=True)
class Attribution:
    """How one quotation is attributed.

    `subject` is the token the speaker rests on (the head of the subject of
    the cue, or the object of "according to"). For a continuation, `continues`
    is the index (in the article's spans) of the quotation continued.
    """

    quote: QuoteSpan
    method: Method
    cue: Token | None = None
    subject: Token | None = None
    continues: int | None = None


@dataclass(frozen=True)
class Sweep:
    """One pass of the rules over an article's quotations: those not yet
    attributed, in text order or (`backwards`) last first."""

    name: str
    backwards: bool
    description: str


@dataclass(frozen=True, eq=False, kw_only=True)
class Context:
    """What a rule sees: quotation `number` of `parsed`, and what the rules
    tried before gave each quotation so far (`decided`, None for none yet).

    A context lives while the rules are tried on its quotation, during
    which nothing in it changes. `shared` keeps what several rules read (a
    cue found once, read by the rule for "said" and the one for "according
    to"), so that each finds it once.
    """

    parsed: ParsedArticle
    number: int
    decided: Sequence[Attribution | None]
    # Paragraph index -> the numbers of its quotations, in order.
    numbers_in: Mapping[int, Sequence[int]]
    _shared: dict[Callable[[Context], object], object] = field(default_factory=dict, repr=False)

    @cached_property
    def span(self) -> QuoteSpan:
        """The quotation."""
        return self.parsed.spans[self.number]

    @cached_property
    def tokens(self) -> Span | None:
        """The quotation's tokens (marks excluded), or None if there are none
        or they do not align with the parse."""
        tokens = self.parsed.tokens_of(self.span)
        return tokens if tokens is not None and len(tokens) else None

    @cached_property
    def quoted(self) -> Quoted:
        """The quotations of the quotation's paragraph, marks included:
        words inside them are never a cue or a speaker."""
        return self.parsed.quoted(self.span.paragraph)

    @cached_property
    def opens_paragraph(self) -> bool:
        """Whether the quotation starts its paragraph (after the opening mark)."""
        return opens_paragraph(self.parsed, self.span)

    def attribution(
        self, method: Method, *, cue: Token | None = None, subject: Token | None = None, continues: int | None = None
    ) -> Attribution:
        """The quotation attributed by `method`."""
        return Attribution(quote=self.span, method=method, cue=cue, subject=subject, continues=continues)

    def shared(self, find: Callable[[Context], T]) -> T:
        """`find(self)`, worked out once per context."""
        if find not in self._shared:
            self._shared[find] = find(self)
        return self._shared[find]  # type: ignore[return-value]

    def first_in(self, paragraph: int) -> int | None:
        """The number of the first quotation of `paragraph`, if it has one."""
        numbers = self.numbers_in.get(paragraph)
        return numbers[0] if numbers else None

    def last_attributed(self, paragraph: int) -> int | None:
        """The number of the last quotation of `paragraph` before this one
        that has an attribution, if any."""
        for number in reversed(self.numbers_in.get(paragraph, ())):
            if number < self.number and self.decided[number] is not None:
                return number
        return None


@dataclass(frozen=True, kw_only=True)
class Rule:
    """An attribution rule: `find` gives the attribution (by `method`) or
    None; `confidence` is how far its method is trusted, `description` what
    it does in a line, `sweep` the pass it runs in."""

    name: str
    method: Method
    confidence: float
    sweep: Sweep
    find: Callable[[Context], Attribution | None]
    description: str


def registry(*rules: Rule) -> tuple[Rule, ...]:
    """`rules` as a registry: in the order they are tried.

    Raises:
        ValueError: two rules share a name; a rule gives the method of no
        rule ("none"); two rules give one method with different
        confidences; a sweep's rules are not together (the list would not
        read in the order it runs).
    """
    names = [rule.name for rule in rules]
    if len(set(names)) != len(names):
        raise ValueError(f"attribution rules must have different names: {names}")
    confidence: dict[Method, float] = {}
    for rule in rules:
        if rule.method == UNATTRIBUTED:
            raise ValueError(f"rule {rule.name!r} gives method {UNATTRIBUTED!r}, which is no rule's")
        if confidence.setdefault(rule.method, rule.confidence) != rule.confidence:
            raise ValueError(f"rule {rule.name!r} gives method {rule.method!r} another confidence than an earlier rule")
    sweeps = [rule.sweep for rule in rules]
    runs = [sweep for n, sweep in enumerate(sweeps) if n == 0 or sweeps[n - 1] != sweep]
    if len(set(runs)) != len(runs):
        raise ValueError(f"the rules of each sweep must come together: {[s.name for s in sweeps]}")
    return rules


def without(rules: Sequence[Rule], *names: str) -> tuple[Rule, ...]:
    """`rules` but those named `names` (what a rule's tests compare against).

    Raises:
        ValueError: a name is no rule's.
    """
    unknown = set(names) - {rule.name for rule in rules}
    if unknown:
        raise ValueError(f"no attribution rule is named {', '.join(sorted(unknown))}")
    return tuple(rule for rule in rules if rule.name not in names)


def sweeps_of(rules: Sequence[Rule]) -> list[Sweep]:
    """The sweeps of `rules`, in the order they run."""
    return list(dict.fromkeys(rule.sweep for rule in rules))


def confidences(rules: Sequence[Rule]) -> dict[Method, float]:
    """Each method the `rules` give -> how far it is trusted, in the rules' order."""
    return {rule.method: rule.confidence for rule in rules}


def attribute(parsed: ParsedArticle, rules: Sequence[Rule]) -> list[Attribution | None]:
    """Attribute every quotation span of `parsed`, in order, by `rules` (see
    the module docstring): for each span its attribution, or None."""
    decided: list[Attribution | None] = [None] * len(parsed.spans)
    numbers_in: dict[int, list[int]] = {}
    for number, span in enumerate(parsed.spans):
        numbers_in.setdefault(span.paragraph, []).append(number)
    for sweep in sweeps_of(rules):
        tried = [rule.find for rule in rules if rule.sweep == sweep]
        order = range(len(decided) - 1, -1, -1) if sweep.backwards else range(len(decided))
        for number in order:
            if decided[number] is None:
                context = Context(parsed=parsed, number=number, decided=decided, numbers_in=numbers_in)
                decided[number] = next((found for find in tried if (found := find(context)) is not None), None)
    return decided


def opens_paragraph(parsed: ParsedArticle, span: QuoteSpan) -> bool:
    """Whether quotation `span` starts its paragraph (after the opening mark)."""
    return span.start - parsed.paragraphs[span.paragraph].start <= 1
