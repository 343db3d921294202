"""Crash safety: `planledger ingest` killed with SIGKILL at random moments leaves a sound database.

Over a real corpus (the Chongqing seeds and the national reports when ../shared is there, in
several copies with changed headers), an ingest is started and killed at least 20 times, each time
after a random number of files it has reported (an event, not a clock), half the files being edited between runs so that replacements are killed too.
After every kill: ``PRAGMA integrity_check`` is ok and every stored document has all its facts or
none. At the end a full run completes, with one document per file, unique fact ids, and the same
facts as a single uninterrupted ingest into a fresh database.
"""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import national_paths, seed_paths

ROOT = Path(__file__).resolve().parents[1]
KILLS = 20
pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def make_corpus(folder: Path, copies: int = 3) -> list[Path]:
    sources = seed_paths() + national_paths()
    assert sources, "no corpus"
    folder.mkdir()
    files = []
    for k in range(copies):
        for src in sources:
            text = src.read_text(encoding="utf-8")
            path = folder / f"{src.stem}-copy{k}.txt"
            path.write_text(f"（副本{k}）\n" + text, encoding="utf-8")
            files.append(path)
    return files


def ingest(folder: Path | list[Path], db: Path, *options: str) -> subprocess.Popen:
    inputs = [str(p) for p in folder] if isinstance(folder, list) else [str(folder)]
    return subprocess.Popen([sys.executable, "-m", "planledger", "ingest", *inputs, "--db", str(db), *options],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)


def check_sound(db: Path) -> tuple[int, int]:
    """integrity_check ok; each document's n_facts equals its facts rows; no orphan facts."""
    with sqlite3.connect(db, timeout=30) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        partial = conn.execute(
            "SELECT d.path, d.n_facts, COUNT(f.id) FROM documents d LEFT JOIN facts f ON f.document_id = d.id "
            "GROUP BY d.id HAVING d.n_facts != COUNT(f.id)").fetchall()
        assert partial == [], f"documents with some of their facts: {partial}"
        orphans = conn.execute("SELECT COUNT(*) FROM facts WHERE document_id NOT IN "
                               "(SELECT id FROM documents)").fetchone()[0]
        assert orphans == 0
        ids = conn.execute("SELECT COUNT(*), COUNT(DISTINCT id) FROM facts").fetchone()
        assert ids[0] == ids[1]
        docs = conn.execute("SELECT COUNT(*), COUNT(DISTINCT path) FROM documents").fetchone()
        assert docs[0] == docs[1]
        return docs[0], ids[0]


def fact_set(db: Path) -> set[tuple]:
    with sqlite3.connect(db) as conn:
        return set(conn.execute('SELECT id, doc, kind, indicator, value, unit, period, start, "end" FROM facts'))


STATUS = (b"added", b"replaced", b"unchanged", b"reextracted", b"planledger: ")


def kill_after(proc: subprocess.Popen, lines: int) -> bool:
    """SIGKILL ``proc`` once it has reported ``lines`` files on stderr (each after its transaction
    committed, so the kill lands while the next one is being extracted or written); False when it
    finished first."""
    seen = 0
    for line in proc.stderr:
        if line.lstrip(b"\r\x1b[K").startswith(STATUS):
            seen += 1
            if seen >= lines:
                os.kill(proc.pid, signal.SIGKILL)
                return True
    return False


def test_sigkill_at_random_moments(tmp_path):
    rng = random.Random(20240305)
    folder, db = tmp_path / "corpus", tmp_path / "kill.db"
    files = make_corpus(folder)
    kills = runs = 0
    states = []
    while kills < KILLS and runs < 3 * KILLS:
        runs += 1
        # edits: the next run replaces these documents (the others, stored already, it skips unread)
        for path in rng.sample(files, len(files) // 2):
            with open(path, "a", encoding="utf-8") as f:
                f.write(f"\n（第{runs}次修订）\n")
        order = rng.sample(files, len(files))  # each run reaches other files before it is killed
        proc = ingest(order, db, "--batch", "1")  # one transaction per document: more moments to kill
        kills += kill_after(proc, rng.randint(1, 12))  # a moment chosen by what it has done, not by a clock
        proc.communicate(timeout=300)
        if db.exists():
            states.append(check_sound(db))
    assert kills >= KILLS, f"only {kills} of {runs} runs were still running when killed"
    print(f"{kills} kills in {runs} runs; (documents, facts) after each: {states}")

    final = ingest(folder, db)
    out, err = final.communicate(timeout=300)
    assert final.returncode == 0, err.decode()
    assert b"Traceback" not in err
    n_docs, n_facts = check_sound(db)
    assert n_docs == len(files)

    fresh = tmp_path / "fresh.db"
    once = ingest(folder, fresh)
    once.communicate(timeout=300)
    assert once.returncode == 0
    assert fact_set(db) == fact_set(fresh)
    assert n_facts == len(fact_set(fresh)) > 0
