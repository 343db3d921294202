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

The schema is versioned by a small table of applied migrations (``schema_migrations``: version,
name, applied_at; see ``MIGRATIONS``), applied by ``open_store`` under the write lock, so an old
database gains the new indexes and two processes opening a new one do not race. Dialect
specifics are guarded by dialect name: SQLite gets WAL, a busy timeout and ``BEGIN IMMEDIATE``;
PostgreSQL gets a transaction-scoped advisory lock that serialises writers the same way.
"""
from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime, timezone
from typing import Any, Iterable

from sqlalchemy import (
    Boolean,
    and_,
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

migrations_table = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("name", String(128), nullable=False),
    Column("applied_at", String(32), nullable=False),  # ISO 8601, UTC
)

Index("ix_facts_doc_start", facts_table.c.doc, facts_table.c.start)
# migration 2: save() looks documents up by path (and by name, indexed from the start)
SCALE_INDEXES = [
    Index("ix_documents_path", documents_table.c.path),
]

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
        document = processed.document
        try:
            with self.engine.begin() as conn:
                self._begin_write(conn)
                return self._save_in(conn, processed)
        except PlanledgerError:
            raise
        except (SQLAlchemyError, ValueError, TypeError) as e:
            raise StoreError(document.path, f"could not be stored in {self.location}: {_one_line(e)}") from e

    def _save_in(self, conn: Any, processed: Any) -> str:
        """The work of ``save`` inside a transaction that holds the write lock."""
        document = processed.document
        name = document.doc_id
        conn.execute(delete(failures_table).where(failures_table.c.path == document.path))
        if conn.execute(select(documents_table.c.id).where(documents_table.c.id == document.sha256)).first():
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
        conn.execute(insert(documents_table), [self._document_row(processed, len(fact_rows))])
        section_rows = self._section_rows(processed)
        if section_rows:
            conn.execute(insert(sections_table), section_rows)
        if fact_rows:
            conn.execute(insert(facts_table), fact_rows)
        return "replaced" if old else "added"

    def save_many(self, batch: list[Any]) -> list[str]:
        """Store several processed documents in ONE transaction (much faster than one ``save`` each:
        one commit, a few multi-row statements); return their statuses, as ``save`` would in order.

        Any failure rolls the whole batch back and raises; the caller then saves the documents one
        by one (``ingest`` does), so that only the bad one fails. Documents of the batch that share a
        path or a name (the later replaces the earlier) are saved one by one, in order (same transaction).
        """
        if not batch:
            return []
        keys = [k for p in batch for k in (("path", p.document.path), ("name", p.document.doc_id))]
        shared = len(set(keys)) < len(keys)
        d, f, sct = documents_table, facts_table, sections_table
        try:
            with self.engine.begin() as conn:
                self._begin_write(conn)
                if shared:  # one after the other, still in this one transaction
                    return [self._save_in(conn, p) for p in batch]
                paths = [p.document.path for p in batch]
                conn.execute(delete(failures_table).where(failures_table.c.path.in_(paths)))
                ids = [p.document.sha256 for p in batch]
                stored = set(conn.execute(select(d.c.id).where(d.c.id.in_(ids))).scalars())
                statuses, new = [], []
                for p in batch:
                    if p.document.sha256 in stored:  # also a second copy of the same bytes in the batch
                        statuses.append("unchanged")
                    else:
                        stored.add(p.document.sha256)
                        statuses.append(None)
                        new.append(p)
                if not new:
                    return statuses
                by_path, by_name = {p.document.path: p for p in new}, {p.document.doc_id: p for p in new}
                order = {id(p): i for i, p in enumerate(new)}
                old: dict[int, list[str]] = {}
                for row in conn.execute(select(d.c.id, d.c.path, d.c.name).where(
                        or_(d.c.path.in_(list(by_path)), d.c.name.in_(list(by_name))))):
                    # the first document of the batch that matches it replaces it, as saving in order would
                    p = min((q for q in (by_path.get(row.path), by_name.get(row.name)) if q is not None),
                            key=lambda q: order[id(q)])
                    old.setdefault(id(p), []).append(row.id)
                old_ids = sorted({i for v in old.values() for i in v})
                for i in range(0, len(old_ids), 500):
                    chunk = old_ids[i:i + 500]
                    conn.execute(delete(f).where(f.c.document_id.in_(chunk)))
                    conn.execute(delete(sct).where(sct.c.document_id.in_(chunk)))
                    conn.execute(delete(d).where(d.c.id.in_(chunk)))
                doc_rows, section_rows, fact_rows = [], [], []
                for p in new:
                    rows = getattr(p, "fact_rows", None)  # prepared by the worker (prepare_rows), or now
                    if rows is None:
                        rows = self._fact_rows(p.document.sha256, p.document.doc_id, p.facts)
                    doc_rows.append(self._document_row(p, len(rows)))
                    section_rows += self._section_rows(p)
                    fact_rows += rows
                for table, rows in ((d, doc_rows), (sct, section_rows), (f, fact_rows)):
                    _insert_many(conn, table, rows)
                it = iter(new)
                return [s or ("replaced" if id(next(it)) in old else "added") for s in statuses]
        except PlanledgerError:
            raise
        except (SQLAlchemyError, ValueError, TypeError) as e:
            raise StoreError(self.location, f"could not store a batch of {len(batch)} documents: "
                                            f"{_one_line(e)}") from e

    @classmethod
    def prepare_rows(cls, processed: Any) -> Any:
        """Compute the fact rows (ids and all) ahead of ``save_many``, e.g. in an extraction worker, so
        that the process writing the database has less to do. Returns ``processed``."""
        processed.fact_rows = cls._fact_rows(processed.document.sha256, processed.document.doc_id,
                                             processed.facts)
        return processed

    @staticmethod
    def _document_row(processed: Any, n_facts: int) -> dict[str, Any]:
        document, meta = processed.document, processed.meta
        return {
            "id": document.sha256,
            "path": document.path,
            "name": document.doc_id,
            "format": document.format,
            "encoding": document.encoding,
            "title": meta.title or document.title,
            "region": meta.region,
            "year": meta.year,
            "doc_type": meta.doc_type,
            "text": document.text,
            "n_facts": n_facts,
            "ingested_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        }

    @staticmethod
    def _section_rows(processed: Any) -> list[dict[str, Any]]:
        return [
            {
                "document_id": processed.document.sha256,
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

    def _begin_write(self, conn: Any) -> None:
        _write_lock(conn)

    def known_hashes(self) -> set[str]:
        """The sha256 of every stored document: ingest skips these files before extracting them."""
        with self._connect() as conn:
            return set(conn.execute(select(documents_table.c.id)).scalars())

    def forget_failures(self, paths: Iterable[str]) -> None:
        """Drop the failure rows of ``paths`` (files found stored unchanged, so no longer failing)."""
        paths = [str(p) for p in paths]
        if not paths:
            return
        try:
            with self.engine.begin() as conn:
                self._begin_write(conn)
                for i in range(0, len(paths), 500):
                    conn.execute(delete(failures_table).where(failures_table.c.path.in_(paths[i:i + 500])))
        except SQLAlchemyError as e:
            raise StoreError(self.location, f"cannot update the failed files: {_one_line(e)}") from e

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
            current = self._rows(select(indicators_table).order_by(indicators_table.c.id))
            if current == sorted(rows, key=lambda r: r["id"]):  # nothing to write: no write lock taken
                return len(rows)
            with self.engine.begin() as conn:
                self._begin_write(conn)
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
        if self.engine.dialect.name != "sqlite" and any(
            v is not None and "\x00" in str(v) for v in (doc, indicator, kind, period, region)
        ):  # PostgreSQL text cannot hold a NUL, so nothing stored matches (and it refuses the parameter)
            return []
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
        if region and self.engine.dialect.name != "sqlite":  # PostgreSQL plans the join filter well
            q = q.where(d.c.region == region if "\x00" in region
                        else d.c.region.startswith(_region_key(region), autoescape=True))
        elif region:
            # SQLite: the region's documents first, then their facts by the facts(document_id) index; at
            # 10,000 documents ~5x faster than filtering the join (which SQLite runs by scanning facts)
            r = documents_table.alias("r")
            key = _region_key(region)
            if "\x00" in region:
                cond = r.c.region == region
            else:
                cond = r.c.region.startswith(key, autoescape=True)
                if key:  # an index range too (SQLite compares text bytewise)
                    cond = and_(cond, r.c.region >= key, r.c.region < key[:-1] + chr(min(ord(key[-1]) + 1, 0x10FFFF)))
            q = q.where(f.c.document_id.in_(select(r.c.id).where(cond)))
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


def _insert_many(conn: Any, table: Table, rows: list[dict[str, Any]]) -> None:
    """``conn.execute(insert(table), rows)``; on SQLite the same compiled INSERT is handed to the driver's
    executemany with the rows as tuples, skipping SQLAlchemy's per-row work (a third of a batch's cost)."""
    if not rows:
        return
    if conn.dialect.name != "sqlite":
        conn.execute(insert(table), rows)
        return
    compiled = insert(table).compile(dialect=conn.dialect, column_keys=list(rows[0]))
    names = compiled.positiontup
    conn.exec_driver_sql(str(compiled), [tuple(row[n] for n in names) for row in rows])


def _one_line(e: BaseException) -> str:
    text = str(getattr(e, "orig", None) or e)
    return text.strip().splitlines()[0] if text.strip() else type(e).__name__


BUSY_TIMEOUT_MS = 60_000
PG_LOCK_KEY = 0x706C616E6C656467  # "planledg": the advisory lock every PostgreSQL writer takes


def _write_lock(conn: Any) -> None:
    """Take the database's write lock before the transaction's first read, so that two writers wait
    for each other instead of both deciding on a stale read. SQLite: BEGIN IMMEDIATE (waiting up to
    the busy timeout); PostgreSQL: a transaction-scoped advisory lock (released at commit/rollback)."""
    name = conn.dialect.name
    if name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(PG_LOCK_KEY)))


def _migration_tables(conn: Any) -> None:
    """1: the tables (documents, sections, facts, indicators, failures) and their first indexes."""
    metadata.create_all(conn, tables=[documents_table, sections_table, facts_table, indicators_table,
                                      failures_table], checkfirst=True)


def _migration_scale_indexes(conn: Any) -> None:
    """2: an index on documents.path (save() looks documents up by path)."""
    for index in SCALE_INDEXES:
        index.create(conn, checkfirst=True)


# (version, name, function): append only, never renumber; each runs once per database, in order
MIGRATIONS = [
    (1, "tables", _migration_tables),
    (2, "scale indexes", _migration_scale_indexes),
]


def migrate(engine: Engine) -> list[int]:
    """Apply the migrations this database lacks, under the write lock; return the versions applied."""
    latest = {v for v, _, _ in MIGRATIONS}
    try:  # the usual case, checked without taking the write lock
        with engine.connect() as conn:
            if latest <= set(conn.execute(select(migrations_table.c.version)).scalars()):
                return []
    except SQLAlchemyError:
        pass  # no schema_migrations table yet
    applied = []
    with engine.begin() as conn:
        _write_lock(conn)
        migrations_table.create(conn, checkfirst=True)
        done = set(conn.execute(select(migrations_table.c.version)).scalars())
        for version, name, apply in MIGRATIONS:
            if version in done:
                continue
            apply(conn)
            conn.execute(insert(migrations_table), [{
                "version": version, "name": name,
                "applied_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}])
            applied.append(version)
    return applied


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL (readers do not block the writer, a killed writer leaves the file consistent) and a busy
    timeout (a writer waits for another instead of failing with "database is locked")."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA busy_timeout = %d" % BUSY_TIMEOUT_MS)
        cursor.execute("PRAGMA journal_mode = WAL")
        # in WAL mode NORMAL syncs at checkpoints, not at each commit: still consistent after a crash or a
        # kill (a power cut may lose the last transactions, never half of one); commits get ~10x cheaper
        cursor.execute("PRAGMA synchronous = NORMAL")
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
        migrate(engine)
    except (SQLAlchemyError, ImportError, ValueError) as e:
        raise StoreError(location, f"cannot open the database: {_one_line(e)}") from e
    store = Store(engine, location)
    store.sync_indicators()
    return store
