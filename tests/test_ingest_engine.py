"""The ingest engine (planledger/ingest.py) through its plain interface and through the CLI: document
identity (same stems in two folders, the same bytes under another name), re-extraction of documents of
an older extractor, notices instead of silence or errors, names that are not UTF-8."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import seed_paths
from planledger import EXTRACTOR_VERSION
from planledger.cli import cli
from planledger.errors import StoreError
from planledger.ingest import ingest
from planledger.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]


def fact_set(store) -> set[tuple]:
    return {(f["doc"], f["start"], f["end"], f["kind"], f["indicator"], f["value"], f["period"]) for f in store.facts()}


def two_reports(folder: Path) -> list[Path]:
    """d/2021/report.txt and d/2022/report.txt: one stem, two reports."""
    a, b = folder / "d" / "2021" / "report.txt", folder / "d" / "2022" / "report.txt"
    for path, src in ((a, seed_paths()[0]), (b, seed_paths()[1])):
        path.parent.mkdir(parents=True)
        shutil.copy(src, path)
    return [a, b]


def test_two_reports_of_one_stem_are_both_stored_and_listed_and_a_reingest_changes_nothing(tmp_path):
    two_reports(tmp_path)
    db = str(tmp_path / "s.db")
    first = CliRunner().invoke(cli, ["ingest", str(tmp_path / "d"), "--db", db])
    assert first.exit_code == 0, first.output
    assert first.stdout.strip() == "2 added, 0 unchanged, 0 replaced, 0 failed"
    listed = CliRunner().invoke(cli, ["docs", "--db", db, "--format", "csv"]).stdout.splitlines()
    assert [line.split(",")[0] for line in listed[1:]] == ["report", "report (2022)"]
    with open_store(db) as store:
        before = (store.counts(), fact_set(store))
    for _ in range(2):
        again = CliRunner().invoke(cli, ["ingest", str(tmp_path / "d"), "--db", db])
        assert again.stdout.strip() == "0 added, 2 unchanged, 0 replaced, 0 failed"
        with open_store(db) as store:
            assert (store.counts(), fact_set(store)) == before


def test_the_same_bytes_under_another_name_say_which_document_holds_them(tmp_path):
    a, _ = two_reports(tmp_path)
    copy = tmp_path / "copy.txt"
    shutil.copy(a, copy)
    db = str(tmp_path / "s.db")
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "d"), str(copy), "--db", db])
    assert result.stdout.strip() == "2 added, 1 unchanged, 0 replaced, 0 failed"
    assert f"unchanged {copy} (same bytes as report)" in result.stderr


def test_a_store_of_an_older_extractor_is_extracted_again_by_ingest_and_by_reextract(tmp_path):
    from sqlalchemy import update

    from planledger.store import documents_table

    a, b = two_reports(tmp_path)
    db = str(tmp_path / "s.db")
    CliRunner().invoke(cli, ["ingest", str(a), str(b), "--db", db])
    with open_store(db) as store:
        facts = fact_set(store)
        with store.engine.begin() as conn:  # as a store made by an older planledger
            conn.execute(update(documents_table).values(extractor=None))
        assert len(store.stale()) == 2
    result = CliRunner().invoke(cli, ["ingest", str(a), "--db", db])
    assert result.exit_code == 0
    assert result.stdout.strip() == "0 added, 0 unchanged, 0 replaced, 0 failed, 1 reextracted"
    with open_store(db) as store:
        assert [d["path"] for d in store.stale()] == [str(b)]
    os.remove(b)  # its file is gone: re-extracted from the text the store kept
    result = CliRunner().invoke(cli, ["reextract", "--db", db])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "0 added, 0 unchanged, 0 replaced, 0 failed, 1 reextracted"
    with open_store(db) as store:
        assert store.stale() == [] and fact_set(store) == facts
        assert {d["name"] for d in store.documents()} == {"report", "report (2022)"}
    with open_store(db) as store:
        with store.engine.connect() as conn:
            from sqlalchemy import select

            assert set(conn.execute(select(documents_table.c.extractor)).scalars()) == {EXTRACTOR_VERSION}


def test_a_batch_stored_one_by_one_says_so_and_only_the_bad_document_fails(tmp_path, monkeypatch):
    paths = [str(p) for p in seed_paths()[:3]]
    real_save = Store.save

    def save_many(self, batch):
        raise StoreError(self.location, "could not store a batch of 3 documents: disk full (a test)")

    def save(self, rows):
        if rows.path == paths[1]:
            raise StoreError(rows.path, "could not be stored: a test")
        return real_save(self, rows)

    monkeypatch.setattr(Store, "save_many", save_many)
    monkeypatch.setattr(Store, "save", save)
    notices = []
    with open_store(tmp_path / "s.db") as store:
        summary = ingest(paths, store, notice=notices.append)
    assert summary.line() == "2 added, 0 unchanged, 0 replaced, 1 failed"
    assert notices == ["planledger: a batch of 3 documents could not be stored together (could not store a batch "
                       "of 3 documents: disk full (a test)); storing them one by one"]
    assert [f.message for f in summary.files if f.status == "failed"] == [f"{paths[1]}: could not be stored: a test"]


def test_statistics_that_cannot_be_refreshed_are_a_note_not_a_failure(tmp_path, monkeypatch):
    import planledger.ingest as engine

    def analyze(self):
        raise StoreError(self.location, "cannot update the query statistics: database is locked")

    monkeypatch.setattr(Store, "analyze", analyze)
    monkeypatch.setattr(engine, "ANALYZE_AFTER", 1)
    notices = []
    with open_store(tmp_path / "s.db") as store:
        summary = ingest([str(seed_paths()[0])], store, notice=notices.append)
        assert store.counts()["documents"] == 1
    assert summary.line() == "1 added, 0 unchanged, 0 replaced, 0 failed" and summary.failed == 0
    assert notices == ["planledger: note: query statistics not refreshed (cannot update the query statistics: "
                       "database is locked); they will be at the next ingest"]


@pytest.mark.skipif(sys.platform != "linux", reason="file names as bytes")
def test_names_that_are_not_utf8_or_hold_control_characters_are_one_printable_line(tmp_path):
    text = seed_paths()[0].read_bytes()
    folder = tmp_path / "names"
    folder.mkdir()
    gbk = os.fsdecode(os.fsencode(folder) + b"/" + "重庆".encode("gbk") + b".txt")
    Path(gbk).write_bytes(text)
    (folder / "two\nlines\x1b[2J.txt").write_bytes(text + b"x")
    (folder / "later.txt").write_bytes(b"")  # a failure after them: the batch goes on
    result = subprocess.run([sys.executable, "-m", "planledger", "ingest", str(folder), "--db", str(tmp_path / "s.db")],
                            capture_output=True, cwd=ROOT)
    err = result.stderr.decode("utf-8")
    assert result.stdout.decode().strip() == "2 added, 0 unchanged, 0 replaced, 1 failed"
    assert "\x1b[2J" not in err and "Traceback" not in err
    assert f"added     {folder}/two\\nlines\\x1b[2J.txt" in err
    assert f"added     {folder}/\\xd6\\xd8\\xc7\\xec.txt" in err
    assert f"planledger: {folder}/later.txt: empty file" in err
    with open_store(tmp_path / "s.db") as store:
        assert sorted(d["name"] for d in store.documents()) == ["two\\nlines\\x1b[2J", "重庆"]


def test_a_fifo_is_refused_before_it_is_opened_and_the_time_limit_covers_the_hash(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = CliRunner().invoke(cli, ["ingest", str(fifo), str(seed_paths()[0]), "--db", str(tmp_path / "s.db")])
    assert result.stdout.strip() == "1 added, 0 unchanged, 0 replaced, 1 failed"
    assert f"planledger: {fifo}: is a FIFO (named pipe), not a regular file: refused" in result.stderr
    assert CliRunner().invoke(cli, ["extract", str(fifo)]).exit_code == 1


def test_python_m_planledger_and_planledger_cli_list_the_same_commands():
    def commands(module: str) -> list[str]:
        out = subprocess.run([sys.executable, "-m", module, "--help"], capture_output=True, text=True,
                             cwd=ROOT).stdout
        return [line.split()[0] for line in out.split("Commands:")[1].splitlines() if line.startswith("  ")]

    assert commands("planledger") == commands("planledger.cli") and "reextract" in commands("planledger")
