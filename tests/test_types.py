"""The closed vocabularies of a quote (`quotes.kinds`) are what extraction
gives, `quotes load` accepts and the database holds."""

from __future__ import annotations

from typing import Any

import pytest

from quotes import kinds, transfer
from quotes.extract import Quote

TEXT = "“We will,” Ann Lee said."
QUOTE: dict[str, Any] = {
    "start": 1,
    "end": 9,
    "text": "We will,",
    "kind": "direct",
    "speaker": "Ann Lee",
    "speaker_type": "person",
    "speaker_start": 11,
    "speaker_end": 18,
    "mention": "Ann Lee",
    "mention_kind": "named",
    "title": None,
    "cue": "said",
    "cue_start": 19,
    "cue_end": 23,
    "method": "syntax",
    "confidence": 0.95,
    "evidence": "method: syntax",
}


def test_a_quote_is_built_with_keywords_only() -> None:
    assert Quote(**QUOTE).as_dict() == QUOTE
    with pytest.raises(TypeError):
        Quote(*QUOTE.values())  # type: ignore[misc]


def _loaded(**changes: Any) -> Quote:
    record = {"source": "a", "text": TEXT, "quotes": [QUOTE | changes]}
    _, (quote,) = transfer.from_record(record)
    return quote


@pytest.mark.parametrize(
    "field, values, nullable",
    [
        ("kind", kinds.QUOTE_KINDS, False),
        ("speaker_type", kinds.SPEAKER_TYPES, True),
        ("mention_kind", kinds.MENTION_KINDS, True),
        ("method", kinds.METHODS, False),
    ],
)
def test_load_accepts_exactly_the_vocabulary_of_each_field(field: str, values: tuple[str, ...], nullable: bool) -> None:
    for value in values:
        assert getattr(_loaded(**{field: value}), field) == value
    if nullable:
        assert getattr(_loaded(**{field: None}), field) is None
    else:
        with pytest.raises(ValueError, match=f"quote 1's {field} must be one of {', '.join(values)}, not null"):
            _loaded(**{field: None})
    with pytest.raises(ValueError, match=f"quote 1's {field} must be one of {', '.join(values)}"):
        _loaded(**{field: "other"})
