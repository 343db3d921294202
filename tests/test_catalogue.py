"""The indicator catalogue: every entry's schema, real phrasings → ids, errors, gold coverage."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from planledger.catalogue import (
    CATEGORIES,
    INDICATORS_PATH,
    MATCHING_PATH,
    MEASURES,
    OPTIONAL_KEYS,
    POLARITIES,
    REQUIRED_KEYS,
    UNIT_FAMILIES,
    Entry,
    load_catalogue,
    normalize_phrase,
)
from planledger.errors import DataFileError

from conftest import SHARED

RAW = yaml.safe_load(INDICATORS_PATH.read_text(encoding="utf-8"))
SEEDS_GOLD = SHARED / "gold" / "seeds.jsonl"
NATIONAL_GOLD = SHARED / "gold" / "national-2004-2014.jsonl"


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def _claims() -> dict[str, list[str]]:
    claims: dict[str, list[str]] = {}
    for item in RAW:
        for text in [item["name"], *(item.get("aliases") or [])]:
            claims.setdefault(normalize_phrase(text), []).append(item["id"])
    return claims


CLAIMS = _claims()


# ---------------------------------------------------------------------------- schema, per entry
@pytest.mark.parametrize("item", RAW, ids=[str(item.get("id")) for item in RAW])
def test_entry_schema(item):
    assert set(REQUIRED_KEYS) <= set(item), f"missing {set(REQUIRED_KEYS) - set(item)}"
    assert set(item) <= set(REQUIRED_KEYS) | set(OPTIONAL_KEYS)
    assert item["id"].isascii() and item["id"] == item["id"].lower() and " " not in item["id"]
    assert isinstance(item["name"], str) and item["name"].strip()
    assert isinstance(item["aliases"], list)
    assert item["unit_family"] in UNIT_FAMILIES
    assert item["polarity"] in POLARITIES
    assert item["category"] in CATEGORIES
    assert item["measures"] and set(item["measures"]) <= MEASURES
    assert len(set(item["measures"])) == len(item["measures"])
    for text in [item["name"], *item["aliases"]]:
        owners = CLAIMS[normalize_phrase(text)]
        assert owners == [item["id"]], f"{text!r} claimed by {owners}"


def test_ids_unique():
    ids = [item["id"] for item in RAW]
    assert len(ids) == len(set(ids))


def test_catalogue_loads_every_entry(catalogue):
    assert len(catalogue) == len(RAW) >= 80
    entry = catalogue.get("gdp")
    assert isinstance(entry, Entry) and entry.name == "地区生产总值"
    assert "gdp" in catalogue and catalogue.get("no_such_id") is None
    assert [e.id for e in catalogue] == [item["id"] for item in RAW]


def test_load_is_cached():
    assert load_catalogue() is load_catalogue()


# ---------------------------------------------------------------------------- real phrasings
MATCHES = [
    # (phrase, unit, measure, expected id) — phrasings from the seeds and national reports
    ("经济增长", "%", "growth", "gdp"),
    ("全市经济增长", "%", "growth", "gdp"),
    ("全市经济增长预期目标", "%", "growth", "gdp"),
    ("国内生产总值", "%", "growth", "gdp"),
    ("国内生产总值", "万亿元", "level", "gdp"),
    ("地区生产总值", "亿元", "level", "gdp"),
    ("GDP", None, None, "gdp"),
    ("经济总量", "%", "growth", "gdp"),
    ("2021年全市地区生产总值", "%", "growth", "gdp"),
    ("区生产总值", "%", "growth", "gdp"),  # a district's own (浦东新区 "区生产总值增长7.5%")
    ("全县生产总值", "亿元", "level", "gdp"),
    ("规上工业增加值", "%", "growth", "industrial_value_added_above_size"),
    ("规模以上工业增加值增速", "%", None, "industrial_value_added_above_size"),
    ("服务业增加值", "%", "growth", "services_value_added"),
    ("农业增加值", "%", "growth", "agriculture_value_added"),
    ("全社会固定资产投资", "%", "growth", "fixed_asset_investment"),
    ("社会消费品零售总额", "亿元", "level", "retail_sales"),
    ("一般公共预算收入", "%", "growth", "general_budget_revenue"),
    ("进出口总值", "%", "growth", "foreign_trade_total"),
    ("进出口贸易总额", "万亿美元", "level", "foreign_trade_total"),
    ("外贸进出口", "%", "growth", "foreign_trade_total"),
    ("高技术产业增加值占工业比重", "%", "level", "high_tech_industry_share_of_industry"),
    ("高新技术企业数量", "家", "level", "high_tech_enterprises"),
    ("高新技术企业", "家", "level", "high_tech_enterprises"),
    ("战略性新兴产业增加值", "%", "growth", "strategic_emerging_industries_value_added"),
    ("全社会研发经费支出占地区生产总值比重", "%", "level", "rd_intensity"),
    ("研发经费投入强度", "%", "level", "rd_intensity"),
    ("全体居民人均可支配收入", "%", "growth", "disposable_income_per_capita"),
    ("农村居民人均可支配收入", "元", "level", "rural_disposable_income_per_capita"),
    ("农民人均纯收入", "%", "growth", "rural_net_income_per_capita"),
    ("新增城镇就业", "万人", "level", "new_urban_jobs"),
    ("城镇新增就业", "万人", "level", "new_urban_jobs"),
    ("城镇调查失业率", "%", "level", "surveyed_unemployment_rate"),
    ("城镇调查失业率平均值", "%", "level", "surveyed_unemployment_rate"),
    ("城镇登记失业率", "%", "level", "registered_unemployment_rate"),
    ("亿元地区生产总值安全事故死亡率", "%", "level", "work_safety_deaths_per_100m_gdp"),
    ("每亿元地区生产总值生产安全事故死亡人数", "人", "level", "work_safety_deaths_per_100m_gdp"),
    ("空气质量优良天数比率", "%", "level", "air_quality_good_days_ratio"),
    ("森林覆盖率", "%", "level", "forest_coverage"),
    ("能源消耗总量", "万吨标准煤", "level", "energy_consumption_total"),
    ("单位GDP能耗", "%", "growth", "energy_intensity"),
    ("单位国内生产总值能耗", "%", "growth", "energy_intensity"),
    ("能源消耗强度", "%", "growth", "energy_intensity"),
    ("单位地区生产总值二氧化碳排放", "%", "growth", "co2_intensity"),
    ("主要污染物排放下降幅度", "%", "growth", "major_pollutants_emissions"),
    ("化学需氧量排放总量", "%", "growth", "cod_emissions"),
    ("氨氮", "%", "growth", "ammonia_nitrogen_emissions"),
    ("二氧化硫排放量", "万吨", "level", "so2_emissions"),
    ("氮氧化物", "%", "growth", "nox_emissions"),
    ("万人发明专利拥有量", "件", "level", "invention_patents_per_10k_people"),
    ("“一区”与“两群”人均地区生产总值比值", ":1", "level", "one_zone_two_groups_gdp_per_capita_ratio"),
    ("粮食产量", "亿公斤", "level", "grain_output"),
    ("粮食总产量", "万吨", "level", "grain_output"),
    ("常住人口城镇化率", "%", "level", "urbanization_rate"),
    ("居民消费价格", "%", "growth", "cpi"),
    ("居民消费价格总水平涨幅", "%", "growth", "cpi"),
    ("CPI", "%", None, "cpi"),
    ("数字经济增加值", "%", "growth", "digital_economy_value_added"),
    ("数字经济核心产业增加值", "%", "growth", "digital_economy_core_value_added"),  # a part, not the whole
    ("新登记市场主体", "%", "growth", "new_market_entities"),
    ("新设市场主体", "万户", "level", "new_market_entities"),
    ("城乡居民收入", "%", "growth", "urban_rural_income"),
    ("实际利用外资", "亿美元", "level", "foreign_direct_investment"),
    ("科技进步贡献率", "%", "level", "tech_progress_contribution_rate"),
    ("中央财政赤字", "亿元", "level", "central_fiscal_deficit"),
    ("全国财政赤字", "亿元", "level", "fiscal_deficit"),
    ("赤字率", "%", "level", "deficit_ratio"),
    ("广义货币M2", "%", "growth", "m2"),
    ("代地方发债", "亿元", "level", "local_bonds_issued_by_central"),
    ("新增人民币贷款", "万亿元", "level", "new_rmb_loans"),
    ("其中中央财政赤字", "亿元", "level", "central_fiscal_deficit"),
    ("全国财政收入", "万亿元", "level", "fiscal_revenue"),
    ("人口自然增长率", "‰", "level", "population_natural_growth_rate"),
    ("城镇保障性住房", "万套", "level", "affordable_housing"),
    # negatives: nothing fits, so nothing is guessed
    ("规上工业企业利润", "%", "growth", None),
    ("规模以上工业企业利润", "亿元", "level", None),
    ("新建5G基站", "万个", "level", None),
    ("老旧小区改造", "个", "level", None),
    ("两江新区规上工业增加值", "%", "growth", None),
    ("渝东北工业投资", "%", "growth", None),
    ("对东盟进出口", "%", "growth", None),
    ("数字经济增长", "%", "growth", None),
    ("规上工业企业研发投入强度", "%", "level", None),
    ("渝东北国控断面水质优良比率", "%", "level", None),
    ("集聚产业人才", "万人", "level", None),
    ("", None, None, None),
    # the unit or measure contradicts the entry
    ("城镇调查失业率", "亿元", "level", None),
    ("居民消费价格", "亿元", "level", None),
    ("城镇新增就业", "亿元", "level", None),
    ("粮食产量", "公里", "level", None),
    ("地区生产总值", "%", "level", None),
]


@pytest.mark.parametrize("phrase,unit,measure,expected", MATCHES)
def test_match(catalogue, phrase, unit, measure, expected):
    assert catalogue.match(phrase, unit, measure) == expected


# ---------------------------------------------------------------------------- the words stripped (matching.yaml)
MATCHING = yaml.safe_load(MATCHING_PATH.read_text(encoding="utf-8"))


@pytest.mark.parametrize("word", MATCHING["leading"])
def test_each_leading_word_opens_a_name_it_does_not_change(catalogue, word):
    assert catalogue.match(f"{word}城镇调查失业率", "%", "level") == "surveyed_unemployment_rate"
    assert catalogue.match(f"{word}两江新区规上工业增加值", "%", "growth") is None  # the residue stays a residue


@pytest.mark.parametrize("written, example", list(zip(MATCHING["leading_patterns"], ["2031年末", "十六五期间"], strict=True)))
def test_each_leading_pattern_opens_a_name_it_does_not_change(catalogue, written, example):
    assert re.fullmatch(written, example)
    assert catalogue.match(f"{example}森林覆盖率", "%", "level") == "forest_coverage"


@pytest.mark.parametrize("word", MATCHING["trailing"])
def test_each_trailing_word_closes_a_name_it_does_not_change(catalogue, word):
    assert catalogue.match(f"农村居民人均可支配收入{word}", "%", "growth") == "rural_disposable_income_per_capita"
    assert catalogue.match(f"数字经济{word}", "%", "growth") is None


@pytest.mark.parametrize("phrase, region, expected", [
    ("湖北省地区生产总值", "湖北省", "gdp"),  # the document's own region, full
    ("湖北地区生产总值", "湖北省", "gdp"),  # and short
    ("宁夏空气质量优良天数", "宁夏回族自治区", "air_quality_good_days"),
    ("安川市常住人口城镇化率", "安川市", "urbanization_rate"),  # any region the document names, not only provinces
    ("湖北地区生产总值", None, None),  # a region of its own: another's figure, not this document's
    ("广东地区生产总值", "全国", None),  # a province in a national report
    ("湖南省地区生产总值", "湖北省", None),
])
def test_the_documents_own_region_may_open_a_name(catalogue, phrase, region, expected):
    assert catalogue.match(phrase, "%", "level" if "率" in phrase else "growth", region) == expected


def test_matching_file_errors_name_the_file_and_key(tmp_path):
    from planledger.catalogue import _load_matching

    path = tmp_path / "matching.yaml"
    path.write_text("leading: [全市]\nleading_patterns: ['(']\ntrailing: [增长]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="leading_patterns") as bad_pattern:
        _load_matching(path)
    path.write_text("leading: []\nleading_patterns: ['x']\ntrailing: [增长]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="leading") as empty:
        _load_matching(path)
    # one line, naming the file
    assert all(str(path) in str(e.value) and "\n" not in str(e.value) for e in (bad_pattern, empty))


def test_match_ignores_full_width_and_spaces(catalogue):
    assert catalogue.match("ＧＤＰ") == "gdp"
    assert catalogue.match(" 森林 覆盖率 ", "%") == "forest_coverage"
    assert catalogue.match("单位ｇｄｐ能耗", "%", "growth") == "energy_intensity"


def test_points_fit_growth_and_percent_entries(catalogue):
    assert catalogue.match("常住人口城镇化率", "个百分点", "growth") == "urbanization_rate"
    assert catalogue.match("地区生产总值", "个百分点", "growth") == "gdp"


# ---------------------------------------------------------------------------- malformed files
def _write(tmp_path, text: str) -> Path:
    path = tmp_path / "indicators.yaml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = (
    "- id: gdp\n  name: 地区生产总值\n  aliases: [GDP]\n  unit_family: currency\n"
    "  measures: [growth, level]\n  polarity: higher_is_better\n  category: economy\n"
)


def test_malformed_yaml_names_file(tmp_path):
    path = _write(tmp_path, "- id: gdp\n  name: [unclosed\n")
    with pytest.raises(DataFileError) as info:
        load_catalogue(path)
    assert str(path) in str(info.value) and "YAML" in str(info.value)
    assert "\n" not in str(info.value)


def test_missing_file_names_file(tmp_path):
    with pytest.raises(DataFileError) as info:
        load_catalogue(tmp_path / "absent.yaml")
    assert "absent.yaml" in str(info.value)


@pytest.mark.parametrize(
    "old,new,words",
    [
        ("polarity: higher_is_better", "polarity: up", ["'gdp'", "polarity"]),
        ("unit_family: currency", "unit_family: money", ["'gdp'", "unit_family"]),
        ("measures: [growth, level]", "measures: [speed]", ["measures"]),
        ("  category: economy\n", "", ["category", "missing"]),
        ("id: gdp", "id: GDP-1", ["id", "snake_case"]),
        ("aliases: [GDP]", "aliases: [地区生产总值]", ["aliases", "claimed"]),
        ("aliases: [GDP]", "aliases: GDP", ["aliases"]),
    ],
)
def test_invalid_entry_names_entry_and_key(tmp_path, old, new, words):
    path = _write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(DataFileError) as info:
        load_catalogue(path)
    message = str(info.value)
    assert str(path) in message and "entry 0" in message
    for word in words:
        assert word in message


def test_alias_claimed_by_two_entries(tmp_path):
    second = GOOD.replace("id: gdp", "id: gdp_again").replace("name: 地区生产总值", "name: 国内生产总值")
    path = _write(tmp_path, GOOD + second)
    with pytest.raises(DataFileError, match=r"entry 1 \(id 'gdp_again'\).*'GDP' is already claimed by 'gdp'"):
        load_catalogue(path)


def test_an_id_or_a_headline_rank_used_twice_names_the_later_entry(tmp_path):
    other = GOOD.replace("name: 地区生产总值", "name: 国内生产总值").replace("aliases: [GDP]", "aliases: []")
    third = other.replace("id: gdp", "id: cpi").replace("name: 国内生产总值", "name: 居民消费价格")
    with pytest.raises(DataFileError, match=r"entry 2 \(id 'gdp'\): key 'id': 'gdp' is used by an earlier entry"):
        load_catalogue(_write(tmp_path, GOOD + third + other))
    ranked, ranked_other = GOOD + "  headline: 1\n", third + "  headline: 1\n"
    with pytest.raises(DataFileError, match=r"entry 1 \(id 'cpi'\): key 'headline': rank 1 is used by an earlier entry"):
        load_catalogue(_write(tmp_path, ranked + ranked_other))
    assert [e.headline for e in load_catalogue(_write(tmp_path, ranked + third + "  headline: 2\n"))] == [1, 2]


def test_top_level_must_be_a_list(tmp_path):
    with pytest.raises(DataFileError, match="list"):
        load_catalogue(_write(tmp_path, "gdp: 地区生产总值\n"))


# ---------------------------------------------------------------------------- gold coverage
def _gold(path: Path) -> list[dict]:
    if not path.exists():
        pytest.skip(f"{path} is absent")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_doc_000_headline_targets_match(catalogue):
    facts = [
        f for f in _gold(SEEDS_GOLD)
        if f["doc"] == "000_4cf73bc8aab7f2ce" and f["kind"] == "target" and f["unit"] in ("%", "万人")
    ]
    assert facts
    matched = [f for f in facts if catalogue.match(f["indicator"], f["unit"], f["measure"])]
    coverage = len(matched) / len(facts)
    assert coverage >= 0.8, [f["indicator"] for f in facts if f not in matched]


def test_doc_000_named_headline_indicators_match(catalogue):
    headline = {
        "经济增长", "规上工业增加值", "服务业增加值", "农业增加值", "固定资产投资", "社会消费品零售总额",
        "一般公共预算收入", "进出口总值", "高技术产业增加值占工业比重", "高新技术企业数量",
        "战略性新兴产业增加值", "全社会研发经费支出占地区生产总值比重", "全体居民人均可支配收入",
        "新增城镇就业", "城镇调查失业率", "亿元地区生产总值安全事故死亡率", "粮食产量",
    }
    facts = [
        f for f in _gold(SEEDS_GOLD)
        if f["doc"] == "000_4cf73bc8aab7f2ce" and f["kind"] == "target" and f["indicator"] in headline
    ]
    assert {f["indicator"] for f in facts} == headline
    for fact in facts:
        assert catalogue.match(fact["indicator"], fact["unit"], fact["measure"]), fact["indicator"]


def test_national_targets_match(catalogue):
    facts = [f for f in _gold(NATIONAL_GOLD) if f["kind"] == "target"]
    matched = [f for f in facts if catalogue.match(f["indicator"], f["unit"], f["measure"])]
    assert len(matched) / len(facts) >= 0.9, [f["indicator"] for f in facts if f not in matched]


# ---------------------------------------------------------------------------- headline ranks
_HEADLINES = [e for e in load_catalogue() if e.headline is not None]


@pytest.mark.parametrize("entry", _HEADLINES, ids=[e.id for e in _HEADLINES])
def test_headline_entry_has_a_rank_of_its_own(entry, catalogue):
    """Each headline rank is a whole number used once, and a headline indicator is one the reports'
    target tables name: its name is recognised as itself by the matcher."""
    assert isinstance(entry.headline, int) and entry.headline >= 1
    assert [e.id for e in catalogue if e.headline == entry.headline] == [entry.id]
    assert catalogue.match(entry.name) == entry.id


def test_headline_ranks_start_with_gdp_and_cover_the_issue_list(catalogue):
    ranked = sorted(_HEADLINES, key=lambda e: e.headline)
    assert ranked[0].id == "gdp"
    assert [e.headline for e in ranked] == list(range(1, len(ranked) + 1))  # no gaps
    ids = {e.id for e in ranked}
    assert {"cpi", "new_urban_jobs", "surveyed_unemployment_rate", "disposable_income_per_capita",
            "general_budget_revenue", "energy_intensity"} <= ids


@pytest.mark.parametrize("value", ["0", "-1", "first", "true", "1.5"])
def test_bad_headline_rank_names_the_entry(tmp_path, value):
    with pytest.raises(DataFileError) as info:
        load_catalogue(_write(tmp_path, GOOD + f"  headline: {value}\n"))
    assert "'gdp'" in str(info.value) and "headline" in str(info.value)


# -- the checked and indexed catalogue kept between processes (lexicon.packaged_data, derived_by) -------
def test_the_catalogue_read_from_the_cache_is_the_one_checked_and_indexed(tmp_path, monkeypatch):
    import planledger.catalogue as catalogue_module

    units = yaml.safe_load(catalogue_module.UNITS_PATH.read_text(encoding="utf-8"))
    unit_words = [str(w) for key in ("percent", "points", "ratio") for w in units.get(key) or []] + [
        str(w) for words in (units.get("measure_words") or {}).values() for w in words]
    unit_words += [s + w for s in units["scales"] for w in unit_words[:40]] + ["元/月", "吨标准煤/万元", "未知"]
    phrases = [t for item in RAW for t in [item["name"], *(item.get("aliases") or [])]]
    phrases += [f"全市{t}增长" for t in phrases] + ["两江新区规上工业增加值", "数字经济增长", "解放碑步行街",
                                               "2021年末森林覆盖率", "十四五时期粮食产量"]

    def reading(cat):
        return ([e for e in cat], [cat.lookup(p) for p in phrases], [cat.unit_family(u) for u in unit_words])

    load_catalogue.cache_clear()
    monkeypatch.setenv("PLANLEDGER_CACHE_DIR", "")
    fresh = reading(load_catalogue())  # no cache: checked and indexed here
    load_catalogue.cache_clear()
    monkeypatch.setenv("PLANLEDGER_CACHE_DIR", str(tmp_path))
    written = reading(load_catalogue())  # checked, indexed and written
    load_catalogue.cache_clear()
    assert sorted(p.name.split(".py")[0] for p in tmp_path.iterdir()) == [
        "indicators.yaml.catalogue", "matching.yaml.catalogue", "units.yaml.catalogue"]

    def fail(*_args):
        raise AssertionError("checked again")

    monkeypatch.setattr(catalogue_module, "_validate", fail)
    monkeypatch.setattr(catalogue_module, "_unit_families", fail)
    monkeypatch.setattr(catalogue_module, "_matching", fail)
    try:
        cached = reading(load_catalogue())  # read from the cache: neither checked nor indexed
    finally:
        load_catalogue.cache_clear()
    assert fresh == written == cached
    assert len(fresh[0]) == len(RAW) and sum(e is not None for e in fresh[1]) > len(phrases) // 2
