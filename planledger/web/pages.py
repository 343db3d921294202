"""The HTML pages: home, documents, reader, fact, scorecard, indicator, tasks, search, and the exports
of their tables (CSV with a byte-order mark for Excel, Excel, JSON; file names carry the filters).

Every page is rendered in the request's language (``i18n.negotiate``: ``?lang``, the cookie, the
browser's Accept-Language, Chinese); the exports and the API keep the English status ids.
"""
from __future__ import annotations

import io
import json
import re
from typing import Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from ..ledger import history_rows
from ..link import canonical_name
from .. import i18n
from ..present import Sheet, write_tables
from . import render, tables
from .deps import HERE, StoreDep, cached, ledger_of, tasks_of, templates

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 50
SCORECARD_PAGE = 50
TASKS_PAGE = 100
DOCUMENTS_PAGE = 100
CLAIMS_SHOWN = 50
EXPORTS = {"csv": ("text/csv; charset=utf-8", "csv"),
           "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
           "json": ("application/json", "json")}
_ = i18n.gettext


def lang_of(request: Request) -> str:
    """The request's language, made the current one for the messages of this request."""
    lang = i18n.negotiate(request.query_params.get("lang"), request.cookies.get(i18n.COOKIE),
                          request.headers.get("accept-language"))
    i18n.set_lang(lang)
    return lang


def page(request: Request, template: str, status_code: int = 200, **context) -> HTMLResponse:
    lang = lang_of(request)
    context.setdefault("settings", request.app.state.settings)
    context.setdefault("here", {k: v for k, v in request.query_params.items() if k != "lang"})
    response = templates.TemplateResponse(request=request, name=template, context=context, status_code=status_code)
    return _finish(request, response, lang)


def _finish(request: Request, response: Response, lang: str) -> Response:
    response.headers["Content-Language"] = i18n.HTML_LANG[lang]
    response.headers["Vary"] = "Accept-Language, Cookie"
    if request.query_params.get("lang") in i18n.LANGS:
        response.set_cookie(i18n.COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax")
    return response


def _year(year: str | None) -> int | None:
    return int(year) if year and year.strip().isdigit() else None


@router.get("/", response_class=HTMLResponse)
def home_page(request: Request, store: StoreDep):
    led = ledger_of(store, None)
    return page(request, "home.html", cards=tables.region_years(led), n_docs=len(store.documents()),
                n_targets=len(led.assessments), nav="home")


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, store: StoreDep, limit: int = Query(DOCUMENTS_PAGE, ge=1, le=1000),
                   offset: int = Query(0, ge=0)):
    rows = tables.documents(store)
    return page(request, "documents.html", rows=rows[offset:offset + limit], total=len(rows), limit=limit,
                offset=offset, params={}, nav="documents", export={"table": "documents", "params": {}})


@router.get("/documents/{name}", response_class=HTMLResponse)
def reader_page(request: Request, name: str, store: StoreDep):
    """The text with every fact highlighted and the list of facts. The largest page there is (a
    report holds hundreds of facts): rendered once per document and language, and kept until the
    store is written to."""
    lang = lang_of(request)

    def render_reader() -> bytes:
        text = store.document_text(name)
        if text is None:
            raise HTTPException(404, _("no document named %(name)s is stored") % {"name": repr(name)})
        meta = next(d for d in store.documents() if d["name"] == name)
        facts = [dict(f) for f in store.facts(doc=name) if f["doc"] == name]
        for f in facts:
            f["sentence_start"], f["sentence_end"] = render.sentence_span(text, f)
        return page(request, "reader.html", doc=meta, facts=facts, pieces=render.flow(render.pieces(text, facts), render.wraps(text)),
                    nav="documents", export={"table": "facts", "params": {"doc": name}}).body

    settings = request.app.state.settings
    body = cached(store, f"reader:{name}:{lang}:{settings.allow_upload}", None, render_reader)
    return _finish(request, HTMLResponse(body), lang)


def _facts_at(store: Any, name: str, start: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    docs = [d for d in store.documents() if d["name"] == name]
    facts = [dict(f) for f in store.facts(doc=name) if f["doc"] == name and f["start"] == start]
    if not docs or not facts:
        raise HTTPException(404, _("no fact starts at %(start)s in %(name)s") % {"start": start, "name": repr(name)})
    for f in facts:
        f["parts"] = tables.sentence_parts(f)
    return docs[0], facts


@router.get("/facts/{name}/{start}.json")
def fact_json(request: Request, name: str, start: int, store: StoreDep):
    lang_of(request)
    doc, facts = _facts_at(store, name, start)
    return Response(json.dumps({"document": doc, "facts": [{k: v for k, v in f.items() if k != "parts"}
                                                           for f in facts]}, ensure_ascii=False, default=str),
                    media_type="application/json")


@router.get("/facts/{name}/{start}", response_class=HTMLResponse)
def fact_page(request: Request, name: str, start: int, store: StoreDep):
    """The permalink of a fact (of the facts, when several start at the same character)."""
    lang_of(request)
    doc, facts = _facts_at(store, name, start)
    return page(request, "fact.html", doc=doc, facts=facts, nav="documents")


class ScoreView:
    """A scorecard row as the page shows it: texts in the page's language, sentences cut around
    their numbers."""

    def __init__(self, s: tables.ScoreRow):
        r = s.row
        self.row = r
        self.outcome = s.outcome
        self.target_sentences = [(f, tables.window(tables.sentence_parts(f))) for f in s.target_sources]
        self.outcome_parts = tables.window(tables.sentence_parts(s.outcome))
        if i18n.current() == "zh":
            self.target_text, self.outcome_text = r["target"], r["outcome"]
        else:
            measure = i18n.gettext(i18n.MEASURES.get(r["measure"], r["measure"]))
            self.target_text = f"{measure} {i18n.quantity(r['target_value'], r['target_high'], r['qualifier'], r['unit'])}"
            self.outcome_text = (f"{measure} {i18n.quantity(r['outcome_value'], None, '=', r['unit'])}"
                                 if r["outcome_value"] is not None else r["outcome"])


def _scorecard_view(store: Any, region: str | None, year: int | None, status: str | None, binding: str | None,
                    category: str | None, sort: str, desc: bool):
    led = ledger_of(store, region)
    every = tables.scorecard_of(store, region, year)
    chosen = tables.filter_scorecard(every, status, binding, category)
    summary = tables.status_counts(s.row["status"] for s in tables.filter_scorecard(every, None, binding, category))
    categories = sorted(tables.Counter(s.category for s in every).items(),
                        key=lambda kv: (kv[0] == "uncatalogued", -kv[1]))
    return led, every, tables.sort_scorecard(chosen, sort, desc), summary, categories


@router.get("/scorecard", response_class=HTMLResponse)
def scorecard_page(request: Request, store: StoreDep, region: str | None = None, year: str | None = None,
                   status: str | None = None, binding: str | None = None, category: str | None = None,
                   sort: str = "headline", desc: str | None = None,
                   limit: int = Query(SCORECARD_PAGE, ge=1, le=1000), offset: int = Query(0, ge=0)):
    lang_of(request)
    year_n = _year(year)
    sort = sort if sort in tables.SORTS else "headline"
    is_desc = bool(desc) and desc not in ("0", "false")
    led, every, rows, summary, categories = _scorecard_view(store, region, year_n, status, binding, category,
                                                            sort, is_desc)
    params = {"region": region or "", "year": year_n or "", "status": status or "", "binding": binding or "",
              "category": category or "", "sort": "" if sort == "headline" else sort, "desc": "1" if is_desc else ""}
    shown = [ScoreView(s) for s in rows[offset:offset + limit]]
    return page(request, "scorecard.html", rows=shown, total=len(rows), limit=limit, offset=offset, params=params,
                summary=summary, categories=categories, claims=_claims(led, year_n),
                regions=tables.regions(store), years=tables.years(led), region=region or "", year=year_n,
                status=status or "", binding=binding or "", category=category or "",
                multi_region=len({s.row["region"] for s in every}) > 1,
                sort={"by": sort, "desc": is_desc, "params": params},
                nav="scorecard", export={"table": "scorecard", "params": {k: v for k, v in params.items() if v}},
                claims_export={"table": "claims", "params": {"region": region or ""}})


def _claims(led: Any, year: int | None) -> dict[str, Any]:
    """The reports' claims about the year shown (all years when none), the first CLAIMS_SHOWN of them
    (the rest are in the claims export)."""
    rows = tables.claims(led)
    if year is not None:
        rows = [(c, o) for c, o in rows if o is None or tables.span_key(o.get("period") or "")[0] == year]
    return {"rows": rows[:CLAIMS_SHOWN], "total": len(rows)}


def _task_rows(store: Any, region: str | None, year: int | None, status: str | None):
    from ..tasks import rows as task_rows

    tasks = tasks_of(store, region)
    years = sorted({int(t.commitment.period.split("-")[-1]) for t in tasks if t.commitment.period[:4].isdigit()})
    return task_rows(tasks, year, status or None), years


@router.get("/tasks", response_class=HTMLResponse)
def tasks_page(request: Request, store: StoreDep, region: str | None = None, year: str | None = None,
               status: str | None = None, limit: int = Query(TASKS_PAGE, ge=1, le=1000), offset: int = Query(0, ge=0)):
    year_n = _year(year)
    table, years = _task_rows(store, region, year_n, status)
    params = {"region": region or "", "year": year_n or "", "status": status or ""}
    return page(request, "tasks.html", rows=table[offset:offset + limit], total=len(table), limit=limit,
                offset=offset, params=params, regions=tables.regions(store), years=years, region=region or "",
                year=year_n, status=status or "", nav="tasks", multi_region=len({r["region"] for r in table}) > 1,
                statuses=["achieved", "progressing", "behind", "no report", "pending"],
                export={"table": "tasks", "params": {k: v for k, v in params.items() if v}})


@router.get("/panel", response_class=HTMLResponse)
def panel_page(request: Request, store: StoreDep, year: str | None = None):
    """Every region's targets for one year side by side (headline indicators), with last year's
    target, outcome and verdict, and the ranked range chart of the growth targets."""
    lang_of(request)
    years = sorted({c["year"] for r in tables.region_years(ledger_of(store, None)) for c in r["years"]})
    year_n = _year(year) or (max((y for y in years if y <= _current_year()), default=None) or (years[-1] if years else None))
    table = tables.panel(store, year_n) if year_n else {"indicators": [], "rows": []}
    return page(request, "panel.html", table=table, chart=tables.range_chart(table) if year_n else None,
                year=year_n, years=years, nav="panel",
                export={"table": "panel", "params": {"year": year_n or ""}})


def _current_year() -> int:
    import datetime

    return datetime.date.today().year


@router.get("/indicators/{indicator}", response_class=HTMLResponse)
def indicator_page(request: Request, indicator: str, store: StoreDep, region: str | None = None):
    stem, dot, fmt = indicator.rpartition(".")
    if dot and fmt in ("json", "csv", "xlsx"):  # the page's twin: /indicators/gdp.csv?region=重庆
        params = {k: v for k, v in request.query_params.items() if k != "lang"}
        return _export(table="history", fmt=fmt, store=store, params={**params, "indicator": stem})
    lang_of(request)
    resolved = tables.resolve_indicator(indicator) or indicator
    rows = cached(store, f"history:{resolved}", region, lambda: history_rows(ledger_of(store, region), resolved))
    name = canonical_name(resolved) or resolved
    multi = len({r["region"] for r in rows}) > 1  # several regions' figures are not one series: no chart
    return page(request, "indicator.html", indicator=resolved, name=name, rows=rows,
                chart=None if multi else render.chart(tables.chart_points(rows), name), region=region or "",
                regions=tables.regions(store), nav="scorecard", multi_region=multi,
                export={"table": "history", "params": {"indicator": resolved, "region": region or ""}})


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, store: StoreDep, q: str | None = None, indicator: str | None = None,
                region: str | None = None, year: str | None = None,
                kind: Literal["", "target", "actual", "other"] | None = None, doc: str | None = None,
                limit: int = Query(PAGE_SIZE, ge=1, le=1000), offset: int = Query(0, ge=0)):
    query = tables.FactQuery(doc=doc, indicator=indicator, kind=kind or None, period=year, region=region, q=q)
    searched = any(query.params().values())
    rows = tables.facts(store, query) if searched else []
    matched = tables.matching_entries(q) if q and q.strip() else []
    named = tables.catalogue_entry(tables.resolve_indicator(indicator))
    if named is not None and named not in matched:
        matched.insert(0, named)
    shown = [dict(r) for r in rows[offset:offset + limit]]
    needle = (q or "").strip()
    for r in shown:
        if needle:
            r["hl_sentence"] = tables.highlight(r["sentence"], needle)
            pieces = tables.highlight(r["indicator"], needle)
            hits = [i for i, (_p, hit) in enumerate(pieces) if hit]
            if hits:
                i = hits[0]
                r["hl_indicator"] = ("".join(p for p, _h in pieces[:i]), pieces[i][0],
                                     "".join(p for p, _h in pieces[i + 1:]))
    params = {"q": q, "indicator": indicator, "region": region, "year": year, "kind": kind, "doc": doc}
    return page(request, "search.html", rows=shown, total=len(rows), limit=limit,
                offset=offset, searched=searched, params={k: v or "" for k, v in params.items()},
                matched=matched, regions=tables.regions(store), nav="search",
                export={"table": "facts", "params": query.params()})


# -- exports ---------------------------------------------------------------------------------------------
def _filename(table: str, params: dict[str, str], suffix: str) -> str:
    """planledger-scorecard-重庆-2021-met.csv: the table and the values of its filters."""
    parts = [table] + [str(v) for k, v in sorted(params.items()) if v not in (None, "") and k != "lang"]
    name = "-".join(re.sub(r"[\\/:*?\"<>|\s]+", "_", p) for p in parts)
    return f"planledger-{name}.{suffix}"


def _disposition(filename: str) -> str:
    ascii_name = filename.encode("ascii", "replace").decode("ascii").replace("?", "_")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


PANEL_COLUMNS = ["region", "year", "indicator", "name", "target", "target_value", "target_high", "qualifier", "unit",
                 "last_target", "last_outcome", "last_status", "target_doc", "target_start", "outcome_doc",
                 "outcome_start"]


def _panel_sheet(store: Any, year: int | None) -> Sheet:
    table = tables.panel(store, year) if year else {"indicators": [], "rows": []}
    rows = []
    for row in table["rows"]:
        for entry, cell in zip(table["indicators"], row["cells"]):
            if not (cell.target or cell.last):
                continue
            t, last = cell.target, cell.last
            src = t.target_sources[0] if t and t.target_sources else None
            rows.append({"region": row["region"], "year": year, "indicator": entry.id, "name": entry.name,
                         "target": t.row["target"] if t else "", "target_value": t.row["target_value"] if t else None,
                         "target_high": t.row["target_high"] if t else None, "qualifier": t.row["qualifier"] if t else "",
                         "unit": t.row["unit"] if t else "", "last_target": last.row["target"] if last else "",
                         "last_outcome": last.row["outcome"] if last else "", "last_status": last.row["status"] if last else "",
                         "target_doc": src["doc"] if src else "", "target_start": src["start"] if src else None,
                         "outcome_doc": last.outcome["doc"] if last and last.outcome else "",
                         "outcome_start": last.outcome["start"] if last and last.outcome else None})
    return Sheet("panel", PANEL_COLUMNS, rows)


def export_sheet(table: str, store: Any, params: dict[str, str]) -> Sheet:
    if table == "panel":
        return _panel_sheet(store, _year(params.get("year")))
    if table == "tasks":
        from ..tasks import TASK_COLUMNS

        rows, _years = _task_rows(store, params.get("region") or None, _year(params.get("year")),
                                  params.get("status") or None)
        return Sheet("tasks", TASK_COLUMNS + ["commitment_source", "outcome_source", "commitment_start",
                                              "outcome_start"], rows)
    if table == "scorecard":
        _led, _every, rows, _s, _c = _scorecard_view(
            store, params.get("region") or None, _year(params.get("year")), params.get("status") or None,
            params.get("binding") or None, params.get("category") or None, params.get("sort") or "headline",
            bool(params.get("desc")))
        from ..ledger import SCORECARD_COLUMNS

        return Sheet("scorecard", SCORECARD_COLUMNS + ["reason"], [s.row for s in rows])
    return tables.sheet(table, store, params)


@router.get("/export/{table}.{fmt}")
def export(request: Request, table: str, fmt: str, store: StoreDep):
    return _export(table, fmt, store, {k: v for k, v in request.query_params.items() if k != "lang"})


def _export(table: str, fmt: str, store: Any, params: dict[str, str]) -> Response:
    if table not in tables.TABLES + ("tasks", "panel") or fmt not in EXPORTS:
        raise HTTPException(404, f"no export {table}.{fmt}: tables are {', '.join(tables.TABLES + ('tasks', 'panel'))}, "
                                 f"formats {', '.join(EXPORTS)}")
    if table == "facts" and params.get("period") is None and params.get("year"):
        params["period"] = params.pop("year")
    sheet = export_sheet(table, store, params)
    buffer = io.BytesIO()
    if fmt == "csv":
        buffer.write("\ufeff".encode("utf-8"))  # Excel reads a UTF-8 CSV as such only with the BOM
    write_tables([sheet], fmt, buffer, title=f"planledger {table}")
    media, suffix = EXPORTS[fmt]
    return Response(buffer.getvalue(), media_type=media,
                    headers={"Content-Disposition": _disposition(_filename(table, params, suffix))})


@router.get("/favicon.ico")
def favicon():
    return FileResponse(HERE / "static" / "favicon.ico", media_type="image/x-icon")


# the .json / .csv twin of every page: the same rows as the page (all pages of it), same filters
_TWINS = {"documents": "documents", "scorecard": "scorecard", "tasks": "tasks", "search": "facts", "panel": "panel"}


@router.get("/{view}.{fmt}")
def twin(request: Request, view: str, fmt: str, store: StoreDep):
    if view not in _TWINS or fmt not in ("json", "csv", "xlsx"):
        raise HTTPException(404, f"no page {view}.{fmt}")
    return _export(_TWINS[view], fmt, store, {k: v for k, v in request.query_params.items() if k != "lang"})


def not_found_page(request: Request, message: str, status_code: int = 404) -> HTMLResponse:
    return page(request, "error.html", status_code=status_code, message=message, nav="")


__all__ = ["router", "not_found_page", "page", "lang_of"]
