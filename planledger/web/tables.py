"""The tables the pages, the API and the exports share: each is a function of the store and the
query's filters returning a ``Sheet`` (rows of flat dicts), so a page, its JSON and its CSV/Excel
download always hold the same rows.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Any

from .. import patterns
from ..ledger import (CLAIMS_COLUMNS, HISTORY_COLUMNS, SCORECARD_COLUMNS, Ledger, claims_rows,
                      history_rows, scorecard_rows)
from ..link import span
from ..model import fact_fields
from ..present import Sheet
from .deps import cached, ledger_of
from ..records import dataclass

DOCUMENT_COLUMNS = ["name", "title", "region", "year", "doc_type", "n_facts", "targets", "actuals", "others",
                    "format", "ingested_at"]
# the exported fields of model.Fact, in order, and the document's region and year
FACT_COLUMNS = [f.name for f in fact_fields() if f.exported] + ["region", "year"]
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
    """The facts of these filters; with free text ``q``, those of the indicators it names first
    (see ``search``), then those whose sentence holds it, case-insensitively."""
    if query.q and query.q.strip():
        from .deps import facts_of

        rows = facts_of(store)
        if query.doc or query.indicator or query.kind or query.period or query.region:
            rows = [r for r in rows if _fits(r[0], query)]
        return search(rows, query.q)[0]
    return store_facts(store, query)


def store_facts(store: Any, query: FactQuery) -> list[dict[str, Any]]:
    return store.facts(doc=query.doc or None, indicator=resolve_indicator(query.indicator),
                       kind=query.kind or None, period=query.period or None, region=query.region or None)


def _fits(r: dict[str, Any], query: FactQuery) -> bool:
    """The store's filters, on a fact already loaded (same meaning as ``Store.facts``)."""
    from ..lexicon import region_key

    if query.doc and query.doc != r["doc"]:
        return False
    if query.kind and r["kind"] != query.kind:
        return False
    if query.period and str(r["period"]) != str(query.period):
        return False
    if query.region and not (r.get("region") or "").startswith(region_key(query.region)):
        return False
    if query.indicator:
        wanted = resolve_indicator(query.indicator)
        if not (wanted == r.get("canonical") or wanted in r["indicator"]):
            return False
    return True


def matching_entries(q: str) -> list[Any]:
    """Catalogue entries the text names: the one it resolves to (an id, a name or an alias, any
    case: gdp, GDP, 地区生产总值), then those whose name or an alias contains it (失业率 →
    城镇调查失业率, 城镇登记失业率), headline indicators first."""
    from ..catalogue import load_catalogue, normalize_phrase

    catalogue = load_catalogue()
    text = q.strip()
    if not text:
        return []
    out = []
    exact = catalogue.get(text.lower()) or catalogue.lookup(text)
    if exact is not None:
        out.append(exact)
    needle = normalize_phrase(text)
    if len(needle) >= 2:
        contains = [e for e in catalogue if e not in out and any(needle in normalize_phrase(n) for n in e.names)]
        contains.sort(key=lambda e: (e.headline or 10_000, len(e.name)))
        out += contains
    return out


def search(rows: list[tuple[dict[str, Any], str, str]], q: str) -> tuple[list[dict[str, Any]], list[Any]]:
    """Facts for the text ``q`` among ``rows`` (fact, case-folded indicator, case-folded sentence):
    first the facts of the indicators it names (in the order of ``matching_entries``), then the
    other facts whose indicator as written contains it, then those whose sentence contains it, all
    case-insensitively; and the entries matched."""
    entries = matching_entries(q)
    rank = {e.id: i for i, e in enumerate(entries)}
    needle = q.strip().casefold()
    first, by_name, by_sentence = [], [], []
    for r, indicator, sentence in rows:
        if r["canonical"] in rank:
            first.append(r)
        elif needle in indicator:
            by_name.append(r)
        elif needle in sentence:
            by_sentence.append(r)
    first.sort(key=lambda r: rank[r["canonical"]])  # stable: document order within an indicator
    return first + by_name + by_sentence, entries


def highlight(text: str, needle: str) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is_match) at every case-insensitive occurrence of ``needle``."""
    if not needle or not text:
        return [(text, False)]
    pattern = re.compile(re.escape(needle), re.IGNORECASE)
    out, at = [], 0
    for m in pattern.finditer(text):
        if m.start() > at:
            out.append((text[at:m.start()], False))
        out.append((m.group(), True))
        at = m.end()
    if at < len(text):
        out.append((text[at:], False))
    return out or [(text, False)]


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
    """A scorecard row with the facts it came from (for links into the reader view), its catalogue
    category and its headline sort key."""
    row: dict[str, Any]
    target_sources: list[dict[str, Any]]
    outcome: dict[str, Any] | None
    category: str = "uncatalogued"
    headline: tuple[int, int] = (2, 0)


def scorecard(led: Ledger, year: int | None) -> list[ScoreRow]:
    rows = scorecard_rows(led, year)
    # scorecard_rows keeps the assessments' order and drops those of other years: pair them the same way
    kept = [a for a in led.assessments
            if year is None or span(a.target)[1] == year or a.target.period == str(year)]
    assert len(kept) == len(rows)
    return [ScoreRow(r, list(a.target.sources), a.target.outcome, category_of(r), headline_key(r))
            for r, a in zip(rows, kept)]


def scorecard_of(store: Any, region: str | None, year: int | None) -> list[ScoreRow]:
    """``scorecard(ledger_of(store, region), year)``, cached until the store changes."""
    return cached(store, f"scorecard:{year}", region,
                  lambda: scorecard(ledger_of(store, region), year))


def claims(led: Ledger) -> list[tuple[dict[str, Any], dict[str, Any] | None]]:
    return list(zip(claims_rows(led), [c.outcome for c in led.claims]))


_YEAR = patterns.compile(r"(\d{4})$")


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


# -- the home page and the scorecard's view ---------------------------------------------------------------
STATUS_ORDER = ["met", "exceeded", "partly", "missed", "ahead", "on track", "behind", "conflict", "inconclusive",
                "not comparable", "pending", "unreported"]


def _status_rank(s: str) -> int:
    return STATUS_ORDER.index(s) if s in STATUS_ORDER else len(STATUS_ORDER)


def status_counts(statuses: Any) -> list[tuple[str, int]]:
    """(status, count) in reading order: met … unreported, then any other status."""
    counts = Counter(statuses)
    return sorted(counts.items(), key=lambda kv: (_status_rank(kv[0]), kv[0]))


def region_years(led: Ledger) -> list[dict[str, Any]]:
    """One card per region (the nation first, then by number of targets) with a line per year: the
    status counts of that year's scorecard. Years are the last year of each target's period, as
    ``scorecard --year`` filters them; newest first."""
    groups: dict[tuple[str, int], list[str]] = {}
    for a in led.assessments:
        year = span(a.target)[1]
        region = a.target.target.get("region") or ""
        groups.setdefault((region, year), []).append(a.status)
    regions: dict[str, list[dict[str, Any]]] = {}
    for (region, year), st in groups.items():
        if year:
            regions.setdefault(region, []).append({"region": region, "year": year, "counts": status_counts(st),
                                                   "total": len(st)})
    out = [{"region": region, "years": sorted(cards, key=lambda c: -c["year"]),
            "total": sum(c["total"] for c in cards)} for region, cards in regions.items()]
    out.sort(key=lambda r: (r["region"] != "全国", -r["total"], r["region"]))  # the nation, then the most targets
    return out


def catalogue_entry(canonical: str | None) -> Any:
    """The catalogue's entry for an indicator id; None for None or an id it does not hold."""
    from ..catalogue import load_catalogue

    return load_catalogue().get(canonical) if canonical else None


def category_of(row: dict[str, Any]) -> str:
    entry = catalogue_entry(row.get("canonical"))
    return entry.category if entry is not None else "uncatalogued"


def headline_key(row: dict[str, Any]) -> tuple[int, int]:
    """Headline indicators in their catalogue rank, then binding indicators, then the rest."""
    entry = catalogue_entry(row.get("canonical"))
    if entry is not None and entry.headline is not None:
        return (0, entry.headline)
    return (1, 0) if row.get("binding") else (2, 0)


def _num_or_inf(v: Any) -> float:
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else float("inf")


SORTS = {
    "headline": headline_key,
    "region": lambda r: r.get("region") or "",
    "period": lambda r: (span_key(r["period"])),
    "indicator": lambda r: r["indicator"],
    "target": lambda r: (r.get("unit") or "", _num_or_inf(r.get("target_value"))),
    "outcome": lambda r: (r.get("unit") or "", _num_or_inf(r.get("outcome_value"))),
    "status": lambda r: _status_rank(r["status"]),
    "margin": lambda r: _num_or_inf(r.get("margin_value")),
}


def span_key(period: str) -> tuple[int, int]:
    parts = [int(p) for p in re.findall(r"\d{4}", str(period))] or [0]
    return (parts[-1], parts[0])


def filter_scorecard(rows: list[ScoreRow], status: str | None, binding: str | None,
                     category: str | None) -> list[ScoreRow]:
    out = rows
    if status:
        out = [s for s in out if s.row["status"] == status]
    if binding in ("yes", "no"):
        out = [s for s in out if bool(s.row.get("binding")) == (binding == "yes")]
    if category:
        out = [s for s in out if s.category == category]
    return out


def sort_scorecard(rows: list[ScoreRow], by: str, desc: bool) -> list[ScoreRow]:
    if by not in SORTS or by == "headline":
        return sorted(rows, key=lambda s: s.headline, reverse=desc)
    key = SORTS[by]
    return sorted(rows, key=lambda s: key(s.row), reverse=desc)


def sentence_parts(fact: dict[str, Any] | None) -> tuple[str, str, str] | None:
    """The fact's sentence cut around its number (or its quote when the number is written otherwise)."""
    if not fact:
        return None
    sentence, quote = fact.get("sentence") or "", fact.get("quote") or ""
    q_at = sentence.find(quote) if quote else -1
    from ..ledger import number

    num = number(fact.get("value")) if fact.get("value") is not None else ""
    if q_at >= 0 and num:
        n_at = sentence.find(num, q_at, q_at + len(quote))
        if n_at >= 0:
            return sentence[:n_at], num, sentence[n_at + len(num):]
    if q_at >= 0:
        return sentence[:q_at], quote, sentence[q_at + len(quote):]
    return sentence, "", ""


_CLAUSE_BREAK = patterns.compile(r"[，。；：、,;:]")


def window(parts: tuple[str, str, str] | None, width: int = 40) -> tuple[str, str, str] | None:
    """The sentence around its highlighted number, at most about ``width`` characters on each side,
    cut after a clause mark where there is one and marked with … where cut (the whole sentence is in
    the reader, one click away)."""
    if not parts:
        return parts
    before, hit, after = parts
    if len(before) > width:
        cut = before[-width:]
        m = _CLAUSE_BREAK.search(cut)
        before = "…" + (cut[m.end():] if m and m.end() < len(cut) - 4 else cut)
    if len(after) > width:
        cut = after[:width]
        marks = list(_CLAUSE_BREAK.finditer(cut))
        after = (cut[:marks[-1].start() + 1] if marks and marks[-1].start() > 4 else cut) + "…"
    return before, hit, after


# -- the panel: regions × headline indicators for one year (issue 16's table, on the web) -----------------
PANEL_INDICATORS = 8  # the headline indicators with the most targets that year, in catalogue rank


@dataclass
class PanelCell:
    target: ScoreRow | None  # this year's target
    last: ScoreRow | None  # last year's target, with its outcome and verdict


def _annual(rows: list[ScoreRow], year: int) -> dict[tuple[str, str], ScoreRow]:
    """(region, indicator id) → the first target for exactly ``year`` in its most common measure."""
    measures = Counter((s.row["canonical"], s.row["measure"]) for s in rows if s.row["canonical"])
    main = {}
    for (canonical, measure), n in measures.most_common():
        main.setdefault(canonical, measure)
    out: dict[tuple[str, str], ScoreRow] = {}
    for s in rows:
        r = s.row
        if r["canonical"] and r["period"] == str(year) and r["measure"] == main.get(r["canonical"]):
            out.setdefault((r["region"] or "", r["canonical"]), s)
    return out


def panel(store: Any, year: int) -> dict[str, Any]:
    """One row per region with, for each headline indicator, this year's target and last year's
    target, outcome and verdict (each with the facts it came from, for links to the sentences)."""
    this = _annual(scorecard_of(store, None, year), year)
    last = _annual(scorecard_of(store, None, year - 1), year - 1)
    regions = sorted({r for r, _ in this} | {r for r, _ in last})
    ids = Counter(i for _, i in this)
    headline = sorted((i for i in ids if (catalogue_entry(i) is not None and catalogue_entry(i).headline)),
                      key=lambda i: catalogue_entry(i).headline)[:PANEL_INDICATORS]
    indicators = [catalogue_entry(i) for i in headline]
    rows = [{"region": region, "cells": [PanelCell(this.get((region, i)), last.get((region, i))) for i in headline]}
            for region in regions]
    rows = [r for r in rows if any(c.target or c.last for c in r["cells"])]
    return {"indicators": indicators, "rows": rows}


def range_chart(panel_table: dict[str, Any], indicator: str = "gdp") -> dict[str, Any] | None:
    """Geometry of the ranked range chart of one indicator's targets (growth in % for GDP): each
    region a bar from the low to the high end of its target (a mark for a single value, its shape
    telling the qualifier), last year's outcome as a dot; highest target first."""
    from .. import i18n

    try:
        column = [e.id for e in panel_table["indicators"]].index(indicator)
    except ValueError:
        return None
    items = []
    for row in panel_table["rows"]:
        cell = row["cells"][column]
        if cell.target is None or cell.target.row.get("unit") != "%":
            continue
        r = cell.target.row
        lo, hi = r["target_value"], r["target_high"] if r["target_high"] is not None else r["target_value"]
        outcome = cell.last.row["outcome_value"] if cell.last and cell.last.row.get("unit") == "%" else None
        items.append({"region": row["region"], "short": _short(row["region"]), "lo": lo, "hi": hi, "qualifier": r["qualifier"], "outcome": outcome,
                      "text": i18n.quantity(r["target_value"], r["target_high"], r["qualifier"], "%"),
                      "fact": cell.target.target_sources[0] if cell.target.target_sources else None})
    if not items:
        return None
    items.sort(key=lambda it: (-it["hi"], -it["lo"], it["region"]))
    values = [v for it in items for v in (it["lo"], it["hi"], it["outcome"]) if v is not None]
    import math

    # the axis around the figures (not from zero: the targets differ by tenths of a point)
    vmin, vmax = math.floor(min(values) - 0.5), math.ceil(max(values) + 0.5)
    left, right, top, row_h = 64, 470, 26, 26
    width, height = 490, top + row_h * len(items) + 44

    def x(v: float) -> float:
        return round(left + (right - left) * (v - vmin) / (vmax - vmin), 1)

    bars = []
    for i, it in enumerate(items):
        y = top + row_h * i + row_h / 2
        bars.append({**it, "y": round(y, 1), "x1": x(it["lo"]), "x2": x(it["hi"]),
                     "ox": x(it["outcome"]) if it["outcome"] is not None else None,
                     "shape": {">=": "up", ">": "up", "<=": "down", "<": "down"}.get(it["qualifier"], "diamond")})
    step = _axis_step(vmax - vmin)
    ticks, t = [], (vmin // step) * step
    while t <= vmax + 1e-9:
        if t >= vmin - 1e-9:
            ticks.append({"x": x(t), "label": i18n.number(round(t, 6))})
        t += step
    return {"width": width, "height": height, "left": left, "right": right, "top": top, "bottom": height - 44,
            "bars": bars, "ticks": ticks}


def _short(region: str) -> str:
    from ..lexicon import region_key

    return region_key(region) or region


def _axis_step(span_: float) -> float:
    from .render import nice_step

    return nice_step(span_ / 5)
