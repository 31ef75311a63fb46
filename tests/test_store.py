"""Storing extraction results: one row per person across articles, nothing twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from sqlalchemy import func, select

from quotes import models, queries
from quotes.db import open_database
from quotes.extract import extract
from quotes.queries import fts_query, ts_query
from quotes.sources import parse_article, read_article
from quotes.store import name_key, store_article
from tests.conftest import SEED, fresh_database


def test_name_key_folds_case_accents_and_spaces() -> None:
    assert name_key("  José  MARÍA ") == name_key("jose maria") == "jose maria"


def test_people_are_shared_across_articles(tmp_path: Path, nlp: Language) -> None:
    sessions = open_database(fresh_database(tmp_path))
    seed = read_article(SEED)
    other = parse_article(
        'date 2025-05-01\n\n"Britain will not waver," Defence Secretary John Healey said on Thursday.',
        source="other.txt",
    )
    for article in (seed, other):
        with sessions() as session:
            assert store_article(session, article, extract(article, nlp)).added
    with sessions() as session:
        healey = session.scalars(select(models.Person).where(models.Person.key == "john healey")).one()
        assert len(healey.quotes) == 3
        assert {a.alias for a in healey.aliases} == {"John Healey", "Healey"}
        summary = queries.people(session, "healey")
        assert summary[0].titles[0] == "British defence minister" and "Defence Secretary" in summary[0].titles


def test_storing_the_same_text_twice_adds_nothing(tmp_path: Path, nlp: Language) -> None:
    sessions = open_database(fresh_database(tmp_path))
    seed = read_article(SEED)
    quotes = extract(seed, nlp)
    with sessions() as session:
        first = store_article(session, seed, quotes)
    with sessions() as session:
        again = store_article(session, read_article(SEED, source="copy/elsewhere.txt"), quotes)
    assert (first.added, again.added, again.article_id) == (True, False, first.article_id)
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(models.Quote)) == 6
        assert session.scalar(select(func.count()).select_from(models.Article)) == 1


@pytest.mark.parametrize(
    "keywords, fts5, tsquery",
    [
        ("crystal ball", '"crystal" "ball"', "'crystal' & 'ball'"),
        ('"crystal ball" respons*', '"crystal ball" "respons"*', "('crystal' <-> 'ball') & 'respons':*"),
        ("war OR peace NOT nato", '"war" OR "peace" NOT "nato"', "'war' | 'peace' & ! 'nato'"),
        ("AND war", '"and" "war"', "'and' & 'war'"),
        ("war AND", '"war" "and"', "'war' & 'and'"),
        # An unbalanced quotation mark is no phrase.
        ("it's \"unbalanced NEAR(", '"it" "s" "unbalanced" "NEAR"', "'it' & 's' & 'unbalanced' & 'near'"),
    ],
)
def test_keyword_queries_for_sqlite_and_postgresql(keywords: str, fts5: str, tsquery: str) -> None:
    assert (fts_query(keywords), ts_query(keywords)) == (fts5, tsquery)


def test_other_databases_match_keywords_as_substrings() -> None:
    condition = queries._substring_match('war OR "peace talks" NOT nato')
    sql = str(condition.compile(compile_kwargs={"literal_binds": True}))
    assert sql.replace("lower(quotes.text) ", "").replace(" ESCAPE '\\'", "") == (
        "LIKE lower('%war%') OR LIKE lower('%peace talks%') AND NOT LIKE lower('%nato%')"
    )
