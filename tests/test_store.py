"""The store: idempotent saves, replacement in one transaction, filters."""
from __future__ import annotations

import hashlib
from types import SimpleNamespace

import pytest

from planledger.errors import StoreError
from planledger.model import Document, DocumentMeta, Fact, Section
from planledger.store import open_store


def fact(doc: str, indicator: str, value: float, start: int, kind: str = "target", **kw) -> Fact:
    base = dict(doc=doc, kind=kind, indicator=indicator, measure="growth", value=value, value_high=None,
                unit="%", qualifier="~", period="2021", binding=None, estimated=False,
                quote=f"{indicator}增长{value}%左右", sentence=f"{indicator}增长{value}%左右。",
                start=start, end=start + 3, page=None, canonical=None, section=0)
    base.update(kw)
    return Fact(**base)


def processed(path: str, text: str, facts: list[Fact], region: str = "重庆市", year: int = 2021):
    doc = Document(path=path, text=text, format="text",
                   sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), encoding="utf-8")
    meta = DocumentMeta(region=region, year=year, doc_type="government_work_report", title="报告")
    sections = [Section(index=0, level=1, heading="一、目标", start=0, end=len(text), role="targets",
                        period="2021")]
    return SimpleNamespace(document=doc, meta=meta, sections=sections, facts=facts)


@pytest.fixture
def store(db_url):  # each test runs on SQLite and on PostgreSQL (conftest.db_url)
    s = open_store(db_url)
    yield s
    s.close()


def v1(path="/x/r.txt"):
    return processed(path, "地区生产总值增长6%左右", [
        fact("r", "地区生产总值", 6, 6),
        fact("r", "规上工业增加值", 7, 20, canonical="industry_value_added"),
    ])


def v2(path="/x/r.txt"):
    return processed(path, "地区生产总值增长6.5%左右", [fact("r", "居民人均可支配收入", 6.5, 9)])


def test_save_added_then_unchanged_without_duplicates(store):
    assert store.save(v1()) == "added"
    before = store.counts()
    assert store.save(v1()) == "unchanged"
    assert store.counts() == before
    assert before["documents"] == 1 and before["facts"] == 2 and before["sections"] == 1
    assert store.documents()[0]["n_facts"] == 2


def test_changed_file_replaces_old_facts(store):
    store.save(v1())
    assert store.save(v2()) == "replaced"
    rows = store.facts()
    assert [r["indicator"] for r in rows] == ["居民人均可支配收入"]
    assert store.counts()["documents"] == 1 and store.counts()["sections"] == 1


def test_same_stem_in_two_folders_is_two_documents_with_unique_names(store):
    """Identity is bytes and path, not the stem: d/2021/report.txt and d/2022/report.txt are both kept,
    the second named after its folder, and saving both again changes nothing."""
    assert store.save(v1("/d/2021/r.txt")) == "added"
    second = store.save(v2("/d/2022/r.txt"))
    assert second == "added" and second.name == "r (2022)"
    assert [(d["name"], d["path"]) for d in store.documents()] == [("r", "/d/2021/r.txt"),
                                                                  ("r (2022)", "/d/2022/r.txt")]
    assert [f["doc"] for f in store.facts()] == ["r", "r", "r (2022)"]
    assert len({f["doc"] for f in store.facts(doc="r (2022)")}) == 1
    before = store.counts()
    assert [store.save(v1("/d/2021/r.txt")), store.save(v2("/d/2022/r.txt"))] == ["unchanged", "unchanged"]
    assert store.counts() == before
    # a third one in a folder of the same name gets a number
    third = store.save(processed("/e/2022/r.txt", "全国", [fact("r", "国内生产总值", 6, 0)], region="全国"))
    assert third.name == "r (2)"


def test_same_bytes_under_another_name_names_the_stored_document(store):
    store.save(v1("/x/r.txt"))
    copy = store.save(v1("/y/copy.txt"))
    assert copy == "unchanged" and copy.name == "r" and copy.same_as == "r"
    assert store.save(v1("/x/r.txt")).same_as is None  # its own path: plainly unchanged
    assert store.counts()["documents"] == 1


def test_changed_bytes_keep_the_name_of_the_document_they_replace(store):
    store.save(v1("/d/2021/r.txt"))
    store.save(v1("/d/2022/r.txt".replace("r.txt", "s.txt")))
    store.save(v2("/d/2022/r.txt"))  # added as "r (2022)"
    replaced = store.save(processed("/d/2022/r.txt", "全国2", [fact("r", "国内生产总值", 6, 0)], region="全国"))
    assert replaced == "replaced" and replaced.name == "r (2022)"


def test_a_document_of_an_older_extractor_is_extracted_again(store):
    from sqlalchemy import update

    from planledger.store import documents_table

    store.save(v1())
    with store.engine.begin() as conn:
        conn.execute(update(documents_table).values(extractor="0"))
    assert [d["name"] for d in store.stale()] == ["r"]
    again = store.save(v1())
    assert again == "reextracted" and again.name == "r"
    assert store.stale() == [] and store.counts()["facts"] == 2
    assert store.save(v1()) == "unchanged"


def test_a_newer_schema_is_refused(db_url):
    from sqlalchemy import insert

    from planledger.store import migrations_table

    s = open_store(db_url)
    with s.engine.begin() as conn:
        conn.execute(insert(migrations_table), [{"version": 99, "name": "future", "applied_at": "2030-01-01"}])
    s.close()
    with pytest.raises(StoreError, match="schema version 99, newer than this planledger knows"):
        open_store(db_url)


def test_failed_save_leaves_previous_state(store):
    store.save(v1())
    before = store.facts()
    bad = v2()
    bad.facts.append(fact("r", None, 3, 40))  # indicator is NOT NULL: the insert fails
    with pytest.raises(StoreError) as e:
        store.save(bad)
    assert "/x/r.txt" in str(e.value)
    assert store.facts() == before
    assert store.counts()["documents"] == 1
    assert store.documents()[0]["id"] == v1().document.sha256


def test_failure_after_delete_rolls_back(store, monkeypatch):
    store.save(v1())
    import planledger.store as mod

    insert_many = mod._insert_many

    def boom(conn, table, rows):
        if table is mod.facts_table:  # the old document is deleted, the new one's row inserted
            raise ValueError("simulated crash between delete and insert")
        insert_many(conn, table, rows)

    monkeypatch.setattr(mod, "_insert_many", boom)
    with pytest.raises(StoreError):
        store.save(v2())
    monkeypatch.undo()
    assert len(store.facts()) == 2
    assert store.save(v1()) == "unchanged"


@pytest.mark.parametrize("region", ["重庆", "重庆市"])
def test_region_filter_short_and_full(store, region):
    store.save(v1())
    store.save(processed("/x/n.txt", "全国", [fact("n", "国内生产总值", 6, 0)], region="全国"))
    assert {r["doc"] for r in store.facts(region=region)} == {"r"}
    assert {r["doc"] for r in store.facts(region="全国")} == {"n"}


@pytest.mark.parametrize("region", ["渝中", "渝中区"])
def test_region_filter_on_a_district(store, region):
    """A district's report is found by its short name as by its full one, as the ledger links it."""
    store.save(processed("/x/d.txt", "渝中区", [fact("d", "地区生产总值", 6, 0)], region="渝中区"))
    store.save(v1())
    assert {r["doc"] for r in store.facts(region=region)} == {"d"}


def test_filters(store):
    store.save(v1())
    assert [r["indicator"] for r in store.facts(indicator="工业")] == ["规上工业增加值"]
    assert [r["indicator"] for r in store.facts(indicator="industry_value_added")] == ["规上工业增加值"]
    assert store.facts(indicator="%") == []  # LIKE wildcards are escaped
    assert len(store.facts(doc="r", kind="target", period="2021")) == 2
    assert store.facts(kind="actual") == [] and store.facts(period="2022") == []
    row = store.facts(indicator="地区")[0]
    assert row["value"] == 6 and isinstance(row["value"], int)
    assert row["binding"] is None and row["estimated"] is False and row["region"] == "重庆市"


def test_duplicate_fact_kept_once(store):
    p = v1()
    p.facts.append(p.facts[0])
    assert store.save(p) == "added"
    assert store.counts()["facts"] == 2


def test_env_var_location(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANLEDGER_DB", str(tmp_path / "env.db"))
    s = open_store()
    s.save(v1())
    s.close()
    assert (tmp_path / "env.db").exists()


def test_unopenable_location_names_it(tmp_path):
    with pytest.raises(StoreError) as e:
        open_store(tmp_path / "no" / "such" / "dir" / "t.db")
    assert "t.db" in str(e.value)
    notdb = tmp_path / "notdb.db"
    notdb.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError) as e:
        open_store(notdb)
    assert "notdb.db" in str(e.value)


def test_migrations_are_recorded_and_run_once(store):
    from sqlalchemy import select

    from planledger.store import MIGRATIONS, migrate, migrations_table

    with store.engine.connect() as conn:
        versions = sorted(conn.execute(select(migrations_table.c.version)).scalars())
    assert versions == [v for v, _, _ in MIGRATIONS]
    assert migrate(store.engine) == []
    again = open_store(store.engine.url.render_as_string(hide_password=False))  # a second open: no-op
    assert again.counts()["documents"] == 0
    again.close()


def test_old_database_gains_the_new_indexes(tmp_path):
    """A database made before the migrations table (tables only) is brought up to date: new indexes are
    made, the redundant one dropped."""
    from sqlalchemy import create_engine, inspect

    from planledger.store import (documents_table, facts_table, failures_table, indicators_table, metadata,
                                  sections_table)

    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    for t in (documents_table, sections_table, facts_table, indicators_table, failures_table):
        t.create(engine)
        for ix in list(t.indexes):
            if ix.name == "ix_documents_path":
                ix.drop(engine)
    with engine.begin() as conn:  # the first schema also indexed facts.doc alone
        conn.exec_driver_sql("CREATE INDEX ix_facts_doc ON facts (doc)")
    assert "ix_documents_path" not in {i["name"] for i in inspect(engine).get_indexes("documents")}
    engine.dispose()
    s = open_store(path)
    s.save(v1())
    assert "ix_documents_path" in {i["name"] for i in inspect(s.engine).get_indexes("documents")}
    facts_indexes = {i["name"] for i in inspect(s.engine).get_indexes("facts")}
    assert "ix_facts_doc" not in facts_indexes and "ix_facts_doc_start" in facts_indexes
    assert metadata.tables["schema_migrations"] is not None
    s.close()


def test_known_hashes_and_forget_failures(store):
    store.save(v1())
    assert store.known_hashes() == {v1().document.sha256}
    store.record_failure("/x/bad.txt", "broken")
    store.record_failure("/x/other.txt", "broken")
    store.forget_failures(["/x/bad.txt"])
    assert [f["path"] for f in store.failures()] == ["/x/other.txt"]


def test_save_many_is_save_in_order_in_one_transaction(store):
    store.save(v1("/x/r.txt"))
    other = processed("/x/s.txt", "地区生产总值增长7%", [fact("s", "地区生产总值", 7, 6)])
    third = processed("/x/t.txt", "全国", [fact("t", "国内生产总值", 6, 0)], region="全国")
    assert store.save_many([v1("/x/r.txt"), other, third, other]) == ["unchanged", "added", "added", "unchanged"]
    assert store.save_many([v2("/x/r.txt")]) == ["replaced"]
    assert store.counts()["documents"] == 3 and store.counts()["facts"] == 3
    assert [r["indicator"] for r in store.facts(doc="r")] == ["居民人均可支配收入"]
    # the same stem twice in one batch: both kept, under unique names, in order
    both = store.save_many([v1("/y/r.txt"), v2("/z/r.txt")])
    assert both == ["added", "unchanged"] and both[0].name == "r (y)" and both[1].same_as == "r"
    assert [d["path"] for d in store.documents() if d["name"].startswith("r")] == ["/x/r.txt", "/y/r.txt"]


def test_save_many_failure_rolls_back_the_whole_batch(store):
    bad = v2("/x/bad.txt")
    bad.facts.append(fact("bad", None, 3, 40))  # indicator is NOT NULL
    good = processed("/x/s.txt", "地区生产总值增长7%", [fact("s", "地区生产总值", 7, 6)])
    with pytest.raises(StoreError):
        store.save_many([good, bad])
    assert store.counts()["documents"] == 0 and store.counts()["facts"] == 0


def test_save_many_with_a_shared_name_is_still_all_or_nothing(store):
    bad = v2("/z/r.txt")
    bad.facts.append(fact("r", None, 3, 40))  # indicator is NOT NULL
    with pytest.raises(StoreError):
        store.save_many([v1("/y/r.txt"), bad])
    assert store.counts()["documents"] == 0


def test_generation_grows_with_every_write_and_only_then(store):
    g0 = store.generation()
    assert store.generation() == g0 and store.facts() == [] and store.generation() == g0  # reads: no change
    store.save(v1())
    g1 = store.generation()
    assert g1 > g0
    store.save(v1())  # unchanged bytes: the transaction still ran, the number may grow; never shrink
    assert store.generation() >= g1
    store.record_failure("/x/bad.txt", "broken")
    assert store.generation() > g1


def test_analyze_refreshes_the_planner_statistics(store):
    store.save(v1())
    before = store.facts()
    store.analyze()
    assert store.facts() == before
    if store.engine.dialect.name == "postgresql":
        with store.engine.connect() as conn:
            analyzed = conn.exec_driver_sql(
                "SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'facts' "
                "AND schemaname = current_schema()").scalar_one()
        assert analyzed is not None


def test_analyze_that_fails_names_the_store(store, monkeypatch):
    from sqlalchemy.exc import OperationalError

    def broken():
        raise OperationalError("ANALYZE", {}, Exception("disk I/O error"))

    monkeypatch.setattr(store.engine, "begin", broken)
    with pytest.raises(StoreError) as e:
        store.analyze()
    assert str(e.value).startswith(store.location) and "cannot update the query statistics: " in str(e.value)


def test_a_database_without_documents_date_gains_it(tmp_path):
    """Migration 9: a store made before documents.date gets the column; a report's date is kept."""
    import sqlite3
    from dataclasses import replace

    path = tmp_path / "before9.db"
    s = open_store(path)
    s.save(v1())
    s.close()
    with sqlite3.connect(path) as conn:  # as migration 4 left it: no date column, 9 not recorded
        conn.execute("ALTER TABLE documents DROP COLUMN date")
        conn.execute("DELETE FROM schema_migrations WHERE version = 9")
    s = open_store(path)
    assert [d["date"] for d in s.documents()] == [None]
    later = v2("/x/later.txt")
    later.meta = replace(later.meta, date="2021-01-21")
    s.save(later)
    assert {d["name"]: d["date"] for d in s.documents()} == {"r": None, "later": "2021-01-21"}
    s.close()


def test_facts_keep_the_rules_that_made_them_and_an_old_store_gains_the_column(tmp_path):
    """Migration 10: facts.method; a stored fact keeps Fact.method (how it was named, what set its period)."""
    import sqlite3

    from conftest import seed_paths
    from planledger.pipeline import process

    path = tmp_path / "before10.db"
    s = open_store(path)
    s.save(v1())
    s.close()
    with sqlite3.connect(path) as conn:  # as migration 9 left it
        conn.execute("ALTER TABLE facts DROP COLUMN method")
        conn.execute("DELETE FROM schema_migrations WHERE version = 10")
    s = open_store(path)
    assert {f["method"] for f in s.facts()} == {None}
    processed = process(str(seed_paths()[1]))
    s.save(processed)
    stored = {(f["start"], f["indicator"]): f["method"] for f in s.facts() if f["doc"] == processed.document.doc_id}
    assert stored and all(m and ";" in m for m in stored.values())
    assert stored == {(f.start, f.indicator): f.method for f in processed.facts if (f.start, f.indicator) in stored}
    s.close()


def test_a_read_only_wal_store_can_be_read(tmp_path, monkeypatch):
    """A store on a read-only folder or mount: its WAL index (-shm) cannot be created, and it is read
    all the same (immutable); writing to it is one clear StoreError."""
    import os

    db = tmp_path / "ro.db"
    with open_store(db) as s:
        s.save(v1())
        with s.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert not (tmp_path / "ro.db-shm").exists()  # closed cleanly: the WAL files are gone
    writable = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if mode == os.W_OK else writable(p, mode, **kw))
    store = open_store(db)
    try:
        assert store.read_only
        assert [d["name"] for d in store.documents()] == ["r"] and len(store.facts()) == 2
        with pytest.raises(StoreError, match="the store is read-only"):
            store.save(v2("/x/other.txt"))
    finally:
        store.close()
    assert not (tmp_path / "ro.db-shm").exists()  # nothing was created beside it
