#!/usr/bin/env python
"""Warm page times of ``planledger serve``: every page type, on a store of the seeds plus the
provincial reports and the State Council's (by default examples/chongqing, ../shared/corpus/provinces-2026,
provinces-2025 and national: the store of issue 13). Every page must answer in under 300 ms warm.

Not a test: it prints figures. Run from the repository root::

    python benchmarks/web_pages.py                 # median and worst of --runs (default 7) per page
    python benchmarks/web_pages.py --json
    python benchmarks/web_pages.py PATH… --runs 15 # other documents

The documents are ingested into a temporary SQLite store first (not timed). Each URL is requested
once to warm it (the ledger is built once per region and kept until the store is written to), then
--runs times; the time is the whole request through FastAPI's TestClient (routing, store queries,
template rendering), so an HTTP server adds only its own overhead. The first (cold) request of each
page is printed too.
"""
from __future__ import annotations

import argparse
import contextlib
import glob
import json
import os
import statistics
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT = [os.path.join(REPO, "examples", "chongqing"),
           *sorted(glob.glob(os.path.join(REPO, "..", "shared", "corpus", "provinces-2026", "*.txt"))),
           *sorted(glob.glob(os.path.join(REPO, "..", "shared", "corpus", "provinces-2025", "*.txt"))),
           *sorted(glob.glob(os.path.join(REPO, "..", "shared", "corpus", "national", "national-*.txt")))]
LIMIT_MS = 300.0
DOC = "002_f2220428a883fe7d"


def urls(store) -> list[tuple[str, str]]:
    gdp = next(f for f in store.facts(doc=DOC) if f["canonical"] == "gdp" and f["kind"] == "actual")
    largest = max(store.documents(), key=lambda d: len(store.document_text(d["name"]) or ""))["name"]
    return [
        ("home", "/"), ("home (en)", "/?lang=en"), ("documents", "/documents"),
        ("reader (largest seed)", f"/documents/{DOC}"), ("reader (largest document)", f"/documents/{largest}"), ("fact permalink", f"/facts/{DOC}/{gdp['start']}"),
        ("scorecard 重庆 2021", "/scorecard?region=重庆&year=2021"),
        ("scorecard 重庆 2021 (en)", "/scorecard?region=重庆&year=2021&lang=en"),
        ("scorecard 重庆 2021, sorted by margin", "/scorecard?region=重庆&year=2021&sort=margin&desc=1"),
        ("scorecard 重庆 2021, met only", "/scorecard?region=重庆&year=2021&status=met"),
        ("scorecard, whole store (page 1)", "/scorecard"),
        ("scorecard, whole store (last page)", "/scorecard?offset=1800"),
        ("scorecard 2025, every region", "/scorecard?year=2025"), ("panel 2026", "/panel?year=2026"),
        ("panel 2025", "/panel?year=2025"),
        ("indicator gdp 重庆", "/indicators/gdp?region=重庆"), ("indicator gdp, every region", "/indicators/gdp"),
        ("tasks 重庆", "/tasks?region=重庆"), ("tasks, whole store", "/tasks"),
        ("search gdp", "/search?q=gdp"), ("search 失业率", "/search?q=失业率"),
        ("search words 高于预期目标", "/search?q=高于预期目标"), ("search indicator=GDP kind=target", "/search?indicator=GDP&kind=target"),
        ("CSV scorecard 重庆 2021", "/export/scorecard.csv?region=重庆&year=2021"), ("JSON tasks 重庆", "/tasks.json?region=重庆"),
        ("API scorecard 重庆", "/api/scorecard?region=重庆"), ("/docs", "/docs"), ("/favicon.ico", "/favicon.ico"),
    ]


def timed_get(client, url: str, runs: int):
    """GET ``url`` once (cold), then ``runs`` times (warm; none when the first answer is not 200): the
    first response, the cold request's seconds and the warm ones'."""
    t0 = time.perf_counter()
    first = client.get(url)
    cold = time.perf_counter() - t0
    times = []
    for _ in range(runs if first.status_code == 200 else 0):
        t0 = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - t0)
    return first, cold, times


@contextlib.contextmanager
def served(paths: list[str]):
    """(client, store): a TestClient of the web page over a temporary SQLite store that holds the
    documents of ``paths`` (files and folders; ingested first, not timed)."""
    sys.path.insert(0, REPO)
    from fastapi.testclient import TestClient

    from planledger.pipeline import process
    from planledger.read import gather_paths
    from planledger.store import open_store
    from planledger.web import create_app

    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "pages.db")
        with open_store(db) as store:
            for path in gather_paths(paths)[0]:
                store.save(process(path))
            with TestClient(create_app(db), base_url="http://localhost") as client:
                yield client, store


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=DEFAULT)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = []
    with served(args.paths) as (client, store):
        n_docs, n_facts = len(store.documents()), len(store.facts())
        for name, url in urls(store):
            r, cold, times = timed_get(client, url, args.runs)
            if r.status_code != 200:  # (an older version without this page)
                results.append({"page": name, "url": url, "status": r.status_code})
                continue
            cold, times = cold * 1000, [t * 1000 for t in times]
            results.append({"page": name, "url": url, "cold_ms": round(cold, 1),
                            "median_ms": round(statistics.median(times), 1), "worst_ms": round(max(times), 1),
                            "kb": round(len(r.content) / 1024, 1)})
    if args.json:
        print(json.dumps({"documents": n_docs, "facts": n_facts, "pages": results}, ensure_ascii=False, indent=1))
    else:
        print(f"{n_docs} documents, {n_facts} facts; {args.runs} warm runs per page (limit {LIMIT_MS:.0f} ms)")
        print(f"{'page':42} {'cold':>8} {'median':>8} {'worst':>8} {'size':>9}")
        for r in results:
            if "status" in r:
                print(f"{r['page']:42} HTTP {r['status']}")
                continue
            flag = "" if r["worst_ms"] < LIMIT_MS else "  OVER"
            print(f"{r['page']:42} {r['cold_ms']:7.1f}ms {r['median_ms']:7.1f}ms {r['worst_ms']:7.1f}ms "
                  f"{r['kb']:7.1f}KB{flag}")
    return 0 if all(r.get("worst_ms", LIMIT_MS) < LIMIT_MS for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
