"""Stage 1: read a file into a ``Document`` (decoded original text + what the file says about itself).

``read_path`` picks a reader by suffix from ``READERS``; a file with another suffix is sniffed
(``%PDF-`` → pdf, a zip holding ``word/document.xml`` → docx, ``<html`` → html, else text).
The heavy libraries (pdfminer, python-docx, lxml) are imported inside the readers, so reading
a .txt file never loads them.
"""
from __future__ import annotations

import io
import os
from typing import Callable, Iterable

from planledger.errors import ReadError
from planledger.model import Document
from planledger.read.docx import read_docx
from planledger.read.html import read_html
from planledger.read.pdf import read_pdf
from planledger.read.text import read_text

Reader = Callable[[str, bytes], Document]

FORMATS: dict[str, Reader] = {"text": read_text, "html": read_html, "pdf": read_pdf, "docx": read_docx}

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".md": read_text,
    ".text": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".pdf": read_pdf,
    ".docx": read_docx,
}

__all__ = ["FORMATS", "READERS", "gather_paths", "iter_paths", "read_path", "sniff_format"]


def file_sha256(path: str | os.PathLike) -> str | None:
    """The sha256 of a file's bytes, read in blocks (a document's identity in the store); None when
    the file cannot be read."""
    import hashlib

    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def sniff_format(data: bytes) -> str:
    """Guess a format from the content: "pdf", "docx", "html" or "text"."""
    if data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if data.startswith(b"PK"):
        import zipfile

        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except (zipfile.BadZipFile, OSError, ValueError):
            pass
    lowered = data[:4096].lower()
    if b"<html" in lowered or b"<!doctype html" in lowered:
        return "html"
    return "text"


def _check_path(path: str) -> None:
    if not os.path.exists(path):
        raise ReadError(path, "no such file")
    if os.path.isdir(path):
        raise ReadError(path, "is a directory")


def read_path(path: str | os.PathLike) -> Document:
    """Read one file into a Document; raises ReadError naming the file for any failure."""
    from planledger import limits

    path = os.fspath(path)
    _check_path(path)
    try:
        limits.check(path, "max_file_mb", os.path.getsize(path), "file is {} MB", " MB", limits.MB)
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise ReadError(path, f"cannot read file: {exc.strerror or exc}") from None
    suffix = os.path.splitext(path)[1].lower()
    sniffed = sniff_format(data)
    # a PDF or Word file under another suffix is read for what it is, not as text
    reader = FORMATS[sniffed] if sniffed in ("pdf", "docx") else READERS.get(suffix) or FORMATS[sniffed]
    document = reader(path, data)
    limits.check(path, "max_chars", len(document.text), "text is {} characters", " characters")
    return document


def iter_paths(paths: Iterable[str | os.PathLike]) -> list[str]:
    """Expand the given files and folders into the files to read.

    A file is kept as given (whatever its suffix: read_path sniffs it). A folder is walked
    recursively for files with a supported suffix, skipping hidden files and folders and README
    files (a README named as a file is kept); each
    folder's files come sorted. Duplicates are dropped. A missing path is a ReadError.
    """
    found: list[str] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            found.append(path)

    for given in paths:
        path = os.fspath(given)
        if not os.path.exists(path):
            raise ReadError(path, "no such file")
        if not os.path.isdir(path):
            add(path)
            continue
        files = []
        for folder, dirs, names in os.walk(path):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in names:
                # a folder's README describes the folder: it is no document
                if not name.startswith(".") and not name.lower().startswith("readme.") \
                        and os.path.splitext(name)[1].lower() in READERS:
                    files.append(os.path.join(folder, name))
        for file in sorted(files):
            add(file)
    return found


def gather_paths(paths: Iterable[str | os.PathLike]) -> tuple[list[str], list[tuple[str, ReadError]]]:
    """``iter_paths`` input by input, for a command given many: the files to read (each once), and
    (input, error) for each input that failed, so that one missing path does not stop the others."""
    files: list[str] = []
    failed: list[tuple[str, ReadError]] = []
    for given in paths:
        try:
            files.extend(str(f) for f in iter_paths([given]))
        except ReadError as e:  # a missing path
            failed.append((os.fspath(given), e))
    return list(dict.fromkeys(files)), failed
