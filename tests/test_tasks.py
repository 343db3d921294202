"""Commitments on named objects, their promised stage, and what later reports say became of them."""
import pytest

from planledger.normalize import normalize
from planledger.structure import describe
from planledger.tasks import (ACHIEVED, BEHIND, NO_REPORT, PENDING, PROGRESSING, _clause_mentions, ledger, rows,
                              same_object, stages)

from conftest import seed_paths


def doc(name, text):
    meta = describe(normalize(text).text)
    return {"name": name, "text": text, "region": meta.region or "重庆市", "year": meta.year, "doc_type": meta.doc_type}


def test_the_ladder_is_ordered_and_every_verb_has_one_rung():
    s = stages()
    assert s.rungs[0] == "planning" and s.rungs[-1] == "completed"
    assert s.verb_rung["建成"] > s.verb_rung["联调联试"] > s.verb_rung["加快"] > s.verb_rung["开工"] > s.verb_rung["可研"]
    assert s.rungs[s.progress_rung] == "building"


@pytest.mark.parametrize("clause, objects", [
    ("建成郑万高铁重庆段", [("郑万高铁重庆段", "completed")]),
    ("启动成渝中线、渝西、渝宜高铁建设及重庆站改造",
     [("成渝中线", "started"), ("渝西高铁", "started"), ("渝宜高铁", "started"), ("重庆站", "started")]),
    ("加快江北机场T3B航站楼及第四跑道建设", [("江北机场T3B航站楼及第四跑道", "building")]),
    ("提速渝万、渝昆、成达万、渝湘高铁重庆至黔江段等高铁建设",
     [("渝万高铁", "building"), ("渝昆高铁", "building"), ("成达万高铁", "building"), ("渝湘高铁重庆至黔江段", "building")]),
    ("郑万高铁重庆段开展联调联试", [("郑万高铁重庆段", "finishing")]),
    ("渝西高铁安康至重庆段可研获批", [("渝西高铁安康至重庆段", "preparation")]),
    ("江北机场T3B航站楼及第四跑道建设提速", [("江北机场T3B航站楼及第四跑道", "building")]),
    ("加快渝贵、兰渝高铁前期工作", [("渝贵高铁", "preparation"), ("兰渝高铁", "preparation")]),
    ("提速建设31个重大项目", []),  # a count is the core's fact, not a named object
    ("加快发展数字经济", []),  # no named object
])
def test_objects_and_stages(clause, objects):
    got = [(obj, stages().rungs[rung]) for obj, _, rung, _, _ in _clause_mentions(clause)]
    assert got == objects


@pytest.mark.parametrize("a, b, same", [
    ("郑万高铁重庆段", "郑万高铁重庆段", True),
    ("渝西高铁", "渝西高铁安康至重庆段", True),
    ("渝西高铁", "渝西水资源配置工程", False),
    ("渝湘高铁重庆至黔江段", "渝湘高铁黔江至吉首段", False),
    ("兰渝铁路", "兰渝高铁", True),  # synonyms unified
])
def test_same_object(a, b, same):
    assert same_object(a, b) is same


PLAN = "2021年重庆市人民政府工作报告\n一、2020年工作回顾\n全年经济平稳。\n二、2021年工作安排\n{}\n"
REVIEW = "关于重庆市2021年国民经济和社会发展计划执行情况与2022年计划草案的报告\n一、2021年国民经济和社会发展计划执行情况\n{}\n"


@pytest.mark.parametrize("plan, review, status", [
    ("建成郑万高铁重庆段。", "郑万高铁重庆段开展联调联试。", BEHIND),
    ("建成郑万高铁重庆段。", "郑万高铁重庆段建成通车。", ACHIEVED),
    ("加快江北机场T3B航站楼建设。", "江北机场T3B航站楼建设提速。", PROGRESSING),
    ("加快江北机场T3B航站楼建设。", "江北机场T3B航站楼建成投用。", ACHIEVED),
    ("启动渝宜高铁建设。", "渝宜高铁重庆段完成可研编制。", BEHIND),
    ("启动渝宜高铁建设。", "地区生产总值增长8.3%。", NO_REPORT),
])
def test_status(plan, review, status):
    tasks = ledger([doc("gwr", PLAN.format(plan)), doc("plan", REVIEW.format(review))])
    assert [t.status for t in tasks] == [status]
    if status not in (NO_REPORT, PENDING):
        assert tasks[0].reported.sentence and tasks[0].commitment.sentence


def test_pending_until_the_year_is_reviewed():
    (t,) = ledger([doc("gwr", PLAN.format("建成郑万高铁重庆段。"))])
    assert t.status == PENDING


def test_commitment_offsets_point_at_the_object():
    text = PLAN.format("建成郑万高铁重庆段。")
    (t,) = ledger([doc("gwr", text)])
    assert text[t.commitment.start:t.commitment.end] == "郑万高铁重庆段"


@pytest.fixture(scope="module")
def seed_tasks():
    docs = [doc(p.stem, p.read_text(encoding="utf-8")) for p in seed_paths()]
    return {r["object"]: r for r in rows(ledger(docs), year=2021)}


@pytest.mark.parametrize("obj, promised, reported, status", [
    ("郑万高铁重庆段", "建成", "开展联调联试", BEHIND),
    ("成渝中线", "启动", "启动建设", ACHIEVED),
    ("渝西高铁", "启动", "可研获批", BEHIND),
    ("渝宜高铁", "启动", "完成可研编制", BEHIND),
    ("江北机场T3B航站楼及第四跑道", "加快", "建设提速", PROGRESSING),
])
def test_seed_commitments(seed_tasks, obj, promised, reported, status):
    r = seed_tasks[obj]
    assert (r["promised"], r["reported"], r["status"]) == (promised, reported, status)
    assert r["commitment_source"].startswith("001_") and r["outcome_source"].startswith("002_")


def test_tasks_command(tmp_path):
    import json

    from click.testing import CliRunner

    from planledger.cli import cli

    from conftest import SEEDS

    db = str(tmp_path / "t.db")
    assert CliRunner().invoke(cli, ["ingest", str(SEEDS), "--db", db]).exit_code == 0
    out = CliRunner().invoke(cli, ["tasks", "--region", "重庆", "--year", "2021", "--format", "json", "--db", db])
    assert out.exit_code == 0, out.output
    rows = {r["object"]: r for r in json.loads(out.output)}
    assert rows["郑万高铁重庆段"]["status"] == "behind"
    assert rows["郑万高铁重庆段"]["commitment_source"] and rows["郑万高铁重庆段"]["outcome_source"]
    behind = json.loads(CliRunner().invoke(cli, ["tasks", "--status", "behind", "--format", "json", "--db", db]).output)
    assert behind and all(r["status"] == "behind" for r in behind)
