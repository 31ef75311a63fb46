"""The quote finder on hand-made text: no model needed."""

import pytest

from quotes.extract.spans import find_quote_spans, find_transcript_turns, split_paragraphs, with_turns


def quoted(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quote_spans(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('He said "hello there" and left.', ["hello there"]),
        ("“Curly quotes work,” she said.", ["Curly quotes work,"]),
        ('"One," he said, "and two."', ["One,", "and two."]),
        ("„Ja“, sagte er.".replace("“", "”"), ["Ja"]),
        ("«Oui», dit-il.", ["Oui"]),
        # Apostrophes are not quotation marks.
        ("It's Healey's view that \"we're ready.\"", ["we're ready."]),
        # An inch mark with nothing open is skipped, the rest still found.
        ('A 6" pipe burst. "Terrible," she said.', ["Terrible,"]),
        # A stray opening mark in the middle costs only its own span.
        ('He said "this is stray. Then "a real quote" followed.', ["a real quote"]),
        # Closing written with the opening curly mark (seen in real copy).
        ("“Great news“ said he.", ["Great news"]),
        # Attribute values of markup left in the copy are not quotations.
        ('<tweet tweet-id="6721385"><tweet/> "Sad!" he wrote.', ["Sad!"]),
        ("No quotation here at all.", []),
        ('"" empty marks', []),
    ],
)
def test_finds_quotes(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


def test_multi_paragraph_quote_gives_one_span_per_paragraph() -> None:
    text = '"First paragraph of the speech.\n\n"Second paragraph.\n\n"Last one," he said.'
    assert quoted(text) == ["First paragraph of the speech.", "Second paragraph.", "Last one,"]
    spans = find_quote_spans(text)
    assert [s.closed for s in spans] == [False, False, True]
    assert [s.paragraph for s in spans] == [0, 1, 2]


def test_unclosed_mark_mid_paragraph_is_dropped_when_nothing_follows() -> None:
    text = 'He called it "nonsense and left.\n\nThe next paragraph has no quote.'
    assert quoted(text) == []


def test_quote_paragraph_missing_its_closing_mark_is_kept() -> None:
    text = '"We will win this election.\n\nShe left the stage.'
    assert quoted(text) == ["We will win this election."]


def test_offsets_index_the_text_exactly() -> None:
    text = 'date 2025-01-01\n\n  Title\n\n"Quote one," said A.\r\n\r\n“Quote two.”'
    spans = find_quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["Quote one,", "Quote two."]
    for span in spans:
        assert text[span.start - 1] in '"“' and text[span.end] in '"”'


def test_split_paragraphs_trims_and_skips_blank_lines() -> None:
    text = "  one \n\n\ntwo\r\n   \nthree"
    assert [text[p.start : p.end] for p in split_paragraphs(text)] == ["one", "two", "three"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # British style: single marks, apostrophes left alone.
        ("‘We don’t know yet,’ the minister said.", ["We don’t know yet,"]),
        ("'It's their choice,' she said. 'Rock'n'roll.'", ["It's their choice,", "Rock'n'roll."]),
        ("He recalled the ’90s: ‘Those were better days.’", ["Those were better days."]),
        # Nested double marks inside a single-quoted passage stay inside it.
        ("‘I said “no” twice,’ he said. ‘Twice.’", ["I said “no” twice,", "Twice."]),
        # An article with double marks: singles are nested or apostrophes.
        ("Title with 'Single' marks\n\n\"He called it 'phony',\" she said.", ["He called it 'phony',"]),
        # A single-quoted headline over a body without quotations is not British style.
        ("Trump: 'Loser'\n\nThe race goes on.", []),
    ],
)
def test_british_single_quotes(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A straight quotation nested in a curly one keeps the outer one.
        ('“He told me "no" and then left the room,” she said.', ['He told me "no" and then left the room,']),
        # A plural possessive inside a single-quoted passage.
        (
            "‘The players’ union will not accept this,’ he said. ‘Never.’",
            ["The players’ union will not accept this,", "Never."],
        ),
        # Marks around no words are not quotations.
        ('He said "!!!" and then "—" twice, then "yes."', ["yes."]),
        # '' pairs (New York Times archive style) count as double marks when
        # choosing the style, but are not extracted; the singles are nested.
        ("''We may see wage growth,'' he wrote. 'Big story,' he added.", []),
    ],
)
def test_nesting_possessives_and_empty_quotes(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


def test_transcript_turns_are_the_paragraphs_after_their_labels() -> None:
    text = (
        "Tapper spoke to Gov. Fallin.\n\nJAKE TAPPER: Donald Trump released a video.\n\n"
        'MR. TRUMP: We have work to do, and I said "we must unite."\n\n'
        "GOWDY: \u201cWe will see.\u201d\n\nQ: Why?\n\nA: Because.\n\nNote: lower case is no label."
    )
    paragraphs = split_paragraphs(text)
    turns = find_transcript_turns(text, paragraphs)
    assert [(t.label, text[t.start : t.end]) for t in turns] == [
        ("JAKE TAPPER", "Donald Trump released a video."),
        ("MR. TRUMP", 'We have work to do, and I said "we must unite."'),
        ("Q", "Why?"),
        ("A", "Because."),
    ]
    # A turn takes its whole paragraph: the quotation inside it is no span of its own.
    spans = with_turns(find_quote_spans(text, paragraphs), turns)
    assert [text[s.start : s.end] for s in spans] == [
        "Donald Trump released a video.",
        'We have work to do, and I said "we must unite."',
        "We will see.",
        "Why?",
        "Because.",
    ]
