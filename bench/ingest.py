"""How fast quotes reads articles, against the parser alone and textacy.

    python bench/ingest.py [--articles N] [--gold PATH] [--workers N --repeat K]

On the same articles (the evaluation set's texts, written out as files), in
one process with the model loaded once, it times:

  (a) spaCy: `nlp.pipe` over the whole texts, every component of the model;
  (b) textacy: parse each text and run `direct_quotations` on it;
  (c) quotes extract: read, find, parse, attribute (`pipeline.extract_paths`);
  (d) quotes ingest: the same and store it in a fresh SQLite database;

and prints words per second for each and the ratios the speed issue asks
about: (c)/(b), (c)/(a) and (d)/(c). With `--workers N` it then times (c)
on one process and on N, on a corpus of each article `--repeat` times (the
copies told apart by a last line: 3 times the evaluation set is 2,520
articles), and `quotes ingest --workers N` on that corpus as a child
process, with the peak memory of its largest process. `--skip-compare`
runs only the latter.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quotes import api  # noqa: E402
from quotes.extract.baseline import textacy_quotes  # noqa: E402
from quotes.nlp import load_pipeline  # noqa: E402
from quotes.pipeline import extract_paths  # noqa: E402
from quotes.sources import read_article  # noqa: E402

DEFAULT_GOLD = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "polnear-train" / "gold.jsonl"


def write_articles(gold: Path, count: int | None, folder: Path, *, repeat: int = 1) -> list[str]:
    """The first `count` articles of `gold` (all if None) as text files in
    `folder`, each `repeat` times."""
    paths = []
    with gold.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for n, line in enumerate(lines) if count is None or n < count]
    for copy in range(repeat):
        for n, text in enumerate(texts):
            path = folder / f"{copy:02d}-{n:05d}.txt"
            path.write_text(text + (f"\n\nCopy {copy}." if copy else ""), encoding="utf-8")
            paths.append(str(path))
    return paths


def seconds(run: Callable[[], object]) -> float:
    """How long `run` takes, in seconds."""
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def drain(items: Iterable[object]) -> None:
    """Consume `items` without keeping them (the bench's own memory stays small)."""
    deque(items, maxlen=0)


def ingest_child(paths: list[str], db: Path, workers: int) -> tuple[float, float]:
    """Seconds and peak memory (MB, of the largest process: the parent or a
    worker) of `quotes ingest` with `workers` as a child process."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "quotes", "ingest", *paths, "--workers", str(workers), "--db", str(db)],
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(child.pid, 0)
    if status != 0:
        raise SystemExit(f"quotes ingest failed with status {status}")
    return time.perf_counter() - start, usage.ru_maxrss / 1024  # kilobytes on Linux


def main() -> None:
    """Time the four ways over the same articles, then workers and memory, and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=None, help="how many articles (default: all)")
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--workers", type=int, default=1, help="also time quotes extract in this many processes")
    parser.add_argument("--repeat", type=int, default=1, help="write each article this many times")
    parser.add_argument("--skip-compare", action="store_true", help="only the workers' speed-up and memory")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        paths = write_articles(args.gold, args.articles, folder)
        if not args.skip_compare:
            compare(paths, folder)
        if args.workers > 1:
            (folder / "large").mkdir()
            large = write_articles(args.gold, args.articles, folder / "large", repeat=args.repeat)
            words = sum(len(Path(p).read_text(encoding="utf-8").split()) for p in large)
            print(f"\non {len(large):,} articles, {words:,} words:")
            if not args.skip_compare:
                one = seconds(lambda: drain(extract_paths(large)))
                several = seconds(lambda: drain(extract_paths(large, workers=args.workers)))
                print(f"  quotes extract, 1 process: {one:.1f} s ({words / one:,.0f} words/s)")
                print(f"  quotes extract, {args.workers} workers: {several:.1f} s ({words / several:,.0f} words/s): "
                      f"{one / several:.2f}x")  # fmt: skip
            spent, peak = ingest_child(large, folder / "large.db", args.workers)
            print(f"  quotes ingest --workers {args.workers}: {spent:.1f} s ({words / spent:,.0f} words/s), "
                  f"peak memory of its largest process {peak:,.0f} MB")  # fmt: skip


def compare(paths: list[str], folder: Path) -> None:
    """(a) to (d) on `paths`, one process, the model loaded once; print the table and ratios."""
    texts = [Path(p).read_text(encoding="utf-8") for p in paths]
    words = sum(len(text.split()) for text in texts)
    nlp = load_pipeline()
    nlp("Warm up the model.")
    articles = [read_article(p) for p in paths]
    timings = {
        "(a) spaCy nlp.pipe, all components": seconds(lambda: drain(nlp.pipe(texts))),
        "(b) textacy direct_quotations": seconds(lambda: drain(textacy_quotes(a, nlp) for a in articles)),
        "(c) quotes extract": seconds(lambda: drain(extract_paths(paths))),
        "(d) quotes ingest (SQLite)": seconds(lambda: api.ingest(paths, db=str(folder / "bench.db"))),
    }
    print(f"{len(paths)} articles, {words:,} words\n")
    print(f"{'':38} {'seconds':>8} {'words/s':>9}")
    for name, spent in timings.items():
        print(f"{name:38} {spent:8.1f} {words / spent:9,.0f}")
    a, b, c, d = timings.values()
    print(f"\n(c) vs (b): {b / c:.2f}x   (c) vs (a): {a / c:.2f}x   (d) vs (c): {c / d:.2f}x", flush=True)


if __name__ == "__main__":
    main()
