"""plot_history writes a PNG or SVG of targets against outcomes, with or without CJK fonts."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

pytest.importorskip("matplotlib")

from planledger.plot import end_year, plot_history  # noqa: E402

ROWS = [
    {"period": "2021", "kind": "target", "value": 6.0, "value_high": None, "qualifier": ">=", "unit": "%",
     "estimated": False, "source": "cq-2021"},
    {"period": "2021", "kind": "actual", "value": 8.3, "value_high": None, "qualifier": "=", "unit": "%",
     "estimated": False, "source": "cq-2022"},
    {"period": "2022", "kind": "target", "value": 5.5, "value_high": None, "qualifier": "~", "unit": "%",
     "estimated": False, "source": "cq-2022"},
    {"period": "2022", "kind": "actual", "value": 4.5, "value_high": None, "qualifier": "=", "unit": "%",
     "estimated": True, "source": "cq-2022 预计"},
    {"period": "2023", "kind": "target", "value": 5.5, "value_high": 6.0, "qualifier": "range", "unit": "%",
     "estimated": False, "source": "cq-2023"},
    {"period": "2023", "kind": "actual", "value": 6.1, "value_high": None, "qualifier": "=", "unit": "%",
     "estimated": False, "source": "cq-2024"},
    {"period": "2021-2025", "kind": "target", "value": 5.5, "value_high": None, "qualifier": "<=", "unit": "%",
     "estimated": False, "source": "十四五规划"},
]
TITLE = "地区生产总值增长 — 重庆"


def _title_of(monkeypatch):
    """Capture the title set on the axes."""
    import matplotlib.axes

    seen = []
    orig = matplotlib.axes.Axes.set_title

    def spy(self, label, *a, **k):
        seen.append(label)
        return orig(self, label, *a, **k)

    monkeypatch.setattr(matplotlib.axes.Axes, "set_title", spy)
    return seen


def test_png(tmp_path):
    import matplotlib.image as mpimg

    path = plot_history(ROWS, tmp_path / "gdp.png", TITLE)
    assert path == tmp_path / "gdp.png"
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    img = mpimg.imread(path)
    assert img.shape[0] > 0 and img.shape[1] > 0


def test_svg(tmp_path):
    path = plot_history(ROWS, str(tmp_path / "sub" / "gdp.SVG"), TITLE)
    text = path.read_text(encoding="utf-8")
    assert "<svg" in text
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag.endswith("svg")


@pytest.mark.parametrize("name", ["gdp.pdf", "gdp", "gdp.png.txt"])
def test_bad_suffix(tmp_path, name):
    path = tmp_path / name
    with pytest.raises(ValueError, match=name.replace(".", r"\.")):
        plot_history(ROWS, path, TITLE)
    assert not path.exists()


def test_mixed_units_title(tmp_path, monkeypatch):
    seen = _title_of(monkeypatch)
    rows = ROWS + [{"period": "2023", "kind": "actual", "value": 30145.8, "value_high": None, "qualifier": "=",
                    "unit": "亿元", "estimated": False, "source": "cq-2024"},
                   {"period": "2022", "kind": "actual", "value": 29129.0, "value_high": None, "qualifier": "=",
                    "unit": "亿元", "estimated": False, "source": "cq-2023"}]
    from planledger import i18n

    token = i18n.set_lang("en")
    try:
        plot_history(rows, tmp_path / "mixed.png", TITLE)
    finally:
        i18n.reset_lang(token)
    assert seen and seen[-1].startswith(TITLE)
    assert "2 rows in other units left out" in seen[-1] and "亿元" in seen[-1]
    token = i18n.set_lang("zh")  # the CLI's default
    try:
        plot_history(rows, tmp_path / "mixed-zh.png", TITLE)
    finally:
        i18n.reset_lang(token)
    assert seen[-1] == f"{TITLE}\n（另有2行为其他单位，未画出：亿元）"


def test_a_font_cache_older_than_the_cjk_fonts_learns_them(monkeypatch):
    from matplotlib import font_manager

    from planledger import plot

    if not any(plot.CJK_FILE.search(p) for p in font_manager.findSystemFonts()):
        pytest.skip("no CJK font file on this machine")
    stale = [f for f in font_manager.fontManager.ttflist if f.name not in plot.CJK_FONTS]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", stale)  # a cache made before the fonts
    plot.know_cjk_fonts(font_manager)
    assert {f.name for f in font_manager.fontManager.ttflist} & set(plot.CJK_FONTS[:-1])


def test_the_legend_and_axes_in_each_language(tmp_path, monkeypatch):
    import matplotlib.axes

    from planledger import i18n

    seen = []
    orig = matplotlib.axes.Axes.set_xlabel
    monkeypatch.setattr(matplotlib.axes.Axes, "set_xlabel", lambda self, label, *a, **k: (seen.append(label),
                                                                                            orig(self, label, *a, **k)))
    legends = []
    legend = matplotlib.axes.Axes.legend
    monkeypatch.setattr(matplotlib.axes.Axes, "legend", lambda self, *a, **k: (
        legends.append(self.get_legend_handles_labels()[1]), legend(self, *a, **k))[1])
    for lang in ("zh", "en"):
        token = i18n.set_lang(lang)
        try:
            plot_history(ROWS, tmp_path / f"{lang}.svg", TITLE)
        finally:
            i18n.reset_lang(token)
    assert seen == ["年份", "year"]
    assert "目标：不低于" in legends[0] and "目标：区间" in legends[0] and "实际" in legends[0]
    assert "target: at least" in legends[1] and "target: range" in legends[1] and "outcome" in legends[1]


def test_single_unit_title_untouched(tmp_path, monkeypatch):
    seen = _title_of(monkeypatch)
    plot_history(ROWS, tmp_path / "one.svg", TITLE)
    assert seen[-1] == TITLE


def test_no_global_side_effects(tmp_path):
    import matplotlib

    with matplotlib.rc_context({"font.sans-serif": ["Sentinel Sans"], "axes.unicode_minus": True}):
        plot_history(ROWS, tmp_path / "x.png", TITLE)
        assert list(matplotlib.rcParams["font.sans-serif"]) == ["Sentinel Sans"]
        assert matplotlib.rcParams["axes.unicode_minus"] is True


def test_end_year():
    assert end_year("2021") == 2021 and end_year("2021-2025") == 2025 and end_year("2021—2025年") == 2025
    assert end_year("十四五") is None and end_year(None) is None


def test_import_is_lazy():
    import subprocess
    import sys

    code = "import sys, planledger.plot; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_no_glyph_warnings_escape(tmp_path):
    """Without a CJK font matplotlib warns "Glyph … missing"; the file is written all the same and
    the warnings stay inside plot_history."""
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        path = plot_history(ROWS, tmp_path / "cjk.png", "重庆市地区生产总值（亿元）")
    assert path.stat().st_size > 0
    assert not [w for w in caught if "Glyph" in str(w.message) or "findfont" in str(w.message)]
