"""Matching a claimed quotation to stored ones: the pure similarity."""

from __future__ import annotations

import pytest

from quotes.check import MATCH_SIMILARITY, similarity, words

STORED = "I am not able to have a look in the crystal ball, and nobody is."


@pytest.mark.parametrize(
    "claim",
    [
        STORED,
        # Case, accents, punctuation and quotation marks do not count.
        "“i am NOT able to have a look in the crystal-ball and nobody is”",
        # Only a part of it.
        "not able to have a look in the crystal ball",
        # A word changed and one missing.
        "I am not able to take a look in the crystal ball, nobody is.",
        # A longer text that contains it.
        "He said: I am not able to have a look in the crystal ball, and nobody is. Then he left.",
    ],
)
def test_what_matches(claim: str) -> None:
    assert similarity(words(claim), words(STORED)) >= MATCH_SIMILARITY


@pytest.mark.parametrize(
    "claim",
    [
        "the crystal ball",  # too short a part to confirm anything
        "We are sending a signal to Putin and to Ukraine.",
        "",
    ],
)
def test_what_does_not_match(claim: str) -> None:
    assert similarity(words(claim), words(STORED)) < MATCH_SIMILARITY


def test_words_fold_accents_case_apostrophes_and_abbreviations() -> None:
    assert words("Café — “Déjà VU”!") == ["cafe", "deja", "vu"]
    assert words("what's the U.S. plan") == words("whats the US plan") == ["whats", "the", "us", "plan"]
