"""Reports as portals publish them: a report's text inside a government portal's chrome (navigation,
breadcrumb, 字号 toolbar, share buttons, related articles, footer with 网站标识码/ICP备) reads to the
report's text alone, gives the same facts as the plain text, and none from the chrome."""
from __future__ import annotations

import re

import pytest

from planledger.lexicon import load_yaml
from planledger.pipeline import process
from planledger.read import read_path

from conftest import SEEDS
from portal_pages import CHROME_NUMBERS, STYLES, body, page

# three reports of the seeds (a government work report, a plan report, a newspaper print of one), with
# the titles their pages carry
REPORTS = {
    "001_d320796ccbca625a": "2021年重庆市人民政府工作报告",
    "002_f2220428a883fe7d": "关于重庆市2021年国民经济和社会发展计划执行情况与2022年计划草案的报告",
    "003_47dc73c3cc6e30af": "关于重庆市2024年国民经济和社会发展计划执行情况与2025年计划草案的报告",
}
CHROME_WORDS = ("网站标识码", "ICP备", "公网安备", "版权所有", "主办单位", "字号", "相关链接", "相关文章",
                "热点排行", "分享", "您的位置", "当前位置", "首页", "政务公开", "浏览次数", "点击数", "上一篇",
                "下一篇", "打印", "收藏", "微信", "无障碍")


def _key(fact):
    return (fact.kind, fact.indicator, fact.measure, fact.value, fact.value_high, fact.unit, fact.qualifier,
            fact.period, fact.binding, fact.estimated, fact.quote)


@pytest.fixture(scope="module")
def plain():
    return {name: process(str(SEEDS / f"{name}.txt")) for name in REPORTS}


@pytest.mark.parametrize("name", sorted(REPORTS))
@pytest.mark.parametrize("style", sorted(STYLES))
def test_portal_page_gives_the_facts_of_the_plain_text(tmp_path, plain, style, name):
    text = (SEEDS / f"{name}.txt").read_text(encoding="utf-8")
    path = tmp_path / f"{name}.html"
    path.write_bytes(page(style, text, title=REPORTS[name]))
    result = process(str(path))
    reference = plain[name]
    assert result.document.format == "html"
    assert [_key(f) for f in result.facts] == [_key(f) for f in reference.facts]
    # each fact's offsets point at its number as written, in the text the reader gives
    for got, want in zip(result.facts, reference.facts):
        assert result.document.text[got.start:got.end] == reference.document.text[want.start:want.end]
    # the report's paragraphs, in order, and nothing of the chrome
    assert result.document.text.splitlines() == [ln.strip() for ln in text.splitlines() if ln.strip()]
    for word in CHROME_WORDS + CHROME_NUMBERS:  # (a report may say 政务公开 itself: as often as it does)
        assert result.document.text.count(word) == reference.document.text.count(word), word
    assert (result.meta.region, result.meta.year, result.meta.doc_type) == (
        reference.meta.region, reference.meta.year, reference.meta.doc_type)


@pytest.mark.parametrize("shape", ["h2", "br", "div", "indent"])
@pytest.mark.parametrize("style", sorted(STYLES))
def test_however_the_editor_laid_the_report_out(tmp_path, plain, style, shape):
    """Headings as <h2>, one text run broken by <br>, <div> lines, indented paragraphs: the same
    lines, the same facts, no chrome (on a CMS page, the 字号 box holds the report)."""
    name = "001_d320796ccbca625a"
    text = (SEEDS / f"{name}.txt").read_text(encoding="utf-8")
    path = tmp_path / "report.html"
    path.write_bytes(page(style, text, title=REPORTS[name], shape=shape))
    result = process(str(path))
    assert result.document.text.splitlines() == [ln.strip() for ln in text.splitlines() if ln.strip()]
    assert [_key(f) for f in result.facts] == [_key(f) for f in plain[name].facts]


@pytest.mark.parametrize("style", sorted(STYLES))
def test_portal_page_title_and_date_come_from_the_report(tmp_path, style):
    text = (SEEDS / "001_d320796ccbca625a.txt").read_text(encoding="utf-8")
    path = tmp_path / "report.html"
    path.write_bytes(page(style, text, title="重庆市人民政府工作报告（全文）"))
    result = process(str(path))
    assert result.meta.title == "2021年重庆市人民政府工作报告"  # the report's title line, not the page's
    assert result.meta.date == "2021-01-21"
    # a report whose text has no title line takes the page's (ArticleTitle, og:title or <title> less the site)
    body = "\n".join([ln for ln in text.splitlines() if ln.strip()][2:])  # no title, no delivery line
    path.write_bytes(page(style, body, title="2021年重庆市人民政府工作报告（全文）"))
    result = process(str(path))
    assert result.meta.title == "2021年重庆市人民政府工作报告（全文）"
    assert result.meta.source["title"] == "page title"
    assert result.meta.date is None and result.meta.year == 2021


@pytest.mark.parametrize("style", sorted(STYLES))
def test_a_data_table_in_the_report_stays_a_table(tmp_path, style):
    text = (SEEDS / "001_d320796ccbca625a.txt").read_text(encoding="utf-8")
    table = ("<table><tr><th>指标</th><th>2021年目标</th></tr>"
             "<tr><td>地区生产总值</td><td>增长6%以上</td></tr><tr><td>城镇调查失业率</td><td>5.5%左右</td></tr></table>")
    path = tmp_path / "report.html"
    path.write_bytes(page(style, text, title="2021年重庆市人民政府工作报告", extra=table))
    lines = read_path(path).text.splitlines()
    assert lines[-3:] == ["指标\t2021年目标", "地区生产总值\t增长6%以上", "城镇调查失业率\t5.5%左右"]


def test_a_small_page_is_read_whole_without_its_navigation(tmp_path):
    """Under trafilatura's floor a page is read whole, with nav/header/footer dropped as before."""
    path = tmp_path / "short.html"
    path.write_text("<html><head><title>通知</title></head><body><nav>首页 政务公开</nav>"
                    "<p>全年地区生产总值增长6%左右。</p><footer>版权所有 网站标识码5000000095</footer></body></html>",
                    encoding="utf-8")
    assert read_path(path).text == "全年地区生产总值增长6%左右。"


@pytest.mark.parametrize("head, title", [
    ('<meta name="ArticleTitle" content="2026年政府工作报告"><meta property="og:title" content="分享标题">'
     "<title>首页_某省人民政府</title>", "2026年政府工作报告"),
    ('<meta property="og:title" content="2026年政府工作报告"><title>某省人民政府</title>', "2026年政府工作报告"),
    ("<title>2026年政府工作报告_某省人民政府门户网站</title>", "2026年政府工作报告"),
    ("<title>2026年政府工作报告 - 某某日报</title>", "2026年政府工作报告"),
    ("<title>2026年政府工作报告|某省人民政府</title>", "2026年政府工作报告"),
    ("", "2026年政府工作报告"),  # the page's <h1>
])
def test_the_page_title(tmp_path, head, title):
    path = tmp_path / "page.html"
    path.write_text(f"<html><head><meta charset='utf-8'>{head}</head><body><h1>2026年政府工作报告</h1>"
                    "<p>全年地区生产总值增长5%左右。</p></body></html>", encoding="utf-8")
    assert read_path(path).title == title


# -- the entries of portal.yaml the reader uses ------------------------------------------------------------

PORTAL = load_yaml("portal.yaml")
NAVIGATION = ('<div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a></div>'
              '<div class="list"><h3>热点排行</h3><p><a href="/1">2020年全市地区生产总值增长3.9%</a></p></div>')


@pytest.mark.parametrize("selector", PORTAL["content_containers"])
def test_a_report_in_a_portal_cms_box_keeps_its_headings(tmp_path, selector):
    text = (SEEDS / "001_d320796ccbca625a.txt").read_text(encoding="utf-8")
    kind, name = ("id", selector[1:]) if selector.startswith("#") else ("class", selector[1:])
    path = tmp_path / "page.html"
    path.write_text(f'<html><head><meta charset="utf-8"><title>报告</title></head><body>{NAVIGATION}'
                    f'<div class="wrap"><div {kind}="{name}">{body(text, "h2")}</div></div>'
                    f'<div class="foot">网站标识码：5000000095 渝ICP备05003300号</div></body></html>', encoding="utf-8")
    lines = read_path(path).text.splitlines()
    assert lines == [ln.strip() for ln in text.splitlines() if ln.strip()]
    assert "四、切实加强政府自身建设" in lines


@pytest.mark.parametrize("start", PORTAL["chrome_blocks"])
def test_a_chrome_block_inside_the_article_is_dropped(tmp_path, start):
    text = (SEEDS / "001_d320796ccbca625a.txt").read_text(encoding="utf-8")
    chrome = f"<p>{start}：市政协会议开幕 全市经济增长77.7%</p>"
    path = tmp_path / "page.html"
    path.write_bytes(page("news", text, title=REPORTS["001_d320796ccbca625a"], extra=chrome))
    doc = read_path(path)
    assert "77.7%" not in doc.text and doc.text.splitlines()[-1] == text.strip().splitlines()[-1].strip()


@pytest.mark.parametrize("key, entries, problem", [
    ("content_containers", ["div.TRS_Editor"], "is not '#id' or '.class'"),
    ("chrome_blocks", [""], "non-empty list of non-empty strings"),
])
def test_a_broken_portal_file_is_one_clear_error(tmp_path, monkeypatch, key, entries, problem):
    import planledger.lexicon
    import planledger.read.html as reader
    from planledger.errors import DataFileError, ReadError

    monkeypatch.setattr(planledger.lexicon, "load_yaml", lambda name: {**PORTAL, key: entries})
    reader._containers.cache_clear()
    reader._chrome_blocks.cache_clear()
    path = tmp_path / "page.html"
    path.write_bytes(page("gov", (SEEDS / "001_d320796ccbca625a.txt").read_text(encoding="utf-8"), title="报告"))
    try:
        with pytest.raises((DataFileError, ReadError), match=rf"portal\.yaml.*{re.escape(problem)}"):
            read_path(path)
    finally:
        reader._containers.cache_clear()
        reader._chrome_blocks.cache_clear()
