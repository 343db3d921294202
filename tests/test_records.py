"""planledger.records: dataclasses whose generated methods' code is kept between processes.

A class made by ``records.dataclass`` must be the class ``dataclasses.dataclass`` makes (the same
methods, compiled from the same source the same way), from a cold cache and from the file; the package's
own records must be made from the file in a process after the first; a damaged cache is passed by."""
from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path
from typing import ClassVar

import pytest

from planledger import records

ROOT = Path(__file__).resolve().parent.parent

_METHODS = ("__init__", "__repr__", "__eq__", "__setattr__", "__delattr__", "__hash__", "__lt__", "__le__",
            "__gt__", "__ge__")


def _classes(decorate):
    """Classes of the kinds the package declares (plain, frozen, defaults, factories, ordered, slots,
    keyword-only, a ClassVar), each made by ``decorate``."""

    class Plain:
        a: int
        b: str = "x"
        c: list = dataclasses.field(default_factory=list)

    class Frozen:
        a: int
        b: tuple = ()
        note: ClassVar[str] = "not a field"

    class Ordered:
        a: int
        b: float = 0.0

    class Slotted:
        a: int
        b: str | None = None

    class Keywords:
        a: int
        b: int = dataclasses.field(default=3, kw_only=True)

    return [decorate(Plain), decorate(frozen=True)(Frozen), decorate(order=True)(Ordered),
            decorate(slots=True)(Slotted), decorate(Keywords)]


def _same_code(a, b) -> bool:
    return all(getattr(a, k) == getattr(b, k) for k in ("co_code", "co_consts", "co_names", "co_varnames",
                                                        "co_argcount", "co_kwonlyargcount", "co_flags"))


def _compare(made, expected) -> None:
    for mine, theirs in zip(made, expected):
        assert [f.name for f in dataclasses.fields(mine)] == [f.name for f in dataclasses.fields(theirs)]
        for name in _METHODS:
            m, t = mine.__dict__.get(name), theirs.__dict__.get(name)
            assert (m is None) == (t is None), (mine.__name__, name)
            if m is not None and hasattr(m, "__code__"):
                assert _same_code(m.__code__, t.__code__), (mine.__name__, name)
                assert m.__annotations__ == t.__annotations__, (mine.__name__, name)  # no future flags taken
                assert m.__defaults__ == t.__defaults__ and m.__kwdefaults__ == t.__kwdefaults__
    plain, frozen, ordered, slotted, keywords = made
    assert repr(plain(1)) == repr(expected[0](1)) and repr(plain(1)).endswith("Plain(a=1, b='x', c=[])") and plain(1) == plain(1) and plain(1).c is not plain(1).c
    with pytest.raises(dataclasses.FrozenInstanceError):
        frozen(1).a = 2
    assert hash(frozen(1, (2,))) == hash(frozen(1, (2,))) and frozen.note == "not a field"
    assert ordered(1) < ordered(2) and not hasattr(slotted(1), "__dict__") and keywords(1, b=4).b == 4


@pytest.fixture
def cold(tmp_path, monkeypatch):
    """An empty cache folder, and the module's state of this process set aside (and put back)."""
    saved = (records._code, set(records._used), set(records._new))
    monkeypatch.setenv("PLANLEDGER_CACHE_DIR", str(tmp_path))
    records._code, records._used, records._new = None, set(), set()
    yield tmp_path
    records._code, records._used, records._new = saved[0], saved[1], saved[2]


def test_a_record_is_the_dataclass_cold_and_from_the_file(cold):
    expected = _classes(dataclasses.dataclass)
    _compare(_classes(records.dataclass), expected)  # compiled here
    assert records._new
    records.save()
    assert records.cache_file().exists()
    records._code, records._new = None, set()
    _compare(_classes(records.dataclass), expected)  # read from the file
    assert not records._new
    assert not hasattr(dataclasses, "exec")  # the module's exec is its builtin again


def test_a_damaged_or_foreign_file_is_passed_by(cold):
    records._code = None
    _classes(records.dataclass)
    records.save()
    path = records.cache_file()
    for blob in (b"not marshal", path.read_bytes()[:-7]):
        path.write_bytes(blob)
        records._code = None
        _compare(_classes(records.dataclass), _classes(dataclasses.dataclass))
        assert records._new  # compiled again, written again at save
        records.save()


def test_the_package_records_come_from_the_file_after_the_first_process(tmp_path):
    """The second process that imports the pipeline compiles no dataclass method."""
    code = ("import planledger.pipeline, planledger.cli\nfrom planledger import records\n"
            "print(len(records._new), len(records._used))")
    env = {**os.environ, "PLANLEDGER_CACHE_DIR": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=ROOT, capture_output=True,
                           text=True).stdout.split() for _ in range(2)]
    (new1, used1), (new2, used2) = runs
    assert int(new1) > 50 and new1 == used1  # the first compiles every method it makes
    assert new2 == "0" and used2 == used1  # the second reads them all
