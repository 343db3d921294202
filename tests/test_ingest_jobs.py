"""`planledger ingest --jobs N`: the same store as one process, resumable after SIGKILL, same errors."""
from __future__ import annotations

import os
import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import national_paths, seed_paths
from planledger.store import open_store
from test_kill import STATUS, check_sound, make_corpus

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "planledger", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=timeout)


def stored(db: Path) -> tuple[list, list]:
    """Every column of every fact, section and document (but the ingest time)."""
    with sqlite3.connect(db) as conn:
        facts = conn.execute("SELECT * FROM facts ORDER BY id").fetchall()
        docs = conn.execute("SELECT id, path, name, format, encoding, title, region, year, doc_type, text, "
                            "n_facts FROM documents ORDER BY id").fetchall()
        sections = conn.execute('SELECT * FROM sections ORDER BY document_id, "index"').fetchall()
    return facts, docs + sections


def summary(stdout: str) -> dict[str, int]:
    parts = [p.split() for p in stdout.strip().splitlines()[-1].split(", ")]
    return {k: int(n) for n, k in parts}


def test_jobs_2_stores_exactly_what_jobs_1_stores(tmp_path):
    inputs = [str(p) for p in seed_paths() + national_paths()]
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    r1 = run("ingest", *inputs, "--db", str(one))
    r2 = run("ingest", *inputs, "--db", str(two), "--jobs", "2")
    assert r1.returncode == r2.returncode == 0, r2.stderr[-2000:]
    assert r1.stdout == r2.stdout == f"{len(inputs)} added, 0 unchanged, 0 replaced, 0 failed\n"
    status = [line for line in r2.stderr.splitlines() if line.startswith("added")]
    assert status == [f"added     {p}" for p in inputs]  # in the order given
    facts1, rest1 = stored(one)
    facts2, rest2 = stored(two)
    assert len(facts1) > 100 and facts1 == facts2 and rest1 == rest2
    again = run("ingest", *inputs, "--db", str(two), "--jobs", "2")
    assert again.stdout == f"0 added, {len(inputs)} unchanged, 0 replaced, 0 failed\n"
    assert stored(two)[0] == facts1


def test_errors_are_reported_and_recorded_as_with_one_job(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for src in seed_paths()[:3]:
        (folder / src.name).write_bytes(src.read_bytes())
    (folder / "big.txt").write_text("地区生产总值增长6%。" * 20000, encoding="utf-8")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not a zip at all")
    outs = []
    for jobs in ("1", "2"):
        db = tmp_path / f"e{jobs}.db"
        r = run("ingest", str(folder), "--db", str(db), "--jobs", jobs, "--max-file-mb", "0.1")
        assert r.returncode == 1 and "Traceback" not in r.stderr
        errors = [line for line in r.stderr.splitlines() if line.startswith("planledger:")]
        failed = run("docs", "--failed", "--format", "csv", "--db", str(db)).stdout
        outs.append((r.stdout, errors, [line.split(",")[:2] for line in failed.splitlines()]))
    assert outs[0] == outs[1]
    stdout, errors, failed = outs[0]
    assert stdout == "3 added, 0 unchanged, 0 replaced, 2 failed\n"
    assert len(errors) == 2 and any("--max-file-mb" in e for e in errors)
    assert len(failed) == 3  # header + two files


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


def _watch(pids: list[int], fds: dict[int, int]) -> None:
    """A pidfd for each new pid (readable once that process has exited); one gone already is skipped."""
    for pid in pids:
        if pid not in fds:
            try:
                fds[pid] = os.pidfd_open(pid)
            except ProcessLookupError:
                pass


def _wait_exit(fds: dict[int, int], hang_guard_ms: int = 120_000) -> list[int]:
    """Wait until every process of ``fds`` has exited (its pidfd readable); the pids still running when
    nothing happened for ``hang_guard_ms`` (so that a failure fails instead of hanging)."""
    poller = select.poll()
    pending = {fd: pid for pid, fd in fds.items()}
    for fd in pending:
        poller.register(fd, select.POLLIN)
    while pending:
        events = poller.poll(hang_guard_ms)
        if not events:
            break
        for fd, _ in events:
            poller.unregister(fd)
            pending.pop(fd, None)
    return sorted(pending.values())


@pytest.mark.skipif(not hasattr(signal, "SIGKILL") or not os.path.isdir("/proc") or not hasattr(os, "pidfd_open"),
                    reason="needs SIGKILL, /proc, pidfd_open")
def test_sigkill_half_way_then_resume_with_two_jobs(tmp_path):
    """Killed once half the files are reported stored (each status line follows its commit: an event, not
    a row count polled), the ingest leaves a sound store and no worker behind; a second run adds the rest."""
    folder, db = tmp_path / "corpus", tmp_path / "kill.db"
    files = make_corpus(folder, copies=3)
    proc = subprocess.Popen([sys.executable, "-m", "planledger", "ingest", str(folder), "--db", str(db),
                             "--jobs", "2", "--batch", "4"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            cwd=ROOT, start_new_session=True)
    half, reported = len(files) // 2, 0
    workers: dict[int, int] = {}  # pid → pidfd
    try:
        for line in proc.stderr:
            _watch(_children(proc.pid), workers)
            if line.lstrip(b"\r\x1b[K").startswith(STATUS):
                reported += 1
                if reported >= half:
                    break
        _watch(_children(proc.pid), workers)
        assert reported >= half and proc.poll() is None, "the ingest finished before it could be killed half-way"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert workers, "no worker process was seen"
        # the workers notice that their parent is gone and exit by themselves
        assert _wait_exit(workers) == [], "workers outlived the ingest that was killed"
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # nothing should be left; never leak a process
        except (ProcessLookupError, PermissionError):
            pass
        proc.stderr.close()
        for fd in workers.values():
            os.close(fd)
    n_docs, _ = check_sound(db)
    assert half <= n_docs < len(files)  # what was reported is stored; not all of it

    started = time.monotonic()
    r = run("ingest", str(folder), "--db", str(db), "--jobs", "2")
    assert r.returncode == 0, r.stderr[-2000:]
    counts = summary(r.stdout)
    assert counts == {"added": len(files) - n_docs, "unchanged": n_docs, "replaced": 0, "failed": 0}, \
        r.stderr[-3000:]
    n_after, n_facts = check_sound(db)  # no duplicate documents or facts, every document whole
    assert n_after == len(files)
    fresh = tmp_path / "fresh.db"
    assert run("ingest", str(folder), "--db", str(fresh)).returncode == 0
    assert stored(db)[0] == stored(fresh)[0] and n_facts == len(stored(fresh)[0])
    print(f"killed at {n_docs}/{len(files)} documents; resumed in {time.monotonic() - started:.1f} s")


def _in_process_ingest(tmp_path, process, names, **options):
    """The engine (planledger.ingest) with two forked workers and a stand-in pipeline."""
    from planledger.ingest import ingest
    from planledger.limits import Limits

    src = seed_paths()[0].read_text(encoding="utf-8")
    paths = []
    for i, name in enumerate(names):
        path = tmp_path / name
        path.write_text(src + "\n" * (i + 1), encoding="utf-8")
        paths.append(str(path))
    store = open_store(tmp_path / "t.db")
    try:
        return ingest(paths, store, jobs=2, process=process, limits=Limits.from_env(**options))
    finally:
        store.close()


def test_timeout_applies_in_the_workers(tmp_path):
    import threading

    from planledger.pipeline import process

    def slow(path, **kw):
        if "slow" in path:
            threading.Event().wait()  # never set: only the time limit ends it
        return process(path, **kw)

    summary = _in_process_ingest(tmp_path, slow, ["a.txt", "slow.txt", "b.txt"], timeout=0.5)
    assert summary.line() == "2 added, 0 unchanged, 0 replaced, 1 failed"
    failed = [f for f in summary.files if f.status == "failed"]
    assert [f.message for f in failed] == \
        [f"{tmp_path / 'slow.txt'}: took more than 0.5 s, over the time limit (--timeout)"]
    assert 0.5 <= failed[0].seconds < 1.5  # the engine's own record of the file's time


def test_a_worker_that_dies_fails_its_file_only(tmp_path):
    from planledger.pipeline import process

    def crash(path, **kw):
        if "crash" in path:
            os._exit(3)  # as if killed (out of memory, a segfault in a library)
        return process(path, **kw)

    names = [f"{i}.txt" for i in range(6)] + ["crash.txt"] + [f"{i}.txt" for i in range(6, 12)]
    summary = _in_process_ingest(tmp_path, crash, names)
    assert summary.line() == "12 added, 0 unchanged, 0 replaced, 1 failed"
    assert [f.message for f in summary.files if f.status == "failed"] == \
        [f"{tmp_path / 'crash.txt'}: unexpected BrokenProcessPool: the worker process handling it died"]


def test_batches_and_work_in_flight_are_bounded_by_size(tmp_path, monkeypatch):
    """With tiny byte limits every document is its own transaction and one chunk at a time is in flight,
    and the store is the same as with the defaults: memory is bounded by size, not only by count."""
    from click.testing import CliRunner

    import planledger.ingest as engine
    from planledger.cli import cli
    from planledger.store import Store

    inputs = [str(p) for p in seed_paths()]
    assert run("ingest", *inputs, "--db", str(tmp_path / "default.db"), "--jobs", "2").returncode == 0
    calls = {"save": 0, "save_many": 0}
    for name in calls:
        original = getattr(Store, name)

        def spy(self, *a, _original=original, _name=name, **kw):
            calls[_name] += 1
            return _original(self, *a, **kw)

        monkeypatch.setattr(Store, name, spy)
    monkeypatch.setattr(engine, "BATCH_CHARS", 1)
    monkeypatch.setattr(engine, "WINDOW_BYTES", 1)
    result = CliRunner().invoke(cli, ["ingest", *inputs, "--db", str(tmp_path / "small.db"),
                                                 "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert calls == {"save": len(inputs), "save_many": 0}
    assert stored(tmp_path / "small.db")[0] == stored(tmp_path / "default.db")[0]
