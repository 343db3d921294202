"""The JSON API under /api: documents, facts, scorecard, claims, history — paginated with
``limit``/``offset``; the facts take the filters of ``planledger facts``."""
from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Query

from ..ledger import claims_rows, history_rows, scorecard_rows
from . import tables
from .deps import StoreDep, ledger_of

router = APIRouter(prefix="/api", tags=["api"])

Limit = Query(100, ge=1, le=1000, description="Rows per page (at most 1000).")
Offset = Query(0, ge=0, description="Rows to skip.")


def paginate(rows: list[dict[str, Any]], limit: int, offset: int) -> dict[str, Any]:
    return {"total": len(rows), "limit": limit, "offset": offset, "items": rows[offset:offset + limit]}


@router.get("/documents", summary="Stored documents with their fact counts by kind")
def api_documents(store: StoreDep, limit: int = Limit, offset: int = Offset):
    return paginate(tables.documents(store), limit, offset)


@router.get("/documents/{name}", summary="One document: its metadata and original text")
def api_document(name: str, store: StoreDep):
    text = store.document_text(name)
    if text is None:
        raise HTTPException(404, f"no document named {name!r} is stored")
    meta = next(d for d in store.documents() if d["name"] == name)
    return {**meta, "text": text}


@router.get("/facts", summary="Stored facts, filtered like `planledger facts`")
def api_facts(store: StoreDep,
              doc: str | None = Query(None, description="Document name (file stem), path or sha256."),
              indicator: str | None = Query(None, description="Part of the indicator as written, a canonical id, "
                                                              "or an alias the catalogue resolves (GDP → gdp)."),
              kind: Literal["target", "actual", "other"] | None = None,
              period: str | None = Query(None, description='"2021", "2021-2025"…'),
              region: str | None = Query(None, description="Short and full names alike (重庆 = 重庆市)."),
              q: str | None = Query(None, description="Free text in the sentence or the indicator."),
              limit: int = Limit, offset: int = Offset):
    query = tables.FactQuery(doc=doc, indicator=indicator, kind=kind, period=period, region=region, q=q)
    return paginate(tables.facts(store, query), limit, offset)


@router.get("/scorecard", summary="Targets with outcome, status, margin and sources")
def api_scorecard(store: StoreDep, region: str | None = None, year: int | None = None,
                  limit: int = Limit, offset: int = Offset):
    return paginate(scorecard_rows(ledger_of(store, region), year), limit, offset)


@router.get("/claims", summary="The reports' own claims, checked")
def api_claims(store: StoreDep, region: str | None = None, limit: int = Limit, offset: int = Offset):
    return paginate(claims_rows(ledger_of(store, region)), limit, offset)


@router.get("/history/{indicator}", summary="Targets and outcomes of one indicator over the years")
def api_history(indicator: str, store: StoreDep, region: str | None = None,
                limit: int = Limit, offset: int = Offset):
    resolved = tables.resolve_indicator(indicator) or indicator
    return {"indicator": resolved,
            **paginate(history_rows(ledger_of(store, region), resolved), limit, offset)}
