"""data/document.yaml: the rules that read a report's year and the role a heading gives its section, each
proved on its own examples, and a broken entry named with its file."""
from __future__ import annotations

import pytest

from planledger.structure import describe, outline, role_rules, year_rules


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


_PARENT_HEADINGS = {"review": "一、2025年工作回顾", "five_year_review": "一、“十四五”时期工作回顾"}


@pytest.mark.parametrize("example", [(r.role, e) for r in role_rules() for e in r.examples],
                         ids=lambda x: x[1]["heading"])
def test_each_section_role_rule_gives_its_examples(example):
    _, e = example
    parent = _PARENT_HEADINGS.get(e.get("under"))
    # a sub-heading under the parent the example names, else a top-level heading (the numbering is the level)
    text = "2026年某某市政府工作报告\n各位代表：\n" + (parent + "\n全市经济平稳运行。\n" if parent else "") \
        + e["heading"] + "\n全市经济平稳运行。\n"
    meta = describe(text)
    sections = outline(text, meta)
    found = next(s for s in sections if s.heading == e["heading"])
    assert found.role == e["role"]


def test_a_review_subheading_on_projects_reports_outcomes():
    text = ("2026年某某市政府工作报告\n各位代表：\n一、2025年工作回顾\n（一）扎实推进重大项目建设\n"
            "建成通车高速公路120公里。\n二、2026年重点工作\n（一）重大项目安排\n开工建设高速公路80公里。\n")
    from planledger.model import Document
    from planledger.pipeline import process_document

    facts = process_document(Document(path="x.txt", text=text, format="text", sha256="0")).facts
    assert [(f.kind, f.period, f.value) for f in facts] == [("actual", "2025", 120), ("target", "2026", 80)]


@pytest.mark.parametrize("entries, problem", [
    ([], "'section_roles' must be a list of rules"),
    ([{"role": "past", "words": "回顾", "examples": [{"heading": "回顾", "role": "review"}]}], "needs a role"),
    ([{"role": "review", "words": "(", "examples": [{"heading": "回顾", "role": "review"}]}], "bad words"),
    ([{"role": "review", "words": "回顾", "or_year": "later", "examples": [{"heading": "回顾", "role": "review"}]}],
     "needs a role"),
])
def test_a_broken_role_entry_is_named(monkeypatch, entries, problem):
    from conftest import assert_data_file_error
    import planledger.structure as structure

    assert_data_file_error(monkeypatch, structure, structure.role_rules, {"section_roles": entries}, "document.yaml",
                           problem)
