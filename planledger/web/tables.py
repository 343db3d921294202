"""The tables the pages, the API and the exports share: each is a function of the store and the
query's filters returning a ``Sheet`` (rows of flat dicts), so a page, its JSON and its CSV/Excel
download always hold the same rows.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..ledger import (CLAIMS_COLUMNS, HISTORY_COLUMNS, SCORECARD_COLUMNS, Ledger, claims_rows,
                      history_rows, scorecard_rows)
from ..link import span
from ..present import Sheet
from .deps import ledger_of

DOCUMENT_COLUMNS = ["name", "title", "region", "year", "doc_type", "n_facts", "targets", "actuals", "others",
                    "format", "ingested_at"]
FACT_COLUMNS = ["doc", "kind", "indicator", "canonical", "measure", "value", "value_high", "unit", "qualifier",
                "period", "binding", "estimated", "quote", "sentence", "start", "end", "region", "year"]
KINDS = ("target", "actual", "other")


@dataclass
class FactQuery:
    """The filters of ``planledger facts`` plus free text over sentences and the indicator as typed."""
    doc: str | None = None
    indicator: str | None = None
    kind: str | None = None
    period: str | None = None
    region: str | None = None
    q: str | None = None

    def params(self) -> dict[str, str]:
        return {k: v for k, v in vars(self).items() if v not in (None, "")}


def resolve_indicator(text: str | None) -> str | None:
    """An alias or name the catalogue knows → its canonical id; anything else as typed."""
    if not text:
        return None
    text = text.strip()
    try:
        from ..catalogue import load_catalogue

        catalogue = load_catalogue()
    except ImportError:  # pragma: no cover - the catalogue is part of the package
        return text
    if text in catalogue:
        return text
    return catalogue.match(text) or text


def documents(store: Any) -> list[dict[str, Any]]:
    counts = store.fact_counts()  # counted by the database: the facts themselves are not needed here
    rows = []
    for d in store.documents():
        row = dict(d)
        row.update(targets=counts.get((d["name"], "target"), 0), actuals=counts.get((d["name"], "actual"), 0),
                   others=counts.get((d["name"], "other"), 0))
        rows.append(row)
    return rows


def facts(store: Any, query: FactQuery) -> list[dict[str, Any]]:
    rows = store.facts(doc=query.doc or None, indicator=resolve_indicator(query.indicator),
                       kind=query.kind or None, period=query.period or None, region=query.region or None)
    if query.q:
        needle = query.q.strip()
        rows = [r for r in rows if needle in r["sentence"] or needle in r["indicator"]]
    return rows


def regions(store: Any) -> list[str]:
    return sorted({d["region"] for d in store.documents() if d["region"]})


def years(led: Ledger) -> list[int]:
    found = set()
    for a in led.assessments:
        y = span(a.target)[1]
        if y:
            found.add(y)
    return sorted(found)


@dataclass
class ScoreRow:
    """A scorecard row with the facts it came from (for links into the reader view)."""
    row: dict[str, Any]
    target_sources: list[dict[str, Any]]
    outcome: dict[str, Any] | None


def scorecard(led: Ledger, year: int | None) -> list[ScoreRow]:
    rows = scorecard_rows(led, year)
    # scorecard_rows keeps the assessments' order and drops those of other years: pair them the same way
    kept = [a for a in led.assessments
            if year is None or span(a.target)[1] == year or a.target.period == str(year)]
    assert len(kept) == len(rows)
    return [ScoreRow(r, list(a.target.sources), a.target.outcome) for r, a in zip(rows, kept)]


def claims(led: Ledger) -> list[tuple[dict[str, Any], dict[str, Any] | None]]:
    return list(zip(claims_rows(led), [c.outcome for c in led.claims]))


_YEAR = re.compile(r"(\d{4})$")


def chart_points(rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The history rows an annual chart can show: one unit and measure (the most common), periods
    that are a single year. None when fewer than one point remains."""
    annual = [r for r in rows if str(r["period"]).isdigit() and r["value"] is not None]
    if not annual:
        return None
    (measure, unit), _ = Counter((r["measure"], r["unit"]) for r in annual).most_common(1)[0]
    shown = [r for r in annual if (r["measure"], r["unit"]) == (measure, unit)]
    return {"measure": measure, "unit": unit, "rows": shown, "left_out": len(rows) - len(shown)}


def sheet(name: str, store: Any, params: dict[str, str]) -> Sheet:
    """The export of table ``name`` (documents, facts, scorecard, claims, history) for these filters."""
    if name == "documents":
        return Sheet("documents", DOCUMENT_COLUMNS, documents(store))
    if name == "facts":
        query = FactQuery(**{k: params.get(k) for k in ("doc", "indicator", "kind", "period", "region", "q")})
        return Sheet("facts", FACT_COLUMNS, facts(store, query))
    region = params.get("region") or None
    led = ledger_of(store, region)
    if name == "scorecard":
        year = params.get("year")
        rows = scorecard_rows(led, int(year) if year and year.isdigit() else None)
        return Sheet("scorecard", SCORECARD_COLUMNS + ["reason"], rows)
    if name == "claims":
        return Sheet("claims", CLAIMS_COLUMNS, claims_rows(led))
    if name == "history":
        indicator = resolve_indicator(params.get("indicator")) or ""
        return Sheet("history", HISTORY_COLUMNS, history_rows(led, indicator) if indicator else [])
    raise KeyError(name)


TABLES = ("documents", "facts", "scorecard", "claims", "history")
