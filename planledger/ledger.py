"""The ledger a user reads: targets with their outcomes, statuses, margins, sources and claims.

``build(source, region)`` runs link → assess → claims over the facts of a ``FactSource`` (the store, or
``spark.ParquetFacts`` over a ``spark-extract`` result); the row builders
turn the result into the tables the CLI and the exports show (scorecard, history, panel,
claims). Every row is a flat dict, ready for any output format.
"""
from __future__ import annotations

from typing import Any, Protocol

from .assess import CONFLICT, UNREPORTED, Assessment, Tolerance, assess_all
from .claims import Claim, check, find_claims
from .link import Target, indicator_key, link, name_key, outcome_qualifier, span
from .regions import display_name
from .stated import stated_verdicts
from .records import dataclass

_WORDS = {">=": ("", "以上"), ">": ("超过", ""), "<=": ("", "以内"), "<": ("低于", ""), "~": ("", "左右"),
          "=": ("", "")}


@dataclass
class Ledger:
    facts: list[dict[str, Any]]
    targets: list[Target]
    assessments: list[Assessment]
    claims: list[Claim]


class FactSource(Protocol):
    """What the ledger reads: ``planledger.store.Store`` and ``planledger.spark.ParquetFacts`` are two."""

    def facts(self, region: str | None = None) -> list[dict[str, Any]]:
        """Every fact of the region (all when None), in document order: the fields of ``model.Fact``
        (whole numbers as ints) with their document's ``region``, ``year``, ``doc_type`` and the region
        identity columns (``regions.columns``); region names matched as ``Store.facts`` matches them."""
        ...

    def document_text(self, name: str) -> str | None:
        """The text of the document of that name, None when the source does not hold it."""
        ...


def build(source: FactSource, region: str | None = None, tolerances: Tolerance | None = None) -> Ledger:
    facts = source.facts(region=region)
    targets = link(facts)
    assessments = assess_all(facts, targets, tolerances)
    _stated_in_words(assessments, facts, source)
    claims = check(find_claims(facts), assessments)
    return Ledger(facts, targets, assessments, claims)


def _stated_in_words(assessments: list[Assessment], facts: list[dict[str, Any]], source: FactSource) -> None:
    """A target no figure answers, judged in words by the report after it ("物价调控目标没有完成")."""
    unreported = [a for a in assessments if a.status == UNREPORTED]
    if not unreported:
        return
    found = stated_verdicts([a.target for a in unreported], facts, source.document_text)
    for a in unreported:
        s = found.get(id(a.target))
        if s is not None:
            a.status, a.stated = s.status, s
            a.reason = f"{s.doc} says so in words and gives no figure: {s.sentence}"


def number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}" if abs(value) < 1e15 else str(value)


def describe(value: float, high: float | None, qualifier: str, unit: str, measure: str) -> str:
    """6 % >= growth → 增长6%以上; -3 % ~ growth → 下降3%左右; 4500 家 > → 超过4500家."""
    if qualifier == "range" and high is not None:
        body = f"{number(value)}—{number(high)}{unit}"
        before, after = "", ""
    else:
        body = f"{number(abs(value) if measure == 'growth' else value)}{unit}"
        before, after = _WORDS.get(qualifier, ("", ""))
    verb = ""
    if measure == "growth":
        verb = "下降" if value < 0 else "增长"
    return f"{verb}{before}{body}{after}"


def _source(f: dict[str, Any] | None) -> str:
    return f"{f['doc']}: {f['sentence']}" if f else ""


def _margin(a: Assessment) -> str:
    if a.margin is None:
        return ""
    unit = "pp" if a.margin_unit == "个百分点" else a.margin_unit
    return f"{a.margin:+.4g} {unit}".strip()


def _year_of(t: Target) -> int:
    return span(t)[1]


def scorecard_rows(ledger: Ledger, year: int | None = None) -> list[dict[str, Any]]:
    claims_by_target: dict[int, list[Claim]] = {}
    for c in ledger.claims:
        if c.assessment is not None:
            claims_by_target.setdefault(id(c.assessment.target), []).append(c)
    rows = []
    for a in ledger.assessments:
        t = a.target
        if year is not None and _year_of(t) != year and t.period != str(year):
            continue
        s, o = t.target, t.outcome
        rows.append({
            "region": display_name(s), "region_code": s.get("region_code"),
            "period": t.period, "indicator": t.indicator, "canonical": t.canonical,
            "names": "、".join(t.names),
            "measure": t.measure,
            "target": describe(s["value"], s.get("value_high"), s["qualifier"], s["unit"], t.measure),
            "outcome": (describe(o["value"], o.get("value_high"), outcome_qualifier(o), o["unit"], t.measure)
                        + ("（预计）" if o.get("estimated") else "")) if o and a.status not in (CONFLICT,) else "",
            "status": a.status, "margin": _margin(a), "binding": t.binding,
            "reason": a.reason,
            "revised": "; ".join(f"{r['doc']}: {describe(r['value'], r.get('value_high'), r['qualifier'], r['unit'], t.measure)}"
                                 for r in t.revisions),
            "claims": "; ".join(f"{c.status}: {c.text}" for c in claims_by_target.get(id(t), [])),
            "target_sources": " | ".join(_source(x) for x in t.sources),
            "outcome_source": _source(o) or (f"{a.stated.doc}: {a.stated.sentence}" if a.stated else ""),
            "target_sentence": s.get("sentence"),
            "outcome_sentence": o.get("sentence") if o else (a.stated.sentence if a.stated else ""),
            "found": " | ".join(f"{describe(x['fact']['value'], x['fact'].get('value_high'), x['fact'].get('qualifier') or '=', x['fact']['unit'], t.measure)}"
                                f" — {x['why']} ({_source(x['fact'])})" for x in a.found),
            "candidates": len(t.candidates),
            "target_value": s["value"], "target_high": s.get("value_high"), "qualifier": s["qualifier"],
            "unit": s["unit"], "outcome_value": a.outcome_value, "margin_value": a.margin,
            "margin_unit": a.margin_unit,
        })
    return rows


SCORECARD_COLUMNS = ["region", "period", "indicator", "names", "target", "outcome", "status", "margin", "binding", "claims",
                     "target_sources", "outcome_source"]


def _matches(f_or_t: Any, indicator: str) -> bool:
    if isinstance(f_or_t, Target):
        # a catalogue id matches exactly (gdp is not gdp_per_capita); a name matches as written
        return indicator == f_or_t.canonical or (f_or_t.canonical is None and indicator in f_or_t.indicator) \
            or f_or_t.key == "name:" + name_key(indicator)
    canonical = f_or_t.get("canonical") or indicator_key(f_or_t)
    return indicator == canonical or (canonical.startswith("name:") and indicator in f_or_t["indicator"]) \
        or canonical == "name:" + name_key(indicator)


def history_rows(ledger: Ledger, indicator: str) -> list[dict[str, Any]]:
    """Targets and outcomes of one indicator over the years (catalogue id or name)."""
    rows = []
    for a in ledger.assessments:
        t = a.target
        if _matches(t, indicator):
            s = t.target
            rows.append({"region": s.get("region"), "period": t.period, "kind": "target", "indicator": t.indicator,
                         "measure": t.measure, "value": s["value"], "value_high": s.get("value_high"),
                         "qualifier": s["qualifier"], "unit": s["unit"], "estimated": False, "status": a.status,
                         "source": _source(s)})
    for f in ledger.facts:
        if f["kind"] == "actual" and _matches(f, indicator):
            rows.append({"region": f.get("region"), "period": str(f["period"]), "kind": "actual",
                         "indicator": f["indicator"], "measure": f["measure"], "value": f["value"],
                         "value_high": f.get("value_high"), "qualifier": f["qualifier"], "unit": f["unit"],
                         "estimated": bool(f.get("estimated")), "status": "", "source": _source(f)})
    rows.sort(key=lambda r: (r["region"] or "", r["measure"], r["period"], r["kind"] != "target"))
    return rows


HISTORY_COLUMNS = ["region", "period", "kind", "indicator", "measure", "value", "value_high", "qualifier", "unit",
                   "estimated", "status", "source"]


def panel_rows(ledger: Ledger) -> list[dict[str, Any]]:
    """Region × year × indicator: the annual targets and outcomes side by side, with source ids."""
    rows = []
    for a in ledger.assessments:
        t = a.target
        if not t.period.isdigit():
            continue
        s, o = t.target, t.outcome
        rows.append({"region": s.get("region"), "year": int(t.period), "indicator": t.canonical or t.indicator,
                     "measure": t.measure, "target": s["value"], "target_high": s.get("value_high"),
                     "qualifier": s["qualifier"], "unit": s["unit"],
                     "outcome": a.outcome_value, "status": a.status,
                     "target_docs": ",".join(sorted({x["doc"] for x in t.sources})),
                     "outcome_doc": o["doc"] if o else ""})
    rows.sort(key=lambda r: (r["region"] or "", r["year"], r["indicator"]))
    return rows


PANEL_COLUMNS = ["region", "year", "indicator", "measure", "target", "target_high", "qualifier", "unit", "outcome",
                 "status", "target_docs", "outcome_doc"]


def claims_rows(ledger: Ledger) -> list[dict[str, Any]]:
    return [{"doc": c.doc, "claim": c.text, "status": c.status, "claimed": c.claimed, "computed": c.computed,
             "unit": c.unit, "reason": c.reason,
             "indicator": c.outcome["indicator"] if c.outcome else "", "sentence": c.sentence}
            for c in ledger.claims]


CLAIMS_COLUMNS = ["doc", "indicator", "claim", "status", "claimed", "computed", "unit", "reason"]



# -- the analyst's panel (issue 16): one row per region, the year's targets beside last year's ----------
ANALYST_FIELDS = ["target", "target_high", "qualifier", "unit", "last_target", "last_target_high", "last_qualifier",
                  "last_outcome", "last_verdict", "change"]
SOURCE_COLUMNS = ["region", "code", "indicator", "what", "value", "value_high", "qualifier", "unit", "status", "doc",
                  "sentence"]
LEVELS = {"province": "province", "city": "prefecture", "prefecture": "prefecture", "county": "county",
          "national": "national"}


def indicator_ids(names: list[str]) -> list[str]:
    """Catalogue ids for ids or names as a user writes them (gdp, 居民消费价格, 城镇调查失业率)."""
    from .catalogue import load_catalogue

    cat = load_catalogue()
    out = []
    for n in names:
        n = n.strip()
        if not n:
            continue
        if cat.get(n) is not None:
            out.append(n)
            continue
        match = cat.match(n)
        if match is None:
            from .errors import PlanledgerError

            raise PlanledgerError("--indicator", f"{n} is no indicator of the catalogue (data/indicators.yaml)")
        out.append(match)
    return out


def _headline(targets: list[Assessment]) -> Assessment | None:
    """The target the year's reports set, stated most often (the headline, not a sub-target)."""
    if not targets:
        return None
    return max(targets, key=lambda a: (len(a.target.sources), -_doc_key(a.target.target)))


def _doc_key(f: dict[str, Any]) -> int:
    return f.get("start") or 0


def analyst_panel(ledger: Ledger, year: int, indicators: list[str], level: str | None = None,
                  sort: str | None = None) -> tuple[list[str], list[dict[str, Any]], list[dict[str, Any]]]:
    """(columns, rows, sources): one row per region with, for each indicator, the year's target as
    written (value, range end, qualifier, unit), last year's target, its outcome and verdict, and the
    change of target; regions in official order (division code) unless ``sort`` names a column
    (``-column`` for descending). ``sources`` has one row per figure with its sentence and document."""
    from .catalogue import load_catalogue
    from .regions import sort_key, table

    cat = load_catalogue()
    measures = {i: (cat.get(i).measures[0] if cat.get(i) else "level") for i in indicators}
    by: dict[tuple[str, str, str], list[Assessment]] = {}
    names: dict[str, str] = {}
    for a in ledger.assessments:
        t = a.target
        if t.canonical in measures and t.measure == measures[t.canonical] and t.period in (str(year), str(year - 1)):
            by.setdefault((t.region, t.canonical, t.period), []).append(a)
            names[t.region] = display_name(t.target) or t.region
    wanted_level = LEVELS.get(level, level) if level else None
    regions = sorted({r for r, _, _ in by}, key=sort_key)
    rows, sources = [], []
    for code in regions:
        division = table().by_code.get(code)
        if wanted_level and (division is None or division.level != wanted_level):
            continue
        row: dict[str, Any] = {"region": names.get(code), "code": code if division else "",
                               "level": division.level if division else ""}
        for ind in indicators:
            now = _headline(by.get((code, ind, str(year)), []))
            last = _headline(by.get((code, ind, str(year - 1)), []))
            cells = dict.fromkeys(ANALYST_FIELDS)
            if now is not None:
                s = now.target.target
                cells.update(target=s["value"], target_high=s.get("value_high"), qualifier=s["qualifier"],
                             unit=s["unit"])
                sources.append(_source_row(row, ind, f"{year} target", s, ""))
            if last is not None:
                s = last.target.target
                cells.update(last_target=s["value"], last_target_high=s.get("value_high"),
                             last_qualifier=s["qualifier"], last_outcome=last.outcome_value,
                             last_verdict=last.status)
                cells["unit"] = cells["unit"] or s["unit"]
                sources.append(_source_row(row, ind, f"{year - 1} target", s, ""))
                if last.target.outcome is not None and last.outcome_value is not None:
                    sources.append(_source_row(row, ind, f"{year - 1} outcome", last.target.outcome, last.status))
                else:
                    sources.append({**_source_row(row, ind, f"{year - 1} outcome", None, last.status),
                                    "sentence": last.reason})
                if now is not None and now.target.target["unit"] == s["unit"]:
                    cells["change"] = round(now.target.target["value"] - s["value"], 6)
            row.update({f"{ind} {k}": v for k, v in cells.items()})
        rows.append(row)
    columns = ["region", "code", "level"] + [f"{i} {k}" for i in indicators for k in ANALYST_FIELDS]
    if sort:
        key, reverse = sort.lstrip("-"), sort.startswith("-")
        if key not in columns:
            from .errors import PlanledgerError

            raise PlanledgerError("--sort", f"{key} is no column of the panel (columns: {', '.join(columns)})")
        present = [r for r in rows if r.get(key) is not None]
        missing = [r for r in rows if r.get(key) is None]
        present.sort(key=lambda r: (not isinstance(r[key], (int, float)), r[key]), reverse=reverse)
        rows = present + missing
    return columns, rows, sources


def _source_row(row: dict[str, Any], indicator: str, what: str, f: dict[str, Any] | None, status: str) -> dict:
    return {"region": row["region"], "code": row["code"], "indicator": indicator, "what": what,
            "value": f["value"] if f else None, "value_high": f.get("value_high") if f else None,
            "qualifier": f["qualifier"] if f else None, "unit": f["unit"] if f else None, "status": status,
            "doc": f["doc"] if f else "", "sentence": f["sentence"] if f else ""}
