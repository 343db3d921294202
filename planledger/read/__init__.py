"""Stage 1: read a file into a ``Document`` (decoded original text + what the file says about itself).

``read_path`` picks a reader by suffix from ``READERS``; a file with another suffix is sniffed
(``%PDF-`` → pdf, a zip holding ``word/document.xml`` → docx, ``<html`` → html, else text).
The heavy libraries (pdfminer, python-docx, lxml) are imported inside the readers, so reading
a .txt file never loads them.
"""
from __future__ import annotations

import io
import os
import stat
from typing import Callable, Iterable

from planledger.errors import ReadError
from planledger.model import Document
from planledger.read.text import read_text

Reader = Callable[[str, bytes], Document]


def _imported_on_call(module: str, name: str) -> Reader:
    """The reader ``module.name``, imported when a file first needs it: reading .txt files does not
    pay for the HTML, PDF and DOCX readers (their modules compile patterns and tables at import)."""
    def reader(path: str, data: bytes) -> Document:
        import importlib

        return getattr(importlib.import_module(module), name)(path, data)

    reader.__name__ = reader.__qualname__ = name
    return reader


read_docx = _imported_on_call("planledger.read.docx", "read_docx")
read_html = _imported_on_call("planledger.read.html", "read_html")
read_pdf = _imported_on_call("planledger.read.pdf", "read_pdf")

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

__all__ = ["FORMATS", "READERS", "file_sha256", "gather_paths", "iter_paths", "open_regular", "read_bytes",
           "read_data", "read_path", "sniff_format"]


def file_sha256(path: str | os.PathLike) -> str | None:
    """The sha256 of a regular file's bytes, read in blocks (a document's identity in the store); None
    when the file cannot be read or is no regular file (a FIFO would block, a device never end)."""
    import hashlib

    digest = hashlib.sha256()
    try:
        with open_regular(os.fspath(path)) as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except (OSError, ReadError):
        return None
    return digest.hexdigest()


_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory"))


def _refuse_special(path: str, mode: int) -> None:
    if not stat.S_ISREG(mode):
        kind = next((what for test, what in _KINDS if test(mode)), "not a regular file")
        raise ReadError(path, f"is {kind}, not a regular file: refused")


def open_regular(path: str):
    """Open a file for reading its bytes, refusing anything but a regular file — a FIFO, a device (or a
    symlink to /dev/zero), a socket — before a byte is read: it is opened without blocking (a FIFO
    with no writer would wait forever) and checked on the open descriptor, so it cannot be swapped."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        if not os.path.lexists(path):
            raise ReadError(path, "no such file") from None
        if os.path.islink(path) and not os.path.exists(path):
            raise ReadError(path, "no such file (a symbolic link to nothing)") from None
        try:
            _refuse_special(path, os.stat(path).st_mode)  # a socket cannot even be opened
        except OSError:
            pass
        raise ReadError(path, f"cannot read file: {exc.strerror or exc}") from None
    try:
        _refuse_special(path, os.fstat(fd).st_mode)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bytes(path: str | os.PathLike) -> bytes:
    """A regular file's bytes, at most the --max-file-mb limit of them (the size is checked on the open
    file, and no more than the limit is read even from a file that grows)."""
    from planledger import limits

    path = os.fspath(path)
    with open_regular(path) as handle:
        try:
            size = os.fstat(handle.fileno()).st_size
            limits.check(path, "max_file_mb", size, "file is {} MB", " MB", limits.MB)
            cap = limits.current().max_file_mb
            data = handle.read(int(cap * limits.MB) + 1) if cap else handle.read()
        except OSError as exc:
            raise ReadError(path, f"cannot read file: {exc.strerror or exc}") from None
    limits.check(path, "max_file_mb", len(data), "file is {} MB", " MB", limits.MB)
    return data


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
    path = os.fspath(path)
    _check_path(path)
    return read_data(path, read_bytes(path))


def read_data(path: str, data: bytes) -> Document:
    """A Document from a file's bytes (read by ``read_bytes``): the reader its content or suffix calls for,
    and the --max-chars limit on the text."""
    from planledger import limits

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
        # the same path given twice is one input; two names of one file (a symlink) are two, each accounted for
        key = os.path.abspath(path)
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
