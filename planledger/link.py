"""Stage 5: link each target to the outcomes reported for it, across documents and years.

Reads stored facts (dicts as ``Store.facts()`` gives them: every fact field plus its document's
``region``, ``year`` and ``doc_type``); gives ``Target`` records:

- one target per region, indicator, measure, period and value: the same target restated in
  several documents (plan report and government work report) is one target with several sources;
- a target that a later document states with another value is *revised*: the latest value is
  assessed and the earlier statements are kept in ``revisions``;
- an outcome is a candidate only when it is the same thing over the same period: same region (its
  division code, planledger/regions.py), same indicator, same measure (the catalogue's only measure
  when it has one: a CPI 涨幅 is a growth however the sentence words it), same period; an outcome
  whose clause says it is a multi-year average or total (``multi_year`` of ``data/ledger.yaml``:
  年均, 五年, 累计, 十四五时期…) never answers an annual target: it is kept in ``excluded`` with the
  reason, as are cumulative counts against annual targets and outcomes of the other measure;
- the chosen candidate is the final figure over an estimate (预计); ``choice`` says why in words a
  reader can check ("the only 2015 outcome for 地区生产总值 growth, in national-2016"). Several
  candidates with different values are a conflict, which assess reports with all of them.

An indicator is the catalogue id when the fact has one, else its name with the words of
``data/ledger.yaml`` (``link_strip_leading``) taken off its front.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import field
from functools import lru_cache
from typing import Any

from . import patterns
from .lexicon import lexicon, load_yaml, to_base
from .regions import key_of
from .records import dataclass

Fact = dict[str, Any]


@dataclass(frozen=True)
class LedgerRules:
    percent_points: float
    relative: float
    strip_leading: tuple[str, ...]
    cumulative: tuple[str, ...]
    multi_year: tuple[str, ...]
    average_words: tuple[str, ...]
    addition_words: tuple[str, ...]
    total_words: tuple[str, ...]
    actor_names: frozenset[str]
    held_words: tuple[str, ...]
    outcome_exact_words: tuple[str, ...]
    outcome_bound_after: tuple[str, ...]
    lower_is_better: tuple[str, ...]
    gap_above: tuple[str, ...]
    gap_below: tuple[str, ...]
    reached: tuple[str, ...]
    not_reached: tuple[str, ...]


@lru_cache(maxsize=1)
def rules() -> LedgerRules:
    from .errors import DataFileError
    from .lexicon import DATA

    data = load_yaml("ledger.yaml")

    def words(d: dict, key: str) -> tuple[str, ...]:
        value = d[key]
        if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
            raise TypeError(f"'{key}' must be a list of non-empty strings")
        return tuple(value)

    try:
        tol = data["tolerance"]
        claims = data["claims"]
        return LedgerRules(
            percent_points=float(tol["percent_points"]), relative=float(tol["relative"]),
            strip_leading=tuple(sorted(words(data, "link_strip_leading"), key=len, reverse=True)),
            cumulative=words(data, "cumulative"), multi_year=tuple(sorted(words(data, "multi_year"), key=len, reverse=True)),
            average_words=words(data, "average_words"), addition_words=words(data, "addition_words"),
            total_words=words(data, "total_words"), actor_names=frozenset(words(data, "actor_names")),
            held_words=words(data, "held_words"),
            outcome_exact_words=words(data, "outcome_exact_words"),
            outcome_bound_after=words(data, "outcome_bound_after"),
            lower_is_better=words(data, "lower_is_better"),
            gap_above=words(claims, "gap_above"), gap_below=words(claims, "gap_below"),
            reached=words(claims, "reached"), not_reached=words(claims, "not_reached"),
        )
    except (KeyError, TypeError, ValueError) as e:
        raise DataFileError(DATA / "ledger.yaml", f"missing or malformed key: {e}") from e


@dataclass
class Target:
    region: str  # the region's identity: its division code (planledger/regions.py: link_key)
    key: str  # catalogue id, or "name:" + the stripped name
    indicator: str  # the name as the assessed statement writes it
    canonical: str | None
    measure: str
    period: str
    target: Fact  # the statement that is assessed (the latest)
    sources: list[Fact] = field(default_factory=list)  # every statement of that value
    revisions: list[Fact] = field(default_factory=list)  # earlier statements with another value
    candidates: list[Fact] = field(default_factory=list)  # outcomes for the same key and period
    outcome: Fact | None = None
    choice: str = ""
    others: list[Fact] = field(default_factory=list)  # outcomes of the other measure or a cumulative count
    excluded: list[tuple[Fact, str]] = field(default_factory=list)  # outcomes set aside, with why
    path: dict[int, Fact] = field(default_factory=dict)  # multi-year targets: the annual outcome of each year

    @property
    def names(self) -> list[str]:
        """The names the documents give the target: 经济增长, 地区生产总值."""
        return list(dict.fromkeys(s["indicator"] for s in self.sources + self.revisions))

    @property
    def binding(self) -> bool | None:
        values = [s.get("binding") for s in self.sources if s.get("binding") is not None]
        return values[-1] if values else None


def name_key(indicator: str) -> str:
    name = re.sub(r"[\s“”\"'‘’「」（）()《》]", "", indicator or "")
    changed = True
    while changed:
        changed = False
        for w in rules().strip_leading:
            if name.startswith(w) and len(name) > len(w) + 1:
                name = name[len(w):]
                changed = True
                break
    return name


def indicator_key(fact: Fact) -> str:
    """The catalogue id, else the stripped name; a name too short to tell things apart (总投资 is
    already qualified by the extractor; 累计 alone is not) or that names only who pays (中央财政: ledger.yaml
    actor_names) links to nothing but itself."""
    if fact.get("canonical"):
        return fact["canonical"]
    name = name_key(fact["indicator"])
    canonical = _catalogue_match(name, fact.get("unit"), fact.get("measure"))
    if canonical:
        return canonical  # "实施棚户区改造" is 棚户区改造 once its verb is off
    if len(name) < 3 or name in lexicon().attributes or name in rules().actor_names:
        return f"name:{name}@{fact.get('doc')}:{fact.get('start')}"
    return "name:" + name


@lru_cache(maxsize=4096)
def _catalogue_match(name: str, unit: str | None, measure: str | None) -> str | None:
    from .catalogue import load_catalogue

    return load_catalogue().match(name, unit, measure)


def canonical_name(key: str) -> str | None:
    from .catalogue import load_catalogue

    entry = load_catalogue().get(key)
    return entry.name if entry else None


def is_cumulative(fact: Fact) -> bool:
    text = fact.get("indicator", "") + fact.get("quote", "")[:40]
    return any(w in text for w in rules().cumulative)


_QUOTES = patterns.compile(r"[“”\"'‘’「」]")


def clause_of(fact: Fact) -> tuple[str, str]:
    """(the clause that holds the fact's quote, up to the quote's end; the sentence's opening clause)."""
    sentence = _QUOTES.sub("", fact.get("sentence") or "")
    quote = _QUOTES.sub("", fact.get("quote") or "")
    at = sentence.find(quote) if quote else -1
    if at < 0:
        return quote, ""
    start = max(sentence.rfind(p, 0, at) for p in "，,；;：:。") + 1
    opening = re.split(r"[，,；;：:]", sentence, maxsplit=1)[0]
    return sentence[start:at + len(quote)], opening if len(opening) < len(sentence) else ""


def multi_year_cue(fact: Fact) -> str | None:
    """The word that makes the fact a multi-year average or total (年均, 五年, 十二五时期…), if any."""
    clause, opening = clause_of(fact)
    for text in (clause, opening):
        for w in rules().multi_year:
            if w in text:
                return w
    return None


def outcome_qualifier(fact: Fact) -> str:
    """The qualifier of an outcome as a statement of the figure: 超过55% is a bound (>), but
    控制在3.3% (extracted <=) is the figure reached (=)."""
    q = fact.get("qualifier") or "="
    quote = fact.get("quote") or ""
    if q in ("<=", ">=") and any(w in quote for w in rules().outcome_exact_words) \
            and not any(w in quote for w in rules().outcome_bound_after):
        return "="
    return q


def measure_of(fact: Fact) -> str:
    """The fact's measure; the catalogue's only measure when the indicator has one (居民消费价格涨幅回落到2.6%
    is a growth of the CPI whatever the verb)."""
    if fact.get("canonical") and not (fact["measure"] == "growth" and fact.get("unit") not in ("%", "‰", "个百分点")):
        # (a growth written in the indicator's own unit, 人均预期寿命提高1岁, is a change, never a level)
        from .catalogue import load_catalogue

        entry = load_catalogue().get(fact["canonical"])
        if entry is not None and len(entry.measures) == 1:
            return entry.measures[0]
    return fact["measure"]


def _doc_order(fact: Fact) -> tuple:
    return (fact.get("year") or 0, fact.get("doc") or "", fact.get("start") or 0)


def link(facts: list[Fact]) -> list[Target]:
    """Every target of the given facts with its sources, revisions and outcome candidates."""
    targets_by_key: dict[tuple, list[Fact]] = defaultdict(list)
    outcomes_by_key: dict[tuple, list[Fact]] = defaultdict(list)
    outcomes_by_indicator: dict[tuple, list[Fact]] = defaultdict(list)
    for f in facts:
        key = (key_of(f), indicator_key(f), measure_of(f), str(f["period"]))
        if f["kind"] == "target":
            targets_by_key[key].append(f)
        elif f["kind"] == "actual":
            outcomes_by_key[key].append(f)
            outcomes_by_indicator[(key[0], key[1], key[3])].append(f)

    series: dict[tuple, dict[str, list[Fact]]] = defaultdict(dict)  # (region, key, measure) → period → outcomes
    for (r, k, m, p), fs in outcomes_by_key.items():
        series[(r, k, m)][p] = fs

    out: list[Target] = []
    for key, statements in targets_by_key.items():
        region, ikey, measure, period = key
        for group in _by_value(statements):
            latest = max(group, key=_doc_order)
            canonical = None if ikey.startswith("name:") else ikey
            t = Target(region=region, key=ikey, indicator=canonical_name(canonical) or latest["indicator"] if canonical
                       else latest["indicator"], canonical=canonical,
                       measure=measure, period=period, target=latest,
                       sources=sorted((s for s in group if _same_value(s, latest)), key=_doc_order),
                       revisions=sorted((s for s in group if not _same_value(s, latest)), key=_doc_order))
            cands = sorted(outcomes_by_key.get(key, []), key=_doc_order)
            cumulative = is_cumulative(latest)
            start, end = span(t)
            annual = start == end and multi_year_cue(latest) is None
            averaged = says_average(latest) if end > start and measure == "growth" else None
            for c in cands:
                cue = multi_year_cue(c) if annual else None
                if averaged is not None and says_average(c) != averaged:
                    # "年均增长7%左右" over 2001-2005 is met by "年均增长9.5%", not by "比2000年增长57.3%"
                    t.excluded.append((c, "a change over the whole period against an average target" if averaged
                                       else "an average of the years against a change over the whole period"))
                elif measure == "level" and (added_vs_total(latest, c) or added_vs_total(c, latest)):
                    # "新建智能化煤矿130座" is not met by "智能化煤矿达到400座", the mines there are
                    t.excluded.append((c, "a total against a number added" if added_vs_total(latest, c)
                                       else "a number added against a total"))
                elif is_cumulative(c) != cumulative:
                    t.excluded.append((c, "cumulative outcome against an annual target" if is_cumulative(c)
                                       else "annual outcome against a cumulative target"))
                elif cue:
                    t.excluded.append((c, f"a multi-year figure ({cue}) against a single-year target"))
                else:
                    t.candidates.append(c)
            for c in outcomes_by_indicator.get((region, ikey, period), []):
                if measure_of(c) != measure:
                    t.excluded.append((c, f"{measure_of(c)} outcome against a {measure} target"))
            if annual:
                # what the reports give instead for a span holding the year: a five-year average or total
                for p, fs in series.get((region, ikey, measure), {}).items():
                    a, _, b = p.partition("-")
                    if b and a.isdigit() and b.isdigit() and int(a) <= start <= int(b):
                        cue = next((multi_year_cue(f) for f in fs if multi_year_cue(f)), None)
                        t.excluded += [(f, f"a figure over {p}{f' ({cue})' if cue else ''} against a single-year target")
                                       for f in fs]
            t.others = [c for c, _ in t.excluded]
            t.outcome, t.choice = _choose(t.candidates, t)
            if end > start:
                by_year: dict[int, list[Fact]] = defaultdict(list)
                for p, facts_of_year in series.get((region, ikey, measure), {}).items():
                    if p.isdigit() and start - 1 <= int(p) <= end:
                        by_year[int(p)] += [f for f in facts_of_year if (not is_cumulative(f) or cumulative)
                                            and multi_year_cue(f) is None]
                # a year whose outcomes disagree (经济总量超过3万亿元 and, for 川渝 together, 突破10万亿元) is
                # left off the path: which one is the region's cannot be told
                t.path = {y: c for y, fs in sorted(by_year.items()) if fs and (c := _path_figure(pool(fs)))}
            out.append(t)
    out.sort(key=lambda t: (t.region, t.period, _doc_order(t.target)))
    return out


def _path_figure(facts: list[Fact]) -> Fact | None:
    """The one figure a year's outcomes (``pool``'s) state, or None when they disagree: 2.5万亿元 and 25000亿元
    are one."""
    def figure(f: Fact) -> tuple:
        v = to_base(f["value"], f["unit"])
        high = to_base(f["value_high"], f["unit"])[0] if f.get("value_high") is not None else None
        return round(v[0], 6), v[1], high

    # (``pool`` has already kept the exact figures when they keep every bound beside them)
    return _choose(facts)[0] if len({figure(f) for f in facts}) == 1 else None


def added_vs_total(added: Fact, total: Fact) -> bool:
    """``added``'s name counts things added (``addition_words`` of data/ledger.yaml) and ``total``'s clause
    counts all there are (``total_words``) with no addition word in its name or clause."""
    r = rules()
    other = (total.get("indicator") or "") + (total.get("quote") or "")
    return any(w in (added.get("indicator") or "") for w in r.addition_words) \
        and any(w in (total.get("quote") or "") for w in r.total_words) and not any(w in other for w in r.addition_words)


def says_average(fact: Fact) -> bool:
    """The fact's clause says it is an average of the years (``average_words`` of data/ledger.yaml)."""
    return any(w in (fact.get("quote") or "") for w in rules().average_words)


def span(t: Target) -> tuple[int, int]:
    """(first year, last year) a target speaks of: "2021-2025" → (2021, 2025); a level "2025" set in
    a 2021 report → (2021, 2025); an annual target → (year, year)."""
    p = t.period
    if "-" in p:
        a, b = p.split("-", 1)
        return int(a), int(b)
    end = int(p) if p.isdigit() else 0
    made = t.target.get("year") or end
    return (min(made, end), end) if made and made < end else (end, end)


def _same_value(a: Fact, b: Fact) -> bool:
    """The same target, whatever words bound it (稳定在108亿公斤 and 108亿公斤以上)."""
    return (a["value"], a.get("value_high"), a["unit"]) == (b["value"], b.get("value_high"), b["unit"])


def _by_value(statements: list[Fact]) -> list[list[Fact]]:
    """Split the statements of one key into targets.

    Within one document, statements with different values are different targets (two projects
    both counted in 公里). Across documents, a later document's different value revises the
    target of an earlier one when each document states only one value.
    """
    by_doc: dict[str, list[Fact]] = defaultdict(list)
    for s in statements:
        by_doc[s.get("doc") or ""].append(s)
    single = all(len({(s["value"], s.get("value_high"), s["unit"]) for s in ss}) == 1 for ss in by_doc.values())
    if single:
        return [statements]
    groups: dict[tuple, list[Fact]] = defaultdict(list)
    for s in statements:
        groups[(s["value"], s.get("value_high"), s["unit"])].append(s)
    return list(groups.values())


def pool(candidates: list[Fact]) -> list[Fact]:
    """The candidates an outcome is chosen from: the final figures, else the estimates (预计); of those, the
    figures stated exactly when every bound among them is kept by them (粮食产量515.6亿斤 beside 粮食产量
    跃上500亿斤台阶: one outcome, 515.6)."""
    finals = [c for c in candidates if not c.get("estimated")] or candidates
    exact = [c for c in finals if outcome_qualifier(c) in ("=", "~", "range")]
    if exact and len(exact) < len(finals) and all(_keeps(e, b) for e in exact for b in finals if b not in exact):
        return exact
    return finals


def _keeps(figure: Fact, bound: Fact) -> bool:
    """``figure``'s value is within ``bound`` (超过3万亿元 is kept by 33757.93亿元), in the same base unit."""
    v, unit = to_base(figure["value"], figure["unit"])
    b, bunit = to_base(bound["value"], bound["unit"])
    q = outcome_qualifier(bound)
    ok = {">": v > b, ">=": v >= b * (1 - 1e-12), "<": v < b, "<=": v <= b * (1 + 1e-12)}.get(q, False)
    return unit == bunit and ok


def _choose(candidates: list[Fact], t: Target | None = None) -> tuple[Fact | None, str]:
    if not candidates:
        return None, ""
    finals = [c for c in candidates if not c.get("estimated")]
    chosen_from = pool(candidates)
    chosen = max(chosen_from, key=_doc_order)
    what = f"{t.period} outcome for {t.canonical or t.indicator} {t.measure}" if t is not None else "outcome"
    docs = sorted({c.get("doc") or "" for c in chosen_from})
    where = f"in {', '.join(docs)}"
    if len(candidates) == 1:
        reason = f"the only {what}, {where}"
    elif len({(c["value"], c.get("value_high"), c["unit"]) for c in chosen_from}) == 1:
        reason = f"the {what}, stated {len(chosen_from)} times {where}"
    else:
        reason = f"the latest of {len(chosen_from)} {what}s, {where}"
    if finals and len(finals) < len(candidates):
        reason += "; the final figure, not the estimate (预计)"
    elif not finals:
        reason += "; only an estimate (预计) is reported"
    return chosen, reason
