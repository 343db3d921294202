"""benchmarks/annotated.py: the gold of benchmarks/annotated is well formed, and the script names what is
missing when the reference scorer or a document is not beside the repository."""
from __future__ import annotations

import json
import shutil

import pytest

from conftest import ROOT, SHARED, benchmark


def _annotated():
    return benchmark("annotated")


def test_every_set_is_in_the_folder_with_its_passages():
    module = _annotated()
    for gold in module.SETS:
        rows = [json.loads(line) for line in (ROOT / "benchmarks" / "annotated" / gold).read_text("utf-8").splitlines()
                if line.strip()]
        docs = {r["doc"] for r in rows}
        assert rows and all(r["kind"] in ("target", "actual", "other") and r["quote"] for r in rows), gold
        for doc in docs:
            assert any((ROOT / "benchmarks" / "annotated" / "passages").glob(f"*-{doc}.passages.txt")), (gold, doc)
    assert module.BLIND <= set(module.SETS)


def test_a_missing_scorer_is_named(tmp_path, monkeypatch, capsys):
    module = _annotated()
    monkeypatch.setattr(module, "SHARED", str(tmp_path))
    assert module.main([]) == 1
    err = capsys.readouterr().err
    assert str(tmp_path / "gold" / "score.py") in err and "reference scorer" in err


@pytest.mark.skipif(not (SHARED / "gold" / "score.py").exists(), reason="shared/gold is not beside the repository")
def test_a_missing_document_is_named(tmp_path, monkeypatch, capsys):
    module = _annotated()
    (tmp_path / "gold").mkdir()
    shutil.copy(SHARED / "gold" / "score.py", tmp_path / "gold" / "score.py")
    monkeypatch.setattr(module, "SHARED", str(tmp_path))
    assert module.main([]) == 1
    err = capsys.readouterr().err
    first = next(iter(module.SETS))
    assert "a document of " + first + " is missing" in err and str(tmp_path) in err


def test_the_texts_in_the_repository_hold_every_quote_of_their_sets():
    # annotated/texts: the annotators' own texts; each quote is a substring (whitespace removed), as validate.py checks
    import re

    module = _annotated()
    here = ROOT / "benchmarks" / "annotated"
    sets = {g: f for g, f in module.SETS.items() if f.startswith("texts/")}
    assert sets
    for gold, folder in sets.items():
        for line in (here / gold).read_text("utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            text = re.sub(r"\s+", "", (here / folder / (row["doc"] + ".txt")).read_text("utf-8"))
            assert re.sub(r"\s+", "", row["quote"]) in text, (gold, row["quote"])
