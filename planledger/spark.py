"""Whole corpora with Spark: extract on the executors, write Parquet, load it or query it with DuckDB.

``spark_extract(inputs, out)`` lists the files (``planledger.read.iter_paths``), parallelizes the
paths one document per task, and runs ``planledger.pipeline.process`` on the executors (the
package is imported there, so it must be installed on every executor). It writes three Parquet
datasets (directories of part files):

- ``out``            one row per fact: every field of ``Fact.to_dict()`` plus the document's
                     ``path``, ``sha256``, ``region``, ``year`` and ``doc_type`` (``FACT_SCHEMA``);
- ``out_documents``  one row per document read: its fields, text, number of facts and outline
                     (``sections`` as JSON), so that ``load_facts`` can fill the store like
                     ``planledger ingest`` (``DOCUMENT_SCHEMA``);
- ``out_errors``     one row per file that failed (``path``, ``problem``, ``sha256``): a bad file
                     never fails the job (``ERROR_SCHEMA``).

``load_facts(out, store)`` saves the result through ``Store.save`` (idempotent by sha256: loading
twice stores nothing new). ``ParquetFacts(out)`` is a ``planledger.ledger.FactSource`` as the store
is: DuckDB reads the facts in the form ``Store.facts`` returns them, so ``ledger.build`` (and
``parquet_ledger(out, region)``) makes the same ``Ledger`` without any store.

pyspark, pyarrow and duckdb are the ``spark`` extra (``pip install -e '.[spark]'``); Spark needs Java.
"""
from __future__ import annotations

import dataclasses
import functools
import json
import os
import sys
import time
from typing import Any, Iterable, Iterator

from .errors import one_line
from .model import FACT_FIELDS, fact_fields, plain_number
from .read import file_sha256

ERRORS_SUFFIX = "_errors"
DOCUMENTS_SUFFIX = "_documents"

# (name, type) with type one of "string", "double", "long", "boolean": the one schema behind the
# Spark StructType and the pyarrow schema, so empty partitions and empty results are well typed. A fact's
# fields and their types are model.Fact's (model.fact_fields)
FACT_SCHEMA = [(f.name, f.type) for f in fact_fields()] + [
    ("path", "string"), ("sha256", "string"), ("region", "string"), ("year", "long"), ("doc_type", "string"),
]
DOCUMENT_SCHEMA = [
    ("sha256", "string"), ("path", "string"), ("name", "string"), ("format", "string"), ("encoding", "string"),
    ("title", "string"), ("region", "string"), ("year", "long"), ("doc_type", "string"), ("text", "string"),
    ("n_facts", "long"), ("sections", "string"),
]
ERROR_SCHEMA = [("path", "string"), ("problem", "string"), ("sha256", "string")]


def _struct(schema: list[tuple[str, str]]):
    from pyspark.sql import types as T

    kinds = {"string": T.StringType(), "double": T.DoubleType(), "long": T.LongType(), "boolean": T.BooleanType()}
    return T.StructType([T.StructField(name, kinds[kind], True) for name, kind in schema])


# -- the executor side ------------------------------------------------------------------------------------


_DOUBLES = [f.name for f in fact_fields() if f.type == "double"]
_LONGS = [f.name for f in fact_fields() if f.type == "long"]


def _float(v: Any) -> float | None:
    return None if v is None else float(v)


def extract_rows(path: str, region: str | None = None, year: int | None = None,
                 limits: Any = None) -> Iterator[tuple[str, tuple]]:
    """Process one file: ("document", row), then ("fact", row) per fact; or one ("error", row).

    Runs on an executor: the extractor is imported here, not on the driver.
    """
    from planledger import limits as lim_mod
    from planledger.errors import PlanledgerError
    from planledger.pipeline import process
    from planledger.store import fact_rows

    try:
        lim = limits if limits is not None else lim_mod.Limits.from_env()
        with lim_mod.use(lim), lim_mod.deadline(lim.timeout, path):
            processed = process(path, region=region, year=year)
        document, meta = processed.document, processed.meta
        # the facts the store would keep (one per fact id), so n_facts agrees with `ingest`
        stored = fact_rows(document.sha256, document.doc_id, processed.facts)
        sections = json.dumps([dataclasses.asdict(s) for s in processed.sections], ensure_ascii=False)
        doc_row = (document.sha256, document.path, document.doc_id, document.format, document.encoding,
                   meta.title, meta.region, meta.year, meta.doc_type, document.text,
                   len(stored), sections)
        rows = []
        for fact in processed.facts:
            d = fact.to_dict()
            for name in _DOUBLES:
                d[name] = _float(d[name])
            rows.append(tuple(d[name] for name in FACT_FIELDS)
                        + (document.path, document.sha256, meta.region, meta.year, meta.doc_type))
    except PlanledgerError as e:
        yield "error", (path, e.problem, file_sha256(path))
        return
    except Exception as e:  # noqa: BLE001 - one broken file must not fail the job
        yield "error", (path, f"unexpected {type(e).__name__}: {one_line(e)}", file_sha256(path))
        return
    yield "document", doc_row
    for row in rows:
        yield "fact", row


def _extract_partition(paths: Iterable[str], region: str | None, year: int | None,
                       limits: Any) -> Iterator[tuple[str, tuple]]:
    for path in paths:
        yield from extract_rows(path, region, year, limits)


# -- the driver side --------------------------------------------------------------------------------------
def list_inputs(inputs: Iterable[str]) -> tuple[list[str], list[tuple[str, str, str | None]]]:
    """The files to process (absolute paths) and an error row for each input that does not exist.

    As ``planledger ingest``: ``read.gather_paths`` (folders walked, a folder's README left out).
    """
    from .read import gather_paths

    files, failed = gather_paths(inputs)
    return list(dict.fromkeys(os.path.abspath(f) for f in files)), [(p, e.problem, None) for p, e in failed]


def spark_session(master: str = "local[2]", app_name: str = "planledger"):
    """A SparkSession set up as ``shared/platform/NOTES.md`` §3 (beside the repository) says: loopback in local mode,
    the Python workers running this interpreter, no UI, no progress bars."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = (SparkSession.builder.master(master).appName(app_name)
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", "2"))
    if master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        builder = (builder.config("spark.driver.host", "127.0.0.1")
                   .config("spark.driver.bindAddress", "127.0.0.1"))
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def spark_extract(inputs: list[str], out: str, master: str = "local[2]", region: str | None = None,
                  year: int | None = None, spark: Any = None, limits: Any = None) -> dict[str, Any]:
    """Extract the facts of every file under ``inputs`` with Spark and write them to Parquet.

    Writes ``out`` (facts), ``out + "_documents"`` and ``out + "_errors"`` (see the module
    docstring), replacing earlier results there. Uses ``spark`` or the active session when there is
    one (and leaves it running), else starts one on ``master`` and stops it at the end. Returns
    counts of files, documents, facts and errors, and the seconds taken.
    """
    from pyspark import StorageLevel
    from pyspark.sql import SparkSession

    from .limits import Limits

    started = time.perf_counter()
    files, errors = list_inputs(inputs)
    own = spark is None and SparkSession.getActiveSession() is None
    spark = spark or SparkSession.getActiveSession() or spark_session(master)
    try:
        sc = spark.sparkContext
        work = functools.partial(_extract_partition, region=region, year=year,
                                 limits=limits if limits is not None else Limits.from_env())
        rows = sc.parallelize(files, max(1, len(files))).mapPartitions(work)
        rows.persist(StorageLevel.MEMORY_AND_DISK)  # three outputs, one extraction
        try:
            facts = spark.createDataFrame(rows.filter(lambda r: r[0] == "fact").map(lambda r: r[1]),
                                          _struct(FACT_SCHEMA))
            documents = spark.createDataFrame(rows.filter(lambda r: r[0] == "document").map(lambda r: r[1]),
                                              _struct(DOCUMENT_SCHEMA))
            failed = rows.filter(lambda r: r[0] == "error").map(lambda r: r[1])
            if errors:
                failed = failed.union(sc.parallelize(errors, 1))
            failed_df = spark.createDataFrame(failed, _struct(ERROR_SCHEMA))
            facts.write.mode("overwrite").parquet(out)
            documents.write.mode("overwrite").parquet(out + DOCUMENTS_SUFFIX)
            failed_df.coalesce(1).write.mode("overwrite").parquet(out + ERRORS_SUFFIX)
            counts = dict(rows.map(lambda r: (r[0], 1)).countByKey())
        finally:
            rows.unpersist()
    finally:
        if own:
            spark.stop()
    return {"files": len(files), "documents": counts.get("document", 0), "facts": counts.get("fact", 0),
            "errors": counts.get("error", 0) + len(errors), "seconds": round(time.perf_counter() - started, 2)}


# -- reading the result back --------------------------------------------------------------------------------
def read_dataset(path: str, schema: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Rows of a Parquet dataset written by ``spark_extract`` (a directory, or one file); [] when absent."""
    import pyarrow.parquet as pq

    if not os.path.exists(path):
        return []
    table = pq.read_table(path, columns=[name for name, _ in schema])
    return table.to_pylist()


def _int(v: Any) -> int | None:
    return None if v is None else int(v)


def _fact(row: dict[str, Any]):
    from .model import Fact

    kw = {name: row[name] for name in FACT_FIELDS}
    for key in _LONGS:
        kw[key] = _int(kw[key])
    return Fact(**kw)


def processed_from_parquet(parquet_path: str) -> list[Any]:
    """``Processed`` objects (document, meta, sections, facts) rebuilt from a ``spark_extract`` result.

    A document missing from ``…_documents`` (facts written by another tool) is rebuilt from its
    facts' columns, with an empty text.
    """
    from .model import Document, DocumentMeta, Section
    from .pipeline import Processed

    facts_by_doc: dict[str, list[dict[str, Any]]] = {}
    for row in read_dataset(parquet_path, FACT_SCHEMA):
        facts_by_doc.setdefault(row["sha256"], []).append(row)
    docs = {row["sha256"]: row for row in read_dataset(parquet_path + DOCUMENTS_SUFFIX, DOCUMENT_SCHEMA)}
    for sha, rows in facts_by_doc.items():
        if sha not in docs:
            first = rows[0]
            docs[sha] = {"sha256": sha, "path": first["path"], "format": "text", "encoding": None, "title": None,
                         "region": first["region"], "year": first["year"], "doc_type": first["doc_type"],
                         "text": "", "sections": "[]"}
    out = []
    for sha, d in sorted(docs.items(), key=lambda kv: (kv[1]["path"], kv[0])):
        document = Document(path=d["path"], text=d["text"] or "", format=d["format"] or "text", sha256=sha,
                            encoding=d["encoding"], title=d["title"])
        meta = DocumentMeta(region=d["region"], year=_int(d["year"]), doc_type=d["doc_type"] or "unknown",
                            title=d["title"])
        sections = [Section(**s) for s in json.loads(d["sections"] or "[]")]
        facts = sorted((_fact(r) for r in facts_by_doc.get(sha, [])), key=lambda f: (f.start, f.end))
        out.append(Processed(document, meta, sections, facts))
    return out


def load_facts(parquet_path: str, store: Any, record_failures: bool = True) -> dict[str, int]:
    """Save a ``spark_extract`` result into ``store`` through ``Store.save``, document by document.

    Idempotent like ``planledger ingest``: a document whose sha256 is stored already is
    ``unchanged``; one stored before from the same path or name with other bytes is ``replaced``.
    The error rows become the store's failures (``planledger docs --failed``). Returns the counts.
    """
    counts = {"added": 0, "unchanged": 0, "replaced": 0, "failed": 0}
    for processed in processed_from_parquet(parquet_path):
        status = str(store.save(processed))
        counts[status] = counts.get(status, 0) + 1
    for row in read_dataset(parquet_path + ERRORS_SUFFIX, ERROR_SCHEMA):
        counts["failed"] += 1
        if record_failures:
            store.record_failure(row["path"], row["problem"], row["sha256"])
    if counts["added"] + counts["replaced"]:
        store.analyze()  # fresh planner statistics after a bulk load
    return counts


def _parquet_glob(path: str) -> str:
    return os.path.join(path, "*.parquet") if os.path.isdir(path) else path


def parquet_facts(parquet_path: str, region: str | None = None) -> list[dict[str, Any]]:
    """The facts of a ``spark_extract`` result as ``Store.facts(region=…)`` returns them: the same
    keys, the same region matching (重庆 = 重庆市), one fact per fact id, in document order."""
    import duckdb

    from . import regions
    from .errors import ReadError
    from .store import fact_id

    if not os.path.exists(parquet_path):
        raise ReadError(parquet_path, "no such Parquet file or folder")
    columns = ", ".join(f'"{c}"' for c in [*FACT_FIELDS, "region", "year", "doc_type", "sha256"])
    query = f"select {columns} from read_parquet(?)"
    params: list[Any] = [_parquet_glob(parquet_path)]
    wanted = regions.filter_for(region) if region else None
    if isinstance(wanted, str):  # a name outside the division table: as its documents write it
        query += " where starts_with(region, ?)"
        params.append(wanted)
    con = duckdb.connect()
    try:
        cursor = con.execute(query, params)
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, r)) for r in cursor.fetchall()]
    finally:
        con.close()
    keyed, seen = [], set()
    for r in rows:
        fid = fact_id(r["doc"], r)
        key = (r.pop("sha256"), fid)
        if key in seen:  # the store keeps one fact per id and document
            continue
        seen.add(key)
        r.update(regions.columns(regions.of_document(r["region"]), r["region"]))  # as the store has them
        if isinstance(wanted, regions.Region) and r["region_code"] != wanted.code:
            continue
        for name in _DOUBLES:
            r[name] = plain_number(r[name])
        r["year"] = _int(r["year"])
        keyed.append((r["doc"], r["start"], r["end"], fid, r))
    keyed.sort(key=lambda k: k[:4])
    return [k[4] for k in keyed]


class ParquetFacts:
    """A ``spark_extract`` result as a ``planledger.ledger.FactSource``: what the ledger reads of a store."""

    def __init__(self, parquet_path: str):
        self.parquet_path = parquet_path

    def facts(self, region: str | None = None) -> list[dict[str, Any]]:
        return parquet_facts(self.parquet_path, region)

    def document_text(self, name: str) -> str | None:
        """A document's text from ``…_documents`` (for the verdicts a report states in words), by the
        name its facts carry; None when that dataset or the document is missing."""
        import duckdb

        docs = self.parquet_path.rstrip("/") + DOCUMENTS_SUFFIX
        if not os.path.exists(docs):
            return None
        con = duckdb.connect()
        try:
            row = con.execute("select d.text from read_parquet(?) d where d.path in "
                              "(select f.path from read_parquet(?) f where f.doc = ?) limit 1",
                              [_parquet_glob(docs), _parquet_glob(self.parquet_path), name]).fetchone()
        finally:
            con.close()
        return row[0] if row else None


def parquet_ledger(parquet_path: str, region: str | None = None, tolerances: Any = None):
    """``planledger.ledger.build`` over a ``spark_extract`` result instead of a store: the same
    Ledger, for ``scorecard_rows``, ``history_rows``, ``panel_rows`` and ``claims_rows``."""
    from .ledger import build

    return build(ParquetFacts(parquet_path), region, tolerances)
