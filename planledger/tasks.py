"""Commitments beyond numbers: what a plan promises to do to a named object, and what became of it.

"建成郑万高铁重庆段", "启动成渝中线、渝西、渝宜高铁建设及重庆站改造", "加快江北机场T3B航站楼及第四跑道建设":
each is a commitment on a named object (a railway, a terminal, a programme) with a promised
stage. The stages and their verbs are data (``data/stages.yaml``): a ladder from planning to
completion. A later report's review says which stage the object reached ("郑万高铁重庆段开展联调联试").

- ``mentions(text, meta)`` reads every statement of a stage about a named object, with its kind
  (a commitment in a plan section, an outcome in a review), period and sentence offsets;
- ``ledger(documents)`` links each commitment to the outcome statements about the same object
  (names compared with rapidfuzz after synonyms are unified) and gives it a status:
  ``achieved`` (reported stage ≥ promised), ``progressing`` (a 加快/推进 commitment with progress
  reported), ``behind`` (reported stage < promised), ``no report`` (the period is reviewed and the
  object is not mentioned), ``pending`` (not yet reviewed).
"""
from __future__ import annotations

import re
from dataclasses import field
from functools import lru_cache
from typing import Any

from . import patterns
from .errors import DataFileError
from .lexicon import DATA, load_yaml
from .records import dataclass

ACHIEVED, PROGRESSING, BEHIND, NO_REPORT, PENDING = "achieved", "progressing", "behind", "no report", "pending"


@dataclass(frozen=True)
class Stages:
    rungs: tuple[str, ...]  # lowest first
    verb_rung: dict[str, int]
    verbs: re.Pattern
    progress_rung: int
    heads: tuple[str, ...]  # longest first
    segment_tails: tuple[str, ...]
    synonyms: dict[str, str]


@lru_cache(maxsize=1)
def stages() -> Stages:
    data = load_yaml("stages.yaml")
    try:
        rungs = tuple(step["rung"] for step in data["ladder"])
        verb_rung = {v: i for i, step in enumerate(data["ladder"]) for v in step["verbs"]}
        heads = tuple(sorted(data["heads"], key=len, reverse=True))
        progress = rungs.index(data["progress_rung"])
        tails = tuple(data["segment_tails"])
        synonyms = dict(data["synonyms"])
    except (KeyError, TypeError, ValueError) as e:
        raise DataFileError(DATA / "stages.yaml", f"missing or malformed key: {e}") from e
    if not all(isinstance(v, str) and v for v in list(verb_rung) + list(heads)):
        raise DataFileError(DATA / "stages.yaml", "verbs and heads must be non-empty strings")
    alternation = "|".join(re.escape(v) for v in patterns.longest_first(verb_rung))
    return Stages(rungs, verb_rung, patterns.compile(alternation), progress, heads, tails, synonyms)


@dataclass
class Mention:
    doc: str
    region: str | None
    year: int | None  # of the document
    kind: str  # "commitment" (plan) or "outcome" (review)
    period: str
    object: str
    verb: str
    rung: int
    qualifier: str  # 力争, 确保, or ""
    sentence: str
    start: int  # offsets of the object in the original text
    end: int
    quote: str = ""  # the clause that holds the object and its stage
    region_key: str = ""  # the region's identity (its division code: planledger/regions.py), set by ledger()

    @property
    def stage(self) -> str:
        return stages().rungs[self.rung]


_CLAUSE = patterns.compile(r"[^，,；;。！？!?：:\n]+")
_ACTIVITY = patterns.compile(r"(?:的)?(?:建设|改造|工作|工程建设|项目建设|扩能|改扩建|提质改造)$")
_LEAD_NOISE = patterns.compile(r"^(?:并|和|及|同时|全力|加快推动|推动|抓好|做好|积极|大力|全面|有序|确保|力争|争取|要|将|实施|建设)+")


def _head(name: str) -> str | None:
    s = stages()
    for h in s.heads:
        if h in name:
            return h
    return None


def _has_head(name: str) -> bool:
    s = stages()
    return any(name.endswith(h) for h in s.heads) or (
        _head(name) is not None and any(name.endswith(t) for t in s.segment_tails))


def _split_objects(text: str) -> list[str]:
    """"成渝中线、渝西、渝宜高铁建设及重庆站改造" → [成渝中线, 渝西高铁, 渝宜高铁, 重庆站]."""
    text = text.strip("“”\"")
    # a list ends at 等 ("渝万、渝昆、成达万、渝湘高铁重庆至黔江段等高铁建设"): what follows names the head
    shared = None
    if "等" in text:
        text, after = text.rsplit("等", 1)
        shared = _head(after)
    parts: list[str] = []
    for item in text.split("、"):
        # 及/和 join two objects only where the left one ends its activity (…建设及重庆站改造)
        pieces = re.split(r"(?<=建设|改造|工程)(?:及|和|以及)", item)
        parts.extend(p for p in pieces if p)
    parts = [_ACTIVITY.sub("", p) for p in parts]
    out: list[str] = []
    for i, p in enumerate(parts):
        if not _has_head(p):
            later = next((_head(q) for q in parts[i + 1:] if _head(q)), None) or shared
            if later and _head(p) is None and len(p) <= 6:
                p = p + later  # 渝西 + 高铁
        out.append(p)
    # counted objects ("31个重大项目") are the core's facts, not named objects
    return [p for p in out if _has_head(p) and len(p) >= 3 and not p[0].isdigit()]


def _clause_mentions(clause: str) -> list[tuple[str, str, int, str, int]]:
    """(object, verb, rung, qualifier, object offset in clause) found in one clause."""
    s = stages()
    found = []
    qualifier = "力争" if "力争" in clause else "确保" if "确保" in clause else ""
    body = clause
    m = s.verbs.search(body)
    if not m:
        return []
    # verb first: 建成郑万高铁重庆段 / 启动成渝中线、渝西、渝宜高铁建设 / 加快江北机场T3B航站楼及第四跑道建设
    lead = _LEAD_NOISE.sub("", body[:m.start()])
    if not lead:
        rest = body[m.end():]
        verb = m.group()
        # a verb that reads the rest: 启动 + …建设 is the start of building
        rung = s.verb_rung[verb]
        if rest.endswith("前期工作"):
            rung = s.verb_rung["前期工作"]
            verb = verb + "…前期工作"
        rest = re.sub(r"前期工作$", "", rest)
        offset = m.end()
        for obj in _split_objects(rest):
            found.append((obj, verb, rung, qualifier, offset + max(rest.find(obj[:2]), 0)))
        return found
    # object first: 郑万高铁重庆段开展联调联试 / 江北机场T3B航站楼及第四跑道建设提速
    last = None
    for last in s.verbs.finditer(body):
        pass
    verb = last.group()
    obj_text = re.sub(r"(?:开展|实现|完成|进行|已)$", "", _ACTIVITY.sub("", body[:last.start()]))
    obj_text = _LEAD_NOISE.sub("", obj_text)
    for obj in _split_objects(obj_text):
        found.append((obj, verb, s.verb_rung[verb], qualifier, max(body.find(obj[:2]), 0)))
    return found


def mentions(text: str, doc: str = "", region: str | None = None, year: int | None = None) -> list[Mention]:
    """Every statement of a stage about a named object in one document's original text."""
    from .extract import ContextTracker
    from .normalize import normalize
    from .structure import describe, outline, sentences

    norm = normalize(text)
    meta = describe(norm.text, region=region, year=year)
    sections = outline(norm.text, meta)
    tracker = ContextTracker(norm.text, meta, sections)
    out: list[Mention] = []
    for sent in sentences(norm.text):
        sentence = norm.text[sent.start:sent.end]
        tracker.observe(sent.start, sentence)
        if not stages().verbs.search(sentence):
            continue
        ctx = tracker.at(sent.start)
        kind = "commitment" if ctx.kind == "target" else "outcome"
        for c in _CLAUSE.finditer(sentence):
            for obj, verb, rung, qualifier, at in _clause_mentions(c.group()):
                a = sent.start + c.start() + at
                start, end = norm.span(a, min(a + len(obj), len(norm.text)))
                out.append(Mention(doc, meta.region, meta.year, kind, ctx.period or "", obj, verb, rung, qualifier,
                                   sentence.strip(), start, end, c.group().strip()))
    return out


def _core(name: str) -> tuple[str, str, str]:
    """(the proper part before the head noun, the head noun, the section after it), synonyms unified:
    渝湘高铁重庆至黔江段 → (渝湘, 高铁, 重庆至黔江段)."""
    s = stages()
    for a, b in s.synonyms.items():
        name = name.replace(a, b)
    h = _head(name)
    if h is None:
        return name, "", ""
    i = name.index(h)
    return name[:i], h, name[i + len(h):]


def same_object(a: str, b: str) -> bool:
    """郑万高铁重庆段 = 郑万高铁重庆段; 渝西高铁 = 渝西高铁安康至重庆段; 渝西高铁 ≠ 渝西水资源配置工程;
    渝湘高铁重庆至黔江段 ≠ 渝湘高铁黔江至吉首段."""
    from rapidfuzz import fuzz

    (ca, ha, ta), (cb, hb, tb) = _core(a), _core(b)
    if ha != hb or not ca or not cb or fuzz.ratio(ca, cb) < 90:
        return False
    # a section named on both sides must be the same section; one side may name the whole object
    return not (ta and tb) or fuzz.ratio(ta, tb) >= 85


@dataclass
class Task:
    commitment: Mention
    sources: list[Mention] = field(default_factory=list)  # every statement of the same commitment
    outcomes: list[Mention] = field(default_factory=list)
    reported: Mention | None = None
    status: str = PENDING
    reason: str = ""


def ledger(documents: list[dict[str, Any]]) -> list[Task]:
    """``documents``: dicts with name, text, region and year (as ``Store`` stores them)."""
    from .regions import display_name, key_of

    all_mentions: list[Mention] = []
    reviewed: dict[str, int] = {}
    for d in documents:
        ms = mentions(d["text"], d["name"], d.get("region"), d.get("year"))
        r = key_of(d)
        for m in ms:
            m.region_key, m.region = r, display_name(d) or m.region
        all_mentions += ms
        if d.get("year") and d.get("doc_type") in ("government_work_report", "plan_report", "plan_execution_report"):
            reviewed[r] = max(reviewed.get(r, 0), int(d["year"]) - 1)
    commitments = [m for m in all_mentions if m.kind == "commitment"]
    outcomes = [m for m in all_mentions if m.kind == "outcome"]
    tasks: list[Task] = []
    s = stages()
    # the same commitment stated in several documents (plan report and government work report) is one
    merged: dict[tuple, Task] = {}
    for c in commitments:
        key = (c.region_key, c.period, c.rung, _core(c.object))
        if key in merged:
            merged[key].sources.append(c)
        else:
            merged[key] = Task(c, [c])
    for t in merged.values():
        c = t.commitment
        docs = {x.doc for x in t.sources}
        t.outcomes = [o for o in outcomes if o.region_key == c.region_key and o.period == c.period
                      and o.doc not in docs and same_object(c.object, o.object)]
        if t.outcomes:
            t.reported = max(t.outcomes, key=lambda o: (o.rung, o.year or 0))
            got, promised = t.reported.rung, c.rung
            if promised == s.progress_rung:
                t.status = ACHIEVED if got == len(s.rungs) - 1 else PROGRESSING if got >= s.verb_rung["开工"] else BEHIND
            else:
                t.status = ACHIEVED if got >= promised else BEHIND
            t.reason = f"promised {s.rungs[promised]} ({c.verb}), reported {s.rungs[got]} ({t.reported.verb})"
        else:
            end = int(c.period.split("-")[-1]) if c.period[:4].isdigit() else None
            last = reviewed.get(c.region_key)
            if end is not None and last is not None and end <= last:
                t.status, t.reason = NO_REPORT, f"{c.period} is reviewed and {c.object} is not mentioned"
            else:
                t.status, t.reason = PENDING, f"{c.period} is not reviewed yet"
        tasks.append(t)
    return tasks


def rows(tasks: list[Task], year: int | None = None, status: str | None = None) -> list[dict[str, Any]]:
    out = []
    for t in tasks:
        c, r = t.commitment, t.reported
        if year is not None and c.period.split("-")[-1] != str(year):
            continue
        if status is not None and t.status != status:
            continue
        out.append({
            "region": c.region, "period": c.period, "object": c.object, "promised": c.verb,
            "promised_stage": c.stage, "qualifier": c.qualifier,
            "reported": r.verb if r else "", "reported_stage": r.stage if r else "", "status": t.status,
            "reason": t.reason, "commitment_source": " | ".join(f"{x.doc}: {x.sentence}" for x in t.sources),
            "outcome_source": f"{r.doc}: {r.sentence}" if r else "",
            "commitment_quote": c.quote, "outcome_quote": r.quote if r else "",
            "commitment_doc": c.doc, "outcome_doc": r.doc if r else "",
            "commitment_start": c.start, "commitment_end": c.end,
            "outcome_start": r.start if r else None, "outcome_end": r.end if r else None,
        })
    return out


# the reading formats show the clauses; data formats carry the whole sentences and offsets too
TASK_COLUMNS = ["region", "period", "object", "promised", "reported", "status", "reason", "commitment_doc",
                "commitment_quote", "outcome_doc", "outcome_quote"]
