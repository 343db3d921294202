"""planledger panel --year: the analyst's table, one row per region (issue 16 item 1)."""
import csv
import io
import json

import pytest
from click.testing import CliRunner

from planledger.cli import cli

GWR = ("{year}年{region}人民政府工作报告\n一、{prev}年工作回顾\n{review}\n二、{year}年工作安排\n"
       "今年经济社会发展主要预期目标是：{targets}\n")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("panel")
    docs = {
        # listed out of code order: the panel puts 河北 (130000) before 重庆 (500000), the city last
        "cq-2025.txt": GWR.format(year=2025, prev=2024, region="重庆市", review="全年经济平稳。",
                                  targets="地区生产总值增长6%左右，城镇新增就业65万人。"),
        "cq-2026.txt": GWR.format(year=2026, prev=2025, region="重庆市", review="地区生产总值增长5.3%，城镇新增就业70万人。",
                                  targets="地区生产总值增长5%以上，城镇新增就业65万人以上。"),
        "hb-2025.txt": GWR.format(year=2025, prev=2024, region="河北省", review="全年经济平稳。",
                                  targets="地区生产总值增长5%以上。"),
        "hb-2026.txt": GWR.format(year=2026, prev=2025, region="河北省", review="全省生产总值增长5.6%。",
                                  targets="地区生产总值增长4.5%—5%。"),
        "sz-2026.txt": GWR.format(year=2026, prev=2025, region="石家庄市", review="全市经济平稳。",
                                  targets="地区生产总值增长5.5%左右。"),
    }
    for name, text in docs.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = str(folder / "p.db")
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", path])
    assert result.exit_code == 0, result.output
    return path


def panel(db, *args):
    out = CliRunner().invoke(cli, ["panel", "--year", "2026", "--db", db, *args])
    assert out.exit_code == 0, out.output
    return out.output


def test_one_row_per_region_in_official_order(db):
    rows = json.loads(panel(db, "--indicator", "gdp,城镇新增就业", "--format", "json"))
    assert [(r["region"], r["code"], r["level"]) for r in rows] == [
        ("河北省", "130000", "province"), ("石家庄市", "130100", "prefecture"), ("重庆市", "500000", "province")]
    cq = rows[2]
    assert (cq["gdp target"], cq["gdp qualifier"], cq["gdp unit"]) == (5, ">=", "%")
    assert (cq["gdp last_target"], cq["gdp last_qualifier"], cq["gdp last_outcome"], cq["gdp last_verdict"]) == (
        6, "~", 5.3, "missed")
    assert cq["gdp change"] == -1
    assert (cq["new_urban_jobs target"], cq["new_urban_jobs last_outcome"], cq["new_urban_jobs last_verdict"]) == (
        65, 70, "exceeded")


def test_level_filter_and_sort(db):
    rows = json.loads(panel(db, "--indicator", "gdp", "--level", "province", "--sort", "gdp last_outcome",
                            "--format", "json"))
    assert [r["region"] for r in rows] == ["重庆市", "河北省"]  # 5.3 before 5.6
    assert [r["region"] for r in json.loads(panel(db, "--indicator", "gdp", "--level", "city", "--format", "json"))] \
        == ["石家庄市"]
    bad = CliRunner().invoke(cli, ["panel", "--year", "2026", "--indicator", "gdp", "--sort", "nope", "--db", db])
    assert bad.exit_code != 0 and "nope is no column" in bad.output and "Traceback" not in bad.output
    bad = CliRunner().invoke(cli, ["panel", "--year", "2026", "--indicator", "不存在的指标", "--db", db])
    assert bad.exit_code != 0 and "no indicator of the catalogue" in bad.output


def test_csv_file_for_excel_has_a_bom_and_stdout_has_none(db, tmp_path):
    out = tmp_path / "p.csv"
    panel(db, "--indicator", "gdp", "--format", "csv", "-o", str(out))
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = next(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert header[:4] == ["region", "code", "level", "gdp target"]
    assert not panel(db, "--indicator", "gdp", "--format", "csv").startswith("\ufeff")


def test_xlsx_is_an_analysts_sheet(db, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "p.xlsx"
    panel(db, "--indicator", "gdp", "--format", "xlsx", "-o", str(out))
    wb = load_workbook(out)
    assert wb.sheetnames == ["panel", "sources"]
    ws = wb["panel"]
    assert ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    row = {h: c.value for h, c in zip(header, ws[4])}
    assert row["region"] == "重庆市" and row["gdp target"] == 5 and isinstance(row["gdp last_outcome"], float)
    sources = list(wb["sources"].values)
    assert sources[0][:4] == ("region", "code", "indicator", "what")
    assert any(r[0] == "重庆市" and r[3] == "2025 outcome" and "增长5.3%" in r[-1] for r in sources[1:])


def test_markdown_and_html_carry_both_tables(db):
    md = panel(db, "--indicator", "gdp", "--format", "markdown")
    assert "重庆市" in md and "2025年实际" in md and "| 地区生产总值 |" in md  # Chinese by default
    md = panel(db, "--indicator", "gdp", "--format", "markdown", "--lang", "en")
    assert "重庆市" in md and "2025 outcome" in md and "| gdp |" in md
    assert "<table" in panel(db, "--indicator", "gdp", "--format", "html")
