"""The store on a real PostgreSQL server (PLANLEDGER_TEST_PG; skipped without): the CLI's idempotency,
replacement, and several ingest processes at once. The SQLite/PostgreSQL parametrized store, ledger and
query-escaping tests are in test_store.py, test_ledger*.py, test_cli_ledger.py and test_hostile.py."""
from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PG_URL, national_paths, pg_schema_url, seed_paths
from planledger.store import open_store

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(not PG_URL, reason="no PostgreSQL: set PLANLEDGER_TEST_PG (.ci/run does)")


@pytest.fixture
def pg():
    with pg_schema_url() as url:
        yield url


def ingest(url: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "planledger", "ingest", *args, "--db", url],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, text=True)


def summary(stdout: str) -> dict[str, int]:
    parts = [p.split() for p in stdout.strip().splitlines()[-1].split(", ")]
    return {k: int(n) for n, k in parts}


def snapshot(url: str) -> tuple[list, dict]:
    store = open_store(url)
    try:
        facts = sorted((repr(sorted(r.items())) for r in store.facts()))
        return facts, store.counts()
    finally:
        store.close()


def test_same_file_twice_unchanged_changed_file_replaced(pg, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for src in seed_paths():
        (folder / src.name).write_bytes(src.read_bytes())
    first = ingest(pg, str(folder))
    out, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    assert summary(out) == {"added": len(seed_paths()), "unchanged": 0, "replaced": 0, "failed": 0}
    before = snapshot(pg)
    again = ingest(pg, str(folder), "--jobs", "2")
    out, _ = again.communicate(timeout=120)
    assert summary(out)["unchanged"] == len(seed_paths()) and snapshot(pg) == before
    victim = sorted(folder.iterdir())[0]
    victim.write_text(victim.read_text(encoding="utf-8").replace("增长", "增加", 3) + "\n（修订）\n", encoding="utf-8")
    third = ingest(pg, str(folder))
    out, _ = third.communicate(timeout=120)
    assert summary(out) == {"added": 0, "unchanged": len(seed_paths()) - 1, "replaced": 1, "failed": 0}
    facts, counts = snapshot(pg)
    assert counts["documents"] == before[1]["documents"] and counts["sections"] > 0
    store = open_store(pg)
    try:
        docs = {d["name"]: d for d in store.documents()}
        assert len(store.facts(doc=victim.stem)) == docs[victim.stem]["n_facts"]
    finally:
        store.close()


def test_concurrent_ingests_on_postgresql(pg, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    files = []
    for k in range(2):
        for src in seed_paths() + national_paths():
            path = folder / f"{src.stem}-{k}.txt"
            path.write_text(f"（第{k}份）\n" + src.read_text(encoding="utf-8"), encoding="utf-8")
            files.append(str(path))
    rng = random.Random(11)
    procs = [ingest(pg, *rng.sample(files, len(files)), *(["--jobs", "2"] if i == 0 else [])) for i in range(3)]
    results = [p.communicate(timeout=300) for p in procs]
    for proc, (out, err) in zip(procs, results):
        assert proc.returncode == 0, err[-2000:]
        assert "Traceback" not in err
    counts = [summary(out) for out, _ in results]
    assert all(c["failed"] == 0 and c["replaced"] == 0 for c in counts), counts
    assert sum(c["added"] for c in counts) == len(files), counts  # each file added exactly once
    facts, stored = snapshot(pg)
    assert stored["documents"] == len(files) and len(facts) == len(set(facts)) == stored["facts"]
    with pg_schema_url() as single:
        one = ingest(single, *files)
        one.communicate(timeout=300)
        assert one.returncode == 0
        got = snapshot(single)[0]
        assert got == facts, (sorted(set(got) - set(facts))[:2], sorted(set(facts) - set(got))[:2])
