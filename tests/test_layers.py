"""The layers keep to themselves: a fact's fields are defined once (model.Fact) and every layer takes
them from there; no module of planledger uses another module's _private names."""
from __future__ import annotations

import ast
import dataclasses
import typing
from pathlib import Path

import pytest

from planledger import cli, spark
from planledger.evaluate import GOLD_FIELDS
from planledger.model import FACT_FIELDS, Document, DocumentMeta, Fact, fact_fields
from planledger.pipeline import Processed
from planledger.store import facts_table, open_store
from planledger.web import tables

PACKAGE = Path(__file__).resolve().parents[1] / "planledger"
NAMES = [f.name for f in dataclasses.fields(Fact)]


def test_the_store_columns_are_the_fields_of_fact_in_order():
    assert list(FACT_FIELDS) == NAMES
    assert [c.name for c in facts_table.columns] == ["id", "document_id", *NAMES]


@pytest.mark.parametrize("field", fact_fields(), ids=lambda f: f.name)
def test_each_field_has_its_column_type_null_and_size(field):
    column = facts_table.c[field.name]
    python = {"string": str, "double": float, "long": int, "boolean": bool}[field.type]
    assert column.type.python_type is python
    assert column.nullable == field.nullable
    assert getattr(column.type, "length", None) == field.size
    hint = typing.get_type_hints(Fact)[field.name]
    assert field.optional == (type(None) in typing.get_args(hint))
    assert field.nullable >= field.optional  # a field that may be None has a column that takes NULL


def test_the_parquet_schema_and_the_columns_shown_come_from_the_fields():
    assert [name for name, _ in spark.FACT_SCHEMA[:len(NAMES)]] == NAMES
    assert {kind for _, kind in spark.FACT_SCHEMA} <= {"string", "double", "long", "boolean"}
    listed = [f.name for f in fact_fields() if f.listed]
    assert cli.FACT_TABLE_COLUMNS == listed and {"doc", "indicator", "value", "unit", "quote"} <= set(listed)
    exported = [f.name for f in fact_fields() if f.exported]
    assert tables.FACT_COLUMNS == exported + ["region", "year"]
    # SPEC.md's fields lead the dataclass; the provenance follows them
    assert GOLD_FIELDS == NAMES[:NAMES.index("quote") + 1]


def test_a_fact_comes_back_from_the_store_with_every_field(tmp_path):
    fact = Fact(doc="r", kind="target", indicator="地区生产总值", measure="growth", value=6.0, value_high=6.5,
                unit="%", qualifier="range", period="2021", binding=None, estimated=False, quote="增长6—6.5%",
                sentence="地区生产总值增长6—6.5%。", start=8, end=14, page=None, canonical="gdp", section=0,
                method="segment")
    text = "2021年目标：地区生产总值增长6—6.5%。"
    processed = Processed(Document(path="r.txt", text=text, format="text", sha256="a" * 64),
                          DocumentMeta(region="重庆市", year=2021, doc_type="government_work_report"), [], [fact])
    with open_store(tmp_path / "s.db") as store:
        store.save(processed)
        [row] = store.facts()
    assert {name: row[name] for name in NAMES} == fact.to_dict()
    assert row["value"] == 6 and isinstance(row["value"], int)  # a whole number as an int, as to_dict gives it


def _private_uses(path: Path) -> list[str]:
    """``from x import _name`` and ``module._name`` of planledger's own modules in one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found, modules = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("planledger")):
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(f"{path.name}:{node.lineno}: from {node.module} import {alias.name}")
                modules.add(alias.asname or alias.name)
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
                and isinstance(node.value, ast.Name) and node.value.id in modules):
            found.append(f"{path.name}:{node.lineno}: {node.value.id}.{node.attr}")
    return found


def test_the_private_scan_finds_what_it_looks_for(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from .store import _plain_number, fact_id\nfrom . import spark\nfrom .web import tables\n"
                      "spark._read('x')\ntables.catalogue_entry(None)\n", encoding="utf-8")
    assert _private_uses(sample) == ["sample.py:1: from store import _plain_number", "sample.py:4: spark._read"]


def test_no_module_uses_another_modules_private_names():
    found = [use for path in sorted(PACKAGE.rglob("*.py")) for use in _private_uses(path)]
    assert found == []
