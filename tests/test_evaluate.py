"""Scoring: SPEC's matching rules, and agreement with the reference scorer."""
from __future__ import annotations

import copy
import importlib.util
import json

import pytest

from planledger.errors import GoldError
from planledger.evaluate import alike, load_gold, same_value, score

from conftest import GOLD as GOLD_DIR


def g(doc="d", kind="target", indicator="地区生产总值", value=6, unit="%", period="2021", **kw):
    base = dict(doc=doc, kind=kind, indicator=indicator, measure="growth", value=value, value_high=None,
                unit=unit, qualifier="~", period=period, binding=None, estimated=False,
                quote=f"{indicator}{value}{unit}")
    base.update(kw)
    return base


def p(**kw):
    out = g(**kw)
    out.setdefault("sentence", out["quote"])
    return out


def test_exact_match():
    r = score([g()], [p()])
    assert (r.tp, r.fp, r.fn, r.precision, r.recall, r.f1) == (1, 0, 0, 1.0, 1.0, 1.0)
    assert r.accuracy["qualifier"] == 1.0 and r.period_accuracy == 1.0


def test_unit_scale_applied():
    r = score([g(indicator="地区生产总值", value=2.5, unit="万亿元", measure="level")],
              [p(indicator="地区生产总值", value=25000, unit="亿元", measure="level")])
    assert (r.tp, r.fp, r.fn) == (1, 0, 0)


def test_value_tolerance_half_percent():
    assert same_value(g(value=100, unit="亿元"), p(value=100.4, unit="亿元"))
    assert not same_value(g(value=100, unit="亿元"), p(value=101, unit="亿元"))


def test_percent_and_percentage_points_differ():
    r = score([g(value=1.5, unit="个百分点")], [p(value=1.5, unit="%")])
    assert (r.tp, r.fp, r.fn) == (0, 1, 1)
    assert r.misses[0]["unit"] == "个百分点" and r.false_positives[0]["unit"] == "%"


def test_kind_and_period_must_agree():
    assert score([g()], [p(kind="actual")]).tp == 0
    assert score([g()], [p(period="2022")]).tp == 0


def test_other_kind_counts_neither_way():
    gold = [g(kind="other", indicator="计划指标", value=37, unit="项", period="2021")]
    # a prediction of any kind (and any period) matching an `other` gold fact: no tp, fp or fn
    r = score(gold, [p(kind="target", indicator="计划指标", value=37, unit="项", period="2020")])
    assert (r.tp, r.fp, r.fn) == (0, 0, 0)
    # an `other` prediction matching nothing is no false positive either
    r = score([], [p(kind="other", indicator="差距", value=1.4, unit="个百分点")])
    assert (r.tp, r.fp, r.fn) == (0, 0, 0)


def test_each_gold_fact_matches_at_most_one_prediction():
    r = score([g()], [p(), p()])
    assert (r.tp, r.fp, r.fn) == (1, 1, 0)


def test_indicator_alike():
    assert alike("全市地区生产总值", "地区生产总值") == 1.0
    assert alike("规上工业增加值", "规模以上工业增加值") >= 0.5
    assert alike("城镇新增就业", "高新技术企业") < 0.5


def test_passages_mode_counts_only_overlapping_false_positives():
    gold = [g(quote="地区生产总值增长6%左右")]
    inside = p(indicator="居民收入", value=7, sentence="今年地区生产总值增长6%左右，居民收入增长7%。")
    elsewhere = p(indicator="粮食产量", value=9, unit="亿公斤", sentence="粮食产量9亿公斤。")
    assert score(gold, [p(), inside, elsewhere]).fp == 2
    r = score(gold, [p(), inside, elsewhere], passages=True)
    assert (r.tp, r.fp, r.fn) == (1, 1, 0)
    assert r.false_positives == [inside]


def test_per_document_and_per_kind():
    gold = [g(doc="a"), g(doc="b", kind="actual", indicator="城镇新增就业", value=70, unit="万人")]
    pred = [p(doc="a"), p(doc="b", kind="actual", indicator="粮食产量", value=1, unit="亿公斤")]
    r = score(gold, pred)
    assert r.by_doc["a"]["f1"] == 1.0
    assert (r.by_doc["b"]["tp"], r.by_doc["b"]["fp"], r.by_doc["b"]["fn"]) == (0, 1, 1)
    assert r.by_kind["target"]["precision"] == 1.0 and r.by_kind["actual"]["recall"] == 0.0


def test_accuracies_over_matched_pairs():
    gold = [g(qualifier=">="), g(indicator="城镇新增就业", value=70, unit="万人", binding=True)]
    pred = [p(qualifier=">"), p(indicator="新增就业", value=70, unit="万人", binding=False, qualifier="=")]
    r = score(gold, pred)
    assert r.tp == 2
    assert r.accuracy["qualifier"] == 0.5  # > and >= are compatible; ~ is not
    assert r.accuracy["binding"] == 0.5 and r.accuracy["indicator_exact"] == 0.5


# -- load_gold ----------------------------------------------------------------------------------------
def test_load_gold_bad_json_names_file_and_line(tmp_path):
    f = tmp_path / "gold.jsonl"
    f.write_text(json.dumps(g(), ensure_ascii=False) + "\n\n{not json\n", encoding="utf-8")
    with pytest.raises(GoldError) as e:
        load_gold(f)
    assert f"{f}:3" in str(e.value)


def test_load_gold_missing_field_names_it(tmp_path):
    f = tmp_path / "gold.jsonl"
    bad = g()
    del bad["period"]
    f.write_text(json.dumps(g()) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(GoldError) as e:
        load_gold(f)
    assert f"{f}:2" in str(e.value) and "period" in str(e.value)


def test_load_gold_missing_file(tmp_path):
    with pytest.raises(GoldError) as e:
        load_gold(tmp_path / "nope.jsonl")
    assert "nope.jsonl" in str(e.value)


# -- agreement with the reference scorer -----------------------------------------------------------------
def _reference():
    path = GOLD_DIR / "score.py"
    if not path.exists():
        pytest.skip("shared/gold/score.py is not available")
    spec = importlib.util.spec_from_file_location("reference_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _perturbed(gold):
    pred = []
    for i, fact in enumerate(gold, 1):
        if i % 7 == 0:
            continue
        fact = copy.deepcopy(fact)
        fact["sentence"] = fact["quote"]
        if i % 11 == 0:
            fact["value"] = fact["value"] * 1.5 + 1
        if i % 13 == 0:
            fact["kind"] = {"target": "actual", "actual": "other", "other": "target"}[fact["kind"]]
        pred.append(fact)
    return pred


@pytest.mark.parametrize("gold_name,passages", [("seeds.jsonl", False), ("seeds.jsonl", True),
                                                ("national-2004-2014.jsonl", True)])
def test_same_numbers_as_reference(gold_name, passages):
    ref = _reference()
    if not (GOLD_DIR / gold_name).exists():
        pytest.skip(f"{gold_name} is not available")
    gold = load_gold(GOLD_DIR / gold_name)
    pred = _perturbed(gold)
    expected, ref_missed, ref_false = ref.score(gold, pred, passages=passages, misses=10**6)
    report = score(gold, pred, passages=passages)
    assert report.summary() == expected
    assert report.misses == ref_missed
    assert report.false_positives == ref_false
    assert report.tp > 0 and report.fp > 0 and report.fn > 0
    assert sum(d["tp"] for d in report.by_doc.values()) == report.tp
    assert sum(d["fp"] for d in report.by_doc.values()) == report.fp
