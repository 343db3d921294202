"""The web page in a real browser (Debian's chromium driven by Playwright): the scorecard, the
reader view's click-to-highlight, upload of a report and of junk, screenshots at 1280 and 390 px.

Needs /usr/bin/chromium (``apt-get install chromium fonts-noto-cjk``; .ci/run does it) and the
``playwright`` package; never ``playwright install`` (it downloads browsers from a CDN).
Screenshots go to the pytest tmp dir and are copied to /tmp/planledger-shots/.
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
SHOTS = Path("/tmp/planledger-shots")
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


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    yield pg
    context.close()


def snap(pg, shots: Path, name: str, full_page: bool = False) -> None:
    for width in (1280, 390):
        pg.set_viewport_size({"width": width, "height": 900 if width > 400 else 844})
        pg.wait_for_timeout(100)
        pg.screenshot(path=str(shots / f"{name}-{width}.png"), full_page=full_page)
    pg.set_viewport_size({"width": 1280, "height": 900})


def test_scorecard_chongqing_2021_gdp_row(page, base_url, shots):
    page.goto(f"{base_url}/scorecard?region=重庆&year=2021")
    row = page.locator('tr[data-canonical="gdp"][data-period="2021"][data-measure="growth"]')
    assert row.count() == 1
    assert row.locator("td.target").inner_text().strip().startswith("增长6%以上")
    assert row.locator("td.outcome").inner_text().strip() == "增长8.3%"
    assert row.locator("td.status .badge").inner_text().strip() == "met"
    colour = row.locator("td.status .badge").evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour == "rgb(217, 242, 217)"  # the export's green
    # the link to the sentence opens the reader at the number, highlighted
    row.locator("td.sources a.src").first.click()
    page.wait_for_url("**/documents/**#at-*")
    assert page.locator("mark.fact.selected").count() >= 1
    assert page.locator("li.fact-item.selected").count() >= 1
    page.goto(f"{base_url}/scorecard?region=重庆&year=2021")
    snap(page, shots, "scorecard")


def test_reader_click_on_a_number_selects_its_fact(page, base_url, shots):
    page.goto(f"{base_url}/documents/{DOC002}")
    marks = page.locator("mark.fact")
    assert marks.count() > 100
    mark = page.locator("mark.fact.kind-actual").nth(3)
    mark.scroll_into_view_if_needed()
    number = mark.inner_text()
    first_fact = mark.get_attribute("data-facts").split()[0]
    mark.click()
    item = page.locator(f"#fact-{first_fact}")
    assert "selected" in item.get_attribute("class")
    assert "selected" in mark.get_attribute("class")
    assert number in item.locator(".quote").inner_text()
    # the panel scrolled so the fact is visible in it
    page.wait_for_timeout(600)
    box, panel = item.bounding_box(), page.locator("#panel").bounding_box()
    assert panel["y"] <= box["y"] + box["height"] / 2 <= panel["y"] + panel["height"]
    snap(page, shots, "reader")
    # the other way round: a click in the panel highlights the number in the text
    other = page.locator("li.fact-item").nth(200)  # far down: the text must scroll to it
    other.click()
    start = other.get_attribute("data-start")
    target = page.locator(f"#at-{start}")
    assert "selected" in target.get_attribute("class")
    page.wait_for_timeout(600)
    assert target.is_visible()
    t = target.bounding_box()
    assert 0 <= t["y"] <= 900
    # CJK glyphs render with a real font (not boxes): a Chinese string is wider than a Latin one of equal length
    widths = page.evaluate("""() => { const c = document.createElement('canvas').getContext('2d');
        c.font = '16px ' + getComputedStyle(document.body).fontFamily;
        return [c.measureText('地区生产总值').width, c.measureText('\u0000\u0000\u0000\u0000\u0000\u0000').width]; }""")
    assert widths[0] > 60


def test_upload_a_report_then_junk(page, base_url, shots):
    page.goto(f"{base_url}/upload")
    page.set_input_files("input[type=file]", files=[{"name": "browser_upload.txt", "mimeType": "text/plain",
                                                     "buffer": SMALL_REPORT.encode("utf-8")}])
    page.click("form.upload button[type=submit]")
    page.wait_for_selector("#upload-result")
    assert "browser_upload" in page.inner_text("#upload-result")
    table = page.inner_text("table.upload-facts")
    assert "地区生产总值" in table and ">= 6%" in table
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


def test_other_pages_render(page, base_url, shots):
    page.goto(f"{base_url}/")
    assert page.locator("table.documents tbody tr").count() >= 5
    snap(page, shots, "documents")
    page.goto(f"{base_url}/indicators/gdp?region=重庆")
    assert page.locator("figure.chart svg circle.outcome").count() >= 2
    snap(page, shots, "indicator", full_page=True)
    page.goto(f"{base_url}/search?indicator=GDP&kind=target")
    assert "resolved to" in page.inner_text("main")
    snap(page, shots, "search")
    # nothing on a page needs the network beyond the server itself
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{base_url}/documents/{DOC002}")
    page.goto(f"{base_url}/scorecard")
    assert requests and all(u.startswith(base_url) for u in requests)
    # no horizontal page scroll at 390 px (wide tables scroll inside their box)
    page.set_viewport_size({"width": 390, "height": 844})
    for url in ("/", "/scorecard?region=重庆&year=2021", f"/documents/{DOC002}", "/search?indicator=gdp"):
        page.goto(base_url + url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1, url
