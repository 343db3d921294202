"""Extraction time per character against the length of a sentence that never ends (issue: text without
。 was quadratic: 80/160/320 KB took 5.7/21.7/86.6 s).

    python benchmarks/sentence_length.py [--max-kb 1024]

Prints, for sentences of 1 KB … 1 MB (UTF-8) with commas and without any punctuation, the seconds
and microseconds per character of ``process_document``; flat µs/char is linear time.
"""
from __future__ import annotations

import argparse
import time

from planledger.model import Document
from planledger.pipeline import process_document

UNITS = {
    "commas": "全市地区生产总值增长6%，城镇新增就业5万人，建成5G基站1.2万个，",
    "no punctuation": "全市地区生产总值增长6%城镇新增就业5万人建成5G基站1.2万个",
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max-kb", type=int, default=1024)
    a = ap.parse_args()
    sizes = [kb for kb in (1, 4, 16, 64, 256, 1024) if kb <= a.max_kb]
    process_document(Document(path="warm.txt", text=UNITS["commas"], format="text", sha256="0"))  # data files
    print(f"{'text':<16}{'KB':>6}{'chars':>9}{'seconds':>9}{'µs/char':>9}{'facts':>8}")
    for name, unit in UNITS.items():
        for kb in sizes:
            n = max(1, kb * 1024 // len(unit.encode()))
            text = "2026年某某市政府工作报告\n一、2025年工作回顾\n" + unit * n + "\n"
            t = time.perf_counter()
            r = process_document(Document(path="long.txt", text=text, format="text", sha256="0"))
            dt = time.perf_counter() - t
            print(f"{name:<16}{kb:>6}{len(text):>9}{dt:>9.2f}{dt / len(text) * 1e6:>9.1f}{len(r.facts):>8}")


if __name__ == "__main__":
    main()
