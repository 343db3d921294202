#!/usr/bin/env python
"""The State Council's verdicts against a hand-made table: right / wrong outcome / wrong verdict / silent.

``../shared/gold/national-verdicts-2000-2013.tsv`` (its README says how it was made) holds, for every
target year 2000-2013 and headline indicator, the target as written, the outcome the next report
states and the verdict a careful analyst gives. This script ingests ``../shared/corpus/national/``
into a temporary store under the names a person gives the files, builds the 全国 scorecard and
compares, row by row, the rows that have a numeric target and either a verdict (met, exceeded,
missed) or ``no single-year outcome stated`` (the only outcome is a multi-year average or total: the
right answer is no verdict):

- right: the same verdict (and, where the table gives a number, the same outcome); for
  ``no single-year outcome stated``, a status that names no outcome;
- wrong outcome: a verdict resting on an outcome other than the table's (the confident wrong answer);
- wrong verdict: the table's outcome, another verdict;
- silent: no verdict (no target found, unreported, inconclusive, conflict, not comparable).

Run from anywhere::

    python benchmarks/verdicts.py            # the counts and every row that is not right
    python benchmarks/verdicts.py --json

``tests/test_verdicts.py`` gates the figures.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import sys
import tempfile
from dataclasses import asdict, dataclass

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(REPO), "shared")
CORPUS = os.path.join(SHARED, "corpus", "national")
TABLE = os.path.join(SHARED, "gold", "national-verdicts-2000-2013.tsv")

# the table's indicator names → (catalogue ids, measure)
INDICATORS = {
    "gdp_growth": (("gdp",), "growth"),
    "cpi": (("cpi",), "growth"),
    "urban_new_jobs": (("new_urban_jobs",), "level"),
    "registered_unemployment": (("registered_unemployment_rate",), "level"),
    "m2_growth": (("m2",), "growth"),
    "deficit_amount": (("fiscal_deficit", "central_fiscal_deficit"), "level"),
    "deficit_ratio": (("deficit_ratio",), "level"),
    "trade_growth": (("foreign_trade_total",), "growth"),
    "energy_intensity_reduction": (("energy_intensity",), "growth"),
}
VERDICTS = ("met", "exceeded", "missed", "partly")
NO_SINGLE_YEAR = "no single-year outcome stated"


@dataclass
class Row:
    year: int
    indicator: str
    gold: str
    gold_outcome: float | None
    found: str  # the ledger's status, or "no target"
    outcome: float | None
    result: str  # right, wrong outcome, wrong verdict, silent
    reason: str = ""


def gold_rows(path: str = TABLE) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return [r for r in rows if r["value"] and (r["verdict"] in VERDICTS or r["verdict"] == NO_SINGLE_YEAR)]


def ingest(corpus: str, db: str, names: str = "person") -> None:
    """Each national-YYYY.txt stored under the name a person gives it (``YYYY年国务院政府工作报告.txt``)
    with ``names="person"``, or as it is with ``names="corpus"``."""
    from planledger.pipeline import process
    from planledger.store import open_store

    folder = os.path.join(os.path.dirname(db), "docs")
    os.makedirs(folder, exist_ok=True)
    store = open_store(db)
    try:
        for name in sorted(os.listdir(corpus)):
            if not (name.startswith("national-") and name.endswith(".txt")):
                continue
            path = os.path.join(corpus, name)
            if names == "person":
                year = name[len("national-"):-len(".txt")]
                path = shutil.copy(path, os.path.join(folder, f"{year}年国务院政府工作报告.txt"))
            store.save(process(path))
    finally:
        store.close()


def _close(a: float | None, b: float | None) -> bool:
    """Equal figures, whatever sign the table gives a reduction (4.8 for 下降4.8%)."""
    return a is not None and b is not None and abs(abs(a) - abs(b)) <= 1e-6 * max(1.0, abs(b))


def compare(scorecard: list[dict], table: list[dict]) -> list[Row]:
    from planledger.assess import convert

    out = []
    for g in table:
        ids, measure = INDICATORS[g["indicator"]]
        year, value = int(g["target_year"]), float(g["value"])
        gold_outcome = float(g["outcome_value"]) if g["outcome_value"] else None
        rows = [r for r in scorecard if r["canonical"] in ids and r["measure"] == measure
                and r["period"] == str(year)
                and _close(convert(r["target_value"], r["unit"], g["unit"].split()[0]), value)]  # "% of GDP" is %
        row = Row(year, g["indicator"], g["verdict"], gold_outcome, "no target", None, "silent")
        if rows:
            r = rows[0]
            row.found, row.outcome, row.reason = r["status"], r["outcome_value"], r["reason"]
            judged = r["status"] in VERDICTS and r["outcome_value"] is not None
            if g["verdict"] == NO_SINGLE_YEAR:
                row.result = "wrong outcome" if judged else "right"
            elif judged and gold_outcome is not None and not _close(r["outcome_value"], gold_outcome):
                row.result = "wrong outcome"
            elif r["status"] == g["verdict"]:
                row.result = "right"
            elif r["status"] in VERDICTS:
                row.result = "wrong verdict"
        out.append(row)
    return out


def measure(corpus: str = CORPUS, table: str = TABLE, names: str = "person") -> tuple[dict, list[Row]]:
    sys.path.insert(0, REPO)
    from planledger import ledger as L
    from planledger.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "store.db")
        ingest(corpus, db, names)
        store = open_store(db)
        try:
            rows = L.scorecard_rows(L.build(store, "全国"))
        finally:
            store.close()
    result = compare(rows, gold_rows(table))
    counts = {k: sum(r.result == k for r in result) for k in ("right", "wrong outcome", "wrong verdict", "silent")}
    counts["total"] = len(result)
    return counts, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--names", choices=["person", "corpus"], default="person",
                        help="store the files as 2004年国务院政府工作报告.txt (person) or national-2004.txt (corpus)")
    args = parser.parse_args()
    counts, rows = measure(names=args.names)
    if args.json:
        print(json.dumps({"counts": counts, "rows": [asdict(r) for r in rows]}, ensure_ascii=False, indent=1))
        return 0
    print(f"{counts['right']} of {counts['total']} right, {counts['wrong outcome']} wrong outcome, "
          f"{counts['wrong verdict']} wrong verdict, {counts['silent']} silent")
    for r in rows:
        if r.result != "right":
            print(f"  {r.year} {r.indicator}: table {r.gold} ({r.gold_outcome}); ledger {r.found} "
                  f"({r.outcome}) → {r.result}; {r.reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
