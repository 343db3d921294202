"""The web layer (planledger serve) through FastAPI's TestClient: every page and API route, the
reader view's offsets, escaping, exports, and upload off / on / token / size / type / junk."""
from __future__ import annotations

import csv
import html
import io
import json
import os
import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx2", reason="FastAPI's TestClient needs httpx2 (pip install -e '.[test]')")

from fastapi.testclient import TestClient  # noqa: E402

from planledger.pipeline import process  # noqa: E402
from planledger.store import open_store  # noqa: E402
from planledger.web import create_app  # noqa: E402


DOC002 = "002_f2220428a883fe7d"
SCRIPT_DOC = "2021年重庆市人民政府工作报告\n二、2021年工作安排\n<script>alert('x')</script>地区生产总值增长6%以上，<b>粗体</b>。\n"
BASE = "http://localhost"  # a Host the app answers to (web/security.py: the loopback names by default)
SMALL_REPORT = "2021年重庆市人民政府工作报告\n二、2021年工作安排\n地区生产总值增长6%以上。\n"


@pytest.fixture(scope="module")
def db(tmp_path_factory, processed_seeds):
    folder = tmp_path_factory.mktemp("web")
    path = folder / "ledger.db"
    script = folder / "escape_me.txt"
    script.write_text(SCRIPT_DOC, encoding="utf-8")
    with open_store(path) as store:
        for processed in processed_seeds.values():
            store.save(processed)
        store.save(process(str(script)))
    return path


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db), base_url=BASE) as c:
        yield c


@pytest.fixture(scope="module")
def store(db):
    with open_store(db) as s:
        yield s


def upload_client(tmp_path, **kwargs) -> TestClient:
    return TestClient(create_app(tmp_path / "upload.db", **kwargs), base_url=BASE)


def upload_post(c: TestClient, **kwargs):
    """A POST of the upload form as the page sends it: with the CSRF token of the page's cookie."""
    form = c.get("/upload")  # the token of the page's form, which is the cookie's
    assert form.status_code == 200
    data = {"csrf": re.search(r'name="csrf" value="([^"]+)"', form.text).group(1),
            **(kwargs.pop("data", None) or {})}
    return c.post("/upload", data=data, **kwargs)


# -- pages -----------------------------------------------------------------------------------------
def test_documents_page_lists_every_document_with_counts(client, store):
    r = client.get("/documents", params={"lang": "zh"})
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    for d in store.documents():
        assert f'href="/documents/{d["name"]}"' in r.text
    assert "重庆市" in r.text and "2021" in r.text
    n = {f["doc"] for f in store.facts(kind="target")}
    assert n  # some documents hold targets, and the counts are in the table
    assert '<th scope="col">文件</th>' in r.text and "<caption>" in r.text


def test_home_page_shows_each_region_year_with_its_status_counts(client, store):
    from planledger.ledger import build, scorecard_rows

    r = client.get("/", params={"lang": "zh"})
    assert r.status_code == 200 and '<html lang="zh-CN">' in r.text
    rows = scorecard_rows(build(store, "重庆"), 2021)
    met = sum(1 for x in rows if x["status"] == "met")
    unreported = sum(1 for x in rows if x["status"] == "unreported")
    card = re.search(r'<li data-year="2021">(.*?)</li>', r.text, re.S).group(1)
    assert 'href="/scorecard?region=%E9%87%8D%E5%BA%86%E5%B8%82&amp;year=2021"' in card
    assert f"达到 <b>{met}</b>" in card and f"未报告 <b>{unreported}</b>" in card
    assert 'action="/search"' in r.text  # the search box
    en = client.get("/", params={"lang": "en"})
    assert f"met <b>{met}</b>" in en.text and '<html lang="en">' in en.text


_MARK = re.compile(r'<mark class="fact kind-(\w+)"(?: id="at-(\d+)")? data-start="(\d+)" data-end="(\d+)" '
                   r'data-facts="([\d ]+)"[^>]*>(.*?)</mark>', re.S)


def test_reader_view_highlights_every_fact_exactly_on_its_offsets(client, store):
    text = store.document_text(DOC002)
    facts = store.facts(doc=DOC002)
    r = client.get(f"/documents/{DOC002}")
    assert r.status_code == 200
    marks = _MARK.findall(r.text)
    assert marks
    covered: dict[int, str] = {}
    anchors = set()
    for kind, anchor, start, end, ids, content in marks:
        start, end = int(start), int(end)
        assert html.unescape(re.sub(r"<[^>]+>", "", content)) == text[start:end]
        for i in map(int, ids.split()):
            f = facts[i]
            assert f["start"] <= start and end <= f["end"]
            covered[i] = covered.get(i, "") + text[start:end]
        assert kind == facts[int(ids.split()[0])]["kind"]
        if anchor:
            anchors.add(int(anchor))
    for i, f in enumerate(facts):  # each fact's pieces put together are exactly its number as written
        assert covered[i] == text[f["start"]:f["end"]]
        assert f["start"] in anchors
        assert f'id="fact-{i}"' in r.text
    # the whole text is there, in order, once the tags are removed
    body = re.search(r'<article class="text" id="text" lang="zh-CN"[^>]*>(.*?)</article>', r.text, re.S).group(1)
    assert html.unescape(re.sub(r"<[^>]+>", "", body)) == text
    assert 'src="/static/reader.js"' in r.text


def test_reader_view_flows_over_the_lines_wrapped_mid_sentence():
    from planledger.web import render

    text = "一、工作回顾\n\n地区生产总值达到27894亿元，增长\n8.3%，高于预期目标。\n\n——创新引领趋势明显。"
    spans = render.wraps(text)
    assert [text[a:b] for a, b in spans] == ["\n"]  # the wrap inside the sentence; paragraph breaks stay
    facts = [{"start": text.index("8.3"), "end": text.index("8.3") + 4, "kind": "actual"}]
    pieces = render.flow(render.pieces(text, facts), spans)
    assert "".join(t for p in pieces for t, _ in p.parts) == text
    assert [t for p in pieces for t, wrap in p.parts if wrap] == ["\n"]


def test_the_reader_hides_the_wraps_of_a_hard_wrapped_seed(client, store):
    r = client.get(f"/documents/{DOC002}")
    text = store.document_text(DOC002)
    wraps = re.findall(r'<span class="wrap">(.*?)</span>', r.text, re.S)
    assert len(wraps) > 300 and all(w.strip() == "" and "\n" in w for w in wraps)
    assert "执\n\n行情况" in text and '执<span class="wrap">\n\n</span>行情况' in r.text


def test_reader_view_of_an_unknown_document_is_404(client):
    r = client.get("/documents/no-such-doc")
    assert r.status_code == 404 and "no-such-doc" in r.text


def test_script_in_a_document_is_shown_as_text(client):
    r = client.get("/documents/escape_me")
    assert r.status_code == 200
    assert "<script>alert" not in r.text and "<b>粗体" not in r.text
    assert "&lt;script&gt;alert(" in r.text and "&lt;b&gt;粗体" in r.text
    s = client.get("/search", params={"q": "script"})
    assert "<script>alert" not in s.text and '&lt;<mark class="hit">script</mark>&gt;alert' in s.text
    # the only scripts on any page are ours
    assert re.findall(r"<script[^>]*>", r.text) == ['<script src="/static/sort.js" defer>',
                                                    '<script src="/static/reader.js" defer>']


def test_scorecard_chongqing_2021(client):
    r = client.get("/scorecard", params={"region": "重庆", "year": "2021", "lang": "zh"})
    assert r.status_code == 200
    rows = re.findall(r'<tr data-indicator="([^"]*)" data-canonical="([^"]*)" data-period="2021" '
                      r'data-measure="(\w+)" data-status="[^"]*">(.*?)</tr>', r.text, re.S)
    assert rows[0][:3] == ("地区生产总值", "gdp", "growth"), "GDP growth is not the first row"  # headline first
    cells = rows[0][3]
    assert '<span class="fig">增长6%以上</span>' in cells
    assert '<span class="fig">增长8.3%</span>' in cells
    assert 'class="badge status-met" data-status="met">达到</span>' in cells
    assert "+2.3个百分点" in cells
    # the target and outcome sentences inline, the number highlighted
    assert '增长<mark class="hit">8.3</mark>%' in cells and '<mark class="hit">6</mark>%以上' in cells
    links = re.findall(r'href="/documents/(\w+)#at-(\d+)"', cells)
    assert links and all(d in cells for d, _ in links)
    assert "高于预期目标2.3个百分点" in r.text and "status-agrees" in r.text  # the claims table
    assert 'href="/indicators/gdp?region=' in r.text


def test_scorecard_links_land_on_the_sources_numbers(client, store):
    r = client.get("/scorecard", params={"region": "重庆", "year": "2021"})
    links = sorted(set(re.findall(r'href="/documents/(\w+)#at-(\d+)"', r.text)))
    assert len(links) > 10
    for doc, start in links:
        page = client.get(f"/documents/{doc}").text
        assert f'id="at-{start}"' in page


def test_scorecard_without_filters_and_bad_year(client):
    assert client.get("/scorecard").status_code == 200
    assert client.get("/scorecard", params={"year": ""}).status_code == 200  # the form's "any year"
    bad = client.get("/scorecard", params={"year": "abc"})  # a year is four ASCII digits, said so
    assert bad.status_code == 422 and "year: must be a year of four digits" in bad.text


def test_indicator_page_draws_a_chart(client):
    r = client.get("/indicators/gdp", params={"region": "重庆"})
    assert r.status_code == 200
    assert "<svg" in r.text and "outcome-line" in r.text and 'class="target"' in r.text
    assert "8.3" in r.text
    alias = client.get("/indicators/GDP")
    assert alias.status_code == 200 and "<svg" in alias.text
    none = client.get("/indicators/no-such-indicator", params={"lang": "en"})
    assert none.status_code == 200 and "Nothing to draw" in none.text


def test_search_resolves_aliases_and_filters(client, store):
    r = client.get("/search", params={"indicator": "GDP", "year": "2021", "kind": "target", "lang": "en"})
    assert r.status_code == 200
    assert 'class="matched">地区生产总值 <small>gdp</small>' in r.text
    expected = store.facts(indicator="gdp", period="2021", kind="target")
    assert expected and f"{len(expected)} facts" in r.text
    text = client.get("/search", params={"q": "高于预期目标"})
    assert "高于预期目标" in text.text
    assert client.get("/search").status_code == 200
    assert client.get("/search", params={"kind": "bogus"}).status_code == 422


def test_search_pagination(client, store):
    total = len(store.facts(region="重庆"))
    r = client.get("/search", params={"region": "重庆市", "limit": 10, "offset": 10, "lang": "en"})
    assert f"{total:,} facts" in r.text and "11–20 of" in r.text and "next →" in r.text and "← previous" in r.text
    zh = client.get("/search", params={"region": "重庆市", "limit": 10, "offset": 10, "lang": "zh"})
    assert f"{total:,} 条数据" in zh.text and "第 11–20 条" in zh.text and "下一页 →" in zh.text


# -- API -------------------------------------------------------------------------------------------
def test_api_documents_and_document(client, store):
    r = client.get("/api/documents").json()
    assert r["total"] == len(store.documents()) and {"targets", "actuals", "others"} <= set(r["items"][0])
    one = client.get(f"/api/documents/{DOC002}").json()
    assert one["name"] == DOC002 and one["text"] == store.document_text(DOC002)
    assert client.get("/api/documents/nope").status_code == 404


@pytest.mark.parametrize("params", [
    {"doc": DOC002}, {"kind": "actual"}, {"period": "2021"}, {"region": "重庆"}, {"indicator": "gdp"},
    {"indicator": "地区生产总值", "kind": "target"}, {"doc": DOC002, "kind": "target", "period": "2022"},
])
def test_api_facts_has_the_cli_filters(client, store, params):
    got = client.get("/api/facts", params={**params, "limit": 1000}).json()
    from planledger.web.tables import resolve_indicator

    expected = store.facts(**{**params, **({"indicator": resolve_indicator(params["indicator"])}
                                           if "indicator" in params else {})})
    assert got["total"] == len(expected)
    assert got["items"] == json.loads(json.dumps(expected))


def test_api_pagination_and_validation(client, store):
    total = len(store.facts())
    page1 = client.get("/api/facts", params={"limit": 5}).json()
    page2 = client.get("/api/facts", params={"limit": 5, "offset": 5}).json()
    assert page1["total"] == total and len(page1["items"]) == 5
    assert page1["items"] + page2["items"] == json.loads(json.dumps(store.facts()[:10]))
    assert client.get("/api/facts", params={"limit": 0}).status_code == 422
    assert client.get("/api/facts", params={"offset": -1}).status_code == 422
    assert client.get("/api/facts", params={"kind": "bogus"}).status_code == 422


def test_api_ledger_routes(client):
    s = client.get("/api/scorecard", params={"region": "重庆", "year": 2021, "limit": 1000}).json()
    gdp = [r for r in s["items"] if r["canonical"] == "gdp" and r["measure"] == "growth" and r["period"] == "2021"]
    assert gdp and gdp[0]["target"] == "增长6%以上" and gdp[0]["outcome"] == "增长8.3%" and gdp[0]["status"] == "met"
    c = client.get("/api/claims").json()
    assert c["total"] > 0 and {"doc", "claim", "status"} <= set(c["items"][0])
    h = client.get("/api/history/GDP", params={"region": "重庆"}).json()
    assert h["indicator"] == "gdp" and h["total"] > 0
    assert any(r["kind"] == "actual" and r["value"] == 8.3 for r in h["items"])


def test_openapi_docs(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/documents", "/api/documents/{name}", "/api/facts", "/api/scorecard", "/api/claims",
                 "/api/history/{indicator}"):
        assert path in spec["paths"]
    assert not any(p.startswith("/upload") or p.startswith("/documents") for p in spec["paths"])
    assert client.get("/docs").status_code == 200


# -- exports ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("table, params", [
    ("documents", {}), ("facts", {"doc": DOC002}), ("facts", {"indicator": "GDP", "period": "2021"}),
    ("scorecard", {"region": "重庆", "year": "2021"}), ("claims", {"region": "重庆"}),
    ("history", {"indicator": "gdp", "region": "重庆"}),
])
def test_exports(client, table, params):
    r = client.get(f"/export/{table}.csv", params=params)
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8"))))
    j = client.get(f"/export/{table}.json", params=params)
    data = j.json()
    assert isinstance(data, list) and len(data) == len(rows) and len(rows) > 0
    x = client.get(f"/export/{table}.xlsx", params=params)
    assert x.status_code == 200 and x.content[:2] == b"PK"
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(x.content)).active
    assert sheet.max_row == len(rows) + 1


def test_export_of_the_scorecard_holds_the_gdp_row(client):
    rows = list(csv.DictReader(io.StringIO(
        client.get("/export/scorecard.csv", params={"region": "重庆", "year": "2021"}).content.decode())))
    assert any(r["indicator"] == "地区生产总值" and r["target"] == "增长6%以上" and r["status"] == "met" for r in rows)


def test_unknown_export_is_404(client):
    assert client.get("/export/secrets.csv").status_code == 404
    assert client.get("/export/facts.exe").status_code == 404


def test_pages_link_to_exports(client):
    for url in ("/documents", f"/documents/{DOC002}", "/scorecard?region=重庆&year=2021", "/indicators/gdp",
                "/search?indicator=gdp", "/tasks"):
        r = client.get(url)
        for fmt in ("csv", "xlsx", "json"):
            assert re.search(rf'href="/export/\w+\.{fmt}', r.text), (url, fmt)


def test_static_files_are_served_from_the_package(client):
    assert client.get("/static/app.css").status_code == 200
    assert client.get("/static/reader.js").status_code == 200
    assert client.get("/static/../app.py").status_code == 404
    page = client.get("/").text
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page  # no CDN


# -- upload ----------------------------------------------------------------------------------------
def test_upload_is_off_by_default(client):
    assert client.get("/upload").status_code == 404
    r = client.post("/upload", files={"file": ("a.txt", SMALL_REPORT.encode(), "text/plain")})
    assert r.status_code == 404 and "--allow-upload" in r.text
    assert 'href="/upload"' not in client.get("/").text


def test_upload_a_report_and_see_its_facts(tmp_path):
    with upload_client(tmp_path, allow_upload=True) as c:
        form = c.get("/upload")
        assert form.status_code == 200 and 'type="file"' in form.text and 'name="token"' not in form.text
        r = upload_post(c, files={"file": ("重庆2021报告.txt", SMALL_REPORT.encode(), "text/plain")})
        assert r.status_code == 200, r.text
        assert "重庆2021报告</b>：已添加" in r.text and "地区生产总值" in r.text and "增长6%以上" in r.text
        reader = c.get("/documents/重庆2021报告")
        assert reader.status_code == 200 and '<mark class="fact kind-target"' in reader.text
        again = upload_post(c, files={"file": ("重庆2021报告.txt", SMALL_REPORT.encode(), "text/plain")})
        assert "未变（已存储）" in again.text


@pytest.mark.parametrize("name, data, status, message", [
    ("junk.pdf", os.urandom(3000), 422, "junk.pdf: not a PDF file"),
    ("junk.txt", bytes(range(256)) * 8, 422, "junk.txt: binary data, not text"),
    ("junk.docx", b"PK\x03\x04 not a zip", 422, "junk.docx: not a DOCX file"),
    ("report.exe", b"MZ", 415, "not a supported type"),
    ("noext", b"hello", 415, "not a supported type"),
    ("empty.txt", b"", 400, "the file is empty"),
])
def test_upload_refuses_bad_files_with_a_clear_message(tmp_path, name, data, status, message):
    with upload_client(tmp_path, allow_upload=True) as c:
        r = upload_post(c, files={"file": (name, data, "application/octet-stream")})
        assert r.status_code == status
        assert 'id="upload-error"' in r.text and html.escape(message) in r.text
        assert "/tmp/" not in r.text and "planledger-upload-" not in r.text  # the temp file is never named
        assert c.get("/api/documents").json()["total"] == 0


def test_upload_is_extracted_under_the_time_limit(tmp_path, monkeypatch):
    """The server's threads cannot use SIGALRM: an upload is extracted in a worker process, which can."""
    monkeypatch.setenv("PLANLEDGER_TIMEOUT", "0.01")
    big = ("2021年重庆市人民政府工作报告\n二、2021年工作安排\n" + "地区生产总值增长6%以上，" * 20000).encode()
    with upload_client(tmp_path, allow_upload=True) as c:
        r = upload_post(c, files={"file": ("slow.txt", big, "text/plain")})
        assert r.status_code == 422
        assert "slow.txt: took more than 0.01 s, over the time limit (--timeout)" in r.text
        assert c.get("/api/documents").json()["total"] == 0
    monkeypatch.delenv("PLANLEDGER_TIMEOUT")
    with upload_client(tmp_path, allow_upload=True) as c:  # the next upload gets a fresh worker
        r = upload_post(c, files={"file": ("fast.txt", SMALL_REPORT.encode(), "text/plain")})
        assert r.status_code == 200 and "fast</b>：已添加" in r.text


def test_an_upload_whose_worker_dies_fails_alone(tmp_path, monkeypatch):
    """The worker process dies (a crash in a PDF library, out of memory): that upload fails with one
    line, nothing is stored, and the next upload gets a new worker."""
    import planledger.web.upload as upload_module
    from broken_files import die_in_worker

    with upload_client(tmp_path, allow_upload=True) as c:
        monkeypatch.setattr(upload_module, "_handle_upload", die_in_worker)
        r = upload_post(c, files={"file": ("crash.txt", SMALL_REPORT.encode(), "text/plain")})
        assert r.status_code == 422
        assert "crash.txt: the process reading it died (out of memory, or a crash in a library)" in r.text
        assert c.get("/api/documents").json()["total"] == 0
        monkeypatch.undo()
        r = upload_post(c, files={"file": ("fine.txt", SMALL_REPORT.encode(), "text/plain")})
        assert r.status_code == 200 and "fine</b>：已添加" in r.text


def test_upload_size_limit(tmp_path):
    with upload_client(tmp_path, allow_upload=True, max_upload_mb=0.01) as c:
        r = upload_post(c, files={"file": ("big.txt", SMALL_REPORT.encode() * 1000, "text/plain")})
        assert r.status_code == 413 and "over the 0.01 MB limit" in r.text


def test_upload_without_a_file(tmp_path):
    with upload_client(tmp_path, allow_upload=True) as c:
        r = upload_post(c, data={"token": "x"})
        assert r.status_code == 400 and "choose a file" in r.text


def test_upload_with_a_token(tmp_path):
    files = {"file": ("t.txt", SMALL_REPORT.encode(), "text/plain")}
    with upload_client(tmp_path, allow_upload=True, token="s3cret") as c:
        assert 'name="token"' in c.get("/upload").text
        assert upload_post(c, files=files).status_code == 403
        wrong = upload_post(c, files=files, data={"token": "nope"})
        assert wrong.status_code == 403 and "token is missing or wrong" in wrong.text
        assert c.get("/api/documents").json()["total"] == 0
        assert upload_post(c, files=files, data={"token": "s3cret"}).status_code == 200
        assert upload_post(c, files={"file": ("u.txt", SMALL_REPORT.encode() + b"x", "text/plain")},
                      headers={"X-Planledger-Token": "s3cret"}).status_code == 200
        assert c.get("/api/documents").json()["total"] == 2


def test_upload_file_name_never_reaches_the_filesystem(tmp_path):
    target = tmp_path / "evil.txt"
    with upload_client(tmp_path, allow_upload=True) as c:
        r = upload_post(c, files={"file": (f"../../{tmp_path}/evil.txt", SMALL_REPORT.encode(), "text/plain")})
        assert r.status_code == 200
        assert not target.exists()
        names = [d["name"] for d in c.get("/api/documents").json()["items"]]
        assert names == ["evil"]
        assert c.get("/api/documents/evil").json()["path"] == "upload/evil.txt"


def test_safe_name():
    from planledger.web.upload import safe_name

    assert safe_name("../../etc/passwd.txt") == "passwd"
    assert safe_name("C:\\x\\报告 2021.txt") == "报告_2021"
    assert safe_name("...") == "upload" and safe_name("") == "upload"
    assert safe_name("<script>.txt") == "script"


# -- the command -----------------------------------------------------------------------------------
def test_serve_command(monkeypatch, tmp_path):
    from click.testing import CliRunner

    import uvicorn

    from planledger.cli import cli

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port, **kw: seen.update(app=app, host=host, port=port))
    r = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "a.db"), "--port", "8123"])
    assert r.exit_code == 0, r.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8123
    assert seen["app"].state.settings.allow_upload is False and seen["app"].state.settings.token is None
    r = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "a.db"), "--host", "0.0.0.0", "--allow-upload"])
    assert r.exit_code == 0 and "upload token: " in r.output
    token = re.search(r"upload token: (\S+)", r.output).group(1)
    assert seen["app"].state.settings.token == token and len(token) >= 20
    r = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "a.db"), "--allow-upload", "--token", "t"])
    assert seen["app"].state.settings.token == "t"


def test_tasks_page_lists_commitments_and_their_stages(client):
    page = client.get("/tasks", params={"region": "重庆", "year": "2021"})
    assert page.status_code == 200
    assert "郑万高铁重庆段" in page.text and "status-behind" in page.text
    behind = client.get("/tasks", params={"status": "behind"}).text
    assert "郑万高铁重庆段" in behind and "status-achieved" not in behind


# -- the ledger cache ----------------------------------------------------------------------------------
def test_ledgers_are_built_once_and_rebuilt_after_a_write(tmp_path, processed_seeds, monkeypatch):
    """Pages, API and exports share one ledger per region until anything is written to the store; an
    ingest by another process (another Store on the same file here) is seen on the next request."""
    import planledger.ledger as ledger_module

    path = tmp_path / "cache.db"
    with open_store(path) as writer:
        writer.save(processed_seeds["001_d320796ccbca625a"])
    builds = []
    real_build = ledger_module.build

    def counting_build(store, region=None, *a, **kw):
        builds.append(region)
        return real_build(store, region, *a, **kw)

    monkeypatch.setattr(ledger_module, "build", counting_build)
    with TestClient(create_app(path), base_url=BASE) as c:
        assert c.get("/scorecard", params={"region": "重庆"}).status_code == 200
        assert c.get("/api/scorecard", params={"region": "重庆"}).status_code == 200
        assert c.get("/export/scorecard.csv", params={"region": "重庆"}).status_code == 200
        assert builds == ["重庆"]
        def assessed() -> int:
            items = c.get("/api/scorecard", params={"region": "重庆", "limit": 1000}).json()["items"]
            return sum(1 for row in items if row["status"] in ("met", "exceeded", "missed", "partly"))

        before = assessed()
        with open_store(path) as writer:  # another process ingests the report on how 2021 went
            writer.save(processed_seeds["002_f2220428a883fe7d"])
        after = assessed()
        assert builds == ["重庆", "重庆"] and before == 0 < after


# -- issue 13: the way in, search, exports, languages, accessibility -----------------------------------
def test_language_from_query_cookie_and_accept_language(db):
    with TestClient(create_app(db), base_url=BASE) as c:
        assert '<html lang="zh-CN">' in c.get("/scorecard").text  # Chinese by default
        en = c.get("/scorecard", headers={"Accept-Language": "en-GB,en;q=0.9"})
        assert '<html lang="en">' in en.text and ">Scorecard<" in en.text and en.headers["content-language"] == "en"
        c.get("/", params={"lang": "en"})  # sets the cookie
        assert c.cookies.get("lang") == "en"
        assert '<html lang="en">' in c.get("/tasks").text
        back = c.get("/tasks", params={"lang": "zh"})
        assert '<html lang="zh-CN">' in back.text and "重点任务" in back.text
        # the API keeps the English status ids whatever the language
        api = c.get("/api/scorecard", params={"region": "重庆", "year": 2021, "limit": 1000}).json()
        assert {r["status"] for r in api["items"]} <= {"met", "exceeded", "partly", "missed", "not comparable",
                                                       "pending", "unreported", "ahead", "on track", "behind",
                                                       "conflict", "inconclusive"}


def _rows(text: str) -> list[dict[str, str]]:
    return [dict(zip(("indicator", "canonical", "period", "measure", "status"), m)) for m in re.findall(
        r'<tr data-indicator="([^"]*)" data-canonical="([^"]*)" data-period="([^"]*)" data-measure="(\w+)" '
        r'data-status="([^"]*)">', text)]


def test_scorecard_filters_sort_and_pages(client, store):
    from planledger.ledger import build, scorecard_rows

    every = scorecard_rows(build(store, "重庆"), 2021)
    base = {"region": "重庆", "year": "2021", "lang": "zh"}
    first = _rows(client.get("/scorecard", params=base).text)
    assert len(first) == min(50, len(every))  # paginated
    assert len(_rows(client.get("/scorecard", params={**base, "offset": 50}).text)) == len(every) - len(first)
    met = _rows(client.get("/scorecard", params={**base, "status": "met"}).text)
    assert met and {r["status"] for r in met} == {"met"}
    assert len(met) == sum(1 for r in every if r["status"] == "met")
    binding = _rows(client.get("/scorecard", params={**base, "binding": "yes", "limit": 1000}).text)
    assert len(binding) == sum(1 for r in every if r["binding"])
    economy = _rows(client.get("/scorecard", params={**base, "category": "economy", "limit": 1000}).text)
    from planledger.catalogue import load_catalogue
    assert economy and "gdp" in {r["canonical"] for r in economy}
    assert {load_catalogue().get(r["canonical"]).category for r in economy} == {"economy"}
    assert len(economy) < len(every)
    by_status = _rows(client.get("/scorecard", params={**base, "sort": "status", "limit": 1000}).text)
    from planledger.web.tables import STATUS_ORDER
    ranks = [STATUS_ORDER.index(r["status"]) for r in by_status]
    assert ranks == sorted(ranks)
    desc = _rows(client.get("/scorecard", params={**base, "sort": "status", "desc": "1", "limit": 1000}).text)
    assert [STATUS_ORDER.index(r["status"]) for r in desc] == sorted(ranks, reverse=True)
    # the summary counts every status of the filtered scorecard
    page = client.get("/scorecard", params=base).text
    n_unreported = sum(1 for r in every if r["status"] == "unreported")
    assert re.search(rf'class="count status-unreported[^"]*" href="[^"]*">未报告 <b>{n_unreported}</b>', page)
    # one region: no region column; every region: a region column
    assert '<td class="region">' not in page
    assert '<td class="region">' in client.get("/scorecard", params={"year": "2021"}).text or \
        len({r["region"] for r in scorecard_rows(build(store, None), 2021)}) == 1


def test_search_finds_indicators_first_case_insensitive_and_highlights(client, store):
    for q in ("gdp", "GDP", "Gdp", "地区生产总值"):
        rows = _fact_rows(client.get("/search", params={"q": q}).text)
        n_gdp = len([f for f in store.facts() if f["canonical"] == "gdp"])
        assert rows[:min(n_gdp, 50)] == ["gdp"] * min(n_gdp, 50), q
    r = client.get("/search", params={"q": "失业率", "limit": 1000}).text
    rows = _fact_rows(r)
    unemployment = {"surveyed_unemployment_rate", "registered_unemployment_rate"}
    n = len([f for f in store.facts() if f["canonical"] in unemployment])
    assert n and set(rows[:n]) <= unemployment  # the indicators first, then the sentences
    assert '城镇调查<mark class="hit">失业率</mark>' in r
    total = len([f for f in store.facts() if "失业率" in f["sentence"] or "失业率" in f["indicator"]
                 or f["canonical"] in unemployment])
    assert f"{total} 条数据" in r or f"{total} facts" in r


def _fact_rows(text: str) -> list[str]:
    return re.findall(r'<tr data-canonical="([^"]*)">', text)


def test_csv_exports_have_a_bom_and_names_that_carry_the_filters(client):
    r = client.get("/export/scorecard.csv", params={"region": "重庆", "year": "2021", "status": "met"})
    assert r.content.startswith(b"\xef\xbb\xbf")
    assert "filename*=UTF-8''planledger-scorecard-%E9%87%8D%E5%BA%86-met-2021.csv" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows and {x["status"] for x in rows} == {"met"}
    twin = client.get("/scorecard.json", params={"region": "重庆", "year": "2021", "status": "met"})
    assert [x["status"] for x in json.loads(twin.content)["scorecard"]] == ["met"] * len(rows) \
        if isinstance(json.loads(twin.content), dict) else True
    tasks = client.get("/tasks.csv", params={"region": "重庆"})
    assert tasks.status_code == 200 and tasks.content.startswith(b"\xef\xbb\xbf")
    assert "object" in tasks.content.decode("utf-8-sig").splitlines()[0]
    history = client.get("/indicators/gdp.csv", params={"region": "重庆"})
    assert history.status_code == 200 and "planledger-history-gdp-" in history.headers["content-disposition"]
    assert client.get("/documents.json").status_code == 200 and client.get("/search.csv?q=gdp").status_code == 200


def test_fact_permalink_favicon_and_offline_docs(client, store):
    f = next(x for x in store.facts(doc=DOC002) if x["canonical"] == "gdp" and x["kind"] == "actual")
    r = client.get(f"/facts/{DOC002}/{f['start']}")
    assert r.status_code == 200 and f["indicator"] in r.text and f'href="/documents/{DOC002}#at-{f["start"]}"' in r.text
    j = client.get(f"/facts/{DOC002}/{f['start']}.json").json()
    assert j["facts"][0]["start"] == f["start"] and j["document"]["name"] == DOC002
    assert client.get(f"/facts/{DOC002}/999999999").status_code == 404
    ico = client.get("/favicon.ico")
    assert ico.status_code == 200 and ico.content[:4] == b"\x00\x00\x01\x00"
    for url in ("/docs", "/redoc"):
        page = client.get(url).text
        assert "cdn" not in page.lower() and "fonts.googleapis" not in page
        for src in re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', page):
            asset = client.get(src)
            assert src.startswith("/") and asset.status_code == 200, src
            assert b"cdn.redoc.ly/redoc/logo" not in asset.content


def test_accessibility_basics(client):
    r = client.get(f"/documents/{DOC002}").text
    assert '<a class="skip" href="#main">' in r and '<main id="main"' in r
    assert 'tabindex="0"' not in r  # the highlighted numbers are not each a tab stop
    s = client.get("/scorecard", params={"region": "重庆", "year": "2021"}).text
    assert "<caption>" in s and '<th scope="col"' in s and '<th scope="row"' in s
    assert not re.search(r"<th(?=[\s>])(?![^>]*scope=)", s)
    chart = client.get("/indicators/gdp", params={"region": "重庆", "lang": "zh"}).text
    assert re.search(r'<title id="chart-title">地区生产总值历年目标与实际', chart)
    assert re.search(r'<desc id="chart-desc">[^<]*2021年：目标6%以上', chart)


def test_panel_sets_every_region_side_by_side(client, store):
    from planledger.ledger import build, scorecard_rows

    r = client.get("/panel", params={"year": "2021", "lang": "zh"})
    assert r.status_code == 200 and "各地区目标对比 · 2021" in r.text
    gdp = next(x for x in scorecard_rows(build(store, "重庆"), 2021)
               if x["canonical"] == "gdp" and x["measure"] == "growth" and x["period"] == "2021")
    row = re.search(r'<tr data-region="重庆市">(.*?)</tr>', r.text, re.S).group(1)
    assert f'>{gdp["target"]}</a>' in row  # this year's GDP target, linked to its sentence
    assert re.search(r'href="/documents/\w+#at-\d+"', row)
    header = re.search(r"<thead>(.*?)</thead>", r.text, re.S).group(1)
    assert header.index("地区生产总值") < header.index("居民消费价格")  # headline order
    # the ranked range chart: one bar per region with a % growth target, described in the page's language
    assert re.search(r'<desc id="range-desc">重庆市 6%以上', r.text)
    assert client.get("/panel", params={"year": "1999"}).status_code == 200
    twin = client.get("/panel.csv", params={"year": "2021"})
    assert twin.content.startswith(b"\xef\xbb\xbf") and "planledger-panel-2021.csv" in twin.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(twin.content.decode("utf-8-sig"))))
    assert any(x["region"] == "重庆市" and x["indicator"] == "gdp" and x["target"] == gdp["target"] for x in rows)


# -- what the app lets in (web/security.py) ----------------------------------------------------------------
def test_a_foreign_host_is_not_served(client):
    """DNS rebinding: a page of evil.example whose name resolves to 127.0.0.1 gets nothing."""
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/api/documents", headers={"Host": "evil.example:8000"}).status_code == 400
    for host in ("localhost:8000", "127.0.0.1", "[::1]:8000"):
        assert client.get("/api/documents", headers={"Host": host}).status_code == 200, host


def test_allowed_hosts_are_loopback_plus_what_is_asked():
    from planledger.web.security import allowed_hosts

    assert allowed_hosts("0.0.0.0") == ["localhost", "127.0.0.1", "::1", "[::1]"]
    assert allowed_hosts("192.168.1.5", ["ledger.lan"])[-2:] == ["192.168.1.5", "ledger.lan"]


def test_cross_origin_and_tokenless_writes_are_refused_a_same_origin_upload_is_accepted(tmp_path):
    files = {"file": ("o.txt", SMALL_REPORT.encode(), "text/plain")}
    with upload_client(tmp_path, allow_upload=True) as c:
        evil = upload_post(c, files=files, headers={"Origin": "http://evil.example"})
        assert evil.status_code == 403 and "another site (http://evil.example)" in evil.text
        referer = upload_post(c, files=files, headers={"Referer": "http://evil.example/page"})
        assert referer.status_code == 403
        other_port = upload_post(c, files=files, headers={"Origin": "http://localhost:9999"})
        assert other_port.status_code == 403
        no_token = c.post("/upload", files=files, headers={"Origin": BASE})
        assert no_token.status_code == 403 and "security token is missing or stale" in no_token.text
        forged = c.post("/upload", files=files, data={"csrf": "x" * 43}, headers={"Origin": BASE})
        assert forged.status_code == 403
        assert c.get("/api/documents").json()["total"] == 0
        ok = upload_post(c, files=files, headers={"Origin": BASE, "Referer": BASE + "/upload"})
        assert ok.status_code == 200 and "o</b>：已添加" in ok.text
        assert 'name="csrf"' in c.get("/upload").text


def test_an_upload_of_stored_bytes_names_and_links_the_stored_document(tmp_path):
    report = SMALL_REPORT.encode()
    with upload_client(tmp_path, allow_upload=True) as c:
        first = upload_post(c, files={"file": ("first.txt", report, "text/plain")},
                            headers={"Accept": "application/json"})
        assert first.status_code == 200
        assert first.json() == {"name": "first", "status": "added", "same_as": None, "url": "/documents/first",
                                "note": None, "facts": 1}
        copy = upload_post(c, files={"file": ("copy.txt", report, "text/plain")},
                           headers={"Accept": "application/json"}).json()
        assert copy["status"] == "unchanged" and copy["same_as"] == "first" and copy["url"] == "/documents/first"
        assert c.get(copy["url"]).status_code == 200  # a link to the stored document, not a 404
        page = upload_post(c, files={"file": ("copy.txt", report, "text/plain")})
        assert "与已存储的文件first字节相同" in page.text and 'href="/documents/first"' in page.text
        bad = upload_post(c, files={"file": ("x.txt", b"\x00\x01" * 100, "text/plain")},
                          headers={"Accept": "application/json"})
        assert bad.status_code == 422 and bad.json() == {"error": "x.txt: binary data, not text"}


def test_odd_query_values_are_4xx_never_500(client):
    for path in ("/scorecard", "/tasks", "/export/scorecard.csv", "/api/scorecard", "/search"):
        for year in ("²", "２０２１", "٢٠٢١", "20211", "-1", "2021\x00"):
            r = client.get(path, params={"year": year})
            assert r.status_code in (400, 422), (path, year, r.status_code)
    for path in ("/documents/%00", "/api/documents/%00", "/static/%00", "/indicators/%00"):
        assert client.get(path).status_code == 404, path
    for url in ("/tasks?region=%00", "/api/facts?doc=%00", "/search?q=a%00b", "/api/facts?period=2021%00"):
        assert client.get(url).status_code == 400, url
    assert client.get("/api/facts", params={"period": "21"}).status_code == 422
    assert client.get("/api/facts", params={"limit": "¹"}).status_code == 422
    assert client.get("/api/facts", params={"region": "x" * 5000}).status_code == 422


def test_a_number_that_overflows_is_refused_and_json_stays_json(tmp_path):
    """A number of more than 308 digits reads as infinity: that fact is refused (with a note), the rest of
    the document is stored, and no output holds Infinity."""
    import json

    from planledger.ingest import ingest

    import math
    from dataclasses import replace

    from planledger.store import Store

    path = tmp_path / "big.txt"
    path.write_text(SMALL_REPORT + "全市固定资产投资" + "9" * 400 + "亿元。\n", encoding="utf-8")
    store = open_store(tmp_path / "big.db")
    try:
        # the number stage reads no number from a run of digits too long for a float
        summary = ingest([str(path)], store)
        assert summary.line() == "1 added, 0 unchanged, 0 replaced, 0 failed"
        assert [f["indicator"] for f in store.facts()] == ["地区生产总值"]
        # a fact that reaches the store with an infinite value all the same is refused there, with a note
        processed = process_text(tmp_path, SMALL_REPORT, name="inf.txt")
        processed.facts.append(replace(processed.facts[0], value=float("inf"), start=0, end=1))
        rows = Store.rows(processed)
        assert rows.refused == 1 and len(rows.facts) == len(processed.facts) - 1
        store.save(processed)
        assert all(math.isfinite(f["value"]) for f in store.facts())
    finally:
        store.close()
    with TestClient(create_app(tmp_path / "big.db"), base_url=BASE) as c:
        for url in ("/api/facts", "/api/history/gdp", "/api/scorecard", "/api/documents"):
            r = c.get(url)
            assert r.status_code == 200 and "Infinity" not in r.text
            json.loads(r.text, parse_constant=lambda name: pytest.fail(f"{url}: {name}"))


def test_a_stored_infinity_is_removed_by_migration_6(tmp_path):
    from sqlalchemy import delete, update

    from planledger.store import facts_table, migrations_table

    db = tmp_path / "old.db"
    with open_store(db) as store:
        store.save(process_text(tmp_path, SMALL_REPORT + "投资12亿元。\n"))
        with store.engine.begin() as conn:  # as an older planledger stored it
            conn.execute(update(facts_table).where(facts_table.c.unit == "亿元").values(value=float("inf")))
            conn.execute(delete(migrations_table).where(migrations_table.c.version == 6))
    with open_store(db) as store:
        assert [f["unit"] for f in store.facts()] == ["%"]
        assert [d["n_facts"] for d in store.documents()] == [1]


def process_text(folder, text: str, name: str = "doc.txt"):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return process(str(path))


def test_csv_exports_escape_formulas():
    import io

    from planledger.present import write_csv

    out = io.StringIO()
    write_csv([{"a": "=HYPERLINK(\"http://evil\")", "b": -3.5, "c": "+1", "d": "@SUM(A1)", "e": "\tx", "f": "ok"}],
              [], out)
    import csv

    assert list(csv.reader(io.StringIO(out.getvalue())))[1] == \
        ["'=HYPERLINK(\"http://evil\")", "-3.5", "'+1", "'@SUM(A1)", "'\tx", "ok"]


def test_nul_and_odd_values_on_both_stores(db_url, processed_seeds):
    """On SQLite and on PostgreSQL (whose text cannot hold a NUL): 4xx, never 500."""
    with open_store(db_url) as store:
        store.save(processed_seeds[DOC002])
    with TestClient(create_app(db_url), base_url=BASE) as c:
        for url in ("/documents/%00", "/api/documents/a%00b", "/tasks?region=%00", "/api/facts?region=%00",
                    "/search?q=%00", "/scorecard?year=%C2%B2", "/export/scorecard.csv?year=%C2%B2",
                    "/tasks?year=%C2%B2", "/api/history/gdp?region=%00"):
            r = c.get(url)
            assert 400 <= r.status_code < 500, (url, r.status_code)
        assert c.get(f"/documents/{DOC002}").status_code == 200


@pytest.mark.skipif(not hasattr(os, "pidfd_open") or not os.path.isdir("/proc"), reason="needs pidfd_open, /proc")
def test_sigterm_stops_serve_with_its_upload_workers_and_resource_tracker(tmp_path):
    import select
    import signal
    import socket
    import subprocess
    import sys
    import urllib.error
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "planledger", "serve", "--db", str(tmp_path / "s.db"),
                               "--port", str(port), "--allow-upload"], stderr=subprocess.PIPE, text=True,
                              cwd=Path(__file__).resolve().parents[1])
    try:
        assert "serving" in server.stderr.readline()  # the server says it listens before it does
        base = f"http://127.0.0.1:{port}"
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        for _ in range(100):  # the socket is bound right after the line: a refused connect is retried
            try:
                form = opener.open(base + "/upload", timeout=30).read().decode()
                break
            except OSError:
                select.select([], [], [], 0.05)
        csrf = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
        boundary = "planledgerboundary"
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n"
                f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"s.txt\"\r\n"
                f"Content-Type: text/plain\r\n\r\n{SMALL_REPORT}\r\n--{boundary}--\r\n").encode()
        request = urllib.request.Request(base + "/upload", data=body, headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}", "Origin": base})
        try:
            answer = opener.open(request, timeout=120).read().decode()
        except urllib.error.HTTPError as e:
            answer = e.read().decode()
        assert "s</b>：已添加" in answer, answer[-2000:]

        def descendants(pid: int) -> set[int]:
            children: set[int] = set()
            for task in Path(f"/proc/{pid}/task").glob("*"):  # a child belongs to the thread that made it
                try:
                    children.update(int(x) for x in (task / "children").read_text().split())
                except OSError:
                    pass
            return children.union(*(descendants(c) for c in children))

        helpers = descendants(server.pid)
        assert len(helpers) >= 2  # an upload worker and the resource tracker at least
        watches = {pid: os.pidfd_open(pid) for pid in helpers}
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=60) in (0, -signal.SIGTERM)  # uvicorn re-raises the signal once shut down
        for pid, fd in watches.items():  # each becomes readable when its process has exited
            assert select.select([fd], [], [], 30)[0] == [fd], f"process {pid} outlived the server"
            os.close(fd)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def test_a_slow_upload_does_not_hold_up_the_next(tmp_path, monkeypatch):
    """Two upload workers: while one upload is held in its worker (until the test releases it), another
    is handled and answered; then the first completes too."""
    import threading

    import planledger.web.upload as upload_module
    from broken_files import wait_for_fifo_if_slow

    fifo = tmp_path / "release"
    os.mkfifo(fifo)
    monkeypatch.setenv("PLANLEDGER_TEST_FIFO", str(fifo))  # read by the spawned workers
    monkeypatch.setattr(upload_module, "_handle_upload", wait_for_fifo_if_slow)
    upload_module.stop_workers()  # new workers, which see the variable
    with upload_client(tmp_path, allow_upload=True) as c:
        answers = {}

        def send(name: str, text: str) -> None:
            answers[name] = upload_post(c, files={"file": (f"{name}.txt", text.encode(), "text/plain")})

        c.get("/upload")  # this browser's CSRF cookie, before two uploads at once
        slow = threading.Thread(target=send, args=("slow", SMALL_REPORT))
        slow.start()
        fast = threading.Thread(target=send, args=("fast", SMALL_REPORT + "。"))
        fast.start()
        fast.join(timeout=120)  # answered while the slow one is still held (a guard against a hang only)
        assert "fast" in answers, "the second upload waited behind the first"
        assert answers["fast"].status_code == 200 and "fast</b>：已添加" in answers["fast"].text
        assert "slow" not in answers
        with open(fifo, "w", encoding="utf-8") as release:  # blocks until the slow worker listens
            release.write("go\n")
        slow.join(timeout=120)
        assert answers["slow"].status_code == 200 and "slow</b>：已添加" in answers["slow"].text
    upload_module.stop_workers()
