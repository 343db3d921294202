"""The CLI's readable tables (table, markdown, html) in Chinese by default and in English with
--lang en (or $PLANLEDGER_LANG), through the catalogue the web uses; the data formats (csv, json,
jsonl) keep the column names and the English status codes whatever the language."""
import csv
import io
import json

import pytest
from click.testing import CliRunner

from planledger.cli import cli
from planledger.present import Sheet, write_tables

from conftest import SEEDS

pytest.importorskip("babel")

SCORECARD = ["scorecard", "--region", "重庆", "--year", "2021"]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("lang") / "seeds.db")
    out = CliRunner().invoke(cli, ["ingest", str(SEEDS), "--db", path])
    assert out.exit_code == 0, out.output
    return path


def run(*args, env=None):
    out = CliRunner(env=env).invoke(cli, list(args))
    assert out.exit_code == 0, out.output
    return out.stdout


def _gdp_line(markdown: str) -> str:
    return next(line for line in markdown.splitlines() if line.startswith("| 重庆市 | 2021 | 地区生产总值 |"))


def test_a_readable_scorecard_is_in_chinese_by_default(db):
    md = run(*SCORECARD, "--format", "markdown", "--db", db)
    assert md.startswith("# planledger 目标完成情况 — 重庆 2021")
    assert "| 地区 | 期间 | 指标 | 原文名称 | 目标 | 实际 | 评估 | 差距 | 约束性 |" in md
    gdp = _gdp_line(md)
    # the status, the margin's unit and the reason, with the indicator named by the catalogue
    assert "| 达到 |" in gdp and "+2.3个百分点" in gdp
    assert "中唯一的2021年地区生产总值增速实际数" in gdp
    assert " met " not in md and "the only" not in md and "gdp growth" not in md


def test_a_readable_scorecard_in_english_on_request(db):
    md = run(*SCORECARD, "--format", "markdown", "--lang", "en", "--db", db)
    assert md.startswith("# planledger scorecard — 重庆 2021")
    assert "| region | period | indicator | names as written | target | outcome | status | margin |" in md
    gdp = next(line for line in md.splitlines() if "| 重庆市 | 2021 | 地区生产总值 |" in line)
    assert "| met | +2.3 pp |" in gdp and "the only 2021 outcome for gdp growth, in " in gdp
    assert "评估" not in md and "| 达到 |" not in md


def test_the_language_from_the_environment(db):
    table = run(*SCORECARD, "--db", db, env={"PLANLEDGER_LANG": "en"})
    assert "status" in table and "met" in table and "评估" not in table
    table = run(*SCORECARD, "--db", db, "--lang", "zh", env={"PLANLEDGER_LANG": "en"})  # the option wins
    assert "评估" in table and "达到" in table


def test_html_is_marked_with_its_language_and_keeps_the_status_colours(db):
    zh = run(*SCORECARD, "--format", "html", "--db", db)
    assert '<html lang="zh">' in zh and ">评估</th>" in zh and 'class="col-status status-met">达到</td>' in zh
    en = run(*SCORECARD, "--format", "html", "--lang", "en", "--db", db)
    assert '<html lang="en">' in en and ">status</th>" in en and 'class="col-status status-met">met</td>' in en


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_data_formats_keep_the_codes_in_either_language(db, lang):
    rows = list(csv.DictReader(io.StringIO(run(*SCORECARD, "--format", "csv", "--lang", lang, "--db", db))))
    gdp = next(r for r in rows if r["canonical"] == "gdp" and r["measure"] == "growth")
    assert gdp["status"] == "met" and gdp["reason"].startswith("the only 2021 outcome for gdp growth")
    data = json.loads(run("tasks", "--region", "重庆", "--format", "json", "--lang", lang, "--db", db))
    assert data and {t["status"] for t in data} <= {"achieved", "progressing", "behind", "no report", "pending"}


def test_tasks_history_and_docs_read_in_chinese(db):
    tasks = run("tasks", "--region", "重庆", "--format", "markdown", "--db", db)
    assert "| 地区 | 期间 | 对象 | 承诺 | 报告 | 评估 | 说明 |" in tasks
    assert "已有文件回顾" in tasks and "is reviewed" not in tasks and "| no report |" not in tasks
    history = run("history", "gdp", "--region", "重庆", "--format", "markdown", "--db", db)
    assert "## 历年情况" in history and "| 实际 | 地区生产总值 | 增速 |" in history
    docs = run("docs", "--format", "markdown", "--db", db)
    assert "| 名称 | 地区 | 年份 | 文件类型 |" in docs and "政府工作报告" in docs and "government work report" not in docs


def test_present_translates_only_the_readable_formats():
    sheet = Sheet("claims", ["doc", "status", "reason", "binding"],
                  [{"doc": "d", "status": "disagrees", "reason": "the target is missed", "binding": True}])
    out = io.StringIO()
    write_tables([sheet], "markdown", out, lang="zh")
    assert out.getvalue().splitlines()[:3] == ["## 报告表述", "", "| 文件 | 评估 | 说明 | 约束性 |"]
    assert "| d | 不符 | 该目标的评估为未达到 | 是 |" in out.getvalue()
    out = io.StringIO()
    write_tables([sheet], "csv", out, lang="zh")
    assert out.getvalue() == "doc,status,reason,binding\nd,disagrees,the target is missed,true\n"
