"""PDF reader: the text layer, page by page, with pdfminer.six.

Each page's text is the text of its layout boxes in pdfminer's reading order, one box after
the other (each box's lines end with ``\\n``, as pdfminer writes them). Pages are joined with
one ``\\n`` and ``Document.pages`` records each page's ``[start, end)`` range in the joined
text. Lines are kept as the PDF breaks them; joining wrapped lines is the normalize stage's job.
"""
from __future__ import annotations

from planledger.errors import ReadError
from planledger.model import Document, Page
from planledger.read.text import sha256_hex

NO_TEXT_LAYER = "PDF has no text layer (scanned?); OCR it first"


def _layout_text(item, out: list[str]) -> None:
    from pdfminer.layout import LTContainer, LTTextBox, LTTextLine

    if isinstance(item, (LTTextBox, LTTextLine)):
        out.append(item.get_text())
    elif isinstance(item, LTContainer):  # figures (form XObjects) hold text too
        for child in item:
            _layout_text(child, out)


def _title(document) -> str | None:
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    for info in getattr(document, "info", None) or []:
        try:
            value = resolve1(resolve1(info).get("Title"))
        except Exception:  # a broken info dictionary is no reason to reject the file
            continue
        if isinstance(value, bytes):
            value = decode_text(value)
        if isinstance(value, str):
            value = value.replace("\x00", "").strip()
            if value:
                return value
    return None


def _extract(path: str, data: bytes) -> tuple[list[str], str | None]:
    import io
    import logging

    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    pdfminer_log = logging.getLogger("pdfminer")
    if pdfminer_log.level == logging.NOTSET:  # per-page warnings are noise, unless asked for
        pdfminer_log.setLevel(logging.ERROR)
    try:
        parser = PDFParser(io.BytesIO(data))
        document = PDFDocument(parser, password="")
    except PDFPasswordIncorrect:
        raise ReadError(path, "PDF is encrypted (a password is needed to open it)") from None
    except PDFEncryptionError as exc:
        raise ReadError(path, f"PDF is encrypted with an unsupported method: {exc}") from None
    title = _title(document)
    manager = PDFResourceManager(caching=True)
    device = PDFPageAggregator(manager, laparams=LAParams(all_texts=True))
    interpreter = PDFPageInterpreter(manager, device)
    from planledger import limits

    pages: list[str] = []
    for page in PDFPage.create_pages(document):
        if limits.current().max_pdf_pages and len(pages) >= limits.current().max_pdf_pages:
            raise limits.over(path, f"PDF has more than {len(pages):,} pages", len(pages) + 1, "max_pdf_pages")
        interpreter.process_page(page)
        out: list[str] = []
        for item in device.get_result():
            _layout_text(item, out)
        pages.append("".join(out).rstrip("\n"))
    return pages, title


def _pdf_problem(exc: Exception) -> str:
    """What went wrong, in the reader's words rather than pdfminer's class names."""
    name = type(exc).__name__
    detail = str(exc).strip().strip("'\"")
    if name in ("PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning") or "encrypt" in name.lower():
        return "it is encrypted; decrypt it first (e.g. qpdf --decrypt)"
    if name == "PSEOF":
        return "it ends before its structure does (truncated?)"
    what = "its structure is damaged" if name in ("PDFSyntaxError", "PSSyntaxError", "PDFNoValidXRef") \
        else "it is damaged"
    return f"{what} ({detail})" if detail and name not in ("KeyError", "IndexError") else what


def read_pdf(path: str, data: bytes) -> Document:
    """Read a PDF's text layer; a PDF without one (scanned) or an unreadable PDF is a ReadError."""
    if not data.strip():
        raise ReadError(path, "empty file")
    if b"%PDF-" not in data[:1024]:
        raise ReadError(path, "not a PDF file (no %PDF- header)")
    try:
        page_texts, title = _extract(path, data)
    except ReadError:
        raise
    except Exception as exc:  # pdfminer raises many types (PDFSyntaxError, PSEOF, KeyError...)
        raise ReadError(path, f"cannot read PDF: {_pdf_problem(exc)}") from None
    if not page_texts:
        raise ReadError(path, "PDF has no pages")
    if not any(t.strip() for t in page_texts):
        raise ReadError(path, NO_TEXT_LAYER)
    parts: list[str] = []
    pages: list[Page] = []
    offset = 0
    for number, page_text in enumerate(page_texts, start=1):
        if number > 1:
            parts.append("\n")
            offset += 1
        pages.append(Page(number=number, start=offset, end=offset + len(page_text)))
        parts.append(page_text)
        offset += len(page_text)
    return Document(path=str(path), text="".join(parts), format="pdf", sha256=sha256_hex(data),
                    title=title, pages=pages)
