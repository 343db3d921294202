#!/usr/bin/env python
"""Throughput of ``planledger extract`` on the seeds plus the national corpus, and of JioNLP.

Not a test: it prints figures. Run from anywhere::

    python benchmarks/throughput.py          # readable table
    python benchmarks/throughput.py --json   # one JSON object

Sizes are UTF-8 bytes / 1e6 (MB). Every timing is the best of ``--runs`` (default 3), with the worst
beside it. Each is taken twice: wall-clock time, and CPU time (user + system: of the child process for
the CLI, from ``getrusage``; of this process for in-process work). On a machine shared with other work
the wall-clock figures measure the other work too; the ratios against JioNLP are taken on CPU time,
both sides measured the same way. "whole process on one core" is the CLI pinned with ``taskset -c 0``:
interpreter start, imports, reading, extraction and writing the JSON lines.

The planledger package is measured as an installed package runs: its modules byte-compiled, and its
data files' parsed cache (``lexicon.packaged_data``) and its compiled patterns (``patterns``) written,
both by the first, untimed, run; "cold caches" is the same CLI run with an empty cache folder each time.

"process() only" is the steady cost of one document in a process that has extracted another: each
run is a fresh process that imports the pipeline, extracts a document outside the corpus (its lazy
loads: data files, catalogue, patterns compiled on first use) and then times ``process(corpus)``
once. Timing it again in the same process would time the corpus's own memoized readings (numerals,
catalogue look-ups) of the run before.
"""
from __future__ import annotations

import argparse
import glob
import json
import logging
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


# -- corpus ------------------------------------------------------------------------------------------
def corpus_files() -> tuple[list[str], list[str], list[str]]:
    """Return (seed files, national files, notes)."""
    notes: list[str] = []
    seeds = sorted(glob.glob(os.path.join(REPO, "examples", "chongqing", "*.txt")))
    if not seeds:
        seeds = sorted(glob.glob(os.path.join(REPO, "..", "shared", "seeds", "*.txt")))
        if seeds:
            notes.append("seeds taken from ../shared/seeds (examples/chongqing has none)")
        else:
            notes.append("no seed files found")
    national = sorted(glob.glob(os.path.join(REPO, "..", "shared", "corpus", "national", "national-*.txt")))
    if not national:
        notes.append("national corpus absent (../shared/corpus/national/national-*.txt): skipped")
    return seeds, national, notes


def build_corpus(tmpdir: str) -> tuple[str, str, dict]:
    seeds, national, notes = corpus_files()
    parts = []
    for p in seeds + national:
        with open(p, encoding="utf-8") as fh:
            parts.append(fh.read().strip("\n"))
    text = "\n\n".join(parts) + "\n"
    path = os.path.join(tmpdir, "bench-corpus.txt")
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    info = {
        "seeds": len(seeds),
        "national_files": len(national),
        "mb": len(text.encode("utf-8")) / 1e6,
        "chars": len(text),
        "notes": notes,
    }
    return path, text, info


# -- planledger --------------------------------------------------------------------------------------
def planledger_exe() -> str:
    exe = os.path.join(os.path.dirname(sys.executable), "planledger")
    if not os.path.exists(exe):
        sys.exit(f"no planledger script next to {sys.executable}; run `pip install -e .` first")
    return exe


def timed(fn, runs: int) -> tuple[dict, object]:
    """Run fn ``runs`` times: best and worst wall-clock and CPU seconds (this process), last result."""
    walls, cpus, result = [], [], None
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        result = fn()
        cpus.append(time.process_time() - c)
        walls.append(time.perf_counter() - w)
    return {"wall": min(walls), "wall_worst": max(walls), "cpu": min(cpus), "cpu_worst": max(cpus)}, result


def time_cli(cmd: list[str], path: str, runs: int, cold: bool = False) -> dict:
    """Best and worst wall-clock and CPU seconds (user + system of the child) of one CLI run (``cold``:
    each with an empty cache folder, ``PLANLEDGER_CACHE_DIR``, as the first run on a machine)."""
    walls, cpus = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="planledger-bench-cache-") as cache:
            env = {**os.environ, "PLANLEDGER_CACHE_DIR": cache} if cold else None
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            with open(os.devnull, "wb") as devnull:
                subprocess.run(cmd + ["extract", path, "--format", "jsonl"], stdout=devnull,
                               stderr=subprocess.PIPE, check=True, env=env)
            walls.append(time.perf_counter() - t0)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return {"wall": min(walls), "wall_worst": max(walls), "cpu": min(cpus), "cpu_worst": max(cpus)}


def count_facts(exe: str, path: str) -> int:
    out = subprocess.run([exe, "extract", path, "--format", "jsonl"], capture_output=True, check=True)
    return sum(1 for line in out.stdout.splitlines() if line.strip())


def bench_planledger(path: str, mb: float, runs: int) -> dict:
    exe = planledger_exe()
    # measure planledger as an installed package runs: with its bytecode compiled. pip compiles it
    # for a regular install, but not for an editable one, and PYTHONDONTWRITEBYTECODE (set on some
    # machines) stops Python from caching it, which would put compilation into every start-up
    import compileall

    import planledger

    compileall.compile_dir(os.path.dirname(planledger.__file__), quiet=1)
    res: dict = {"runs": runs}
    res["facts"] = count_facts(exe, path)  # also the untimed first run
    t = time_cli([exe], path, runs)
    res["cli_seconds"], res["cli_mb_s"] = t["wall"], mb / t["wall"]
    res["cli_cpu_seconds"], res["cli_cpu_mb_s"], res["cli_worst"] = t["cpu"], mb / t["cpu"], t

    if shutil.which("taskset"):
        t = time_cli(["taskset", "-c", "0", exe], path, runs)
        res["cli_pinned"] = "taskset -c 0"
        res["cli_pinned_seconds"], res["cli_pinned_mb_s"] = t["wall"], mb / t["wall"]
        res["cli_pinned_cpu_seconds"], res["cli_pinned_cpu_mb_s"] = t["cpu"], mb / t["cpu"]
        res["cli_pinned_worst"] = t
        # the first run on a machine: the data files parsed and the patterns compiled, then kept
        t = time_cli(["taskset", "-c", "0", exe], path, runs, cold=True)
        res["cli_cold_seconds"], res["cli_cold_mb_s"] = t["wall"], mb / t["wall"]
        res["cli_cold_cpu_seconds"], res["cli_cold_cpu_mb_s"], res["cli_cold_worst"] = t["cpu"], mb / t["cpu"], t
    else:
        res["cli_pinned"] = None  # taskset not available

    warm = warm_up_file()
    res["warm_up"] = os.path.relpath(warm, REPO) if warm else None
    walls, cpus = [], []
    for _ in range(runs):
        out = json.loads(subprocess.run([sys.executable, "-c", _STEADY, path, warm or ""], capture_output=True,
                                        check=True, text=True).stdout)
        walls.append(out["wall"])
        cpus.append(out["cpu"])
        res["import_seconds"], res["inproc_facts"] = out["import"], out["facts"]
    t = {"wall": min(walls), "wall_worst": max(walls), "cpu": min(cpus), "cpu_worst": max(cpus)}
    res["inproc_seconds"], res["inproc_mb_s"] = t["wall"], mb / t["wall"]
    res["inproc_cpu_seconds"], res["inproc_cpu_mb_s"], res["inproc_worst"] = t["cpu"], mb / t["cpu"], t
    return res


# one run of the steady figure, in a fresh process: import, extract the warm-up document, time the corpus
_STEADY = """
import json, sys, time
t0 = time.perf_counter()
from planledger.pipeline import process
imported = time.perf_counter() - t0
if sys.argv[2]:
    process(sys.argv[2])
w, c = time.perf_counter(), time.process_time()
facts = len(process(sys.argv[1]).facts)
print(json.dumps({"wall": time.perf_counter() - w, "cpu": time.process_time() - c, "import": imported, "facts": facts}))
"""


def warm_up_file() -> str | None:
    """A report outside the bench corpus (a province's 2026 or 2025 report), or None."""
    for pattern in ("provinces-2026/*-gwr.txt", "provinces-2025/*.txt"):
        found = sorted(glob.glob(os.path.join(REPO, "..", "shared", "corpus", pattern)))
        if found:
            return found[0]
    return None


# -- JioNLP ------------------------------------------------------------------------------------------
def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def bench_jionlp(text: str, mb: float, runs: int) -> dict:
    try:
        t0 = time.perf_counter()
        import jionlp as jio  # noqa: F401  (prints a banner on import)
        import_s = time.perf_counter() - t0
    except Exception as e:  # ImportError, or a dependency failing at import time
        return {"available": False, "reason": f"{type(e).__name__}: {e}",
                "install": "pip install -e .[bench]"}

    res: dict = {"available": True, "version": getattr(jio, "__version__", "?"), "runs": runs,
                 "import_seconds": import_s}
    paras = paragraphs(text)
    res["paragraphs"] = len(paras)
    base = time.time()

    # Model / dictionary load: JioNLP builds its extractors lazily on the first call.
    t0 = time.perf_counter()
    jio.ner.extract_money("增加2亿元。")
    jio.ner.extract_time("2020年。", time_base=base)
    res["load_seconds"] = time.perf_counter() - t0

    def money_time():
        n_money = n_time = 0
        for p in paras:
            n_money += len(jio.ner.extract_money(p))
            n_time += len(jio.ner.extract_time(p, time_base=base))
        return n_money, n_time

    t, (n_money, n_time) = timed(money_time, runs)
    res["money_items"], res["time_items"] = n_money, n_time
    res["money_time_seconds"], res["money_time_mb_s"] = t["wall"], mb / t["wall"]
    res["money_time_cpu_seconds"] = t["cpu"]

    # jiojio: numerals via POS tagging (tag "m"), if the package and its model load.
    try:
        import jiojio
        t0 = time.perf_counter()
        jiojio.init(pos=True)
        res["jiojio_load_seconds"] = time.perf_counter() - t0

        def numerals():
            n = 0
            for p in paras:
                n += sum(1 for item in jiojio.cut(p) if isinstance(item, tuple) and item[1] == "m")
            return n

        t, n = timed(numerals, runs)
        res["jiojio_numerals"] = n
        res["jiojio_seconds"], res["jiojio_mb_s"] = t["wall"], mb / t["wall"]
        res["jiojio_cpu_seconds"] = t["cpu"]
    except Exception as e:
        res["jiojio_omitted"] = f"{type(e).__name__}: {e}"
    return res


def interpreter() -> dict:
    """Which CPython build runs the figures: its version, executable, and whether the interpreter runs from
    the shared library libpython (a build with --enable-shared, as pyenv's default; a distribution's is a
    static executable). The same code runs about a fifth faster on Debian's static build than on
    pyenv's shared one (README.md); the figures are the interpreter's as much as the code's."""
    shared = None
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as fh:
            shared = any("libpython" in line for line in fh)
    except OSError:  # not Linux: not known
        pass
    return {"version": platform.python_version(), "implementation": platform.python_implementation(),
            "executable": os.path.realpath(sys.executable), "shared_libpython": shared}


# -- report ------------------------------------------------------------------------------------------
def table(report: dict) -> str:
    c, p, j = report["corpus"], report["planledger"], report["jionlp"]
    lines = [
        f"planledger throughput  (python {report['python']}, {report['cpus']} CPUs, best of {p['runs']})",
        f"corpus            {c['mb']:.3f} MB  ({c['seeds']} seeds + {c['national_files']} national files, "
        f"{c['chars']:,} chars)",
    ]
    lines += [f"  note: {n}" for n in c["notes"]]
    i = report["interpreter"]
    build = {True: "runs from the shared libpython", False: "a static executable", None: "linking not known"}
    lines.append(f"interpreter       {i['implementation']} {i['version']}, {i['executable']} "
                 f"({build[i['shared_libpython']]})")

    def cpu(key: str) -> str:
        w = p[key + "_worst"]
        return (f"| CPU {p[key + '_cpu_mb_s']:6.3f} MB/s  {w['cpu']:6.3f} s (worst {w['cpu_worst']:.3f}; "
                f"wall worst {w['wall_worst']:.3f})")

    lines += [
        "                  wall clock:                CPU time (user+sys):",
        f"CLI extract       {p['cli_mb_s']:7.3f} MB/s  {p['cli_seconds']:7.3f} s   {cpu('cli')}",
        "                  (whole process incl. start-up, --format jsonl > /dev/null)",
    ]
    if p.get("cli_pinned"):
        lines.append(f"CLI, one core     {p['cli_pinned_mb_s']:7.3f} MB/s  {p['cli_pinned_seconds']:7.3f} s   "
                     f"{cpu('cli_pinned')}")
        lines.append(f"                  (pinned with `{p['cli_pinned']}`: the issue's \"whole process on one core\")")
        lines.append(f"  cold caches     {p['cli_cold_mb_s']:7.3f} MB/s  {p['cli_cold_seconds']:7.3f} s   "
                     f"{cpu('cli_cold')}")
        lines.append("                  (one core, an empty cache folder each run: the first run on a machine, which "
                     "parses the data files and compiles the patterns for the runs after it)")
    else:
        lines.append("CLI, one core     skipped: taskset not available")
    lines += [
        f"process() only    {p['inproc_mb_s']:7.3f} MB/s  {p['inproc_seconds']:7.3f} s   {cpu('inproc')}",
        f"                  (in a process that has extracted {p['warm_up'] or 'nothing else (no warm-up file)'}"
        f" first; import took {p['import_seconds']:.3f} s, excluded)",
        f"facts             {p['facts']}",
    ]
    if not j["available"]:
        lines.append(f"JioNLP            not importable ({j['reason']}); install it with "
                     f"`{j['install']}` to compare")
        return "\n".join(lines)
    lines += [
        f"JioNLP {j['version']}: {j['paragraphs']} paragraphs; import {j['import_seconds']:.3f} s, "
        f"extractor load {j['load_seconds']:.3f} s (both excluded below)",
        f"  money+time      {j['money_time_mb_s']:7.3f} MB/s  {j['money_time_seconds']:7.3f} s   "
        f"| CPU {j['money_time_cpu_seconds']:7.3f} s  ({j['money_items']} money, {j['time_items']} time items)",
    ]
    if "jiojio_mb_s" in j:
        lines.append(f"  jiojio numerals {j['jiojio_mb_s']:7.3f} MB/s  {j['jiojio_seconds']:7.3f} s   "
                     f"| CPU {j['jiojio_cpu_seconds']:7.3f} s  ({j['jiojio_numerals']} tokens tagged m; "
                     f"load {j['jiojio_load_seconds']:.3f} s excluded)")
    else:
        lines.append(f"  jiojio numerals omitted: {j['jiojio_omitted']}")
    r = report["ratio"]
    lines.append(f"ratio planledger/JioNLP, wall clock: CLI {r['cli_vs_money_time']:.2f}x, "
                 f"process() {r['inproc_vs_money_time']:.2f}x  (vs money+time"
                 + (f"; vs money+time+jiojio: process() {r['inproc_vs_all']:.2f}x, "
                    f"CLI on one core {r['cli_one_core_vs_all']:.2f}x" if 'inproc_vs_all' in r else "")
                 + ")")
    lines.append(f"ratio planledger/JioNLP, CPU time:   CLI {r['cpu_cli_vs_money_time']:.2f}x, "
                 f"process() {r['cpu_inproc_vs_money_time']:.2f}x  (vs money+time"
                 + (f"; vs money+time+jiojio: process() {r['cpu_inproc_vs_all']:.2f}x, "
                    f"CLI on one core {r['cpu_cli_one_core_vs_all']:.2f}x" if 'cpu_inproc_vs_all' in r else "")
                 + ")")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    ap.add_argument("--runs", type=int, default=3, help="timing runs; the best is kept (default 3)")
    ap.add_argument("--no-jionlp", action="store_true", help="skip the JioNLP comparison")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="planledger-bench-") as tmp:
        path, text, corpus = build_corpus(tmp)
        mb = corpus["mb"]
        report = {"python": platform.python_version(), "interpreter": interpreter(), "cpus": os.cpu_count(),
                  "corpus": corpus}
        report["planledger"] = bench_planledger(path, mb, args.runs)
        if args.no_jionlp:
            report["jionlp"] = {"available": False, "reason": "skipped with --no-jionlp",
                                "install": "pip install -e .[bench]"}
        else:
            # JioNLP prints a banner to stdout on import; keep stdout clean for --json.
            # It also logs a traceback for every time string its parser rejects (e.g. `50元`):
            # silence logging so that neither the noise nor its I/O enters the figures.
            real_stdout = sys.stdout
            sys.stdout = sys.stderr
            logging.disable(logging.CRITICAL)
            try:
                report["jionlp"] = bench_jionlp(text, mb, args.runs)
            finally:
                logging.disable(logging.NOTSET)
                sys.stdout = real_stdout

    j, p = report["jionlp"], report["planledger"]
    if j["available"]:
        ratio = {"cli_vs_money_time": p["cli_mb_s"] / j["money_time_mb_s"],
                 "inproc_vs_money_time": p["inproc_mb_s"] / j["money_time_mb_s"],
                 "cpu_cli_vs_money_time": j["money_time_cpu_seconds"] / p["cli_cpu_seconds"],
                 "cpu_inproc_vs_money_time": j["money_time_cpu_seconds"] / p["inproc_cpu_seconds"]}
        if "jiojio_seconds" in j:
            jio_all = j["money_time_seconds"] + j["jiojio_seconds"]
            ratio["inproc_vs_all"] = p["inproc_seconds"] and jio_all / p["inproc_seconds"]
            # the figure: the whole `planledger extract` process on one core against JioNLP's
            # quantity finding (money + time + jiojio numerals), model loads excluded
            cli = p.get("cli_pinned_seconds") or p["cli_seconds"]
            ratio["cli_one_core_vs_all"] = jio_all / cli
            jio_cpu = j["money_time_cpu_seconds"] + j["jiojio_cpu_seconds"]
            ratio["cpu_inproc_vs_all"] = jio_cpu / p["inproc_cpu_seconds"]
            ratio["cpu_cli_one_core_vs_all"] = jio_cpu / (p.get("cli_pinned_cpu_seconds") or p["cli_cpu_seconds"])
        report["ratio"] = ratio

    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=None))
    else:
        print(table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
