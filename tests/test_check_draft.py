"""Checking a whole draft story (`quotes check --file`): every quotation
found, attributed and checked against the seed article's quotes, through
the CLI (CliRunner and a subprocess) with its JSON output asserted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes import api, cli
from tests.conftest import FIXTURES, ROOT, SEEDS, fresh_database

runner = CliRunner()
DRAFT = FIXTURES / "draft.txt"

# The draft's quotations in order: speaker (as the draft attributes it),
# verdict, finding, and a change the check must name (stored, claimed).
EXPECTED = [
    ("Boris Pistorius", "verbatim", "ok", None),
    ("Boris Pistorius", "excerpt", "ok", None),
    ("Boris Pistorius", "altered", "altered", ("not", "")),  # a negation dropped
    ("John Healey", "altered", "altered", ("2025", "2026")),  # a year changed
    ("John Healey", "altered", "altered", ("Putin", "Trump")),  # a name swapped
    ("John Healey", "excerpt", "ok", None),  # words dropped with an ellipsis
    ("John Healey", "altered", "altered", ("for this war in Ukraine", "")),  # ... without one
    ("John Healey", "altered", "altered", ("", "we are sending a signal to Putin")),  # clauses reordered
    ("Rustem Umerov", "altered", "altered", ("assistance", "support")),  # a word changed
    ("Rustem Umerov", "verbatim", "ok", None),  # other punctuation, marks, "U.S."
    ("Rustem Umerov", "paraphrase", "altered", None),
    ("John Healey", "excerpt", "other speaker", None),  # Umerov's words
    ("Boris Pistorius", "excerpt", "ok", None),  # across two of his quotes
    ("John Healey", "not found", "not found", None),
]


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli.app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = fresh_database(tmp_path_factory.mktemp("draft"))
    code, _, err = run("ingest", str(SEEDS), "--db", db)
    assert code == 0, err
    return db


def assert_expected(report: dict[str, object]) -> None:
    quotations = report["quotations"]
    assert isinstance(quotations, list)
    got = [(q["speaker"], q["verdict"], q["finding"]) for q in quotations]
    assert got == [expected[:3] for expected in EXPECTED]
    for quotation, (*_, change) in zip(quotations, EXPECTED, strict=True):
        if change is not None:
            named = [(c["stored"], c["claimed"]) for c in quotation["changes"]]
            assert change in named, (quotation["claim"], named)
        if quotation["verdict"] != "not found":
            assert quotation["match"]["source"].endswith("000_18ddbcf6b19ace8a.txt")
            assert quotation["first"]["date"] == "2025-04-11" and quotation["articles"] == 1
    assert report["summary"] == {
        "quotations": 14,
        "verbatim": 2,
        "excerpt": 3,
        "altered": 6,
        "paraphrase": 1,
        "not found": 1,
        "other speaker": 1,
    }
    # Someone else's words are the worst finding.
    assert (report["finding"], report["status"]) == ("other speaker", cli.CHECK_OTHER_SPEAKER)


def test_a_draft_through_the_cli(seeded: str) -> None:
    code, out, err = run("check", "--file", str(DRAFT), "--format", "json", "--db", seeded)
    assert code == cli.CHECK_OTHER_SPEAKER, err
    report = json.loads(out)
    assert_expected(report)
    meaning = report["quotations"][2]["meaning_changes"]
    assert meaning == [{"kind": "dropped", "stored": "not", "claimed": "", "meaning": ["negation"]}]
    across = report["quotations"][12]
    assert [m for m in across["quote_ids"]] == sorted(across["quote_ids"]) and len(across["quote_ids"]) == 2


def test_a_draft_as_a_command(seeded: str, tmp_path: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "quotes", "check", "--file", "-", "--format", "json", "--db", seeded],
        input=DRAFT.read_text(encoding="utf-8"),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert done.returncode == cli.CHECK_OTHER_SPEAKER, done.stderr
    assert_expected(json.loads(done.stdout))


@pytest.mark.usefixtures("wide")
def test_a_draft_as_people_read_it(seeded: str) -> None:
    code, out, _ = run("check", "--file", str(DRAFT), "--db", seeded)
    assert code == cli.CHECK_OTHER_SPEAKER
    assert "3. “I am able to have a look in the crystal ball.” — Boris Pistorius" in out
    assert "! dropped “not” (negation)" in out
    assert "difference: … I am [-not-] able to have a look in the crystal ball" in out
    assert "attributed to John Healey: no; stored as said by Rustem Umerov" in out
    assert out.rstrip().endswith(
        "14 quotations: 2 verbatim, 3 excerpts, 6 altered, 1 paraphrase, 1 not found, 1 attributed to someone else"
    )


@pytest.mark.parametrize(
    "body, code",
    [
        # Every quotation verbatim or an excerpt of its speaker's words: 0.
        ('"We take on more responsibility as Europeans," said Boris Pistorius.\n\n'
         '"2025 is the critical year for this war in Ukraine," said John Healey.', 0),
        # Altered (the worst finding here): 5.
        ('"We take on more responsibility as Europeans," said Boris Pistorius.\n\n'
         '"2026 is the critical year for this war in Ukraine," said John Healey.\n\n'
         '"Russia will pay for every drone it sends," said John Healey.', cli.CHECK_ALTERED),
        # Nothing found: 3.
        ('"Russia will pay for every drone it sends," said John Healey.', cli.CHECK_NOT_FOUND),
        # No quotation at all: nothing wrong.
        ("Ministers met in Brussels on Friday.", 0),
    ],
)  # fmt: skip
def test_a_drafts_exit_code_is_its_worst_finding(seeded: str, tmp_path: Path, body: str, code: int) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(body + "\n", encoding="utf-8")
    got, out, err = run("check", "--file", str(draft), "--db", seeded)
    assert got == code, out + err


def test_a_draft_in_html(seeded: str, tmp_path: Path) -> None:
    page = tmp_path / "draft.html"
    paragraphs = "".join(
        f"<p>{text}</p>"
        for text in (
            "Europe's defence ministers met in Brussels on Friday to discuss support for Kyiv and the war.",
            "“We take on more responsibility as Europeans,” said Boris Pistorius, the German defence minister.",
            "“2026 is the critical year for this war in Ukraine,” said John Healey, the British defence minister.",
            "The meeting ended late in the evening, and the ministers promised to meet again in the summer.",
        )
    )
    page.write_text(
        f"<!DOCTYPE html><html><head><title>Draft</title></head><body><article><h1>Draft</h1>{paragraphs}"
        "</article></body></html>",
        encoding="utf-8",
    )
    checked = api.check_draft(str(page), db=seeded)
    assert [(q.quote.speaker, q.check.verdict) for q in checked] == [
        ("Boris Pistorius", "verbatim"),
        ("John Healey", "altered"),
    ]


def test_a_draft_that_cannot_be_read_is_one_line(seeded: str, tmp_path: Path) -> None:
    code, _, err = run("check", "--file", str(tmp_path / "missing.txt"), "--db", seeded)
    assert code == 1 and err.startswith("error: ") and "missing.txt" in err and len(err.strip().splitlines()) == 1
