"""Output formats: the single-table ``write_rows`` (unchanged csv/json/jsonl) and the multi-table
``write_tables`` in every format, with Chinese text and hostile cells."""
from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from planledger.present import FORMATS, Sheet, display_width, write_rows, write_tables, xlsx_sheet_names

SCRIPT = "<script>alert('x')</script>"
SCORECARD = Sheet("scorecard", ["region", "indicator", "target", "outcome", "status", "quote"], [
    {"region": "重庆市", "indicator": "地区生产总值增长", "target": 6.0, "outcome": 6.1, "status": "met",
     "quote": "增长6%左右", "binding": False},
    {"region": "重庆市", "indicator": SCRIPT, "target": 3, "outcome": None, "status": "not comparable",
     "quote": "a|b\n第二行", "binding": True},
    {"region": "全国", "indicator": "城镇调查失业率", "target": 5.5, "outcome": 5.6, "status": "missed",
     "quote": ["列", "表"], "binding": None},
])
CLAIMS = Sheet("claims", ["doc", "claim", "status"], [
    {"doc": "cq-2024", "claim": "高于预期目标2.3个百分点", "status": "agrees"},
])
SHEETS = [SCORECARD, CLAIMS]


def render(fmt: str, sheets=SHEETS, title: str | None = "计划台账") -> str:
    out = io.StringIO()
    write_tables(sheets, fmt, out, title=title)
    return out.getvalue()


def test_formats_listed():
    assert FORMATS == ["table", "csv", "json", "jsonl", "markdown", "html", "xlsx"]


def test_table_two_sheets_titled():
    text = render("table")
    assert "scorecard" in text and "claims" in text
    assert "地区生产总值增长" in text and "高于预期目标2.3个百分点" in text
    assert text.index("scorecard") < text.index("claims")


def test_csv_two_sheets():
    text = render("csv")
    first, second = text.split("\n\n")
    assert first.startswith("# scorecard\n") and second.startswith("# claims\n")
    rows = list(csv.DictReader(io.StringIO(first.split("\n", 1)[1])))
    assert [r["indicator"] for r in rows] == ["地区生产总值增长", SCRIPT, "城镇调查失业率"]
    assert rows[0]["target"] == "6" and rows[1]["outcome"] == "" and rows[2]["quote"] == '["列", "表"]'
    assert list(csv.DictReader(io.StringIO(second.split("\n", 1)[1])))[0]["claim"] == "高于预期目标2.3个百分点"


def test_csv_one_sheet_has_no_name_line():
    assert not render("csv", [CLAIMS]).startswith("#")


def test_json_two_sheets_is_object_one_sheet_is_array():
    data = json.loads(render("json"))
    assert list(data) == ["scorecard", "claims"]
    assert data["scorecard"][1]["indicator"] == SCRIPT and data["scorecard"][0]["binding"] is False
    assert data["claims"][0]["claim"] == "高于预期目标2.3个百分点"
    assert json.loads(render("json", [CLAIMS])) == CLAIMS.rows
    assert "重庆市" in render("json")  # ensure_ascii=False


def test_jsonl_two_sheets_tagged():
    lines = [json.loads(x) for x in render("jsonl").splitlines()]
    assert [x["table"] for x in lines] == ["scorecard"] * 3 + ["claims"]
    assert lines[0]["binding"] is False and lines[1]["indicator"] == SCRIPT
    one = [json.loads(x) for x in render("jsonl", [CLAIMS]).splitlines()]
    assert one == CLAIMS.rows and "table" not in one[0]


def _md_table_rows(block: str) -> list[list[str]]:
    """Split a pipe table's lines into cells on unescaped pipes."""
    rows = []
    for line in block.strip().splitlines():
        assert line.startswith("| ") or line.startswith("|"), line
        cells = re.split(r"(?<!\\)\|", line.strip()[1:-1])
        rows.append([c.strip() for c in cells])
    return rows


def test_markdown_sections_and_escaping():
    text = render("markdown")
    assert text.startswith("# 计划台账\n")
    assert "## scorecard" in text and "## claims" in text
    section = text.split("## scorecard\n", 1)[1].split("## claims", 1)[0]
    rows = _md_table_rows(section)
    assert rows[0] == SCORECARD.columns
    assert all(len(r) == len(SCORECARD.columns) for r in rows)  # the escaped pipe does not split a cell
    assert rows[3][5] == "a\\|b<br>第二行"
    assert rows[1][2] == "---:"  # numbers right-aligned
    assert rows[1][1] == "---"
    assert len(section.strip().splitlines()) == 2 + len(SCORECARD.rows)  # the newline did not break a row


def test_markdown_escapes_backslash_before_pipe():
    text = render("markdown", [Sheet("t", ["a", "b"], [{"a": "x\\|y", "b": 1}])], title=None)
    row = _md_table_rows(text.split("## t\n", 1)[1])[2]
    assert row == ["x\\\\\\|y", "1"]


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.td: list[tuple[str, str]] = []
        self._in_td: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "td":
            self._in_td = dict(attrs).get("class", "")
            self.td.append((self._in_td, ""))

    def handle_endtag(self, tag):
        if tag == "td":
            self._in_td = None

    def handle_data(self, data):
        self.text.append(data)
        if self._in_td is not None:
            cls, prev = self.td[-1]
            self.td[-1] = (cls, prev + data)


def test_html_single_document_escaped_and_classed():
    text = render("html")
    assert text.lstrip().startswith("<!DOCTYPE html>")
    assert text.count("<html") == 1 and text.count("</html>") == 1
    assert '<meta charset="utf-8">' in text and "<title>计划台账</title>" in text
    assert "http" not in text and "<script" not in text and "src=" not in text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in text
    p = _Collect()
    p.feed(text)
    tags = [t for t, _ in p.tags]
    assert tags.count("table") == 2 and tags.count("h2") == 2 and "style" in tags
    assert "script" not in tags
    by_text = {txt: cls for cls, txt in p.td}
    assert SCRIPT in by_text  # the parser sees the script as text inside a cell
    assert "status-met" in by_text["met"].split() and "col-status" in by_text["met"].split()
    assert "status-missed" in by_text["missed"].split()
    assert "status-not-comparable" in by_text["not comparable"].split()
    assert "status-agrees" in by_text["agrees"].split()
    assert "num" in by_text["6.1"].split() and "num" not in by_text["重庆市"].split()
    style = text.split("<style>", 1)[1].split("</style>", 1)[0]
    colours = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", style):
        for sel in selectors.split(","):
            colours[sel.strip()] = re.search(r"background:\s*([^;]+);", body).group(1) if "background" in body else None
    green, amber, red = colours["td.status-met"], colours["td.status-partly"], colours["td.status-missed"]
    grey, blue = colours["td.status-pending"], colours["td.status-not-comparable"]
    assert colours["td.status-exceeded"] == green and colours["td.status-unreported"] == grey
    assert len({green, amber, red, grey, blue}) == 5 and None not in {green, amber, red, grey, blue}


def test_html_no_sheet_rows():
    text = render("html", [Sheet("empty", ["a"], [])], title=None)
    assert "<title>empty</title>" in text and "no rows" in text


def _workbook(data: bytes):
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(data))


def test_xlsx_round_trip_to_path(tmp_path):
    path = tmp_path / "out.xlsx"
    write_tables(SHEETS, "xlsx", path, title="计划台账")
    wb = _workbook(path.read_bytes())
    assert wb.sheetnames == ["scorecard", "claims"]
    ws = wb["scorecard"]
    assert [c.value for c in ws[1]] == SCORECARD.columns
    assert all(c.font.bold for c in ws[1]) and ws.freeze_panes == "A2"
    assert ws["C2"].value == 6 and ws["C2"].data_type == "n" and ws["D2"].value == 6.1
    assert ws["A2"].value == "重庆市" and ws["B3"].value == SCRIPT
    assert ws["D3"].value is None  # None → empty
    assert ws["F3"].value == "a|b\n第二行" and ws["F4"].value == '["列", "表"]'
    # CJK counts double: the 8-character indicator column is wider than the 6-letter header
    assert ws.column_dimensions["B"].width >= 16
    assert wb["claims"]["B2"].value == "高于预期目标2.3个百分点"
    assert wb.properties.title == "计划台账"


def test_xlsx_to_binary_stream_and_text_buffer():
    raw = io.BytesIO()
    write_tables(SHEETS, "xlsx", raw)
    assert raw.getvalue()[:2] == b"PK"
    assert _workbook(raw.getvalue()).sheetnames == ["scorecard", "claims"]
    text = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")  # like stdout piped to a file
    write_rows(CLAIMS.rows, "xlsx", CLAIMS.columns, text)
    assert _workbook(text.buffer.getvalue())["Sheet"]["A2"].value == "cq-2024"


def test_xlsx_formula_text_stays_text():
    raw = io.BytesIO()
    write_tables([Sheet("t", ["a"], [{"a": "=1+1"}])], "xlsx", raw)
    cell = _workbook(raw.getvalue())["t"]["A2"]
    assert cell.value == "=1+1" and cell.data_type == "s"


class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_xlsx_to_terminal_raises():
    with pytest.raises(ValueError, match="xlsx is binary: give --output FILE"):
        write_tables(SHEETS, "xlsx", _Tty())
    with pytest.raises(ValueError, match="binary"):
        write_tables(SHEETS, "xlsx", io.StringIO())  # a text stream with no bytes underneath


def test_xlsx_sheet_names():
    names = xlsx_sheet_names(["a/b:c", "x" * 40, "x" * 40, "Claims", "claims", "", "[历史]?"])
    assert names[0] == "a_b_c"
    assert all(len(n) <= 31 for n in names)
    assert len({n.casefold() for n in names}) == len(names)
    assert names[5] == "Sheet" and names[6] == "_历史__"
    raw = io.BytesIO()
    write_tables([Sheet("a/b", ["x"], []), Sheet("a/b", ["x"], [])], "xlsx", raw)
    assert _workbook(raw.getvalue()).sheetnames == ["a_b", "a_b (2)"]


def test_display_width_counts_cjk_double():
    assert display_width("abc") == 3 and display_width("重庆市") == 6 and display_width("a\n重庆") == 4


def test_text_format_to_path_and_binary_stream(tmp_path):
    path = tmp_path / "s.md"
    write_tables(SHEETS, "markdown", path)
    assert "## claims" in path.read_text(encoding="utf-8")
    raw = io.BytesIO()
    write_tables([CLAIMS], "csv", raw)
    assert raw.getvalue().decode("utf-8").startswith("doc,claim,status\n")


def test_unknown_format():
    with pytest.raises(ValueError, match="unknown format"):
        write_rows([], "yaml", [], io.StringIO())
    with pytest.raises(ValueError, match="unknown format"):
        write_tables(SHEETS, "pdf", io.StringIO())


# -- write_rows: the output the CLI has always printed --------------------------------------------------
ROWS = [{"doc": "重庆-2024", "value": 6.0, "high": None, "estimated": True, "tags": ["a", "乙"]},
        {"doc": "x", "value": 5.5, "high": 7, "estimated": False, "tags": {"k": "值"}}]


def _rows(fmt: str, columns=None) -> str:
    out = io.StringIO()
    write_rows(ROWS, fmt, columns or [], out)
    return out.getvalue()


def test_write_rows_csv_unchanged():
    assert _rows("csv", ["doc", "value", "high", "estimated", "tags"]) == (
        "doc,value,high,estimated,tags\n"
        '重庆-2024,6,,true,"[""a"", ""乙""]"\n'
        'x,5.5,7,false,"{""k"": ""值""}"\n')
    assert _rows("csv") == _rows("csv", list(ROWS[0]))
    empty = io.StringIO()
    write_rows([], "csv", ["a", "b"], empty)
    assert empty.getvalue() == "a,b\n"


def test_write_rows_json_unchanged():
    assert _rows("json", ["doc"]) == json.dumps(ROWS, ensure_ascii=False, indent=2) + "\n"


def test_write_rows_jsonl_compact():
    # one object a line, compact (no space after , and :), Chinese as it is
    assert _rows("jsonl", ["doc"]) == "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n"
                                              for r in ROWS)
    assert '"doc":"重庆-2024"' in _rows("jsonl")


@pytest.mark.parametrize("row, expected", [
    ({"v": float("nan"), "w": float("inf"), "x": 1.5}, {"v": None, "w": None, "x": 1.5}),  # strict JSON: null
    ({"when": datetime.date(2026, 1, 2)}, {"when": "2026-01-02"}),
    ({"when": datetime.datetime(2026, 1, 2, 3, 4, 5, 6)}, {"when": "2026-01-02T03:04:05.000006"}),  # isoformat
    ({"n": 2 ** 70, "m": -(2 ** 65)}, {"n": 2 ** 70, "m": -(2 ** 65)}),  # beyond 64 bits: still written
    ({1: "a", False: "b", None: "c", 2.5: "d"}, {"1": "a", "false": "b", "null": "c", "2.5": "d"}),  # keys as json writes
    ({"big": 1e16, "small": 1e-7, "neg": -0.0}, {"big": 1e16, "small": 1e-7, "neg": -0.0}),
    ({"s": "\u2028行\x00\"\\\n"}, {"s": "\u2028行\x00\"\\\n"}),
    ({"obj": Path("a/b"), "set": {3}}, {"obj": "a/b", "set": "{3}"}),  # what json has no form for: its str
    ({"nested": [{"t": (1, 2)}]}, {"nested": [{"t": [1, 2]}]}),
])
def test_jsonl_reads_back_as_json_would_write_it(row, expected):
    out = io.StringIO()
    write_rows([row], "jsonl", [], out)
    text = out.getvalue()
    assert text.endswith("\n") and text.count("\n") == 1
    back = json.loads(text)
    assert back == expected and list(back) == list(expected)
    assert [type(v) for v in back.values()] == [type(v) for v in expected.values()]


def test_jsonl_record_of_a_dataclass_is_its_str():
    @dataclasses.dataclass
    class Point:
        x: int

    out = io.StringIO()
    write_rows([{"p": Point(1)}], "jsonl", [], out)
    assert json.loads(out.getvalue()) == {"p": "test_jsonl_record_of_a_dataclass_is_its_str.<locals>.Point(x=1)"}


def test_write_rows_table_untitled():
    text = _rows("table", ["doc", "value"])
    assert "重庆-2024" in text and "5.5" in text and "tags" not in text


def test_write_rows_new_formats():
    assert _rows("markdown", ["doc", "value"]).startswith("| doc | value |\n")
    assert "<td class=\"col-doc\">重庆-2024</td>" in _rows("html", ["doc", "value"])
