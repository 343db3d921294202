"""One report through every stage in each of the formats it arrives in: the facts are the same and
each points into the text its reader decoded."""
import json

import pytest
from click.testing import CliRunner

from broken_files import good_docx, pdf_of_pages
from planledger.cli import cli
from planledger.pipeline import process

REPORT = ("2021年重庆市人民政府工作报告\n一、2020年工作回顾\n全年地区生产总值增长3.9%，城镇新增就业65.6万人。\n"
          "二、2021年工作安排\n地区生产总值增长6%以上，城镇调查失业率5.5%左右。\n")
EXPECTED = [("actual", "地区生产总值", 3.9, "%", "2020"), ("actual", "城镇新增就业", 65.6, "万人", "2020"),
            ("target", "地区生产总值", 6, "%", "2021"), ("target", "城镇调查失业率", 5.5, "%", "2021")]


@pytest.fixture(params=["utf8", "gb18030", "big5-traditional", "html", "docx", "pdf"])
def report_file(request, tmp_path):
    kind = request.param
    if kind == "utf8":
        p = tmp_path / "report.txt"
        p.write_text(REPORT, encoding="utf-8")
    elif kind == "gb18030":
        p = tmp_path / "report.txt"
        p.write_bytes(REPORT.encode("gb18030"))
    elif kind == "big5-traditional":
        import opencc

        p = tmp_path / "report.txt"
        p.write_bytes(opencc.OpenCC("s2t").convert(REPORT).encode("big5"))
    elif kind == "html":
        p = tmp_path / "report.html"
        body = "".join(f"<p>{line}</p>" for line in REPORT.splitlines())
        p.write_text(f"<html><head><title>报告</title><script>var x=99;</script></head><body><nav>首页 12</nav>"
                     f"{body}</body></html>", encoding="utf-8")
    elif kind == "docx":
        p = tmp_path / "report.docx"
        p.write_bytes(good_docx(REPORT))
    else:
        p = tmp_path / "report.pdf"
        lines = REPORT.splitlines()
        p.write_bytes(pdf_of_pages([lines[:3], lines[3:]], left=40, size=11))
    return kind, p


def test_every_format_gives_the_same_facts(report_file):
    kind, path = report_file
    result = process(str(path))
    got = [(f.kind, f.indicator, f.value, f.unit, f.period) for f in result.facts]
    assert got == EXPECTED
    for f in result.facts:
        assert result.document.text[f.start:f.end] == f"{f.value:g}"
    if kind == "pdf":
        assert [f.page for f in result.facts] == [1, 1, 2, 2]


def test_extract_command_prints_json_lines(report_file):
    _, path = report_file
    out = CliRunner().invoke(cli, ["extract", str(path), "--format", "jsonl"])
    assert out.exit_code == 0, out.output
    rows = [json.loads(line) for line in out.output.splitlines()]
    assert [(r["indicator"], r["value"]) for r in rows] == [(e[1], e[2]) for e in EXPECTED]
    assert all(r["doc"] == "report" for r in rows)
