"""Scoring predicted facts against gold facts, as shared/gold/SPEC.md defines it.

``score()`` is a port of the reference scorer (shared/gold/score.py): the same matching
rules, the same tp/fp/fn, precision, recall, F1 and field accuracies, to the same rounding.
On top of it the Report carries per-document and per-kind P/R/F1, the misses (gold facts no
prediction matched) and the false positives, in full.

Matching, per document: gold facts of kind ``target``/``actual`` are matched first, then the
``other`` ones. A prediction matches a gold fact when it is not used yet, has the same kind
(any kind for an ``other`` gold fact), the same period (not checked for ``other``), the same
value once the unit's scale is applied (0.5% tolerance; base units must agree, ``%`` differs
from ``个百分点``), and an indicator name alike to at least 0.5 (containment, or bigram Dice);
the most alike prediction wins. A prediction matched by an ``other`` gold fact counts neither
way. Unused ``target``/``actual`` predictions are false positives; with ``passages=True``
(gold that covers only some passages of each document) only those whose sentence overlaps a
gold quote of the same document count.

``evaluate_dir()`` runs the pipeline on a folder of ``DOC.txt`` files and scores them.
"""
from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from dataclasses import field
from typing import Any, Callable, Iterable

from .errors import GoldError
from .model import fact_fields
from .records import dataclass

SCALES = [("万亿", 1e12), ("千亿", 1e11), ("百亿", 1e10), ("亿", 1e8), ("千万", 1e7),
          ("百万", 1e6), ("万", 1e4)]
PREFIX_NOISE = ("全市", "全年", "我市", "全国", "全省", "全体", "其中")
SCORED_KINDS = ("target", "actual")
GOLD_FIELDS = [f.name for f in fact_fields() if f.spec]  # what every gold record holds (SPEC.md)
ACCURACY_FIELDS = ("qualifier", "measure", "binding", "estimated")


# -- the matching rules (ported from shared/gold/score.py; keep them in step) ---------------
def base(value: float, unit: str | None) -> tuple[float, str]:
    """(value in base unit, base unit), e.g. (2.5, '万亿元') → (2.5e12, '元')."""
    u = (unit or "").strip().replace("％", "%").replace("∶", ":").replace("：", ":")
    for p, s in SCALES:
        if u.startswith(p):
            return value * s, u[len(p):]
    return value, u


def squash(t: str | None) -> str:
    return re.sub(r"[\s“”\"'‘’「」（）()《》]", "", t or "")


def name(t: str | None) -> str:
    t = squash(t)
    for p in PREFIX_NOISE:
        if t.startswith(p) and len(t) > len(p) + 1:
            t = t[len(p):]
    return t


def bigrams(t: str) -> set[str]:
    return {t[i:i + 2] for i in range(len(t) - 1)} or {t}


def alike(a: str | None, b: str | None) -> float:
    """How alike two indicator names are: 1.0 if one contains the other, else bigram Dice."""
    a, b = name(a), name(b)
    if not a or not b:
        return 0.0
    if a in b or b in a:
        return 1.0
    x, y = bigrams(a), bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y))


def same_value(g: dict, p: dict) -> bool:
    try:
        gv, gu = base(float(g["value"]), g["unit"])
        pv, pu = base(float(p["value"]), p.get("unit"))
    except (TypeError, ValueError, KeyError):
        return False
    same = {"名": "人", "位": "人"}
    gu, pu = same.get(gu, gu), same.get(pu, pu)
    if gu != pu and not ({gu, pu} & {""} and {gu, pu} - {"", "%"} and g.get("unit") != "%"):
        return False  # a bare scale ("190.6万") may stand for a count noun the text implies
    if gv == pv:
        return True
    return abs(gv - pv) <= 0.005 * max(abs(gv), abs(pv))


def compatible_qual(a: Any, b: Any) -> bool:
    group = {">": ">=", "<": "<="}
    return group.get(a, a) == group.get(b, b)


# -- the report -------------------------------------------------------------------------------
def prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    """tp/fp/fn with precision, recall and F1 rounded as the reference scorer rounds them."""
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(prec, 4),
            "recall": round(rec, 4), "f1": round(f1, 4)}


@dataclass
class Report:
    """The outcome of scoring: overall, per kind and per document, plus what went wrong."""

    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float
    by_kind: dict[str, dict[str, Any]]  # kind → tp, fp, fn, precision, recall, f1
    by_doc: dict[str, dict[str, Any]]  # doc → tp, fp, fn, precision, recall, f1
    accuracy: dict[str, float]  # as the reference: qualifier, measure, binding, estimated, indicator_exact
    period_accuracy: float | None  # over matched pairs; 1.0 by construction (periods must agree to match)
    matched: int
    misses: list[dict] = field(default_factory=list)  # gold target/actual facts nobody matched
    false_positives: list[dict] = field(default_factory=list)
    passages: bool = False

    def summary(self) -> dict[str, Any]:
        """The reference scorer's result dict (``score.py --json``), key for key."""
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": self.precision,
                "recall": self.recall, "f1": self.f1,
                "by_kind": {k: {x: v[x] for x in ("tp", "fp", "fn")} for k, v in self.by_kind.items()},
                "accuracy": dict(self.accuracy)}

    def to_dict(self, misses: int | None = None) -> dict[str, Any]:
        """Everything, JSON-able; ``misses`` caps the lists of misses and false positives."""
        cut = (lambda xs: xs) if misses is None else (lambda xs: xs[:misses])
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": self.precision,
                "recall": self.recall, "f1": self.f1, "passages": self.passages,
                "by_kind": self.by_kind, "by_doc": self.by_doc,
                "accuracy": {**self.accuracy,
                             **({"period": self.period_accuracy} if self.period_accuracy is not None else {})},
                "matched": self.matched,
                "n_misses": len(self.misses), "n_false_positives": len(self.false_positives),
                "misses": cut(self.misses), "false_positives": cut(self.false_positives)}


def score(gold: list[dict], pred: list[dict], passages: bool = False,
          docs: Iterable[str] | None = None) -> Report:
    """Score predictions against gold facts (see the module docstring for the rules)."""
    if docs:
        docs = set(docs)
        gold = [g for g in gold if g["doc"] in docs]
        pred = [p for p in pred if p.get("doc") in docs]
    gd: dict[Any, list[dict]] = defaultdict(list)
    pd: dict[Any, list[dict]] = defaultdict(list)
    for g in gold:
        gd[g["doc"]].append(g)
    for p in pred:
        pd[p.get("doc")].append(p)
    tp = fp = fn = 0
    per_kind: dict[Any, list[int]] = defaultdict(lambda: [0, 0, 0])
    per_doc: dict[Any, list[int]] = {}
    acc: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    period_ok = [0, 0]
    missed: list[dict] = []
    false: list[dict] = []
    for doc in sorted(set(gd) | set(pd), key=str):
        G, P = gd.get(doc, []), pd.get(doc, [])
        d = per_doc.setdefault(doc, [0, 0, 0])
        used: set[int] = set()
        quotes = [squash(g["quote"]) for g in G]
        for g in sorted(G, key=lambda g: g["kind"] == "other"):
            best, bs = None, 0.0
            for i, p in enumerate(P):
                if i in used:
                    continue
                if g["kind"] != "other" and p.get("kind") != g["kind"]:
                    continue
                if str(p.get("period")) != str(g["period"]) and g["kind"] != "other":
                    continue
                if not same_value(g, p):
                    continue
                s = alike(g["indicator"], p.get("indicator", ""))
                if s >= 0.5 and s > bs:
                    best, bs = i, s
            if g["kind"] == "other":
                if best is not None:
                    used.add(best)
                continue
            k = per_kind[g["kind"]]
            if best is None:
                fn += 1
                k[2] += 1
                d[2] += 1
                missed.append(g)
                continue
            used.add(best)
            tp += 1
            k[0] += 1
            d[0] += 1
            p = P[best]
            for f in ACCURACY_FIELDS:
                if f in g:
                    ok = (compatible_qual(g[f], p.get(f)) if f == "qualifier"
                          else (g[f] == p.get(f)))
                    acc[f][0] += ok
                    acc[f][1] += 1
            acc["indicator_exact"][0] += name(g["indicator"]) == name(p.get("indicator", ""))
            acc["indicator_exact"][1] += 1
            period_ok[0] += str(g["period"]) == str(p.get("period"))
            period_ok[1] += 1
        for i, p in enumerate(P):
            if i in used or p.get("kind") not in SCORED_KINDS:
                continue
            if passages:
                s = squash(p.get("sentence") or p.get("quote") or "")
                if not any(q and s and (q in s or s in q) for q in quotes):
                    continue
            fp += 1
            per_kind[p.get("kind")][1] += 1
            d[1] += 1
            false.append(p)
    overall = prf(tp, fp, fn)
    return Report(
        **overall,
        by_kind={k: prf(*v) for k, v in per_kind.items()},
        by_doc={doc: prf(*v) for doc, v in per_doc.items()},
        accuracy={k: round(v[0] / v[1], 4) for k, v in acc.items() if v[1]},
        period_accuracy=round(period_ok[0] / period_ok[1], 4) if period_ok[1] else None,
        matched=tp,
        misses=missed,
        false_positives=false,
        passages=passages,
    )


# -- files --------------------------------------------------------------------------------------
def load_gold(path: str | os.PathLike) -> list[dict]:
    """Read a gold JSONL file; GoldError names the file and line of a bad or incomplete line."""
    path = os.fspath(path)
    try:
        fh = open(path, encoding="utf-8")
    except OSError as e:
        raise GoldError(path, f"cannot open the gold file: {e.strerror or e}") from e
    out = []
    with fh:
        try:
            for lineno, line in enumerate(fh, 1):
                line = line.strip()
                if not line:
                    continue
                where = f"{path}:{lineno}"
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as e:
                    raise GoldError(where, f"bad JSON: {e.msg} (column {e.colno})") from e
                if not isinstance(obj, dict):
                    raise GoldError(where, f"expected a JSON object, got {type(obj).__name__}")
                missing = [f for f in GOLD_FIELDS if f not in obj]
                if missing:
                    raise GoldError(where, "missing field" + ("s " if len(missing) > 1 else " ")
                                    + ", ".join(missing))
                try:
                    float(obj["value"])
                except (TypeError, ValueError):
                    raise GoldError(where, f"value is not a number: {obj['value']!r}") from None
                out.append(obj)
        except UnicodeDecodeError as e:
            raise GoldError(path, f"not UTF-8: {e.reason} at byte {e.start}") from e
    return out


def predict_file(path: str, region: str | None = None, year: int | None = None) -> list[dict]:
    """The pipeline's facts for one file, as dicts with ``doc`` = the file stem."""
    from .pipeline import process  # imported here: scoring works without the pipeline

    stem = os.path.splitext(os.path.basename(path))[0]
    return [{**f.to_dict(), "doc": stem} for f in process(path, region=region, year=year).facts]


def evaluate_dir(gold_path: str | os.PathLike, doc_dir: str | os.PathLike, passages: bool = False,
                 on_doc: Callable[[str], None] | None = None) -> Report:
    """Run the pipeline on ``doc_dir/<doc>.txt`` and score the facts against the gold file.

    The documents scored are every doc id of the gold (each must have its ``.txt``) and, when
    ``passages`` is False, every other ``.txt`` of ``doc_dir`` as well: a document without gold
    lines is then a document with no facts, and whatever is extracted from it is a false
    positive. With ``passages=True`` the gold covers only some passages of its documents, so
    documents without gold could not count anything and are skipped.
    ``on_doc`` is called with each doc id before it is processed (for progress reports).
    """
    gold = load_gold(gold_path)
    doc_dir = os.fspath(doc_dir)
    if not os.path.isdir(doc_dir):
        raise GoldError(doc_dir, "not a directory of documents")
    wanted = list(dict.fromkeys(g["doc"] for g in gold))
    for doc in wanted:
        if not os.path.isfile(os.path.join(doc_dir, f"{doc}.txt")):
            raise GoldError(doc_dir, f"no {doc}.txt for the gold's document {doc}")
    if not passages:
        extra = sorted(os.path.splitext(f)[0] for f in os.listdir(doc_dir)
                       if f.endswith(".txt") and os.path.isfile(os.path.join(doc_dir, f)))
        wanted += [d for d in extra if d not in wanted]
    pred: list[dict] = []
    for doc in wanted:
        if on_doc:
            on_doc(doc)
        pred.extend(predict_file(os.path.join(doc_dir, f"{doc}.txt")))
    report = score(gold, pred, passages=passages)
    for doc in wanted:  # a document with neither gold nor predictions still gets its line
        report.by_doc.setdefault(doc, prf(0, 0, 0))
    report.by_doc = dict(sorted(report.by_doc.items()))
    return report


__all__ = ["Report", "score", "load_gold", "evaluate_dir", "predict_file", "alike", "same_value",
           "base"]
