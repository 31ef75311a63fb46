"""A synthetic quotes database of any size, made from real quotations.

Quotations are recombined from the annotated quotes of an evaluation set
(`--gold`, JSON Lines with `quotes[].text`): the first half of one and the
second half of another, so that the keyword index sees realistic words.
Speakers are made from first names (quotes/data/first_names.tsv) and the
surnames of the named speakers in the same set. For every 10 quotes there is
one person, for every 5 an article. Rows are written straight into a
database that `quotes.db.open_database` made, so the schema, triggers and
keyword index are the real ones.
"""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from quotes.db import open_database
from quotes.store import name_key, statement_key

ROOT = Path(__file__).resolve().parent.parent
FIRST_NAMES = ROOT / "quotes" / "data" / "first_names.tsv"
OUTLETS = ("Reuters", "AP", "The Guardian", "CNN", "Fox News", "Politico", "NPR", "BBC", "Breitbart", "The Hill")
TITLES = ("senator", "spokesman", "defence minister", "governor", "chief executive", "mayor", None, None)
QUOTES_PER_ARTICLE = 5
QUOTES_PER_PERSON = 10
# Rows written per executemany.
BATCH = 10_000


@dataclass(frozen=True)
class Corpus:
    """What synthetic rows are made of: quotation word lists and name parts."""

    quotations: list[list[str]]
    first_names: list[str]
    surnames: list[str]


def load_corpus(gold: Path) -> Corpus:
    """Quotations of five words or more and speakers' surnames from `gold`."""
    quotations: list[list[str]] = []
    surnames: set[str] = set()
    with gold.open(encoding="utf-8") as lines:
        for line in lines:
            for quote in json.loads(line)["quotes"]:
                if len(quote["text"].split()) >= 5:
                    quotations.append(quote["text"].split())
                speaker = quote.get("speaker_text") or ""
                if quote.get("speaker_kind") == "named" and speaker.istitle() and " " in speaker:
                    surnames.add(speaker.split()[-1])
    first = [line.split("\t")[0].title() for line in FIRST_NAMES.read_text(encoding="utf-8").splitlines()]
    return Corpus(quotations, first, sorted(surnames))


def people_names(corpus: Corpus, count: int, rng: random.Random) -> list[str]:
    """`count` distinct "First Last" names."""
    names: set[str] = set()
    while len(names) < count:
        names.add(f"{rng.choice(corpus.first_names)} {rng.choice(corpus.surnames)}")
    return sorted(names)


def quotation(corpus: Corpus, rng: random.Random) -> str:
    """The first half of one real quotation and the second half of another."""
    one, two = rng.choice(corpus.quotations), rng.choice(corpus.quotations)
    return " ".join(one[: len(one) // 2] + two[len(two) // 2 :])


def build(path: Path, quotes: int, corpus: Corpus, *, seed: int = 0) -> list[str]:
    """Write a database of `quotes` quotes at `path` (which must not exist);
    return the people's names."""
    open_database(str(path))  # the real schema, by the real migrations
    rng = random.Random(seed)
    names = people_names(corpus, max(quotes // QUOTES_PER_PERSON, 1), rng)
    connection = sqlite3.connect(path)
    with connection:
        connection.executemany(
            "INSERT INTO people (id, name, key, kind) VALUES (?, ?, ?, 'person')",
            [(i, name, name_key(name)) for i, name in enumerate(names, 1)],
        )
        connection.executemany(
            "INSERT INTO person_aliases (person_id, alias, key) VALUES (?, ?, ?)",
            [(i, alias, name_key(alias)) for i, name in enumerate(names, 1) for alias in (name, name.split()[-1])],
        )
        connection.executemany(
            "INSERT INTO person_words (person_id, word, backwards) VALUES (?, ?, ?)",
            [(i, word, word[::-1]) for i, name in enumerate(names, 1) for word in set(name_key(name).split())],
        )
    for articles, quote_rows in _batches(quotes, names, corpus, rng):
        with connection:
            connection.executemany(
                "INSERT INTO articles (id, source, outlet, headline, date, content_hash, text, body_start, "
                "ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, '2026-01-01')",
                articles,
            )
            connection.executemany(
                'INSERT INTO quotes (article_id, person_id, text, start, "end", kind, speaker, speaker_type, '
                "mention, mention_kind, title, cue, method, confidence, evidence, statement_key) "
                "VALUES (?, ?, ?, ?, ?, 'direct', ?, 'person', ?, 'named', ?, 'said', 'syntax', 0.95, '', ?)",
                quote_rows,
            )
    connection.close()
    return names


def _batches(
    quotes: int, names: list[str], corpus: Corpus, rng: random.Random
) -> Iterator[tuple[list[tuple[object, ...]], list[tuple[object, ...]]]]:
    """Article rows and their quote rows, about `BATCH` quotes at a time."""
    articles: list[tuple[object, ...]] = []
    rows: list[tuple[object, ...]] = []
    for article_id in range(1, quotes // QUOTES_PER_ARTICLE + 1):
        paragraphs, offset = [], 0
        for _ in range(QUOTES_PER_ARTICLE):
            person = rng.randrange(len(names))
            text = quotation(corpus, rng)
            paragraph = f"“{text},” said {names[person]}."
            start = offset + 1
            mention = names[person]
            rows.append(
                (article_id, person + 1, text, start, start + len(text), mention, mention, rng.choice(TITLES),
                 statement_key(text))
            )  # fmt: skip
            paragraphs.append(paragraph)
            offset += len(paragraph) + 2
        day = f"20{rng.randrange(15, 26)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        body = "\n\n".join(paragraphs)
        articles.append(
            (article_id, f"synthetic/{article_id}.txt", rng.choice(OUTLETS), f"Article {article_id}", day,
             f"{article_id:064x}", body)
        )  # fmt: skip
        if len(rows) >= BATCH:
            yield articles, rows
            articles, rows = [], []
    if rows:
        yield articles, rows
