"""The attribution rules (`quotes.extract.rules.RULES`): a table of cases per
rule, run with the real model, and checks that the registry, its tables, the
confidence table, the method type and the docs agree."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import get_args

import pytest
from spacy.language import Language

from quotes.extract import _METHOD_CONFIDENCE, Quote, parse, quotes_of
from quotes.extract.attribution import Attribution, Context, Rule, Sweep, registry, without
from quotes.extract.rules import FIRST, RULES, describe
from quotes.kinds import METHODS, Method
from quotes.sources import parse_article
from tests.conftest import ROOT

# Per rule, in the registry's order: (text, the first words of the quotation,
# the speaker mention its attribution rests on, the method it gets). Each
# case is attributed by that rule; without the rule, at least one case of
# its table comes out otherwise.
CASES: dict[str, list[tuple[str, str, str | None, str]]] = {
    "transcript": [
        (
            "Jake Tapper spoke with Gov. Mary Fallin on Sunday.\n\n"
            "TAPPER: Do you think he can heal the divide?\n\n"
            "FALLIN: Well, I think the whole nation needs to work together.",
            "Do you think",
            "TAPPER",
            "transcript",
        ),
        (
            "Jake Tapper spoke with Gov. Mary Fallin on Sunday.\n\n"
            "TAPPER: Do you think he can heal the divide?\n\n"
            "FALLIN: Well, I think the whole nation needs to work together.",
            "Well, I think",
            "FALLIN",
            "transcript",
        ),
    ],
    "syntax": [
        # Right after the closing mark, inverted.
        (
            'Defence Secretary John Healey spoke.\n\n"We stand with Ukraine," said Healey.',
            "We stand",
            "Healey",
            "syntax",
        ),
        # The verb the quotation hangs from.
        ('Healey said that "Europe must carry more of the load."', "Europe must", "Healey", "syntax"),
        # Of nested ones, the reporter's for a fragment.
        (
            'Sen. Ted Cruz said he is certain Marco Rubio will continue to be "a champion for opportunity."',
            "a champion",
            "Ted Cruz",
            "syntax",
        ),
        # A speech verb the tagger took for a noun.
        (
            '"The kingdom is one of the leading nations," the Saudis state in the white paper.',
            "The kingdom",
            "Saudis",
            "syntax",
        ),
    ],
    "syntax-according": [
        # Without the rule, "said" in the same sentence is the nearest cue.
        ('"It cannot work," according to Jones, and Smith said as much.', "It cannot work", "Jones", "according"),
        ('"It cannot work," according to Mark Jones, of Yale.', "It cannot work", "Mark Jones", "according"),
    ],
    "label": [
        (
            'Rep. Trey Gowdy (R-S.C.): "I have not heard anyone else cite that figure."',
            "I have not heard",
            "Trey Gowdy",
            "label",
        ),
        (
            "EXPECTATIONS IN OTHER STATES - Michael P. McDonald: “At long last the nomination contests have started.”",
            "At long last",
            "Michael P. McDonald",
            "label",
        ),
    ],
    "colon": [
        (
            'Hillary Clinton spoke in Iowa. Clinton had a blunt message for critics: "No one is tearing this up."',
            "No one",
            "Clinton",
            "colon",
        ),
        # A name after a dash, with no verb.
        (
            "Estimates of civic engagement are particularly problematic - Pew Research: “All the samples evaluated "
            "include more politically engaged individuals than benchmark sources indicate.”",
            "All the samples",
            "Pew Research",
            "colon",
        ),
    ],
    "byline": [
        ('"Europe must carry more of the load." ― Beck Pimentel', "Europe must", "Beck Pimentel", "byline"),
        (
            '"Great speech. She is tested."\n\n— President Barack Obama, tweeting after the speech.',
            "Great speech",
            "Barack Obama",
            "byline",
        ),
    ],
    "possessor": [
        (
            "Mayor Jane Doyle spoke on Friday. The union walked out after her remark that "
            '"every contract will be cut by half next year."',
            "every contract",
            "her",
            "possessor",
        ),
        (
            'Voters still remember Senator Paul Grant\'s "no new tolls, ever" promise from the campaign.',
            "no new tolls",
            "Paul Grant",
            "possessor",
        ),
    ],
    "nearby": [
        ('As columnist Dana Milbank puts it, "Senate Republicans are unmoved."', "Senate", "Dana Milbank", "nearby"),
        (
            "Clinton seemed to be ready to riff on the incident in Iowa, telling the crowd, "
            '"Some people get a little carried away, have you noticed that?"',
            "Some people",
            "Clinton",
            "nearby",
        ),
    ],
    "nearby-according": [
        ('According to Mark Jones, the plan is "bound to fail within a year."', "bound", "Mark Jones", "according"),
        ('The plan, according to Jones, is "a dead end for the city."', "a dead end", "Jones", "according"),
    ],
    "verb": [
        (
            'Senator Ted Cruz is praising Jeb Bush as "a man who did not go to the gutter" in the race.',
            "a man who",
            "Ted Cruz",
            "verb",
        ),
        # A verb of thinking.
        (
            'Paul Ryan worried that the safety net was becoming "a hammock that lulls people to lives of dependency."',
            "a hammock",
            "Paul Ryan",
            "verb",
        ),
    ],
    "nearby-next": [
        (
            'Governor Tom Reed issued a statement after the vote. "Tonight the people were heard."',
            "Tonight",
            "Tom Reed",
            "nearby",
        ),
        (
            '"Will he finally say it? If not, he should resign!" the presumptive nominee, Donald Trump, tweeted '
            "Sunday after the attack.",
            "Will he",
            "Donald Trump",
            "nearby",
        ),
    ],
    "nearby-next-according": [
        (
            'The plan is failing, according to Mark Jones. "It cannot work at all, not in this city."',
            "It cannot work",
            "Mark Jones",
            "according",
        ),
    ],
    "colon-paragraph": [
        ('Stated Roger Stone:\n\n"The stakes are so high."', "The stakes", "Roger Stone", "colon"),
        (
            'President Bill Clinton released the following statement:\n\n"Hillary and I offer our condolences."',
            "Hillary and I",
            "Bill Clinton",
            "colon",
        ),
    ],
    "continuation": [
        # Without it, the quotation paragraph would go on to the next speaker's.
        (
            '"We will build the bridge," Mayor Tom Baker said.\n\n"It will open next spring."\n\n'
            '"We are proud of it," Governor Ann Lee said.',
            "It will open",
            "Tom Baker",
            "continuation",
        ),
        (
            '"We will build the bridge," Mayor Tom Baker said. The bridge cost $5 million. '
            '"It will open next spring and it will carry trains."',
            "It will open",
            "Tom Baker",
            "continuation",
        ),
    ],
    "continuation-ahead": [
        (
            'Mayor Tom Baker spoke on Monday.\n\n"The bridge will open next spring."\n\n'
            '"We are proud of the work," Baker said.',
            "The bridge",
            "Baker",
            "continuation",
        ),
        (
            'Mayor Tom Baker spoke on Monday.\n\n"The bridge will open next spring."\n\n'
            '"The tunnel will follow in the autumn."\n\n"We are proud of the work," Baker said.',
            "The bridge",
            "Baker",
            "continuation",
        ),
    ],
    "before": [
        (
            "If anything, Sen. Tom Ash argued in his email, the incident shows why the rules matter.\n\n"
            '"A proper debate is the only way forward for the committee and for the party."',
            "A proper debate",
            "Tom Ash",
            "before",
        ),
        # The sentence's own verb, before one in a clause inside it.
        (
            "Defense Secretary Ash Carter spoke in Singapore on Saturday.\n\n"
            "Carter said that for decades some critics had been predicting an American withdrawal from the region.\n\n"
            '"That is not going to happen in this region, not now and not later."',
            "That is not",
            "Carter",
            "before",
        ),
    ],
    "continuation-again": [
        (
            "If anything, Sen. Tom Ash argued in his email, the incident shows why the rules matter.\n\n"
            '"A proper debate is the only way forward for the committee."\n\n'
            '"It is a matter of principle for all of us."',
            "It is a matter",
            "Tom Ash",
            "continuation",
        ),
    ],
}


def _quotes(nlp: Language, text: str, rules: Sequence[Rule] = RULES) -> list[Quote]:
    """The quotes of `text` (transcript turns read) by `rules`."""
    return quotes_of(parse(parse_article(text, source="test.txt"), nlp, transcripts=True), rules=rules)


def _outcome(quotes: list[Quote], begins: str) -> tuple[str | None, str] | None:
    """(mention, method) of the quote that begins with `begins`, or None if there is none."""
    found = [(q.mention, q.method) for q in quotes if q.text.startswith(begins)]
    return found[0] if found else None


def _recording(rule: Rule, fired: dict[int, str]) -> Rule:
    """`rule`, noting in `fired` (quotation start -> rule name) each quotation it attributes."""

    def find(context: Context) -> Attribution | None:
        found = rule.find(context)
        if found is not None:
            fired[context.span.start] = rule.name
        return found

    return dataclasses.replace(rule, find=find)


@pytest.mark.parametrize(
    "rule, text, quote, mention, method",
    [(rule, *case) for rule, cases in CASES.items() for case in cases],
    ids=[f"{rule}-{n}" for rule, cases in CASES.items() for n in range(len(cases))],
)
def test_rule(nlp: Language, rule: str, text: str, quote: str, mention: str | None, method: str) -> None:
    fired: dict[int, str] = {}
    quotes = _quotes(nlp, text, [_recording(r, fired) for r in RULES])
    assert _outcome(quotes, quote) == (mention, method)
    (start,) = [q.start for q in quotes if q.text.startswith(quote)]
    assert fired[start] == rule


def test_every_rule_has_a_table_of_cases() -> None:
    assert list(CASES) == [rule.name for rule in RULES]
    assert all(CASES.values())


@pytest.mark.parametrize("rule", [rule.name for rule in RULES])
def test_without_its_rule_a_table_fails(nlp: Language, rule: str) -> None:
    rules = without(RULES, rule)
    changed = [case for case in CASES[rule] if _outcome(_quotes(nlp, case[0], rules), case[1]) != case[2:]]
    assert changed, f"the cases of {rule!r} come out the same without it"


def test_a_quotation_no_rule_attributes_has_method_none(nlp: Language) -> None:
    (quote,) = _quotes(nlp, 'Healey said that "Europe must carry more of the load."', rules=())
    assert (quote.speaker, quote.method, quote.confidence) == (None, "none", 0.3)


def test_methods_confidences_and_the_method_type_agree_with_the_rules() -> None:
    given = {rule.method for rule in RULES}
    assert set(get_args(Method)) == given | {"none"} and "none" not in given
    assert set(METHODS) == set(get_args(Method))
    confidences = {rule.method: rule.confidence for rule in RULES}
    assert dict(_METHOD_CONFIDENCE) == {**confidences, "none": 0.3}


def _rule(name: str, method: Method = "syntax", confidence: float = 0.9, sweep: Sweep = FIRST) -> Rule:
    return Rule(name=name, method=method, confidence=confidence, sweep=sweep, find=lambda _: None, description="")


@pytest.mark.parametrize(
    "rules, message",
    [
        ([_rule("a"), _rule("a")], "different names"),
        ([_rule("a", method="none")], "which is no rule's"),
        ([_rule("a"), _rule("b", confidence=0.5)], "another confidence"),
        ([_rule("a"), _rule("b", sweep=Sweep("other", True, "")), _rule("c")], "must come together"),
    ],
)
def test_a_registry_that_would_not_read_as_it_runs_is_refused(rules: list[Rule], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        registry(*rules)


def test_without_an_unknown_rule_is_refused() -> None:
    with pytest.raises(ValueError, match="no attribution rule is named nonsense"):
        without(RULES, "nonsense")


def test_the_docs_list_the_rules_in_order() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- rules:[^\n]*-->\n(.*?)<!-- /rules -->", readme, re.S)
    assert block is not None and block.group(1) == describe(RULES), (
        "README.md's list of rules is not RULES': replace it with describe(RULES)"
    )
    # The jsonl format names every method, in the order of `quotes.kinds.Method`.
    row = re.search(r"how the attribution was made \(([^:]*): the rules below\)", readme)
    assert row is not None and re.findall(r"`(\w+)`", row.group(1)) == list(METHODS)
    from quotes.extract import rules

    assert rules.__doc__ is not None and rules.__doc__.endswith(describe(RULES))
