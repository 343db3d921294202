"""Stage 6: assess every linked target: a status and a margin, with the reason.

Statuses:

- ``met``: the outcome satisfies the target as written; ``exceeded``: a target written with
  左右/约 (``~``) was beaten by more than the tolerance; ``partly``: a range target reached its
  near end but not its ambitious end; ``missed``: the outcome falls short;
- ``not comparable``: the only outcomes are of another kind (cumulative against annual, level
  against growth, a multi-year average or total against an annual target) or in another unit;
  the reason says which and names them;
- ``conflict``: two or more qualifying outcomes with different values; every one is shown, none
  is picked;
- ``inconclusive``: the outcome is stated only as a bound (森林覆盖率超过55%) that does not settle
  the target (57%): some values within the bound meet it, others do not;
- ``pending``: no outcome yet and the period is not over in the documents at hand;
  ``unreported``: the period is over (a later document reviews it) and no outcome was found;
- for a multi-year target whose period is not over: ``ahead`` (already reached: 提前实现),
  ``on track`` or ``behind``, using the annual outcomes found so far: a level against the straight
  path from the base year (``inconclusive`` when the latest figure is only a bound short of it); an
  average growth (年均增长7%) by the mean of the annual rates; any other change over the years
  (能耗降低16%, 较2020年翻一番) by the annual rates compounded from the year after its base, against the
  share of the change a steady pace would have made; a flow over a span (城镇新增就业4500万人) by its years added
  up; a level held over a span (保持在4800列以上, a rate in %) year by year, an average (年均60万人) by the
  mean of its years — each only when every one of those years is known (else ``pending``). A year whose
  outcomes state different figures is left off the path.

Qualifiers are read as written (``>=``, ``>``, ``<=``, ``<``), on the size of the change the sign
gives (SPEC): 能耗下降3.9%以上 is -3.9 with ``>=``, a decline of at least 3.9%, met by 下降4.8%.
``~`` and ``=`` use the tolerance of ``data/ledger.yaml`` (±0.3 percentage points for rates in %,
±3% of the target otherwise): within it the target is met, beyond it in the better direction
exceeded, in the worse missed. Which direction is better comes from the catalogue's polarity:
失业率 5.3% against "5.5%以内" is met; 能耗下降2.0% against "下降3%左右" is missed; a neutral
indicator (M2) beyond the tolerance either way is missed. The margin is outcome minus target (the
ambitious end of a range), in percentage points for rates and in the target's unit otherwise.

Every assessment's ``reason`` says which outcome it rests on and why (the only 2015 outcome for
gdp growth, in national-2016), or what was found instead.
"""
from __future__ import annotations

from dataclasses import field
from typing import Any

from .lexicon import to_base
from .structure import BASE_YEAR
from .link import Target, outcome_qualifier, pool, rules, says_average, span
from .records import dataclass

MET, EXCEEDED, PARTLY, MISSED = "met", "exceeded", "partly", "missed"
NOT_COMPARABLE, PENDING, UNREPORTED = "not comparable", "pending", "unreported"
CONFLICT, INCONCLUSIVE = "conflict", "inconclusive"
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
    found: list[dict[str, Any]] = field(default_factory=list)  # conflict, inconclusive, not comparable,
    # unreported: the outcomes found instead ({"fact": …, "why": …})
    stated: Any = None  # stated.Stated: the verdict a report gives in words, when it gives no figure


def polarity(t: Target) -> str:
    if t.canonical:
        from .catalogue import load_catalogue

        entry = load_catalogue().get(t.canonical)
        if entry is not None:
            return entry.polarity
    if any(w in t.indicator for w in rules().lower_is_better):
        return "lower_is_better"
    return "higher_is_better"


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


_MIRROR = {">=": "<=", ">": "<", "<=": ">=", "<": ">"}


def axis_qualifier(value: float, qualifier: str, measure: str) -> str:
    """The qualifier on the value's own axis: a bound written on a decline (下降3.9%以上: -3.9 with
    ``>=``, at least 3.9% down) bounds the value from the other side (<= -3.9)."""
    if measure == "growth" and value < 0:
        return _MIRROR.get(qualifier, qualifier)
    return qualifier


def judge(outcome: float, target: float, high: float | None, qualifier: str, unit: str,
          direction: str, tolerances: Tolerance | None = None, measure: str = "level") -> tuple[str, float]:
    """The status of an outcome against one target statement, and the margin. ``measure`` "growth"
    reads a bound on a negative target (a decline) as SPEC writes it: on the size of the decline."""
    qualifier = axis_qualifier(target, qualifier, measure)
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
    # "=": a bare number, read as the gold table reads it: met within the tolerance, beaten beyond it
    # in the better direction exceeded, short of it missed
    if abs(margin) <= tol + eps:
        return MET, margin
    if direction == "neutral":
        return MISSED, margin
    return (EXCEEDED if better else MISSED), margin


BIG = 1e18  # the open end of an outcome stated as a bound
_SETTLES = {MET: "reached", EXCEEDED: "reached"}  # verdicts that settle a target the same way


def outcome_interval(value: float, high: float | None, qualifier: str, measure: str) -> tuple[float, float]:
    """What an outcome as written says of the true figure: 超过55% → (55, ∞); 下降超过5% → (-∞, -5);
    a range → its ends; a number (= or 左右) → itself."""
    q = axis_qualifier(value, qualifier, measure)
    step = abs(value) * 1e-7 + 1e-7  # an open end: 超过6.1万家 is more than 6.1
    if q in (">", ">="):
        return value + (step if q == ">" else 0), BIG
    if q in ("<", "<="):
        return -BIG, value - (step if q == "<" else 0)
    if q == "range" and high is not None:
        return min(value, high), max(value, high)
    return value, value


def _describe(f: dict[str, Any]) -> str:
    return f"{f['value']:g}{f['unit']} ({f.get('doc')}: {f.get('quote') or f.get('sentence')})"


def _found(t: Target) -> list[dict[str, Any]]:
    return [{"fact": f, "why": why} for f, why in t.excluded]


def assess(t: Target, last_reviewed: int | None, tolerances: Tolerance | None = None) -> Assessment:
    """``last_reviewed``: the latest year the documents of the target's region review."""
    stated = t.target
    direction = polarity(t)
    unit = stated["unit"]
    margin_unit = "个百分点" if unit == "%" else unit
    start, end = span(t)
    multi_year = end > start
    if t.outcome is not None:
        chosen_from = pool(t.candidates)
        values = {c_id: convert(c["value"], c["unit"], unit) for c_id, c in enumerate(chosen_from)}
        if any(v is None for v in values.values()):
            other = next(c for i, c in enumerate(chosen_from) if values[i] is None)
            return Assessment(t, NOT_COMPARABLE, reason=f"units differ: {other['unit']} against {unit}: "
                              f"{_describe(other)}", polarity=direction,
                              found=[{"fact": other, "why": "another unit"}])
        distinct = {(round(v, 9), c.get("value_high")) for v, c in zip(values.values(), chosen_from)}
        if len(distinct) > 1:
            return Assessment(t, CONFLICT, reason=f"{len(chosen_from)} different {t.period} outcomes, none picked: "
                              + "; ".join(_describe(c) for c in chosen_from), polarity=direction,
                              found=[{"fact": c, "why": "a qualifying outcome"} for c in chosen_from])
        value = convert(t.outcome["value"], t.outcome["unit"], unit)
        high = convert(t.outcome["value_high"], t.outcome["unit"], unit) if t.outcome.get("value_high") is not None \
            else None
        lo, hi = outcome_interval(value, high, outcome_qualifier(t.outcome), t.measure)
        args = (stated["value"], stated.get("value_high"), stated["qualifier"], unit, direction, tolerances, t.measure)
        status, margin = judge(value, *args)
        bound = ""
        if lo != hi:
            ends = [judge(lo, *args)[0], judge(hi, *args)[0]]
            kinds = {_SETTLES.get(e, e) for e in ends}
            if len(kinds) > 1:
                return Assessment(t, INCONCLUSIVE, round(margin, 6), margin_unit, value,
                                  f"the outcome is stated only as a bound that does not settle the target: "
                                  f"{_describe(t.outcome)}; {t.choice}", direction,
                                  found=[{"fact": t.outcome, "why": "a bound"}])
            # every figure within the bound reaches the target (or none does): the least of the two
            status = MET if set(ends) == {MET, EXCEEDED} else ends[0]
            bound = f"; stated as a bound ({_describe(t.outcome)}): {status} whatever the figure within it"
        reason = t.choice + bound
        if multi_year:
            reason = f"a {t.period} target against the review of {t.outcome.get('doc')} (the report that closes " \
                     f"the period); {reason}"
        return Assessment(t, status, round(margin, 6), margin_unit, value, reason, direction)
    if multi_year and t.path and (last_reviewed is None or end > last_reviewed):
        return _on_path(t, direction, margin_unit, tolerances)
    found = _found(t)
    if t.excluded:
        other, why = t.excluded[-1]
        return Assessment(t, NOT_COMPARABLE, reason=f"{why}: {other['indicator']} {other['value']:g}{other['unit']}"
                          + "".join(f"; set aside: {_describe(f)} — {w}" for f, w in t.excluded),
                          polarity=direction, found=found)
    if last_reviewed is not None and end <= last_reviewed:
        return Assessment(t, UNREPORTED, reason=f"period {t.period} is reviewed by the documents (up to "
                          f"{last_reviewed}) and no {t.period} outcome for {t.canonical or t.indicator} "
                          f"{t.measure} was found", polarity=direction)
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
    if t.measure == "growth" and not _is_average(t):
        # a change over the years, to the end of a span or to a year set years before ("较2020年翻一番" by 2035)
        return _cumulative_on_path(t, years, direction, margin_unit, tolerances)
    if t.measure == "level" and "-" in t.period:
        quote = t.target.get("quote") or ""
        if _is_average(t) or any(w in quote for w in rules().held_words) or t.target["unit"] in ("%", "‰"):
            return _each_year_on_path(t, years, direction, margin_unit, tolerances)
        return _sum_on_path(t, years, direction, margin_unit)
    if t.measure == "growth" and "-" in t.period:
        # an average growth target: the mean of the annual growth rates so far against it
        rates = [convert(t.path[y]["value"], t.path[y]["unit"], unit) for y in years]
        rates = [r for r in rates if r is not None]
        mean = sum(rates) / len(rates)
        status, margin = judge(mean, stated["value"], stated.get("value_high"), stated["qualifier"], unit,
                               direction, tolerances, t.measure)
        on = status in (MET, EXCEEDED)
        return Assessment(t, ON_TRACK if on else BEHIND, round(margin, 6), margin_unit, mean,
                          f"mean of {len(rates)} annual rates {years[0]}–{last}", direction)
    status, margin = judge(value, stated["value"], stated.get("value_high"), stated["qualifier"], unit, direction,
                           tolerances, t.measure)
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
    bound = outcome_qualifier(latest)
    if not on and bound in ((">", ">=") if direction != "lower_is_better" else ("<", "<=")):
        # "超过3万亿元" short of the path: the figure may be past it
        return Assessment(t, INCONCLUSIVE, round(value - expected, 6), margin_unit, value,
                          f"{last}: stated only as a bound ({_describe(latest)}) short of {expected:.4g} on the path "
                          f"from {start - 1} ({base_value:g})", direction)
    return Assessment(t, ON_TRACK if on else BEHIND, round(value - expected, 6), margin_unit, value,
                      f"{last}: {value:g} against {expected:.4g} on the path from {start - 1} ({base_value:g})",
                      direction)


def _annual(t: Target, start: int, last: int, unit: str, direction: str, missing: str,
            other_unit: str) -> tuple[list[float], Assessment | None]:
    """The path's figures of the years start..last in ``unit``; or, when they cannot be had, the assessment that
    says why: pending when a year is missing from the path (``missing``, with ``{years}`` for them), not
    comparable when a figure is in another unit (``other_unit``)."""
    gone = [y for y in range(start, last + 1) if y not in t.path]
    if gone:
        return [], Assessment(t, PENDING, reason=missing.format(years=", ".join(map(str, gone))), polarity=direction)
    values = [convert(t.path[y]["value"], t.path[y]["unit"], unit) for y in range(start, last + 1)]
    if any(v is None for v in values):
        return [], Assessment(t, NOT_COMPARABLE, reason=other_unit, polarity=direction)
    return values, None


def _each_year_on_path(t: Target, years: list[int], direction: str, margin_unit: str,
                       tolerances: Tolerance | None) -> Assessment:
    """A level held over the period ("年开行量保持在4800列以上", a rate in %) on the way: each year so far against it;
    an average (年均超过46万人) by the mean of the years — only when every year from the start is known."""
    stated = t.target
    unit = stated["unit"]
    start, end = span(t)
    figures, why = _annual(t, start, years[-1], unit, direction,
                           f"a level over {start}-{end}: the annual outcome of {{years}} is not in the documents",
                           f"an annual outcome is in another unit than {unit}")
    if why:
        return why
    values = dict(zip(range(start, years[-1] + 1), figures))
    args = (stated["value"], stated.get("value_high"), stated["qualifier"], unit, direction, tolerances, t.measure)
    if _is_average(t):
        mean = sum(values.values()) / len(values)
        status, margin = judge(mean, *args)
        return Assessment(t, ON_TRACK if status in (MET, EXCEEDED) else BEHIND, round(margin, 6), margin_unit,
                          round(mean, 6), f"mean of {len(values)} annual figures {start}–{years[-1]}", direction)
    short = [y for y, v in values.items() if judge(v, *args)[0] not in (MET, EXCEEDED)]
    last = years[-1]
    status, margin = judge(values[last], *args)
    if short:
        return Assessment(t, BEHIND, round(margin, 6), margin_unit, values[last],
                          f"held in {len(values) - len(short)} of {len(values)} years so far; not in "
                          f"{', '.join(map(str, short))}", direction)
    return Assessment(t, ON_TRACK, round(margin, 6), margin_unit, values[last],
                      f"held in each of {len(values)} years so far ({start}–{last})", direction)


def _sum_on_path(t: Target, years: list[int], direction: str, margin_unit: str) -> Assessment:
    """A flow over the period ("城镇新增就业4500万人" for 2011-2015) on the way: the annual figures of the years
    so far added up, against the share of the period gone — only when every year from the start is known."""
    stated = t.target
    unit = stated["unit"]
    start, end = span(t)
    values, why = _annual(t, start, years[-1], unit, direction,
                          f"a total over {start}-{end}: the annual outcome of {{years}} is not in the documents, "
                          "so the total so far is unknown", f"an annual outcome is in another unit than {unit}")
    if why:
        return why
    total = sum(values)
    goal = stated.get("value_high") or stated["value"]
    expected = goal * (years[-1] - start + 1) / (end - start + 1)
    if direction == "lower_is_better":
        status = ON_TRACK if total <= expected else BEHIND
    elif total >= goal:
        return Assessment(t, AHEAD, round(total - goal, 6), margin_unit, round(total, 6),
                          f"{start}–{years[-1]} added up: {total:g} (提前实现)", direction)
    else:
        status = ON_TRACK if total >= expected else BEHIND
    return Assessment(t, status, round(total - expected, 6), margin_unit, round(total, 6),
                      f"{start}–{years[-1]} added up: {total:g} against {expected:.4g} at a steady pace to "
                      f"{goal:g} by {end}", direction)


def _is_average(t: Target) -> bool:
    """The target's own clause says it is an average of the years (``average_words`` of data/ledger.yaml)."""
    return says_average(t.target)


def _cumulative_on_path(t: Target, years: list[int], direction: str, margin_unit: str,
                        tolerances: Tolerance | None) -> Assessment:
    """A change over the whole period ("单位国内生产总值能耗降低16%" for 2011-2015) on the way: the annual rates
    of the years so far, compounded, against the share of the change a steady pace would have made by then —
    only when every year from the start is known, else pending."""
    stated = t.target
    start, end = span(t)
    based = BASE_YEAR.search(stated.get("quote") or "")
    if based and int(based.group(1)) < start:
        start = int(based.group(1)) + 1  # "比2010年翻一番" by 2020, set in 2016: the change since 2010
    over = f"{start}-{end}"
    if stated["unit"] != "%" or stated.get("value_high") is not None:
        return Assessment(t, PENDING, reason=f"a change over {over} in {stated['unit']}, not yet over: "
                          "no annual rates to add up", polarity=direction)
    if not years or years[-1] < start:
        return Assessment(t, PENDING, reason="no annual outcome yet", polarity=direction)
    rates, why = _annual(t, start, years[-1], "%", direction,
                         f"a change over {over} (not an average): the annual outcome of {{years}} is not in the "
                         "documents, so the change so far is unknown", "an annual outcome is no rate")
    if why:
        return why
    so_far = 1.0
    for r in rates:
        so_far *= 1 + r / 100
    so_far = (so_far - 1) * 100
    done = (years[-1] - start + 1) / (end - start + 1)
    expected = ((1 + stated["value"] / 100) ** done - 1) * 100
    on = so_far >= expected if direction != "lower_is_better" else so_far <= expected
    return Assessment(t, ON_TRACK if on else BEHIND, round(so_far - expected, 6), margin_unit, round(so_far, 6),
                      f"{start}–{years[-1]} compounded: {so_far:.3g}% against {expected:.3g}% at a steady pace "
                      f"to {stated['value']:g}% by {end}", direction)  # i18n: the figures carry their %


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
