"""Stage 2: normalize the decoded text for extraction without losing the original.

Reads ``Document.text``; returns a ``Normalized`` text in which

- lines broken mid-sentence or mid-number (PDF and newspaper wraps: ``8.`` / ``3%``) are joined,
  while paragraph breaks stay as one ``\\n``;
- page and edition markers (``(下转12版)``, ``（上接第1版）``) and markup residue (``##``,
  ``<sub>``) are dropped;
- spaces inside numbers and between a number and its unit (``4222 家``, ``8.3 %``) are dropped;
- full-width digits, letters and signs become ASCII; traditional characters become simplified
  (OpenCC t2s) when the document is written in traditional characters.

``Normalized.offsets[i]`` is the offset in the original text of normalized character ``i``
(with one extra entry for the end), so a span found in the normalized text maps back to
``original[start:end]`` (``Normalized.span``).
"""
from __future__ import annotations

import bisect
import hashlib
import itertools
import operator
import os
import re
from functools import lru_cache
from pathlib import Path

from . import patterns
from .patterns import cache_dir

# Page/edition markers of newspaper prints and PDF page furniture.
_MARKER = patterns.compile(
    r"[（(]\s*[上下]\s*[转接]\s*(?:第\s*)?\d+\s*版\s*[)）]"
    r"|[（(]\s*(?:接|转)\s*(?:第\s*)?\d+\s*版\s*[)）]"
    r"|^\s*[-—－]\s*\d+\s*[-—－]\s*$"  # centred page numbers "- 12 -"
    r"|</?(?:sub|sup|br|b|i|strong|em|span|p)\s*/?>"  # markup residue
    r"|^#{1,6}[ \t]*|\*\*",
    re.MULTILINE,
)

# Where a marker can start: at （ ( < * anywhere, and at the start of a line (the branches with ^),
# on white space, a dash or #. re scans a pattern quickly for its first character only when the
# pattern opens on a literal or a character class; _MARKER opens on alternatives, so finditer tried
# it at every character (60 ms a megabyte). _MARKER_AT opens on a class: （ ( < * anywhere, and a
# line break when the line after it can hold a marker: a page number (white space, then a dash), #, or
# one of （ ( < *. A line that opens on white space holds only the page number (every other branch opens
# on a character that is none), so the blank lines and indented lines of a report (most of the line
# breaks matched once) are passed over by re, not tried by a Python loop. (The pattern opens on one
# class, not on alternatives, so that re scans for its first character.)
_MARKER_LINE_FIRST = frozenset("（(<*#-—－")
_MARKER_AT = patterns.compile(r"[（(<*\n](?:(?<=\n)(?=\s*[\-—－]|[（(<*#])|(?<!\n))")


def _markers(text: str):
    """``_MARKER.finditer(text)``, trying the pattern only where a marker can start."""
    end = 0  # no match starts before the end of the last one
    last = -1  # the last position tried
    for c in itertools.chain((None,), _MARKER_AT.finditer(text)):
        if c is None:  # a line starts at 0 and after each line break
            at = 0
            if at >= len(text) or not (text[at].isspace() or text[at] in _MARKER_LINE_FIRST):
                continue
        else:
            at = c.end() if c.group() == "\n" else c.start()
        if at < end or at == last:
            continue
        last = at
        m = _MARKER.match(text, at)
        if m:
            yield m
            end = m.end()


_SENTENCE_END = set("。！？；!?;：:")
# A line that starts like this begins a new paragraph even when the previous one did not end a
# sentence: outline numbering and the dash that opens a list item.
_PARA_START = patterns.compile(
    r"[一二三四五六七八九十]+、(?![一二三四五六七八九十]{1,3}[、产])|[（(][一二三四五六七八九十]+[）)]|\d+[.．、](?!\d)|第[一二三四五六七八九十]+[部章节]|——|各位代表|附件|附表"
)

_SPACE = " \t\u3000\u00a0\u2002\u2003\u2009"


def _fullwidth_table() -> dict[int, str]:
    table = {c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
    # keep Chinese punctuation that carries meaning for sentence and list splitting
    for keep in "，；：！？（）":
        table.pop(ord(keep), None)
    table[0x3000] = " "
    table[ord("﹪")] = "%"
    table[ord("－")] = "-"
    return table


_FULLWIDTH = _fullwidth_table()
# str.translate looks every character of a Chinese text up in the table (55 ms a megabyte); a
# pattern of the table's characters finds the few there are and replaces only those
_FULLWIDTH_CHAR = patterns.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FULLWIDTH)) + "]")


def _to_halfwidth(text: str) -> str:
    # the ideographic space, nine in ten of the characters replaced in a report (its indents), by
    # str.replace rather than by a call of the function for each one; the space it becomes is no
    # character of the table, so the pattern's replacements are those it made before
    return _FULLWIDTH_CHAR.sub(lambda m: _FULLWIDTH[ord(m.group())], text.replace("\u3000", _FULLWIDTH[0x3000]))


# A full stop typed as "." (a Chinese input method in half-width mode: "增长9.2%.新增…", "居全国第9.新增…") or printed as
# "．" (made "." above) ends the sentence as 。 does: after a Chinese character or punctuation mark, a closing
# quotation mark, bracket or a percent sign, and after a digit or letter when one of those or the line's end follows.
# Not a decimal point (5.2), a dot inside an ASCII word (www.gov.cn, No.1), a run of dots (……), the dot numbering a
# line (1.新增…: _LINE_NUMBERING), nor a dot ending a line that the next goes on with a digit (a number a PDF's line
# cut: 增长8.|3%). Both patterns are tried at the dots only (a pattern that opens on look-behinds is tried at every
# character of a text: 28 ms a megabyte).
_FULL_STOP = patterns.compile(r"(?m)(?<=[\u2e80-\u9fff\uff00-\uffef\u2018-\u201d%‰)\]])\.(?!\.)"
                              r"|(?<=[0-9A-Za-z])\.(?=[\u2e80-\u9fff\uff00-\uffef\u2018-\u201d]|[ \t]*$(?![\n\r][ \t]*\d))")
_LINE_NUMBERING = patterns.compile(r"[ \t\u3000]*(?:\d{1,3}|[A-Za-z]|[一二三四五六七八九十]{1,3})\.(?!\d)")


def _full_stops(text: str) -> str:
    out: list[str] = []
    done = 0
    i = text.find(".")
    while i >= 0:
        if _FULL_STOP.match(text, i):
            numbering = _LINE_NUMBERING.match(text, text.rfind("\n", 0, i) + 1)
            if not (numbering and numbering.end() == i + 1):
                out += (text[done:i], "。")
                done = i + 1
        i = text.find(".", i + 1)
    return "".join(out) + text[done:] if out else text


class Normalized:
    """The normalized ``text`` and the way back to the original.

    ``offsets[i]`` is the original offset of normalized character ``i`` (``len(text) + 1`` entries,
    the last the original's length). It is kept as runs: ``starts[k]`` (in ``text``) begins a run of
    characters copied one for one from original offset ``origins[k]`` on, so a span maps back by a
    binary search, and the list of one number per character (a third of a million for a megabyte)
    is built only when ``offsets`` itself is asked for."""

    __slots__ = ("text", "starts", "origins", "original_length", "_offsets")

    def __init__(self, text: str, starts: list[int], origins: list[int], original_length: int):
        self.text = text
        self.starts = starts
        self.origins = origins
        self.original_length = original_length
        self._offsets: list[int] | None = None

    def at(self, i: int) -> int:
        """``offsets[i]``."""
        if 0 <= i < len(self.text):
            k = bisect.bisect_right(self.starts, i) - 1
            return self.origins[k] + (i - self.starts[k])
        if i == len(self.text):
            return self.original_length
        return self.offsets[i]  # what the list gives for any other index (an IndexError)

    @property
    def offsets(self) -> list[int]:
        if self._offsets is None:
            out: list[int] = []
            for start, end, origin in zip(self.starts, self.starts[1:] + [len(self.text)], self.origins):
                out.extend(range(origin, origin + end - start))
            out.append(self.original_length)
            self._offsets = out
        return self._offsets

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the normalized span [start, end)."""
        if end <= start:
            return self.at(start), self.at(start)
        return self.at(start), self.at(end - 1) + 1


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    try:
        return opencc.OpenCC("t2s.json")
    except Exception:  # the pure-Python reimplementation only takes the short name
        return opencc.OpenCC("t2s")


def _simplify(text: str) -> str:
    """Traditional → simplified, one character for one, when the text is traditional."""
    sample = text[:20000]
    if _t2s_leaves(sample):
        return text  # what the test below finds for it (nothing changed), without loading OpenCC
    converted = _t2s().convert(sample)
    changed = sum(map(operator.ne, sample, converted))  # in C: a generator here cost 2 ms a document
    if changed < max(3, len(sample) // 500):
        return text
    out = _t2s().convert(text)
    if len(out) == len(text):
        return out
    return "".join(_t2s().convert(c) if len(_t2s().convert(c)) == 1 else c for c in text)


def _t2s_leaves(text: str) -> bool:
    """True when OpenCC's t2s conversion gives ``text`` back unchanged, known without loading OpenCC
    (importing and loading it costs a start-up ~25 ms, and most reports are simplified already).

    t2s puts in place of a matched dictionary key its first value: a character is changed only inside
    a match of a key whose first value differs from it. So when ``text`` holds none of the single
    characters with another value and none of the longer keys with another value (``_t2s_changes``:
    the entries of every dictionary the configuration names, its normalization included), every match
    in it is of a key that maps to itself and the conversion changes nothing. None known (another
    OpenCC, no cache folder): False, and the text goes through OpenCC."""
    changes = _t2s_changes()
    return changes is not None and all(p.search(text) is None for p in changes)


_T2S_FORMAT = 1  # of the cache file's contents (bump when they change)


@lru_cache(maxsize=1)
def _t2s_changes() -> tuple[re.Pattern, ...] | None:
    """Patterns of the characters t2s changes and of its longer keys that change, or None when they are
    not known. Read from OpenCC's own dictionaries with its own tool (``opencc_dict``, which prints a
    dictionary as text), once, and kept in planledger's cache folder under a hash of the configuration
    and of each dictionary file's path, size and time, so another OpenCC is read again."""
    import json
    from importlib.util import find_spec

    folder = cache_dir()
    try:
        spec = find_spec("opencc")
    except (ImportError, ValueError):
        return None
    if folder is None or spec is None or not spec.origin or os.path.isfile("t2s.json"):
        return None  # (a t2s.json in the working folder is the one OpenCC reads)
    clib = Path(spec.origin).parent / "clib"
    config, tool = clib / "share" / "opencc" / "t2s.json", clib / "bin" / "opencc_dict"
    try:
        text = config.read_text(encoding="utf-8")
        files = _ocd2_files(json.loads(text))
        if files is None:
            return None
        paths = [config.parent / f for f in files]
        key = repr((_T2S_FORMAT, text, [(str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in paths]))
    except (OSError, ValueError):
        return None
    cache = folder / f"opencc-t2s.{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}.marshal"
    found = patterns.read_file(cache)
    if not isinstance(found, list) or not all(isinstance(p, str) for p in found):
        read = _t2s_entries(tool, paths)
        if read is None:
            return None
        found = _t2s_patterns(*read)
        patterns.write_file(cache, found)
    return tuple(map(patterns.compile, found))


def _t2s_patterns(chars: str, phrases: list[str]) -> list[str]:
    """The patterns of ``_t2s_changes``: one class of the characters, one alternation of the longer
    keys. (Two: in one alternation the class would be tried at every character as one alternative. And
    every character beyond the BMP goes in the class, the few t2s changes there with the rest: re makes
    a class of BMP characters and ranges a table, and tries a list of wide characters one by one.) A
    lone surrogate cannot be encoded for OpenCC: a text holding one goes to it, and fails there as
    before."""
    found = ["[" + "".join(re.escape(c) for c in chars if ord(c) <= 0xFFFF) + r"\ud800-\udfff\U00010000-\U0010ffff]"]
    if phrases:
        found.append("|".join(map(re.escape, patterns.longest_first(phrases))))
    return found


def _ocd2_files(config: dict) -> list[str] | None:
    """The dictionary files of an OpenCC configuration (normalization and conversion chain), or None
    when it names a dictionary that is not an ocd2 file or a group of them."""
    out: list[str] = []

    def walk(d) -> bool:
        if not isinstance(d, dict):
            return False
        if d.get("type") == "group":
            return isinstance(d.get("dicts"), list) and all(walk(x) for x in d["dicts"])
        if d.get("type") == "ocd2" and isinstance(d.get("file"), str):
            out.append(d["file"])
            return True
        return False

    steps = list(config.get("normalization") or []) + list(config.get("conversion_chain") or [])
    if not steps or not all(isinstance(s, dict) and walk(s.get("dict")) for s in steps):
        return None
    return out


def _t2s_entries(tool: Path, paths: list[Path]) -> tuple[str, list[str]] | None:
    """(the single characters whose first value differs from them, the longer keys whose first value
    differs) of the dictionaries, printed by OpenCC's ``opencc_dict``; None when it cannot be run."""
    import subprocess
    import tempfile

    chars: set[str] = set()
    phrases: set[str] = set()
    try:
        with tempfile.TemporaryDirectory(prefix="planledger-opencc-") as tmp:
            for i, path in enumerate(paths):
                out = Path(tmp) / f"{i}.txt"
                subprocess.run([str(tool), "-i", str(path), "-o", str(out), "-f", "ocd2", "-t", "text"],
                               check=True, capture_output=True, timeout=60)
                for line in out.read_text(encoding="utf-8").splitlines():
                    key, tab, values = line.partition("\t")
                    if not tab or not key:
                        return None  # not the format expected
                    if values.split(" ")[0] != key:
                        (chars if len(key) == 1 else phrases).add(key)
    except (OSError, ValueError, subprocess.SubprocessError):
        return None
    return "".join(sorted(chars)), sorted(phrases)


def _is_ascii_word(c: str) -> bool:
    return c.isascii() and c.isalnum()


_WHITE_RUN = patterns.compile("[\n\r" + _SPACE + "][\n\r" + _SPACE + "]*")  # [..]+, written to open on a class (scanned fast)
_INDENTED = patterns.compile(r"\n(?:\u3000|[ \t]{2,})[\u3000 \t]*$")  # the run ends on an indented line


def normalize(original: str) -> Normalized:
    text = _full_stops(_simplify(_to_halfwidth(original)))
    # 1. drop markers: keep the pieces between them; piece k starts at kept_starts[k] in the text
    #    without markers and at bases[k] in the original
    pieces: list[str] = []
    bases: list[int] = []
    pos = 0
    for m in _markers(text):
        pieces.append(text[pos:m.start()])
        bases.append(pos)
        pos = m.end()
    pieces.append(text[pos:])
    bases.append(pos)
    if len(pieces) > 1:
        text = "".join(pieces)
    kept_starts = list(itertools.accumulate(map(len, pieces[:-1]), initial=0))

    def base(i: int) -> int:
        """The original offset of character i of the text without markers."""
        k = bisect.bisect_right(kept_starts, i) - 1
        return bases[k] + (i - kept_starts[k])

    # 2. copy the text chunk by chunk; each run of white space is dropped, or becomes one space
    #    (between two ASCII words) or one paragraph break
    out: list[str] = []
    starts: list[int] = []  # the runs of Normalized
    origins: list[int] = []
    length = 0  # of the output so far

    def begin(at: int, origin: int) -> None:
        if starts and starts[-1] == at:  # the run begun here is empty
            origins[-1] = origin
        else:
            starts.append(at)
            origins.append(origin)

    def copy(a: int, b: int) -> None:
        """text[a:b] is appended at ``length``: a run from a, and one more at each marker inside."""
        k = bisect.bisect_right(kept_starts, a) - 1
        begin(length, bases[k] + (a - kept_starts[k]))
        for k in range(k + 1, len(kept_starts)):
            if kept_starts[k] >= b:
                break
            begin(length + kept_starts[k] - a, bases[k])

    lengths = sorted(filter(None, map(len, map(str.strip, text.split("\n")))))  # of the non-blank lines, for both tests
    short_line = _short_line_limit(lengths)
    width = _wrap_width(lengths)
    line: list[str] = []  # the current output line, for the heading test
    prev = "\n"
    pos = 0
    n = len(text)
    for m in _WHITE_RUN.finditer(text):
        if m.start() > pos:
            chunk = text[pos:m.start()]
            copy(pos, m.start())
            out.append(chunk)
            length += len(chunk)
            line.append(chunk)
            prev = chunk[-1]
        pos = m.end()
        run = m.group()
        nxt = text[pos] if pos < n else "\n"
        if prev == "\n":
            continue
        if "\n" in run:
            rest = text[pos:pos + 12]
            if prev in _OPENS or nxt in _CLOSES:
                # "《\n纲要（草案）\n》提出": no line ends on an opening bracket or starts on a closing one or
                # on a comma; the break is the print's. (A run with no character kept joins as it stands.)
                continue
            if prev in _SENTENCE_END and not (prev in "；;：:" and _cut_at_width(text, m.start(), width, line)) \
                    or _INDENTED.search(run) \
                    or _PARA_START.match(rest) and not _cut_at_width(text, m.start(), width, line) \
                    or _ends_heading("".join(line), short_line):
                begin(length, base(m.start() + run.index("\n")))
                out.append("\n")
                length += 1
                line = []
                prev = "\n"
            elif _is_ascii_word(prev) and _is_ascii_word(nxt) and not (prev.isdigit() or nxt.isdigit()) \
                    and not _ascii_run_in_chinese(text, m.start(), pos):
                begin(length, base(m.start()))
                out.append(" ")
                length += 1
                line.append(" ")
                prev = " "
        elif _is_ascii_word(prev) and _is_ascii_word(nxt):
            # keep one space only between two ASCII words ("PM 2.5" keeps it, "4222 家" loses it)
            begin(length, base(m.start()))
            out.append(" ")
            length += 1
            line.append(" ")
            prev = " "
    if pos < n:
        copy(pos, n)
        out.append(text[pos:])
    return Normalized("".join(out), starts, origins, len(original))


def _wrap_width(lengths: list[int]) -> int:
    """The width a hard-wrapped print cuts its lines at (a newspaper column, a PDF page's line): the
    length most of its lines (``lengths``, sorted) reach; 0 for a text of one paragraph a line, whose
    lines are long."""
    if len(lengths) < 20:
        return 0
    width = lengths[len(lengths) * 3 // 4]
    return width if width <= 60 else 0


def _cut_at_width(text: str, end: int, width: int, line: list[str]) -> bool:
    """The input line ending at ``end`` was cut by the print's width, or inside a quotation, not where a
    paragraph ends: the next line goes on even when it opens like a heading ("…落实“五统" + "一、一开放”",
    "…市场体系建设统" + "一、开放、竞争…")."""
    joined = "".join(line)
    if joined.count("“") > joined.count("”") or joined.count("（") > joined.count("）"):
        return True
    start = text.rfind("\n", 0, end) + 1
    return bool(width) and len(text[start:end].strip()) >= width - 1


def _ascii_run_in_chinese(text: str, end: int, after: int) -> bool:
    """The ASCII word cut by the line break at ``end`` stands in Chinese text ("与G" + "DP的比率", "228P" +
    "F"): one word, no space; words of English text ("the" + "report") keep one."""
    a = end
    while a > 0 and _is_ascii_word(text[a - 1]):
        a -= 1
    b = after
    while b < len(text) and _is_ascii_word(text[b]):
        b += 1
    return (a > 0 and text[a - 1] > "\u2e7f") or (b < len(text) and text[b] > "\u2e7f")


_OPENS = frozenset("《“（(「『〔【")
_CLOSES = frozenset("》”）)」』〕】，、；：")


def _short_line_limit(lengths: list[int]) -> int:
    """How short a line must be to stand alone as a heading: well under the document's usual line
    (``lengths``: of its lines, sorted). In a text of one paragraph per line (portal pages) that is any
    short line; in a hard-wrapped print whose lines are all short (a newspaper column), none is."""
    if len(lengths) < 5:
        return 0
    median = lengths[len(lengths) // 2]
    return min(30, int(median * 0.5))


_HEADING_LINE = patterns.compile(r"[^，,。；;：:！？!?、]{4,30}")
_NOT_HEADING_END = set("的和与及、，,（(“")


def _unnumbered_heading(line: str, limit: int) -> bool:
    """A short line of its own, with no punctuation, that opens a paragraph: a title or an unnumbered
    heading ("“十四五”时期工作回顾", "2026年工作安排"), not a line wrapped mid-sentence."""
    line = line.strip()
    return (0 < len(line) <= limit and bool(_HEADING_LINE.fullmatch(line))
            and line[-1] not in _NOT_HEADING_END and not line[-1].isdigit())


def _looks_like_heading_end(line: str) -> bool:
    """True when the current line is a short outline heading ("二、2021年计划总体考虑")."""
    if line.startswith("各位代表"):
        # the address opens a paragraph, and is a line of its own only as itself ("各位代表："): a wrapped
        # line of the paragraph it opens ("各位代表！今年，我们继续安排20" + "件民生实事…") goes on
        return bool(_ADDRESS_ALONE.fullmatch(line.strip()))
    return len(line) <= 40 and bool(_PARA_START.match(line)) and not ("。" in line or "；" in line or ";" in line)


_ADDRESS_ALONE = patterns.compile(r"各位代表[：:！!，,]?")


def _ends_heading(line: str, limit: int) -> bool:
    """The line before a line break is a heading, numbered or not: the break ends a paragraph."""
    return _looks_like_heading_end(line) or _unnumbered_heading(line, limit)
