"""The hostile-input suite's files, generated at test time (nothing of it is stored in the repository).

``make_suite(folder)`` writes, under ``folder``:

- ``broken/``: the broken corpus of ``broken_files.make_corpus`` (every type empty, junk, truncated,
  mislabelled, nested, bombs of entries, over each limit, and good files among them);
- ``seeds/<format>/``: the five Chongqing seeds as UTF-8 and GB18030 text, HTML, DOCX and PDF — good
  files whose stems repeat from folder to folder (five ``000_….txt``-like stems in five folders);
- ``mutated/``: copies of those with damage done to their bytes — bits flipped, cut short, a block
  deleted, junk inserted, a block repeated — which a reader may recover or refuse;
- ``bombs/``: a PDF whose one stream inflates to 1 GB, a DOCX whose document.xml unpacks to 150 MB, a
  zip entry that lies about its size;
- ``special/``: FIFOs, symlinks to /dev/zero and /dev/urandom, a dangling symlink, a socket;
- ``names/``: good files with odd names (GBK bytes, a newline, an escape sequence, a right-to-left
  override, a very long name, a leading dash, spaces and quotes), and the bytes of one of them again
  under another name.

It returns the inputs to give ``planledger ingest`` (the folders, plus the files a folder walk skips)
and one ``Case`` per file: what ingest must do with it ("ok": stored; "same": unchanged, the same
bytes as a stored document; "fail": refused with one line holding ``problem``; "either").
"""
from __future__ import annotations

import os
import random
import socket
import zipfile
from pathlib import Path

from broken_files import Case, good_docx, good_html, make_corpus, pdf_of_pages, zip_with
from conftest import seed_paths

MUTATIONS = 10  # damaged copies of each seed in each format


def _wrapped(text: str, width: int = 38, lines: int = 90) -> str:
    """The first ``lines`` lines of ``text`` cut to ``width`` characters (what fits a PDF page's width)."""
    out = []
    for line in text.splitlines():
        while line and len(out) < lines:
            out.append(line[:width])
            line = line[width:]
    return "\n".join(out)


def _pdf_pages(text: str) -> bytes:
    """``text`` on pages of 40 lines."""
    lines = text.splitlines()
    return pdf_of_pages([lines[i:i + 40] for i in range(0, len(lines), 40)], left=40)


def pdf_bomb(megabytes: int) -> bytes:
    """A valid one-page PDF whose content stream is ``megabytes`` MB of spaces, deflated (~1 KB per MB)."""
    import zlib

    stream = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    packed = b"".join(stream.compress(chunk) for _ in range(megabytes)) + stream.flush()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def docx_xml_bomb(megabytes: int) -> bytes:
    """A .docx whose word/document.xml unpacks to ``megabytes`` MB (a long run of one paragraph)."""
    import io

    source = zipfile.ZipFile(io.BytesIO(good_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                z.writestr(info.filename, source.read(info.filename))
        with z.open("word/document.xml", "w") as part:
            part.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                       b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>')
            block = "增长6%".encode() * 100_000
            for _ in range(megabytes * (1 << 20) // len(block)):
                part.write(block)
            part.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return out.getvalue()


def lying_zip() -> bytes:
    """A .docx whose document.xml claims 100 bytes but inflates to 50 MB: zipfile stops at what is claimed."""
    import io

    data = zip_with({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<" + b" " * (50 << 20) + b"/>"})
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo("word/document.xml")
    real = (50 << 20) + 3
    lied = bytearray(data)
    for at in range(len(lied) - 4):  # the uncompressed size, in the local header and the central directory
        if lied[at:at + 4] == real.to_bytes(4, "little"):
            lied[at:at + 4] = (100).to_bytes(4, "little")
    assert info.file_size == real
    return bytes(lied)


def _mutate(data: bytes, rng: random.Random, how: int) -> bytes:
    b = bytearray(data)
    n = len(b)
    at = rng.randrange(n)
    if how == 0:  # one bit
        b[at] ^= 1 << rng.randrange(8)
    elif how == 1:  # a few bits
        for _ in range(3):
            b[rng.randrange(n)] ^= 1 << rng.randrange(8)
    elif how in (2, 3):  # cut short
        del b[max(1, int(n * rng.uniform(0.1, 0.99))):]
    elif how == 4:  # a block deleted
        del b[at:at + rng.randrange(1, 512)]
    elif how in (5, 6):  # junk inserted
        b[at:at] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 256)))
    elif how == 7:  # a block repeated
        b[at:at] = b[at:at + rng.randrange(1, 4096)] * rng.randrange(2, 5)
    elif how == 8:  # a byte zeroed
        b[at] = 0
    else:  # the first kilobyte scrambled
        head = b[:1024]
        rng.shuffle(head)
        b[:1024] = head
    return bytes(b)


def make_suite(folder: Path, seed: int = 14) -> tuple[list[str], list[tuple[Path, Case]]]:
    rng = random.Random(seed)
    cases: list[tuple[Path, Case]] = []
    inputs: list[str] = []

    def add(path: Path, data: bytes, kind: str, expect: str, problem: str = "") -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        cases.append((path, Case(path.name, kind, expect, problem)))

    # the broken corpus
    broken = folder / "broken"
    for case in make_corpus(broken):
        cases.append((broken / case.name, case))
        if not Path(case.name).suffix:  # a folder walk skips files without a suffix: named on the command line
            inputs.append(str(broken / case.name))

    # the seeds in every format: good files, the same stems in five folders
    formats = {}
    for src in seed_paths():
        text = src.read_text(encoding="utf-8")
        formats[src.stem] = {
            "utf8.txt": text.encode("utf-8"),
            "gb18030.txt": text.encode("gb18030"),
            "html.html": good_html(text),
            "docx.docx": good_docx(text),
            "pdf.pdf": _pdf_pages(_wrapped(text)),
        }
    for stem, by_format in formats.items():
        for fmt, data in by_format.items():
            kind, suffix = fmt.split(".")
            add(folder / "seeds" / kind / f"{stem}.{suffix}", data, "seed", "ok")
            for k in range(MUTATIONS):
                add(folder / "mutated" / kind / f"{stem}-m{k}.{suffix}", _mutate(data, rng, k), "mutated seed",
                    "either")

    # bombs
    bombs = folder / "bombs"
    for i, mb in enumerate((1024, 300)):
        add(bombs / f"inflates{i}.pdf", pdf_bomb(mb), "pdf bomb", "fail", "--max-pdf-mb")
    add(bombs / "document_xml.docx", docx_xml_bomb(150), "docx bomb", "fail", "--max-docx")
    add(bombs / "lying_sizes.docx", lying_zip(), "lying zip", "fail", "DOCX")

    # special files: refused before they are opened
    special = folder / "special"
    special.mkdir()
    for i in range(3):
        os.mkfifo(special / f"fifo{i}.txt")
        cases.append((special / f"fifo{i}.txt", Case(f"fifo{i}.txt", "fifo", "fail", "a FIFO")))
    for name, target in (("zero.txt", "/dev/zero"), ("zero.pdf", "/dev/zero"), ("random.docx", "/dev/urandom")):
        os.symlink(target, special / name)
        cases.append((special / name, Case(name, "device", "fail", "character device")))
    os.symlink(special / "nowhere", special / "dangling.txt")
    cases.append((special / "dangling.txt", Case("dangling.txt", "dangling symlink", "fail", "no such file")))
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(special / "socket.txt"))
    sock.close()
    cases.append((special / "socket.txt", Case("socket.txt", "socket", "fail", "a socket")))

    # odd names, good content (distinct bytes each), and the same bytes under a second name
    names = folder / "names"
    base = formats[seed_paths()[1].stem]["utf8.txt"]
    odd = [os.fsdecode("重庆".encode("gbk")) + ".txt", os.fsdecode("报告2021".encode("gb18030")) + ".txt",
           "line\nbreak.txt", "escape\x1b[31mred.txt", "rtl\u202etxt.exe.txt", "报告" * 40 + ".txt",
           "-leading-dash.txt", "spaces and 'quotes\".txt", "tab\there.txt", "bell\x07.txt", "cr\rname.txt",
           os.fsdecode(b"bad\xff\xfe") + ".txt"]
    for i, name in enumerate(odd):
        add(names / name, base + f"\n（第{i}份）\n".encode(), "odd name", "ok")
    again = folder / "names-again"  # ingested after names/
    add(again / "same-bytes-again.txt", base + "\n（第0份）\n".encode(), "same bytes", "same")
    inputs[:0] = [str(folder / "broken"), str(folder / "seeds"), str(folder / "mutated"), str(bombs),
                  str(special), str(names), str(again)]
    return inputs, cases
