"""Targets against outcomes of one indicator over the years, drawn as PNG or SVG.

``plot_history(rows, path, title)`` takes history rows (``ledger.history_rows``: ``period``,
``kind``, ``value``, ``value_high``, ``qualifier``, ``unit``, ``estimated``, ``source``) and
draws:

- outcomes (``kind == "actual"``) as a line with dots; estimates (预计) as hollow dots;
- targets as markers whose shape tells the qualifier: ▲ at least (>=, >), ▼ at most (<=, <),
  ◆ about or exactly (~, =), and a vertical bar from ``value`` to ``value_high`` for a range.

A period such as "2021-2025" is plotted at its end year. Only the majority unit is drawn; the
title says how many rows were left out (other units, or no year or value to place them).

The legend, the axis titles and the notes are in the current language of ``planledger.i18n`` (the
CLI's ``--lang``: Chinese by default).

matplotlib is imported inside the function with the Agg backend, so importing this module costs
nothing and no display is needed. Chinese text needs a CJK font (Noto Sans CJK SC, WenQuanYi
Micro Hei…); without one matplotlib draws boxes, and its "Glyph missing" warnings are silenced
so that the file is still written. matplotlib's font cache, made once per machine, does not know the
fonts installed after it (``apt-get install fonts-noto-cjk`` on a machine that drew before): when it
knows none of CJK_FONTS, the system's CJK font files are added to it for this process.
"""
from __future__ import annotations

import os
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

from . import patterns
from .i18n import N_, gettext, ngettext

SUFFIXES = {".png": "png", ".svg": "svg"}
CJK_FONTS = ["Noto Sans CJK SC", "WenQuanYi Micro Hei", "Droid Sans Fallback", "DejaVu Sans"]
_YEAR = patterns.compile(r"(?<!\d)(\d{4})(?!\d)")

# qualifier → (marker, label)
TARGET_MARKERS = {
    ">=": ("^", N_("target: at least")), ">": ("^", N_("target: at least")),
    "<=": ("v", N_("target: at most")), "<": ("v", N_("target: at most")),
    "~": ("D", N_("target: about / exactly")), "=": ("D", N_("target: about / exactly")),
}
TARGET_COLOUR = "#d62728"
OUTCOME_COLOUR = "#1f77b4"


def end_year(period: Any) -> int | None:
    """The year a period is plotted at: its last four-digit year ("2021-2025" → 2025)."""
    years = _YEAR.findall(str(period or ""))
    return int(years[-1]) if years else None


CJK_FILE = patterns.compile(r"(?i)cjk|wqy|droidsansfallback")


def know_cjk_fonts(font_manager: Any) -> None:
    """Add the system's CJK fonts to matplotlib's font list when its cache (made before they were
    installed) knows none of CJK_FONTS."""
    known = {f.name for f in font_manager.fontManager.ttflist}
    if any(name in known for name in CJK_FONTS[:-1]):
        return
    for path in font_manager.findSystemFonts():
        if CJK_FILE.search(os.path.basename(path)):
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):  # a file FreeType cannot read: the next one
                continue


def _number(v: Any) -> float | None:
    if isinstance(v, bool) or v is None:
        return None
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def plot_history(rows: list[dict], path: str | Path, title: str) -> Path:
    """Draw ``rows`` to ``path`` (.png or .svg) and return the path."""
    path = Path(path)
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"cannot plot to {str(path)!r}: the file name must end in .png or .svg")

    units = Counter(r.get("unit") or "" for r in rows)
    unit = units.most_common(1)[0][0] if units else ""
    kept: list[tuple[int, float, dict]] = []
    other_units: Counter[str] = Counter()
    unplaced = 0
    for r in rows:
        year, value = end_year(r.get("period")), _number(r.get("value"))
        if (r.get("unit") or "") != unit:
            other_units[r.get("unit") or "no unit"] += 1
        elif year is None or value is None:
            unplaced += 1
        else:
            kept.append((year, value, r))
    notes = []
    if other_units:
        n = sum(other_units.values())
        notes.append(ngettext("%(n)s row in other units left out: %(units)s",
                              "%(n)s rows in other units left out: %(units)s", n)
                     % {"n": n, "units": gettext(", ").join(other_units)})
    if unplaced:
        notes.append(ngettext("%(n)s row without a year or value left out",
                              "%(n)s rows without a year or value left out", unplaced) % {"n": unplaced})
    full_title = title + (gettext("\n(%(notes)s)") % {"notes": gettext("; ").join(notes)} if notes else "")

    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt
    from matplotlib import font_manager
    from matplotlib.ticker import MaxNLocator

    know_cjk_fonts(font_manager)

    with warnings.catch_warnings(), matplotlib.rc_context({
        "font.family": "sans-serif", "font.sans-serif": CJK_FONTS, "axes.unicode_minus": False,
        "svg.fonttype": "path",
    }):
        warnings.filterwarnings("ignore", message=r".*[Gg]lyph.*missing.*")
        warnings.filterwarnings("ignore", message=r".*findfont.*")
        fig, ax = plt.subplots(figsize=(8, 4.8), dpi=100)
        try:
            _draw(ax, kept)
            ax.set_title(full_title)
            ax.set_xlabel(gettext("year"))
            ax.set_ylabel(unit or gettext("value"))
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            ax.grid(True, alpha=0.3)
            if ax.get_legend_handles_labels()[0]:
                ax.legend(loc="best", fontsize="small")
            fig.tight_layout()
            path.parent.mkdir(parents=True, exist_ok=True)
            fig.savefig(path, format=fmt)
        finally:
            plt.close(fig)
    return path


def _draw(ax: Any, kept: list[tuple[int, float, dict]]) -> None:
    actual = sorted(((y, v, r) for y, v, r in kept if r.get("kind") == "actual"), key=lambda t: t[0])
    targets = [(y, v, r) for y, v, r in kept if r.get("kind") != "actual"]

    if actual:
        ax.plot([y for y, _, _ in actual], [v for _, v, _ in actual], "-", color=OUTCOME_COLOUR,
                linewidth=1.5, zorder=2)
        firm = [(y, v) for y, v, r in actual if not r.get("estimated")]
        est = [(y, v) for y, v, r in actual if r.get("estimated")]
        if firm:
            ax.plot(*zip(*firm), "o", color=OUTCOME_COLOUR, markersize=6, zorder=3, label=gettext("outcome"))
        if est:
            ax.plot(*zip(*est), "o", markerfacecolor="white", markeredgecolor=OUTCOME_COLOUR,
                    markeredgewidth=1.5, markersize=6, zorder=3, label=gettext("outcome (estimate)"))

    labelled: set[str] = set()

    def label(text: str) -> str:
        if text in labelled:
            return "_nolegend_"
        labelled.add(text)
        return text

    for y, v, r in targets:
        q = r.get("qualifier") or "="
        high = _number(r.get("value_high"))
        if q == "range" or (high is not None and q not in TARGET_MARKERS):
            top = high if high is not None else v
            ax.vlines(y, min(v, top), max(v, top), colors=TARGET_COLOUR, linewidth=4, alpha=0.7,
                      zorder=4, label=label(gettext("target: range")))
            ax.plot([y, y], [v, top], "_", color=TARGET_COLOUR, markersize=12, zorder=4)
            continue
        marker, text = TARGET_MARKERS.get(q, ("D", N_("target: about / exactly")))
        ax.plot([y], [v], marker, color=TARGET_COLOUR, markersize=9, linestyle="none", zorder=4,
                label=label(gettext(text)))
    years = [y for y, _, _ in kept]
    if years and min(years) == max(years):
        ax.set_xlim(min(years) - 1, max(years) + 1)
