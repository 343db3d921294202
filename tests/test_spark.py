"""planledger/spark.py: the Spark job, load-facts and the DuckDB ledger agree with the plain pipeline.

One Spark session (one JVM) and one job for the whole module: the five seeds, the national
corpus when it is beside the repo, and a junk file.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import sys
import time

import pytest

from conftest import national_paths, seed_paths

_missing = [m for m in ("pyspark", "pyarrow", "duckdb") if importlib.util.find_spec(m) is None]
if _missing:
    pytest.skip(f"the spark extra is not installed (missing {', '.join(_missing)}): pip install -e '.[spark]'",
                allow_module_level=True)
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("Spark needs Java: apt-get install default-jre-headless", allow_module_level=True)

from planledger import spark as ps  # noqa: E402
from planledger.ledger import build, panel_rows, scorecard_rows  # noqa: E402
from planledger.model import FACT_FIELDS  # noqa: E402
from planledger.pipeline import process  # noqa: E402
from planledger.store import open_store  # noqa: E402

TIMINGS: dict[str, float] = {}


def _inputs() -> list[str]:
    return [str(p) for p in seed_paths() + national_paths()]


@pytest.fixture(scope="module")
def session():
    started = time.perf_counter()
    spark = ps.spark_session("local[2]", "planledger-tests")
    TIMINGS["jvm"] = time.perf_counter() - started
    yield spark
    spark.stop()
    print(f"\nspark timings: {TIMINGS}", file=sys.stderr)


@pytest.fixture(scope="module")
def job(session, tmp_path_factory):
    """The Spark job over the seeds, the national corpus and a junk PDF; its output path and summary."""
    folder = tmp_path_factory.mktemp("spark")
    junk = folder / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4 this is no PDF \x00\x01\x02")
    out = str(folder / "facts.parquet")
    started = time.perf_counter()
    result = ps.spark_extract(_inputs() + [str(junk)], out, spark=session)
    TIMINGS["job"] = time.perf_counter() - started
    return out, result, str(junk)


@pytest.fixture(scope="module")
def direct(tmp_path_factory):
    """The same files ingested directly (process → Store.save), as `planledger ingest` does."""
    store = open_store(tmp_path_factory.mktemp("direct") / "direct.db")
    for path in _inputs():
        store.save(process(path))
    yield store
    store.close()


def _tuples(facts) -> set[tuple]:
    return {tuple(f[name] for name in FACT_FIELDS) for f in facts}


def test_job_facts_equal_extract(job):
    out, result, _ = job
    rows = ps.read_dataset(out, ps.FACT_SCHEMA)
    assert result["facts"] == len(rows) > 0
    by_doc: dict[str, list[dict]] = {}
    for r in rows:
        by_doc.setdefault(r["doc"], []).append(r)
    paths = _inputs()
    assert set(by_doc) <= {os.path.splitext(os.path.basename(p))[0] for p in paths}
    documents = {d["name"]: d for d in ps.read_dataset(out + ps.DOCUMENTS_SUFFIX, ps.DOCUMENT_SCHEMA)}
    assert len(documents) == len(paths)
    for path in paths:
        processed = process(path)
        doc = processed.document.doc_id
        expected = [f.to_dict() for f in processed.facts]  # what `planledger extract` prints
        assert len(by_doc.get(doc, [])) == len(expected), doc
        assert _tuples(by_doc.get(doc, [])) == _tuples(expected), doc
        described = (processed.document.sha256, processed.meta.region, processed.meta.year, processed.meta.doc_type)
        assert {(r["sha256"], r["region"], r["year"], r["doc_type"]) for r in by_doc.get(doc, [])} <= {described}
        d = documents[doc]
        assert (d["sha256"], d["region"], d["year"], d["doc_type"]) == described
        assert d["text"] == processed.document.text


def test_a_junk_file_is_one_error_row(job):
    out, result, junk = job
    errors = ps.read_dataset(out + ps.ERRORS_SUFFIX, ps.ERROR_SCHEMA)
    assert [e["path"] for e in errors] == [os.path.abspath(junk)]
    assert errors[0]["problem"] and errors[0]["sha256"]
    assert result["errors"] == 1 and result["documents"] == len(_inputs())


def test_missing_input_and_empty_job(session, tmp_path):
    out = str(tmp_path / "empty.parquet")
    result = ps.spark_extract([str(tmp_path / "nothing-here.txt")], out, spark=session)
    assert (result["documents"], result["facts"], result["errors"]) == (0, 0, 1)
    assert ps.read_dataset(out, ps.FACT_SCHEMA) == []
    assert ps.parquet_facts(out) == []
    assert ps.read_dataset(out + ps.ERRORS_SUFFIX, ps.ERROR_SCHEMA)[0]["problem"] == "no such file"


def test_load_facts_gives_the_ingest_scorecard_and_is_idempotent(job, direct, tmp_path):
    out, _, junk = job
    store = open_store(tmp_path / "loaded.db")
    try:
        first = ps.load_facts(out, store)
        assert first == {"added": len(_inputs()), "unchanged": 0, "replaced": 0, "failed": 1}
        counts = store.counts()
        assert counts["facts"] == direct.counts()["facts"]
        assert [f["path"] for f in store.failures()] == [os.path.abspath(junk)]
        for region in (None, "重庆", "全国"):
            assert store.facts(region=region) == direct.facts(region=region), region
            assert scorecard_rows(build(store, region)) == scorecard_rows(build(direct, region)), region
        docs = {d["name"]: d for d in store.documents()}
        for d in direct.documents():
            assert {k: docs[d["name"]][k] for k in ("region", "year", "doc_type", "n_facts", "title", "format")} == \
                {k: d[k] for k in ("region", "year", "doc_type", "n_facts", "title", "format")}
        name = seed_paths()[0].stem
        assert store.document_text(name) == direct.document_text(name)
        second = ps.load_facts(out, store)
        assert second == {"added": 0, "unchanged": len(_inputs()), "replaced": 0, "failed": 1}
        assert store.counts() == counts
    finally:
        store.close()


def test_duckdb_ledger_equals_the_store_ledger(job, direct):
    out, _, _ = job
    for region in (None, "重庆", "重庆市", "全国"):
        assert ps.parquet_facts(out, region) == direct.facts(region=region), region
        parquet, stored = ps.parquet_ledger(out, region), build(direct, region)
        assert scorecard_rows(parquet) == scorecard_rows(stored), region
        assert panel_rows(parquet) == panel_rows(stored), region
    assert scorecard_rows(ps.parquet_ledger(out, "重庆")), "the seeds have a scorecard"


def test_cli(session, job, tmp_path):
    from click.testing import CliRunner

    from planledger.cli import cli

    runner = CliRunner()
    out = str(tmp_path / "cli.parquet")
    seeds = str(seed_paths()[0].parent)
    result = runner.invoke(cli, ["spark-extract", seeds, "--out", out])  # reuses the module's session
    assert result.exit_code == 0, result.output
    assert f"{len(seed_paths())} documents" in result.output
    db = str(tmp_path / "cli.db")
    result = runner.invoke(cli, ["load-facts", out, "--db", db])
    assert result.exit_code == 0 and result.output.startswith(f"{len(seed_paths())} added"), result.output
    # every ledger command reads the Parquet facts with --facts as it reads the store with --db
    for command in (["scorecard", "--region", "重庆"], ["panel"], ["panel", "--year", "2021"], ["history", "gdp"],
                    ["claims"]):
        from_store = runner.invoke(cli, [*command, "--db", db, "--format", "jsonl"])
        from_parquet = runner.invoke(cli, [*command, "--facts", out, "--format", "jsonl"])
        assert from_store.exit_code == from_parquet.exit_code == 0, (command, from_parquet.output)
        assert from_parquet.output == from_store.output and from_parquet.output.strip(), command
    picture = tmp_path / "gdp.svg"
    result = runner.invoke(cli, ["plot", "gdp", "--region", "重庆", "--facts", out, "-o", str(picture)])
    assert result.exit_code == 0 and picture.read_text(encoding="utf-8").startswith("<?xml"), result.output
    both = runner.invoke(cli, ["scorecard", "--db", db, "--facts", out])
    assert both.exit_code == 2 and "--db and --facts" in both.output
    missing = runner.invoke(cli, ["scorecard", "--facts", str(tmp_path / "none.parquet")])
    assert missing.exit_code == 2 and "none.parquet" in missing.output
    for gone in ("parquet-scorecard", "parquet-panel", "parquet-history"):  # one family of commands
        assert runner.invoke(cli, [gone, out]).exit_code == 2
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"PK\x03\x04 not a zip")
    result = runner.invoke(cli, ["spark-extract", str(junk), "--out", str(tmp_path / "junk.parquet")])
    assert result.exit_code == 1 and "0 documents, 0 facts, 1 failed" in result.output
