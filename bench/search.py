"""How search, check and export scale: 10k to 1M quotes.

    python bench/search.py [--sizes 10000 100000 1000000] [--queries 200]

For each size, builds a synthetic database (bench/synthetic.py: real
quotation halves recombined, one person per 10 quotes, one article per 5)
unless `--dir` already holds one, then times, each over `--queries` queries
on one open session (the work of one command after start-up):

- person search: resolve a name ("john healey", a surname, a typo) and fetch
  that person's newest 20 quotes, as `quotes search --person` does, and,
  when there are 20, count how many match (up to 1,001) as it does;
- keyword search: one or two words of a real quotation, best 20 matches,
  and the count when there are 20;
- keyword typo: a quarter as many words of quotations with their third
  letter dropped, which match nothing, and the stored words near them
  (`quotes search`'s hint; SQLite only);
- check: a stored quotation retyped (lower case, no punctuation; every other
  one with a word left out and one changed) matched
  against every stored quote, as `quotes check` does;
- a draft check: a 1,500-word draft story with 20 quotations drawn from the
  stored quotes (a quarter with a word changed, a fifth attributed to
  someone else) checked by `quotes check --file` (`api.check_draft`: read,
  parse and attribute, then check each quotation), in this process with
  the model loaded (the median of `--drafts` drafts), and once as the
  command in a child process (model loading included);
- CSV export of every quote by `quotes export --csv`, and every quote
  listed by `quotes search --limit 0 --format csv` (each statement once),
  each in a child process, with its wall time and peak memory (maximum
  resident set size).

It prints p50/p95 in milliseconds per size and how each grows from the
smallest size to the largest.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import build, load_corpus  # noqa: E402
from quotes import api, models, queries  # noqa: E402
from quotes.check import check  # noqa: E402
from quotes.db import open_database  # noqa: E402
from quotes.queries import Filters  # noqa: E402

# The CLI counts the matches a search does not show up to this many (`quotes.cli._COUNTED_AT_MOST`).
COUNTED_AT_MOST = 1_001
DEFAULT_GOLD = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "polnear-train" / "gold.jsonl"


def percentiles(times: list[float]) -> tuple[float, float]:
    """p50 and p95 of `times` (seconds), in milliseconds."""
    ordered = sorted(times)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.95) - 1] * 1000


def timed(run: Callable[[str], object], inputs: list[str]) -> list[float]:
    """Seconds `run` takes on each input."""
    times = []
    for value in inputs:
        start = time.perf_counter()
        run(value)
        times.append(time.perf_counter() - start)
    return times


def person_queries(names: list[str], count: int, rng: random.Random) -> list[str]:
    """Full names in lower case, surnames, and names with one letter dropped (a typo)."""
    chosen = rng.sample(names, count)
    shapes: list[Callable[[str], str]] = [
        str.lower,
        lambda name: name.split()[-1],
        lambda name: name[: len(name) - 2] + name[-1],
    ]
    return [shapes[n % len(shapes)](name) for n, name in enumerate(chosen)]


def search_person(session: Session, name: str) -> None:
    """What `quotes search --person NAME` does once the database is open."""
    people = queries.resolve_person(session, name, at_most=11)  # as the CLI asks
    if len(people) == 1:
        search_and_count(session, Filters(person_id=people[0].id, limit=20))


def search_and_count(session: Session, filters: Filters) -> None:
    """What `quotes search` does with `filters`: list the statements and,
    when the limit was reached, count how many match (up to the CLI's ceiling)."""
    if len(list(queries.search(session, filters))) == filters.limit:
        queries.count_statements(session, filters, at_most=COUNTED_AT_MOST)


def typo_hint(session: Session, keyword: str) -> None:
    """What `quotes search KEYWORD` does when nothing matches: list nothing, then find the stored words near it."""
    list(queries.search(session, Filters(keywords=keyword, limit=20)))
    queries.near_words(session, keyword)


def typos(words: list[str]) -> list[str]:
    """`words` with their third letter dropped ("hospital" → "hosital")."""
    return [word[:2] + word[3:] for word in words]


def keyword_queries(texts: list[str], count: int, rng: random.Random) -> list[str]:
    """One or two words (four letters or more) from stored quotations."""
    result = []
    while len(result) < count:
        words = [w for w in queries.keyword_terms(rng.choice(texts)) if len(w) >= 4]
        if words:
            result.append(" ".join(rng.sample(words, min(len(words), 1 + len(result) % 2))))
    return result


def claims(texts: list[str], rng: random.Random) -> list[str]:
    """Stored quotations as a user might type them: in lower case without
    punctuation, and every other one also with a word left out and a word
    changed."""
    result = []
    for n, text in enumerate(texts):
        words = queries.keyword_terms(text.lower())
        if n % 2 and len(words) > 6:
            del words[rng.randrange(len(words))]
            words[rng.randrange(len(words))] = "something"
        result.append(" ".join(words))
    return result


def measure(path: Path, names: list[str], count: int, rng: random.Random) -> dict[str, tuple[float, float]]:
    """p50 and p95 of each search path over `count` queries on the database at `path`."""
    sessions = open_database(str(path), access="read")
    with sessions() as session:
        total = session.scalar(select(func.count()).select_from(models.Quote)) or 0
        picks = [rng.randrange(1, total + 1) for _ in range(count)]
        texts = list(session.scalars(select(models.Quote.text).where(models.Quote.id.in_(picks))))
        keywords = keyword_queries(texts, count, rng)
        return {
            "person search": percentiles(timed(lambda n: search_person(session, n), person_queries(names, count, rng))),
            "keyword search": percentiles(
                timed(lambda k: search_and_count(session, Filters(keywords=k, limit=20)), keywords)
            ),
            "keyword typo": percentiles(
                timed(lambda k: typo_hint(session, k), typos([k.split()[0] for k in keywords[: count // 4]]))
            ),
            "check": percentiles(timed(lambda c: check(session, c), claims(texts, rng))),
        }


# A draft: this many quotations, in about this many words.
DRAFT_QUOTATIONS = 20
DRAFT_WORDS = 1500


def draft(session: Session, rng: random.Random) -> str:
    """A draft story of about `DRAFT_WORDS` words with `DRAFT_QUOTATIONS`
    quotations of stored quotes (without quotation marks of their own),
    each in a paragraph of narration (words of other stored quotes) with
    its speaker: a quarter of them with a word changed, a fifth said to be
    by someone else."""
    total = session.scalar(select(func.count()).select_from(models.Quote)) or 0
    picks = [rng.randrange(1, total + 1) for _ in range(DRAFT_QUOTATIONS * 4)]
    rows = session.execute(
        select(models.Quote.text, models.Person.name)
        .join(models.Person, models.Quote.person_id == models.Person.id)
        .where(models.Quote.id.in_(picks))
    ).all()
    usable = [(text, name) for text, name in rows if not set(text) & set("\"“”‘’'") and len(text.split()) >= 6]
    chosen = rng.sample(usable, DRAFT_QUOTATIONS)
    names = [name for _, name in rows]
    narration = queries.keyword_terms(" ".join(text for text, _ in rows))
    quoted = sum(len(text.split()) for text, _ in chosen)
    per_paragraph = max((DRAFT_WORDS - quoted) // DRAFT_QUOTATIONS, 5)
    paragraphs = []
    for n, (text, name) in enumerate(chosen):
        words = text.split()
        if n % 4 == 1:
            words[rng.randrange(len(words))] = "something"
        if n % 5 == 2:
            name = rng.choice(names)
        start = rng.randrange(max(len(narration) - per_paragraph, 1))
        story = " ".join(narration[start : start + per_paragraph]).capitalize()
        paragraphs.append(f"{story}.\n\n“{' '.join(words).rstrip('.,')},” said {name}.")
    return "title A synthetic draft\n\n" + "\n\n".join(paragraphs) + "\n"


def check_drafts(path: Path, count: int, rng: random.Random) -> tuple[float, float, int]:
    """The median seconds of checking `count` drafts (see `draft`) with the
    model loaded, the seconds of `quotes check --file` on one in a child
    process, and the quotations found in the last."""
    from quotes.nlp import load_pipeline

    load_pipeline()
    with open_database(str(path), access="read")() as session:
        texts = [draft(session, rng) for _ in range(count)]
    target = path.with_suffix(".draft.txt")
    times, found = [], 0
    for text in texts:
        target.write_text(text, encoding="utf-8")
        start = time.perf_counter()
        found = len(api.check_draft(str(target), db=str(path)))
        times.append(time.perf_counter() - start)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "quotes", "check", "--file", str(target), "--db", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,  # (its exit code is the drafts' worst finding)
    )
    command = time.perf_counter() - start
    target.unlink()
    return statistics.median(times), command, found


def in_child(args: list[str]) -> tuple[float, float]:
    """Seconds and peak resident megabytes of `quotes ARGS` in a child process, its output discarded."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "quotes", *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"quotes {' '.join(args)} failed with status {status}")
    return seconds, usage.ru_maxrss / 1024  # kilobytes on Linux


def export_csv(path: Path) -> tuple[float, float]:
    """Seconds and peak resident megabytes of `quotes export --csv` of every quote."""
    target = path.with_suffix(".csv")
    figures = in_child(["export", "--csv", str(target), "--db", str(path)])
    target.unlink()
    return figures


def search_all(path: Path) -> tuple[float, float]:
    """Seconds and peak resident megabytes of `quotes search --limit 0 --format csv` (every statement)."""
    return in_child(["search", "--limit", "0", "--format", "csv", "--db", str(path)])


def main() -> None:
    """Build what is missing, measure every size, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--drafts", type=int, default=5, help="drafts checked per size (see `draft`)")
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="quotations to recombine")
    parser.add_argument("--dir", type=Path, default=Path("/tmp/quotes-bench"), help="where the databases are kept")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    corpus = load_corpus(args.gold)
    results: dict[int, dict[str, tuple[float, float]]] = {}
    exports: dict[int, tuple[float, float]] = {}
    listings: dict[int, tuple[float, float]] = {}
    drafts: dict[int, tuple[float, float, int]] = {}
    for size in args.sizes:
        path = args.dir / f"quotes-{size}.db"
        started = time.perf_counter()
        if not path.exists():
            partial = path.with_suffix(".partial")  # a build cut short is never taken for a database
            partial.unlink(missing_ok=True)
            build(partial, size, corpus)
            partial.rename(path)
            print(f"built {path} ({size:,} quotes) in {time.perf_counter() - started:.0f} s", flush=True)
        with open_database(str(path), access="read")() as session:
            names = list(session.scalars(select(models.Person.name)))
        results[size] = measure(path, names, args.queries, random.Random(size))
        exports[size] = export_csv(path)
        listings[size] = search_all(path)
        drafts[size] = check_drafts(path, args.drafts, random.Random(size))
        print(f"measured {size:,} quotes", flush=True)

    print(f"\n{'quotes':>10} | {'measure':<15} | {'p50 ms':>8} | {'p95 ms':>8}")
    for size, figures in results.items():
        for name, (p50, p95) in figures.items():
            print(f"{size:>10,} | {name:<15} | {p50:8.2f} | {p95:8.2f}")
    header = ("quotes", "CSV export s", "rows/s", "peak MB", "search all s", "peak MB")
    print("\n" + " | ".join(f"{name:>12}" for name in header))
    for size, (seconds, peak) in exports.items():
        listed, listed_peak = listings[size]
        rate = size / seconds
        cells = (f"{size:,}", f"{seconds:.1f}", f"{rate:,.0f}", f"{peak:.0f}", f"{listed:.1f}", f"{listed_peak:.0f}")
        print(" | ".join(f"{cell:>12}" for cell in cells))
    print(f"\n{'quotes':>10} | {'draft check s':>13} | {'as a command s':>14} | {'quotations':>10}")
    for size, (seconds, command, found) in drafts.items():
        print(f"{size:>10,} | {seconds:13.2f} | {command:14.2f} | {found:>10}")
    smallest, largest = min(results), max(results)
    if smallest != largest:
        print(f"\ngrowth from {smallest:,} to {largest:,} quotes ({largest // smallest}x the rows), p50:")
        for name in results[smallest]:
            print(f"  {name:<15} {results[largest][name][0] / results[smallest][name][0]:6.1f}x")
        print(f"  {'export time':<15} {exports[largest][0] / exports[smallest][0]:6.1f}x")
        print(f"  {'export memory':<15} {exports[largest][1] / exports[smallest][1]:6.1f}x")
        print(f"  {'search-all time':<15} {listings[largest][0] / listings[smallest][0]:6.1f}x")
        print(f"  {'search-all mem.':<15} {listings[largest][1] / listings[smallest][1]:6.1f}x")


if __name__ == "__main__":
    main()
