"""Verdicts a report states in words (planledger/stated.py, data/ledger.yaml: stated, stated_topics).

The sentences are made up in the reports' manner."""
from __future__ import annotations

import pytest

from planledger.stated import _rules, find, names_of

from test_verdicts import PLAN, REVIEW, one, scorecard


@pytest.mark.parametrize("sentence, names, status", [
    ("工作中还存在不少问题，物价调控目标没有完成。", ["物价调控"], "missed"),
    ("节能减排、物价调控目标未能完成；", ["节能减排"], "missed"),
    ("全年没有实现年初确定的城镇登记失业率控制目标。", ["城镇登记失业率"], "missed"),
    ("去年财政赤字控制在预算范围以内。", ["财政赤字"], "met"),
    ("城镇新增就业目标全面完成。", ["城镇新增就业"], "met"),
    ("粮食产量稳定增长。", ["粮食产量"], None),  # no verdict in it
    ("完成率达到98%，城镇新增就业目标实现率较高。", ["城镇新增就业"], None),
])
def test_stated_patterns(sentence, names, status):
    found = find(sentence, names)
    assert (found[0] if found else None) == status


def test_every_stated_pattern_and_topic_is_well_formed():
    patterns, topics = _rules()
    assert set(patterns) == {"met", "missed"} and all(patterns.values())
    from planledger.catalogue import load_catalogue

    catalogue = load_catalogue()
    for canonical, words in topics.items():
        assert catalogue.get(canonical) is not None, canonical
        assert set(words) <= set(names_of("x", canonical))


def test_a_target_judged_in_words_by_the_next_report(tmp_path):
    rows = scorecard(tmp_path, PLAN.format("居民消费价格涨幅控制在3%左右。"),
                     REVIEW.format("全年城镇新增就业30万人，但物价调控目标没有完成。"))
    r = one(rows, "cpi")
    assert r["status"] == "missed" and r["outcome"] == ""
    assert "物价调控目标没有完成" in r["outcome_sentence"] and "in words" in r["reason"]


def test_a_figure_wins_over_words(tmp_path):
    rows = scorecard(tmp_path, PLAN.format("居民消费价格涨幅控制在3%左右。"),
                     REVIEW.format("居民消费价格上涨2.5%，物价调控目标全面完成。"))
    r = one(rows, "cpi")
    assert r["status"] == "exceeded" and r["outcome"] == "增长2.5%" and "in words" not in r["reason"]


@pytest.mark.parametrize("data, problem", [
    ({"stated": {"missed": ["目标没有完成"]}, "stated_topics": {}}, "holding {name}"),
    ({"stated": {"missed": ["{name}(目标"]}, "stated_topics": {}}, "bad pattern"),
    ({"stated": {"met": ["{name}完成"]}, "stated_topics": {"cpi": "物价"}}, "'stated_topics' must map"),
])
def test_a_broken_stated_entry_is_one_line_naming_the_file(monkeypatch, data, problem):
    from conftest import assert_data_file_error
    from planledger import stated

    assert_data_file_error(monkeypatch, stated, stated._rules, data, "ledger.yaml", problem, stated._patterns)
