"""The web page in a real browser (Debian's chromium driven by Playwright): the way in (home →
Chongqing 2021 scorecard → GDP outcome sentence in the reader, in two clicks, the sentence in view
and marked), the reader view's click-to-highlight, search, the Chinese and English interfaces,
/docs and /redoc with the network blocked, upload of a report and of junk, sortable tables, every
page type at phone width without sideways scroll, and screenshots of every page type at 1366×900
and 390×844.

Needs /usr/bin/chromium (``apt-get install chromium fonts-noto-cjk``; .ci/run does it) and the
``playwright`` package; never ``playwright install`` (it downloads browsers from a CDN). The tests
wait for elements and events, never for a fixed time. Screenshots go to the pytest tmp dir and are
copied to $PLANLEDGER_SHOTS (default /tmp/planledger-shots/).
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = Path(os.environ.get("PLANLEDGER_SHOTS", "/tmp/planledger-shots"))
DESKTOP, PHONE = {"width": 1366, "height": 900}, {"width": 390, "height": 844}
DOC002 = "002_f2220428a883fe7d"
SMALL_REPORT = "2021年重庆市人民政府工作报告\n二、2021年工作安排\n地区生产总值增长6%以上。\n"

if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium fonts-noto-cjk (see .ci/run)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
uvicorn = pytest.importorskip("uvicorn")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory, processed_seeds):
    from planledger.store import open_store
    from planledger.web import create_app

    db = tmp_path_factory.mktemp("browser") / "ledger.db"
    with open_store(db) as store:
        for processed in processed_seeds.values():
            store.save(processed)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db, allow_upload=True), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    folder = tmp_path_factory.mktemp("screenshots")
    yield folder
    SHOTS.mkdir(parents=True, exist_ok=True)
    for png in folder.glob("*.png"):
        shutil.copy(png, SHOTS / png.name)


def _context(browser, base_url, viewport=DESKTOP, locale="zh-CN"):
    """A browser context that can reach the server and nothing else (every other request aborts)."""
    context = browser.new_context(viewport=viewport, locale=locale)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base_url)
                  else route.abort())
    return context


@pytest.fixture()
def page(browser, base_url):
    context = _context(browser, base_url)
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    yield pg
    context.close()


def _settled(pg) -> None:
    """Fonts loaded and a frame painted after a resize (instead of waiting a fixed time)."""
    pg.evaluate("() => document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => "
                "requestAnimationFrame(r))))")


def snap(pg, shots: Path, name: str, full_page: bool = False) -> None:
    for size in (DESKTOP, PHONE):
        pg.set_viewport_size(size)
        _settled(pg)
        pg.screenshot(path=str(shots / f"{name}-{size['width']}.png"), full_page=full_page)
    pg.set_viewport_size(DESKTOP)


def _sentence_box(pg) -> dict:
    return pg.evaluate("""() => { const t = document.getElementById('text'); const r = t.sentenceRange;
        const b = r.getBoundingClientRect();
        return {top: b.top, bottom: b.bottom, text: r.toString(), height: innerHeight,
                highlighted: !!(window.CSS && CSS.highlights && CSS.highlights.has('sentence'))}; }""")


def test_home_to_the_gdp_outcome_sentence_in_two_clicks(page, base_url, shots):
    page.goto(f"{base_url}/?lang=zh")
    card = page.locator('li.card[data-region="重庆市"] li[data-year="2021"]')
    assert "达到" in card.inner_text()
    snap(page, shots, "home", full_page=False)
    card.locator("a.year").click()  # click 1: the scorecard of Chongqing 2021
    page.wait_for_url("**/scorecard?region=*&year=2021")
    row = page.locator("table.scorecard tbody tr").first  # headline indicators first: GDP growth is row 1
    assert row.get_attribute("data-canonical") == "gdp" and row.get_attribute("data-measure") == "growth"
    assert row.locator("td.target .fig").inner_text().strip() == "增长6%以上"
    assert row.locator("td.outcome .fig").inner_text().strip() == "增长8.3%"
    badge = row.locator("td.status .badge")
    assert badge.inner_text().strip() == "达到"
    assert badge.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(217, 242, 217)"  # the export's green
    # the outcome sentence is on the page, its number highlighted (no hover needed)
    evidence = row.locator("td.outcome p.evidence a.src")
    assert evidence.locator("mark.hit").inner_text() == "8.3" and evidence.is_visible()
    snap(page, shots, "scorecard")
    evidence.click()  # click 2: the reader, the sentence in the middle of the screen and marked
    page.wait_for_url(f"**/documents/{DOC002}#at-*")
    page.wait_for_function("document.body.dataset.selected && document.getElementById('text').sentenceRange")
    box = _sentence_box(page)
    assert "增长8.3%" in "".join(box["text"].split()) and box["text"].rstrip().endswith("。")
    assert 0 <= box["top"] and box["bottom"] <= box["height"], box  # the whole sentence is in view
    assert box["highlighted"]
    assert page.locator("mark.fact.selected").first.is_visible()
    assert "selected" in page.locator("li.fact-item.selected").first.get_attribute("class")
    snap(page, shots, "reader")


def test_on_a_phone_the_sentence_is_above_the_facts_sheet(browser, base_url):
    context = _context(browser, base_url, viewport=PHONE)
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    try:
        pg.goto(f"{base_url}/scorecard?region=重庆&year=2021&lang=zh")
        pg.locator("table.scorecard tbody tr").first.locator("td.outcome p.evidence a.src").click()
        pg.wait_for_function("document.body.dataset.selected && document.getElementById('text').sentenceRange")
        box = _sentence_box(pg)
        sheet = pg.locator("#panel").bounding_box()
        assert 0 <= box["top"] and box["bottom"] <= sheet["y"], (box, sheet)  # not under the bottom sheet
        # the text flows over the original's hard wraps: the sentence takes the lines its length needs
        lines = pg.evaluate("""() => { const r = document.getElementById('text').sentenceRange;
            const tops = new Set([...r.getClientRects()].filter(b => b.width > 1).map(b => Math.round(b.top)));
            const t = document.getElementById('text'); const size = parseFloat(getComputedStyle(t).fontSize);
            return {lines: tops.size, needed: Math.ceil(r.toString().replace(/\\s/g, '').length * size / t.clientWidth)}; }""")
        assert lines["lines"] <= lines["needed"] + 1, lines
    finally:
        context.close()


def test_reader_click_on_a_number_selects_its_fact(page, base_url):
    page.goto(f"{base_url}/documents/{DOC002}")
    marks = page.locator("mark.fact")
    assert marks.count() > 100
    assert page.locator("mark.fact[tabindex]").count() == 0  # the numbers are not each a tab stop
    mark = page.locator("mark.fact.kind-actual").nth(3)
    mark.scroll_into_view_if_needed()
    number = mark.inner_text()
    first_fact = mark.get_attribute("data-facts").split()[0]
    mark.click()
    item = page.locator(f"#fact-{first_fact}")
    page.wait_for_function(f"document.getElementById('fact-{first_fact}').classList.contains('selected')")
    assert "selected" in mark.get_attribute("class")
    assert number in item.locator(".quote").inner_text()
    box, panel = item.bounding_box(), page.locator("#panel").bounding_box()  # the panel scrolled to the fact
    assert panel["y"] <= box["y"] + box["height"] / 2 <= panel["y"] + panel["height"]
    # the other way round: a click in the panel shows the number and its sentence in the text
    other = page.locator("li.fact-item").nth(200)  # far down: the text must scroll to it
    other.locator("a.fact-link").click()
    start = other.get_attribute("data-start")
    page.wait_for_function(f"document.body.dataset.selected === '{start}'")
    target = page.locator(f"#at-{start}")
    assert "selected" in target.get_attribute("class") and target.is_visible()
    b = _sentence_box(page)
    assert 0 <= b["top"] and b["bottom"] <= b["height"]
    # CJK glyphs render with a real font (not boxes): a Chinese string is wider than a Latin one of equal length
    widths = page.evaluate("""() => { const c = document.createElement('canvas').getContext('2d');
        c.font = '16px ' + getComputedStyle(document.body).fontFamily;
        return [c.measureText('地区生产总值').width, c.measureText('\u0000\u0000\u0000\u0000\u0000\u0000').width]; }""")
    assert widths[0] > 60


def test_search_finds_the_indicators_first(page, base_url, shots):
    page.goto(f"{base_url}/?lang=zh")
    assert page.locator("#quick-q").count() == 0  # one search box on the home page: its own
    page.fill("#home-q", "gdp")
    page.press("#home-q", "Enter")
    page.wait_for_selector("table.facts tbody tr[data-canonical]")
    order = page.locator("table.facts tbody tr").evaluate_all("rows => rows.map(r => r.dataset.canonical)")
    n_gdp = order.count("gdp")
    assert n_gdp >= 5 and order[:n_gdp] == ["gdp"] * n_gdp  # GDP's facts first, then related indicators
    assert page.locator("#search-summary a.matched").first.inner_text().startswith("地区生产总值")
    page.goto(f"{base_url}/search?q=失业率")
    page.wait_for_selector("table.facts tbody tr[data-canonical]")
    first = page.locator("table.facts tbody tr").evaluate_all("rows => rows.slice(0, 5).map(r => r.dataset.canonical)")
    assert set(first) <= {"surveyed_unemployment_rate", "registered_unemployment_rate"} and first
    assert page.locator("table.facts tbody tr").first.locator("mark.hit").first.inner_text() == "失业率"
    snap(page, shots, "search")


def test_chinese_and_english_interfaces(page, base_url):
    page.goto(f"{base_url}/scorecard?region=重庆&year=2021&lang=zh")
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    assert page.locator("header nav").inner_text().split()[:4] == ["首页", "目标完成情况", "各地区对比", "文件"]
    assert page.locator("table.scorecard thead").inner_text().split()[:3] == ["期间", "指标", "目标"]
    page.click("a.lang")  # → English, remembered in a cookie
    page.wait_for_function("document.documentElement.lang === 'en'")
    assert page.locator("table.scorecard tbody tr").first.locator(".badge").inner_text() == "met"
    assert "growth at least 6%" in page.locator("table.scorecard tbody tr").first.inner_text()
    page.goto(f"{base_url}/tasks")
    assert page.evaluate("document.documentElement.lang") == "en" and "Commitments" in page.inner_text("h1")
    page.click("a.lang")
    page.wait_for_function("document.documentElement.lang === 'zh-CN'")
    assert "重点任务" in page.inner_text("h1")


def test_docs_and_redoc_render_with_the_network_blocked(page, base_url, shots):
    blocked = []
    page.on("requestfailed", lambda r: blocked.append(r.url))
    page.goto(f"{base_url}/docs")
    page.wait_for_selector(".opblock-summary-path")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/scorecard" in paths and "/api/facts" in paths
    snap(page, shots, "docs")
    page.goto(f"{base_url}/redoc")
    page.locator("h2", has_text="Stored facts, filtered like").wait_for()
    snap(page, shots, "redoc")
    assert blocked == []  # nothing was asked of the network (each such request would have failed)


def test_sortable_tables(page, base_url):
    page.goto(f"{base_url}/documents?lang=en")
    facts = page.locator("table.documents thead th").nth(4)
    facts.locator("button.sort").click()
    assert facts.get_attribute("aria-sort") == "ascending"
    values = page.locator("table.documents tbody tr td:nth-child(5)").evaluate_all(
        "cells => cells.map(c => Number(c.dataset.value))")
    assert values == sorted(values)
    facts.locator("button.sort").click()
    assert facts.get_attribute("aria-sort") == "descending"
    values = page.locator("table.documents tbody tr td:nth-child(5)").evaluate_all(
        "cells => cells.map(c => Number(c.dataset.value))")
    assert values == sorted(values, reverse=True)
    # the paginated scorecard sorts on the server: its headers are links
    page.goto(f"{base_url}/scorecard?region=重庆&year=2021")
    page.click("table.scorecard thead th:nth-child(5) a")  # status
    page.wait_for_url("**sort=status**")
    assert page.locator("table.scorecard thead th:nth-child(5)").get_attribute("aria-sort") == "ascending"


def test_upload_a_report_then_junk(page, base_url, shots):
    page.goto(f"{base_url}/upload?lang=zh")
    page.set_input_files("input[type=file]", files=[{"name": "browser_upload.txt", "mimeType": "text/plain",
                                                     "buffer": SMALL_REPORT.encode("utf-8")}])
    page.click("form.upload button[type=submit]")
    page.wait_for_selector("#upload-result")
    assert "browser_upload" in page.inner_text("#upload-result")
    table = page.inner_text("table.upload-facts")
    assert "地区生产总值" in table and "6%以上" in table
    snap(page, shots, "upload-ok", full_page=True)
    page.click("#upload-result a")
    page.wait_for_selector("mark.fact.kind-target")
    assert page.locator("mark.fact").first.inner_text() == "6"

    page.goto(f"{base_url}/upload")
    page.set_input_files("input[type=file]", files=[{"name": "junk.pdf", "mimeType": "application/pdf",
                                                     "buffer": os.urandom(4096)}])
    page.click("form.upload button[type=submit]")
    page.wait_for_selector("#upload-error")
    message = page.inner_text("#upload-error")
    assert message.startswith("junk.pdf:") and "not a PDF file" in message
    snap(page, shots, "upload-junk")


PAGE_TYPES = {
    "home": "/", "documents": "/documents", "reader-top": f"/documents/{DOC002}",
    "fact": f"/documents/{DOC002}", "scorecard": "/scorecard?region=重庆&year=2021",
    "scorecard-filtered": "/scorecard?region=重庆&year=2021&status=met&sort=margin&desc=1",
    "scorecard-all-regions": "/scorecard",
    "indicator": "/indicators/gdp?region=重庆", "tasks": "/tasks?region=重庆", "search": "/search?q=失业率",
    "panel": "/panel?year=2021", "upload": "/upload", "error": "/documents/no-such-document", "docs": "/docs", "redoc": "/redoc",
}


# the English interface's longer words at phone width too
ENGLISH_PAGES = {"home-en": "/", "scorecard-en": "/scorecard?region=重庆&year=2021", "tasks-en": "/tasks?region=重庆",
                 "indicator-en": "/indicators/gdp?region=重庆", "panel-en": "/panel?year=2021", "search-en": "/search?q=gdp"}


def test_every_page_type_at_phone_width_without_sideways_scroll(browser, base_url, shots):
    context = _context(browser, base_url, viewport=PHONE)
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    fact_start = None
    try:
        for name, url in [*PAGE_TYPES.items(), *ENGLISH_PAGES.items()]:
            lang = "en" if name.endswith("-en") else "zh"
            if name == "fact":  # a fact's permalink, from the reader's list
                pg.goto(base_url + url)
                fact_start = pg.locator("li.fact-item").first.get_attribute("data-start")
                url = f"/facts/{DOC002}/{fact_start}"
            pg.goto(base_url + url + ("&" if "?" in url else "?") + f"lang={lang}" if name not in ("docs", "redoc")
                    else base_url + url)
            pg.wait_for_load_state("load")
            if name == "docs":
                pg.wait_for_selector(".opblock-summary-path")
            if name == "redoc":
                pg.locator("h2", has_text="Stored facts, filtered like").wait_for()
            _settled(pg)
            width = pg.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], f"{name} ({url}) is {width}px wide at {PHONE['width']}px"
            if name == "indicator":  # the chart's labels stay legible: at least 11 px on screen
                sizes = pg.locator("figure.chart svg text.tick").evaluate_all(
                    "ts => ts.map(t => t.getBoundingClientRect().height)")
                assert sizes and min(sizes) >= 11, sizes
            if name == "panel":  # the range chart's region names: at least 12 px on screen
                sizes = pg.locator("figure.range-chart svg text.region-label").evaluate_all(
                    "ts => ts.map(t => { const svg = t.ownerSVGElement; return parseFloat(getComputedStyle(t).fontSize)"
                    " * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width; })")
                assert sizes and min(sizes) >= 12, sizes
            pg.screenshot(path=str(shots / f"{name}-{PHONE['width']}.png"))
            pg.set_viewport_size(DESKTOP)
            _settled(pg)
            pg.screenshot(path=str(shots / f"{name}-{DESKTOP['width']}.png"))
            pg.set_viewport_size(PHONE)
    finally:
        context.close()


def test_the_panel_page_grid_chart_and_a_cell_to_its_sentence(page, base_url, shots):
    """Issue 16: the year's table of regions × indicators, the ranked range chart of growth targets with
    last year's outcome, and every figure one click from its sentence in the reader."""
    page.goto(f"{base_url}/panel?year=2021&lang=zh")
    row = page.locator("table.panel tbody tr").filter(has_text="重庆")
    assert row.count() == 1
    gdp = row.locator("a.fig").first
    assert gdp.inner_text().strip() == "增长6%以上"  # Chongqing's 2021 growth target as written
    chart = page.locator("figure.range-chart svg")
    assert chart.is_visible() and chart.locator("g.bar").count() >= 1
    assert chart.locator("g.bar text.region-label").first.text_content().strip() == "重庆"
    assert "desc" in chart.inner_html()  # the chart is described for screen readers
    snap(page, shots, "panel-year")
    gdp.click()
    page.wait_for_url("**/documents/*#at-*")
    page.wait_for_function("document.body.dataset.selected && document.getElementById('text').sentenceRange")
    box = _sentence_box(page)
    assert "6%以上" in "".join(box["text"].split())  # the sentence that states the target
    assert 0 <= box["top"] and box["bottom"] <= box["height"], box


def test_an_upload_shows_its_progress_then_the_answer(page, base_url):
    """Issue 13: a large file says how much of it is sent, then that it is being read; the answer follows."""
    page.goto(f"{base_url}/upload?lang=zh")
    seen = []
    page.expose_function("note", lambda text: seen.append(text))
    page.evaluate("""() => new MutationObserver(() => note(document.querySelector('.upload-state').textContent))
        .observe(document.querySelector('.upload-state'), {childList: true, characterData: true, subtree: true})""")
    body = ("2021年重庆市人民政府工作报告\\n二、2021年工作安排\\n地区生产总值增长6%以上。\\n" + "全年经济运行平稳。" * 200000)
    page.set_input_files("form.upload input[type=file]",
                         files=[{"name": "大文件.txt", "mimeType": "text/plain", "buffer": body.encode()}])
    page.click("form.upload button[type=submit]")
    page.wait_for_selector("#upload-result, #upload-error", timeout=120_000)
    assert any(t.startswith("正在发送文件") for t in seen) or any("正在读取" in t for t in seen), seen
