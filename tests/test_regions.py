"""Region identity from the administrative-division table (planledger/regions.py): codes for every
province, a sample of prefectures and counties, 全国, an ambiguous name; a district's reports that
name it differently are one region for the ledger and the task ledger; a city is not its province."""
import pytest

from planledger import ledger as L
from planledger import regions as R
from planledger.lexicon import regions as region_words
from planledger.model import Document
from planledger.pipeline import process_document
from planledger.store import open_store
from planledger.tasks import ACHIEVED, ledger as task_ledger, rows as task_rows


@pytest.mark.parametrize("province", region_words().provinces)
def test_every_province_by_full_and_short_name(province):
    r = R.resolve(province)
    assert isinstance(r, R.Region) and r.level == "province" and r.code.endswith("0000")
    assert r.name == province and r.parent_code == R.NATIONAL_CODE
    assert R.resolve(r.short) == r and R.resolve(r.code) == r


def test_province_short_forms():
    assert {p: R.resolve(p).short for p in ("广西壮族自治区", "新疆维吾尔自治区", "内蒙古自治区", "宁夏回族自治区",
                                           "香港特别行政区", "重庆市", "黑龙江省")} == {
        "广西壮族自治区": "广西", "新疆维吾尔自治区": "新疆", "内蒙古自治区": "内蒙古", "宁夏回族自治区": "宁夏",
        "香港特别行政区": "香港", "重庆市": "重庆", "黑龙江省": "黑龙江"}
    assert len({R.resolve(p).code for p in region_words().provinces}) == 34


@pytest.mark.parametrize("name, code, parent", [
    ("呼伦贝尔市", "150700", "150000"),
    ("苏州市", "320500", "320000"),
    ("恩施土家族苗族自治州", "422800", "420000"),
    ("大兴安岭地区", "232700", "230000"),
    ("锡林郭勒盟", "152500", "150000"),
    ("吉林市", "220200", "220000"),  # not the province 吉林省
    ("深圳", "440300", "440000"),
])
def test_prefectures(name, code, parent):
    r = R.resolve(name)
    assert (r.code, r.level, r.parent_code) == (code, "prefecture", parent)


@pytest.mark.parametrize("name, code, parent", [
    ("海拉尔区", "150702", "150700"),
    ("呼伦贝尔市海拉尔区", "150702", "150700"),
    ("海拉尔", "150702", "150700"),
    ("内蒙古自治区呼伦贝尔市海拉尔区", "150702", "150700"),
    ("渝中区", "500103", "500000"),  # under a municipality: the municipality is the parent
    ("重庆市渝中区", "500103", "500000"),
    ("昆山市", "320583", "320500"),
    ("济源市", "419001", "410000"),  # a county-level city directly under its province
    ("阿鲁科尔沁旗", "150421", "150400"),
])
def test_counties(name, code, parent):
    r = R.resolve(name)
    assert (r.code, r.level, r.parent_code) == (code, "county", parent)


def test_the_state_council():
    for name in ("全国", "国务院", "中华人民共和国"):
        assert (R.resolve(name).code, R.resolve(name).level) == ("000000", "national")
    assert R.of_document(None, None, "/corpus/2015年国务院政府工作报告.txt").code == "000000"
    assert R.of_document(None, "政府工作报告——2015年3月5日在第十二届全国人民代表大会第三次会议上 国务院总理").code == "000000"


def test_an_ambiguous_name_is_reported_not_guessed():
    r = R.resolve("鼓楼区")
    assert isinstance(r, R.Ambiguous)
    assert {c.code for c in r.candidates} == {"320106", "320302", "350102", "410204"}
    assert "350102 福建省福州市鼓楼区" in r.describe()
    # the text's parent settles it
    assert R.resolve("鼓楼区", parent_hint="福州市").code == "350102"
    assert R.resolve("福州市鼓楼区").code == "350102"
    assert R.resolve("南京鼓楼区").code == "320106"
    with pytest.raises(R.AmbiguousRegion) as err:
        R.filter_for("鼓楼区")
    assert "--region 鼓楼区" in str(err.value) and "410204" in str(err.value) and "\n" not in str(err.value)


def test_names_outside_the_table_keep_their_short_form():
    assert R.resolve("安川市") is None
    assert R.link_key(None, "安川市") == R.link_key(None, "安川") == "name:安川"
    assert R.link_key(None, "青禾市安川区") == R.link_key(None, "安川区")


def _save(store, name, text, region=None):
    store.save(process_document(Document(path=name, text=text, format="text", sha256=name), region=region))


HAILAR = "{year}年{title}人民政府工作报告\n一、{prev}年工作回顾\n{review}\n二、{year}年工作安排\n{plan}\n"


def _hailar(tmp_path):
    store = open_store(str(tmp_path / "h.db"))
    _save(store, "hailar-2018.txt", HAILAR.format(year=2018, prev=2017, title="海拉尔区", review="全年经济平稳。",
                                                  plan="地区生产总值增长6%左右。建成海拉尔河大桥。"))
    _save(store, "hailar-2019.txt", HAILAR.format(year=2019, prev=2018, title="呼伦贝尔市海拉尔区",
                                                  review="地区生产总值增长6.1%。海拉尔河大桥建成通车。",
                                                  plan="地区生产总值增长5.5%左右。"))
    return store


def test_a_districts_reports_named_differently_are_one_region(tmp_path):
    store = _hailar(tmp_path)
    docs = {d["name"]: d for d in store.documents()}
    assert docs["hailar-2018"]["region"] == "海拉尔区" and docs["hailar-2019"]["region"] == "呼伦贝尔市海拉尔区"
    assert {d["region_code"] for d in docs.values()} == {"150702"}
    assert docs["hailar-2019"]["region_parent"] == "150700" and docs["hailar-2019"]["region_level"] == "county"
    for name in ("海拉尔", "海拉尔区", "呼伦贝尔市海拉尔区", "150702"):
        assert {f["doc"] for f in store.facts(region=name)} == {"hailar-2018", "hailar-2019"}
    assert store.facts(region="呼伦贝尔市") == []  # the prefecture's documents are not its districts'
    rows = L.scorecard_rows(L.build(store, "海拉尔"), 2018)
    (gdp,) = [r for r in rows if r["canonical"] == "gdp"]
    assert (gdp["status"], gdp["outcome"], gdp["region_code"]) == ("met", "增长6.1%", "150702")
    (task,) = task_rows(task_ledger(store.documents_with_text("海拉尔区")), year=2018)
    assert (task["object"], task["status"]) == ("海拉尔河大桥", ACHIEVED)
    store.close()


def test_tasks_command_on_a_district(tmp_path):
    import json

    from click.testing import CliRunner

    from planledger.cli import cli

    _hailar(tmp_path).close()
    out = CliRunner().invoke(cli, ["tasks", "--region", "呼伦贝尔市海拉尔区", "--format", "json",
                                   "--db", str(tmp_path / "h.db")])
    assert out.exit_code == 0, out.output
    assert [(r["object"], r["status"]) for r in json.loads(out.output)] == [("海拉尔河大桥", ACHIEVED)]
    bad = CliRunner().invoke(cli, ["scorecard", "--region", "鼓楼区", "--db", str(tmp_path / "h.db")])
    assert bad.exit_code != 0 and "ambiguous" in bad.output and "Traceback" not in bad.output


def test_a_city_is_not_its_province(tmp_path):
    store = open_store(str(tmp_path / "c.db"))
    plan = "{year}年{title}人民政府工作报告\n一、2020年工作回顾\n全年经济平稳。\n二、2021年工作安排\n地区生产总值增长{v}%以上。\n"
    _save(store, "cq.txt", plan.format(year=2021, title="重庆市", v=6))
    _save(store, "yz.txt", plan.format(year=2021, title="重庆市渝中区", v=7))
    assert {f["doc"] for f in store.facts(region="重庆")} == {"cq"}
    assert {f["doc"] for f in store.facts(region="渝中区")} == {"yz"}
    assert {d["name"]: d["region_code"] for d in store.documents()} == {"cq": "500000", "yz": "500103"}
    store.close()


def test_an_old_store_gains_the_region_columns(tmp_path):
    """Migration 7 adds the columns and fills them for the documents already stored; 8 indexes the code."""
    import sqlite3

    _hailar(tmp_path).close()
    db = sqlite3.connect(tmp_path / "h.db")
    db.execute("DROP INDEX ix_documents_region_code")
    for c in ("region_code", "region_name", "region_level", "region_parent"):
        db.execute(f"ALTER TABLE documents DROP COLUMN {c}")
    db.execute("DELETE FROM schema_migrations WHERE version IN (7, 8)")
    db.commit()
    db.close()
    store = open_store(str(tmp_path / "h.db"))
    assert {d["region_code"] for d in store.documents()} == {"150702"}
    assert {f["doc"] for f in store.facts(region="海拉尔")} == {"hailar-2018", "hailar-2019"}
    store.close()


def test_the_stores_regions_in_official_order(tmp_path):
    store = _hailar(tmp_path)
    _save(store, "cq.txt", "2021年重庆市人民政府工作报告\n一、2020年工作回顾\n全年经济平稳。\n")
    _save(store, "gl.txt", "2021年鼓楼区人民政府工作报告\n一、2020年工作回顾\n全年经济平稳。\n")
    got = [(r["code"], r["name"], r["level"], r["documents"]) for r in store.regions()]
    assert got == [("150702", "海拉尔区", "county", 2), ("500000", "重庆市", "province", 1),
                   (None, "鼓楼区", "ambiguous", 1)]
    assert store.facts(region="150702") == store.facts(region="海拉尔")
    store.close()
