"""Several `planledger ingest` processes on one SQLite database at once, and a reader meanwhile.

All writers succeed (exit 0), every file is added by exactly one of them, and the stored facts
are the same as those of a single-process ingest of the same files.
"""
from __future__ import annotations

import contextlib
import random
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

from conftest import national_paths, seed_paths
from planledger.store import open_store

ROOT = Path(__file__).resolve().parents[1]
WRITERS = 4


def corpus(folder: Path, copies: int = 2) -> list[Path]:
    folder.mkdir()
    files = []
    for k in range(copies):
        for src in seed_paths() + national_paths():
            path = folder / f"{src.stem}-{k}.txt"
            path.write_text(f"（第{k}份）\n" + src.read_text(encoding="utf-8"), encoding="utf-8")
            files.append(path)
    return files


def ingest(db: Path, files: list[Path]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "planledger", "ingest", *map(str, files), "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, text=True)


def facts_of(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return sorted(conn.execute('SELECT id, document_id, doc, kind, indicator, value, unit, period, '
                                   'start, "end" FROM facts'))


def summary(stdout: str) -> dict[str, int]:
    parts = [p.split() for p in stdout.strip().splitlines()[-1].split(", ")]
    return {k: int(n) for n, k in parts}


@contextlib.contextmanager
def reading(db: Path, read_once):
    """A thread that calls ``read_once(store)`` on its own connection until the block ends; yields
    ``(reads, errors)``: how many reads it made, and what went wrong (an exception, or what
    ``read_once`` returned as problems)."""
    reads, errors = [0], []
    stop = threading.Event()

    def reader() -> None:
        store = open_store(db)
        try:
            while not stop.is_set():
                errors.extend(read_once(store) or [])
                reads[0] += 1
        except Exception as e:  # noqa: BLE001 - reported by the caller
            errors.append(repr(e))
        finally:
            store.close()

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        yield reads, errors
    finally:
        stop.set()
        thread.join(timeout=60)


def test_concurrent_writers_and_a_reader(tmp_path):
    files = corpus(tmp_path / "corpus")
    db = tmp_path / "shared.db"
    open_store(db).close()  # the reader needs the tables before the writers start
    rng = random.Random(7)
    orders = [rng.sample(files, len(files)) for _ in range(WRITERS)]

    def whole_documents(store) -> list[str]:
        rows = store.facts()
        # documents are only added here, so one seen in facts() is complete in documents()
        n_facts = {d["name"]: d["n_facts"] for d in store.documents()}
        seen: dict[str, int] = {}
        for r in rows:
            seen[r["doc"]] = seen.get(r["doc"], 0) + 1
        # a reader sees whole documents only
        return [f"{name}: {got} of {n_facts.get(name)} facts" for name, got in seen.items() if got != n_facts.get(name)]

    with reading(db, whole_documents) as (reads, errors):
        procs = [ingest(db, order) for order in orders]
        results = [p.communicate(timeout=300) for p in procs]

    for proc, (out, err) in zip(procs, results):
        assert proc.returncode == 0, err[-2000:]
        assert "Traceback" not in err
    counts = [summary(out) for out, _ in results]
    assert all(c["failed"] == 0 and c["replaced"] == 0 for c in counts), counts
    assert all(c["added"] + c["unchanged"] == len(files) for c in counts), counts
    assert sum(c["added"] for c in counts) == len(files), counts  # each file added exactly once
    assert errors == []
    assert reads[0] > 0

    single = tmp_path / "single.db"
    proc = ingest(single, files)
    proc.communicate(timeout=300)
    assert proc.returncode == 0
    expected = facts_of(single)
    got = facts_of(db)
    assert len(got) == len(set(got)) == len(expected) > 0  # nothing lost, nothing doubled
    assert got == expected
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == len(files)


def small_reports(folder: Path, n: int, tag: str) -> list[Path]:
    """Small reports, as benchmarks/concurrency.py makes them for its runs with ``serve``."""
    from conftest import benchmark

    return benchmark("concurrency").reports(folder, n, tag)


def test_four_bulk_ingests_and_a_reader_never_see_a_locked_database(tmp_path):
    """Four ingests of 120 documents each (enough that each refreshes the query statistics at the end,
    where "database is locked" used to reach the user) and a reader, on one SQLite store: all succeed,
    nothing is lost or doubled, and no "locked" message is seen anywhere."""
    from planledger.ingest import ANALYZE_AFTER

    n = ANALYZE_AFTER + 20
    db = tmp_path / "bulk.db"
    open_store(db).close()
    sets = [small_reports(tmp_path / f"w{k}", n, f"w{k}") for k in range(4)]
    def read(store) -> None:
        store.documents()
        store.facts(region="重庆")

    with reading(db, read) as (reads, errors):
        procs = [ingest(db, files) for files in sets]
        results = [p.communicate(timeout=600) for p in procs]
    for proc, (out, err) in zip(procs, results):
        assert proc.returncode == 0, err[-2000:]
        assert "locked" not in out + err and "Traceback" not in err
        assert summary(out) == {"added": n, "unchanged": 0, "replaced": 0, "failed": 0}
    assert errors == [] and reads[0] > 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT path) FROM documents").fetchone() == (4 * n, 4 * n)
        assert conn.execute("SELECT COUNT(*) FROM facts").fetchone()[0] == \
            conn.execute("SELECT SUM(n_facts) FROM documents").fetchone()[0] > 0
