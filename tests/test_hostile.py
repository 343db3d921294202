"""Hostile input: broken files of every type, limits, failures remembered, no traceback, odd queries."""
from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from planledger import limits
from planledger.cli import cli
from planledger.errors import LimitError, ReadError
from planledger.read import read_path
from planledger.store import open_store

sys.path.insert(0, str(Path(__file__).parent))
from broken_files import INGEST_OPTIONS, TEXT, docx_bomb, make_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PLANLEDGER = [sys.executable, "-m", "planledger"]


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*PLANLEDGER, *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})}, cwd=ROOT)


def failure_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("planledger: ")]


# --------------------------------------------------------------------------- the broken corpus

@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("broken")
    cases = make_corpus(folder)
    return folder, cases


def test_broken_corpus_is_big_and_varied(corpus):
    folder, cases = corpus
    assert len(cases) >= 200
    kinds = {c.kind for c in cases}
    for kind in ("empty", "binary junk", "wrong encoding", "truncated pdf", "truncated docx", "zip bomb",
                 "huge", "deep html", "pdf without text", "mislabelled", "good"):
        assert kind in kinds
    assert {Path(c.name).suffix for c in cases} >= {".txt", ".md", ".html", ".htm", ".pdf", ".docx", ""}


def test_ingest_broken_corpus(corpus, tmp_path):
    folder, cases = corpus
    db = tmp_path / "hostile.db"
    # a folder walk keeps supported suffixes: files without one are named on the command line
    loose = [str(folder / c.name) for c in cases if not Path(c.name).suffix]
    result = run("ingest", str(folder), *loose, "--db", str(db), *INGEST_OPTIONS)
    assert result.returncode == 1, result.stderr[-3000:]
    assert "Traceback" not in result.stderr + result.stdout
    assert "unexpected" not in result.stderr, result.stderr

    lines = failure_lines(result.stderr)
    by_path: dict[str, list[str]] = {}
    for line in lines:
        path = line[len("planledger: "):].split(": ", 1)[0]
        by_path.setdefault(path, []).append(line)
    assert all(len(v) == 1 for v in by_path.values()), "one line per failed file"

    store = open_store(db)
    try:
        docs = {d["path"]: d for d in store.documents()}
        failures = {f["path"]: f for f in store.failures()}
        for doc in docs.values():  # nothing partial: every stored document has all its facts
            assert doc["n_facts"] == len(store.facts(doc=doc["path"]))
    finally:
        store.close()

    outcome: dict[str, int] = {}
    for case in cases:
        path = str(folder / case.name)
        failed, stored = path in by_path, path in docs
        assert failed != stored, f"{case.name}: failed={failed} stored={stored}"
        assert failed == (path in failures), case.name
        if case.expect == "ok":
            assert stored, f"{case.name} should be stored: {by_path.get(path)}"
        elif case.expect == "fail":
            assert failed, f"{case.name} ({case.kind}) should fail"
            assert case.problem in by_path[path][0], by_path[path][0]
        outcome[case.kind] = outcome.get(case.kind, 0) + failed
    n_failed = len(by_path)
    assert result.stdout.strip().endswith(f"{n_failed} failed")
    assert n_failed >= 190
    assert len(docs) == sum(1 for c in cases if c.expect == "ok") + sum(
        1 for c in cases if c.expect == "either" and str(folder / c.name) in docs)

    # the failures are listed by `docs --failed`, and a later successful ingest clears one
    listed = json.loads(run("docs", "--failed", "--db", str(db), "--format", "json").stdout)
    assert {row["path"] for row in listed} == set(by_path)
    assert all(row["problem"] and row["at"] for row in listed)
    fixed = folder / "empty0.txt"
    fixed.write_text(TEXT + "\n修好了。\n", encoding="utf-8")
    again = run("ingest", str(fixed), "--db", str(db))
    assert again.returncode == 0, again.stderr
    listed = json.loads(run("docs", "--failed", "--db", str(db), "--format", "json").stdout)
    assert str(fixed) not in {row["path"] for row in listed}
    assert len(listed) == n_failed - 1


# --------------------------------------------------------------------------- limits

def test_file_size_limit_names_the_limit(tmp_path):
    big = tmp_path / "big.pdf"
    with open(big, "wb") as f:  # sparse: takes no disk, and is never read
        f.truncate(61 * limits.MB)
    with pytest.raises(LimitError) as e:
        read_path(big)
    assert str(e.value) == f"{big}: file is 61 MB, over the 50 MB limit (--max-file-mb)"
    assert isinstance(e.value, ReadError)
    with limits.use(limits.Limits(max_file_mb=0)):  # 0: no limit; the zeros are then no PDF
        with pytest.raises(ReadError, match="PDF"):
            read_path(big)


def test_limits_from_env_and_options(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANLEDGER_MAX_FILE_MB", "0.001")
    assert limits.Limits.from_env().max_file_mb == 0.001
    assert limits.Limits.from_env(max_file_mb=3).max_file_mb == 3
    path = tmp_path / "a.txt"
    path.write_text(TEXT * 10, encoding="utf-8")
    with pytest.raises(LimitError, match=r"over the 0\.001 MB limit"):
        read_path(path)
    result = CliRunner().invoke(cli, ["ingest", str(path), "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 1 and "--max-file-mb" in result.stderr
    result = CliRunner().invoke(cli, ["ingest", str(path), "--db", str(tmp_path / "t.db"), "--max-file-mb", "1"])
    assert result.exit_code == 0, result.stderr
    monkeypatch.setenv("PLANLEDGER_MAX_CHARS", "lots")
    with pytest.raises(LimitError, match="PLANLEDGER_MAX_CHARS"):
        limits.Limits.from_env()


def test_zip_bomb_refused_before_unpacking(tmp_path, monkeypatch):
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(docx_bomb(201))  # 201 MB of zeros in a file of a few hundred KB
    assert bomb.stat().st_size < 2 * limits.MB

    import docx

    def never(*a, **kw):
        raise AssertionError("python-docx must not open a zip bomb")

    monkeypatch.setattr(docx, "Document", never)
    with pytest.raises(LimitError) as e:
        read_path(bomb)
    assert re.search(r"DOCX zip unpacks to 20[12] MB, over the 200 MB limit \(--max-docx-mb\)$", str(e.value))


def test_deep_html_refused(tmp_path):
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<font>" * 50_000 + TEXT + "</body></html>", encoding="utf-8")
    with pytest.raises(LimitError, match="--max-html-depth"):
        read_path(page)
    shallow = tmp_path / "shallow.html"
    shallow.write_text("<html><body>" + "<font>" * 500 + TEXT + "</body></html>", encoding="utf-8")
    assert "地区生产总值" in read_path(shallow).text


def test_deadline_is_not_swallowed_by_except_exception():
    started = time.monotonic()
    with pytest.raises(LimitError, match=r"took more than 0\.2 s.*--timeout"):
        with limits.deadline(0.2, "slow.txt"):
            try:
                time.sleep(5)
            except Exception:  # noqa: BLE001 - as a reader's catch-all would
                pass
    assert time.monotonic() - started < 2


def test_a_tiny_deadline_is_a_limit_error_too():
    """A limit so small the alarm rings before the block starts is still the one-line LimitError."""
    for _ in range(50):
        with pytest.raises(LimitError, match="--timeout"):
            with limits.deadline(1e-6, "fast.txt"):
                time.sleep(0.01)


def test_ingest_timeout_per_file(tmp_path, monkeypatch):
    import threading

    import planledger.pipeline as pipeline

    process_document = pipeline.process_document

    def slow(document, **kw):
        if "slow" in document.path:
            threading.Event().wait()  # never set: only the time limit ends it
        return process_document(document, **kw)

    monkeypatch.setattr(pipeline, "process_document", slow)
    fast, slow_file = tmp_path / "fast.txt", tmp_path / "slow.txt"
    fast.write_text(TEXT, encoding="utf-8")
    slow_file.write_text(TEXT + "。", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(slow_file), str(fast), "--db", str(tmp_path / "t.db"),
                                      "--timeout", "0.3"])
    assert result.exit_code == 1
    assert result.stdout.strip() == "1 added, 0 unchanged, 0 replaced, 1 failed"
    assert f"planledger: {slow_file}: took more than 0.3 s, over the time limit (--timeout)" in result.stderr


# --------------------------------------------------------------------------- no traceback, --debug

def test_unexpected_error_is_one_line_and_debug_shows_traceback(tmp_path, monkeypatch):
    import planledger.pipeline as pipeline

    def broken(document, **kw):
        raise RuntimeError("the extractor fell over\nsecond line")

    monkeypatch.setattr(pipeline, "process_document", broken)
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    args = ["ingest", str(path), "--db", str(tmp_path / "t.db")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert f"planledger: {path}: unexpected RuntimeError: the extractor fell over" in result.stderr
    debug = CliRunner().invoke(cli, ["--debug", *args])
    assert debug.exit_code == 1 and "Traceback" in debug.stderr and "second line" in debug.stderr


def test_unexpected_error_in_any_command(tmp_path, monkeypatch):
    from planledger.store import Store

    def boom(self):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Store, "documents", boom)
    result = CliRunner().invoke(cli, ["docs", "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "planledger: unexpected RuntimeError: disk on fire (run with --debug for the traceback)"]
    debug = CliRunner().invoke(cli, ["--debug", "docs", "--db", str(tmp_path / "t.db")])
    assert debug.exit_code == 1 and "Traceback" in debug.stderr


def test_usage_errors_stay_clicks(tmp_path):
    result = CliRunner().invoke(cli, ["ingest", "--max-file-mb", "-3", "x"])
    assert result.exit_code == 2 and "Traceback" not in result.stderr


# --------------------------------------------------------------------------- the store under odd input

def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    store = open_store(tmp_path / "t.db")
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 10_000
    finally:
        store.close()


HOSTILE = ["'", "''", "\"", "%", "_", "%%", "a_b", ";", "'; DROP TABLE facts; --", "😀", "增长😀%'_;",
           "\\", "\\%", "[", "*", "\x00", "' OR '1'='1"]


def _hostile_store(url: str):
    from types import SimpleNamespace

    from planledger.model import Document, DocumentMeta, Fact

    store = open_store(url)
    for i, name in enumerate(["plain", "quote'd", "100%", "a_b", "semi;colon", "emoji😀"]):
        text = f"{name}增长6%左右"
        doc = Document(path=f"/x/{name}.txt", text=text, format="text",
                       sha256=f"{i:064x}", encoding="utf-8")
        fact = Fact(doc=name, kind="target", indicator=name, measure="growth", value=6, value_high=None, unit="%",
                    qualifier="~", period="2021", binding=None, estimated=False, quote=text, sentence=text,
                    start=len(name) + 2, end=len(name) + 3, page=None, canonical=None, section=None)
        store.save(SimpleNamespace(document=doc, meta=DocumentMeta(region=f"{name}市", year=2021,
                                                                   doc_type="government_work_report"),
                                   sections=[], facts=[fact]))
    return store


def _check_hostile_filters(store) -> None:
    for value in HOSTILE:
        for key in ("doc", "indicator", "kind", "period", "region"):
            rows = store.facts(**{key: value})
            assert isinstance(rows, list)
            if key in ("indicator", "doc", "region"):
                assert {r["indicator"] for r in rows} <= {"quote'd", "100%", "a_b", "semi;colon", "emoji😀"}
    assert [r["indicator"] for r in store.facts(indicator="%")] == ["100%"]
    assert [r["indicator"] for r in store.facts(indicator="_")] == ["a_b"]
    assert [r["indicator"] for r in store.facts(indicator="'")] == ["quote'd"]
    assert [r["indicator"] for r in store.facts(indicator=";")] == ["semi;colon"]
    assert [r["indicator"] for r in store.facts(indicator="😀")] == ["emoji😀"]
    assert [r["indicator"] for r in store.facts(region="emoji😀")] == ["emoji😀"]
    assert [r["indicator"] for r in store.facts(doc="quote'd")] == ["quote'd"]
    assert store.facts(indicator="'; DROP TABLE facts; --") == []
    assert len(store.facts()) == 6  # nothing was dropped


def test_hostile_filters(db_url):  # on SQLite and on PostgreSQL (conftest.db_url; PG skipped without a server)
    store = _hostile_store(db_url)
    try:
        _check_hostile_filters(store)
    finally:
        store.close()
    if "://" not in db_url:
        with sqlite3.connect(db_url) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_store_sql_is_parameterized():
    """No SQL text is built from values: store.py has no string-built statements."""
    import re

    source = (ROOT / "planledger" / "store.py").read_text(encoding="utf-8")
    assert not re.search(r"(?<![\w.])text\(", source)  # sqlalchemy.text: raw SQL
    assert not re.search(r"execute\(\s*f[\"']", source)  # f-strings into SQL
    assert not re.search(r"\.format\(", source)
    # the one %-formatted statement is a PRAGMA with a constant
    assert re.findall(r"execute\(\s*\"[^\"]*\"\s*%", source) == ['execute("PRAGMA busy_timeout = %d" %']


def test_errors_cross_process_boundaries_whole():
    import pickle

    from planledger.errors import ReadError

    e = pickle.loads(pickle.dumps(LimitError("big.pdf", "over the size limit (--max-bytes)")))
    assert type(e) is LimitError and isinstance(e, ReadError)
    assert (e.path, e.problem, str(e)) == ("big.pdf", "over the size limit (--max-bytes)",
                                          "big.pdf: over the size limit (--max-bytes)")
