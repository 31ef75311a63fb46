"""Checking a claimed quotation: the verdict of the word alignment
(`quotes.align`, pure) for each kind of misquote, and the check against a
database (`quotes.check` through `api.check` and the CLI)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from typer.testing import CliRunner

from quotes import api, cli
from quotes.align import Words, align, opposite
from tests.conftest import SEEDS, fresh_database

# Stored quotes: the seed article's, and a few with figures, dates and names.
CRYSTAL = (
    "In the weeks to come, we will see what's going to happen with the US participation, "
    "with the US support. I am not able to have a look in the crystal ball,"
)
CRITICAL = "2025 is the critical year for this war in Ukraine, and now is the critical moment in that war,"
SIGNAL = (
    "We are sending a signal to Putin, but we are also sending a message to Ukraine, "
    "and we are saying to Ukraine, we stand with you in the fight."
)
SHARE = (
    "It's a share of responsibilities, European partners are taking the lead "
    "and the US is beside us and focused on the peace."
)
LEAD = "Europe is taking over the lead in security assistance, for which we are thankful"
MONEY = "On Monday, April 11, we pledged $450 million, some 3.5 per cent of our defence budget, for two years."
PLAN = "We support the plan, and spending will increase next year."


def verdict_of(claim: str, stored: str) -> str | None:
    return align(Words.of(claim), Words.of(stored)).verdict


def changes_of(claim: str, stored: str) -> list[tuple[str, str, str, tuple[str, ...]]]:
    return [(c.kind, c.stored, c.claimed, c.meaning) for c in align(Words.of(claim), Words.of(stored)).changes()]


@pytest.mark.parametrize(
    "stored, claim, change",
    [
        # A negation dropped, added, contracted.
        (CRYSTAL, "I am able to have a look in the crystal ball", ("dropped", "not", "", ("negation",))),
        (CRITICAL, "2025 is not the critical year for this war in Ukraine", ("added", "", "not", ("negation",))),
        (PLAN, "We don't support the plan", ("added", "", "don't", ("negation",))),
        (SIGNAL, "We are never sending a signal to Putin", ("added", "", "never", ("negation",))),
        # A number, a spelled number, a date, a day, an amount, a currency, a share.
        (CRITICAL, "2026 is the critical year for this war in Ukraine", ("changed", "2025", "2026", ("number",))),
        (MONEY, "we pledged $450 million, some 3.5 per cent of our defence budget, for three years",
         ("changed", "two", "three", ("number",))),
        (MONEY, "On Monday, April 12, we pledged $450 million", ("changed", "11", "12", ("number",))),
        (MONEY, "On Tuesday, April 11, we pledged $450 million", ("changed", "Monday", "Tuesday", ("number",))),
        (MONEY, "we pledged $450 billion, some 3.5 per cent of our defence budget",
         ("changed", "million", "billion", ("number",))),
        (MONEY, "we pledged €450 million, some 3.5 per cent of our defence budget", ("changed", "$", "€", ("number",))),
        (MONEY, "we pledged $450 million, some 35 percent of our defence budget",
         ("changed", "3.5", "35", ("number",))),
        # A name swapped (capitalised, or typed in lower case), dropped.
        (SIGNAL, "We are sending a signal to Trump", ("changed", "Putin", "Trump", ("name",))),
        (SIGNAL, "we are sending a signal to trump", ("changed", "Putin", "trump", ("name",))),
        (SHARE, "European partners are taking the lead and the EU is beside us", ("changed", "US", "EU", ("name",))),
        # A word of opposite sense.
        (PLAN, "We oppose the plan", ("changed", "support", "oppose", ("reversal",))),
        (PLAN, "spending will decrease next year", ("changed", "increase", "decrease", ("reversal",))),
        (CRYSTAL, "I am not unable to have a look in the crystal ball", ("changed", "able", "unable", ("reversal",))),
    ],
)  # fmt: skip
def test_a_change_of_meaning_is_altered_and_named(
    stored: str, claim: str, change: tuple[str, str, str, tuple[str, ...]]
) -> None:
    assert verdict_of(claim, stored) == "altered"
    assert changes_of(claim, stored)[0] == change


@pytest.mark.parametrize(
    "stored, claim, changes",
    [
        # A word changed.
        (LEAD, "Europe is taking over the lead in security support, for which we are thankful",
         [("changed", "assistance", "support", ())]),
        # Words dropped in the middle with no ellipsis (a name among them).
        (CRITICAL, "2025 is the critical year, and now is the critical moment in that war",
         [("dropped", "for this war in Ukraine", "", ("name",))]),
        (LEAD, "Europe is taking over the lead, for which we are thankful",
         [("dropped", "in security assistance", "", ())]),
        # Clauses reordered: the moved clause is named (and the "and" that joins them).
        (CRITICAL, "Now is the critical moment in that war, and 2025 is the critical year for this war in Ukraine",
         [("moved", "", "Now is the critical moment in that war", ()), ("added", "", "and", ())]),
        (SIGNAL, "We stand with you in the fight. We are sending a signal to Putin",
         [("moved", "", "We are sending a signal to Putin", ())]),
        # "not able" for "unable" and "won't" for "will not" change words, not the meaning.
        (CRYSTAL, "I am unable to have a look in the crystal ball", [("changed", "not able", "unable", ())]),
        ("We will not give up.", "We won't give up.", [("changed", "will not", "won't", ())]),
    ],
)  # fmt: skip
def test_other_changes_are_altered_and_named(
    stored: str, claim: str, changes: list[tuple[str, str, str, tuple[str, ...]]]
) -> None:
    assert verdict_of(claim, stored) == "altered"
    assert changes_of(claim, stored) == changes


@pytest.mark.parametrize(
    "stored, claim, verdict",
    [
        (CRITICAL, CRITICAL, "verbatim"),
        # Case, punctuation, quotation marks, apostrophes, accents, dashes,
        # "U.S."/"US", spelled numbers, "per cent", British spellings: verbatim.
        (SHARE, "“it’s a share of responsibilities — European partners are taking the lead, and the U.S. "
                "is beside us, and focused on the peace”", "verbatim"),
        (SHARE, "ITS A SHARE OF RESPONSIBILITIES EUROPEAN PARTNERS ARE TAKING THE LEAD AND THE US IS BESIDE US "
                "AND FOCUSED ON THE PEACE", "verbatim"),
        (MONEY, "On Monday, April 11, we pledged $450 million - some 3.5 percent of our defense budget - "
                "for 2 years!", "verbatim"),
        ("Zürich is where the café is.", "Zurich is where the cafe is", "verbatim"),
        ("The centre will organise it.", "The center will organize it", "verbatim"),
        # A part; parts joined by an ellipsis (any kind), or with an editor's brackets.
        (CRYSTAL, "I am not able to have a look in the crystal ball", "excerpt"),
        (CRITICAL, "2025 is the critical year … and now is the critical moment in that war", "excerpt"),
        (CRITICAL, "2025 is the critical year... now is the critical moment", "excerpt"),
        (CRITICAL, "2025 is the critical year . . . now is the critical moment", "excerpt"),
        (CRITICAL, "2025 is the critical year [...] now is the critical moment", "excerpt"),
        (SIGNAL, "[Britain is] sending a signal to Putin", "excerpt"),
        (SIGNAL, "… we stand with you in the fight …", "excerpt"),
        # An ellipsis of the article's own, copied or left out.
        ("We will fight … and we will win.", "We will fight ... and we will win", "verbatim"),
        ("We will fight … and we will win.", "We will fight and we will win", "excerpt"),
        ("We will fight … and we will win.", "We will fight … and we will lose", "altered"),
        # The gist in other words: no quotation.
        (SIGNAL, "We are telling Ukraine that we stand with it in its fight, and sending Putin a signal",
         "paraphrase"),
        (SHARE, "The US is focused on peace while European partners take the lead and share responsibilities",
         "paraphrase"),
        # Something else.
        (SIGNAL, "The moon is made of green cheese", None),
        (CRYSTAL, "the crystal bowl", None),  # (too short for a changed word to tell)
        (CRYSTAL, "", None),
    ],
)  # fmt: skip
def test_verdicts(stored: str, claim: str, verdict: str | None) -> None:
    assert verdict_of(claim, stored) == verdict


_MARKS = ["", ",", ".", ";", " —", " -", "!", "?", ":"]


@settings(max_examples=150, deadline=None)
@given(
    stored=st.sampled_from([CRYSTAL, CRITICAL, SIGNAL, SHARE, LEAD, MONEY, PLAN]),
    data=st.data(),
)
def test_no_verbatim_copy_is_altered(stored: str, data: st.DataObject) -> None:
    # Retyped with other punctuation, case and quotation marks, curly or
    # straight apostrophes, "U.S." for "US": still verbatim.
    words = stored.replace("US ", "U.S. ").split()
    retyped = []
    for word in words:
        bare = word.rstrip(",.;:!?")
        case = data.draw(st.sampled_from([str, str.lower, str.upper]))
        mark = data.draw(st.sampled_from(_MARKS)) if bare != "per" else ""  # ("per cent" is one word)
        retyped.append(case(bare.replace("'", data.draw(st.sampled_from(["'", "’"])))) + mark)
    opening, closing = data.draw(st.sampled_from([("", ""), ("“", "”"), ('"', '"'), ("«", "»")]))
    claim = opening + " ".join(retyped) + closing
    assert verdict_of(claim, stored) == "verbatim", claim


@pytest.mark.parametrize(
    "one, other, expected",
    [
        ("able", "unable", True),
        ("possible", "impossible", True),
        ("supports", "opposed", True),
        ("increase", "decrease", True),
        ("legal", "illegal", True),
        # A prefix that negates nothing here.
        ("form", "inform", False),
        ("cover", "discover", False),
        ("support", "supports", False),
    ],
)
def test_opposites(one: str, other: str, expected: bool) -> None:
    assert opposite(one, other) is expected


def test_the_difference_is_marked_in_plain_text() -> None:
    alignment = align(Words.of("2026 is the critical year for this war in Ukraine"), Words.of(CRITICAL))
    assert alignment.marked() == "[-2025-] {+2026+} is the critical year for this war in Ukraine …"
    alignment = align(Words.of("I am able to have a look in the crystal ball"), Words.of(CRYSTAL))
    assert alignment.marked() == "… I am [-not-] able to have a look in the crystal ball"


# Against a database: the seed article's six quotes.

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli.app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = fresh_database(tmp_path_factory.mktemp("check"))
    code, _, err = run("ingest", str(SEEDS), "--db", db)
    assert code == 0, err
    return db


@pytest.mark.parametrize(
    "claim, speaker, verdict, finding, change",
    [
        # The three misquotes, which the check used to confirm.
        ("I am able to have a look in the crystal ball", None, "altered", "altered", "not"),
        ("2026 is the critical year for this war in Ukraine", None, "altered", "altered", "2025"),
        ("2025 is not the critical year for this war in Ukraine", "Healey", "altered", "altered", "not"),
        # Verbatim, an excerpt: by the speaker given, or by someone else.
        ("We take on more responsibility as Europeans", "Pistorius", "verbatim", "ok", None),
        ("we will see whats going to happen with the U.S. participation", "Boris Pistorius", "excerpt", "ok", None),
        ("We take on more responsibility as Europeans", "Healey", "verbatim", "other speaker", None),
        # Altered words of someone else: the worse finding.
        ("I am able to have a look in the crystal ball", "Healey", "altered", "other speaker", "not"),
        # A fragment of a few words, not among the speaker's quotes: anyone's words, not found.
        ("the critical moment", "Healey", "excerpt", "ok", None),
        ("the critical moment", "Pistorius", "excerpt", "not found", None),
        # Across two quotes of a speaker, one after the other in the article.
        ("I am not able to have a look in the crystal ball. We take on more responsibility as Europeans.",
         "Pistorius", "excerpt", "ok", None),
        ("The moon is made of green cheese", None, "not found", "not found", None),
    ],
)  # fmt: skip
def test_check_against_the_database(
    seeded: str, claim: str, speaker: str | None, verdict: str, finding: str, change: str | None
) -> None:
    result = api.check(claim, speaker=speaker, db=seeded)
    assert (result.verdict, result.finding) == (verdict, finding)
    if change is not None:
        assert result.match is not None and change in (result.match.changes[0].stored, result.match.changes[0].claimed)
    if result.match is not None:
        assert result.articles == 1 and result.first is not None


def test_a_claim_across_two_quotes_names_both(seeded: str) -> None:
    claim = "I am not able to have a look in the crystal ball. We take on more responsibility as Europeans."
    match = api.check(claim, db=seeded).match
    assert match is not None and [row[0].text[:9] for row in match.parts] == ["In the we", "We take o"]


@pytest.mark.parametrize(
    "args, code, shown",
    [
        (["I am able to have a look in the crystal ball"], cli.CHECK_ALTERED,
         ["altered: 1 change, 1 of meaning", "! dropped “not” (negation)",
          "difference: … I am [-not-] able to have a look in the crystal ball", "first appeared there; in 1 article"]),
        (["2026 is the critical year for this war in Ukraine"], cli.CHECK_ALTERED,
         ["“2025” changed to “2026” (number)", "[-2025-] {+2026+} is the critical year"]),
        (["2025 is not the critical year for this war in Ukraine", "--speaker", "Healey"], cli.CHECK_ALTERED,
         ["added “not” (negation)", "attributed to Healey: yes"]),
        (["We take on more responsibility as Europeans", "--speaker", "Healey"], cli.CHECK_OTHER_SPEAKER,
         ["verbatim", "attributed to Healey: no; stored as said by Boris Pistorius"]),
        (["I am not able to have a look"], 0, ["excerpt: a part of the stored words", "Boris Pistorius"]),
        (["The moon is made of green cheese"], cli.CHECK_NOT_FOUND, ["not found: no stored quote matches"]),
    ],
)  # fmt: skip
def test_check_command(seeded: str, args: list[str], code: int, shown: list[str]) -> None:
    got, out, err = run("check", *args, "--db", seeded)
    assert got == code, err
    for text in shown:
        assert text in out


def test_check_json_lists_changes_and_the_first_appearance(seeded: str) -> None:
    code, out, _ = run("check", "2026 is the critical year for this war in Ukraine", "--format", "json", "--db", seeded)
    assert code == cli.CHECK_ALTERED
    result = json.loads(out)
    assert (result["verdict"], result["finding"], result["status"]) == ("altered", "altered", 5)
    changed = {"kind": "changed", "stored": "2025", "claimed": "2026", "meaning": ["number"]}
    assert result["meaning_changes"] == [changed]
    assert (result["dropped"], result["added"]) == (["2025"], ["2026"])
    assert result["difference"] == "[-2025-] {+2026+} is the critical year for this war in Ukraine …"
    assert result["match"]["speaker"] == "John Healey" and result["first"]["date"] == "2025-04-11"
    assert result["articles"] == 1


def test_a_claim_too_long_for_a_quotation_is_one_line(seeded: str) -> None:
    code, _, err = run("check", "word " * 2001, "--db", seeded)
    assert code == 1 and "a quotation has at most 2,000" in err and "--file" in err


@pytest.mark.parametrize(
    "args, message",
    [
        ([], "give the words to check, or --file DRAFT"),
        (["some words", "--file", "draft.txt"], "give the words to check, or --file DRAFT"),
        (["--file", "draft.txt", "--speaker", "Healey"], "a draft gives each quotation's speaker itself"),
    ],
)
def test_check_wants_words_or_a_draft(seeded: str, args: list[str], message: str) -> None:
    code, _, err = run("check", *args, "--db", seeded)
    assert code == 2 and message in " ".join(err.split())


@pytest.fixture
def same_words_twice(tmp_path: Path) -> str:
    """A quote of Pistorius in two articles (the later ingested first), and
    the same words in a third, later, attributed to Healey."""
    articles = [
        ("late.txt", "2025-05-02", '"We take on more responsibility as Europeans," said Boris Pistorius.'),
        ("early.txt", "2025-03-01", '"We take on more responsibility as Europeans," said Boris Pistorius.'),
        ("wrong.txt", "2025-06-01", '"We take on more responsibility as Europeans," said John Healey.'),
    ]
    for name, date, text in articles:
        (tmp_path / name).write_text(f"title In {name[:-4]}\noutlet {name[:-4]}\ndate {date}\n\n{text}\n", "utf-8")
    db = fresh_database(tmp_path)
    assert run("ingest", *(str(tmp_path / name) for name, _, _ in articles), "--db", db)[0] == 0
    return db


def test_the_first_appearance_and_the_articles_carrying_the_words(same_words_twice: str) -> None:
    result = api.check("we take on more responsibility as europeans", db=same_words_twice)
    assert result.first is not None and result.first[1].headline == "In early"
    assert result.articles == 3 and result.others == ["Boris Pistorius", "John Healey"]
    # Given a speaker, their words come first: the words are theirs.
    result = api.check("we take on more responsibility as europeans", speaker="Healey", db=same_words_twice)
    assert result.finding == "ok" and result.match is not None and result.match.row[1].headline == "In wrong"
    assert result.others == ["Boris Pistorius"]


@pytest.mark.parametrize("no_color, marked", [(False, False), (True, True)])
def test_the_difference_in_a_terminal(
    seeded: str, monkeypatch: pytest.MonkeyPatch, no_color: bool, marked: bool
) -> None:
    # In colour, dropped words are struck through and added ones underlined;
    # with NO_COLOR (as when not a terminal) they are marked instead.
    screen = io.StringIO()
    monkeypatch.setattr(cli, "out", Console(file=screen, force_terminal=True, no_color=no_color, width=200))
    code, _, _ = run("check", "I am able to have a look in the crystal ball", "--db", seeded)
    assert code == cli.CHECK_ALTERED
    shown = screen.getvalue()
    assert ("[-not-]" in shown) is marked
    assert ("\x1b[9;31mnot\x1b[0m" in shown) is not marked  # struck through, in red
