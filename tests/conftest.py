"""Shared fixtures: the real spaCy model, the seed article, a temporary database."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from quotes.nlp import load_pipeline

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_18ddbcf6b19ace8a.txt"
# Inputs written for the tests: a saved news page, and others.
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh SQLite file, also set as $QUOTES_DB for the CLI."""
    path = tmp_path / "quotes.db"
    monkeypatch.setenv("QUOTES_DB", str(path))
    return path
