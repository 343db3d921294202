"""Four concurrent ingests, a reader and ``planledger serve`` on one SQLite store, over several runs.

    python benchmarks/concurrency.py [--runs 20] [--docs 120]

Each run starts ``planledger serve`` on a free loopback port over a new store, a reader that asks the
server for documents, facts and the scorecard and reads the store directly, and four ingests of
``--docs`` small reports each (enough that each refreshes the query statistics at its end). It prints,
per run, the documents and facts stored against those expected, doubles, failed requests, and every
"database is locked" seen in any output; exit status 1 when one run lost, doubled or was locked.
"""
from __future__ import annotations

import argparse
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def reports(folder: Path, n: int, tag: str) -> list[Path]:
    folder.mkdir(parents=True)
    out = []
    for i in range(n):
        p = folder / f"{tag}-{i:03d}.txt"
        p.write_text(f"重庆市{2000 + i % 20}年政府工作报告\n今年的主要预期目标是：地区生产总值增长{i % 9 + 1}%左右，"
                     f"城镇新增就业{i % 50 + 10}万人以上。（{tag}，第{i}份）\n", encoding="utf-8")
        out.append(p)
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def one_run(folder: Path, docs: int) -> dict:
    db = folder / "c.db"
    port = free_port()
    cmd = [sys.executable, "-m", "planledger"]
    subprocess.run(cmd + ["docs", "--db", str(db)], capture_output=True, cwd=ROOT, check=True)  # the schema
    server = subprocess.Popen(cmd + ["serve", "--db", str(db), "--port", str(port)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):  # until it answers (a benchmark may poll; the tests synchronise on events)
        try:
            urllib.request.urlopen(base + "/api/documents", timeout=2).read()
            break
        except OSError:
            time.sleep(0.05)
    sets = [reports(folder / f"w{k}", docs, f"w{k}") for k in range(4)]
    stop = threading.Event()
    seen = {"requests": 0, "failed": 0, "locked": 0}

    def reader() -> None:
        while not stop.is_set():
            for url in ("/api/documents", "/api/facts?region=重庆", "/api/scorecard?region=重庆"):
                try:
                    body = urllib.request.urlopen(base + urllib.request.quote(url, safe="/?=&"), timeout=30).read()
                    seen["locked"] += b"locked" in body
                except OSError as e:
                    seen["failed"] += 1
                    seen["locked"] += "locked" in str(e)
                seen["requests"] += 1

    thread = threading.Thread(target=reader)
    thread.start()
    procs = [subprocess.Popen(cmd + ["ingest", *map(str, files), "--db", str(db)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for files in sets]
    outs = [p.communicate(timeout=900) for p in procs]
    stop.set()
    thread.join(timeout=120)
    server.terminate()
    log = server.communicate(timeout=60)[0]
    locked = seen["locked"] + sum(("locked" in o + e) for o, e in outs) + ("locked" in log)
    with sqlite3.connect(db) as conn:
        n_docs, n_paths = conn.execute("SELECT COUNT(*), COUNT(DISTINCT path) FROM documents").fetchone()
        n_facts = conn.execute("SELECT COUNT(*) FROM facts").fetchone()[0]
        counted = conn.execute("SELECT SUM(n_facts) FROM documents").fetchone()[0] or 0
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    return {"expected": 4 * docs, "documents": n_docs, "doubled": n_docs - n_paths, "facts": n_facts,
            "facts_counted": counted, "exit_codes": [p.returncode for p in procs], "integrity": ok,
            "requests": seen["requests"], "failed_requests": seen["failed"], "locked": locked}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--docs", type=int, default=120)
    a = ap.parse_args()
    bad = 0
    print(f"{'run':>4}{'docs':>7}{'expected':>9}{'doubled':>8}{'facts':>7}{'requests':>9}{'failed':>7}{'locked':>7}  exit codes")
    for run in range(1, a.runs + 1):
        with tempfile.TemporaryDirectory() as tmp:
            r = one_run(Path(tmp), a.docs)
        wrong = (r["documents"] != r["expected"] or r["doubled"] or r["locked"] or r["facts"] != r["facts_counted"]
                 or any(r["exit_codes"]) or not r["integrity"] or r["failed_requests"])
        bad += bool(wrong)
        print(f"{run:>4}{r['documents']:>7}{r['expected']:>9}{r['doubled']:>8}{r['facts']:>7}{r['requests']:>9}"
              f"{r['failed_requests']:>7}{r['locked']:>7}  {r['exit_codes']}{'  WRONG' if wrong else ''}")
    print(f"{a.runs - bad} of {a.runs} runs: nothing lost, nothing doubled, no 'database is locked'")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
