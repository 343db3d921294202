#!/usr/bin/env python
"""Score the extractor on the gold of benchmarks/annotated/: passages of reports no rule was written on when
they were annotated (see annotated/README.md), with the reference scorer ``../shared/gold/score.py``.

Not a test: it prints one line per set. Run from anywhere::

    python benchmarks/annotated.py            # P, R, F1 and tp fp fn of each set
    python benchmarks/annotated.py --misses   # and what each set missed and found wrongly
    python benchmarks/annotated.py --blind    # the sets kept blind too (at a session's end only)
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERE = os.path.join(REPO, "benchmarks", "annotated")
SHARED = os.path.join(REPO, "..", "shared")
# gold file → the corpus folder its documents are in
SETS = {
    "round1-provinces-2025.jsonl": "corpus/provinces-2025",
    "round2-provinces-2025.jsonl": "corpus/provinces-2025",
    "round3-provinces-2025.jsonl": "corpus/provinces-2025",
    "round3-national-2000-2003.jsonl": "corpus/national",
    "round4-provinces-2025.jsonl": "corpus/provinces-2025",
    "round5-provinces-2025.jsonl": "corpus/provinces-2025",
    "round5-national-2000-2003.jsonl": "corpus/national",
    "round6-provinces-2025.jsonl": "corpus/provinces-2025",
    "round6-national-2000-2003.jsonl": "corpus/national",
    "round7-national-2004-2014.jsonl": "corpus/national",
    "round8-national-2004-2014.jsonl": "corpus/national",
    "round8-provinces-2026.jsonl": "corpus/provinces-2026",
    "round9-national-2004-2014.jsonl": "corpus/national",
    "round9-provinces-2026.jsonl": "corpus/provinces-2026",
    "round10-national-2004-2014.jsonl": "corpus/national",
    "round11-national-2000-2003.jsonl": "corpus/national",
    "round11-national-2004-2014.jsonl": "corpus/national",
    "round12-national-2004-2014.jsonl": "corpus/national",
    "round12-provinces-2025.jsonl": "corpus/provinces-2025",
    "round13-national-2004-2014.jsonl": "corpus/national",
    "round14-national-2004-2014.jsonl": "corpus/national",
    "round15-national-2000-2014.jsonl": "corpus/national",
    "round16-provinces-2026.jsonl": "corpus/provinces-2026",
    "round17-national-2005-2014.jsonl": "corpus/national",
    "round17-provinces-2025.jsonl": "corpus/provinces-2025",
    # texts written by the annotators themselves (annotated/texts/README.md), in the repository
    "round18-recalled-national-2015-2019.jsonl": "texts/round18",
    "round18-recalled-national-2020-2025.jsonl": "texts/round18",
    "round18-written-plans.jsonl": "texts/round18",
    "round18-written-district-2017-2019.jsonl": "texts/round18",
    "round18-written-provinces-2026.jsonl": "texts/round18",
    "round19-written-cities-2018-2020.jsonl": "texts/round19",
    "round20-written-national-2026-zhejiang-2021.jsonl": "texts/round20",
    "round20-written-cities-and-plan.jsonl": "texts/round20",
    "round22-written-yunnan-2019-haidian-2024.jsonl": "texts/round22",
    "round22-written-chengdu-2023-xiangxiang-2022.jsonl": "texts/round22",
    "round23-written-nanshan-2025-shandong-2024.jsonl": "texts/round23",
    "round23-written-fujian-2021-hefei-2024.jsonl": "texts/round23",
    "round24-written-jiangxi-2022-yiwu-2023.jsonl": "texts/round24",
}
# sets whose misses nobody has read: scored only with --blind, at the end of a session (annotated/README.md)
BLIND = {"round4-provinces-2025.jsonl", "round5-provinces-2025.jsonl", "round6-provinces-2025.jsonl",
         "round9-provinces-2026.jsonl", "round12-provinces-2025.jsonl", "round17-provinces-2025.jsonl",
         "round18-recalled-national-2020-2025.jsonl", "round18-written-district-2017-2019.jsonl",
         "round18-written-provinces-2026.jsonl", "round19-written-cities-2018-2020.jsonl",
         "round23-written-nanshan-2025-shandong-2024.jsonl", "round23-written-fujian-2021-hefei-2024.jsonl",
         "round24-written-jiangxi-2022-yiwu-2023.jsonl"}


def folder_path(folder: str) -> str:
    """A set's folder: texts/… in the repository (annotated/texts), else under ../shared."""
    return os.path.join(HERE, folder) if folder.startswith("texts/") else os.path.join(SHARED, folder)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true", help="print the misses and false facts of each set")
    ap.add_argument("--blind", action="store_true",
                    help="score the sets kept blind too (annotated/README.md: at a session's end, misses unread)")
    args = ap.parse_args(argv)
    scorer = os.path.join(SHARED, "gold", "score.py")
    if not os.path.exists(scorer):
        print(f"{scorer}: the reference scorer is not beside the repository", file=sys.stderr)
        return 1
    sys.path.insert(0, REPO)
    from planledger.pipeline import process

    with tempfile.TemporaryDirectory() as tmp:
        for gold, folder in SETS.items():
            if gold in BLIND and not args.blind:
                print(f"{gold:42} kept blind (--blind scores it: see annotated/README.md)")
                continue
            gold_path = os.path.join(HERE, gold)
            docs = sorted({json.loads(line)["doc"] for line in open(gold_path, encoding="utf-8") if line.strip()})
            pred = os.path.join(tmp, gold)
            with open(pred, "w", encoding="utf-8") as out:
                for doc in docs:
                    path = os.path.join(folder_path(folder), doc + ".txt")
                    if not os.path.exists(path):
                        print(f"{path}: a document of {gold} is missing", file=sys.stderr)
                        return 1
                    for fact in process(path).facts:
                        row = fact.to_dict()
                        row["doc"] = doc
                        out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            cmd = [sys.executable, scorer, gold_path, pred, "--passages"] + (["--misses", "50"] if args.misses else [])
            lines = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.splitlines()
            res = json.loads(lines[-1])
            print(f"{gold:42} P {res['precision']:.4f}  R {res['recall']:.4f}  F1 {res['f1']:.4f}  "
                  f"(tp {res['tp']} fp {res['fp']} fn {res['fn']})")
            for line in lines[:-1]:
                print("    " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
