"""Stage 3: the document's metadata, outline and sentences, read from the normalized text.

Reads a ``Normalized`` text; gives

- ``describe()``: region, year and type of the document, from the title, the
  "在…人民代表大会…会议上" line and the body (the file name only as a fallback); its title and
  delivery date from the report's own head (``titles.find_heading``), never a portal's toolbar;
- ``outline()``: the headings (一、 / （一） / 1. / 第一部分), each section's role (review of
  the past period, targets, tasks, five-year review or goals) and the period it speaks of;
- ``sentences()``: sentence spans, the unit a fact's ``sentence`` and context come from.

Offsets here are offsets into the normalized text; the pipeline maps them back.
"""
from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from .. import patterns
from ..model import DocumentMeta, Section
from ..errors import DataFileError
from ..lexicon import DATA, load_yaml, region_key, regions
from .titles import find_heading
from ..records import dataclass

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

_HEADING = [  # (level, pattern of a line that is a heading of that level): the first that matches
    # not a list of numerals ("一、二、三产业增加值分别增长…", "二、三产业" at the start of a wrapped line)
    (1, r"^(?:#+\s*)?[一二三四五六七八九十]{1,3}、(?![一二三四五六七八九十]{1,3}[、产])"),
    (1, r"^第[一二三四五六七八九十]{1,3}(?:部分|章)"),
    (2, r"^(?:#+\s*)?[（(][一二三四五六七八九十]{1,3}[）)]"),
    (3, r"^\d{1,2}[.、](?!\d)"),
    (3, r"^[（(]\d{1,2}[）)]"),
    # an unnumbered heading line: short, no punctuation, names a part of the report
    # ("首先报告2001年的工作", "关于2002年的工作")
    (1, r"^(?=[^，。；：！？,.;:!?、]{4,24}$)[^\n]*(?:回顾|工作|任务|目标|建议|安排)$"),
]
# all of them as one pattern, tried once a line: group h<i> is _HEADING[i], the first that matches
_HEADING_ANY = patterns.compile("|".join(f"(?P<h{i}>{pattern})" for i, (_, pattern) in enumerate(_HEADING)))
_YEAR = patterns.compile(r"((?:19|20)\d{2}|[二〇零一三四五六七八九]{4})\s*年")
FIVE_YEAR_PLANS = {"六五": (1981, 1985), "七五": (1986, 1990), "八五": (1991, 1995), "九五": (1996, 2000),
                    "十五": (2001, 2005), "十一五": (2006, 2010), "十二五": (2011, 2015),
                    "十三五": (2016, 2020), "十四五": (2021, 2025), "十五五": (2026, 2030)}
# a plan's name ("九五", "十四五"), not a digit of a number written in words (一九九五, 二十五)
# a change against a year written before it ("比2010年翻一番", "较2017年压缩60%"): group 1 is the base year
BASE_YEAR = patterns.compile(r"(?:比|较)\s*((?:19|20)\d{2})\s*年")
PLAN_NAME = r"(?<![〇零一二三四五六七八九十百])((?:十[一二三四五]?|[六七八九])五)(?![〇零一二三四五六七八九十百千万])"
_FIVE_YEAR = patterns.compile(r"“?" + PLAN_NAME + r"”?(?:时期|期间|规划|计划|以来|末|的|时|目标|发展|期)")


def cn_year(text: str) -> int | None:
    """'2021' or '二〇三五' → int."""
    if text.isdigit():
        return int(text)
    try:
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    except KeyError:
        return None


# One match per sentence: the white-space-only lines before it are passed over (they are no
# sentence), then the sentence up to its run of 。！？!?；; or up to a line break. Matching sentences
# rather than their ends makes half as many matches (and Python-level steps) for a text.
_SKIP_BLANK_LINES = r"(?:[^\S\n]*\n)*"
# The same pattern with possessive repeats (*+, ++: what they take is never given back): each repeat is
# followed by a character it cannot take itself (a line's run of non-ends by an end or a line break,
# the blank run of a line by its break or by a character that is not blank, the ends by what is no
# end), and a blank line opens no sentence, so giving back could never make a match; without it re
# steps back one character at a time through every line that ends without 。, before trying the other
# branch (tests/test_sentences.py: the same sentences as the plain pattern).
_SENTENCE_PLAIN = _SKIP_BLANK_LINES + r"([^。！？!?；;\n]*[。！？!?；;]+|[^\S\n]*[^\s。！？!?；;][^。！？!?；;\n]*\n)"
_SENTENCE = patterns.compile(r"(?:[^\S\n]*+\n)*+([^。！？!?；;\n]*+[。！？!?；;]++|[^\S\n]*+[^\s。！？!?；;][^。！？!?；;\n]*+\n)")
_BLANK_LINES = patterns.compile(_SKIP_BLANK_LINES)


@dataclass(slots=True)
class Sentence:
    """A sentence's span in the normalized text (slotted: ten thousand of them a report, made faster)."""

    start: int
    end: int


def sentences(text: str) -> list[Sentence]:
    """Sentences end at 。！？ and at paragraph breaks; ；splits long enumerations too."""
    out = [Sentence(m.start(1), m.end()) for m in _SENTENCE.finditer(text)]
    start = _BLANK_LINES.match(text, out[-1].end if out else 0).end()
    if text[start:].strip():  # the last sentence, without an end
        out.append(Sentence(start, len(text)))
    return out


def _five_year_span(text: str) -> tuple[int, int] | None:
    m = _FIVE_YEAR.search(text)
    if m and m.group(1) in FIVE_YEAR_PLANS:
        return FIVE_YEAR_PLANS[m.group(1)]
    return None


def describe(text: str, path: str | None = None, title: str | None = None,
             region: str | None = None, year: int | None = None,
             original: str | None = None) -> DocumentMeta:
    """Region, year, type, title and delivery date of a report, read from its own words.

    ``title`` is the title the file gives (an HTML page's ``<title>``/``ArticleTitle``, a DOCX's core
    title), used when the text has no title line; ``original`` is the decoded original text, whose
    head keeps one line per paragraph (``titles.find_heading`` reads it; else ``text``).
    """
    heading = find_heading(original if original is not None else text, page_title=title)
    if original is not None and heading.source != "title line":
        # the normalized text reads a title line the original writes in traditional characters
        again = find_heading(text, page_title=title)
        if again.source == "title line":
            heading = again if heading.date else replace(again, date=heading.date or again.date)
    head = text[:1500]
    if heading.title and heading.title not in head:  # a page whose title is in its metadata only
        head = heading.title + "\n" + head
    source: dict[str, str] = {}
    doc_type = _doc_type(text, head)
    found_year, how = _year(text, head)
    if year is None:
        if found_year is None and path:
            m = patterns.compile(r"(?:19|20)\d{2}").search(os.path.basename(path))
            if m:
                found_year, how = int(m.group()), "file name"
        year = found_year
        if year is not None:
            source["year"] = how
    else:
        source["year"] = "given"
    if region is None:
        region, how = _region(text, head)
        if region is not None:
            source["region"] = how
    else:
        source["region"] = "given"
    if heading.title:
        source["title"] = heading.source
    if heading.date:
        source["date"] = "delivery line"
    return DocumentMeta(region=region, year=year, doc_type=doc_type, title=heading.title,
                        source=source, date=heading.date)


def _doc_type(text: str, head: str) -> str:
    if "政府工作报告" in head or "代表国务院向大会作政府工作报告" in text[:3000] or "向大会报告工作" in head:
        return "government_work_report"
    if patterns.compile(r"(?:计划|规划)(?:执行情况|草案|总体考虑)").search(text) or patterns.compile(r"国民经济和社会发展(?:计划|规划)").search(text[:6000]):
        if patterns.compile(r"计划草案|(?:计划|规划)总体考虑|主要发展目标|主要预期目标").search(text):
            return "plan_report"
        return "plan_execution_report"
    if "本报记者" in head or "记者" in head[:300] or "本报讯" in head:
        return "news"
    if patterns.compile(r"工作回顾").search(text[:8000]):
        return "government_work_report"
    return "unknown"


@dataclass(frozen=True)
class YearRule:
    """One entry of ``data/document.yaml: report_year``."""

    source: str
    pattern: re.Pattern
    group: int
    within: str  # head | text
    limit: int | None
    offset: int
    example: dict


def _document_rules(key: str, read) -> tuple:
    """The rules of ``data/document.yaml: key``, each entry read by ``read(entry, fail)``; ``fail(problem,
    label)`` is the one ``DataFileError`` naming the file, the entry and the problem."""
    path = DATA / "document.yaml"
    entries = load_yaml("document.yaml").get(key)
    if not isinstance(entries, list) or not entries:
        raise DataFileError(path, f"'{key}' must be a list of rules")
    rules = []
    for i, e in enumerate(entries, 1):
        def fail(problem: str, label: str = "", i: int = i) -> DataFileError:
            return DataFileError(path, f"{key} entry {i}{f' ({label})' if label else ''}: {problem}")

        rules.append(read(e, fail))
    return tuple(rules)


def _compiled(text: str, fail, label: str, what: str) -> re.Pattern:
    try:
        return patterns.compile(text)
    except re.error as err:
        raise fail(f"bad {what}: {err}", label) from err


@lru_cache(maxsize=1)
def year_rules() -> tuple[YearRule, ...]:
    """The report-year rules of ``data/document.yaml``, compiled once; a broken entry is one
    ``DataFileError`` naming the file and the entry."""
    def read(e, fail) -> YearRule:
        if not isinstance(e, dict) or not isinstance(e.get("source"), str) or not isinstance(e.get("pattern"), str) \
                or e.get("within") not in ("head", "text") or not isinstance(e.get("example"), dict):
            raise fail("needs source, pattern, within (head|text) and example")
        pattern = _compiled(e["pattern"], fail, e["source"], "pattern")
        group = e.get("group", 1)
        if not isinstance(group, int) or not 1 <= group <= pattern.groups:
            raise fail(f"no group {group} in its pattern", e["source"])
        return YearRule(e["source"], pattern, group, e["within"], e.get("limit"), int(e.get("offset", 0)),
                        e["example"])

    return _document_rules("report_year", read)


def _year(text: str, head: str) -> tuple[int | None, str]:
    for rule in year_rules():
        where = head if rule.within == "head" else text[: rule.limit] if rule.limit else text
        m = rule.pattern.search(where)
        if m:
            return int(m.group(rule.group)) + rule.offset, rule.source
    return None, ""


def _region(text: str, head: str) -> tuple[str | None, str]:
    if patterns.compile(r"代表国务院|国务院总理").search(text[:5000]):
        return "全国", "body"
    if patterns.compile(r"在第[^\n]{0,12}届全国人民代表大会[^\n]{0,16}会议上").search(head):
        return "全国", "delivery line"  # the State Council's plan and budget reports to the NPC
    suffix = regions().suffix_pattern
    m = patterns.compile(r"(?:^|[\d年\s])([\u4e00-\u9fff]{2,8}?(?:" + suffix + r"))人民政府工作报告").search(head)
    if m:
        return m.group(1).split("年")[-1], "title"
    m = patterns.compile(r"在([\u4e00-\u9fff]{2,8}?(?:" + suffix + r"))第[^\n]{0,20}人民代表大会").search(head)
    if m:
        return m.group(1), "delivery line"
    counts: Counter[str] = Counter()
    for full, n in zip(regions().provinces, _province_counts(text)):
        counts[full] = n
    best, n = counts.most_common(1)[0]
    if n >= 3:
        return best, "body"
    return None, ""


@lru_cache(maxsize=1)
def _province_names() -> tuple[tuple[str, ...], re.Pattern | None]:
    """The provinces' short names (``region_key``), and a pattern of them all for ``_province_counts``
    when one scan counts what ``str.count`` counts name by name: when no name is a prefix of another
    (two names starting at one place) and none overlaps itself (its start is its end); else None."""
    keys = tuple(region_key(full) for full in regions().provinces)
    names = set(keys)
    if not all(k and not any(o != k and o.startswith(k) for o in names)
               and not any(k[:i] == k[-i:] for i in range(1, len(k))) for k in names):
        return keys, None
    return keys, patterns.compile("|".join(re.escape(k) for k in patterns.longest_first(names)))


def _province_counts(text: str) -> list[int]:
    """``[text.count(name) for name in the provinces' short names]``, in one scan of the text: 34
    scans of a long text cost 14 ms a megabyte. Each match is searched for again from its second
    character, so that a name inside another's match (江西 of 浙江西部) is counted too."""
    keys, pattern = _province_names()
    if pattern is None:
        return [text.count(k) for k in keys]
    found: Counter[str] = Counter()
    m = pattern.search(text)
    while m is not None:
        found[m.group()] += 1
        m = pattern.search(text, m.start() + 1)
    return [found[k] for k in keys]


def outline(text: str, meta: DocumentMeta) -> list[Section]:
    """The headings of the document with the role and period of the text each governs."""
    heads: list[tuple[int, int, str]] = []  # (start, level, heading text)
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        m = _HEADING_ANY.match(stripped)
        if m:
            heading = patterns.compile(r"[。；;]").split(stripped, maxsplit=1)[0][:80]
            heads.append((pos, _HEADING[int(m.lastgroup[1:])][0], heading))  # h<i> encloses the rest: it closes last
        pos += len(line) + 1
    year = meta.year
    sections: list[Section] = []
    # a synthetic root section for the text before the first heading
    first = heads[0][0] if heads else len(text)
    root_role, root_period = _root_role(text[:first] if first else text[:3000], meta)
    sections.append(Section(0, 0, "", 0, first, root_role, root_period))
    parents: dict[int, Section] = {0: sections[0]}
    for i, (start, level, heading) in enumerate(heads):
        end = len(text)
        for start2, level2, _ in heads[i + 1:]:
            if level2 <= level:
                end = start2
                break
        parent = next((parents[lv] for lv in sorted(parents, reverse=True) if lv < level), sections[0])
        role, period = _role(heading, parent, year, meta)
        sec = Section(len(sections), level, heading, start, end, role, period)
        sections.append(sec)
        parents[level] = sec
        for lv in [k for k in parents if k > level]:
            del parents[lv]
    return sections


def _root_role(text: str, meta: DocumentMeta) -> tuple[str, str | None]:
    year = meta.year
    if meta.doc_type == "plan_report" and year:
        # plan reports that start mid-way (partial prints) open on the past year's execution
        return "review", str(year - 1)
    if meta.doc_type == "plan_execution_report" and year:
        return "review", str(year - 1)
    return "other", str(year) if year else None


@dataclass(frozen=True)
class RoleRule:
    """One entry of ``data/document.yaml: section_roles``."""

    role: str
    words: re.Pattern
    needs: str | None  # plan_span | year | None
    or_year: str | None  # past | future | None
    not_under: tuple[str, ...]
    examples: tuple[dict, ...]


_ROLES = ("review", "five_year_review", "five_year_goals", "targets", "projects", "plan")


@lru_cache(maxsize=1)
def role_rules() -> tuple[RoleRule, ...]:
    """The heading rules of ``data/document.yaml: section_roles``, compiled once; a broken entry is one
    ``DataFileError`` naming the file and the entry."""
    def read(e, fail) -> RoleRule:
        if not isinstance(e, dict) or e.get("role") not in _ROLES or not isinstance(e.get("words"), str) \
                or e.get("needs") not in (None, "plan_span", "year") or e.get("or_year") not in (None, "past", "future") \
                or not isinstance(e.get("examples"), list) or not e["examples"]:
            raise fail(f"needs a role ({', '.join(_ROLES)}), words, examples, and needs/or_year only of their "
                       "listed values")
        words = _compiled(e["words"], fail, e["role"], "words")
        return RoleRule(e["role"], words, e.get("needs"), e.get("or_year"), tuple(e.get("not_under") or ()),
                        tuple(e["examples"]))

    return _document_rules("section_roles", read)


def _role(heading: str, parent: Section, year: int | None, meta: DocumentMeta) -> tuple[str, str | None]:
    h = heading
    years = [cn_year(m.group(1)) for m in _YEAR.finditer(h)]
    years = [y for y in years if y]
    span = _five_year_span(h)
    for rule in role_rules():
        if rule.needs == "plan_span" and not span or rule.needs == "year" and not year:
            continue
        said = parent.role not in rule.not_under and rule.words.search(h)
        dated = bool(years and year) and (rule.or_year == "past" and years[0] < year
                                          or rule.or_year == "future" and years[0] >= year and meta.doc_type != "news")
        if said or dated:
            return rule.role, _role_period(rule, span, years, year, parent)
    # inherit from the parent section
    if parent.index == 0 and parent.role == "other":
        return "other", parent.period
    return parent.role, parent.period


def _role_period(rule: RoleRule, span: tuple[int, int] | None, years: list[int], year: int | None,
                 parent: Section) -> str | None:
    """The period a section of ``rule``'s role speaks of."""
    if rule.needs == "plan_span" and span:
        return f"{span[0]}-{span[1]}" if rule.role == "five_year_review" else str(span[1])
    if rule.needs == "year" and year:
        return f"{year - 5}-{year - 1}"  # 过去五年
    if years:
        return str(years[0])
    if rule.role == "review":
        return str(year - 1) if year else None
    if rule.role == "targets" and parent.role in ("targets", "plan"):
        return parent.period
    return str(year) if year else None
