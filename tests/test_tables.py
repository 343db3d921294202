"""Tables of main indicators (planledger/structure/tables.py, data/tables.yaml): each period cell a fact.

The tables are made up in the manner of the annexes county and district reports carry (附件：…主要指标),
as a PDF's text layer (cells between spaces) and as the HTML and DOCX readers give them (between tabs)."""
from __future__ import annotations

import shutil

import pytest
import yaml

from planledger import lexicon as lexicon_module
from planledger.errors import DataFileError
from planledger.model import Document
from planledger.pipeline import process_document
from planledger.structure import tables as tables_module
from planledger.structure.tables import find_tables, table_facts, table_rules

HEAD = "某某县2025年政府工作报告\n各位代表：\n一、2024年工作回顾\n全县地区生产总值增长6.1%。\n附件\n某某县2025年国民经济和社会发展主要指标\n"


def facts_of(table: str, head: str = HEAD):
    doc = Document(path="snippet.txt", text=head + table, format="text", sha256="0")
    return [(f.kind, f.indicator, f.measure, f.value, f.value_high, f.unit, f.qualifier, f.period, f.binding,
             f.estimated) for f in process_document(doc).facts if "table" in f.method]


SPACED = ("序号 指标名称 单位 2024年完成 2025年目标 指标属性\n"
          "1 地区生产总值增长 % 6.1 6左右 预期性\n"
          "2 城镇调查失业率 % 4.9 5.5以内 预期性\n"
          "3 单位地区生产总值能耗降低 % 3.3 完成市下达任务 约束性\n"
          "4 城镇新增就业 万人 1.26 1.2以上 预期性\n")
EXPECTED = [
    ("actual", "地区生产总值", "growth", 6.1, None, "%", "=", "2024", None, False),
    ("target", "地区生产总值", "growth", 6, None, "%", "~", "2025", False, False),
    ("actual", "城镇调查失业率", "level", 4.9, None, "%", "=", "2024", None, False),
    ("target", "城镇调查失业率", "level", 5.5, None, "%", "<=", "2025", False, False),
    ("actual", "单位地区生产总值能耗", "growth", -3.3, None, "%", "=", "2024", None, False),
    ("actual", "城镇新增就业", "level", 1.26, None, "万人", "=", "2024", None, False),
    ("target", "城镇新增就业", "level", 1.2, None, "万人", ">=", "2025", False, False),
]


def test_a_table_split_by_spaces():
    # the target 完成市下达任务 has no figure: no fact (cannot tell)
    assert facts_of(SPACED) == EXPECTED


def test_the_same_table_split_by_tabs_gives_the_same_facts():
    assert facts_of(SPACED.replace(" ", "\t")) == EXPECTED


def test_the_tables_rows_are_no_run_on_sentence():
    # prose extraction would join the rows into one sentence: its figures are the table's, read once
    doc = Document(path="snippet.txt", text=HEAD + SPACED, format="text", sha256="0")
    facts = process_document(doc).facts
    table_start = doc.text.index("序号")
    assert all("table" in f.method for f in facts if f.start >= table_start)
    assert len([f for f in facts if f.start >= table_start]) == len(EXPECTED)


@pytest.mark.parametrize("cell, value, high, qualifier", [
    ("6.5左右", 6.5, None, "~"), ("8以上", 8, None, ">="), ("5.5以内", 5.5, None, "<="), ("4.5-5", 4.5, 5, "range"),
    ("5", 5, None, "="), ("不低于90", 90, None, ">="),
])
def test_a_cells_qualifier_is_as_written(cell, value, high, qualifier):
    facts = facts_of(f"指标名称 单位 2025年目标\n规上工业增加值增长 % {cell}\n")
    assert [(f[3], f[4], f[6]) for f in facts] == [(value, high, qualifier)]


def test_an_empty_cell_between_tabs_keeps_the_columns_in_place():
    # the unit cell is empty: between tabs the target stays in its column
    table = "指标名称\t单位\t2024年完成\t2025年目标\n常住人口城镇化率（%）\t\t61.2\t62\n"
    assert facts_of(table) == [("actual", "常住人口城镇化率", "level", 61.2, None, "%", "=", "2024", None, False),
                               ("target", "常住人口城镇化率", "level", 62, None, "%", "=", "2025", None, False)]


def test_a_lost_cell_is_placed_or_the_row_gives_nothing():
    # split by spaces, a missing attribute is placed (the last cell says none); a row of two values for three
    # period columns cannot be placed: nothing rather than a guess
    table = ("指标名称 单位 2023年完成 2024年预计 2025年目标 属性\n"
             "研发经费投入增长 % 10.2 11 10以上\n"
             "森林覆盖率 % 45.1 45.6\n")
    facts = facts_of(table)
    assert [(f[0], f[3], f[7], f[9]) for f in facts] == [("actual", 10.2, "2023", False), ("actual", 11, "2024", True),
                                                         ("target", 10, "2025", False)]


@pytest.mark.parametrize("header, kind, period", [
    ("2024年完成", "actual", "2024"), ("2024年实际", "actual", "2024"), ("2025年目标", "target", "2025"),
    ("2025年计划", "target", "2025"), ("目标", "target", "2025"), ("2024年", "actual", "2024"),
    ("2025年", "target", "2025"), ("完成", "actual", "2024"),
])
def test_a_period_columns_kind_and_year(header, kind, period):
    facts = facts_of(f"指标名称 单位 {header}\n进出口总额 亿元 320\n")
    assert [(f[0], f[7]) for f in facts] == [(kind, period)]


def test_a_group_row_and_the_prose_after_end_nothing_early():
    table = ("序号 指标名称 单位 2025年目标 属性\n一、经济发展\n1 地区生产总值增长 % 6左右 预期性\n二、民生保障\n"
             "2 居民人均可支配收入增长 % 6 预期性\n")
    assert [f[1] for f in facts_of(table)] == ["地区生产总值", "居民人均可支配收入"]
    # prose right after the table is prose again
    doc = Document(path="s.txt", text=HEAD + table + "各位代表，今年要确保粮食产量稳定在500万吨以上。\n", format="text",
                   sha256="0")
    facts = process_document(doc).facts
    assert [f.value for f in facts if "table" not in f.method][-1] == 500


@pytest.mark.parametrize("line", [
    "指标名称 单位",  # no period column
    "2024年 2025年",  # no name column
    "今年全县地区生产总值增长6%，指标名称未定。",  # prose
])
def test_no_table_without_a_header(line):
    assert find_tables(f"{line}\n地区生产总值增长 % 6\n") == []


def test_every_attribute_word_binds_its_target():
    for word, binding in table_rules().binding.items():
        tables = find_tables(f"指标名称 单位 2025年目标 指标属性\n森林覆盖率 % 45.5 {word}\n")
        assert [f.binding for f in table_facts(tables[0], 2025)] == [binding]


def _error_of_tables_file_with(tmp_path, monkeypatch, key, value) -> str:
    """The message table_rules() raises for a copy of the data files whose tables.yaml has ``value`` at ``key``."""
    data = tmp_path / "data"
    shutil.copytree(lexicon_module.DATA, data)
    real = yaml.safe_load((data / "tables.yaml").read_text(encoding="utf-8"))
    real[key] = value
    (data / "tables.yaml").write_text(yaml.safe_dump(real, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(lexicon_module, "DATA", data)
    monkeypatch.setattr(tables_module, "DATA", data)
    table_rules.cache_clear()
    try:
        with pytest.raises(DataFileError) as err:
            table_rules()
        return str(err.value)
    finally:
        monkeypatch.undo()
        table_rules.cache_clear()


@pytest.mark.parametrize("key", ["name_columns", "target_words", "decline_suffixes"])
def test_a_broken_tables_file_is_named(tmp_path, monkeypatch, key):
    message = _error_of_tables_file_with(tmp_path, monkeypatch, key, "指标")
    assert "tables.yaml" in message and f"'{key}' must be a list" in message


@pytest.mark.parametrize("broken", ["约束性", ["约束性"], {"约束性": "是"}, {}])
def test_a_broken_binding_map_is_named(tmp_path, monkeypatch, broken):
    message = _error_of_tables_file_with(tmp_path, monkeypatch, "binding_words", broken)
    assert "tables.yaml" in message and "'binding_words' must map an attribute word to true or false" in message


def test_a_header_word_spaced_out_by_a_pdf():
    # a PDF's text layer spaces out the header's words ("指 标 名 称", "单 位")
    table = "序 号 指 标 名 称 单 位 2025年目标\n1 地区生产总值增长 % 6左右\n"
    assert [(f[1], f[3], f[6]) for f in facts_of(table)] == [("地区生产总值", 6, "~")]
