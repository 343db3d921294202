"""Stage 6: assess every linked target: a status and a margin, with the reason.

Statuses:

- ``met``: the outcome satisfies the target as written; ``exceeded``: a target written with
  左右/约 (``~``) was beaten by more than the tolerance; ``partly``: a range target reached its
  near end but not its ambitious end; ``missed``: the outcome falls short;
- ``not comparable``: the only outcomes are of another kind (cumulative against annual, level
  against growth) or in another unit; the reason says which;
- ``pending``: no outcome yet and the period is not over in the documents at hand;
  ``unreported``: the period is over (a later document reviews it) and no outcome was found;
- for a multi-year target whose period is not over: ``ahead`` (already reached: 提前实现),
  ``on track`` or ``behind`` against the straight path from the base year, using the annual
  outcomes found so far.

Qualifiers are read as written (``>=``, ``>``, ``<=``, ``<``); ``~`` and ``=`` use the
tolerance of ``data/ledger.yaml`` (±0.3 percentage points for rates in %, ±3% of the target
otherwise). Which direction is better comes from the catalogue's polarity: 失业率 5.3% against
"5.5%以内" is met; 能耗下降2.0% against "下降3%左右" is missed. The margin is outcome minus target
(the ambitious end of a range), in percentage points for rates and in the target's unit otherwise.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .lexicon import lexicon
from .link import Target, is_cumulative, rules, span

MET, EXCEEDED, PARTLY, MISSED = "met", "exceeded", "partly", "missed"
NOT_COMPARABLE, PENDING, UNREPORTED = "not comparable", "pending", "unreported"
AHEAD, ON_TRACK, BEHIND = "ahead", "on track", "behind"


@dataclass
class Assessment:
    target: Target
    status: str
    margin: float | None = None
    margin_unit: str = ""
    outcome_value: float | None = None  # the outcome in the target's unit
    reason: str = ""
    polarity: str = "higher_is_better"


def polarity(t: Target) -> str:
    if t.canonical:
        from .catalogue import load_catalogue

        entry = load_catalogue().get(t.canonical)
        if entry is not None:
            return entry.polarity
    if any(w in t.indicator for w in rules().lower_is_better):
        return "lower_is_better"
    return "higher_is_better"


def to_base(value: float, unit: str) -> tuple[float, str]:
    """(value in base unit, base unit): 2.5万亿元 → (2.5e12, 元); 个百分点 stays apart from %."""
    unit = (unit or "").replace("％", "%")
    for prefix, scale in sorted(lexicon().scales.items(), key=lambda kv: -len(kv[0])):
        if unit.startswith(prefix):
            return value * scale, {"名": "人", "位": "人"}.get(unit[len(prefix):], unit[len(prefix):])
    return value, {"名": "人", "位": "人"}.get(unit, unit)


def convert(value: float, unit: str, to_unit: str) -> float | None:
    """``value unit`` expressed in ``to_unit``, or None when the base units differ."""
    v, base = to_base(value, unit)
    one, to_base_unit = to_base(1.0, to_unit)
    if base != to_base_unit or not one:
        return None
    return v / one


@dataclass(frozen=True)
class Tolerance:
    """How far from a 左右/约 or bare target an outcome may be and still meet it."""

    percent_points: float  # for rates in % and gaps in 个百分点
    relative: float  # for other levels, a share of the target

    @classmethod
    def default(cls) -> "Tolerance":
        r = rules()
        return cls(r.percent_points, r.relative)

    def of(self, value: float, unit: str) -> float:
        return self.percent_points if unit in ("%", "个百分点") else abs(value) * self.relative


def tolerance(value: float, unit: str, tol: Tolerance | None = None) -> float:
    return (tol or Tolerance.default()).of(value, unit)


def judge(outcome: float, target: float, high: float | None, qualifier: str, unit: str,
          direction: str, tolerances: Tolerance | None = None) -> tuple[str, float]:
    """The status of an outcome against one target statement, and the margin."""
    tol = tolerance(target, unit, tolerances)
    eps = 1e-9
    if qualifier == "range" and high is not None:
        lo, hi = min(target, high), max(target, high)
        if direction == "lower_is_better":
            margin = outcome - lo
            status = MET if outcome <= lo + eps else PARTLY if outcome <= hi + eps else MISSED
        elif direction == "higher_is_better":
            margin = outcome - hi
            status = MET if outcome >= hi - eps else PARTLY if outcome >= lo - eps else MISSED
        else:
            margin = outcome - (lo + hi) / 2
            status = MET if lo - eps <= outcome <= hi + eps else MISSED
        return status, margin
    margin = outcome - target
    if qualifier == ">=":
        return (MET if outcome >= target - eps else MISSED), margin
    if qualifier == ">":
        return (MET if outcome > target + eps or (target == 0 and outcome > 0) else MISSED), margin
    if qualifier == "<=":
        return (MET if outcome <= target + eps else MISSED), margin
    if qualifier == "<":
        return (MET if outcome < target - eps else MISSED), margin
    better = margin > 0 if direction == "higher_is_better" else margin < 0
    if qualifier == "~":
        if abs(margin) <= tol + eps:
            return MET, margin
        if direction == "neutral":
            return MISSED, margin
        return (EXCEEDED if better else MISSED), margin
    # "=": a commitment to a number is met by reaching it, within the tolerance
    if direction == "neutral":
        return (MET if abs(margin) <= tol + eps else MISSED), margin
    return (MET if better or abs(margin) <= tol + eps else MISSED), margin


def assess(t: Target, last_reviewed: int | None, tolerances: Tolerance | None = None) -> Assessment:
    """``last_reviewed``: the latest year the documents of the target's region review."""
    stated = t.target
    direction = polarity(t)
    unit = stated["unit"]
    margin_unit = "个百分点" if unit == "%" else unit
    start, end = span(t)
    multi_year = end > start
    if t.outcome is not None:
        value = convert(t.outcome["value"], t.outcome["unit"], unit)
        if value is None:
            return Assessment(t, NOT_COMPARABLE, reason=f"units differ: {t.outcome['unit']} against {unit}",
                              polarity=direction)
        status, margin = judge(value, stated["value"], stated.get("value_high"), stated["qualifier"], unit,
                               direction, tolerances)
        return Assessment(t, status, round(margin, 6), margin_unit, value, t.choice, direction)
    if multi_year and t.path and (last_reviewed is None or end > last_reviewed):
        return _on_path(t, direction, margin_unit, tolerances)
    if t.others:
        other = t.others[-1]
        if is_cumulative(other) != is_cumulative(stated):
            why = "cumulative outcome against an annual target" if is_cumulative(other) else \
                "annual outcome against a cumulative target"
        elif other["measure"] != t.measure:
            why = f"{other['measure']} outcome against a {t.measure} target"
        else:
            why = "outcome of another kind"
        return Assessment(t, NOT_COMPARABLE, reason=f"{why}: {other['indicator']} {other['value']:g}{other['unit']}",
                          polarity=direction)
    if last_reviewed is not None and end <= last_reviewed:
        return Assessment(t, UNREPORTED, reason=f"period {t.period} is reviewed by the documents and no outcome "
                          "was found", polarity=direction)
    return Assessment(t, PENDING, reason=f"period {t.period} is not over in the documents at hand",
                      polarity=direction)


def _on_path(t: Target, direction: str, margin_unit: str, tolerances: Tolerance | None) -> Assessment:
    stated = t.target
    unit = stated["unit"]
    start, end = span(t)
    years = sorted(y for y in t.path if y >= start)
    if not years:
        return Assessment(t, PENDING, reason="no annual outcome yet", polarity=direction)
    last = years[-1]
    latest = t.path[last]
    value = convert(latest["value"], latest["unit"], unit)
    if value is None:
        return Assessment(t, NOT_COMPARABLE, reason=f"units differ: {latest['unit']} against {unit}",
                          polarity=direction)
    if t.measure == "growth" and "-" in t.period:
        # an average growth target: the mean of the annual growth rates so far against it
        rates = [convert(t.path[y]["value"], t.path[y]["unit"], unit) for y in years]
        rates = [r for r in rates if r is not None]
        mean = sum(rates) / len(rates)
        status, margin = judge(mean, stated["value"], stated.get("value_high"), stated["qualifier"], unit,
                               direction, tolerances)
        on = status in (MET, EXCEEDED)
        return Assessment(t, ON_TRACK if on else BEHIND, round(margin, 6), margin_unit, mean,
                          f"mean of {len(rates)} annual rates {years[0]}–{last}", direction)
    status, margin = judge(value, stated["value"], stated.get("value_high"), stated["qualifier"], unit, direction,
                           tolerances)
    if stated["qualifier"] in ("=", "~", "range"):
        # ahead of time means reached, not within the tolerance of the final year's number
        goal = stated.get("value_high") or stated["value"] if direction != "lower_is_better" else stated["value"]
        reached = value >= goal if direction != "lower_is_better" else value <= goal
        status = MET if reached else MISSED
    if status in (MET, EXCEEDED):
        return Assessment(t, AHEAD, round(margin, 6), margin_unit, value, f"reached in {last} (提前实现)", direction)
    base = t.path.get(start - 1)
    base_value = convert(base["value"], base["unit"], unit) if base else None
    if base_value is None:
        return Assessment(t, PENDING, round(margin, 6), margin_unit, value,
                          f"{last}: {latest['value']:g}{latest['unit']}; no base year to draw the path from",
                          direction)
    share = (last - (start - 1)) / (end - (start - 1))
    expected = base_value + (stated["value"] - base_value) * share
    on = value >= expected if direction != "lower_is_better" else value <= expected
    return Assessment(t, ON_TRACK if on else BEHIND, round(value - expected, 6), margin_unit, value,
                      f"{last}: {value:g} against {expected:.4g} on the path from {start - 1} ({base_value:g})",
                      direction)


def last_reviewed_years(facts: list[dict[str, Any]]) -> dict[str, int]:
    """Per region: the latest year reviewed by its documents (a report delivered in Y reviews Y-1)."""
    from .regions import key_of

    out: dict[str, int] = {}
    for f in facts:
        year = f.get("year")
        if year and f.get("doc_type") in ("government_work_report", "plan_report", "plan_execution_report"):
            r = key_of(f)
            out[r] = max(out.get(r, 0), int(year) - 1)
    return out


def assess_all(facts: list[dict[str, Any]], targets: list[Target],
               tolerances: Tolerance | None = None) -> list[Assessment]:
    reviewed = last_reviewed_years(facts)
    return [assess(t, reviewed.get(t.region), tolerances) for t in targets]
