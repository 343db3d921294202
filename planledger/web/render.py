"""Server-side pieces of the pages that are more than a loop in a template: the reader view's text
cut into highlighted pieces at the facts' offsets, and the targets-vs-outcomes chart as inline SVG.

Both return plain data (strings, numbers); the templates escape every piece of text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Piece:
    """A run of the document's text: ``text == document_text[start:end]``; ``facts`` are the indexes
    of the facts whose span covers it (empty: plain text)."""
    start: int
    end: int
    text: str
    facts: list[int] = field(default_factory=list)
    kind: str = ""
    anchor: str = ""  # "at-<start>" on the first piece of the facts starting here


def pieces(text: str, facts: list[dict[str, Any]]) -> list[Piece]:
    """Cut ``text`` at every fact's start and end. Facts with offsets outside the text are left out
    (the side panel still lists them); overlapping facts share the pieces they overlap on."""
    n = len(text)
    valid = [(i, f) for i, f in enumerate(facts) if 0 <= f["start"] < f["end"] <= n]
    bounds = sorted({0, n, *(f["start"] for _, f in valid), *(f["end"] for _, f in valid)})
    starts: dict[int, list[int]] = {}
    for i, f in valid:
        starts.setdefault(f["start"], []).append(i)
    out: list[Piece] = []
    active: list[tuple[int, int]] = []  # (end, index)
    for a, b in zip(bounds, bounds[1:]):
        active = [(e, i) for e, i in active if e > a]
        for i in starts.get(a, ()):
            active.append((facts[i]["end"], i))
        covering = sorted(i for e, i in active if e >= b)
        piece = Piece(a, b, text[a:b], covering)
        if covering:
            piece.kind = facts[covering[0]]["kind"]
            if a in starts:
                piece.anchor = f"at-{a}"
        if out and not covering and not out[-1].facts:  # cannot happen with sorted unique bounds
            out[-1].end, out[-1].text = b, out[-1].text + piece.text
        else:
            out.append(piece)
    return out


# -- the chart ------------------------------------------------------------------------------------------
W, H = 640, 300
PAD_L, PAD_R, PAD_T, PAD_B = 56, 16, 16, 40
_MARK = {">=": "up", ">": "up", "<=": "down", "<": "down"}


def _fmt(v: float) -> str:
    return f"{v:g}"


def chart(points: dict[str, Any] | None) -> dict[str, Any] | None:
    """Geometry for ``_chart.html``: outcomes as a line with dots (hollow when estimated), targets as
    ▲ at least / ▼ at most / ◆ about or exactly, a bar for a range; per-year labels and y ticks."""
    if not points:
        return None
    rows = points["rows"]
    years = sorted({int(r["period"]) for r in rows})
    values = [r["value"] for r in rows] + [r["value_high"] for r in rows if r.get("value_high") is not None]
    lo, hi = min(values + [0.0]), max(values + [0.0])
    if hi == lo:
        hi = lo + 1
    margin = (hi - lo) * 0.1
    lo, hi = lo - (margin if lo < 0 else 0), hi + margin
    plot_w, plot_h = W - PAD_L - PAD_R, H - PAD_T - PAD_B

    def x(year: int) -> float:
        if len(years) == 1:
            return PAD_L + plot_w / 2
        return round(PAD_L + plot_w * (years.index(year) + 0.5) / len(years), 1)

    def y(v: float) -> float:
        return round(PAD_T + plot_h * (hi - v) / (hi - lo), 1)

    ticks = []
    step = _nice_step((hi - lo) / 5)
    t = (lo // step) * step
    while t <= hi + 1e-9:
        if t >= lo - 1e-9:
            ticks.append({"y": y(t), "label": _fmt(round(t, 6))})
        t += step
    outcomes = sorted((r for r in rows if r["kind"] == "actual"), key=lambda r: int(r["period"]))
    by_year: dict[int, dict] = {}
    for r in outcomes:  # one outcome per year on the line: the first reported (not an estimate if any)
        yr = int(r["period"])
        if yr not in by_year or (by_year[yr]["estimated"] and not r["estimated"]):
            by_year[yr] = r
    line = [{"x": x(yr), "y": y(r["value"]), "estimated": bool(r["estimated"]), "label": _fmt(r["value"]),
             "year": yr} for yr, r in sorted(by_year.items())]
    targets = []
    for r in rows:
        if r["kind"] != "target":
            continue
        yr = int(r["period"])
        item = {"x": x(yr), "y": y(r["value"]), "label": _fmt(r["value"]), "year": yr,
                "shape": _MARK.get(r["qualifier"], "diamond"), "status": r.get("status") or ""}
        if r["qualifier"] == "range" and r.get("value_high") is not None:
            item.update(shape="range", y2=y(r["value_high"]), label=f"{_fmt(r['value'])}—{_fmt(r['value_high'])}")
        targets.append(item)
    return {"width": W, "height": H, "left": PAD_L, "right": W - PAD_R, "top": PAD_T, "bottom": H - PAD_B,
            "years": [{"x": x(yr), "label": str(yr)} for yr in years], "ticks": ticks,
            "polyline": " ".join(f"{p['x']},{p['y']}" for p in line), "outcomes": line, "targets": targets,
            "unit": points["unit"], "measure": points["measure"], "left_out": points["left_out"],
            "zero": y(0) if lo <= 0 <= hi else None}


def _nice_step(raw: float) -> float:
    import math

    if raw <= 0:
        return 1.0
    exp = math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * 10 ** exp:
            return m * 10 ** exp
    return 10 ** (exp + 1)
