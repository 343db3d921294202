"""The documents' own claims about their targets, checked against the ledger.

A report says "增长8.3%、高于预期目标2.3个百分点" or "城镇新增就业75.1万人，超年初预期目标15.1万人":
the extractor stores the gap as an ``other`` fact in the same sentence as the outcome. A report
also says "超额完成年度目标任务" or "好于预期" without a number. Each claim is tied to the outcome it
speaks of (the last outcome before it in its sentence), the outcome to its assessed target, and
the claim is listed as ``agrees``, ``disagrees`` (with both numbers) or ``cannot check`` (with
the reason).
"""
from __future__ import annotations

from typing import Any

from .assess import CONFLICT, EXCEEDED, INCONCLUSIVE, MET, MISSED, PARTLY, Assessment, convert
from .link import rules
from .records import dataclass

AGREES, DISAGREES, CANNOT_CHECK = "agrees", "disagrees", "cannot check"


@dataclass
class Claim:
    doc: str
    sentence: str
    text: str  # the words of the claim: 高于预期目标2.3个百分点
    outcome: dict[str, Any] | None
    claimed: float | None  # the gap it states, in its own unit
    unit: str
    computed: float | None = None  # the gap computed from the ledger, in the claim's unit
    status: str = CANNOT_CHECK
    reason: str = ""
    assessment: Assessment | None = None


def _outcome_before(facts: list[dict], sentence: str, start: int) -> dict | None:
    before = [f for f in facts if f["kind"] == "actual" and f["sentence"] == sentence and f["start"] < start]
    return max(before, key=lambda f: f["start"]) if before else None


def find_claims(facts: list[dict[str, Any]]) -> list[Claim]:
    r = rules()
    claims: list[Claim] = []
    by_doc: dict[str, list[dict]] = {}
    for f in facts:
        by_doc.setdefault(f["doc"], []).append(f)
    for doc, doc_facts in by_doc.items():
        taken: dict[str, list[tuple[int, int]]] = {}  # sentence → spans already claimed

        def free(sentence: str, at: int, length: int) -> bool:
            spans = taken.setdefault(sentence, [])
            if any(a < at + length and at < b for a, b in spans):
                return False
            spans.append((at, at + length))
            return True

        for f in doc_facts:
            if f["kind"] != "other":
                continue
            words = next((w for w in r.gap_above + r.gap_below if w in f["quote"]), None)
            if not words:
                continue
            sign = -1 if words in r.gap_below else 1
            text = f["quote"][f["quote"].index(words):]
            at = f["sentence"].find(text)
            free(f["sentence"], at if at >= 0 else 0, len(text))
            claims.append(Claim(doc, f["sentence"], text, _outcome_before(doc_facts, f["sentence"], f["start"]),
                                sign * f["value"], f["unit"]))
        # claims without a number, tied to the outcome they follow in their sentence
        for f in doc_facts:
            if f["kind"] != "actual" or not f["quote"]:
                continue
            sentence = f["sentence"]
            pos_fact = sentence.find(f["quote"])
            found = sorted((sentence.find(w), -len(w), w) for w in r.reached + r.not_reached if w in sentence)
            for at, _, words in found:  # leftmost first, then longest: 超额完成 before 完成年度目标
                between = [g for g in doc_facts if g["kind"] == "actual" and g["sentence"] == sentence
                           and pos_fact < sentence.find(g["quote"]) < at]
                if pos_fact < 0 or pos_fact > at or between or not free(sentence, at, len(words)):
                    continue
                claims.append(Claim(doc, sentence, words, f, None, "",
                                    reason="reached" if words in r.reached else "not reached"))
    return claims


def check(claims: list[Claim], assessments: list[Assessment]) -> list[Claim]:
    """Fill each claim's computed gap and verdict from the assessments."""
    by_outcome: dict[tuple, Assessment] = {}
    for a in assessments:
        for c in a.target.candidates:
            by_outcome[(c["doc"], c["start"], c["end"])] = a
    for c in claims:
        if c.outcome is None:
            c.reason = "no outcome stands before the claim in its sentence"
            continue
        a = by_outcome.get((c.outcome["doc"], c.outcome["start"], c.outcome["end"]))
        if a is not None and a.status in (CONFLICT, INCONCLUSIVE):
            c.assessment, c.reason = a, f"the target is {a.status}: {a.reason}"
            continue
        if a is None or a.margin is None:
            c.reason = f"no target was linked to {c.outcome['indicator']} {c.outcome['value']:g}{c.outcome['unit']}"
            continue
        c.assessment = a
        if c.claimed is None:
            reached = c.reason == "reached"
            ok = a.status in (MET, EXCEEDED) if reached else a.status in (MISSED, PARTLY)
            c.status = AGREES if ok else DISAGREES
            c.reason = f"the target is {a.status}"
            continue
        margin_unit = a.margin_unit
        computed = convert(a.margin, margin_unit, c.unit) if margin_unit != c.unit else a.margin
        if computed is None:
            c.reason = f"the claim is in {c.unit}, the margin in {margin_unit}"
            continue
        c.computed = round(computed, 6)
        tol = 0.05 if c.unit in ("个百分点", "%") else max(abs(c.claimed) * 0.005, 1e-9)
        c.status = AGREES if abs(c.computed - c.claimed) <= tol else DISAGREES
        c.reason = f"claimed {c.claimed:+g}{c.unit}, computed {c.computed:+g}{c.unit}"
    return claims
