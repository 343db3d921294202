"""Invariants of extraction over whole corpora, not only the gold passages.

    python benchmarks/invariants.py [PATH ...]     (default: the seeds, the national corpus and both
                                                    provincial corpora in ../shared/)

Prints, per invariant, how many documents or facts break it, and the first few cases:

1. no ``actual`` fact has a period after the report's year;
2. every government work report that states a GDP target for its year yields exactly one ``gdp``
   growth target with that period (stated again, with the same figure, in its table of main indicators);
3. no target is dated to a plan's end year (2025, 2030, …) unless its sentence names that year or the
   plan (到2030年, “十五五”, 规划期末…) or the years to come (今明两年, 今后三年);
4. facts from the same sentence never share one number (the same span) twice under the same indicator;
5. every period is a year or a span from an earlier year to a later one (no "2006-2006");
6. no document gives two different figures for one year's GDP growth (the catalogue's ``gdp``, a single year);
7. (reported, not gated) every target's and outcome's name is well formed: two characters or more, quotes
   and brackets closed where its sentence closes them, not opening on punctuation or 的.

Exit status 1 when any invariant is broken, so it can gate a run.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEFAULT = [ROOT / "examples" / "chongqing", SHARED / "corpus" / "national",
           SHARED / "corpus" / "provinces-2026", SHARED / "corpus" / "provinces-2025"]
PLAN_ENDS = {1985, 1990, 1995, 2000, 2005, 2010, 2015, 2020, 2025, 2030, 2035}
# a report stating its year's growth target: "主要预期目标是：地区生产总值增长5%左右", "经济增长预期目标为8%左右"
STATES_GDP_TARGET = re.compile(r"(?:主要预期目标|主要目标|预期目标)(?:是|为|：|:)[^。]{0,60}?(?:生产总值|经济增长|GDP)"
                               r"|(?:生产总值|经济)增长(?:的)?预期目标(?:是|为|定为)?\s*\d")


def _paths(args: list[str]) -> list[Path]:
    out: list[Path] = []
    for a in args:
        p = Path(a)
        out += sorted(x for x in p.glob("*.txt") if x.name.lower() != "readme.txt") if p.is_dir() else [p]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", default=[str(p) for p in DEFAULT if p.exists()])
    ap.add_argument("--show", type=int, default=5, help="cases shown per invariant")
    a = ap.parse_args(argv)
    from planledger.pipeline import process
    from planledger.structure import PLAN_NAME

    broken: dict[str, list[str]] = defaultdict(list)
    docs = facts_n = 0
    gwr_with_target = [0]
    for path in _paths(a.paths):
        r = process(str(path))
        docs += 1
        facts_n += len(r.facts)
        year = r.meta.year
        name = path.name
        for f in r.facts:
            end = f.period.split("-")[-1] if f.period else ""
            if f.kind == "actual" and year and end.isdigit() and int(end) > year:
                broken["1 actual after the report's year"].append(f"{name}: {f.indicator} {f.value}{f.unit} {f.period} | {f.quote}")
            span = f.period.split("-")
            if len(span) != 2 and f.period and not f.period.isdigit() or len(span) == 2 and not (
                    span[0].isdigit() and span[1].isdigit() and int(span[0]) < int(span[1])):
                broken["5 period that is no year and no span from an earlier to a later year"].append(
                    f"{name}: {f.indicator} {f.value}{f.unit} {f.period} | {f.quote}")
            sec = r.sections[f.section] if f.section is not None and f.section < len(r.sections) else None
            # the plan named by its name (十一五, 十四五: not only 十五五's 五五) or by its words
            # or the years to come from the report's (今明两年, 今后三年, 未来两年: a span from the year, not the plan)
            named = rf"{end}|{PLAN_NAME}(?:”)?(?:时期|期间|规划|末)|五年|规划|纲要|期末|远景|二〇|今明两年|(?:今后|未来)\S?年"
            if f.kind == "target" and year and end.isdigit() and int(end) in PLAN_ENDS and int(end) != year \
                    and not (sec and (sec.role == "five_year_goals" or re.search(named, sec.heading))) \
                    and not re.search(named, f.sentence):
                broken["3 target dated to a plan's end year its sentence does not name"].append(
                    f"{name}: {f.indicator} {f.value}{f.unit} {f.period} | {f.quote}")
        if r.meta.doc_type == "government_work_report" and year:
            gdp = [f for f in r.facts if f.kind == "target" and f.canonical == "gdp" and f.measure == "growth"
                   and f.period == str(year)]
            states = bool(STATES_GDP_TARGET.search(r.document.text)) or bool(gdp)
            gwr_with_target[0] += states
            # (its table of main indicators restates it: one target, the same figure twice)
            if states and len({(f.value, f.value_high, f.qualifier) for f in gdp}) != 1:
                broken["2 GDP target of the report's year not exactly one"].append(
                    f"{name}: {len(gdp)} ({'; '.join(f'{f.value}{f.unit} {f.qualifier} | {f.quote}' for f in gdp)})")
        growth: dict[str, set] = defaultdict(set)
        for f in r.facts:
            if f.kind == "actual" and f.canonical == "gdp" and f.measure == "growth" and f.period.isdigit():
                growth[f.period].add(round(f.value, 6))
        for period, values in growth.items():
            if len(values) > 1:
                broken["6 two figures for one year's GDP growth in one document"].append(
                    f"{name}: {period}: {sorted(values)}")
        for f in r.facts:
            if f.kind in ("target", "actual") and _ill_formed(f.indicator, f.sentence):
                broken[ILL_FORMED].append(f"{name}: {f.indicator} {f.value}{f.unit} | {f.quote}")
        seen = Counter((f.start, f.end, f.indicator) for f in r.facts)
        for (start, end, ind), n in seen.items():
            if n > 1:
                broken["4 one number twice under one name"].append(f"{name}: {ind} at {start}-{end} ×{n}")
    print(f"{docs} documents, {facts_n} facts; {gwr_with_target[0]} work reports state a GDP target for their year")
    names = ["1 actual after the report's year", "2 GDP target of the report's year not exactly one",
             "3 target dated to a plan's end year its sentence does not name", "4 one number twice under one name",
             "5 period that is no year and no span from an earlier to a later year",
             "6 two figures for one year's GDP growth in one document"]
    for n in names + [ILL_FORMED]:
        cases = broken.get(n, [])
        print(f"{n}: {len(cases)}")
        for c in cases[: a.show]:
            print("    " + c)
    return 1 if any(broken.get(n) for n in names) else 0


ILL_FORMED = "7 name ill-formed (reported, not gated)"
_PAIRS = (("“", "”"), ("（", "）"), ("《", "》"))


def _ill_formed(name: str, sentence: str) -> bool:
    """One character; a quote or bracket left open (or closed unopened) where the sentence closes its own;
    opening on punctuation or on 的."""
    if len(name) < 2 or re.match(r"[，、；：。,;:]|的(?!确)", name):
        return True
    return any(name.count(o) != name.count(c) and sentence.count(o) == sentence.count(c) for o, c in _PAIRS)


if __name__ == "__main__":
    sys.exit(main())
