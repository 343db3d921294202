"""data/document.yaml: the rules that read a report's year, each proved on its own example, and a
broken entry named with its file."""
from __future__ import annotations

import pytest

from planledger.structure import describe, year_rules


@pytest.mark.parametrize("rule", year_rules(), ids=lambda r: r.source)
def test_each_year_rule_reads_its_example(rule):
    text = rule.example["text"]
    m = rule.pattern.search(text)
    assert m and int(m.group(rule.group)) + rule.offset == rule.example["year"]


def test_the_first_rule_that_matches_names_its_source():
    meta = describe("2019年某某区政府工作报告\n各位代表：\n一、2018年工作回顾\n")
    assert (meta.year, meta.source["year"]) == (2019, "title")
    meta = describe("政府工作报告\n各位代表：\n一、2018年工作回顾\n")
    assert (meta.year, meta.source["year"]) == (2019, "review heading")


@pytest.mark.parametrize("entries, problem", [
    ([], "'report_year' must be a list of rules"),
    ([{"source": "x", "pattern": "(", "within": "head", "example": {"text": "a", "year": 1}}], "bad pattern"),
    ([{"source": "x", "pattern": "(a)", "within": "file", "example": {"text": "a", "year": 1}}], "needs source"),
    ([{"source": "x", "pattern": "(a)", "group": 2, "within": "head", "example": {"text": "a", "year": 1}}],
     "no group 2"),
])
def test_a_broken_entry_is_named(monkeypatch, entries, problem):
    from conftest import assert_data_file_error
    import planledger.structure as structure

    assert_data_file_error(monkeypatch, structure, structure.year_rules, {"report_year": entries}, "document.yaml",
                           problem)
