#!/usr/bin/env python
"""planledger at scale: a made-up corpus of N reports, ingested with --jobs 1 and 2, killed and resumed,
queried. Not a test: it prints a table (``--json`` for one JSON object). Run from anywhere::

    python benchmarks/scale.py --quick              # 500 documents
    python benchmarks/scale.py                      # 10,000 documents
    python benchmarks/scale.py --pg postgresql+psycopg://planledger:planledger@127.0.0.1:55432/planledger

The corpus resamples the paragraphs of the seeds (examples/chongqing) and of ../shared/corpus/national
under headers "2021年XX市人民政府工作报告" for ~300 made-up region names × years 2001-2024. On PostgreSQL
(``--pg`` or $PLANLEDGER_TEST_PG) the runs use a new schema, dropped at the end.
"""
from __future__ import annotations

import argparse
import glob
import json
import logging
import os
import platform
import random
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

# ~300 made-up but plausible prefecture-level names: two syllables from common place-name characters
_FIRST = "安宁平兴东西南北新永长清云丰龙华泰嘉明阳江河山德"
_SECOND = "川州林城原远山江阳安宁昌德兴"
REGIONS = sorted({a + b + "市" for a in _FIRST for b in _SECOND if a != b})[:300]
YEARS = list(range(2001, 2025))


# -- corpus ---------------------------------------------------------------------------------------------
def source_paragraphs() -> tuple[list[str], list[str]]:
    files = sorted(glob.glob(os.path.join(REPO, "examples", "chongqing", "*.txt")))
    files += sorted(glob.glob(os.path.join(REPO, "..", "shared", "corpus", "national", "national-*.txt")))
    paras = []
    for f in files:
        with open(f, encoding="utf-8") as fh:
            lines = [line.strip() for line in fh.read().splitlines()]
        paras += [line for line in lines[1:] if len(line) >= 20]  # not the title, not stray lines
    return files, paras


def build_corpus(folder: str, n_docs: int, seed: int = 2026) -> dict:
    rng = random.Random(seed)
    files, paras = source_paragraphs()
    os.makedirs(folder, exist_ok=True)
    total = 0
    for i in range(n_docs):
        region, year = REGIONS[i % len(REGIONS)], YEARS[(i // len(REGIONS)) % len(YEARS)]
        body = rng.sample(paras, rng.randint(8, 16))
        text = (f"{year}年{region}人民政府工作报告\n——{year}年1月{rng.randint(5, 28)}日在{region}第{rng.randint(1, 16)}届"
                f"人民代表大会第{rng.randint(1, 5)}次会议上\n" + "\n".join(body) + "\n")
        data = text.encode("utf-8")
        total += len(data)
        with open(os.path.join(folder, f"{region}-{year}-{i:05d}.txt"), "wb") as fh:
            fh.write(data)
    return {"documents": n_docs, "mb": total / 1e6, "source_files": len(files), "paragraphs": len(paras),
            "regions": min(n_docs, len(REGIONS))}


# -- measurements -----------------------------------------------------------------------------------------
def _tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            with open(f"/proc/{p}/task/{p}/children") as fh:
                todo += [int(x) for x in fh.read().split()]
        except OSError:
            pass
    return total


def run_ingest(folder: str, db: str, jobs: int, stop_at: int | None = None) -> dict:
    """Run `planledger ingest`; with stop_at, SIGKILL it once the store holds that many documents."""
    cmd = [sys.executable, "-m", "planledger", "ingest", folder, "--db", db, "--jobs", str(jobs)]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            start_new_session=True)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            time.sleep(0.2)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    killed = False
    if stop_at is not None:
        while proc.poll() is None:
            if count_documents(db) >= stop_at:
                os.kill(proc.pid, signal.SIGKILL)
                killed = True
                break
            time.sleep(0.1)
    out, _ = proc.communicate()
    seconds = time.perf_counter() - started
    done.set()
    watcher.join()
    if killed:
        time.sleep(2)  # the workers notice their parent is gone and exit
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # whatever is left of this run, if anything
        except (ProcessLookupError, PermissionError):
            pass
    last = out.strip().splitlines()[-1] if out.strip() else ""
    return {"seconds": seconds, "summary": last, "returncode": proc.returncode, "peak_rss_mb": peak[0] / 1e6,
            "killed": killed}


def count_documents(db: str) -> int:
    from planledger.store import open_store

    try:
        store = open_store(db)
    except Exception:  # noqa: BLE001 - not created yet
        return 0
    try:
        return store.counts()["documents"]
    except Exception:  # noqa: BLE001
        return 0
    finally:
        store.close()


def check_counts(db: str) -> dict:
    from sqlalchemy import func, select

    from planledger.store import documents_table, facts_table, open_store

    store = open_store(db)
    try:
        with store.engine.connect() as conn:
            docs, paths = conn.execute(select(func.count(), func.count(documents_table.c.path.distinct()))).one()
            facts, ids = conn.execute(select(func.count(), func.count(facts_table.c.id.distinct()))).one()
            partial = conn.execute(
                select(func.count()).select_from(
                    select(documents_table.c.id)
                    .select_from(documents_table.outerjoin(facts_table, facts_table.c.document_id == documents_table.c.id))
                    .group_by(documents_table.c.id, documents_table.c.n_facts)
                    .having(func.count(facts_table.c.id) != documents_table.c.n_facts).subquery())).scalar_one()
    finally:
        store.close()
    return {"documents": docs, "distinct_paths": paths, "facts": facts, "distinct_fact_ids": ids,
            "partial_documents": partial}


def extraction_rate(folder: str, sample: int) -> dict:
    """In-process extraction (read → … → catalogue) on one core."""
    from planledger.pipeline import process

    files = sorted(os.listdir(folder))[:sample]
    paths = [os.path.join(folder, f) for f in files]
    size = sum(os.path.getsize(p) for p in paths)
    process(paths[0])  # warm-up: catalogue, lexicons
    t0 = time.perf_counter()
    n = sum(len(process(p).facts) for p in paths)
    t = time.perf_counter() - t0
    return {"documents": len(paths), "mb": size / 1e6, "seconds": t, "mb_s": size / 1e6 / t, "facts": n}


def _count_facts(path: str) -> int:
    from planledger.pipeline import process

    return len(process(path).facts)


def extraction_alone(folder: str, jobs: int) -> dict:
    """Extraction of the whole corpus in a pool of ``jobs`` processes, nothing stored: what ingest
    --jobs N is measured against (pool start-up included, imports not)."""
    import multiprocessing

    from planledger.pipeline import process

    paths = [os.path.join(folder, f) for f in sorted(os.listdir(folder))]
    process(paths[0])  # the workers inherit the loaded catalogue and lexicons
    t0 = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        n = sum(pool.imap_unordered(_count_facts, paths, chunksize=8))
    return {"jobs": jobs, "documents": len(paths), "seconds": time.perf_counter() - t0, "facts": n}


def jionlp_rate(folder: str, sample: int) -> dict:
    """JioNLP's quantity extractors (extract_money, extract_time, jiojio numerals) on the same paragraphs,
    with ``benchmarks/throughput.py``'s code; the three in a row are what a user would run instead."""
    import contextlib
    import io

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from throughput import bench_jionlp

    files = sorted(os.listdir(folder))[:sample]
    texts = []
    for f in files:
        with open(os.path.join(folder, f), encoding="utf-8") as fh:
            texts.append(fh.read())
    text = "\n".join(texts)
    mb = len(text.encode("utf-8")) / 1e6
    logging.disable(logging.CRITICAL)  # JioNLP logs a traceback for each time string it cannot parse
    with contextlib.redirect_stdout(io.StringIO()):  # and prints a banner on import
        res = bench_jionlp(text, mb, runs=1)
    logging.disable(logging.NOTSET)
    res.update(documents=len(files), mb=mb)
    if res.get("available") and "jiojio_seconds" in res:
        res["all_seconds"] = res["money_time_seconds"] + res["jiojio_seconds"]
        res["all_mb_s"] = mb / res["all_seconds"]
    return res


def latencies(db: str, regions: list[str], rounds: int) -> dict:
    from planledger import ledger as L
    from planledger.store import open_store

    store = open_store(db)
    out: dict[str, list[float]] = {"scorecard": [], "history": [], "panel": [], "search indicator": [],
                                   "search indicator+region": []}
    try:
        for _ in range(rounds):
            for region in regions:
                t0 = time.perf_counter()
                L.scorecard_rows(L.build(store, region))
                out["scorecard"].append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                L.history_rows(L.build(store, region), "gdp")
                out["history"].append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                L.panel_rows(L.build(store, region))
                out["panel"].append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                store.facts(indicator="高新技术企业", kind="target")
                out["search indicator"].append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                store.facts(indicator="gdp", region=region)
                out["search indicator+region"].append(time.perf_counter() - t0)
    finally:
        store.close()
    return {k: {"n": len(v), "p50_ms": 1000 * statistics.median(v),
                "p95_ms": 1000 * statistics.quantiles(v, n=20)[-1] if len(v) > 1 else 1000 * v[0]}
            for k, v in out.items()}


def db_size(db: str) -> float:
    if "://" not in db:
        return sum(os.path.getsize(p) for p in (db, db + "-wal", db + "-shm") if os.path.exists(p)) / 1e6
    from sqlalchemy import text

    from planledger.store import open_store

    store = open_store(db)
    try:
        with store.engine.connect() as conn:
            return float(conn.execute(text(
                "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
                "AND c.relkind = 'r'")).scalar_one()) / 1e6  # tables with their indexes and TOAST
    finally:
        store.close()


class PgSchemas:
    """New schemas in a PostgreSQL database for the runs; all dropped at the end."""

    def __init__(self, url: str):
        from sqlalchemy import create_engine

        self.url, self.engine, self.names = url, create_engine(url), []

    def new(self) -> str:
        from sqlalchemy import text
        from sqlalchemy.engine import make_url

        name = "bench_" + uuid.uuid4().hex[:12]
        with self.engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{name}"'))
        self.names.append(name)
        return make_url(self.url).update_query_dict({"options": f"-csearch_path={name}"}).render_as_string(
            hide_password=False)

    def drop(self) -> None:
        from sqlalchemy import text

        with self.engine.begin() as conn:
            for name in self.names:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        self.engine.dispose()


# -- the whole run ----------------------------------------------------------------------------------------
def bench_backend(name: str, new_db, folder: str, n_docs: int, regions: list[str], rounds: int,
                  runs: int = 1) -> dict:
    """Ingest timings are the best of ``runs`` (jobs 1 and jobs 2 alternating, each into a new database)."""
    res: dict = {"backend": name}
    for run in range(runs):
        for jobs in (1, 2):
            db = new_db(f"jobs{jobs}-{run}")
            got = run_ingest(folder, db, jobs)
            got["counts"] = check_counts(db)
            key = f"jobs{jobs}"
            if key not in res or got["seconds"] < res[key]["seconds"]:
                res[key] = {**got, "db": db, "all_seconds": res.get(key, {}).get("all_seconds", [])}
            res[key]["all_seconds"] = res[key]["all_seconds"] + [got["seconds"]]
    db1 = res["jobs1"]["db"]
    for k in ("jobs1", "jobs2"):
        res[k]["docs_s"] = n_docs / res[k]["seconds"]
        res[k]["all_docs_s"] = [round(n_docs / t, 1) for t in res[k]["all_seconds"]]
    res["ratio"] = res["jobs2"]["docs_s"] / res["jobs1"]["docs_s"]
    # run k's two ingests ran one after the other, so they share most of the machine's drift in speed
    res["pair_ratios"] = [round(a / b, 2) for a, b in zip(res["jobs1"]["all_seconds"], res["jobs2"]["all_seconds"])]
    res["same_counts"] = res["jobs1"]["counts"] == res["jobs2"]["counts"]
    dbk = new_db("kill")
    killed = run_ingest(folder, dbk, 2, stop_at=n_docs // 2)
    at_kill = check_counts(dbk)
    resumed = run_ingest(folder, dbk, 2)
    after = check_counts(dbk)
    res["kill"] = {"killed": killed["killed"], "at_kill": at_kill, "resume_seconds": resumed["seconds"],
                   "resume_summary": resumed["summary"], "after": after,
                   "ok": (after == res["jobs1"]["counts"] and after["partial_documents"] == 0
                          and at_kill["partial_documents"] == 0)}
    res["db_mb"] = db_size(db1)
    res["latency"] = latencies(db1, regions, rounds)
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--quick", action="store_true", help="500 documents")
    ap.add_argument("--pg", default=os.environ.get("PLANLEDGER_TEST_PG"), help="PostgreSQL URL (default $PLANLEDGER_TEST_PG)")
    ap.add_argument("--no-pg", action="store_true", help="SQLite only")
    ap.add_argument("--regions", type=int, default=30, help="regions queried for the latencies")
    ap.add_argument("--runs", type=int, default=3, help="ingest timings: best of N alternating runs (default 3)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--keep", default=None, help="keep the corpus and databases in this folder")
    args = ap.parse_args(argv)
    n_docs = 500 if args.quick else args.docs

    work = args.keep or tempfile.mkdtemp(prefix="planledger-scale-")
    os.makedirs(work, exist_ok=True)
    folder = os.path.join(work, "corpus")
    report: dict = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30)}}
    pg = None
    try:
        if os.path.isdir(folder):
            shutil.rmtree(folder)
        t0 = time.perf_counter()
        report["corpus"] = build_corpus(folder, n_docs)
        report["corpus"]["build_seconds"] = time.perf_counter() - t0
        sample = min(n_docs, 300)
        report["extraction"] = extraction_rate(folder, sample)
        report["extraction_alone"] = extraction_alone(folder, 2)  # before JioNLP's models are in this process
        regions = REGIONS[: args.regions]
        rounds = 2
        report["sqlite"] = bench_backend("sqlite", lambda tag: os.path.join(work, f"{tag}.db"), folder, n_docs,
                                         regions, rounds, args.runs)
        if args.pg and not args.no_pg:
            pg = PgSchemas(args.pg)
            report["postgresql"] = bench_backend("postgresql", lambda tag: pg.new(), folder, n_docs, regions, rounds,
                                                 args.runs)
        report["rusage_children_maxrss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        # last: its models take 2 GB in this process, which every process forked after would count
        report["jionlp"] = jionlp_rate(folder, sample)
        j = report["jionlp"]
        if j.get("available"):
            j["ours_over_money_time"] = report["extraction"]["mb_s"] / j["money_time_mb_s"]
            if "all_mb_s" in j:
                j["ours_over_all"] = report["extraction"]["mb_s"] / j["all_mb_s"]
    finally:
        if pg is not None:
            pg.drop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(report, ensure_ascii=False, indent=1) if args.json else table(report))
    return 0


def table(r: dict) -> str:
    c, e, j = r["corpus"], r["extraction"], r["jionlp"]
    m = r["machine"]
    lines = [f"planledger scale benchmark — {m['cpus']} cores, {m['memory_gib']} GiB, Python {m['python']}",
             f"corpus: {c['documents']} documents, {c['mb']:.1f} MB ({c['paragraphs']} paragraphs of "
             f"{c['source_files']} source files, {c['regions']} regions × years)",
             f"extraction in-process, 1 core: {e['mb_s']:.2f} MB/s ({e['documents']} documents, {e['facts']} facts)"]
    if j.get("available"):
        lines.append(f"JioNLP {j['version']} on the same {j['documents']} documents, 1 core: money+time "
                     f"{j['money_time_mb_s']:.2f} MB/s (planledger {j['ours_over_money_time']:.1f}×)")
        if "all_mb_s" in j:
            lines.append(f"  + jiojio numerals {j['jiojio_mb_s']:.3f} MB/s; the three together {j['all_mb_s']:.3f} MB/s "
                         f"→ planledger/JioNLP = {j['ours_over_all']:.1f}× (target ≥ 10×)")
        else:
            lines.append(f"  jiojio numerals omitted: {j.get('jiojio_omitted')}")
    else:
        lines.append(f"JioNLP: not available ({j.get('reason')}); install it with `pip install -e .[bench]`")
    x = r["extraction_alone"]
    lines.append(f"extraction alone, whole corpus, {x['jobs']} processes: {x['seconds']:.1f} s ({x['facts']} facts)")
    for key in ("sqlite", "postgresql"):
        b = r.get(key)
        if not b:
            continue
        j1, j2, k = b["jobs1"], b["jobs2"], b["kill"]
        runs = f" (best of {len(j1['all_seconds'])}: jobs 1 {j1['all_docs_s']}, jobs 2 {j2['all_docs_s']} docs/s)" \
            if len(j1["all_seconds"]) > 1 else ""
        lines += ["", f"== {key} =={runs}",
                  "| measure | value |", "|---|---|",
                  f"| ingest --jobs 1 | {j1['docs_s']:.1f} docs/s ({j1['seconds']:.1f} s, peak RSS {j1['peak_rss_mb']:.0f} MB) |",
                  f"| ingest --jobs 2 | {j2['docs_s']:.1f} docs/s ({j2['seconds']:.1f} s, peak RSS {j2['peak_rss_mb']:.0f} MB, all processes) |",
                  f"| ratio jobs2/jobs1 | {b['ratio']:.2f} of the best times; run by run {b['pair_ratios']}, "
                  f"median {statistics.median(b['pair_ratios']):.2f} (target ≥ 1.7) |",
                  f"| ingest --jobs 2 / extraction alone ({x['jobs']} processes) | "
                  f"{j2['seconds'] / x['seconds']:.2f} (target ≤ 2) |",
                  f"| same documents/facts | {b['same_counts']} ({j1['counts']['documents']} documents, {j1['counts']['facts']} facts) |",
                  f"| SIGKILL at ½ + resume --jobs 2 | killed at {k['at_kill']['documents']} documents; resume {k['resume_seconds']:.1f} s "
                  f"({k['resume_summary']}); after: {k['after']['documents']} documents, {k['after']['facts']} facts, "
                  f"{k['after']['distinct_fact_ids']} distinct ids, partial {k['after']['partial_documents']} → {'OK' if k['ok'] else 'MISMATCH'} |",
                  f"| database size | {b['db_mb']:.1f} MB |"]
        for q, v in b["latency"].items():
            lines.append(f"| {q} | p50 {v['p50_ms']:.1f} ms, p95 {v['p95_ms']:.1f} ms (n={v['n']}) |")
    lines.append(f"\npeak RSS of any child process (getrusage): {r['rusage_children_maxrss_mb']:.0f} MB")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
