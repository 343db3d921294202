"""Output formats shared by the CLI commands: rows of dicts → table, csv, json or jsonl.

Renderers are kept in ``RENDERERS`` by name, so a new format is one entry. Only data goes
to ``out`` (stdout in the CLI); progress and warnings go to stderr elsewhere.

- ``table``: a rich Table of ``columns`` (rich measures CJK characters as two cells wide);
- ``csv``: a header of ``columns`` then one line per row (None → empty, booleans true/false);
- ``json``: one JSON array of the rows, every key, in the rows' own order;
- ``jsonl``: one JSON object per line, every key, ``ensure_ascii=False``.

``columns`` chooses what a table or csv shows; json and jsonl carry the whole rows, so that
``extract --format jsonl`` gives every field of every fact.
"""
from __future__ import annotations

import csv
import json
from typing import Any, Callable, Iterable, TextIO


WIDE_COLUMNS = {"quote": 48, "sentence": 60, "title": 40, "heading": 40, "path": 40}
TABLE_WIDTH_NOT_TTY = 200  # rich's 80 columns squeeze a table of Chinese text into slivers


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def _json_default(v: Any) -> Any:
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return str(v)


def write_table(rows: Iterable[dict], columns: list[str], out: TextIO, title: str | None = None) -> None:
    from rich import box  # imported here: only a table needs it, and it is slow to import
    from rich.console import Console
    from rich.table import Table

    rows = list(rows)
    columns = columns or (list(rows[0]) if rows else [])
    is_tty = hasattr(out, "isatty") and out.isatty()
    console = Console(file=out, width=None if is_tty else TABLE_WIDTH_NOT_TTY,
                      no_color=not is_tty, highlight=False, emoji=False, markup=False)
    table = Table(title=title, box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for c in columns:
        table.add_column(c, overflow="fold", max_width=WIDE_COLUMNS.get(c))
    for r in rows:
        table.add_row(*(_cell(r.get(c)) for c in columns))
    console.print(table)


def write_csv(rows: Iterable[dict], columns: list[str], out: TextIO) -> None:
    rows = iter(rows)
    first = next(rows, None)
    columns = columns or (list(first) if first else [])
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    if first is None:
        return
    for r in (first, *rows):
        writer.writerow([_cell(r.get(c)) for c in columns])


def write_json(rows: Iterable[dict], columns: list[str], out: TextIO) -> None:
    json.dump(list(rows), out, ensure_ascii=False, indent=2,
              default=_json_default)
    out.write("\n")


def write_jsonl(rows: Iterable[dict], columns: list[str], out: TextIO) -> None:
    for r in rows:
        out.write(json.dumps(r, ensure_ascii=False, default=_json_default))
        out.write("\n")


RENDERERS: dict[str, Callable[[Iterable[dict], list[str], TextIO], None]] = {
    "table": write_table,
    "csv": write_csv,
    "json": write_json,
    "jsonl": write_jsonl,
}
FORMATS = list(RENDERERS)


def write_rows(rows: Iterable[dict], fmt: str, columns: list[str], out: TextIO) -> None:
    """Write ``rows`` to ``out`` in format ``fmt`` (one of FORMATS)."""
    try:
        render = RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}") from None
    render(rows, columns, out)
