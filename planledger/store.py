"""Stage 7, the store: processed documents, their sections and facts, in SQL.

Reads a ``Processed`` (document, meta, sections, facts) and writes it with SQLAlchemy Core,
so the same code runs on SQLite (the default, ``./planledger.db``) and on PostgreSQL
(``postgresql+psycopg://...``). Writes are idempotent by construction:

- a document's id is the sha256 of its file's bytes: saving the same bytes again writes
  nothing and reports ``"unchanged"``;
- a document saved again from the same path, or under the same name (the file stem, the id
  the gold files use), with different bytes replaces the old one: its sections, facts and row
  are deleted and the new ones inserted in one transaction (``"replaced"``);
- a fact's id is the sha1 of document name, span, kind, indicator, unit and period.

Any failure inside ``save`` rolls the whole transaction back, so nothing partial remains.
"""
from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime, timezone
from typing import Any, Iterable

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    func,
    insert,
    or_,
    select,
)
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError

from .errors import PlanledgerError, StoreError
from .model import Fact

ENV_VAR = "PLANLEDGER_DB"
DEFAULT_PATH = "planledger.db"

metadata = MetaData()

documents_table = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),  # sha256 of the file's bytes
    Column("path", Text, nullable=False),
    Column("name", String(255), nullable=False, index=True),  # file stem: the gold's doc id
    Column("format", String(16), nullable=False),
    Column("encoding", String(32)),
    Column("title", Text),
    Column("region", String(64), index=True),
    Column("year", Integer),
    Column("doc_type", String(32)),
    Column("text", Text, nullable=False),
    Column("n_facts", Integer, nullable=False),
    Column("ingested_at", String(32), nullable=False),  # ISO 8601, UTC
)

sections_table = Table(
    "sections",
    metadata,
    Column("document_id", String(64), ForeignKey("documents.id"), primary_key=True),
    Column("index", Integer, primary_key=True),
    Column("level", Integer, nullable=False),
    Column("heading", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("role", String(32), nullable=False),
    Column("period", String(16)),
)

facts_table = Table(
    "facts",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("document_id", String(64), ForeignKey("documents.id"), nullable=False, index=True),
    Column("doc", String(255), nullable=False, index=True),
    Column("kind", String(16), nullable=False),
    Column("indicator", Text, nullable=False),
    Column("measure", String(16), nullable=False),
    Column("value", Float, nullable=False),
    Column("value_high", Float),
    Column("unit", String(32), nullable=False),
    Column("qualifier", String(8), nullable=False),
    Column("period", String(16), nullable=False),
    Column("binding", Boolean),
    Column("estimated", Boolean, nullable=False),
    Column("quote", Text, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("page", Integer),
    Column("canonical", String(64), index=True),
    Column("section", Integer),
)

indicators_table = Table(
    "indicators",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("aliases", Text, nullable=False),  # JSON array
    Column("measures", Text, nullable=False),  # JSON array: "growth", "level"
    Column("unit_family", String(32)),
    Column("polarity", String(16)),
    Column("category", String(64)),
)

failures_table = Table(
    "failures",
    metadata,
    Column("path", Text, primary_key=True),  # as given to ingest
    Column("sha256", String(64)),  # of the file's bytes; null when they could not be read
    Column("problem", Text, nullable=False),
    Column("at", String(32), nullable=False),  # ISO 8601, UTC
)

Index("ix_facts_doc_start", facts_table.c.doc, facts_table.c.start)

FACT_COLUMNS = [c.name for c in facts_table.columns if c.name not in ("id", "document_id")]
DOCUMENT_COLUMNS = [c.name for c in documents_table.columns if c.name != "text"]
_REGION_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市")


def resolve_location(url_or_path: str | os.PathLike | None = None) -> str:
    """The SQLAlchemy URL for a ``--db`` value: an URL as is, a path as ``sqlite:///``.

    ``None`` falls back to ``$PLANLEDGER_DB``, then to ``./planledger.db``.
    """
    loc = url_or_path if url_or_path not in (None, "") else os.environ.get(ENV_VAR) or DEFAULT_PATH
    loc = os.fspath(loc)
    if "://" in loc:
        return loc
    return "sqlite:///" + os.path.abspath(os.path.expanduser(loc))


def fact_id(doc: str, fact: Fact) -> str:
    key = "\x1f".join(
        str(x) for x in (doc, fact.start, fact.end, fact.kind, fact.indicator, fact.unit, fact.period)
    )
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def _plain_number(v: Any) -> Any:
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def _region_key(region: str) -> str:
    """``重庆市`` → ``重庆``: the prefix a LIKE matches both short and full names on."""
    r = region.strip()
    for suffix in _REGION_SUFFIXES:
        if r.endswith(suffix) and len(r) > len(suffix):
            return r[: -len(suffix)]
    return r


def _catalogue_entries() -> list[dict[str, Any]] | None:
    """Rows for the ``indicators`` table from ``planledger.catalogue``, or None when absent.

    A catalogue that is present but broken raises its DataFileError (naming the data file).
    """
    try:
        from .catalogue import load_catalogue
    except ImportError:
        return None
    return [
        {
            "id": e.id,
            "name": e.name,
            "aliases": json.dumps(list(e.aliases), ensure_ascii=False),
            "measures": json.dumps(list(getattr(e, "measures", ()) or ()), ensure_ascii=False),
            "unit_family": e.unit_family,
            "polarity": e.polarity,
            "category": e.category,
        }
        for e in load_catalogue()
    ]


class Store:
    """A planledger database. Use ``open_store()`` to get one."""

    def __init__(self, engine: Engine, location: str):
        self.engine = engine
        self.location = location

    # -- writing -------------------------------------------------------------------------
    def save(self, processed: Any) -> str:
        """Store one processed document; return ``"added"``, ``"unchanged"`` or ``"replaced"``."""
        document, meta = processed.document, processed.meta
        name = document.doc_id
        try:
            with self.engine.begin() as conn:
                self._begin_write(conn)
                conn.execute(delete(failures_table).where(failures_table.c.path == document.path))
                if conn.execute(
                    select(documents_table.c.id).where(documents_table.c.id == document.sha256)
                ).first():
                    return "unchanged"
                old = [
                    r.id
                    for r in conn.execute(
                        select(documents_table.c.id).where(
                            or_(documents_table.c.path == document.path, documents_table.c.name == name)
                        )
                    )
                ]
                if old:
                    conn.execute(delete(facts_table).where(facts_table.c.document_id.in_(old)))
                    conn.execute(delete(sections_table).where(sections_table.c.document_id.in_(old)))
                    conn.execute(delete(documents_table).where(documents_table.c.id.in_(old)))
                fact_rows = self._fact_rows(document.sha256, name, processed.facts)
                conn.execute(
                    insert(documents_table),
                    [
                        {
                            "id": document.sha256,
                            "path": document.path,
                            "name": name,
                            "format": document.format,
                            "encoding": document.encoding,
                            "title": meta.title or document.title,
                            "region": meta.region,
                            "year": meta.year,
                            "doc_type": meta.doc_type,
                            "text": document.text,
                            "n_facts": len(fact_rows),
                            "ingested_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                        }
                    ],
                )
                section_rows = [
                    {
                        "document_id": document.sha256,
                        "index": s.index,
                        "level": s.level,
                        "heading": s.heading,
                        "start": s.start,
                        "end": s.end,
                        "role": s.role,
                        "period": s.period,
                    }
                    for s in processed.sections
                ]
                if section_rows:
                    conn.execute(insert(sections_table), section_rows)
                if fact_rows:
                    conn.execute(insert(facts_table), fact_rows)
                return "replaced" if old else "added"
        except PlanledgerError:
            raise
        except (SQLAlchemyError, ValueError, TypeError) as e:
            raise StoreError(document.path, f"could not be stored in {self.location}: {_one_line(e)}") from e

    def _begin_write(self, conn: Any) -> None:
        """On SQLite, take the write lock before the first read (BEGIN IMMEDIATE): two writers then
        wait for each other (busy timeout) instead of both deciding on a stale read."""
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    def record_failure(self, path: str, problem: str, sha256: str | None = None) -> None:
        """Remember that ``path`` failed (one row per path, the latest problem wins)."""
        row = {"path": str(path), "sha256": sha256, "problem": problem,
               "at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        try:
            with self.engine.begin() as conn:
                self._begin_write(conn)
                conn.execute(delete(failures_table).where(failures_table.c.path == row["path"]))
                conn.execute(insert(failures_table), [row])
        except SQLAlchemyError as e:
            raise StoreError(self.location, f"cannot record the failure of {path}: {_one_line(e)}") from e

    def failures(self) -> list[dict[str, Any]]:
        """The files whose last ingest failed: path, sha256 (or None), problem, at."""
        return self._rows(select(failures_table).order_by(failures_table.c.path))

    @staticmethod
    def _fact_rows(document_id: str, name: str, facts: Iterable[Fact]) -> list[dict[str, Any]]:
        rows, seen = [], set()
        for fact in facts:
            fid = fact_id(name, fact)
            if fid in seen:  # the same fact reported twice by the extractor: keep the first
                continue
            seen.add(fid)
            row = {c: getattr(fact, c) for c in FACT_COLUMNS}
            row.update(id=fid, document_id=document_id, doc=name)
            rows.append(row)
        return rows

    def sync_indicators(self) -> int | None:
        """Refill ``indicators`` from the catalogue; None when the catalogue is not available."""
        rows = _catalogue_entries()
        if rows is None:
            return None
        try:
            with self.engine.begin() as conn:
                conn.execute(delete(indicators_table))
                if rows:
                    conn.execute(insert(indicators_table), rows)
        except SQLAlchemyError as e:
            raise StoreError(self.location, f"cannot write the indicator catalogue: {_one_line(e)}") from e
        return len(rows)

    # -- reading -------------------------------------------------------------------------
    def documents(self) -> list[dict[str, Any]]:
        """Every stored document (without its text), by name."""
        cols = [documents_table.c[c] for c in DOCUMENT_COLUMNS]
        return self._rows(select(*cols).order_by(documents_table.c.name, documents_table.c.path))

    def documents_with_text(self, region: str | None = None) -> list[dict[str, Any]]:
        """Every stored document with its text (for the task ledger, which reads the text again)."""
        d = documents_table
        q = select(d.c.name, d.c.text, d.c.region, d.c.year, d.c.doc_type).order_by(d.c.name, d.c.path)
        if region:
            q = q.where(d.c.region.startswith(_region_key(region), autoescape=True))
        return self._rows(q)

    def document_text(self, name: str) -> str | None:
        row = self._rows(select(documents_table.c.text).where(documents_table.c.name == name))
        return row[0]["text"] if row else None

    def facts(
        self,
        doc: str | None = None,
        indicator: str | None = None,
        kind: str | None = None,
        period: str | None = None,
        region: str | None = None,
    ) -> list[dict[str, Any]]:
        """Stored facts, in document order, with their document's region, year and doc_type.

        ``indicator`` matches a substring of the indicator as written or the canonical id;
        ``region`` matches short and full names alike (``重庆`` and ``重庆市``).
        """
        f, d = facts_table, documents_table
        q = (
            select(*[f.c[c] for c in FACT_COLUMNS], d.c.region, d.c.year, d.c.doc_type)
            .select_from(f.join(d, f.c.document_id == d.c.id))
            .order_by(f.c.doc, f.c.start, f.c.end, f.c.id)
        )
        if doc:
            q = q.where(or_(f.c.doc == doc, d.c.path == doc, d.c.id == doc))
        if indicator and "\x00" in indicator:  # SQLite's LIKE stops at a NUL: "%\0%" would match all
            q = q.where(f.c.canonical == indicator)
        elif indicator:
            q = q.where(or_(f.c.indicator.contains(indicator, autoescape=True), f.c.canonical == indicator))
        if kind:
            q = q.where(f.c.kind == kind)
        if period:
            q = q.where(f.c.period == str(period))
        if region and "\x00" in region:
            q = q.where(d.c.region == region)
        elif region:
            q = q.where(d.c.region.startswith(_region_key(region), autoescape=True))
        rows = self._rows(q)
        for r in rows:
            r["value"] = _plain_number(r["value"])
            r["value_high"] = _plain_number(r["value_high"])
        return rows

    def indicators(self) -> list[dict[str, Any]]:
        rows = self._rows(select(indicators_table).order_by(indicators_table.c.id))
        for r in rows:
            r["aliases"] = json.loads(r["aliases"] or "[]")
            r["measures"] = json.loads(r["measures"] or "[]")
        return rows

    def counts(self) -> dict[str, int]:
        out = {}
        with self._connect() as conn:
            for t in (documents_table, sections_table, facts_table, indicators_table, failures_table):
                out[t.name] = conn.execute(select(func.count()).select_from(t)).scalar_one()
        return out

    def _rows(self, query: Any) -> list[dict[str, Any]]:
        with self._connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def _connect(self):
        try:
            return self.engine.connect()
        except SQLAlchemyError as e:
            raise StoreError(self.location, f"cannot open the database: {_one_line(e)}") from e

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _one_line(e: BaseException) -> str:
    text = str(getattr(e, "orig", None) or e)
    return text.strip().splitlines()[0] if text.strip() else type(e).__name__


BUSY_TIMEOUT_MS = 60_000


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL (readers do not block the writer, a killed writer leaves the file consistent) and a busy
    timeout (a writer waits for another instead of failing with "database is locked")."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA busy_timeout = %d" % BUSY_TIMEOUT_MS)
        cursor.execute("PRAGMA journal_mode = WAL")
    finally:
        cursor.close()


def open_store(url_or_path: str | os.PathLike | None = None) -> Store:
    """Open (creating its tables if needed) the store at a path or SQLAlchemy URL.

    ``None`` means ``$PLANLEDGER_DB`` if set, else ``./planledger.db``. Raises StoreError
    naming the location when the database cannot be opened.
    """
    url = resolve_location(url_or_path)
    try:
        location = make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a malformed URL: report it as given
        location = url
    try:
        engine = create_engine(url, future=True)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        try:
            metadata.create_all(engine)
        except SQLAlchemyError as e:  # another process created the tables at the same moment
            if "already exists" not in str(e):
                raise
            metadata.create_all(engine)
    except (SQLAlchemyError, ImportError, ValueError) as e:
        raise StoreError(location, f"cannot open the database: {_one_line(e)}") from e
    store = Store(engine, location)
    store.sync_indicators()
    return store
