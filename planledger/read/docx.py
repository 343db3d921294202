"""DOCX reader: the body's paragraphs and tables in document order, with python-docx.

One paragraph per line. A table is written where it stands in the body, one row per line with
its cells separated by a tab (a merged cell is written once; line breaks inside a cell become a
space). Content controls (``w:sdt``) are read through. Headers, footers, footnotes and comments
are not part of the text. Empty paragraphs are dropped.
"""
from __future__ import annotations

from planledger.errors import ReadError, printable
from planledger.model import Document
from planledger.read.text import sha256_hex

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _cell_text(cell) -> str:
    return " ".join(line.strip() for line in cell.text.splitlines() if line.strip())


def _table_lines(table) -> list[str]:
    lines = []
    for row in table.rows:
        cells, previous = [], None
        for cell in row.cells:
            if cell._tc is previous:  # a horizontally merged cell repeats itself
                continue
            previous = cell._tc
            cells.append(_cell_text(cell))
        line = "\t".join(cells)
        if line.strip():
            lines.append(line)
    return lines


def _block_lines(container, parent) -> list[str]:
    """Lines of the paragraphs and tables directly under ``container`` (body or sdtContent)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    for child in container.iterchildren():
        if child.tag == f"{_W}p":
            text = Paragraph(child, parent).text
            if text.strip():
                lines.append(text)
        elif child.tag == f"{_W}tbl":
            lines.extend(_table_lines(Table(child, parent)))
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                lines.extend(_block_lines(content, parent))
    return lines


def _check_zip(path: str, data: bytes) -> None:
    """Zip-bomb guard: count the entries and add up their sizes before anything is unpacked."""
    import io
    import zipfile

    from planledger import limits

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise ReadError(path, f"not a DOCX file (not a Word package: {exc})") from None
    limits.check(path, "max_docx_entries", len(infos), "DOCX zip has {} entries")
    limits.check(path, "max_docx_mb", sum(i.file_size for i in infos),
                 "DOCX zip unpacks to {} MB", " MB", limits.MB)
    # an XML part is parsed whole (an lxml tree is ~10x its text): each is bounded on its own
    for info in infos:
        if info.filename.lower().endswith((".xml", ".rels")):
            limits.check(path, "max_docx_xml_mb", info.file_size,
                         f"DOCX part {printable(info.filename)} unpacks to {{}} MB", " MB", limits.MB)
    # zipfile never yields more than an entry's declared size (a lying entry fails its CRC check at
    # that size), so these declared sizes bound what reading the parts can unpack


def read_docx(path: str, data: bytes) -> Document:
    """Read a .docx file; a corrupt or non-DOCX file is a ReadError."""
    if not data.strip():
        raise ReadError(path, "empty file")
    import io
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    _check_zip(path, data)
    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        lines = _block_lines(body, document._body)
        title = (document.core_properties.title or "").strip() or None
    except (PackageNotFoundError, zipfile.BadZipFile) as exc:
        raise ReadError(path, f"not a DOCX file (not a Word package: {exc})") from None
    except Exception as exc:  # broken XML, missing parts, ...
        detail = str(exc).strip().strip("'\"")
        what = {"XMLSyntaxError": "it holds broken XML", "KeyError": "a part of it is missing"}.get(
            type(exc).__name__, "it is damaged")
        raise ReadError(path, f"cannot read DOCX: {what}" + (f" ({detail})" if detail else "")) from None
    text = "\n".join(lines)
    from planledger import limits

    limits.check(path, "max_chars", len(text), "text is {} characters", " characters")
    if not text.strip():
        raise ReadError(path, "no text in the DOCX body")
    return Document(path=str(path), text=text, format="docx", sha256=sha256_hex(data), title=title)
