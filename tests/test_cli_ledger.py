"""The ledger commands on the seeds, through the CLI as a user runs them."""
import csv
import io
import json

import pytest
from click.testing import CliRunner

from planledger.cli import cli

from conftest import BACKENDS, SEEDS, backend_url


@pytest.fixture(scope="module", params=BACKENDS)  # the commands on SQLite and on PostgreSQL
def db(request, tmp_path_factory):
    with backend_url(request.param, tmp_path_factory.mktemp("cli")) as path:
        out = CliRunner().invoke(cli, ["ingest", str(SEEDS), "--db", path])
        assert out.exit_code == 0, out.output
        yield path


def run(*args):
    out = CliRunner().invoke(cli, list(args))
    assert out.exit_code == 0, out.output
    return out.output


def test_scorecard_json_is_one_object_per_row(db):
    rows = json.loads(run("scorecard", "--region", "重庆", "--year", "2021", "--format", "json", "--db", db))
    gdp = [r for r in rows if r["canonical"] == "gdp" and r["measure"] == "growth"]
    assert gdp and gdp[0]["status"] == "met" and gdp[0]["margin"] == "+2.3 pp"
    assert all(r["period"] == "2021" for r in rows)


@pytest.mark.parametrize("region", ["重庆", "重庆市"])
def test_region_short_and_full(db, region):
    rows = list(csv.DictReader(io.StringIO(run("scorecard", "--region", region, "--format", "csv", "--db", db))))
    assert rows and {r["region"] for r in rows} == {"重庆市"}


def test_other_region_is_empty(db):
    assert json.loads(run("scorecard", "--region", "全国", "--format", "json", "--db", db)) == []


def test_history_of_an_indicator(db):
    rows = [json.loads(line) for line in run("history", "high_tech_enterprises", "--format", "jsonl", "--db", db).splitlines()]
    assert {(r["period"], r["kind"], r["value"]) for r in rows} >= {("2021", "target", 4500), ("2021", "actual", 5108),
                                                                     ("2025", "target", 8000), ("2020", "actual", 4222)}


def test_panel_and_claims(db):
    panel = json.loads(run("panel", "--region", "重庆", "--format", "json", "--db", db))
    assert any(r["indicator"] == "gdp" and r["year"] == 2021 and r["outcome_doc"].startswith("002_") for r in panel)
    claims = json.loads(run("claims", "--format", "json", "--db", db))
    assert {c["claim"]: c["status"] for c in claims}["高于预期目标2.3个百分点"] == "agrees"


@pytest.mark.parametrize("fmt, suffix, check", [
    ("html", ".html", lambda b: b.startswith(b"<!DOCTYPE html") or b.lstrip().lower().startswith(b"<!doctype html")),
    ("xlsx", ".xlsx", lambda b: b[:2] == b"PK"),
    ("markdown", ".md", lambda b: "| 地区生产总值".encode() in b or "地区生产总值".encode() in b),
])
def test_exports(db, tmp_path, fmt, suffix, check):
    out = tmp_path / ("scorecard" + suffix)
    run("scorecard", "--region", "重庆", "--format", fmt, "--output", str(out), "--db", db)
    assert check(out.read_bytes())


def test_xlsx_has_one_sheet_per_table(db, tmp_path):
    import openpyxl

    out = tmp_path / "s.xlsx"
    run("scorecard", "--format", "xlsx", "-o", str(out), "--db", db)
    assert openpyxl.load_workbook(out).sheetnames == ["scorecard", "claims"]


@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".svg", b"<svg")])
def test_plot(db, tmp_path, suffix, magic):
    out = tmp_path / ("gdp" + suffix)
    run("plot", "high_tech_enterprises", "--region", "重庆", "-o", str(out), "--db", db)
    assert magic in out.read_bytes()[:4096]


def test_plot_of_nothing_says_so(db, tmp_path):
    out = CliRunner().invoke(cli, ["plot", "no_such_indicator", "-o", str(tmp_path / "x.png"), "--db", db])
    assert out.exit_code != 0 and "no_such_indicator" in out.output


def test_tolerance_is_configurable(db):
    def status(*opts):
        rows = json.loads(run("scorecard", "--year", "2021", "--format", "json", "--db", db, *opts))
        return {r["indicator"]: r["status"] for r in rows}["城镇新增就业"]

    # 75.1万人 against 60万人左右: beyond 3% is exceeded; within a 30% tolerance it is met
    assert status() == "exceeded"
    assert status("--tolerance-rel", "0.3") == "met"


def test_history_of_a_catalogue_id_is_that_indicator_only(db):
    rows = [json.loads(line) for line in run("history", "gdp", "--format", "jsonl", "--db", db).splitlines()]
    assert rows and all("安全事故" not in r["indicator"] and "人均" not in r["indicator"] for r in rows)
