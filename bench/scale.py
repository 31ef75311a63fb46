"""How extraction's time and memory grow with the size of one article.

    python bench/scale.py [--sizes 10000,30000,...] [--kinds paragraphs,...] [--timeout S] [--max-mb MB]

For each kind of article and each size (characters) it runs, in a child
process of its own (so that the peak memory, `ru_maxrss`, is that run's),
`quotes.extract.parse` (split, find quotation spans, run the model) and
`quotes.extract.quotes_of` (attribute and resolve) on one article, and
prints the seconds of each, the peak memory and the peak above the loaded
model, then per kind the exponent of the time's growth (the slope of
log(seconds) against log(size), least squares: 1 is linear, 2 quadratic)
and the ratios from the smallest size to the largest. The kinds:

  paragraphs      the evaluation set's texts one after another, in their paragraphs
  one-paragraph   the same text on one line (one paragraph)
  marks           `"` repeated, with no space (a run the tokenizer finds hard)
  quoted-x        `"x"` repeated on one line (a quotation every three characters)

A run that takes longer than `--timeout` seconds, or whose process grows
past `--max-mb`, is stopped and shown as such, and the larger sizes of that
kind are skipped.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEFAULT_GOLD = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "polnear-train" / "gold.jsonl"
SIZES = (10_000, 30_000, 100_000, 300_000, 1_000_000)
KINDS = ("paragraphs", "one-paragraph", "marks", "quoted-x")


def real_text(gold: Path, size: int) -> str:
    """The evaluation set's texts, one after another with a blank line
    between them, cut to `size` characters (at a space if one is near)."""
    texts: list[str] = []
    total = 0
    with gold.open(encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line)["text"].strip()
            texts.append(text)
            total += len(text) + 2
            if total >= size:
                break
    joined = "\n\n".join(texts)
    while len(joined) < size:  # more than the whole set: round again
        joined += "\n\n" + joined
    cut = joined.rfind(" ", size - 200, size)
    return joined[: cut if cut > 0 else size].rstrip()


def article_text(kind: str, size: int, gold: Path) -> str:
    """The text of an article of `kind` with about `size` characters."""
    if kind == "paragraphs":
        return real_text(gold, size)
    if kind == "one-paragraph":
        return " ".join(real_text(gold, size).split())
    if kind == "marks":
        return '"' * size
    if kind == "quoted-x":
        return '"x"' * (size // 3)
    raise SystemExit(f"unknown kind {kind!r}; the kinds are {', '.join(KINDS)}")


def child(kind: str, size: int, gold: Path) -> None:
    """Extract from one article of `kind` and `size` and print the figures as JSON."""
    from quotes.extract import parse, quotes_of
    from quotes.nlp import load_pipeline
    from quotes.sources import Article

    text = article_text(kind, size, gold)
    nlp = load_pipeline()
    nlp("Warm up the model.")
    model_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    start = time.perf_counter()
    parsed = parse(Article(source=f"{kind}-{size}", text=text), nlp)
    parsed_at = time.perf_counter()
    quotes = quotes_of(parsed)
    done = time.perf_counter()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = {
        "chars": len(text),
        "parse": parsed_at - start,
        "attribute": done - parsed_at,
        "quotes": len(quotes),
        "paragraphs": len(parsed.docs),
        "peak_mb": peak_mb,
        "model_mb": model_mb,
    }
    print(json.dumps(figures))


def run_child(kind: str, size: int, gold: Path, *, timeout: float, max_mb: float) -> dict[str, object]:
    """One child run's figures, or {"stopped": why} when it ran out of time or memory."""
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", kind, str(size), "--gold", str(gold)],
        stdout=subprocess.PIPE,
        text=True,
    )
    start = time.perf_counter()
    while process.poll() is None:
        time.sleep(0.2)
        if time.perf_counter() - start > timeout:
            process.kill()
            process.wait()
            return {"stopped": f"> {timeout:.0f} s"}
        if _rss_mb(process.pid) > max_mb:
            process.kill()
            process.wait()
            return {"stopped": f"> {max_mb:,.0f} MB"}
    output = process.stdout.read() if process.stdout else ""
    if process.returncode != 0:
        return {"stopped": f"failed ({process.returncode})"}
    figures: dict[str, object] = json.loads(output.strip().splitlines()[-1])
    return figures


def _rss_mb(pid: int) -> float:
    """The resident memory of process `pid` now, in MB (0 if it is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    line = next((line for line in status.splitlines() if line.startswith("VmRSS:")), "VmRSS: 0 kB")
    return int(line.split()[1]) / 1024


def exponent(points: list[tuple[int, float]]) -> float | None:
    """The least-squares slope of log(seconds) against log(size), None with fewer than two points."""
    if len(points) < 2:
        return None
    xs = [math.log(size) for size, _ in points]
    ys = [math.log(max(seconds, 1e-6)) for _, seconds in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    variance = sum((x - mean_x) ** 2 for x in xs)
    return covariance / variance


def main() -> None:
    """Run every kind at every size, each in a child process, and print the table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES), help="characters, comma-separated")
    parser.add_argument("--kinds", default=",".join(KINDS), help="comma-separated, of: " + ", ".join(KINDS))
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--timeout", type=float, default=600, help="seconds one run may take")
    parser.add_argument("--max-mb", type=float, default=4000, help="memory one run may take")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), args.gold)
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    kinds = args.kinds.split(",")
    print(f"{'kind':14} {'chars':>9} {'parse s':>8} {'attrib. s':>9} {'total s':>8} {'peak MB':>8} "
          f"{'+model MB':>9} {'quotes':>7}")  # fmt: skip
    summaries = []
    for kind in kinds:
        points: list[tuple[int, float]] = []
        memory: list[tuple[int, float]] = []
        stopped = False
        for size in sizes:
            if stopped:
                print(f"{kind:14} {size:9,} {'skipped':>8}", flush=True)
                continue
            figures = run_child(kind, size, args.gold, timeout=args.timeout, max_mb=args.max_mb)
            if "stopped" in figures:
                print(f"{kind:14} {size:9,} {'stopped: ' + str(figures['stopped']):>27}", flush=True)
                stopped = True
                continue
            parse_s, attribute_s = float(figures["parse"]), float(figures["attribute"])  # type: ignore[arg-type]
            peak, model = float(figures["peak_mb"]), float(figures["model_mb"])  # type: ignore[arg-type]
            total = parse_s + attribute_s
            points.append((size, total))
            memory.append((size, peak - model))
            print(f"{kind:14} {size:9,} {parse_s:8.2f} {attribute_s:9.2f} {total:8.2f} {peak:8.0f} "
                  f"{peak - model:9.0f} {figures['quotes']:>7}", flush=True)  # fmt: skip
        summaries.append((kind, points, memory))
    print()
    for kind, points, memory in summaries:
        slope = exponent(points)
        if slope is None:
            print(f"{kind:14} too few runs for an exponent")
            continue
        (first, t0), (last, t1) = points[0], points[-1]
        growth = f"time x{t1 / t0:,.1f} for size x{last / first:,.0f}"
        above = f"memory above the model {memory[0][1]:,.0f} -> {memory[-1][1]:,.0f} MB"
        print(f"{kind:14} exponent {slope:.2f}  ({growth}; {above})")


if __name__ == "__main__":
    main()
