"""A generator of hostile input files: broken, mislabelled, oversized or malicious, of every type.

``make_corpus(folder)`` writes them (and a few good files among them) and returns one ``Case``
per file saying what ingest must do with it: ``"fail"`` (refused, one line), ``"ok"`` (stored),
or ``"either"`` (a damaged file a reader may still recover: stored whole, or refused cleanly).

The limits the corpus is meant to run with are in ``INGEST_OPTIONS`` (small, so that "huge"
files and zip bombs stay small on disk and quick to write).
"""
from __future__ import annotations

import io
import random
import zipfile
from dataclasses import dataclass
from pathlib import Path

INGEST_OPTIONS = ["--max-file-mb", "2", "--max-chars", "1000000", "--max-docx-mb", "20",
                  "--max-docx-entries", "500", "--max-html-depth", "1000", "--max-pdf-pages", "50"]

TEXT = ("重庆市2021年政府工作报告\n\n各位代表：\n\n今年经济社会发展的主要预期目标是：地区生产总值增长6%以上，"
        "城镇调查失业率5.5%左右，居民消费价格涨幅3%左右。\n")


@dataclass
class Case:
    name: str
    kind: str  # the class of damage: "empty", "junk", "truncated pdf"...
    expect: str  # "fail", "ok" or "either"
    problem: str = ""  # a word the failure line must hold (when expect == "fail")


def pdf_of_pages(pages: list[list[str]], left: int = 50, size: int = 12) -> bytes:
    """A PDF (A4) with a text layer: each page its lines, in a CJK font, from ``left`` points."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    c = canvas.Canvas(out)
    for lines in pages:
        c.setFont("STSong-Light", size)
        y = 800
        for line in lines:
            c.drawString(left, y, line)
            y -= 18
        c.showPage()
    c.save()
    return out.getvalue()


def good_pdf(text: str = TEXT, pages: int = 1) -> bytes:
    return pdf_of_pages([text.splitlines()] * pages)


def textless_pdf(pages: int = 1) -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out)
    for i in range(pages):
        c.rect(50 + i, 50, 200, 100, fill=1)
        c.line(0, 0, 300, 300)
        c.showPage()
    c.save()
    return out.getvalue()


def good_docx(text: str = TEXT) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_with(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def docx_bomb(megabytes: int) -> bytes:
    """A real .docx plus one entry of ``megabytes`` MB of zeros (a few hundred KB compressed)."""
    source = zipfile.ZipFile(io.BytesIO(good_docx()))
    entries = {i.filename: source.read(i.filename) for i in source.infolist()}
    entries["word/media/bomb.bin"] = bytes(megabytes * 1024 * 1024)
    return zip_with(entries)


def docx_many_entries(n: int) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(good_docx()))
    entries = {i.filename: source.read(i.filename) for i in source.infolist()}
    entries.update({f"word/media/e{i}.xml": b"<x/>" for i in range(n)})
    return zip_with(entries)


def good_html(text: str = TEXT) -> bytes:
    body = "".join(f"<p>{line}</p>" for line in text.splitlines() if line)
    return f"<!doctype html><html><head><meta charset='utf-8'><title>报告</title></head><body>{body}</body></html>".encode()


def nested_html(depth: int, tag: str = "div") -> bytes:
    return ("<html><body>" + f"<{tag}>" * depth + TEXT + f"</{tag}>" * depth + "</body></html>").encode()


def make_corpus(folder: Path, seed: int = 5) -> list[Case]:
    """Write the hostile corpus into ``folder``; return what ingest must do with each file."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []
    pdf, docx_bytes, html = good_pdf(), good_docx(), good_html()

    def add(name: str, data: bytes, kind: str, expect: str, problem: str = "") -> None:
        (folder / name).write_bytes(data)
        cases.append(Case(name, kind, expect, problem))

    suffixes = [".txt", ".md", ".html", ".htm", ".pdf", ".docx"]
    # -- empty and blank files, every type
    for i, suffix in enumerate(suffixes):
        add(f"empty{i}{suffix}", b"", "empty", "fail", "empty")
        add(f"blank{i}{suffix}", b" \n\t\r\n " * (i + 1), "empty", "fail", "")
    # -- binary junk, every type and no suffix (no suffix: sniffed, read as text)
    for i in range(36):
        suffix = suffixes[i % len(suffixes)] if i < 30 else ".txt"
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(16, 4096)))
        if suffix == ".pdf" and i % 2:
            data = b"%PDF-1.4\n" + data  # a header, then junk
        if suffix == ".docx" and i % 2:
            data = b"PK\x03\x04" + data  # a zip signature, then junk
        add(f"junk{i}{suffix}", data, "binary junk", "fail")
    for i in range(4):
        add(f"junk_nosuffix{i}", b"\x00\x01\x02" + bytes(rng.randrange(256) for _ in range(512)), "binary junk",
            "fail", "binary")
    # -- wrong encodings
    for i in range(6):
        add(f"utf16_nobom{i}.txt", TEXT.encode("utf-16-le"), "wrong encoding", "fail", "binary")
        add(f"utf32{i}.txt", TEXT.encode("utf-32-le"), "wrong encoding", "fail", "binary")
        add(f"shiftjis{i}.txt", ("日本語のテキストです。これは中国語ではありません。" * (i + 3)).encode("shift_jis"),
            "wrong encoding", "fail", "decode")
        add(f"bad_bom{i}.txt", b"\xff\xfe" + b"\x00\xd8" * (i + 3) + b"A", "wrong encoding", "fail", "decode")
        add(f"controls{i}.txt", ("\x01\x02\x03\x04\x05" * 40 + TEXT).encode(), "control characters", "fail", "binary")
    # -- truncated PDFs (a reader may recover some: stored whole or refused), headers alone
    for i in range(24):
        cut = max(9, int(len(pdf) * (i + 1) / 26))
        add(f"truncated{i}.pdf", pdf[:cut], "truncated pdf", "either")
    for i in range(4):
        add(f"header_only{i}.pdf", b"%PDF-1." + str(i).encode() + b"\n", "truncated pdf", "fail")
    # -- PDFs without a text layer
    for i in range(8):
        add(f"scanned{i}.pdf", textless_pdf(i % 3 + 1), "pdf without text", "fail", "no text layer")
    # -- truncated DOCX (the central directory is at the end: any cut breaks the zip)
    for i in range(24):
        cut = max(4, int(len(docx_bytes) * (i + 1) / 26))
        add(f"truncated{i}.docx", docx_bytes[:cut], "truncated docx", "fail", "DOCX")
    # -- Word packages with broken parts
    for i in range(6):
        add(f"broken_xml{i}.docx", zip_with({"[Content_Types].xml": b"<Types", "word/document.xml": b"<w:document"}),
            "broken docx", "fail", "DOCX")
        add(f"plain_zip{i}.docx", zip_with({f"a{i}.txt": b"hello"}), "broken docx", "fail", "DOCX")
    # -- zip bombs and zips of too many entries
    bomb = docx_bomb(24)
    for i in range(3):
        add(f"bomb{i}.docx", bomb, "zip bomb", "fail", "--max-docx-mb")
    many = docx_many_entries(600)
    for i in range(3):
        add(f"many_entries{i}.docx", many, "zip bomb", "fail", "--max-docx-entries")
    # -- huge files and huge text
    for i in range(3):
        data = (TEXT * 20_000).encode("utf-8")[: 2_400_000 + i * 1000]  # may split a character
        add(f"huge{i}.txt", data, "huge", "fail", "--max-file-mb")
    for i in range(3):
        add(f"long_text{i}.txt", ("a" * 1_200_000 + TEXT).encode("ascii", "ignore") + TEXT.encode(), "huge text",
            "fail", "--max-chars")
    add("huge.pdf", pdf + b"%" + b"x" * (2 * 1024 * 1024 + 10) + b"\n", "huge", "fail", "--max-file-mb")
    add("many_pages.pdf", good_pdf(pages=60), "huge", "fail", "--max-pdf-pages")
    # -- deeply nested HTML, HTML without text
    for i in range(8):
        add(f"deep{i}.html", nested_html(1500 + 2000 * i, ("div", "font", "span", "table")[i % 4]),
            "deep html", "fail", "--max-html-depth")
    for i in range(6):
        add(f"script_only{i}.html", b"<html><head><script>var a=1;</script></head><body><script>x()</script>"
            b"<style>p{}</style></body></html>", "html without text", "fail", "no text")
    # -- mislabelled suffixes
    for i in range(4):
        marker = f"\n附：错标第{i + 1}份\n".encode()
        # PDF and Word content is read for what it is, whatever the suffix
        add(f"pdf_as_docx{i}.docx", good_pdf(TEXT + f"附：PDF {i}"), "mislabelled", "ok")
        add(f"docx_as_pdf{i}.pdf", good_docx(TEXT + f"附：DOCX {i}"), "mislabelled", "ok")
        add(f"pdf_as_html{i}.html", good_pdf(TEXT + f"附：HTML {i}"), "mislabelled", "ok")
        add(f"docx_as_txt{i}.txt", good_docx(TEXT + f"附：TXT {i}"), "mislabelled", "ok")
        # other content under a PDF or Word suffix is refused
        add(f"html_as_pdf{i}.pdf", html + marker, "mislabelled", "fail", "not a PDF file")
        add(f"text_as_docx{i}.docx", TEXT.encode() + marker, "mislabelled", "fail", "not a DOCX file")
        add(f"bomb_as_html{i}.htm", bomb, "mislabelled", "fail", "--max-docx-mb")
        add(f"truncated_pdf_as_txt{i}.txt", pdf[: len(pdf) // 3], "mislabelled", "either")
    # -- good files among them (distinct names and bytes)
    for i in range(3):
        marker = f"\n附：第{i + 1}份\n"
        add(f"good_utf8_{i}.txt", (TEXT + marker).encode("utf-8"), "good", "ok")
        add(f"good_gb_{i}.txt", (TEXT + marker).encode("gb18030"), "good", "ok")
        add(f"good_html_{i}.html", good_html(TEXT + marker), "good", "ok")
        add(f"good_docx_{i}.docx", good_docx(TEXT + marker), "good", "ok")
        add(f"good_pdf_{i}.pdf", good_pdf(TEXT + marker), "good", "ok")
        add(f"good_html_as_txt_{i}.txt", good_html(TEXT + marker + "。"), "good", "ok")
    return cases


def die_in_worker(path: str, limits: object, *args: object) -> None:
    """Stands in for the upload worker's extraction: the process dies as on a crash in a library."""
    import os

    os._exit(3)


def wait_for_fifo_if_slow(path: str, limits: object, record_as: str, name: str):
    """Stands in for the upload worker's handling: an upload named slow… blocks until a line is written
    to the FIFO named in $PLANLEDGER_TEST_FIFO (an event the test controls), then is handled as usual."""
    import os

    from planledger.ingest import handle_file

    if "slow" in record_as:
        with open(os.environ["PLANLEDGER_TEST_FIFO"], encoding="utf-8") as fifo:
            fifo.readline()
    return handle_file(path, limits, record_as=record_as, name=name)
