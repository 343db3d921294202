#!/usr/bin/env python
"""Time to render the reader view (GET /documents/NAME: the text cut at every fact, the side panel)
of the largest seed, examples/chongqing/002_f2220428a883fe7d.txt. Must stay under 1 s.

Not a test: it prints figures. Run from anywhere::

    python benchmarks/reader_view.py            # best and median of --runs (default 10)
    python benchmarks/reader_view.py --json

The document is ingested into a temporary SQLite store first (not timed); the timing is the whole
request through FastAPI's TestClient (routing, store queries, template rendering), plus the first
request on its own (cold template cache).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = os.path.join(REPO, "examples", "chongqing", "002_f2220428a883fe7d.txt")
LIMIT_S = 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    from web_pages import served, timed_get  # beside this file

    name = os.path.splitext(os.path.basename(SEED))[0]
    with served([SEED]) as (client, store):
        chars, facts = len(store.document_text(name)), len(store.facts(doc=name))
        r, first, times = timed_get(client, f"/documents/{name}", args.runs)
        assert r.status_code == 200, r.status_code
    result = {"document": os.path.relpath(SEED, REPO), "chars": chars, "facts": facts, "html_bytes": len(r.content),
              "first_s": round(first, 4), "best_s": round(min(times), 4), "median_s": round(statistics.median(times), 4),
              "runs": args.runs, "limit_s": LIMIT_S, "ok": first < LIMIT_S and statistics.median(times) < LIMIT_S}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"reader view of {result['document']} ({result['chars']} characters, {result['facts']} facts, "
              f"{result['html_bytes']} bytes of HTML)")
        print(f"  first request {result['first_s'] * 1000:.1f} ms, best {result['best_s'] * 1000:.1f} ms, "
              f"median {result['median_s'] * 1000:.1f} ms of {args.runs}; limit {LIMIT_S * 1000:.0f} ms: "
              + ("OK" if result["ok"] else "TOO SLOW"))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
