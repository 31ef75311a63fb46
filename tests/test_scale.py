"""What one article may cost: long paragraphs are split, long runs without
spaces tokenized in pieces, huge articles refused; and the lookups that
replaced scans over a whole article give the answers the scans gave."""

from __future__ import annotations

import re

import pytest
from spacy.language import Language
from spacy.tokens import Doc

import quotes.extract
from quotes.errors import InputError
from quotes.extract import _batches, extract, parse
from quotes.extract.names import FullNames, WrittenNames, near
from quotes.extract.parsed import entities_in, entity_of
from quotes.extract.refer import canonical
from quotes.extract.roster import read_roster
from quotes.extract.spans import (
    MAX_PARAGRAPH,
    _Tags,
    find_quote_spans,
    split_long_paragraphs,
    split_paragraphs,
)
from quotes.extract.titles import TitleGiven, Titles, title_words
from quotes.nlp import MAX_RUN, RunBoundedTokenizer
from quotes.sources import Article
from quotes.sources.text import parse_article
from tests.conftest import SEED


def pieces_of(text: str, limit: int) -> tuple[list[str], list[tuple[str, int, bool]]]:
    """The pieces `split_long_paragraphs` makes of `text`'s paragraphs, and its
    quotations as (text, piece, closed)."""
    paragraphs = split_paragraphs(text)
    pieces, spans = split_long_paragraphs(text, paragraphs, find_quote_spans(text, paragraphs), limit=limit)
    return [text[p.start : p.end] for p in pieces], [(text[s.start : s.end], s.paragraph, s.closed) for s in spans]


@pytest.mark.parametrize(
    "text, pieces, spans",
    [
        # Short enough: as it is.
        ('"Yes," she said.', ['"Yes," she said.'], [("Yes,", 0, True)]),
        # At the last sentence end in the second half of the limit.
        (
            "One two three. Four five six. Seven eight nine.",
            ["One two three.", "Four five six.", "Seven eight nine."],
            [],
        ),
        # Not inside a quotation when there is white space outside one.
        (
            'Short. "Quote here," she said. And more words follow here.',
            ['Short. "Quote here," she said.', "And more words follow here."],
            [("Quote here,", 0, True)],
        ),
        (
            'He said "a b c d e f g h i j" and k l m n o p.',
            ["He said", '"a b c d e f g h i', 'j" and k l m n o p.'],
            [("a b c d e f g h i", 1, False), ("j", 2, True)],
        ),
        # A quotation longer than the limit runs on over pieces.
        (
            '"a b c d e f g h i j k l m n o p q r s t" he said.',
            ['"a b c d e f g h i j', 'k l m n o p q r s t"', "he said."],
            [("a b c d e f g h i j", 0, False), ("k l m n o p q r s t", 1, True)],
        ),
        # No white space: cut at the limit.
        ("x" * 50, ["x" * 20, "x" * 20, "x" * 10], []),
        # Other paragraphs keep their place after the pieces.
        (
            'One two three. Four five six.\n\n"Hi," he said.',
            ["One two three.", "Four five six.", '"Hi," he said.'],
            [("Hi,", 2, True)],
        ),
    ],
)
def test_a_long_paragraph_is_cut_into_pieces(text: str, pieces: list[str], spans: list[tuple[str, int, bool]]) -> None:
    assert pieces_of(text, 20 if len(text) < 55 else 30) == (pieces, spans)


def test_pieces_are_never_longer_than_the_limit() -> None:
    text = " ".join(f'"Word {n} of it," said Ann Lee{"." if n % 7 == 0 else ","}' for n in range(400))
    pieces, _ = pieces_of(text, 500)
    assert len(pieces) > 1 and all(len(piece) <= 500 for piece in pieces)
    assert " ".join(pieces) == text  # nothing lost but the spaces cut at


def test_an_over_long_paragraph_is_split_and_its_quotes_found(nlp: Language) -> None:
    sentence = "“We will build the bridge by next spring,” said Ann Lee. The council met on Tuesday to discuss it. "
    count = MAX_PARAGRAPH // len(sentence) * 3
    text = sentence * count  # one paragraph of three times the limit
    article = parse_article(text, source="long.txt")
    parsed = parse(article, nlp)
    assert len(parsed.docs) >= 3 and all(p.end - p.start <= MAX_PARAGRAPH for p in parsed.paragraphs)
    # Cut at sentence ends: each piece ends a sentence and starts a quotation.
    assert all(text[p.end - 1] == "." and text[p.start] == "“" for p in parsed.paragraphs)
    found = extract(article, nlp)
    assert len(found) == count
    said = {(q.text, q.speaker, q.cue) for q in found}
    assert said == {("We will build the bridge by next spring,", "Ann Lee", "said")}


def test_a_quotation_longer_than_a_paragraph_may_be_is_kept_whole(nlp: Language) -> None:
    words = "and we will keep on building it " * (MAX_PARAGRAPH // 20)
    text = f"“{words.strip()},” said Ann Lee."
    found = extract(parse_article(text, source="long.txt"), nlp)
    assert len(found) >= 2
    assert " ".join(q.text for q in found).split() == f"{words.strip()},".split()
    assert found[-1].speaker == "Ann Lee"


def test_the_tokenizer_gives_spacys_own_tokens_for_ordinary_text(nlp: Language) -> None:
    bounded = nlp.tokenizer
    assert isinstance(bounded, RunBoundedTokenizer)
    texts = [
        SEED.read_text(encoding="utf-8"),
        "He said:“Yes” and  left\tearly — at https://example.com/a/b?c=d&e=f. Don't, can't, U.S.-led.",
        "x" * MAX_RUN + ' "' + '"x"' * 80 + '"',
    ]
    for text in texts:
        ours, theirs = bounded(text), bounded.tokenizer(text)
        assert [(t.text, t.whitespace_, t.norm_) for t in ours] == [(t.text, t.whitespace_, t.norm_) for t in theirs]


@pytest.mark.parametrize(
    "text",
    [
        '"' * 20_000,
        "(" * 3_000 + ")." * 3_000,
        "see " + "https://example.com/" + "a" * 600 + " now",
        '"x"' * 5_000,
    ],
)
def test_a_long_run_without_spaces_is_tokenized_in_pieces(nlp: Language, text: str) -> None:
    doc = nlp.tokenizer(text)
    assert doc.text == text
    # No token spans a cut: every token lies within one piece of MAX_RUN characters of its run.
    for run in re.finditer(r"\S+", text):
        for token in doc.char_span(run.start(), run.end()) or []:
            start = token.idx - run.start()
            assert start // MAX_RUN == (start + len(token) - 1) // MAX_RUN
    if text.startswith('"'):
        assert all(len(token) <= 3 for token in doc)


def test_a_long_run_of_marks_is_extracted(nlp: Language) -> None:
    # The tokenizer alone took 6 seconds for 8,000 of them, and the time grew with their square.
    text = 'Then it came: "' + '"' * 12_000 + '" and "this is what she said," Ann Lee said.'
    found = extract(parse_article(text, source="marks.txt"), nlp)
    assert [(q.text, q.speaker) for q in found] == [("this is what she said,", "Ann Lee")]


def test_an_article_over_the_token_limit_is_refused(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quotes.extract, "MAX_ARTICLE_TOKENS", 20)
    with pytest.raises(InputError, match=r"^big.txt: too long to extract: 21 words and punctuation marks \(the limit"):
        parse(parse_article("word " * 20 + "end", source="big.txt"), nlp)
    assert parse(parse_article("word " * 19 + "end", source="big.txt"), nlp).docs


def test_batches_hold_at_most_the_limit_or_one_doc(nlp: Language) -> None:
    docs = [nlp.make_doc(" ".join(["w"] * n)) for n in (3, 4, 2, 9, 1, 1)]
    assert [[len(d) for d in batch] for batch in _batches(docs, 6)] == [[3], [4, 2], [9], [1, 1]]


# -- the lookups that replaced scans ------------------------------------------------


ARTICLE = (
    "Bill Clinton met Hillary Clinton and Sen. Ted Cruz in Washington on Monday.\n\n"
    "“We agreed,” Clinton said, and the senator nodded. Mrs. Clinton said she was pleased.\n\n"
    "Elizabeth Labott of CNN reported it. Labbot added that the White House was quiet.\n\n"
    "Former governor Jeb Bush and Gov. Greg Abbott were not there; the governor said so."
)


def test_entity_lookups_give_what_spacy_gives(nlp: Language) -> None:
    for paragraph in parse(Article(source="a", text=ARTICLE), nlp).docs:
        assert paragraph.ents
        for token in paragraph:
            assert entity_of(token) == next((e for e in paragraph.ents if e.start <= token.i < e.end), None)
        for start in range(len(paragraph)):
            for end in range(start, len(paragraph) + 1):
                assert entities_in(paragraph[start:end]) == list(paragraph[start:end].ents)


def test_markup_tags_are_found_as_the_scan_found_them() -> None:
    text = 'a <tweet id="1"> "b" <x y="2"/> c <p>"d"</p> e'
    paragraph = split_paragraphs(text)[0]
    tags = [(m.start(), m.end()) for m in re.finditer(r"<[A-Za-z/!][^<>]*>", text)]
    found = _Tags(text, paragraph)
    assert [found.inside(i) for i in range(len(text))] == [any(a < i < b for a, b in tags) for i in range(len(text))]


NAMES = ["Bill Clinton", "Hillary Clinton", "Elizabeth Labott", "Jeb Bush", "Greg Abbott", "Ann Lee", "Lee Ann Smith"]


@pytest.mark.parametrize(
    "word", ["clinton", "lee", "ann", "labbot", "labot", "labott", "lavott", "albott", "bsuh", "x"]
)
def test_full_name_lookups_give_what_the_scans_gave(word: str) -> None:
    names = FullNames.of(NAMES)
    assert list(names.with_word(word)) == [n for n in NAMES if word in n.lower().split()]
    assert names.ending_near(word) == [n for n in NAMES if near(n.lower().split()[-1], word)]


TITLES = [
    (10, "Ted Cruz", "Sen."),
    (40, "Jeb Bush", "Former governor"),
    (40, "Greg Abbott", "Gov."),
    (70, "Greg Abbott", "Texas governor"),
    (90, "Ann Lee", "spokeswoman for the governor"),
    (95, "Jeb Bush", "Republican candidate"),
]


@pytest.mark.parametrize("before", [0, 10, 11, 40, 41, 71, 100])
@pytest.mark.parametrize("ruled_out", [set(), {"Greg Abbott"}, {"Jeb Bush", "Greg Abbott"}])
@pytest.mark.parametrize("former", [False, True])
def test_title_lookups_give_what_the_scans_gave(before: int, ruled_out: set[str], former: bool) -> None:
    titles = Titles.of(TitleGiven(*given) for given in reversed(TITLES))  # in any order
    for noun in ("governor", "senator", "spokeswoman", "candidate", "mayor"):
        # The scans as the roster made them over the list of titles.
        titled = [TitleGiven(p, n, t) for p, n, t in TITLES if p < before and noun in title_words(t)]
        holders = [h for h in titled if h.name not in ruled_out]
        holders = [h for h in holders if ("former" in title_words(h.title)) == former] or holders
        assert titles.last_holder(noun, before, former=former, ruled_out=ruled_out) == (
            max(holders).name if holders else None
        )
        for name in ("Jeb Bush", "Greg Abbott", "Nobody"):
            held = {n for p, n, t in titled}
            assert titles.only_others_hold(noun, before, name) == (bool(held) and name not in held)
    for name in ("Jeb Bush", "Greg Abbott", "Ann Lee", "Nobody"):
        given = [(p, t) for p, n, t in TITLES if n == name]
        earlier = [(p, t) for p, t in given if p <= before]
        assert titles.near(name, before) == (max(earlier)[1] if earlier else min(given)[1] if given else None)


@pytest.mark.parametrize(
    "form",
    ["Bill Clinton", "Clinton", "Ann Ann", "Labbot", "’s Clinton", "the White House", "Lee"],
)
def test_where_a_name_is_written_is_where_a_regular_expression_finds_it(nlp: Language, form: str) -> None:
    text = ARTICLE + "\n\nBill Clintons, XBill Clinton, Bill Clinton’s, Ann Ann Ann, Lee_Ann, Lee’s, Clinton."
    parsed = parse(Article(source="a", text=text), nlp)
    written = WrittenNames(parsed, read_roster(parsed).people.names)
    assert written.offsets(form) == [m.start() for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text)]


def test_people_are_read_as_before(nlp: Language) -> None:
    people = read_roster(parse(Article(source="a", text=ARTICLE), nlp)).people
    assert list(people.names.names) == [
        "Bill Clinton",
        "Hillary Clinton",
        "Ted Cruz",
        "Elizabeth Labott",
        "Jeb Bush",
        "Greg Abbott",
    ]
    assert canonical(people, "Labbot") == "Elizabeth Labott"  # a typo
    assert canonical(people, "Clinton", honorific="mrs.") == "Hillary Clinton"
    assert canonical(people, "Clinton", at=ARTICLE.index("“We")) == "Bill Clinton"  # the one the article is about
    mentions = people.mentions.items
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    for number, mention in enumerate(mentions):
        assert people.mentions.last_of(mention.name, number + 1) == number
        assert mention.name in people.mentions.named_at(mention.start)


def test_doc_pieces_keep_the_text(nlp: Language) -> None:
    text = '"' * (3 * MAX_RUN + 7)
    doc = RunBoundedTokenizer(nlp.tokenizer.tokenizer)(text)
    assert isinstance(doc, Doc) and doc.text == text and len(doc) == len(text)
