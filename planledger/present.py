"""Output formats shared by the CLI commands: rows of dicts → table, csv, json, jsonl,
markdown, html or xlsx.

Two entry points:

- ``write_rows(rows, fmt, columns, out)``: one table of rows (what the listing commands print);
- ``write_tables(sheets, fmt, out, title=None)``: several named tables (``Sheet``) in one output,
  e.g. a scorecard and its claims as one HTML page or one workbook of two worksheets.

Formats:

- ``table``: a rich Table of ``columns`` per sheet, titled with the sheet's name (rich measures
  CJK characters as two cells wide);
- ``csv``: a header of ``columns`` then one line per row (None → empty, booleans true/false);
  several sheets follow one another, separated by a blank line, each after a ``# name`` line;
- ``json``: one JSON array of the rows, every key, in the rows' own order; several sheets give
  an object ``{name: [rows…]}``;
- ``jsonl``: one compact JSON object per line (no space after ``,`` and ``:``), every key, Chinese as
  it is (``ensure_ascii=False``); with several sheets
  each object also gets a ``"table"`` key naming its sheet;
- ``markdown``: ``## name`` and a GitHub pipe table per sheet (``|``, ``\\`` and line breaks escaped);
- ``html``: one self-contained document (inline CSS, no script, no external URL), a ``<table>``
  per sheet, every cell escaped, numbers right-aligned, status cells coloured by class;
- ``xlsx``: an openpyxl workbook, one worksheet per sheet, bold frozen header, numbers as numbers.
  It is binary: ``out`` is a path, a binary stream, or a text stream with a ``buffer``
  (not a terminal).

**Languages.** The formats for reading (``READABLE``: table, markdown, html) are written in the
language given (``lang``: ``zh``, the CLI's default, or ``en``) through the message catalogue of
``planledger.i18n``, as the web pages are: the headers, the tables' names, and the cells that hold
a status, a reason, a kind, a measure, a stage, yes/no (``i18n.cell``). The data formats (csv, json,
jsonl, xlsx, as the web's exports) keep the column names and the stable English codes as values
(``met``, ``not comparable``…), for the programs and spreadsheets that read them.

``columns`` chooses what a table, csv, markdown, html or xlsx shows; json and jsonl carry the
whole rows, so that ``extract --format jsonl`` gives every field of every fact. Only data goes
to ``out`` (stdout in the CLI); progress and warnings go to stderr elsewhere.
"""
from __future__ import annotations

import io
import json
import math
import re
from dataclasses import field
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterable, TextIO

from . import patterns
from .records import dataclass


WIDE_COLUMNS = {"quote": 48, "sentence": 60, "title": 40, "heading": 40, "path": 40}
TABLE_WIDTH_NOT_TTY = 200  # rich's 80 columns squeeze a table of Chinese text into slivers


READABLE = ("table", "markdown", "html")  # the formats written in a language (``lang``)


@dataclass
class Sheet:
    """One named table: ``columns`` say what table/csv/markdown/html/xlsx show, in order
    (empty: every key of the rows, in order of first appearance). ``labels`` (column → header) and
    ``shown`` (column, value → the cell as read) are what the readable formats show instead of the
    column names and the values (see ``localized``)."""
    name: str
    columns: list[str]
    rows: list[dict] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    shown: Callable[[str, Any], Any] | None = None

    def header(self, column: str) -> str:
        return self.labels.get(column, column)

    def text(self, column: str, value: Any) -> str:
        return _cell(self.shown(column, value) if self.shown else value)


def localized(sheet: Sheet) -> Sheet:
    """``sheet`` as read in the current language of ``planledger.i18n``: its name, headers and cells."""
    from . import i18n

    columns = _columns(sheet.columns, sheet.rows)
    return Sheet(i18n.sheet_name(sheet.name), columns, sheet.rows, {c: i18n.header(c) for c in columns}, i18n.cell)


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, (list, dict)):
        return strict_json(v, ensure_ascii=False)
    return str(v)


def _json_default(v: Any) -> Any:
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return str(v)


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _columns(columns: list[str] | None, rows: list[dict]) -> list[str]:
    if columns:
        return list(columns)
    seen: dict[str, None] = {}
    for r in rows:
        for k in r:
            seen.setdefault(k, None)
    return list(seen)


# -- single-table renderers (the original four, unchanged) --------------------------------------------
def write_table(rows: Iterable[dict], columns: list[str], out: TextIO, title: str | None = None,
                sheet: Sheet | None = None) -> None:
    from rich import box  # imported here: only a table needs it, and it is slow to import
    from rich.console import Console
    from rich.table import Table

    rows = list(rows)
    columns = columns or (list(rows[0]) if rows else [])
    is_tty = hasattr(out, "isatty") and out.isatty()
    console = Console(file=out, width=None if is_tty else TABLE_WIDTH_NOT_TTY,
                      no_color=not is_tty, highlight=False, emoji=False, markup=False)
    table = Table(title=title, box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    shown = sheet or Sheet("", columns)
    for c in columns:
        table.add_column(shown.header(c), overflow="fold", max_width=WIDE_COLUMNS.get(c))
    for r in rows:
        table.add_row(*(shown.text(c, r.get(c)) for c in columns))
    console.print(table)


def write_csv(rows: Iterable[dict], columns: list[str], out: TextIO) -> None:
    rows = iter(rows)
    first = next(rows, None)
    columns = columns or (list(first) if first else [])
    import csv  # here: an extract to JSON lines does not load the csv module (nor unicodedata: display_width)

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    if first is None:
        return
    for r in (first, *rows):
        writer.writerow([_csv_cell(r.get(c)) for c in columns])


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(v: Any) -> str:
    """A CSV cell a spreadsheet will not run: text that starts like a formula (``=HYPERLINK(…)``,
    ``+``, ``-``, ``@``, a tab or CR) gets a leading ``'`` (OWASP's advice); numbers stay numbers."""
    cell = _cell(v)
    if isinstance(v, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def strict_json(v: Any, **options: Any) -> str:
    """``json.dumps`` that writes strict JSON: a non-finite number (inf, nan: no JSON has them) is null."""
    return _strict(json.JSONEncoder(allow_nan=False, default=_json_default, **options).encode, v)


def _strict(encode: Callable[[Any], str], v: Any) -> str:
    try:
        return encode(v)
    except ValueError:
        return encode(finite(v))


def finite(v: Any) -> Any:
    """``v`` with every non-finite float (in dicts, lists, tuples) replaced by None."""
    if isinstance(v, float):
        return v if math.isfinite(v) else None
    if isinstance(v, dict):
        return {k: finite(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [finite(x) for x in v]
    return v


def write_json(rows: Iterable[dict], columns: list[str], out: TextIO) -> None:
    out.write(strict_json(list(rows), ensure_ascii=False, indent=2))
    out.write("\n")


def write_jsonl(rows: Iterable[dict], columns: list[str], out: TextIO) -> None:
    """One compact JSON object a line (no space after ``,`` and ``:``), by orjson, which writes them in a
    quarter of the json module's time (the sentence each fact carries is most of the bytes); what orjson
    does not take as it is (an integer beyond 64 bits, a string with a lone surrogate) goes through json
    with the same separators. Either way as json with ``ensure_ascii=False``, ``allow_nan=False`` would:
    a non-finite number is null, a date or time its ISO form, a dataclass or other object its ``str``."""
    import orjson

    # the options that make orjson's answer json's: dates, times and dataclasses to ``default`` as json
    # sends them, keys of numbers, booleans and None written as strings
    options = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_NON_STR_KEYS
    dumps, refused = orjson.dumps, (TypeError, orjson.JSONEncodeError)
    # one encoder for all the lines: json.dumps with options makes one per call (a third of the time)
    slow = json.JSONEncoder(ensure_ascii=False, allow_nan=False, default=_json_default, separators=(",", ":")).encode

    def encode(r: dict) -> str:
        try:
            return dumps(r, default=_json_default, option=options).decode("utf-8")
        except refused:
            return _strict(slow, r)

    lines: list[str] = []  # written a thousand lines at a time: a write per line cost as much as encoding it
    for r in rows:
        lines.append(encode(r))
        if len(lines) == 1000:
            out.write("\n".join(lines) + "\n")
            lines.clear()
    if lines:
        out.write("\n".join(lines) + "\n")


RENDERERS: dict[str, Callable[[Iterable[dict], list[str], TextIO], None]] = {
    "table": write_table,
    "csv": write_csv,
    "json": write_json,
    "jsonl": write_jsonl,
}


# -- multi-table renderers ------------------------------------------------------------------------------
def _unique(names: Iterable[str], fallback: str = "table") -> list[str]:
    out: list[str] = []
    for n in names:
        base = n or fallback
        name, i = base, 2
        while name in out:
            name, i = f"{base} ({i})", i + 1
        out.append(name)
    return out


def _tables_table(sheets: list[Sheet], out: TextIO, title: str | None) -> None:
    for i, s in enumerate(sheets):
        if i:
            out.write("\n")
        write_table(s.rows, s.columns, out, title=s.name or None, sheet=s)


def _tables_csv(sheets: list[Sheet], out: TextIO, title: str | None) -> None:
    several = len(sheets) > 1
    for i, s in enumerate(sheets):
        if i:
            out.write("\n")
        if several:
            out.write(f"# {s.name}\n")
        write_csv(s.rows, s.columns, out)


def _tables_json(sheets: list[Sheet], out: TextIO, title: str | None) -> None:
    if len(sheets) == 1:
        write_json(sheets[0].rows, sheets[0].columns, out)
        return
    names = _unique(s.name for s in sheets)
    out.write(strict_json({n: list(s.rows) for n, s in zip(names, sheets)}, ensure_ascii=False, indent=2))
    out.write("\n")


def _tables_jsonl(sheets: list[Sheet], out: TextIO, title: str | None) -> None:
    if len(sheets) == 1:
        write_jsonl(sheets[0].rows, sheets[0].columns, out)
        return
    for name, s in zip(_unique(s.name for s in sheets), sheets):
        write_jsonl(({"table": name, **r} for r in s.rows), s.columns, out)


_MD_LINEBREAK = patterns.compile(r"\r\n|\r|\n")


def _md_cell(v: Any) -> str:
    text = _cell(v).replace("\\", "\\\\").replace("|", "\\|")
    return _MD_LINEBREAK.sub("<br>", text)


def _numeric_column(rows: list[dict], column: str) -> bool:
    values = [r.get(column) for r in rows if r.get(column) is not None]
    return bool(values) and all(_is_number(v) for v in values)


def _tables_markdown(sheets: list[Sheet], out: TextIO, title: str | None) -> None:
    parts: list[str] = []
    if title:
        parts.append(f"# {_md_cell(title)}\n")
    for s in sheets:
        if s.name:
            parts.append(f"## {_md_cell(s.name)}\n")
        cols = _columns(s.columns, s.rows)
        if not cols:
            parts.append("_no rows_\n")
            continue
        lines = ["| " + " | ".join(_md_cell(s.header(c)) for c in cols) + " |",
                 "|" + "|".join(" ---: " if _numeric_column(s.rows, c) else " --- " for c in cols) + "|"]
        lines += ["| " + " | ".join(_md_cell(s.text(c, r.get(c))) for c in cols) + " |" for r in s.rows]
        parts.append("\n".join(lines) + "\n")
    out.write("\n".join(parts))


def _css_class(text: str, fallback: str) -> str:
    slug = re.sub(r"[^0-9a-z_]+", "-", text.lower()).strip("-")
    return slug or fallback


# Status colours: met/exceeded green, partly amber, missed red, pending/unreported grey,
# not comparable blue; multi-year targets (ahead/on track/behind) and claims
# (agrees/disagrees/cannot check) reuse the same palette.
_HTML_CSS = """
body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
       margin: 1.5em; color: #222; background: #fff; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
table { border-collapse: collapse; font-size: 0.9em; margin-bottom: 1em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; vertical-align: top; text-align: left;
         white-space: pre-wrap; max-width: 40em; overflow-wrap: anywhere; }
thead th { background: #f0f0f0; position: sticky; top: 0; }
tbody tr:nth-child(even) { background: #fafafa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.empty { color: #888; font-style: italic; }
td.status-met, td.status-exceeded, td.status-ahead, td.status-on-track, td.status-agrees
  { background: #d9f2d9; color: #1b5e20; }
td.status-partly, td.status-behind { background: #fff0c2; color: #7a5200; }
td.status-missed, td.status-disagrees { background: #f9d6d5; color: #8e1b17; }
td.status-pending, td.status-unreported, td.status-cannot-check { background: #e6e6e6; color: #555; }
td.status-not-comparable { background: #dbe8fb; color: #0d3c84; }
"""


def _tables_html(sheets: list[Sheet], out: TextIO, title: str | None, lang: str = "zh") -> None:
    import html  # here: with its entity tables it is 2 ms of every start-up, for one format

    esc = html.escape
    doc_title = title or ", ".join(s.name for s in sheets if s.name) or "planledger"
    parts = ['<!DOCTYPE html>', f'<html lang="{esc(lang)}">', '<head>', '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f'<title>{esc(doc_title)}</title>', f'<style>{_HTML_CSS}</style>', '</head>', '<body>']
    if title:
        parts.append(f'<h1>{esc(title)}</h1>')
    for n, s in enumerate(sheets):
        cols = _columns(s.columns, s.rows)
        classes = [f"col-{_css_class(c, str(i))}" for i, c in enumerate(cols)]
        sheet_class = _css_class(s.name, str(n))
        if s.name:
            parts.append(f'<h2 id="sheet-{sheet_class}">{esc(s.name)}</h2>')
        parts.append(f'<table class="sheet sheet-{sheet_class}">')
        parts.append("<thead><tr>" + "".join(f'<th class="{k}">{esc(s.header(c))}</th>' for c, k in zip(cols, classes))
                     + "</tr></thead>")
        parts.append("<tbody>")
        for r in s.rows:
            cells = []
            for c, k in zip(cols, classes):
                v = r.get(c)
                cls = [k]
                if _is_number(v):
                    cls.append("num")
                if c == "status" and v not in (None, ""):
                    cls.append("status-" + _css_class(_cell(v), "other"))
                cells.append(f'<td class="{" ".join(cls)}">{esc(s.text(c, v))}</td>')
            parts.append("<tr>" + "".join(cells) + "</tr>")
        if not s.rows:
            parts.append(f'<tr><td class="empty" colspan="{max(len(cols), 1)}">no rows</td></tr>')
        parts.append("</tbody></table>")
    parts += ["</body>", "</html>"]
    out.write("\n".join(parts) + "\n")


TEXT_RENDERERS: dict[str, Callable[[list[Sheet], TextIO, str | None], None]] = {
    "table": _tables_table,
    "csv": _tables_csv,
    "json": _tables_json,
    "jsonl": _tables_jsonl,
    "markdown": _tables_markdown,
    "html": _tables_html,
}
FORMATS = [*TEXT_RENDERERS, "xlsx"]


# -- xlsx ----------------------------------------------------------------------------------------------
_XLSX_BAD_NAME = patterns.compile(r"[\[\]:*?/\\]")
XLSX_MAX_NAME = 31
XLSX_MAX_WIDTH = 60


def xlsx_sheet_names(names: Iterable[str]) -> list[str]:
    """Worksheet names Excel accepts: ``[]:*?/\\`` replaced by ``_``, no leading or trailing
    apostrophe, at most 31 characters, unique regardless of case."""
    out: list[str] = []
    taken: set[str] = set()
    for n in names:
        base = _XLSX_BAD_NAME.sub("_", n or "").strip().strip("'") or "Sheet"
        name, i = base[:XLSX_MAX_NAME], 2
        while name.casefold() in taken:
            suffix = f" ({i})"
            name, i = base[:XLSX_MAX_NAME - len(suffix)] + suffix, i + 1
        taken.add(name.casefold())
        out.append(name)
    return out


def display_width(text: str) -> int:
    """Width of the widest line of ``text``, East Asian wide and fullwidth characters counting two."""
    import unicodedata

    return max((sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
                for line in str(text).splitlines() or [""]), default=0)


def _xlsx_value(v: Any) -> Any:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if v is None or isinstance(v, bool):
        return v
    if _is_number(v):
        return v if not isinstance(v, float) or math.isfinite(v) else str(v)
    if isinstance(v, (list, dict)):
        v = strict_json(v, ensure_ascii=False)
    elif hasattr(v, "isoformat"):  # date, datetime: openpyxl stores them as Excel dates
        return v
    return ILLEGAL_CHARACTERS_RE.sub("", str(v))


def _workbook_bytes(sheets: list[Sheet], title: str | None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    if title:
        wb.properties.title = title
    bold = Font(bold=True)
    for name, s in zip(xlsx_sheet_names(s.name for s in sheets), sheets):
        ws = wb.create_sheet(name)
        cols = _columns(s.columns, s.rows)
        widths = [display_width(c) for c in cols]
        for j, c in enumerate(cols, 1):
            cell = ws.cell(row=1, column=j, value=str(c))
            cell.font = bold
            cell.data_type = "s"  # a header is text, even one starting with "="
        for i, r in enumerate(s.rows, 2):
            for j, c in enumerate(cols, 1):
                v = _xlsx_value(r.get(c))
                if v is None:
                    continue
                cell = ws.cell(row=i, column=j, value=v)
                if isinstance(v, str):
                    cell.data_type = "s"  # never a formula: cells are data (=1+1 stays text)
                widths[j - 1] = max(widths[j - 1], display_width(_cell(v)))
        for j, w in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(j)].width = min(max(w, 4) + 2, XLSX_MAX_WIDTH)
        ws.freeze_panes = "A2"
        if cols:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{max(len(s.rows) + 1, 1)}"
    if not wb.worksheets:
        wb.create_sheet("Sheet")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _is_text_stream(out: Any) -> bool:
    return isinstance(out, io.TextIOBase) or (hasattr(out, "encoding") and not isinstance(out, io.BufferedIOBase))


def _write_xlsx(sheets: list[Sheet], out: Any, title: str | None) -> None:
    if isinstance(out, (str, Path)):
        Path(out).write_bytes(_workbook_bytes(sheets, title))
        return
    if _isatty(out):
        raise ValueError("xlsx is binary: give --output FILE")
    if _is_text_stream(out):
        binary = getattr(out, "buffer", None)
        if binary is None:
            raise ValueError("xlsx is binary: give a file path or a binary stream, not a text stream")
        out.flush()
        out = binary
    out.write(_workbook_bytes(sheets, title))
    if hasattr(out, "flush"):
        out.flush()


# -- entry points --------------------------------------------------------------------------------------
def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def write_tables(sheets: list[Sheet], fmt: str, out: TextIO | BinaryIO | str | Path,
                 title: str | None = None, lang: str | None = None) -> None:
    """Write ``sheets`` to ``out`` (a stream, or a file path) in format ``fmt`` (one of FORMATS).

    ``title`` names the whole document where a format has one (markdown heading, html title,
    xlsx properties). A binary stream is accepted for text formats too (written as UTF-8).
    ``lang`` (zh, en): the language of a readable format (``READABLE``); a title that names the
    first table ("planledger scorecard — 重庆") names it in that language too.
    """
    _check_format(fmt)
    sheets = [s if isinstance(s.rows, list) else Sheet(s.name, s.columns, list(s.rows), s.labels, s.shown)
              for s in sheets]
    if lang and fmt in READABLE:
        from . import i18n

        token = i18n.set_lang(lang)
        try:
            if title and sheets and sheets[0].name and f"planledger {sheets[0].name}" in title:
                title = title.replace(f"planledger {sheets[0].name}", f"planledger {i18n.sheet_name(sheets[0].name)}")
            _write([localized(s) for s in sheets], fmt, out, title, lang)
        finally:
            i18n.reset_lang(token)
        return
    _write(sheets, fmt, out, title)


def _write(sheets: list[Sheet], fmt: str, out: TextIO | BinaryIO | str | Path, title: str | None,
           lang: str | None = None) -> None:
    if fmt == "xlsx":
        _write_xlsx(sheets, out, title)
        return
    render = TEXT_RENDERERS[fmt]
    if fmt == "html" and lang:
        def render(sheets: list[Sheet], out: TextIO, title: str | None) -> None:
            _tables_html(sheets, out, title, lang)
    if isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8", newline="") as f:
            render(sheets, f, title)
    elif not _is_text_stream(out):
        text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        try:
            render(sheets, text, title)
            text.flush()
        finally:
            text.detach()
    else:
        render(sheets, out, title)


def write_rows(rows: Iterable[dict], fmt: str, columns: list[str], out: TextIO, lang: str | None = None) -> None:
    """Write ``rows`` to ``out`` in format ``fmt`` (one of FORMATS): one untitled table (``lang``: as
    ``write_tables``)."""
    _check_format(fmt)
    write_tables([Sheet("", list(columns or []), list(rows))], fmt, out, lang=lang)
