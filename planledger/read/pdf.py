"""PDF reader: the text layer, page by page, with pdfminer.six.

Each page's text is the text of its layout boxes in pdfminer's reading order, one box after
the other (each box's lines end with ``\\n``, as pdfminer writes them). Pages are joined with
one ``\\n`` and ``Document.pages`` records each page's ``[start, end)`` range in the joined
text. Lines are kept as the PDF breaks them; joining wrapped lines is the normalize stage's job.
"""
from __future__ import annotations

import io
import zlib
from contextvars import ContextVar

from planledger.errors import ReadError
from planledger.model import Document, Page
from planledger.read.pages import without_running_lines
from planledger.read.text import sha256_hex

NO_TEXT_LAYER = "PDF has no text layer (scanned?); OCR it first"


# -- what a PDF's streams may inflate to -------------------------------------------------------------
# pdfminer inflates a stream whole (zlib.decompress, lzwdecode) before anything can look at its size,
# and has no hook to bound it: a 1 MB stream of zeros becomes 1 GB. So the reader gives pdfminer's
# stream module a zlib and an LZW decoder that count what they produce against the --max-pdf-mb budget
# of the PDF being read (a context variable: one per read, in any thread) and stop at it. Outside a
# read (no budget) they behave as the originals.
_budget: ContextVar["_Budget | None"] = ContextVar("planledger_pdf_budget", default=None)


class _Budget:
    def __init__(self, path: str, limit_bytes: float):
        self.path, self.left, self.over = path, limit_bytes, False

    def room(self) -> int:
        if self.over:
            raise self.error()
        if self.left == float("inf"):
            return 0  # no max_length
        return max(int(self.left), 0) + 1

    def spend(self, n: int) -> None:
        self.left -= n
        if self.left < 0:
            self.over = True
            raise self.error()

    def error(self):
        from planledger import limits

        return limits.over(self.path, "PDF streams inflate to more than allowed", 0, "max_pdf_mb", " MB")


def _inflate(data: bytes) -> bytes:
    """zlib.decompress, at most the budget's bytes of output."""
    budget = _budget.get()
    if budget is None or budget.left == float("inf"):
        return zlib.decompress(data)
    d = zlib.decompressobj()
    out = d.decompress(data, budget.room())
    budget.spend(len(out))
    if d.unconsumed_tail:  # more to come than the budget allows
        budget.spend(budget.room())
    if not d.eof:
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return out


class _CappedDecompressor:
    def __init__(self, *args):
        self._d = zlib.decompressobj(*args)

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        budget = _budget.get()
        if budget is None:
            return self._d.decompress(data, max_length)
        out = self._d.decompress(data, budget.room())
        budget.spend(len(out))
        if self._d.unconsumed_tail:
            budget.spend(budget.room())
        return out

    def flush(self, *args) -> bytes:
        return self._d.flush(*args)

    def __getattr__(self, name: str):
        return getattr(self._d, name)


class _CappedZlib:
    """The part of the zlib module pdfminer's stream decoding uses, under the budget."""

    error = zlib.error
    MAX_WBITS = zlib.MAX_WBITS
    decompress = staticmethod(_inflate)
    decompressobj = _CappedDecompressor

    def __getattr__(self, name: str):
        return getattr(zlib, name)


def _lzw(data: bytes) -> bytes:
    """pdfminer's lzwdecode, at most the budget's bytes of output."""
    from pdfminer.lzw import LZWDecoder

    budget = _budget.get()
    out = []
    for piece in LZWDecoder(io.BytesIO(data)).run():
        if budget is not None:
            budget.spend(len(piece))
        out.append(piece)
    return b"".join(out)


def _install_stream_limits() -> None:
    import pdfminer.pdftypes as streams

    if not isinstance(streams.zlib, _CappedZlib):
        streams.zlib = _CappedZlib()
        streams.lzwdecode = _lzw


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

    _install_stream_limits()
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
    chars = 0
    for page in PDFPage.create_pages(document):
        if limits.current().max_pdf_pages and len(pages) >= limits.current().max_pdf_pages:
            raise limits.over(path, f"PDF has more than {len(pages):,} pages", len(pages) + 1, "max_pdf_pages")
        interpreter.process_page(page)
        out: list[str] = []
        for item in device.get_result():
            _layout_text(item, out)
        pages.append("".join(out).rstrip("\n"))
        chars += len(pages[-1]) + 1  # the text is bounded as it grows, not once it is whole
        limits.check(path, "max_chars", chars, "text is over {} characters", " characters")
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
    from planledger import limits

    cap = limits.current().max_pdf_mb
    budget = _Budget(path, cap * limits.MB if cap else float("inf"))
    token = _budget.set(budget)
    try:
        page_texts, title = _extract(path, data)
    except ReadError:
        raise
    except Exception as exc:  # pdfminer raises many types (PDFSyntaxError, PSEOF, KeyError...)
        if budget.over:  # pdfminer caught the limit and failed on what it left
            raise budget.error() from None
        raise ReadError(path, f"cannot read PDF: {_pdf_problem(exc)}") from None
    finally:
        _budget.reset(token)
    if budget.over:  # pdfminer caught the limit and went on without the stream
        raise budget.error()
    if not page_texts:
        raise ReadError(path, "PDF has no pages")
    if not any(t.strip() for t in page_texts):
        raise ReadError(path, NO_TEXT_LAYER)
    page_texts = without_running_lines(page_texts)
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
