"""Shared fixtures: the seed documents shipped in examples/, the shared corpus and gold beside the repo."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "chongqing"
SHARED = ROOT.parent / "shared"
NATIONAL = SHARED / "corpus" / "national"
GOLD = SHARED / "gold"


def benchmark(name: str):
    """The script benchmarks/NAME.py as a module (registered in sys.modules: its dataclasses look their
    module up), for the tests of what it measures."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location(f"benchmarks_{name}", ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def national_paths() -> list[Path]:
    return sorted(NATIONAL.glob("national-*.txt")) if NATIONAL.is_dir() else []


@pytest.fixture(scope="session")
def processed_seeds():
    from planledger.pipeline import process

    return {p.stem: process(str(p)) for p in seed_paths()}


# -- the store on SQLite and on PostgreSQL ---------------------------------------------------------------
import contextlib  # noqa: E402
import os  # noqa: E402
import uuid  # noqa: E402

PG_URL = os.environ.get("PLANLEDGER_TEST_PG")  # postgresql+psycopg://…; .ci/run starts a throwaway server
BACKENDS = ["sqlite", "postgresql"]


@contextlib.contextmanager
def pg_schema_url():
    """An URL to a new, empty schema of the PLANLEDGER_TEST_PG database (dropped afterwards), so that
    each test sees a database of its own."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    schema = "t_" + uuid.uuid4().hex[:16]
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@contextlib.contextmanager
def backend_url(backend: str, folder: Path):
    """A fresh database: a SQLite file in ``folder``, or a new PostgreSQL schema (skipped without a server)."""
    if backend == "sqlite":
        yield str(folder / "store.db")
        return
    if not PG_URL:
        pytest.skip("no PostgreSQL: set PLANLEDGER_TEST_PG (.ci/run does)")
    with pg_schema_url() as url:
        yield url


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    with backend_url(request.param, tmp_path) as url:
        yield url


def assert_data_file_error(monkeypatch, module, rules, data: dict, file: str, problem: str, *caches) -> None:
    """``rules()`` (an lru_cached reader of a data file through ``module.load_yaml``) on ``data`` raises
    one DataFileError naming ``file`` and ``problem``; the caches are cleared before and after."""
    from planledger.errors import DataFileError

    monkeypatch.setattr(module, "load_yaml", lambda name: data)
    # the data comes through load_yaml, which the cache of built tables (lexicon.built_tables, keyed by
    # the data files' text) does not see: no cache folder, so that the rules are built from it
    monkeypatch.setenv("PLANLEDGER_CACHE_DIR", "")
    for cache in (rules, *caches):
        cache.cache_clear()
    try:
        with pytest.raises(DataFileError) as e:
            rules()
        assert file in str(e.value) and problem in str(e.value)
    finally:
        for cache in (rules, *caches):
            cache.cache_clear()
