"""The scorecard of the seeds for Chongqing 2021: what issue 4 asks it to show."""
import pytest

from planledger import ledger as L
from planledger.pipeline import process
from planledger.store import open_store

from conftest import BACKENDS, backend_url, seed_paths


@pytest.fixture(scope="module", params=BACKENDS)  # the same scorecard from SQLite and from PostgreSQL
def scorecard(request, tmp_path_factory):
    with backend_url(request.param, tmp_path_factory.mktemp("seeds")) as url:
        store = open_store(url)
        for p in seed_paths():
            store.save(process(str(p)))
        led = L.build(store, "重庆")
        store.close()
    return led, L.scorecard_rows(led, 2021)


def one(rows, **want):
    found = [r for r in rows if all((v in (r[k] or "")) if isinstance(v, str) else r[k] == v for k, v in want.items())]
    assert len(found) == 1, [(r["indicator"], r["target"]) for r in found]
    return found[0]


def test_gdp_growth(scorecard):
    _, rows = scorecard
    r = one(rows, canonical="gdp", measure="growth")
    assert (r["target"], r["outcome"], r["status"], r["margin"]) == ("增长6%以上", "增长8.3%", "met", "+2.3 pp")
    assert "经济增长" in r["names"] and "地区生产总值" in r["names"]  # the plan report's name and the GWR's
    assert "agrees: 高于预期目标2.3个百分点" in r["claims"]
    assert r["target_sources"].count("|") >= 1 and r["outcome_source"].startswith("002_")


def test_urban_employment(scorecard):
    _, rows = scorecard
    r = one(rows, indicator="城镇新增就业")
    assert (r["target"], r["outcome"], r["status"], r["margin"]) == ("60万人左右", "75.1万人", "exceeded", "+15.1 万人")
    assert "agrees: 超年初预期目标15.1万人" in r["claims"]


def test_high_tech_enterprises(scorecard):
    _, rows = scorecard
    r = one(rows, indicator="高新技术企业")
    assert (r["target"], r["outcome"], r["status"]) == ("超过4500家", "5108家", "met")


def test_old_residential_areas(scorecard):
    _, rows = scorecard
    r = one(rows, indicator="老旧小区改造")
    assert (r["target"], r["outcome"], r["status"]) == ("832个", "841个", "met")


def test_surveyed_unemployment_is_unreported(scorecard):
    _, rows = scorecard
    r = one(rows, indicator="城镇调查失业率")
    assert r["target"] == "5.5%左右" and r["status"] == "unreported"


def test_cumulative_5g_stations_are_not_comparable(scorecard):
    _, rows = scorecard
    r = one(rows, indicator="5G基站")
    assert r["status"] == "not comparable" and "累计建成5G基站" in r["reason"]
    # the cumulative outcome it is not comparable with, with its sentence and document
    assert "cumulative outcome against an annual target" in r["found"] and "累计建成5G基站" in r["found"]
    assert r["outcome"] == "" and "002_" in r["found"]


def test_every_row_has_its_sources(scorecard):
    _, rows = scorecard
    assert rows and all(r["target_sources"] for r in rows)
    assert all(r["outcome_source"] for r in rows if r["outcome"])
