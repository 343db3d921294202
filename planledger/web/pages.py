"""The HTML pages: documents, reader, scorecard, indicator, search, and the exports of their tables."""
from __future__ import annotations

import io
from typing import Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from ..ledger import history_rows
from ..link import canonical_name
from ..present import write_tables
from . import render, tables
from .deps import StoreDep, ledger_of, tasks_of, templates

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 200
EXPORTS = {"csv": ("text/csv; charset=utf-8", "csv"),
           "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
           "json": ("application/json", "json")}


def page(request: Request, template: str, status_code: int = 200, **context) -> HTMLResponse:
    context.setdefault("settings", request.app.state.settings)
    return templates.TemplateResponse(request=request, name=template, context=context, status_code=status_code)


@router.get("/", response_class=HTMLResponse)
@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, store: StoreDep):
    return page(request, "documents.html", rows=tables.documents(store), nav="documents",
                export={"table": "documents", "params": {}})


@router.get("/documents/{name}", response_class=HTMLResponse)
def reader_page(request: Request, name: str, store: StoreDep):
    text = store.document_text(name)
    if text is None:
        raise HTTPException(404, f"no document named {name!r} is stored")
    meta = next(d for d in store.documents() if d["name"] == name)
    facts = store.facts(doc=name)
    facts = [f for f in facts if f["doc"] == name]
    return page(request, "reader.html", doc=meta, facts=facts, pieces=render.pieces(text, facts),
                nav="documents", export={"table": "facts", "params": {"doc": name}})


@router.get("/scorecard", response_class=HTMLResponse)
def scorecard_page(request: Request, store: StoreDep, region: str | None = None, year: str | None = None):
    year_n = int(year) if year and year.isdigit() else None
    led = ledger_of(store, region)
    params = {"region": region or "", "year": year_n or ""}
    return page(request, "scorecard.html", rows=tables.scorecard(led, year_n), claims=tables.claims(led),
                regions=tables.regions(store), years=tables.years(led), region=region or "", year=year_n,
                nav="scorecard", export={"table": "scorecard", "params": params},
                claims_export={"table": "claims", "params": {"region": region or ""}})


@router.get("/tasks", response_class=HTMLResponse)
def tasks_page(request: Request, store: StoreDep, region: str | None = None, year: str | None = None,
               status: str | None = None):
    from ..tasks import rows as task_rows

    year_n = int(year) if year and year.isdigit() else None
    tasks = tasks_of(store, region)
    table = task_rows(tasks, year_n, status or None)
    years = sorted({int(t.commitment.period.split("-")[-1]) for t in tasks if t.commitment.period[:4].isdigit()})
    return page(request, "tasks.html", rows=table, regions=tables.regions(store), years=years, region=region or "",
                year=year_n, status=status or "", nav="tasks",
                statuses=["achieved", "progressing", "behind", "no report", "pending"])


@router.get("/indicators/{indicator}", response_class=HTMLResponse)
def indicator_page(request: Request, indicator: str, store: StoreDep, region: str | None = None):
    resolved = tables.resolve_indicator(indicator) or indicator
    led = ledger_of(store, region)
    rows = history_rows(led, resolved)
    return page(request, "indicator.html", indicator=resolved, name=canonical_name(resolved) or resolved,
                rows=rows, chart=render.chart(tables.chart_points(rows)), region=region or "",
                regions=tables.regions(store), nav="scorecard",
                export={"table": "history", "params": {"indicator": resolved, "region": region or ""}})


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, store: StoreDep, q: str | None = None, indicator: str | None = None,
                region: str | None = None, year: str | None = None,
                kind: Literal["", "target", "actual", "other"] | None = None, doc: str | None = None,
                limit: int = Query(PAGE_SIZE, ge=1, le=1000), offset: int = Query(0, ge=0)):
    query = tables.FactQuery(doc=doc, indicator=indicator, kind=kind or None, period=year, region=region, q=q)
    searched = any(query.params().values())
    rows = tables.facts(store, query) if searched else []
    resolved = tables.resolve_indicator(indicator)
    params = {"q": q, "indicator": indicator, "region": region, "year": year, "kind": kind, "doc": doc}
    return page(request, "search.html", rows=rows[offset:offset + limit], total=len(rows), limit=limit,
                offset=offset, searched=searched, params={k: v or "" for k, v in params.items()},
                resolved=resolved if resolved != (indicator or "").strip() else None,
                regions=tables.regions(store), nav="search",
                export={"table": "facts", "params": query.params()})


@router.get("/export/{table}.{fmt}")
def export(request: Request, table: str, fmt: str, store: StoreDep):
    if table not in tables.TABLES or fmt not in EXPORTS:
        raise HTTPException(404, f"no export {table}.{fmt}: tables are {', '.join(tables.TABLES)}, "
                                 f"formats {', '.join(EXPORTS)}")
    params = {k: v for k, v in request.query_params.items()}
    if table == "facts" and params.get("period") is None and params.get("year"):
        params["period"] = params["year"]
    sheet = tables.sheet(table, store, params)
    buffer = io.BytesIO()
    write_tables([sheet], fmt, buffer, title=f"planledger {table}")
    media, suffix = EXPORTS[fmt]
    return Response(buffer.getvalue(), media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="planledger-{table}.{suffix}"'})


def not_found_page(request: Request, message: str, status_code: int = 404) -> HTMLResponse:
    return page(request, "error.html", status_code=status_code, message=message, nav="")


__all__ = ["router", "not_found_page", "page"]
