"""A document's own title and delivery date, read from the head of the report.

``find_heading(text, page_title)`` looks at the first lines of a document for

- the report's title line (``2026年安徽省政府工作报告``, ``政府工作报告``, ``关于…的报告``), or, in a
  newspaper article, the headline above the byline (``□本报记者``);
- the delivery line (``——2026年2月5日在安徽省第十四届人民代表大会第四次会议上``): the date and the
  meeting;

skipping what portals put around a report: toolbars (``下载 打印 全屏 收藏 【字号：加大 还原 减小】``),
field lines (``来源：``, ``时间：``, ``您的位置：``), breadcrumb trails and share buttons. When the text
has no title line, the page's own title (``<meta name="ArticleTitle">``, ``<title>``, a DOCX's core
title: ``Document.title``) is used if it is no debris either. The forms are data:
``planledger/data/portal.yaml``.

The text may be the original (one line per paragraph) or the normalized text (lines of the head
joined): a line is cut at each field label before it is read.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import patterns
from ..lexicon import load_yaml
from ..records import dataclass

PORTAL_FILE = "portal.yaml"
HEAD_LINES = 40  # a title or delivery line further down is no heading
HEAD_CHARS = 4000

_CN_NUMBER = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SENTENCE_PUNCTUATION = patterns.compile(r"[，。；！？,;!?]")
_CLOSING = patterns.compile(r"^[\s】\]]+")  # the end of a toolbar group whose start was on an earlier line
_ASCII_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


@dataclass(frozen=True)
class Heading:
    """What the head of a document says about it; ``source`` names where the title came from."""

    title: str | None
    date: str | None  # ISO 8601 (YYYY-MM-DD): the day the report was delivered
    occasion: str | None  # the meeting: 安徽省第十四届人民代表大会第四次会议
    source: str | None  # "title line", "headline", "page title"


@dataclass(frozen=True)
class Portal:
    """The compiled words of a portal page's furniture (data/document.yaml: portal)."""

    toolbar_line: re.Pattern  # a line made only of toolbar buttons
    toolbar_lead: re.Pattern  # a run of two or more buttons opening a line
    toolbar_group: re.Pattern  # 【字号：大 中 小】
    label: re.Pattern  # a field line: 来源：…
    label_split: re.Pattern  # where a joined line holds the next field
    separators: frozenset[str]
    home: tuple[str, ...]  # the first item of a breadcrumb trail
    salutation: re.Pattern
    byline: re.Pattern
    title_forms: tuple[re.Pattern, ...]
    captions: tuple[re.Pattern, ...]  # lines that name a report but are a photo's caption
    title_max_chars: int
    delivery: re.Pattern


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in patterns.longest_first(words))


@lru_cache(maxsize=1)
def portal() -> Portal:
    from ..errors import DataFileError
    from ..lexicon import DATA

    data = load_yaml(PORTAL_FILE)
    path = DATA / PORTAL_FILE

    def words(key: str) -> list[str]:
        value = data.get(key)
        if not isinstance(value, list) or not value or not all(isinstance(w, str) and w for w in value):
            raise DataFileError(path, f"'{key}' must be a non-empty list of non-empty strings")
        return value

    def compiled(key: str, pattern: str) -> re.Pattern:
        try:
            return patterns.compile(pattern)
        except re.error as e:
            raise DataFileError(path, f"'{key}': {pattern!r} is not a regular expression: {e}") from e

    toolbar = words("toolbar")
    spacer = r"[\s:：|｜/·]*"
    any_button = _alternation(toolbar)
    long_button = _alternation(w for w in toolbar if len(w) > 1 or not w.isalnum())
    labels = _alternation(words("labels"))
    delivery = data.get("delivery_line")
    if not isinstance(delivery, str):
        raise DataFileError(path, "'delivery_line' must be a regular expression")
    delivery_re = compiled("delivery_line", delivery)
    missing = {"year", "month", "day", "occasion"} - set(delivery_re.groupindex)
    if missing:
        raise DataFileError(path, f"'delivery_line' lacks the named groups {sorted(missing)}")
    max_chars = data.get("title_max_chars")
    if not isinstance(max_chars, int) or max_chars <= 0:
        raise DataFileError(path, "'title_max_chars' must be a positive integer")
    return Portal(
        toolbar_line=patterns.compile(rf"^{spacer}(?:(?:{any_button}){spacer})+$"),
        toolbar_lead=patterns.compile(rf"^{spacer}(?:(?:{long_button}){spacer}){{2,}}"),
        toolbar_group=patterns.compile(rf"【{spacer}(?:(?:{any_button}){spacer})*】"),
        label=patterns.compile(rf"^(?:{labels})\s*[:：]"),
        label_split=patterns.compile(rf"(?=(?:{labels})\s*[:：])"),
        separators=frozenset(words("breadcrumb_separators")),
        home=tuple(words("breadcrumb_home")),
        salutation=patterns.compile(rf"^(?:{_alternation(words('salutations'))})[:：，,！!]?"),
        byline=patterns.compile(rf"^[□■\s]*(?:{_alternation(words('bylines'))})"),
        title_forms=tuple(compiled("title_forms", p) for p in words("title_forms")),
        captions=tuple(compiled("captions", p) for p in words("captions")),
        title_max_chars=max_chars,
        delivery=delivery_re,
    )


def _number(text: str) -> int | None:
    """'2026', '二〇二六', '十二', '二十一' → int."""
    if text.isdigit():
        return int(text)
    if "十" in text:  # month and day numerals: 十, 十二, 二十, 二十一, 三十一
        tens, _, ones = text.partition("十")
        value = (_CN_NUMBER.get(tens, -100) if tens else 1) * 10 + (_CN_NUMBER.get(ones, -100) if ones else 0)
        return value if value > 0 else None
    try:
        return int("".join(str(_CN_NUMBER[c]) for c in text))
    except KeyError:
        return None


def _date(match: re.Match) -> str | None:
    year, month, day = (_number(match.group(k)) for k in ("year", "month", "day"))
    if year is None or not (1 <= (month or 0) <= 12 and 1 <= (day or 0) <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _clean(line: str, p: Portal) -> str:
    """The line without toolbar buttons around it ('' for a line that is only debris)."""
    line = p.toolbar_group.sub("", line).strip()
    if not line or p.toolbar_line.match(line):
        return ""
    return _CLOSING.sub("", p.toolbar_lead.sub("", line)).strip()


def _raw_head(text: str) -> list[str]:
    lines = (ln.strip() for ln in text[:HEAD_CHARS].splitlines()[:HEAD_LINES])
    return [ln for ln in lines if ln]


@lru_cache(maxsize=8)
def _separator_pattern(separators: tuple[str, ...]) -> re.Pattern:
    return patterns.compile("|".join(re.escape(s) for s in patterns.longest_first(separators)))


def _breadcrumb(line: str, p: Portal) -> bool:
    """首页 > 政务公开 > 政府工作报告: a trail on one line."""
    parts = _separator_pattern(tuple(p.separators)).split(line)
    return len(parts) > 2 or (len(parts) == 2 and parts[0].strip() in p.home)


def head_lines(text: str) -> list[str]:
    """The first lines of a document, cleaned of toolbar debris, joined lines cut at field labels;
    field lines and breadcrumb trails are left out."""
    p = portal()
    raw = _raw_head(text)
    out: list[str] = []
    for i, line in enumerate(raw):
        if line in p.separators:
            continue
        if (i > 0 and raw[i - 1] in p.separators) or (i + 1 < len(raw) and raw[i + 1] in p.separators):
            continue  # an item of a trail written one item a line
        for piece in p.label_split.split(p.toolbar_group.sub(" ", line)):
            m = p.delivery.search(piece)
            cut = m.start() if m and m.start() > 0 else None  # a title joined to its delivery line
            for part in ((piece[:cut], piece[cut:]) if cut else (piece,)):
                part = _clean(part, p)
                if part and not p.label.match(part) and not _breadcrumb(part, p):
                    out.append(part)
    return out


def is_debris(title: str | None) -> bool:
    """A title that is a portal's toolbar, a field line, a breadcrumb or a salutation."""
    if not title or not title.strip():
        return True
    p = portal()
    line = title.strip()
    return (not _clean(line, p) or bool(p.label.match(line)) or bool(p.salutation.match(line))
            or line in p.separators)


def _title_line(line: str, p: Portal) -> bool:
    return (len(line) <= p.title_max_chars and not _SENTENCE_PUNCTUATION.search(line)
            and any(form.search(line) for form in p.title_forms)
            and not any(form.search(line) for form in p.captions))


def find_heading(text: str, page_title: str | None = None) -> Heading:
    """The title, delivery date and meeting that the head of ``text`` gives (see the module doc)."""
    p = portal()
    lines = head_lines(text)
    title = source = date = occasion = None
    for line in lines:
        if p.salutation.match(line):
            break  # the speech begins: a title stands above it
        if _title_line(line, p):
            title, source = line, "title line"
            break
    for line in _raw_head(text):  # a field label may stand before the delivery line in a joined head
        m = p.delivery.search(line.translate(_ASCII_DIGITS))
        if m:
            date, occasion = _date(m), patterns.compile(r"\s+").sub("", m.group("occasion"))
            break
    if title is None:
        title = _headline(lines, p)
        source = "headline" if title else None
    if title is None and page_title and not is_debris(page_title):
        title, source = patterns.compile(r"\s+").sub(" ", page_title).strip(), "page title"
    return Heading(title=title, date=date, occasion=occasion, source=source)


def _headline(lines: list[str], p: Portal) -> str | None:
    """A newspaper article's headline: the first line, short and without sentence punctuation,
    when a byline follows within two lines."""
    if not lines or p.salutation.match(lines[0]):
        return None
    first = lines[0]
    if len(first) > p.title_max_chars or _SENTENCE_PUNCTUATION.search(first):
        return None
    if any(p.byline.match(line) for line in lines[1:4]):
        return first
    return None
