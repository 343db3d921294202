"""Stage 3c: tables of main indicators (附件：主要指标), their cells read as facts.

Reports append the year's indicators as a table ("序号 指标名称 单位 2023年完成 2024年目标 指标属性"), and the
readers give it one row per line: cells separated by a tab (``read.html``, ``read.docx``: an empty cell kept
as an empty field) or by spaces (a PDF's text layer, a text file: an empty cell is lost). Prose extraction
reads such rows as one run-on sentence; this stage reads them as the table they are:

- a header row names the indicator column and at least one period column (a year and/or a word of
  ``data/tables.yaml``: 2023年完成 is an outcome of 2023, 2024年目标 a target of 2024, 预计 an estimate);
- each row under it that has a cell for every column (or, split by spaces, one cell fewer for each empty
  one it can place: the unit, the attribute, the notes) gives one fact for each period cell holding a
  number: the row's indicator (its name less a growth word: 地区生产总值增长 is 地区生产总值's growth, 能耗降低
  3.2 a decline of 3.2), the unit of the unit column (or of the name's brackets, 城镇新增就业（万人）), the
  qualifier the cell writes (6.5左右, 8以上, 5.5以内, 4.5-5), bound as the attribute cell says (约束性, 预期性);
- a row that cannot be placed gives nothing (a group row, 一、经济发展, or a wrapped name): "cannot tell".

``find_tables(text)`` works on the text as read (offsets into ``Document.text``); ``table_facts(table, …)``
makes the facts. The pipeline drops prose facts whose number stands inside a table.
"""
from __future__ import annotations

from functools import lru_cache

from .. import patterns
from ..errors import DataFileError
from ..lexicon import DATA, load_yaml
from ..model import Fact
from ..numbers import scan
from ..records import dataclass

@dataclass(frozen=True)
class TableRules:
    """data/tables.yaml, checked."""

    columns: dict[str, str]  # a header cell → its role (serial, name, unit, attribute, note)
    actual: tuple[str, ...]
    estimate: tuple[str, ...]
    target: tuple[str, ...]
    binding: dict[str, bool]
    growth_suffixes: tuple[str, ...]  # longest first
    decline_suffixes: tuple[str, ...]
    name_stems: tuple[str, ...]  # the shortest words the name columns' words hold (指标, 项目…): found first


@lru_cache(maxsize=1)
def table_rules() -> TableRules:
    data = load_yaml("tables.yaml")
    path = DATA / "tables.yaml"

    def words(key: str) -> tuple[str, ...]:
        value = data.get(key)
        if not isinstance(value, list) or not value or not all(isinstance(w, str) and w for w in value):
            raise DataFileError(path, f"'{key}' must be a list of non-empty strings")
        return tuple(patterns.longest_first(value))

    columns = {}
    for role in ("serial", "name", "unit", "attribute", "note"):
        for w in words(f"{role}_columns"):
            columns[w] = role
    binding = data.get("binding_words")
    if not isinstance(binding, dict) or not binding or not all(isinstance(k, str) and isinstance(v, bool)
                                                               for k, v in binding.items()):
        raise DataFileError(path, "'binding_words' must map an attribute word to true or false")
    names = words("name_columns")
    stems = tuple(w for w in names if not any(v != w and v in w for v in names))  # 指标 for 指标名称, 主要指标
    return TableRules(columns, words("actual_words"), words("estimate_words"), words("target_words"), dict(binding),
                      words("growth_suffixes"), words("decline_suffixes"), stems)


@dataclass(frozen=True)
class Cell:
    text: str
    start: int  # offsets in the text the table was found in
    end: int


@dataclass(frozen=True)
class Column:
    role: str  # serial, name, unit, attribute, note (data/tables.yaml's *_columns) or period
    header: str
    kind: str | None = None  # a period column's: "actual" or "target"
    year: int | None = None  # its year, when the header writes one
    estimated: bool = False  # 预计


@dataclass(frozen=True)
class Row:
    cells: dict[int, Cell]  # column index → its cell (an empty or lost cell has none)
    text: str  # the row as written, its cells joined by one space
    start: int
    end: int


@dataclass(frozen=True)
class Table:
    start: int  # the header's start
    end: int  # the last row's end
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


_TOKEN = patterns.compile(r"[^\s|｜\u3000]+")
_YEAR_HEAD = patterns.compile(r"((?:19|20)\d{2})\s*年?")
_UNIT_IN_NAME = patterns.compile(r"[（(]([^（()）]{1,8})[）)]$")
_HAN = patterns.compile(r"[\u4e00-\u9fff]")
_DIGIT = patterns.compile(r"\d")
_SERIAL = patterns.compile(r"\d{1,3}[.、]?|[（(]?[一二三四五六七八九十]{1,3}[)）、]?")


def _cells(line: str, offset: int) -> list[Cell]:
    """The cells of a line: between tabs when it has one (empty cells kept, as ""), else between spaces."""
    if "\t" in line:
        out, pos = [], 0
        for part in line.split("\t"):
            lead = len(part) - len(part.lstrip())
            out.append(Cell(part.strip(), offset + pos + lead, offset + pos + lead + len(part.strip())))
            pos += len(part) + 1
        return out
    return [Cell(m.group(), offset + m.start(), offset + m.end()) for m in _TOKEN.finditer(line)]


def _column(header: str, rules: TableRules) -> Column | None:
    role = rules.columns.get(header)
    if role:
        return Column(role, header)
    year = None
    rest = header
    m = _YEAR_HEAD.match(header)
    if m:
        year, rest = int(m.group(1)), header[m.end():]
    rest = rest.strip()
    for words, kind, estimated in ((rules.estimate, "actual", True), (rules.actual, "actual", False),
                                   (rules.target, "target", False)):
        if rest in words:
            return Column("period", header, kind, year, estimated)
    if year is not None and not rest:
        return Column("period", header, None, year)  # "2023年": an outcome or a target by the report's year
    return None


def _header(cells: list[Cell], rules: TableRules) -> tuple[Column, ...] | None:
    cells = _spaced_words(cells, rules)
    if len(cells) < 2 or any(not c.text for c in cells):
        return None
    columns = tuple(_column(c.text, rules) for c in cells)
    if any(c is None for c in columns):
        return None
    roles = [c.role for c in columns]
    if roles.count("name") != 1 or "period" not in roles:
        return None
    return columns


def _spaced_words(cells: list[Cell], rules: TableRules) -> list[Cell]:
    """A header word a PDF spaces out ("指 标 名 称", "单 位"): single characters side by side that make a column
    word are one cell."""
    if not any(len(c.text) == 1 for c in cells):
        return cells
    out: list[Cell] = []
    i = 0
    while i < len(cells):
        j = i
        while j < len(cells) and len(cells[j].text) == 1:
            j += 1
        if j - i >= 2:
            k = i
            while k < j:  # the longest run from k that is a column word
                m, word = next(((m, w) for m in range(j, k + 1, -1)
                                if (w := "".join(c.text for c in cells[k:m])) in rules.columns), (None, ""))
                if m is None:
                    out.append(cells[k])
                    k += 1
                else:
                    out.append(Cell(word, cells[k].start, cells[m - 1].end))
                    k = m
            i = j
        else:
            out.append(cells[i])
            i += 1
    return out


def find_tables(text: str) -> list[Table]:
    """The tables of main indicators in ``text`` (see the module doc)."""
    rules = table_rules()
    tables: list[Table] = []
    pos = 0
    # a header holds a name column's word as a cell of its own: searched once over the text (most texts
    # have none), each line read only from there
    for at in _name_cells(text, rules):
        if at < pos:
            continue  # inside the table just read
        offset = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", at)
        line_end = len(text) if line_end < 0 else line_end
        if line_end - offset >= 200:
            continue
        columns = _header(_cells(text[offset:line_end], offset), rules)
        if columns is None:
            continue
        rows: list[Row] = []
        misses = 0
        next_line = line_end + 1
        while next_line < len(text) and misses < 2:
            end = text.find("\n", next_line)
            end = len(text) if end < 0 else end
            row_line = text[next_line:end]
            row_at, next_line = next_line, end + 1
            if not row_line.strip():
                misses += 1
                continue
            if row_line.rstrip().endswith(("。", "；", "：")) or len(row_line) > 200:
                break  # prose again
            row = _row(_cells(row_line, row_at), columns, rules)
            if row is None:
                misses += 1  # a group row (一、经济发展) or one that cannot be placed
            else:
                rows.append(row)
                misses = 0
        if rows:
            tables.append(Table(offset, rows[-1].end, columns, tuple(rows)))
            pos = rows[-1].end
    return tables


_CELL_EDGE = frozenset(" \t\u3000|｜\n")


def _name_cells(text: str, rules: TableRules) -> list[int]:
    """Where a name column's word stands as a cell of its own (between tabs, spaces or line ends), in text order:
    found with str.find (a report has a few hundred 项目 and no table, most often; a regular expression tried
    at every character took ~14 ms a megabyte)."""
    found = set()
    for word in rules.name_stems:
        at = text.find(word)
        while at >= 0:
            start = at
            while start > 0 and text[start - 1] not in _CELL_EDGE and at - start < 4:
                start -= 1
            end = at + len(word)
            while end < len(text) and text[end] not in _CELL_EDGE and end - at < 8:
                end += 1
            if (start == 0 or text[start - 1] in _CELL_EDGE) and (end == len(text) or text[end] in _CELL_EDGE) \
                    and rules.columns.get(text[start:end]) == "name":
                found.add(start)
            at = text.find(word, at + len(word))
        spaced = " ".join(word)  # "指 标 名 称": as a PDF spaces a header out (the header test reads it whole)
        at = text.find(spaced)
        while at >= 0:
            if at == 0 or text[at - 1] in _CELL_EDGE:
                found.add(at)
            at = text.find(spaced, at + len(spaced))
    return sorted(found)


def _row(cells: list[Cell], columns: tuple[Column, ...], rules: TableRules) -> Row | None:
    """The row's cells by column, or None when they cannot be placed."""
    if not cells:
        return None
    placed = _place(cells, columns, rules)
    if placed is None:
        return None
    name = next((placed[k] for k, c in enumerate(columns) if c.role == "name" and k in placed), None)
    if name is None or not _HAN.search(name.text):
        return None
    if not any(k in placed and scan(placed[k].text) for k, c in enumerate(columns) if c.role == "period"):
        return None
    kept = [c for c in cells if c.text]
    return Row(placed, " ".join(c.text for c in kept), kept[0].start, kept[-1].end)


def _place(cells: list[Cell], columns: tuple[Column, ...], rules: TableRules) -> dict[int, Cell] | None:
    if len(cells) == len(columns):  # every cell written (tab-separated rows keep the empty ones)
        return {k: c for k, c in enumerate(cells) if c.text}
    cells = [c for c in cells if c.text]
    if len(cells) > len(columns) or not cells:
        return None
    # split by spaces, an empty cell is lost: leave out the columns that may be empty, last first (the notes,
    # the attribute when the last cell says none, the unit, the serial number), until the counts agree
    keep = list(range(len(columns)))
    for role in ("note", "attribute", "unit", "serial"):
        if len(keep) == len(cells):
            break
        for k in reversed(keep):
            if columns[k].role != role:
                continue
            if role == "attribute" and cells[-1].text in rules.binding:
                continue  # the attribute is written
            if role == "serial" and _SERIAL.fullmatch(cells[0].text):
                continue
            keep.remove(k)
            break
    if len(keep) != len(cells):
        return None
    placed = dict(zip(keep, cells))
    for k, c in placed.items():  # each cell must be of its column's kind
        role = columns[k].role
        if role == "serial" and not _SERIAL.fullmatch(c.text) or role == "attribute" and c.text not in rules.binding:
            return None
        if role == "period" and not _DIGIT.search(c.text) and len(_HAN.findall(c.text)) < 2:
            return None  # a unit (%) or a mark in a period column: the cells are not where the header says
    return placed


def table_facts(table: Table, year: int | None, doc: str = "") -> list[Fact]:
    """One fact for each number in a period cell of ``table`` (offsets as the table's)."""
    rules = table_rules()
    out: list[Fact] = []
    for row in table.rows:
        cells = row.cells
        name_cell = next(cells[k] for k, c in enumerate(table.columns) if c.role == "name")
        name, unit = name_cell.text, ""
        bracket = _UNIT_IN_NAME.search(name)
        if bracket:
            name, unit = name[:bracket.start()], bracket.group(1)
        unit = next((cells[k].text for k, c in enumerate(table.columns) if c.role == "unit" and k in cells), unit)
        measure, sign = "level", 1
        for suffixes, s in ((rules.decline_suffixes, -1), (rules.growth_suffixes, 1)):
            suffix = next((w for w in suffixes if name.endswith(w) and len(name) > len(w) + 1), None)
            if suffix:
                name, measure, sign = name[:-len(suffix)], "growth", s
                break
        attribute = next((cells[k].text for k, c in enumerate(table.columns) if c.role == "attribute" and k in cells),
                         None)
        for k, column in enumerate(table.columns):
            if column.role != "period" or k not in cells:
                continue
            cell = cells[k]
            spans = scan(cell.text)
            if not spans:
                continue  # "完成省下达任务": no figure
            n = spans[0]
            kind = column.kind
            period_year = column.year
            if kind is None:  # "2023年" alone: an outcome before the report's year, a target from it
                kind = "actual" if year and period_year < year else "target"
            if period_year is None:
                period_year = year if kind == "target" else (year - 1 if year else None)
            qualifier = "range" if n.value_high is not None else n.qualifier or "="
            value = n.value * sign  # (sign is -1 only for a decline, a growth)
            value_high = n.value_high * sign if n.value_high is not None else None
            if sign < 0 and value_high is not None:
                value, value_high = value_high, value
            out.append(Fact(
                doc=doc, kind=kind, indicator=name, measure=measure, value=value, value_high=value_high,
                unit=n.unit or unit, qualifier=qualifier, period=str(period_year) if period_year else "",
                binding=rules.binding.get(attribute) if kind == "target" and attribute else None,
                estimated=column.estimated and kind == "actual", quote=row.text, sentence=row.text,
                start=cell.start + n.start, end=cell.start + n.num_end, method=f"table;column:{column.header}"))
    return out
