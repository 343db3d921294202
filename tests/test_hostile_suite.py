"""The hostile-input suite: 500+ generated files (tests/hostile_inputs.py) through one `planledger ingest
--jobs 2`. What it must show: no traceback; every input accounted for, once, in the summary and in the
per-file report; every good file stored (the same stems in five folders included) and the same bytes
under another name reported as the stored document; every refused file one printable line naming it;
peak memory under 1 GB (the engine's own record of each worker, and this test's children); no file over
its time limit by more than a second (the engine's own record of each file); a second run changes
nothing. It runs in CI (a few minutes on two cores)."""
from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from broken_files import INGEST_OPTIONS  # noqa: E402
from hostile_inputs import make_suite  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 20  # seconds per file
pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo") or not hasattr(resource, "getrusage"),
                                reason="needs FIFOs and getrusage")


def test_hostile_suite_through_one_ingest_with_two_jobs(tmp_path):
    inputs, cases = make_suite(tmp_path / "suite")
    assert len(cases) >= 500
    db, report = tmp_path / "suite.db", tmp_path / "report.jsonl"
    result = subprocess.run([sys.executable, "-m", "planledger", "ingest", *inputs, "--db", str(db), "--jobs", "2",
                             "--timeout", str(TIMEOUT), "--report", str(report), *INGEST_OPTIONS],
                            capture_output=True, cwd=ROOT, timeout=1200)
    stderr = result.stderr.decode("utf-8")  # printable: it decodes
    assert result.returncode == 1, stderr[-3000:]
    assert "Traceback" not in stderr and "unexpected" not in stderr, stderr[-3000:]
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", stderr.replace("\r\x1b[K", "")), "a raw control character"

    records = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    from planledger.errors import printable

    by_path = {r["path"]: r for r in records}
    expected = {printable(str(path)): case for path, case in cases}
    assert len(records) == len(by_path) == len(expected), "each input once"
    assert set(by_path) == set(expected), "every file accounted for"
    counts = dict(p.split(" ")[::-1] for p in result.stdout.decode().strip().split(", "))
    assert sum(int(n) for n in counts.values()) == len(expected)
    failure_lines = [line for line in stderr.splitlines() if line.startswith("planledger: ")]
    assert len(failure_lines) == int(counts["failed"]), "one line per failed file"

    for path, case in expected.items():
        r = by_path[path]
        if case.expect == "ok":
            assert r["status"] == "added", (path, r)
        elif case.expect == "same":
            assert r["status"] == "unchanged" and r["same_as"], (path, r)
        elif case.expect == "fail":
            assert r["status"] == "failed", (path, r)
            assert r["message"].startswith(path + ": ") and case.problem in r["message"], (path, r["message"])
            assert f"planledger: {r['message']}" in failure_lines
        else:
            assert r["status"] in ("added", "failed"), (path, r)

    outcome: dict[str, dict[str, int]] = {}
    for path, case in expected.items():
        kind = outcome.setdefault(case.kind, {})
        kind[by_path[path]["status"]] = kind.get(by_path[path]["status"], 0) + 1
    print(outcome)
    peaks = [r["peak_mb"] for r in records if r["peak_mb"] is not None]
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    seconds = max(r["seconds"] for r in records)
    print(f"{len(records)} files: {counts}; slowest {seconds:.2f} s; worker peak {max(peaks):.0f} MB; "
          f"largest child {children:.0f} MB")
    assert max(peaks) < 1024 and children < 1024
    assert seconds <= TIMEOUT + 1

    from planledger.store import open_store

    with open_store(db) as store:
        documents = store.documents()
        names = [d["name"] for d in documents]
        assert len(names) == len(set(names)) == sum(r["status"] == "added" for r in records)
        for d in documents:
            assert d["n_facts"] == len(store.facts(doc=d["path"]))
        stems = {Path(p).stem for p, c in expected.items() if c.kind == "seed"}
        for stem in stems:  # five folders, one stem: five documents, named apart
            assert sum(1 for n in names if n == stem or n.startswith(stem + " (")) == 5, stem

    again = subprocess.run([sys.executable, "-m", "planledger", "ingest", *inputs, "--db", str(db), "--jobs", "2",
                            "--timeout", str(TIMEOUT), *INGEST_OPTIONS], capture_output=True, cwd=ROOT, timeout=1200)
    summary = again.stdout.decode().strip()
    assert summary == f"0 added, {len(expected) - int(counts['failed'])} unchanged, 0 replaced, {counts['failed']} failed"
