"""The read stage: every reader on real files built here (text encodings, HTML, PDF, DOCX) and its errors."""
from __future__ import annotations

import hashlib
import random
import subprocess
import sys
from pathlib import Path

import pytest

from planledger.errors import ReadError
from planledger.read import iter_paths, read_path, sniff_format

SIMPLIFIED = "地区生产总值增长6%以上，城镇调查失业率5.5%左右。"
TRADITIONAL = "地區生產總值增長6%以上，城鎮調查失業率5.5%左右。"
REPO = Path(__file__).resolve().parents[1]


# --------------------------------------------------------------------------- text

@pytest.mark.parametrize(
    "name, data, expected, encoding",
    [
        ("utf8.txt", SIMPLIFIED.encode("utf-8"), SIMPLIFIED, "utf-8"),
        ("bom.txt", b"\xef\xbb\xbf" + SIMPLIFIED.encode("utf-8"), SIMPLIFIED, "utf-8"),
        ("gb.txt", SIMPLIFIED.encode("gb18030"), SIMPLIFIED, "gb18030"),
        ("gbk.txt", SIMPLIFIED.encode("gbk"), SIMPLIFIED, "gb18030"),
        ("big5.txt", TRADITIONAL.encode("big5"), TRADITIONAL, "big5"),
        ("short_gb.txt", "地区生产总值增长6%以上".encode("gb18030"), "地区生产总值增长6%以上", "gb18030"),
        ("short_big5.txt", "地區生產總值增長6%以上".encode("big5"), "地區生產總值增長6%以上", "big5"),
        ("utf16.txt", "\ufeff".encode("utf-16-le") + SIMPLIFIED.encode("utf-16-le"), SIMPLIFIED, "utf-16"),
        ("crlf.txt", "第一行\r\n第二行\r\n".encode("utf-8"), "第一行\n第二行\n", "utf-8"),
        ("no_suffix", SIMPLIFIED.encode("gb18030"), SIMPLIFIED, "gb18030"),
    ],
)
def test_text_encodings(tmp_path, name, data, expected, encoding):
    path = tmp_path / name
    path.write_bytes(data)
    doc = read_path(path)
    assert doc.text == expected
    assert doc.format == "text"
    assert doc.encoding == encoding
    assert doc.path == str(path)
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.pages == []


def test_text_is_kept_exactly_as_written(tmp_path):
    text = "　　各位代表：\n\n  （一）全年GDP增长 6 % 。\t末尾空格  \n"
    path = tmp_path / "raw.txt"
    path.write_text(text, encoding="utf-8")
    assert read_path(path).text == text


def _seed_files() -> list[Path]:
    for folder in (REPO / "examples" / "chongqing", REPO.parent / "shared" / "seeds"):
        if folder.is_dir():
            files = sorted(folder.glob("*.txt"))
            if files:
                return files
    return []


@pytest.mark.skipif(not _seed_files(), reason="no seed folder")
def test_seed_files_read_as_utf8_unchanged():
    for path in _seed_files():
        data = path.read_bytes()
        doc = read_path(path)
        assert doc.encoding == "utf-8", path
        assert doc.text == data.decode("utf-8"), path


# --------------------------------------------------------------------------- errors

def _error(path) -> ReadError:
    with pytest.raises(ReadError) as info:
        read_path(path)
    assert str(path) in str(info.value)
    return info.value


@pytest.mark.parametrize(
    "name, data, problem",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\r\n ", "empty file"),
        ("blank_gb.txt", "\u3000\u3000\n".encode("utf-8"), "empty file"),
        ("random.txt", random.Random(0).randbytes(4096), "binary data"),
        ("random.bin", random.Random(0).randbytes(4096), "binary data"),
        ("controls.txt", bytes(range(1, 9)) * 50, "binary data"),
        ("latin1.txt", "café crème brûlée à la carte".encode("latin-1"), "cannot decode"),
        ("empty.html", b"", "empty file"),
        ("empty.pdf", b"", "empty file"),
        ("empty.docx", b"", "empty file"),
        ("text.pdf", SIMPLIFIED.encode("utf-8"), "not a PDF"),
        ("text.docx", SIMPLIFIED.encode("utf-8"), "not a DOCX"),
    ],
)
def test_bad_files(tmp_path, name, data, problem):
    path = tmp_path / name
    path.write_bytes(data)
    assert problem in _error(path).problem


def test_missing_path(tmp_path):
    path = tmp_path / "nope.txt"
    error = _error(path)
    assert "no such file" in error.problem
    assert error.path == str(path)


def test_directory(tmp_path):
    assert "is a directory" in _error(tmp_path).problem


# --------------------------------------------------------------------------- HTML

HTML = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title> 2021年政府工作报告 </title>
<style>body {{ color: red }}</style><script>var secret = "脚本内容";</script></head>
<body><nav><a href="/">首页导航</a></nav><header>网站页头</header>
<h1>政府工作报告</h1>
<div><p>地区生产总值
增长6%以上，<b>城镇</b>调查失业率5.5%左右。</p>
<table><tr><th>指标</th><th>目标</th></tr><tr><td>GDP增速</td><td><p>6%</p></td></tr></table>
<ul><li>第一项</li><li>第二项<br>续行</li></ul></div>
<!-- 注释内容 --><noscript>请启用脚本</noscript><footer>版权所有页脚</footer></body></html>"""


@pytest.mark.parametrize("charset, encoding", [("utf-8", "utf-8"), ("gb2312", "gb18030")])
def test_html(tmp_path, charset, encoding):
    path = tmp_path / "report.html"
    path.write_bytes(HTML.format(charset=charset).encode(encoding))
    doc = read_path(path)
    assert doc.format == "html"
    assert doc.encoding == encoding
    assert doc.title == "2021年政府工作报告"
    for hidden in ("脚本内容", "首页导航", "网站页头", "版权所有页脚", "注释内容", "请启用脚本", "color"):
        assert hidden not in doc.text
    assert doc.text.splitlines() == [
        "政府工作报告",
        "地区生产总值增长6%以上，城镇调查失业率5.5%左右。",
        "指标\t目标",
        "GDP增速\t6%",
        "第一项",
        "第二项",
        "续行",
    ]


def test_html_title_falls_back_to_h1_and_sniffing(tmp_path):
    path = tmp_path / "page.dat"
    path.write_text("<html><body><h1>计划报告</h1><p>增长5%。</p></body></html>", encoding="utf-8")
    doc = read_path(path)
    assert doc.format == "html"
    assert doc.title == "计划报告"
    assert doc.text == "计划报告\n增长5%。"


def test_html_without_body_text(tmp_path):
    path = tmp_path / "blank.html"
    path.write_text("<html><head><title>空</title><script>x()</script></head><body> <nav>导航</nav> </body></html>")
    assert "no text" in _error(path).problem


# --------------------------------------------------------------------------- PDF

def _cjk_canvas(path: Path, title: str | None = None, **kwargs):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), **kwargs)
    if title:
        c.setTitle(title)
    return c


PAGE_ONE = "第一页：地区生产总值增长6%以上。"
PAGE_TWO = "第二页：城镇调查失业率5.5%左右。"


@pytest.fixture
def two_page_pdf(tmp_path) -> Path:
    path = tmp_path / "report.pdf"
    c = _cjk_canvas(path, title="重庆市政府工作报告")
    c.setFont("STSong-Light", 12)
    c.drawString(72, 720, PAGE_ONE)
    c.drawString(72, 700, "第一页第二行。")
    c.showPage()
    c.setFont("STSong-Light", 12)
    c.drawString(72, 720, PAGE_TWO)
    c.showPage()
    c.save()
    return path


def test_pdf_pages(two_page_pdf):
    doc = read_path(two_page_pdf)
    assert doc.format == "pdf"
    assert doc.title == "重庆市政府工作报告"
    assert doc.encoding is None
    assert doc.sha256 == hashlib.sha256(two_page_pdf.read_bytes()).hexdigest()
    assert [p.number for p in doc.pages] == [1, 2]
    one, two = doc.pages
    assert PAGE_ONE in doc.text[one.start:one.end]
    assert "第一页第二行。" in doc.text[one.start:one.end]
    assert PAGE_TWO in doc.text[two.start:two.end]
    assert PAGE_TWO not in doc.text[one.start:one.end]
    assert one.end <= two.start and two.end == len(doc.text)
    assert doc.page_at(doc.text.index(PAGE_TWO)) == 2
    assert doc.page_at(doc.text.index(PAGE_ONE)) == 1


def test_pdf_sniffed_without_suffix(two_page_pdf, tmp_path):
    path = tmp_path / "download"
    path.write_bytes(two_page_pdf.read_bytes())
    assert sniff_format(path.read_bytes()) == "pdf"
    assert PAGE_TWO in read_path(path).text


def test_pdf_without_text_layer(tmp_path):
    path = tmp_path / "scan.pdf"
    c = _cjk_canvas(path)
    c.rect(100, 100, 300, 400, fill=1)
    c.showPage()
    c.save()
    assert "text layer" in _error(path).problem


def test_pdf_truncated(two_page_pdf, tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(two_page_pdf.read_bytes()[:200])
    assert _error(path).problem == "cannot read PDF: it ends before its structure does (truncated?)"


@pytest.mark.parametrize("name, data, problem", [
    ("noroot.pdf", b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n", "cannot read PDF: its structure is damaged"),
    ("noparts.docx", None, "cannot read DOCX: a part of it is missing"),
])
def test_damaged_files_are_told_in_words_not_class_names(tmp_path, name, data, problem):
    import io
    import zipfile

    if data is None:  # a zip with no Word parts in it
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("word/document.xml", "<w:document/>")
        data = buf.getvalue()
    path = tmp_path / name
    path.write_bytes(data)
    got = _error(path).problem
    assert got.startswith(problem) and "Error" not in got and "PSEOF" not in got, got


def test_pdf_encrypted(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption

    path = tmp_path / "locked.pdf"
    c = _cjk_canvas(path, encrypt=StandardEncryption("secret", ownerPassword="owner", strength=128))
    c.setFont("STSong-Light", 12)
    c.drawString(72, 720, PAGE_ONE)
    c.showPage()
    c.save()
    assert "encrypted" in _error(path).problem


# --------------------------------------------------------------------------- DOCX

@pytest.fixture
def docx_file(tmp_path) -> Path:
    import docx

    document = docx.Document()
    document.core_properties.title = "计划执行情况报告"
    document.add_paragraph("一、2020年计划执行情况")
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate([("指标", "目标"), ("地区生产总值", "增长6%")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("")
    document.add_paragraph("二、2021年主要目标")
    path = tmp_path / "plan.docx"
    document.save(path)
    return path


def test_docx_paragraphs_and_tables_in_order(docx_file):
    doc = read_path(docx_file)
    assert doc.format == "docx"
    assert doc.title == "计划执行情况报告"
    assert doc.text == "一、2020年计划执行情况\n指标\t目标\n地区生产总值\t增长6%\n二、2021年主要目标"


def test_docx_sniffed_without_suffix(docx_file, tmp_path):
    path = tmp_path / "attachment"
    path.write_bytes(docx_file.read_bytes())
    assert read_path(path).format == "docx"


def test_docx_corrupt(docx_file, tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(docx_file.read_bytes()[:500])
    assert "DOCX" in _error(path).problem


# --------------------------------------------------------------------------- paths, laziness

def test_iter_paths(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("z")
    (tmp_path / "b" / "a.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "a.md").write_text("a")
    (tmp_path / "skip.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "h.txt").write_text("h")
    (tmp_path / "README.md").write_text("about this folder")
    (tmp_path / "b" / "readme.txt").write_text("about b")
    single = tmp_path / "single.dat"
    single.write_text("x")
    found = iter_paths([tmp_path, single])
    assert found == [str(tmp_path / "a.md"), str(tmp_path / "b" / "a.pdf"), str(tmp_path / "b" / "z.txt"), str(single)]
    assert iter_paths([tmp_path / "README.md"]) == [str(tmp_path / "README.md")]  # named: kept
    with pytest.raises(ReadError, match="no such file"):
        iter_paths([tmp_path / "missing"])


def test_gather_paths_goes_on_past_a_missing_input(tmp_path):
    from planledger.read import gather_paths

    (tmp_path / "a.txt").write_text("a")
    files, failed = gather_paths([tmp_path / "missing.txt", tmp_path, tmp_path / "a.txt"])
    assert files == [str(tmp_path / "a.txt")]  # once, though given twice
    assert [(p, str(e)) for p, e in failed] == [(str(tmp_path / "missing.txt"),
                                                 f"{tmp_path / 'missing.txt'}: no such file")]


def test_reading_text_does_not_import_heavy_libraries(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(SIMPLIFIED, encoding="utf-8")
    code = (
        "import sys; from planledger.read import read_path; read_path(sys.argv[1]); "
        "heavy = [m for m in ('pdfminer', 'docx', 'lxml') if m in sys.modules]; print(heavy); "
        "sys.exit(1 if heavy else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code, str(path)], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture
def paged_pdf(tmp_path) -> Path:
    """Four pages of a printed report: a running header and a page number on each, a sentence cut by
    each page break."""
    path = tmp_path / "printed.pdf"
    c = _cjk_canvas(path)
    body = ["一、2025年工作回顾", "全年地区生产总值增长5.2%，电子病历共享和检查检验",
            "结果互认覆盖二级以上医疗机构97%，新建", "5G基站1.2万个。城镇新增就业", "65万人。"]
    for n, lines in enumerate([body[:2], body[2:3], body[3:4], body[4:]], start=1):
        c.setFont("STSong-Light", 10)
        c.drawString(72, 760, "2026年某某省政府工作报告")
        c.setFont("STSong-Light", 12)
        for k, line in enumerate(lines):
            c.drawString(72, 700 - 20 * k, line)
        c.setFont("STSong-Light", 10)
        c.drawString(280, 40, f"— {n} —")
        c.showPage()
    c.save()
    return path


def test_a_pdfs_running_header_and_page_numbers_are_dropped(paged_pdf):
    doc = read_path(paged_pdf)
    assert "2026年某某省政府工作报告" not in doc.text and "— 3 —" not in doc.text
    assert [p.number for p in doc.pages] == [1, 2, 3, 4]
    assert "结果互认" in doc.text[doc.pages[1].start:doc.pages[1].end]
    from planledger.pipeline import process_document
    facts = {f.value: f.indicator for f in process_document(doc).facts}
    assert facts[97] == "电子病历共享和检查检验结果互认覆盖二级以上医疗机构"
    assert facts[65] == "城镇新增就业"


def test_a_line_on_few_pages_is_kept(two_page_pdf):
    # two pages cannot tell a running line from the report's own
    assert PAGE_TWO in read_path(two_page_pdf).text


def test_a_texts_form_feeds_are_its_pages_without_their_running_lines(tmp_path):
    # pdftotext's output: pages cut by \f, each with the print's header and number
    body = ["一、2025年工作回顾\n全年地区生产总值增长5.2%，电子病历共享和检查检验", "结果互认覆盖二级以上医疗机构97%。",
            "城镇新增就业65万人。"]
    path = tmp_path / "printed.txt"
    path.write_text("\f".join(f"2026年某某省政府工作报告\n{b}\n— {n} —\n" for n, b in enumerate(body, start=1)),
                    encoding="utf-8")
    doc = read_path(path)
    assert "政府工作报告" not in doc.text and "\f" not in doc.text
    assert [p.number for p in doc.pages] == [1, 2, 3]
    assert doc.text[doc.pages[1].start:doc.pages[1].end].strip() == "结果互认覆盖二级以上医疗机构97%。"
    assert doc.page_at(doc.text.index("城镇新增就业")) == 3
