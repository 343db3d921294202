"""Server-side pieces of the pages that are more than a loop in a template: the reader view's text
cut into highlighted pieces at the facts' offsets, and the targets-vs-outcomes chart as inline SVG.

Both return plain data (strings, numbers); the templates escape every piece of text.
"""
from __future__ import annotations

from dataclasses import field
from typing import Any

from .. import patterns
from ..records import dataclass


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
    parts: list[tuple[str, bool]] = field(default_factory=list)  # (text, a line wrap to flow over)


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


_LINE_BREAKS = patterns.compile(r"\s*\n\s*")


def wraps(text: str) -> list[tuple[int, int]]:
    """The line breaks the normalize stage joins, as (start, end) spans of ``text``: a line wrapped in the
    middle of a sentence (hard-wrapped text files, PDFs, newspaper columns). The reader lets the text
    flow over them, so that a phone does not show the original's short lines broken again; paragraph
    breaks stay."""
    from ..normalize import normalize

    kept = set(normalize(text).offsets)
    return [(m.start(), m.end()) for m in _LINE_BREAKS.finditer(text) if not kept.intersection(range(*m.span()))]


def flow(pieces: list[Piece], spans: list[tuple[int, int]]) -> list[Piece]:
    """Each piece's ``parts``: its text cut at the wraps of ``spans`` (marked True: the page hides them,
    their characters still count in the text's offsets)."""
    i = 0
    for p in pieces:
        while i < len(spans) and spans[i][1] <= p.start:
            i += 1
        at, parts, j = p.start, [], i
        while j < len(spans) and spans[j][0] < p.end:
            a, b = max(spans[j][0], p.start), min(spans[j][1], p.end)
            if a > at:
                parts.append((p.text[at - p.start:a - p.start], False))
            parts.append((p.text[a - p.start:b - p.start], True))
            at = b
            j += 1
        if at < p.end:
            parts.append((p.text[at - p.start:], False))
        p.parts = parts
    return pieces


# -- the chart ------------------------------------------------------------------------------------------
W, H = 480, 300
PAD_L, PAD_R, PAD_T, PAD_B = 64, 14, 18, 48
_MARK = {">=": "up", ">": "up", "<=": "down", "<": "down"}


def _fmt(v: float) -> str:
    return f"{v:g}"


def chart(points: dict[str, Any] | None, name: str = "") -> dict[str, Any] | None:
    """Geometry for ``_chart.html``: years on a numeric axis (2021→2025 four times as wide as
    2020→2021), outcomes as a line with dots (hollow when estimated), targets as ▲ at least /
    ▼ at most / ◆ about or exactly, a band for a range; y ticks, axis titles with the unit, and a
    description of the chart in the page's language."""
    from .. import i18n

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
    first, last = years[0], years[-1]
    span_years = last - first + 1

    def x(year: int) -> float:
        return round(PAD_L + plot_w * (year - first + 0.5) / span_years, 1)

    def y(v: float) -> float:
        return round(PAD_T + plot_h * (hi - v) / (hi - lo), 1)

    ticks = []
    step = nice_step((hi - lo) / 5)
    t = (lo // step) * step
    while t <= hi + 1e-9:
        if t >= lo - 1e-9:
            ticks.append({"y": y(t), "label": i18n.number(round(t, 6))})
        t += step
    year_step = max(1, -(-span_years // 8))  # at most 8 labels, so that they stay legible on a phone
    year_ticks = [{"x": x(yr), "label": str(yr)} for yr in range(first, last + 1) if (yr - first) % year_step == 0]
    outcomes = sorted((r for r in rows if r["kind"] == "actual"), key=lambda r: int(r["period"]))
    by_year: dict[int, dict] = {}
    for r in outcomes:  # one outcome per year on the line: the first reported (not an estimate if any)
        yr = int(r["period"])
        if yr not in by_year or (by_year[yr]["estimated"] and not r["estimated"]):
            by_year[yr] = r
    unit = i18n.unit(points["unit"])
    line = [{"x": x(yr), "y": y(r["value"]), "estimated": bool(r["estimated"]), "label": i18n.number(r["value"]),
             "year": yr} for yr, r in sorted(by_year.items())]
    targets = []
    for r in rows:
        if r["kind"] != "target":
            continue
        yr = int(r["period"])
        item = {"x": x(yr), "y": y(r["value"]), "label": i18n.number(r["value"]), "year": yr,
                "shape": _MARK.get(r["qualifier"], "diamond"), "status": i18n.status(r.get("status")),
                "text": i18n.quantity(r["value"], r.get("value_high"), r["qualifier"], points["unit"])}
        if r["qualifier"] == "range" and r.get("value_high") is not None:
            item.update(shape="range", y2=y(r["value_high"]),
                        label=f"{i18n.number(r['value'])}–{i18n.number(r['value_high'])}")
        targets.append(item)
    measure = i18n.gettext(i18n.MEASURES.get(points["measure"], points["measure"]))
    parts = [i18n.gettext("%(year)s: target %(target)s, %(status)s") % {"year": t["year"], "target": t["text"],
                                                                      "status": t["status"]} for t in targets]
    parts += [i18n.gettext("%(year)s: outcome %(value)s%(unit)s") % {"year": p["year"], "value": p["label"],
                                                                    "unit": unit} for p in line]
    title = i18n.gettext("Targets and outcomes of %(name)s by year, %(measure)s in %(unit)s") % {
        "name": name, "measure": measure, "unit": unit or "—"}
    return {"width": W, "height": H, "left": PAD_L, "right": W - PAD_R, "top": PAD_T, "bottom": H - PAD_B,
            "years": year_ticks, "ticks": ticks,
            "polylines": _segments(line), "outcomes": line, "targets": targets,
            "unit": unit, "measure": measure, "left_out": points["left_out"],
            "zero": y(0) if lo <= 0 <= hi else None, "title": title, "description": "; ".join(parts),
            "y_title": f"{measure}（{unit}）" if i18n.current() == "zh" else f"{measure} ({unit})",
            "x_title": i18n.gettext("year"), "mid_x": round(PAD_L + plot_w / 2, 1), "mid_y": round(PAD_T + plot_h / 2, 1)}


def _segments(line: list[dict[str, Any]]) -> list[str]:
    """The outcome line, broken where a year has no outcome (no line drawn across a gap)."""
    out: list[list[dict[str, Any]]] = []
    for p in line:
        if out and p["year"] == out[-1][-1]["year"] + 1:
            out[-1].append(p)
        else:
            out.append([p])
    return [" ".join(f"{p['x']},{p['y']}" for p in seg) for seg in out if len(seg) > 1]


def nice_step(raw: float) -> float:
    import math

    if raw <= 0:
        return 1.0
    exp = math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * 10 ** exp:
            return m * 10 ** exp
    return 10 ** (exp + 1)


# -- the sentence of a fact in the original text ----------------------------------------------------------
def _plain(s: str) -> str:
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", s).split())


def sentence_span(text: str, fact: dict[str, Any]) -> tuple[int, int]:
    """Offsets in the original ``text`` of the sentence the fact was read from.

    The stored sentence is normalized (wrapped lines joined, full-width → ASCII), so it is not a
    substring of the original; but normalization keeps the characters other than white space one
    for one. So: find the number in the sentence, count the characters before and after it, and
    walk as many non-space characters back from the fact's start and forward from its end.
    Falls back to the fact's own span when the number is not in the sentence."""
    start, end = fact["start"], fact["end"]
    sentence = fact.get("sentence") or ""
    if not (0 <= start < end <= len(text)) or not sentence:
        return start, end
    number = _plain(text[start:end])
    quote_at = sentence.find(fact.get("quote") or "\x00")
    at = sentence.find(number, max(quote_at, 0)) if number else -1
    if at < 0:
        at = sentence.find(number) if number else -1
    if at < 0:
        return start, end
    before = len(_plain(sentence[:at]))
    after = len(_plain(sentence[at + len(number):]))
    a = start
    while before > 0 and a > 0:
        a -= 1
        if not text[a].isspace():
            before -= 1
    b = end
    while after > 0 and b < len(text):
        if not text[b].isspace():
            after -= 1
        b += 1
    return a, b
