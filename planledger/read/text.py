"""Plain-text reader: UTF-8 (with or without BOM), GB18030/GBK and Big5.

The returned ``Document.text`` is the *original* text: the bytes decoded as they are, with one
exception, Windows line ends ``\\r\\n`` become ``\\n``. Nothing else is normalized, because every
later offset points into this text.

The decoding helpers here are shared with the HTML reader.
"""
from __future__ import annotations

import codecs
import hashlib

from planledger.errors import ReadError
from planledger.model import Document, Page
from planledger.read.pages import without_running_lines

# Encoding families planledger accepts besides UTF-8. A detector's answer is mapped to the
# codecs tried in order (the first that decodes the bytes strictly wins): gb18030 is a superset
# of gbk/gb2312; cp936 keeps the odd GBK byte (0x80 = €) that gb18030 rejects.
_GB = ("gb18030", "cp936")
_BIG5 = ("big5", "cp950", "big5hkscs")
_FAMILIES: dict[str, tuple[str, ...]] = {
    "gb18030": _GB, "gbk": _GB, "gb2312": _GB, "cp936": _GB, "hz": _GB, "euc_cn": _GB,
    "big5": _BIG5, "cp950": ("cp950", "big5", "big5hkscs"), "big5hkscs": ("big5hkscs", "cp950", "big5"),
}
# A confident answer in one of these means "another CJK language", not a misdetected Chinese text.
_OTHER_CJK = {"cp932", "shift_jis", "shift_jis_2004", "shift_jisx0213", "euc_jp", "euc_jis_2004",
              "euc_jisx0213", "iso2022_jp", "euc_kr", "cp949", "johab", "iso2022_kr"}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

UNDECODABLE = "cannot decode text: not UTF-8, GB18030 or Big5"


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _canonical(name: str) -> str:
    try:
        return codecs.lookup(name).name.replace("-", "_")
    except LookupError:
        return name.lower().replace("-", "_")


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


_NOT_CONTROL = bytes(range(0x20, 0x100)) + b"\t\n\r\x0c\x1b"  # printable, high and allowed control bytes


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or more than 5% control bytes other than tab/LF/CR/FF/ESC: not a text file."""
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    # what is left once every other byte is deleted: the control bytes (counted in C, not byte by byte)
    controls = len(sample.translate(None, _NOT_CONTROL)) + sample.count(0x7F)
    return controls > 0.05 * len(sample)


def _try(data: bytes, encodings: tuple[str, ...]) -> tuple[str, str] | None:
    for encoding in encodings:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    return None


def _detect(data: bytes) -> tuple[str, str] | None:
    """Decode GB18030/GBK or Big5 bytes found with charset-normalizer; None when neither fits."""
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    if best is not None:
        name = _canonical(best.encoding)
        if name in _FAMILIES:
            decoded = _try(data, _FAMILIES[name])
            if decoded is not None:
                return decoded
        if name in _OTHER_CJK:
            return None
    # Short Chinese samples are often taken for UTF-16 or a Latin code page: ask again among
    # the Chinese encodings only, and keep the most coherent reading.
    for match in charset_normalizer.from_bytes(data, cp_isolation=["gb18030", "big5"]):
        name = _canonical(match.encoding)
        decoded = _try(data, _FAMILIES.get(name, (name,)))
        if decoded is not None:
            return decoded
    return None


def decode_bytes(path: str, data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode a text file's bytes: BOM, UTF-8, a declared charset (HTML), then GB18030/GBK or Big5.

    Returns ``(text, encoding)``; raises ReadError for binary data or any other encoding.
    """
    bom = _bom_encoding(data)
    if bom is not None:
        try:
            return data.decode(bom), ("utf-8" if bom == "utf-8-sig" else bom)
        except UnicodeDecodeError as exc:
            raise ReadError(path, f"{UNDECODABLE} (bad {bom}: {exc.reason})") from None
    if looks_binary(data):
        raise ReadError(path, "binary data, not text")
    # Valid UTF-8 wins even over a declared charset: Chinese GB/Big5 text is practically never
    # valid UTF-8, while pages re-saved as UTF-8 often keep their old "gb2312" declaration.
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        name = _canonical(declared)
        decoded = _try(data, _FAMILIES.get(name, (name,)))
        if decoded is not None:
            return decoded
    decoded = _detect(data)
    if decoded is None:
        raise ReadError(path, UNDECODABLE)
    return decoded


# A text that decodes in no encoding but does in one with a few damaged characters (a flipped bit, a
# file cut in the middle of a character) is read with those characters as U+FFFD, and says how many:
# at most this share of its characters (and at least this many in a short text)
DAMAGED_SHARE, DAMAGED_MIN = 0.001, 1
REPLACEMENT = "\ufffd"


def decode_damaged(data: bytes) -> tuple[str, str, int] | None:
    """The reading of undecodable bytes with the fewest damaged characters, as UTF-8 or GB18030 (or by a
    BOM's encoding): ``(text, encoding, damaged)`` with the damaged characters as U+FFFD; None when even
    the best has more damage than a flipped bit or a cut would make (DAMAGED_SHARE, DAMAGED_MIN)."""
    bom = _bom_encoding(data)
    candidates = [bom] if bom else ["utf-8", "gb18030", "big5"]
    best = None
    for encoding in candidates:
        text = data.decode(encoding, errors="replace")
        damaged = text.count(REPLACEMENT) - _already(data, encoding)
        if best is None or damaged < best[2]:
            best = (text, "utf-8" if encoding == "utf-8-sig" else encoding, damaged)
    if best is None or best[2] <= 0 or best[2] > max(DAMAGED_MIN, DAMAGED_SHARE * len(best[0])):
        return None
    return best


def _already(data: bytes, encoding: str) -> int:
    """U+FFFD written in the file itself (not damage)."""
    try:
        return data.count(REPLACEMENT.encode(encoding))
    except (UnicodeError, LookupError):
        return 0


def read_text(path: str, data: bytes) -> Document:
    """Read a plain-text file. ``\\r\\n`` becomes ``\\n``; the text is otherwise kept as decoded.

    A file that decodes in no encoding because a few of its characters are damaged (``decode_damaged``)
    is read with those as U+FFFD: ``Document.damaged`` says how many (ingest reports it)."""
    if not data.strip():
        raise ReadError(path, "empty file")
    damaged = 0
    try:
        text, encoding = decode_bytes(path, data)
    except ReadError as e:
        lenient = None if e.problem.startswith("binary") else decode_damaged(data)
        if lenient is None:
            raise
        text, encoding, damaged = lenient
    text = text.replace("\r\n", "\n")
    if not text.strip():
        raise ReadError(path, "empty file")
    pages = []
    if "\f" in text:
        # a text with form feeds (pdftotext's pages): the pages, without their running headers and footers
        parts = without_running_lines(text.split("\f"))
        text, offset = "\n".join(parts), 0
        for number, part in enumerate(parts, start=1):
            pages.append(Page(number=number, start=offset, end=offset + len(part)))
            offset += len(part) + 1
    return Document(path=str(path), text=text, format="text", sha256=sha256_hex(data), encoding=encoding,
                    damaged=damaged, pages=pages)
