"""Stage 7, the store: processed documents, their sections and facts, in SQL.

Reads a ``Processed`` (document, meta, sections, facts) and writes it with SQLAlchemy Core,
so the same code runs on SQLite (the default, ``./planledger.db``) and on PostgreSQL
(``postgresql+psycopg://...``). Writes are idempotent by construction:

- a document is its bytes and where they came from: its id is the sha256 of the file's bytes, and
  saving the same bytes again writes nothing and reports ``"unchanged"`` — from another path too,
  naming the document that holds them (``Saved.same_as``): one report is one document, its targets
  are not counted twice;
- a document saved again from the same path with different bytes replaces the old one: its
  sections, facts and row are deleted and the new ones inserted in one transaction (``"replaced"``),
  under the old one's name;
- the same bytes stored by an older extractor (``documents.extractor`` is not
  ``planledger.EXTRACTOR_VERSION``) are extracted again and replace their old facts (``"reextracted"``);
- a document's name (what pages, the API and ``--doc`` show) is the file's stem, made unique: a
  second ``report.txt`` from another folder is ``report (2022)`` (its folder), else ``report (2)``…;
- a fact's id is the sha1 of document name, span, kind, indicator, unit and period.

Any failure inside ``save`` rolls the whole transaction back, so nothing partial remains.

The schema is versioned by a small table of applied migrations (``schema_migrations``: version,
name, applied_at; see ``MIGRATIONS``), applied by ``open_store`` under the write lock, so an old
database gains the new indexes and two processes opening a new one do not race. Dialect
specifics are guarded by dialect name: SQLite gets WAL, a busy timeout and ``BEGIN IMMEDIATE``;
PostgreSQL gets a transaction-scoped advisory lock that serialises writers the same way.
"""
from __future__ import annotations

import functools
import hashlib
import json
import math
import os
from datetime import datetime, timezone
from typing import Any, Iterable, Mapping, NamedTuple

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
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from . import EXTRACTOR_VERSION
from .errors import PlanledgerError, StoreError, one_line, printable, surrogates_escaped
from .model import FACT_FIELDS, Fact, FactField, fact_fields, plain_number

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
    Column("date", String(10)),  # YYYY-MM-DD: the day the report was delivered (migration 9)
    Column("region", String(64), index=True),  # as the structure stage read it
    Column("year", Integer),
    Column("doc_type", String(32)),
    Column("text", Text, nullable=False),
    Column("n_facts", Integer, nullable=False),
    Column("ingested_at", String(32), nullable=False),  # ISO 8601, UTC
    # migration 7: the region's identity in the division table (planledger/regions.py): the 6-digit
    # statistical division code (000000 for 全国; null for an ambiguous name or one outside the table),
    # the division's own name, its level (national, province, prefecture, county; "ambiguous") and parent
    Column("region_code", String(12)),
    Column("region_name", String(64)),
    Column("region_level", String(16)),
    Column("region_parent", String(12)),
    Column("extractor", String(32)),  # migration 5: planledger.EXTRACTOR_VERSION that made the facts
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

def _fact_column(f: FactField) -> Column:
    """The store's column for a field of ``Fact`` (its type, length, NULL and index from model.py)."""
    if f.type == "string":
        kind = String(f.size) if f.size else Text
    else:
        kind = {"double": Float, "long": Integer, "boolean": Boolean}[f.type]
    return Column(f.name, kind, nullable=f.nullable, index=f.index or None)


facts_table = Table(
    "facts",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("document_id", String(64), ForeignKey("documents.id"), nullable=False, index=True),
    # then every field of model.Fact, in order (doc is indexed with start: ix_facts_doc_start; method came
    # with migration 10)
    *(_fact_column(f) for f in fact_fields()),
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

# migration 4: a counter every write transaction bumps, so that a reader can tell cheaply whether
# anything changed since it last looked (the web page caches ledgers by it)
state_table = Table(
    "store_state",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("value", Integer, nullable=False),
)

Index("ix_facts_doc_start", facts_table.c.doc, facts_table.c.start)
# migration 2: save() looks documents up by path (and by name, indexed from the start)
SCALE_INDEXES = [
    Index("ix_documents_path", documents_table.c.path),
]
# migration 8: region filters match documents by code
REGION_INDEXES = [
    Index("ix_documents_region_code", documents_table.c.region_code),
]
REGION_COLUMNS = ["region_code", "region_name", "region_level", "region_parent"]

FACT_COLUMNS = list(FACT_FIELDS)  # the facts table's columns but its keys: the fields of model.Fact
NUMBER_FIELDS = [f.name for f in fact_fields() if f.type == "double"]  # returned 6, not 6.0
DOCUMENT_COLUMNS = [c.name for c in documents_table.columns if c.name != "text"]
_COLUMNS = {t: [c.name for c in t.columns] for t in (documents_table, sections_table, facts_table)}


class Rows(NamedTuple):
    """A processed document as the rows the store inserts, in each table's column order."""

    path: str
    sha256: str
    name: str  # the document's doc_id
    document: tuple
    sections: list[tuple]
    facts: list[tuple]
    refused: int = 0  # facts not kept because a number of theirs is not finite (overflowed: >308 digits)

    @property
    def extractor(self) -> str | None:
        return self.document[_COLUMNS[documents_table].index("extractor")]

    def renamed(self, name: str) -> "Rows":
        """The same rows under another document name (the facts' ``doc`` and ids follow it)."""
        if name == self.name:
            return self
        columns = _COLUMNS[facts_table]
        doc_at, id_at = columns.index("doc"), columns.index("id")
        facts = []
        for row in self.facts:
            values = list(row)
            values[doc_at] = name
            values[id_at] = fact_id(name, dict(zip(columns, row)))
            facts.append(tuple(values))
        document = list(self.document)
        document[_COLUMNS[documents_table].index("name")] = name
        return self._replace(name=name, document=tuple(document), facts=facts)

    @property
    def text_size(self) -> int:
        """Characters of the document's text: what holding these rows costs, roughly."""
        return len(self.document[_COLUMNS[documents_table].index("text")])



class _Columns:
    """A row's columns as attributes."""

    def __init__(self, values: dict):
        self.__dict__.update(values)


class Saved(str):
    """What saving a document did: ``"added"``, ``"replaced"``, ``"unchanged"`` or ``"reextracted"``
    (it compares equal to that word), with the ``name`` the document is stored under and, when its
    bytes are stored already under another path, ``same_as``: that document's name."""

    name: str
    same_as: str | None

    def __new__(cls, status: str, name: str, same_as: str | None = None) -> "Saved":
        saved = super().__new__(cls, status)
        saved.name, saved.same_as = name, same_as
        return saved

    def __reduce__(self):
        return Saved, (str(self), self.name, self.same_as)


def finite_fact(fact: Fact) -> bool:
    """A fact whose numbers are finite: a number of more than 308 digits reads as infinity, which no
    column, JSON or comparison can hold — such a fact is refused (``Rows.refused`` counts them)."""
    return all(_finite(getattr(fact, name)) for name in NUMBER_FIELDS)


def _finite(v: float | None) -> bool:
    return v is None or math.isfinite(v)


def stored_path(path: str) -> str:
    """A file's path as the store keeps it: the undecodable bytes of a name (GBK on a UTF-8 disk)
    written ``\\xNN``, so that it can be stored and is the same on every ingest."""
    return surrogates_escaped(str(path))


def document_name(path: str) -> str:
    """The name a file's document gets: its stem; a stem whose bytes are not UTF-8 is read as GB18030
    when it is that (the names of Chinese Windows disks and zips), else written ``\\xNN``; control
    characters are escaped (a name is shown on pages and terminals)."""
    stem = os.path.splitext(os.path.basename(str(path)))[0]
    if any("\udc80" <= ch <= "\udcff" for ch in stem):
        try:
            stem = stem.encode("utf-8", "surrogateescape").decode("gb18030")
        except (UnicodeError, ValueError):
            pass
    return printable(stem) or "document"


def resolve_location(url_or_path: str | os.PathLike | None = None) -> str:
    """The SQLAlchemy URL for a ``--db`` value: an URL as is, a path as ``sqlite:///``.

    ``None`` falls back to ``$PLANLEDGER_DB``, then to ``./planledger.db``.
    """
    loc = url_or_path if url_or_path not in (None, "") else os.environ.get(ENV_VAR) or DEFAULT_PATH
    loc = os.fspath(loc)
    if "://" in loc:
        return loc
    return "sqlite:///" + os.path.abspath(os.path.expanduser(loc))


FACT_KEY = ("start", "end", "kind", "indicator", "unit", "period")  # with the document name: a fact's identity


def fact_id(doc: str, fact: Fact | Mapping[str, Any]) -> str:
    """The id of a fact (a ``Fact`` or a row of its fields) in the document named ``doc``."""
    get = fact.get if isinstance(fact, Mapping) else functools.partial(getattr, fact)
    key = "\x1f".join(str(x) for x in (doc, *(get(k) for k in FACT_KEY)))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def fact_rows(document_id: str, name: str, facts: Iterable[Fact]) -> list[tuple]:
    """The rows of the facts table for a document's facts, in column order, one per fact id (the
    first of a fact the extractor reported twice): what ``save`` inserts."""
    rows, seen = [], set()
    for fact in facts:
        fid = fact_id(name, fact)
        if fid in seen:
            continue
        seen.add(fid)
        values = {"id": fid, "document_id": document_id, "doc": name}
        rows.append(tuple(values[c] if c in values else getattr(fact, c) for c in _COLUMNS[facts_table]))
    return rows


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

    read_only = False  # opened for reading only (open_store: a store this process cannot write)

    def __init__(self, engine: Engine, location: str):
        self.engine = engine
        self.location = location

    # -- writing -------------------------------------------------------------------------
    def save(self, processed: Any) -> Saved:
        """Store one processed document (a ``Processed`` or its ``Rows``); return what it did (a
        ``Saved``: ``"added"``, ``"unchanged"``, ``"replaced"`` or ``"reextracted"``, with the name)."""
        try:
            rows = self.rows(processed)
            with self.engine.begin() as conn:
                self._begin_write(conn)
                return self._save_in(conn, [rows])[0]
        except PlanledgerError:
            raise
        except (SQLAlchemyError, ValueError, TypeError) as e:
            path = getattr(processed, "path", None) or processed.document.path
            raise StoreError(path, f"could not be stored in {self.location}: {_one_line(e)}") from e

    def save_many(self, batch: list[Any]) -> list[Saved]:
        """Store several processed documents (``Processed`` or ``Rows``) in ONE transaction (much
        faster than one ``save`` each: one commit, a few multi-row statements); return what each did,
        as ``save`` would in order.

        Any failure rolls the whole batch back and raises; the caller then saves the documents one
        by one (``ingest`` does), so that only the bad one fails.
        """
        if not batch:
            return []
        try:
            batch = [self.rows(p) for p in batch]
            with self.engine.begin() as conn:
                self._begin_write(conn)
                return self._save_in(conn, batch)
        except PlanledgerError:
            raise
        except (SQLAlchemyError, ValueError, TypeError) as e:
            raise StoreError(self.location, f"could not store a batch of {len(batch)} documents: "
                                            f"{_one_line(e)}") from e

    def _save_in(self, conn: Any, batch: list["Rows"]) -> list[Saved]:
        """The work of ``save_many`` inside a transaction that holds the write lock: the documents are
        looked up together (by id and by path), then decided in order, as one ``save`` after the other."""
        d = documents_table
        paths = list(dict.fromkeys(r.path for r in batch))
        for chunk in _chunks(paths):
            conn.execute(delete(failures_table).where(failures_table.c.path.in_(chunk)))
        by_id: dict[str, Any] = {}
        by_path: dict[str, Any] = {}
        for chunk in _chunks(list({r.sha256 for r in batch})):
            for row in conn.execute(select(d.c.id, d.c.name, d.c.path, d.c.extractor).where(d.c.id.in_(chunk))):
                by_id[row.id] = row
        for chunk in _chunks(paths):
            for row in conn.execute(select(d.c.id, d.c.name, d.c.path, d.c.extractor).where(d.c.path.in_(chunk))):
                by_path[row.path] = row
        names = _Names(conn, [r.name for r in batch])
        inserts: dict[str, Rows] = {}  # by id, in order
        doomed: list[str] = []
        results: list[Saved] = []
        for r in batch:
            old = by_id.get(r.sha256)
            if old is not None and (r.sha256 in inserts or old.extractor == r.extractor):
                results.append(Saved("unchanged", old.name, old.name if old.path != r.path else None))
                continue
            previous = by_path.get(r.path)
            if old is not None:  # the same bytes, extracted by another version: extracted again
                status, name = "reextracted", old.name
                doomed.append(old.id)
            elif previous is not None:  # the same path, other bytes
                status, name = "replaced", previous.name
                if inserts.pop(previous.id, None) is None:
                    doomed.append(previous.id)
                names.release(previous.name)
            else:
                status, name = "added", names.unique(r.name, r.path)
            names.take(name)
            r = r.renamed(name)
            inserts[r.sha256] = r
            by_id[r.sha256] = by_path[r.path] = _Columns(
                {"id": r.sha256, "name": name, "path": r.path, "extractor": r.extractor})
            results.append(Saved(status, name))
        self._delete_documents(conn, doomed)
        new = list(inserts.values())
        _insert_many(conn, d, [r.document for r in new])
        _insert_many(conn, sections_table, [s for r in new for s in r.sections])
        _insert_many(conn, facts_table, [f for r in new for f in r.facts])
        return results

    @staticmethod
    def _delete_documents(conn: Any, ids: list[str]) -> None:
        for chunk in _chunks(ids):
            conn.execute(delete(facts_table).where(facts_table.c.document_id.in_(chunk)))
            conn.execute(delete(sections_table).where(sections_table.c.document_id.in_(chunk)))
            conn.execute(delete(documents_table).where(documents_table.c.id.in_(chunk)))

    @classmethod
    def rows(cls, processed: Any) -> "Rows":
        """The rows ``save`` writes for a processed document (ids and all), as plain tuples in table
        column order. An ingest worker computes them, so that the process writing the database has
        only to insert them, and receives tuples, which unpickle several times faster than the
        document's objects. A ``Rows`` is returned as it is."""
        if isinstance(processed, Rows):
            return processed
        from . import regions

        document, meta = processed.document, processed.meta
        sha, name, path = document.sha256, document_name(document.path), stored_path(document.path)
        kept = [f for f in processed.facts if finite_fact(f)]
        facts = fact_rows(sha, name, kept)
        region = regions.of_document(meta.region, meta.title or document.title, document.path)
        doc = {**regions.columns(region, meta.region),
            "id": sha, "path": path, "name": name, "extractor": EXTRACTOR_VERSION, "format": document.format,
            "encoding": document.encoding, "title": meta.title, "date": meta.date, "region": meta.region,
            "year": meta.year, "doc_type": meta.doc_type, "text": document.text, "n_facts": len(facts),
            "ingested_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        }
        sections = [tuple(sha if c == "document_id" else getattr(s, c) for c in _COLUMNS[sections_table])
                    for s in processed.sections]
        return Rows(path, sha, name, tuple(doc[c] for c in _COLUMNS[documents_table]), sections, facts,
                    len(processed.facts) - len(kept))

    def _begin_write(self, conn: Any) -> None:
        if self.read_only:
            raise StoreError(self.location, "the store is read-only (opened for reading: its file or folder "
                                            "cannot be written)")
        _write_lock(conn)
        conn.execute(state_table.update().where(state_table.c.name == "generation")
                     .values(value=state_table.c.value + 1))

    def generation(self) -> int:
        """A number that grows with every write to this store (by any process): equal numbers mean
        the same documents and facts."""
        with self._connect() as conn:
            return conn.execute(select(state_table.c.value).where(state_table.c.name == "generation")).scalar_one()

    def known_hashes(self) -> set[str]:
        """The sha256 of every stored document."""
        with self._connect() as conn:
            return set(conn.execute(select(documents_table.c.id)).scalars())

    def stored(self) -> dict[str, tuple[str | None, str, str]]:
        """sha256 → (extractor version, name, path) of every stored document: ingest skips a file whose
        bytes are stored by the current extractor without extracting it."""
        d = documents_table
        with self._connect() as conn:
            return {r.id: (r.extractor, r.name, r.path)
                    for r in conn.execute(select(d.c.id, d.c.extractor, d.c.name, d.c.path))}

    def stale(self) -> list[dict[str, Any]]:
        """The stored documents extracted by another extractor version than this one (id, path, name,
        format, encoding, title, text): what ``reextract`` does again."""
        d = documents_table
        q = select(d.c.id, d.c.path, d.c.name, d.c.format, d.c.encoding, d.c.title, d.c.region, d.c.year) \
            .where(or_(d.c.extractor.is_(None), d.c.extractor != EXTRACTOR_VERSION)).order_by(d.c.name)
        return self._rows(q)

    def document_source(self, sha256: str) -> dict[str, Any] | None:
        """A stored document's row with its text (what re-extraction needs when its file is gone)."""
        rows = self._rows(select(documents_table).where(documents_table.c.id == sha256))
        return rows[0] if rows else None

    def forget_failures(self, paths: Iterable[str]) -> None:
        """Drop the failure rows of ``paths`` (files found stored unchanged, so no longer failing)."""
        paths = [stored_path(p) for p in paths]
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
        row = {"path": stored_path(path), "sha256": sha256, "problem": problem,
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

    def fact_counts(self) -> dict[tuple[str, str], int]:
        """The number of stored facts by (document name, kind), counted by the database."""
        f = facts_table
        with self._connect() as conn:
            return {(doc, kind): n for doc, kind, n in
                    conn.execute(select(f.c.doc, f.c.kind, func.count()).group_by(f.c.doc, f.c.kind))}

    def documents_with_text(self, region: str | None = None) -> list[dict[str, Any]]:
        """Every stored document with its text (for the task ledger, which reads the text again)."""
        d = documents_table
        q = select(d.c.name, d.c.text, d.c.region, d.c.region_code, d.c.region_name, d.c.year,
                   d.c.doc_type).order_by(d.c.name, d.c.path)
        if region:
            q = q.where(_region_condition(d, region))
        return self._rows(q)

    def regions(self) -> list[dict[str, Any]]:
        """The regions of the stored documents, in official order (division code; names outside the
        table last): code (None for those), name, level, parent and the number of documents. What a
        region filter (a page's menu) offers: passing ``code`` or ``name`` back selects the region."""
        d = documents_table
        q = (select(d.c.region_code, d.c.region_name, d.c.region_level, d.c.region_parent, d.c.region,
                    func.count().label("documents"))
             .group_by(d.c.region_code, d.c.region_name, d.c.region_level, d.c.region_parent, d.c.region))
        merged: dict[str, dict[str, Any]] = {}
        for r in self._rows(q):
            if not (r["region_code"] or r["region"]):
                continue
            key = r["region_code"] or r["region"]
            row = merged.setdefault(key, {"code": r["region_code"], "name": r["region_name"] or r["region"],
                                          "level": r["region_level"], "parent": r["region_parent"],
                                          "documents": 0})
            row["documents"] += r["documents"]
        from .regions import sort_key

        return sorted(merged.values(), key=lambda r: sort_key(r["code"]) + (r["name"] or "",))

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
        ``region`` is resolved to its division code (``重庆``, ``重庆市`` and ``500000`` alike; a city's
        documents are not its province's); a name outside the division table matches the documents'
        region names that start with its short form; an ambiguous name raises ``AmbiguousRegion``.
        """
        f, d = facts_table, documents_table
        if self.engine.dialect.name != "sqlite" and any(
            v is not None and "\x00" in str(v) for v in (doc, indicator, kind, period, region)
        ):  # PostgreSQL text cannot hold a NUL, so nothing stored matches (and it refuses the parameter)
            return []
        q = (
            select(*[f.c[c] for c in FACT_COLUMNS], d.c.region, d.c.year, d.c.doc_type,
                   *[d.c[c] for c in REGION_COLUMNS])
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
            q = q.where(_region_condition(d, region))
        elif region:
            # SQLite: the region's documents first, then their facts by the facts(document_id) index; at
            # 10,000 documents ~5x faster than filtering the join (which SQLite runs by scanning facts)
            r = documents_table.alias("r")
            q = q.where(f.c.document_id.in_(select(r.c.id).where(_region_condition(r, region))))
        rows = [r for r in self._rows(q) if all(_finite(r[name]) for name in NUMBER_FIELDS)]  # as migration 6 left them
        for r in rows:
            for name in NUMBER_FIELDS:
                r[name] = plain_number(r[name])
        return rows

    def indicators(self) -> list[dict[str, Any]]:
        rows = self._rows(select(indicators_table).order_by(indicators_table.c.id))
        for r in rows:
            r["aliases"] = json.loads(r["aliases"] or "[]")
            r["measures"] = json.loads(r["measures"] or "[]")
        return rows

    def analyze(self) -> None:
        """Refresh the query planner's statistics, as after any bulk load: PostgreSQL has none for
        rows just COPied until autovacuum comes by (a region's scorecard took 55 ms instead of 20
        right after a 10,000-document ingest); SQLite's ``PRAGMA optimize`` does what is worth doing."""
        try:
            with self.engine.begin() as conn:
                _write_lock(conn)  # waits for the other writers (ANALYZE writes), as a save does
                if conn.dialect.name == "postgresql":
                    conn.exec_driver_sql("ANALYZE documents, sections, facts")
                elif conn.dialect.name == "sqlite":
                    conn.exec_driver_sql("PRAGMA optimize")
        except SQLAlchemyError as e:
            raise StoreError(self.location, f"cannot update the query statistics: {_one_line(e)}") from e

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


def _region_condition(d: Any, region: str) -> Any:
    """Documents of a region filter: by division code, or (a name outside the table) by the short form
    its documents' region names start with."""
    from . import regions

    if "\x00" in region:
        return d.c.region == region
    wanted = regions.filter_for(region)
    if isinstance(wanted, regions.Region):
        return d.c.region_code == wanted.code
    cond = d.c.region.startswith(wanted, autoescape=True)
    if wanted:  # an index range too (SQLite compares text bytewise)
        cond = and_(cond, d.c.region >= wanted, d.c.region < wanted[:-1] + chr(min(ord(wanted[-1]) + 1, 0x10FFFF)))
    return cond


def _insert_many(conn: Any, table: Table, rows: list[tuple]) -> None:
    """Insert rows given as tuples in the table's column order. On SQLite the compiled INSERT goes
    straight to the driver's executemany, skipping SQLAlchemy's per-row work (a third of a batch's cost);
    on PostgreSQL with psycopg the rows are COPied."""
    if not rows:
        return
    columns = _COLUMNS[table]
    if conn.dialect.name == "postgresql" and conn.dialect.driver == "psycopg":
        # COPY FROM STDIN in the same transaction: several times faster than INSERTs, for the server too
        quote = conn.dialect.identifier_preparer.quote
        sql = f"COPY {quote(table.name)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
        dbapi = conn.dialect.dbapi
        try:
            with conn.connection.driver_connection.cursor() as cursor, cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)
        except dbapi.Error as e:  # as SQLAlchemy would raise it (IntegrityError, ...)
            raise DBAPIError.instance(sql, None, e, dbapi.Error, dialect=conn.dialect) from e
        return
    if conn.dialect.name != "sqlite":
        conn.execute(insert(table), [dict(zip(columns, row)) for row in rows])
        return
    compiled = insert(table).compile(dialect=conn.dialect, column_keys=columns)
    assert list(compiled.positiontup) == columns
    conn.exec_driver_sql(str(compiled), rows)


def _chunks(items: list, size: int = 500) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


class _Names:
    """The document names taken in the store and in the batch being saved, and the unique name for a
    new document: its stem, else the stem with its folder, else the stem with a number."""

    def __init__(self, conn: Any, wanted: list[str]):
        self.conn = conn
        self.taken: set[str] = set()
        for chunk in _chunks(list(set(wanted))):
            self.taken.update(conn.execute(select(documents_table.c.name)
                                           .where(documents_table.c.name.in_(chunk))).scalars())
        self.released: set[str] = set()

    def _free(self, name: str) -> bool:
        if name in self.taken:
            return False
        if name in self.released:
            return True
        d = documents_table
        return self.conn.execute(select(d.c.id).where(d.c.name == name).limit(1)).first() is None

    def unique(self, stem: str, path: str) -> str:
        if stem not in self.taken:
            return stem
        folder = document_name(os.path.dirname(path.replace("\\", "/").rstrip("/")) or ".")
        candidates = ([f"{stem} ({folder})"] if folder not in ("", ".", "..") else []) + \
            [f"{stem} ({n})" for n in range(2, 10_000)]
        return next(c for c in candidates if self._free(c))

    def take(self, name: str) -> None:
        self.taken.add(name)
        self.released.discard(name)

    def release(self, name: str) -> None:
        self.taken.discard(name)
        self.released.add(name)


def _one_line(e: BaseException) -> str:
    """``errors.one_line`` of the driver's own error when SQLAlchemy wraps one (its message, not the SQL)."""
    return one_line(getattr(e, "orig", None) or e)


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


def _migration_drop_doc_index(conn: Any) -> None:
    """3: drop ix_facts_doc, which ix_facts_doc_start (doc, start) covers: one index less to write."""
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_facts_doc")


def _migration_generation(conn: Any) -> None:
    """4: the store_state table with its write generation."""
    state_table.create(conn, checkfirst=True)
    conn.execute(insert(state_table), [{"name": "generation", "value": 0}])


def _migration_extractor(conn: Any) -> None:
    """5: documents.extractor, the extractor version that made a document's facts (null: before
    versions were recorded, so extracted again by the next ingest)."""
    from sqlalchemy import inspect

    if "extractor" not in {c["name"] for c in inspect(conn).get_columns("documents")}:
        conn.exec_driver_sql("ALTER TABLE documents ADD COLUMN extractor VARCHAR(32)")


def _migration_finite(conn: Any) -> None:
    """6: facts stored with an infinite value (a number of more than 308 digits, before such facts were
    refused) deleted, and their documents' n_facts counted again."""
    f, d = facts_table, documents_table
    big = 1.7976931348623157e308
    bad = or_(f.c.value > big, f.c.value < -big, f.c.value_high > big, f.c.value_high < -big)
    ids = list(conn.execute(select(f.c.document_id).where(bad).distinct()).scalars())
    if not ids:
        return
    conn.execute(delete(f).where(bad))
    count = select(func.count()).select_from(f).where(f.c.document_id == d.c.id).scalar_subquery()
    for chunk in _chunks(ids):
        conn.execute(d.update().where(d.c.id.in_(chunk)).values(n_facts=count))


def _migration_region_columns(conn: Any) -> None:
    """7: the documents' region identity (region_code, region_name, region_level, region_parent), read
    from the division table for the documents already stored."""
    from sqlalchemy import inspect

    from . import regions

    have = {c["name"] for c in inspect(conn).get_columns("documents")}
    for name in REGION_COLUMNS:
        if name not in have:
            column = documents_table.c[name]
            conn.exec_driver_sql(f"ALTER TABLE documents ADD COLUMN {name} "
                                 f"{column.type.compile(dialect=conn.dialect)}")
    d = documents_table
    for row in conn.execute(select(d.c.id, d.c.region, d.c.title, d.c.path).where(d.c.region_code.is_(None))).all():
        values = regions.columns(regions.of_document(row.region, row.title, row.path), row.region)
        if any(values.values()):
            conn.execute(d.update().where(d.c.id == row.id).values(**values))


def _migration_region_index(conn: Any) -> None:
    """8: an index on documents.region_code (region filters match by code)."""
    for index in REGION_INDEXES:
        index.create(conn, checkfirst=True)


def _migration_fact_method(conn: Any) -> None:
    """10: facts.method, the rules that produced each fact (null for facts stored before it, until the
    document is extracted again)."""
    from sqlalchemy import inspect

    if "method" not in {c["name"] for c in inspect(conn).get_columns(facts_table.name)}:
        quote = conn.dialect.identifier_preparer.quote
        conn.exec_driver_sql(f"ALTER TABLE {quote(facts_table.name)} ADD COLUMN {quote('method')} TEXT")


def _migration_document_date(conn: Any) -> None:
    """9: documents.date, the day a report was delivered (read from its delivery line)."""
    from sqlalchemy import inspect

    if "date" not in {c["name"] for c in inspect(conn).get_columns(documents_table.name)}:
        quote = conn.dialect.identifier_preparer.quote
        conn.exec_driver_sql(f"ALTER TABLE {quote(documents_table.name)} ADD COLUMN {quote('date')} VARCHAR(10)")


# (version, name, function): append only, never renumber; each runs once per database, in order
MIGRATIONS = [
    (1, "tables", _migration_tables),
    (2, "scale indexes", _migration_scale_indexes),
    (3, "drop redundant facts.doc index", _migration_drop_doc_index),
    (4, "write generation", _migration_generation),
    (5, "extractor version", _migration_extractor),
    (6, "non-finite facts removed", _migration_finite),
    (7, "region identity columns", _migration_region_columns),
    (8, "region code index", _migration_region_index),
    (9, "document delivery date", _migration_document_date),
    (10, "fact method", _migration_fact_method),
]


def _refuse_newer(location: str, done: set[int]) -> None:
    unknown = sorted(done - {v for v, _, _ in MIGRATIONS})
    if unknown:
        raise StoreError(location, f"the store has schema version {unknown[-1]}, newer than this planledger "
                                   f"knows ({max(v for v, _, _ in MIGRATIONS)}): upgrade planledger to use it")


def migrate(engine: Engine, location: str | None = None) -> list[int]:
    """Apply the migrations this database lacks, under the write lock; return the versions applied.
    A database with migrations this planledger does not know (a newer one wrote it) is refused with
    a StoreError, before anything is written to it."""
    latest = {v for v, _, _ in MIGRATIONS}
    location = location or engine.url.render_as_string(hide_password=True)
    done: set[int] | None = None
    try:  # the usual case, checked without taking the write lock
        with engine.connect() as conn:
            if engine.dialect.has_table(conn, migrations_table.name):
                done = set(conn.execute(select(migrations_table.c.version)).scalars())
    except SQLAlchemyError:
        done = None  # no schema_migrations table yet
    if done is not None:
        _refuse_newer(location, done)
        if latest <= done:
            return []
    applied = []
    with engine.begin() as conn:
        _write_lock(conn)
        migrations_table.create(conn, checkfirst=True)
        done = set(conn.execute(select(migrations_table.c.version)).scalars())
        _refuse_newer(location, done)
        for version, name, apply in MIGRATIONS:
            if version in done:
                continue
            apply(conn)
            conn.execute(insert(migrations_table), [{
                "version": version, "name": name,
                "applied_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}])
            applied.append(version)
    return applied


def _sqlite_pragmas(dbapi_connection: Any, _record: Any, read_only: bool = False) -> None:
    """WAL (readers do not block the writer, a killed writer leaves the file consistent) and a busy
    timeout (a writer waits for another instead of failing with "database is locked")."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA busy_timeout = %d" % BUSY_TIMEOUT_MS)
        if read_only:
            return
        cursor.execute("PRAGMA journal_mode = WAL")
        # in WAL mode NORMAL syncs at checkpoints, not at each commit: still consistent after a crash or a
        # kill (a power cut may lose the last transactions, never half of one); commits get ~10x cheaper
        cursor.execute("PRAGMA synchronous = NORMAL")
        # checkpoint when the WAL reaches 64 MiB rather than 4: a page that many commits change (an index
        # page) is copied into the database once per checkpoint, so a large ingest writes half as much;
        # the file is cut back to 64 MiB after a checkpoint
        cursor.execute("PRAGMA wal_autocheckpoint = 16384")
        cursor.execute("PRAGMA journal_size_limit = 67108864")
    finally:
        cursor.close()


def _sqlite_file(url: str) -> str | None:
    """The file of a plain ``sqlite:///path`` URL (None for memory, URIs and other databases)."""
    if not url.startswith("sqlite:///") or "?" in url:
        return None
    path = url[len("sqlite:///"):]
    return path if path and path != ":memory:" else None


def _read_only_sqlite(path: str) -> str | None:
    """The URL to read a SQLite store this process cannot write (a read-only file or folder, a
    read-only mount), or None when it can: ``mode=ro``, and ``immutable=1`` when the WAL index (-shm)
    can be neither found nor created — without it SQLite cannot open a WAL database at all."""
    folder = os.path.dirname(path) or "."
    if not os.path.exists(path) or (os.access(path, os.W_OK) and os.access(folder, os.W_OK)):
        return None
    from urllib.parse import quote

    shm_ok = os.path.exists(path + "-shm") or os.access(folder, os.W_OK)
    return f"sqlite:///file:{quote(path)}?mode=ro{'' if shm_ok else '&immutable=1'}&uri=true"


def open_store(url_or_path: str | os.PathLike | None = None, read_only: bool | None = None) -> Store:
    """Open (creating its tables if needed) the store at a path or SQLAlchemy URL.

    ``None`` means ``$PLANLEDGER_DB`` if set, else ``./planledger.db``. Raises StoreError
    naming the location when the database cannot be opened. A SQLite store this process cannot
    write (or ``read_only=True``) is opened for reading: nothing is migrated or written, and a write
    is a StoreError saying the store is read-only.
    """
    url = resolve_location(url_or_path)
    try:
        location = make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a malformed URL: report it as given
        location = url
    file = _sqlite_file(url)
    reader_url = None
    if file is not None:
        reader_url = _read_only_sqlite(file)
        if read_only and reader_url is None and os.path.exists(file):
            from urllib.parse import quote

            reader_url = f"sqlite:///file:{quote(file)}?mode=ro&uri=true"
    try:
        if reader_url is not None:
            engine = create_engine(reader_url, future=True)
            event.listen(engine, "connect", _sqlite_read_pragmas)
            _check_readable_schema(engine, location)
        else:
            engine = create_engine(url, future=True)
            if engine.dialect.name == "sqlite":
                event.listen(engine, "connect", _sqlite_pragmas)
            migrate(engine, location)
    except (SQLAlchemyError, ImportError, ValueError) as e:
        raise StoreError(location, f"cannot open the database: {_one_line(e)}") from e
    store = Store(engine, location)
    store.read_only = reader_url is not None
    if not store.read_only:
        store.sync_indicators()
    return store


def _sqlite_read_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """A reader of a read-only store: only the busy timeout (journal mode and syncing are the writer's)."""
    _sqlite_pragmas(dbapi_connection, _record, read_only=True)


def _check_readable_schema(engine: Engine, location: str) -> None:
    """A store opened for reading must have every migration of this planledger, and no newer one."""
    with engine.connect() as conn:
        done = set(conn.execute(select(migrations_table.c.version)).scalars()) \
            if engine.dialect.has_table(conn, migrations_table.name) else set()
    _refuse_newer(location, done)
    missing = sorted({v for v, _, _ in MIGRATIONS} - done)
    if missing:
        raise StoreError(location, f"the store is read-only and lacks schema version {missing[-1]}: open it "
                                   "once where it can be written to upgrade it")
